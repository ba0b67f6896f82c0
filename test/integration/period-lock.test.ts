import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { listAudit } from '../../src/audit/audit.service.js';
import { createCase } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { approveSettlement, receiveSettlement, type SettlementInput } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { sendLetter, updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { createManualVoucher } from '../../src/ledger/manual-voucher.service.js';
import { currentPeriodLock, lockPeriod, unlockPeriod } from '../../src/ledger/period-lock.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import type { AppError } from '../../src/shared/errors.js';
import { ore } from '../../src/shared/money.js';
import { refused } from '../support/assert.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';

/*
 * Locked periods (issue 17): no voucher dated on or before a company's lock is posted, by any path —
 * the ledger's `postVoucher` refuses it (422 validation_failed, reason period_locked, with the lock and
 * who set it) and the vouchers trigger refuses it in the database. Nothing of a refused write stays.
 */

const TODAY = '2026-11-20';
const LOCK_TO = '2026-10-31';
const LOCKED_DAY = '2026-10-15';
const user = { type: 'user' as const, id: null };

async function count(
  db: Db,
  table: 'vouchers' | 'payments' | 'credit_notes' | 'reminders' | 'settlements',
  companyId: string,
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function expectLocked(error: AppError, date: string, lockedTo: string, by: string) {
  expect(error.status).toBe(422);
  expect(error.extra).toMatchObject({ reason: 'period_locked', date, lockedTo, lockedBy: { name: by } });
  expect(error.detail).toContain(lockedTo);
}

describe.each(BACKENDS)('locked periods on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** A company with an agency active, a customer and an overdue invoice in collection (case K-1), and one at home. */
  async function world() {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const admin = await makeUser(db, company.id, 'admin');
    const { agency } = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Lås Inkasso AS' }));
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const customer = await makeCustomer(db, company.id);
    const home = await makeInvoice(db, company.id, customer.id, 80_000, {
      issueDate: '2026-03-01',
      dueDate: '2026-03-15',
    });
    const away = await makeInvoice(db, company.id, customer.id, 80_000, {
      issueDate: '2026-08-01',
      dueDate: '2026-08-15',
    });
    await inTransaction(db, async (trx) => {
      const draft = await sendToCollection(trx, company.id, away.id, { today: TODAY }, user);
      await approveHandover(trx, company.id, draft.id, user, 'user', TODAY);
      await createCase(trx, agency.id, company.id, { caseNumber: 'K-1', invoiceIds: [away.id] });
    });
    return { company, admin, agency, customer, home, away };
  }

  const settlement = (reference: string, date: string, invoiceId: string): SettlementInput => ({
    reference,
    settlementDate: date,
    bankAmount: ore(50_000),
    lines: [{ caseNumber: 'K-1', invoiceId, type: 'principal', amount: ore(50_000) }],
  });

  it('refuses every voucher-posting path dated in the locked period, and stores nothing', async () => {
    const w = await world();
    const by = { id: w.admin.id, name: w.admin.name };
    await inTransaction(db, (trx) => lockPeriod(trx, w.company.id, LOCK_TO, by, TODAY));
    const before = {
      vouchers: await count(db, 'vouchers', w.company.id),
      payments: await count(db, 'payments', w.company.id),
      creditNotes: await count(db, 'credit_notes', w.company.id),
      reminders: await count(db, 'reminders', w.company.id),
      settlements: await count(db, 'settlements', w.company.id),
      balances: await balances(db, w.company.id),
    };
    const attempts: Array<[string, () => Promise<unknown>]> = [
      [
        'manual voucher',
        () =>
          inTransaction(db, (trx) =>
            createManualVoucher(
              trx,
              w.company.id,
              {
                date: LOCKED_DAY,
                description: 'Korrigering',
                lines: [
                  { account: 1920, side: 'debit', amount: ore(1_000) },
                  { account: 8050, side: 'credit', amount: ore(1_000) },
                ],
              },
              null,
            ),
          ),
      ],
      [
        'payment',
        () =>
          inTransaction(db, (trx) =>
            registerPayment(
              trx,
              w.company.id,
              { amount: ore(10_000), paymentDate: LOCKED_DAY, invoiceId: w.home.id },
              null,
            ),
          ),
      ],
      [
        'credit note',
        () =>
          inTransaction(db, (trx) =>
            createCreditNote(trx, w.company.id, w.home.id, { issueDate: LOCKED_DAY, reason: 'Feil pris' }, null),
          ),
      ],
      [
        'write-off',
        () =>
          inTransaction(db, (trx) =>
            writeOffInvoice(trx, w.company.id, w.home.id, { date: LOCKED_DAY, reason: 'Konkurs' }, null),
          ),
      ],
      [
        'letter with a fee',
        () =>
          inTransaction(db, (trx) =>
            sendLetter(trx, w.company.id, w.home.id, { type: 'reminder', sendDate: LOCKED_DAY }, user),
          ),
      ],
      [
        'settlement posted on receipt',
        () =>
          inTransaction(db, (trx) =>
            receiveSettlement(trx, w.agency.id, w.company.id, settlement('S-LOCK-1', LOCKED_DAY, w.away.id)),
          ),
      ],
    ];
    for (const [label, attempt] of attempts) {
      const error = await refused(attempt(), 'validation_failed');
      expect(error.extra.reason, label).toBe('period_locked');
      expectLocked(error, LOCKED_DAY, LOCK_TO, w.admin.name);
      expect((error.extra.lockedBy as { id: string }).id, label).toBe(w.admin.id);
    }
    // The lock's own last day is locked too.
    const onTheDay = await refused(
      inTransaction(db, (trx) =>
        registerPayment(trx, w.company.id, { amount: ore(10_000), paymentDate: LOCK_TO, invoiceId: w.home.id }, null),
      ),
      'validation_failed',
    );
    expect(onTheDay.extra.reason).toBe('period_locked');
    expect({
      vouchers: await count(db, 'vouchers', w.company.id),
      payments: await count(db, 'payments', w.company.id),
      creditNotes: await count(db, 'credit_notes', w.company.id),
      reminders: await count(db, 'reminders', w.company.id),
      settlements: await count(db, 'settlements', w.company.id),
      balances: await balances(db, w.company.id),
    }).toEqual(before);

    // The day after the lock is open.
    const paid = await inTransaction(db, (trx) =>
      registerPayment(
        trx,
        w.company.id,
        { amount: ore(10_000), paymentDate: '2026-11-01', invoiceId: w.home.id },
        null,
      ),
    );
    expect(paid.amount).toBe(10_000);
    expect(await count(db, 'vouchers', w.company.id)).toBe(before.vouchers + 1);
  });

  it('refuses the approval of a settlement whose date a lock set meanwhile covers; it stays waiting', async () => {
    const w = await world();
    await inTransaction(db, (trx) =>
      updateDunningSettings(trx, w.company.id, { settlementsNeedApproval: true }, TODAY),
    );
    const { settlement: pending } = await inTransaction(db, (trx) =>
      receiveSettlement(trx, w.agency.id, w.company.id, settlement('S-LOCK-2', '2026-11-10', w.away.id)),
    );
    expect(pending.status).toBe('pending_approval');
    const vouchers = await count(db, 'vouchers', w.company.id);
    await inTransaction(db, (trx) =>
      lockPeriod(trx, w.company.id, '2026-11-15', { id: w.admin.id, name: w.admin.name }, TODAY),
    );
    const error = await refused(
      inTransaction(db, (trx) => approveSettlement(trx, w.company.id, pending.id, w.admin.id)),
      'validation_failed',
    );
    expectLocked(error, '2026-11-10', '2026-11-15', w.admin.name);
    const row = await db
      .selectFrom('settlements')
      .select(['status', 'voucher_id'])
      .where('id', '=', pending.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending_approval', voucher_id: null });
    expect(await count(db, 'vouchers', w.company.id)).toBe(vouchers);
    // No audit row for the refused approval either.
    const audit = await listAudit(db, w.company.id, { kind: 'settlement', limit: 10 });
    expect(audit.data).toEqual([]);
  });

  it('the database refuses a voucher in a locked period inserted past the ledger', async () => {
    const w = await world();
    await inTransaction(db, (trx) =>
      lockPeriod(trx, w.company.id, LOCK_TO, { id: null, name: 'innfri CLI (test)' }, TODAY),
    );
    const direct = (date: string) =>
      db.transaction().execute((trx) =>
        sql`insert into vouchers (company_id, fiscal_year, number, type, voucher_date, description)
            values (${w.company.id}, 2026, 9999, 'manual', ${date}, 'past the ledger')`.execute(trx),
      );
    const error = await direct(LOCKED_DAY).then(
      () => null,
      (e: unknown) => e as { code?: string; constraint?: string; message?: string; detail?: string },
    );
    expect(error?.code).toBe('23514');
    expect(error?.message).toContain('period_locked');
    expect(JSON.parse(error?.detail ?? '{}')).toMatchObject({ lockedTo: LOCK_TO, lockedByName: 'innfri CLI (test)' });
    expect(await count(db, 'vouchers', w.company.id)).toBe(
      (await db.selectFrom('vouchers').select('id').where('company_id', '=', w.company.id).execute()).length,
    );
    const stored = await db
      .selectFrom('vouchers')
      .select('id')
      .where('company_id', '=', w.company.id)
      .where('voucher_date', '=', LOCKED_DAY)
      .execute();
    expect(stored).toEqual([]);
    // Another company's books are not locked by it.
    const other = await makeCompany(db);
    const otherCustomer = await makeCustomer(db, other.id);
    await makeInvoice(db, other.id, otherCustomer.id, 10_000, { issueDate: LOCKED_DAY, dueDate: '2026-10-29' });
  });

  it('a lock only moves forward; unlocking is explicit, audited, and reopens the period', async () => {
    const w = await world();
    const by = { id: w.admin.id, name: w.admin.name };
    const first = await inTransaction(db, (trx) => lockPeriod(trx, w.company.id, '2026-09-30', by, TODAY));
    expect(first).toMatchObject({ lockedTo: '2026-09-30', lockedBy: by });
    const back = await refused(
      inTransaction(db, (trx) => lockPeriod(trx, w.company.id, '2026-08-31', by, TODAY)),
      'validation_failed',
    );
    expect(back.extra).toMatchObject({ reason: 'lock_backwards', lockedTo: '2026-09-30' });
    const future = await refused(
      inTransaction(db, (trx) => lockPeriod(trx, w.company.id, '2026-11-21', by, TODAY)),
      'validation_failed',
    );
    expect(future.extra.reason).toBe('date_in_future');
    // The same date again changes nothing (no second row, no second audit row).
    await inTransaction(db, (trx) => lockPeriod(trx, w.company.id, '2026-09-30', by, TODAY));
    await inTransaction(db, (trx) => lockPeriod(trx, w.company.id, LOCK_TO, by, TODAY));
    const forward = await refused(
      inTransaction(db, (trx) => unlockPeriod(trx, w.company.id, '2026-11-05', by)),
      'validation_failed',
    );
    expect(forward.extra.reason).toBe('unlock_not_earlier');
    expect(await inTransaction(db, (trx) => unlockPeriod(trx, w.company.id, '2026-09-30', by))).toMatchObject({
      lockedTo: '2026-09-30',
    });
    // October is open again.
    await inTransaction(db, (trx) =>
      registerPayment(trx, w.company.id, { amount: ore(1_000), paymentDate: LOCKED_DAY, invoiceId: w.home.id }, null),
    );
    expect(await inTransaction(db, (trx) => unlockPeriod(trx, w.company.id, null, by))).toBeNull();
    expect(await currentPeriodLock(db, w.company.id)).toBeNull();
    const notLocked = await refused(
      inTransaction(db, (trx) => unlockPeriod(trx, w.company.id, null, by)),
      'validation_failed',
    );
    expect(notLocked.extra.reason).toBe('not_locked');

    const trail = await listAudit(db, w.company.id, { kind: 'period', limit: 10 });
    expect(trail.data.map((e) => [e.kind, e.before, e.after])).toEqual([
      ['period.unlocked', expect.objectContaining({ lockedTo: '2026-09-30' }), { lockedTo: null }],
      ['period.unlocked', expect.objectContaining({ lockedTo: LOCK_TO }), { lockedTo: '2026-09-30' }],
      ['period.locked', { lockedTo: '2026-09-30' }, { lockedTo: LOCK_TO }],
      ['period.locked', { lockedTo: null }, { lockedTo: '2026-09-30' }],
    ]);
    // The history rows are append-only too.
    const edit = await db
      .transaction()
      .execute((trx) => sql`update period_locks set locked_to = null where company_id = ${w.company.id}`.execute(trx))
      .then(
        () => null,
        (e: unknown) => e as { code?: string },
      );
    expect(edit?.code).toBe('55000');
  });

  it.runIf(backend === 'postgres')(
    'a voucher racing a lock: it waits for the lock to commit, then the database refuses it (422 period_locked)',
    async () => {
      const w = await world();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let lockTaken!: () => void;
      const taken = new Promise<void>((resolve) => {
        lockTaken = resolve;
      });
      const locking = inTransaction(db, async (trx) => {
        const lock = await lockPeriod(trx, w.company.id, LOCK_TO, { id: w.admin.id, name: w.admin.name }, TODAY);
        lockTaken();
        await gate;
        return lock;
      });
      await taken;
      // The lock is not committed: the ledger's own check passes, the insert waits on the lock key.
      const paying = inTransaction(db, (trx) =>
        registerPayment(
          trx,
          w.company.id,
          { amount: ore(10_000), paymentDate: LOCKED_DAY, invoiceId: w.home.id },
          null,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await locking;
      const error = await refused(paying, 'validation_failed');
      expectLocked(error, LOCKED_DAY, LOCK_TO, w.admin.name);
      expect(await count(db, 'payments', w.company.id)).toBe(0);
    },
  );
});
