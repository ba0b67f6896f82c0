import { recordAudit } from '../audit/audit.service.js';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.js';
import { type Selectable, sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { getDunningSettings } from '../dunning/dunning.service.js';
import { openClaimEntries } from '../ledger/claim-entry.service.js';
import { type LockedItem, lockedOpenItems, matchMany, newOpenItem, openAmountsOf } from '../ledger/match.service.js';
import { PostingBuilder, type VoucherDraft } from '../ledger/posting-builder.js';
import { assertPostingDate, numberPendingVouchers, postVoucher } from '../ledger/voucher.service.js';
import { AppError, notFound } from '../shared/errors.js';
import { addOre, MAX_AMOUNT, type Ore, ore, subOre } from '../shared/money.js';
import type { Company } from '../tenancy/company.js';
import { getCompany } from '../tenancy/company.service.js';
import type { SettlementLine, SettlementStatus, SettlementsTable } from './settlement.table.js';
import { type StatementAsSent, type StatementLine, statementLines } from './statement.js';

export interface SettlementInput {
  reference: string;
  settlementDate: string;
  bankAmount: Ore;
  lines: SettlementLine[];
  /** Optional; the ordered list, or the older object form (see statement.ts). */
  statement?: StatementAsSent | undefined;
}

export interface Settlement {
  id: string;
  reference: string;
  clientId: string;
  agencyId: string;
  settlementDate: string;
  bankAmount: Ore;
  lines: SettlementLine[];
  statement: StatementLine[] | null;
  status: SettlementStatus;
  voucherId: string | null;
  voucher: {
    id: string;
    number: string;
    postings: Array<{ account: number; amount: Ore; description: string; invoiceId: string | null }>;
  } | null;
  rejectReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export function settlementHash(input: SettlementInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

interface ResolvedLine extends SettlementLine {
  caseId: string;
  customerId: string | null;
  receivableEntryId: number | null;
  invoiceNumber: number | null;
}

/**
 * The settlement's total per line type, summed exactly (bigint) and refused above `MAX_AMOUNT` — so
 * the balance check and the voucher's sums below are plain integer arithmetic far inside 2^53, and
 * a settlement of absurd size is a clear 400, never a balance misjudged by rounding.
 */
function settlementTotals(lines: SettlementLine[]): (type: SettlementLine['type']) => Ore {
  const totals = new Map<SettlementLine['type'], bigint>();
  for (const l of lines) totals.set(l.type, (totals.get(l.type) ?? 0n) + BigInt(l.amount));
  for (const [type, total] of totals)
    if (total > BigInt(MAX_AMOUNT))
      throw new AppError(
        'validation_failed',
        `body.lines: the ${type} lines add up to ${total} øre, above the largest total accepted (${MAX_AMOUNT} øre)`,
        { reason: 'total_too_large', lineType: type, maxAmount: MAX_AMOUNT },
      );
  return (type) => ore(Number(totals.get(type) ?? 0n));
}

/**
 * Checks a settlement against the contract and the ledger without writing: it balances
 * (bank = Σprincipal + Σinterest + Σfee − Σcost − Σvat), every case is this agency's for this client,
 * every principal line names an invoice of its case, VAT only for a VAT-registered creditor.
 */
async function resolve(
  db: Db | Trx,
  agencyId: string,
  company: Company,
  input: SettlementInput,
): Promise<ResolvedLine[]> {
  const sum = settlementTotals(input.lines);
  const expected = sum('principal') + sum('interest') + sum('fee') - sum('cost') - sum('vat');
  if (expected !== input.bankAmount) {
    throw new AppError(
      'settlement_unbalanced',
      `bankAmount ${input.bankAmount} øre ≠ principal + interest + fee − cost − vat = ${expected} øre (difference ${input.bankAmount - expected} øre)`,
      {
        difference: input.bankAmount - expected,
        expectedBankAmount: expected,
      },
    );
  }
  if (!company.vatRegistered && sum('vat') > 0) {
    throw new AppError(
      'validation_failed',
      'the creditor is not VAT-registered: it cannot deduct VAT, so the VAT on your fee belongs in its cost line',
      { reason: 'vat_not_deductible' },
    );
  }
  for (const [i, l] of input.lines.entries()) {
    if (l.type === 'principal' && !l.invoiceId)
      throw new AppError('validation_failed', `body.lines.${i}.invoiceId: a principal line names its invoice`);
    if (l.type !== 'principal' && l.invoiceId)
      throw new AppError('validation_failed', `body.lines.${i}.invoiceId: only principal lines name an invoice`);
  }
  const caseNumbers = [...new Set(input.lines.map((l) => l.caseNumber))];
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'case_number'])
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', company.id)
    // One array parameter, not one per case: a settlement may name tens of thousands.
    .where('case_number', '=', sql<string>`any(${caseNumbers}::text[])`)
    .execute();
  const caseId = new Map(cases.map((k) => [k.case_number, k.id]));
  const unknown = caseNumbers.filter((n) => !caseId.has(n));
  if (unknown.length > 0)
    throw new AppError('not_found', `case ${unknown.join(', ')} was not found`, { caseNumbers: unknown });
  const invoiceIds = [...new Set(input.lines.flatMap((l) => (l.invoiceId ? [l.invoiceId] : [])))];
  const invoices =
    invoiceIds.length === 0
      ? { rows: [] }
      : await sql<{ id: string; case_id: string; customer_id: string; posting_id: number; invoice_number: number }>`
    select distinct on (i.id) i.id, h.case_id, i.customer_id, i.posting_id, i.invoice_number
    from invoices i join handovers h on h.invoice_id = i.id
    where i.company_id = ${company.id} and h.agency_id = ${agencyId} and h.case_id is not null and i.id = any(${invoiceIds}::uuid[])
    order by i.id, h.created_at desc`.execute(db);
  const byId = new Map(invoices.rows.map((r) => [r.id, r]));
  return input.lines.map((l, i) => {
    const kase = caseId.get(l.caseNumber)!;
    if (!l.invoiceId) return { ...l, caseId: kase, customerId: null, receivableEntryId: null, invoiceNumber: null };
    const invoice = byId.get(l.invoiceId);
    if (!invoice)
      throw new AppError('not_found', `body.lines.${i}: invoice ${l.invoiceId} is not in any of your cases`);
    if (invoice.case_id !== kase)
      throw new AppError(
        'validation_failed',
        `body.lines.${i}: invoice ${invoice.invoice_number} is not in case ${l.caseNumber}`,
      );
    return {
      ...l,
      caseId: kase,
      customerId: invoice.customer_id,
      receivableEntryId: invoice.posting_id,
      invoiceNumber: invoice.invoice_number,
    };
  });
}

/**
 * The settlement voucher: Dr bank, Cr receivable per principal line (each matched to its invoice),
 * Cr interest income, Cr fee income, Dr collection cost, Dr input VAT — one line per type and case
 * for the non-principal lines, so each case's share stays readable.
 */
/** How much of a principal line closes the receivable, and how much recovers an earlier write-off. */
interface Allocation {
  line: ResolvedLine;
  receivable: Ore;
  recovery: Ore;
}

/**
 * Splits the principal lines: what is open on the invoice closes the receivable (matched); beyond
 * that, up to what was written off («Avskriv») and not yet recovered, it is a recovered loss (Cr the
 * loss account) — the agency goes on collecting after a write-off, so this money is expected. Past
 * both it is `overpaid`. Reads under the invoices' locks (in entry order, as every writer does).
 */
async function allocate(
  db: Db | Trx,
  company: Company,
  lines: ResolvedLine[],
  lock: boolean,
): Promise<{
  allocations: Allocation[];
  problems: OverpaidLine[];
  /** With `lock`: the invoices' open items as read under their locks (for `matchMany`'s `held`). */
  locked: LockedItem[];
}> {
  const principal = lines.filter((l) => l.type === 'principal');
  const entryIds = [...new Set(principal.map((l) => l.receivableEntryId!))];
  const locked = lock ? await lockedOpenItems(db as Trx, company.id, entryIds) : null;
  // The allocation counts down what is left on each entry (every step through the Ore guard).
  const open: Map<number, Ore> = locked
    ? new Map([...locked].map(([id, item]) => [id, item.open_amount]))
    : await openAmountsOf(db, company.id, entryIds);
  // Write-offs not yet recovered, only where the lines ask for more than is open.
  const wantedByEntry = new Map<number, Ore>();
  for (const l of principal)
    wantedByEntry.set(l.receivableEntryId!, addOre(wantedByEntry.get(l.receivableEntryId!) ?? ore(0), l.amount));
  const short = entryIds.filter((id) => wantedByEntry.get(id)! > (open.get(id) ?? 0));
  const recoverable = new Map<number, Ore>();
  if (short.length > 0) {
    const rows = await sql<{ posting_id: number; written_off: Ore; recovered: Ore }>`
      select i.posting_id,
        (select coalesce(sum(m.amount), 0)::bigint from matches m join open_items c on c.posting_id = m.credit_posting_id
          where m.debit_posting_id = i.posting_id and c.voucher_type = 'write_off') as written_off,
        (select coalesce(-sum(p.amount), 0)::bigint from postings p join vouchers v on v.id = p.voucher_id
          where p.invoice_id = i.id and p.account = ${company.accounts.loss} and v.type = 'settlement') as recovered
      from invoices i where i.company_id = ${company.id} and i.posting_id = any(${short}::bigint[])`.execute(db);
    for (const r of rows.rows) recoverable.set(r.posting_id, ore(Math.max(0, subOre(r.written_off, r.recovered))));
  }
  const allocations: Allocation[] = [];
  const problems: OverpaidLine[] = [];
  const reported = new Set<number>();
  for (const l of principal) {
    const id = l.receivableEntryId!;
    const openLeft = open.get(id) ?? ore(0);
    const recoverLeft = recoverable.get(id) ?? ore(0);
    const receivable = ore(Math.min(openLeft, l.amount));
    const recovery = subOre(l.amount, receivable);
    if (recovery > recoverLeft && !reported.has(id)) {
      reported.add(id);
      problems.push({
        line: l,
        wanted: wantedByEntry.get(id)!,
        open: open.get(id) ?? ore(0),
        recoverable: recoverable.get(id) ?? ore(0),
      });
    }
    open.set(id, subOre(openLeft, receivable));
    recoverable.set(id, subOre(recoverLeft, recovery));
    allocations.push({ line: l, receivable, recovery });
  }
  return { allocations, problems, locked: locked ? [...locked.values()] : [] };
}

/** A part of a case's fee line that closes one of its invoices' open reminder-fee items. */
interface FeeAllocation {
  caseNumber: string;
  entryId: number;
  customerId: string;
  amount: Ore;
}

/**
 * A case's `fee` line is first the creditor's own reminder fees coming in: it closes the open
 * reminder-fee items of the case's invoices (in entry order, each up to what is open) and only what
 * is left over is fee income. A fee line where no fee is open stays income, as before.
 */
async function allocateFees(db: Db | Trx, company: Company, lines: ResolvedLine[], lock: boolean) {
  const feeLines = lines.filter((l) => l.type === 'fee' && l.amount > 0);
  if (feeLines.length === 0) return [];
  const caseIds = [...new Set(feeLines.map((l) => l.caseId))];
  const handed = await db
    .selectFrom('handovers')
    .select(['case_id', 'invoice_id'])
    .where('company_id', '=', company.id)
    .where('case_id', '=', sql<string>`any(${caseIds}::uuid[])`)
    .execute();
  const entries = await openClaimEntries(
    db,
    company.id,
    handed.map((h) => h.invoice_id),
    { lock },
  );
  const left = new Map(entries.map((e) => [e.entryId, e.openAmount]));
  const allocations: FeeAllocation[] = [];
  for (const l of feeLines) {
    const invoices = new Set(handed.filter((h) => h.case_id === l.caseId).map((h) => h.invoice_id));
    let remaining = l.amount;
    for (const e of entries) {
      if (remaining === 0) break;
      const open = left.get(e.entryId)!;
      if (!invoices.has(e.invoiceId) || open === 0) continue;
      const take = ore(Math.min(open, remaining));
      allocations.push({ caseNumber: l.caseNumber, entryId: e.entryId, customerId: e.customerId, amount: take });
      left.set(e.entryId, subOre(open, take));
      remaining = subOre(remaining, take);
    }
  }
  return allocations;
}

/**
 * The settlement voucher: Dr bank; Cr receivable per principal line (matched to its invoice) — or Cr
 * the loss account for money recovered on a written-off invoice; Cr interest income, Cr fee income,
 * Dr collection cost, Dr input VAT — one line per type and case, so each case's share stays readable.
 */
function buildVoucher(
  company: Company,
  input: SettlementInput,
  lines: ResolvedLine[],
  allocations: Allocation[],
  reference: string,
  fees: FeeAllocation[],
): VoucherDraft {
  const a = company.accounts;
  const builder = new PostingBuilder('settlement', input.settlementDate, `Oppgjør ${reference}`);
  builder.debit(a.bank, input.bankAmount, { description: `Oppgjør ${reference}` });
  for (const { line: l, receivable } of allocations) {
    builder.credit(a.receivable, receivable, {
      customerId: l.customerId,
      description: `Oppgjør ${reference}, sak ${l.caseNumber}, faktura ${l.invoiceNumber}`,
    });
  }
  for (const { line: l, recovery } of allocations) {
    builder.credit(a.loss, recovery, {
      invoiceId: l.invoiceId ?? null,
      description: `Inngått på avskrevet fordring, oppgjør ${reference}, sak ${l.caseNumber}, faktura ${l.invoiceNumber}`,
    });
  }
  const perCase = new Map<string, Map<string, Ore>>();
  for (const l of lines.filter((x) => x.type !== 'principal')) {
    const m = perCase.get(l.caseNumber) ?? new Map<string, Ore>();
    m.set(l.type, addOre(m.get(l.type) ?? ore(0), l.amount));
    perCase.set(l.caseNumber, m);
  }
  const zero = ore(0);
  for (const [caseNumber, sums] of perCase) {
    const text = (what: string) => `${what}, oppgjør ${reference}, sak ${caseNumber}`;
    builder.credit(a.interestIncome, sums.get('interest') ?? zero, { description: text('Renteinntekt') });
    // The creditor's open reminder fees first (Cr receivable, matched), the rest is fee income.
    let feesClosed = zero;
    for (const f of fees.filter((x) => x.caseNumber === caseNumber)) {
      builder.credit(a.receivable, f.amount, { customerId: f.customerId, description: text('Purregebyr') });
      feesClosed = addOre(feesClosed, f.amount);
    }
    builder.credit(a.reminderFeeIncome, subOre(sums.get('fee') ?? zero, feesClosed), {
      description: text('Gebyrinntekt'),
    });
    builder.debit(a.collectionCost, sums.get('cost') ?? zero, { description: text('Inkassokostnad') });
    builder.debit(a.inputVat, sums.get('vat') ?? zero, { description: text('Inngående mva') });
  }
  return builder.build();
}

/** A principal line asking for more than its invoice has open (and recoverable). */
interface OverpaidLine {
  line: ResolvedLine;
  wanted: Ore;
  open: Ore;
  recoverable: Ore;
}

function overpaidError(p: OverpaidLine): AppError {
  const beyond = p.recoverable > 0 ? ` (and ${p.recoverable} øre written off and not yet recovered)` : '';
  return new AppError(
    'overpaid',
    `principal ${p.wanted} øre on invoice ${p.line.invoiceNumber} is more than its remaining ${p.open} øre${beyond}`,
    {
      reason: p.recoverable > 0 ? 'more_than_remaining_and_recoverable' : 'more_than_remaining',
      invoiceNumber: p.line.invoiceNumber,
      invoiceId: p.line.invoiceId,
      remainingAmount: p.open,
      recoverableAmount: p.recoverable,
      principalAmount: p.wanted,
    },
  );
}

/** Posts the voucher and matches what closes receivables; more than is open (or recoverable) is `overpaid`. */
async function post(
  trx: Trx,
  company: Company,
  agencyId: string,
  input: SettlementInput,
  lines: ResolvedLine[],
  userId: string | null,
): Promise<string> {
  const { allocations, problems, locked } = await allocate(trx, company, lines, true);
  if (problems[0]) throw overpaidError(problems[0]);
  const fees = await allocateFees(trx, company, lines, true);
  const draft = buildVoucher(company, input, lines, allocations, input.reference, fees);
  const voucher = await postVoucher(trx, company.id, draft, { createdBy: userId });
  // Receivable credits in the voucher's order: the principal lines', then the fee items' by case.
  const credits = voucher.postings.filter((p) => p.account === company.accounts.receivable);
  const matched = allocations.filter((x) => x.receivable > 0);
  const feeOrder = [...new Set(lines.filter((l) => l.type !== 'principal').map((l) => l.caseNumber))].flatMap((n) =>
    fees.filter((f) => f.caseNumber === n),
  );
  await matchMany(
    trx,
    company.id,
    [
      ...matched.map((x, i) => ({
        debitPostingId: x.line.receivableEntryId!,
        creditPostingId: credits[i]!.id,
        amount: x.receivable,
      })),
      ...feeOrder.map((f, i) => ({
        debitPostingId: f.entryId,
        creditPostingId: credits[matched.length + i]!.id,
        amount: f.amount,
      })),
    ],
    {
      userId,
      agencyId,
      // The invoices' items as locked and read by allocate (nothing has moved them since) and the
      // credits as just made: only the fee items are locked again (by matchMany).
      held: [...locked, ...credits.map((p) => newOpenItem({ id: voucher.id, type: 'settlement' }, p))],
    },
  );
  return voucher.id;
}

/**
 * An agency's settlement: checked, stored with its statement, and posted at once — or, where the
 * company approves settlements by hand, kept as `pending_approval` until it does. The reference is
 * the idempotency key: the same reference and body answer the same settlement (`replayed`), another
 * body is 409 `settlement_exists`. The reference row is inserted first, so concurrent duplicates
 * wait for the first and then find it.
 */
export async function receiveSettlement(
  trx: Trx,
  agencyId: string,
  companyId: string,
  input: SettlementInput,
  /** The keys of an object-form statement in the order the request's text had them. */
  statementKeyOrder?: readonly string[] | null,
): Promise<{ settlement: Settlement; replayed: boolean }> {
  // The hash is of the body as sent (an object statement as an object), so a settlement sent before
  // statements became lists is still recognised when it is sent again.
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
      statement:
        input.statement === undefined ? null : JSON.stringify(statementLines(input.statement, statementKeyOrder)),
      status: 'pending_approval',
      voucher_id: null,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'company_id', 'reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) {
    const existing = await trx
      .selectFrom('settlements')
      .select(['id', 'request_hash'])
      .where('agency_id', '=', agencyId)
      .where('company_id', '=', companyId)
      .where('reference', '=', input.reference)
      .executeTakeFirstOrThrow();
    if (existing.request_hash !== hash)
      throw new AppError('settlement_exists', `settlement ${input.reference} exists already with other content`);
    return { settlement: await getSettlement(trx, companyId, existing.id), replayed: true };
  }
  // The voucher's date rule, now, also when the settlement waits for approval: a settlement dated
  // after today is refused (and rolls back the reference row), never stored to be posted later.
  assertPostingDate(input.settlementDate);
  const company = await getCompany(trx, companyId);
  const lines = await resolve(trx, agencyId, company, input);
  const caseIds = [...new Set(lines.map((l) => l.caseId))];
  await sql`insert into settlement_cases (settlement_id, case_id) select ${claimed.id}::uuid, unnest(${caseIds}::uuid[])`.execute(
    trx,
  );
  if ((await getDunningSettings(trx, companyId)).settlementsNeedApproval) {
    // Refused now what could never be approved: more principal than is open or recoverable.
    const { problems } = await allocate(trx, company, lines, false);
    if (problems[0]) throw overpaidError(problems[0]);
  } else {
    const voucherId = await post(trx, company, agencyId, input, lines, null);
    await trx
      .updateTable('settlements')
      .set({ status: 'posted', voucher_id: voucherId, decided_at: new Date() })
      .where('id', '=', claimed.id)
      .execute();
  }
  return { settlement: await getSettlement(trx, companyId, claimed.id), replayed: false };
}

