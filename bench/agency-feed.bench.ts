/**
 * Benchmark 4: the agency event feed, GET /agency/v1/events?limit=1000, paged from the start to
 * the end with `after`: events read per second through a real HTTP server on 127.0.0.1 (fetch, a
 * bearer token from POST /oauth/token), in process (app.request), through agencyEvents (the
 * service, no HTTP) and by raw SQL (the feed's query shape: the same joins, paging by position,
 * 1 000 to a page, rows as the driver gives them: no mapping, no JSON). Aims: HTTP at least half
 * the raw rate; flat, the rate at the largest size at least half that at 10k.
 *
 * Sizes: 10k and 1M events for the agency (10k and 100k with --quick; on PGlite the largest is
 * 100k unless --large: 2M event rows held in this process). Each size is a fresh database with one
 * company that has activated two agencies: a few thousand invoices handed to each (approved; every
 * fifth in a case), each with a payment, then `n` events for each agency written in bulk by SQL
 * (generate_series) with alternating positions, so the measured agency's feed is interleaved with
 * as many events of another agency, as with clients shared between agencies. The events carry
 * their agency and case number as the trigger would set them; positions continue event_counter
 * (set to the last afterwards). Then ANALYZE, as the server does after start-up and seeding.
 *
 * Once all sizes are seeded, they are measured together in steps: in each, every job (size × path)
 * reads its next page, in rotating order, so that whatever else the machine is doing weighs on
 * every size and path alike. Each job of the largest size reads its whole feed once; those of the
 * small size read theirs over and over meanwhile, a page every 4th step (every 2nd with --quick).
 * The rate is events over the time spent in page reads (the empty page that ends a feed included;
 * taking a new access token, every 100 pages, not). EXPLAIN (ANALYZE, BUFFERS) of a page in the
 * middle of each feed goes to latest.json.
 */
