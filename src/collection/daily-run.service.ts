import { type Db, refreshStatistics } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { claimDailyRun, endExpiredWaits, lastDailyRunDate, recordDailyRunSummary } from '../dunning/daily-run.js';
import { getDunningSettings } from '../dunning/dunning.service.js';
import type { RateWarning } from '../dunning/legal-rate.js';
import { loadRates } from '../dunning/legal-rate.service.js';
import { addDays } from '../shared/dates.js';
import { logError, logWarning } from '../shared/error-log.js';
import { allCompanyIds } from '../tenancy/company.service.js';
import { approveAllDrafts } from './handover.service.js';
import { queueLettersForEmailDelivery } from '../mail/mail.service.js';

export interface DailyRunResult {
  companyId: string;
  runDate: string;
  ran: boolean;
  expiredWaits: number;
  autoApproved: number;
  /** Letters put in the e-mail outbox (where the company chose e-mail delivery), and those left for post. */
  emailed: number;
  emailSkipped: number;
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
  const result = await inTransaction(db, async (trx) => {
    const rateWarnings = (await loadRates(trx)).warnings(runDate);
    if (!(await claimDailyRun(trx, companyId, runDate)))
      return {
        companyId,
        runDate,
        ran: false,
        expiredWaits: 0,
        autoApproved: 0,
        emailed: 0,
        emailSkipped: 0,
        rateWarnings,
      };
    const expiredWaits = await endExpiredWaits(trx, companyId, runDate);
    const settings = await getDunningSettings(trx, companyId);
    const approved = settings.autoApprove
      ? await approveAllDrafts(trx, companyId, { type: 'system', id: null }, 'auto', runDate)
      : [];
    const summary = {
      expiredWaits,
      autoApproved: approved.length,
      rateWarnings: rateWarnings.map((w) => `${w.kind} ${w.missingFrom}`),
    };
    await recordDailyRunSummary(trx, companyId, runDate, summary);
    return {
      companyId,
      runDate,
      ran: true,
      expiredWaits: summary.expiredWaits,
      autoApproved: summary.autoApproved,
      emailed: 0,
      emailSkipped: 0,
      rateWarnings,
    };
  });
  if (!result.ran) return result;
  // Where the company chose e-mail delivery, its letters recorded for e-mail go to the outbox (the
  // worker sends them); each in a transaction of its own, after the day's row is committed.
  const mail = await queueLettersForEmailDelivery(db, companyId, (fn) => inTransaction(db, fn));
  return {
    ...result,
    emailed: mail.queued,
    emailSkipped: Object.values(mail.skipped).reduce((s, n) => s + (n ?? 0), 0),
  };
}

/** Runs every day not yet run, up to today (at most `maxDays` back), after downtime. */
export async function catchUpDailyRuns(
  db: Db,
  companyId: string,
  today: string,
  maxDays = 31,
): Promise<DailyRunResult[]> {
  const last = await lastDailyRunDate(db, companyId);
  const earliest = addDays(today, -(maxDays - 1));
  let day = last ? addDays(last, 1) : today;
  if (day < earliest) day = earliest;
  const results: DailyRunResult[] = [];
  for (; day <= today; day = addDays(day, 1)) results.push(await runDaily(db, companyId, day));
  return results;
}

/** Every company's daily run; `stop()` true ends it between two companies (a server shutting down). */
export async function runDailyForAllCompanies(
  db: Db,
  today: string,
  stop: () => boolean = () => false,
): Promise<DailyRunResult[]> {
  const results: DailyRunResult[] = [];
  for (const companyId of await allCompanyIds(db)) {
    if (stop()) break;
    results.push(...(await catchUpDailyRuns(db, companyId, today)));
  }
  return results;
}

/** Runs the daily run now and then every `intervalMs`; returns a function that stops it. */
export function startDailyScheduler(
  db: Db,
  today: () => string,
  intervalMs = 15 * 60 * 1000,
  onError: (e: unknown) => void = (e) => logError('daily run failed', e),
  refreshStats = false,
  onWarning: (message: string) => void = (message) => logWarning(message),
  onRun?: (seconds: number, ok: boolean) => void,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const told = new Set<string>();
  const run = async () => {
    const started = performance.now();
    let ok = false;
    try {
      const results = await runDailyForAllCompanies(db, today(), () => stopped);
      // The figures are the same for every company: say each missing one once per process.
      for (const w of results.flatMap((r) => r.rateWarnings)) {
        const key = `${w.kind} ${w.missingFrom}`;
        if (told.has(key)) continue;
        told.add(key);
        onWarning(`daily run: ${w.detail}`);
      }
      if (refreshStats) await refreshStatistics(db);
      ok = true;
    } catch (e) {
      onError(e);
    } finally {
      onRun?.((performance.now() - started) / 1000, ok);
      running = undefined;
    }
  };
  const tick = () => {
    if (running || stopped) return;
    running = run();
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  // Stopping waits for the company whose run is under way (its own transaction, never cut off
  // half-way); the companies after it wait for the next start, which catches up on missed days.
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
