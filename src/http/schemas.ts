import { z } from '@hono/zod-openapi';
import { AppError } from '../shared/errors.js';

import { MAX_AMOUNT, MAX_ORE } from '../shared/money.js';

/** The largest single amount accepted (shared/money.ts): 100 billion kroner. */
export { MAX_AMOUNT };

/*
 * Money in both APIs: these schemas and no other. Each checks what `ore()` checks (an integer in the
 * safe range) and is branded, so what it parses is an `Ore` and what a response gives it must be
 * one (a bare `number` does not compile). The brand is a type only: the JSON and the OpenAPI
 * documents show plain integers in øre.
 */

/** A positive amount in øre (integer minor units); never a float, never a string. */
export const PositiveOre = z
  .number()
  .int()
  .positive()
  .max(MAX_AMOUNT)
  .brand<'Ore'>()
  .openapi({ description: 'Amount in øre (1 kr = 100 øre), a positive integer', example: 125000 });
export const NonNegativeOre = z
  .number()
  .int()
  .min(0)
  .max(MAX_AMOUNT)
  .brand<'Ore'>()
  .openapi({ description: 'Amount in øre, an integer ≥ 0', example: 0 });
/** Any amount the APIs answer with: a figure, a sum, an open amount (an integer within ±2^53 − 1). */
export const OreAmount = z
  .number()
  .int()
  .min(-MAX_ORE)
  .max(MAX_ORE)
  .brand<'Ore'>()
  .openapi({ description: 'Amount in øre (1 kr = 100 øre), an integer' });
export const SignedOre = OreAmount.openapi({ description: 'Signed amount in øre: debit positive, credit negative' });

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not), leap years counted. */
function isCalendarDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * The range of every business date at the boundary (vouchers, invoices, payments, settlements,
 * letters, waits, query dates), on both APIs: one range in one place. Wide enough for any real
 * bookkeeping, narrow enough that no fiscal year 1, 1899 or 9999 comes into being and the database
 * never meets a year it cannot store (0000). Whether a date may be after today is a business rule,
 * decided elsewhere.
 */
export const MIN_DATE = '2000-01-01';
export const MAX_DATE = '2099-12-31';

function dateSchema(min: string, max: string, pattern: RegExp, what: string) {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `must be a date as YYYY-MM-DD, from ${min} to ${max}`)
    .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isCalendarDate(s), 'must be a real calendar date')
    .refine((s) => !isCalendarDate(s) || (s >= min && s <= max), `must be from ${min} to ${max}`)
    .openapi({
      format: 'date',
      pattern: pattern.source,
      description: `${what}: a calendar date YYYY-MM-DD from ${min} to ${max}`,
      example: '2026-11-20',
    });
}

/** A business date, `MIN_DATE` to `MAX_DATE`; anything else is 400 `validation_failed` naming the field. */
export const IsoDate = dateSchema(MIN_DATE, MAX_DATE, /^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'A date');

/** A person's birth date: from 1900-01-01 (the service refuses one after today). */
export const BirthDate = dateSchema(
  '1900-01-01',
  MAX_DATE,
  /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'A birth date',
);

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
/** A timestamp as the lists put it in their cursors: ISO 8601 in UTC (`…T…Z`) or PostgreSQL's text (`… …+01`). */
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * The fields of the lists' cursors, each checked as what it is before it reaches a query: a cursor
 * no list gave out (edited, or of another list) is 400 `validation_failed`, never a database error.
 */
export const CursorField = {
  timestamp: z
    .string()
    .regex(CURSOR_TIMESTAMP)
    .refine((t) => isCalendarDate(t.slice(0, 10))),
  uuid: z.string().uuid(),
  date: IsoDate,
  /** A number kept in an int column: an invoice, customer or voucher number, a fiscal year. */
  int: z.number().int().min(-2_147_483_648).max(2_147_483_647),
  /** A bigint serial id (a ledger entry, a bank entry line): a safe integer ≥ 0. */
  serial: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
};

export const Cursor = z.string().max(500).optional().openapi({ description: 'The nextCursor of the previous page' });
/**
 * A working list's search box (shared/search.ts): invoice number, customer (name or number), KID,
 * case number or amount; the list gives the rows where any of its fields matches.
 */
export const Search = z
  .string()
  .max(100)
  .optional()
  .openapi({ description: 'Search: invoice number, customer name or number, KID, case number, or amount (kr)' });

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

/** A route's 200 when it answers a PDF file. */
export const pdfResponse = {
  description: 'The PDF',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
};

/** A PDF file as the answer: shown inline under its file name, never cached. */
export function pdfFile(file: { filename: string; pdf: Buffer }): Response {
  return new Response(new Uint8Array(file.pdf), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${file.filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** Opaque cursors: base64url JSON, so their inner shape can change without breaking clients. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The next page's cursor of a keyset list: the last row's position when the page is full (there
 * may be more), null when it is not (the list ends here).
 */
export function cursorAfter<T>(rows: readonly T[], limit: number, position: (last: T) => unknown): string | null {
  const last = rows.at(-1);
  return rows.length === limit && last !== undefined ? encodeCursor(position(last)) : null;
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
