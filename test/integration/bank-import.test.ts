import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { camtChunks, camtDocument, type FixtureEntry, ocrGiroFile } from '../../src/bank/bank-file.fixtures.js';
import {
  acceptBankReversal,
  type BankFileSource,
  getBankImport,
  importBankFile,
  listBankEntries,
  resolveBankEntry,
} from '../../src/bank/bank-import.service.js';
import { caseMoney, createCase } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { receiveSettlement } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { listInvoiceEvents } from '../../src/ledger/invoice-event.repository.js';
import { getInvoiceSummary } from '../../src/sales/invoice.service.js';
import { AppError } from '../../src/shared/errors.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { TEST_TODAY } from '../support/http.js';
import { budget } from '../support/progress.js';

const system = { type: 'user' as const, id: null };
const bytes = (s: string): BankFileSource =>
  async function* () {
    yield new TextEncoder().encode(s);
  };
const fromChunks = (chunks: () => Iterable<string>): BankFileSource =>
  async function* () {
    const enc = new TextEncoder();
    for (const c of chunks()) yield enc.encode(c);
  };

type Company = Awaited<ReturnType<typeof makeCompany>>;

describe.each(BACKENDS)('bank import on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  const options = { userId: null, today: TEST_TODAY };

  async function counts(companyId: string) {
    const [vouchers, payments, events] = await Promise.all([
      db
        .selectFrom('vouchers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('company_id', '=', companyId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('payments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('company_id', '=', companyId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('invoice_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('company_id', '=', companyId)
        .executeTakeFirstOrThrow(),
    ]);
    return { vouchers: Number(vouchers.n), payments: Number(payments.n), events: Number(events.n) };
  }

  async function setUp() {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const ola = await makeCustomer(db, company.id, { name: 'Ola Nordmann' });
    const bakeri = await makeCustomer(db, company.id, { name: 'Bakeriet Sentrum AS' });
    const hansen = await makeCustomer(db, company.id, { name: 'Hansen Rør' });
    // 1 250,00 kr each (1 000 + 25 % VAT)
    const kidInvoice = await makeInvoice(db, company.id, ola.id, 100_000);
    const textInvoice = await makeInvoice(db, company.id, bakeri.id, 100_000);
    const nameInvoice = await makeInvoice(db, company.id, hansen.id, 80_000);
    await makeInvoice(db, company.id, hansen.id, 40_000);
    return { company, ola, bakeri, hansen, kidInvoice, textInvoice, nameInvoice };
  }

  it('books by KID, invoice number and amount for a named customer; the rest waits; the same file again books nothing', async () => {
    const s = await setUp();
    const account = s.company.bankAccount;
    const file = camtDocument({
      message: '054',
      version: '02',
      account,
      entries: [
        {
          ref: 'B1',
          bookingDate: '2026-11-18',
          txs: [
            // more than is open: 1 250 closes the invoice, 50 stays as Ola's credit
            { amount: 130_000, kid: s.kidInvoice.kid, ref: 'B1-1' },
            { amount: 40_000, text: `Betaling faktura ${s.textInvoice.invoiceNumber}`, ref: 'B1-2' },
          ],
        },
        { ref: 'B2', bookingDate: '2026-11-18', amount: 100_000, debtorName: 'HANSEN  RØR' },
        { ref: 'B3', bookingDate: '2026-11-18', amount: 7_700, text: 'Tilfeldig innbetaling', debtorName: 'Ukjent' },
        { ref: 'B4', bookingDate: '2026-11-18', amount: 14_900, direction: 'debit', text: 'Gebyr' },
        {
          ref: 'B5',
          bookingDate: '2026-11-19',
          amount: 130_000,
          direction: 'debit',
          reversal: true,
          kid: s.kidInvoice.kid,
        },
      ],
    });
    const before = await balances(db, s.company.id);
    const result = await importBankFile(db, s.company.id, bytes(file), { ...options, fileName: 'innbet.xml' });
    expect(result).toMatchObject({
      alreadyImported: false,
      fileName: 'innbet.xml',
      format: 'camt.054.001.02',
      status: 'done',
      summary: {
        transactions: 6,
        booked: {
          kid: { count: 1, amount: 130_000 },
          invoice_number: { count: 1, amount: 40_000 },
          amount_name: { count: 1, amount: 100_000 },
        },
        unmatched: { count: 1, amount: 7_700 },
        // the reversal of B1-1 (same KID, same amount) is offered, not booked
        reversals: { offered: { count: 1, amount: 130_000 }, reversed: { count: 0, amount: 0 } },
        skipped: { count: 1, byReason: { debit: 1, reversal: 0 } },
        duplicates: 0,
        pending: 0,
      },
    });

    // the ledger: bank up by what was booked, the customers' receivable down by the same
    const after = await balances(db, s.company.id);
    const bank = s.company.accounts.bank;
    const receivable = s.company.accounts.receivable;
    expect((after[bank] ?? 0) - (before[bank] ?? 0)).toBe(270_000);
    expect((after[receivable] ?? 0) - (before[receivable] ?? 0)).toBe(-270_000);

    // open amounts: KID invoice closed (50 kr is Ola's credit), text invoice part-paid, Hansen's 1 000 kr one closed
    expect((await getInvoiceSummary(db, s.company.id, s.kidInvoice.id)).openAmount).toBe(0);
    expect((await getInvoiceSummary(db, s.company.id, s.textInvoice.id)).openAmount).toBe(85_000);
    expect((await getInvoiceSummary(db, s.company.id, s.nameInvoice.id)).openAmount).toBe(0);

    const entries = await listBankEntries(db, s.company.id, { limit: 50, importId: result.id });
    expect(entries.map((e) => [e.state, e.rule, e.skipReason, e.invoiceNumber, e.matchedAmount])).toEqual([
      ['booked', 'kid', null, s.kidInvoice.invoiceNumber, 125_000],
      ['booked', 'invoice_number', null, s.textInvoice.invoiceNumber, 40_000],
      ['booked', 'amount_name', null, s.nameInvoice.invoiceNumber, 100_000],
      ['unmatched', null, null, null, null],
      ['skipped', null, 'debit', null, null],
      ['reversal_offered', null, null, null, null],
    ]);
    expect(entries[5]!.reversesEntryId).toBe(entries[0]!.id);
    // each payment an ordinary invoice.payment event with the bank's booking date
    const events = await listInvoiceEvents(db, s.company.id, { after: 0, limit: 100, invoiceId: s.kidInvoice.id });
    expect(events.filter((e) => e.type === 'invoice.payment')).toHaveLength(1);

    // the same file again: the same import, nothing new
    const counted = await counts(s.company.id);
    const again = await importBankFile(db, s.company.id, bytes(file), options);
    expect(again.id).toBe(result.id);
    expect(again.alreadyImported).toBe(true);
    expect(await counts(s.company.id)).toEqual(counted);

    // an overlapping statement (camt.053.001.08) with the same bank references: duplicates, nothing booked
    const statement = camtDocument({
      message: '053',
      version: '08',
      account,
      messageId: 'STMT-2',
      entries: [
        {
          ref: 'B1',
          bookingDate: '2026-11-18',
          txs: [
            { amount: 130_000, kid: s.kidInvoice.kid, ref: 'B1-1' },
            { amount: 40_000, text: `faktura ${s.textInvoice.invoiceNumber}`, ref: 'B1-2' },
          ],
        },
        { ref: 'B6', bookingDate: '2026-11-19', amount: 20_000, kid: s.kidInvoice.kid },
      ],
    });
    const overlap = await importBankFile(db, s.company.id, bytes(statement), options);
    expect(overlap.summary).toMatchObject({
      transactions: 3,
      duplicates: 2,
      booked: { kid: { count: 1, amount: 20_000 } },
    });
    const afterOverlap = await counts(s.company.id);
    expect(afterOverlap.payments).toBe(counted.payments + 1);

    // the offered reversal accepted: the KID payment's voucher reversed on the bank date, its invoice open again
    const reversalEntry = entries[5]!;
    const beforeReversal = await balances(db, s.company.id);
    const reversed = await inTransaction(db, (trx) => acceptBankReversal(trx, s.company.id, reversalEntry.id, null));
    expect(reversed).toMatchObject({ state: 'reversed', decision: { action: 'reversal' } });
    const afterReversal = await balances(db, s.company.id);
    expect((afterReversal[bank] ?? 0) - (beforeReversal[bank] ?? 0)).toBe(-130_000);
    expect((afterReversal[receivable] ?? 0) - (beforeReversal[receivable] ?? 0)).toBe(130_000);
    // B6's 200 kr (booked while the invoice was closed) is Ola's credit; the invoice is open by the reversed 1 250
    expect((await getInvoiceSummary(db, s.company.id, s.kidInvoice.id)).openAmount).toBe(125_000);
    const voucher = await db
      .selectFrom('vouchers')
      .select(['voucher_date', 'reverses_voucher_id'])
      .where('id', '=', reversed.voucherId!)
      .executeTakeFirstOrThrow();
    expect(voucher).toEqual({ voucher_date: '2026-11-19', reverses_voucher_id: entries[0]!.voucherId });
    const unmatchEvents = await listInvoiceEvents(db, s.company.id, {
      after: 0,
      limit: 100,
      invoiceId: s.kidInvoice.id,
    });
    expect(unmatchEvents.at(-1)!.type).not.toBe('invoice.payment');
    // once only
    const countedReversal = await counts(s.company.id);
    const again2 = await inTransaction(db, (trx) =>
      acceptBankReversal(trx, s.company.id, reversalEntry.id, null),
    ).catch((e: AppError) => e.code);
    expect(again2).toBe('invalid_transition');
    expect(await counts(s.company.id)).toEqual(countedReversal);
    expect((await getBankImport(db, s.company.id, result.id)).summary.reversals).toEqual({
      offered: { count: 0, amount: 0 },
      reversed: { count: 1, amount: 130_000 },
    });
  });

  it("a reversal of nothing imported is only shown; the payer's account finds the customer next time", async () => {
    const s = await setUp();
    const account = s.company.bankAccount;
    const first = camtDocument({
      message: '054',
      version: '08',
      account,
      entries: [
        // Hansen pays by KID from his account (as IBAN)
        {
          ref: 'A1',
          bookingDate: '2026-11-18',
          amount: 100_000,
          kid: s.nameInvoice.kid,
          debtorAccount: 'NO9386011117947',
        },
        // a reversal whose original was never imported: shown, nothing offered
        {
          ref: 'A2',
          bookingDate: '2026-11-18',
          amount: 55_500,
          direction: 'debit',
          reversal: true,
          kid: s.textInvoice.kid,
        },
      ],
    });
    const r1 = await importBankFile(db, s.company.id, bytes(first), options);
    expect(r1.summary).toMatchObject({
      booked: { kid: { count: 1, amount: 100_000 } },
      reversals: { offered: { count: 0 } },
      skipped: { count: 1, byReason: { reversal: 1 } },
    });
    // later, from the same account (as BBAN), no KID, no text, no name: Hansen's other invoice's exact amount
    const second = camtDocument({
      message: '053',
      version: '02',
      account,
      messageId: 'STMT-ACCT',
      entries: [{ ref: 'A3', bookingDate: '2026-11-19', amount: 50_000, debtorAccount: '86011117947' }],
    });
    const r2 = await importBankFile(db, s.company.id, bytes(second), options);
    expect(r2.summary.booked.amount_account).toEqual({ count: 1, amount: 50_000 });
    const [entry] = await listBankEntries(db, s.company.id, { limit: 5, importId: r2.id });
    expect(entry).toMatchObject({ rule: 'amount_account', customerId: s.hansen.id, debtorAccount: '86011117947' });
    expect((await getInvoiceSummary(db, s.company.id, entry!.invoiceId!)).openAmount).toBe(0);
  });

  it("the agency's payment journal: one bank amount for many cases is linked to its posted settlement, not booked twice; the case shows the direct payment's bank date", async () => {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Journal Inkasso AS' }),
    );
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const invoices: Array<Awaited<ReturnType<typeof makeInvoice>>> = [];
    for (const caseNumber of ['J-1', 'J-2']) {
      const customer = await makeCustomer(db, company.id, { name: `Skyldner ${caseNumber}` });
      const inv = await makeInvoice(db, company.id, customer.id, 80_000, {
        issueDate: '2026-08-01',
        dueDate: '2026-08-15',
      });
      await inTransaction(db, async (trx) => {
        const draft = await sendToCollection(trx, company.id, inv.id, { today: TEST_TODAY }, system);
        await approveHandover(trx, company.id, draft.id, system);
        await createCase(trx, agency.id, company.id, { caseNumber, invoiceIds: [inv.id] });
      });
      invoices.push(inv);
    }
    // the agency settles both cases' principal (1 000 kr each) in one payment of 2 000 kr
    const { settlement } = await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'OPPG-2026-0042',
        settlementDate: '2026-11-17',
        bankAmount: ore(200_000),
        lines: [
          { caseNumber: 'J-1', invoiceId: invoices[0]!.id, type: 'principal', amount: ore(100_000) },
          { caseNumber: 'J-2', invoiceId: invoices[1]!.id, type: 'principal', amount: ore(100_000) },
        ],
      }),
    );
    expect(settlement.status).toBe('posted');
    const before = await balances(db, company.id);
    const countedBefore = await counts(company.id);
    const file = camtDocument({
      message: '054',
      version: '02',
      account: company.bankAccount,
      entries: [
        { ref: 'J1', bookingDate: '2026-11-18', amount: 200_000, text: 'Oppgjør OPPG-2026-0042, Journal Inkasso AS' },
        // the same reference again (another bank entry): the settlement is linked once only
        { ref: 'J2', bookingDate: '2026-11-18', amount: 200_000, text: 'Oppgjør OPPG-2026-0042' },
        // the right reference, the wrong amount: not the settlement
        { ref: 'J3', bookingDate: '2026-11-18', amount: 199_900, text: 'OPPG-2026-0042' },
      ],
    });
    const result = await importBankFile(db, company.id, bytes(file), options);
    expect(result.summary).toMatchObject({
      booked: { settlement: { count: 1, amount: 200_000 }, kid: { count: 0 } },
      unmatched: { count: 2, amount: 399_900 },
    });
    const entries = await listBankEntries(db, company.id, { limit: 5, importId: result.id });
    expect(entries[0]).toMatchObject({
      state: 'booked',
      rule: 'settlement',
      settlementId: settlement.id,
      voucherId: settlement.voucherId,
      paymentId: null,
    });
    // nothing booked again: no voucher, no payment, the bank account as the settlement left it
    expect(await counts(company.id)).toEqual(countedBefore);
    expect(await balances(db, company.id)).toEqual(before);

    // «Betalt direkte til oss» with the bank date: a KID payment on a third invoice in a case
    const customer = await makeCustomer(db, company.id, { name: 'Skyldner J-3' });
    const inv = await makeInvoice(db, company.id, customer.id, 80_000, {
      issueDate: '2026-08-01',
      dueDate: '2026-08-15',
    });
    const kase = await inTransaction(db, async (trx) => {
      const draft = await sendToCollection(trx, company.id, inv.id, { today: TEST_TODAY }, system);
      await approveHandover(trx, company.id, draft.id, system);
      return createCase(trx, agency.id, company.id, { caseNumber: 'J-3', invoiceIds: [inv.id] });
    });
    const paid = camtDocument({
      message: '054',
      version: '08',
      account: company.bankAccount,
      messageId: 'DIRECT',
      entries: [{ ref: 'J4', bookingDate: '2026-11-16', amount: 30_000, kid: inv.kid }],
    });
    await importBankFile(db, company.id, bytes(paid), options);
    expect(await caseMoney(db, company.id, kase.id)).toMatchObject({
      paidDirectly: 30_000,
      paidDirectlyOn: '2026-11-16',
    });
  });

  it('an invoice with an agency: the import is an ordinary invoice.payment event in the agency feed', async () => {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const customer = await makeCustomer(db, company.id, { name: 'Sen Betaler AS' });
    const invoice = await makeInvoice(db, company.id, customer.id, 100_000, {
      issueDate: '2026-09-01',
      dueDate: '2026-09-15',
    });
    const credentials = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Inkasso AS' }));
    const agencyId = credentials.agency.id;
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agencyId, { active: true, isDefault: true }, null),
    );
    await inTransaction(db, async (trx) => {
      const draft = await sendToCollection(trx, company.id, invoice.id, { agencyId, today: TEST_TODAY }, system);
      return approveHandover(trx, company.id, draft.id, system);
    });
    const ocr = ocrGiroFile({
      account: company.bankAccount,
      netsDate: '2026-11-19',
      transactions: [{ amount: 50_000, kid: invoice.kid }],
    });
    const result = await importBankFile(db, company.id, bytes(ocr), options);
    expect(result.summary.booked.kid).toEqual({ count: 1, amount: 50_000 });
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 100, invoiceId: invoice.id });
    const payment = events.find((e) => e.type === 'invoice.payment');
    expect(payment).toMatchObject({ agencyId, amount: 50_000 });
    expect((await getInvoiceSummary(db, company.id, invoice.id)).openAmount).toBe(75_000);
  });

  it('a refused file books nothing and says the line', async () => {
    const s = await setUp();
    const good = camtDocument({
      message: '054',
      version: '08',
      account: s.company.bankAccount,
      entries: [
        { ref: 'R1', bookingDate: '2026-11-18', amount: 10_000, kid: s.kidInvoice.kid },
        { ref: 'R2', bookingDate: '2026-11-18', amount: 10_000, currency: 'EUR' },
      ],
    });
    const before = await counts(s.company.id);
    const error = await importBankFile(db, s.company.id, bytes(good), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extra).toMatchObject({ reason: 'bank_file_invalid', problem: 'other_currency' });
    expect((error as AppError).detail).toMatch(/line \d+, <Amt>: a payment in EUR/);
    const truncated = good.slice(0, good.length - 40);
    expect(
      await importBankFile(db, s.company.id, bytes(truncated), options).catch((e: AppError) => e.extra.reason),
    ).toBe('bank_file_invalid');
    expect(await counts(s.company.id)).toEqual(before);
    expect(await db.selectFrom('bank_imports').select('id').where('company_id', '=', s.company.id).execute()).toEqual(
      [],
    );
  });

  it(
    '1 000 entries, 10 % matching nothing: the queue holds exactly those; resolving books once',
    async () => {
      const company: Company = await makeCompany(db);
      const customer = await makeCustomer(db, company.id, { name: 'Storkunde AS' });
      const invoices: Array<Awaited<ReturnType<typeof makeInvoice>>> = [];
      for (let i = 0; i < 30; i++) invoices.push(await makeInvoice(db, company.id, customer.id, 10_000_000));
      const unmatchedAt = new Set(Array.from({ length: 100 }, (_, i) => i * 10 + 3));
      const entries = function* (): Generator<FixtureEntry> {
        for (let i = 0; i < 1000; i++)
          yield unmatchedAt.has(i)
            ? { ref: `U${i}`, bookingDate: '2026-11-18', amount: 1_000 + i, text: `ukjent ${i}` }
            : { ref: `K${i}`, bookingDate: '2026-11-18', amount: 10_000, kid: invoices[i % 30]!.kid };
      };
      const source = fromChunks(() =>
        camtChunks({ message: '054', version: '08', account: company.bankAccount }, entries()),
      );
      const progress: number[] = [];
      const result = await importBankFile(db, company.id, source, {
        ...options,
        onProgress: (p) => {
          if (p.phase === 'booking') progress.push(p.done);
        },
      });
      expect(result.summary).toMatchObject({
        transactions: 1000,
        booked: { kid: { count: 900, amount: 9_000_000 } },
        unmatched: { count: 100 },
        pending: 0,
      });
      expect(progress.at(-1)).toBe(1000);
      const queue = [];
      for (let after: string | undefined; ; ) {
        const page = await listBankEntries(db, company.id, { limit: 37, state: 'unmatched', after });
        queue.push(...page);
        if (page.length < 37) break;
        after = page.at(-1)!.id;
      }
      expect(queue.map((e) => e.bankReference).sort()).toEqual([...unmatchedAt].map((i) => `U${i}`).sort());

      // resolve one to an invoice, one to an account, one as not a customer payment
      const [a, b, c] = queue;
      const paid = await inTransaction(db, (trx) =>
        resolveBankEntry(trx, company.id, a!.id, { action: 'invoice', invoiceId: invoices[0]!.id }, null),
      );
      expect(paid).toMatchObject({
        state: 'resolved',
        invoiceNumber: invoices[0]!.invoiceNumber,
        decision: { action: 'invoice' },
      });
      const before = await counts(company.id);
      const twice = await inTransaction(db, (trx) =>
        resolveBankEntry(trx, company.id, a!.id, { action: 'invoice', invoiceId: invoices[0]!.id }, null),
      ).catch((e: AppError) => e.code);
      expect(twice).toBe('invalid_transition');
      expect(await counts(company.id)).toEqual(before);
      const posted = await inTransaction(db, (trx) =>
        resolveBankEntry(trx, company.id, b!.id, { action: 'account', account: 8050, note: 'Renteinntekt' }, null),
      );
      expect(posted.voucherId).not.toBeNull();
      const balance = await balances(db, company.id);
      expect(balance[8050]).toBe(-b!.amount);
      const noted = await inTransaction(db, (trx) =>
        resolveBankEntry(
          trx,
          company.id,
          c!.id,
          { action: 'not_customer_payment', note: 'Overføring egen konto' },
          null,
        ),
      );
      expect(noted).toMatchObject({ state: 'resolved', voucherId: null, decision: { note: 'Overføring egen konto' } });
      const left = await listBankEntries(db, company.id, { limit: 200, state: 'unmatched' });
      expect(left).toHaveLength(97);
    },
    budget(600_000),
  ); // about a minute on a busy 2-core machine: the limit says hung, not slow
});
