/**
 * Benchmark 5: an agency's settlement of 10 000 principal lines (1 000 with --quick), spread over
 * cases of 100 invoices each (one customer a case; every case also has an interest, a fee, a cost
 * and a VAT line), posted through receiveSettlement (in inTransaction: the reference claimed, the
 * lines resolved, one voucher through postVoucher, matchMany, the invoice events flushed before
 * commit, the settlement read back) against the same rows written by raw SQL in one transaction
 * (three statements: number + voucher + settlement + settlement_cases; the postings; the matches,
 * event_counter and the invoice events), the triggers firing as for the service: the postings
 * open their items, the matches move them, each event looks up its case number, the voucher's
 * balance is checked at commit. Aim: the service's rate at least half the raw rate.
 *
 * Measured service, raw, raw, service (each on invoices of its own), after a small warm-up
 * settlement by each; afterwards one profiled settlement by each (statements and where the time
 * goes), and each checked: posted, one voucher that balances, every invoice closed, one match and
 * one event per line.
 *
 * Memory: the service's heap while posting 1 000, 5 000 and 10 000 lines (100, 500 and 1 000 with
 * --quick): process.memoryUsage().heapUsed after a forced GC before the settlement, sampled every
 * 5 ms and at every statement's start and end; the peak above that baseline per line at each
 * size. Aim: flat, bytes per line at the largest size at most 1.5 × that at the smallest. With GC
 * (global.gc, or exposed here through v8 flags), also the live heap: GC at each statement's start
 * and end, so garbage not yet collected does not count. PGlite's own memory (its WebAssembly heap)
 * is not heapUsed; it shows in rss, reported with external + arrayBuffers in latest.json.
 *
 * The invoices are seeded in bulk by SQL before anything is measured, up to 5 000 to a
 * transaction, whole cases at a time: customers, the invoice vouchers and their two postings (the
 * triggers open the receivable entries), the invoices, the cases and their handovers (in_case).
 * Then ANALYZE, as the server does after start-up and seeding.
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, sql, type UnknownRow } from 'kysely';
import { createAgencyWithCredentials } from '../src/agencies/credential.service.js';
import { receiveSettlement, settlementHash, type SettlementInput } from '../src/collection/settlement.service.js';
import type { SettlementLine } from '../src/collection/settlement.table.js';
import { type Db, refreshStatistics } from '../src/db/database.js';
import type { Database } from '../src/db/schema.js';
import { inTransaction } from '../src/db/transaction.js';
import { kidForInvoice } from '../src/formats/kid.js';
import type { Company } from '../src/tenancy/company.js';
import {
  type BenchOptions, type BenchResult, benchCompany, fmt, log, now, openBenchDatabase, Progress, type StatementProfile, StatementProfiler, sum, table,
} from './support.js';

const INVOICES_PER_CASE = 100;
/** Invoices per seeding transaction, at most (whole cases). */
const SEED_BATCH = 5_000;
const ISSUE_DATE = '2025-10-01';
const DUE_DATE = '2025-10-15';
const SETTLEMENT_DATE = '2026-03-02';
/** Heap samples between statements, while the database works (PostgreSQL) or JS runs. */
const SAMPLE_MS = 5;

type Path = 'service' | 'raw';
const PATHS: Path[] = ['service', 'raw'];

/** One settlement's invoices: seeded up front, posted once. */
interface SettlementSet {
  tag: string;
  cases: Array<{ id: string; number: string; customerId: string; customerNumber: number; invoices: Array<{ id: string; voucherId: string; number: number; total: number }> }>;
  lines: number;
}

interface Run {
  path: Path;
  lines: number;
  ms: number;
  perSecond: number;
}

interface MemoryRun {
  lines: number;
  ms: number;
  baseline: number;
  /** heapUsed peak above the baseline (sampled, no GC meanwhile). */
  peakBytes: number;
  /** heapUsed above the baseline after GC once the settlement is done (what it left behind). */
  retainedBytes: number;
  /** With GC at every statement boundary: the peak of the live heap above the baseline (null: no GC). */
  livePeakBytes: number | null;
  externalPeakBytes: number;
  rssPeakBytes: number;
  samples: number;
}

