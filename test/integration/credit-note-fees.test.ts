/**
 * A credit note that closes an invoice whose claim has reminder fees open (issue 11, defect 6c):
 * without a word on the fees it is refused (422 validation_failed, reason fees_open, with the fee
 * amount) and nothing is stored; fees: 'keep' leaves them open, 'write_off' writes them off in a
 * write_off voucher (Avskriv's). A partial credit note needs no word. On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { sendLetter } from '../../src/dunning/dunning.service.js';
import { getVoucher } from '../../src/ledger/voucher.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { refused } from '../support/assert.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice, openAmountOf } from '../support/fixtures.js';
import { ore } from '../../src/shared/money.js';

const TODAY = '2026-11-20';
const user = { type: 'user' as const, id: null };
const FEE = 3_500;

describe.each(BACKENDS)('a credit note of an invoice with open reminder fees on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** An invoice of 1 250 kr with a reminder and a collection notice: two fee items of 35 kr. */
  async function claimWithFees() {
    const company = await makeCompany(db);
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
    return { company, invoice, fees };
  }

  const counts = async (companyId: string) => ({
    creditNotes: (await db.selectFrom('credit_notes').select('id').where('company_id', '=', companyId).execute())
      .length,
    vouchers: (await db.selectFrom('vouchers').select('id').where('company_id', '=', companyId).execute()).length,
    matches: (await db.selectFrom('matches').select('id').where('company_id', '=', companyId).execute()).length,
  });

  it('closing the invoice without saying what becomes of the fees: 422 fees_open naming 70 kr, nothing stored', async () => {
    const { company, invoice, fees } = await claimWithFees();
    const before = await counts(company.id);
    const error = await refused(
      inTransaction(db, (trx) => createCreditNote(trx, company.id, invoice.id, { issueDate: TODAY }, null)),
      'validation_failed',
    );
    expect(error.status).toBe(422);
    expect(error.extra).toMatchObject({ reason: 'fees_open', feeAmount: 2 * FEE });
    expect(await counts(company.id)).toEqual(before);
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(125_000);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([FEE, FEE]);
  });

  it("fees: 'write_off' credits the invoice and writes the fees off in a write_off voucher, each matched", async () => {
    const { company, invoice, fees } = await claimWithFees();
    const before = await counts(company.id);
    const note = await inTransaction(db, (trx) =>
      createCreditNote(trx, company.id, invoice.id, { issueDate: TODAY, fees: 'write_off' }, null),
    );
    expect([note.totalAmount, note.invoiceOpenAmount]).toEqual([125_000, 0]);
    expect(note.feesWrittenOff?.amount).toBe(2 * FEE);
    const voucher = await getVoucher(db, company.id, note.feesWrittenOff!.voucherId);
    expect(voucher.type).toBe('write_off');
    expect(voucher.postings.map((p) => [p.account, p.amount])).toEqual([
      [7830, FEE],
      [1500, -FEE],
      [7830, FEE],
      [1500, -FEE],
    ]);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([0, 0]);
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(0);
    // One credit note, its voucher and the write-off; the invoice's match and the two fees'.
    expect(await counts(company.id)).toEqual({
      creditNotes: before.creditNotes + 1,
      vouchers: before.vouchers + 2,
      matches: before.matches + 3,
    });
    expect((await balances(db, company.id))[1500]).toBe(0);
  });

  it("fees: 'keep' credits the invoice and leaves the fees open (still owed)", async () => {
    const { company, invoice, fees } = await claimWithFees();
    const note = await inTransaction(db, (trx) =>
      createCreditNote(trx, company.id, invoice.id, { issueDate: TODAY, fees: 'keep' }, null),
    );
    expect([note.invoiceOpenAmount, note.feesWrittenOff]).toEqual([0, null]);
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(0);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([FEE, FEE]);
    expect((await balances(db, company.id))[1500]).toBe(2 * FEE);
  });

  it('a partial credit note needs no word on the fees and leaves them open', async () => {
    const { company, invoice, fees } = await claimWithFees();
    const note = await inTransaction(db, (trx) =>
      createCreditNote(
        trx,
        company.id,
        invoice.id,
        { issueDate: TODAY, lines: [{ description: 'Rabatt', quantity: 1, unitPrice: ore(20_000), vatRate: 25 }] },
        null,
      ),
    );
    expect(note.invoiceOpenAmount).toBe(100_000);
    expect(await Promise.all(fees.map((f) => openAmountOf(db, f)))).toEqual([FEE, FEE]);
  });
});
