import { recordAudit } from '../audit/audit.service.js';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json.js';
import { type Selectable, sql } from 'kysely';
import { agencyNames } from '../agencies/agency-names.read.js';
import type { Db, Trx } from '../db/database.js';
import { isUnitOfWork } from '../db/unit-of-work.js';
import { getDunningSettings } from '../dunning/dunning.service.js';
import { openClaimEntries } from '../ledger/claim-entry.service.js';
import { lockedOpenAmounts, matchMany, newOpenItem, openAmountsOf } from '../ledger/match.service.js';
import type { PostingLine } from '../ledger/posting-builder.js';
import { matchedByCreditType, recoveredOnLossAccount } from '../ledger/receivable.read.js';
import { voucherNumberLabel, voucherPostingsPage } from '../ledger/voucher-postings.read.js';
import { VoucherWriter } from '../ledger/voucher-writer.js';
import { assertPostingDate } from '../ledger/voucher.service.js';
import { invoiceLedgerRefs } from '../sales/invoice-refs.read.js';
import { AppError, notFound } from '../shared/errors.js';
import { addOre, MAX_AMOUNT, type Ore, ore, subOre } from '../shared/money.js';
import type { Company } from '../tenancy/company.js';
import { getCompany } from '../tenancy/company.service.js';
import type { SettlementLine, SettlementStatus, SettlementsTable } from './settlement.table.js';
import { type StatementAsSent, type StatementLine, statementLines } from './statement.js';

export type { SettlementLine };

/** A settlement's small members: everything but its lines. */
export interface SettlementHeader {
  reference: string;
  settlementDate: string;
  bankAmount: Ore;
  /** Optional; the ordered list, or the older object form (see statement.ts). */
  statement?: StatementAsSent | undefined;
}

/**
 * A settlement's lines: a list, or (for one too large to hold, issue 15) a function giving them
 * in chunks, as often as it is called — the body reader's, which reads them back from its file.
 */
export type SettlementLineSource = readonly SettlementLine[] | (() => AsyncIterable<SettlementLine[]>);

export interface SettlementInput extends SettlementHeader {
  lines: SettlementLine[];
}

/** A settlement as received: its lines a list or a source of chunks. */
export interface SettlementSubmission extends SettlementHeader {
  lines: SettlementLineSource;
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

/** What storing a settlement answers: enough to read it back (or stream it) after commit. */
export interface StoredSettlement {
  id: string;
  reference: string;
  status: SettlementStatus;
  voucherId: string | null;
}

/** How many lines one statement writes or reads while a settlement is checked and posted. */
const CHUNK = 2000;
/** How many cases' non-principal lines are summed and posted at a time. */
const CASE_PAGE = 500;

async function* chunksOf(source: SettlementLineSource): AsyncGenerator<SettlementLine[]> {
  if (typeof source === 'function') {
    for await (const part of source())
      for (let i = 0; i < part.length; i += CHUNK) yield part.length <= CHUNK ? part : part.slice(i, i + CHUNK);
    return;
  }
  for (let i = 0; i < source.length; i += CHUNK) yield source.slice(i, i + CHUNK);
}

/**
 * The settlement's idempotency hash: sha256 of its canonical JSON (keys sorted). Computed a chunk of
 * lines at a time, so a settlement of any size hashes in bounded memory — the same hash as
 * `canonicalJson` of the whole input, so settlements stored before are recognised when sent again.
 */
export async function settlementHashOf(input: SettlementSubmission): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`{"bankAmount":${canonicalJson(input.bankAmount)},"lines":[`);
  let first = true;
  for await (const chunk of chunksOf(input.lines)) {
    for (const line of chunk) {
      hash.update(first ? canonicalJson(line) : `,${canonicalJson(line)}`);
      first = false;
    }
  }
  hash.update(
    `],"reference":${canonicalJson(input.reference)},"settlementDate":${canonicalJson(input.settlementDate)}`,
  );
  if (input.statement !== undefined) hash.update(`,"statement":${canonicalJson(input.statement)}`);
  hash.update('}');
  return hash.digest('hex');
}

