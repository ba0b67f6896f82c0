import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database.js';

/** What `claimDue` claims from: a work table with a key and a `next_attempt_at` column. */
export interface ClaimSpec<Row> {
  /** The work table (`mail_messages`, `webhook_subscriptions`), named by the module that owns it. */
  table: string;
  /** Its primary key column. */
  key: string;
  /** The columns to return of each row claimed, as they are before the claim. */
  columns: ReadonlyArray<keyof Row & string>;
  /**
   * What else makes a row claimable besides being due, written against the alias `due` (the row):
   * e.g. sql`due.status = 'queued'`.
   */
  where: RawBuilder<unknown>;
  /** The clock: rows with `next_attempt_at <= at` are due. */
  at: Date;
  limit: number;
  /** How long the claim holds the rows: their `next_attempt_at` is moved to `at + leaseMs`. */
  leaseMs: number;
}

/**
 * Claims up to `limit` due rows of a work table for one worker, and leases them, in one statement
 * (no transaction of its own): the due rows are locked `for update skip locked` — a row another
 * worker, in this process or another, is claiming at the same moment is passed over, never taken
 * twice — and their `next_attempt_at` is moved to the lease's end, so nobody else claims them
 * until the lease runs out (a worker that died) or the holder releases or extends it (its writes
 * check `next_attempt_at = lease`, so a lease that was lost is noticed). Rows come back oldest due
 * first. Used by the outbox (mail/mail.worker.ts) and the webhook worker (agencies/webhook.service.ts).
 */
export async function claimDue<Row extends Record<string, unknown>>(
  db: Db,
  spec: ClaimSpec<Row>,
): Promise<{ rows: Row[]; lease: Date }> {
  const lease = new Date(spec.at.getTime() + spec.leaseMs);
  const limit = Math.max(0, Math.trunc(spec.limit));
  if (limit === 0) return { rows: [], lease };
  const table = sql.table(spec.table);
  const key = sql.ref(spec.key);
  const { rows } = await sql<Row & { claim_due_was: Date }>`
    with due as (
      select ${sql.join(spec.columns.map((c) => sql.ref(`due.${c}`)))}, due.next_attempt_at as claim_due_was
      from ${table} as due
      where due.next_attempt_at <= ${spec.at} and (${spec.where})
      order by due.next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update ${table} as t set next_attempt_at = ${lease}
    from due
    where t.${key} = due.${key}
    returning ${sql.join(spec.columns.map((c) => sql.ref(`due.${c}`)))}, due.claim_due_was`.execute(db);
  rows.sort((a, b) => a.claim_due_was.getTime() - b.claim_due_was.getTime());
  return { rows: rows.map(({ claim_due_was: _, ...row }) => row as unknown as Row), lease };
}
