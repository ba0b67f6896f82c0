/**
 * Shared pieces of the benchmarks: options, a fresh database per benchmark, timing and printing.
 * Benchmarks measure and print; they assert nothing.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import type { DatabaseHandle, Db } from '../src/db/database.js';
import type { Database } from '../src/db/schema.js';
import type { InvoiceSummary } from '../src/sales/invoice.service.js';
import { ore } from '../src/shared/money.js';
import type { Company } from '../src/tenancy/company.js';
import { freshDatabase } from '../test/support/db.js';

export interface BenchOptions {
  quick: boolean;
  /** Set when BENCH_DATABASE_URL is: the benchmarks run in a fresh schema on that server. */
  postgresUrl: string | undefined;
  backend: 'pglite' | 'postgres';
}

export function benchOptions(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  const quick =
    argv.includes('--quick') || ['1', 'true', 'yes'].includes((process.env.BENCH_QUICK ?? '').toLowerCase());
  const postgresUrl = process.env.BENCH_DATABASE_URL || undefined;
  return { quick, postgresUrl, backend: postgresUrl ? 'postgres' : 'pglite' };
}

/**
 * A fresh, migrated database, opened as the tests open theirs (test/support/db.ts): in-memory
 * PGlite, or a schema `bench_<random>` on BENCH_DATABASE_URL's server, dropped again on close.
 * Companies and customers come from test/support/fixtures.ts as well (makeCompany, makeCustomer).
 */
export function openBenchDatabase(options: BenchOptions): Promise<DatabaseHandle> {
  return freshDatabase(options.backend, 10, { url: options.postgresUrl, schemaPrefix: 'bench' });
}

// ---------------------------------------------------------------------------------------------
// Bulk seeding by SQL: many invoices, their vouchers and postings, payments and matches in a few
// statements each, past the services (which are too slow for 100 000 invoices). The triggers still
// open each receivable entry's open item and check each voucher's balance at commit.

/**
 * Bulk seeding without the per-row triggers, inside the caller's transaction: `fn` runs with
 * `session_replication_role = replica`, so the append-only, period-lock, foreign-key and deferred
 * balance and numbering checks do not run a row at a time (a million postings took twenty minutes
 * with them). The triggers that write (postings opening their open items) stay on: `keep` are
 * enabled ALWAYS for `fn` and back to ordinary after it, in the same transaction, so those rules are
 * still the database's own and nothing outlives the transaction. The caller checks in bulk what the
 * skipped triggers would have (`checkVouchersBalanced`). Needs a superuser (PGlite's `postgres`, or
 * BENCH_DATABASE_URL's user); without one, `fn` runs with every trigger.
 */
export async function withoutRowTriggers<T>(
  trx: Db,
  keep: Array<{ table: string; trigger: string }>,
  fn: () => Promise<T>,
): Promise<T> {
  const su = await sql<{ is_superuser: string }>`show is_superuser`.execute(trx);
  if (su.rows[0]?.is_superuser !== 'on') return fn();
  for (const k of keep)
    await sql`alter table ${sql.table(k.table)} enable always trigger ${sql.id(k.trigger)}`.execute(trx);
  await sql`set local session_replication_role = replica`.execute(trx);
  const result = await fn();
  await sql`set local session_replication_role = origin`.execute(trx);
  for (const k of keep) await sql`alter table ${sql.table(k.table)} enable trigger ${sql.id(k.trigger)}`.execute(trx);
  return result;
}

/**
 * What the deferred triggers check per voucher at commit, for a range of voucher numbers in one
 * statement: at least two lines, debits equal to credits. Throws on the first that fails.
 */