import { serve, type ServerType } from '@hono/node-server';
import { type CompiledQuery, sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { createAgencyWithCredentials } from '../src/agencies/credential.service.js';
import { agencyEvents } from '../src/agencies/feed.read-model.js';
import { type DatabaseHandle, type Db, refreshStatistics } from '../src/db/database.js';
import { inTransaction } from '../src/db/transaction.js';
import { kidForInvoice } from '../src/formats/kid.js';
import { createApp } from '../src/app/app.js';
import { DEFAULT_CONFIG } from '../src/server.js';
import type { Company } from '../src/tenancy/company.js';
import {
  type BenchOptions,
  type BenchResult,
  captureQueries,
  explain,
  fmt,
  log,
  now,
  openBenchDatabase,
  planSummary,
  Progress,
  sizeLabel,
  table,
} from './support.js';
import { makeCompany } from '../test/support/fixtures.js';

const LIMIT = 1000;
/** Invoices handed to each of the two agencies. */
const INVOICES_PER_AGENCY = 2_500;
const CUSTOMERS = 250;
/** Events read by every (size, path) before measuring. */
const WARMUP_EVENTS = 5_000;
/** Pages read on one access token before taking a new one. */
const TOKEN_PAGES = 100;
/** Event rows per INSERT while seeding, at most. */
const EVENT_BATCH = 200_000;

type Path = 'http' | 'in-process' | 'service' | 'raw';
const PATHS: Path[] = ['http', 'in-process', 'service', 'raw'];
const PATH_LABEL: Record<Path, string> = {
  http: 'HTTP (server)',
  'in-process': 'HTTP in-process',
  service: 'service',
  raw: 'raw SQL',
};

/** One page: how many events it had and the cursor for the next. */
type PageFn = (after: number) => Promise<{ count: number; next: number }>;

interface Job {
  path: Path;
  /** Ready to read the feed (for HTTP: with a fresh access token, taken before the clock starts). */
  pages: () => Promise<PageFn>;
  /** Takes a page in every `stride`-th step only (the small feed: about as many events as the big one's, spread over the run). */
  stride: number;
  page: PageFn | null;
  /** Pages since `page` was made: HTTP paths take a new token (untimed) every TOKEN_PAGES pages, as tokens live 15 minutes. */
  pagesOnToken: number;
  after: number;
  passEvents: number;
  /** Whole-feed reads finished, and those that did not read exactly the feed's events. */
  passes: number;
  shortPasses: number;
  pagesRead: number;
  events: number;
  ms: number;
}

interface Prepared {
  n: number;
  label: string;
  handle: DatabaseHandle;
  server: ServerType;
  agencyId: string;
  seedSeconds: number;
  seedStepSeconds: Record<string, number>;
  analyzeSeconds: number;
  tableMegabytes: number;
  counts: {
    events: number;
    agencyEvents: number;
    otherAgencyEvents: number;
    invoices: number;
    handovers: number;
    cases: number;
    payments: number;
  };
  jobs: Job[];
  pageQuery: CompiledQuery;
}

interface SizeResult {
  n: number;
  label: string;
  rates: Record<Path, number>;
  msPerPage: Record<Path, number>;
  plan: string[];
}

export async function agencyFeedBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const large =
    process.argv.includes('--large') || ['1', 'true', 'yes'].includes((process.env.BENCH_LARGE ?? '').toLowerCase());
  const biggest = options.quick ? 100_000 : options.backend === 'pglite' && !large ? 100_000 : 1_000_000;
  const sizes = [10_000, biggest];
  /** A small-size job takes a page in every `smallStride`-th step only: it reads 1/smallStride as many events as a large one. */
  const smallStride = options.quick ? 2 : 4;
  log(
    `\n[agency-feed] ${sizes.map(sizeLabel).join(' and ')} events for the agency (as many again for another), ${INVOICES_PER_AGENCY} invoices handed to each; the whole feed, ${LIMIT} to a page, by ${PATHS.length} paths, page by page in turn`,
  );
  if (!options.quick && biggest < 1_000_000)
    log(
      '  1M on PGlite only with --large (2M event rows in this process): 100k instead; run 1M on PostgreSQL (BENCH_DATABASE_URL=postgres://…)',
    );

  const prepared: Prepared[] = [];
  const results: SizeResult[] = [];
  try {
    for (const n of sizes) prepared.push(await prepareSize(options, n, n === biggest ? 1 : smallStride));

    // Measure in steps: in each, every job (size × path) reads its next page, in rotating order, so
    // that whatever else the machine does weighs on every size and path alike. Every job of the
    // largest size reads its whole feed once; the smaller sizes' jobs go round their feeds meanwhile.
    const jobs = prepared.flatMap((p) => p.jobs.map((j) => ({ p, j })));
    log(`  warming up: ${WARMUP_EVENTS} events by every path and size`);
    for (const { j } of jobs) await readFeed(await j.pages(), WARMUP_EVENTS);
    const bigPages = Math.floor(biggest / LIMIT) + 1;
    const progress = new Progress(`measuring (steps of a page by each of ${jobs.length} jobs)`, bigPages);
    for (let step = 0; ; step++) {
      const active = jobs.filter(({ p, j }) => step % j.stride === 0 && !(p.n === biggest && j.passes > 0));
      if (!active.some(({ p }) => p.n === biggest)) break;
      for (let k = 0; k < active.length; k++) {
        const { p, j } = active[(k + step) % active.length]!;
        if (!j.page || j.pagesOnToken >= TOKEN_PAGES) {
          j.page = await j.pages();
          j.pagesOnToken = 0;
        }
        const t0 = now();
        const { count, next } = await j.page(j.after);
        j.ms += now() - t0;
        j.events += count;
        j.pagesRead += 1;
        j.pagesOnToken += 1;
        j.passEvents += count;
        j.after = next;
        if (count < LIMIT) {
          j.passes += 1;
          if (j.passEvents !== p.n) j.shortPasses += 1;
          j.after = 0;
          j.passEvents = 0;
        }
      }
      progress.update(step + 1);
    }
    for (const p of prepared) results.push(await finish(p));
  } finally {
    for (const p of prepared) {
      await new Promise<void>((resolve) => p.server.close(() => resolve()));
      await p.handle.close();
    }
  }

  // --- report
  log(
    table(
      ['events', ...PATHS.map((p) => `${PATH_LABEL[p]} /s`), 'HTTP / raw', 'in-proc / raw'],
      results.map((r) => [
        r.label,
        ...PATHS.map((p) => fmt(r.rates[p], '/s')),
        fmt(r.rates.http / r.rates.raw, '×'),
        fmt(r.rates['in-process'] / r.rates.raw, '×'),
      ]),
    ),
  );
  log(
    table(
      ['events', ...PATHS.map((p) => `${PATH_LABEL[p]} ms/page`)],
      results.map((r) => [r.label, ...PATHS.map((p) => fmt(r.msPerPage[p], 'ms'))]),
    ),
  );

  const metrics: BenchResult['metrics'] = [];
  for (const r of results) {
    for (const path of PATHS)
      metrics.push({ name: `${PATH_LABEL[path]} events/s ${r.label}`, value: r.rates[path], unit: '/s' });
  }
  for (const r of results) {
    const ratio = r.rates.http / r.rates.raw;
    metrics.push({ name: `HTTP / raw ${r.label}`, value: ratio, unit: '×', aim: '>= 0.5', met: ratio >= 0.5 });
    metrics.push({ name: `in-process / raw ${r.label}`, value: r.rates['in-process'] / r.rates.raw, unit: '×' });
  }
  const small = results[0]!;
  const big = results.at(-1)!;
  if (big !== small) {
    for (const path of ['http', 'raw'] as const) {
      const ratio = big.rates[path] / small.rates[path];
      metrics.push({
        name: `${PATH_LABEL[path]} events/s ${big.label} / ${small.label}`,
        value: ratio,
        unit: '×',
        aim: '>= 0.5',
        met: ratio >= 0.5,
      });
    }
  }
  for (const p of prepared) metrics.push({ name: `seeding ${p.label}`, value: p.seedSeconds, unit: 's' });

  return {
    name: 'agency-feed',
    title: `Agency event feed read per second at ${sizes.map(sizeLabel).join(' and ')} events, HTTP against raw SQL`,
    seconds: (now() - started) / 1000,
    metrics,
    details: {
      pageSize: LIMIT,
      smallStride,
      invoicesPerAgency: INVOICES_PER_AGENCY,
      paths: PATH_LABEL,
      rawQuery:
        "the feed's query by hand: invoice_events of the agency after a position, join invoices and agency_activations, left join payments; order by position limit 1000",
      sizes: Object.fromEntries(
        prepared.map((p) => {
          const r = results.find((x) => x.n === p.n)!;
          return [
            p.label,
            {
              counts: p.counts,
              seedSeconds: p.seedSeconds,
              seedStepSeconds: p.seedStepSeconds,
              analyzeSeconds: p.analyzeSeconds,
              tableMegabytes: p.tableMegabytes,
              perPath: Object.fromEntries(
                p.jobs.map((j) => [
                  j.path,
                  {
                    events: j.events,
                    pages: j.pagesRead,
                    wholeFeeds: j.passes,
                    shortFeeds: j.shortPasses,
                    seconds: j.ms / 1000,
                    perSecond: r.rates[j.path],
                    msPerPage: r.msPerPage[j.path],
                  },
                ]),
              ),
              middlePagePlan: r.plan,
            },
          ];
        }),
      ),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One size: seed, analyze, serve, and the four ways to read the feed

async function prepareSize(options: BenchOptions, n: number, stride: number): Promise<Prepared> {
  const label = sizeLabel(n);
  log(`  ${label} events`);
  const handle = await openBenchDatabase(options);
  let server: ServerType | undefined;
  try {
    const { db } = handle;
    const seedStart = now();
    const company = await makeCompany(db, { name: `Bench Feed ${label} AS` });
    const [a, b] = [
      await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: `Bench Inkasso ${label} AS` })),
      await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: `Annet Inkasso ${label} AS` })),
    ];
    await sql`
      insert into agency_activations (company_id, agency_id, active, is_default)
      values (${company.id}, ${a.agency.id}, true, true), (${company.id}, ${b.agency.id}, true, false)`.execute(db);
    const steps: Record<string, number> = {};
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const t0 = now();
      const value = await run();
      steps[name] = Math.round(now() - t0) / 1000 + (steps[name] ?? 0);
      return value;
    };
    const seeded = await step('invoices, handovers, cases, payments', () =>
      seedInvoices(db, company, [a.agency.id, b.agency.id]),
    );
    await step('events', () => seedEvents(db, company.id, seeded, n));
    const seedSeconds = (now() - seedStart) / 1000;
    const analyzeStart = now();
    await refreshStatistics(db); // what the server does after start-up and seeding
    const analyzeSeconds = (now() - analyzeStart) / 1000;
    const counts = await countsOf(db, a.agency.id);
    const tableMegabytes = await tableMegabytesOf(db);
    log(
      `  ${label}: seeded in ${seedSeconds.toFixed(1)} s (${Object.entries(steps)
        .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
        .join(', ')}), ANALYZE ${analyzeSeconds.toFixed(1)} s, ${tableMegabytes.toFixed(0)} MB; ` +
        `${counts.events} events (${counts.agencyEvents} the agency's, ${counts.otherAgencyEvents} the other's), ${counts.invoices} invoices, ${counts.handovers} handovers, ${counts.cases} cases, ${counts.payments} payments`,
    );

    // --- the server: the app as the CLI serves it, with the rate limit out of the way
    const config = { ...DEFAULT_CONFIG, agencyRatePerSecond: 1e9, agencyRateBurst: 1e9 };
    const app = createApp(db, config);
    const started = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve({ server: s, port: info.port }),
      );
      s.once('error', reject);
    });
    server = started.server;
    const base = `http://127.0.0.1:${started.port}`;
    const basic = Buffer.from(`${a.agency.clientId}:${a.clientSecret}`).toString('base64');
    /** A fresh access token (tokens live 15 minutes; each whole-feed read takes a new one, untimed). */
    const token = async (): Promise<string> => {
      const res = await app.request('/oauth/token', {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      if (res.status !== 200) throw new Error(`POST /oauth/token: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const httpPage = (get: (path: string, init: RequestInit) => Promise<Response>, bearer: string): PageFn => {
      const headers = { authorization: `Bearer ${bearer}` };
      return async (after) => {
        const res = await get(`/agency/v1/events?limit=${LIMIT}&after=${after}`, { headers });
        if (res.status !== 200) throw new Error(`GET /agency/v1/events: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { data: unknown[]; nextCursor: string };
        return { count: body.data.length, next: Number(body.nextCursor) };
      };
    };
    const agencyId = a.agency.id;
    const pageFns: Record<Path, () => Promise<PageFn>> = {
      http: async () => httpPage((path, init) => fetchOnceMore(`${base}${path}`, init), await token()),
      'in-process': async () => httpPage((path, init) => Promise.resolve(app.request(path, init)), await token()),
      service: async () => async (after) => {
        const events = await agencyEvents(db, agencyId, { after, limit: LIMIT });
        return { count: events.length, next: events.length > 0 ? Number(events.at(-1)!.id) : after };
      },
      raw: async () => async (after) => {
        const rows = await rawPage(db, agencyId, after);
        return { count: rows.length, next: rows.length > 0 ? rows.at(-1)!.position : after };
      },
    };
    const jobs: Job[] = PATHS.map((path) => ({
      path,
      pages: pageFns[path],
      stride,
      page: null,
      pagesOnToken: 0,
      after: 0,
      passEvents: 0,
      passes: 0,
      shortPasses: 0,
      pagesRead: 0,
      events: 0,
      ms: 0,
    }));
    const middle = await sql<{ position: number }>`
      select position from invoice_events where agency_id = ${agencyId} order by position offset ${Math.floor(n / 2)} limit 1`.execute(
      db,
    );
    const pageQuery = await captureQuery(
      db,
      (d) => agencyEvents(d, agencyId, { after: middle.rows[0]?.position ?? 0, limit: LIMIT }),
      /from invoice_events e\b/,
    );
    return {
      n,
      label,
      handle,
      server,
      agencyId,
      seedSeconds,
      seedStepSeconds: steps,
      analyzeSeconds,
      tableMegabytes,
      counts,
      jobs,
      pageQuery,
    };
  } catch (error) {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await handle.close();
    throw error;
  }
}

