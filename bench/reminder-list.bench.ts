/**
 * Benchmark 3: the first page (50) of the reminder list for one company with 10k, 100k and 1M
 * invoices (1k, 10k and 100k with --quick), 5 % of them overdue and open; aim: the page at 1M takes
 * at most twice as long as at 10k. Also a page deep in (after the 1 000th overdue invoice), where
 * a size has that many. Each size is a fresh database, seeded, then ANALYZEd as the server does;
 * once all are seeded, they are measured together in rounds (rotating order), so that whatever else
 * the machine is doing weighs on every size alike. Each page is timed through reminderList (the
 * whole call) and its overdue-rows query alone; the query's EXPLAIN ANALYZE goes to latest.json.
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
import { CompiledQuery, type KyselyPlugin, type QueryId, type RootOperationNode, sql } from 'kysely';
import { type DatabaseHandle, type Db, refreshStatistics } from '../src/db/database.js';
import { type ReminderListCursor, reminderList } from '../src/dunning/dunning.service.js';
import { kidForInvoice } from '../src/formats/kid.js';
import { createRandom } from '../src/seed/random.js';
import { addDays } from '../src/shared/dates.js';
import type { Company } from '../src/tenancy/company.js';
import { type BenchOptions, type BenchResult, benchCompany, fmt, log, median, now, openBenchDatabase, percentile, Progress, table } from './support.js';

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
  counts: { customers: number; overdue: number; notYetDue: number; paid: number; partlyPaid: number; vouchers: number; postings: number; matches: number };
  seedSeconds: number;
  /** Where the seeding time went, statement by statement (summed over the transactions). */
  seedStepSeconds: Record<string, number>;
  analyzeSeconds: number;
  tableMegabytes: number;
  /** reminderList, the whole call (rates, settings, overdue rows, letters, decisions, matches). */
  listMs: { first: number[]; deep: number[] | null };
  /** The overdue-rows query alone, as reminderList sends it. */
  queryMs: { first: number[]; deep: number[] | null };
  plans: { first: string[]; deep: string[] | null };
}

