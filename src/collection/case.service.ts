import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { agencyNames, getAgency } from '../agencies/agency.service.js';
import { type Actor, type DecisionCause, recordDecision } from '../dunning/dunning.service.js';
import { customersByIds } from '../sales/customer.service.js';
import type { Customer } from '../sales/customer.js';
import { getInvoiceSummary, invoiceHeads, receivableEntries } from '../sales/invoice.service.js';
import { openAmountsOf } from '../ledger/match.service.js';
import { latestPaymentDate, matchedByCreditType, recoveredOnLossAccount } from '../ledger/receivable.read.js';
import { type SearchTargets, searchTargets } from '../ledger/open-item.service.js';
import { AppError, notFound } from '../shared/errors.js';
import type { ListSearch } from '../shared/search.js';
import { getCompany } from '../tenancy/company.service.js';
import { addOre, type Ore, ore, sumOre } from '../shared/money.js';
import { type AgencyInvoice, agencyInvoicesById } from './agency-view.read-model.js';
import {
  type CaseHistoryFigures,
  type CaseInvoiceOutcome,
  CLOSING_STATUSES,
  type CaseStatus,
  type StoredCaseStatus,
} from './case.table.js';

export { CASE_STATUSES } from './case.table.js';

/**
 * Where an invoice a case had stands in it: still in it (open case), ended with it (archived), given
 * back by the agency (rejected), or moved into another case by a merge (merged, `movedTo`).
 */
export type CaseInvoiceState = 'in_case' | 'archived' | 'rejected' | 'merged';

export interface CaseInvoice {
  id: string;
  invoiceNumber: number;
  originalAmount: Ore;
  remainingAmount: Ore;
  state: CaseInvoiceState;
  /** The case a merge moved it into. */
  movedTo: string | null;
}

function invoiceState(outcome: CaseInvoiceOutcome | null): CaseInvoiceState {
  if (outcome === 'ended') return 'archived';
  if (outcome === 'rejected') return 'rejected';
  if (outcome === 'moved') return 'merged';
  return 'in_case';
}

export interface CaseView {
  id: string;
  caseNumber: string;
  url: string | null;
  status: StoredCaseStatus;
  statusText: string | null;
  state: 'open' | 'archived';
  agencyBalance: Ore | null;
  customer: {
    id: string;
    customerNumber: number;
    name: string;
    type: 'person' | 'company';
    organizationNumber: string | null;
  };
  /** Every invoice the case had, with where it stands (an archived case keeps its list). */
  invoices: CaseInvoice[];
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  history: Array<{
    status: StoredCaseStatus | null;
    statusText: string | null;
    kind: string;
    detail: string;
    figures: CaseHistoryFigures | null;
    agencyBalance: Ore | null;
    at: string;
  }>;
  agencyId: string;
  agencyName: string;
  clientId: string;
}

type CaseRow = {
  id: string;
  company_id: string;
  agency_id: string;
  agency_name: string;
  case_number: string;
  url: string | null;
  status: StoredCaseStatus;
  status_text: string | null;
  state: 'open' | 'archived';
  agency_balance: Ore | null;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  customer_id: string;
  customer: Customer;
};

async function caseRows(
  db: Db | Trx,
  where: {
    companyId: string;
    agencyId?: string | undefined;
    caseIds?: string[];
    caseNumber?: string;
    state?: 'open' | 'archived' | undefined;
    limit?: number;
    after?: { createdAt: string; id: string } | undefined;
    search?: { text: string; found: SearchTargets } | undefined;
  },
): Promise<CaseRow[]> {
  const a = where.after;
  const s = where.search;
  const rows = await sql<Omit<CaseRow, 'agency_name' | 'customer'>>`
    select k.id, k.company_id, k.agency_id, k.case_number, k.url, k.status, k.status_text, k.state, k.agency_balance, k.created_at, k.updated_at, k.archived_at, k.customer_id
    from cases k
    where k.company_id = ${where.companyId}
      ${where.agencyId ? sql`and k.agency_id = ${where.agencyId}` : sql``}
      ${where.caseIds ? sql`and k.id in (${sql.join(where.caseIds)})` : sql``}
      ${where.caseNumber !== undefined ? sql`and k.case_number = ${where.caseNumber}` : sql``}
      ${where.state ? sql`and k.state = ${where.state}` : sql``}
      ${a ? sql`and (k.created_at, k.id) > (${new Date(a.createdAt)}, ${a.id})` : sql``}
      ${
        s
          ? sql`and (lower(k.case_number) = ${s.text.toLowerCase()}
        ${s.found.customerIds.length > 0 ? sql`or k.customer_id in (${sql.join(s.found.customerIds)})` : sql``}
        ${
          s.found.invoiceIds.length > 0
            ? sql`or exists (select 1 from case_invoices ci where ci.case_id = k.id and ci.invoice_id in (${sql.join(s.found.invoiceIds)}))`
            : sql``
        })`
          : sql``
      }
    order by k.created_at, k.id
    ${where.limit ? sql`limit ${where.limit}` : sql``}`.execute(db);
  if (rows.rows.length === 0) return [];
  // The page's customers and agencies from their owners, one query each (not one per case).
  const [customers, agencies] = await Promise.all([
    customersByIds(
      db,
      where.companyId,
      rows.rows.map((r) => r.customer_id),
    ),
    agencyNames(
      db,
      rows.rows.map((r) => r.agency_id),
    ),
  ]);
  return rows.rows.map((r) => ({
    ...r,
    agency_name: agencies.get(r.agency_id)!,
    customer: customers.get(r.customer_id)!,
  }));
}

