/**
 * Benchmark 2: the open-items page of a customer with 1 000 entries against one with 100 000
 * (10 000 with --quick): the first page of 50 and a page deep in (after the 500th open item).
 *
 * The entries are written in bulk by SQL, a voucher of up to 1 000 customer lines at a time (one
 * transaction each; the triggers open the items), and 40 % of the debit entries are closed against
 * one credit entry per voucher, so 60 % stay open (the small customer then still has a full page
 * after its 500th open item). Timed as seeded (no ANALYZE: PGlite has no autovacuum) and again
 * after ANALYZE.
 */
import { randomUUID } from 'node:crypto';
import { CompiledQuery, type KyselyPlugin, type QueryId, type RootOperationNode, sql } from 'kysely';
import { type Db, refreshStatistics } from '../src/db/database.js';
import { listOpenItems, type OpenItemCursor } from '../src/ledger/open-item.service.js';
import type { Company } from '../src/tenancy/company.js';
import {
  type BenchOptions,
  type BenchResult,
  fmt,
  log,
  median,
  now,
  openBenchDatabase,
  percentile,
  Progress,
  table,
} from './support.js';
import { makeCompany, makeCustomer } from '../test/support/fixtures.js';

const RUNS = 30;
const WARMUP = 10;
const PAGE = 50;
const DEEP_AFTER = 500;

interface Target {
  label: 'small' | 'big';
  customerId: string;
  entries: number;
  batchSize: number;
}

type Query = 'first' | 'deep';

