/**
 * Benchmark 5: an agency's settlement of 10 000 principal lines (1 000 with --quick), spread over
 * cases of 100 invoices each (one customer a case; every case also has an interest, a fee, a cost
 * and a VAT line), posted through storeSettlement (in inTransaction: the reference claimed, the
 * lines stored and resolved in chunks, one voucher in parts through VoucherWriter, matchMany per
 * part, the invoice events flushed before commit) against the same rows written by raw SQL in one
 * transaction of three statements (voucher number + voucher + settlement + settlement_cases; every
 * posting; the matches + event_counter + the invoice events), the triggers firing as for the
 * service: the postings open their items, the matches move them, each event's trigger looks up its
 * case number, the voucher's balance is checked at commit. Aim: service rate / raw rate >= 0.5.
 *
 * Each measured settlement runs in a fresh database holding just its own invoices (so none pays
 * for another's rows), in the order service, raw, raw, service after a small warm-up by each. Then one
 * profiled settlement by each (statements and where the time goes), and one raw settlement whose
 * events carry their case numbers (the trigger then looks nothing up: what that lookup costs).
 * Every settlement is checked afterwards: posted, one voucher that balances with the bank amount,
 * every invoice and every settlement entry closed, one match and one event per line.
 *
 * Memory (issue 15: flat in line count): the service's heap while posting 5 000 and 50 000 lines
 * (500 and 5 000 with --quick), each in a fresh database of its own invoices: heapUsed after two
 * forced GCs just before (the baseline), then sampled every 5 ms and at every statement's start and
 * end (no GC meanwhile, so garbage not yet collected counts too); the peak above the baseline.
 * Aim: the peak at the larger size at most 1.5 × the peak at the smaller. GC is global.gc
 * (--expose-gc), or exposed here through v8's flags.
 * PGlite's own memory (its WebAssembly heap) is not heapUsed: see rss and external + arrayBuffers.
 *
 * The invoices are seeded in bulk by SQL, up to 5 000 to a transaction, whole cases at a time:
 * customers, the invoice vouchers and their two postings (the triggers open the receivable
 * entries), the invoices, the cases and their handovers (in_case); then ANALYZE, as the server
 * does after start-up and seeding.
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import { createAgencyWithCredentials } from '../src/agencies/credential.service.js';
import { settlementHash, type SettlementInput, storeSettlement } from '../src/collection/settlement.service.js';
import { type DatabaseHandle, type Db, refreshStatistics } from '../src/db/database.js';
import type { Database } from '../src/db/schema.js';
import { inTransaction } from '../src/db/transaction.js';
import type { Company } from '../src/tenancy/company.js';
import {
  type BenchOptions,
  type BenchResult,
  fmt,
  log,
  median,
  now,
  openBenchDatabase,
  Progress,
  type StatementProfile,
  StatementProfiler,
  sum,
  table,
} from './support.js';
import { makeCompany } from '../test/support/fixtures.js';
import { INVOICES_PER_CASE, seedSet, type SettlementSet, settlementInput } from '../test/support/settlement-seed.js';

/** Heap samples between statements, while the database works (PostgreSQL) or JS runs. */
const SAMPLE_MS = 5;

type Path = 'service' | 'raw';
const PATHS: Path[] = ['service', 'raw'];

interface Run {
  path: Path;
  lines: number;
  ms: number;
  perSecond: number;
  /** CPU time of this process meanwhile (user + system): on PGlite the database's work too, on PostgreSQL only the client's. */
  cpuMs: number;
}

interface MemoryRun {
  lines: number;
  ms: number;
  baseline: number;
  /** heapUsed peak above the baseline (sampled, no GC meanwhile). */
  peakBytes: number;
  /** heapUsed above the baseline after GC once the settlement is done (what it left behind). */
  retainedBytes: number;
  externalPeakBytes: number;
  rssPeakBytes: number;
  samples: number;
}

