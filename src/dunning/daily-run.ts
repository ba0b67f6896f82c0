import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { recordDecision } from './dunning.service.js';

/**
 * Dunning's part of the daily run (`collection/daily-run.service.ts` runs the day): the
 * (company, date) row of `daily_runs`, and the waits that run out.
 */

/**
 * Claims the day for the company: inserts its (company, date) row, or finds it there already
 * (then the day has run, or is running in another transaction that this one waits for).
 */
export async function claimDailyRun(trx: Trx, companyId: string, runDate: string): Promise<boolean> {
  const claimed = await trx
    .insertInto('daily_runs')
    .values({ company_id: companyId, run_date: runDate, summary: JSON.stringify({}) })
    .onConflict((oc) => oc.columns(['company_id', 'run_date']).doNothing())
    .returning('run_date')
    .executeTakeFirst();
  return claimed !== undefined;
}

/**
 * Ends the waits whose date has come: a system decision in the log says so. Returns how many. Reads
 * only the invoices whose newest decision is a «Vent» dated by the run date (`dunning_latest_decisions`,
 * kept by a trigger on every decision; migration 0017), not the company's decision history.
 */
export async function endExpiredWaits(trx: Trx, companyId: string, runDate: string): Promise<number> {
  const expired = await sql<{ invoice_id: string; wait_until: string }>`
    select invoice_id, wait_until from dunning_latest_decisions
    where company_id = ${companyId} and wait_until is not null and wait_until <= ${runDate}
    order by wait_until, invoice_id`.execute(trx);
  for (const e of expired.rows) {
    await recordDecision(
      trx,
      companyId,
      e.invoice_id,
      { nextAction: null, reason: `the wait until ${e.wait_until} has ended` },
      { type: 'system', id: null },
    );
  }
  return expired.rows.length;
}

/** Keeps what the day's run did on its row. */
export async function recordDailyRunSummary(
  trx: Trx,
  companyId: string,
  runDate: string,
  summary: { expiredWaits: number; autoApproved: number; rateWarnings: string[] },
): Promise<void> {
  await trx
    .updateTable('daily_runs')
    .set({ summary: JSON.stringify(summary) })
    .where('company_id', '=', companyId)
    .where('run_date', '=', runDate)
    .execute();
}

/** The last day the company's run ran, if ever. */
export async function lastDailyRunDate(db: Db | Trx, companyId: string): Promise<string | null> {
  const last = await db
    .selectFrom('daily_runs')
    .select((eb) => eb.fn.max('run_date').as('last'))
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return last?.last ? String(last.last) : null;
}
