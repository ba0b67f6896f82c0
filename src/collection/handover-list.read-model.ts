import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { searchTargets } from '../ledger/open-item.service.js';
import { notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import type { ListSearch } from '../shared/search.js';
import type { HandoverState } from './handover.table.js';

// The handover lists as the accountant's screens and the API show them (utkast, godkjent, an
// invoice's handovers, the counts): a read model, each page one query joining the handover with
// its invoice and customer (sales), what is open on it (ledger) and the agency's name (agencies).
// Reads only; the rules that change handovers are in handover.service.ts.

export interface Handover {
  id: string;
  invoiceId: string;
  invoiceNumber: number;
  customerId: string;
  customerName: string;
  dueDate: string;
  totalAmount: Ore;
  openAmount: Ore;
  agencyId: string;
  agencyName: string;
  state: HandoverState;
  createdAt: string;
  approvedAt: string | null;
  approval: 'user' | 'auto' | 'operator' | null;
  endedAt: string | null;
  endedByType: 'user' | 'agency' | 'system' | null;
  endReason: string | null;
  /** Who sends the inkassovarsel: the creditor did before the handover, or the agency will (null: not recorded). */
  collectionNoticeBy: 'creditor' | 'agency' | null;
}

function handoverQuery(db: Db | Trx, companyId: string) {
  return db
    .selectFrom('handovers as h')
    .innerJoin('invoices as i', 'i.id', 'h.invoice_id')
    .innerJoin('open_items as o', 'o.posting_id', 'i.posting_id')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.company_id', '=', 'i.company_id').onRef('c.id', '=', 'i.customer_id'),
    )
    .innerJoin('agencies as a', 'a.id', 'h.agency_id')
    .select([
      'h.id',
      'h.invoice_id',
      'i.invoice_number',
      'i.customer_id',
      'c.name as customer_name',
      'i.due_date',
      'i.total_amount',
      'o.open_amount',
      'h.agency_id',
      'a.name as agency_name',
      'h.state',
      'h.created_at',
      'h.approved_at',
      'h.approval',
      'h.ended_at',
      'h.ended_by_type',
      'h.end_reason',
      'h.collection_notice_by',
    ])
    .where('h.company_id', '=', companyId);
}

type HandoverRow = Awaited<ReturnType<ReturnType<typeof handoverQuery>['executeTakeFirstOrThrow']>>;

function fromRow(r: HandoverRow): Handover {
  return {
    id: r.id,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    customerId: r.customer_id,
    customerName: r.customer_name,
    dueDate: r.due_date,
    totalAmount: r.total_amount,
    openAmount: r.open_amount,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    state: r.state,
    createdAt: r.created_at.toISOString(),
    approvedAt: r.approved_at?.toISOString() ?? null,
    approval: r.approval,
    endedAt: r.ended_at?.toISOString() ?? null,
    endedByType: r.ended_by_type,
    endReason: r.end_reason,
    collectionNoticeBy: r.collection_notice_by,
  };
}

/** A handover of the invoice to an agency, with the case the agency opened for it (if it did). */
export interface InvoiceHandover {
  id: string;
  state: HandoverState;
  agencyId: string;
  agencyName: string;
  createdAt: string;
  endedAt: string | null;
  /** Who ended it: the user (rejected, recalled), the agency (gave it back, or its case ended), the system. */
  endedBy: 'user' | 'agency' | 'system' | null;
  endReason: string | null;
  case: {
    id: string;
    caseNumber: string;
    url: string | null;
    status: string;
    statusText: string | null;
    state: 'open' | 'archived';
  } | null;
}