function inputOf(row: {
  reference: string;
  settlement_date: string;
  bank_amount: Ore;
  lines: SettlementLine[];
  statement: StatementLine[] | null;
}): SettlementInput {
  return {
    reference: row.reference,
    settlementDate: row.settlement_date,
    bankAmount: row.bank_amount,
    lines: row.lines,
    statement: row.statement ?? undefined,
  };
}

/** The accountant approves a pending settlement: it is checked again against the ledger as it is now, and posted. */
export async function approveSettlement(
  trx: Trx,
  companyId: string,
  settlementId: string,
  userId: string | null,
): Promise<Settlement> {
  const row = await trx
    .selectFrom('settlements')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', settlementId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('the settlement');
  if (row.status !== 'pending_approval')
    throw new AppError('invalid_transition', `the settlement is ${row.status} already`, {
      reason: `settlement_${row.status}`,
      settlementStatus: row.status,
    });
  const company = await getCompany(trx, companyId);
  const input = inputOf(row);
  const lines = await resolve(trx, row.agency_id, company, input);
  const voucherId = await post(trx, company, row.agency_id, input, lines, userId);
  await trx
    .updateTable('settlements')
    .set({ status: 'posted', voucher_id: voucherId, decided_by: userId, decided_at: new Date() })
    .where('id', '=', settlementId)
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: 'settlement.approved',
    subjectIds: [settlementId, voucherId, row.agency_id],
    ...(userId ? { actor: { type: 'user', id: userId } } : {}),
    before: { status: row.status },
    after: { status: 'posted', voucherId },
  });
  return getSettlement(trx, companyId, settlementId);
}

