/**
 * Benchmark 3: the first page (50) of the reminder list for one company with 10k, 100k and 1M
 * invoices (1k, 10k and 100k with --quick), 5 % of them overdue and open; aim: the page at 1M takes
 * at most twice as long as at 10k. Also a page deep in (after the 1 000th overdue invoice), where
 * a size has that many. Each size is a fresh database, seeded, then ANALYZEd as the server does;
 * once all are seeded, they are measured together in rounds (rotating order), so that whatever else
 * the machine is doing weighs on every size alike. Each page is timed through reminderList (the
 * whole call) and its overdue-rows query alone; the query's EXPLAIN ANALYZE goes to latest.json.
 * At the largest size, the first page sorted by `-openAmount` (largest open amount first, on the
 * partial index of migration 0006) is measured too and reported beside the default order's.
 *
 * The invoices are written in bulk by SQL, 10 000 to a transaction (fewer for small sizes, so that
 * progress shows every 10 %): their vouchers (one each: every invoice has its own receivable
 * entry, which the triggers turn into its open item), the postings (Dr 1500, Cr 3000, Cr 2700),
 * then the invoice rows; one manual voucher per transaction pays them (Dr 1920, one Cr 1500 line
 * per paid invoice), matched one to one. Of every 20 invoices: 1 overdue and open (every fifth of
 * those half paid), 3 issued in the last two weeks and not yet due, 16 paid. About one customer
 * per 20 invoices. No invoice lines: the list never reads them.
 *
 * On PGlite (in memory) the 1M step is skipped unless --large (or BENCH_LARGE=1): its tables come
 * to about 3 GB, all held in the Node process, and seeding them takes many minutes.
 */
import { randomBytes } from 'node:crypto';
import { type CompiledQuery, sql } from 'kysely';
import { type DatabaseHandle, type Db, refreshStatistics } from '../src/db/database.js';
import { type ReminderListCursor, reminderList } from '../src/dunning/dunning.service.js';
import { kidForInvoice } from '../src/formats/kid.js';
import { createRandom } from '../src/seed/random.js';
import { addDays } from '../src/shared/dates.js';
import type { Company } from '../src/tenancy/company.js';
import {
  type BenchOptions,
  type BenchResult,
  type BulkInvoices,
  captureQueries,
  explain,
  fillNumberSeries,
  fmt,
  insertBulkCustomers,
  insertInvoicePostings,
  insertInvoiceRows,
  insertInvoiceVouchers,
  insertMatches,
  insertReceiptPostings,
  insertVoucher,
  log,
  median,
  now,
  openBenchDatabase,
  percentile,
  planSummary,
  Progress,
  sizeLabel,
  table,
} from './support.js';
import { makeCompany } from '../test/support/fixtures.js';

const RUNS = 30;
const WARMUP = 10;
const PAGE = 50;
const DEEP_AFTER = 1_000;
const TODAY = '2026-03-01';
/** Invoices per seeding transaction, at most. */
const BATCH = 10_000;
const INVOICES_PER_CUSTOMER = 20;
/** Days before TODAY of the first issue date: the legal rates in migration 0002 start on 2025-01-01. */
const FIRST_ISSUE = 420;

type Category = 'overdue' | 'not yet due' | 'paid';

/** Of every 20 invoices: 1 overdue (5 %), 3 not yet due (15 %), 16 paid (80 %). */
function categoryOf(i: number): Category {
  const r = i % 20;
  return r === 0 ? 'overdue' : r <= 3 ? 'not yet due' : 'paid';
}

interface SizeResult {
  invoices: number;
  label: string;
  counts: {
    customers: number;
    overdue: number;
    notYetDue: number;
    paid: number;
    partlyPaid: number;
    vouchers: number;
    postings: number;
    matches: number;
  };
  seedSeconds: number;
  /** Where the seeding time went, statement by statement (summed over the transactions). */
  seedStepSeconds: Record<string, number>;
  analyzeSeconds: number;
  tableMegabytes: number;
  /** reminderList, the whole call (rates, settings, overdue rows, letters, decisions, matches). */
  listMs: { first: number[]; deep: number[] | null; byAmount: number[] | null };
  /** The overdue-rows query alone, as reminderList sends it. */
  queryMs: { first: number[]; deep: number[] | null; byAmount: number[] | null };
  plans: { first: string[]; deep: string[] | null; byAmount: string[] | null };
}

