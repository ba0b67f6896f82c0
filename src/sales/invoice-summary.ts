import type { Db, Trx } from '../db/database.js';
import type { Ore } from '../shared/money.js';

/**
 * An invoice as lists and checks see it, with its customer and what is open on it. The open amount
 * is the ledger's (the open item of the invoice's receivable entry): a single invoice reads it
 * through `ledger.openAmountsOf`, the list page (`invoice-list.read-model.ts`) joins it.
 */
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

/** The invoices with their customers (sales' own tables). */
export function summaryQuery(db: Db | Trx, companyId: string) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.company_id', '=', 'i.company_id').onRef('c.id', '=', 'i.customer_id'),
    )
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
      'i.voucher_id',
      'i.posting_id',
      'i.description',
      'i.vat_breakdown',
    ])
    .where('i.company_id', '=', companyId);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export function summaryFromRow(r: SummaryRow, openAmount: Ore): InvoiceSummary {
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
    openAmount,
    voucherId: r.voucher_id!,
    receivableEntryId: r.posting_id!,
  };
}
