import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.js';
import type { Context } from 'hono';
import type { Db, Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../shared/errors.js';
import type { AppEnv } from './env.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The key was stored by another request (committed): this transaction's write is rolled back. */
class KeyTaken extends Error {}

/**
 * Runs a write in one transaction. With an `Idempotency-Key` header, the key, the request's hash
 * and the answer are stored in that same transaction: the same key and body later get the first
 * answer again (nothing is written twice, even across a crash), another body gets 409. A write
 * that fails stores nothing, the key included, so it can be retried.
 *
 * The key is stored once, at the end of the write, with its answer: one statement, not an insert
 * before the write and an update after it (issue 15: the busiest writes carry a key). Its primary
 * key is what makes the write once-only: a request whose key another request stored first —
 * before (a retry) or at the same time (the insert waits for the other transaction and then
 * conflicts) — rolls its own write back and answers with the stored answer. A write that fails
 * looks for the key too (a retry whose first attempt already did the work may fail on its
 * effects: «already paid»), waiting for a concurrent request that holds it, and answers with the
 * stored answer if there is one. The price is that a replay does the write's work again before it
 * is rolled back; a replay is the rare case.
 */
export async function idempotentWrite<T>(
  c: Context<AppEnv>,
  scope: string,
  body: unknown,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return inTransaction(c.var.db, fn);
  checkKey(key);
  const requestHash = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n${canonicalJson(body)}`)
    .digest('hex');
  return keyedWrite(c.var.db, scope, key, requestHash, fn);
}

/**
 * `idempotentWrite` for a body too large to hold (a settlement's, hashed as it was read): the
 * caller gives the request hash, sha256 of `${method} ${path}\n` and the body's canonical JSON.
 * It looks for a stored answer first, so that a replay of a 50 000-line settlement answers at once
 * instead of doing the whole write again before it is rolled back.
 */
export async function idempotentWriteHashed<T>(
  c: Context<AppEnv>,
  scope: string,
  requestHash: string,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return inTransaction(c.var.db, fn);
  checkKey(key);
  const stored = await readStored(c.var.db, scope, key);
  if (stored && stored.response !== null) return answerOf<T>(stored, key, requestHash);
  return keyedWrite(c.var.db, scope, key, requestHash, fn);
}

function checkKey(key: string): void {
  if (key.length < 1 || key.length > 255)
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 characters');
}

function answerOf<T>(stored: { request_hash: string; response: unknown }, key: string, requestHash: string): T {
  if (stored.request_hash !== requestHash)
    throw new AppError('idempotency_key_reused', `Idempotency-Key "${key}" was used before with another request`);
  return stored.response as T;
}

/** The write and its key in one transaction; the key stored at the end with the answer. */
async function keyedWrite<T>(
  db: Db,
  scope: string,
  key: string,
  requestHash: string,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  try {
    return await inTransaction(db, async (trx) => {
      const result = await fn(trx);
      const response = JSON.stringify(result);
      const inserted = await trx
        .insertInto('idempotency_keys')
        .values({ scope, key, request_hash: requestHash, status_code: 200, response })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) throw new KeyTaken();
      return JSON.parse(response) as T;
    });
  } catch (error) {
    // The write's own error stands when the key cannot be looked at (the database is gone).
    const stored = await storedAnswer(db, scope, key, error instanceof KeyTaken).catch(() => null);
    if (!stored) throw error;
    return answerOf<T>(stored, key, requestHash);
  }
}

/**
 * The answer stored under a key, or null when there is none. Unless the key is known to be stored
 * (`taken`), it is first inserted in a transaction that is rolled back: that waits for a request
 * still holding the key, so its answer is seen once it commits.
 */
async function storedAnswer(
  db: Db,
  scope: string,
  key: string,
  taken: boolean,
): Promise<{ request_hash: string; response: unknown } | null> {
  if (!taken) {
    const free = await db
      .transaction()
      .execute(async (trx) => {
        const mine = await trx
          .insertInto('idempotency_keys')
          .values({ scope, key, request_hash: '', status_code: null, response: null })
          .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
          .returning('key')
          .executeTakeFirst();
        throw mine ? new KeyTaken('free') : new KeyTaken('stored'); // never kept: rolled back
      })
      .catch((e: unknown) => (e instanceof KeyTaken ? e.message === 'free' : Promise.reject(e)));
    if (free) return null;
  }
  return readStored(db, scope, key);
}

async function readStored(
  db: Db,
  scope: string,
  key: string,
): Promise<{ request_hash: string; response: unknown } | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ?? null;
}

/** Idempotency keys of a signed-in user are theirs, in the company they work in. */
export function userScope(c: Context<AppEnv>): string {
  return `company:${c.var.companyId}:user:${c.var.user.id}`;
}