export async function settlementBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const n = options.quick ? 1_000 : 10_000;
  const warmupLines = options.quick ? 200 : 500;
  const memorySizes = options.quick ? [100, 500, 1_000] : [1_000, 5_000, 10_000];
  const order: Path[] = ['service', 'raw', 'raw', 'service'];
  log(`\n[settlement] ${n} principal lines in ${Math.ceil(n / INVOICES_PER_CASE)} cases, service against raw SQL (${order.join(', ')}), after a ${warmupLines}-line warm-up each; heap at ${memorySizes.join(', ')} lines`);

  const gc = gcFunction();
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const company = await benchCompany(db, 'Bench Oppgjør AS');
    const { agency } = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Bench Oppgjør Inkasso AS' }));
    await sql`insert into agency_activations (company_id, agency_id, active, is_default) values (${company.id}, ${agency.id}, true, true)`.execute(db);

    // --- seed every settlement's invoices up front
    const plan: Array<{ key: string; lines: number }> = [
      { key: 'warmup-service', lines: warmupLines },
      { key: 'warmup-raw', lines: warmupLines },
      ...order.map((p, i) => ({ key: `measure-${i}-${p}`, lines: n })),
      { key: 'profile-service', lines: n },
      { key: 'profile-raw', lines: n },
      ...memorySizes.map((m) => ({ key: `memory-${m}`, lines: m })),
      ...(gc ? memorySizes.map((m) => ({ key: `memory-live-${m}`, lines: m })) : []),
    ];
    const seedStart = now();
    const sets = await seedSets(db, company, agency.id, plan);
    const seedSeconds = (now() - seedStart) / 1000;
    const analyzeStart = now();
    await refreshStatistics(db);
    const analyzeSeconds = (now() - analyzeStart) / 1000;
    log(`  seeded ${sum(plan.map((p) => p.lines))} invoices in ${sum([...sets.values()].map((s) => s.cases.length))} cases in ${seedSeconds.toFixed(1)} s, ANALYZE ${analyzeSeconds.toFixed(1)} s`);

    const post: Record<Path, (d: Kysely<Database>, input: SettlementInput) => Promise<void>> = {
      service: async (d, input) => {
        const { settlement } = await inTransaction(d as Db, (trx) => receiveSettlement(trx, agency.id, company.id, input));
        if (settlement.status !== 'posted') throw new Error(`settlement ${input.reference} is ${settlement.status}`);
      },
      raw: (d, input) => rawSettlement(d, company, agency.id, input),
    };
    const problems: string[] = [];
    const checked = async (path: Path, set: SettlementSet, input: SettlementInput) => {
      const p = await checkSettlement(db, company, agency.id, set, input);
      if (p.length > 0) {
        problems.push(...p.map((x) => `${set.tag} (${path}): ${x}`));
        for (const x of p) log(`  WARNING: ${set.tag} (${path}): ${x}`);
      }
    };

    // --- warm up, then measure
    for (const path of PATHS) {
      const set = sets.get(`warmup-${path}`)!;
      const input = settlementInput(set);
      const t0 = now();
      await post[path](db, input);
      log(`  warm-up ${path}: ${set.lines} lines in ${((now() - t0) / 1000).toFixed(2)} s`);
      await checked(path, set, input);
    }
    const runs: Run[] = [];
    for (const [i, path] of order.entries()) {
      const set = sets.get(`measure-${i}-${path}`)!;
      const input = settlementInput(set);
      const t0 = now();
      await post[path](db, input);
      const ms = now() - t0;
      runs.push({ path, lines: set.lines, ms, perSecond: set.lines / (ms / 1000) });
      log(`  ${path}: ${set.lines} lines in ${(ms / 1000).toFixed(2)} s, ${fmt(set.lines / (ms / 1000), '/s')} lines/s`);
      await checked(path, set, input);
    }
    const rate = (p: Path) => {
      const rs = runs.filter((r) => r.path === p);
      return sum(rs.map((r) => r.lines)) / (sum(rs.map((r) => r.ms)) / 1000);
    };
    const rates = { service: rate('service'), raw: rate('raw') };
    const ratio = rates.service / rates.raw;

    // --- one profiled settlement by each: statements and where the time goes
    const profiles = {} as Record<Path, { ms: number; statements: StatementProfile[] }>;
    for (const path of PATHS) {
      const set = sets.get(`profile-${path}`)!;
      const input = settlementInput(set);
      const profiler = new StatementProfiler((node, queryId) => db.getExecutor().compileQuery(node, queryId).sql);
      const t0 = now();
      await post[path](db.withPlugin(profiler), input);
      const ms = now() - t0;
      profiles[path] = { ms, statements: profiler.report(1) };
      await checked(path, set, input);
      const inStatements = sum(profiles[path].statements.map((s) => s.ms));
      log(`  ${path}, profiled: ${set.lines} lines in ${(ms / 1000).toFixed(2)} s, ${sum(profiles[path].statements.map((s) => s.count))} statements (BEGIN/COMMIT not counted) taking ${(inStatements / 1000).toFixed(2)} s, the rest ${((ms - inStatements) / 1000).toFixed(2)} s (JS, BEGIN/COMMIT and the checks at commit):`);
      log(
        [...profiles[path].statements]
          .sort((a, b) => b.ms - a.ms)
          .map((s) => `    ${s.ms.toFixed(0).padStart(6)} ms  ${s.count === 1 ? '' : `${s.count}× `}${s.label}`)
          .join('\n'),
      );
    }

    // --- memory: the service's heap at each size (and, with GC, the live heap on invoices of their own)
    if (!gc) log('  no GC to force (run with NODE_OPTIONS=--expose-gc): heap figures include garbage not yet collected');
    const memory: MemoryRun[] = [];
    for (const m of memorySizes) {
      const set = sets.get(`memory-${m}`)!;
      const input = settlementInput(set);
      const run = await measureHeap(db, gc, false, (d) => post.service(d, input));
      await checked('service', set, input);
      let livePeakBytes: number | null = null;
      if (gc) {
        const liveSet = sets.get(`memory-live-${m}`)!;
        const liveInput = settlementInput(liveSet);
        livePeakBytes = (await measureHeap(db, gc, true, (d) => post.service(d, liveInput))).peakBytes;
        await checked('service', liveSet, liveInput);
      }
      memory.push({ ...run, lines: m, livePeakBytes });
      log(
        `  heap, ${m} lines: peak +${mb(run.peakBytes)} MB (${Math.round(run.peakBytes / m)} B a line)` +
          (livePeakBytes === null ? '' : `, live peak +${mb(livePeakBytes)} MB (${Math.round(livePeakBytes / m)} B a line)`) +
          `, retained after +${mb(run.retainedBytes)} MB, external+arrayBuffers peak +${mb(run.externalPeakBytes)} MB, rss peak +${mb(run.rssPeakBytes)} MB; ${(run.ms / 1000).toFixed(2)} s, ${run.samples} samples`,
      );
    }
    const perLine = memory.map((r) => r.peakBytes / r.lines);
    const flat = perLine.at(-1)! / perLine[0]!;

    // --- report
    log(
      table(
        ['path', 'lines', 'seconds', 'lines/s'],
        runs.map((r) => [r.path, String(r.lines), (r.ms / 1000).toFixed(2), fmt(r.perSecond, '/s')]),
      ),
    );
    log(`  service ${fmt(rates.service, '/s')} lines/s, raw ${fmt(rates.raw, '/s')} lines/s: service / raw ${fmt(ratio, '×')}`);
    log(
      table(
        ['lines', 'heap peak MB', 'B a line', 'live peak MB', 'live B a line', 'retained MB', 'rss peak MB'],
        memory.map((r) => [
          String(r.lines), mb(r.peakBytes), String(Math.round(r.peakBytes / r.lines)),
          r.livePeakBytes === null ? '' : mb(r.livePeakBytes), r.livePeakBytes === null ? '' : String(Math.round(r.livePeakBytes / r.lines)),
          mb(r.retainedBytes), mb(r.rssPeakBytes),
        ]),
      ),
    );
    const livePerLine = memory.map((r) => (r.livePeakBytes === null ? null : r.livePeakBytes / r.lines));
    const liveFlat = livePerLine[0] && livePerLine.at(-1) ? livePerLine.at(-1)! / livePerLine[0] : null;
    log(`  heap bytes a line at ${memory.at(-1)!.lines} / at ${memory[0]!.lines}: ${fmt(flat, '×')}${liveFlat === null ? '' : `, live heap ${fmt(liveFlat, '×')}`}`);
    if (problems.length > 0) log(`  WARNING: ${problems.length} problem(s) in the checks`);

    const metrics: BenchResult['metrics'] = [
      { name: `service lines/s (${n} lines)`, value: rates.service, unit: '/s' },
      { name: `raw SQL lines/s (${n} lines)`, value: rates.raw, unit: '/s' },
      { name: 'service / raw', value: ratio, unit: '×', aim: '>= 0.5', met: ratio >= 0.5 },
      ...memory.map((r) => ({ name: `heap bytes a line, ${r.lines} lines`, value: Math.round(r.peakBytes / r.lines), unit: 'B' })),
      { name: `heap bytes a line ${memory.at(-1)!.lines} / ${memory[0]!.lines}`, value: flat, unit: '×', aim: '<= 1.5', met: flat <= 1.5 },
      ...memory.flatMap((r) => (r.livePeakBytes === null ? [] : [{ name: `live heap bytes a line, ${r.lines} lines`, value: Math.round(r.livePeakBytes / r.lines), unit: 'B' }])),
      ...(liveFlat === null ? [] : [{ name: `live heap bytes a line ${memory.at(-1)!.lines} / ${memory[0]!.lines}`, value: liveFlat, unit: '×', aim: '<= 1.5', met: liveFlat <= 1.5 }]),
      { name: 'checks failed', value: problems.length, unit: '', aim: '= 0', met: problems.length === 0 },
      { name: 'seeding', value: seedSeconds, unit: 's' },
    ];
    return {
      name: 'settlement',
      title: `A settlement of ${n} principal lines through receiveSettlement against raw SQL; heap per line at ${memorySizes.join(', ')} lines`,
      seconds: (now() - started) / 1000,
      metrics,
      details: {
        lines: n,
        invoicesPerCase: INVOICES_PER_CASE,
        warmupLines,
        order,
        runs,
        rates,
        profiles,
        memory,
        gcForced: gc !== null,
        seedSeconds,
        analyzeSeconds,
        problems,
        rawStatements:
          'BEGIN; (upsert number_series + insert vouchers + insert settlements + insert settlement_cases); insert postings (unnest, joined to invoices); (insert matches + update event_counter + insert invoice_events); COMMIT',
      },
    };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The settlement, its raw-SQL twin, and the check

