import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { sendToCollection } from '../../src/collection/handover.service.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';
import { inTransaction } from '../../src/db/transaction.js';
import { updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { DEMO_ORGANIZATION_NUMBER } from '../../src/seed/demo.js';
import { osloToday } from '../../src/shared/dates.js';
import { setMembership } from '../../src/tenancy/user.service.js';
import { POSTGRES_URL } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

/*
 * Several instances on one PostgreSQL (issue 16): three `innfri serve` processes on one database
 * (a schema of its own), started at once — so they migrate and seed the demo at the same moment —
 * and every request spread over them. What is shared must hold across them: sessions, the sign-in
 * throttle, the daily run (once per company and day), webhook deliveries (each event once, in feed
 * order, whichever process sends it) and the agency rate limit (accepted requests counted over all
 * three). PostgreSQL only: PGlite is one process's data folder.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INSTANCES = 3;
const AGENCIES = 8;
const INVOICES_PER_COMPANY = 5;
const PAYMENTS_PER_COMPANY = 2;
const RATE = 1;
const BURST = 30;
const PASSWORD = 'flere-instanser-passord-1';

interface Instance {
  child: ChildProcess;
  url: string;
  output: string;
}

interface Received {
  ids: string[];
  webhookIds: string[];
}

/** The server's answer: status and parsed JSON (or null). */
async function call(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; form?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = options.form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A signed-in accountant: the session cookie and CSRF token, usable against any instance. */
interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, email: string, password: string) {
  const res = await call(url, 'POST', '/api/v1/auth/login', { body: { email, password } });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('innfri_session='));
  return { res, session: cookie ? ({ cookie, csrf: res.body.csrfToken } as Session) : null };
}

const asUser = (s: Session, write = false): Record<string, string> =>
  write ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : { cookie: s.cookie };

function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      INNFRI_AGENCY_RATE: String(RATE),
      INNFRI_AGENCY_BURST: String(BURST),
      INNFRI_ALLOW_PRIVATE_WEBHOOKS: '1',
      INNFRI_SECRET_KEY: '',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { child, url: '', output: '' };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      instance.output += chunk.toString();
      const m = /Innfri is running at (http:\/\/\S+)/.exec(instance.output);
      if (m && !instance.url) {
        instance.url = m[1]!;
        resolve(instance);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      instance.output += chunk.toString();
    });
    child.once('exit', (code) => {
      if (!instance.url) reject(new Error(`the server exited (${code}) before it served:\n${instance.output}`));
    });
  });
}

