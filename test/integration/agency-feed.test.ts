import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { approveHandover, rejectHandover, sendToCollection } from '../../src/collection/handover.service.js';
import type { DatabaseHandle, Db, Trx } from '../../src/db/database.js';
import { beforeCommit, inTransaction } from '../../src/db/transaction.js';
import { createApp } from '../../src/app/app.js';
import { createManualVoucher } from '../../src/ledger/manual-voucher.service.js';
import { matchEntries, unmatch } from '../../src/ledger/match.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { DEFAULT_CONFIG } from '../../src/server.js';
import { ore } from '../../src/shared/money.js';
import { AgencyClient } from '../support/agency-client.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { TEST_TODAY, type TestApp } from '../support/http.js';
import { budget } from '../support/progress.js';

const WRITERS = 8;
const ROUNDS = 10;
const PAGE = 7;

const system = { type: 'user' as const, id: null };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Company = Awaited<ReturnType<typeof makeCompany>>;
type Invoice = Awaited<ReturnType<typeof makeInvoice>>;

interface FeedEvent {
  id: string;
  type: string;
  clientId: string;
  invoiceId: string;
  voucherId: string | null;
  voucherType: string | null;
  amount: number;
  remainingAmount: number;
  isWriteOff: boolean;
  isManual: boolean;
}

/**
 * The agency feed's guarantee, over HTTP: an agency paging `GET /agency/v1/events?after=…` sees each
 * of its events exactly once and in order while many writers commit concurrently (each holding its
 * transaction open a little after writing, so commit order differs from start order), and never an
 * event of an invoice that was not handed to it (another agency's, or one still on the draft list).
 */
