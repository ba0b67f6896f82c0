/**
 * Benchmark 6: the web UI. Its bundle, and the first load of Oversikt (the overview) in Chromium.
 *
 * Bundle: the UI built as `npm run build:web` builds it (production React), into a temp folder. JS
 * and CSS bytes raw, gzip (node:zlib, level 9) and brotli (quality 11), for the entry (what
 * index.html names: its script, stylesheets and modulepreloads, which every first load fetches)
 * and for every asset (with the lazy screens). Aim: the entry's JS + CSS at most 150 kB gzip.
 * The server sends them uncompressed (src/app/app.ts has no compression): gzip and brotli are what
 * a compressing proxy in front of it would send; the browser figures below are the raw bytes.
 *
 * First load: a company with 200 and 2 000 invoices (1 000 and 20 000 without --quick), each in a
 * fresh database of its own (PGlite in memory, or a schema on BENCH_DATABASE_URL) behind a server
 * in this process (the app of src/app/app.ts on a free port, the build above as its UI). One user
 * signs in once per server through the sign-in form; every load is then a new browser context with
 * that storage state (the session cookie), so its HTTP cache is empty and it fetches index.html,
 * the bundle and the API calls anew, on a new connection, as a first visit after sign-in does.
 * A load is timed from navigation start to the overview's two charts (`svg.chart-aged` and
 * `svg.chart-recovered`, rendered only once the overview's data is in) being in the DOM, at the
 * next animation frame (a mark set by an init script, read from the Performance API); with it the
 * navigation's domContentLoaded, the PerformanceResourceTiming of `GET …/overview` and the bytes
 * transferred. One unmeasured load per size first, then the loads in rounds of both sizes in turn.
 * Median and p95 per size; aim: the large company's first load at most 1.5 × the small one's.
 * `GET /overview` alone (Node's fetch with the session cookie, median of many), companyOverview
 * called directly, and each of its statements alone (their EXPLAIN ANALYZE in latest.json) tell how
 * much of that ratio is the server's, and where its time goes.
 *
 * The companies are seeded in bulk by SQL, shaped like the demo company (src/seed/demo.ts, which
 * goes through the services at about 60 invoices a second: too slow for 20 000): invoices over
 * the last six months, 14 or 30 days to pay, about 55 % paid and 10 % partly paid when the payment
 * date has come, the rest open; of the invoices over 75 days past due, some handed to an agency
 * (drafts, approved, in open cases, in archived cases), and what the agency recovered on them posted
 * as one settlement voucher a month (Dr bank, Cr receivable, matched), so both charts have bars.
 *
 * Chromium missing (Debian's, /usr/bin/chromium): the browser part is skipped with a loud line
 * (the bundle and the server's figures are still measured); with CI set, the run fails instead,
 * as the browser tests do.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { type CompiledQuery, sql } from 'kysely';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { createAgency, setAgencyActivation } from '../src/agencies/agency.service.js';
import { companyOverview } from '../src/collection/overview.read-model.js';
import { type DatabaseHandle, type Db, refreshStatistics } from '../src/db/database.js';
import { inTransaction } from '../src/db/transaction.js';
import { kidForInvoice } from '../src/formats/kid.js';
import { createApp } from '../src/app/app.js';
import { createRandom } from '../src/seed/random.js';
import { DEFAULT_CONFIG } from '../src/server.js';
import { addDays } from '../src/shared/dates.js';
import type { Company } from '../src/tenancy/company.js';
import { buildWebUi, CHROMIUM, CHROMIUM_ARGS, hasChromium, inCi } from '../test/browser/harness.js';
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
  statementLabel,
  table,
} from './support.js';
import { makeCompany, makeUser } from '../test/support/fixtures.js';

const TODAY = '2026-11-20';
const EMAIL = 'regnskap@bench.innfri.no';
const PASSWORD = 'bench horse battery staple';
/** The entry's JS + CSS, gzip, in bytes (kB = 1 000 bytes, as Vite prints them). */
const ENTRY_GZIP_BUDGET = 150_000;
const GZIP_LEVEL = 9;
const BROTLI_QUALITY = 11;
/** Both charts are rendered in the same commit, once the overview's data is in. */
const CHARTS = '.overview-grid svg.chart-aged';
const RECOVERED = '.overview-grid svg.chart-recovered';
const READY_MARK = 'innfri-overview-ready';
const LOAD_TIMEOUT_MS = 30_000;
/** Invoices per seeding transaction, at most. */
const BATCH = 5_000;
const INVOICES_PER_CUSTOMER = 8;
/** Of the invoices over 75 days past due and still open, by invoice number modulo 9. */
const HANDOVER_BY_REMAINDER: Record<number, 'draft' | 'approved' | 'open case' | 'archived case'> = {
  0: 'draft',
  1: 'approved',
  2: 'open case',
  3: 'open case',
  4: 'archived case',
};

// ---------------------------------------------------------------------------------------------
// The bench

interface Bytes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

