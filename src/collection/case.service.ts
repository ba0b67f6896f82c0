import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { type Actor, recordDecision } from '../dunning/dunning.service.js';
import { AppError, notFound } from '../shared/errors.js';
import { getCompany } from '../tenancy/company.service.js';
import { type Ore, ore, sumOre } from '../shared/money.js';
import { type AgencyInvoice, agencyInvoicesById } from './agency-view.service.js';
import { CLOSING_STATUSES, type CaseStatus, type StoredCaseStatus } from './case.table.js';

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
  invoices: Array<{ id: string; invoiceNumber: number; originalAmount: Ore; remainingAmount: Ore }>;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  history: Array<{
    status: StoredCaseStatus | null;
    statusText: string | null;
    kind: string;
    detail: string;
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
  customer_number: number;
  customer_name: string;
  customer_type: 'person' | 'company';
  organization_number: string | null;
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
  },
): Promise<CaseRow[]> {
  const a = where.after;
  const rows = await sql<CaseRow>`
    select k.id, k.company_id, k.agency_id, g.name as agency_name, k.case_number, k.url, k.status, k.status_text, k.state, k.agency_balance, k.created_at, k.updated_at, k.archived_at,
           c.id as customer_id, c.customer_number, c.name as customer_name, c.type as customer_type, c.organization_number
    from cases k
    join customers c on c.company_id = k.company_id and c.id = k.customer_id
    join agencies g on g.id = k.agency_id
    where k.company_id = ${where.companyId}
      ${where.agencyId ? sql`and k.agency_id = ${where.agencyId}` : sql``}
      ${where.caseIds ? sql`and k.id in (${sql.join(where.caseIds)})` : sql``}
      ${where.caseNumber !== undefined ? sql`and k.case_number = ${where.caseNumber}` : sql``}
      ${where.state ? sql`and k.state = ${where.state}` : sql``}
      ${a ? sql`and (k.created_at, k.id) > (${new Date(a.createdAt)}, ${a.id})` : sql``}
    order by k.created_at, k.id
    ${where.limit ? sql`limit ${where.limit}` : sql``}`.execute(db);
  return rows.rows;
}

