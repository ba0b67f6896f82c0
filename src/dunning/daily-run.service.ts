import { sql } from 'kysely';
import { type Db, refreshStatistics } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { approveAllDrafts } from '../collection/handover.service.js';
import { addDays } from '../shared/dates.js';
import { logError } from '../shared/error-log.js';
import { getDunningSettings, recordDecision } from './dunning.service.js';
import type { RateWarning } from './legal-rate.js';
import { loadRates } from './legal-rate.service.js';

export interface DailyRunResult {
  companyId: string;
  runDate: string;
  ran: boolean;
  expiredWaits: number;
  autoApproved: number;
  /** Half-years and years up to the run date without a legal figure of their own (never reused silently). */
  rateWarnings: RateWarning[];
}

/**
 * The day's run for one company: ends the waits that run out today (so the list computes the
 * next action again, and its log says why) and auto-approves drafts where the company wants it.
 * The (company, date) row is inserted first in the same transaction: a second run of the same day,
 * concurrent or later, finds it and does nothing.
 */
export async function runDaily(db: Db, companyId: string, runDate: string): Promise<DailyRunResult> {
  return inTransaction(db, async (trx) => {
    const rateWarnings = (await loadRates(trx)).warnings(runDate);
    const claimed = await trx
      .insertInto('daily_runs')
      .values({ company_id: companyId, run_date: runDate, summary: JSON.stringify({}) })
      .onConflict((oc) => oc.columns(['company_id', 'run_date']).doNothing())
      .returning('run_date')
      .executeTakeFirst();
    if (!claimed) return { companyId, runDate, ran: false, expiredWaits: 0, autoApproved: 0, rateWarnings };

    const expired = await sql<{ invoice_id: string; wait_until: string }>`
      select invoice_id, wait_until from (
        select distinct on (invoice_id) invoice_id, next_action, wait_until
        from dunning_decisions where company_id = ${companyId}
        order by invoice_id, id desc
      ) latest
      where next_action = 'wait' and wait_until is not null and wait_until <= ${runDate}`.execute(trx);
    for (const e of expired.rows) {
      await recordDecision(
        trx,
        companyId,
        e.invoice_id,
        { nextAction: null, reason: `the wait until ${e.wait_until} has ended` },
        { type: 'system', id: null },
      );
    }
    const settings = await getDunningSettings(trx, companyId);
    const approved = settings.autoApprove
      ? await approveAllDrafts(trx, companyId, { type: 'system', id: null }, 'auto', runDate)
      : [];
    const summary = {
      expiredWaits: expired.rows.length,
      autoApproved: approved.length,
      rateWarnings: rateWarnings.map((w) => `${w.kind} ${w.missingFrom}`),
    };
    await trx
      .updateTable('daily_runs')
      .set({ summary: JSON.stringify(summary) })
      .where('company_id', '=', companyId)
      .where('run_date', '=', runDate)
      .execute();
    return {
      companyId,
      runDate,
      ran: true,
      expiredWaits: summary.expiredWaits,
      autoApproved: summary.autoApproved,
      rateWarnings,
    };
  });
}

/** Runs every day not yet run, up to today (at most `maxDays` back), after downtime. */
export async function catchUpDailyRuns(
  db: Db,
  companyId: string,
  today: string,
  maxDays = 31,
): Promise<DailyRunResult[]> {
  const last = await db
    .selectFrom('daily_runs')
    .select((eb) => eb.fn.max('run_date').as('last'))
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  const earliest = addDays(today, -(maxDays - 1));
  let day = last?.last ? addDays(String(last.last), 1) : today;
  if (day < earliest) day = earliest;
  const results: DailyRunResult[] = [];
  for (; day <= today; day = addDays(day, 1)) results.push(await runDaily(db, companyId, day));
  return results;
}

export async function runDailyForAllCompanies(db: Db, today: string): Promise<DailyRunResult[]> {
  const companies = await db.selectFrom('companies').select('id').orderBy('created_at').execute();
  const results: DailyRunResult[] = [];
  for (const c of companies) results.push(...(await catchUpDailyRuns(db, c.id, today)));
  return results;
}

/** Runs the daily run now and then every `intervalMs`; returns a function that stops it. */
export function startDailyScheduler(
  db: Db,
  today: () => string,
  intervalMs = 15 * 60 * 1000,
  onError: (e: unknown) => void = (e) => logError('daily run failed', e),
  refreshStats = false,
  onWarning: (message: string) => void = console.warn,
): () => void {
  let running = false;
  const told = new Set<string>();
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const results = await runDailyForAllCompanies(db, today());
      // The figures are the same for every company: say each missing one once per process.
      for (const w of results.flatMap((r) => r.rateWarnings)) {
        const key = `${w.kind} ${w.missingFrom}`;
        if (told.has(key)) continue;
        told.add(key);
        onWarning(`daily run: ${w.detail}`);
      }
      if (refreshStats) await refreshStatistics(db);
    } catch (e) {
      onError(e);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
