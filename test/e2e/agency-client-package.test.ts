import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgencyApiError,
  type AgencyEvent,
  createAgencyClient,
  parseWebhookEvent,
  type RetryInfo,
  verifyWebhook,
} from '@innfri/agency-client';
import { GENERATED_FILE, regenerate, renderAgencyApiTypes } from '../../packages/agency-client/scripts/generate.js';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { signWebhook } from '../../src/agencies/webhook.signature.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { createTestApp, TEST_TODAY, type TestApp } from '../support/http.js';

/**
 * packages/agency-client (@innfri/agency-client): the typed client agencies build on. Its types
 * are generated from the served document and committed; this test fails when they are stale, when
 * the package does not type-check on its own, and when the client stops working against the app.
 */

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const system = { type: 'user' as const, id: null };

async function typeCheckPackage(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [TSC, '--noEmit', '-p', join(ROOT, 'packages/agency-client'), '--pretty', 'false'],
      { cwd: ROOT, timeout: 120_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The rejection of a promise, which must be an AgencyApiError. */
async function apiError(promise: Promise<unknown>): Promise<AgencyApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AgencyApiError);
  return error as AgencyApiError;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('the @innfri/agency-client package', () => {
  let handle: DatabaseHandle;
  let db: Db;
  let app: TestApp;
  let typeChecked: Promise<{ code: number; output: string }>;

  beforeAll(async () => {
    // The package's own type-check runs beside everything else.
    typeChecked = typeCheckPackage();
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    db = handle.db;
    await migrateToLatest(db);
    app = createTestApp(db);
  });
  afterAll(async () => {
    await typeChecked;
    await handle?.close();
  });

  describe('generated types and type-check', () => {
    it('regenerating the types from the served document gives exactly the committed src/generated/agency-api.ts', async () => {
      // What `npm run generate:agency-client` does (the app in-process on an in-memory PGlite), without writing.
      const { generated, committed } = await regenerate();
      expect(committed?.startsWith('// generated — do not edit.')).toBe(true);
      expect(
        generated === committed,
        `${GENERATED_FILE} is stale: run npm run generate:agency-client and commit it`,
      ).toBe(true);
      // The same as this test's app serves.
      const res = await app.request('/agency/v1/openapi.json');
      expect(await renderAgencyApiTypes(await res.json())).toBe(generated);
    });

    it('type-checks on its own (tsc --noEmit -p packages/agency-client)', async () => {
      const result = await typeChecked;
      expect(result.output).toBe('');
      expect(result.code).toBe(0);
    });
  });

  describe('against the app', () => {
    /** A creditor that activated an agency, with invoices of two customers on its approved list. */
    async function world() {
      const company = await makeCompany(db, { name: 'Kreditor AS', sendsOwnCollectionNotice: false });
      const debtor = await makeCustomer(db, company.id, { name: 'Skyldner AS' });
      const other = await makeCustomer(db, company.id, { name: 'Annen Kunde AS' });
      const credentials = await inTransaction(db, (trx) =>
        createAgencyWithCredentials(trx, { name: 'Klient Inkasso AS' }),
      );
      await inTransaction(db, (trx) =>
        setAgencyActivation(trx, company.id, credentials.agency.id, { active: true, isDefault: true }, null),
      );
      const invoices = [];
      for (const [customer, net] of [
        [debtor, 80_000],
        [debtor, 40_000],
        [debtor, 16_000],
        [other, 24_000],
      ] as const) {
        const invoice = await makeInvoice(db, company.id, customer.id, net, {
          issueDate: '2026-09-01',
          dueDate: '2026-09-15',
        });
        await inTransaction(db, async (trx) => {
          const draft = await sendToCollection(trx, company.id, invoice.id, { today: TEST_TODAY }, system);
          await approveHandover(trx, company.id, draft.id, system);
        });
        invoices.push(invoice);
      }
      const requests: Array<{ method: string; path: string; idempotencyKey: string | null; status: number }> = [];
      const client = createAgencyClient({
        baseUrl: 'http://innfri.test',
        clientId: credentials.agency.clientId,
        clientSecret: credentials.clientSecret,
        fetch: async (request) => {
          const url = new URL(request.url);
          const response = await app.fetch(request);
          requests.push({
            method: request.method,
            path: url.pathname + url.search,
            idempotencyKey: request.headers.get('idempotency-key'),
            status: response.status,
          });
          return response;
        },
      });
      return { company, debtor, other, invoices, credentials, client, requests };
    }

    it('lists clients, pages available invoices, opens a case, posts statuses, reads the feed and posts a settlement', async () => {
      const { company, invoices, client, requests } = await world();
      const [a, b, c, d] = invoices as [
        (typeof invoices)[0],
        (typeof invoices)[0],
        (typeof invoices)[0],
        (typeof invoices)[0],
      ];

      expect(await client.listClients()).toEqual([
        { id: company.id, name: 'Kreditor AS', organizationNumber: company.organizationNumber, vatRegistered: true },
      ]);

      // Four invoices, two a page: the iterator follows nextCursor until it is null.
      const available = await collect(client.availableInvoices(company.id, { limit: 2 }));
      expect(available.map((i) => i.id).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
      expect(
        requests.filter((r) => r.path.startsWith(`/agency/v1/clients/${company.id}/available-invoices`)).length,
      ).toBeGreaterThanOrEqual(2);
      expect(available.find((i) => i.id === a.id)).toMatchObject({
        originalAmount: 100_000,
        remainingAmount: 100_000,
        kid: a.kid,
        collectionStatus: 'approved',
        caseNumber: null,
      });

      // A case of the first customer's invoices; the key comes from the case number and the body.
      const body = { caseNumber: 'K-2026/1', invoiceIds: [a.id, b.id], url: 'https://inkasso.example/sak/K-2026%2F1' };
      const created = await client.createCase(company.id, body);
      expect(created).toMatchObject({ caseNumber: 'K-2026/1', status: 'registered', state: 'open' });
      const createRequest = requests.at(-1)!;
      expect(createRequest).toMatchObject({
        method: 'POST',
        path: `/agency/v1/clients/${company.id}/cases`,
        status: 201,
      });
      expect(createRequest.idempotencyKey).toMatch(/^create-case:K-2026\/1:/);
      // Sent again (a lost answer, an outbox after a crash): the same case, not a conflict.
      expect(await client.createCase(company.id, body)).toEqual(created);
      expect(requests.at(-1)?.idempotencyKey).toBe(createRequest.idempotencyKey);
      // The same number with another body is the server's own conflict; errors carry the problem.
      const exists = await apiError(client.createCase(company.id, { caseNumber: 'K-2026/1', invoiceIds: [c.id] }));
      expect(exists).toMatchObject({ status: 409, code: 'case_exists', method: 'POST' });
      expect(exists.url).toContain('/cases');
      const mismatch = await apiError(client.createCase(company.id, { caseNumber: 'K-2', invoiceIds: [c.id, d.id] }));
      expect(mismatch).toMatchObject({ status: 422, code: 'customer_mismatch' });
      expect(mismatch.problem).toMatchObject({
        type: 'urn:innfri:problem:customer_mismatch',
        status: 422,
        code: 'customer_mismatch',
      });
      expect(mismatch.detail).not.toBe('');
      const notFound = await apiError(client.getCase(company.id, 'K-404'));
      expect(notFound).toMatchObject({ status: 404, code: 'not_found' });

      // Statuses: each call is a report of its own (a fresh key per call).
      const noticed = await client.postStatus(company.id, 'K-2026/1', {
        status: 'collection_notice',
        statusText: 'Inkassovarsel sendt',
      });
      expect(noticed).toMatchObject({ status: 'collection_notice', state: 'open' });
      const demanded = await client.postStatus(company.id, 'K-2026/1', {
        status: 'payment_demand',
        statusText: 'Betalingsoppfordring sendt',
        agencyBalance: 150_000,
      });
      expect(demanded).toMatchObject({ status: 'payment_demand', agencyBalance: 150_000 });
      expect(demanded.history.map((h) => h.status)).toEqual(['registered', 'collection_notice', 'payment_demand']);
      const statusKeys = requests.filter((r) => r.path.endsWith('/status')).map((r) => r.idempotencyKey);
      expect(statusKeys).toHaveLength(2);
      expect(new Set(statusKeys).size).toBe(2);
      expect(statusKeys.every((k) => k !== null && /^[0-9a-f-]{36}$/.test(k))).toBe(true);
      expect((await collect(client.cases(company.id, { state: 'open' }))).map((k) => k.caseNumber)).toEqual([
        'K-2026/1',
      ]);
      expect(await collect(client.cases(company.id, { state: 'archived' }))).toEqual([]);
      expect(await client.getCase(company.id, 'K-2026/1')).toEqual(demanded);
      // The typed openapi-fetch client is there for the rest, with the same token and retries.
      const { data: invoice } = await client.api.GET('/agency/v1/clients/{clientId}/invoices/{invoiceId}', {
        params: { path: { clientId: company.id, invoiceId: a.id } },
      });
      expect(invoice).toMatchObject({ collectionStatus: 'in_case', caseNumber: 'K-2026/1' });

      // The creditor is paid directly for part of a: the feed tells the agency.
      await inTransaction(db, (trx) =>
        registerPayment(trx, company.id, { kid: a.kid, amount: ore(30_000), paymentDate: TEST_TODAY }, null),
      );
      const feed = client.events({ limit: 2 });
      expect(feed.lastEventId).toBeUndefined();
      const seen: AgencyEvent[] = [];
      for await (const event of feed) {
        seen.push(event);
        // The cursor to store with the effect of handling this event.
        expect(feed.lastEventId).toBe(event.id);
      }
      expect(seen.map((e) => `${e.type}:${[a.id, b.id, c.id, d.id].indexOf(e.invoiceId)}`)).toEqual([
        'invoice.available:0',
        'invoice.available:1',
        'invoice.available:2',
        'invoice.available:3',
        'invoice.payment:0',
      ]);
      expect(feed.pages).toBe(3);
      expect(seen[4]).toMatchObject({
        clientId: company.id,
        caseNumber: 'K-2026/1',
        amount: 30_000,
        remainingAmount: 70_000,
        kid: a.kid,
        isWriteOff: false,
      });
      // From the stored cursor: nothing new, nothing repeated, the cursor kept.
      const again = client.events({ after: feed.lastEventId!, clientId: company.id });
      expect(await collect(again)).toEqual([]);
      expect(again.lastEventId).toBe(feed.lastEventId);
      expect(again.pages).toBe(1);

      // A settlement for b (50 000 øre with VAT): principal + interest − VAT on the agency's fee.
      const settlementBody = {
        reference: 'S-2026-0001',
        settlementDate: TEST_TODAY,
        bankAmount: 50_000 + 2_000 - 3_450,
        lines: [
          { caseNumber: 'K-2026/1', invoiceId: b.id, type: 'principal' as const, amount: 50_000 },
          { caseNumber: 'K-2026/1', type: 'interest' as const, amount: 2_000 },
          { caseNumber: 'K-2026/1', type: 'vat' as const, amount: 3_450 },
        ],
        statement: { debtorPaid: 65_800, salaer: 13_800, remitted: 48_550 },
      };
      const unbalanced = await apiError(
        client.postSettlement(company.id, { ...settlementBody, reference: 'S-2026-0000', bankAmount: 48_000 }),
      );
      expect(unbalanced).toMatchObject({ status: 422, code: 'settlement_unbalanced' });
      expect(unbalanced.problem?.difference).toBeDefined();
      const settlement = await client.postSettlement(company.id, settlementBody);
      expect(settlement).toMatchObject({
        reference: 'S-2026-0001',
        clientId: company.id,
        status: 'posted',
        bankAmount: 48_550,
      });
      expect(settlement.voucherId).not.toBeNull();
      expect(requests.at(-1)?.idempotencyKey).toMatch(/^settlement:S-2026-0001:/);
      expect(await client.postSettlement(company.id, settlementBody)).toEqual(settlement);
      expect(await client.getSettlement(company.id, 'S-2026-0001')).toMatchObject({
        reference: 'S-2026-0001',
        status: 'posted',
        voucherId: settlement.voucherId,
      });
      const settled = await collect(client.events({ after: feed.lastEventId! }));
      expect(settled).toEqual([
        expect.objectContaining({
          type: 'invoice.settlement',
          invoiceId: b.id,
          amount: 50_000,
          remainingAmount: 0,
          caseNumber: 'K-2026/1',
        }),
      ]);

      // One token for the whole run.
      expect(requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    });

    it('fetches a new token when the app answers 401 (a revoked or expired token), once', async () => {
      const { company, credentials } = await world();
      const tokenRequests: string[] = [];
      let spoil = 1;
      const client = createAgencyClient({
        baseUrl: 'http://innfri.test',
        clientId: credentials.agency.clientId,
        clientSecret: credentials.clientSecret,
        fetch: async (request) => {
          if (new URL(request.url).pathname === '/oauth/token')
            tokenRequests.push(request.headers.get('authorization') ?? '');
          else if (spoil-- > 0) request.headers.set('authorization', 'Bearer aat_revoked');
          return app.fetch(request);
        },
      });
      expect((await client.listClients()).map((c) => c.id)).toEqual([company.id]);
      expect(tokenRequests).toHaveLength(2);
      expect(tokenRequests[0]).toMatch(/^Basic /);
      // A wrong secret is an error with the OAuth problem, not a retry loop.
      const wrong = createAgencyClient({
        baseUrl: 'http://innfri.test',
        clientId: credentials.agency.clientId,
        clientSecret: 'acs_wrong',
        fetch: async (request) => app.fetch(request),
      });
      const refused = await apiError(wrong.listClients());
      expect(refused).toMatchObject({ status: 401, code: 'invalid_client' });
    });
  });

  describe('retries (a fake server)', () => {
    interface Seen {
      method: string;
      path: string;
      authorization: string | null;
      idempotencyKey: string | null;
      body: string;
    }
    /** A fake server: tokens tok-1, tok-2 …; `answer` decides the rest. */
    function fake(answer: (seen: Seen, index: number) => Response | Promise<Response>) {
      const seen: Seen[] = [];
      const sleeps: number[] = [];
      const retries: RetryInfo[] = [];
      let tokens = 0;
      let clock = Date.parse('2026-11-20T09:00:00Z');
      const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
        new Response(
          JSON.stringify({ type: `urn:innfri:problem:${code}`, title: code, status, detail: `${code} (fake)`, code }),
          { status, headers: { 'content-type': 'application/problem+json', ...headers } },
        );
      const client = createAgencyClient({
        baseUrl: 'http://fake.test',
        clientId: 'agc_fake',
        clientSecret: 'acs_fake',
        maxRetries: 3,
        random: () => 0.5,
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        onRetry: (info) => retries.push(info),
        fetch: async (request) => {
          const url = new URL(request.url);
          if (url.pathname === '/oauth/token') {
            tokens += 1;
            return Response.json({ access_token: `tok-${tokens}`, token_type: 'Bearer', expires_in: 900 });
          }
          const entry = {
            method: request.method,
            path: url.pathname,
            authorization: request.headers.get('authorization'),
            idempotencyKey: request.headers.get('idempotency-key'),
            body: await request.text(),
          };
          seen.push(entry);
          return answer(entry, seen.length - 1);
        },
      });
      return {
        client,
        seen,
        sleeps,
        retries,
        problem,
        tokens: () => tokens,
        advance: (ms: number) => {
          clock += ms;
        },
      };
    }
    const clientsPage = () =>
      Response.json({
        data: [{ id: 'c1', name: 'Kreditor AS', organizationNumber: '926051377', vatRegistered: true }],
        nextCursor: null,
      });
    const aCase = {
      caseNumber: 'K-1',
      url: null,
      status: 'registered',
      statusText: null,
      state: 'open',
      agencyBalance: null,
      customer: { id: 'p', customerNumber: 1, name: 'S', type: 'company', organizationNumber: null },
      invoices: [],
      createdAt: 'x',
      updatedAt: 'x',
      archivedAt: null,
      history: [],
    };

    it('429 with Retry-After: 1 → waits that second, one retry, success', async () => {
      const f = fake((_, i) => (i === 0 ? f.problem(429, 'rate_limited', { 'retry-after': '1' }) : clientsPage()));
      expect((await f.client.listClients()).map((c) => c.id)).toEqual(['c1']);
      expect(f.seen).toHaveLength(2);
      expect(f.retries).toEqual([
        expect.objectContaining({ attempt: 1, reason: 'rate_limited', status: 429, method: 'GET' }),
      ]);
      expect(f.sleeps).toHaveLength(1);
      expect(f.sleeps[0]).toBeGreaterThanOrEqual(1000);
      expect(f.sleeps[0]).toBeLessThan(1200);
    });

    it('500 twice then 201 on a POST: retried with backoff, the same Idempotency-Key and body each time', async () => {
      const f = fake((_, i) => (i < 2 ? f.problem(500, 'internal') : Response.json(aCase, { status: 201 })));
      const created = await f.client.createCase('3f1e0c56-1111-4a4a-8b8b-000000000001', {
        caseNumber: 'K-1',
        invoiceIds: ['3f1e0c56-1111-4a4a-8b8b-000000000002'],
      });
      expect(created.caseNumber).toBe('K-1');
      expect(f.seen).toHaveLength(3);
      const keys = f.seen.map((s) => s.idempotencyKey);
      expect(keys[0]).toMatch(/^create-case:K-1:/);
      expect(new Set(keys)).toEqual(new Set([keys[0]]));
      expect(new Set(f.seen.map((s) => s.body)).size).toBe(1);
      expect(f.retries.map((r) => [r.reason, r.status, r.idempotencyKey])).toEqual([
        ['server_error', 500, keys[0]],
        ['server_error', 500, keys[0]],
      ]);
      // Exponential: 250 ms then 500 ms steps, with jitter (random 0.5 → three quarters of each).
      expect(f.sleeps).toEqual([188, 375]);
    });

    it('a raw POST without a key gets one generated, kept across its retries; without keys 5xx is not retried', async () => {
      const f = fake((_, i) => (i === 0 ? f.problem(503, 'internal') : Response.json(aCase)));
      const { data } = await f.client.api.POST('/agency/v1/clients/{clientId}/cases/{caseNumber}/status', {
        params: { path: { clientId: 'c1', caseNumber: 'K-1' } },
        body: { status: 'legal' },
      });
      expect(data?.caseNumber).toBe('K-1');
      expect(f.seen).toHaveLength(2);
      expect(f.seen[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(f.seen[1]?.idempotencyKey).toBe(f.seen[0]?.idempotencyKey);

      let posts = 0;
      const plain = createAgencyClient({
        baseUrl: 'http://fake.test',
        clientId: 'a',
        clientSecret: 'b',
        autoIdempotencyKey: false,
        sleep: async () => {},
        fetch: async (request) => {
          if (new URL(request.url).pathname === '/oauth/token')
            return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 900 });
          posts += 1;
          return f.problem(500, 'internal');
        },
      });
      const { response } = await plain.api.POST('/agency/v1/clients/{clientId}/cases/{caseNumber}/status', {
        params: { path: { clientId: 'c1', caseNumber: 'K-1' } },
        body: { status: 'legal' },
      });
      expect(response.status).toBe(500);
      expect(posts).toBe(1);
    });

    it('401 once → a new token and one retry; 401 again → AgencyApiError unauthenticated', async () => {
      const f = fake((s) => (s.authorization === 'Bearer tok-1' ? f.problem(401, 'unauthenticated') : clientsPage()));
      expect((await f.client.listClients()).map((c) => c.id)).toEqual(['c1']);
      expect(f.seen.map((s) => s.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
      expect(f.tokens()).toBe(2);
      expect(f.sleeps).toEqual([]);

      const g = fake(() => g.problem(401, 'unauthenticated'));
      const error = await apiError(g.client.listClients());
      expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
      expect(g.seen).toHaveLength(2);
      expect(g.tokens()).toBe(2);
    });

    it('renews the token shortly before it expires, without waiting for a 401', async () => {
      const f = fake(() => clientsPage());
      await f.client.listClients();
      f.advance(800_000); // 100 s left of 900: still good (renewed 60 s before the end)
      await f.client.listClients();
      expect(f.tokens()).toBe(1);
      f.advance(50_000); // 50 s left: renewed
      await f.client.listClients();
      expect(f.tokens()).toBe(2);
      expect(f.seen.map((s) => s.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
      // Concurrent calls share one token request.
      f.advance(900_000);
      await Promise.all([f.client.listClients(), f.client.listClients(), f.client.listClients()]);
      expect(f.tokens()).toBe(3);
    });

    it('retries network errors on GETs; gives up after maxRetries with the last answer as an AgencyApiError', async () => {
      const f = fake((_, i) => {
        if (i === 0) throw new TypeError('fetch failed');
        return clientsPage();
      });
      expect(await f.client.listClients()).toHaveLength(1);
      expect(f.retries.map((r) => r.reason)).toEqual(['network_error']);

      const g = fake(() => g.problem(503, 'internal'));
      const error = await apiError(g.client.listClients());
      expect(error).toMatchObject({ status: 503, code: 'internal' });
      expect(g.seen).toHaveLength(4); // the first attempt and maxRetries (3) more
      expect(g.sleeps).toEqual([188, 375, 750]);
    });
  });

  describe('webhooks', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const event = {
      id: '42',
      type: 'invoice.payment',
      occurredAt: '2026-11-20T09:14:03.512Z',
      clientId: 'c1',
      invoiceId: 'i1',
      invoiceNumber: 21,
      caseNumber: 'K-1',
      voucherId: 'v1',
      voucherType: 'payment',
      amount: 30_000,
      remainingAmount: 70_000,
      kid: '12345678903',
      isWriteOff: false,
      isManual: false,
    };
    const body = JSON.stringify(event);
    const now = new Date('2026-11-20T09:15:00Z');
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = (over: Record<string, string> = {}) => ({
      'webhook-id': 'evt_42',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, 'evt_42', timestamp, body),
      ...over,
    });

    it('accepts a delivery signed by the server, as a header record, Node headers or fetch Headers, body as text or bytes', () => {
      expect(verifyWebhook(secret, headers(), body, { now })).toBe(true);
      expect(
        verifyWebhook(
          secret,
          {
            'Webhook-Id': 'evt_42',
            'Webhook-Timestamp': String(timestamp),
            'Webhook-Signature': signWebhook(secret, 'evt_42', timestamp, body),
          },
          Buffer.from(body),
          { now },
        ),
      ).toBe(true);
      expect(
        verifyWebhook(secret, new Headers(headers()), new TextEncoder().encode(body), { now: now.getTime() + 299_000 }),
      ).toBe(true);
      // Several signatures while a secret is rotated: one good one is enough.
      expect(
        verifyWebhook(
          secret,
          headers({
            'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${signWebhook(secret, 'evt_42', timestamp, body)}`,
          }),
          body,
          { now },
        ),
      ).toBe(true);
      // A secret without the whsec_ prefix is used as its UTF-8 bytes, as the server does.
      const plain = 'a-plain-secret-of-24-chars-or-more';
      expect(
        verifyWebhook(plain, headers({ 'webhook-signature': signWebhook(plain, 'evt_42', timestamp, body) }), body, {
          now,
        }),
      ).toBe(true);
      expect(parseWebhookEvent(body)).toEqual(event);
      expect(parseWebhookEvent(Buffer.from(body))).toEqual(event);
    });

    it('rejects a tampered body, an old or future timestamp, a wrong secret, other versions and missing headers', () => {
      expect(verifyWebhook(secret, headers(), body.replace('30000', '3000000'), { now })).toBe(false);
      expect(verifyWebhook(secret, headers(), `${body} `, { now })).toBe(false);
      expect(verifyWebhook(secret, headers(), body, { now: now.getTime() + 301_000 })).toBe(false);
      expect(verifyWebhook(secret, headers(), body, { now: now.getTime() - 301_000 })).toBe(false);
      expect(verifyWebhook(secret, headers(), body, { now: now.getTime() + 3_600_000, toleranceSeconds: 3_600 })).toBe(
        true,
      );
      // An old delivery re-signed by an attacker without the secret: its signature is for the old timestamp.
      expect(verifyWebhook(secret, headers({ 'webhook-timestamp': String(timestamp + 10) }), body, { now })).toBe(
        false,
      );
      expect(verifyWebhook(`whsec_${randomBytes(32).toString('base64')}`, headers(), body, { now })).toBe(false);
      expect(verifyWebhook(secret, headers({ 'webhook-id': 'evt_43' }), body, { now })).toBe(false);
      expect(
        verifyWebhook(
          secret,
          headers({ 'webhook-signature': signWebhook(secret, 'evt_42', timestamp, body).replace('v1,', 'v2,') }),
          body,
          { now },
        ),
      ).toBe(false);
      expect(verifyWebhook(secret, headers({ 'webhook-signature': 'v1,' }), body, { now })).toBe(false);
      expect(verifyWebhook(secret, headers({ 'webhook-timestamp': 'soon' }), body, { now })).toBe(false);
      const { 'webhook-id': _, ...withoutId } = headers();
      expect(verifyWebhook(secret, withoutId, body, { now })).toBe(false);
      expect(() => parseWebhookEvent('not json')).toThrow(/not JSON/);
      expect(() => parseWebhookEvent('{"type":"invoice.payment"}')).toThrow(/no id/);
    });
  });
});