export async function rejectSettlement(
  trx: Trx,
  companyId: string,
  settlementId: string,
  reason: string,
  userId: string | null,
): Promise<Settlement> {
  const row = await trx
    .selectFrom('settlements')
    .select('status')
    .where('company_id', '=', companyId)
    .where('id', '=', settlementId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('the settlement');
  if (row.status !== 'pending_approval')
    throw new AppError('invalid_transition', `the settlement is ${row.status} already`, {
      reason: `settlement_${row.status}`,
      settlementStatus: row.status,
    });
  await trx
    .updateTable('settlements')
    .set({ status: 'rejected', reject_reason: reason, decided_by: userId, decided_at: new Date() })
    .where('id', '=', settlementId)
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: 'settlement.rejected',
    subjectIds: [settlementId],
    ...(userId ? { actor: { type: 'user', id: userId } } : {}),
    before: { status: row.status },
    after: { status: 'rejected', reason },
  });
  return getSettlement(trx, companyId, settlementId);
}

/** The voucher a pending settlement would post, as it would be posted now (nothing is written). */
export async function previewSettlement(db: Db | Trx, companyId: string, settlementId: string) {
  const row = await db
    .selectFrom('settlements')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', settlementId)
    .executeTakeFirst();
  if (!row) throw notFound('the settlement');
  const company = await getCompany(db, companyId);
  const input = inputOf(row);
  const lines = await resolve(db, row.agency_id, company, input);
  const { allocations, problems: found } = await allocate(db, company, lines, false);
  const fees = await allocateFees(db, company, lines, false);
  const draft = buildVoucher(company, input, lines, allocations, row.reference, fees);
  // Each said as the refusal approving now would give: its code, reason and figures (the UI words
  // them in its language) beside the English detail.
  const problems: Array<Record<string, unknown> & { code: string; detail: string }> = found.map((p) => {
    const e = overpaidError(p);
    return { code: e.code, detail: e.detail, ...e.extra };
  });
  try {
    assertPostingDate(draft.date);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problems.push({ code: error.code, detail: error.detail, ...error.extra });
  }
  return {
    date: draft.date,
    description: draft.description,
    postings: draft.lines.map((p) => ({
      account: p.account,
      amount: p.amount,
      description: p.description,
      customerId: p.customerId,
    })),
    problems,
  };
}

