import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { kidForInvoice } from '../formats/kid.js';
import { listInvoiceEvents, type InvoiceEvent } from '../ledger/invoice-event.repository.js';
import { searchTargets } from '../ledger/open-item.service.js';
import { type EntryMatch, matchesOfEntry } from '../ledger/match.service.js';
import { nextInSeries } from '../ledger/number-series.repository.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import type { ListSearch } from '../shared/search.js';
import type { CompanyAccounts } from '../tenancy/company.js';
import { getCompany } from '../tenancy/company.service.js';
import { getCustomer } from './customer.service.js';
import { computeTotals, type LineInput } from './invoice.js';
import type { VatBreakdownRow, VatRate } from './invoice.table.js';

export interface InvoiceInput {
  customerId: string;
  issueDate: string;
  dueDate: string;
  description?: string | undefined;
  lines: LineInput[];
}

export interface InvoiceSummary {
  id: string;
  invoiceNumber: number;
  customerId: string;
  customerNumber: number;
  customerName: string;
  issueDate: string;
  dueDate: string;
  kid: string;
  currency: string;
  netAmount: Ore;
  vatAmount: Ore;
  totalAmount: Ore;
  openAmount: Ore;
  voucherId: string;
  receivableEntryId: number;
}

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

function summaryQuery(db: Db | Trx, companyId: string) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.company_id', '=', 'i.company_id').onRef('c.id', '=', 'i.customer_id'),
    )
    .innerJoin('open_items as o', 'o.posting_id', 'i.posting_id')
    .select([
      'i.id',
      'i.invoice_number',
      'i.customer_id',
      'c.customer_number',
      'c.name as customer_name',
      'i.issue_date',
      'i.due_date',
      'i.kid',
      'i.currency',
      'i.net_amount',
      'i.vat_amount',
      'i.total_amount',
      'o.open_amount',
      'i.voucher_id',
      'i.posting_id',
      'i.description',
      'i.vat_breakdown',
    ])
    .where('i.company_id', '=', companyId);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function summaryFromRow(r: SummaryRow): InvoiceSummary {
  return {
    id: r.id,
    invoiceNumber: r.invoice_number,
    customerId: r.customer_id,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    kid: r.kid,
    currency: r.currency,
    netAmount: r.net_amount,
    vatAmount: r.vat_amount,
    totalAmount: r.total_amount,
    openAmount: r.open_amount,
    voucherId: r.voucher_id!,
    receivableEntryId: r.posting_id!,
  };
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
  if (!row) throw notFound('the invoice');
  return summaryFromRow(row);
}

export async function findInvoiceByKid(db: Db | Trx, companyId: string, kid: string): Promise<InvoiceSummary | null> {
  const row = await summaryQuery(db, companyId).where('i.kid', '=', kid).executeTakeFirst();
  return row ? summaryFromRow(row) : null;
}

export async function getInvoice(db: Db | Trx, companyId: string, invoiceId: string): Promise<InvoiceDetail> {
  const row = await summaryQuery(db, companyId).where('i.id', '=', invoiceId).executeTakeFirst();
  if (!row) throw notFound('the invoice');
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
    ...summaryFromRow(row),
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

export type InvoiceStatusFilter = 'open' | 'overdue' | 'closed';

/** Invoices newest first (keyset on the invoice number), filtered by customer and status. */
export async function listInvoices(
  db: Db,
  companyId: string,
  options: {
    limit: number;
    beforeNumber?: number | undefined;
    customerId?: string | undefined;
    status?: InvoiceStatusFilter | undefined;
    today: string;
    search?: ListSearch | null | undefined;
  },
): Promise<InvoiceSummary[]> {
  let q = summaryQuery(db, companyId).orderBy('i.invoice_number', 'desc').limit(options.limit);
  if (options.search) {
    const found = await searchTargets(db, companyId, options.search);
    if (found.invoiceIds.length === 0 && found.customerIds.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(found.invoiceIds.length > 0 ? [eb('i.id', 'in', found.invoiceIds)] : []),
        ...(found.customerIds.length > 0 ? [eb('i.customer_id', 'in', found.customerIds)] : []),
      ]),
    );
  }
  if (options.beforeNumber !== undefined) q = q.where('i.invoice_number', '<', options.beforeNumber);
  if (options.customerId) q = q.where('i.customer_id', '=', options.customerId);
  if (options.status === 'open') q = q.where('o.open_amount', '>', sql<Ore>`0`);
  if (options.status === 'closed') q = q.where('o.open_amount', '=', sql<Ore>`0`);
  if (options.status === 'overdue')
    q = q.where('o.open_amount', '>', sql<Ore>`0`).where('i.due_date', '<', options.today);
  return (await q.execute()).map(summaryFromRow);
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