interface BundleReport {
  entryFiles: string[];
  entryJs: Bytes;
  entryCss: Bytes;
  allJs: Bytes;
  allCss: Bytes;
  indexHtml: Bytes;
  byFile: Record<string, Omit<Bytes, 'files'> & { entry: boolean }>;
  compressSeconds: number;
}

interface Load {
  /** From navigation start to the charts in the DOM, at the next animation frame (in the page). */
  readyMs: number;
  /** From page.goto to the ready mark seen from here (the page's clock plus the DevTools round trips). */
  wallMs: number;
  domContentLoadedMs: number;
  firstContentfulPaintMs: number | null;
  /** The overview request: its whole duration, and request start to the first byte of the answer. */
  overviewMs: number;
  overviewWaitMs: number;
  overviewStartMs: number;
  transferBytes: number;
  jsBytes: number;
  /** Loads that got a script from the HTTP cache (transferSize 0): should be none. */
  cachedScripts: number;
  requests: number;
  resources: PageResource[];
}

interface PageResource {
  path: string;
  type: string;
  startMs: number;
  durationMs: number;
  waitMs: number;
  transferBytes: number;
  bodyBytes: number;
}

interface PageTiming {
  ready: number | null;
  domContentLoaded: number;
  fcp: number | null;
  documentTransfer: number;
  resources: PageResource[];
}

interface Site {
  invoices: number;
  label: string;
  handle: DatabaseHandle;
  server: { url: string; close(): Promise<void> };
  companyId: string;
  cookie: string;
  counts: Counts;
  seedSeconds: number;
  analyzeSeconds: number;
  apiMs: number[];
  /** companyOverview called directly: the queries without HTTP, the session check and JSON. */
  serviceMs: number[];
  /** Each of companyOverview's statements, timed alone. */
  statements: Array<{ label: string; query: CompiledQuery; ms: number[]; plan: string[] }>;
  overviewBytes: number;
  storageState: Awaited<ReturnType<BrowserContext['storageState']>> | null;
  loads: Load[];
}