async function views(db: Db | Trx, rows: CaseRow[]): Promise<CaseView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, history] = await Promise.all([
    // An invoice given back and handed over again into the same case shows once, as it is now.
    sql<{ case_id: string; invoice_id: string; outcome: CaseInvoiceOutcome | null; moved_to: string | null }>`
      select distinct on (ci.case_id, ci.invoice_id) ci.case_id, ci.invoice_id, ci.outcome, m.case_number as moved_to
      from case_invoices ci left join cases m on m.id = ci.moved_to
      where ci.case_id in (${sql.join(ids)})
      order by ci.case_id, ci.invoice_id, ci.joined_at desc`.execute(db),
    db.selectFrom('case_history').selectAll().where('case_id', 'in', ids).orderBy('id').execute(),
  ]);
  // Each invoice's number and total from sales, what is open on it from the ledger: one query each
  // for the page's invoices.
  const companyId = rows[0]!.company_id;
  const heads = await invoiceHeads(
    db,
    companyId,
    links.rows.map((l) => l.invoice_id),
  );
  const open = await openAmountsOf(
    db,
    companyId,
    [...heads.values()].flatMap((h) => (h.entryId === null ? [] : [h.entryId])),
  );
  const invoices = links.rows
    .flatMap((l) => {
      const head = heads.get(l.invoice_id);
      const openAmount = head?.entryId != null ? open.get(head.entryId) : undefined;
      return head && openAmount !== undefined ? [{ ...l, head, openAmount }] : [];
    })
    .sort((a, b) => a.head.invoiceNumber - b.head.invoiceNumber);
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    url: r.url,
    status: r.status,
    statusText: r.status_text,
    state: r.state,
    agencyBalance: r.agency_balance,
    customer: {
      id: r.customer_id,
      customerNumber: r.customer.customerNumber,
      name: r.customer.name,
      type: r.customer.type,
      organizationNumber: r.customer.organizationNumber,
    },
    invoices: invoices
      .filter((i) => i.case_id === r.id)
      .map((i) => ({
        id: i.invoice_id,
        invoiceNumber: i.head.invoiceNumber,
        originalAmount: i.head.totalAmount,
        remainingAmount: i.openAmount,
        state: invoiceState(i.outcome),
        movedTo: i.moved_to,
      })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    archivedAt: r.archived_at?.toISOString() ?? null,
    history: history
      .filter((h) => h.case_id === r.id)
      .map((h) => ({
        status: h.status,
        statusText: h.status_text,
        kind: h.kind,
        detail: h.detail,
        figures: h.figures,
        agencyBalance: h.agency_balance,
        at: h.at.toISOString(),
      })),
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    clientId: r.company_id,
  }));
}

export async function getCaseByNumber(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  caseNumber: string,
): Promise<CaseView> {
  const [view] = await views(db, await caseRows(db, { companyId, agencyId, caseNumber }));
  if (!view) throw notFound(`case ${caseNumber}`);
  return view;
}

export async function getCaseById(db: Db | Trx, companyId: string, caseId: string): Promise<CaseView> {
  const [view] = await views(db, await caseRows(db, { companyId, caseIds: [caseId] }));
  if (!view) throw notFound('the case');
  return view;
}

