import type { Db, Trx } from '../db/database.js';
import { chunks } from '../shared/chunks.js';

export interface InvoiceLedgerRef {
  customerId: string;
  /** The invoice's receivable entry (its open item). */
  postingId: number;
  invoiceNumber: number;
}

/**
 * Many invoices' customer, receivable entry and number at once (one statement per thousand), for
 * another module that checks lines naming invoices (a settlement's principal lines): unknown ids
 * and other companies' are simply absent.
 */
export async function invoiceLedgerRefs(
  db: Db | Trx,
  companyId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, InvoiceLedgerRef>> {
  const result = new Map<string, InvoiceLedgerRef>();
  for (const chunk of chunks([...new Set(invoiceIds)], 5000)) {
    const rows = await db
      .selectFrom('invoices')
      .select(['id', 'customer_id', 'posting_id', 'invoice_number'])
      .where('company_id', '=', companyId)
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows)
      result.set(r.id, { customerId: r.customer_id, postingId: Number(r.posting_id), invoiceNumber: r.invoice_number });
  }
  return result;
}