export async function uiBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const sizes = options.quick ? [200, 2_000] : [1_000, 20_000];
  const loads = options.quick ? 3 : 7;
  const apiRuns = options.quick ? 10 : 30;
  const apiWarmup = options.quick ? 3 : 10;
  log(
    `\n[ui] the web UI's bundle (entry and all assets; gzip level ${GZIP_LEVEL}, brotli quality ${BROTLI_QUALITY}), and the first load of Oversikt in Chromium at ${sizes.map(sizeLabel).join(' and ')} invoices: ${loads} cold loads each (a new browser context, empty cache, signed in), GET /overview alone ${apiRuns} times`,
  );
  if (!hasChromium) {
    if (inCi)
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: the ui benchmark cannot run its browser part in CI without it (apt-get install chromium).`,
      );
    log(
      `${'!'.repeat(78)}\n!! [ui] ${CHROMIUM} is missing: the first loads in Chromium are SKIPPED (bundle sizes and\n!! GET /overview are still measured). Install Debian's Chromium (apt-get install chromium).\n${'!'.repeat(78)}`,
    );
  }

  const sites: Site[] = [];
  let webDist: string | null = null;
  let browser: Browser | null = null;
  let bundle: BundleReport;
  try {
    // --- the bundle
    log('  building the UI (vite build web, NODE_ENV=production) into a temp folder');
    const buildStart = now();
    webDist = await buildWebUi();
    const buildSeconds = (now() - buildStart) / 1000;
    bundle = await measureBundle(webDist);
    log(
      `  built in ${buildSeconds.toFixed(1)} s; compressed every asset in ${bundle.compressSeconds.toFixed(1)} s; entry: ${bundle.entryFiles.join(', ')}`,
    );
    const kb = (n: number) => (n / 1000).toFixed(1);
    const row = (name: string, b: Bytes) => [name, String(b.files), kb(b.raw), kb(b.gzip), kb(b.brotli)];
    const entryTotal = sumBytes(bundle.entryJs, bundle.entryCss);
    log(
      table(
        ['', 'files', 'raw kB', 'gzip kB', 'brotli kB'],
        [
          row('entry JS', bundle.entryJs),
          row('entry CSS', bundle.entryCss),
          row('entry JS + CSS', entryTotal),
          row('all JS', bundle.allJs),
          row('all CSS', bundle.allCss),
          row('index.html', bundle.indexHtml),
        ],
      ),
    );
    const budgetMet = entryTotal.gzip <= ENTRY_GZIP_BUDGET;
    log(
      `  entry gzip ${kb(entryTotal.gzip)} kB of a budget of ${kb(ENTRY_GZIP_BUDGET)} kB (${((entryTotal.gzip / ENTRY_GZIP_BUDGET) * 100).toFixed(0)} %): ${budgetMet ? 'met' : 'NOT MET'}`,
    );

    // --- the companies, each behind a server of its own
    for (const n of sizes) sites.push(await prepareSite(options, n, webDist));

    // --- GET /overview alone, in rounds of every size in turn
    log(
      `  GET /overview alone, and companyOverview called directly: ${apiWarmup} warm-up each, then ${apiRuns} rounds of ${sites.length} sizes in turn`,
    );
    const apiStart = now();
    for (const s of sites) for (let i = 0; i < apiWarmup; i++) await fetchOverview(s);
    for (let i = 0; i < apiRuns; i++) {
      for (let k = 0; k < sites.length; k++) {
        const s = sites[(k + i) % sites.length]!;
        const t0 = now();
        s.overviewBytes = await fetchOverview(s);
        const t1 = now();
        await companyOverview(s.handle.db, s.companyId, TODAY);
        s.serviceMs.push(now() - t1);
        s.apiMs.push(t1 - t0);
        for (const q of s.statements) {
          const t2 = now();
          await s.handle.db.executeQuery(q.query);
          q.ms.push(now() - t2);
        }
      }
    }
    for (const s of sites) {
      log(
        `  ${s.label}: GET /overview ${fmt(median(s.apiMs), 'ms')} ms median, p95 ${fmt(percentile(s.apiMs, 0.95), 'ms')} ms (${s.overviewBytes} bytes); companyOverview alone ${fmt(median(s.serviceMs), 'ms')} ms`,
      );
      log(
        `  ${s.label}: its statements alone: ${s.statements.map((q) => `${q.label} ${fmt(median(q.ms), 'ms')} ms`).join(', ')}`,
      );
    }
    for (const s of sites) for (const q of s.statements) q.plan = await explain(s.handle.db, q.query);
    for (const s of sites) {
      const slowest = [...s.statements].sort((a, b) => median(b.ms) - median(a.ms))[0];
      if (slowest) log(`  ${s.label}: plan of the slowest, ${slowest.label}: ${planSummary(slowest.plan)}`);
    }
    log(`  (${seconds(apiStart)} s)`);

    // --- first loads in Chromium
    if (hasChromium) {
      log('  launching Chromium; signing in once per server through the sign-in form');
      const browserStart = now();
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      for (const s of sites) s.storageState = await signIn(browser, s);
      log(`  signed in (${seconds(browserStart)} s); one unmeasured load per size`);
      for (const s of sites) await coldLoad(browser, s);
      const loadsStart = now();
      const total = loads * sites.length;
      let done = 0;
      for (let i = 0; i < loads; i++) {
        for (let k = 0; k < sites.length; k++) {
          const s = sites[(k + i) % sites.length]!;
          const load = await coldLoad(browser, s);
          s.loads.push(load);
          done += 1;
          log(
            `  load ${done}/${total} (${s.label}): charts at ${fmt(load.readyMs, 'ms')} ms, DOMContentLoaded ${fmt(load.domContentLoadedMs, 'ms')} ms, GET /overview ${fmt(load.overviewMs, 'ms')} ms from ${fmt(load.overviewStartMs, 'ms')} ms, ${(load.transferBytes / 1000).toFixed(1)} kB in ${load.requests} requests`,
          );
        }
      }
      log(`  ${total} loads in ${seconds(loadsStart)} s (each with its context's start and close)`);
      for (const s of sites) {
        const cached = s.loads.reduce((a, l) => a + l.cachedScripts, 0);
        if (cached > 0) log(`  WARNING: ${s.label}: ${cached} scripts came from the HTTP cache, not the network`);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    for (const s of sites) {
      await s.server.close().catch(() => undefined);
      await s.handle.close();
    }
    if (webDist) await rm(webDist, { recursive: true, force: true });
  }

  // --- report
  const entryTotal = sumBytes(bundle.entryJs, bundle.entryCss);
  const metrics: BenchResult['metrics'] = [
    { name: 'entry JS + CSS raw', value: kB(entryTotal.raw), unit: 'kB' },
    { name: 'entry JS + CSS gzip', value: kB(entryTotal.gzip), unit: 'kB' },
    { name: 'entry JS + CSS brotli', value: kB(entryTotal.brotli), unit: 'kB' },
    {
      name: `entry gzip / budget ${kB(ENTRY_GZIP_BUDGET)} kB`,
      value: entryTotal.gzip / ENTRY_GZIP_BUDGET,
      unit: '×',
      aim: '<= 1',
      met: entryTotal.gzip <= ENTRY_GZIP_BUDGET,
    },
    { name: 'all JS + CSS raw', value: kB(bundle.allJs.raw + bundle.allCss.raw), unit: 'kB' },
    { name: 'all JS + CSS gzip', value: kB(bundle.allJs.gzip + bundle.allCss.gzip), unit: 'kB' },
  ];
  for (const s of sites) metrics.push({ name: `GET /overview ${s.label}`, value: median(s.apiMs), unit: 'ms' });
  for (const s of sites) metrics.push({ name: `companyOverview ${s.label}`, value: median(s.serviceMs), unit: 'ms' });
  const small = sites[0];
  const large = sites.at(-1);
  if (small && large && large !== small) {
    metrics.push({
      name: `GET /overview ${large.label} / ${small.label}`,
      value: median(large.apiMs) / median(small.apiMs),
      unit: '×',
    });
  }
  const measured = sites.filter((s) => s.loads.length > 0);
  if (measured.length > 0) {
    log(
      table(
        [
          'invoices',
          'charts ms',
          'p95',
          'DOMContentLoaded',
          'GET /overview',
          'its wait',
          'from',
          'wall ms',
          'kB',
          'requests',
        ],
        measured.map((s) => {
          const m = (f: (l: Load) => number) => fmt(median(s.loads.map(f)), 'ms');
          return [
            s.label,
            m((l) => l.readyMs),
            fmt(
              percentile(
                s.loads.map((l) => l.readyMs),
                0.95,
              ),
              'ms',
            ),
            m((l) => l.domContentLoadedMs),
            m((l) => l.overviewMs),
            m((l) => l.overviewWaitMs),
            m((l) => l.overviewStartMs),
            m((l) => l.wallMs),
            (median(s.loads.map((l) => l.transferBytes)) / 1000).toFixed(1),
            String(s.loads[0]!.requests),
          ];
        }),
      ),
    );
    for (const s of measured) {
      metrics.push({
        name: `first load ${s.label} (charts shown)`,
        value: median(s.loads.map((l) => l.readyMs)),
        unit: 'ms',
      });
      metrics.push({
        name: `first load ${s.label} p95`,
        value: percentile(
          s.loads.map((l) => l.readyMs),
          0.95,
        ),
        unit: 'ms',
      });
    }
    for (const s of measured)
      metrics.push({
        name: `DOMContentLoaded ${s.label}`,
        value: median(s.loads.map((l) => l.domContentLoadedMs)),
        unit: 'ms',
      });
    for (const s of measured)
      metrics.push({
        name: `overview request in the page ${s.label}`,
        value: median(s.loads.map((l) => l.overviewMs)),
        unit: 'ms',
      });
    if (small && large && large !== small && small.loads.length > 0 && large.loads.length > 0) {
      const ratio = median(large.loads.map((l) => l.readyMs)) / median(small.loads.map((l) => l.readyMs));
      metrics.push({
        name: `first load ${large.label} / ${small.label}`,
        value: ratio,
        unit: '×',
        aim: '<= 1.5',
        met: ratio <= 1.5,
      });
      log(
        `  first load ${large.label} / ${small.label}: ${ratio.toFixed(2)} (aim <= 1.5: ${ratio <= 1.5 ? 'met' : 'NOT MET'}); GET /overview alone ${large.label} / ${small.label}: ${(median(large.apiMs) / median(small.apiMs)).toFixed(2)}`,
      );
    }
    metrics.push({
      name: 'first load transferred (precompressed assets)',
      value: kB(median(measured[0]!.loads.map((l) => l.transferBytes))),
      unit: 'kB',
    });
  }
  for (const s of sites) metrics.push({ name: `seeding ${s.label}`, value: s.seedSeconds, unit: 's' });

  return {
    name: 'ui',
    title: `Web UI: bundle size, and the first load of Oversikt in Chromium at ${sizes.map(sizeLabel).join(' and ')} invoices`,
    seconds: (now() - started) / 1000,
    metrics,
    details: {
      today: TODAY,
      compression: {
        gzip: `node:zlib gzipSync level ${GZIP_LEVEL}`,
        brotli: `node:zlib brotliCompressSync quality ${BROTLI_QUALITY}`,
        servedAs: 'uncompressed (the server does not compress)',
      },
      entryGzipBudgetBytes: ENTRY_GZIP_BUDGET,
      bundle,
      chromium: hasChromium ? CHROMIUM : null,
      readySelector: `${CHARTS}, ${RECOVERED}`,
      coldLoad: 'a new browser context per load (empty HTTP cache, new connection) with the signed-in storage state',
      loads,
      apiRuns,
      sizes: Object.fromEntries(
        sites.map((s) => [
          s.label,
          {
            counts: s.counts,
            seedSeconds: s.seedSeconds,
            analyzeSeconds: s.analyzeSeconds,
            overviewBytes: s.overviewBytes,
            apiMs: { median: median(s.apiMs), p95: percentile(s.apiMs, 0.95), runs: s.apiMs },
            serviceMs: { median: median(s.serviceMs), p95: percentile(s.serviceMs, 0.95) },
            statements: s.statements.map((q) => ({ label: q.label, medianMs: median(q.ms), plan: q.plan })),
            firstLoad:
              s.loads.length === 0
                ? null
                : {
                    medianMs: summarize(s.loads, median),
                    p95Ms: summarize(s.loads, (v) => percentile(v, 0.95)),
                    loads: s.loads.map(({ resources: _, ...l }) => l),
                    resources: s.loads[0]!.resources,
                  },
          },
        ]),
      ),
    },
  };
}

function summarize(loads: Load[], f: (values: number[]) => number): Record<string, number> {
  const keys = [
    'readyMs',
    'wallMs',
    'domContentLoadedMs',
    'overviewMs',
    'overviewWaitMs',
    'overviewStartMs',
    'transferBytes',
  ] as const;
  return Object.fromEntries(keys.map((k) => [k, f(loads.map((l) => l[k]))]));
}

function seconds(since: number): string {
  return ((now() - since) / 1000).toFixed(1);
}

function kB(bytes: number): number {
  return Math.round(bytes / 100) / 10;
}

// ---------------------------------------------------------------------------------------------
// The bundle

async function measureBundle(dist: string): Promise<BundleReport> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const entry = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) entry.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(m[0])?.[1];
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href && (rel === 'stylesheet' || rel === 'modulepreload')) entry.add(href);
  }
  const t0 = now();
  const byFile: BundleReport['byFile'] = {};
  const empty = (): Bytes => ({ files: 0, raw: 0, gzip: 0, brotli: 0 });
  const report = { entryJs: empty(), entryCss: empty(), allJs: empty(), allCss: empty(), indexHtml: empty() };
  const add = (to: Bytes, b: Omit<Bytes, 'files'>) => {
    to.files += 1;
    to.raw += b.raw;
    to.gzip += b.gzip;
    to.brotli += b.brotli;
  };
  add(report.indexHtml, compressed(Buffer.from(html)));
  for (const file of await filesUnder(join(dist, 'assets'))) {
    const path = `/${relative(dist, file).split('\\').join('/')}`;
    const kind = path.endsWith('.js') ? 'Js' : path.endsWith('.css') ? 'Css' : null;
    if (!kind) continue;
    const b = compressed(await readFile(file));
    const isEntry = entry.has(path);
    byFile[path] = { ...b, entry: isEntry };
    add(report[`all${kind}`], b);
    if (isEntry) add(report[`entry${kind}`], b);
  }
  const missing = [...entry].filter((p) => !(p in byFile));
  if (missing.length > 0) throw new Error(`index.html names ${missing.join(', ')}, not among the built JS and CSS`);
  return { entryFiles: [...entry], ...report, byFile, compressSeconds: (now() - t0) / 1000 };
}