/** Cases of a company (for the accountant), or of one agency for that company (for the agency). */
export async function listCases(
  db: Db | Trx,
  companyId: string,
  options: {
    agencyId?: string | undefined;
    state?: 'open' | 'archived' | undefined;
    limit: number;
    after?: { createdAt: string; id: string } | undefined;
    search?: ListSearch | null | undefined;
  },
): Promise<CaseView[]> {
  const s = options.search;
  return views(
    db,
    await caseRows(db, {
      companyId,
      agencyId: options.agencyId,
      state: options.state,
      limit: options.limit,
      after: options.after,
      search: s ? { text: s.text, found: await searchTargets(db, companyId, s) } : undefined,
    }),
  );
}

/** Cases of the company by id (any state), in the list's shape. */
/**
 * Open cases that may want the accountant: those the agency reports as disputed, and those with a
 * reported balance (which can disagree with the ledger), oldest change first.
 */
export async function casesAwaitingAttention(
  db: Db | Trx,
  companyId: string,
  limit: number,
): Promise<Array<{ id: string; status: string; agency_balance: Ore | null }>> {
  return db
    .selectFrom('cases')
    .select(['id', 'status', 'agency_balance'])
    .where('company_id', '=', companyId)
    .where('state', '=', 'open')
    .where((eb) => eb.or([eb('status', '=', 'disputed'), eb('agency_balance', 'is not', null)]))
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function casesByIds(db: Db | Trx, companyId: string, caseIds: string[]): Promise<CaseView[]> {
  if (caseIds.length === 0) return [];
  return views(db, await caseRows(db, { companyId, caseIds }));
}

async function lockCase(trx: Trx, agencyId: string, companyId: string, caseNumber: string) {
  const row = await trx
    .selectFrom('cases')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', companyId)
    .where('case_number', '=', caseNumber)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(`case ${caseNumber}`);
  return row;
}

/** Locks the approved handovers of these invoices to this agency; all must be available and of one customer. */
async function takeAvailable(
  trx: Trx,
  agencyId: string,
  companyId: string,
  invoiceIds: string[],
  customerId?: string,
): Promise<{ customerId: string; handoverIds: string[]; handovers: Array<{ id: string; invoiceId: string }> }> {
  const unique = [...new Set(invoiceIds)];
  const locked = await trx
    .selectFrom('handovers')
    .select(['id', 'invoice_id'])
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', companyId)
    .where('invoice_id', 'in', unique)
    .where('state', '=', 'approved')
    .forUpdate()
    .execute();
  const heads = await invoiceHeads(
    trx,
    companyId,
    locked.map((h) => h.invoice_id),
  );
  const rows = locked.map((h) => ({ ...h, customer_id: heads.get(h.invoice_id)!.customerId }));
  const missing = unique.filter((id) => !rows.some((r) => r.invoice_id === id));
  if (missing.length > 0)
    throw new AppError(
      'invoice_not_available',
      `invoice ${missing.join(', ')} is not available to this agency (not on its approved list, or in a case already)`,
      { invoiceIds: missing },
    );
  const customers = new Set([...rows.map((r) => r.customer_id), ...(customerId ? [customerId] : [])]);
  if (customers.size > 1) throw new AppError('customer_mismatch', 'all invoices of a case must belong to one customer');
  return {
    customerId: rows[0]!.customer_id,
    handoverIds: rows.map((r) => r.id),
    handovers: rows.map((r) => ({ id: r.id, invoiceId: r.invoice_id })),
  };
}

export interface NewCase {
  caseNumber: string;
  invoiceIds: string[];
  url?: string | undefined;
  status?: CaseStatus | undefined;
  statusText?: string | undefined;
}

/** Opens a case with invoices of one customer that are on the agency's approved list. */
export async function createCase(trx: Trx, agencyId: string, companyId: string, input: NewCase): Promise<CaseView> {
  const exists = await trx
    .selectFrom('cases')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', companyId)
    .where('case_number', '=', input.caseNumber)
    .executeTakeFirst();
  if (exists) throw new AppError('case_exists', `case ${input.caseNumber} exists already`);
  const status = input.status ?? 'registered';
  if ((CLOSING_STATUSES as readonly string[]).includes(status))
    throw new AppError('validation_failed', `a case cannot be opened as ${status}`);
  const { customerId, handoverIds, handovers } = await takeAvailable(trx, agencyId, companyId, input.invoiceIds);
  const row = await trx
    .insertInto('cases')
    .values({
      company_id: companyId,
      agency_id: agencyId,
      case_number: input.caseNumber,
      customer_id: customerId,
      url: input.url ?? null,
      status,
      status_text: input.statusText ?? null,
      state: 'open',
      agency_balance: null,
      merged_into: null,
      archived_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('handovers')
    .set({ state: 'in_case', case_id: row.id })
    .where('id', 'in', handoverIds)
    .execute();
  await joinCase(trx, companyId, row.id, handovers);
  await trx
    .insertInto('case_history')
    .values({
      case_id: row.id,
      kind: 'created',
      status,
      status_text: input.statusText ?? null,
      agency_balance: null,
      detail: `${handoverIds.length} invoice(s)`,
      figures: JSON.stringify({ invoiceCount: handoverIds.length }),
    })
    .execute();
  if (status === 'disputed')
    await markDisputed(
      trx,
      companyId,
      { id: row.id, agency_id: agencyId, case_number: input.caseNumber },
      true,
      input.statusText ?? 'disputed (reported by the agency)',
    );
  return getCaseById(trx, companyId, row.id);
}

export async function addInvoicesToCase(
  trx: Trx,
  agencyId: string,
  companyId: string,
  caseNumber: string,
  invoiceIds: string[],
): Promise<CaseView> {
  const k = await lockCase(trx, agencyId, companyId, caseNumber);
  if (k.state === 'archived') throw new AppError('case_archived', `case ${caseNumber} is archived`);
  const { handoverIds, handovers } = await takeAvailable(trx, agencyId, companyId, invoiceIds, k.customer_id);
  await trx.updateTable('handovers').set({ state: 'in_case', case_id: k.id }).where('id', 'in', handoverIds).execute();
  await joinCase(trx, companyId, k.id, handovers);
  await trx.updateTable('cases').set({ updated_at: new Date() }).where('id', '=', k.id).execute();
  if (k.status === 'disputed')
    await markInvoicesDisputed(trx, companyId, agencyId, caseNumber, invoiceIds, `case ${caseNumber} is disputed`);
  await trx
    .insertInto('case_history')
    .values({
      case_id: k.id,
      kind: 'invoices_added',
      status: k.status,
      status_text: k.status_text,
      agency_balance: k.agency_balance,
      detail: `${handoverIds.length} invoice(s) added`,
      figures: JSON.stringify({ invoiceCount: handoverIds.length }),
    })
    .execute();
  return getCaseById(trx, companyId, k.id);
}

/** Handovers join a case: the case's own record of its invoices (`case_invoices`). */
async function joinCase(
  trx: Trx,
  companyId: string,
  caseId: string,
  handovers: Array<{ id: string; invoiceId: string }>,
): Promise<void> {
  if (handovers.length === 0) return;
  await trx
    .insertInto('case_invoices')
    .values(
      handovers.map((h) => ({ company_id: companyId, case_id: caseId, handover_id: h.id, invoice_id: h.invoiceId })),
    )
    .execute();
}

/** Invoices leave a case (all still in it, or the given handovers), and the record keeps how. */
async function leaveCase(
  trx: Trx,
  caseId: string,
  outcome: CaseInvoiceOutcome,
  at: Date,
  options: { handoverIds?: string[]; movedTo?: string } = {},
): Promise<void> {
  let q = trx
    .updateTable('case_invoices')
    .set({ outcome, left_at: at, moved_to: options.movedTo ?? null })
    .where('case_id', '=', caseId)
    .where('outcome', 'is', null);
  if (options.handoverIds) {
    if (options.handoverIds.length === 0) return;
    q = q.where('handover_id', 'in', options.handoverIds);
  }
  await q.execute();
}

/** The agency as the author of a decision, with its name as it is now (kept with the decision). */
async function agencyActor(trx: Trx, agencyId: string): Promise<Actor> {
  return { type: 'agency', id: agencyId, name: (await getAgency(trx, agencyId)).name };
}

/**
 * Invoices come back from an agency (given back, or the case ended with something open): next action
 * «Vent» with no date, so nothing goes again until the user decides; the decision says who and why.
 */
async function backWithWait(
  trx: Trx,
  companyId: string,
  invoiceIds: string[],
  actor: Actor,
  why: { cause: DecisionCause; reason: string; caseNumber: string | null; onlyOpen?: boolean },
): Promise<void> {
  for (const invoiceId of new Set(invoiceIds)) {
    if (why.onlyOpen && (await getInvoiceSummary(trx, companyId, invoiceId)).openAmount <= 0) continue;
    await recordDecision(
      trx,
      companyId,
      invoiceId,
      { nextAction: 'wait', waitUntil: null, reason: why.reason, cause: why.cause, caseNumber: why.caseNumber },
      actor,
    );
  }
}

async function markInvoicesDisputed(
  trx: Trx,
  companyId: string,
  agencyId: string,
  caseNumber: string,
  invoiceIds: string[],
  reason: string,
): Promise<void> {
  const actor = await agencyActor(trx, agencyId);
  for (const invoiceId of new Set(invoiceIds))
    await recordDecision(
      trx,
      companyId,
      invoiceId,
      { disputed: true, reason, cause: 'case_disputed', caseNumber },
      actor,
    );
}

/** The dispute mark on each invoice of the case follows the agency's `disputed` status. */
async function markDisputed(
  trx: Trx,
  companyId: string,
  k: { id: string; agency_id: string; case_number: string },
  disputed: boolean,
  reason: string,
): Promise<void> {
  const invoices = await trx
    .selectFrom('handovers')
    .select('invoice_id')
    .where('case_id', '=', k.id)
    .where('state', '=', 'in_case')
    .execute();
  const agency = await agencyActor(trx, k.agency_id);
  const cause: DecisionCause = disputed ? 'case_disputed' : 'case_dispute_ended';
  for (const i of invoices)
    await recordDecision(trx, companyId, i.invoice_id, { disputed, reason, cause, caseNumber: k.case_number }, agency);
}

export interface StatusUpdate {
  status: CaseStatus;
  statusText?: string | null | undefined;
  agencyBalance?: Ore | null | undefined;
  url?: string | null | undefined;
}

/**
 * A status reported by the agency. Paid, withdrawn and closed archive the case (it moves to
 * «Arkivert»); a status sent to an archived case is refused.
 */
export async function updateCaseStatus(
  trx: Trx,
  agencyId: string,
  companyId: string,
  caseNumber: string,
  input: StatusUpdate,
): Promise<CaseView> {
  const k = await lockCase(trx, agencyId, companyId, caseNumber);
  if (k.state === 'archived') throw new AppError('case_archived', `case ${caseNumber} is archived (${k.status})`);
  const closing = (CLOSING_STATUSES as readonly string[]).includes(input.status);
  const now = new Date();
  await trx
    .updateTable('cases')
    .set({
      status: input.status,
      status_text: input.statusText === undefined ? k.status_text : input.statusText,
      agency_balance: input.agencyBalance === undefined ? k.agency_balance : input.agencyBalance,
      url: input.url === undefined ? k.url : input.url,
      updated_at: now,
      ...(closing ? { state: 'archived' as const, archived_at: now } : {}),
    })
    .where('id', '=', k.id)
    .execute();
  if (input.status === 'disputed' && k.status !== 'disputed')
    await markDisputed(trx, companyId, k, true, input.statusText ?? 'disputed (reported by the agency)');
  if (input.status !== 'disputed' && k.status === 'disputed')
    await markDisputed(trx, companyId, k, false, `the agency reports ${input.status}`);
  if (closing) {
    const ended = await trx
      .updateTable('handovers')
      .set({ state: 'archived', ended_at: now, ended_by_type: 'agency', ended_by: agencyId, end_reason: input.status })
      .where('case_id', '=', k.id)
      .where('state', '=', 'in_case')
      .returning('invoice_id')
      .execute();
    await leaveCase(trx, k.id, 'ended', now);
    // What is still open comes back to the reminder list with «Vent», like every rejection: nothing
    // is handed over again without the user deciding (a withdrawn or closed case, or «paid» with a rest).
    const cause = ({ withdrawn: 'case_withdrawn', closed: 'case_closed', paid: 'case_paid' } as const)[
      input.status as (typeof CLOSING_STATUSES)[number]
    ];
    await backWithWait(
      trx,
      companyId,
      ended.map((e) => e.invoice_id),
      await agencyActor(trx, agencyId),
      { cause, reason: input.statusText ?? '', caseNumber, onlyOpen: true },
    );
  }
  await trx
    .insertInto('case_history')
    .values({
      case_id: k.id,
      kind: 'status',
      status: input.status,
      status_text: input.statusText ?? null,
      agency_balance: input.agencyBalance === undefined ? k.agency_balance : input.agencyBalance,
      detail: input.url ? `link ${input.url}` : '',
      figures: input.url ? JSON.stringify({ url: input.url }) : null,
    })
    .execute();
  return getCaseById(trx, companyId, k.id);
}

/**
 * The agency gives the case back: its invoices go to the reminder list with next action «Vent»,
 * and the case is archived as rejected.
 */
export async function rejectCase(
  trx: Trx,
  agencyId: string,
  companyId: string,
  caseNumber: string,
  reason: string,
): Promise<CaseView> {
  const k = await lockCase(trx, agencyId, companyId, caseNumber);
  if (k.state === 'archived') throw new AppError('case_archived', `case ${caseNumber} is archived (${k.status})`);
  const now = new Date();
  const invoices = await trx
    .selectFrom('handovers')
    .select(['id', 'invoice_id'])
    .where('case_id', '=', k.id)
    .where('state', '=', 'in_case')
    .execute();
  await trx
    .updateTable('handovers')
    .set({ state: 'rejected', ended_at: now, ended_by_type: 'agency', ended_by: agencyId, end_reason: reason })
    .where('case_id', '=', k.id)
    .where('state', '=', 'in_case')
    .execute();
  await leaveCase(trx, k.id, 'rejected', now);
  await backWithWait(
    trx,
    companyId,
    invoices.map((i) => i.invoice_id),
    await agencyActor(trx, agencyId),
    { cause: 'agency_rejected_case', reason, caseNumber },
  );
  await trx
    .updateTable('cases')
    .set({ status: 'rejected', status_text: reason, state: 'archived', archived_at: now, updated_at: now })
    .where('id', '=', k.id)
    .execute();
  await trx
    .insertInto('case_history')
    .values({
      case_id: k.id,
      kind: 'rejected',
      status: 'rejected',
      status_text: reason,
      agency_balance: k.agency_balance,
      detail: `${invoices.length} invoice(s) back to the reminder list`,
      figures: JSON.stringify({ invoiceCount: invoices.length }),
    })
    .execute();
  return getCaseById(trx, companyId, k.id);
}

/**
 * The agency declines one invoice (on its approved list or in one of its cases): back to the
 * reminder list with «Vent». A case left with no invoices is archived as rejected.
 */
export async function rejectInvoiceByAgency(
  trx: Trx,
  agencyId: string,
  companyId: string,
  invoiceId: string,
  reason: string,
): Promise<AgencyInvoice> {
  const h = await trx
    .selectFrom('handovers')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', companyId)
    .where('invoice_id', '=', invoiceId)
    .where('state', 'in', ['approved', 'in_case'])
    .forUpdate()
    .executeTakeFirst();
  if (!h) {
    const known = await trx
      .selectFrom('handovers')
      .select('state')
      .where('agency_id', '=', agencyId)
      .where('company_id', '=', companyId)
      .where('invoice_id', '=', invoiceId)
      .where('state', '<>', 'draft')
      .executeTakeFirst();
    if (!known) throw notFound('the invoice');
    throw new AppError('invalid_transition', 'the invoice is not with this agency any more');
  }
  const now = new Date();
  await trx
    .updateTable('handovers')
    .set({ state: 'rejected', ended_at: now, ended_by_type: 'agency', ended_by: agencyId, end_reason: reason })
    .where('id', '=', h.id)
    .execute();
  const inCase = h.case_id
    ? await trx.selectFrom('cases').select('case_number').where('id', '=', h.case_id).executeTakeFirstOrThrow()
    : null;
  if (h.case_id) await leaveCase(trx, h.case_id, 'rejected', now, { handoverIds: [h.id] });
  await backWithWait(trx, companyId, [invoiceId], await agencyActor(trx, agencyId), {
    cause: 'agency_rejected_invoice',
    reason,
    caseNumber: inCase?.case_number ?? null,
  });
  if (h.case_id) {
    const invoice = await getInvoiceSummary(trx, companyId, invoiceId);
    await trx
      .insertInto('case_history')
      .values({
        case_id: h.case_id,
        kind: 'invoice_removed',
        status: null,
        status_text: null,
        agency_balance: null,
        detail: `invoice rejected: ${reason}`,
        figures: JSON.stringify({ invoiceNumber: invoice.invoiceNumber }),
      })
      .execute();
    const left = await trx
      .selectFrom('handovers')
      .select('id')
      .where('case_id', '=', h.case_id)
      .where('state', '=', 'in_case')
      .executeTakeFirst();
    if (!left) {
      await trx
        .updateTable('cases')
        .set({ status: 'rejected', status_text: reason, state: 'archived', archived_at: now, updated_at: now })
        .where('id', '=', h.case_id)
        .execute();
      await trx
        .insertInto('case_history')
        .values({
          case_id: h.case_id,
          kind: 'rejected',
          status: 'rejected',
          status_text: reason,
          agency_balance: null,
          detail: 'no invoices left',
          figures: JSON.stringify({ invoiceCount: 0 }),
        })
        .execute();
    } else {
      await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', h.case_id).execute();
    }
  }
  const [invoice] = await agencyInvoicesById(trx, agencyId, companyId, [invoiceId]);
  const { handoverCreatedAt: _, ...view } = invoice as AgencyInvoice & { handoverCreatedAt?: string };
  return view;
}

/**
 * Several open cases of one customer become one: `into` (one of them, or a new case number). The
 * others are archived as closed, with a note of where their invoices went.
 */
export async function mergeCases(
  trx: Trx,
  agencyId: string,
  companyId: string,
  input: { caseNumbers: string[]; into: string; url?: string | undefined },
): Promise<CaseView> {
  const numbers = [...new Set(input.caseNumbers)];
  const cases = [];
  for (const n of numbers.sort()) cases.push(await lockCase(trx, agencyId, companyId, n));
  const archived = cases.find((k) => k.state === 'archived');
  if (archived) throw new AppError('case_archived', `case ${archived.case_number} is archived`);
  if (new Set(cases.map((k) => k.customer_id)).size > 1)
    throw new AppError('customer_mismatch', 'only cases of one customer can be merged');
  let target = cases.find((k) => k.case_number === input.into);
  const now = new Date();
  if (!target) {
    const exists = await trx
      .selectFrom('cases')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('company_id', '=', companyId)
      .where('case_number', '=', input.into)
      .executeTakeFirst();
    if (exists)
      throw new AppError('case_exists', `case ${input.into} exists already and is not among the cases merged`);
    const first = cases[0]!;
    const created = await trx
      .insertInto('cases')
      .values({
        company_id: companyId,
        agency_id: agencyId,
        case_number: input.into,
        customer_id: first.customer_id,
        url: input.url ?? null,
        status: first.status,
        status_text: first.status_text,
        state: 'open',
        agency_balance: null,
        merged_into: null,
        archived_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('case_history')
      .values({
        case_id: created.id,
        kind: 'created',
        status: created.status,
        status_text: created.status_text,
        agency_balance: null,
        detail: `merged from ${numbers.join(', ')}`,
        figures: JSON.stringify({ caseNumbers: numbers }),
      })
      .execute();
    target = created;
  } else if (input.url !== undefined) {
    await trx.updateTable('cases').set({ url: input.url, updated_at: now }).where('id', '=', target.id).execute();
  }
  for (const k of cases) {
    if (k.id === target.id) continue;
    const moved = await trx
      .updateTable('handovers')
      .set({ case_id: target.id })
      .where('case_id', '=', k.id)
      .where('state', '=', 'in_case')
      .returning(['id', 'invoice_id'])
      .execute();
    await leaveCase(trx, k.id, 'moved', now, { movedTo: target.id });
    await joinCase(
      trx,
      companyId,
      target.id,
      moved.map((m) => ({ id: m.id, invoiceId: m.invoice_id })),
    );
    if (target.status === 'disputed' && k.status !== 'disputed')
      await markInvoicesDisputed(
        trx,
        companyId,
        agencyId,
        input.into,
        moved.map((m) => m.invoice_id),
        `merged into disputed case ${input.into}`,
      );
    await trx
      .updateTable('cases')
      .set({
        state: 'archived',
        status: 'closed',
        status_text: `merged into ${input.into}`,
        merged_into: target.id,
        archived_at: now,
        updated_at: now,
      })
      .where('id', '=', k.id)
      .execute();
    await trx
      .insertInto('case_history')
      .values({
        case_id: k.id,
        kind: 'merged',
        status: 'closed',
        status_text: `merged into ${input.into}`,
        agency_balance: k.agency_balance,
        detail: `merged into ${input.into}`,
        figures: JSON.stringify({ into: input.into }),
      })
      .execute();
  }
  await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', target.id).execute();
  await trx
    .insertInto('case_history')
    .values({
      case_id: target.id,
      kind: 'merged',
      status: null,
      status_text: null,
      agency_balance: null,
      detail: `merged ${numbers.filter((n) => n !== input.into).join(', ')} into this case`,
      figures: JSON.stringify({ caseNumbers: numbers.filter((n) => n !== input.into) }),
    })
    .execute();
  return getCaseById(trx, companyId, target.id);
}

export interface CaseMoney {
  originalClaim: Ore;
  paidDirectly: Ore;
  /** The bank date (the payment's date) of the latest payment to the creditor still matched to an invoice of the case. */
  paidDirectlyOn: string | null;
  credited: Ore;
  writtenOff: Ore;
  /** Principal the agency settled: what closed receivables, and what it recovered on written-off invoices. */
  settledByAgency: Ore;
  /** The part of `settledByAgency` recovered after a write-off (credited to the loss account, not matched). */
  recoveredAfterWriteOff: Ore;
  otherMatched: Ore;
  /** Open in the creditor's ledger. */
  remaining: Ore;
  /** What the agency still has to collect: the claim less payments, credits and settlements, recoveries included (a write-off does not stop it). */
  toCollect: Ore;
  agencyBalance: Ore | null;
  /** The agency's reported balance differs from what the ledger says it has to collect. */
  disagrees: boolean;
}

/**
 * A case's money, derived from the ledger (matched entries by kind), beside the agency's own balance.
 * It counts every invoice the case had (an archived case keeps its figures); what the agency still
 * has to collect counts only the invoices still with it (not those given back or merged away).
 */
export async function caseMoney(db: Db | Trx, companyId: string, caseId: string): Promise<CaseMoney> {
  const k = await db
    .selectFrom('cases')
    .select('agency_balance')
    .where('company_id', '=', companyId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!k) throw notFound('the case');
  // The invoices the case had, once each; kept: still with the case, or ended with it.
  const had = await db
    .selectFrom('case_invoices')
    .select(['invoice_id', sql<boolean>`bool_or(outcome is null or outcome = 'ended')`.as('kept')])
    .where('company_id', '=', companyId)
    .where('case_id', '=', caseId)
    .groupBy('invoice_id')
    .execute();
  const kept = new Map(had.map((r) => [r.invoice_id, r.kept]));
  // The money is the ledger's: each invoice's receivable entry (sales), what is open on it and what
  // was matched against it by kind, and what settlements recovered after a write-off (ledger).
  const entries = await receivableEntries(db, companyId, [...kept.keys()]);
  const invoiceOfEntry = new Map(entries.map((e) => [e.entryId, e.invoiceId]));
  const entryIds = entries.map((e) => e.entryId);
  const { accounts } = await getCompany(db, companyId);
  const [open, matched, recoveries, paidDirectlyOn] = await Promise.all([
    openAmountsOf(db, companyId, entryIds),
    matchedByCreditType(db, companyId, entryIds),
    recoveredOnLossAccount(
      db,
      companyId,
      entries.map((e) => e.invoiceId),
      accounts.loss,
    ),
    // The latest direct payment still in force (a payment whose match was undone, e.g. reversed, is left out).
    latestPaymentDate(db, companyId, entryIds),
  ]);
  const isKept = (invoiceId: string | undefined) => invoiceId !== undefined && kept.get(invoiceId) === true;
  const known = ['payment', 'credit_note', 'write_off', 'settlement'];
  const figures = (keptOnly: boolean) => {
    const counts = (invoiceId: string | undefined) => !keptOnly || isKept(invoiceId);
    const of = (test: (type: string) => boolean) =>
      sumOre(
        matched.filter((m) => test(m.voucherType) && counts(invoiceOfEntry.get(m.debitEntryId))).map((m) => m.amount),
      );
    const recovered = sumOre([...recoveries].filter(([id]) => counts(id)).map(([, amount]) => amount));
    const settlement = of((t) => t === 'settlement');
    return {
      original: sumOre(entries.filter((e) => counts(e.invoiceId)).map((e) => e.totalAmount)),
      remaining: sumOre(entries.filter((e) => counts(e.invoiceId)).map((e) => open.get(e.entryId) ?? ore(0))),
      payment: of((t) => t === 'payment'),
      creditNote: of((t) => t === 'credit_note'),
      writeOff: of((t) => t === 'write_off'),
      settled: addOre(settlement, recovered),
      recovered,
      other: of((t) => !known.includes(t)),
    };
  };
  const all = figures(false);
  const keptFigures = figures(true);
  const toCollect = ore(
    keptFigures.original - keptFigures.payment - keptFigures.creditNote - keptFigures.settled - keptFigures.other,
  );
  const anyKept = entries.some((e) => isKept(e.invoiceId));
  return {
    originalClaim: ore(all.original),
    paidDirectly: ore(all.payment),
    paidDirectlyOn,
    credited: ore(all.creditNote),
    writtenOff: ore(all.writeOff),
    settledByAgency: ore(all.settled),
    recoveredAfterWriteOff: ore(all.recovered),
    otherMatched: ore(all.other),
    remaining: ore(all.remaining),
    toCollect,
    agencyBalance: k.agency_balance,
    // A case whose invoices all went back or into another case has nothing to agree on.
    disagrees: anyKept && k.agency_balance !== null && k.agency_balance !== toCollect,
  };
}