export async function checkVouchersBalanced(
  trx: Db,
  companyId: string,
  year: number,
  numbers: { first: number; last: number },
): Promise<void> {
  // Each voucher's lines by the postings_voucher index (as the trigger reads them): a join over the
  // postings without statistics may be planned as a scan of them all, batch after batch.
  const bad = await sql<{ number: number; total: string; lines: number }>`
    select v.number, s.total::text as total, s.lines::int as lines
    from vouchers v
    cross join lateral (select coalesce(sum(p.amount), 0) as total, count(*) as lines from postings p where p.voucher_id = v.id) s
    where v.company_id = ${companyId} and v.fiscal_year = ${year} and v.number between ${numbers.first} and ${numbers.last}
      and (s.total <> 0 or s.lines < 2)
    limit 1`.execute(trx);
  const b = bad.rows[0];
  if (b) throw new Error(`seeded voucher ${year}-${b.number} has ${b.lines} line(s) summing to ${b.total} øre`);
}

/**
 * A full collection, for measuring the heap an operation keeps (not the garbage it leaves): Node's
 * `gc` under --expose-gc, else the same function switched on at run time (V8's flag, then read from
 * a fresh context), so `npm run bench` needs no flag.
 */
export function fullGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** `count` customers `Kunde 1 AS` … `Kunde <count> AS` in `city`, in one statement; their ids in customer-number order. */
export async function insertBulkCustomers(db: Db, companyId: string, count: number, city: string): Promise<string[]> {
  await sql`
    insert into customers (company_id, customer_number, type, name, organization_number, city)
    select ${companyId}::uuid, g, 'company', 'Kunde ' || g || ' AS', null, ${city}::text from generate_series(1, ${count}::int) g`.execute(
    db,
  );
  return (
    await sql<{
      id: string;
    }>`select id from customers where company_id = ${companyId} order by customer_number`.execute(db)
  ).rows.map((r) => r.id);
}

/** A batch of invoices to write, column by column: element i of every array is invoice i. */
export interface BulkInvoices {
  id: string[];
  voucherId: string[];
  number: number[];
  customerId: string[];
  kid: string[];
  issue: string[];
  due: string[];
  net: number[];
  vat: number[];
  /** The fiscal year and number of each invoice's voucher. */
  year: number[];
  voucherNumber: number[];
}

/** An invoice voucher each (`Faktura <number>`, dated the issue date). */
export async function insertInvoiceVouchers(trx: Db, companyId: string, inv: BulkInvoices): Promise<void> {
  await sql`
    insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
    select ${companyId}::uuid, u.voucher_id, u.year, u.number, 'invoice', u.issue, 'Faktura ' || u.invoice_number
    from unnest(${inv.voucherId}::uuid[], ${inv.year}::int[], ${inv.voucherNumber}::int[], ${inv.issue}::date[], ${inv.number}::int[])
      as u(voucher_id, year, number, issue, invoice_number)`.execute(trx);
}

/**
 * The invoices' postings (Dr receivable the total, Cr sales, Cr output VAT 25 %); returns the
 * receivable entries, whose open items the triggers have opened by the statement's end.
 */
export async function insertInvoicePostings(
  trx: Db,
  company: Company,
  inv: BulkInvoices,
): Promise<Array<{ id: number; invoice_id: string }>> {
  const { receivable, outputVat, salesVat25: sales } = company.accounts;
  const entries = await sql<{ id: number; invoice_id: string }>`
    with ins as (
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description)
      select ${company.id}::uuid, u.voucher_id, l.line_no, l.account, l.amount, l.customer_id, l.invoice_id, l.due_date, l.description
      from unnest(${inv.voucherId}::uuid[], ${inv.id}::uuid[], ${inv.customerId}::uuid[], ${inv.number}::int[], ${inv.due}::date[], ${inv.net}::bigint[], ${inv.vat}::bigint[])
        as u(voucher_id, invoice_id, customer_id, invoice_number, due, net, vat)
      cross join lateral (values
        (1, ${receivable}::int, u.net + u.vat, u.customer_id, u.invoice_id, u.due, 'Faktura ' || u.invoice_number),
        (2, ${sales}::int, -u.net, null::uuid, null::uuid, null::date, 'Salg 25 % mva'),
        (3, ${outputVat}::int, -u.vat, null::uuid, null::uuid, null::date, 'Utgående mva 25 %')
      ) as l(line_no, account, amount, customer_id, invoice_id, due_date, description)
      returning id, invoice_id)
    select id, invoice_id from ins where invoice_id is not null`.execute(trx);
  return entries.rows;
}