export async function openItemsBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const small = 1_000;
  const big = options.quick ? 10_000 : 100_000;
  log(
    `\n[open-items] customers with ${small} and ${big} entries; page of ${PAGE}, first and after the ${DEEP_AFTER}th open item; median of ${RUNS}`,
  );

  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const company = await makeCompany(db, { name: 'Bench Reskontro AS' });
    const targets: Target[] = [
      {
        label: 'small',
        customerId: (await makeCustomer(db, company.id, { name: 'Liten Kunde AS' })).id,
        entries: small,
        batchSize: batchSizeFor(small),
      },
      {
        label: 'big',
        customerId: (await makeCustomer(db, company.id, { name: 'Stor Kunde AS' })).id,
        entries: big,
        batchSize: batchSizeFor(big),
      },
    ];

    // --- seed
    const seedStart = now();
    const totalEntries = targets.reduce((a, t) => a + t.entries, 0);
    const progress = new Progress('seeding entries', totalEntries);
    let seeded = 0;
    for (const t of targets) {
      const batches = t.entries / t.batchSize;
      for (let b = 0; b < batches; b++) {
        await seedBatch(db, company, t.customerId, b, batches, t.batchSize);
        seeded += t.batchSize;
        progress.update(seeded);
      }
    }
    const seedSeconds = (now() - seedStart) / 1000;
    const counts = await sql<{ customer_id: string; entries: number; open: number }>`
      select customer_id, count(*)::int as entries, count(*) filter (where open_amount <> 0)::int as open
      from open_items where company_id = ${company.id} group by customer_id`.execute(db);
    const countOf = (id: string) => counts.rows.find((r) => r.customer_id === id) ?? { entries: 0, open: 0 };
    for (const t of targets)
      log(
        `  ${t.label}: ${countOf(t.customerId).entries} entries, ${countOf(t.customerId).open} open (${t.entries / t.batchSize} vouchers of ${t.batchSize} lines)`,
      );

    // --- the cursor after each customer's 500th open item
    const cursors = new Map<string, OpenItemCursor>();
    for (const t of targets) {
      const items = await listOpenItems(db, company.id, { customerId: t.customerId, limit: DEEP_AFTER });
      const last = items.at(-1)!;
      cursors.set(t.label, { entryDate: last.entryDate, entryId: last.entryId });
    }
    const run = (t: Target, q: Query) =>
      listOpenItems(db, company.id, {
        customerId: t.customerId,
        limit: PAGE,
        after: q === 'deep' ? cursors.get(t.label) : undefined,
      });

    // Every page must be full, else a short page would flatter a customer.
    for (const t of targets) {
      for (const q of ['first', 'deep'] as const) {
        const rows = (await run(t, q)).length;
        if (rows !== PAGE) log(`  WARNING: ${t.label} ${q} page has ${rows} rows, not ${PAGE}`);
      }
    }

    // --- measure: as seeded, then after ANALYZE
    const phases: Array<{
      phase: 'as seeded' | 'after ANALYZE';
      times: Record<string, number[]>;
      plans: Record<string, string[]>;
    }> = [];
    for (const phase of ['as seeded', 'after ANALYZE'] as const) {
      if (phase === 'after ANALYZE') await refreshStatistics(db); // what the server does after start-up and every daily-run tick
      const times: Record<string, number[]> = {};
      const keys = targets.flatMap((t) => (['first', 'deep'] as const).map((q) => ({ t, q, key: `${t.label}/${q}` })));
      for (const { key } of keys) times[key] = [];
      for (let i = 0; i < WARMUP; i++) for (const { t, q } of keys) await run(t, q);
      for (let i = 0; i < RUNS; i++) {
        // rotate the order, so no query always runs first or after the same one
        for (let k = 0; k < keys.length; k++) {
          const { t, q, key } = keys[(k + i) % keys.length]!;
          const t0 = now();
          await run(t, q);
          times[key]!.push(now() - t0);
        }
      }
      const plans: Record<string, string[]> = {};
      for (const { t, q, key } of keys) {
        plans[key] = await explainOf(db, (d) =>
          listOpenItems(d, company.id, {
            customerId: t.customerId,
            limit: PAGE,
            after: q === 'deep' ? cursors.get(t.label) : undefined,
          }),
        );
      }
      phases.push({ phase, times, plans });
    }

    // --- report
    const rows: string[][] = [];
    const metrics: BenchResult['metrics'] = [];
    const details: Record<string, unknown> = {};
    for (const { phase, times, plans } of phases) {
      const med = (key: string) => median(times[key]!);
      const ratioFirst = med('big/first') / med('small/first');
      const ratioDeep = med('big/deep') / med('small/deep');
      for (const q of ['first', 'deep'] as const) {
        rows.push([
          phase,
          q === 'first' ? 'first page' : `after #${DEEP_AFTER}`,
          fmt(med(`small/${q}`), 'ms'),
          fmt(med(`big/${q}`), 'ms'),
          fmt(q === 'first' ? ratioFirst : ratioDeep, '×'),
        ]);
      }
      const tag = phase === 'as seeded' ? '' : ' (analyzed)';
      metrics.push(
        { name: `first page 1k${tag}`, value: med('small/first'), unit: 'ms' },
        { name: `first page ${big / 1000}k${tag}`, value: med('big/first'), unit: 'ms' },
        { name: `deep page 1k${tag}`, value: med('small/deep'), unit: 'ms' },
        { name: `deep page ${big / 1000}k${tag}`, value: med('big/deep'), unit: 'ms' },
        {
          name: `first page ${big / 1000}k / 1k${tag}`,
          value: ratioFirst,
          unit: '×',
          aim: '<= 2',
          met: ratioFirst <= 2,
        },
        { name: `deep page ${big / 1000}k / 1k${tag}`, value: ratioDeep, unit: '×', aim: '<= 2', met: ratioDeep <= 2 },
      );
      details[phase] = {
        medianMs: Object.fromEntries(Object.keys(times).map((k) => [k, med(k)])),
        p90Ms: Object.fromEntries(Object.keys(times).map((k) => [k, percentile(times[k]!, 0.9)])),
        ratioFirst,
        ratioDeep,
        plans,
      };
      for (const [key, plan] of Object.entries(plans)) log(`  plan ${phase}, ${key}: ${openItemsScan(plan)}`);
    }
    log(table(['stats', 'page', '1k ms', `${big / 1000}k ms`, 'ratio'], rows));
    return {
      name: 'open-items',
      title: 'Open-items page, 1k vs 100k entries',
      seconds: (now() - started) / 1000,
      metrics,
      details: {
        entries: { small: countOf(targets[0]!.customerId), big: countOf(targets[1]!.customerId) },
        pageSize: PAGE,
        deepAfter: DEEP_AFTER,
        runs: RUNS,
        warmup: WARMUP,
        seedSeconds,
        ...details,
      },
    };
  } finally {
    await handle.close();
  }
}

/** 20 vouchers for a small customer, at most 1 000 lines a voucher for a big one (a multiple of 5). */
function batchSizeFor(entries: number): number {
  return Math.min(1_000, Math.max(5, Math.floor(entries / 20 / 5) * 5));
}

