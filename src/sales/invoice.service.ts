import type { Db, Trx } from '../db/database.js';
import { kidForInvoice } from '../formats/kid.js';
import { listInvoiceEvents, type InvoiceEvent } from '../ledger/invoice-event.repository.js';
import { type EntryMatch, matchesOfEntry, openAmountsOf } from '../ledger/match.service.js';
import { nextInSeries } from '../ledger/number-series.repository.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { chunks } from '../shared/chunks.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import type { CompanyAccounts } from '../tenancy/company.js';
import { getCompany } from '../tenancy/company.service.js';
import { getCustomer } from './customer.service.js';
import { computeTotals, type LineInput } from './invoice.js';
import { type InvoiceSummary, type SummaryRow, summaryFromRow, summaryQuery } from './invoice-summary.js';
import type { VatBreakdownRow, VatRate } from './invoice.table.js';

export interface InvoiceInput {
  customerId: string;
  issueDate: string;
  dueDate: string;
  description?: string | undefined;
  lines: LineInput[];
}

export type { InvoiceSummary } from './invoice-summary.js';
export { listInvoices, type InvoiceStatusFilter } from './invoice-list.read-model.js';

export interface InvoiceDetail extends InvoiceSummary {
  description: string;
  lines: Array<{
    lineNo: number;
    description: string;
    quantity: number;
    unitPrice: Ore;
    vatRate: VatRate;
    netAmount: Ore;
  }>;
  vatBreakdown: VatBreakdownRow[];
  matches: EntryMatch[];
  creditNotes: Array<{ id: string; creditNoteNumber: number; issueDate: string; totalAmount: Ore }>;
  events: InvoiceEvent[];
}

export function salesAccount(accounts: CompanyAccounts, rate: VatRate): number {
  return { 25: accounts.salesVat25, 15: accounts.salesVat15, 12: accounts.salesVat12, 0: accounts.salesVat0 }[rate];
}

export function checkVatRates(vatRegistered: boolean, lines: LineInput[]): void {
  if (!vatRegistered && lines.some((l) => l.vatRate !== 0)) {
    throw new AppError('validation_failed', 'the company is not VAT-registered: every line must have VAT rate 0', {
      reason: 'not_vat_registered',
    });
  }
}

/**
 * Issues an invoice: numbers it gap-free, gives it a KID and posts it
 * (Dr receivable with the customer, Cr sales per VAT rate, Cr output VAT).
 */
