import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, setAgencyActivation } from '../../src/agencies/agency.service.js';
import {
  deliverDue,
  getWebhook,
  pruneWebhookAttempts,
  startWebhookWorker,
  subscribeWebhook,
  type WebhookFetch,
  webhookAttempts,
  webhookBacklog,
} from '../../src/agencies/webhook.service.js';
import { verifyWebhook } from '../../src/agencies/webhook.signature.js';
import { agencyEvents } from '../../src/agencies/feed.read-model.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { type Actor, updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { AppError } from '../../src/shared/errors.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';

const user: Actor = { type: 'user', id: null };
const HOUR = 3600_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function refused(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(10);
  }
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** An agency's webhook receiver on 127.0.0.1: "down" answers 503, "up" 200; it records every request. */
async function startReceiver() {
  let up = false;
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const status = up ? 200 : 503;
      received.push({ headers: req.headers, body, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(up ? 'ok' : 'down for maintenance');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/innfri`,
    port,
    received,
    delivered: () => received.filter((r) => r.status === 200),
    setUp: (value: boolean) => {
      up = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

describe.each(BACKENDS)('webhooks on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  const receivers: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterEach(async () => {
    // Each test has its own agency; what a test leaves behind must not be delivered in the next one.
    await db
      .updateTable('webhook_subscriptions')
      .set({ disabled_at: new Date() })
      .where('disabled_at', 'is', null)
      .execute();
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(async () => handle?.close());

  async function receiver() {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  }

  /** A company with an active default agency and a customer; invoices due 2026-01-15. */
  async function setup() {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const customer = await makeCustomer(db, company.id);
    const agency = await inTransaction(db, async (trx) => {
      const a = await createAgency(trx, { name: `Byrå ${company.id.slice(0, 8)}` });
      await setAgencyActivation(trx, company.id, a.id, { active: true, isDefault: true }, null);
      return a;
    });
    await inTransaction(db, (trx) => updateDunningSettings(trx, company.id, { autoApprove: false }, '2026-01-01'));
    const invoice = () =>
      makeInvoice(db, company.id, customer.id, 80_000, { issueDate: '2026-01-01', dueDate: '2026-01-15' });
    /** Hands the invoice to the agency's approved list: an `invoice.available` event. */
    const approve = async (invoiceId: string) => {
      const draft = await inTransaction(db, (trx) =>
        sendToCollection(trx, company.id, invoiceId, { today: '2026-01-29' }, user),
      );
      await inTransaction(db, (trx) => approveHandover(trx, company.id, draft.id, user));
    };
    const pay = (kid: string, amount: number) =>
      inTransaction(db, (trx) =>
        registerPayment(trx, company.id, { kid, amount: ore(amount), paymentDate: '2026-02-01' }, null),
      );
    const feed = (after: number) => agencyEvents(db, agency.id, { after, limit: 1000 });
    return { company, agency, invoice, approve, pay, feed };
  }

  it('retries with backoff while the receiver is down, then delivers every event in feed order, signed, exactly as the feed has it', async () => {
    const { company, agency, invoice, approve, pay, feed } = await setup();
    const hook = await receiver();
    const secret = newSecret();

    // History: the feed has it; a new subscription pushes only what happens from now on.
    const old = await invoice();
    await approve(old.id);
    const history = await feed(0);
    expect(history).toHaveLength(1);
    const subscription = await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: hook.url, secret }, { allowPrivate: true }),
    );
    expect(subscription).toEqual({
      url: hook.url,
      deliveredPosition: Number(history[0]!.id),
      createdAt: expect.any(String),
    });
    expect(subscription).not.toHaveProperty('secret');

    // While the receiver is down: approvals, payments, a credit note and a write-off.
    const a = await invoice();
    const b = await invoice();
    await approve(a.id);
    await approve(b.id);
    await pay(a.kid, 30_000);
    await inTransaction(db, (trx) =>
      createCreditNote(
        trx,
        company.id,
        b.id,
        {
          issueDate: '2026-02-01',
          lines: [{ description: 'Rabatt', quantity: 1, unitPrice: ore(8_000), vatRate: 25 }],
        },
        null,
      ),
    );
    await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, a.id, { date: '2026-02-02', amount: ore(5_000), reason: 'Småbeløp' }, null),
    );
    await pay(b.kid, 20_000);
    const expected = await feed(subscription.deliveredPosition);
    expect(expected.map((e) => e.type)).toEqual([
      'invoice.available',
      'invoice.available',
      'invoice.payment',
      'invoice.credit_note',
      'invoice.write_off',
      'invoice.payment',
    ]);

    let now = new Date();
    const t0 = now;
    expect(await deliverDue(db, { allowPrivate: true, now })).toMatchObject({
      subscriptions: 1,
      delivered: 0,
      failed: 1,
      disabled: 0,
    });
    for (let failure = 2; failure <= 6; failure++) {
      // Not due again before the backoff has passed (no real sleeping: the clock is injected).
      expect(await deliverDue(db, { allowPrivate: true, now })).toMatchObject({
        subscriptions: 0,
        delivered: 0,
        failed: 0,
      });
      const status = (await getWebhook(db, agency.id))!;
      const waitSeconds = (Date.parse(status.nextAttemptAt) - now.getTime()) / 1000;
      const base = 2 ** (failure - 1);
      expect(waitSeconds).toBeGreaterThanOrEqual(base * 0.9 - 0.001);
      expect(waitSeconds).toBeLessThanOrEqual(base + 0.001);
      now = new Date(Date.parse(status.nextAttemptAt) + 1);
      expect(await deliverDue(db, { allowPrivate: true, now })).toMatchObject({
        subscriptions: 1,
        delivered: 0,
        failed: 1,
      });
    }
    const failing = (await getWebhook(db, agency.id))!;
    expect(failing).toMatchObject({
      url: hook.url,
      deliveredPosition: subscription.deliveredPosition,
      failingSince: t0.toISOString(),
      attempts: 6,
      disabled: false,
      disabledAt: null,
    });
    expect(failing).not.toHaveProperty('secret');
    // The first event blocks the ones behind it: only it was tried, six times, each answered 503.
    const first = expected[0]!;
    expect(hook.received.map((r) => [r.headers['webhook-id'], r.status])).toEqual(
      Array.from({ length: 6 }, () => [`evt_${first.id}`, 503]),
    );
    const failed = await webhookAttempts(db, agency.id, 100);
    expect(failed).toHaveLength(6);
    for (const attempt of failed) {
      expect(attempt).toMatchObject({
        eventPosition: Number(first.id),
        webhookId: `evt_${first.id}`,
        statusCode: 503,
        error: 'HTTP 503',
        succeeded: false,
      });
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    }

    // The receiver comes back: everything arrives, in feed order.
    hook.setUp(true);
    now = new Date(Date.parse(failing.nextAttemptAt) + 1);
    expect(await deliverDue(db, { allowPrivate: true, now })).toMatchObject({
      subscriptions: 1,
      delivered: expected.length,
      failed: 0,
      more: false,
    });
    const delivered = hook.delivered();
    expect(delivered.map((r) => r.body)).toEqual(expected.map((e) => JSON.stringify(e)));
    expect(delivered.map((r) => JSON.parse(r.body) as unknown)).toEqual(expected);
    for (const [i, r] of delivered.entries()) {
      expect(r.headers['webhook-id']).toBe(`evt_${expected[i]!.id}`);
      expect(r.headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
      expect(r.headers['content-type']).toBe('application/json');
      expect(verifyWebhook(secret, r.headers, r.body, { now })).toBe(true);
      expect(verifyWebhook(newSecret(), r.headers, r.body, { now })).toBe(false);
    }
    const caughtUp = (await getWebhook(db, agency.id))!;
    expect(caughtUp).toMatchObject({
      deliveredPosition: Number(expected.at(-1)!.id),
      attempts: 0,
      failingSince: null,
      disabled: false,
    });
    const attempts = await webhookAttempts(db, agency.id, 100);
    expect(attempts).toHaveLength(6 + expected.length);
    expect(
      attempts
        .filter((x) => x.succeeded)
        .reverse()
        .map((x) => [x.eventPosition, x.statusCode, x.error]),
    ).toEqual(expected.map((e) => [Number(e.id), 200, null]));

    // A fresh call (as after a restart) delivers nothing again …
    const count = hook.received.length;
    now = new Date(now.getTime() + HOUR);
    expect(await deliverDue(db, { allowPrivate: true, now })).toMatchObject({
      subscriptions: 0,
      delivered: 0,
      failed: 0,
    });
    expect(hook.received).toHaveLength(count);
    // … and carries on from where it was with what happens next.
    await pay(b.kid, 1_000);
    const next = await feed(caughtUp.deliveredPosition);
    expect(next.map((e) => e.type)).toEqual(['invoice.payment']);
    expect(await deliverDue(db, { allowPrivate: true, now })).toMatchObject({ subscriptions: 1, delivered: 1 });
    expect(hook.received.slice(count).map((r) => r.body)).toEqual([JSON.stringify(next[0])]);
    expect((await getWebhook(db, agency.id))!.deliveredPosition).toBe(Number(next[0]!.id));
  });

  it('a worker delivers; after a restart a new worker does not deliver again, and two servers never deliver an event twice', async () => {
    const { agency, invoice, approve, pay, feed } = await setup();
    const hook = await receiver();
    hook.setUp(true);
    const secret = 'a plain secret, long enough to be accepted';
    const { deliveredPosition: start } = await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: hook.url, secret }, { allowPrivate: true }),
    );
    const inv = await invoice();
    await approve(inv.id);
    await pay(inv.kid, 10_000);

    const errors: unknown[] = [];
    const stop = startWebhookWorker(db, { allowPrivate: true, intervalMs: 20, onError: (e) => errors.push(e) });
    await waitFor(() => hook.received.length === 2);
    await stop();
    expect(hook.received.map((r) => r.body)).toEqual((await feed(start)).map((e) => JSON.stringify(e)));
    for (const r of hook.received) expect(verifyWebhook(secret, r.headers, r.body)).toBe(true);

    // "Restart": a new worker reads the state from the database and has nothing to send …
    const restarted = startWebhookWorker(db, { allowPrivate: true, intervalMs: 20, onError: (e) => errors.push(e) });
    await sleep(200);
    expect(hook.received).toHaveLength(2);
    // … until something happens.
    await pay(inv.kid, 5_000);
    await waitFor(() => hook.received.length === 3);
    await restarted();
    expect(hook.received.map((r) => r.body)).toEqual((await feed(start)).map((e) => JSON.stringify(e)));

    // Three servers at once: each event still goes out once.
    for (let i = 0; i < 3; i++) await pay(inv.kid, 1_000 + i);
    const results = await Promise.all([1, 2, 3].map(() => deliverDue(db, { allowPrivate: true })));
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(3);
    expect(results.reduce((n, r) => n + r.subscriptions, 0)).toBe(1);
    const ids = hook.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(hook.received.map((r) => r.body)).toEqual((await feed(start)).map((e) => JSON.stringify(e)));
    expect(errors).toEqual([]);
  });

  it('the backlog (metrics) counts a subscription behind only while its feed has events it was not sent', async () => {
    // Another agency's events first: the events' global ids run ahead of this agency's feed positions.
    const other = await setup();
    for (let i = 0; i < 3; i++) await other.approve((await other.invoice()).id);
    const { agency, invoice, approve, pay } = await setup();
    const hook = await receiver();
    hook.setUp(true);
    await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: hook.url, secret: newSecret() }, { allowPrivate: true }),
    );
    expect(await webhookBacklog(db)).toEqual({ behind: 0, lagSeconds: 0 });
    const inv = await invoice();
    await approve(inv.id);
    await pay(inv.kid, 10_000);
    const waiting = await webhookBacklog(db);
    expect(waiting.behind).toBe(1);
    expect(waiting.lagSeconds).toBeGreaterThanOrEqual(0);
    expect((await deliverDue(db, { allowPrivate: true })).delivered).toBe(2);
    // Delivered up to the feed's end (its positions, not the events' global ids): nothing behind.
    expect(await webhookBacklog(db)).toEqual({ behind: 0, lagSeconds: 0 });
  });

  it('refuses a URL to this machine unless private addresses are allowed, checks again before each delivery, and records network errors', async () => {
    const { agency, invoice, approve } = await setup();
    const hook = await receiver();
    hook.setUp(true);
    const secret = newSecret();
    await refused(
      inTransaction(db, (trx) => subscribeWebhook(trx, agency.id, { url: hook.url, secret }, { allowPrivate: false })),
      'webhook_url_not_allowed',
    );
    await refused(
      inTransaction(db, (trx) =>
        subscribeWebhook(
          trx,
          agency.id,
          { url: `https://127.0.0.1:${hook.port}/hooks`, secret },
          { allowPrivate: false },
        ),
      ),
      'webhook_url_not_allowed',
    );
    await refused(
      inTransaction(db, (trx) =>
        subscribeWebhook(trx, agency.id, { url: 'https://localhost/hooks', secret }, { allowPrivate: false }),
      ),
      'webhook_url_not_allowed',
    );
    await refused(
      inTransaction(db, (trx) =>
        subscribeWebhook(trx, agency.id, { url: 'https://user:pw@example.com/hooks', secret }, { allowPrivate: true }),
      ),
      'webhook_url_not_allowed',
    );
    await refused(
      inTransaction(db, (trx) =>
        subscribeWebhook(trx, agency.id, { url: hook.url, secret: 'too short' }, { allowPrivate: true }),
      ),
      'validation_failed',
    );
    await refused(
      inTransaction(db, (trx) => subscribeWebhook(trx, agency.id, { url: 'no url', secret }, { allowPrivate: true })),
      'validation_failed',
    );
    expect(await getWebhook(db, agency.id)).toBeNull();

    // Subscribed where private addresses were allowed; a server that does not allow them does not send.
    await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: hook.url, secret }, { allowPrivate: true }),
    );
    const inv = await invoice();
    await approve(inv.id);
    const now = new Date();
    expect(await deliverDue(db, { allowPrivate: false, now })).toMatchObject({
      subscriptions: 1,
      delivered: 0,
      failed: 1,
    });
    expect(hook.received).toEqual([]);
    const [guarded] = await webhookAttempts(db, agency.id, 10);
    expect(guarded).toMatchObject({ statusCode: null, succeeded: false });
    expect(guarded!.error).toMatch(/not allowed|must be https/);

    // A receiver that is not there at all: a network error, recorded and retried.
    const gone = await startReceiver();
    await gone.close();
    await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: gone.url, secret }, { allowPrivate: true }),
    );
    expect(await getWebhook(db, agency.id)).toMatchObject({ attempts: 0, failingSince: null });
    expect(await deliverDue(db, { allowPrivate: true, now: new Date(now.getTime() + 1000) })).toMatchObject({
      subscriptions: 1,
      failed: 1,
    });
    const [refusedConnection] = await webhookAttempts(db, agency.id, 10);
    expect(refusedConnection).toMatchObject({ statusCode: null, succeeded: false });
    expect(refusedConnection!.error).toMatch(/ECONNREFUSED/);
  });

  it('counts only 2xx as delivered: a redirect, a timeout and a thrown error are failed attempts (fetch injected)', async () => {
    const { agency, invoice, approve, feed } = await setup();
    const secret = newSecret();
    const { deliveredPosition } = await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: 'https://hooks.example.invalid/innfri', secret }, { allowPrivate: true }),
    );
    const inv = await invoice();
    await approve(inv.id);
    const [event] = await feed(deliveredPosition);
    const seen: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    let answer: 'redirect' | 'hang' | 'throw' | 'ok' = 'redirect';
    const fetch: WebhookFetch = async (url, init) => {
      seen.push({ url, headers: init.headers, body: init.body });
      expect(init.redirect).toBe('manual');
      if (answer === 'redirect') return { status: 302 };
      if (answer === 'throw')
        throw Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' }),
        });
      if (answer === 'hang')
        return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
      return { status: 204 };
    };
    let now = new Date();
    const run = async () => {
      const result = await deliverDue(db, { allowPrivate: true, now, fetch, timeoutMs: 50 });
      const status = (await getWebhook(db, agency.id))!;
      now = new Date(Date.parse(status.nextAttemptAt) + 1);
      return result;
    };
    expect(await run()).toMatchObject({ delivered: 0, failed: 1 });
    answer = 'hang';
    expect(await run()).toMatchObject({ delivered: 0, failed: 1 });
    answer = 'throw';
    expect(await run()).toMatchObject({ delivered: 0, failed: 1 });
    answer = 'ok';
    expect(await run()).toMatchObject({ delivered: 1, failed: 0 });
    const attempts = (await webhookAttempts(db, agency.id, 10)).reverse();
    expect(attempts.map((a) => [a.statusCode, a.succeeded])).toEqual([
      [302, false],
      [null, false],
      [null, false],
      [204, true],
    ]);
    expect(attempts[0]!.error).toBe('HTTP 302');
    expect(attempts[1]!.error).toBe('timed out after 50 ms');
    expect(attempts[2]!.error).toMatch(/fetch failed.*ECONNRESET/);
    expect(new Set(seen.map((s) => s.headers['webhook-id']))).toEqual(new Set([`evt_${event!.id}`]));
    expect(
      seen.every((s) => s.url === 'https://hooks.example.invalid/innfri' && s.body === JSON.stringify(event)),
    ).toBe(true);
  });

  it('stores the signing secret sealed under INNFRI_SECRET_KEY, yet signs with the secret itself', async () => {
    const { agency, invoice, approve } = await setup();
    const secret = newSecret();
    const before = process.env.INNFRI_SECRET_KEY;
    process.env.INNFRI_SECRET_KEY = randomBytes(32).toString('base64');
    try {
      await inTransaction(db, (trx) =>
        subscribeWebhook(
          trx,
          agency.id,
          { url: 'https://hooks.example.invalid/sealed', secret },
          { allowPrivate: true },
        ),
      );
      const stored = (
        await db
          .selectFrom('webhook_subscriptions')
          .select('secret')
          .where('agency_id', '=', agency.id)
          .executeTakeFirstOrThrow()
      ).secret;
      expect(stored).toMatch(/^enc:v1:/);
      expect(stored).not.toContain(secret.slice('whsec_'.length, 20));
      await approve((await invoice()).id);
      const seen: Array<{ headers: Record<string, string>; body: string }> = [];
      const fetch: WebhookFetch = async (_url, init) => {
        seen.push({ headers: init.headers, body: init.body });
        return { status: 204 };
      };
      expect(await deliverDue(db, { allowPrivate: true, fetch })).toMatchObject({ delivered: 1, failed: 0 });
      expect(seen).toHaveLength(1);
      expect(verifyWebhook(secret, seen[0]!.headers, seen[0]!.body)).toBe(true);
    } finally {
      if (before === undefined) delete process.env.INNFRI_SECRET_KEY;
      else process.env.INNFRI_SECRET_KEY = before;
    }
  });

  it('forgets delivery attempts past the 30-day retention, oldest first and in batches, and keeps the rest', async () => {
    const { agency } = await setup();
    const now = new Date('2027-03-01T12:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * HOUR);
    const ages = [400, 90, 31, 30.5, 29, 1, 0];
    for (const [i, age] of ages.entries()) {
      // attempted_at is the database's clock in the schema types; set it back by hand here.
      await sql`insert into webhook_attempts (agency_id, event_position, webhook_id, attempted_at, status_code, error, duration_ms, succeeded)
        values (${agency.id}, ${i + 1}, ${`evt_${i + 1}`}, ${daysAgo(age)}, 503, 'HTTP 503', 5, false)`.execute(db);
    }
    const left = async () => (await webhookAttempts(db, agency.id, 100)).map((a) => a.webhookId).reverse();
    // In batches of at most `batch` (other tests' attempts, older than 30 days by this clock, go too).
    expect(await pruneWebhookAttempts(db, { now, batch: 2 })).toBe(2);
    while ((await pruneWebhookAttempts(db, { now, batch: 2 })) > 0);
    // Younger than 30 days stays.
    expect(await left()).toEqual(['evt_5', 'evt_6', 'evt_7']);
    expect(await pruneWebhookAttempts(db, { now })).toBe(0);
  });

  it('disables a subscription that has failed for more than 72 hours; subscribing again re-enables it where it was', async () => {
    const { agency, invoice, approve, feed } = await setup();
    const hook = await receiver();
    const secret = newSecret();
    const { deliveredPosition } = await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: hook.url, secret }, { allowPrivate: true }),
    );
    const inv = await invoice();
    await approve(inv.id);

    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await deliverDue(db, { allowPrivate: true, now: t0 })).toMatchObject({ failed: 1, disabled: 0 });
    expect(await deliverDue(db, { allowPrivate: true, now: at(71 * HOUR) })).toMatchObject({ failed: 1, disabled: 0 });
    expect(await deliverDue(db, { allowPrivate: true, now: at(72 * HOUR - 1000) })).toMatchObject({
      failed: 1,
      disabled: 0,
    });
    expect(await deliverDue(db, { allowPrivate: true, now: at(72 * HOUR + 10_000) })).toMatchObject({
      subscriptions: 1,
      failed: 1,
      disabled: 1,
    });
    const disabled = (await getWebhook(db, agency.id))!;
    expect(disabled).toMatchObject({
      disabled: true,
      disabledAt: at(72 * HOUR + 10_000).toISOString(),
      failingSince: t0.toISOString(),
      attempts: 4,
      deliveredPosition,
    });
    hook.setUp(true);
    expect(await deliverDue(db, { allowPrivate: true, now: at(100 * HOUR) })).toMatchObject({
      subscriptions: 0,
      delivered: 0,
    });
    expect(hook.delivered()).toEqual([]);
    expect(await webhookAttempts(db, agency.id, 100)).toHaveLength(4);

    // The feed stayed the source of truth; subscribing again (a new secret) picks up where it stopped.
    const newer = newSecret();
    const again = await inTransaction(db, (trx) =>
      subscribeWebhook(trx, agency.id, { url: hook.url, secret: newer }, { allowPrivate: true }),
    );
    expect(again.deliveredPosition).toBe(deliveredPosition);
    expect(await getWebhook(db, agency.id)).toMatchObject({
      disabled: false,
      disabledAt: null,
      failingSince: null,
      attempts: 0,
    });
    const now = at(100 * HOUR);
    expect(await deliverDue(db, { allowPrivate: true, now })).toMatchObject({ subscriptions: 1, delivered: 1 });
    const [event] = await feed(deliveredPosition);
    expect(hook.delivered().map((r) => r.body)).toEqual([JSON.stringify(event)]);
    expect(verifyWebhook(newer, hook.delivered()[0]!.headers, hook.delivered()[0]!.body, { now })).toBe(true);
    expect(verifyWebhook(secret, hook.delivered()[0]!.headers, hook.delivered()[0]!.body, { now })).toBe(false);
  });
});
