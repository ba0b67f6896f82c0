import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { toAppError } from '../../src/http/problem.js';
import { listInvoiceEvents } from '../../src/ledger/invoice-event.repository.js';
import { createManualVoucher } from '../../src/ledger/manual-voucher.service.js';
import { matchEntries, newOpenItem, unmatch } from '../../src/ledger/match.service.js';
import { PostingBuilder } from '../../src/ledger/posting-builder.js';
import { getVoucher, postVoucher, reverseVoucher } from '../../src/ledger/voucher.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { getInvoiceSummary } from '../../src/sales/invoice.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { ore } from '../../src/shared/money.js';
import { refused } from '../support/assert.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice, openAmountOf } from '../support/fixtures.js';

async function receivableEqualsOpenItems(db: Db, companyId: string): Promise<void> {
  const company = await db
    .selectFrom('companies')
    .select('account_receivable')
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  const ledger = await db
    .selectFrom('postings')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), sql<string>`0`).as('s'))
    .where('company_id', '=', companyId)
    .where('account', '=', company.account_receivable)
    .executeTakeFirstOrThrow();
  const open = await db
    .selectFrom('open_items')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('open_amount'), sql<string>`0`).as('s'))
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  expect(Number(ledger.s)).toBe(Number(open.s));
}

