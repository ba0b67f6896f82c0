import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { getDunningSettings } from '../dunning/dunning.service.js';
import { lockedOpenAmounts, matchMany } from '../ledger/match.service.js';
import { PostingBuilder, type VoucherDraft } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import type { Company } from '../tenancy/company.js';
import { getCompany } from '../tenancy/company.service.js';
import type { SettlementLine, SettlementStatus } from './settlement.table.js';

export interface SettlementInput {
  reference: string;
  settlementDate: string;
  bankAmount: number;
  lines: SettlementLine[];
  statement: Record<string, unknown>;
}

export interface Settlement {
  id: string;
  reference: string;
  clientId: string;
  agencyId: string;
  settlementDate: string;
  bankAmount: Ore;
  lines: SettlementLine[];
  statement: Record<string, unknown>;
  status: SettlementStatus;
  voucherId: string | null;
  voucher: { id: string; number: string; postings: Array<{ account: number; amount: number; description: string; invoiceId: string | null }> } | null;
  rejectReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** Keys sorted, so the same body in another key order is the same settlement. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function settlementHash(input: SettlementInput): string {
  return createHash('sha256').update(canonical(input)).digest('hex');
}

interface ResolvedLine extends SettlementLine {
  caseId: string;
  customerId: string | null;
  receivableEntryId: number | null;
  invoiceNumber: number | null;
}

/**
 * Checks a settlement against the contract and the ledger without writing: it balances
 * (bank = Σprincipal + Σinterest + Σfee − Σcost − Σvat), every case is this agency's for this client,
 * every principal line names an invoice of its case, VAT only for a VAT-registered creditor.
 */
async function resolve(db: Db | Trx, agencyId: string, company: Company, input: SettlementInput): Promise<ResolvedLine[]> {
  const sum = (type: SettlementLine['type']) => input.lines.filter((l) => l.type === type).reduce((s, l) => s + l.amount, 0);
  const expected = sum('principal') + sum('interest') + sum('fee') - sum('cost') - sum('vat');
  if (expected !== input.bankAmount) {
    throw new AppError('settlement_unbalanced', `bankAmount ${input.bankAmount} øre ≠ principal + interest + fee − cost − vat = ${expected} øre (difference ${input.bankAmount - expected} øre)`, {
      difference: input.bankAmount - expected,
      expectedBankAmount: expected,
    });
  }
  if (!company.vatRegistered && sum('vat') > 0) {
    throw new AppError('validation_failed', 'the creditor is not VAT-registered: it cannot deduct VAT, so the VAT on your fee belongs in its cost line');
  }
  for (const [i, l] of input.lines.entries()) {
    if (l.type === 'principal' && !l.invoiceId) throw new AppError('validation_failed', `body.lines.${i}.invoiceId: a principal line names its invoice`);
    if (l.type !== 'principal' && l.invoiceId) throw new AppError('validation_failed', `body.lines.${i}.invoiceId: only principal lines name an invoice`);
  }
  const caseNumbers = [...new Set(input.lines.map((l) => l.caseNumber))];
  const cases = await db.selectFrom('cases').select(['id', 'case_number']).where('agency_id', '=', agencyId).where('company_id', '=', company.id).where('case_number', 'in', caseNumbers).execute();
  const caseId = new Map(cases.map((k) => [k.case_number, k.id]));
  const unknown = caseNumbers.filter((n) => !caseId.has(n));
  if (unknown.length > 0) throw new AppError('not_found', `case ${unknown.join(', ')} was not found`, { caseNumbers: unknown });
  const invoiceIds = [...new Set(input.lines.flatMap((l) => (l.invoiceId ? [l.invoiceId] : [])))];
  const invoices = invoiceIds.length === 0 ? { rows: [] } : await sql<{ id: string; case_id: string; customer_id: string; posting_id: number; invoice_number: number }>`
    select distinct on (i.id) i.id, h.case_id, i.customer_id, i.posting_id, i.invoice_number
    from invoices i join handovers h on h.invoice_id = i.id
    where i.company_id = ${company.id} and h.agency_id = ${agencyId} and h.case_id is not null and i.id in (${sql.join(invoiceIds)})
    order by i.id, h.created_at desc`.execute(db);
  const byId = new Map(invoices.rows.map((r) => [r.id, r]));
  return input.lines.map((l, i) => {
    const kase = caseId.get(l.caseNumber)!;
    if (!l.invoiceId) return { ...l, caseId: kase, customerId: null, receivableEntryId: null, invoiceNumber: null };
    const invoice = byId.get(l.invoiceId);
    if (!invoice) throw new AppError('not_found', `body.lines.${i}: invoice ${l.invoiceId} is not in any of your cases`);
    if (invoice.case_id !== kase) throw new AppError('validation_failed', `body.lines.${i}: invoice ${invoice.invoice_number} is not in case ${l.caseNumber}`);
    return { ...l, caseId: kase, customerId: invoice.customer_id, receivableEntryId: invoice.posting_id, invoiceNumber: invoice.invoice_number };
  });
}

/**
 * The settlement voucher: Dr bank, Cr receivable per principal line (each matched to its invoice),
 * Cr interest income, Cr fee income, Dr collection cost, Dr input VAT — one line per type and case
 * for the non-principal lines, so each case's share stays readable.
 */
function buildVoucher(company: Company, input: SettlementInput, lines: ResolvedLine[], reference: string): VoucherDraft {
  const a = company.accounts;
  const builder = new PostingBuilder('settlement', input.settlementDate, `Oppgjør ${reference}`);
  builder.debit(a.bank, ore(input.bankAmount), { description: `Oppgjør ${reference}` });
  for (const l of lines.filter((x) => x.type === 'principal')) {
    builder.credit(a.receivable, ore(l.amount), { customerId: l.customerId, description: `Oppgjør ${reference}, sak ${l.caseNumber}, faktura ${l.invoiceNumber}` });
  }
  const perCase = new Map<string, Map<string, number>>();
  for (const l of lines.filter((x) => x.type !== 'principal')) {
    const m = perCase.get(l.caseNumber) ?? new Map<string, number>();
    m.set(l.type, (m.get(l.type) ?? 0) + l.amount);
    perCase.set(l.caseNumber, m);
  }
  for (const [caseNumber, sums] of perCase) {
    const text = (what: string) => `${what}, oppgjør ${reference}, sak ${caseNumber}`;
    builder.credit(a.interestIncome, ore(sums.get('interest') ?? 0), { description: text('Renteinntekt') });
    builder.credit(a.reminderFeeIncome, ore(sums.get('fee') ?? 0), { description: text('Gebyrinntekt') });
    builder.debit(a.collectionCost, ore(sums.get('cost') ?? 0), { description: text('Inkassokostnad') });
    builder.debit(a.inputVat, ore(sums.get('vat') ?? 0), { description: text('Inngående mva') });
  }
  return builder.build();
}

/** Posts the voucher and matches each principal line; more than is open on an invoice is `overpaid`. */
async function post(trx: Trx, company: Company, agencyId: string, input: SettlementInput, lines: ResolvedLine[], userId: string | null): Promise<string> {
  // Lock every invoice first (in entry order, as every writer does) and check what is open now.
  const principal = new Map<number, number>();
  for (const l of lines) if (l.type === 'principal') principal.set(l.receivableEntryId!, (principal.get(l.receivableEntryId!) ?? 0) + l.amount);
  const openNow = await lockedOpenAmounts(trx, company.id, [...principal.keys()]);
  for (const entryId of [...principal.keys()].sort((x, y) => x - y)) {
    const open = openNow.get(entryId) ?? 0;
    const wanted = principal.get(entryId)!;
    if (wanted > open) {
      const line = lines.find((l) => l.receivableEntryId === entryId)!;
      throw new AppError('overpaid', `principal ${wanted} øre on invoice ${line.invoiceNumber} is more than its remaining ${open} øre`, { invoiceId: line.invoiceId, remainingAmount: open, principalAmount: wanted });
    }
  }
  const voucher = await postVoucher(trx, company.id, buildVoucher(company, input, lines, input.reference), { createdBy: userId });
  const credits = voucher.postings.filter((p) => p.account === company.accounts.receivable);
  const principalLines = lines.filter((l) => l.type === 'principal');
  await matchMany(trx, company.id, principalLines.map((l, i) => ({ debitPostingId: l.receivableEntryId!, creditPostingId: credits[i]!.id, amount: ore(l.amount) })), { userId, agencyId });
  return voucher.id;
}

/**
 * An agency's settlement: checked, stored with its statement, and posted at once — or, where the
 * company approves settlements by hand, kept as `pending_approval` until it does. The reference is
 * the idempotency key: the same reference and body answer the same settlement (`replayed`), another
 * body is 409 `settlement_exists`. The reference row is inserted first, so concurrent duplicates
 * wait for the first and then find it.
 */
export async function receiveSettlement(trx: Trx, agencyId: string, companyId: string, input: SettlementInput): Promise<{ settlement: Settlement; replayed: boolean }> {
  const hash = settlementHash(input);
  const claimed = await trx
    .insertInto('settlements')
    .values({
      company_id: companyId,
      agency_id: agencyId,
      reference: input.reference,
      request_hash: hash,
      settlement_date: input.settlementDate,
      bank_amount: ore(input.bankAmount),
      lines: JSON.stringify(input.lines),
      statement: JSON.stringify(input.statement),
      status: 'pending_approval',
      voucher_id: null,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'company_id', 'reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) {
    const existing = await trx.selectFrom('settlements').select(['id', 'request_hash']).where('agency_id', '=', agencyId).where('company_id', '=', companyId).where('reference', '=', input.reference).executeTakeFirstOrThrow();
    if (existing.request_hash !== hash) throw new AppError('settlement_exists', `settlement ${input.reference} exists already with other content`);
    return { settlement: await getSettlement(trx, companyId, existing.id), replayed: true };
  }
  const company = await getCompany(trx, companyId);
  const lines = await resolve(trx, agencyId, company, input);
  const caseIds = [...new Set(lines.map((l) => l.caseId))];
  await trx.insertInto('settlement_cases').values(caseIds.map((caseId) => ({ settlement_id: claimed.id, case_id: caseId }))).execute();
  if (!(await getDunningSettings(trx, companyId)).settlementsNeedApproval) {
    const voucherId = await post(trx, company, agencyId, input, lines, null);
    await trx.updateTable('settlements').set({ status: 'posted', voucher_id: voucherId, decided_at: new Date() }).where('id', '=', claimed.id).execute();
  }
  return { settlement: await getSettlement(trx, companyId, claimed.id), replayed: false };
}

function inputOf(row: { reference: string; settlement_date: string; bank_amount: number; lines: SettlementLine[]; statement: Record<string, unknown> }): SettlementInput {
  return { reference: row.reference, settlementDate: row.settlement_date, bankAmount: row.bank_amount, lines: row.lines, statement: row.statement };
}

/** The accountant approves a pending settlement: it is checked again against the ledger as it is now, and posted. */
export async function approveSettlement(trx: Trx, companyId: string, settlementId: string, userId: string | null): Promise<Settlement> {
  const row = await trx.selectFrom('settlements').selectAll().where('company_id', '=', companyId).where('id', '=', settlementId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('the settlement');
  if (row.status !== 'pending_approval') throw new AppError('invalid_transition', `the settlement is ${row.status} already`, { status: row.status });
  const company = await getCompany(trx, companyId);
  const input = inputOf(row);
  const lines = await resolve(trx, row.agency_id, company, input);
  const voucherId = await post(trx, company, row.agency_id, input, lines, userId);
  await trx.updateTable('settlements').set({ status: 'posted', voucher_id: voucherId, decided_by: userId, decided_at: new Date() }).where('id', '=', settlementId).execute();
  return getSettlement(trx, companyId, settlementId);
}

export async function rejectSettlement(trx: Trx, companyId: string, settlementId: string, reason: string, userId: string | null): Promise<Settlement> {
  const row = await trx.selectFrom('settlements').select('status').where('company_id', '=', companyId).where('id', '=', settlementId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('the settlement');
  if (row.status !== 'pending_approval') throw new AppError('invalid_transition', `the settlement is ${row.status} already`, { status: row.status });
  await trx.updateTable('settlements').set({ status: 'rejected', reject_reason: reason, decided_by: userId, decided_at: new Date() }).where('id', '=', settlementId).execute();
  return getSettlement(trx, companyId, settlementId);
}

/** The voucher a pending settlement would post, as it would be posted now (nothing is written). */
export async function previewSettlement(db: Db | Trx, companyId: string, settlementId: string) {
  const row = await db.selectFrom('settlements').selectAll().where('company_id', '=', companyId).where('id', '=', settlementId).executeTakeFirst();
  if (!row) throw notFound('the settlement');
  const company = await getCompany(db, companyId);
  const input = inputOf(row);
  const lines = await resolve(db, row.agency_id, company, input);
  const draft = buildVoucher(company, input, lines, row.reference);
  const open = new Map<number, number>();
  const entryIds = lines.flatMap((l) => (l.receivableEntryId ? [l.receivableEntryId] : []));
  if (entryIds.length > 0) for (const o of await db.selectFrom('open_items').select(['posting_id', 'open_amount']).where('posting_id', 'in', entryIds).execute()) open.set(o.posting_id, o.open_amount);
  const problems = lines
    .filter((l) => l.type === 'principal' && l.amount > (open.get(l.receivableEntryId!) ?? 0))
    .map((l) => `principal ${l.amount} øre on invoice ${l.invoiceNumber} is more than its remaining ${open.get(l.receivableEntryId!) ?? 0} øre`);
  return {
    date: draft.date,
    description: draft.description,
    postings: draft.lines.map((p) => ({ account: p.account, amount: p.amount, description: p.description, customerId: p.customerId })),
    problems,
  };
}

export async function getSettlement(db: Db | Trx, companyId: string, settlementId: string): Promise<Settlement> {
  const row = await db.selectFrom('settlements').selectAll().where('company_id', '=', companyId).where('id', '=', settlementId).executeTakeFirst();
  if (!row) throw notFound('the settlement');
  let voucher: Settlement['voucher'] = null;
  if (row.voucher_id) {
    const v = await db.selectFrom('vouchers').select(['id', 'fiscal_year', 'number']).where('id', '=', row.voucher_id).executeTakeFirstOrThrow();
    const postings = await sql<{ account: number; amount: number; description: string; invoice_id: string | null }>`
      select p.account, p.amount, p.description,
             (select d.invoice_id from matches m join open_items d on d.posting_id = m.debit_posting_id where m.credit_posting_id = p.id and m.reverses_match_id is null limit 1) as invoice_id
      from postings p where p.voucher_id = ${row.voucher_id} order by p.line_no`.execute(db);
    voucher = { id: v.id, number: `${v.fiscal_year}-${v.number}`, postings: postings.rows.map((p) => ({ account: p.account, amount: p.amount, description: p.description, invoiceId: p.invoice_id })) };
  }
  return {
    id: row.id,
    reference: row.reference,
    clientId: row.company_id,
    agencyId: row.agency_id,
    settlementDate: row.settlement_date,
    bankAmount: row.bank_amount,
    lines: row.lines,
    statement: row.statement,
    status: row.status,
    voucherId: row.voucher_id,
    voucher,
    rejectReason: row.reject_reason,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

export async function getSettlementByReference(db: Db | Trx, agencyId: string, companyId: string, reference: string): Promise<Settlement> {
  const row = await db.selectFrom('settlements').select('id').where('agency_id', '=', agencyId).where('company_id', '=', companyId).where('reference', '=', reference).executeTakeFirst();
  if (!row) throw notFound(`settlement ${reference}`);
  return getSettlement(db, companyId, row.id);
}

export async function listSettlements(db: Db | Trx, companyId: string, options: { status?: SettlementStatus | undefined; caseId?: string | undefined; limit: number }): Promise<Array<Omit<Settlement, 'voucher'> & { agencyName: string }>> {
  let q = db
    .selectFrom('settlements as s')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .selectAll('s')
    .select('a.name as agency_name')
    .where('s.company_id', '=', companyId)
    .orderBy('s.created_at', 'desc')
    .limit(options.limit);
  if (options.status) q = q.where('s.status', '=', options.status);
  if (options.caseId) q = q.where((eb) => eb.exists(eb.selectFrom('settlement_cases as sc').select('sc.case_id').whereRef('sc.settlement_id', '=', 's.id').where('sc.case_id', '=', options.caseId!)));
  const rows = await q.execute();
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    clientId: row.company_id,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    settlementDate: row.settlement_date,
    bankAmount: row.bank_amount,
    lines: row.lines,
    statement: row.statement,
    status: row.status,
    voucherId: row.voucher_id,
    rejectReason: row.reject_reason,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  }));
}
