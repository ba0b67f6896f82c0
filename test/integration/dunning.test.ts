import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyAgencies, createAgency, setAgencyActivation } from '../../src/agencies/agency.service.js';
import {
  approveHandover,
  listHandovers,
  rejectHandover,
  sendToCollection,
} from '../../src/collection/handover.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { catchUpDailyRuns, runDaily } from '../../src/collection/daily-run.service.js';
import {
  type Actor,
  recordDecision,
  reminderList,
  reminderListItem,
  sendLetter,
  updateDunningSettings,
} from '../../src/dunning/dunning.service.js';
import { addRate, loadRates } from '../../src/dunning/legal-rate.service.js';
import { listInvoiceEvents } from '../../src/ledger/invoice-event.repository.js';
import { getVoucher } from '../../src/ledger/voucher.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { refused } from '../support/assert.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice, openAmountOf } from '../support/fixtures.js';

const user: Actor = { type: 'user', id: null };

describe.each(BACKENDS)('reminder list and handover on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** A company with an active default agency and a customer; invoices due 2026-01-15 unless said. */
  async function setup(
    options: { notToCollection?: boolean; autoApprove?: boolean; sendsOwnCollectionNotice?: boolean } = {},
  ) {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id, { notToCollection: options.notToCollection });
    const agency = await inTransaction(db, async (trx) => {
      const a = await createAgency(trx, { name: `Byrå ${company.id.slice(0, 4)}` });
      await setAgencyActivation(trx, company.id, a.id, { active: true, isDefault: true }, null);
      return a;
    });
    await inTransaction(db, (trx) =>
      updateDunningSettings(
        trx,
        company.id,
        {
          autoApprove: options.autoApprove ?? false,
          sendsOwnCollectionNotice: options.sendsOwnCollectionNotice ?? true,
        },
        '2026-01-01',
      ),
    );
    const invoice = (net = 80_000, due = '2026-01-15') =>
      makeInvoice(db, company.id, customer.id, net, { issueDate: '2026-01-01', dueDate: due });
    return { company, customer, agency, invoice };
  }

  it('lists overdue invoices with next actions, interest and days overdue, oldest first', async () => {
    const { company, invoice } = await setup();
    const old = await invoice(80_000, '2026-01-15');
    const newer = await invoice(40_000, '2026-02-20');
    await invoice(40_000, '2026-03-20'); // not yet due on 2026-03-01
    const paid = await invoice(40_000, '2026-01-20');
    await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: paid.kid, amount: ore(50_000), paymentDate: '2026-01-25' }, null),
    );
    const { items } = await reminderList(db, company.id, { today: '2026-03-01', limit: 50 });
    expect(items.map((i) => i.invoiceId)).toEqual([old.id, newer.id]);
    expect(items[0]).toMatchObject({
      daysOverdue: 45,
      openAmount: 100_000,
      next: { nextAction: 'reminder', code: 'reminder_due' },
    });
    // 1 000,00 kr × 45 days × 12.00 % / 365 = 14,794… kr → 14,79 kr
    expect(items[0]!.interestAmount).toBe(1_479);
    expect(items[1]).toMatchObject({
      daysOverdue: 9,
      next: { nextAction: 'wait', code: 'before_first_reminder', waitUntil: '2026-03-06' },
    });
  });

  it('sends a reminder: records it, posts the capped fee as its own open item, and moves the next action', async () => {
    const { company, customer, invoice } = await setup();
    const inv = await invoice();
    const letter = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-02-01' }, user),
    );
    expect(letter).toMatchObject({ type: 'reminder', sequence: 1, dueDate: '2026-02-15', feeAmount: 3_500 }); // 700 kr / 20
    const voucher = await getVoucher(db, company.id, letter.voucherId!);
    expect(voucher.type).toBe('reminder_fee');
    expect(voucher.postings.map((p) => [p.account, p.amount, p.customerId])).toEqual([
      [1500, 3_500, customer.id],
      [3900, -3_500, null],
    ]);
    expect(await openAmountOf(db, letter.feeEntryId!)).toBe(3_500);
    expect(await openAmountOf(db, inv.receivableEntryId)).toBe(100_000); // the claim itself is untouched
    const during = await reminderListItem(db, company.id, inv.id, '2026-02-10');
    expect(during?.next).toMatchObject({
      nextAction: 'wait',
      code: 'letter_deadline_running',
      waitUntil: '2026-02-16',
    });
    expect(during?.feesOpenAmount).toBe(3_500);
    const after = await reminderListItem(db, company.id, inv.id, '2026-02-16');
    expect(after?.next).toMatchObject({ nextAction: 'collection_notice' });
    await refused(
      inTransaction(db, (trx) =>
        sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-02-10' }, user),
      ),
      'letter_not_allowed',
    );
  });

  it('sends no letter while a dated «Vent» stands (nothing recorded, no fee posted); on its last day it goes', async () => {
    const { company, invoice } = await setup();
    const inv = await invoice(100_000, '2026-01-15');
    await inTransaction(db, (trx) =>
      recordDecision(
        trx,
        company.id,
        inv.id,
        { nextAction: 'wait', waitUntil: '2026-02-10', reason: 'Kunden har lovet å betale neste uke' },
        user,
      ),
    );
    const vouchersBefore = await db
      .selectFrom('vouchers')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('company_id', '=', company.id)
      .executeTakeFirstOrThrow();
    await refused(
      inTransaction(db, (trx) =>
        sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-02-05' }, user),
      ),
      'letter_not_allowed',
    );
    expect(await db.selectFrom('reminders').select('id').where('invoice_id', '=', inv.id).execute()).toEqual([]);
    expect(
      await db
        .selectFrom('vouchers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('company_id', '=', company.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(vouchersBefore);
    const sent = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-02-10' }, user),
    );
    expect(sent).toMatchObject({ type: 'reminder', dueDate: '2026-02-24' });
  });

  it('charges at most two fees per claim, capped by the sats in force on each send date', async () => {
    const { company, invoice } = await setup();
    await inTransaction(db, (trx) =>
      updateDunningSettings(trx, company.id, { remindersBeforeCollection: 3 }, '2025-06-01'),
    );
    const inv = await makeInvoice(
      db,
      company.id,
      (await db.selectFrom('customers').select('id').where('company_id', '=', company.id).executeTakeFirstOrThrow()).id,
      80_000,
      { issueDate: '2025-11-01', dueDate: '2025-11-15' },
    );
    void invoice;
    const first = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2025-12-01' }, user),
    );
    const second = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-01-05' }, user),
    );
    const third = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-02-01' }, user),
    );
    expect([first.feeAmount, second.feeAmount, third.feeAmount]).toEqual([3_500, 3_500, 0]); // 700/20 in 2025 and 2026, no third fee
    expect([first.sequence, second.sequence, third.sequence]).toEqual([1, 2, 3]);
    expect(third.voucherId).toBeNull();
    expect((await balances(db, company.id))[3900]).toBe(-(3_500 + 3_500));
  });

  it('hands over: collection → draft → approved (invoice.available to that agency) → recalled back to «Vent»', async () => {
    const { company, agency, invoice } = await setup({ sendsOwnCollectionNotice: false });
    const inv = await invoice();
    await refused(
      inTransaction(db, (trx) => sendToCollection(trx, company.id, inv.id, { today: '2026-01-28' }, user)),
      'not_eligible',
    ); // due+13
    const draft = await inTransaction(db, (trx) =>
      sendToCollection(trx, company.id, inv.id, { today: '2026-01-29' }, user),
    );
    expect(draft).toMatchObject({ state: 'draft', agencyId: agency.id, openAmount: 100_000 });
    expect((await reminderList(db, company.id, { today: '2026-01-29', limit: 10 })).items).toEqual([]); // off the reminder list
    expect(
      (
        await refused(
          inTransaction(db, (trx) => sendToCollection(trx, company.id, inv.id, { today: '2026-01-29' }, user)),
          'already_in_collection',
        )
      ).extra,
    ).toEqual({ reason: 'draft', invoiceNumber: inv.invoiceNumber });
    expect(
      (
        await refused(
          inTransaction(db, (trx) =>
            sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-01-29' }, user),
          ),
          'already_in_collection',
        )
      ).extra,
    ).toEqual({ reason: 'draft', invoiceNumber: inv.invoiceNumber });
    const approved = await inTransaction(db, (trx) => approveHandover(trx, company.id, draft.id, user));
    expect(approved).toMatchObject({ state: 'approved', approval: 'user' });
    expect(
      (
        await refused(
          inTransaction(db, (trx) => approveHandover(trx, company.id, draft.id, user)),
          'invalid_transition',
        )
      ).extra,
    ).toEqual({ reason: 'handover_approved', state: 'approved' });
    // A payment while approved is an event for the agency that has the invoice.
    await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: inv.kid, amount: ore(10_000), paymentDate: '2026-01-30' }, null),
    );
    const recalled = await inTransaction(db, (trx) =>
      rejectHandover(trx, company.id, draft.id, 'Kunden har ringt og betaler', user),
    );
    expect(recalled).toMatchObject({
      state: 'recalled',
      endedByType: 'user',
      endReason: 'Kunden har ringt og betaler',
    });
    await refused(
      inTransaction(db, (trx) => rejectHandover(trx, company.id, draft.id, 'igjen', user)),
      'invalid_transition',
    );
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 10, invoiceId: inv.id });
    expect(events.map((e) => [e.type, e.agencyId, e.remainingAmount])).toEqual([
      ['invoice.available', agency.id, 100_000],
      ['invoice.payment', agency.id, 90_000],
      ['invoice.recalled', agency.id, 90_000],
    ]);
    const back = await reminderListItem(db, company.id, inv.id, '2026-02-01');
    expect(back?.next).toMatchObject({ nextAction: 'wait', code: 'override', overridden: true });
    expect(back?.decision).toMatchObject({
      nextAction: 'wait',
      reason: 'Kunden har ringt og betaler',
      actorType: 'user',
    });
    // Payments after the recall are no longer the agency's business.
    await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: inv.kid, amount: ore(10_000), paymentDate: '2026-02-02' }, null),
    );
    const last = (await listInvoiceEvents(db, company.id, { after: 0, limit: 10, invoiceId: inv.id })).at(-1);
    expect(last).toMatchObject({ type: 'invoice.payment', agencyId: null });
  });

  it('rejects a draft back to the reminder list with «Vent», reason and who; the draft never reaches the agency', async () => {
    const { company, invoice } = await setup({ sendsOwnCollectionNotice: false });
    const inv = await invoice();
    const draft = await inTransaction(db, (trx) =>
      sendToCollection(trx, company.id, inv.id, { today: '2026-02-01' }, user),
    );
    const rejected = await inTransaction(db, (trx) => rejectHandover(trx, company.id, draft.id, 'Feil kunde', user));
    expect(rejected.state).toBe('rejected');
    const approveRejected = await refused(
      inTransaction(db, (trx) => approveHandover(trx, company.id, draft.id, user)),
      'invalid_transition',
    );
    expect(approveRejected.extra).toEqual({ reason: 'handover_rejected', state: 'rejected' });
    expect(await listInvoiceEvents(db, company.id, { after: 0, limit: 10, invoiceId: inv.id })).toEqual([]);
    const item = await reminderListItem(db, company.id, inv.id, '2026-02-02');
    expect(item?.next.nextAction).toBe('wait');
    expect(item?.decision?.reason).toBe('Feil kunde');
  });

  it('takes a new late-payment interest rate only from a half-year (1 January or 1 July), saying why with the date', async () => {
    const before = (await loadRates(db)).all();
    const error = await refused(
      inTransaction(db, (trx) =>
        addRate(trx, { kind: 'late_payment_interest', validFrom: '2027-03-01', value: 1_300, source: 'test' }),
      ),
      'validation_failed',
    );
    expect(error.extra).toEqual({ reason: 'interest_not_half_year', validFrom: '2027-03-01' });
    expect((await loadRates(db)).all()).toEqual(before);
  });

  it('never hands over a paid invoice, an excluded customer’s or a disputed one', async () => {
    const paidSetup = await setup();
    const paid = await paidSetup.invoice();
    await inTransaction(db, (trx) =>
      registerPayment(
        trx,
        paidSetup.company.id,
        { kid: paid.kid, amount: ore(100_000), paymentDate: '2026-01-20' },
        null,
      ),
    );
    await refused(
      inTransaction(db, (trx) => sendToCollection(trx, paidSetup.company.id, paid.id, { today: '2026-03-01' }, user)),
      'not_eligible',
    );

    const excluded = await setup({ notToCollection: true });
    const inv = await excluded.invoice();
    await refused(
      inTransaction(db, (trx) => sendToCollection(trx, excluded.company.id, inv.id, { today: '2026-03-01' }, user)),
      'not_eligible',
    );
    await inTransaction(db, (trx) =>
      recordDecision(trx, excluded.company.id, inv.id, { nextAction: 'collection', reason: 'prøver' }, user),
    );
    expect((await reminderListItem(db, excluded.company.id, inv.id, '2026-03-01'))?.next).toMatchObject({
      nextAction: 'wait',
      code: 'not_to_collection',
    });
    await refused(
      inTransaction(db, (trx) =>
        sendLetter(trx, excluded.company.id, inv.id, { type: 'collection_notice', sendDate: '2026-03-01' }, user),
      ),
      'letter_not_allowed',
    );

    const disputed = await setup();
    const d = await disputed.invoice();
    await inTransaction(db, (trx) =>
      recordDecision(trx, disputed.company.id, d.id, { disputed: true, reason: 'Kunden bestrider' }, user),
    );
    await refused(
      inTransaction(db, (trx) => sendToCollection(trx, disputed.company.id, d.id, { today: '2026-03-01' }, user)),
      'not_eligible',
    );
    expect((await reminderListItem(db, disputed.company.id, d.id, '2026-03-01'))?.next).toMatchObject({
      nextAction: 'wait',
      code: 'disputed',
    });
    expect(
      await db
        .selectFrom('handovers')
        .select('id')
        .where('company_id', 'in', [paidSetup.company.id, excluded.company.id, disputed.company.id])
        .execute(),
    ).toEqual([]);
  });

  it('waits 14 days after the last letter’s deadline before collection', async () => {
    const { company, invoice } = await setup({ sendsOwnCollectionNotice: false });
    const inv = await invoice();
    await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, inv.id, { type: 'reminder', sendDate: '2026-02-10' }, user),
    ); // deadline 2026-02-24
    await refused(
      inTransaction(db, (trx) => sendToCollection(trx, company.id, inv.id, { today: '2026-02-23' }, user)),
      'not_eligible',
    );
    expect((await reminderListItem(db, company.id, inv.id, '2026-02-25'))?.next).toMatchObject({
      nextAction: 'collection',
      code: 'collection_due',
    });
    const draft = await inTransaction(db, (trx) =>
      sendToCollection(trx, company.id, inv.id, { today: '2026-02-25' }, user),
    );
    expect(draft.state).toBe('draft');
  });

  it('auto-approves where the company wants it, and the daily run does it exactly once per day, catching up', async () => {
    const auto = await setup({ autoApprove: true, sendsOwnCollectionNotice: false });
    const inv = await auto.invoice();
    const handover = await inTransaction(db, (trx) =>
      sendToCollection(trx, auto.company.id, inv.id, { today: '2026-02-01' }, user),
    );
    expect(handover).toMatchObject({ state: 'approved', approval: 'auto' });

    const { company, invoice } = await setup({ sendsOwnCollectionNotice: false });
    const a = await invoice();
    const b = await invoice();
    await inTransaction(db, (trx) => sendToCollection(trx, company.id, a.id, { today: '2026-02-01' }, user));
    await inTransaction(db, (trx) =>
      recordDecision(
        trx,
        company.id,
        b.id,
        { nextAction: 'wait', waitUntil: '2026-02-03', reason: 'venter på svar' },
        user,
      ),
    );
    await inTransaction(db, (trx) => updateDunningSettings(trx, company.id, { autoApprove: true }, '2026-02-01'));
    const [first, again] = await Promise.all([
      runDaily(db, company.id, '2026-02-01'),
      runDaily(db, company.id, '2026-02-01'),
    ]);
    expect([first.ran, again.ran].sort()).toEqual([false, true]);
    expect(first.ran ? first.autoApproved : again.autoApproved).toBe(1);
    expect((await listHandovers(db, company.id, { states: ['approved'], limit: 10 })).map((h) => h.invoiceId)).toEqual([
      a.id,
    ]);
    // Downtime: nothing ran on the 2nd and 3rd; catching up runs each day once, and the wait ends on the 3rd.
    const caught = await catchUpDailyRuns(db, company.id, '2026-02-04');
    expect(caught.map((r) => [r.runDate, r.ran])).toEqual([
      ['2026-02-02', true],
      ['2026-02-03', true],
      ['2026-02-04', true],
    ]);
    expect(caught.map((r) => r.expiredWaits)).toEqual([0, 1, 0]);
    expect(await catchUpDailyRuns(db, company.id, '2026-02-04')).toEqual([]);
    const runs = await db
      .selectFrom('daily_runs')
      .select('run_date')
      .where('company_id', '=', company.id)
      .orderBy('run_date')
      .execute();
    expect(runs.map((r) => r.run_date)).toEqual(['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04']);
    expect((await reminderListItem(db, company.id, b.id, '2026-02-04'))?.next.overridden).toBe(false);
  });

  it('hands an invoice only to an active agency of the company', async () => {
    const { company, invoice } = await setup({ sendsOwnCollectionNotice: false });
    const inv = await invoice();
    const other = await inTransaction(db, (trx) => createAgency(trx, { name: 'Ikke aktivert' }));
    await refused(
      inTransaction(db, (trx) =>
        sendToCollection(trx, company.id, inv.id, { today: '2026-02-01', agencyId: other.id }, user),
      ),
      'agency_not_active',
    );
    const draft = await inTransaction(db, (trx) =>
      sendToCollection(trx, company.id, inv.id, { today: '2026-02-01' }, user),
    );
    await refused(
      inTransaction(db, (trx) => setAgencyActivation(trx, company.id, draft.agencyId, { active: false }, null)),
      'conflict',
    );
    // Collection's guard refused it (agencies does not read handovers): the agency is still active.
    const still = (await companyAgencies(db, company.id)).find((a) => a.id === draft.agencyId);
    expect(still).toMatchObject({ active: true });
    // Once the draft is rejected nothing waits for the agency, and the deactivation goes through.
    await inTransaction(db, (trx) => rejectHandover(trx, company.id, draft.id, 'ikke likevel', user));
    const after = await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, draft.agencyId, { active: false }, null),
    );
    expect(after).toMatchObject({ id: draft.agencyId, active: false });
  });
});