/** Every invoice of the set paid in full, and per case interest, a fee, the agency's cost and its VAT. */
function settlementInput(set: SettlementSet): SettlementInput {
  const lines: SettlementLine[] = [];
  for (const [k, c] of set.cases.entries()) {
    for (const inv of c.invoices) lines.push({ caseNumber: c.number, invoiceId: inv.id, type: 'principal', amount: inv.total });
    lines.push(
      { caseNumber: c.number, type: 'interest', amount: 1_500 + k },
      { caseNumber: c.number, type: 'fee', amount: 3_500 },
      { caseNumber: c.number, type: 'cost', amount: 10_000 },
      { caseNumber: c.number, type: 'vat', amount: 2_500 },
    );
  }
  const sign: Record<SettlementLine['type'], number> = { principal: 1, interest: 1, fee: 1, cost: -1, vat: -1 };
  const bankAmount = sum(lines.map((l) => sign[l.type] * l.amount));
  return { reference: `S-${set.tag}`, settlementDate: SETTLEMENT_DATE, bankAmount, lines, statement: { bench: true, cases: set.cases.length, lines: lines.length } };
}

/**
 * The rows receiveSettlement writes, by hand: the voucher number and voucher, the settlement (as
 * posted) and its cases in one statement; every posting in one (the principal lines resolved
 * against invoices in SQL); the matches, the event positions and the events in one. The events
 * name their agency and leave the case number to the trigger, as the service's do.
 */