/** The invoice rows (25 % VAT, no lines), each with its voucher and its receivable entry (`entryIds[i]`). */
export async function insertInvoiceRows(
  trx: Db,
  companyId: string,
  inv: BulkInvoices,
  entryIds: number[],
): Promise<void> {
  await sql`
    insert into invoices (company_id, id, invoice_number, customer_id, issue_date, due_date, kid, net_amount, vat_amount, total_amount, vat_breakdown, voucher_id, posting_id)
    select ${companyId}::uuid, u.id, u.invoice_number, u.customer_id, u.issue, u.due, u.kid, u.net, u.vat, u.net + u.vat,
           jsonb_build_array(jsonb_build_object('rate', 25, 'netAmount', u.net, 'vatAmount', u.vat)), u.voucher_id, u.entry_id
    from unnest(${inv.id}::uuid[], ${inv.number}::int[], ${inv.customerId}::uuid[], ${inv.issue}::date[], ${inv.due}::date[], ${inv.kid}::text[],
                ${inv.net}::bigint[], ${inv.vat}::bigint[], ${inv.voucherId}::uuid[], ${entryIds}::bigint[])
      as u(id, invoice_number, customer_id, issue, due, kid, net, vat, voucher_id, entry_id)`.execute(trx);
}

/** One voucher row. */
export async function insertVoucher(
  trx: Db,
  companyId: string,
  v: { id: string; year: number; number: number; type: 'manual' | 'settlement'; date: string; description: string },
): Promise<void> {
  await sql`
    insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
    values (${companyId}, ${v.id}, ${v.year}, ${v.number}, ${v.type}, ${v.date}, ${v.description})`.execute(trx);
}

/** Payments on invoices, column by column: element i of every array is one credit line. */
export interface ReceiptLines {
  invoiceId: string[];
  customerId: string[];
  amount: number[];
  invoiceNumber: number[];
}

/**
 * A receipt voucher's postings: Dr bank the total (`bankText`), then Cr receivable per invoice
 * (`creditPrefix` and the invoice number); returns the credit lines.
 */
export async function insertReceiptPostings(
  trx: Db,
  company: Company,
  voucherId: string,
  lines: ReceiptLines,
  texts: { bankText: string; creditPrefix: string },
): Promise<Array<{ id: number; invoice_id: string }>> {
  const { bank, receivable } = company.accounts;
  const credits = await sql<{ id: number; invoice_id: string }>`
    with ins as (
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, description)
      select ${company.id}::uuid, ${voucherId}::uuid, 1, ${bank}::int, ${lines.amount.reduce((a, b) => a + b, 0)}::bigint, null, null, ${texts.bankText}
      union all
      select ${company.id}::uuid, ${voucherId}::uuid, 1 + u.ord::int, ${receivable}::int, -u.amount, u.customer_id, u.invoice_id, ${texts.creditPrefix}::text || u.invoice_number
      from unnest(${lines.invoiceId}::uuid[], ${lines.customerId}::uuid[], ${lines.amount}::bigint[], ${lines.invoiceNumber}::int[])
        with ordinality as u(invoice_id, customer_id, amount, invoice_number, ord)
      returning id, invoice_id)
    select id, invoice_id from ins where invoice_id is not null`.execute(trx);
  return credits.rows;
}

/** Matches, column by column: debit entry, credit entry, amount. */
export async function insertMatches(
  trx: Db,
  companyId: string,
  m: { debit: number[]; credit: number[]; amount: number[] },
): Promise<void> {
  await sql`
    insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
    select ${companyId}::uuid, u.debit, u.credit, u.amount
    from unnest(${m.debit}::bigint[], ${m.credit}::bigint[], ${m.amount}::bigint[])
      as u(debit, credit, amount)`.execute(trx);
}

