import { sql } from 'kysely';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, setAgencyActivation } from '../../src/agencies/agency.service.js';
import { agencyEvents } from '../../src/agencies/feed.read-model.js';
import { getWebhook, startWebhookWorker, subscribeWebhook } from '../../src/agencies/webhook.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { type DatabaseHandle, type Db, openDatabase } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { type Actor, updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase, POSTGRES_URL } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

const user: Actor = { type: 'user', id: null };
const HOUR = 3600_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + budget(20_000);
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A receiver on 127.0.0.1 answering 200 and recording every body and webhook-id, in arrival order. */
async function startReceiver() {
  const received: Array<{ id: string; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ id: String(req.headers['webhook-id']), body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(BACKENDS)('webhooks woken by the commit on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  const cleanup: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
    await db
      .updateTable('webhook_subscriptions')
      .set({ disabled_at: new Date() })
      .where('disabled_at', 'is', null)
      .execute();
  });
  afterAll(async () => handle?.close());

  /** A company with an active default agency subscribed to a receiver, and `n` invoices on its approved list. */
  async function setup(n: number) {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const customer = await makeCustomer(db, company.id);
    const agency = await inTransaction(db, async (trx) => {
      const a = await createAgency(trx, { name: `Byrå ${company.id.slice(0, 8)}` });
      await setAgencyActivation(trx, company.id, a.id, { active: true, isDefault: true }, null);
      return a;
    });
    await inTransaction(db, (trx) => updateDunningSettings(trx, company.id, { autoApprove: false }, '2026-01-01'));
    const invoices = [];
    for (let i = 0; i < n; i++) {
      const inv = await makeInvoice(db, company.id, customer.id, 80_000, {
        issueDate: '2026-01-01',
        dueDate: '2026-01-15',
      });
      const draft = await inTransaction(db, (trx) =>
        sendToCollection(trx, company.id, inv.id, { today: '2026-01-29' }, user),
      );
      await inTransaction(db, (trx) => approveHandover(trx, company.id, draft.id, user));
      invoices.push(inv);
    }
    const hook = await startReceiver();
    cleanup.push(hook.close);
    const { deliveredPosition: start } = await inTransaction(db, (trx) =>
      subscribeWebhook(
        trx,
        agency.id,
        { url: hook.url, secret: 'a plain secret, long enough to be accepted' },
        { allowPrivate: true },
      ),
    );
    const pay = (kid: string, amount: number) =>
      inTransaction(db, (trx) =>
        registerPayment(trx, company.id, { kid, amount: ore(amount), paymentDate: '2026-02-01' }, null),
      );
    const feed = async () =>
      (await agencyEvents(db, agency.id, { after: start, limit: 10_000 })).map((e) => JSON.stringify(e));
    return { company, agency, invoices, hook, pay, feed, start };
  }

  /** A worker that polls only once an hour: whatever it delivers sooner, a commit woke it for. */
  function wokenWorker(on: DatabaseHandle, errors: unknown[]) {
    const stop = startWebhookWorker(on.db, {
      allowPrivate: true,
      intervalMs: HOUR,
      fallbackMs: HOUR,
      listen: on.listen,
      onError: (e) => errors.push(e),
    });
    cleanup.push(stop);
    return stop;
  }

  it('a payment’s commit wakes the worker: every event delivered once, in feed order, with no polling', async () => {
    const { company, invoices, hook, pay, feed, agency } = await setup(3);
    const errors: unknown[] = [];
    wokenWorker(handle, errors);
    // The first run at start has nothing to send: the subscription began after the handovers.
    await sleep(100);
    expect(hook.received).toEqual([]);
    for (const [i, inv] of invoices.entries()) {
      await pay(inv.kid, 10_000 + i);
      // Each payment's event arrives without any poll: the worker's interval is an hour.
      await waitFor(() => hook.received.length === i + 1, `the webhook of payment ${i + 1}`);
    }
    // A transaction that rolls back notifies nothing and sends nothing.
    await expect(
      inTransaction(db, async (trx) => {
        await registerPayment(
          trx,
          company.id,
          { kid: invoices[0]!.kid, amount: ore(1), paymentDate: '2026-02-01' },
          null,
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // Several payments in a row, then three in one transaction: all delivered, in order, once.
    for (const inv of invoices) await pay(inv.kid, 2_000);
    await inTransaction(db, async (trx) => {
      for (const inv of invoices)
        await registerPayment(trx, company.id, { kid: inv.kid, amount: ore(3_000), paymentDate: '2026-02-01' }, null);
    });
    const expected = await feed();
    expect(expected).toHaveLength(9);
    await waitFor(() => hook.received.length >= expected.length, 'every event');
    await sleep(100);
    expect(hook.received.map((r) => r.body)).toEqual(expected);
    expect(new Set(hook.received.map((r) => r.id)).size).toBe(expected.length);
    const status = await getWebhook(db, agency.id);
    expect(status!.deliveredPosition).toBe(Number(JSON.parse(expected.at(-1)!).id));
    expect(errors).toEqual([]);
  });

  it('workers of two servers woken by the same commits: each event once, in order', async () => {
    const { invoices, hook, pay, feed } = await setup(4);
    const errors: unknown[] = [];
    // A second "server": on PostgreSQL its own pool and listening connection on the same schema.
    let other = handle;
    if (backend === 'postgres') {
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
      other = await openDatabase({ kind: 'postgres', url: POSTGRES_URL!, schema: rows[0]!.s });
      const opened = other;
      cleanup.push(() => opened.close());
    }
    wokenWorker(handle, errors);
    wokenWorker(other, errors);
    await sleep(50);
    const payments = 24;
    for (let i = 0; i < payments; i++) await pay(invoices[i % invoices.length]!.kid, 100 + i);
    const expected = await feed();
    expect(expected).toHaveLength(payments);
    await waitFor(() => hook.received.length >= payments, 'every event');
    await sleep(200);
    expect(hook.received.map((r) => r.body)).toEqual(expected);
    expect(errors).toEqual([]);
  });

  it.runIf(backend === 'postgres')(
    'the listening connection lost and back: events written meanwhile are delivered',
    async () => {
      const { invoices, hook, pay, feed } = await setup(1);
      const errors: unknown[] = [];
      wokenWorker(handle, errors);
      await sleep(50);
      await pay(invoices[0]!.kid, 1_000);
      await waitFor(() => hook.received.length === 1, 'the first webhook');
      // Cut the listener off (as a restart of the server's connection would) and pay while it is gone.
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      try {
        const killed = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
          [`innfri-listen:${rows[0]!.s}`],
        );
        expect(killed.rowCount).toBe(1);
      } finally {
        await admin.end();
      }
      await pay(invoices[0]!.kid, 2_000);
      await waitFor(() => hook.received.length === 2, 'the webhook of the payment made while the listener was gone');
      expect(hook.received.map((r) => r.body)).toEqual(await feed());
      expect(errors).toEqual([]);
    },
  );
});
