import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { matchesOfEntry } from '../ledger/match.service.js';
import type { VoucherType } from '../ledger/invoice-event.repository.js';
import { notFound } from '../shared/errors.js';
import type { Ore } from '../shared/money.js';

/*
 * A read model: invoices as an agency sees them (the agency API's invoices and a case's invoice
 * list), one keyset-paged query over collection's handovers with the invoice, customer, open amount
 * and letters beside each (sales', the ledger's and dunning's tables). Nothing here writes; the
 * reads are listed in scripts/table-owners.known.json.
 */

export type CollectionStatus = 'approved' | 'in_case' | 'archived' | 'rejected';

export interface AgencyInvoice {
  id: string;
  invoiceNumber: number;
  customer: {
    id: string;
    customerNumber: number;
    name: string;
    type: 'person' | 'company';
    organizationNumber?: string;
    email?: string;
    address: { line: string | null; postalCode: string | null; city: string | null; country: string };
  };
  issueDate: string;
  dueDate: string;
  currency: string;
  originalAmount: Ore;
  remainingAmount: Ore;
  kid: string;
  reminders: Array<{ type: 'reminder' | 'collection_notice'; sentDate: string; dueDate: string; feeAmount: Ore }>;
  collectionStatus: CollectionStatus;
  caseNumber: string | null;
  /** Who sends the inkassovarsel: the creditor did before the handover, or the agency must; absent where the handover did not record it. */
  collectionNoticeBy?: 'creditor' | 'agency';
}

interface InvoiceRow {
  id: string;
  invoice_number: number;
  issue_date: string;
  due_date: string;
  currency: string;
  total_amount: Ore;
  open_amount: Ore;
  kid: string;
  customer_id: string;
  customer_number: number;
  name: string;
  type: 'person' | 'company';
  organization_number: string | null;
  email: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  state: string;
  case_number: string | null;
  handover_created_at: Date;
  collection_notice_by: 'creditor' | 'agency' | null;
}

/**
 * Invoices as an agency sees them: only those handed to it (approved, in a case, archived or given
 * back), each in the state of its latest handover to this agency.
 */
async function agencyInvoices(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  filter: { invoiceIds?: string[]; availableOnly?: boolean; limit?: number; after?: { createdAt: string; id: string } },
): Promise<AgencyInvoice[]> {
  const after = filter.after;
  const rows = await sql<InvoiceRow>`
    select i.id, i.invoice_number, i.issue_date, i.due_date, i.currency, i.total_amount, o.open_amount, i.kid,
           c.id as customer_id, c.customer_number, c.name, c.type, c.organization_number, c.email, c.address_line, c.postal_code, c.city, c.country,
           h.state, k.case_number, h.created_at as handover_created_at, h.collection_notice_by
    from (
      select distinct on (h.invoice_id) h.invoice_id, h.state, h.case_id, h.created_at, h.collection_notice_by
      from handovers h
      where h.agency_id = ${agencyId} and h.company_id = ${companyId} and h.state <> 'draft'
        ${filter.invoiceIds ? sql`and h.invoice_id in (${sql.join(filter.invoiceIds)})` : sql``}
      order by h.invoice_id, h.created_at desc
    ) h
    join invoices i on i.id = h.invoice_id
    join open_items o on o.posting_id = i.posting_id
    join customers c on c.company_id = i.company_id and c.id = i.customer_id
    left join cases k on k.id = h.case_id
    where true
      ${filter.availableOnly ? sql`and h.state = 'approved'` : sql``}
      ${after ? sql`and (h.created_at, i.id) > (${new Date(after.createdAt)}, ${after.id})` : sql``}
    order by h.created_at, i.id
    ${filter.limit ? sql`limit ${filter.limit}` : sql``}`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  const letters =
    ids.length === 0
      ? []
      : await db
          .selectFrom('reminders')
          .select(['invoice_id', 'type', 'sent_date', 'due_date', 'fee_amount'])
          .where('invoice_id', 'in', ids)
          .orderBy('sent_date')
          .execute();
  return rows.rows.map((r) => ({
    id: r.id,
    invoiceNumber: r.invoice_number,
    customer: {
      id: r.customer_id,
      customerNumber: r.customer_number,
      name: r.name,
      type: r.type,
      ...(r.organization_number ? { organizationNumber: r.organization_number } : {}),
      ...(r.email ? { email: r.email } : {}),
      address: { line: r.address_line, postalCode: r.postal_code, city: r.city, country: r.country },
    },
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    originalAmount: r.total_amount,
    remainingAmount: r.open_amount,
    kid: r.kid,
    reminders: letters
      .filter((l) => l.invoice_id === r.id)
      .map((l) => ({ type: l.type, sentDate: l.sent_date, dueDate: l.due_date, feeAmount: l.fee_amount })),
    collectionStatus: (r.state === 'recalled' ? 'rejected' : r.state) as CollectionStatus,
    caseNumber: r.case_number,
    ...(r.collection_notice_by ? { collectionNoticeBy: r.collection_notice_by } : {}),
    handoverCreatedAt: r.handover_created_at.toISOString(),
  }));
}

/** Invoices on the approved list for this agency, not yet in a case, oldest approval first. */
export async function availableInvoices(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  options: { limit: number; after?: { createdAt: string; id: string } | undefined },
) {
  return agencyInvoices(db, agencyId, companyId, {
    availableOnly: true,
    limit: options.limit,
    ...(options.after ? { after: options.after } : {}),
  }) as Promise<Array<AgencyInvoice & { handoverCreatedAt: string }>>;
}

export async function agencyInvoice(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  invoiceId: string,
): Promise<AgencyInvoice> {
  const [invoice] = await agencyInvoices(db, agencyId, companyId, { invoiceIds: [invoiceId] });
  if (!invoice) throw notFound('the invoice');
  const { handoverCreatedAt: _, ...rest } = invoice as AgencyInvoice & { handoverCreatedAt?: string };
  return rest;
}

export async function agencyInvoicesById(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  invoiceIds: string[],
): Promise<AgencyInvoice[]> {
  if (invoiceIds.length === 0) return [];
  return agencyInvoices(db, agencyId, companyId, { invoiceIds });
}

export interface MatchedItem {
  matchId: number;
  voucherId: string;
  voucherType: VoucherType;
  voucherNumber: string;
  date: string;
  amount: Ore;
  isWriteOff: boolean;
  isManual: boolean;
  matchedAt: string;
  undone: boolean;
}

/** Every ledger entry matched to the invoice (undone matches shown as such). */
export async function matchedItems(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  invoiceId: string,
): Promise<MatchedItem[]> {
  await agencyInvoice(db, agencyId, companyId, invoiceId);
  const row = await db
    .selectFrom('invoices')
    .select('posting_id')
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  const matches = await matchesOfEntry(db, companyId, row.posting_id!);
  return matches.map((m) => ({
    matchId: m.matchId,
    voucherId: m.counterpart.voucherId,
    voucherType: m.counterpart.voucherType,
    voucherNumber: m.counterpart.voucherNumber,
    date: m.counterpart.date,
    amount: m.amount,
    isWriteOff: m.counterpart.isWriteOff,
    isManual: m.counterpart.isManual,
    matchedAt: m.createdAt,
    undone: m.undoneByMatchId !== null,
  }));
}
