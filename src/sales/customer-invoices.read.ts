/** A customer's invoices by id, for the modules that read what hangs on them (the customer card's letters). */
import type { Db, Trx } from '../db/database.js';

export async function customerInvoiceIds(db: Db | Trx, companyId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('id')
    .where('company_id', '=', companyId)
    .where('customer_id', '=', customerId)
    .execute();
  return rows.map((r) => r.id);
}
