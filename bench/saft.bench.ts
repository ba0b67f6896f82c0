/**
 * Benchmark: the SAF-T Financial export of a company with 10 000 postings against one with
 * 1 000 000 (100 000 with --quick; BENCH_SAFT_POSTINGS sets it), and the CSV export of the open
 * items of both: time (the ratio should be near the ratio of sizes: linear) and the heap the export
 * keeps while it runs (the larger company should need at most 1.5 × the smaller's: memory flat in
 * the number of postings).
 *
 * Time and memory are measured in separate runs. Timed runs do nothing else. Memory runs take a
 * full collection (`gc`, switched on at run time if Node was not started with --expose-gc) and then
 * read `heapUsed` at every page the export reads — SAF-T's progress callback after each page of
 * vouchers, while the page is still held; the CSV's pages as they are handed on — and report the
 * peak above the value after a collection just before the export: the heap the export keeps alive,
 * not garbage the collector has not come to yet (which grows with the time between collections,
 * not with what is kept). On PGlite a timer would not do: an export on in-memory PGlite seldom
 * lets the event loop turn, so timed samples come late or not at all. RSS is shown for reference
 * (it holds PGlite's WebAssembly memory, which grows with the database and never shrinks).
 *
 * The ledgers are written in bulk by SQL: invoice vouchers of three lines (Dr receivable on one of
 * 200 customers, Cr sales 25 %, Cr output VAT), 10 000 vouchers a transaction, without the per-row
 * check triggers (support.ts withoutRowTriggers: the open-item trigger stays on) and with each
 * batch checked in one statement instead (every voucher balances, two lines or more). The files go
 * to a sink that counts bytes.
 */
import { createWriteStream, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import { type Db, refreshStatistics } from '../src/db/database.js';
import { OPEN_ITEM_COLUMNS, openItemPages } from '../src/ledger/ledger.exports.js';
import { writeSaft } from '../src/saft/saft.service.js';
import { writeTable } from '../src/shared/table-export.js';
import type { Company } from '../src/tenancy/company.js';
import { makeCompany } from '../test/support/fixtures.js';
import {
  type BenchOptions,
  type BenchResult,
  checkVouchersBalanced,
  fmt,
  fullGc,
  insertBulkCustomers,
  log,
  median,
  now,
  openBenchDatabase,
  Progress,
  sizeLabel,
  table,
  withoutRowTriggers,
} from './support.js';

const CUSTOMERS = 200;
const VOUCHERS_PER_BATCH = 10_000;

/** Counts what it is given and forgets it. */
class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.bytes += Buffer.byteLength(chunk);
    done();
  }
}

interface Timed {
  ms: number;
  bytes: number;
}

interface Memory {
  heapPeakMb: number;
  rssPeakMb: number;
  samples: number;
}

/** Time only: the export and nothing else. */
async function timed(fn: (sink: CountingSink, sample?: () => void) => Promise<unknown>): Promise<Timed> {
  const sink = new CountingSink();
  const t0 = now();
  await fn(sink);
  return { ms: now() - t0, bytes: sink.bytes };
}

/**
 * The heap the export keeps: the peak of `heapUsed` after a full collection at each page (the
 * export calls `sample`), above its value after a collection just before.
 */
async function retained(fn: (sink: CountingSink, sample?: () => void) => Promise<unknown>): Promise<Memory> {
  const gc = fullGc();
  gc();
  const before = process.memoryUsage();
  let heap = before.heapUsed;
  let rss = before.rss;
  let samples = 0;
  const sample = () => {
    gc();
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
    samples++;
  };
  await fn(new CountingSink(), sample);
  return { heapPeakMb: (heap - before.heapUsed) / 2 ** 20, rssPeakMb: (rss - before.rss) / 2 ** 20, samples };
}

/** The pages, sampled as each is handed on (the one before is still held by the writer then). */
async function* sampledPages<T>(pages: AsyncIterable<T>, sample: (() => void) | undefined): AsyncGenerator<T> {
  for await (const page of pages) {
    yield page;
    sample?.();
  }
}

