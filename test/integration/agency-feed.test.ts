import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { approveHandover, rejectHandover, sendToCollection } from '../../src/collection/handover.service.js';
import type { DatabaseHandle, Db, Trx } from '../../src/db/database.js';
import { beforeCommit, inTransaction } from '../../src/db/transaction.js';
import { createApp } from '../../src/http/app.js';
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
        if (!done && e.type !== 'invoice.available') whileWriting += 1;
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
      const readers = Promise.all([
        pageFeed(G.client, isWriting),
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
                    lines: [{ description: 'Rabatt', quantity: 1, unitPrice: 800, vatRate: 25 }],
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
            beforeCommit(trx, 'hold', () => sleep(Math.floor(Math.random() * 4)));
          });
          if (i % 3 === 1) await inTransaction(db, (trx) => onForeign(trx, plan, i));
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
              beforeCommit(trx, 'hold', () => sleep(Math.floor(Math.random() * 4)));
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
        .orderBy('position')
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
        id: String(s.position),
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
});
