import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import type { InvoiceEventType, VoucherType } from '../ledger/invoice-event.repository.js';
import type { Ore } from '../shared/money.js';

/*
 * A read model: the agency's event feed, as the agency API serves it and the webhooks push it. One
 * query over the ledger's invoice events with the invoice's number and a payment's KID beside each
 * (sales' tables), because the feed is paged by position and a join per page is what keeps it one
 * indexed range; these reads are listed in scripts/table-owners.known.json.
 */

export interface AgencyEvent {
  id: string;
  type: InvoiceEventType;
  occurredAt: string;
  clientId: string;
  invoiceId: string;
  invoiceNumber: number;
  caseNumber: string | null;
  voucherId: string | null;
  voucherType: VoucherType | null;
  amount: Ore;
  remainingAmount: Ore;
  kid: string | null;
  isWriteOff: boolean;
  isManual: boolean;
}

/**
 * The agency's event feed: the invoice events it reads (`invoice_events.agency_id`: decided as each
 * event was written — the agency concerned, if the company had it active then — and never changed),
 * after a position, in commit order (`feed_position`: the agency's own positions, handed out in
 * commit order under the agency's counter row, migration 0016, so paging with `after` never skips
 * one). Nothing here depends on the state at read time, so a position a reader
 * has passed never gains or loses an event: events written while the company had the agency
 * deactivated are reissued at the end of the feed on reactivation (`reissueWithheldEvents`).
 */
export async function agencyEvents(
  db: Db | Trx,
  agencyId: string,
  options: { after: number; limit: number; clientId?: string | undefined },
): Promise<AgencyEvent[]> {
  const rows = await sql<{
    feed_position: number;
    type: InvoiceEventType;
    occurred_at: Date;
    company_id: string;
    invoice_id: string;
    invoice_number: number;
    case_number: string | null;
    voucher_id: string | null;
    voucher_type: VoucherType | null;
    amount: Ore;
    remaining_amount: Ore;
    kid: string | null;
    is_write_off: boolean;
    is_manual: boolean;
  }>`
    select e.feed_position, e.type, e.occurred_at, e.company_id, e.invoice_id, i.invoice_number, e.case_number,
           e.voucher_id, e.voucher_type, e.amount, e.remaining_amount, p.kid, e.is_write_off, e.is_manual
    from invoice_events e
    join invoices i on i.id = e.invoice_id
    left join payments p on p.voucher_id = e.voucher_id and e.voucher_type = 'payment'
    where e.agency_id = ${agencyId} and e.feed_position > ${options.after}
      ${options.clientId ? sql`and e.company_id = ${options.clientId}` : sql``}
    order by e.feed_position
    limit ${options.limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: String(r.feed_position),
    type: r.type,
    occurredAt: r.occurred_at.toISOString(),
    clientId: r.company_id,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    caseNumber: r.case_number,
    voucherId: r.voucher_id,
    voucherType: r.voucher_type,
    amount: r.amount,
    remainingAmount: r.remaining_amount,
    kid: r.kid,
    isWriteOff: r.is_write_off,
    isManual: r.is_manual,
  }));
}