export async function seedLedger(db: Db, company: Company, postings: number, progress: Progress, done: number) {
  await insertBulkCustomers(db, company.id, CUSTOMERS, 'Hamar');
  const { receivable, outputVat, salesVat25: sales } = company.accounts;
  const vouchers = Math.ceil(postings / 3);
  for (let first = 1; first <= vouchers; first += VOUCHERS_PER_BATCH) {
    const last = Math.min(vouchers, first + VOUCHERS_PER_BATCH - 1);
    await db.transaction().execute(async (trx) => {
      await withoutRowTriggers(trx, [{ table: 'postings', trigger: 'postings_inserted' }], async () => {
        await sql`
          insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
          select ${company.id}::uuid, gen_random_uuid(), 2026, g, 'invoice', date '2026-01-01' + (g % 300), 'Faktura ' || g
          from generate_series(${first}::int, ${last}::int) g`.execute(trx);
        await sql`
          insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, due_date, description, vat_rate)
          select v.company_id, v.id, l.line_no, l.account, l.amount, l.customer_id, l.due_date, l.description, l.vat_rate
          from vouchers v
          join customers c on c.company_id = v.company_id and c.customer_number = 1 + v.number % ${CUSTOMERS}
          cross join lateral (values
            (1, ${receivable}::int, 125000::bigint + v.number % 1000 * 125, c.id, v.voucher_date + 14, 'Faktura ' || v.number, null::smallint),
            (2, ${sales}::int, -(100000::bigint + v.number % 1000 * 100), null::uuid, null::date, 'Salg 25 % mva', 25::smallint),
            (3, ${outputVat}::int, -(25000::bigint + v.number % 1000 * 25), null::uuid, null::date, 'Utgående mva 25 %', 25::smallint)
          ) as l(line_no, account, amount, customer_id, due_date, description, vat_rate)
          where v.company_id = ${company.id} and v.fiscal_year = 2026 and v.number between ${first} and ${last}`.execute(
          trx,
        );
      });
      await checkVouchersBalanced(trx, company.id, 2026, { first, last });
    });
    progress.update(done + Math.min(postings, last * 3));
  }
  await sql`
    insert into number_series (company_id, series, year, last_value) values (${company.id}, 'voucher', 2026, ${vouchers})
    on conflict (company_id, series, year) do update set last_value = excluded.last_value`.execute(db);
  return vouchers * 3;
}