function compressed(data: Buffer): Omit<Bytes, 'files'> {
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: GZIP_LEVEL }).length,
    brotli: brotliCompressSync(data, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if ((await stat(path)).isFile()) out.push(path);
  }
  return out.sort();
}

function sumBytes(...all: Bytes[]): Bytes {
  return all.reduce(
    (a, b) => ({ files: a.files + b.files, raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }),
    { files: 0, raw: 0, gzip: 0, brotli: 0 },
  );
}

// ---------------------------------------------------------------------------------------------
// The server and the browser

async function prepareSite(options: BenchOptions, n: number, webDist: string): Promise<Site> {
  const label = sizeLabel(n);
  log(`  ${label} invoices`);
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const company = await makeCompany(db, { name: `Bench Oversikt ${label} AS` });
    await makeUser(db, company.id, 'accountant', EMAIL, PASSWORD);
    const agencyId = await inTransaction(db, async (trx) => {
      const agency = await createAgency(trx, { name: 'Bench Inkasso AS' });
      await setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null);
      return agency.id;
    });
    const seedStart = now();
    await seed(db, company, agencyId, n);
    const seedSeconds = (now() - seedStart) / 1000;
    const analyzeStart = now();
    await refreshStatistics(db); // what the server does after start-up and seeding
    const analyzeSeconds = (now() - analyzeStart) / 1000;
    const counts = await countsOf(db, company.id);
    log(
      `  ${label}: seeded in ${seedSeconds.toFixed(1)} s, ANALYZE ${analyzeSeconds.toFixed(1)} s; ${counts.customers} customers, ${counts.open} open (${counts.overdue} overdue), ` +
        `handed over: ${counts.drafts} drafts, ${counts.approved} approved, ${counts.openCases} open cases, ${counts.archivedCases} archived; ${counts.settlementVouchers} settlement vouchers; ${counts.matches} matches`,
    );
    const server = await serveApp(db, webDist);
    const site: Site = {
      invoices: n,
      label,
      handle,
      server,
      companyId: company.id,
      cookie: '',
      counts,
      seedSeconds,
      analyzeSeconds,
      apiMs: [],
      serviceMs: [],
      statements: [],
      overviewBytes: 0,
      storageState: null,
      loads: [],
    };
    site.cookie = await apiSignIn(server.url);
    site.statements = (await overviewStatements(db, company.id)).map((q) => ({ ...q, ms: [], plan: [] }));
    log(`  ${label}: serving at ${server.url}`);
    return site;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The app on a free port of 127.0.0.1, as src/server.ts startServer serves it, on the bench's database. */