/** The number series, as if the service had handed the numbers out: the vouchers' per year, and invoices 1…invoiceCount. */
export async function fillNumberSeries(db: Db, companyId: string, invoiceCount: number): Promise<void> {
  await sql`
    insert into number_series (company_id, series, year, last_value)
    select ${companyId}::uuid, 'voucher', fiscal_year, max(number) from vouchers where company_id = ${companyId} group by fiscal_year
    union all
    select ${companyId}::uuid, 'invoice', 0, ${invoiceCount}::int
    on conflict (company_id, series, year) do update set last_value = greatest(number_series.last_value, excluded.last_value)`.execute(
    db,
  );
}

/** 1000 → `1k`, 1000000 → `1M`. */
export function sizeLabel(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Queries and their plans

/** Runs `fn` once against a Kysely that captures its queries, and returns them compiled, in order. */
export async function captureQueries(db: Db, fn: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const captured: Array<{ node: RootOperationNode; queryId: QueryId }> = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push({ node: args.node, queryId: args.queryId });
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await fn(db.withPlugin(plugin));
  return captured.map((c) => db.getExecutor().compileQuery(c.node, c.queryId));
}

/** EXPLAIN (ANALYZE, BUFFERS) of the query, a line a row. */
export async function explain(db: Db, query: CompiledQuery): Promise<string[]> {
  const result = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
  );
  return result.rows.map((r) => Object.values(r)[0] ?? '');
}