export async function settlementBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const n = options.quick ? 1_000 : 10_000;
  const warmupLines = options.quick ? 200 : 500;
  // 5 000 and 50 000 lines (the issue's sizes); --quick the same ratio, smaller.
  const memorySizes = options.quick ? [500, 5_000] : [5_000, 50_000];
  const order: Path[] = ['service', 'raw', 'raw', 'service'];
  const gc = gcFunction();
  log(
    `\n[settlement] ${n} principal lines in ${Math.ceil(n / INVOICES_PER_CASE)} cases, service against raw SQL (${order.join(', ')}) after a ${warmupLines}-line warm-up each, ` +
      `each measured one in a fresh database of its own invoices; heap at ${memorySizes.join(', ')} lines${gc ? '' : ' (no GC to force: heap figures include garbage not yet collected)'}`,
  );

  const problems: string[] = [];
  const seedSeconds: Record<string, number> = {};
  /**
   * A fresh database with the invoices of settlements of these sizes; `fn` posts every one of them;
   * then each is checked and the database closed.
   */
  const inWorld = async <T>(key: string, sizes: number[], fn: (w: World) => Promise<T>): Promise<T> => {
    const w = await openWorld(options, key, sizes);
    seedSeconds[key] = w.seedSeconds;
    try {
      const value = await fn(w);
      for (const s of w.settlements) {
        const p = await checkSettlement(w, s);
        for (const x of p) log(`  WARNING: ${key}, ${s.input.reference}: ${x}`);
        problems.push(...p.map((x) => `${key}, ${s.input.reference}: ${x}`));
      }
      return value;
    } finally {
      await w.handle.close();
    }
  };
  /** Wall-clock and CPU milliseconds of one settlement. */
  const timedPost = async (
    path: Path | 'raw-case-given',
    w: World,
    s: Seeded,
    d: Kysely<Database> = w.handle.db,
  ): Promise<{ ms: number; cpuMs: number }> => {
    const t0 = now();
    const cpu0 = process.cpuUsage();
    await postBy(path, d, w, s);
    const cpu = process.cpuUsage(cpu0);
    return { ms: now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };

  // --- warm up, then measure (service, raw, raw, service: drift weighs on both alike)
  await inWorld(
    'warm-up',
    PATHS.map(() => warmupLines),
    async (w) => {
      for (const [i, path] of PATHS.entries()) {
        const { ms } = await timedPost(path, w, w.settlements[i]!);
        log(`  warm-up ${path}: ${warmupLines} lines in ${(ms / 1000).toFixed(2)} s`);
      }
    },
  );
  const runs: Run[] = [];
  for (const [i, path] of order.entries()) {
    const { ms, cpuMs } = await inWorld(`${path} ${i + 1}`, [n], (w) => timedPost(path, w, w.settlements[0]!));
    runs.push({ path, lines: n, ms, perSecond: n / (ms / 1000), cpuMs });
    log(
      `  ${path}: ${n} lines in ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s), ${fmt(n / (ms / 1000), '/s')} lines/s`,
    );
  }
  const rate = (p: Path) => {
    const rs = runs.filter((r) => r.path === p);
    return sum(rs.map((r) => r.lines)) / (sum(rs.map((r) => r.ms)) / 1000);
  };
  const rates = { service: rate('service'), raw: rate('raw') };
  const ratio = rates.service / rates.raw;
  // On PGlite the database works in this process, so CPU time counts all of a settlement's work and
  // hardly any of other processes': the same ratio, steadier on a busy machine (V8's GC threads count too).
  const cpuOf = (p: Path) => sum(runs.filter((r) => r.path === p).map((r) => r.cpuMs));
  const cpuRatio = cpuOf('raw') / cpuOf('service');

  // --- one profiled settlement by each: statements and where the time goes
  const profiles = {} as Record<Path, { ms: number; statements: StatementProfile[] }>;
  let lookup: { handovers: number; plan: string[] } | null = null;
  for (const path of PATHS) {
    profiles[path] = await inWorld(`profiled ${path}`, [n], async (w) => {
      const db = w.handle.db;
      const profiler = new StatementProfiler((node, queryId) => db.getExecutor().compileQuery(node, queryId).sql);
      const { ms } = await timedPost(path, w, w.settlements[0]!, db.withPlugin(profiler));
      if (path === 'raw') lookup = await caseNumberLookup(w);
      return { ms, statements: profiler.report(1) };
    });
    const { ms, statements } = profiles[path];
    const inStatements = sum(statements.map((s) => s.ms));
    log(
      `  ${path}, profiled: ${n} lines in ${(ms / 1000).toFixed(2)} s, ${sum(statements.map((s) => s.count))} statements (BEGIN/COMMIT not counted) taking ${(inStatements / 1000).toFixed(2)} s, ` +
        `the rest ${((ms - inStatements) / 1000).toFixed(2)} s (JS between statements, BEGIN, COMMIT with the voucher's balance check):`,
    );
    log(
      [...statements]
        .sort((a, b) => b.ms - a.ms)
        .map((s) => `    ${s.ms.toFixed(0).padStart(6)} ms  ${s.count === 1 ? '' : `${s.count}× `}${s.label}`)
        .join('\n'),
    );
  }
  // The events' trigger looks up each event's case number (the agency is given, the case number not):
  // the same raw settlement with the case numbers given shows what that lookup costs.
  const caseGivenMs = (
    await inWorld('raw, case numbers given', [n], (w) => timedPost('raw-case-given', w, w.settlements[0]!))
  ).ms;
  const l = lookup as { handovers: number; plan: string[] } | null;
  log(
    `  raw with the events' case numbers given (the trigger looks nothing up): ${n} lines in ${(caseGivenMs / 1000).toFixed(2)} s, ${fmt(n / (caseGivenMs / 1000), '/s')} lines/s` +
      (l
        ? `; the trigger's lookup of one event's case number among ${l.handovers} handovers: ${planSummary(l.plan)}`
        : ''),
  );

  // --- memory: the service's heap at each size, each in a fresh database of its own invoices
  const memory: MemoryRun[] = [];
  for (const m of memorySizes) {
    await inWorld(`heap ${m}`, [m], async (w) => {
      const run = await measureHeap(w.handle.db, gc, false, (d) => postBy('service', d, w, w.settlements[0]!));
      memory.push({ ...run, lines: m });
      log(
        `  heap, ${m} lines: peak +${mb(run.peakBytes)} MB (${Math.round(run.peakBytes / m)} B a line), left after +${mb(run.retainedBytes)} MB; ` +
          `external+arrayBuffers peak +${mb(run.externalPeakBytes)} MB, rss peak +${mb(run.rssPeakBytes)} MB; ${(run.ms / 1000).toFixed(2)} s, ${run.samples} samples`,
      );
    });
  }
  // Flat in line count: the peak at the largest size against the peak at the smallest (10× the lines).
  const growth = memory.at(-1)!.peakBytes / memory[0]!.peakBytes;

  // --- report
  log(
    table(
      ['path', 'lines', 'seconds', 'CPU s', 'lines/s'],
      runs.map((r) => [
        r.path,
        String(r.lines),
        (r.ms / 1000).toFixed(2),
        (r.cpuMs / 1000).toFixed(2),
        fmt(r.perSecond, '/s'),
      ]),
    ),
  );
  log(
    `  service ${fmt(rates.service, '/s')} lines/s, raw ${fmt(rates.raw, '/s')} lines/s: service / raw ${fmt(ratio, '×')}` +
      (options.backend === 'pglite'
        ? `; by CPU time ${fmt(cpuRatio, '×')}`
        : `; client CPU: service ${(cpuOf('service') / 1000).toFixed(2)} s, raw ${(cpuOf('raw') / 1000).toFixed(2)} s`),
  );
  log(
    table(
      ['lines', 'heap peak MB', 'B a line', 'left after MB', 'external peak MB', 'rss peak MB'],
      memory.map((r) => [
        String(r.lines),
        mb(r.peakBytes),
        String(Math.round(r.peakBytes / r.lines)),
        mb(r.retainedBytes),
        mb(r.externalPeakBytes),
        mb(r.rssPeakBytes),
      ]),
    ),
  );
  log(`  heap peak at ${memory.at(-1)!.lines} lines / at ${memory[0]!.lines}: ${fmt(growth, '×')}`);
  if (problems.length > 0) log(`  WARNING: ${problems.length} problem(s) in the checks`);

  const big = memory.at(-1)!.lines;
  const small = memory[0]!.lines;
  const metrics: BenchResult['metrics'] = [
    { name: `service lines/s (${n} lines)`, value: rates.service, unit: '/s' },
    { name: `raw SQL lines/s (${n} lines)`, value: rates.raw, unit: '/s' },
    { name: 'service / raw', value: ratio, unit: '×', aim: '>= 0.5', met: ratio >= 0.5 },
    ...(options.backend === 'pglite' ? [{ name: 'service / raw by CPU time', value: cpuRatio, unit: '×' }] : []),
    { name: `raw SQL lines/s, events' case numbers given`, value: n / (caseGivenMs / 1000), unit: '/s' },
    ...memory.map((r) => ({ name: `heap peak, ${r.lines} lines`, value: r.peakBytes / 1024 / 1024, unit: 'MB' })),
    { name: `heap peak ${big} / ${small} lines`, value: growth, unit: '×', aim: '<= 1.5', met: growth <= 1.5 },
    { name: 'settlement checks not met', value: problems.length, unit: '', aim: '= 0', met: problems.length === 0 },
    {
      name: `seeding ${n} invoices (median)`,
      value: median(order.map((p, i) => seedSeconds[`${p} ${i + 1}`]!)),
      unit: 's',
    },
  ];
  return {
    name: 'settlement',
    title: `A settlement of ${n} principal lines through storeSettlement against raw SQL; heap peak at ${memorySizes.join(', ')} lines`,
    seconds: (now() - started) / 1000,
    metrics,
    details: {
      lines: n,
      invoicesPerCase: INVOICES_PER_CASE,
      extraLinesPerCase: 'interest, fee, cost, vat',
      warmupLines,
      order,
      runs,
      rates,
      cpuRatio,
      profiles,
      rawCaseNumbersGiven: { ms: caseGivenMs, perSecond: n / (caseGivenMs / 1000) },
      caseNumberLookup: l,
      memory,
      gcForced: gc !== null,
      seedSeconds,
      problems,
      rawStatements:
        'BEGIN; (upsert number_series + insert vouchers + insert settlements + insert settlement_cases); insert postings (unnest, joined to invoices); (insert matches + update event_counter + insert invoice_events); COMMIT',
    },
  };
}