async function serveApp(db: Db, webDist: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp(db, { ...DEFAULT_CONFIG, today: () => TODAY }, { webDist });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server: s, port: info.port }),
    );
    s.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function apiSignIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  const session = /innfri_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error('login set no innfri_session cookie');
  return `innfri_session=${session}`;
}

/** GET /overview with the session cookie; the size of its body. */
async function fetchOverview(s: Site): Promise<number> {
  const res = await fetch(`${s.server.url}/api/v1/companies/${s.companyId}/overview`, {
    headers: { cookie: s.cookie },
  });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET /overview: ${res.status} ${Buffer.from(body).toString()}`);
  return body.byteLength;
}

function contextOptions(s: Site) {
  return { viewport: { width: 1280, height: 800 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo', baseURL: s.server.url };
}

/** Signs in through the form, as the accountant does; the context's storage state (the session cookie). */
async function signIn(browser: Browser, s: Site): Promise<Site['storageState']> {
  const context = await browser.newContext(contextOptions(s));
  try {
    context.setDefaultTimeout(LOAD_TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('E-post').fill(EMAIL);
    await page.getByLabel('Passord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/**
 * Set before the page's own scripts: marks the first animation frame after both charts are in the
 * DOM (React renders them in one commit, once GET /overview has answered).
 */
const READY_SCRIPT = `(() => {
  const ready = () => document.querySelector(${JSON.stringify(CHARTS)}) && document.querySelector(${JSON.stringify(RECOVERED)});
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    requestAnimationFrame(() => performance.mark(${JSON.stringify(READY_MARK)}));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Read in the page once it is ready: times are from navigation start (the document's time origin). */
const TIMING_SCRIPT = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const ready = performance.getEntriesByName(${JSON.stringify(READY_MARK)})[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    ready: ready ? ready.startTime : null,
    domContentLoaded: nav.domContentLoadedEventEnd,
    fcp: fcp ? fcp.startTime : null,
    documentTransfer: nav.transferSize,
    resources: performance.getEntriesByType('resource').map((r) => ({
      path: new URL(r.name).pathname, type: r.initiatorType, startMs: r.startTime, durationMs: r.duration,
      waitMs: r.responseStart - r.requestStart, transferBytes: r.transferSize, bodyBytes: r.encodedBodySize,
    })),
  };
})()`;

/** One first load of the overview, in a context of its own (an empty HTTP cache). */
async function coldLoad(browser: Browser, s: Site): Promise<Load> {
  const context = await browser.newContext({ ...contextOptions(s), storageState: s.storageState ?? undefined });
  try {
    context.setDefaultTimeout(LOAD_TIMEOUT_MS);
    await context.addInitScript(READY_SCRIPT);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const path = `/c/${s.companyId}/oversikt`;
    const t0 = now();
    await page.goto(path, { waitUntil: 'commit' });
    try {
      // A function, not a string: the page's CSP (script-src 'self') refuses the eval a string predicate needs.
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, {
        timeout: LOAD_TIMEOUT_MS,
      });
    } catch (error) {
      const heading = await page
        .locator('h1')
        .first()
        .textContent()
        .catch(() => null);
      throw new Error(
        `${s.label}: the overview's charts did not show within ${LOAD_TIMEOUT_MS} ms at ${page.url()} (heading: ${heading ?? 'none'}; page errors: ${errors.join('; ') || 'none'})`,
        { cause: error },
      );
    }
    const wallMs = now() - t0;
    if (errors.length > 0) throw new Error(`${s.label}: script errors on the overview: ${errors.join('; ')}`);
    const t = (await page.evaluate(TIMING_SCRIPT)) as PageTiming;
    const overview = t.resources.find((r) => r.path.endsWith(`/companies/${s.companyId}/overview`));
    if (t.ready === null || !overview)
      throw new Error(`${s.label}: no ready mark or no overview request in the page's timing`);
    const scripts = t.resources.filter((r) => r.path.endsWith('.js'));
    return {
      readyMs: t.ready,
      wallMs,
      domContentLoadedMs: t.domContentLoaded,
      firstContentfulPaintMs: t.fcp,
      overviewMs: overview.durationMs,
      overviewWaitMs: overview.waitMs,
      overviewStartMs: overview.startMs,
      transferBytes: t.documentTransfer + t.resources.reduce((a, r) => a + r.transferBytes, 0),
      jsBytes: scripts.reduce((a, r) => a + r.bodyBytes, 0),
      cachedScripts: scripts.filter((r) => r.transferBytes === 0).length,
      requests: 1 + t.resources.length,
      resources: t.resources,
    };
  } finally {
    await context.close();
  }
}