export async function getSettlement(db: Db | Trx, companyId: string, settlementId: string): Promise<Settlement> {
  const row = await db
    .selectFrom('settlements')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', settlementId)
    .executeTakeFirst();
  if (!row) throw notFound('the settlement');
  let voucher: Settlement['voucher'] = null;
  if (row.voucher_id) {
    await numberPendingVouchers(db); // a settlement posted in this transaction shows its number
    const v = await db
      .selectFrom('vouchers')
      .select(['id', 'fiscal_year', 'number'])
      .where('id', '=', row.voucher_id)
      .executeTakeFirstOrThrow();
    const postings = await sql<{ account: number; amount: Ore; description: string; invoice_id: string | null }>`
      select p.account, p.amount, p.description,
             -- (an unmatch row joins the same two entries as its match, so any row names the invoice;
             -- filtering on reverses_match_id here makes the planner walk that index for every posting)
             (select d.invoice_id from matches m join open_items d on d.posting_id = m.debit_posting_id where m.credit_posting_id = p.id limit 1) as invoice_id
      from postings p where p.voucher_id = ${row.voucher_id} order by p.line_no`.execute(db);
    voucher = {
      id: v.id,
      number: `${v.fiscal_year}-${v.number}`,
      postings: postings.rows.map((p) => ({
        account: p.account,
        amount: p.amount,
        description: p.description,
        invoiceId: p.invoice_id,
      })),
    };
  }
  return { ...settlementFromRow(row), voucher };
}