/**
 * One transaction: a manual voucher of `size` Dr receivable lines on the customer plus one Cr sales
 * line, and a second voucher whose one Cr receivable entry closes 40 % of those debit entries
 * (line numbers ≡ 1 or 3 mod 5), matched one by one. Dates spread over 2025.
 */
async function seedBatch(
  db: Db,
  company: Company,
  customerId: string,
  batch: number,
  batches: number,
  size: number,
): Promise<void> {
  const companyId = company.id;
  const { receivable } = company.accounts;
  const sales = company.accounts.salesVat25;
  const day = Math.floor((batch * 365) / batches);
  const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
  const due = new Date(Date.UTC(2025, 0, 15 + day)).toISOString().slice(0, 10);
  const year = 2025;
  const debitVoucher = randomUUID();
  const creditVoucher = randomUUID();
  const newVoucher = (id: string, description: string) => sql`
    with n as (
      insert into number_series (company_id, series, year, last_value) values (${companyId}, 'voucher', ${year}, 1)
      on conflict (company_id, series, year) do update set last_value = number_series.last_value + 1
      returning last_value)
    insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
    select ${companyId}, ${id}, ${year}, n.last_value, 'manual', ${date}, ${description} from n`;
  await db.transaction().execute(async (trx) => {
    await newVoucher(debitVoucher, `Bench entries ${batch + 1}/${batches}`).execute(trx);
    await sql`
      with lines as (
        select g, (10000 + ((g * 7919 + ${batch} * 104729) % 990000))::bigint as amount from generate_series(1, ${size}::int) g)
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, due_date, description)
      select ${companyId}::uuid, ${debitVoucher}::uuid, g, ${receivable}::int, amount, ${customerId}::uuid, ${due}::date, 'Bench entry ' || g from lines
      union all
      select ${companyId}::uuid, ${debitVoucher}::uuid, ${size}::int + 1, ${sales}::int, -sum(amount), null, null, 'Bench sales' from lines`.execute(
      trx,
    );
    await newVoucher(creditVoucher, `Bench credit ${batch + 1}/${batches}`).execute(trx);
    const credit = await sql<{ id: number; line_no: number }>`
      with s as (
        select sum(amount) as total from postings
        where voucher_id = ${debitVoucher} and account = ${receivable} and line_no % 5 in (1, 3))
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, description)
      select ${companyId}::uuid, ${creditVoucher}::uuid, 1, ${sales}::int, total, null, 'Bench credit' from s
      union all
      select ${companyId}::uuid, ${creditVoucher}::uuid, 2, ${receivable}::int, -total, ${customerId}::uuid, 'Bench credit' from s
      returning id, line_no`.execute(trx);
    const creditId = credit.rows.find((r) => r.line_no === 2)!.id;
    await sql`
      insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
      select ${companyId}, p.id, ${creditId}, p.amount from postings p
      where p.voucher_id = ${debitVoucher} and p.account = ${receivable} and p.line_no % 5 in (1, 3)
      order by p.id`.execute(trx);
  });
}

/** Runs `fn` once against a Kysely that captures its (last) query, and returns EXPLAIN ANALYZE of that query. */
async function explainOf(db: Db, fn: (db: Db) => Promise<unknown>): Promise<string[]> {
  let captured: { node: RootOperationNode; queryId: QueryId } | null = null;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      captured = { node: args.node, queryId: args.queryId };
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await fn(db.withPlugin(plugin));
  const c = captured as { node: RootOperationNode; queryId: QueryId } | null;
  if (!c) return [];
  const compiled = db.getExecutor().compileQuery(c.node, c.queryId);
  const result = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, buffers, costs off) ${compiled.sql}`, [...compiled.parameters]),
  );
  return result.rows.map((r) => Object.values(r)[0] ?? '');
}

/** The plan's scan of open_items, in one line: index, rows returned, rows read and thrown away. */
function openItemsScan(plan: string[]): string {
  const at = plan.findIndex((l) => / on open_items /.test(l));
  if (at < 0) return '(no scan of open_items?)';
  const node = plan[at]!.trim().replace(/^->\s*/, '');
  const name = node.replace(/\s+\(.*$/, '');
  const rows = /rows=(\d+)/.exec(node)?.[1] ?? '?';
  let removed = 0;
  for (let i = at + 1; i < plan.length && !plan[i]!.includes('->'); i++) {
    const m = /Rows Removed by Filter: (\d+)/.exec(plan[i]!);
    if (m) removed += Number(m[1]);
  }
  return `${name}: ${rows} rows, ${removed} removed by filter`;
}
