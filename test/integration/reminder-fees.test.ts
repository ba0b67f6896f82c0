/**
 * Reminder fees follow their claim (issue 11, defect 6): «Avskriv» writes off the claim's open fee
 * items in the same voucher, a settlement's fee line closes them (matched) before any fee income,
 * and the customer ledger names the invoice each fee belongs to. On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { createCase } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { receiveSettlement } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { sendLetter } from '../../src/dunning/dunning.service.js';
import { listOpenItems } from '../../src/ledger/open-item.service.js';
import { getVoucher } from '../../src/ledger/voucher.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { refused } from '../support/assert.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice, openAmountOf } from '../support/fixtures.js';
import { ore } from '../../src/shared/money.js';

const TODAY = '2026-11-20';
const user = { type: 'user' as const, id: null };
const FEE = 3_500; // 700 kr / 20

describe.each(BACKENDS)('reminder fees follow their claim on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** An invoice of 1 250 kr due 2026-08-15 with a reminder and a collection notice: two fee items of 35 kr. */
  async function claimWithFees(companyId?: string) {
    const company = companyId ? { id: companyId } : await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 100_000, {
      issueDate: '2026-08-01',
      dueDate: '2026-08-15',
    });
    const reminder = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, invoice.id, { type: 'reminder', sendDate: '2026-09-01' }, user),
    );
    const notice = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, invoice.id, { type: 'collection_notice', sendDate: '2026-09-16' }, user),
    );
    const fees = [reminder.feeEntryId!, notice.feeEntryId!];
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([FEE, FEE]);
    return { company, customer, invoice, fees };
  }

  it('Avskriv of the whole invoice writes off its open fees in the same voucher, each matched', async () => {
    const { company, invoice, fees } = await claimWithFees();
    const done = await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, invoice.id, { date: TODAY, reason: 'Konkurs' }, null),
    );
    expect(done.amount).toBe(125_000);
    expect(done.fees.map((f) => [f.entryId, f.amount])).toEqual([
      [fees[0], FEE],
      [fees[1], FEE],
    ]);
    const voucher = await getVoucher(db, company.id, done.voucherId);
    expect(voucher.type).toBe('write_off');
    expect(voucher.postings.map((p) => [p.account, p.amount])).toEqual([
      [7830, 125_000],
      [1500, -125_000],
      [7830, FEE],
      [1500, -FEE],
      [7830, FEE],
      [1500, -FEE],
    ]);
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(0);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([0, 0]);
    const matches = await db
      .selectFrom('matches')
      .select(['debit_posting_id', 'credit_posting_id', 'amount'])
      .where('company_id', '=', company.id)
      .where('debit_posting_id', 'in', fees)
      .orderBy('debit_posting_id')
      .execute();
    expect(matches.map((m) => [m.debit_posting_id, m.credit_posting_id, m.amount])).toEqual(
      done.fees.map((f) => [f.entryId, f.creditEntryId, FEE]),
    );
    expect((await balances(db, company.id))[1500]).toBe(0);
  });

  it('includeFees: false leaves the fees open; a later Avskriv of the closed invoice clears them alone', async () => {
    const { company, invoice, fees } = await claimWithFees();
    const first = await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, invoice.id, { date: TODAY, reason: 'Tap', includeFees: false }, null),
    );
    expect(first.fees).toEqual([]);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([FEE, FEE]);

    const second = await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, invoice.id, { date: TODAY, reason: 'Gebyrene også' }, null),
    );
    expect([second.amount, second.entryId, second.matchId]).toEqual([0, null, null]);
    expect(second.fees.map((f) => f.amount)).toEqual([FEE, FEE]);
    expect((await getVoucher(db, company.id, second.voucherId)).postings.map((p) => [p.account, p.amount])).toEqual([
      [7830, FEE],
      [1500, -FEE],
      [7830, FEE],
      [1500, -FEE],
    ]);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([0, 0]);
    // Nothing left on the claim: refused as before, nothing posted.
    const vouchersBefore = await db.selectFrom('vouchers').select('id').where('company_id', '=', company.id).execute();
    await refused(
      inTransaction(db, (trx) => writeOffInvoice(trx, company.id, invoice.id, { date: TODAY, reason: 'x' }, null)),
      'amount_exceeds_open',
    );
    expect(await db.selectFrom('vouchers').select('id').where('company_id', '=', company.id).execute()).toHaveLength(
      vouchersBefore.length,
    );
  });

  it('a partial Avskriv leaves the fees open unless asked', async () => {
    const { company, invoice, fees } = await claimWithFees();
    const part = await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, invoice.id, { date: TODAY, reason: 'Del', amount: 25_000 as never }, null),
    );
    expect(part.fees).toEqual([]);
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(100_000);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([FEE, FEE]);
  });

  it('the customer ledger names the invoice each fee item belongs to', async () => {
    const { company, customer, invoice, fees } = await claimWithFees();
    const items = await listOpenItems(db, company.id, { limit: 10, customerId: customer.id });
    expect(items.map((i) => [i.entryId, i.voucherType, i.invoiceId, i.claimInvoiceId, i.claimInvoiceNumber])).toEqual([
      [invoice.receivableEntryId, 'invoice', invoice.id, null, null],
      [fees[0], 'reminder_fee', null, invoice.id, invoice.invoiceNumber],
      [fees[1], 'reminder_fee', null, invoice.id, invoice.invoiceNumber],
    ]);
  });

  it("a settlement's fee line closes the case's open fee items (matched) first; the rest is fee income", async () => {
    const company = await makeCompany(db);
    const { agency } = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Gebyr Inkasso AS' }));
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const { invoice, fees } = await claimWithFees(company.id);
    await inTransaction(db, async (trx) => {
      const draft = await sendToCollection(trx, company.id, invoice.id, { today: TODAY }, user);
      await approveHandover(trx, company.id, draft.id, user);
      await createCase(trx, agency.id, company.id, { caseNumber: 'G-1', invoiceIds: [invoice.id] });
    });
    const settle = (reference: string, fee: number, principal = 0) =>
      inTransaction(db, (trx) =>
        receiveSettlement(trx, agency.id, company.id, {
          reference,
          settlementDate: TODAY,
          bankAmount: ore(principal + fee),
          lines: [
            ...(principal > 0
              ? [{ caseNumber: 'G-1', invoiceId: invoice.id, type: 'principal' as const, amount: ore(principal) }]
              : []),
            { caseNumber: 'G-1', type: 'fee' as const, amount: ore(fee) },
          ],
          statement: { remitted: principal + fee },
        }),
      );

    // 50 kr of fees with the whole principal: the first fee (35 kr) and 15 kr of the second.
    const first = await settle('F-1', 5_000, 125_000);
    // (The match trigger holds each receivable line to the fee item's customer.)
    expect(first.settlement.voucher!.postings.map((p) => [p.account, p.amount])).toEqual([
      [1920, 130_000],
      [1500, -125_000],
      [1500, -FEE],
      [1500, -1_500],
    ]);
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(0);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([0, 2_000]);

    // 30 kr more: 20 kr closes the second fee, 10 kr is fee income.
    const second = await settle('F-2', 3_000);
    expect(second.settlement.voucher!.postings.map((p) => [p.account, p.amount])).toEqual([
      [1920, 3_000],
      [1500, -2_000],
      [3900, -1_000],
    ]);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([0, 0]);

    // No fee open any more: the whole fee line is income, as before.
    const third = await settle('F-3', 2_500);
    expect(third.settlement.voucher!.postings.map((p) => [p.account, p.amount])).toEqual([
      [1920, 2_500],
      [3900, -2_500],
    ]);
    const matched = await db
      .selectFrom('matches')
      .select(['debit_posting_id', 'amount'])
      .where('company_id', '=', company.id)
      .where('debit_posting_id', 'in', fees)
      .orderBy('id')
      .execute();
    expect(matched.map((m) => [m.debit_posting_id, m.amount])).toEqual([
      [fees[0], FEE],
      [fees[1], 1_500],
      [fees[1], 2_000],
    ]);
    // The fee income: 2 × 35 kr when the letters went, + 10 kr + 25 kr from the agency.
    expect((await balances(db, company.id))[3900]).toBe(-(2 * FEE + 1_000 + 2_500));
    expect((await balances(db, company.id))[1500]).toBe(0);
  });
});
