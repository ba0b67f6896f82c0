import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AgencyEvent } from './types.js';

/**
 * Standard Webhooks (https://www.standardwebhooks.com), as Innfri signs its deliveries:
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`,
 * several space-separated while a secret is rotated. A `whsec_<base64>` secret is the base64 of
 * the key; any other secret is used as its UTF-8 bytes.
 */

/** Node's IncomingHttpHeaders, a plain record, or a fetch Headers. Names are matched case-insensitively. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way (default 300 s): older deliveries are replays. */
  toleranceSeconds?: number;
  /** "Now", for tests (default the clock). */
  now?: Date | number;
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    return Array.isArray(value) ? value.join(' ') : value;
  }
  return undefined;
}

function signingKey(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/**
 * Whether a delivery is genuine: `webhook-id`, a `webhook-timestamp` within the tolerance of now,
 * and a `v1` signature in `webhook-signature` that matches (compared in constant time). `rawBody`
 * must be the body exactly as received: parsing and re-serialising the JSON breaks the signature.
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): boolean {
  const id = headerValue(headers, 'webhook-id');
  const timestamp = headerValue(headers, 'webhook-timestamp');
  const signatures = headerValue(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d{1,15}$/.test(timestamp)) return false;
  const now = options.now ?? Date.now();
  const nowSeconds = Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.`).update(rawBody).digest();
  let valid = false;
  for (const candidate of signatures.split(' ')) {
    const comma = candidate.indexOf(',');
    if (comma < 0 || candidate.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(candidate.slice(comma + 1), 'base64');
    // Every candidate is checked (no early exit), each in constant time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) valid = true;
  }
  return valid;
}

export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
}

/**
 * The event a (verified) delivery carries: the same object as in the feed. Its `id` is the feed
 * position (`webhook-id` is `evt_<id>`): dedupe on either, deliveries are at least once.
 * Checks the shape lightly (the fields a handler needs); unknown fields and future types pass.
 */
export function parseWebhookEvent(rawBody: string | Uint8Array): AgencyEvent {
  const text =
    typeof rawBody === 'string'
      ? rawBody
      : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WebhookPayloadError('the webhook body is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new WebhookPayloadError('the webhook body is not an event object');
  const event = value as Record<string, unknown>;
  for (const field of ['id', 'type', 'occurredAt', 'clientId', 'invoiceId'] as const) {
    if (typeof event[field] !== 'string') throw new WebhookPayloadError(`the event has no ${field}`);
  }
  for (const field of ['amount', 'remainingAmount', 'invoiceNumber'] as const) {
    if (typeof event[field] !== 'number' || !Number.isInteger(event[field]))
      throw new WebhookPayloadError(`the event's ${field} is not an integer`);
  }
  return value as AgencyEvent;
}
