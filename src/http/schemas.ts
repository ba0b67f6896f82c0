import { z } from '@hono/zod-openapi';
import { AppError } from '../shared/errors.js';

/**
 * The largest single amount accepted: 100 billion kroner. Far above any invoice, and low enough that
 * no realistic sum of amounts can leave the range where JavaScript numbers are exact.
 */
export const MAX_AMOUNT = 10_000_000_000_000;

/** A positive amount in øre (integer minor units); never a float, never a string. */
export const PositiveOre = z
  .number()
  .int()
  .positive()
  .max(MAX_AMOUNT)
  .openapi({ description: 'Amount in øre (1 kr = 100 øre), a positive integer', example: 125000 });
export const NonNegativeOre = z
  .number()
  .int()
  .min(0)
  .max(MAX_AMOUNT)
  .openapi({ description: 'Amount in øre, an integer ≥ 0', example: 0 });
export const SignedOre = z
  .number()
  .int()
  .min(Number.MIN_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER)
  .openapi({ description: 'Signed amount in øre: debit positive, credit negative' });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= '1900-01-01' && s <= '2999-12-31';
  }, 'must be a real calendar date')
  .openapi({ format: 'date', example: '2026-11-20' });

export const Uuid = z.string().uuid();

export const AccountNumber = z
  .number()
  .int()
  .min(1000)
  .max(9999)
  .openapi({ description: 'Account number in the chart (NS 4102)', example: 1920 });

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(100)
  .openapi({ description: 'Page size (max 1000)' });
export const Cursor = z.string().max(500).optional().openapi({ description: 'The nextCursor of the previous page' });

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
  })
  .passthrough()
  .openapi('Problem');

/** Responses every route may give, described once. */
export const problemResponses = {
  400: { description: 'Bad input', content: { 'application/problem+json': { schema: ProblemSchema } } },
  401: { description: 'Not signed in', content: { 'application/problem+json': { schema: ProblemSchema } } },
  403: {
    description: 'Role or CSRF token does not allow it',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  404: { description: 'Not found (or not yours)', content: { 'application/problem+json': { schema: ProblemSchema } } },
  409: { description: 'Conflict', content: { 'application/problem+json': { schema: ProblemSchema } } },
  422: { description: 'Breaks a business rule', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } } as const;
}

export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

/** Opaque cursors: base64url JSON, so their inner shape can change without breaking clients. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends z.ZodTypeAny>(cursor: string | undefined, schema: T): z.infer<T> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // not base64url JSON: answered below
  }
  throw new AppError('validation_failed', 'query.cursor: not a cursor this list gave out');
}