/** A fresh database: a company, its agency, and the invoices (in their cases) of one or more settlements. */
interface World {
  handle: DatabaseHandle;
  company: Company;
  agencyId: string;
  settlements: Seeded[];
  seedSeconds: number;
}

/** A settlement's invoices and the settlement that pays them. */
interface Seeded {
  set: SettlementSet;
  input: SettlementInput;
}

async function openWorld(options: BenchOptions, key: string, sizes: number[]): Promise<World> {
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const t0 = now();
    const company = await makeCompany(db, { name: 'Bench Oppgjør AS' });
    const { agency } = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Bench Oppgjør Inkasso AS' }),
    );
    await sql`insert into agency_activations (company_id, agency_id, active, is_default) values (${company.id}, ${agency.id}, true, true)`.execute(
      db,
    );
    const numbers = { invoice: 0, customer: 10_000 };
    const settlements: Seeded[] = [];
    for (const [i, lines] of sizes.entries()) {
      const progress = lines >= 10_000 ? new Progress(`seeding ${lines} invoices`, lines) : null;
      const set = await seedSet(
        db,
        company,
        agency.id,
        `${key.replace(/[^A-Za-z0-9]+/g, '-')}-${i + 1}`,
        lines,
        numbers,
        progress ? (done) => progress.update(done) : null,
      );
      settlements.push({ set, input: settlementInput(set) });
    }
    await refreshStatistics(db); // as the server does after start-up and seeding
    const seedSeconds = (now() - t0) / 1000;
    const total = sum(sizes);
    if (total >= 5_000)
      log(
        `  ${key}: seeded ${total} invoices in ${sum(settlements.map((s) => s.set.cases.length))} cases, ${seedSeconds.toFixed(1)} s`,
      );
    return { handle, company, agencyId: agency.id, settlements, seedSeconds };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function postBy(path: Path | 'raw-case-given', d: Kysely<Database>, w: World, s: Seeded): Promise<void> {
  if (path === 'service') {
    return inTransaction(d as Db, (trx) => storeSettlement(trx, w.agencyId, w.company.id, s.input)).then(
      ({ settlement }) => {
        if (settlement.status !== 'posted') throw new Error(`settlement ${s.input.reference} is ${settlement.status}`);
      },
    );
  }
  return rawSettlement(d, w.company, w.agencyId, s.input, { caseNumbers: path === 'raw-case-given' });
}