export async function createInvoice(
  trx: Trx,
  companyId: string,
  input: InvoiceInput,
  userId: string | null,
): Promise<InvoiceSummary> {
  const company = await getCompany(trx, companyId);
  const customer = await getCustomer(trx, companyId, input.customerId);
  if (input.dueDate < input.issueDate)
    throw new AppError(
      'validation_failed',
      `the due date ${input.dueDate} is before the issue date ${input.issueDate}`,
      { reason: 'due_before_issue', dueDate: input.dueDate, issueDate: input.issueDate },
    );
  checkVatRates(company.vatRegistered, input.lines);
  const totals = computeTotals(input.lines);
  if (totals.totalAmount <= 0)
    throw new AppError('validation_failed', 'an invoice must have a total above 0', {
      reason: 'total_not_positive',
      totalAmount: totals.totalAmount,
    });
  const invoiceNumber = await nextInSeries(trx, companyId, 'invoice', 0, 1);
  const kid = kidForInvoice(customer.customerNumber, invoiceNumber, company.kidAlgorithm);
  const invoice = await trx
    .insertInto('invoices')
    .values({
      company_id: companyId,
      invoice_number: invoiceNumber,
      customer_id: customer.id,
      issue_date: input.issueDate,
      due_date: input.dueDate,
      kid,
      net_amount: totals.netAmount,
      vat_amount: totals.vatAmount,
      total_amount: totals.totalAmount,
      vat_breakdown: JSON.stringify(totals.vatBreakdown),
      description: input.description ?? '',
      voucher_id: null,
      posting_id: null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_lines')
    .values(
      totals.lines.map((l, i) => ({
        invoice_id: invoice.id,
        line_no: i + 1,
        description: l.description,
        quantity: (l.quantityMilli / 1000).toFixed(3),
        unit_price: ore(l.unitPrice),
        vat_rate: l.vatRate,
        net_amount: l.netAmount,
      })),
    )
    .execute();

  const builder = new PostingBuilder('invoice', input.issueDate, `Faktura ${invoiceNumber} ${customer.name}`).debit(
    company.accounts.receivable,
    totals.totalAmount,
    {
      customerId: customer.id,
      invoiceId: invoice.id,
      dueDate: input.dueDate,
      description: `Faktura ${invoiceNumber}`,
    },
  );
  for (const row of totals.vatBreakdown) {
    builder.credit(salesAccount(company.accounts, row.rate), ore(row.netAmount), {
      description: `Salg ${row.rate} % mva`,
      vatRate: row.rate,
    });
    builder.credit(company.accounts.outputVat, ore(row.vatAmount), {
      description: `Utgående mva ${row.rate} %`,
      vatRate: row.rate,
    });
  }
  const voucher = await postVoucher(trx, companyId, builder.build(), { createdBy: userId });
  const receivable = voucher.postings.find((p) => p.customerId !== null)!;
  await trx
    .updateTable('invoices')
    .set({ voucher_id: voucher.id, posting_id: receivable.id })
    .where('id', '=', invoice.id)
    .execute();
  return {
    id: invoice.id,
    invoiceNumber,
    customerId: customer.id,
    customerNumber: customer.customerNumber,
    customerName: customer.name,
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    kid,
    currency: 'NOK',
    netAmount: totals.netAmount,
    vatAmount: totals.vatAmount,
    totalAmount: totals.totalAmount,
    openAmount: totals.totalAmount,
    voucherId: voucher.id,
    receivableEntryId: receivable.id,
  };
}

/** The invoice's open amount, from the ledger's open item of its receivable entry; none: no such invoice. */
async function withOpenAmount(
  db: Db | Trx,
  companyId: string,
  row: SummaryRow | undefined,
): Promise<InvoiceSummary | null> {
  if (!row?.posting_id) return null;
  const open = (await openAmountsOf(db, companyId, [row.posting_id])).get(row.posting_id);
  return open === undefined ? null : summaryFromRow(row, open);
}

/** The receivable entry and the total of each of these invoices (those without an entry are left out). */
export async function receivableEntries(
  db: Db | Trx,
  companyId: string,
  invoiceIds: string[],
): Promise<Array<{ invoiceId: string; entryId: number; totalAmount: Ore }>> {
  if (invoiceIds.length === 0) return [];
  const rows = await db
    .selectFrom('invoices')
    .select(['id', 'posting_id', 'total_amount'])
    .where('company_id', '=', companyId)
    .where('id', 'in', invoiceIds)
    .where('posting_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ invoiceId: r.id, entryId: r.posting_id!, totalAmount: r.total_amount }));
}

/** What other modules show of an invoice in their lists: its number, customer, total and receivable entry. */
export interface InvoiceHead {
  invoiceId: string;
  invoiceNumber: number;
  customerId: string;
  totalAmount: Ore;
  /** The receivable entry in the ledger (its open item holds what is open on the invoice). */
  entryId: number | null;
}

/** The heads of these invoices of the company, by id (one query per chunk, not per row). */
export async function invoiceHeads(
  db: Db | Trx,
  companyId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, InvoiceHead>> {
  const result = new Map<string, InvoiceHead>();
  for (const chunk of chunks([...new Set(invoiceIds)], 1000)) {
    const rows = await db
      .selectFrom('invoices')
      .select(['id', 'invoice_number', 'customer_id', 'total_amount', 'posting_id'])
      .where('company_id', '=', companyId)
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows)
      result.set(r.id, {
        invoiceId: r.id,
        invoiceNumber: r.invoice_number,
        customerId: r.customer_id,
        totalAmount: r.total_amount,
        entryId: r.posting_id,
      });
  }
  return result;
}

/** How many invoices the company has issued. */
export async function countInvoices(db: Db | Trx, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getInvoiceSummary(db: Db | Trx, companyId: string, invoiceId: string): Promise<InvoiceSummary> {
  const row = await summaryQuery(db, companyId).where('i.id', '=', invoiceId).executeTakeFirst();
  const summary = await withOpenAmount(db, companyId, row);
  if (!summary) throw notFound('the invoice');
  return summary;
}

export async function findInvoiceByKid(db: Db | Trx, companyId: string, kid: string): Promise<InvoiceSummary | null> {
  const row = await summaryQuery(db, companyId).where('i.kid', '=', kid).executeTakeFirst();
  return withOpenAmount(db, companyId, row);
}

export async function getInvoice(db: Db | Trx, companyId: string, invoiceId: string): Promise<InvoiceDetail> {
  const row = await summaryQuery(db, companyId).where('i.id', '=', invoiceId).executeTakeFirst();
  const summary = await withOpenAmount(db, companyId, row);
  if (!row || !summary) throw notFound('the invoice');
  const [lines, matches, creditNotes, events] = await Promise.all([
    db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('line_no').execute(),
    matchesOfEntry(db, companyId, row.posting_id!),
    db
      .selectFrom('credit_notes')
      .select(['id', 'credit_note_number', 'issue_date', 'total_amount'])
      .where('company_id', '=', companyId)
      .where('invoice_id', '=', invoiceId)
      .orderBy('credit_note_number')
      .execute(),
    listInvoiceEvents(db, companyId, { after: 0, limit: 1000, invoiceId }),
  ]);
  return {
    ...summary,
    description: row.description,
    vatBreakdown: row.vat_breakdown,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      description: l.description,
      quantity: Number(l.quantity),
      unitPrice: l.unit_price,
      vatRate: l.vat_rate,
      netAmount: l.net_amount,
    })),
    matches,
    creditNotes: creditNotes.map((c) => ({
      id: c.id,
      creditNoteNumber: c.credit_note_number,
      issueDate: c.issue_date,
      totalAmount: c.total_amount,
    })),
    events,
  };
}

/**
 * Takes the invoice's row lock (FOR NO KEY UPDATE, held to commit), so that writers that must see
 * each other's effect on one invoice (a handover, a letter) queue instead of both passing their
 * checks. 404 for an invoice the company does not have.
 */
export async function lockInvoice(trx: Trx, companyId: string, invoiceId: string): Promise<void> {
  const locked = await trx
    .selectFrom('invoices')
    .select('id')
    .where('company_id', '=', companyId)
    .where('id', '=', invoiceId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!locked) throw notFound('the invoice');
}