async function finish(p: Prepared): Promise<SizeResult> {
  const rates = {} as Record<Path, number>;
  const msPerPage = {} as Record<Path, number>;
  for (const j of p.jobs) {
    rates[j.path] = j.events / (j.ms / 1000);
    msPerPage[j.path] = j.ms / j.pagesRead;
    if (j.passes === 0) log(`  WARNING: ${p.label} ${PATH_LABEL[j.path]} never read the whole feed`);
    if (j.shortPasses > 0)
      log(
        `  WARNING: ${p.label} ${PATH_LABEL[j.path]}: ${j.shortPasses} of ${j.passes} whole-feed reads did not read ${p.n} events`,
      );
  }
  log(
    `  ${p.label}: ${PATHS.map((path) => `${PATH_LABEL[path]} ${fmt(rates[path], '/s')} events/s (${fmt(msPerPage[path], 'ms')} ms a page)`).join(', ')}`,
  );
  const plan = await explain(p.handle.db, p.pageQuery);
  log(`  ${p.label}: a page in the middle of the feed: ${planSummary(plan)}`);
  return { n: p.n, label: p.label, rates, msPerPage, plan };
}

/**
 * fetch, sent again once if the server had closed the kept-alive connection as it went out (its
 * keep-alive timeout is 5 s; a connection may sit idle that long while the other paths run).
 */
