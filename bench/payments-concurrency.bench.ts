/**
 * Benchmark: payments under concurrency (issue 15). Eight clients at once, each posting payments
 * one after another over real HTTP (sockets, session cookie, CSRF), against a raw-SQL baseline
 * that writes the same rows with eight connections:
 *
 * - `raw 8 companies`: 8 connections, connection i pays invoices of company i (the baseline);
 * - `raw 1 company`: 8 connections on one company (they queue on its voucher-number row);
 * - `HTTP 8 companies`: 8 clients, client i signed in to company i, one server instance;
 * - `HTTP 1 company`: 8 clients (8 users, 8 sessions) on one company, one instance;
 * - `HTTP 8 companies, 2 instances` (PostgreSQL only): clients 0–3 on one server process, 4–7 on
 *   another, both on the same database.
 *
 * On PostgreSQL the server instances are child processes (bench/serve-instance.ts), so one
 * instance has one event loop and two have two; on PGlite (one connection in this process) the one
 * instance is served from this process and two instances are not meaningful.
 *
 * Every payment closes a fresh invoice. Ratios from one run are what count (the machine is shared).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { inTransaction } from '../src/db/transaction.js';
import { createInvoice, type InvoiceSummary } from '../src/sales/invoice.service.js';
import { ore } from '../src/shared/money.js';
import type { Company } from '../src/tenancy/company.js';
import { makeCompany, makeCustomer, makeUser } from '../test/support/fixtures.js';
import {
  type BenchOptions,
  type BenchResult,
  log,
  median,
  now,
  openBenchDatabase,
  type PayFn,
  percentile,
  Progress,
  rawPay,
  StatementProfiler,
  sum,
} from './support.js';

const ISSUE_DATE = '2026-03-01';
const DUE_DATE = '2026-03-15';
const PAYMENT_DATE = '2026-03-20';
const PASSWORD = 'bench horse battery staple';
const CLIENTS = 8;

type Scenario = 'raw8' | 'raw1' | 'http8' | 'http1' | 'http8x2';

interface Outcome {
  payments: number;
  seconds: number;
  perSecond: number;
  medianMs: number;
  p95Ms: number;
}

export async function paymentsConcurrencyBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const perClient = options.quick ? 25 : 150;
  const postgres = options.backend === 'postgres';
  const scenarios: Scenario[] = postgres
    ? ['raw8', 'raw1', 'http8', 'http1', 'http8x2']
    : ['raw8', 'raw1', 'http8', 'http1'];
  log(`\n[payments-concurrency] ${CLIENTS} clients × ${perClient} payments per scenario: ${scenarios.join(', ')}`);

  const handle = await openBenchDatabase(options);
  const children: ChildProcess[] = [];
  const closers: Array<() => Promise<void>> = [];
  try {
    const { db } = handle;
    const companies: Company[] = [];
    const customers: string[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const company = await makeCompany(db, { name: `Bench Samtidig ${c + 1} AS` });
      companies.push(company);
      customers.push((await makeCustomer(db, company.id, { name: `Betaler ${c + 1} AS` })).id);
    }
    // Users: one per company (the 8-company scenarios) and 8 on company 0 (the one-company ones).
    const users8 = await Promise.all(
      companies.map((co, c) =>
        makeUser(db, co.id, 'accountant', `bench-c${c}-${co.id.slice(0, 8)}@example.no`, PASSWORD),
      ),
    );
    const users1 = [users8[0]!];
    for (let k = 1; k < CLIENTS; k++)
      users1.push(
        await makeUser(
          db,
          companies[0]!.id,
          'accountant',
          `bench-one-${k}-${companies[0]!.id.slice(0, 8)}@example.no`,
          PASSWORD,
        ),
      );

    // Invoices: per scenario and client, `perClient` of them on the client's company.
    const companyOf = (s: Scenario, client: number) => (s === 'raw1' || s === 'http1' ? 0 : client);
    const need = new Map<number, number>();
    for (const s of scenarios)
      for (let k = 0; k < CLIENTS; k++) need.set(companyOf(s, k), (need.get(companyOf(s, k)) ?? 0) + perClient);
    need.set(1, (need.get(1) ?? 0) + 22); // for counting the statements of an HTTP payment, without and with a key
    const progress = new Progress('seeding invoices', sum([...need.values()]));
    let seeded = 0;
    const pool = new Map<number, InvoiceSummary[]>();
    await Promise.all(
      [...need].map(async ([c, count]) => {
        const list: InvoiceSummary[] = [];
        for (let i = 0; i < count; i += 50) {
          const batch = await inTransaction(db, async (trx) => {
            const out: InvoiceSummary[] = [];
            for (let j = i; j < Math.min(count, i + 50); j++)
              out.push(
                await createInvoice(
                  trx,
                  companies[c]!.id,
                  {
                    customerId: customers[c]!,
                    issueDate: ISSUE_DATE,
                    dueDate: DUE_DATE,
                    lines: [
                      {
                        description: 'Arbeid',
                        quantity: 1,
                        unitPrice: ore(10_000 + ((j * 7919) % 500_000)),
                        vatRate: 25,
                      },
                    ],
                  },
                  null,
                ),
              );
            return out;
          });
          list.push(...batch);
          seeded += batch.length;
          progress.update(seeded);
        }
        pool.set(c, list);
      }),
    );
    const take = (c: number) => pool.get(c)!.splice(0, perClient);
    const spareForCount = pool.get(1)!.splice(-22);

    // Server instances.
    const instanceUrls: string[] = [];
    if (postgres) {
      const target = handle.target;
      if (target.kind !== 'postgres' || !target.schema) throw new Error('the bench database has no schema');
      for (let k = 0; k < 2; k++) {
        const { url, child } = await spawnInstance(target.url, target.schema);
        children.push(child);
        instanceUrls.push(url);
      }
    } else {
      const server = await startInProcess(db);
      closers.push(server.close);
      instanceUrls.push(server.url);
    }

    const outcomes = {} as Record<Scenario, Outcome>;
    for (const s of scenarios) {
      let fns: PayFn[];
      if (s === 'raw8' || s === 'raw1') {
        fns = Array.from({ length: CLIENTS }, (_, k) => rawPay(db, companies[companyOf(s, k)]!, PAYMENT_DATE));
      } else {
        const users = s === 'http1' ? users1 : users8;
        fns = await Promise.all(
          users.map((u, k) =>
            httpClient(
              s === 'http8x2' ? instanceUrls[k < CLIENTS / 2 ? 0 : 1]! : instanceUrls[0]!,
              u.email,
              companies[companyOf(s, k)]!.id,
            ),
          ),
        );
      }
      const work = fns.map((fn, k) => ({ fn, invoices: take(companyOf(s, k)) }));
      // A short warm-up per client (connections, JIT), not counted: the first 5 invoices.
      await Promise.all(
        work.map(async (w) => {
          for (const inv of w.invoices.splice(0, 5)) await w.fn(inv);
        }),
      );
      const latencies: number[] = [];
      const t0 = now();
      await Promise.all(
        work.map(async (w) => {
          for (const inv of w.invoices) {
            const a = now();
            await w.fn(inv);
            latencies.push(now() - a);
          }
        }),
      );
      const seconds = (now() - t0) / 1000;
      outcomes[s] = {
        payments: latencies.length,
        seconds,
        perSecond: latencies.length / seconds,
        medianMs: median(latencies),
        p95Ms: percentile(latencies, 0.95),
      };
      log(
        `  ${s}: ${outcomes[s].perSecond.toFixed(0)}/s (${latencies.length} in ${seconds.toFixed(2)} s, median ${outcomes[s].medianMs.toFixed(1)} ms)`,
      );
    }

    // Statements per HTTP payment, counted in-process (a Kysely plugin sees every statement but BEGIN/COMMIT).
    const statements = await countHttpStatements(db, users8[1]!.email, companies[1]!.id, spareForCount, false);
    log(
      `  statements per HTTP payment (BEGIN/COMMIT not counted): ${statements.count} — ${statements.labels.join('; ')}`,
    );
    const keyedStatements = await countHttpStatements(db, users8[1]!.email, companies[1]!.id, spareForCount, true);
    log(`  with an Idempotency-Key: ${keyedStatements.count} — ${keyedStatements.labels.join('; ')}`);

    const check = await sql<{ open_invoices: number; unbalanced: number }>`
      select
        (select count(*) from payments p join invoices i on i.id = p.invoice_id join open_items o on o.posting_id = i.posting_id where o.open_amount <> 0)::int as open_invoices,
        (select count(*) from (select voucher_id from postings group by voucher_id having sum(amount) <> 0) x)::int as unbalanced`.execute(
      db,
    );
    const c = check.rows[0]!;
    if (c.open_invoices !== 0 || c.unbalanced !== 0)
      log(`  WARNING: ${c.open_invoices} paid invoices still open, ${c.unbalanced} vouchers do not balance`);

    const r = (s: Scenario) => outcomes[s]?.perSecond ?? Number.NaN;
    const metrics: BenchResult['metrics'] = [
      ...scenarios.map((s) => ({ name: `${s} payments/s`, value: r(s), unit: '/s' })),
      {
        name: 'HTTP 8 companies / raw 8 companies',
        value: r('http8') / r('raw8'),
        unit: '×',
        aim: '>= 0.5',
        met: r('http8') / r('raw8') >= 0.5,
      },
      {
        name: 'HTTP 1 company / raw 8 companies',
        value: r('http1') / r('raw8'),
        unit: '×',
        aim: '>= 0.35',
        met: r('http1') / r('raw8') >= 0.35,
      },
      { name: 'HTTP 1 company / raw 1 company', value: r('http1') / r('raw1'), unit: '×' },
      { name: 'statements per HTTP payment', value: statements.count, unit: '' },
      { name: 'statements per HTTP payment with an Idempotency-Key', value: keyedStatements.count, unit: '' },
    ];
    if (postgres)
      metrics.push({
        name: '2 instances / 1 instance (8 companies)',
        value: r('http8x2') / r('http8'),
        unit: '×',
        aim: '>= 1.6',
        met: r('http8x2') / r('http8') >= 1.6,
      });
    return {
      name: 'payments-concurrency',
      title: 'Payments with 8 clients at once: HTTP against raw SQL, one and two instances',
      seconds: (now() - started) / 1000,
      metrics,
      details: { clients: CLIENTS, perClient, outcomes, statements, keyedStatements, sanity: c },
    };
  } finally {
    for (const close of closers) await close().catch(() => undefined);
    for (const child of children) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit').catch(() => undefined);
    }
    await handle.close();
  }
}

async function spawnInstance(url: string, schema: string): Promise<{ url: string; child: ChildProcess }> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'serve-instance.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, BENCH_INSTANCE_URL: url, BENCH_INSTANCE_SCHEMA: schema },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const port = (JSON.parse(line) as { port: number }).port;
    return { url: `http://127.0.0.1:${port}`, child };
  }
  throw new Error('the server instance exited before it served');
}

async function startInProcess(db: Db): Promise<{ url: string; close: () => Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  const { createApp } = await import('../src/app/app.js');
  const { DEFAULT_CONFIG } = await import('../src/server.js');
  const app = createApp(db, DEFAULT_CONFIG);
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => s.close(() => done())),
      }),
    );
  });
}

/** Signs in over HTTP and returns a function that posts one payment with that session (`keyed`: each with an Idempotency-Key of its own). */
async function httpClient(base: string, email: string, companyId: string, keyed = false): Promise<PayFn> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const session = /innfri_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error('login set no innfri_session cookie');
  const headers = {
    'content-type': 'application/json',
    cookie: `innfri_session=${session}`,
    'x-csrf-token': csrfToken,
  };
  const url = `${base}/api/v1/companies/${companyId}/payments`;
  return async (invoice) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: keyed ? { ...headers, 'idempotency-key': randomUUID() } : headers,
      body: JSON.stringify({ kid: invoice.kid, amount: invoice.totalAmount, paymentDate: PAYMENT_DATE }),
    });
    if (res.status !== 201) throw new Error(`POST payments: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
}

/** Statements of 10 HTTP payments through an in-process app whose database counts them. */
async function countHttpStatements(
  db: Db,
  email: string,
  companyId: string,
  spare: InvoiceSummary[],
  keyed: boolean,
): Promise<{ count: number; labels: string[] }> {
  const invoices = spare.splice(0, 10);
  if (invoices.length === 0) return { count: Number.NaN, labels: [] };
  const profiler = new StatementProfiler((node, queryId) => db.getExecutor().compileQuery(node, queryId).sql);
  const pdb = db.withPlugin(profiler);
  const server = await startInProcess(pdb);
  try {
    const pay = await httpClient(server.url, email, companyId, keyed);
    await pay(invoices.shift()!); // the first one warms caches that later payments find warm
    profiler.reset();
    for (const inv of invoices) await pay(inv);
    const report = profiler.report(invoices.length);
    return {
      count: sum(report.map((s) => s.count)),
      labels: report.map((s) => `${s.count === 1 ? '' : `${s.count}× `}${s.label}`),
    };
  } finally {
    await server.close();
  }
}