/** The hash of a settlement whose lines are a list (as `settlementHashOf`). */
export function settlementHash(input: SettlementInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/**
 * Stores the lines in chunks (line numbers from 0, as sent) and checks each line's own rules as it
 * goes: a principal line names its invoice, no other line does. Returns the sums per type, exact
 * (bigint), refused above `MAX_AMOUNT` — so the balance check and the voucher's sums are plain
 * integer arithmetic far inside 2^53, never a balance misjudged by rounding.
 */
async function stageLines(
  trx: Trx,
  settlementId: string,
  source: SettlementLineSource,
): Promise<(type: SettlementLine['type']) => Ore> {
  const totals = new Map<SettlementLine['type'], bigint>();
  let n = 0;
  for await (const chunk of chunksOf(source)) {
    const nos: number[] = [];
    const cases: string[] = [];
    const invoices: Array<string | null> = [];
    const types: string[] = [];
    const amounts: number[] = [];
    for (const l of chunk) {
      if (l.type === 'principal' && !l.invoiceId)
        throw new AppError('validation_failed', `body.lines.${n}.invoiceId: a principal line names its invoice`, {
          line: n,
        });
      if (l.type !== 'principal' && l.invoiceId)
        throw new AppError('validation_failed', `body.lines.${n}.invoiceId: only principal lines name an invoice`, {
          line: n,
        });
      totals.set(l.type, (totals.get(l.type) ?? 0n) + BigInt(l.amount));
      nos.push(n);
      cases.push(l.caseNumber);
      invoices.push(l.invoiceId ?? null);
      types.push(l.type);
      amounts.push(l.amount);
      n += 1;
    }
    await sql`
      insert into settlement_lines (settlement_id, line_no, case_number, invoice_id, type, amount)
      select ${settlementId}::uuid, u.n, u.c, u.i, u.t, u.a
      from unnest(${nos}::int[], ${cases}::text[], ${invoices}::uuid[], ${types}::text[], ${amounts}::bigint[]) as u(n, c, i, t, a)`.execute(
      trx,
    );
  }
  for (const [type, total] of totals)
    if (total > BigInt(MAX_AMOUNT))
      throw new AppError(
        'validation_failed',
        `body.lines: the ${type} lines add up to ${total} øre, above the largest total accepted (${MAX_AMOUNT} øre)`,
        { reason: 'total_too_large', lineType: type, maxAmount: MAX_AMOUNT },
      );
  return (type) => ore(Number(totals.get(type) ?? 0n));
}

/** The sums per type of stored lines (one statement), as `stageLines` gives them. */
async function storedTotals(db: Db | Trx, settlementId: string): Promise<(type: SettlementLine['type']) => Ore> {
  const rows = await sql<{ type: SettlementLine['type']; total: Ore }>`
    select type, sum(amount)::bigint as total from settlement_lines where settlement_id = ${settlementId} group by type`.execute(
    db,
  );
  const totals = new Map(rows.rows.map((r) => [r.type, r.total]));
  return (type) => totals.get(type) ?? ore(0);
}

/**
 * The contract's sums: bank = Σprincipal + Σinterest + Σfee − Σcost − Σvat (422 naming the
 * difference), and VAT only for a VAT-registered creditor.
 */
function checkBalance(company: Company, bankAmount: Ore, sum: (type: SettlementLine['type']) => Ore): void {
  const expected = sum('principal') + sum('interest') + sum('fee') - sum('cost') - sum('vat');
  if (expected !== bankAmount) {
    throw new AppError(
      'settlement_unbalanced',
      `bankAmount ${bankAmount} øre ≠ principal + interest + fee − cost − vat = ${expected} øre (difference ${bankAmount - expected} øre)`,
      {
        difference: bankAmount - expected,
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
}

/**
 * Checks the stored lines against the ledger, in chunks, and notes on each what it resolves to:
 * every case is this agency's for this client, every principal line names an invoice of its case
 * (its customer, receivable entry and number read through sales).
 */
async function resolve(db: Db | Trx, settlementId: string, agencyId: string, company: Company): Promise<void> {
  // Each line's case (a case looked up by number once per line, in one statement).
  await sql`
    update settlement_lines sl set case_id = (
      select k.id from cases k where k.company_id = ${company.id} and k.agency_id = ${agencyId} and k.case_number = sl.case_number)
    where sl.settlement_id = ${settlementId}`.execute(db);
  const unknown = await sql<{ case_number: string }>`
    select distinct case_number from settlement_lines
    where settlement_id = ${settlementId} and case_id is null order by case_number limit 100`.execute(db);
  if (unknown.rows.length > 0) {
    const numbers = unknown.rows.map((r) => r.case_number);
    throw new AppError('not_found', `case ${numbers.join(', ')}${numbers.length === 100 ? ', …' : ''} was not found`, {
      caseNumbers: numbers,
    });
  }
  for (let last = -1; ; ) {
    const page = await sql<{ line_no: number; case_id: string; case_number: string; invoice_id: string }>`
      select line_no, case_id, case_number, invoice_id from settlement_lines
      where settlement_id = ${settlementId} and type = 'principal' and line_no > ${last}
      order by line_no limit ${CHUNK}`.execute(db);
    if (page.rows.length === 0) break;
    last = page.rows.at(-1)!.line_no;
    const ids = [...new Set(page.rows.map((r) => r.invoice_id))];
    const refs = await invoiceLedgerRefs(db, company.id, ids);
    // The invoice's case with this agency: its latest handover that has one.
    const handed = await sql<{ invoice_id: string; case_id: string }>`
      select distinct on (h.invoice_id) h.invoice_id, h.case_id from handovers h
      where h.company_id = ${company.id} and h.agency_id = ${agencyId} and h.case_id is not null and h.invoice_id = any(${ids}::uuid[])
      order by h.invoice_id, h.created_at desc`.execute(db);
    const caseOf = new Map(handed.rows.map((h) => [h.invoice_id, h.case_id]));
    const entries: number[] = [];
    const customers: string[] = [];
    const numbers: number[] = [];
    for (const l of page.rows) {
      const ref = refs.get(l.invoice_id);
      const kase = caseOf.get(l.invoice_id);
      if (!ref || !kase)
        throw new AppError(
          'not_found',
          `body.lines.${l.line_no}: invoice ${l.invoice_id} is not in any of your cases`,
          {
            line: l.line_no,
          },
        );
      if (kase !== l.case_id)
        throw new AppError(
          'validation_failed',
          `body.lines.${l.line_no}: invoice ${ref.invoiceNumber} is not in case ${l.case_number}`,
          { line: l.line_no },
        );
      entries.push(ref.postingId);
      customers.push(ref.customerId);
      numbers.push(ref.invoiceNumber);
    }
    await sql`
      update settlement_lines sl set entry_id = u.e, customer_id = u.c, invoice_number = u.k
      from unnest(${page.rows.map((r) => r.line_no)}::int[], ${entries}::bigint[], ${customers}::uuid[], ${numbers}::int[]) as u(n, e, c, k)
      where sl.settlement_id = ${settlementId} and sl.line_no = u.n`.execute(db);
  }
}

/** A principal line asking for more than its invoice has open (and recoverable). */
interface OverpaidLine {
  invoiceId: string;
  invoiceNumber: number;
  wanted: Ore;
  open: Ore;
  recoverable: Ore;
}

function overpaidError(p: OverpaidLine): AppError {
  const beyond = p.recoverable > 0 ? ` (and ${p.recoverable} øre written off and not yet recovered)` : '';
  return new AppError(
    'overpaid',
    `principal ${p.wanted} øre on invoice ${p.invoiceNumber} is more than its remaining ${p.open} øre${beyond}`,
    {
      reason: p.recoverable > 0 ? 'more_than_remaining_and_recoverable' : 'more_than_remaining',
      invoiceNumber: p.invoiceNumber,
      invoiceId: p.invoiceId,
      remainingAmount: p.open,
      recoverableAmount: p.recoverable,
      principalAmount: p.wanted,
    },
  );
}

/**
 * Splits the principal lines: what is open on the invoice closes the receivable (matched); beyond
 * that, up to what was written off («Avskriv») and not yet recovered, it is a recovered loss (Cr the
 * loss account) — the agency goes on collecting after a write-off, so this money is expected. Past
 * both it is `overpaid`. The open amounts are read under the invoices' locks (with `lock`: in entry
 * order, as every writer does, a page at a time) through the ledger, the write-offs and recoveries
 * through its receivable reads; the running split per invoice (lines in their order) is one
 * statement. Returns the lines past both, first per invoice, in line order (at most `limit`).
 */
async function allocate(
  db: Db | Trx,
  settlementId: string,
  company: Company,
  lock: boolean,
  limit: number,
): Promise<OverpaidLine[]> {
  for (let last = 0; ; ) {
    const page = await sql<{ entry_id: number }>`
      select distinct entry_id from settlement_lines
      where settlement_id = ${settlementId} and entry_id is not null and entry_id > ${last}
      order by entry_id limit ${CHUNK}`.execute(db);
    if (page.rows.length === 0) break;
    const ids = page.rows.map((r) => r.entry_id);
    last = ids.at(-1)!;
    const open = lock ? await lockedOpenAmounts(db as Trx, company.id, ids) : await openAmountsOf(db, company.id, ids);
    await sql`
      update settlement_lines sl set entry_open = u.o, entry_recoverable = null
      from unnest(${ids}::bigint[], ${ids.map((id) => open.get(id) ?? 0)}::bigint[]) as u(e, o)
      where sl.settlement_id = ${settlementId} and sl.entry_id = u.e`.execute(db);
  }
  // Write-offs not yet recovered, only where the lines ask for more than is open.
  for (let last = 0; ; ) {
    const short = await sql<{ entry_id: number; invoice_id: string }>`
      select entry_id, min(invoice_id::text) as invoice_id from settlement_lines
      where settlement_id = ${settlementId} and type = 'principal' and entry_id > ${last}
      group by entry_id having sum(amount) > coalesce(max(entry_open), 0)
      order by entry_id limit ${CHUNK}`.execute(db);
    if (short.rows.length === 0) break;
    last = short.rows.at(-1)!.entry_id;
    const ids = short.rows.map((r) => r.entry_id);
    const writtenOff = new Map<number, Ore>();
    for (const m of await matchedByCreditType(db, company.id, ids))
      if (m.voucherType === 'write_off')
        writtenOff.set(m.debitEntryId, addOre(writtenOff.get(m.debitEntryId) ?? ore(0), m.amount));
    const recovered = await recoveredOnLossAccount(
      db,
      company.id,
      short.rows.map((r) => r.invoice_id),
      company.accounts.loss,
    );
    const recoverable = short.rows.map((r) =>
      Math.max(0, subOre(writtenOff.get(r.entry_id) ?? ore(0), recovered.get(r.invoice_id) ?? ore(0))),
    );
    await sql`
      update settlement_lines sl set entry_recoverable = u.r
      from unnest(${ids}::bigint[], ${recoverable}::bigint[]) as u(e, r)
      where sl.settlement_id = ${settlementId} and sl.entry_id = u.e`.execute(db);
  }
  // The running split: each line takes what is left open after the lines before it on its invoice.
  await sql`
    update settlement_lines sl set receivable = a.receivable, recovery = sl.amount - a.receivable
    from (
      select line_no, least(amount, greatest(0, coalesce(entry_open, 0) - coalesce(sum(amount) over (
        partition by entry_id order by line_no rows between unbounded preceding and 1 preceding), 0))) as receivable
      from settlement_lines where settlement_id = ${settlementId} and type = 'principal') a
    where sl.settlement_id = ${settlementId} and sl.line_no = a.line_no`.execute(db);
  const problems = await sql<{
    invoice_id: string;
    invoice_number: number;
    wanted: Ore;
    entry_open: Ore;
    recoverable: Ore;
  }>`
    select * from (
      select distinct on (entry_id) line_no, invoice_id, invoice_number, wanted, entry_open, recoverable from (
        select line_no, entry_id, invoice_id, invoice_number, recovery,
               coalesce(entry_open, 0) as entry_open, coalesce(entry_recoverable, 0) as recoverable,
               sum(amount) over (partition by entry_id) as wanted,
               coalesce(sum(recovery) over (partition by entry_id order by line_no rows between unbounded preceding and 1 preceding), 0) as recovered_before
        from settlement_lines where settlement_id = ${settlementId} and type = 'principal') x
      where recovery > recoverable - recovered_before
      order by entry_id, line_no) y
    order by line_no limit ${limit}`.execute(db);
  return problems.rows.map((r) => ({
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    wanted: ore(Number(r.wanted)),
    open: r.entry_open,
    recoverable: r.recoverable,
  }));
}

/** A page of cases with their non-principal lines summed per type (cases in the order they first appear). */
interface CaseSums {
  caseId: string;
  caseNumber: string;
  first: number;
  interest: Ore;
  fee: Ore;
  cost: Ore;
  vat: Ore;
}

async function caseSumsPage(db: Db | Trx, settlementId: string, after: number): Promise<CaseSums[]> {
  const rows = await sql<{
    case_id: string;
    case_number: string;
    first: number;
    interest: Ore;
    fee: Ore;
    cost: Ore;
    vat: Ore;
  }>`
    select case_id, case_number, min(line_no) as first,
           coalesce(sum(amount) filter (where type = 'interest'), 0)::bigint as interest,
           coalesce(sum(amount) filter (where type = 'fee'), 0)::bigint as fee,
           coalesce(sum(amount) filter (where type = 'cost'), 0)::bigint as cost,
           coalesce(sum(amount) filter (where type = 'vat'), 0)::bigint as vat
    from settlement_lines where settlement_id = ${settlementId} and type <> 'principal'
    group by case_id, case_number having min(line_no) > ${after}
    order by min(line_no) limit ${CASE_PAGE}`.execute(db);
  return rows.rows.map((r) => ({
    caseId: r.case_id,
    caseNumber: r.case_number,
    first: r.first,
    interest: r.interest,
    fee: r.fee,
    cost: r.cost,
    vat: r.vat,
  }));
}

/** A part of a case's fee line that closes one of its invoices' open reminder-fee items. */
interface FeeAllocation {
  caseId: string;
  entryId: number;
  customerId: string;
  amount: Ore;
}

/**
 * A case's `fee` lines are first the creditor's own reminder fees coming in: they close the open
 * reminder-fee items of the case's invoices (in entry order, each up to what is open) and only what
 * is left over is fee income. A fee where no fee is open stays income, as before.
 */
async function allocateFees(db: Db | Trx, company: Company, cases: CaseSums[], lock: boolean) {
  const feeCases = cases.filter((c) => c.fee > 0);
  if (feeCases.length === 0) return [];
  const handed = await db
    .selectFrom('handovers')
    .select(['case_id', 'invoice_id'])
    .where('company_id', '=', company.id)
    .where('case_id', '=', sql<string>`any(${feeCases.map((c) => c.caseId)}::uuid[])`)
    .execute();
  const entries = await openClaimEntries(
    db,
    company.id,
    handed.map((h) => h.invoice_id),
    { lock },
  );
  const left = new Map(entries.map((e) => [e.entryId, e.openAmount]));
  const allocations: FeeAllocation[] = [];
  for (const c of feeCases) {
    const invoices = new Set(handed.filter((h) => h.case_id === c.caseId).map((h) => h.invoice_id));
    let remaining = c.fee;
    for (const e of entries) {
      if (remaining === 0) break;
      const open = left.get(e.entryId)!;
      if (!invoices.has(e.invoiceId) || open === 0) continue;
      const take = ore(Math.min(open, remaining));
      allocations.push({ caseId: c.caseId, entryId: e.entryId, customerId: e.customerId, amount: take });
      left.set(e.entryId, subOre(open, take));
      remaining = subOre(remaining, take);
    }
  }
  return allocations;
}

/** A posting to come, and (for a receivable credit) the entry it is matched against. */
interface PlannedPosting {
  line: PostingLine;
  matchDebit: number | null;
}

/**
 * The settlement voucher, a part at a time: Dr bank; Cr receivable per principal line (matched to its
 * invoice) — or Cr the loss account for money recovered on a written-off invoice; then per case Cr
 * interest income, the creditor's reminder fees (Cr receivable, matched) and fee income, Dr collection
 * cost, Dr input VAT — one line per type and case, so each case's share stays readable. `emit` gets
 * each part in order (the voucher's line order); zero amounts are left out.
 */
async function planVoucher(
  db: Db | Trx,
  settlementId: string,
  company: Company,
  header: SettlementHeader,
  lockFees: boolean,
  emit: (part: PlannedPosting[]) => Promise<void>,
): Promise<void> {
  const a = company.accounts;
  const reference = header.reference;
  const line = (
    account: number,
    amount: number,
    options: { customerId?: string | null; invoiceId?: string | null; description: string },
  ): PostingLine => ({
    account,
    amount: ore(amount),
    customerId: options.customerId ?? null,
    invoiceId: options.invoiceId ?? null,
    dueDate: null,
    description: options.description,
    vatRate: null,
  });
  await emit([{ line: line(a.bank, header.bankAmount, { description: `Oppgjør ${reference}` }), matchDebit: null }]);
  for (const kind of ['receivable', 'recovery'] as const) {
    for (let last = -1; ; ) {
      const page = await sql<{
        line_no: number;
        case_number: string;
        invoice_id: string;
        invoice_number: number;
        customer_id: string;
        entry_id: number;
        amount: Ore;
      }>`
        select line_no, case_number, invoice_id, invoice_number, customer_id, entry_id,
               ${kind === 'receivable' ? sql`receivable` : sql`recovery`} as amount
        from settlement_lines
        where settlement_id = ${settlementId} and type = 'principal' and line_no > ${last}
          and ${kind === 'receivable' ? sql`receivable` : sql`recovery`} > 0
        order by line_no limit ${CHUNK}`.execute(db);
      if (page.rows.length === 0) break;
      last = page.rows.at(-1)!.line_no;
      await emit(
        page.rows.map((l) =>
          kind === 'receivable'
            ? {
                line: line(a.receivable, -l.amount, {
                  customerId: l.customer_id,
                  description: `Oppgjør ${reference}, sak ${l.case_number}, faktura ${l.invoice_number}`,
                }),
                matchDebit: l.entry_id,
              }
            : {
                line: line(a.loss, -l.amount, {
                  invoiceId: l.invoice_id,
                  description: `Inngått på avskrevet fordring, oppgjør ${reference}, sak ${l.case_number}, faktura ${l.invoice_number}`,
                }),
                matchDebit: null,
              },
        ),
      );
    }
  }
  for (let last = -1; ; ) {
    const cases = await caseSumsPage(db, settlementId, last);
    if (cases.length === 0) break;
    last = cases.at(-1)!.first;
    const fees = await allocateFees(db, company, cases, lockFees);
    const part: PlannedPosting[] = [];
    for (const c of cases) {
      const text = (what: string) => `${what}, oppgjør ${reference}, sak ${c.caseNumber}`;
      part.push({ line: line(a.interestIncome, -c.interest, { description: text('Renteinntekt') }), matchDebit: null });
      // The creditor's open reminder fees first (Cr receivable, matched), the rest is fee income.
      let feesClosed = 0;
      for (const f of fees.filter((x) => x.caseId === c.caseId)) {
        part.push({
          line: line(a.receivable, -f.amount, { customerId: f.customerId, description: text('Purregebyr') }),
          matchDebit: f.entryId,
        });
        feesClosed += f.amount;
      }
      part.push({
        line: line(a.reminderFeeIncome, -(c.fee - feesClosed), { description: text('Gebyrinntekt') }),
        matchDebit: null,
      });
      part.push({ line: line(a.collectionCost, c.cost, { description: text('Inkassokostnad') }), matchDebit: null });
      part.push({ line: line(a.inputVat, c.vat, { description: text('Inngående mva') }), matchDebit: null });
    }
    await emit(part.filter((p) => p.line.amount !== 0));
  }
}

/**
 * Posts the voucher a part at a time and matches, part by part, what closes receivables (the
 * invoices' entries, locked by `allocate`, are locked again by `matchMany` — a no-op for a lock
 * held — and each credit is held as just made). More than is open (or recoverable) is `overpaid`.
 */
async function post(
  trx: Trx,
  company: Company,
  agencyId: string,
  settlementId: string,
  header: SettlementHeader,
  userId: string | null,
): Promise<string> {
  const [problem] = await allocate(trx, settlementId, company, true, 1);
  if (problem) throw overpaidError(problem);
  const writer = await VoucherWriter.open(trx, company.id, {
    type: 'settlement',
    date: header.settlementDate,
    description: `Oppgjør ${header.reference}`,
    createdBy: userId,
  });
  await planVoucher(trx, settlementId, company, header, true, async (part) => {
    const stored = await writer.append(part.map((p) => p.line));
    const kept = part.filter((p) => p.line.amount !== 0);
    const pairs: Array<{ debitPostingId: number; creditPostingId: number; amount: Ore }> = [];
    const held = [];
    for (const [i, p] of kept.entries()) {
      if (p.matchDebit === null) continue;
      const credit = stored[i]!;
      pairs.push({ debitPostingId: p.matchDebit, creditPostingId: credit.id, amount: ore(-credit.amount) });
      held.push(newOpenItem({ id: writer.id, type: 'settlement' }, credit));
    }
    if (pairs.length > 0) await matchMany(trx, company.id, pairs, { userId, agencyId, held });
  });
  return writer.finish().id;
}

/**
 * An agency's settlement, of any size: its lines stored in chunks as they come, checked, and posted
 * at once — or, where the company approves settlements by hand, kept as `pending_approval` until it
 * does. Nothing of it is held in memory whole: lines, postings and matches go to the database a
 * chunk at a time. The reference is the idempotency key: the same reference and body answer the
 * same settlement (`replayed`), another body is 409 `settlement_exists`. The reference row is
 * inserted first, so concurrent duplicates wait for the first and then find it.
 */
export async function storeSettlement(
  trx: Trx,
  agencyId: string,
  companyId: string,
  input: SettlementSubmission,
  /** The keys of an object-form statement in the order the request's text had them. */
  statementKeyOrder?: readonly string[] | null,
  /** The settlement's hash when the caller has it already (the body reader computes it as it reads). */
  knownHash?: string,
): Promise<{ settlement: StoredSettlement; replayed: boolean }> {
  // The hash is of the body as sent (an object statement as an object), so a settlement sent before
  // statements became lists is still recognised when it is sent again.
  const hash = knownHash ?? (await settlementHashOf(input));
  const id = randomUUID();
  const claimed = await trx
    .insertInto('settlements')
    .values({
      company_id: companyId,
      id,
      agency_id: agencyId,
      reference: input.reference,
      request_hash: hash,
      settlement_date: input.settlementDate,
      bank_amount: ore(input.bankAmount),
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
      .select(['id', 'request_hash', 'reference', 'status', 'voucher_id'])
      .where('agency_id', '=', agencyId)
      .where('company_id', '=', companyId)
      .where('reference', '=', input.reference)
      .executeTakeFirstOrThrow();
    if (existing.request_hash !== hash)
      throw new AppError('settlement_exists', `settlement ${input.reference} exists already with other content`);
    return {
      settlement: {
        id: existing.id,
        reference: existing.reference,
        status: existing.status,
        voucherId: existing.voucher_id,
      },
      replayed: true,
    };
  }
  // The voucher's date rule, now, also when the settlement waits for approval: a settlement dated
  // after today is refused (and rolls back the reference row), never stored to be posted later.
  assertPostingDate(input.settlementDate);
  const company = await getCompany(trx, companyId);
  const totals = await stageLines(trx, id, input.lines);
  checkBalance(company, input.bankAmount, totals);
  await resolve(trx, id, agencyId, company);
  await sql`insert into settlement_cases (settlement_id, case_id)
    select distinct ${id}::uuid, case_id from settlement_lines where settlement_id = ${id}`.execute(trx);
  if ((await getDunningSettings(trx, companyId)).settlementsNeedApproval) {
    // Refused now what could never be approved: more principal than is open or recoverable.
    const [problem] = await allocate(trx, id, company, false, 1);
    if (problem) throw overpaidError(problem);
    return {
      settlement: { id, reference: input.reference, status: 'pending_approval', voucherId: null },
      replayed: false,
    };
  }
  const voucherId = await post(trx, company, agencyId, id, input, null);
  await trx
    .updateTable('settlements')
    .set({ status: 'posted', voucher_id: voucherId, decided_at: new Date() })
    .where('id', '=', id)
    .execute();
  return { settlement: { id, reference: input.reference, status: 'posted', voucherId }, replayed: false };
}

/** `storeSettlement`, answered with the whole settlement as stored (its lines and voucher read back). */
export async function receiveSettlement(
  trx: Trx,
  agencyId: string,
  companyId: string,
  input: SettlementSubmission,
  statementKeyOrder?: readonly string[] | null,
): Promise<{ settlement: Settlement; replayed: boolean }> {
  const { settlement, replayed } = await storeSettlement(trx, agencyId, companyId, input, statementKeyOrder);
  return { settlement: await getSettlement(trx, companyId, settlement.id), replayed };
}

function headerOf(row: {
  reference: string;
  settlement_date: string;
  bank_amount: Ore;
  statement: StatementLine[] | null;
}): SettlementHeader {
  return {
    reference: row.reference,
    settlementDate: row.settlement_date,
    bankAmount: row.bank_amount,
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
  const header = headerOf(row);
  checkBalance(company, header.bankAmount, await storedTotals(trx, settlementId));
  await resolve(trx, settlementId, row.agency_id, company);
  const voucherId = await post(trx, company, row.agency_id, settlementId, header, userId);
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

/**
 * The voucher a pending settlement would post, as it would be posted now (nothing is written to
 * the books; the lines' working columns are updated in a transaction that is rolled back when the
 * caller's is read-only — see previewSettlement's caller).
 */
export async function previewSettlement(db: Db | Trx, companyId: string, settlementId: string) {
  const row = await db
    .selectFrom('settlements')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', settlementId)
    .executeTakeFirst();
  if (!row) throw notFound('the settlement');
  const company = await getCompany(db, companyId);
  const header = headerOf(row);
  const postings: Array<{ account: number; amount: Ore; description: string; customerId: string | null }> = [];
  // Each said as the refusal approving now would give: its code, reason and figures (the UI words
  // them in its language) beside the English detail.
  const problems: Array<Record<string, unknown> & { code: string; detail: string }> = [];
  const work = async (d: Db | Trx) => {
    checkBalance(company, header.bankAmount, await storedTotals(d, settlementId));
    await resolve(d, settlementId, row.agency_id, company);
    for (const p of await allocate(d, settlementId, company, false, 1000)) {
      const e = overpaidError(p);
      problems.push({ code: e.code, detail: e.detail, ...e.extra });
    }
    await planVoucher(d, settlementId, company, header, false, async (part) => {
      for (const p of part)
        postings.push({
          account: p.line.account,
          amount: p.line.amount,
          description: p.line.description,
          customerId: p.line.customerId,
        });
    });
  };
  // The working columns are written in a transaction of its own that is always rolled back.
  if (isUnitOfWork(db)) await work(db);
  else
    await (db as Db)
      .transaction()
      .execute(async (trx) => {
        await work(trx as unknown as Trx);
        throw new PreviewDone();
      })
      .catch((error: unknown) => {
        if (!(error instanceof PreviewDone)) throw error;
      });
  try {
    assertPostingDate(header.settlementDate);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problems.push({ code: error.code, detail: error.detail, ...error.extra });
  }
  return {
    date: header.settlementDate,
    description: `Oppgjør ${header.reference}`,
    postings,
    problems,
  };
}

class PreviewDone extends Error {}

/** A settlement's lines a page at a time (keyset on the line number), as sent. */
export async function settlementLinesPage(
  db: Db | Trx,
  settlementId: string,
  afterLineNo: number,
  limit: number,
): Promise<Array<SettlementLine & { lineNo: number }>> {
  const rows = await db
    .selectFrom('settlement_lines')
    .select(['line_no', 'case_number', 'invoice_id', 'type', 'amount'])
    .where('settlement_id', '=', settlementId)
    .where('line_no', '>', afterLineNo)
    .orderBy('line_no')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    lineNo: r.line_no,
    caseNumber: r.case_number,
    ...(r.invoice_id ? { invoiceId: r.invoice_id } : {}),
    type: r.type,
    amount: r.amount,
  }));
}

export async function getSettlement(db: Db | Trx, companyId: string, settlementId: string): Promise<Settlement> {
  const row = await db
    .selectFrom('settlements')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', settlementId)
    .executeTakeFirst();
  if (!row) throw notFound('the settlement');
  const lines: SettlementLine[] = [];
  for (let last = -1; ; ) {
    const page = await settlementLinesPage(db, settlementId, last, 5000);
    if (page.length === 0) break;
    last = page.at(-1)!.lineNo;
    for (const { lineNo: _, ...l } of page) lines.push(l);
  }
  let voucher: Settlement['voucher'] = null;
  if (row.voucher_id) {
    const postings: NonNullable<Settlement['voucher']>['postings'] = [];
    for (let last = 0; ; ) {
      const page = await voucherPostingsPage(db, companyId, row.voucher_id, last, 5000);
      if (page.length === 0) break;
      last = page.at(-1)!.lineNo;
      for (const { lineNo: _, ...p } of page) postings.push(p);
    }
    voucher = { id: row.voucher_id, number: (await voucherNumberLabel(db, companyId, row.voucher_id)) ?? '', postings };
  }
  return { ...settlementFromRow(row, lines), voucher };
}

/**
 * A settlement as the agency API answers it (without `id` and `agencyId`), as JSON text a piece at
 * a time: its lines and its voucher's postings are read a page at a time while the answer is sent,
 * so a settlement of 50 000 lines is never held whole. Keys in the order the answer always had.
 */
export async function* agencySettlementJson(
  db: Db | Trx,
  companyId: string,
  settlementId: string,
): AsyncGenerator<string> {
  const row = await db
    .selectFrom('settlements')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', settlementId)
    .executeTakeFirst();
  if (!row) throw notFound('the settlement');
  const { id: _i, agencyId: _a, lines: _l, ...s } = settlementFromRow(row, []);
  const j = JSON.stringify;
  yield `{"reference":${j(s.reference)},"clientId":${j(s.clientId)},"settlementDate":${j(s.settlementDate)},"bankAmount":${j(s.bankAmount)},"lines":[`;
  let first = true;
  for (let last = -1; ; ) {
    const page = await settlementLinesPage(db, settlementId, last, 2000);
    if (page.length === 0) break;
    last = page.at(-1)!.lineNo;
    const text = page.map(({ lineNo: _, ...l }) => j(l)).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  yield `],"statement":${j(s.statement)},"status":${j(s.status)},"voucherId":${j(s.voucherId)},"rejectReason":${j(s.rejectReason)},"createdAt":${j(s.createdAt)},"decidedAt":${j(s.decidedAt)},"voucher":`;
  if (!row.voucher_id) {
    yield 'null}';
    return;
  }
  const number = await voucherNumberLabel(db, companyId, row.voucher_id);
  yield `{"id":${j(row.voucher_id)},"number":${j(number ?? '')},"postings":[`;
  first = true;
  for (let last = 0; ; ) {
    const page = await voucherPostingsPage(db, companyId, row.voucher_id, last, 2000);
    if (page.length === 0) break;
    last = page.at(-1)!.lineNo;
    const text = page.map(({ lineNo: _, ...p }) => j(p)).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  yield ']}}';
}

/** A stored settlement as the API shows it (without its voucher). */
function settlementFromRow(row: Selectable<SettlementsTable>, lines: SettlementLine[]): Omit<Settlement, 'voucher'> {
  return {
    id: row.id,
    reference: row.reference,
    clientId: row.company_id,
    agencyId: row.agency_id,
    settlementDate: row.settlement_date,
    bankAmount: row.bank_amount,
    lines,
    statement: row.statement,
    status: row.status,
    voucherId: row.voucher_id,
    rejectReason: row.reject_reason,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

/** The id of an agency's settlement with this reference (404 when there is none). */
export async function settlementIdByReference(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  reference: string,
): Promise<string> {
  const row = await db
    .selectFrom('settlements')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', companyId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) throw notFound(`settlement ${reference}`);
  return row.id;
}

export async function getSettlementByReference(
  db: Db | Trx,
  agencyId: string,
  companyId: string,
  reference: string,
): Promise<Settlement> {
  return getSettlement(db, companyId, await settlementIdByReference(db, agencyId, companyId, reference));
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
    .selectAll('s')
    .select([sql<string>`s.created_at::text`.as('created_key')])
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
  const names = await agencyNames(
    db,
    rows.map((r) => r.agency_id),
  );
  const lines = new Map<string, SettlementLine[]>();
  if (rows.length > 0) {
    const stored = await db
      .selectFrom('settlement_lines')
      .select(['settlement_id', 'case_number', 'invoice_id', 'type', 'amount'])
      .where(
        'settlement_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('settlement_id')
      .orderBy('line_no')
      .execute();
    for (const l of stored) {
      const list = lines.get(l.settlement_id) ?? [];
      list.push({
        caseNumber: l.case_number,
        ...(l.invoice_id ? { invoiceId: l.invoice_id } : {}),
        type: l.type,
        amount: l.amount,
      });
      lines.set(l.settlement_id, list);
    }
  }
  return {
    data: rows.map((row) => ({
      ...settlementFromRow(row, lines.get(row.id) ?? []),
      agencyName: names.get(row.agency_id) ?? '',
    })),
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