export async function reminderListBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const large = process.argv.includes('--large') || ['1', 'true', 'yes'].includes((process.env.BENCH_LARGE ?? '').toLowerCase());
  const all = options.quick ? [1_000, 10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const skipped = options.backend === 'pglite' && !options.quick && !large ? all.filter((n) => n >= 1_000_000) : [];
  const sizes = all.filter((n) => !skipped.includes(n));
  log(`\n[reminder-list] ${sizes.map(sizeLabel).join(', ')} invoices, 5 % overdue and open; page of ${PAGE}, first and after the ${DEEP_AFTER}th; median of ${RUNS}`);
  for (const n of skipped) {
    log(`  skipping ${sizeLabel(n)} on PGlite: about 3 GB of tables in this process's memory and many minutes of seeding; run it on PostgreSQL (BENCH_DATABASE_URL=postgres://…) or add --large`);
  }

  // Every size is seeded into a database of its own first; then all are measured in rounds, so
  // that the load on the machine, whatever it is, weighs on every size alike.
  const prepared: Prepared[] = [];
  const results: SizeResult[] = [];
  try {
    for (const n of sizes) prepared.push(await prepareSize(options, n));
    const jobs = prepared.flatMap((p) => p.jobs);
    log(`  measuring: ${WARMUP} warm-up rounds, then ${RUNS} rounds of ${jobs.length} (each page of each size through reminderList, and its query alone), in rotating order`);
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
  log(table(['invoices', 'overdue', 'seeding', 'first page ms', 'its query ms', `after #${DEEP_AFTER} ms`, 'its query ms'], rows));

  const metrics: BenchResult['metrics'] = [];
  for (const r of results) metrics.push({ name: `first page ${r.label}`, value: median(r.listMs.first), unit: 'ms' });
  for (const r of results) if (r.listMs.deep) metrics.push({ name: `deep page ${r.label} (after #${DEEP_AFTER})`, value: median(r.listMs.deep), unit: 'ms' });
  const smallest = results[0];
  const largest = results.at(-1);
  if (smallest && largest && largest !== smallest) {
    const ratio = median(largest.listMs.first) / median(smallest.listMs.first);
    metrics.push({ name: `first page ${largest.label} / ${smallest.label}`, value: ratio, unit: '×', aim: '<= 2', met: ratio <= 2 });
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
            },
            p90Ms: {
              firstPage: percentile(r.listMs.first, 0.9),
              firstQuery: percentile(r.queryMs.first, 0.9),
              deepPage: r.listMs.deep ? percentile(r.listMs.deep, 0.9) : null,
              deepQuery: r.queryMs.deep ? percentile(r.queryMs.deep, 0.9) : null,
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

type PageKey = 'first' | 'deep';

/** A seeded and analyzed database of one size, with its measurements to make. */
interface Prepared extends Omit<SizeResult, 'plans'> {
  handle: DatabaseHandle;
  jobs: Job[];
  /** The overdue-rows query of each page, as reminderList compiles it, to time it alone and EXPLAIN it. */
  queries: Map<PageKey, CompiledQuery>;
}

async function prepareSize(options: BenchOptions, n: number): Promise<Prepared> {
  const label = sizeLabel(n);
  log(`  ${label} invoices`);
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const company = await benchCompany(db, `Bench Purring ${label} AS`);

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
    log(`  ${label}: seeding time by statement: ${Object.entries(seeded.stepSeconds).map(([k, s]) => `${k} ${s.toFixed(1)} s`).join(', ')}`);

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
    const list = (d: Db, after: ReminderListCursor | undefined) => reminderList(d, companyId, { today: TODAY, limit: PAGE, after });

    // Every page must be full, else a short page would flatter a size.
    for (const p of pages) {
      const got = (await list(db, p.after)).items.length;
      if (got !== PAGE) log(`  WARNING: ${label} ${p.key} page has ${got} items, not ${PAGE}`);
    }
    const queries = new Map<PageKey, CompiledQuery>();
    for (const p of pages) queries.set(p.key, await overdueQueryOf(db, (d) => list(d, p.after)));

    const listMs = { first: [] as number[], deep: cursor ? ([] as number[]) : null };
    const queryMs = { first: [] as number[], deep: cursor ? ([] as number[]) : null };
    const jobs = pages.flatMap((p): Job[] => [
      { times: listMs[p.key]!, run: () => list(db, p.after) },
      { times: queryMs[p.key]!, run: () => db.executeQuery(queries.get(p.key)!) },
    ]);
    return { invoices: n, label, counts, seedSeconds, seedStepSeconds: seeded.stepSeconds, analyzeSeconds, tableMegabytes, listMs, queryMs, handle, jobs, queries };
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
  const plans = { first, deep: deepQuery ? await explain(db, deepQuery) : null };
  log(`  ${p.label} first page: ${fmt(median(p.listMs.first), 'ms')} ms (its query ${fmt(median(p.queryMs.first), 'ms')} ms); plan: ${planSummary(plans.first)}`);
  if (p.listMs.deep && p.queryMs.deep && plans.deep) {
    log(`  ${p.label} after #${DEEP_AFTER}: ${fmt(median(p.listMs.deep), 'ms')} ms (its query ${fmt(median(p.queryMs.deep), 'ms')} ms); plan: ${planSummary(plans.deep)}`);
  }
  return {
    invoices: p.invoices, label: p.label, counts: p.counts, seedSeconds: p.seedSeconds, seedStepSeconds: p.seedStepSeconds, analyzeSeconds: p.analyzeSeconds,
    tableMegabytes: p.tableMegabytes, listMs: p.listMs, queryMs: p.queryMs, plans,
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding

/**
 * Writes `n` invoices for the company in transactions of up to 10 000, with their customers first.
 * Dates: issued over the 14 months before TODAY (due 14 days later, so before TODAY), except the
 * not-yet-due ones, issued in the last two weeks with 30 days to pay. Deterministic but for ids.
 */
async function seed(db: Db, company: Company, n: number): Promise<{ partlyPaid: number; stepSeconds: Record<string, number> }> {
  const companyId = company.id;
  const { receivable, bank, outputVat } = company.accounts;
  const sales = company.accounts.salesVat25;
  const random = createRandom(n);
  const customerCount = Math.max(1, Math.round(n / INVOICES_PER_CUSTOMER));

  // Customers, in one statement; their ids back in customer-number order.
  await sql`
    insert into customers (company_id, customer_number, type, name, organization_number, city)
    select ${companyId}::uuid, g, 'company', 'Kunde ' || g || ' AS', null, 'Oslo' from generate_series(1, ${customerCount}::int) g`.execute(db);
  const customerIds = (await sql<{ id: string }>`select id from customers where company_id = ${companyId} order by customer_number`.execute(db)).rows.map((r) => r.id);

  const day = new Map<number, string>();
  const dayOf = (offset: number): string => {
    let d = day.get(offset);
    if (d === undefined) day.set(offset, (d = addDays(TODAY, offset)));
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
    const inv = {
      voucherId: [] as string[], id: [] as string[], number: [] as number[], customerId: [] as string[], kid: [] as string[],
      issue: [] as string[], due: [] as string[], net: [] as number[], vat: [] as number[], year: [] as number[], voucherNumber: [] as number[],
    };
    const payments: Array<{ index: number; amount: number }> = [];
    let lastDue = dayOf(-FIRST_ISSUE);
    for (let i = start; i < end; i++) {
      const category = categoryOf(i);
      const issueOffset = category === 'not yet due' ? -(i % 14) : -FIRST_ISSUE + Math.floor((i * (FIRST_ISSUE - 15)) / n);
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
      await step('invoice vouchers', () => sql`
        insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
        select ${companyId}::uuid, u.voucher_id, u.year, u.number, 'invoice', u.issue, 'Faktura ' || u.invoice_number
        from unnest(${inv.voucherId}::uuid[], ${inv.year}::int[], ${inv.voucherNumber}::int[], ${inv.issue}::date[], ${inv.number}::int[])
          as u(voucher_id, year, number, issue, invoice_number)`.execute(trx));
      // The receivable entries come back (the triggers have opened their items by the statement's end).
      const entries = await step('invoice postings', () => sql<{ id: number; invoice_id: string }>`
        with ins as (
          insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description)
          select ${companyId}::uuid, u.voucher_id, l.line_no, l.account, l.amount, l.customer_id, l.invoice_id, l.due_date, l.description
          from unnest(${inv.voucherId}::uuid[], ${inv.id}::uuid[], ${inv.customerId}::uuid[], ${inv.number}::int[], ${inv.due}::date[], ${inv.net}::bigint[], ${inv.vat}::bigint[])
            as u(voucher_id, invoice_id, customer_id, invoice_number, due, net, vat)
          cross join lateral (values
            (1, ${receivable}::int, u.net + u.vat, u.customer_id, u.invoice_id, u.due, 'Faktura ' || u.invoice_number),
            (2, ${sales}::int, -u.net, null::uuid, null::uuid, null::date, 'Salg 25 % mva'),
            (3, ${outputVat}::int, -u.vat, null::uuid, null::uuid, null::date, 'Utgående mva 25 %')
          ) as l(line_no, account, amount, customer_id, invoice_id, due_date, description)
          returning id, invoice_id)
        select id, invoice_id from ins where invoice_id is not null`.execute(trx));
      const entryOf = new Map(entries.rows.map((r) => [r.invoice_id, r.id]));
      const entryIds = inv.id.map((id) => entryOf.get(id)!);
      await step('invoices', () => sql`
        insert into invoices (company_id, id, invoice_number, customer_id, issue_date, due_date, kid, net_amount, vat_amount, total_amount, vat_breakdown, voucher_id, posting_id)
        select ${companyId}::uuid, u.id, u.invoice_number, u.customer_id, u.issue, u.due, u.kid, u.net, u.vat, u.net + u.vat,
               jsonb_build_array(jsonb_build_object('rate', 25, 'netAmount', u.net, 'vatAmount', u.vat)), u.voucher_id, u.entry_id
        from unnest(${inv.id}::uuid[], ${inv.number}::int[], ${inv.customerId}::uuid[], ${inv.issue}::date[], ${inv.due}::date[], ${inv.kid}::text[],
                    ${inv.net}::bigint[], ${inv.vat}::bigint[], ${inv.voucherId}::uuid[], ${entryIds}::bigint[])
          as u(id, invoice_number, customer_id, issue, due, kid, net, vat, voucher_id, entry_id)`.execute(trx));

      // One manual voucher pays this batch's paid invoices (and half of every fifth overdue one).
      if (payments.length === 0) return;
      const payDate = dayOf(Math.min(-1, daysFromToday(lastDue) + 3));
      const payYear = Number(payDate.slice(0, 4));
      const payVoucher = timeOrderedId();
      const total = payments.reduce((s, p) => s + p.amount, 0);
      await step('payment voucher', () => sql`
        insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
        values (${companyId}, ${payVoucher}, ${payYear}, ${nextVoucherNumber(payYear)}, 'manual', ${payDate}, ${`Innbetalinger ${start + 1}–${end}`})`.execute(trx));
      const credits = await step('payment postings', () => sql<{ id: number; invoice_id: string }>`
        with ins as (
          insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, description)
          select ${companyId}::uuid, ${payVoucher}::uuid, 1, ${bank}::int, ${total}::bigint, null, null, 'Innbetalinger'
          union all
          select ${companyId}::uuid, ${payVoucher}::uuid, 1 + u.ord::int, ${receivable}::int, -u.amount, u.customer_id, u.invoice_id, 'Innbetaling faktura ' || u.invoice_number
          from unnest(${payments.map((p) => inv.id[p.index]!)}::uuid[], ${payments.map((p) => inv.customerId[p.index]!)}::uuid[],
                      ${payments.map((p) => p.amount)}::bigint[], ${payments.map((p) => inv.number[p.index]!)}::int[])
            with ordinality as u(invoice_id, customer_id, amount, invoice_number, ord)
          returning id, invoice_id)
        select id, invoice_id from ins where invoice_id is not null`.execute(trx));
      const creditOf = new Map(credits.rows.map((r) => [r.invoice_id, r.id]));
      await step('matches', () => sql`
        insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
        select ${companyId}::uuid, u.debit, u.credit, u.amount
        from unnest(${payments.map((p) => entryIds[p.index]!)}::bigint[], ${payments.map((p) => creditOf.get(inv.id[p.index]!)!)}::bigint[], ${payments.map((p) => p.amount)}::bigint[])
          as u(debit, credit, amount)`.execute(trx));
    });
    // what is left of the transaction: BEGIN, and COMMIT with the balance checks of its vouchers
    steps.set('begin, commit', (steps.get('begin, commit') ?? 0) + (now() - txStart) - (stepsTotal() - stepsBefore));
    progress.update(end);
  }

  // The number series, as if the service had handed the numbers out.
  await sql`
    insert into number_series (company_id, series, year, last_value)
    select ${companyId}::uuid, 'voucher', fiscal_year, max(number) from vouchers where company_id = ${companyId} group by fiscal_year
    union all
    select ${companyId}::uuid, 'invoice', 0, ${n}::int
    on conflict (company_id, series, year) do update set last_value = greatest(number_series.last_value, excluded.last_value)`.execute(db);
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
  const { rows } = await sql<Omit<SizeResult['counts'], 'partlyPaid' | 'customers' | 'vouchers' | 'postings' | 'matches'>>`
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
  const captured: Array<{ node: RootOperationNode; queryId: QueryId }> = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push({ node: args.node, queryId: args.queryId });
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await fn(db.withPlugin(plugin));
  const compiled = captured.map((c) => db.getExecutor().compileQuery(c.node, c.queryId)).find((q) => /from open_items o\b/.test(q.sql));
  if (!compiled) throw new Error('reminderList sent no query on open_items');
  return compiled;
}

async function explain(db: Db, query: CompiledQuery): Promise<string[]> {
  const result = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]));
  return result.rows.map((r) => Object.values(r)[0] ?? '');
}

/** The plan in one line: its nodes (outermost first, without details) and the execution time. */
function planSummary(plan: string[]): string {
  const nodes = plan
    .filter((l, i) => i === 0 || l.includes('->'))
    .map((l) => l.trim().replace(/^->\s*/, '').replace(/\s+\(cost=.*$/, '').replace(/\s+\(actual .*$/, ''));
  const time = plan.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
  return `${nodes.join(' > ')}; ${time}`;
}

function sizeLabel(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n);
}
