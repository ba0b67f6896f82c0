import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { searchTargets } from '../ledger/open-item.service.js';
import type { Ore } from '../shared/money.js';
import type { ListSearch } from '../shared/search.js';
import { type InvoiceSummary, summaryFromRow, summaryQuery } from './invoice-summary.js';

export type InvoiceStatusFilter = 'open' | 'overdue' | 'closed';

/**
 * Invoices newest first (keyset on the invoice number), filtered by customer and status. A read
 * model: the status filter is on the ledger's open amount, so the page joins `open_items` in the
 * one query that cuts it (reading it per invoice would leave the keyset page unfilterable).
 */
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
  let q = summaryQuery(db, companyId)
    .innerJoin('open_items as o', 'o.posting_id', 'i.posting_id')
    .select('o.open_amount')
    .orderBy('i.invoice_number', 'desc')
    .limit(options.limit);
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
  return (await q.execute()).map((r) => summaryFromRow(r, r.open_amount));
}
