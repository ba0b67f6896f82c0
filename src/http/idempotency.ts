import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.js';
import type { Context } from 'hono';
import type { Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../shared/errors.js';
import type { AppEnv } from './env.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * Runs a write in one transaction. With an `Idempotency-Key` header, the key, the request's hash
 * and the answer are stored in that same transaction: the same key and body later get the first
 * answer again (nothing is written twice, even across a crash), another body gets 409. A
 * concurrent request with the same key waits on the key's row and then gets the stored answer.
 * A write that fails stores nothing, the key included, so it can be retried.
 */
export async function idempotentWrite<T>(
  c: Context<AppEnv>,
  scope: string,
  body: unknown,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return inTransaction(c.var.db, fn);
  if (key.length < 1 || key.length > 255)
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 characters');
  const requestHash = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n${canonicalJson(body)}`)
    .digest('hex');
  return idempotentWriteHashed(c, scope, requestHash, fn);
}

/**
 * `idempotentWrite` for a body too large to hold (a settlement's, hashed as it was read): the
 * caller gives the request hash, sha256 of `${method} ${path}\n` and the body's canonical JSON.
 */
export async function idempotentWriteHashed<T>(
  c: Context<AppEnv>,
  scope: string,
  requestHash: string,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return inTransaction(c.var.db, fn);
  if (key.length < 1 || key.length > 255)
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 characters');
  return inTransaction(c.var.db, async (trx) => {
    const inserted = await trx
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: requestHash, status_code: null, response: null })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) {
      const stored = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (stored.request_hash !== requestHash)
        throw new AppError('idempotency_key_reused', `Idempotency-Key "${key}" was used before with another request`);
      return stored.response as T;
    }
    const result = await fn(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: 200, response: JSON.stringify(result) })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
    return JSON.parse(JSON.stringify(result)) as T;
  });
}

/** Idempotency keys of a signed-in user are theirs, in the company they work in. */
export function userScope(c: Context<AppEnv>): string {
  return `company:${c.var.companyId}:user:${c.var.user.id}`;
}
