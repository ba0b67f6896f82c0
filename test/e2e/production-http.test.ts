import { randomBytes } from 'node:crypto';
import { createServer, type Server, Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { loadSettings } from '../../src/app/config.js';
import type { DatabaseTarget } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { appConfigFrom, type RunningServer, startServer } from '../../src/server.js';
import { AgencyClient } from '../support/agency-client.js';
import { BACKENDS, type Backend, POSTGRES_URL } from '../support/db.js';
import { makeCompany, makeUser } from '../support/fixtures.js';
import { ApiClient, sessionSetCookie } from '../support/http.js';
import { capturedLogger, overHttp } from '../support/served.js';

/*
 * A production start's HTTP side, over a real socket: the settings as the environment gives them
 * (src/app/config.ts), Secure cookies behind https, X-Forwarded-For believed only from the trusted
 * proxy, the access log (request ids, no secrets), /metrics behind its token, /health/ready while
 * the database is down.
 */

const METRICS_TOKEN = randomBytes(24).toString('hex');
const ENV = {
  NODE_ENV: 'production',
  INNFRI_PUBLIC_URL: 'https://innfri.example.no/',
  INNFRI_SECRET_KEY: randomBytes(32).toString('base64'),
  INNFRI_TRUSTED_PROXY: '127.0.0.1, 10.0.0.0/8',
  INNFRI_METRICS_TOKEN: METRICS_TOKEN,
};

/** A TCP relay in front of the PostgreSQL server, which the test can take down and bring back on the same port. */
class Relay {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  port = 0;
  constructor(
    readonly host: string,
    readonly targetPort: number,
  ) {}
  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }
  async down(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function targetFor(backend: Backend): Promise<{ target: DatabaseTarget; relay?: Relay; drop(): Promise<void> }> {
  if (backend === 'pglite') return { target: { kind: 'pglite', dataDir: null }, drop: async () => {} };
  const url = new URL(POSTGRES_URL as string);
  const schema = `test_prod_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const relay = new Relay(url.hostname, Number(url.port || 5432));
  await relay.up();
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(relay.port);
  return {
    target: { kind: 'postgres', url: relayed.toString(), schema, poolSize: 4 },
    relay,
    async drop() {
      await relay.down();
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

describe.each(BACKENDS)('a production start over HTTP on %s', (backend) => {
  const settings = loadSettings(ENV);
  const captured = capturedLogger();
  let server: RunningServer;
  let db: RunningServer['database']['db'];
  let where: Awaited<ReturnType<typeof targetFor>>;

  beforeAll(async () => {
    where = await targetFor(backend);
    server = await startServer({
      target: where.target,
      port: 0,
      // Webhooks to loopback for the registration below (a production start refuses the setting itself).
      config: { ...appConfigFrom(settings, [DEMO_PASSWORD]), allowPrivateWebhooks: true },
      webhooks: false,
      logger: captured.logger,
      metrics: { ...settings.metrics, port: 0 },
    });
    db = server.database.db;
  });
  afterAll(async () => {
    await server?.close();
    await where?.drop();
  });

  it('reads its settings from the environment: https public address, trusted proxies, production', () => {
    expect(settings).toMatchObject({
      production: true,
      publicUrl: 'https://innfri.example.no',
      secureCookies: true,
      trustedProxies: ['127.0.0.1', '10.0.0.0/8'],
    });
  });

  it('sets a Secure, HttpOnly session cookie, and refuses the demo password whoever has it', async () => {
    const company = await makeCompany(db);
    const user = await makeUser(db, company.id, 'accountant', `kari-${Date.now()}@example.no`, 'kari-sitt-passord-1');
    const client = new ApiClient(overHttp(server.url));
    const res = await client.login(user.email, user.password);
    expect(res.status).toBe(200);
    const cookie = sessionSetCookie(res.headers) ?? '';
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);

    const demo = await makeUser(db, company.id, 'accountant', `demo-${Date.now()}@example.no`, DEMO_PASSWORD);
    const sessions = async () => (await db.selectFrom('sessions').select('token_hash').execute()).length;
    const before = await sessions();
    const refused = await new ApiClient(overHttp(server.url)).login(demo.email, DEMO_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_credentials');
    expect(await sessions()).toBe(before);
  });

  it("takes the client's address from X-Forwarded-For only when the trusted proxy sends it", async () => {
    const company = await makeCompany(db);
    const user = await makeUser(db, company.id, 'accountant', `ola-${Date.now()}@example.no`, 'ola-sitt-passord-12');
    // Through the trusted proxy (this test's loopback address): the forwarded client is the address.
    const viaProxy = await new ApiClient(overHttp(server.url, { 'x-forwarded-for': '203.0.113.7, 10.1.2.3' })).login(
      user.email,
      user.password,
    );
    expect(viaProxy.status).toBe(200);
    const signedIn = await db
      .selectFrom('audit_events')
      .select(['peer_address', 'request_id'])
      .where('kind', '=', 'auth.signed_in')
      .where('request_id', '=', viaProxy.headers.get('x-request-id'))
      .executeTakeFirstOrThrow();
    // 10.1.2.3 is a trusted proxy too (10.0.0.0/8): the client is the first address from the right that is not.
    expect(signedIn.peer_address).toBe('203.0.113.7');

    // The sign-in throttle counts by that address: ten failures from one client lock it out, not another behind the same proxy.
    for (let i = 0; i < 10; i++)
      expect(
        (
          await new ApiClient(overHttp(server.url, { 'x-forwarded-for': '198.51.100.1' })).login(
            user.email,
            `feil-${i}`,
          )
        ).status,
      ).toBe(401);
    expect(
      (
        await new ApiClient(overHttp(server.url, { 'x-forwarded-for': '198.51.100.1' })).login(
          user.email,
          user.password,
        )
      ).status,
    ).toBe(429);
    expect(
      (
        await new ApiClient(overHttp(server.url, { 'x-forwarded-for': '198.51.100.2' })).login(
          user.email,
          user.password,
        )
      ).status,
    ).toBe(200);

    // Not from a trusted proxy (only 10.0.0.0/8 trusted now): the header is ignored, the socket's address counts.
    const untrusted = await startServer({
      target: backend === 'pglite' ? { kind: 'pglite', dataDir: null } : where.target,
      port: 0,
      config: { ...appConfigFrom(settings), trustedProxies: ['10.0.0.0/8'] },
      webhooks: false,
    });
    try {
      const untrustedDb = untrusted.database.db;
      const c2 = await makeCompany(untrustedDb);
      const u2 = await makeUser(
        untrustedDb,
        c2.id,
        'accountant',
        `per-${Date.now()}@example.no`,
        'per-sitt-passord-12',
      );
      const spoofed = await new ApiClient(overHttp(untrusted.url, { 'x-forwarded-for': '203.0.113.99' })).login(
        u2.email,
        u2.password,
      );
      expect(spoofed.status).toBe(200);
      const row = await untrustedDb
        .selectFrom('audit_events')
        .select('peer_address')
        .where('request_id', '=', spoofed.headers.get('x-request-id'))
        .executeTakeFirstOrThrow();
      expect(row.peer_address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      await untrusted.close();
    }
  });

  it('logs one access line per request with its request id and who asked, and no password, token or secret', async () => {
    const company = await makeCompany(db);
    const password = `hemmelig-passord-${randomBytes(6).toString('hex')}`;
    const user = await makeUser(db, company.id, 'admin', `lise-${Date.now()}@example.no`, password);
    const app = overHttp(server.url);
    const from = captured.lines.length;

    const client = new ApiClient(app);
    const login = await client.login(user.email, password);
    expect(login.status).toBe(200);
    const traced = await client.get(`/companies/${company.id}/customers`, { 'x-request-id': 'trace-abc-123' });
    expect(traced.status).toBe(200);
    expect(traced.headers.get('x-request-id')).toBe('trace-abc-123');
    const insane = await client.get(`/companies/${company.id}/customers`, { 'x-request-id': 'no spaces <allowed>' });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const credentials = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Logg Inkasso AS' }));
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, credentials.agency.id, { active: true, isDefault: true }, null),
    );
    const agency = new AgencyClient(app, credentials.agency.clientId, credentials.clientSecret);
    expect((await agency.authenticate('form')).status).toBe(200);
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const hook = await agency.put('/webhook', { url: 'http://127.0.0.1:9/innfri-hook', secret: webhookSecret });
    expect(hook.status, JSON.stringify(hook.body)).toBe(200);

    const lines = captured.lines.slice(from).filter((l) => l.msg === 'request');
    expect(lines.map((l) => `${l.method} ${l.route} ${l.status}`)).toEqual([
      'POST /api/v1/auth/login 200',
      'GET /api/v1/companies/:companyId/customers 200',
      'GET /api/v1/companies/:companyId/customers 200',
      'POST /oauth/token 200',
      'PUT /agency/v1/webhook 200',
    ]);
    expect(lines.map((l) => l.reqId)).toEqual([
      login.headers.get('x-request-id'),
      'trace-abc-123',
      insane.headers.get('x-request-id'),
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      hook.headers.get('x-request-id'),
    ]);
    expect(lines[1]).toMatchObject({ userId: user.id, companyId: company.id, level: 'info' });
    expect(lines[4]).toMatchObject({ agencyId: credentials.agency.id });
    for (const l of lines) expect(typeof l.ms).toBe('number');

    const text = captured.text();
    for (const secret of [
      password,
      client.sessionToken,
      client.csrfToken,
      credentials.clientSecret,
      agency.token,
      webhookSecret,
      webhookSecret.slice(6, 30),
    ])
      expect(text, 'a secret reached the log').not.toContain(secret as string);
  });

  it('serves /metrics behind its token on the public port, and without one on the metrics port', async () => {
    const app = overHttp(server.url);
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(
      401,
    );
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /innfri_http_request_duration_seconds_bucket\{[^}]*method="POST",route="\/api\/v1\/auth\/login",status="200"/,
    );
    expect(text).toMatch(/innfri_db_pool_connections\{state="open"\} [1-9]/);
    expect(text).toMatch(/^innfri_feed_position \d+$/m);
    expect(text).toMatch(/^innfri_webhook_lag_seconds [\d.e+-]+$/m);
    expect(text).toMatch(/^innfri_webhook_subscriptions_behind \d+$/m);
    expect(text).toMatch(/^innfri_bank_imports \d+$/m);
    expect(text).toContain('innfri_daily_run_duration_seconds');
    expect(text).toContain('innfri_webhook_deliveries_total');
    expect(server.metricsUrl).toBeDefined();
    const own = await fetch(`${server.metricsUrl}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('innfri_http_request_duration_seconds_count');
  });

  it('answers /health/ready with 503 while the database is down, and ready again when it is back', async () => {
    const app = overHttp(server.url);
    const ready = async () => {
      const res = await app.request('/health/ready');
      return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
    };
    expect(await ready()).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', migrations: 'ok', mail: 'running' } },
    });
    if (where.relay) await where.relay.down();
    else await server.database.close(); // the embedded database closed under the server
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not_ready');
    expect(down.body.checks.database).toMatch(/^down: /);
    // Liveness is the process, not the database.
    expect((await app.request('/health/live')).status).toBe(200);
    expect((await app.request('/health')).status).toBe(200);
    if (where.relay) {
      await where.relay.up();
      expect((await ready()).status).toBe(200);
    }
  });
});
