/**
 * One customer's letters (purringer and inkassovarsler) for the customer card, newest first, a page
 * at a time on the key (sent date, recorded at, id): the customer's invoices from sales, their
 * letters here, each with the invoice number it was sent with (the letter's own document).
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { customerInvoiceIds } from '../sales/customer-invoices.read.js';
import type { Ore } from '../shared/money.js';
import type { LetterType } from './dunning.table.js';

export interface CustomerLetter {
  id: string;
  invoiceId: string;
  invoiceNumber: number;
  type: LetterType;
  sequence: number;
  sentDate: string;
  dueDate: string;
  feeAmount: Ore;
  channel: 'email' | 'letter';
}

/** Where a page ended: the last letter's sent date, its recording time (the database's text, µs kept) and id. */
export interface CustomerLetterPosition {
  sentDate: string;
  createdAt: string;
  id: string;
}

export async function lettersOfCustomer(
  db: Db | Trx,
  companyId: string,
  customerId: string,
  options: { limit: number; after?: CustomerLetterPosition | undefined },
): Promise<{ data: CustomerLetter[]; next: CustomerLetterPosition | null }> {
  const a = options.after;
  const invoiceIds = await customerInvoiceIds(db, companyId, customerId);
  if (invoiceIds.length === 0) return { data: [], next: null };
  const rows = await sql<{
    id: string;
    invoice_id: string;
    invoice_number: number;
    type: LetterType;
    sequence: number;
    sent_date: string;
    due_date: string;
    fee_amount: Ore;
    channel: 'email' | 'letter';
    created_key: string;
  }>`
    select r.id, r.invoice_id, (r.document->'invoice'->>'invoiceNumber')::int as invoice_number, r.type, r.sequence,
           r.sent_date::text as sent_date, r.due_date::text as due_date, r.fee_amount, r.channel,
           r.created_at::text as created_key
    from reminders r
    where r.company_id = ${companyId} and r.invoice_id in (${sql.join(invoiceIds)})
      ${a ? sql`and (r.sent_date, r.created_at, r.id) < (${a.sentDate}::date, ${a.createdAt}::timestamptz, ${a.id}::uuid)` : sql``}
    order by r.sent_date desc, r.created_at desc, r.id desc
    limit ${options.limit + 1}`.execute(db);
  const page = rows.rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      id: r.id,
      invoiceId: r.invoice_id,
      invoiceNumber: r.invoice_number,
      type: r.type,
      sequence: r.sequence,
      sentDate: r.sent_date,
      dueDate: r.due_date,
      feeAmount: r.fee_amount,
      channel: r.channel,
    })),
    next:
      rows.rows.length > options.limit && last
        ? { sentDate: last.sent_date, createdAt: last.created_key, id: last.id }
        : null,
  };
}