export async function reminderListBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const large =
    process.argv.includes('--large') || ['1', 'true', 'yes'].includes((process.env.BENCH_LARGE ?? '').toLowerCase());
  const all = options.quick ? [1_000, 10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const skipped = options.backend === 'pglite' && !options.quick && !large ? all.filter((n) => n >= 1_000_000) : [];
  const sizes = all.filter((n) => !skipped.includes(n));
  log(
    `\n[reminder-list] ${sizes.map(sizeLabel).join(', ')} invoices, 5 % overdue and open; page of ${PAGE}, first and after the ${DEEP_AFTER}th; median of ${RUNS}`,
  );
  for (const n of skipped) {
    log(
      `  skipping ${sizeLabel(n)} on PGlite: about 3 GB of tables in this process's memory and many minutes of seeding; run it on PostgreSQL (BENCH_DATABASE_URL=postgres://…) or add --large`,
    );
  }

  // Every size is seeded into a database of its own first; then all are measured in rounds, so
  // that the load on the machine, whatever it is, weighs on every size alike.
  const prepared: Prepared[] = [];
  const results: SizeResult[] = [];
  try {
    for (const n of sizes) prepared.push(await prepareSize(options, n, n === sizes.at(-1)));
    const jobs = prepared.flatMap((p) => p.jobs);
    log(
      `  measuring: ${WARMUP} warm-up rounds, then ${RUNS} rounds of ${jobs.length} (each page of each size through reminderList, and its query alone), in rotating order`,
    );
    for (let i = 0; i < WARMUP; i++) for (const j of jobs) await j.run();
    for (let i = 0; i < RUNS; i++) {
      for (let k = 0; k < jobs.length; k++) {
        const j = jobs[(k + i) % jobs.length]!;
        const t0 = now();
        await j.run();
        j.times.push(now() - t0);
      }
    }
    for (const p of prepared) results.push(await finish(p));
  } finally {
    for (const p of prepared) await p.handle.close();
  }

  // --- report
  const rows = results.map((r) => [
    r.label,
    String(r.counts.overdue),
    `${r.seedSeconds.toFixed(1)} s`,
    fmt(median(r.listMs.first), 'ms'),
    fmt(median(r.queryMs.first), 'ms'),
    r.listMs.deep ? fmt(median(r.listMs.deep), 'ms') : '-',
    r.queryMs.deep ? fmt(median(r.queryMs.deep), 'ms') : '-',
  ]);
  log(
    table(
      ['invoices', 'overdue', 'seeding', 'first page ms', 'its query ms', `after #${DEEP_AFTER} ms`, 'its query ms'],
      rows,
    ),
  );

  const metrics: BenchResult['metrics'] = [];
  for (const r of results) {
    metrics.push({ name: `first page ${r.label}`, value: median(r.listMs.first), unit: 'ms' });
    if (r.listMs.byAmount)
      metrics.push({ name: `first page ${r.label} sort=-openAmount`, value: median(r.listMs.byAmount), unit: 'ms' });
  }
  for (const r of results)
    if (r.listMs.deep)
      metrics.push({ name: `deep page ${r.label} (after #${DEEP_AFTER})`, value: median(r.listMs.deep), unit: 'ms' });
  const smallest = results[0];
  const largest = results.at(-1);
  if (smallest && largest && largest !== smallest) {
    const ratio = median(largest.listMs.first) / median(smallest.listMs.first);
    metrics.push({
      name: `first page ${largest.label} / ${smallest.label}`,
      value: ratio,
      unit: '×',
      aim: '<= 2',
      met: ratio <= 2,
    });
  }
  for (const r of results) metrics.push({ name: `seeding ${r.label}`, value: r.seedSeconds, unit: 's' });
  return {
    name: 'reminder-list',
    title: `Reminder list, first page and a deep page at ${sizes.map(sizeLabel).join(', ')} invoices`,
    seconds: (now() - started) / 1000,
    metrics,
    details: {
      today: TODAY,
      pageSize: PAGE,
      deepAfter: DEEP_AFTER,
      runs: RUNS,
      warmup: WARMUP,
      skipped: skipped.map(sizeLabel),
      sizes: Object.fromEntries(
        results.map((r) => [
          r.label,
          {
            counts: r.counts,
            seedSeconds: r.seedSeconds,
            seedStepSeconds: r.seedStepSeconds,
            analyzeSeconds: r.analyzeSeconds,
            tableMegabytes: r.tableMegabytes,
            medianMs: {
              firstPage: median(r.listMs.first),
              firstQuery: median(r.queryMs.first),
              deepPage: r.listMs.deep ? median(r.listMs.deep) : null,
              deepQuery: r.queryMs.deep ? median(r.queryMs.deep) : null,
              firstPageByAmount: r.listMs.byAmount ? median(r.listMs.byAmount) : null,
              firstQueryByAmount: r.queryMs.byAmount ? median(r.queryMs.byAmount) : null,
            },
            p90Ms: {
              firstPage: percentile(r.listMs.first, 0.9),
              firstQuery: percentile(r.queryMs.first, 0.9),
              deepPage: r.listMs.deep ? percentile(r.listMs.deep, 0.9) : null,
              deepQuery: r.queryMs.deep ? percentile(r.queryMs.deep, 0.9) : null,
              firstPageByAmount: r.listMs.byAmount ? percentile(r.listMs.byAmount, 0.9) : null,
              firstQueryByAmount: r.queryMs.byAmount ? percentile(r.queryMs.byAmount, 0.9) : null,
            },
            plans: r.plans,
          },
        ]),
      ),
    },
  };
}