async function fetchOnceMore(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return fetch(url, init);
    throw error;
  }
}

/** Pages through the feed from the start until a page is short (or `stopAfter` events are read). */
async function readFeed(page: PageFn, stopAfter: number): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const { count, next } = await page(after);
    total += count;
    after = next;
    if (count < LIMIT || total >= stopAfter) return total;
  }
}

/** The feed's query by hand (the shape of agencyEvents): rows as the driver returns them. */
async function rawPage(db: Db, agencyId: string, after: number) {
  const { rows } = await sql<{
    position: number;
    type: string;
    occurred_at: Date;
    company_id: string;
    invoice_id: string;
    invoice_number: number;
    case_number: string | null;
    voucher_id: string | null;
    voucher_type: string | null;
    amount: number;
    remaining_amount: number;
    kid: string | null;
    is_write_off: boolean;
    is_manual: boolean;
  }>`
    select e.position, e.type, e.occurred_at, e.company_id, e.invoice_id, i.invoice_number, e.case_number,
           e.voucher_id, e.voucher_type, e.amount, e.remaining_amount, p.kid, e.is_write_off, e.is_manual
    from invoice_events e
    join invoices i on i.id = e.invoice_id
    join agency_activations x on x.agency_id = e.agency_id and x.company_id = e.company_id and x.active
    left join payments p on p.voucher_id = e.voucher_id and e.voucher_type = 'payment'
    where e.agency_id = ${agencyId} and e.position > ${after}
    order by e.position
    limit ${LIMIT}`.execute(db);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Seeding, in bulk by SQL

interface AgencyInvoices {
  agencyId: string;
  /** The agency's invoices, and the payment voucher of each (every invoice has one partial payment). */
  invoiceIds: string[];
  paymentVoucherIds: string[];
  totals: number[];
  /** The invoice's case number at the agency, or null (not in a case). */
  caseNumbers: (string | null)[];
}

/**
 * INVOICES_PER_AGENCY invoices for each agency, in one transaction: customers, the invoice
 * vouchers and postings (the triggers open the items), the invoices, a partial payment of each
 * (voucher, postings, payments row), cases for every fifth invoice, and the handovers: approved,
 * or in_case with the case.
 */
async function seedInvoices(db: Db, company: Company, agencies: string[]): Promise<AgencyInvoices[]> {
  const companyId = company.id;
  const { receivable, bank, outputVat } = company.accounts;
  const sales = company.accounts.salesVat25;
  const total = INVOICES_PER_AGENCY * agencies.length;
  const inv = {
    id: [] as string[],
    voucherId: [] as string[],
    payVoucherId: [] as string[],
    number: [] as number[],
    customer: [] as number[],
    kid: [] as string[],
    issue: [] as string[],
    due: [] as string[],
    payDate: [] as string[],
    net: [] as number[],
    vat: [] as number[],
    paid: [] as number[],
    agencyId: [] as string[],
    state: [] as string[],
    caseId: [] as (string | null)[],
    handoverAt: [] as string[],
  };
  const day0 = Date.parse('2025-09-01T00:00:00Z');
  const dateOf = (days: number) => new Date(day0 + days * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < total; i++) {
    const customer = (i % CUSTOMERS) + 1;
    const net = 4 * (2_000 + ((i * 7919) % 250_000));
    inv.id.push(randomUUID());
    inv.voucherId.push(randomUUID());
    inv.payVoucherId.push(randomUUID());
    inv.number.push(i + 1);
    inv.customer.push(customer);
    inv.kid.push(kidForInvoice(customer, i + 1, company.kidAlgorithm));
    inv.issue.push(dateOf(i % 60));
    inv.due.push(dateOf((i % 60) + 14));
    inv.payDate.push(dateOf((i % 60) + 20));
    inv.net.push(net);
    inv.vat.push(net / 4);
    inv.paid.push(Math.floor((net + net / 4) / 3));
    inv.agencyId.push(agencies[i % agencies.length]!);
    const inCase = Math.floor(i / agencies.length) % 5 === 0;
    inv.state.push(inCase ? 'in_case' : 'approved');
    inv.caseId.push(inCase ? randomUUID() : null);
    inv.handoverAt.push(new Date(Date.parse('2025-12-01T00:00:00Z') + i * 1000).toISOString());
  }

  await db.transaction().execute(async (trx) => {
    await sql`
      insert into customers (company_id, customer_number, type, name, city)
      select ${companyId}::uuid, g, 'company', 'Kunde ' || g || ' AS', 'Oslo' from generate_series(1, ${CUSTOMERS}::int) g`.execute(
      trx,
    );
    // Vouchers: the invoices' 1..total, the payments' total+1..2·total (all dated 2025).
    await sql`
      insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
      select ${companyId}::uuid, u.voucher_id, 2025, u.number, 'invoice', u.issue, 'Faktura ' || u.number
      from unnest(${inv.voucherId}::uuid[], ${inv.number}::int[], ${inv.issue}::date[]) as u(voucher_id, number, issue)
      union all
      select ${companyId}::uuid, u.voucher_id, 2025, ${total}::int + u.number, 'payment', u.pay_date, 'Innbetaling faktura ' || u.number
      from unnest(${inv.payVoucherId}::uuid[], ${inv.number}::int[], ${inv.payDate}::date[]) as u(voucher_id, number, pay_date)`.execute(
      trx,
    );
    const entries = await sql<{ id: number; invoice_id: string; line_no: number }>`
      with c as (select id, customer_number from customers where company_id = ${companyId}),
      ins as (
        insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description)
        select ${companyId}::uuid, l.voucher_id, l.line_no, l.account, l.amount, l.customer_id, l.invoice_id, l.due_date, l.description
        from unnest(${inv.voucherId}::uuid[], ${inv.payVoucherId}::uuid[], ${inv.id}::uuid[], ${inv.customer}::int[], ${inv.number}::int[], ${inv.due}::date[],
                    ${inv.net}::bigint[], ${inv.vat}::bigint[], ${inv.paid}::bigint[])
          as u(voucher_id, pay_voucher_id, invoice_id, customer_number, invoice_number, due, net, vat, paid)
        join c on c.customer_number = u.customer_number
        cross join lateral (values
          (u.voucher_id, 1, ${receivable}::int, u.net + u.vat, c.id, u.invoice_id, u.due, 'Faktura ' || u.invoice_number),
          (u.voucher_id, 2, ${sales}::int, -u.net, null::uuid, null::uuid, null::date, 'Salg 25 % mva'),
          (u.voucher_id, 3, ${outputVat}::int, -u.vat, null::uuid, null::uuid, null::date, 'Utgående mva 25 %'),
          (u.pay_voucher_id, 1, ${bank}::int, u.paid, null::uuid, null::uuid, null::date, 'Innbetaling'),
          (u.pay_voucher_id, 2, ${receivable}::int, -u.paid, c.id, u.invoice_id, null::date, 'Innbetaling faktura ' || u.invoice_number)
        ) as l(voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description)
        returning id, invoice_id, line_no, amount)
      select id, invoice_id, line_no from ins where invoice_id is not null`.execute(trx);
    const debitOf = new Map(entries.rows.filter((r) => r.line_no === 1).map((r) => [r.invoice_id, r.id]));
    const creditOf = new Map(entries.rows.filter((r) => r.line_no === 2).map((r) => [r.invoice_id, r.id]));
    await sql`
      with c as (select id, customer_number from customers where company_id = ${companyId})
      insert into invoices (company_id, id, invoice_number, customer_id, issue_date, due_date, kid, net_amount, vat_amount, total_amount, vat_breakdown, voucher_id, posting_id)
      select ${companyId}::uuid, u.id, u.number, c.id, u.issue, u.due, u.kid, u.net, u.vat, u.net + u.vat,
             jsonb_build_array(jsonb_build_object('rate', 25, 'netAmount', u.net, 'vatAmount', u.vat)), u.voucher_id, u.posting_id
      from unnest(${inv.id}::uuid[], ${inv.number}::int[], ${inv.customer}::int[], ${inv.issue}::date[], ${inv.due}::date[], ${inv.kid}::text[],
                  ${inv.net}::bigint[], ${inv.vat}::bigint[], ${inv.voucherId}::uuid[], ${inv.id.map((id) => debitOf.get(id)!)}::bigint[])
        as u(id, number, customer_number, issue, due, kid, net, vat, voucher_id, posting_id)
      join c on c.customer_number = u.customer_number`.execute(trx);
    await sql`
      insert into payments (company_id, customer_id, invoice_id, kid, amount, payment_date, voucher_id, posting_id)
      select ${companyId}::uuid, i.customer_id, i.id, i.kid, u.paid, u.pay_date, u.voucher_id, u.posting_id
      from unnest(${inv.id}::uuid[], ${inv.paid}::bigint[], ${inv.payDate}::date[], ${inv.payVoucherId}::uuid[], ${inv.id.map((id) => creditOf.get(id)!)}::bigint[])
        as u(invoice_id, paid, pay_date, voucher_id, posting_id)
      join invoices i on i.id = u.invoice_id`.execute(trx);
    await sql`
      insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
      select ${companyId}::uuid, u.debit, u.credit, u.paid
      from unnest(${inv.id.map((id) => debitOf.get(id)!)}::bigint[], ${inv.id.map((id) => creditOf.get(id)!)}::bigint[], ${inv.paid}::bigint[]) as u(debit, credit, paid)`.execute(
      trx,
    );
    await sql`
      insert into cases (company_id, id, agency_id, case_number, customer_id, status, state, created_at)
      select ${companyId}::uuid, u.case_id, u.agency_id, 'S-' || i.invoice_number, i.customer_id, 'registered', 'open', u.at::timestamptz + interval '1 hour'
      from unnest(${inv.id}::uuid[], ${inv.caseId}::uuid[], ${inv.agencyId}::uuid[], ${inv.handoverAt}::text[]) as u(invoice_id, case_id, agency_id, at)
      join invoices i on i.id = u.invoice_id
      where u.case_id is not null`.execute(trx);
    await sql`
      insert into handovers (company_id, invoice_id, agency_id, state, created_at, approved_at, approval, case_id)
      select ${companyId}::uuid, u.invoice_id, u.agency_id, u.state, u.at::timestamptz, u.at::timestamptz, 'operator', u.case_id
      from unnest(${inv.id}::uuid[], ${inv.agencyId}::uuid[], ${inv.state}::text[], ${inv.handoverAt}::text[], ${inv.caseId}::uuid[]) as u(invoice_id, agency_id, state, at, case_id)`.execute(
      trx,
    );
    await sql`
      insert into number_series (company_id, series, year, last_value)
      values (${companyId}, 'voucher', 2025, ${2 * total}), (${companyId}, 'invoice', 0, ${total})
      on conflict (company_id, series, year) do update set last_value = excluded.last_value`.execute(trx);
  });

  return agencies.map((agencyId) => {
    const mine = inv.id.map((_, i) => i).filter((i) => inv.agencyId[i] === agencyId);
    return {
      agencyId,
      invoiceIds: mine.map((i) => inv.id[i]!),
      paymentVoucherIds: mine.map((i) => inv.payVoucherId[i]!),
      totals: mine.map((i) => inv.net[i]! + inv.vat[i]!),
      caseNumbers: mine.map((i) => (inv.caseId[i] ? `S-${inv.number[i]}` : null)),
    };
  });
}

/**
 * `n` events for each agency, positions alternating between them, continuing past the counters
 * (set to the last afterwards; the agencies' feed positions have gaps, which a reader does not mind). Of every 10 events (in a page, and of an invoice over time): 6 payments
 * (pointing at the invoice's payment voucher), a credit note, a write-off, a manual match and an
 * `invoice.available`.
 *
 * The rows carry what the trigger innfri_event_agency would give them (the agency, and the case
 * number of an invoice in a case), so the trigger is off while they are written: with the agency
 * given, it looks the case number up per row through handovers by invoice_id, which no index
 * serves (a scan of every handover with a case: minutes for 2M rows).
 */
async function seedEvents(db: Db, companyId: string, agencies: AgencyInvoices[], n: number): Promise<void> {
  const [a, b] = agencies as [AgencyInvoices, AgencyInvoices];
  const rows = 2 * n;
  // Past every position handed out (the company's and both agencies'): the feeds go on from there.
  const base = (
    await sql<{ last: number }>`select greatest(
      (select coalesce(max(last_position), 0) from company_event_counters),
      (select coalesce(max(last_position), 0) from agency_event_counters))::bigint as last`.execute(db)
  ).rows[0]!.last;
  const batch = Math.min(EVENT_BATCH, Math.max(1, Math.floor(rows / 10)));
  const progress = new Progress(`seeding ${rows} events`, rows);
  await sql`alter table invoice_events disable trigger invoice_events_agency`.execute(db);
  try {
    for (let from = 1; from <= rows; from += batch) {
      const to = Math.min(rows, from + batch - 1);
      await sql`
        insert into invoice_events (company_position, feed_position, company_id, invoice_id, type, occurred_at, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id, case_number)
        select ${base}::bigint + g, ${base}::bigint + g, ${companyId}::uuid, s.invoice_id,
               case t.kind when 'payment' then 'invoice.payment' when 'credit_note' then 'invoice.credit_note' when 'write_off' then 'invoice.write_off'
                           when 'manual' then 'invoice.manual_match' else 'invoice.available' end,
               timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
               case t.kind when 'payment' then s.pay_voucher when 'available' then null else md5(g::text)::uuid end,
               case t.kind when 'available' then null else t.kind end,
               null, case t.kind when 'available' then s.total else 100 + (g * 7919) % greatest(s.total / 10, 1) end,
               (s.total * (10 - t.r)) / 10, t.kind = 'write_off', t.kind = 'manual', s.agency_id, s.case_number
        from generate_series(${from}::bigint, ${to}::bigint) g
        cross join lateral (select g % 2 = 0 as mine, (g - 1) / 2 as k) m
        cross join lateral (
          select case when m.mine then ${a.agencyId}::uuid else ${b.agencyId}::uuid end as agency_id,
                 case when m.mine then (${a.invoiceIds}::uuid[])[1 + m.k % ${a.invoiceIds.length}] else (${b.invoiceIds}::uuid[])[1 + m.k % ${b.invoiceIds.length}] end as invoice_id,
                 case when m.mine then (${a.paymentVoucherIds}::uuid[])[1 + m.k % ${a.invoiceIds.length}] else (${b.paymentVoucherIds}::uuid[])[1 + m.k % ${b.invoiceIds.length}] end as pay_voucher,
                 case when m.mine then (${a.totals}::bigint[])[1 + m.k % ${a.invoiceIds.length}] else (${b.totals}::bigint[])[1 + m.k % ${b.invoiceIds.length}] end as total,
                 case when m.mine then (${a.caseNumbers}::text[])[1 + m.k % ${a.invoiceIds.length}] else (${b.caseNumbers}::text[])[1 + m.k % ${b.invoiceIds.length}] end as case_number
        ) s
        cross join lateral (select r, case when r < 6 then 'payment' when r = 6 then 'credit_note' when r = 7 then 'write_off' when r = 8 then 'manual' else 'available' end as kind
                            from (select ((7 * m.k + m.k / ${a.invoiceIds.length}) % 10)::int as r) q) t`.execute(db);
      progress.update(to);
    }
  } finally {
    await sql`alter table invoice_events enable trigger invoice_events_agency`.execute(db);
  }
  await sql`
    insert into company_event_counters as k (company_id, last_position)
    select company_id, max(company_position) from invoice_events where company_id = ${companyId} group by company_id
    on conflict (company_id) do update set last_position = excluded.last_position`.execute(db);
  await sql`
    insert into agency_event_counters as k (agency_id, last_position)
    select agency_id, max(feed_position) from invoice_events where agency_id is not null group by agency_id
    on conflict (agency_id) do update set last_position = excluded.last_position`.execute(db);
}

async function countsOf(db: Db, agencyId: string): Promise<Prepared['counts']> {
  const { rows } = await sql<Prepared['counts']>`
    select (select count(*) from invoice_events)::int as events,
           (select count(*) from invoice_events where agency_id = ${agencyId})::int as "agencyEvents",
           (select count(*) from invoice_events where agency_id <> ${agencyId})::int as "otherAgencyEvents",
           (select count(*) from invoices)::int as invoices,
           (select count(*) from handovers)::int as handovers,
           (select count(*) from cases)::int as cases,
           (select count(*) from payments)::int as payments`.execute(db);
  return rows[0]!;
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

/** Runs `fn` once against a Kysely that captures its queries, and returns the first matching `pattern`. */
async function captureQuery(db: Db, fn: (db: Db) => Promise<unknown>, pattern: RegExp): Promise<CompiledQuery> {
  const compiled = (await captureQueries(db, fn)).find((q) => pattern.test(q.sql));
  if (!compiled) throw new Error(`no query matched ${pattern}`);
  return compiled;
}