describe.each(BACKENDS)('the agency event feed over HTTP on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  let app: TestApp;
  beforeAll(async () => {
    handle = await freshDatabase(backend, WRITERS + 6);
    db = handle.db;
    // The rate limit is not under test here: the readers poll as fast as they can.
    app = createApp(db, {
      ...DEFAULT_CONFIG,
      today: () => TEST_TODAY,
      agencyRatePerSecond: 1_000_000,
      agencyRateBurst: 1_000_000,
    });
  });
  afterAll(async () => handle?.close());

  async function newAgency(name: string) {
    const credentials = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name }));
    return {
      id: credentials.agency.id,
      client: new AgencyClient(app, credentials.agency.clientId, credentials.clientSecret),
    };
  }

  const overdue = (company: Company, customerId: string) =>
    makeInvoice(db, company.id, customerId, 100_000, { issueDate: '2026-09-01', dueDate: '2026-09-15' });

  async function handTo(companyId: string, invoiceId: string, agencyId: string, approve = true) {
    return inTransaction(db, async (trx) => {
      const draft = await sendToCollection(trx, companyId, invoiceId, { agencyId, today: TEST_TODAY }, system);
      return approve ? approveHandover(trx, companyId, draft.id, system) : draft;
    });
  }

  /** Pages the feed until the writers are done and a page read after that is empty; counts the writers' events read while they wrote. */
  async function pageFeed(
    agency: AgencyClient,
    isWriting: () => boolean,
    query = '',
    onReadWhileWriting: () => void = () => {},
  ): Promise<{ events: FeedEvent[]; pages: number; whileWriting: number }> {
    const events: FeedEvent[] = [];
    let after: string | null = null;
    let pages = 0;
    let whileWriting = 0;
    for (;;) {
      const done = !isWriting(); // decided before reading, so the last page is read after every commit
      const res = await agency.get(`/events?limit=${PAGE}${after === null ? '' : `&after=${after}`}${query}`);
      pages += 1;
      if (res.status !== 200) throw new Error(`GET /events answered ${res.status}: ${JSON.stringify(res.body)}`);
      const data = res.body.data as FeedEvent[];
      if (data.length > PAGE) throw new Error(`a page of ${data.length} events with limit ${PAGE}`);
      for (const e of data) {
        if (after !== null && Number(e.id) <= Number(after))
          throw new Error(`event ${e.id} after ${after}: out of order`);
        events.push(e);
        after = e.id;
        if (!done && e.type !== 'invoice.available') {
          whileWriting += 1;
          onReadWhileWriting();
        }
      }
      if (res.body.nextCursor !== (after ?? '0'))
        throw new Error(`nextCursor ${res.body.nextCursor}, expected ${after}`);
      if (done && data.length === 0) return { events, pages, whileWriting };
      if (data.length === 0) await sleep(2);
    }
  }

  it(
    `${WRITERS} concurrent writers, paging readers over HTTP: every event of the agency exactly once, in order, with its client; nothing of others`,
    async () => {
      const G = await newAgency('Feed Inkasso AS');
      const H = await newAgency('Annen Inkasso AS');
      const clients = [
        await makeCompany(db, { name: 'Klient 0 AS', sendsOwnCollectionNotice: false }),
        await makeCompany(db, { name: 'Klient 1 AS', sendsOwnCollectionNotice: false }),
        await makeCompany(db, { name: 'Klient 2 AS', sendsOwnCollectionNotice: false }),
      ] as const;
      for (const c of clients)
        await inTransaction(db, (trx) => setAgencyActivation(trx, c.id, G.id, { active: true, isDefault: true }, null));
      // Klient 0 uses both agencies; Klient D only the other one.
      await inTransaction(db, (trx) => setAgencyActivation(trx, clients[0].id, H.id, { active: true }, null));
      const D = await makeCompany(db, { name: 'Klient D AS', sendsOwnCollectionNotice: false });
      await inTransaction(db, (trx) => setAgencyActivation(trx, D.id, H.id, { active: true, isDefault: true }, null));

      // Each writer: its own customer and invoices at one client, handed to G; one more to hand over
      // while writing; and foreign ones (to H at Klient 0 or D, and one on G's draft list).
      const plans = await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const client = clients[w % clients.length]!;
          const customer = await makeCustomer(db, client.id, { name: `Skyldner ${w}` });
          const own: Invoice[] = [];
          for (let i = 0; i < ROUNDS; i++) own.push(await overdue(client, customer.id));
          const handovers = [];
          for (const inv of own) handovers.push(await handTo(client.id, inv.id, G.id));
          const later = await overdue(client, customer.id);
          const foreignCompany = w % 2 === 0 ? clients[0] : D;
          const foreignCustomer = await makeCustomer(db, foreignCompany.id, { name: `Annen skyldner ${w}` });
          const toH = await overdue(foreignCompany, foreignCustomer.id);
          await handTo(foreignCompany.id, toH.id, H.id);
          const draft = await overdue(client, customer.id);
          await handTo(client.id, draft.id, G.id, false);
          return {
            w,
            client,
            customer,
            own,
            handovers,
            later,
            foreign: [
              { company: foreignCompany, invoice: toH },
              { company: client, invoice: draft },
            ],
          };
        }),
      );
      const gInvoices = new Set(plans.flatMap((p) => [...p.own.map((i) => i.id), p.later.id]));
      const foreignInvoices = new Set(plans.flatMap((p) => p.foreign.map((f) => f.invoice.id)));

      expect((await G.client.authenticate()).status).toBe(200);
      let writing = true;
      const isWriting = () => writing;
      // Halfway, each writer waits until the reader has read a writer's event, so the reader provably
      // reads while others commit however the machine schedules them (a busy machine may otherwise
      // run every writer before the reader's first page).
      let readerRead!: () => void;
      const readWhileWriting = new Promise<void>((resolve) => {
        readerRead = resolve;
      });
      const readers = Promise.all([
        pageFeed(G.client, isWriting, '', () => readerRead()),
        pageFeed(G.client, isWriting, `&clientId=${clients[1].id}`),
      ]);

      /** A manual voucher's customer entry (Dr bank, Cr receivable) matched by hand to the invoice. */
      async function manualMatch(trx: Trx, company: Company, invoice: Invoice, amount: number) {
        const voucher = await createManualVoucher(
          trx,
          company.id,
          {
            date: TEST_TODAY,
            description: `Manuell innbetaling faktura ${invoice.invoiceNumber}`,
            lines: [
              { account: company.accounts.bank, side: 'debit', amount: ore(amount) },
              {
                account: company.accounts.receivable,
                side: 'credit',
                amount: ore(amount),
                customerId: invoice.customerId,
              },
            ],
          },
          null,
        );
        const entry = voucher.postings.find((p) => p.customerId !== null)!;
        return matchEntries(trx, company.id, {
          debitPostingId: invoice.receivableEntryId,
          creditPostingId: entry.id,
          amount: ore(amount),
          userId: null,
        });
      }

      async function onForeign(trx: Trx, plan: (typeof plans)[number], i: number) {
        const f = plan.foreign[i % 2]!;
        await registerPayment(
          trx,
          f.company.id,
          { kid: f.invoice.kid, amount: ore(700), paymentDate: TEST_TODAY },
          null,
        );
      }

      const writers = plans.map(async (plan) => {
        const { w, client } = plan;
        for (const [i, invoice] of plan.own.entries()) {
          await inTransaction(db, async (trx) => {
            switch ((i + w) % 5) {
              case 0:
                await writeOffInvoice(
                  trx,
                  client.id,
                  invoice.id,
                  { date: TEST_TODAY, amount: ore(1_000), reason: 'Delvis tap' },
                  null,
                );
                break;
              case 1:
                await createCreditNote(
                  trx,
                  client.id,
                  invoice.id,
                  {
                    issueDate: TEST_TODAY,
                    lines: [{ description: 'Rabatt', quantity: 1, unitPrice: ore(800), vatRate: 25 }],
                  },
                  null,
                );
                break;
              case 2: {
                const p = await registerPayment(
                  trx,
                  client.id,
                  { kid: invoice.kid, amount: ore(2_000 + w), paymentDate: TEST_TODAY },
                  null,
                );
                await registerPayment(
                  trx,
                  client.id,
                  { invoiceId: invoice.id, amount: ore(500), paymentDate: TEST_TODAY },
                  null,
                );
                if (i % 2 === 0) {
                  const match = await trx
                    .selectFrom('matches')
                    .select('id')
                    .where('credit_posting_id', '=', p.entryId)
                    .executeTakeFirstOrThrow();
                  await unmatch(trx, client.id, match.id, null);
                }
                break;
              }
              case 3:
                await manualMatch(trx, client, invoice, 1_500);
                break;
              default: {
                const m = await manualMatch(trx, client, invoice, 1_200);
                await unmatch(trx, client.id, m.matchId, null);
              }
            }
            // Some transactions also touch an invoice that is not G's.
            if (i % 3 === 0) await onForeign(trx, plan, i);
            beforeCommit(trx, 'hold', () => sleep(Math.floor(Math.random() * 4)), 'end');
          });
          if (i % 3 === 1) await inTransaction(db, (trx) => onForeign(trx, plan, i));
          if (i === Math.floor(ROUNDS / 2)) await readWhileWriting;
          if (i === Math.floor(ROUNDS / 2)) {
            // Mid-run, the accountant hands one more invoice to G and takes another back (recalled).
            await inTransaction(db, async (trx) => {
              const draft = await sendToCollection(
                trx,
                client.id,
                plan.later.id,
                { agencyId: G.id, today: TEST_TODAY },
                system,
              );
              await approveHandover(trx, client.id, draft.id, system);
              beforeCommit(trx, 'hold', () => sleep(Math.floor(Math.random() * 4)), 'end');
            });
          }
        }
        const last = plan.handovers.at(-1)!;
        await inTransaction(db, (trx) => rejectHandover(trx, client.id, last.id, 'Kunden har betalt', system));
        // After the recall the invoice is no longer G's: this payment is not in G's feed.
        await inTransaction(db, (trx) =>
          registerPayment(
            trx,
            client.id,
            { invoiceId: last.invoiceId, amount: ore(300), paymentDate: TEST_TODAY },
            null,
          ),
        );
      });
      await Promise.all(writers);
      writing = false;
      const [all, one] = await readers;

      const stored = await db
        .selectFrom('invoice_events')
        .selectAll()
        .where('agency_id', '=', G.id)
        .orderBy('feed_position')
        .execute();
      expect(stored.length).toBeGreaterThan(WRITERS * ROUNDS);
      // Every event once, in order, as stored.
      const project = (e: {
        clientId: string;
        invoiceId: string;
        type: string;
        voucherId: string | null;
        voucherType: string | null;
        amount: number;
        remainingAmount: number;
        isWriteOff: boolean;
        isManual: boolean;
      }) => ({
        clientId: e.clientId,
        invoiceId: e.invoiceId,
        type: e.type,
        voucherId: e.voucherId,
        voucherType: e.voucherType,
        amount: e.amount,
        remainingAmount: e.remainingAmount,
        isWriteOff: e.isWriteOff,
        isManual: e.isManual,
      });
      const expected = stored.map((s) => ({
        id: String(s.feed_position),
        ...project({
          clientId: s.company_id,
          invoiceId: s.invoice_id,
          type: s.type,
          voucherId: s.voucher_id,
          voucherType: s.voucher_type,
          amount: Number(s.amount),
          remainingAmount: Number(s.remaining_amount),
          isWriteOff: s.is_write_off,
          isManual: s.is_manual,
        }),
      }));
      expect(new Set(all.events.map((e) => e.id)).size).toBe(all.events.length);
      expect(all.events.map((e) => ({ id: e.id, ...project(e) }))).toEqual(expected);
      expect(all.pages).toBeGreaterThan(stored.length / PAGE);
      // The reader really read the writers' events while they were committing (not only afterwards).
      expect(all.whileWriting).toBeGreaterThan(0);
      // The right client on each: the invoice's company.
      const companyOf = new Map(plans.flatMap((p) => [...p.own, p.later].map((inv) => [inv.id, p.client.id] as const)));
      for (const e of all.events) expect(e.clientId, e.id).toBe(companyOf.get(e.invoiceId));
      // Only G's invoices; every kind of event is there.
      for (const e of all.events) expect(gInvoices.has(e.invoiceId), `${e.id} ${e.invoiceId}`).toBe(true);
      expect(new Set(all.events.map((e) => e.type))).toEqual(
        new Set([
          'invoice.available',
          'invoice.payment',
          'invoice.credit_note',
          'invoice.write_off',
          'invoice.manual_match',
          'invoice.unmatched',
          'invoice.recalled',
        ]),
      );
      expect(
        all.events
          .filter((e) => e.type === 'invoice.manual_match')
          .every((e) => e.isManual && e.voucherType === 'manual'),
      ).toBe(true);
      expect(all.events.filter((e) => e.type === 'invoice.write_off').every((e) => e.isWriteOff)).toBe(true);
      // The events that must not be there do exist: the other agency's, the draft's, and after a recall.
      const others = await db
        .selectFrom('invoice_events')
        .select(['invoice_id', 'agency_id'])
        .where('invoice_id', 'in', [...foreignInvoices])
        .where('type', '=', 'invoice.payment')
        .execute();
      expect(others.filter((o) => o.agency_id === H.id).length).toBeGreaterThan(0);
      expect(others.filter((o) => o.agency_id === null).length).toBeGreaterThan(0);
      expect(others.filter((o) => o.agency_id === G.id)).toEqual([]);
      const recalledIds = plans.map((p) => p.handovers.at(-1)!.invoiceId);
      const afterRecall = await db
        .selectFrom('invoice_events')
        .select(['position', 'agency_id', 'amount'])
        .where('invoice_id', 'in', recalledIds)
        .where('type', '=', 'invoice.payment')
        .where('amount', '=', ore(300))
        .execute();
      expect(afterRecall).toHaveLength(WRITERS);
      expect(afterRecall.every((e) => e.agency_id === null)).toBe(true);

      // ?clientId= gives one client's events, read concurrently and again afterwards.
      const ofClient = (companyId: string) => expected.filter((e) => e.clientId === companyId);
      expect(one.events.map((e) => ({ id: e.id, ...project(e) }))).toEqual(ofClient(clients[1].id));
      for (const c of clients) {
        const again = await pageFeed(G.client, () => false, `&clientId=${c.id}`);
        expect(
          again.events.map((e) => ({ id: e.id, ...project(e) })),
          c.id,
        ).toEqual(ofClient(c.id));
        expect(again.events.length).toBeGreaterThan(0);
      }
      // Klient D never activated G: its filter is "not found".
      expect((await G.client.get(`/events?clientId=${D.id}`)).status).toBe(404);
      // The other agency's feed has only its own.
      expect((await H.client.authenticate()).status).toBe(200);
      const h = await pageFeed(H.client, () => false);
      expect(h.events.length).toBeGreaterThan(0);
      expect(h.events.every((e) => foreignInvoices.has(e.invoiceId) && !gInvoices.has(e.invoiceId))).toBe(true);
    },
    budget(180_000),
  );

  /** Reads the feed from `after` to its end (no writers): every event once, in order. */
  async function readFrom(agency: AgencyClient, after: string, query = '') {
    const events: (FeedEvent & { occurredAt: string; caseNumber: string | null })[] = [];
    let cursor = after;
    for (;;) {
      const res = await agency.get(`/events?limit=${PAGE}&after=${cursor}${query}`);
      if (res.status !== 200) throw new Error(`GET /events answered ${res.status}: ${JSON.stringify(res.body)}`);
      events.push(...res.body.data);
      if (res.body.data.length === 0) return { events, cursor };
      cursor = res.body.nextCursor;
    }
  }

  const activate = (companyId: string, agencyId: string, active: boolean) =>
    inTransaction(db, (trx) => setAgencyActivation(trx, companyId, agencyId, { active, isDefault: active }, null));

  it('deactivate → direct payment → the reader pages past it → reactivate: the payment reaches the paging reader exactly once, and a full re-read equals the paged read', async () => {
    const F = await newAgency('Tilbake Inkasso AS');
    const P = await makeCompany(db, { name: 'Pauser AS', sendsOwnCollectionNotice: false }); // deactivates F for a while
    const Q = await makeCompany(db, { name: 'Stabil AS', sendsOwnCollectionNotice: false }); // keeps F active: its events move the cursor on
    await activate(P.id, F.id, true);
    await activate(Q.id, F.id, true);
    const debtor = await makeCustomer(db, P.id, { name: 'Skyldner P' });
    const p1 = await overdue(P, debtor.id);
    const p2 = await overdue(P, debtor.id);
    const q1 = await overdue(Q, (await makeCustomer(db, Q.id, { name: 'Skyldner Q' })).id);
    for (const [c, inv] of [
      [P, p1],
      [P, p2],
      [Q, q1],
    ] as const)
      await handTo(c.id, inv.id, F.id);
    expect((await F.client.authenticate()).status).toBe(200);
    // In a case, so P may deactivate F (nothing on the approved list).
    expect(
      (await F.client.post(`/clients/${P.id}/cases`, { caseNumber: 'P-1', invoiceIds: [p1.id, p2.id] })).status,
    ).toBe(201);

    // The paging reader is up to date.
    const seen: (FeedEvent & { occurredAt: string; caseNumber: string | null })[] = [];
    let cursor = '0';
    const page = async () => {
      const r = await readFrom(F.client, cursor);
      seen.push(...r.events);
      cursor = r.cursor;
      return r.events;
    };
    expect((await page()).map((e) => e.type)).toEqual(['invoice.available', 'invoice.available', 'invoice.available']);

    await activate(P.id, F.id, false);
    // Event N: the accountant records a direct payment on an invoice of F's case at P; then another.
    const direct = await inTransaction(db, (trx) =>
      registerPayment(trx, P.id, { kid: p1.kid, amount: ore(40_000), paymentDate: TEST_TODAY }, null),
    );
    await inTransaction(db, (trx) =>
      registerPayment(trx, P.id, { invoiceId: p2.id, amount: ore(1_000), paymentDate: TEST_TODAY }, null),
    );
    // Meanwhile at Q: the reader reads it, so its cursor passes N.
    await inTransaction(db, (trx) =>
      registerPayment(trx, Q.id, { kid: q1.kid, amount: ore(5_000), paymentDate: TEST_TODAY }, null),
    );
    const whileOff = await page();
    expect(whileOff.map((e) => [e.clientId, e.type])).toEqual([[Q.id, 'invoice.payment']]);
    const withheld = await db
      .selectFrom('invoice_events')
      .select([
        'position',
        'feed_position',
        'agency_id',
        'withheld_agency_id',
        'voucher_id',
        'occurred_at',
        'case_number',
      ])
      .where('company_id', '=', P.id)
      .where('type', '=', 'invoice.payment')
      .orderBy('position')
      .execute();
    expect(withheld).toHaveLength(2);
    expect(withheld.map((w) => [w.agency_id, w.withheld_agency_id])).toEqual([
      [null, F.id],
      [null, F.id],
    ]);
    expect(withheld[0]!.voucher_id).toBe(direct.voucherId);
    // Neither is in F's feed (no feed position), and the reader has moved past the moment they were written.
    expect(withheld.map((w) => w.feed_position)).toEqual([null, null]);
    const passed = cursor;
    // While deactivated: P is "not found", nothing of it enters the feed; what was there stays.
    expect((await F.client.get(`/events?clientId=${P.id}`)).status).toBe(404);
    expect((await readFrom(F.client, '0')).events.map((e) => e.id)).toEqual(seen.map((e) => e.id));

    await activate(P.id, F.id, true);
    // The reader pages on from its cursor: both payments, once each, in their order, as they happened.
    const back = await page();
    expect(back.map((e) => [e.clientId, e.invoiceId, e.type, e.amount, e.caseNumber])).toEqual([
      [P.id, p1.id, 'invoice.payment', 40_000, 'P-1'],
      [P.id, p2.id, 'invoice.payment', 1_000, 'P-1'],
    ]);
    expect(back[0]).toMatchObject({
      voucherId: direct.voucherId,
      voucherType: 'payment',
      kid: p1.kid,
      remainingAmount: p1.totalAmount - 40_000,
      occurredAt: withheld[0]!.occurred_at.toISOString(),
    });
    expect(back.every((e) => Number(e.id) > Number(passed))).toBe(true);
    const reissues = await db
      .selectFrom('invoice_events')
      .select(['feed_position', 'reissue_of', 'agency_id'])
      .where('reissue_of', 'is not', null)
      .where('company_id', '=', P.id)
      .orderBy('feed_position')
      .execute();
    expect(reissues.map((r) => [String(r.feed_position), r.reissue_of, r.agency_id])).toEqual([
      [back[0]!.id, withheld[0]!.position, F.id],
      [back[1]!.id, withheld[1]!.position, F.id],
    ]);

    // Once only: toggling again without news reissues nothing; a later event is simply there.
    await activate(P.id, F.id, false);
    await activate(P.id, F.id, true);
    await inTransaction(db, (trx) =>
      registerPayment(trx, P.id, { kid: p1.kid, amount: ore(2_000), paymentDate: TEST_TODAY }, null),
    );
    expect((await page()).map((e) => [e.clientId, e.type, e.amount])).toEqual([[P.id, 'invoice.payment', 2_000]]);
    // Every direct payment exactly once, and a full re-read (paged from the start) equals the paged read.
    expect(seen.filter((e) => e.clientId === P.id && e.type === 'invoice.payment').map((e) => e.amount)).toEqual([
      40_000, 1_000, 2_000,
    ]);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect((await readFrom(F.client, '0')).events).toEqual(seen);
    expect((await readFrom(F.client, '0', `&clientId=${P.id}`)).events).toEqual(
      seen.filter((e) => e.clientId === P.id),
    );
    // The company's own events: each once (the reissues are copies for the feed).
    const company = await db
      .selectFrom('invoice_events')
      .select('position')
      .where('company_id', '=', P.id)
      .where('reissue_of', 'is', null)
      .execute();
    expect(company).toHaveLength(2 + 3);
  });

  it('activation toggled while writers commit: each event the agency is concerned by reaches a paging reader exactly once (itself or its reissue)', async () => {
    const F = await newAgency('Vippe Inkasso AS');
    const P = await makeCompany(db, { name: 'Vippe AS', sendsOwnCollectionNotice: false });
    await activate(P.id, F.id, true);
    const debtor = await makeCustomer(db, P.id, { name: 'Skyldner V' });
    const invoices: Invoice[] = [];
    for (let i = 0; i < 4; i++) invoices.push(await overdue(P, debtor.id));
    for (const inv of invoices) await handTo(P.id, inv.id, F.id);
    expect((await F.client.authenticate()).status).toBe(200);
    expect(
      (await F.client.post(`/clients/${P.id}/cases`, { caseNumber: 'V-1', invoiceIds: invoices.map((i) => i.id) }))
        .status,
    ).toBe(201);

    let writing = true;
    const reader = pageFeed(F.client, () => writing);
    const writers = invoices.map(async (inv) => {
      for (let k = 0; k < 12; k++)
        await inTransaction(db, async (trx) => {
          await registerPayment(trx, P.id, { kid: inv.kid, amount: ore(100 + k), paymentDate: TEST_TODAY }, null);
          beforeCommit(trx, 'hold', () => sleep(Math.floor(Math.random() * 3)), 'end');
        });
    });
    const toggler = (async () => {
      for (let t = 0; t < 6; t++) {
        await activate(P.id, F.id, t % 2 === 1);
        await sleep(Math.floor(Math.random() * 5));
      }
    })(); // ends active
    await Promise.all([...writers, toggler]);
    writing = false;
    const { events } = await reader;

    const stored = await db
      .selectFrom('invoice_events')
      .select(['position', 'feed_position', 'agency_id', 'withheld_agency_id', 'reissue_of'])
      .where('company_id', '=', P.id)
      .where('type', '=', 'invoice.payment')
      .orderBy('position')
      .execute();
    const originals = stored.filter((s) => s.reissue_of === null);
    expect(originals).toHaveLength(4 * 12);
    expect(originals.every((o) => (o.agency_id ?? o.withheld_agency_id) === F.id)).toBe(true);
    // A feed id is the agency's position; the original is the event's identity (`position`).
    const origin = new Map(
      stored
        .filter((s) => s.feed_position !== null)
        .map((s) => [String(s.feed_position), String(s.reissue_of ?? s.position)]),
    );
    const payments = events.filter((e) => e.type === 'invoice.payment');
    // Each original once: read as itself or as its reissue, never both, never twice.
    expect(payments.map((e) => origin.get(e.id)).sort()).toEqual(originals.map((o) => String(o.position)).sort());
    expect(stored.filter((s) => s.withheld_agency_id !== null).length).toBe(
      stored.filter((s) => s.reissue_of !== null).length,
    );
    // And a full re-read is the same sequence.
    expect((await readFrom(F.client, '0')).events.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
});