interface Job {
  times: number[];
  run: () => Promise<unknown>;
}

/** The first page, a page deep in, and (at the largest size) the first page by -openAmount. */
type PageKey = 'first' | 'deep' | 'byAmount';

/** A seeded and analyzed database of one size, with its measurements to make. */
interface Prepared extends Omit<SizeResult, 'plans'> {
  handle: DatabaseHandle;
  jobs: Job[];
  /** The overdue-rows query of each page, as reminderList compiles it, to time it alone and EXPLAIN it. */
  queries: Map<PageKey, CompiledQuery>;
}

async function prepareSize(options: BenchOptions, n: number, byAmount: boolean): Promise<Prepared> {
  const label = sizeLabel(n);
  log(`  ${label} invoices`);
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const company = await makeCompany(db, { name: `Bench Purring ${label} AS` });

    // --- seed
    const seedStart = now();
    const seeded = await seed(db, company, n);
    const seedSeconds = (now() - seedStart) / 1000;
    const analyzeStart = now();
    await refreshStatistics(db); // what the server does after start-up, seeding and every daily-run tick
    const analyzeSeconds = (now() - analyzeStart) / 1000;
    const counts = await countsOf(db, company.id, seeded.partlyPaid);
    const tableMegabytes = await tableMegabytesOf(db);
    log(
      `  ${label}: seeded in ${seedSeconds.toFixed(1)} s (${Math.round(n / seedSeconds)} invoices/s), ANALYZE ${analyzeSeconds.toFixed(1)} s, ${tableMegabytes.toFixed(0)} MB; ` +
        `${counts.customers} customers, ${counts.overdue} overdue and open (${counts.partlyPaid} partly paid), ${counts.notYetDue} not yet due, ${counts.paid} paid; ` +
        `${counts.vouchers} vouchers, ${counts.postings} postings, ${counts.matches} matches`,
    );
    log(
      `  ${label}: seeding time by statement: ${Object.entries(seeded.stepSeconds)
        .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
        .join(', ')}`,
    );

    // --- the pages
    const companyId = company.id;
    let cursor: ReminderListCursor | null = null;
    if (counts.overdue >= DEEP_AFTER + PAGE) {
      cursor = (await reminderList(db, companyId, { today: TODAY, limit: DEEP_AFTER })).next;
      if (!cursor) throw new Error(`no cursor after the ${DEEP_AFTER}th item`);
    } else {
      log(`  ${label}: no page after #${DEEP_AFTER}: only ${counts.overdue} overdue`);
    }
    const pages: Array<{ key: PageKey; after: ReminderListCursor | undefined }> = [{ key: 'first', after: undefined }];
    if (cursor) pages.push({ key: 'deep', after: cursor });
    if (byAmount) pages.push({ key: 'byAmount', after: undefined });
    const list = (d: Db, key: PageKey, after: ReminderListCursor | undefined) =>
      key === 'byAmount'
        ? reminderList(d, companyId, { today: TODAY, limit: PAGE, sort: '-openAmount' })
        : reminderList(d, companyId, { today: TODAY, limit: PAGE, after });

    // Every page must be full, else a short page would flatter a size.
    for (const p of pages) {
      const got = (await list(db, p.key, p.after)).items.length;
      if (got !== PAGE) log(`  WARNING: ${label} ${p.key} page has ${got} items, not ${PAGE}`);
    }
    const queries = new Map<PageKey, CompiledQuery>();
    for (const p of pages) queries.set(p.key, await overdueQueryOf(db, (d) => list(d, p.key, p.after)));

    const listMs = {
      first: [] as number[],
      deep: cursor ? ([] as number[]) : null,
      byAmount: byAmount ? ([] as number[]) : null,
    };
    const queryMs = {
      first: [] as number[],
      deep: cursor ? ([] as number[]) : null,
      byAmount: byAmount ? ([] as number[]) : null,
    };
    const jobs = pages.flatMap((p): Job[] => [
      { times: listMs[p.key]!, run: () => list(db, p.key, p.after) },
      { times: queryMs[p.key]!, run: () => db.executeQuery(queries.get(p.key)!) },
    ]);
    return {
      invoices: n,
      label,
      counts,
      seedSeconds,
      seedStepSeconds: seeded.stepSeconds,
      analyzeSeconds,
      tableMegabytes,
      listMs,
      queryMs,
      handle,
      jobs,
      queries,
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The plans of a measured size, and its result. */
async function finish(p: Prepared): Promise<SizeResult> {
  const { db } = p.handle;
  const first = await explain(db, p.queries.get('first')!);
  const deepQuery = p.queries.get('deep');
  const amountQuery = p.queries.get('byAmount');
  const plans = {
    first,
    deep: deepQuery ? await explain(db, deepQuery) : null,
    byAmount: amountQuery ? await explain(db, amountQuery) : null,
  };
  log(
    `  ${p.label} first page: ${fmt(median(p.listMs.first), 'ms')} ms (its query ${fmt(median(p.queryMs.first), 'ms')} ms); plan: ${planSummary(plans.first)}`,
  );
  if (p.listMs.byAmount && p.queryMs.byAmount && plans.byAmount) {
    log(
      `  ${p.label} first page sort=-openAmount: ${fmt(median(p.listMs.byAmount), 'ms')} ms (its query ${fmt(median(p.queryMs.byAmount), 'ms')} ms); plan: ${planSummary(plans.byAmount)}`,
    );
  }
  if (p.listMs.deep && p.queryMs.deep && plans.deep) {
    log(
      `  ${p.label} after #${DEEP_AFTER}: ${fmt(median(p.listMs.deep), 'ms')} ms (its query ${fmt(median(p.queryMs.deep), 'ms')} ms); plan: ${planSummary(plans.deep)}`,
    );
  }
  return {
    invoices: p.invoices,
    label: p.label,
    counts: p.counts,
    seedSeconds: p.seedSeconds,
    seedStepSeconds: p.seedStepSeconds,
    analyzeSeconds: p.analyzeSeconds,
    tableMegabytes: p.tableMegabytes,
    listMs: p.listMs,
    queryMs: p.queryMs,
    plans,
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding

/**
 * Writes `n` invoices for the company in transactions of up to 10 000, with their customers first.
 * Dates: issued over the 14 months before TODAY (due 14 days later, so before TODAY), except the
 * not-yet-due ones, issued in the last two weeks with 30 days to pay. Deterministic but for ids.
 */
async function seed(
  db: Db,
  company: Company,
  n: number,
): Promise<{ partlyPaid: number; stepSeconds: Record<string, number> }> {
  const companyId = company.id;
  const random = createRandom(n);
  const customerCount = Math.max(1, Math.round(n / INVOICES_PER_CUSTOMER));

  // Customers, in one statement; their ids back in customer-number order.
  const customerIds = await insertBulkCustomers(db, companyId, customerCount, 'Oslo');

  const day = new Map<number, string>();
  const dayOf = (offset: number): string => {
    let d = day.get(offset);
    if (d === undefined) {
      d = addDays(TODAY, offset);
      day.set(offset, d);
    }
    return d;
  };
  const voucherNumbers = new Map<number, number>();
  const nextVoucherNumber = (year: number): number => {
    const v = (voucherNumbers.get(year) ?? 0) + 1;
    voucherNumbers.set(year, v);
    return v;
  };

  const steps = new Map<string, number>();
  const stepsTotal = () => [...steps.values()].reduce((a, b) => a + b, 0);
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = now();
    const value = await run();
    steps.set(name, (steps.get(name) ?? 0) + now() - t0);
    return value;
  };
  const batchSize = Math.min(BATCH, Math.max(1, Math.floor(n / 10)));
  const progress = new Progress(`seeding ${sizeLabel(n)} invoices`, n);
  let partlyPaid = 0;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const inv: BulkInvoices = {
      voucherId: [],
      id: [],
      number: [],
      customerId: [],
      kid: [],
      issue: [],
      due: [],
      net: [],
      vat: [],
      year: [],
      voucherNumber: [],
    };
    const payments: Array<{ index: number; amount: number }> = [];
    let lastDue = dayOf(-FIRST_ISSUE);
    for (let i = start; i < end; i++) {
      const category = categoryOf(i);
      const issueOffset =
        category === 'not yet due' ? -(i % 14) : -FIRST_ISSUE + Math.floor((i * (FIRST_ISSUE - 15)) / n);
      const issue = dayOf(issueOffset);
      const due = dayOf(issueOffset + (category === 'not yet due' ? 30 : 14));
      const customer = random.int(0, customerCount - 1);
      const net = 4 * random.int(2_000, 250_000); // 80 to 10 000 kr before VAT, so VAT is whole øre
      const vat = net / 4;
      const year = Number(issue.slice(0, 4));
      inv.voucherId.push(timeOrderedId());
      inv.id.push(timeOrderedId());
      inv.number.push(i + 1);
      inv.customerId.push(customerIds[customer]!);
      inv.kid.push(kidForInvoice(customer + 1, i + 1, company.kidAlgorithm));
      inv.issue.push(issue);
      inv.due.push(due);
      inv.net.push(net);
      inv.vat.push(vat);
      inv.year.push(year);
      inv.voucherNumber.push(nextVoucherNumber(year));
      const k = i - start;
      if (category === 'paid') {
        payments.push({ index: k, amount: net + vat });
        if (due > lastDue) lastDue = due;
      } else if (category === 'overdue' && i % 100 === 0) {
        payments.push({ index: k, amount: Math.floor((net + vat) / 2) });
        partlyPaid += 1;
      }
    }

    const txStart = now();
    const stepsBefore = stepsTotal();
    await db.transaction().execute(async (trx) => {
      await step('invoice vouchers', () => insertInvoiceVouchers(trx, companyId, inv));
      // The receivable entries come back (the triggers have opened their items by the statement's end).
      const entries = await step('invoice postings', () => insertInvoicePostings(trx, company, inv));
      const entryOf = new Map(entries.map((r) => [r.invoice_id, r.id]));
      const entryIds = inv.id.map((id) => entryOf.get(id)!);
      await step('invoices', () => insertInvoiceRows(trx, companyId, inv, entryIds));

      // One manual voucher pays this batch's paid invoices (and half of every fifth overdue one).
      if (payments.length === 0) return;
      const payDate = dayOf(Math.min(-1, daysFromToday(lastDue) + 3));
      const payYear = Number(payDate.slice(0, 4));
      const payVoucher = timeOrderedId();
      const voucher = {
        id: payVoucher,
        year: payYear,
        number: nextVoucherNumber(payYear),
        type: 'manual' as const,
        date: payDate,
        description: `Innbetalinger ${start + 1}–${end}`,
      };
      await step('payment voucher', () => insertVoucher(trx, companyId, voucher));
      const lines = {
        invoiceId: payments.map((p) => inv.id[p.index]!),
        customerId: payments.map((p) => inv.customerId[p.index]!),
        amount: payments.map((p) => p.amount),
        invoiceNumber: payments.map((p) => inv.number[p.index]!),
      };
      const credits = await step('payment postings', () =>
        insertReceiptPostings(trx, company, payVoucher, lines, {
          bankText: 'Innbetalinger',
          creditPrefix: 'Innbetaling faktura ',
        }),
      );
      const creditOf = new Map(credits.map((r) => [r.invoice_id, r.id]));
      const matches = {
        debit: payments.map((p) => entryIds[p.index]!),
        credit: payments.map((p) => creditOf.get(inv.id[p.index]!)!),
        amount: lines.amount,
      };
      await step('matches', () => insertMatches(trx, companyId, matches));
    });
    // what is left of the transaction: BEGIN, and COMMIT with the balance checks of its vouchers
    steps.set('begin, commit', (steps.get('begin, commit') ?? 0) + (now() - txStart) - (stepsTotal() - stepsBefore));
    progress.update(end);
  }

  // The number series, as if the service had handed the numbers out.
  await fillNumberSeries(db, companyId, n);
  return { partlyPaid, stepSeconds: Object.fromEntries([...steps].map(([k, ms]) => [k, Math.round(ms) / 1000])) };
}

/**
 * A UUIDv7-style id: a 48-bit "timestamp" that grows by one with every id, then random bits. The
 * service's ids are random (gen_random_uuid()); the list never reads vouchers or invoices in id
 * order, and ordered ids keep the seeding of 1M invoices from scattering its writes over every
 * page of the uuid indexes once they outgrow shared_buffers.
 */
let lastIdTime = 0;
function timeOrderedId(): string {
  lastIdTime = Math.max(lastIdTime + 1, Date.now());
  const random = randomBytes(10).toString('hex');
  const time = lastIdTime.toString(16).padStart(12, '0');
  const variant = ((parseInt(random[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(8, 20)}`;
}

function daysFromToday(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${TODAY}T00:00:00Z`)) / 86_400_000);
}

async function countsOf(db: Db, companyId: string, partlyPaid: number): Promise<SizeResult['counts']> {
  const { rows } = await sql<
    Omit<SizeResult['counts'], 'partlyPaid' | 'customers' | 'vouchers' | 'postings' | 'matches'>
  >`
    select count(*) filter (where o.open_amount > 0 and o.due_date < ${TODAY})::int as overdue,
           count(*) filter (where o.open_amount > 0 and o.due_date >= ${TODAY})::int as "notYetDue",
           count(*) filter (where o.open_amount = 0)::int as paid
    from invoices i join open_items o on o.posting_id = i.posting_id where i.company_id = ${companyId}`.execute(db);
  const total = await sql<{ customers: number; vouchers: number; postings: number; matches: number }>`
    select (select count(*) from customers where company_id = ${companyId})::int as customers,
           (select count(*) from vouchers where company_id = ${companyId})::int as vouchers,
           (select count(*) from postings where company_id = ${companyId})::int as postings,
           (select count(*) from matches where company_id = ${companyId})::int as matches`.execute(db);
  return { ...rows[0]!, ...total.rows[0]!, partlyPaid };
}

/** The size of this schema's tables with their indexes. */
async function tableMegabytesOf(db: Db): Promise<number> {
  const { rows } = await sql<{ bytes: number }>`
    select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as bytes
    from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`.execute(db);
  return (rows[0]?.bytes ?? 0) / 1024 / 1024;
}

// ---------------------------------------------------------------------------------------------
// The query and its plan

/** Runs `fn` once against a Kysely that captures its queries, and returns the overdue-rows query. */
async function overdueQueryOf(db: Db, fn: (db: Db) => Promise<unknown>): Promise<CompiledQuery> {
  const compiled = (await captureQueries(db, fn)).find((q) => /from open_items o\b/.test(q.sql));
  if (!compiled) throw new Error('reminderList sent no query on open_items');
  return compiled;
}
