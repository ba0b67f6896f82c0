import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.js';
import type { Db, Trx } from '../db/database.js';
import { AppError } from '../shared/errors.js';

/** A company's books locked up to and including `lockedTo` (e.g. after the VAT return). */
export interface PeriodLock {
  lockedTo: string;
  lockedBy: { id: string | null; name: string };
  lockedAt: string;
}

/** Who locks or unlocks: a signed-in admin (`id`) or the command line (`id` null). */
export interface LockSetter {
  id: string | null;
  name: string;
}

async function newestLockRow(db: Db | Trx, companyId: string) {
  return db
    .selectFrom('period_locks')
    .select([
      'locked_to',
      'set_by',
      'set_by_name',
      sql<string>`to_char(set_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('set_at'),
    ])
    .where('company_id', '=', companyId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The company's lock, or null when its books are open. */
export async function currentPeriodLock(db: Db | Trx, companyId: string): Promise<PeriodLock | null> {
  const row = await newestLockRow(db, companyId);
  if (!row?.locked_to) return null;
  return { lockedTo: row.locked_to, lockedBy: { id: row.set_by, name: row.set_by_name }, lockedAt: row.set_at };
}

/** The refusal of a voucher dated in a locked period: which lock, and who set it. */
export function periodLockedError(date: string, lock: PeriodLock): AppError {
  return new AppError(
    'validation_failed',
    `the voucher date ${date} is in a locked period: the books are locked up to ${lock.lockedTo} (by ${lock.lockedBy.name}, ${lock.lockedAt})`,
    {
      reason: 'period_locked',
      date,
      lockedTo: lock.lockedTo,
      lockedBy: lock.lockedBy,
      lockedByName: lock.lockedBy.name,
      lockedAt: lock.lockedAt,
    },
    422,
  );
}

/**
 * Refuses a voucher date on or before the company's lock (422 `validation_failed`, reason
 * `period_locked`). Called by `postVoucher`, through which every voucher is posted; a trigger on
 * `vouchers` refuses the same (migration 0013).
 */
export async function assertPeriodOpen(trx: Trx, companyId: string, date: string): Promise<void> {
  const lock = await currentPeriodLock(trx, companyId);
  if (lock && date <= lock.lockedTo) throw periodLockedError(date, lock);
}

/**
 * The trigger's refusal (a voucher that raced a lock, or an insert past `postVoucher`) as the same
 * AppError; the lock's figures come with it, as the transaction can read nothing more.
 */
export function periodLockedFromDb(error: unknown, date: string): AppError | null {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e?.code !== '23514' || e.constraint !== 'vouchers_period_locked') return null;
  let d: { lockedTo?: string; lockedBy?: string | null; lockedByName?: string; lockedAt?: string } = {};
  try {
    d = JSON.parse(e.detail ?? '{}');
  } catch {
    // The message alone still says it is locked.
  }
  return periodLockedError(date, {
    lockedTo: d.lockedTo ?? '?',
    lockedBy: { id: d.lockedBy ?? null, name: d.lockedByName ?? '?' },
    lockedAt: d.lockedAt ?? '?',
  });
}

/** Serialises a lock with the company's vouchers (the trigger takes the same key shared). */
async function takeLockKey(trx: Trx, companyId: string): Promise<void> {
  // The key from the uuid as the database spells it (the trigger's NEW.company_id::text), whatever
  // case the caller's string has.
  await sql`select pg_advisory_xact_lock(hashtextextended('innfri_period_lock:' || ${companyId}::uuid::text, 0))`.execute(
    trx,
  );
}

/**
 * Locks the company's books up to and including `to`. The lock only moves forward: a date before
 * the present lock is refused (`lock_backwards`; unlock first), the same date changes nothing. Not
 * after today (`date_in_future`). Recorded in the audit trail (`period.locked`).
 */
export async function lockPeriod(
  trx: Trx,
  companyId: string,
  to: string,
  by: LockSetter,
  today: string,
): Promise<PeriodLock> {
  if (to > today)
    throw new AppError(
      'validation_failed',
      `the books can be locked up to today (${today}) at the latest, not ${to}`,
      { reason: 'date_in_future', date: to, today },
      422,
    );
  await takeLockKey(trx, companyId);
  const before = await currentPeriodLock(trx, companyId);
  if (before && to < before.lockedTo)
    throw new AppError(
      'validation_failed',
      `the books are locked up to ${before.lockedTo} (by ${before.lockedBy.name}); a lock only moves forward — unlock to reopen a period`,
      {
        reason: 'lock_backwards',
        lockedTo: before.lockedTo,
        lockedBy: before.lockedBy,
        lockedByName: before.lockedBy.name,
        lockedAt: before.lockedAt,
      },
      422,
    );
  if (before && to === before.lockedTo) return before;
  await trx
    .insertInto('period_locks')
    .values({ company_id: companyId, locked_to: to, set_by: by.id, set_by_name: by.name })
    .execute();
  const after = (await currentPeriodLock(trx, companyId))!;
  await recordAudit(trx, {
    companyId,
    kind: 'period.locked',
    subjectIds: [companyId],
    before: before ? { lockedTo: before.lockedTo } : { lockedTo: null },
    after: { lockedTo: to },
  });
  return after;
}

/**
 * Reopens the books: back to an earlier lock date `to`, or fully (`to` null). Only an admin does it
 * (the routes and the CLI), and it is recorded in the audit trail (`period.unlocked`) with the lock
 * it lifted. Refused when nothing is locked (`not_locked`) or `to` is not before the lock
 * (`unlock_not_earlier`: moving forward is a lock).
 */
export async function unlockPeriod(
  trx: Trx,
  companyId: string,
  to: string | null,
  by: LockSetter,
): Promise<PeriodLock | null> {
  await takeLockKey(trx, companyId);
  const before = await currentPeriodLock(trx, companyId);
  if (!before) throw new AppError('validation_failed', 'the books are not locked', { reason: 'not_locked' }, 422);
  if (to !== null && to >= before.lockedTo)
    throw new AppError(
      'validation_failed',
      `unlocking goes back: ${to} is not before the lock (${before.lockedTo}); to move the lock forward, lock`,
      { reason: 'unlock_not_earlier', lockedTo: before.lockedTo },
      422,
    );
  await trx
    .insertInto('period_locks')
    .values({ company_id: companyId, locked_to: to, set_by: by.id, set_by_name: by.name })
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: 'period.unlocked',
    subjectIds: [companyId],
    before: { lockedTo: before.lockedTo, lockedBy: before.lockedBy, lockedAt: before.lockedAt },
    after: { lockedTo: to },
  });
  return currentPeriodLock(trx, companyId);
}