async function rawSettlement(db: Kysely<Database>, company: Company, agencyId: string, input: SettlementInput): Promise<void> {
  const companyId = company.id;
  const a = company.accounts;
  const year = Number(input.settlementDate.slice(0, 4));
  const voucherId = randomUUID();
  const settlementId = randomUUID();
  const text = `Oppgjør ${input.reference}`;
  const principal = input.lines.filter((l) => l.type === 'principal');
  const invoiceIds = principal.map((l) => l.invoiceId!);
  const amounts = principal.map((l) => l.amount);
  const caseNumbers = principal.map((l) => l.caseNumber);
  // One line per type and case for the rest, as buildVoucher makes them (zero amounts left out).
  const perCase = new Map<string, Map<string, number>>();
  for (const l of input.lines) {
    if (l.type === 'principal') continue;
    const m = perCase.get(l.caseNumber) ?? new Map<string, number>();
    m.set(l.type, (m.get(l.type) ?? 0) + l.amount);
    perCase.set(l.caseNumber, m);
  }
  const other = { account: [] as number[], amount: [] as number[], description: [] as string[] };
  for (const [caseNumber, sums] of perCase) {
    for (const [type, account, sign, what] of [
      ['interest', a.interestIncome, -1, 'Renteinntekt'],
      ['fee', a.reminderFeeIncome, -1, 'Gebyrinntekt'],
      ['cost', a.collectionCost, 1, 'Inkassokostnad'],
      ['vat', a.inputVat, 1, 'Inngående mva'],
    ] as const) {
      const amount = sums.get(type) ?? 0;
      if (amount === 0) continue;
      other.account.push(account);
      other.amount.push(sign * amount);
      other.description.push(`${what}, oppgjør ${input.reference}, sak ${caseNumber}`);
    }
  }
  const allCases = [...new Set(input.lines.map((l) => l.caseNumber))];
  await db.transaction().execute(async (trx) => {
    await sql`
      with n as (
        insert into number_series (company_id, series, year, last_value) values (${companyId}, 'voucher', ${year}, 1)
        on conflict (company_id, series, year) do update set last_value = number_series.last_value + 1
        returning last_value),
      v as (
        insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
        select ${companyId}, ${voucherId}, ${year}, n.last_value, 'settlement', ${input.settlementDate}, ${text} from n
        returning id),
      s as (
        insert into settlements (company_id, id, agency_id, reference, request_hash, settlement_date, bank_amount, lines, statement, status, voucher_id, decided_at)
        select ${companyId}, ${settlementId}, ${agencyId}, ${input.reference}, ${settlementHash(input)}, ${input.settlementDate}, ${input.bankAmount},
               ${JSON.stringify(input.lines)}::jsonb, ${JSON.stringify(input.statement)}::jsonb, 'posted', v.id, now() from v
        returning id)
      insert into settlement_cases (settlement_id, case_id)
      select s.id, k.id from s, cases k
      where k.agency_id = ${agencyId} and k.company_id = ${companyId} and k.case_number = any(${allCases}::text[])`.execute(trx);
    await sql`
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, description)
      select ${companyId}::uuid, ${voucherId}::uuid, 1, ${a.bank}::int, ${input.bankAmount}::bigint, null::uuid, ${text}::text
      union all
      select ${companyId}::uuid, ${voucherId}::uuid, 1 + u.n::int, ${a.receivable}::int, -u.amount, i.customer_id,
             ${`${text}, sak `}::text || u.case_number || ', faktura ' || i.invoice_number
      from unnest(${invoiceIds}::uuid[], ${amounts}::bigint[], ${caseNumbers}::text[]) with ordinality as u(invoice_id, amount, case_number, n)
      join invoices i on i.company_id = ${companyId} and i.id = u.invoice_id
      union all
      select ${companyId}::uuid, ${voucherId}::uuid, ${1 + principal.length}::int + x.n::int, x.account, x.amount, null::uuid, x.description
      from unnest(${other.account}::int[], ${other.amount}::bigint[], ${other.description}::text[]) with ordinality as x(account, amount, description, n)`.execute(trx);
    await sql`
      with r as (
        select u.n, u.amount, i.id as invoice_id, i.posting_id as debit_id, o.open_amount, p.id as credit_id
        from unnest(${invoiceIds}::uuid[], ${amounts}::bigint[]) with ordinality as u(invoice_id, amount, n)
        join invoices i on i.company_id = ${companyId} and i.id = u.invoice_id
        join open_items o on o.posting_id = i.posting_id
        join postings p on p.voucher_id = ${voucherId} and p.line_no = 1 + u.n::int),
      m as (
        insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
        select ${companyId}, r.debit_id, r.credit_id, r.amount from r order by r.n
        returning id, credit_posting_id),
      c as (
        update event_counter set last_position = last_position + ${principal.length} where id = 1
        returning last_position - ${principal.length} as base)
      insert into invoice_events (position, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id)
      select c.base + r.n, ${companyId}, r.invoice_id, 'invoice.settlement', ${voucherId}, 'settlement', m.id, r.amount, r.open_amount - r.amount, false, false, ${agencyId}
      from c, r join m on m.credit_posting_id = r.credit_id
      order by r.n`.execute(trx);
  });
}

