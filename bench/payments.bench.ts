/**
 * Benchmark 1: payments posted and matched per second, through the service (and through HTTP
 * in-process) against a raw-SQL baseline that writes the same rows with the fewest statements.
 *
 * Three sets of N open invoices, one per path, so every payment closes a fresh invoice. The paths
 * run one after another (one writer), interleaved in rounds with a rotating order so that the
 * growing tables weigh on each path alike.
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { inTransaction } from '../src/db/transaction.js';
import { createApp } from '../src/app/app.js';
import { createInvoice, type InvoiceSummary } from '../src/sales/invoice.service.js';
import { registerPayment } from '../src/sales/payment.service.js';
import { DEFAULT_CONFIG } from '../src/server.js';
import { ore } from '../src/shared/money.js';
import {
  type BenchOptions,
  type BenchResult,
  log,
  type PayFn,
  rawPay,
  median,
  now,
  openBenchDatabase,
  percentile,
  Progress,
  type StatementProfile,
  StatementProfiler,
  sum,
} from './support.js';
import { makeCompany, makeCustomer, makeUser } from '../test/support/fixtures.js';

const ISSUE_DATE = '2026-03-01';
const DUE_DATE = '2026-03-15';
const PAYMENT_DATE = '2026-03-20';
const PASSWORD = 'bench horse battery staple';

type Path = 'service' | 'http' | 'raw';
const PATHS: Path[] = ['service', 'http', 'raw'];

export async function paymentsBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const n = options.quick ? 200 : 2000;
  const warmup = options.quick ? 10 : 50;
  const rounds = 20;
  const profiled = options.quick ? 20 : 100;
  log(
    `\n[payments] ${n} payments per path (service, HTTP, raw SQL), ${warmup} warm-up each, ${rounds} interleaved rounds`,
  );

  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const company = await makeCompany(db, { name: 'Bench Betaling AS' });
    const customer = await makeCustomer(db, company.id, { name: 'Betaler AS' });

    // --- seed: open invoices through the service, 50 to a transaction
    const perPath = warmup + n + profiled;
    const total = perPath * PATHS.length;
    const invoices: InvoiceSummary[] = [];
    const progress = new Progress('seeding invoices', total);
    const seedStart = now();
    const BATCH = 50;
    for (let i = 0; i < total; i += BATCH) {
      const batch = await inTransaction(db, async (trx) => {
        const out: InvoiceSummary[] = [];
        for (let j = i; j < Math.min(total, i + BATCH); j++) {
          out.push(
            await createInvoice(
              trx,
              company.id,
              {
                customerId: customer.id,
                issueDate: ISSUE_DATE,
                dueDate: DUE_DATE,
                lines: [
                  { description: 'Arbeid', quantity: 1, unitPrice: ore(10_000 + ((j * 7919) % 500_000)), vatRate: 25 },
                ],
              },
              null,
            ),
          );
        }
        return out;
      });
      invoices.push(...batch);
      progress.update(invoices.length);
    }
    const seedSeconds = (now() - seedStart) / 1000;

    // Split: each path gets its warm-up invoices and its measured invoices, taken alternately
    // so that no path gets systematically older or newer invoices.
    const sets = new Map<Path, InvoiceSummary[]>(PATHS.map((p) => [p, []]));
    for (const [i, inv] of invoices.entries()) sets.get(PATHS[i % PATHS.length]!)!.push(inv);

    const pay: Record<Path, PayFn> = {
      service: servicePay(db, company.id),
      http: await httpPay(db, company.id),
      raw: rawPay(db, company, PAYMENT_DATE),
    };

    // --- warm up, then measure in rotating rounds
    for (let i = 0; i < warmup; i++) for (const path of PATHS) await pay[path](sets.get(path)!.shift()!);

    const latencies: Record<Path, number[]> = { service: [], http: [], raw: [] };
    // CPU time of this process per path: on PGlite the database works in this process too, so it
    // counts all of a payment's work and hardly any of other processes' (steadier on a busy machine).
    const cpuMs: Record<Path, number> = { service: 0, http: 0, raw: 0 };
    const measureProgress = new Progress('measuring payments', n * PATHS.length);
    let done = 0;
    for (let r = 0; r < rounds; r++) {
      const order = PATHS.map((_, k) => PATHS[(k + r) % PATHS.length]!);
      const size = Math.floor((n * (r + 1)) / rounds) - Math.floor((n * r) / rounds);
      for (const path of order) {
        const set = sets.get(path)!;
        const ms = latencies[path];
        const cpu0 = process.cpuUsage();
        for (let k = 0; k < size; k++) {
          const invoice = set.shift()!;
          const t0 = now();
          await pay[path](invoice);
          ms.push(now() - t0);
        }
        const cpu = process.cpuUsage(cpu0);
        cpuMs[path] += (cpu.user + cpu.system) / 1000;
        done += size;
        measureProgress.update(done);
      }
    }

    // --- afterwards, not timed as above: statements per payment and where the time goes
    const profiles = {} as Record<Path, StatementProfile[]>;
    const profiledMs = {} as Record<Path, number>;
    for (const path of PATHS) {
      const profiler = new StatementProfiler((node, queryId) => db.getExecutor().compileQuery(node, queryId).sql);
      const pdb = db.withPlugin(profiler);
      const fn =
        path === 'service'
          ? servicePay(pdb, company.id)
          : path === 'raw'
            ? rawPay(pdb, company, PAYMENT_DATE)
            : await httpPay(pdb, company.id, false);
      profiler.reset(); // the HTTP path has just signed in: those statements are not the payment's
      const set = sets.get(path)!;
      const t0 = now();
      for (let k = 0; k < profiled; k++) await fn(set.shift()!);
      profiledMs[path] = (now() - t0) / profiled;
      profiles[path] = profiler.report(profiled);
    }
    const statements = Object.fromEntries(PATHS.map((p) => [p, sum(profiles[p].map((s) => s.count))])) as Record<
      Path,
      number
    >;
    for (const path of PATHS) {
      const inStatements = sum(profiles[path].map((s) => s.ms));
      log(
        `  ${path}: ${statements[path]} statements per payment (BEGIN/COMMIT not counted), ${profiledMs[path].toFixed(2)} ms a payment while profiled, ${inStatements.toFixed(2)} ms of it in statements:`,
      );
      log(
        profiles[path]
          .map((s) => `    ${s.ms.toFixed(3).padStart(7)} ms  ${s.count === 1 ? '' : `${s.count}× `}${s.label}`)
          .join('\n'),
      );
    }

    // --- sanity: every measured invoice is closed, and the ledger balances
    const check = await sql<{ open_invoices: number; unbalanced: number; payments: number }>`
      select
        (select count(*) from invoices i join open_items o on o.posting_id = i.posting_id where i.company_id = ${company.id} and o.open_amount <> 0)::int as open_invoices,
        (select count(*) from (select voucher_id from postings where company_id = ${company.id} group by voucher_id having sum(amount) <> 0) x)::int as unbalanced,
        (select count(*) from payments where company_id = ${company.id})::int as payments`.execute(db);
    const c = check.rows[0]!;
    if (c.open_invoices !== 0 || c.unbalanced !== 0 || c.payments !== total) {
      log(
        `  WARNING: after the run ${c.open_invoices} invoices are still open, ${c.unbalanced} vouchers do not balance, ${c.payments}/${total} payments`,
      );
    }

    const rate = (p: Path) => latencies[p].length / (sum(latencies[p]) / 1000);
    const rates = { service: rate('service'), http: rate('http'), raw: rate('raw') };
    const serviceRatio = rates.service / rates.raw;
    const httpRatio = rates.http / rates.raw;
    const cpuRatio = { service: cpuMs.raw / cpuMs.service, http: cpuMs.raw / cpuMs.http };
    const perPathDetails = Object.fromEntries(
      PATHS.map((p) => [
        p,
        {
          payments: latencies[p].length,
          perSecond: rates[p],
          medianMs: median(latencies[p]),
          p95Ms: percentile(latencies[p], 0.95),
          maxMs: Math.max(...latencies[p]),
          statementsPerPayment: statements[p],
          profiledMsPerPayment: profiledMs[p],
          statementProfile: profiles[p],
        },
      ]),
    );
    log(
      `  service ${rates.service.toFixed(0)}/s, HTTP ${rates.http.toFixed(0)}/s, raw ${rates.raw.toFixed(0)}/s; ` +
        `CPU ms a payment: service ${(cpuMs.service / n).toFixed(2)}, HTTP ${(cpuMs.http / n).toFixed(2)}, raw ${(cpuMs.raw / n).toFixed(2)}`,
    );
    return {
      name: 'payments',
      title: 'Payments posted and matched per second',
      seconds: (now() - started) / 1000,
      metrics: [
        { name: 'service payments/s', value: rates.service, unit: '/s' },
        { name: 'HTTP payments/s', value: rates.http, unit: '/s' },
        { name: 'raw SQL payments/s', value: rates.raw, unit: '/s' },
        { name: 'service median latency', value: median(latencies.service), unit: 'ms' },
        { name: 'HTTP median latency', value: median(latencies.http), unit: 'ms' },
        { name: 'raw SQL median latency', value: median(latencies.raw), unit: 'ms' },
        { name: 'service / raw', value: serviceRatio, unit: '×', aim: '>= 0.5', met: serviceRatio >= 0.5 },
        { name: 'HTTP / raw', value: httpRatio, unit: '×', aim: '>= 0.5', met: httpRatio >= 0.5 },
        ...(options.backend === 'pglite'
          ? [
              { name: 'service / raw by CPU time', value: cpuRatio.service, unit: '×' },
              { name: 'HTTP / raw by CPU time', value: cpuRatio.http, unit: '×' },
            ]
          : []),
      ],
      details: {
        paymentsPerPath: n,
        warmupPerPath: warmup,
        profiledPerPath: profiled,
        rounds,
        seedInvoices: total,
        seedSeconds,
        paths: perPathDetails,
        cpuMsPerPayment: Object.fromEntries(PATHS.map((p) => [p, cpuMs[p] / n])),
        sanity: c,
        rawStatements:
          'BEGIN; (insert vouchers + insert postings ×2); (insert payments + insert matches + update number_series + number the voucher + upsert company_event_counters + insert invoice_events); COMMIT — ids known up front, no KID lookup',
        httpNotes: 'in-process app.request, session cookie + X-CSRF-Token, no Idempotency-Key',
      },
    };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The three paths

function servicePay(db: Db, companyId: string): PayFn {
  return async (invoice) => {
    await inTransaction(db, (trx) =>
      registerPayment(
        trx,
        companyId,
        { kid: invoice.kid, amount: invoice.totalAmount, paymentDate: PAYMENT_DATE },
        null,
      ),
    );
  };
}

/** Signs a user in through the API and posts payments with its session cookie and CSRF token. */
async function httpPay(db: Db, companyId: string, createTheUser = true): Promise<PayFn> {
  const email = `bench-${companyId.slice(0, 8)}@example.no`;
  if (createTheUser) await makeUser(db, companyId, 'accountant', email, PASSWORD);
  const app = createApp(db, DEFAULT_CONFIG);
  const login = await app.request('/api/v1/auth/login', {
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
  const path = `/api/v1/companies/${companyId}/payments`;
  return async (invoice) => {
    const res = await app.request(path, {
      method: 'POST',
      headers,
      body: JSON.stringify({ kid: invoice.kid, amount: invoice.totalAmount, paymentDate: PAYMENT_DATE }),
    });
    if (res.status !== 201) throw new Error(`POST payments: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
}