async function views(db: Db | Trx, rows: CaseRow[]): Promise<CaseView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [invoices, history] = await Promise.all([
    sql<{ case_id: string; id: string; invoice_number: number; total_amount: Ore; open_amount: Ore }>`
      select h.case_id, i.id, i.invoice_number, i.total_amount, o.open_amount
      from handovers h join invoices i on i.id = h.invoice_id join open_items o on o.posting_id = i.posting_id
      where h.case_id in (${sql.join(ids)}) and h.state in ('in_case', 'archived')
      order by i.invoice_number`.execute(db),
    db.selectFrom('case_history').selectAll().where('case_id', 'in', ids).orderBy('id').execute(),
  ]);
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
      customerNumber: r.customer_number,
      name: r.customer_name,
      type: r.customer_type,
      organizationNumber: r.organization_number,
    },
    invoices: invoices.rows
      .filter((i) => i.case_id === r.id)
      .map((i) => ({
        id: i.id,
        invoiceNumber: i.invoice_number,
        originalAmount: i.total_amount,
        remainingAmount: i.open_amount,
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
  },
): Promise<CaseView[]> {
  return views(
    db,
    await caseRows(db, {
      companyId,
      agencyId: options.agencyId,
      state: options.state,
      limit: options.limit,
      after: options.after,
    }),
  );
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
): Promise<{ customerId: string; handoverIds: string[] }> {
  const unique = [...new Set(invoiceIds)];
  const rows = await trx
    .selectFrom('handovers as h')
    .innerJoin('invoices as i', 'i.id', 'h.invoice_id')
    .select(['h.id', 'h.invoice_id', 'i.customer_id'])
    .where('h.agency_id', '=', agencyId)
    .where('h.company_id', '=', companyId)
    .where('h.invoice_id', 'in', unique)
    .where('h.state', '=', 'approved')
    .forUpdate('h')
    .execute();
  const missing = unique.filter((id) => !rows.some((r) => r.invoice_id === id));
  if (missing.length > 0)
    throw new AppError(
      'invoice_not_available',
      `invoice ${missing.join(', ')} is not available to this agency (not on its approved list, or in a case already)`,
      { invoiceIds: missing },
    );
  const customers = new Set([...rows.map((r) => r.customer_id), ...(customerId ? [customerId] : [])]);
  if (customers.size > 1) throw new AppError('customer_mismatch', 'all invoices of a case must belong to one customer');
  return { customerId: rows[0]!.customer_id, handoverIds: rows.map((r) => r.id) };
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
  const { customerId, handoverIds } = await takeAvailable(trx, agencyId, companyId, input.invoiceIds);
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
  await trx
    .insertInto('case_history')
    .values({
      case_id: row.id,
      kind: 'created',
      status,
      status_text: input.statusText ?? null,
      agency_balance: null,
      detail: `${handoverIds.length} invoice(s)`,
    })
    .execute();
  if (status === 'disputed')
    await markDisputed(trx, companyId, row.id, true, input.statusText ?? 'disputed (reported by the agency)');
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
  const { handoverIds } = await takeAvailable(trx, agencyId, companyId, invoiceIds, k.customer_id);
  await trx.updateTable('handovers').set({ state: 'in_case', case_id: k.id }).where('id', 'in', handoverIds).execute();
  await trx.updateTable('cases').set({ updated_at: new Date() }).where('id', '=', k.id).execute();
  if (k.status === 'disputed') await markInvoicesDisputed(trx, companyId, invoiceIds, `case ${caseNumber} is disputed`);
  await trx
    .insertInto('case_history')
    .values({
      case_id: k.id,
      kind: 'invoices_added',
      status: k.status,
      status_text: k.status_text,
      agency_balance: k.agency_balance,
      detail: `${handoverIds.length} invoice(s) added`,
    })
    .execute();
  return getCaseById(trx, companyId, k.id);
}

async function markInvoicesDisputed(trx: Trx, companyId: string, invoiceIds: string[], reason: string): Promise<void> {
  for (const invoiceId of new Set(invoiceIds))
    await recordDecision(trx, companyId, invoiceId, { disputed: true, reason }, { type: 'agency', id: null });
}

/** The dispute mark on each invoice of the case follows the agency's `disputed` status. */
async function markDisputed(
  trx: Trx,
  companyId: string,
  caseId: string,
  disputed: boolean,
  reason: string,
): Promise<void> {
  const invoices = await trx
    .selectFrom('handovers')
    .select('invoice_id')
    .where('case_id', '=', caseId)
    .where('state', '=', 'in_case')
    .execute();
  const agency: Actor = { type: 'agency', id: null };
  for (const i of invoices) await recordDecision(trx, companyId, i.invoice_id, { disputed, reason }, agency);
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
    await markDisputed(trx, companyId, k.id, true, input.statusText ?? 'disputed (reported by the agency)');
  if (input.status !== 'disputed' && k.status === 'disputed')
    await markDisputed(trx, companyId, k.id, false, `the agency reports ${input.status}`);
  if (closing)
    await trx
      .updateTable('handovers')
      .set({ state: 'archived', ended_at: now, ended_by_type: 'agency', end_reason: input.status })
      .where('case_id', '=', k.id)
      .where('state', '=', 'in_case')
      .execute();
  await trx
    .insertInto('case_history')
    .values({
      case_id: k.id,
      kind: 'status',
      status: input.status,
      status_text: input.statusText ?? null,
      agency_balance: input.agencyBalance === undefined ? k.agency_balance : input.agencyBalance,
      detail: input.url ? `link ${input.url}` : '',
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
  for (const i of invoices)
    await recordDecision(
      trx,
      companyId,
      i.invoice_id,
      { nextAction: 'wait', waitUntil: null, reason: `the agency gave case ${caseNumber} back: ${reason}` },
      { type: 'agency', id: agencyId },
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
  await recordDecision(
    trx,
    companyId,
    invoiceId,
    { nextAction: 'wait', waitUntil: null, reason: `rejected by the agency: ${reason}` },
    { type: 'agency', id: agencyId },
  );
  if (h.case_id) {
    await trx
      .insertInto('case_history')
      .values({
        case_id: h.case_id,
        kind: 'invoice_removed',
        status: null,
        status_text: null,
        agency_balance: null,
        detail: `invoice rejected: ${reason}`,
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
      .returning('invoice_id')
      .execute();
    if (target.status === 'disputed' && k.status !== 'disputed')
      await markInvoicesDisputed(
        trx,
        companyId,
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
    })
    .execute();
  return getCaseById(trx, companyId, target.id);
}

export interface CaseMoney {
  originalClaim: Ore;
  paidDirectly: Ore;
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

/** A case's money, derived from the ledger (matched entries by kind), beside the agency's own balance. */
export async function caseMoney(db: Db | Trx, companyId: string, caseId: string): Promise<CaseMoney> {
  const k = await db
    .selectFrom('cases')
    .select('agency_balance')
    .where('company_id', '=', companyId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!k) throw notFound('the case');
  // Sums are cast to bigint so the driver's int8 parser (the safe-integer guard) reads them.
  const totals = await sql<{ original: Ore | null; remaining: Ore | null }>`
    select sum(i.total_amount)::bigint as original, sum(o.open_amount)::bigint as remaining
    from handovers h join invoices i on i.id = h.invoice_id join open_items o on o.posting_id = i.posting_id
    where h.case_id = ${caseId} and h.state in ('in_case', 'archived')`.execute(db);
  const byType = await sql<{ voucher_type: string; amount: Ore }>`
    select c.voucher_type, sum(m.amount)::bigint as amount
    from handovers h join invoices i on i.id = h.invoice_id
    join matches m on m.debit_posting_id = i.posting_id
    join open_items c on c.posting_id = m.credit_posting_id
    where h.case_id = ${caseId} and h.state in ('in_case', 'archived')
    group by c.voucher_type`.execute(db);
  // Money the agency recovers on a written-off invoice credits the loss account on the invoice (the
  // receivable is closed already): the same entries the settlement counts as recovered.
  const { accounts } = await getCompany(db, companyId);
  const recoveries = await sql<{ recovered: Ore | null }>`
    select (-sum(p.amount))::bigint as recovered
    from handovers h join postings p on p.invoice_id = h.invoice_id join vouchers v on v.id = p.voucher_id
    where h.case_id = ${caseId} and h.state in ('in_case', 'archived') and p.account = ${accounts.loss} and v.type = 'settlement'`.execute(
    db,
  );
  const recovered = recoveries.rows[0]?.recovered ?? ore(0);
  const of = (type: string) => byType.rows.find((r) => r.voucher_type === type)?.amount ?? ore(0);
  const known = ['payment', 'credit_note', 'write_off', 'settlement'];
  const other = sumOre(byType.rows.filter((r) => !known.includes(r.voucher_type)).map((r) => r.amount));
  const original = totals.rows[0]?.original ?? ore(0);
  const money = {
    originalClaim: ore(original),
    paidDirectly: ore(of('payment')),
    credited: ore(of('credit_note')),
    writtenOff: ore(of('write_off')),
    settledByAgency: ore(of('settlement') + recovered),
    recoveredAfterWriteOff: ore(recovered),
    otherMatched: ore(other),
    remaining: ore(Number(totals.rows[0]?.remaining ?? 0)),
  };
  const toCollect = ore(original - money.paidDirectly - money.credited - money.settledByAgency - money.otherMatched);
  return {
    ...money,
    toCollect,
    agencyBalance: k.agency_balance,
    disagrees: k.agency_balance !== null && k.agency_balance !== toCollect,
  };
}
