/**
 * Shared pieces of the benchmarks: options, a fresh database per benchmark, timing and printing.
 * Benchmarks measure and print; they assert nothing.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type KyselyPlugin, Migrator, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryId, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import pg from 'pg';
import { type Db, type DatabaseHandle, type DatabaseTarget, migrateToLatest, openDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { inTransaction } from '../src/db/transaction.js';
import { makeBankAccount } from '../src/formats/bank-account.js';
import { makeOrganizationNumber } from '../src/formats/orgnr.js';
import { createCustomer } from '../src/sales/customer.service.js';
import type { Customer } from '../src/sales/customer.js';
import type { Company } from '../src/tenancy/company.js';
import { createCompany } from '../src/tenancy/company.service.js';

export interface BenchOptions {
  quick: boolean;
  /** Set when BENCH_DATABASE_URL is: the benchmarks run in a fresh schema on that server. */
  postgresUrl: string | undefined;
  backend: 'pglite' | 'postgres';
}

export function benchOptions(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  const quick = argv.includes('--quick') || ['1', 'true', 'yes'].includes((process.env.BENCH_QUICK ?? '').toLowerCase());
  const postgresUrl = process.env.BENCH_DATABASE_URL || undefined;
  return { quick, postgresUrl, backend: postgresUrl ? 'postgres' : 'pglite' };
}

/** A fresh, migrated database: in-memory PGlite, or a schema `bench_<random>` dropped again on close. */
export async function openBenchDatabase(options: BenchOptions): Promise<DatabaseHandle> {
  if (!options.postgresUrl) {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(handle.db);
    return handle;
  }
  const url = options.postgresUrl;
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  const target: DatabaseTarget = { kind: 'postgres', url, schema };
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(target);
    await migrateInSchema(handle.db, schema);
  } catch (error) {
    await adminQuery(url, `drop schema ${schema} cascade`).catch(() => undefined);
    throw error;
  }
  return {
    ...handle,
    async close() {
      try {
        await handle.close();
      } finally {
        await adminQuery(url, `drop schema ${schema} cascade`);
      }
    },
  };
}

/**
 * migrateToLatest(db), but with Kysely's migration tables looked up in `schema` only. Without
 * `migrationTableSchema`, Kysely's Migrator decides whether kysely_migration(_lock) exist by
 * introspecting every schema on the server: while another schema (a test run's, say) has them, it
 * skips creating ours and fails with 'relation "kysely_migration_lock" does not exist'.
 */
async function migrateInSchema(db: Db, schema: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures (the ideas of test/support/fixtures.ts, built on src/ only)

let orgCounter = 0;

export function uniqueOrgnr(): string {
  for (;;) {
    orgCounter += 1;
    const n = makeOrganizationNumber(`9${String((Date.now() % 1_000_000) * 10 + orgCounter).padStart(7, '0').slice(-7)}`);
    if (n) return n;
  }
}

export function validBankAccount(): string {
  for (let i = 0; ; i++) {
    const n = makeBankAccount(`15031234${String(i).padStart(2, '0')}`);
    if (n) return n;
  }
}

export async function benchCompany(db: Db, name: string): Promise<Company> {
  return inTransaction(db, (trx) => createCompany(trx, { name, organizationNumber: uniqueOrgnr(), bankAccount: validBankAccount() }, null));
}

export async function benchCustomer(db: Db, companyId: string, name: string): Promise<Customer> {
  return inTransaction(db, (trx) => createCustomer(trx, companyId, { type: 'company', name }));
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
    this.#started.set(args.queryId, { label: statementLabel(this.compile(args.node, args.queryId)), at: performance.now() });
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
  const targets = [...q.matchAll(/\b(insert into|update|delete from) "?(\w+)"?/g)].map((m) => `${m[1]!.split(' ')[0]} ${m[2]}`);
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
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