async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A webhook receiver on 127.0.0.1: records each event's id and webhook-id, in arrival order. */
function startReceiver(): Promise<{ server: Server; url: string; received: Received }> {
  const received: Received = { ids: [], webhookIds: [] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const event = JSON.parse(body) as { id: string };
      received.ids.push(event.id);
      received.webhookIds.push(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received }),
    ),
  );
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!POSTGRES_URL)('three server processes on one PostgreSQL', () => {
  const schema = `test_multi_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${POSTGRES_URL}${POSTGRES_URL?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let instances: Instance[] = [];
  let handle: DatabaseHandle | undefined;
  const receivers: Array<Awaited<ReturnType<typeof startReceiver>>> = [];
  const at = (i: number) => instances[i % INSTANCES]!.url;

  beforeAll(async () => {
    await admin(`create schema ${schema}`);
    // At once: the three migrate and (on the empty database) seed the demo at the same moment.
    const started = await Promise.allSettled(Array.from({ length: INSTANCES }, () => startInstance(databaseUrl)));
    instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    handle = await openDatabase({ kind: 'postgres', url: POSTGRES_URL!, schema, poolSize: 4 });
  }, budget(300_000));

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await Promise.all(receivers.map((r) => new Promise((resolve) => r.server.close(resolve))));
    await handle?.close();
    await admin(`drop schema if exists ${schema} cascade`);
  }, budget(60_000));

  it('started together: each migration applied once, the demo seeded once, no process crashed', async () => {
    const db = handle!.db;
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    const demo = await db
      .selectFrom('companies')
      .select('id')
      .where('organization_number', '=', DEMO_ORGANIZATION_NUMBER)
      .execute();
    expect(demo).toHaveLength(1);
    expect(instances.filter((i) => /Seeded the demo company/.test(i.output))).toHaveLength(1);
    for (const i of instances) expect(i.child.exitCode).toBeNull();
    for (let i = 0; i < INSTANCES; i++) expect((await call(at(i), 'GET', '/health')).status).toBe(200);
  });

  it('a session made on one instance is valid on every instance, and signing out on one ends it on all', async () => {
    const company = await makeCompany(handle!.db, { name: 'Økt AS' });
    const user = await makeUser(handle!.db, company.id, 'accountant', `okt-${schema}@example.no`, PASSWORD);
    const { res, session } = await signIn(at(0), user.email, PASSWORD);
    expect(res.status).toBe(200);
    for (let i = 0; i < INSTANCES; i++) {
      const me = await call(at(i), 'GET', '/api/v1/auth/session', { headers: asUser(session!) });
      expect(me.status, `instance ${i}`).toBe(200);
      expect(me.body.user.email).toBe(user.email);
    }
    expect((await call(at(2), 'POST', '/api/v1/auth/logout', { headers: asUser(session!, true) })).status).toBe(204);
    for (let i = 0; i < INSTANCES; i++)
      expect((await call(at(i), 'GET', '/api/v1/auth/session', { headers: asUser(session!) })).status).toBe(401);
  });

  it('the sign-in throttle counts over all instances: ten wrong passwords spread over three, then 429 on each', async () => {
    const company = await makeCompany(handle!.db, { name: 'Gjetting AS' });
    const user = await makeUser(handle!.db, company.id, 'accountant', `gjett-${schema}@example.no`, PASSWORD);
    // At once, as a guesser would: every attempt takes its place before its password is checked.
    const guesses = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        call(at(i), 'POST', '/api/v1/auth/login', {
          body: { email: user.email, password: `feil-${i}-passord` },
        }),
      ),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    for (let i = 0; i < INSTANCES; i++) {
      const right = await call(at(i), 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: PASSWORD },
      });
      expect(right.status, `instance ${i}`).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it(
    `${AGENCIES} agencies: a daily run asked of all three at once runs once per company; every webhook arrives once and in feed order`,
    async () => {
      const db = handle!.db;
      const today = osloToday();
      const system = { type: 'system', id: null } as const;
      const adminUser = { email: `admin-${schema}@example.no`, password: PASSWORD };
      const worlds: Array<{
        companyId: string;
        agency: { clientId: string; secret: string };
        invoices: Array<{ id: string; kid: string }>;
      }> = [];
      let adminId: string | null = null;
      for (let a = 0; a < AGENCIES; a++) {
        const company = await makeCompany(db, { name: `Klient ${a} AS`, sendsOwnCollectionNotice: false });
        if (adminId === null) adminId = (await makeUser(db, company.id, 'admin', adminUser.email, PASSWORD)).id;
        else {
          const id = adminId;
          await inTransaction(db, (trx) => setMembership(trx, company.id, id, 'admin'));
        }
        const created = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: `Inkasso ${a} AS` }));
        await inTransaction(db, (trx) =>
          setAgencyActivation(trx, company.id, created.agency.id, { active: true, isDefault: true }, null),
        );
        const customer = await makeCustomer(db, company.id, { name: `Skyldner ${a} AS` });
        const invoices: Array<{ id: string; kid: string }> = [];
        for (let n = 0; n < INVOICES_PER_COMPANY; n++) {
          const invoice = await makeInvoice(db, company.id, customer.id, 40_000 + n * 1_000, {
            issueDate: '2026-09-01',
            dueDate: '2026-09-15',
          });
          // On the draft list: the daily run's auto-approval takes them to the agency.
          await inTransaction(db, (trx) =>
            sendToCollection(trx, company.id, invoice.id, { agencyId: created.agency.id, today }, system),
          );
          invoices.push({ id: invoice.id, kid: invoice.kid! });
        }
        await inTransaction(db, (trx) => updateDunningSettings(trx, company.id, { autoApprove: true }, today));
        worlds.push({
          companyId: company.id,
          agency: { clientId: created.agency.clientId, secret: created.clientSecret },
          invoices,
        });
      }

      // Each agency signs in and subscribes its webhook, on the instances in turn.
      const tokens: string[] = [];
      for (let a = 0; a < AGENCIES; a++) {
        const w = worlds[a]!;
        const basic = Buffer.from(`${w.agency.clientId}:${w.agency.secret}`).toString('base64');
        const token = await call(at(a), 'POST', '/oauth/token', {
          form: 'grant_type=client_credentials',
          headers: { authorization: `Basic ${basic}` },
        });
        expect(token.status).toBe(200);
        tokens.push(token.body.access_token);
        const receiver = await startReceiver();
        receivers.push(receiver);
        const put = await call(at(a + 1), 'PUT', '/agency/v1/webhook', {
          body: { url: receiver.url, secret: `whsec_${randomBytes(24).toString('base64')}` },
          headers: { authorization: `Bearer ${token.body.access_token}` },
        });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
      }

      // The daily run of every company asked of all three instances at the same moment.
      const { session } = await signIn(at(0), adminUser.email, PASSWORD);
      const runs = await Promise.all(
        worlds.flatMap((w) =>
          Array.from({ length: INSTANCES }, (_, i) =>
            call(at(i), 'POST', `/api/v1/companies/${w.companyId}/daily-run`, { headers: asUser(session!, true) }),
          ),
        ),
      );
      for (const r of runs) expect(r.status, JSON.stringify(r.body)).toBe(200);
      for (const w of worlds) {
        const mine = runs.filter((r) => r.body.companyId === w.companyId);
        expect(mine).toHaveLength(INSTANCES);
        // Exactly one of the three ran it, and it approved every draft; the others found it done.
        expect(mine.filter((r) => r.body.ran)).toHaveLength(1);
        expect(mine.find((r) => r.body.ran)!.body.autoApproved).toBe(INVOICES_PER_COMPANY);
        const dailyRuns = await db
          .selectFrom('daily_runs')
          .select('run_date')
          .where('company_id', '=', w.companyId)
          .execute();
        expect(dailyRuns).toHaveLength(1);
        const approved = await db
          .selectFrom('handovers')
          .select('id')
          .where('company_id', '=', w.companyId)
          .where('state', '=', 'approved')
          .execute();
        expect(approved).toHaveLength(INVOICES_PER_COMPANY);
      }

      // Payments on handed-over invoices, sent to the instances in turn, all at once: more events.
      const payments = await Promise.all(
        worlds.flatMap((w, a) =>
          w.invoices.slice(0, PAYMENTS_PER_COMPANY).map((inv, n) =>
            call(at(a + n), 'POST', `/api/v1/companies/${w.companyId}/payments`, {
              body: { kid: inv.kid, amount: 10_000, paymentDate: today },
              headers: asUser(session!, true),
            }),
          ),
        ),
      );
      for (const p of payments) expect(p.status, JSON.stringify(p.body)).toBe(201);

      // Each agency's feed, read from any instance, is what its receiver must get, in that order.
      const feeds: string[][] = [];
      for (let a = 0; a < AGENCIES; a++) {
        const feed = await call(at(a + 2), 'GET', '/agency/v1/events?limit=1000', {
          headers: { authorization: `Bearer ${tokens[a]}` },
        });
        expect(feed.status).toBe(200);
        const ids = (feed.body.data as Array<{ id: string; type: string }>).map((e) => e.id);
        expect(ids).toHaveLength(INVOICES_PER_COMPANY + PAYMENTS_PER_COMPANY);
        feeds.push(ids);
      }
      // Bounded wait for the workers (each instance runs one; they share the subscriptions).
      const deadline = Date.now() + budget(120_000);
      while (receivers.some((r, a) => r.received.ids.length < feeds[a]!.length) && Date.now() < deadline)
        await sleep(200);
      // Then a little longer: a second delivery of anything would show up now.
      await sleep(3_000);
      for (let a = 0; a < AGENCIES; a++) {
        const got = receivers[a]!.received;
        expect(got.ids, `agency ${a}`).toEqual(feeds[a]);
        expect(new Set(got.webhookIds).size).toBe(got.webhookIds.length);
      }
      // Every attempt recorded is a success: nothing was sent twice or failed over.
      const attempts = await sql<{ n: string }>`select count(*) as n from webhook_attempts`.execute(db);
      expect(Number(attempts.rows[0]!.n)).toBe(feeds.flat().length);
    },
    budget(600_000),
  );

  it(`the agency rate limit holds over all instances: a burst of ${BURST * INSTANCES} requests spread over three`, async () => {
    const db = handle!.db;
    const created = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Brå Inkasso AS' }));
    const basic = Buffer.from(`${created.agency.clientId}:${created.clientSecret}`).toString('base64');
    const token = await call(at(0), 'POST', '/oauth/token', {
      form: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${basic}` },
    });
    expect(token.status).toBe(200);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: BURST * INSTANCES }, (_, i) =>
        call(at(i), 'GET', '/agency/v1/clients', {
          headers: { authorization: `Bearer ${token.body.access_token}` },
        }).then((r) => ({ instance: i % INSTANCES, status: r.status })),
      ),
    );
    const elapsed = (Date.now() - started) / 1000;
    const accepted = answers.filter((a) => a.status === 200).length;
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429)).toEqual([]);
    // The burst, plus what the bucket refilled meanwhile; one process each would have allowed 3 × BURST.
    expect(accepted).toBeGreaterThanOrEqual(BURST);
    expect(accepted).toBeLessThanOrEqual(BURST + Math.ceil(elapsed * RATE) + 1);
    for (let i = 0; i < INSTANCES; i++) expect(answers.some((a) => a.instance === i)).toBe(true);
    console.log(
      `rate limit over ${INSTANCES} instances: ${accepted} of ${answers.length} accepted in ${elapsed.toFixed(1)} s (burst ${BURST}, ${RATE}/s)`,
    );
  });
});