/** Every handover of an invoice, newest first. */
export async function handoversOfInvoice(
  db: Db | Trx,
  companyId: string,
  invoiceId: string,
): Promise<InvoiceHandover[]> {
  const rows = await db
    .selectFrom('handovers as h')
    .innerJoin('agencies as a', 'a.id', 'h.agency_id')
    .leftJoin('cases as k', (j) => j.onRef('k.id', '=', 'h.case_id').onRef('k.company_id', '=', 'h.company_id'))
    .select([
      'h.id',
      'h.state',
      'h.agency_id',
      'a.name as agency_name',
      'h.created_at',
      'h.ended_at',
      'h.ended_by_type',
      'h.end_reason',
      'k.id as case_id',
      'k.case_number',
      'k.url',
      'k.status',
      'k.status_text',
      'k.state as case_state',
    ])
    .where('h.company_id', '=', companyId)
    .where('h.invoice_id', '=', invoiceId)
    .orderBy('h.created_at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    createdAt: r.created_at.toISOString(),
    endedAt: r.ended_at ? r.ended_at.toISOString() : null,
    endedBy: r.ended_by_type,
    endReason: r.end_reason,
    case:
      r.case_id && r.case_number && r.status && r.case_state
        ? {
            id: r.case_id,
            caseNumber: r.case_number,
            url: r.url,
            status: r.status,
            statusText: r.status_text,
            state: r.case_state,
          }
        : null,
  }));
}

export async function getHandover(db: Db | Trx, companyId: string, handoverId: string): Promise<Handover> {
  const row = await handoverQuery(db, companyId).where('h.id', '=', handoverId).executeTakeFirst();
  if (!row) throw notFound('the handover');
  return fromRow(row);
}

/** The draft list (utkastliste) or the approved list (godkjentliste), and the ended ones, oldest first. */
export async function listHandovers(
  db: Db | Trx,
  companyId: string,
  options: {
    states: HandoverState[];
    agencyId?: string | undefined;
    limit: number;
    after?: { createdAt: string; id: string } | undefined;
    search?: ListSearch | null | undefined;
  },
): Promise<Handover[]> {
  const s = options.search;
  const found = s ? await searchTargets(db, companyId, s) : null;
  let q = handoverQuery(db, companyId)
    .where('h.state', 'in', options.states)
    .orderBy('h.created_at')
    .orderBy('h.id')
    .limit(options.limit);
  if (options.agencyId) q = q.where('h.agency_id', '=', options.agencyId);
  if (s && found) {
    const text = s.text;
    q = q.where((eb) =>
      eb.or([
        ...(found.invoiceIds.length > 0 ? [eb('h.invoice_id', 'in', found.invoiceIds)] : []),
        ...(found.customerIds.length > 0 ? [eb('i.customer_id', 'in', found.customerIds)] : []),
        // An invoice in a case is found by the case's number too.
        eb(
          'h.case_id',
          'in',
          eb
            .selectFrom('cases')
            .select('id')
            .where('company_id', '=', companyId)
            .where(sql<string>`lower(case_number)`, '=', text.toLowerCase()),
        ),
      ]),
    );
  }
  if (options.after) {
    const a = options.after;
    q = q.where((eb) => eb(eb.refTuple('h.created_at', 'h.id'), '>', eb.tuple(new Date(a.createdAt), a.id)));
  }
  return (await q.execute()).map(fromRow);
}

/** Handovers and what is open on them, per state; `states` limits it (states not asked for count 0). */
export async function handoverCounts(
  db: Db | Trx,
  companyId: string,
  states?: readonly HandoverState[],
): Promise<Record<HandoverState, { count: number; openAmount: Ore }>> {
  const rows = await sql<{ state: HandoverState; count: number; open: Ore }>`
    select h.state, count(*) as count, coalesce(sum(o.open_amount), 0)::bigint as open
    from handovers h join invoices i on i.id = h.invoice_id join open_items o on o.posting_id = i.posting_id
    where h.company_id = ${companyId} ${states ? sql`and h.state in (${sql.join(states)})` : sql``} group by h.state`.execute(
    db,
  );
  const result = Object.fromEntries(
    ['draft', 'approved', 'in_case', 'archived', 'rejected', 'recalled'].map((s) => [
      s,
      { count: 0, openAmount: ore(0) },
    ]),
  ) as Record<HandoverState, { count: number; openAmount: Ore }>;
  for (const r of rows.rows) result[r.state] = { count: r.count, openAmount: r.open };
  return result;
}