/** What a posted settlement must have left: each problem as a sentence (none: all well). */
async function checkSettlement(db: Db, company: Company, agencyId: string, set: SettlementSet, input: SettlementInput): Promise<string[]> {
  const invoiceIds = set.cases.flatMap((c) => c.invoices.map((i) => i.id));
  const { rows } = await sql<{
    status: string | null; vouchers: number; postings: number; balance: number; bank: number; open_invoices: number; open_credits: number; matches: number;
    events: number; events_with_case: number; cases: number; counter_ok: boolean;
  }>`
    with s as (select id, status, voucher_id from settlements where company_id = ${company.id} and agency_id = ${agencyId} and reference = ${input.reference})
    select (select status from s) as status,
           (select count(*) from vouchers v where v.id in (select voucher_id from s) and v.type = 'settlement')::int as vouchers,
           (select count(*) from postings p where p.voucher_id = (select voucher_id from s))::int as postings,
           (select coalesce(sum(amount), 0) from postings p where p.voucher_id = (select voucher_id from s))::bigint as balance,
           (select coalesce(sum(amount), 0) from postings p where p.voucher_id = (select voucher_id from s) and p.account = ${company.accounts.bank})::bigint as bank,
           (select count(*) from invoices i join open_items o on o.posting_id = i.posting_id where i.id = any(${invoiceIds}::uuid[]) and o.open_amount <> 0)::int as open_invoices,
           (select count(*) from open_items o join postings p on p.id = o.posting_id where p.voucher_id = (select voucher_id from s) and o.open_amount <> 0)::int as open_credits,
           (select count(*) from matches m join postings p on p.id = m.credit_posting_id where p.voucher_id = (select voucher_id from s))::int as matches,
           (select count(*) from invoice_events e where e.voucher_id = (select voucher_id from s) and e.type = 'invoice.settlement' and e.agency_id = ${agencyId} and e.remaining_amount = 0)::int as events,
           (select count(*) from invoice_events e where e.voucher_id = (select voucher_id from s) and e.case_number is not null)::int as events_with_case,
           (select count(*) from settlement_cases sc where sc.settlement_id = (select id from s))::int as cases,
           (select last_position = (select max(position) from invoice_events) from event_counter) as counter_ok`.execute(db);
  const r = rows[0]!;
  const lines = set.lines;
  const expectedPostings = 1 + lines + 4 * set.cases.length;
  const problems: string[] = [];
  if (r.status !== 'posted') problems.push(`status ${r.status}`);
  if (r.vouchers !== 1) problems.push(`${r.vouchers} settlement vouchers`);
  if (r.postings !== expectedPostings) problems.push(`${r.postings} postings, not ${expectedPostings}`);
  if (r.balance !== 0) problems.push(`the voucher does not balance (${r.balance} øre)`);
  if (r.bank !== input.bankAmount) problems.push(`bank ${r.bank} øre, not ${input.bankAmount}`);
  if (r.open_invoices !== 0) problems.push(`${r.open_invoices} of ${lines} invoices still open`);
  if (r.open_credits !== 0) problems.push(`${r.open_credits} settlement entries still open`);
  if (r.matches !== lines) problems.push(`${r.matches} matches, not ${lines}`);
  if (r.events !== lines) problems.push(`${r.events} settlement events (agency, nothing remaining), not ${lines}`);
  if (r.events_with_case !== lines) problems.push(`${r.events_with_case} events with a case number, not ${lines}`);
  if (r.cases !== set.cases.length) problems.push(`${r.cases} settlement cases, not ${set.cases.length}`);
  if (!r.counter_ok) problems.push('event_counter is not the last position');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Memory

/** global.gc, or exposed now through v8's flags (as --expose-gc would); null if neither works. */
function gcFunction(): (() => void) | null {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    return null;
  }
}