describe.each(BACKENDS)('ledger on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it('posts an invoice as Dr 1500 with the customer, Cr sales per VAT rate, Cr output VAT', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await inTransaction(db, async (trx) => {
      const { createInvoice } = await import('../../src/sales/invoice.service.js');
      return createInvoice(
        trx,
        company.id,
        {
          customerId: customer.id,
          issueDate: '2026-02-01',
          dueDate: '2026-02-15',
          lines: [
            { description: 'Rørleggerarbeid', quantity: 2.5, unitPrice: ore(85_000), vatRate: 25 },
            { description: 'Mat', quantity: 3, unitPrice: ore(10_001), vatRate: 15 },
            { description: 'Bok', quantity: 1, unitPrice: ore(39_900), vatRate: 0 },
          ],
        },
        null,
      );
    });
    // 2.5 × 850,00 = 2 125,00 (VAT 531,25); 3 × 100,01 = 300,03 (VAT 45,0045 → 45,00); 399,00 (no VAT)
    expect(invoice.netAmount).toBe(212_500 + 30_003 + 39_900);
    expect(invoice.vatAmount).toBe(53_125 + 4_500);
    expect(invoice.totalAmount).toBe(212_500 + 30_003 + 39_900 + 53_125 + 4_500);
    expect(invoice.kid).toMatch(/^\d{14}$/);
    const b = await balances(db, company.id);
    expect(b).toEqual({ 1500: invoice.totalAmount, 3000: -(212_500 + 30_003), 3100: -39_900, 2700: -(53_125 + 4_500) });
    const voucher = await getVoucher(db, company.id, invoice.voucherId);
    expect(voucher.type).toBe('invoice');
    expect(voucher.postings.find((p) => p.account === 1500)).toMatchObject({
      customerId: customer.id,
      invoiceId: invoice.id,
      dueDate: '2026-02-15',
    });
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(invoice.totalAmount);
  });

  it('numbers invoices and vouchers without gaps, even when a transaction rolls back', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    await makeInvoice(db, company.id, customer.id, 1000);
    await expect(
      inTransaction(db, async (trx) => {
        const { createInvoice } = await import('../../src/sales/invoice.service.js');
        await createInvoice(
          trx,
          company.id,
          {
            customerId: customer.id,
            issueDate: '2026-03-01',
            dueDate: '2026-03-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: ore(500), vatRate: 25 }],
          },
          null,
        );
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await makeInvoice(db, company.id, customer.id, 2000);
    // An earlier fiscal year (nothing is posted after today): its voucher numbers start at 1.
    await makeInvoice(db, company.id, customer.id, 3000, { issueDate: '2025-12-05', dueDate: '2025-12-19' });
    const invoices = await db
      .selectFrom('invoices')
      .select('invoice_number')
      .where('company_id', '=', company.id)
      .orderBy('invoice_number')
      .execute();
    expect(invoices.map((i) => i.invoice_number)).toEqual([1, 2, 3]);
    const vouchers = await db
      .selectFrom('vouchers')
      .select(['fiscal_year', 'number'])
      .where('company_id', '=', company.id)
      .orderBy('fiscal_year')
      .orderBy('number')
      .execute();
    expect(vouchers).toEqual([
      { fiscal_year: 2025, number: 1 },
      { fiscal_year: 2026, number: 1 },
      { fiscal_year: 2026, number: 2 },
    ]);
  });

  it('registers payments by KID: partial, then the rest, then too much stays as the customer’s credit', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 100_000); // 1 250,00 kr incl. VAT
    const p1 = await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: invoice.kid, amount: ore(50_000), paymentDate: '2026-03-10' }, null),
    );
    expect(p1).toMatchObject({ matchedAmount: 50_000, unallocatedAmount: 0, invoiceOpenAmount: 75_000 });
    const p2 = await inTransaction(db, (trx) =>
      registerPayment(
        trx,
        company.id,
        { invoiceId: invoice.id, amount: ore(100_000), paymentDate: '2026-03-12' },
        null,
      ),
    );
    expect(p2).toMatchObject({ matchedAmount: 75_000, unallocatedAmount: 25_000, invoiceOpenAmount: 0 });
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(0);
    expect(await openAmountOf(db, p2.entryId)).toBe(-25_000); // the customer's credit
    // The payment matched without reading its own open item back: what it assumed is what the trigger made.
    const made = await db
      .selectFrom('open_items')
      .select(['posting_id', 'customer_id', 'account', 'invoice_id', 'amount', 'voucher_id', 'voucher_type'])
      .where('posting_id', '=', p2.entryId)
      .executeTakeFirstOrThrow();
    const { open_amount: _open, ...assumed } = newOpenItem(
      { id: p2.voucherId, type: 'payment' },
      { id: p2.entryId, customerId: customer.id, account: 1500, invoiceId: null, amount: ore(-100_000) },
    );
    expect({ ...made, amount: Number(made.amount) }).toEqual(assumed);
    const b = await balances(db, company.id);
    expect(b[1920]).toBe(150_000);
    expect(b[1500]).toBe(-25_000);
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 100, invoiceId: invoice.id });
    expect(events.map((e) => [e.type, e.amount, e.remainingAmount])).toEqual([
      ['invoice.payment', 50_000, 75_000],
      ['invoice.payment', 75_000, 0],
    ]);
    await refused(
      inTransaction(db, (trx) =>
        registerPayment(trx, company.id, { kid: '00000000000000', amount: ore(1), paymentDate: '2026-03-12' }, null),
      ),
      'unknown_kid',
    );
    await receivableEqualsOpenItems(db, company.id);
  });

  it('credits an invoice in part and in full, to the øre, and refuses to credit more', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 10_001); // VAT 2 500,25 → 2 500
    const part = await inTransaction(db, (trx) =>
      createCreditNote(
        trx,
        company.id,
        invoice.id,
        {
          issueDate: '2026-03-05',
          lines: [{ description: 'Avslag', quantity: 1, unitPrice: ore(3_333), vatRate: 25 }],
        },
        null,
      ),
    );
    expect(part).toMatchObject({
      netAmount: 3_333,
      vatAmount: 833,
      totalAmount: 4_166,
      matchedAmount: 4_166,
      invoiceOpenAmount: 12_501 - 4_166,
    });
    await refused(
      inTransaction(db, (trx) =>
        createCreditNote(
          trx,
          company.id,
          invoice.id,
          {
            issueDate: '2026-03-05',
            lines: [{ description: 'For mye', quantity: 1, unitPrice: ore(6_669), vatRate: 25 }],
          },
          null,
        ),
      ),
      'credit_exceeds_invoice',
    );
    await refused(
      inTransaction(db, (trx) =>
        createCreditNote(
          trx,
          company.id,
          invoice.id,
          {
            issueDate: '2026-03-05',
            lines: [{ description: 'Feil sats', quantity: 1, unitPrice: ore(100), vatRate: 15 }],
          },
          null,
        ),
      ),
      'credit_exceeds_invoice',
    );
    const rest = await inTransaction(db, (trx) =>
      createCreditNote(trx, company.id, invoice.id, { issueDate: '2026-03-06' }, null),
    );
    expect(rest).toMatchObject({ netAmount: 10_001 - 3_333, vatAmount: 2_500 - 833, invoiceOpenAmount: 0 });
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(0);
    const b = await balances(db, company.id);
    expect(b[3000] ?? 0).toBe(0);
    expect(b[2700] ?? 0).toBe(0);
    expect(b[1500] ?? 0).toBe(0);
    const nothingLeft = await refused(
      inTransaction(db, (trx) => createCreditNote(trx, company.id, invoice.id, { issueDate: '2026-03-07' }, null)),
      'credit_exceeds_invoice',
    );
    expect(nothingLeft.extra).toEqual({ reason: 'nothing_left', invoiceNumber: invoice.invoiceNumber });
    const notes = await db
      .selectFrom('credit_notes')
      .select('credit_note_number')
      .where('company_id', '=', company.id)
      .orderBy('credit_note_number')
      .execute();
    expect(notes.map((n) => n.credit_note_number)).toEqual([1, 2]);
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 100, invoiceId: invoice.id });
    expect(events.map((e) => e.type)).toEqual(['invoice.credit_note', 'invoice.credit_note']);
  });

  it('writes off with Avskriv: a write_off voucher Dr 7830 Cr 1500, matched and marked', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 80_000); // 1 000,00 kr
    const part = await inTransaction(db, (trx) =>
      writeOffInvoice(
        trx,
        company.id,
        invoice.id,
        { date: '2026-06-01', amount: ore(40_000), reason: 'Konkurs' },
        null,
      ),
    );
    expect(part.invoiceOpenAmount).toBe(60_000);
    await refused(
      inTransaction(db, (trx) =>
        writeOffInvoice(
          trx,
          company.id,
          invoice.id,
          { date: '2026-06-01', amount: ore(60_001), reason: 'for mye' },
          null,
        ),
      ),
      'amount_exceeds_open',
    );
    const rest = await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, invoice.id, { date: '2026-06-02', reason: 'Resten' }, null),
    );
    expect(rest).toMatchObject({ amount: 60_000, account: 7830, invoiceOpenAmount: 0 });
    const voucher = await getVoucher(db, company.id, rest.voucherId);
    expect(voucher.type).toBe('write_off');
    expect(voucher.postings.map((p) => [p.account, p.amount])).toEqual([
      [7830, 60_000],
      [1500, -60_000],
    ]);
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 100, invoiceId: invoice.id });
    expect(events.map((e) => [e.type, e.isWriteOff, e.isManual, e.remainingAmount])).toEqual([
      ['invoice.write_off', true, false, 60_000],
      ['invoice.write_off', true, false, 0],
    ]);
    expect((await balances(db, company.id))[7830]).toBe(100_000);
    const nothingOpen = await refused(
      inTransaction(db, (trx) =>
        writeOffInvoice(trx, company.id, invoice.id, { date: '2026-06-03', reason: 'igjen' }, null),
      ),
      'amount_exceeds_open',
    );
    expect(nothingOpen.extra).toEqual({ reason: 'nothing_open', invoiceNumber: invoice.invoiceNumber, openAmount: 0 });
  });

  it('matches a manual voucher’s entry (several to one, one to several) and records unmatching without deleting', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const a = await makeInvoice(db, company.id, customer.id, 8_000); // 100,00
    const b = await makeInvoice(db, company.id, customer.id, 16_000); // 200,00
    const manual = await inTransaction(db, (trx) =>
      createManualVoucher(
        trx,
        company.id,
        {
          date: '2026-04-01',
          description: 'Innbetaling ført manuelt',
          lines: [
            { account: 1920, side: 'debit', amount: ore(25_000) },
            { account: 1500, side: 'credit', amount: ore(25_000), customerId: customer.id },
          ],
        },
        null,
      ),
    );
    const credit = manual.postings.find((p) => p.account === 1500)!;
    const m1 = await inTransaction(db, (trx) =>
      matchEntries(trx, company.id, { debitPostingId: a.receivableEntryId, creditPostingId: credit.id, userId: null }),
    );
    expect(m1).toMatchObject({ amount: 10_000, debitOpenAmount: 0, creditOpenAmount: 15_000 });
    const m2 = await inTransaction(db, (trx) =>
      matchEntries(trx, company.id, {
        debitPostingId: b.receivableEntryId,
        creditPostingId: credit.id,
        amount: ore(5_000),
        userId: null,
      }),
    );
    expect(m2).toMatchObject({ debitOpenAmount: 15_000, creditOpenAmount: 10_000 });
    const tooMuch = await refused(
      inTransaction(db, (trx) =>
        matchEntries(trx, company.id, {
          debitPostingId: b.receivableEntryId,
          creditPostingId: credit.id,
          amount: ore(10_001),
          userId: null,
        }),
      ),
      'amount_exceeds_open',
    );
    expect(tooMuch.extra).toEqual({
      reason: 'more_than_matchable',
      amount: 10_001,
      debitOpenAmount: 15_000,
      creditOpenAmount: 10_000,
    });
    // With no amount and nothing open on one side: nothing to match.
    const closed = await refused(
      inTransaction(db, (trx) =>
        matchEntries(trx, company.id, {
          debitPostingId: a.receivableEntryId,
          creditPostingId: credit.id,
          userId: null,
        }),
      ),
      'amount_exceeds_open',
    );
    expect(closed.extra).toEqual({
      reason: 'nothing_to_match',
      amount: 0,
      debitOpenAmount: 0,
      creditOpenAmount: 10_000,
    });
    const undone = await inTransaction(db, (trx) => unmatch(trx, company.id, m1.matchId, null));
    expect(undone.debitOpenAmount).toBe(10_000);
    expect(await openAmountOf(db, a.receivableEntryId)).toBe(10_000);
    expect(await openAmountOf(db, credit.id)).toBe(-20_000);
    await refused(
      inTransaction(db, (trx) => unmatch(trx, company.id, m1.matchId, null)),
      'already_unmatched',
    );
    const rows = await db
      .selectFrom('matches')
      .select(['id', 'amount', 'reverses_match_id'])
      .where('company_id', '=', company.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.amount, r.reverses_match_id])).toEqual([
      [10_000, null],
      [5_000, null],
      [-10_000, m1.matchId],
    ]);
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 100 });
    expect(events.map((e) => [e.type, e.isManual, e.remainingAmount])).toEqual([
      ['invoice.manual_match', true, 0],
      ['invoice.manual_match', true, 15_000],
      ['invoice.unmatched', true, 10_000],
    ]);
    await receivableEqualsOpenItems(db, company.id);
  });

  it('reverses a payment: the open items stand as before, and the reversal is itself a voucher', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 40_000);
    const payment = await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: invoice.kid, amount: ore(50_000), paymentDate: '2026-03-20' }, null),
    );
    const reversal = await inTransaction(db, (trx) =>
      reverseVoucher(trx, company.id, payment.voucherId, '2026-03-21', null),
    );
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(50_000);
    expect(await openAmountOf(db, payment.entryId)).toBe(0);
    expect(await openAmountOf(db, reversal.postings.find((p) => p.account === 1500)!.id)).toBe(0);
    expect((await balances(db, company.id))[1920]).toBe(0);
    await refused(
      inTransaction(db, (trx) => reverseVoucher(trx, company.id, payment.voucherId, '2026-03-22', null)),
      'already_reversed',
    );
    await refused(
      inTransaction(db, (trx) => reverseVoucher(trx, company.id, invoice.voucherId, '2026-03-22', null)),
      'voucher_not_reversible',
    );
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 100, invoiceId: invoice.id });
    expect(events.map((e) => [e.type, e.remainingAmount])).toEqual([
      ['invoice.payment', 0],
      ['invoice.unmatched', 50_000],
    ]);
    await receivableEqualsOpenItems(db, company.id);
  });

  it('refuses unbalanced vouchers in the builder and in the database', async () => {
    const company = await makeCompany(db);
    expect(() =>
      new PostingBuilder('manual', '2026-01-01').debit(1920, ore(100)).credit(3000, ore(99)).build(),
    ).toThrow(/differ by 1 øre/);
    // Straight past the builder: the deferred constraint trigger refuses it at commit.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('vouchers')
          .values({
            company_id: company.id,
            id: crypto.randomUUID(),
            fiscal_year: 2026,
            number: 999,
            type: 'manual',
            voucher_date: '2026-01-01',
            description: '',
            reverses_voucher_id: null,
            created_by: null,
          })
          .execute();
        const v = await trx
          .selectFrom('vouchers')
          .select('id')
          .where('number', '=', 999)
          .where('company_id', '=', company.id)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('postings')
          .values({
            company_id: company.id,
            voucher_id: v.id,
            line_no: 1,
            account: 1920,
            amount: ore(100),
            customer_id: null,
            invoice_id: null,
            due_date: null,
            description: '',
          })
          .execute();
        await trx
          .insertInto('postings')
          .values({
            company_id: company.id,
            voucher_id: v.id,
            line_no: 2,
            account: 3000,
            amount: ore(-99),
            customer_id: null,
            invoice_id: null,
            due_date: null,
            description: '',
          })
          .execute();
      }),
    ).rejects.toThrow(/does not balance/);
    expect(await db.selectFrom('vouchers').select('id').where('company_id', '=', company.id).execute()).toHaveLength(0);
  });

  it('numbers vouchers at the end of their transaction: gap-free, in posting order, never committed without a number, never renumbered', async () => {
    const company = await makeCompany(db);
    const draft = (text: string) =>
      new PostingBuilder('manual', '2026-02-01', text).debit(1920, ore(100)).credit(3000, ore(100)).build();
    // Inside the transaction the vouchers wait for their numbers; they get them in posting order.
    const ids = await inTransaction(db, async (trx) => {
      const a = await postVoucher(trx, company.id, draft('a'));
      const b = await postVoucher(trx, company.id, draft('b'));
      const waiting = await trx.selectFrom('vouchers').select('number').where('id', 'in', [a.id, b.id]).execute();
      expect(waiting.map((w) => w.number)).toEqual([null, null]);
      return [a.id, b.id];
    });
    // A rolled-back voucher gives nothing away: the next one takes the next number.
    await expect(
      inTransaction(db, async (trx) => {
        await postVoucher(trx, company.id, draft('rolled back'));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const c = await inTransaction(db, (trx) => postVoucher(trx, company.id, draft('c')));
    const stored = await db
      .selectFrom('vouchers')
      .select(['id', 'number'])
      .where('company_id', '=', company.id)
      .orderBy('number')
      .execute();
    expect(stored).toEqual([
      { id: ids[0], number: 1 },
      { id: ids[1], number: 2 },
      { id: c.id, number: 3 },
    ]);
    // A committed voucher's number never changes, and a voucher cannot commit without one.
    await expect(
      db
        .updateTable('vouchers')
        .set({ number: 99 } as never)
        .where('id', '=', c.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.transaction().execute(async (trx) => {
        const id = crypto.randomUUID();
        await trx
          .insertInto('vouchers')
          .values({
            company_id: company.id,
            id,
            fiscal_year: 2026,
            number: null,
            type: 'manual',
            voucher_date: '2026-02-01',
            description: '',
            reverses_voucher_id: null,
            created_by: null,
          })
          .execute();
        for (const [line, amount] of [
          [1, 100],
          [2, -100],
        ] as const)
          await trx
            .insertInto('postings')
            .values({
              company_id: company.id,
              voucher_id: id,
              line_no: line,
              account: line === 1 ? 1920 : 3000,
              amount: ore(amount),
              customer_id: null,
              invoice_id: null,
              due_date: null,
              description: '',
            })
            .execute();
      }),
    ).rejects.toThrow(/no number at commit/);
    expect(await db.selectFrom('vouchers').select('id').where('company_id', '=', company.id).execute()).toHaveLength(3);
  });

  it('keeps vouchers, postings and matches append-only, and closed vouchers closed', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 1_000);
    await expect(
      db.updateTable('postings').set({ description: 'endret' }).where('voucher_id', '=', invoice.voucherId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('vouchers').where('id', '=', invoice.voucherId).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.transaction().execute((trx) =>
        trx
          .insertInto('postings')
          .values({
            company_id: company.id,
            voucher_id: invoice.voucherId,
            line_no: 9,
            account: 1920,
            amount: ore(1),
            customer_id: null,
            invoice_id: null,
            due_date: null,
            description: '',
          })
          .execute(),
      ),
    ).rejects.toThrow(/is closed/);
    expect((await getVoucher(db, company.id, invoice.voucherId)).postings).toHaveLength(3);
  });

  it('never matches beyond an open amount, even past the service (database trigger)', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 8_000);
    const pay = await inTransaction(db, (trx) =>
      registerPayment(
        trx,
        company.id,
        { customerId: customer.id, amount: ore(50_000), paymentDate: '2026-03-20' },
        null,
      ),
    );
    const raced = await db
      .insertInto('matches')
      .values({
        company_id: company.id,
        debit_posting_id: invoice.receivableEntryId,
        credit_posting_id: pay.entryId,
        amount: ore(10_001),
        reverses_match_id: null,
        created_by: null,
      })
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(raced).toBeInstanceOf(Error);
    expect((raced as Error).message).toMatch(/over_match/);
    // Answered as the service would have, with a reason the UI says in its own language.
    const answered = toAppError(raced);
    expect(answered).toMatchObject({
      code: 'amount_exceeds_open',
      status: 422,
      detail: 'another change took the open amount first; nothing was stored',
      extra: { reason: 'changed_meanwhile' },
    });
    expect(await openAmountOf(db, invoice.receivableEntryId)).toBe(10_000);
  });

  it('keeps companies apart: another company’s entries, invoices and customers are not found', async () => {
    const mine = await makeCompany(db);
    const theirs = await makeCompany(db);
    const theirCustomer = await makeCustomer(db, theirs.id);
    const theirInvoice = await makeInvoice(db, theirs.id, theirCustomer.id, 5_000);
    const myCustomer = await makeCustomer(db, mine.id);
    const myPayment = await inTransaction(db, (trx) =>
      registerPayment(trx, mine.id, { customerId: myCustomer.id, amount: ore(100), paymentDate: '2026-03-20' }, null),
    );
    await refused(getInvoiceSummary(db, mine.id, theirInvoice.id), 'not_found');
    await refused(
      inTransaction(db, (trx) =>
        registerPayment(
          trx,
          mine.id,
          { invoiceId: theirInvoice.id, amount: ore(100), paymentDate: '2026-03-20' },
          null,
        ),
      ),
      'not_found',
    );
    await refused(
      inTransaction(db, (trx) =>
        registerPayment(trx, mine.id, { kid: theirInvoice.kid, amount: ore(100), paymentDate: '2026-03-20' }, null),
      ),
      'unknown_kid',
    );
    await refused(
      inTransaction(db, (trx) =>
        matchEntries(trx, mine.id, {
          debitPostingId: theirInvoice.receivableEntryId,
          creditPostingId: myPayment.entryId,
          userId: null,
        }),
      ),
      'not_found',
    );
    await refused(
      inTransaction(db, (trx) =>
        postVoucher(
          trx,
          mine.id,
          new PostingBuilder('manual', '2026-01-01')
            .debit(1920, ore(1))
            .credit(1500, ore(1), { customerId: theirCustomer.id })
            .build(),
        ),
      ),
      'not_found',
    );
    expect(await openAmountOf(db, theirInvoice.receivableEntryId)).toBe(6_250);
  });
});