/** EXPLAIN ANALYZE of the lookup innfri_event_agency makes for an event that names its agency but not its case number. */
async function caseNumberLookup(w: World): Promise<{ handovers: number; plan: string[] }> {
  const db = w.handle.db;
  const invoiceId = w.settlements[0]!.set.cases[0]!.invoices[0]!.id;
  const handovers = (await sql<{ n: number }>`select count(*)::int as n from handovers`.execute(db)).rows[0]!.n;
  const plan = await sql<Record<string, string>>`
    explain (analyze, costs off)
    select k.case_number from handovers h join cases k on k.id = h.case_id
    where h.invoice_id = ${invoiceId} and h.agency_id = ${w.agencyId} order by h.created_at desc limit 1`.execute(db);
  return { handovers, plan: plan.rows.map((r) => Object.values(r)[0] ?? '') };
}

/** The plan in one line: its scans (with rows thrown away) and the execution time. */
function planSummary(plan: string[]): string {
  const scans: string[] = [];
  for (const [i, line] of plan.entries()) {
    const m =
      /(Seq Scan|Index Scan(?: Backward)?|Index Only Scan(?: Backward)?|Bitmap Heap Scan)(?: using (\w+))? on (\w+)/.exec(
        line,
      );
    if (!m) continue;
    let removed = 0;
    for (let j = i + 1; j < plan.length && !plan[j]!.includes('->'); j++)
      removed += Number(/Rows Removed by Filter: (\d+)/.exec(plan[j]!)?.[1] ?? 0);
    scans.push(
      `${m[1]}${m[2] ? ` using ${m[2]}` : ''} on ${m[3]}${removed ? ` (${removed} rows read and thrown away)` : ''}`,
    );
  }
  const time = plan.find((x) => x.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
  return `${scans.join(', ')}; ${time}`;
}

// ---------------------------------------------------------------------------------------------
// The settlement, its raw-SQL twin, and the check

/**
 * The rows receiveSettlement writes, by hand: the voucher number and voucher, the settlement (as
 * posted) and its cases in one statement; every posting in one (the principal lines resolved
 * against invoices in SQL); the matches, the event positions and the events in one. The events
 * name their agency and leave the case number to the trigger, as the service's do (unless
 * `caseNumbers`: then they carry it, and the trigger has nothing to look up).
 */
async function rawSettlement(
  db: Kysely<Database>,
  company: Company,
  agencyId: string,
  input: SettlementInput,
  options: { caseNumbers: boolean },
): Promise<void> {
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
        insert into settlements (company_id, id, agency_id, reference, request_hash, settlement_date, bank_amount, statement, status, voucher_id, decided_at)
        select ${companyId}, ${settlementId}, ${agencyId}, ${input.reference}, ${settlementHash(input)}, ${input.settlementDate}, ${input.bankAmount},
               ${JSON.stringify(input.statement)}::jsonb, 'posted', v.id, now() from v
        returning id),
      l as (
        insert into settlement_lines (settlement_id, line_no, case_number, invoice_id, type, amount)
        select s.id, u.n::int - 1, u.case_number, u.invoice_id, u.type, u.amount from s,
          unnest(${input.lines.map((l) => l.caseNumber)}::text[], ${input.lines.map((l) => l.invoiceId ?? null)}::uuid[],
                 ${input.lines.map((l) => l.type)}::text[], ${input.lines.map((l) => l.amount)}::bigint[]) with ordinality as u(case_number, invoice_id, type, amount, n))
      insert into settlement_cases (settlement_id, case_id)
      select s.id, k.id from s, cases k
      where k.agency_id = ${agencyId} and k.company_id = ${companyId} and k.case_number = any(${allCases}::text[])`.execute(
      trx,
    );
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
      from unnest(${other.account}::int[], ${other.amount}::bigint[], ${other.description}::text[]) with ordinality as x(account, amount, description, n)`.execute(
      trx,
    );
    await sql`
      with r as (
        select u.n, u.amount, u.case_number, i.id as invoice_id, i.posting_id as debit_id, o.open_amount, p.id as credit_id
        from unnest(${invoiceIds}::uuid[], ${amounts}::bigint[], ${caseNumbers}::text[]) with ordinality as u(invoice_id, amount, case_number, n)
        join invoices i on i.company_id = ${companyId} and i.id = u.invoice_id
        join open_items o on o.posting_id = i.posting_id
        join postings p on p.voucher_id = ${voucherId} and p.line_no = 1 + u.n::int),
      m as (
        insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
        select ${companyId}, r.debit_id, r.credit_id, r.amount from r order by r.n
        returning id, credit_posting_id),
      c as (
        insert into company_event_counters as k (company_id, last_position) values (${companyId}, ${principal.length})
        on conflict (company_id) do update set last_position = k.last_position + ${principal.length}
        returning last_position - ${principal.length} as base)
      insert into invoice_events (company_position, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id, case_number)
      select c.base + r.n, ${companyId}, r.invoice_id, 'invoice.settlement', ${voucherId}, 'settlement', m.id, r.amount, r.open_amount - r.amount, false, false, ${agencyId},
             case when ${options.caseNumbers} then r.case_number end
      from c, r join m on m.credit_posting_id = r.credit_id
      order by r.n`.execute(trx);
  });
}

/** What a posted settlement must have left: each problem as a sentence (none: all well). */
async function checkSettlement(w: World, s: Seeded): Promise<string[]> {
  const { company, agencyId } = w;
  const { set, input } = s;
  const db = w.handle.db;
  const invoiceIds = set.cases.flatMap((c) => c.invoices.map((i) => i.id));
  const { rows } = await sql<{
    status: string | null;
    vouchers: number;
    postings: number;
    balance: number;
    bank: number;
    open_invoices: number;
    open_credits: number;
    matches: number;
    events: number;
    events_with_case: number;
    cases: number;
    counter_ok: boolean;
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
           (select last_position = (select max(company_position) from invoice_events where company_id = ${company.id}) from company_event_counters where company_id = ${company.id}) as counter_ok`.execute(
    db,
  );
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
  if (!r.counter_ok) problems.push("the company's event counter is not its last position");
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

async function measureHeap(
  db: Db,
  gc: (() => void) | null,
  gcEachStatement: boolean,
  fn: (d: Kysely<Database>) => Promise<void>,
): Promise<Omit<MemoryRun, 'lines'>> {
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