/** A stored settlement as the API shows it (without its voucher). */
function settlementFromRow(row: Selectable<SettlementsTable>): Omit<Settlement, 'voucher'> {
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
    rejectReason: row.reject_reason,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

export async function getSettlementByReference(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  reference: string,
): Promise<Settlement> {
  const row = await db
    .selectFrom('settlements')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', companyId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) throw notFound(`settlement ${reference}`);
  return getSettlement(db, companyId, row.id);
}

/** Where a page of settlements ends: the last row's `created_at` as the database wrote it (µs kept) and its id. */
export interface SettlementListPosition {
  createdAt: string;
  id: string;
}

/** Settlements newest first (keyset on created_at, id), filtered by status or by a case they name. */
export async function listSettlements(
  db: Db | Trx,
  companyId: string,
  options: {
    status?: SettlementStatus | undefined;
    caseId?: string | undefined;
    limit: number;
    after?: SettlementListPosition | undefined;
  },
): Promise<{ data: Array<Omit<Settlement, 'voucher'> & { agencyName: string }>; next: SettlementListPosition | null }> {
  let q = db
    .selectFrom('settlements as s')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .selectAll('s')
    .select(['a.name as agency_name', sql<string>`s.created_at::text`.as('created_key')])
    .where('s.company_id', '=', companyId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(options.limit);
  if (options.status) q = q.where('s.status', '=', options.status);
  if (options.caseId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('settlement_cases as sc')
          .select('sc.case_id')
          .whereRef('sc.settlement_id', '=', 's.id')
          .where('sc.case_id', '=', options.caseId!),
      ),
    );
  // The cursor keeps the timestamp as text: a JavaScript Date would drop the microseconds and skip rows.
  if (options.after)
    q = q.where(
      sql<boolean>`(s.created_at, s.id) < (${options.after.createdAt}::timestamptz, ${options.after.id}::uuid)`,
    );
  const rows = await q.execute();
  const last = rows.at(-1);
  return {
    data: rows.map((row) => ({ ...settlementFromRow(row), agencyName: row.agency_name })),
    next: rows.length === options.limit && last ? { createdAt: last.created_key, id: last.id } : null,
  };
}

/**
 * Posted settlements of the company whose reference is one of `references` (any agency): what a
 * bank entry of the agency's payment journal is matched against (bank import, rule `settlement`).
 */
export async function postedSettlementsByReference(
  db: Db | Trx,
  companyId: string,
  references: readonly string[],
): Promise<Array<{ id: string; reference: string; bankAmount: Ore; voucherId: string; settlementDate: string }>> {
  if (references.length === 0) return [];
  const rows = await db
    .selectFrom('settlements')
    .select(['id', 'reference', 'bank_amount', 'voucher_id', 'settlement_date'])
    .where('company_id', '=', companyId)
    .where('status', '=', 'posted')
    .where('reference', 'in', references)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    bankAmount: r.bank_amount,
    voucherId: r.voucher_id!,
    settlementDate: r.settlement_date,
  }));
}