/** companyOverview's statements as it compiles them (run once against a Kysely that captures them), named. */
async function overviewStatements(db: Db, companyId: string): Promise<Array<{ label: string; query: CompiledQuery }>> {
  const captured = await captureQueries(db, (d) => companyOverview(d, companyId, TODAY));
  const names: Array<[RegExp, string]> = [
    [/voucher_type = 'settlement'/, 'recovered by month'],
    [/not exists \(select 1 from handovers/, 'reminder list'],
    [/from cases k/, 'cases'],
    [/from handovers h join invoices/, 'handover counts'],
    [/from open_items o join invoices/, 'aged receivables'],
  ];
  return captured.map((query) => {
    const text = query.sql.replace(/\s+/g, ' ');
    return { label: names.find(([re]) => re.test(text))?.[1] ?? statementLabel(text), query };
  });
}

// ---------------------------------------------------------------------------------------------
// Seeding

interface Counts {
  invoices: number;
  customers: number;
  open: number;
  overdue: number;
  drafts: number;
  approved: number;
  openCases: number;
  archivedCases: number;
  settlementVouchers: number;
  matches: number;
}

interface PlannedInvoice {
  id: string;
  voucherId: string;
  number: number;
  customer: number;
  issue: string;
  due: string;
  net: number;
  vat: number;
  /** What the customer paid, and when (null: nothing yet). */
  paid: number;
  paidOn: string | null;
}

/**
 * Writes `n` invoices for the company in transactions of up to 5 000, then hands the old open ones
 * over and posts what the agency recovered on them. Deterministic but for ids.
 */
async function seed(db: Db, company: Company, agencyId: string, n: number): Promise<void> {
  const companyId = company.id;
  const random = createRandom(n);
  const customerCount = Math.max(1, Math.round(n / INVOICES_PER_CUSTOMER));
  const customerIds = await insertBulkCustomers(db, companyId, customerCount, 'Jessheim');

  const voucherNumbers = new Map<number, number>();
  const nextVoucherNumber = (date: string): number => {
    const year = Number(date.slice(0, 4));
    const v = (voucherNumbers.get(year) ?? 0) + 1;
    voucherNumbers.set(year, v);
    return v;
  };

  // The plan: invoices over the last six months, numbered in date order, and what was paid.
  const invoices: PlannedInvoice[] = [];
  for (let i = 0; i < n; i++) {
    const issue = addDays(TODAY, -182 + Math.floor((i * 182) / n));
    const terms = random.chance(0.3) ? 30 : 14;
    const net = 4 * random.int(50_000, 1_250_000); // 2 000 to 50 000 kr before VAT, so VAT is whole øre
    const vat = net / 4;
    const outcome = random.weighted([
      ['paid', 55],
      ['partly paid', 10],
      ['open', 35],
    ] as const);
    const paidOn = addDays(issue, random.int(5, terms + 20));
    const paid =
      outcome === 'open' || paidOn >= TODAY ? 0 : outcome === 'paid' ? net + vat : Math.floor((net + vat) / 2);
    invoices.push({
      id: randomUUID(),
      voucherId: randomUUID(),
      number: i + 1,
      customer: random.int(0, customerCount - 1),
      issue,
      due: addDays(issue, terms),
      net,
      vat,
      paid,
      paidOn: paid > 0 ? paidOn : null,
    });
  }

  const entryOf = new Map<string, number>();
  const progress = new Progress(`seeding ${sizeLabel(n)} invoices`, n);
  const batchSize = Math.min(BATCH, Math.max(1, Math.floor(n / 5)));
  for (let start = 0; start < n; start += batchSize) {
    const batch = invoices.slice(start, start + batchSize);
    const inv: BulkInvoices = {
      id: batch.map((b) => b.id),
      voucherId: batch.map((b) => b.voucherId),
      number: batch.map((b) => b.number),
      customerId: batch.map((b) => customerIds[b.customer]!),
      kid: batch.map((b) => kidForInvoice(b.customer + 1, b.number, company.kidAlgorithm)),
      issue: batch.map((b) => b.issue),
      due: batch.map((b) => b.due),
      net: batch.map((b) => b.net),
      vat: batch.map((b) => b.vat),
      year: batch.map((b) => Number(b.issue.slice(0, 4))),
      voucherNumber: batch.map((b) => nextVoucherNumber(b.issue)),
    };
    await db.transaction().execute(async (trx) => {
      await insertInvoiceVouchers(trx, companyId, inv);
      // The receivable entries come back (the triggers have opened their items by the statement's end).
      for (const r of await insertInvoicePostings(trx, company, inv)) entryOf.set(r.invoice_id, r.id);
      await insertInvoiceRows(
        trx,
        companyId,
        inv,
        batch.map((b) => entryOf.get(b.id)!),
      );
      // One bank voucher pays this batch's payments, dated on the last of them; each matched to its invoice.
      const paid = batch.filter((b) => b.paid > 0);
      if (paid.length > 0)
        await postReceipts(
          trx,
          'manual',
          paid.map((b) => ({ invoice: b, amount: b.paid })),
          paid
            .map((b) => b.paidOn!)
            .sort()
            .at(-1)!,
          'Innbetalinger',
        );
    });
    progress.update(Math.min(n, start + batchSize));
  }

  // Collection: of the invoices over 75 days past due and still open, by number, drafts, approved,
  // open cases and archived ones; the agency recovers a third of an open case, all of an archived
  // one, some weeks after the case opened, posted as one settlement voucher a month.
  const old = invoices.filter((b) => b.paid < b.net + b.vat && addDays(b.due, 75) <= TODAY);
  const handed = old.flatMap((b) => {
    const kind = HANDOVER_BY_REMAINDER[b.number % 9];
    return kind ? [{ invoice: b, kind }] : [];
  });
  const recovered = handed
    .filter((h) => h.kind === 'open case' || h.kind === 'archived case')
    .map((h) => {
      const open = h.invoice.net + h.invoice.vat - h.invoice.paid;
      const on = addDays(h.invoice.due, 80 + (h.invoice.number % 60));
      return {
        invoice: h.invoice,
        amount: h.kind === 'archived case' ? open : Math.floor(open / 3),
        on: on < TODAY ? on : addDays(TODAY, -1),
      };
    });
  await db.transaction().execute(async (trx) => {
    const cases = handed.filter((h) => h.kind === 'open case' || h.kind === 'archived case');
    const caseIds = cases.map(() => randomUUID());
    if (cases.length > 0) {
      await sql`
        insert into cases (company_id, id, agency_id, case_number, customer_id, status, state, agency_balance, archived_at)
        select ${companyId}::uuid, u.id, ${agencyId}::uuid, 'B-' || u.invoice_number, u.customer_id, u.status, u.state, u.balance, case when u.state = 'archived' then now() end
        from unnest(${caseIds}::uuid[], ${cases.map((h) => h.invoice.number)}::int[], ${cases.map((h) => customerIds[h.invoice.customer]!)}::uuid[],
                    ${cases.map((h) => (h.kind === 'archived case' ? 'paid' : 'registered'))}::text[], ${cases.map((h) => (h.kind === 'archived case' ? 'archived' : 'open'))}::text[],
                    ${cases.map((h) => (h.kind === 'archived case' ? 0 : h.invoice.net + h.invoice.vat - h.invoice.paid))}::bigint[])
          as u(id, invoice_number, customer_id, status, state, balance)`.execute(trx);
    }
    const caseOf = new Map(cases.map((h, k) => [h.invoice.id, caseIds[k]!]));
    const stateOf = {
      draft: 'draft',
      approved: 'approved',
      'open case': 'in_case',
      'archived case': 'archived',
    } as const;
    if (handed.length > 0) {
      await sql`
        insert into handovers (company_id, invoice_id, agency_id, state, approved_at, approval, ended_at, ended_by_type, case_id)
        select ${companyId}::uuid, u.invoice_id, ${agencyId}::uuid, u.state, case when u.state <> 'draft' then now() end, case when u.state <> 'draft' then 'user' end,
               case when u.state = 'archived' then now() end, case when u.state = 'archived' then 'agency' end, u.case_id
        from unnest(${handed.map((h) => h.invoice.id)}::uuid[], ${handed.map((h) => stateOf[h.kind])}::text[], ${handed.map((h) => caseOf.get(h.invoice.id) ?? null)}::uuid[])
          as u(invoice_id, state, case_id)`.execute(trx);
    }
    const byMonth = new Map<string, typeof recovered>();
    for (const r of recovered) byMonth.set(r.on.slice(0, 7), [...(byMonth.get(r.on.slice(0, 7)) ?? []), r]);
    for (const [, month] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
      await postReceipts(
        trx,
        'settlement',
        month.filter((r) => r.amount > 0),
        month
          .map((r) => r.on)
          .sort()
          .at(-1)!,
        'Oppgjør fra inkassobyrå',
      );
    }
  });

  // The number series, as if the service had handed the numbers out.
  await fillNumberSeries(db, companyId, n);

  /** One voucher: Dr bank the total, Cr receivable per invoice, each credit matched against the invoice's entry. */
  async function postReceipts(
    trx: Db,
    type: 'manual' | 'settlement',
    lines: Array<{ invoice: PlannedInvoice; amount: number }>,
    date: string,
    description: string,
  ): Promise<void> {
    if (lines.length === 0) return;
    const voucherId = randomUUID();
    await insertVoucher(trx, companyId, {
      id: voucherId,
      year: Number(date.slice(0, 4)),
      number: nextVoucherNumber(date),
      type,
      date,
      description,
    });
    const credits = await insertReceiptPostings(
      trx,
      company,
      voucherId,
      {
        invoiceId: lines.map((l) => l.invoice.id),
        customerId: lines.map((l) => customerIds[l.invoice.customer]!),
        amount: lines.map((l) => l.amount),
        invoiceNumber: lines.map((l) => l.invoice.number),
      },
      { bankText: description, creditPrefix: 'Faktura ' },
    );
    const creditOf = new Map(credits.map((r) => [r.invoice_id, r.id]));
    await insertMatches(trx, companyId, {
      debit: lines.map((l) => entryOf.get(l.invoice.id)!),
      credit: lines.map((l) => creditOf.get(l.invoice.id)!),
      amount: lines.map((l) => l.amount),
    });
  }
}

async function countsOf(db: Db, companyId: string): Promise<Counts> {
  const { rows } = await sql<Counts>`
    select (select count(*) from invoices where company_id = ${companyId})::int as invoices,
           (select count(*) from customers where company_id = ${companyId})::int as customers,
           (select count(*) from open_items where company_id = ${companyId} and invoice_id is not null and open_amount > 0)::int as open,
           (select count(*) from open_items where company_id = ${companyId} and invoice_id is not null and open_amount > 0 and due_date < ${TODAY})::int as overdue,
           (select count(*) from handovers where company_id = ${companyId} and state = 'draft')::int as drafts,
           (select count(*) from handovers where company_id = ${companyId} and state = 'approved')::int as approved,
           (select count(*) from cases where company_id = ${companyId} and state = 'open')::int as "openCases",
           (select count(*) from cases where company_id = ${companyId} and state = 'archived')::int as "archivedCases",
           (select count(*) from vouchers where company_id = ${companyId} and type = 'settlement')::int as "settlementVouchers",
           (select count(*) from matches where company_id = ${companyId})::int as matches`.execute(db);
  return rows[0]!;
}