/** The plan in one line: its nodes (outermost first, without details) and the execution time. */
export function planSummary(plan: string[]): string {
  const nodes = plan
    .filter((l, i) => i === 0 || l.includes('->') || /^\s*SubPlan/.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^->\s*/, '')
        .replace(/\s+\(cost=.*$/, '')
        .replace(/\s+\(actual .*$/, ''),
    );
  const time = plan.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
  return `${nodes.join(' > ')}; ${time}`;
}

// ---------------------------------------------------------------------------------------------
// Timing

export function now(): number {
  return performance.now();
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Prints "label: 10 % … 100 %" as work proceeds, one line per step of 10 %. */
export class Progress {
  #next = 10;
  readonly #started = performance.now();

  constructor(
    readonly label: string,
    readonly total: number,
  ) {
    log(`  ${label}: 0/${total}`);
  }

  update(done: number): void {
    if (this.total <= 0) return;
    const pct = (done / this.total) * 100;
    if (pct < this.#next) return;
    while (this.#next <= pct) this.#next += 10;
    const s = ((performance.now() - this.#started) / 1000).toFixed(1);
    log(`  ${this.label}: ${Math.floor(pct)} % (${done}/${this.total}, ${s} s)`);
  }
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// Profiling statements (a Kysely plugin): how many a unit of work makes, and where its time goes.
// Kysely compiles a query (transformQuery) just before sending it and transforms the result just
// after, so the time between is the statement's round trip. BEGIN and COMMIT do not pass here.

export interface StatementProfile {
  label: string;
  /** Per unit of work (divide by the units given to `report`). */
  count: number;
  ms: number;
}

export class StatementProfiler implements KyselyPlugin {
  readonly #started = new Map<unknown, { label: string; at: number }>();
  readonly #byLabel = new Map<string, { count: number; ms: number }>();

  constructor(readonly compile: (node: RootOperationNode, queryId: QueryId) => string) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#started.set(args.queryId, {
      label: statementLabel(this.compile(args.node, args.queryId)),
      at: performance.now(),
    });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.#started.get(args.queryId);
    if (started) {
      this.#started.delete(args.queryId);
      const entry = this.#byLabel.get(started.label) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - started.at;
      this.#byLabel.set(started.label, entry);
    }
    return args.result;
  }

  reset(): void {
    this.#started.clear();
    this.#byLabel.clear();
  }

  /** Statements in the order first seen, averaged over `units`. */
  report(units: number): StatementProfile[] {
    return [...this.#byLabel].map(([label, e]) => ({ label, count: e.count / units, ms: e.ms / units }));
  }
}

/** "select invoices", "insert postings", "with: update number_series + insert vouchers", "select open_items for update". */
export function statementLabel(text: string): string {
  const q = text.replace(/\s+/g, ' ').trim().toLowerCase();
  const targets = [...q.matchAll(/\b(insert into|update|delete from) "?(\w+)"?/g)].map(
    (m) => `${m[1]!.split(' ')[0]} ${m[2]}`,
  );
  if (q.startsWith('with') && targets.length > 0) return `with: ${targets.join(' + ')}`;
  if (targets.length > 0 && !q.startsWith('select')) return targets[0]!;
  const from = /\bfrom "?(\w+)"?/.exec(q)?.[1] ?? '?';
  return `select ${from}${/for update/.test(q) ? ' for update' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Results and printing

export interface Metric {
  /** Shown in the summary table. */
  name: string;
  value: number;
  unit: string;
  /** An aim such as ">= 0.5" or "<= 2", for ratios. */
  aim?: string;
  met?: boolean;
}

export interface BenchResult {
  name: string;
  title: string;
  seconds: number;
  metrics: Metric[];
  /** Everything else worth keeping in latest.json (sizes, latencies, plans). */
  details: Record<string, unknown>;
}

export function fmt(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'ms') return value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0);
  if (unit === '×' || unit === 'ratio') return value.toFixed(2);
  if (unit === '/s') return value < 100 ? value.toFixed(1) : value.toFixed(0);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The raw-SQL payment (the payment benchmarks' baseline)

/** Pays one invoice (closing it); the benchmarks time these. */
export type PayFn = (invoice: InvoiceSummary) => Promise<void>;

/**
 * The same rows by hand, in the fewest statements: the voucher (stored unnumbered, as the service
 * does) and its two postings in one statement (the triggers open the items as for the service),
 * then payment, match, the voucher's number, the company's event position and the invoice event in
 * another (the event trigger decides the agency as for the service). Two statements between BEGIN
 * and COMMIT; the invoice's ids are known. The baseline of bench/payments.bench.ts and
 * bench/payments-concurrency.bench.ts.
 */
export function rawPay(db: Kysely<Database>, company: Company, paymentDate: string): PayFn {
  const companyId = company.id;
  const { bank, receivable } = company.accounts;
  const year = Number(paymentDate.slice(0, 4));
  return async (invoice) => {
    const voucherId = randomUUID();
    const amount = ore(invoice.totalAmount);
    const label = `Innbetaling faktura ${invoice.invoiceNumber}`;
    await db.transaction().execute(async (trx) => {
      const postings = await sql<{ id: number; line_no: number }>`
        with v as (
          insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
          values (${companyId}, ${voucherId}, ${year}, null, 'payment', ${paymentDate}, ${label}) returning id)
        insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, description)
        select ${companyId}::uuid, v.id, x.line_no, x.account, x.amount, x.customer_id, ${label}::text
        from v, (values (1, ${bank}::int, ${amount}::bigint, null::uuid), (2, ${receivable}::int, ${-amount}::bigint, ${invoice.customerId}::uuid)) as x (line_no, account, amount, customer_id)
        returning id, line_no`.execute(trx);
      const creditId = postings.rows.find((r) => r.line_no === 2)!.id;
      await sql`
        with pay as (
          insert into payments (company_id, customer_id, invoice_id, kid, amount, payment_date, voucher_id, posting_id)
          values (${companyId}, ${invoice.customerId}, ${invoice.id}, ${invoice.kid}, ${amount}, ${paymentDate}, ${voucherId}, ${creditId})),
        m as (
          insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
          values (${companyId}, ${invoice.receivableEntryId}, ${creditId}, ${amount})
          returning id),
        n as (
          update number_series set last_value = last_value + 1
          where company_id = ${companyId} and series = 'voucher' and year = ${year}
          returning last_value),
        nv as (update vouchers set number = (select last_value from n) where company_id = ${companyId} and id = ${voucherId}),
        e as (
          insert into company_event_counters as k (company_id, last_position) values (${companyId}, 1)
          on conflict (company_id) do update set last_position = k.last_position + 1 returning last_position)
        insert into invoice_events (company_position, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount)
        select e.last_position, ${companyId}, ${invoice.id}, 'invoice.payment', ${voucherId}, 'payment', m.id, ${amount}, 0 from m, e`.execute(
        trx,
      );
    });
  };
}