/** Samples the heap at every statement's start and end (optionally after a GC). */
class HeapSampler implements KyselyPlugin {
  peakHeap = 0;
  peakExternal = 0;
  peakRss = 0;
  samples = 0;

  constructor(readonly gcEachStatement: (() => void) | null) {}

  sample(): void {
    const m = process.memoryUsage();
    this.samples += 1;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
    if (m.external + m.arrayBuffers > this.peakExternal) this.peakExternal = m.external + m.arrayBuffers;
    if (m.rss > this.peakRss) this.peakRss = m.rss;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.gcEachStatement?.();
    this.sample();
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.gcEachStatement?.();
    this.sample();
    return args.result;
  }
}

async function measureHeap(db: Db, gc: (() => void) | null, gcEachStatement: boolean, fn: (d: Kysely<Database>) => Promise<void>): Promise<Omit<MemoryRun, 'lines' | 'livePeakBytes'>> {
  const sampler = new HeapSampler(gcEachStatement ? gc : null);
  const d = db.withPlugin(sampler);
  gc?.();
  gc?.();
  const before = process.memoryUsage();
  const baseline = before.heapUsed;
  sampler.peakHeap = baseline;
  sampler.peakExternal = before.external + before.arrayBuffers;
  sampler.peakRss = before.rss;
  const timer = setInterval(() => sampler.sample(), SAMPLE_MS);
  const t0 = now();
  try {
    await fn(d);
  } finally {
    clearInterval(timer);
  }
  const ms = now() - t0;
  sampler.sample();
  gc?.();
  const retained = process.memoryUsage().heapUsed - baseline;
  return {
    ms,
    baseline,
    peakBytes: sampler.peakHeap - baseline,
    retainedBytes: retained,
    externalPeakBytes: sampler.peakExternal - (before.external + before.arrayBuffers),
    rssPeakBytes: sampler.peakRss - before.rss,
    samples: sampler.samples,
  };
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

// ---------------------------------------------------------------------------------------------
// Seeding, in bulk by SQL

/**
 * Each planned settlement's invoices (totals 100–5 100 kr), in cases of INVOICES_PER_CASE, each
 * case one customer's; seeded whole cases at a time, up to SEED_BATCH invoices to a transaction.
 */
async function seedSets(db: Db, company: Company, agencyId: string, plan: Array<{ key: string; lines: number }>): Promise<Map<string, SettlementSet>> {
  const sets = new Map<string, SettlementSet>();
  let invoiceNumber = 0;
  let customerNumber = 10_000;
  for (const p of plan) {
    const set: SettlementSet = { tag: p.key, cases: [], lines: p.lines };
    for (let k = 0; k * INVOICES_PER_CASE < p.lines; k++) {
      const size = Math.min(INVOICES_PER_CASE, p.lines - k * INVOICES_PER_CASE);
      customerNumber += 1;
      set.cases.push({
        id: randomUUID(),
        number: `${p.key}-K${k + 1}`,
        customerId: randomUUID(),
        customerNumber,
        invoices: Array.from({ length: size }, () => {
          invoiceNumber += 1;
          return { id: randomUUID(), voucherId: randomUUID(), number: invoiceNumber, total: 10_000 + ((invoiceNumber * 7919) % 500_000) };
        }),
      });
    }
    sets.set(p.key, set);
  }
  const allCases = [...sets.values()].flatMap((s) => s.cases);
  const progress = new Progress('seeding invoices', invoiceNumber);
  let done = 0;
  for (let i = 0; i < allCases.length; ) {
    const batch: typeof allCases = [];
    let count = 0;
    while (i < allCases.length && (batch.length === 0 || count + allCases[i]!.invoices.length <= SEED_BATCH)) {
      count += allCases[i]!.invoices.length;
      batch.push(allCases[i++]!);
    }
    await seedBatch(db, company, agencyId, batch);
    done += count;
    progress.update(done);
  }
  await sql`
    insert into number_series (company_id, series, year, last_value)
    values (${company.id}, 'voucher', 2025, ${invoiceNumber}), (${company.id}, 'invoice', 0, ${invoiceNumber}), (${company.id}, 'customer', 0, ${customerNumber})
    on conflict (company_id, series, year) do update set last_value = excluded.last_value`.execute(db);
  return sets;
}

async function seedBatch(db: Db, company: Company, agencyId: string, cases: SettlementSet['cases']): Promise<void> {
  const companyId = company.id;
  const { receivable, salesVat0 } = company.accounts;
  const invoices = cases.flatMap((c) => c.invoices.map((inv) => ({ ...inv, c })));
  const inv = {
    id: invoices.map((x) => x.id),
    voucherId: invoices.map((x) => x.voucherId),
    number: invoices.map((x) => x.number),
    total: invoices.map((x) => x.total),
    customerId: invoices.map((x) => x.c.customerId),
    caseId: invoices.map((x) => x.c.id),
    kid: invoices.map((x) => kidForInvoice(x.c.customerNumber, x.number, company.kidAlgorithm)),
  };
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into customers (company_id, id, customer_number, type, name, city)
      select ${companyId}::uuid, u.id, u.number, 'company', 'Skyldner ' || u.number || ' AS', 'Bergen'
      from unnest(${cases.map((c) => c.customerId)}::uuid[], ${cases.map((c) => c.customerNumber)}::int[]) as u(id, number)`.execute(trx);
    await sql`
      insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
      select ${companyId}::uuid, u.id, 2025, u.number, 'invoice', ${ISSUE_DATE}::date, 'Faktura ' || u.number
      from unnest(${inv.voucherId}::uuid[], ${inv.number}::int[]) as u(id, number)`.execute(trx);
    await sql`
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description)
      select ${companyId}::uuid, u.voucher_id, l.line_no, l.account, l.amount, l.customer_id, l.invoice_id, l.due_date, l.description
      from unnest(${inv.voucherId}::uuid[], ${inv.id}::uuid[], ${inv.customerId}::uuid[], ${inv.total}::bigint[], ${inv.number}::int[])
        as u(voucher_id, invoice_id, customer_id, total, number)
      cross join lateral (values
        (1, ${receivable}::int, u.total, u.customer_id, u.invoice_id, ${DUE_DATE}::date, 'Faktura ' || u.number),
        (2, ${salesVat0}::int, -u.total, null::uuid, null::uuid, null::date, 'Salg uten mva')
      ) as l(line_no, account, amount, customer_id, invoice_id, due_date, description)`.execute(trx);
    await sql`
      insert into invoices (company_id, id, invoice_number, customer_id, issue_date, due_date, kid, net_amount, vat_amount, total_amount, vat_breakdown, description, voucher_id, posting_id)
      select ${companyId}::uuid, u.id, u.number, u.customer_id, ${ISSUE_DATE}::date, ${DUE_DATE}::date, u.kid, u.total, 0, u.total,
             jsonb_build_array(jsonb_build_object('rate', 0, 'netAmount', u.total, 'vatAmount', 0)), 'Arbeid', u.voucher_id, p.id
      from unnest(${inv.id}::uuid[], ${inv.number}::int[], ${inv.customerId}::uuid[], ${inv.kid}::text[], ${inv.total}::bigint[], ${inv.voucherId}::uuid[])
        as u(id, number, customer_id, kid, total, voucher_id)
      join postings p on p.voucher_id = u.voucher_id and p.line_no = 1`.execute(trx);
    await sql`
      insert into cases (company_id, id, agency_id, case_number, customer_id, status, state)
      select ${companyId}::uuid, u.id, ${agencyId}::uuid, u.number, u.customer_id, 'registered', 'open'
      from unnest(${cases.map((c) => c.id)}::uuid[], ${cases.map((c) => c.number)}::text[], ${cases.map((c) => c.customerId)}::uuid[]) as u(id, number, customer_id)`.execute(trx);
    await sql`
      insert into handovers (company_id, invoice_id, agency_id, state, approved_at, approval, case_id)
      select ${companyId}::uuid, u.invoice_id, ${agencyId}::uuid, 'in_case', now(), 'operator', u.case_id
      from unnest(${inv.id}::uuid[], ${inv.caseId}::uuid[]) as u(invoice_id, case_id)`.execute(trx);
  });
}
