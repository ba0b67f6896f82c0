import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../shared/errors.js';
import { MoneyRangeError } from '../shared/money.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  [extra: string]: unknown;
}

export function problemOf(error: AppError): Problem {
  // The standard members last: no extra figure may overwrite them.
  return {
    ...error.extra,
    type: `urn:innfri:problem:${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
  };
}

export function problemResponse(c: Context, error: AppError): Response {
  return c.body(JSON.stringify(problemOf(error)), error.status as 400, { 'content-type': 'application/problem+json' });
}

export function validationError(error: ZodError, where: string): AppError {
  const errors = error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = errors[0];
  return new AppError(
    'validation_failed',
    first
      ? `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
      : 'the request is not valid',
    { errors },
  );
}

interface PgError {
  code?: string;
  message?: string;
  constraint?: string;
}

/**
 * Turns whatever was thrown into an AppError. Database errors that the schema raises to guard
 * an invariant (a match beyond an open amount, an unbalanced voucher) become the same 4xx the
 * services would have given, so a race that slips past a service check still answers cleanly.
 */
export function toAppError(error: unknown, mediaType?: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError('payload_too_large', error.message || 'the body is too large');
    if (error.status === 400) return new AppError('invalid_json', error.message || 'the body is not valid JSON');
    if (error.status === 415)
      return new AppError(
        'unsupported_media_type',
        `the body's Content-Type is not one this endpoint takes: ${mediaType ?? 'application/json'}`,
      );
    return new AppError('internal', error.message);
  }
  // Input so deep that a recursive step ran out of stack: the input guard's depth limit should stop it first.
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return new AppError('validation_failed', 'the input is nested too deeply');
  // The money guards: an amount, or a sum of amounts, out of the range money is held in exactly.
  // Any other RangeError is a fault of ours and falls through to 500 (logged with its stack).
  if (error instanceof MoneyRangeError)
    return new AppError('validation_failed', `an amount is out of range: ${error.message}`);
  // Percent-encoding that does not decode (`%` alone, `%E0%A4%A`): only input does that.
  if (error instanceof URIError) return new AppError('validation_failed', 'a value is not properly percent-encoded');
  const pg = error as PgError;
  if (typeof pg?.code === 'string') {
    const message = pg.message ?? '';
    if (pg.code === '23505')
      return new AppError(
        'already_exists',
        `a record with the same unique value exists already${pg.constraint ? ` (${pg.constraint})` : ''}`,
      );
    if (pg.code === '23514' && message.startsWith('over_match'))
      return new AppError('amount_exceeds_open', 'another change took the open amount first; nothing was stored', {
        reason: 'changed_meanwhile',
      });
    if (pg.code === '23514' && message.includes('does not balance')) return new AppError('unbalanced_voucher', message);
    if (pg.code === '23503') return new AppError('not_found', 'a referenced record does not exist');
    if (pg.code === '55000') return new AppError('conflict', message);
    // Text the database cannot read as the type asked for (a malformed id or timestamp, a NUL byte): bad
    // input, not our fault. The schemas check each such value first; this is the net below them.
    if (pg.code === '22P02' || pg.code === '22021' || pg.code === '22007' || pg.code === '22008')
      return new AppError('validation_failed', 'a value is not in the form expected');
  }
  return new AppError('internal', 'an unexpected error occurred; nothing was stored');
}

/**
 * The routes' validation hook: a bad path id is answered as "not found", exactly as an id that is
 * not the caller's would be; any other validation failure is a 400 naming the fields.
 */
export function validationHook(
  result: { success: true; target: string } | { success: false; target: string; error: ZodError },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  if (result.target === 'param') return problemResponse(c, new AppError('not_found', 'not found'));
  return problemResponse(c, validationError(result.error, result.target === 'json' ? 'body' : result.target));
}
