import type { MiddlewareHandler } from 'hono';
import { AppError } from '../shared/errors.js';

/**
 * The deepest nesting of arrays and objects a JSON body may have. The deepest body the APIs take
 * (a settlement: body → lines → line) is three levels; 32 leaves room and keeps every recursive
 * step after parsing (validation, hashing the body for idempotency) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 32;

/** U+0000, and a UTF-16 surrogate that is not half of a pair (only the `u` flag tells them apart). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string cannot be taken as text, or null when it can. PostgreSQL refuses NUL in text, and
 * a lone surrogate is no character at all (it cannot be written as UTF-8): both are refused at the
 * boundary, naming the field, instead of failing somewhere inside.
 */
export function badText(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate (not a character)';
  return null;
}

/** A 400 naming the field, shaped as the schema validation's own (`errors: [{path, message}]`). */
export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
}

/** Whether the JSON text nests arrays and objects deeper than `max`; a scan of the text, before any parsing. */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // a backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return false;
}

/** The first string (value or key) in `value` that `badText` refuses, as [path, reason]. */
function firstBadString(value: unknown, path: string): [string, string] | null {
  if (typeof value === 'string') {
    const why = badText(value);
    return why ? [path, why] : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstBadString(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyWhy = badText(key);
      // The key itself cannot be shown safely: name where it is.
      if (keyWhy) return [`${path} (a member name)`, keyWhy];
      const found = firstBadString(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

const JSON_TYPE = /^application\/([a-z-.]+\+)?json\s*(;|$)/i;

/**
 * Every API request's input is checked here once, before any route sees it: query values and
 * every string of a JSON body must be text PostgreSQL can store (no NUL, no lone surrogate), and a
 * JSON body may nest at most {@link MAX_JSON_DEPTH} levels (checked on the text, before parsing).
 * Refusals are 400 `validation_failed` naming the field. The parsed body is handed on to the
 * route's validator, so it is parsed once.
 */
export const inputGuard: MiddlewareHandler = async (c, next) => {
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (badText(key)) throw fieldError('query (a parameter name)', badText(key)!);
    for (const value of values) {
      const why = badText(value);
      if (why) throw fieldError(`query.${key}`, why);
    }
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    const text = await c.req.text();
    if (nestedDeeperThan(text, MAX_JSON_DEPTH))
      throw fieldError('body', `nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the route's validator answers that (invalid_json) as it always has.
      return next();
    }
    const bad = firstBadString(body, 'body');
    if (bad) throw fieldError(bad[0], bad[1]);
    c.req.bodyCache.json = Promise.resolve(body);
  }
  await next();
};