export async function saftBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const small = 10_000;
  // BENCH_SAFT_POSTINGS sets the big company's size (e.g. 300000 where seeding a million is too slow).
  const big = Number(process.env.BENCH_SAFT_POSTINGS) || (options.quick ? 100_000 : 1_000_000);
  log(`\n[saft] SAF-T export and open-items CSV of a company with ${sizeLabel(small)} vs ${sizeLabel(big)} postings`);
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const companies = {
      small: await makeCompany(db, { name: 'Bench Liten SAF-T AS' }),
      big: await makeCompany(db, { name: 'Bench Stor SAF-T AS' }),
    };
    const seedStart = now();
    const progress = new Progress('seeding postings', small + big);
    const sizes = {
      small: await seedLedger(db, companies.small, small, progress, 0),
      big: await seedLedger(db, companies.big, big, progress, small),
    };
    await refreshStatistics(db);
    const seedSeconds = (now() - seedStart) / 1000;
    log(`  seeded ${sizes.small} + ${sizes.big} postings in ${seedSeconds.toFixed(0)} s`);

    const period = { from: '2026-01-01', to: '2026-12-31' };
    type Export = (sink: Writable, sample?: () => void) => Promise<unknown>;
    const saft =
      (company: Company): Export =>
      (sink, sample) =>
        writeSaft(db, company.id, period, sink, {
          contact: { firstName: 'Bench', lastName: 'Mark' },
          onProgress: sample && (() => sample()),
        });
    const csv =
      (company: Company): Export =>
      (sink, sample) =>
        writeTable(
          'csv',
          'nb',
          'apne-poster',
          OPEN_ITEM_COLUMNS,
          sampledPages(openItemPages(db, company.id, {}), sample),
          sink,
        );

    // Warm up once each (the small company); time the small one three times, the big once; then
    // the memory runs, once each. BENCH_SAFT_FILE=path keeps the big company's file (from its memory
    // run) for xmllint.
    await timed(saft(companies.small));
    await timed(csv(companies.small));
    const runs = { saftSmall: [] as Timed[], csvSmall: [] as Timed[] };
    for (let i = 0; i < 3; i++) {
      runs.saftSmall.push(await timed(saft(companies.small)));
      runs.csvSmall.push(await timed(csv(companies.small)));
    }
    log('  timing the big exports');
    const saftBig = await timed(saft(companies.big));
    log(`  SAF-T ${sizeLabel(sizes.big)}: ${fmt(saftBig.ms, 'ms')} ms`);
    const csvBig = await timed(csv(companies.big));
    log('  memory runs');
    const memory = {
      saftSmall: await retained(saft(companies.small)),
      saftBig: await retained(async (sink, sample) => {
        const file = process.env.BENCH_SAFT_FILE;
        if (!file) return saft(companies.big)(sink, sample);
        const out = createWriteStream(file);
        await saft(companies.big)(out, sample);
        out.end();
        await finished(out);
        log(`  wrote ${file} (${(statSync(file).size / 2 ** 20).toFixed(1)} MB)`);
      }),
      csvSmall: await retained(csv(companies.small)),
      csvBig: await retained(csv(companies.big)),
    };
    const openItems = await sql<{ company_id: string; n: number }>`
      select company_id, count(*)::int8 as n from open_items where open_amount <> 0 group by company_id`.execute(db);
    const itemsOf = (c: Company) => openItems.rows.find((r) => r.company_id === c.id)?.n ?? 0;

    const saftSmall = { ms: median(runs.saftSmall.map((r) => r.ms)) };
    const csvSmall = { ms: median(runs.csvSmall.map((r) => r.ms)) };
    const sizeRatio = sizes.big / sizes.small;
    const saftTimeRatio = saftBig.ms / saftSmall.ms;
    // Memory: the peak the export keeps, with a floor of 1 MB so that noise on a tiny baseline is no ratio.
    const floor = (mb: number) => Math.max(mb, 1);
    const saftHeapRatio = floor(memory.saftBig.heapPeakMb) / floor(memory.saftSmall.heapPeakMb);
    const csvHeapRatio = floor(memory.csvBig.heapPeakMb) / floor(memory.csvSmall.heapPeakMb);
    const mem = (m: Memory) => [m.heapPeakMb.toFixed(1), m.rssPeakMb.toFixed(1), String(m.samples)];
    log('  heap: the peak after a full collection at each page, above its value before the export');
    log(
      table(
        ['export', 'size', 'ms', 'MB out', 'heap +MB', 'rss +MB', 'samples'],
        [
          [
            'SAF-T',
            sizeLabel(sizes.small),
            fmt(saftSmall.ms, 'ms'),
            (runs.saftSmall[0]!.bytes / 2 ** 20).toFixed(1),
            ...mem(memory.saftSmall),
          ],
          [
            'SAF-T',
            sizeLabel(sizes.big),
            fmt(saftBig.ms, 'ms'),
            (saftBig.bytes / 2 ** 20).toFixed(1),
            ...mem(memory.saftBig),
          ],
          [
            `CSV (${itemsOf(companies.small)} open items)`,
            sizeLabel(sizes.small),
            fmt(csvSmall.ms, 'ms'),
            (runs.csvSmall[0]!.bytes / 2 ** 20).toFixed(1),
            ...mem(memory.csvSmall),
          ],
          [
            `CSV (${itemsOf(companies.big)} open items)`,
            sizeLabel(sizes.big),
            fmt(csvBig.ms, 'ms'),
            (csvBig.bytes / 2 ** 20).toFixed(1),
            ...mem(memory.csvBig),
          ],
        ],
      ),
    );
    const linear = saftTimeRatio / sizeRatio;
    return {
      name: 'saft',
      title: `SAF-T export and open-items CSV, ${sizeLabel(sizes.small)} vs ${sizeLabel(sizes.big)} postings`,
      seconds: (now() - started) / 1000,
      metrics: [
        { name: `SAF-T ${sizeLabel(sizes.small)}`, value: saftSmall.ms, unit: 'ms' },
        { name: `SAF-T ${sizeLabel(sizes.big)}`, value: saftBig.ms, unit: 'ms' },
        {
          name: `SAF-T time ratio / size ratio (${sizeRatio.toFixed(0)}×)`,
          value: linear,
          unit: '×',
          aim: '0.5–1.5 (linear)',
          met: linear >= 0.5 && linear <= 1.5,
        },
        {
          name: 'SAF-T peak heap added, big / small',
          value: saftHeapRatio,
          unit: '×',
          aim: '<= 1.5',
          met: saftHeapRatio <= 1.5,
        },
        {
          name: 'open-items CSV peak heap added, big / small',
          value: csvHeapRatio,
          unit: '×',
          aim: '<= 1.5',
          met: csvHeapRatio <= 1.5,
        },
        { name: `open-items CSV ${itemsOf(companies.big)} items`, value: csvBig.ms, unit: 'ms' },
      ],
      details: {
        postings: sizes,
        openItems: { small: itemsOf(companies.small), big: itemsOf(companies.big) },
        seedSeconds,
        saft: { small: runs.saftSmall, big: saftBig },
        csv: { small: runs.csvSmall, big: csvBig },
        memory,
      },
    };
  } finally {
    await handle.close();
  }
}
