import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { agencyOfToken, createAgencyWithCredentials, sha256 } from '../../src/agencies/credential.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { AgencyClient, type AgencyResponse } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { createTestApp, TEST_TODAY, type TestApp, useTestApp } from '../support/http.js';

/**
 * The agency API's edges: what an agency may not see (scoping), what it may not send (bad input),
 * authentication, the rate limit and Idempotency-Key. Every refusal is checked against the stored
 * state too: a refused request must leave every case, handover, decision, key and subscription as it was.
 */

const system = { type: 'user' as const, id: null };

type Invoice = Awaited<ReturnType<typeof makeInvoice>>;
type Res = AgencyResponse<any>;

interface Call {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

/** Every endpoint of the contract that names a client, aimed at one invoice and one case of it. */
function clientCalls(
  clientId: string,
  t: { invoiceId: string; freeInvoiceId: string; caseNumber: string; otherCaseNumber: string },
): Call[] {
  const c = `/clients/${clientId}`;
  return [
    { name: 'GET available-invoices', method: 'GET', path: `${c}/available-invoices` },
    { name: 'GET invoice', method: 'GET', path: `${c}/invoices/${t.invoiceId}` },
    { name: 'GET matched-items', method: 'GET', path: `${c}/invoices/${t.invoiceId}/matched-items` },
    {
      name: 'POST invoice reject',
      method: 'POST',
      path: `${c}/invoices/${t.invoiceId}/reject`,
      body: { reason: 'Utenfor vårt område' },
    },
    {
      name: 'POST cases',
      method: 'POST',
      path: `${c}/cases`,
      body: { caseNumber: 'NY-1', invoiceIds: [t.freeInvoiceId] },
    },
    { name: 'GET cases', method: 'GET', path: `${c}/cases` },
    { name: 'GET case', method: 'GET', path: `${c}/cases/${t.caseNumber}` },
    {
      name: 'POST case invoices',
      method: 'POST',
      path: `${c}/cases/${t.caseNumber}/invoices`,
      body: { invoiceIds: [t.freeInvoiceId] },
    },
    {
      name: 'POST case status',
      method: 'POST',
      path: `${c}/cases/${t.caseNumber}/status`,
      body: { status: 'legal', statusText: 'Forliksrådet' },
    },
    {
      name: 'POST case reject',
      method: 'POST',
      path: `${c}/cases/${t.caseNumber}/reject`,
      body: { reason: 'Foreldet' },
    },
    {
      name: 'POST merge',
      method: 'POST',
      path: `${c}/cases/merge`,
      body: { caseNumbers: [t.caseNumber, t.otherCaseNumber], into: t.caseNumber },
    },
    { name: 'GET events?clientId', method: 'GET', path: `/events?clientId=${clientId}` },
  ];
}

const send = (agency: AgencyClient, call: Call, headers: Record<string, string> = {}): Promise<Res> =>
  agency.request(call.method, call.path, call.body, headers);

/** An RFC 9457 problem: the content type, the five members, and the status and code expected. */
function expectProblem(res: Res, status: number, code: string, label = ''): void {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toMatchObject({
    type: expect.stringMatching(/\S/),
    title: expect.stringMatching(/\S/),
    status,
    detail: expect.stringMatching(/\S/),
    code,
  });
}

const ids = (list: Array<{ id: string }>) => list.map((x) => x.id).sort();

describe.each(BACKENDS)('agency API scoping, bad input, auth, rate limit and idempotency on %s', (backend) => {
  // The test configuration, with private webhooks refused whatever INNFRI_ALLOW_PRIVATE_WEBHOOKS says.
  const ctx = useTestApp(backend, { allowPrivateWebhooks: false });

  /** Everything an agency call could change, to compare before and after a refused request. */
  async function snapshot() {
    return {
      cases: await ctx.db.selectFrom('cases').selectAll().orderBy('id').execute(),
      caseHistory: await ctx.db.selectFrom('case_history').selectAll().orderBy('id').execute(),
      handovers: await ctx.db.selectFrom('handovers').selectAll().orderBy('id').execute(),
      decisions: await ctx.db.selectFrom('dunning_decisions').selectAll().orderBy('id').execute(),
      idempotencyKeys: await ctx.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .orderBy('scope')
        .orderBy('key')
        .execute(),
      webhooks: await ctx.db.selectFrom('webhook_subscriptions').selectAll().orderBy('agency_id').execute(),
      events: await ctx.db
        .selectFrom('invoice_events')
        .select(['position', 'agency_id', 'type'])
        .orderBy('position')
        .execute(),
      matches: await ctx.db.selectFrom('matches').select('id').orderBy('id').execute(),
    };
  }

  async function newAgency(name: string, on: TestApp = ctx.app) {
    const credentials = await inTransaction(ctx.db, (trx) => createAgencyWithCredentials(trx, { name }));
    return {
      id: credentials.agency.id,
      credentials,
      client: new AgencyClient(on, credentials.agency.clientId, credentials.clientSecret),
    };
  }

  async function activate(companyId: string, agencyId: string, active = true, isDefault = false) {
    return inTransaction(ctx.db, (trx) => setAgencyActivation(trx, companyId, agencyId, { active, isDefault }, null));
  }

  async function overdueInvoice(companyId: string, customerId: string, net = 40_000): Promise<Invoice> {
    return makeInvoice(ctx.db, companyId, customerId, net, { issueDate: '2026-09-01', dueDate: '2026-09-15' });
  }

  /** The accountant's way: onto the draft list for the agency, and (unless told not to) approved. */
  async function handTo(companyId: string, invoiceId: string, agencyId: string, approve = true) {
    return inTransaction(ctx.db, async (trx) => {
      const draft = await sendToCollection(trx, companyId, invoiceId, { agencyId, today: TEST_TODAY }, system);
      return approve ? approveHandover(trx, companyId, draft.id, system) : draft;
    });
  }

  /**
   * Agencies X and Y, clients A and B. A activated X only; B activated both. A's invoices are
   * approved to X (one more is only on the draft list), B's to Y (and two to X).
   */
  async function world() {
    const X = await newAgency('X Inkasso AS');
    const Y = await newAgency('Y Inkasso AS');
    const A = await makeCompany(ctx.db, { name: 'Klient A AS', sendsOwnCollectionNotice: false });
    const B = await makeCompany(ctx.db, { name: 'Klient B AS', sendsOwnCollectionNotice: false });
    await activate(A.id, X.id, true, true);
    await activate(B.id, X.id);
    await activate(B.id, Y.id, true, true);
    const a1 = await makeCustomer(ctx.db, A.id, { name: 'Skyldner A1 AS' });
    const a2 = await makeCustomer(ctx.db, A.id, { name: 'Skyldner A2 AS' });
    const b1 = await makeCustomer(ctx.db, B.id, { name: 'Skyldner B1 AS' });
    const b2 = await makeCustomer(ctx.db, B.id, { name: 'Skyldner B2 AS' });
    const aInv: Invoice[] = [];
    for (const c of [a1, a1, a1, a1, a2, a2]) aInv.push(await overdueInvoice(A.id, c.id));
    for (const inv of aInv) await handTo(A.id, inv.id, X.id);
    const aDraft = await overdueInvoice(A.id, a1.id);
    const aDraftHandover = await handTo(A.id, aDraft.id, X.id, false);
    const bY: Invoice[] = [];
    for (const c of [b1, b1, b1, b2]) bY.push(await overdueInvoice(B.id, c.id));
    for (const inv of bY) await handTo(B.id, inv.id, Y.id);
    const bX: Invoice[] = [];
    for (const c of [b1, b1]) bX.push(await overdueInvoice(B.id, c.id));
    for (const inv of bX) await handTo(B.id, inv.id, X.id);
    expect((await X.client.authenticate()).status).toBe(200);
    expect((await Y.client.authenticate()).status).toBe(200);
    return {
      X,
      Y,
      A,
      B,
      a1,
      a2,
      b1,
      b2,
      aInv: aInv as [Invoice, Invoice, Invoice, Invoice, Invoice, Invoice],
      aDraft,
      aDraftHandover,
      bY: bY as [Invoice, Invoice, Invoice, Invoice],
      bX: bX as [Invoice, Invoice],
    };
  }

  async function allEvents(
    agency: AgencyClient,
    query = '',
  ): Promise<Array<{ id: string; clientId: string; invoiceId: string; type: string }>> {
    const res = await agency.get(`/events?limit=1000${query}`);
    expect(res.status).toBe(200);
    return res.body.data;
  }

  async function created(res: Res, label: string): Promise<Res> {
    expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(201);
    return res;
  }

  describe('scoping', () => {
    it('an agency the client has not activated gets 404 on every endpoint, exactly as for a client that does not exist', async () => {
      const w = await world();
      const { X, Y, A, B, aInv } = w;
      await created(
        await X.client.post(`/clients/${A.id}/cases`, { caseNumber: 'X-1', invoiceIds: [aInv[0].id] }),
        'X-1',
      );
      await created(
        await X.client.post(`/clients/${A.id}/cases`, { caseNumber: 'X-2', invoiceIds: [aInv[1].id] }),
        'X-2',
      );
      const before = await snapshot();

      const target = { invoiceId: aInv[0].id, freeInvoiceId: aInv[2].id, caseNumber: 'X-1', otherCaseNumber: 'X-2' };
      const real = clientCalls(A.id, target);
      const unknown = clientCalls(randomUUID(), target);
      const junk = clientCalls('not-a-uuid', target);
      for (const [i, call] of real.entries()) {
        const res = await send(Y.client, call);
        expectProblem(res, 404, 'not_found', `Y → A: ${call.name}`);
        const control = await send(Y.client, unknown[i]!);
        expect(res.body, `${call.name}: same answer as for an unknown client`).toEqual(control.body);
        expect(res.headers.get('content-type')).toBe(control.headers.get('content-type'));
        const bad = await send(Y.client, junk[i]!);
        // A non-uuid in the path is "not found"; as the events filter (a query parameter) it is bad input.
        if (call.name.startsWith('GET events')) expectProblem(bad, 400, 'validation_failed', `Y → junk: ${call.name}`);
        else {
          expectProblem(bad, 404, 'not_found', `Y → junk: ${call.name}`);
          expect(bad.body, call.name).toEqual(control.body);
        }
      }

      expect((await Y.client.get('/clients')).body.data.map((c: { id: string }) => c.id)).toEqual([B.id]);
      expect((await X.client.get('/clients')).body.data.map((c: { id: string }) => c.id)).toEqual([A.id, B.id]);
      const yFeed = await allEvents(Y.client);
      expect(yFeed.length).toBeGreaterThan(0);
      expect(yFeed.filter((e) => e.clientId === A.id)).toEqual([]);
      expect(yFeed.filter((e) => aInv.some((inv) => inv.id === e.invoiceId))).toEqual([]);

      expect(await snapshot()).toEqual(before);
      // X's cases are as X left them.
      expect((await X.client.get(`/clients/${A.id}/cases/X-1`)).body).toMatchObject({
        state: 'open',
        status: 'registered',
        invoices: [{ id: aInv[0].id }],
      });
    });

    it('a client that activated both agencies: X sees none of what the client handed to Y (404, or 422 invoice_not_available for a case)', async () => {
      const { X, Y, A, B, bY, bX } = await world();
      await created(
        await Y.client.post(`/clients/${B.id}/cases`, { caseNumber: 'Y-1', invoiceIds: [bY[0].id] }),
        'Y-1',
      );
      await created(
        await Y.client.post(`/clients/${B.id}/cases`, { caseNumber: 'Y-2', invoiceIds: [bY[1].id] }),
        'Y-2',
      );
      await created(
        await X.client.post(`/clients/${B.id}/cases`, { caseNumber: 'XB-1', invoiceIds: [bX[0].id] }),
        'XB-1',
      );
      const yCaseBefore = (await Y.client.get(`/clients/${B.id}/cases/Y-1`)).body;
      const before = await snapshot();

      // Y's available invoice (bY[2]) and Y's case numbers, under B, with X's token.
      const target = { invoiceId: bY[2].id, freeInvoiceId: bY[2].id, caseNumber: 'Y-1', otherCaseNumber: 'Y-2' };
      const calls = clientCalls(B.id, target);
      // Controls: an invoice id that exists nowhere; the same case numbers where no case has them (client A).
      const ghostInvoice = clientCalls(B.id, { ...target, invoiceId: randomUUID() });
      const elsewhere = clientCalls(A.id, target);
      for (const [i, call] of calls.entries()) {
        const res = await send(X.client, call);
        const label = `X → B, Y's things: ${call.name}`;
        switch (call.name) {
          case 'GET available-invoices':
            expect(res.status, label).toBe(200);
            expect(ids(res.body.data)).toEqual([bX[1].id]);
            break;
          case 'GET cases':
            expect(res.status, label).toBe(200);
            expect(res.body.data.map((k: { caseNumber: string }) => k.caseNumber)).toEqual(['XB-1']);
            break;
          case 'GET events?clientId':
            expect(res.status, label).toBe(200);
            expect(res.body.data.length).toBeGreaterThan(0);
            for (const e of res.body.data) {
              expect(e.clientId).toBe(B.id);
              expect([bX[0].id, bX[1].id]).toContain(e.invoiceId);
            }
            break;
          case 'POST cases':
            expectProblem(res, 422, 'invoice_not_available', label);
            break;
          case 'GET invoice':
          case 'GET matched-items':
          case 'POST invoice reject':
            expectProblem(res, 404, 'not_found', label);
            expect(res.body, label).toEqual((await send(X.client, ghostInvoice[i]!)).body);
            break;
          default:
            expectProblem(res, 404, 'not_found', label);
            expect(res.body, label).toEqual((await send(X.client, elsewhere[i]!)).body);
        }
      }
      // The invoice already in Y's case, too.
      for (const path of [`/invoices/${bY[0].id}`, `/invoices/${bY[0].id}/matched-items`])
        expectProblem(await X.client.get(`/clients/${B.id}${path}`), 404, 'not_found', path);
      expectProblem(
        await X.client.post(`/clients/${B.id}/invoices/${bY[0].id}/reject`, { reason: 'x' }),
        404,
        'not_found',
        'reject in Y case',
      );
      // Into X's own case, or mixed with X's own available invoice: not available, and nothing taken.
      expectProblem(
        await X.client.post(`/clients/${B.id}/cases/XB-1/invoices`, { invoiceIds: [bY[2].id] }),
        422,
        'invoice_not_available',
        'add Y invoice',
      );
      const mixed = await X.client.post(`/clients/${B.id}/cases`, {
        caseNumber: 'XB-2',
        invoiceIds: [bX[1].id, bY[2].id, bY[3].id],
      });
      expectProblem(mixed, 422, 'invoice_not_available', 'mixed');
      expect([...(mixed.body.invoiceIds as string[])].sort()).toEqual([bY[2].id, bY[3].id].sort());
      expectProblem(
        await X.client.post(`/clients/${B.id}/cases/merge`, { caseNumbers: ['XB-1', 'Y-1'], into: 'XB-1' }),
        404,
        'not_found',
        'merge with Y case',
      );
      // The feeds stay apart.
      const xFeed = await allEvents(X.client);
      expect(xFeed.filter((e) => bY.some((inv) => inv.id === e.invoiceId))).toEqual([]);
      const yFeed = await allEvents(Y.client);
      expect(yFeed.filter((e) => bX.some((inv) => inv.id === e.invoiceId))).toEqual([]);
      expect(new Set(yFeed.map((e) => e.invoiceId))).toEqual(new Set(bY.map((inv) => inv.id)));

      expect(await snapshot()).toEqual(before);
      expect((await Y.client.get(`/clients/${B.id}/cases/Y-1`)).body).toEqual(yCaseBefore);
      // Case numbers are per agency: X may use Y's number without learning that Y has it.
      const same = await created(
        await X.client.post(`/clients/${B.id}/cases`, { caseNumber: 'Y-1', invoiceIds: [bX[1].id] }),
        'X uses Y-1',
      );
      expect(same.body.invoices.map((inv: { id: string }) => inv.id)).toEqual([bX[1].id]);
      expect((await Y.client.get(`/clients/${B.id}/cases/Y-1`)).body).toEqual(yCaseBefore);
      const rows = await ctx.db
        .selectFrom('cases')
        .select(['agency_id', 'case_number'])
        .where('company_id', '=', B.id)
        .where('case_number', '=', 'Y-1')
        .execute();
      expect(rows.map((r) => r.agency_id).sort()).toEqual([X.id, Y.id].sort());
    });

    it('an invoice still on the draft list is invisible to the agency until it is approved', async () => {
      const { X, A, aInv, aDraft, aDraftHandover } = await world();
      await created(
        await X.client.post(`/clients/${A.id}/cases`, { caseNumber: 'X-1', invoiceIds: [aInv[0].id] }),
        'X-1',
      );
      const before = await snapshot();
      const ghost = randomUUID();
      for (const suffix of ['', '/matched-items']) {
        const res = await X.client.get(`/clients/${A.id}/invoices/${aDraft.id}${suffix}`);
        expectProblem(res, 404, 'not_found', `draft${suffix}`);
        expect(res.body).toEqual((await X.client.get(`/clients/${A.id}/invoices/${ghost}${suffix}`)).body);
      }
      const reject = await X.client.post(`/clients/${A.id}/invoices/${aDraft.id}/reject`, { reason: 'nei' });
      expectProblem(reject, 404, 'not_found', 'reject draft');
      expect(reject.body).toEqual(
        (await X.client.post(`/clients/${A.id}/invoices/${ghost}/reject`, { reason: 'nei' })).body,
      );
      expectProblem(
        await X.client.post(`/clients/${A.id}/cases`, { caseNumber: 'X-2', invoiceIds: [aDraft.id] }),
        422,
        'invoice_not_available',
        'case of draft',
      );
      expectProblem(
        await X.client.post(`/clients/${A.id}/cases/X-1/invoices`, { invoiceIds: [aDraft.id] }),
        422,
        'invoice_not_available',
        'add draft',
      );
      const available = await X.client.get(`/clients/${A.id}/available-invoices`);
      expect(ids(available.body.data)).toEqual(ids(aInv.slice(1)));
      expect(await snapshot()).toEqual(before);

      // A payment on the draft: an event, but not the agency's.
      await inTransaction(ctx.db, (trx) =>
        registerPayment(trx, A.id, { kid: aDraft.kid, amount: ore(5_000), paymentDate: TEST_TODAY }, null),
      );
      const stored = await ctx.db
        .selectFrom('invoice_events')
        .select(['type', 'agency_id'])
        .where('invoice_id', '=', aDraft.id)
        .execute();
      expect(stored).toEqual([{ type: 'invoice.payment', agency_id: null }]);
      expect((await allEvents(X.client)).filter((e) => e.invoiceId === aDraft.id)).toEqual([]);

      // Approved: now it is the agency's, from `invoice.available` on.
      await inTransaction(ctx.db, (trx) => approveHandover(trx, A.id, aDraftHandover.id, system));
      expect((await X.client.get(`/clients/${A.id}/invoices/${aDraft.id}`)).body).toMatchObject({
        collectionStatus: 'approved',
        remainingAmount: aDraft.totalAmount - 5_000,
      });
      expect((await allEvents(X.client)).filter((e) => e.invoiceId === aDraft.id).map((e) => e.type)).toEqual([
        'invoice.available',
      ]);
    });

    it('a client that deactivates the agency is gone: 404 everywhere, no new event of it enters the feed (those there stay: a cursor never loses what is behind it); on reactivation the withheld ones are appended', async () => {
      const X = await newAgency('X Inkasso AS');
      const C = await makeCompany(ctx.db, { name: 'Klient C AS', sendsOwnCollectionNotice: false });
      await activate(C.id, X.id, true, true);
      const customer = await makeCustomer(ctx.db, C.id, { name: 'Skyldner C AS' });
      const c0 = await overdueInvoice(C.id, customer.id);
      const c1 = await overdueInvoice(C.id, customer.id);
      await handTo(C.id, c0.id, X.id);
      await handTo(C.id, c1.id, X.id);
      await X.client.authenticate();
      await inTransaction(ctx.db, (trx) =>
        registerPayment(trx, C.id, { kid: c0.kid, amount: ore(10_000), paymentDate: TEST_TODAY }, null),
      );
      const fed = (await allEvents(X.client)).filter((e) => e.clientId === C.id);
      expect(fed.map((e) => e.type)).toEqual(['invoice.available', 'invoice.available', 'invoice.payment']);

      // Refused while invoices are on its approved list…
      await expect(activate(C.id, X.id, false)).rejects.toMatchObject({ code: 'conflict' });
      // …allowed once they are in a case.
      await created(
        await X.client.post(`/clients/${C.id}/cases`, { caseNumber: 'C-1', invoiceIds: [c0.id, c1.id] }),
        'C-1',
      );
      // (An event's caseNumber is the invoice's case now, not when the event happened: read it again.)
      const fedInCase = (await allEvents(X.client)).filter((e) => e.clientId === C.id);
      expect(fedInCase.map((e) => e.id)).toEqual(fed.map((e) => e.id));
      await activate(C.id, X.id, false);
      const before = await snapshot();

      expect((await X.client.get('/clients')).body.data).toEqual([]);
      const calls = clientCalls(C.id, {
        invoiceId: c0.id,
        freeInvoiceId: c1.id,
        caseNumber: 'C-1',
        otherCaseNumber: 'C-2',
      });
      const unknown = clientCalls(randomUUID(), {
        invoiceId: c0.id,
        freeInvoiceId: c1.id,
        caseNumber: 'C-1',
        otherCaseNumber: 'C-2',
      });
      for (const [i, call] of calls.entries()) {
        const res = await send(X.client, call);
        expectProblem(res, 404, 'not_found', `deactivated: ${call.name}`);
        expect(res.body, call.name).toEqual((await send(X.client, unknown[i]!)).body);
      }
      expect(await snapshot()).toEqual(before);
      // What the feed held stays as it was; a payment while deactivated does not enter it…
      expect((await allEvents(X.client)).filter((e) => e.clientId === C.id)).toEqual(fedInCase);
      await inTransaction(ctx.db, (trx) =>
        registerPayment(trx, C.id, { kid: c1.kid, amount: ore(7_000), paymentDate: TEST_TODAY }, null),
      );
      expect((await allEvents(X.client)).filter((e) => e.clientId === C.id)).toEqual(fedInCase);
      // …it is stored, withheld from the agency, and appended to its feed when the client reactivates it.
      expect(
        await ctx.db
          .selectFrom('invoice_events')
          .select(['agency_id', 'withheld_agency_id'])
          .where('company_id', '=', C.id)
          .orderBy('company_position')
          .execute(),
      ).toEqual([
        ...fedInCase.map(() => ({ agency_id: X.id, withheld_agency_id: null })),
        { agency_id: null, withheld_agency_id: X.id },
      ]);
      await activate(C.id, X.id, true);
      const after = (await allEvents(X.client)).filter((e) => e.clientId === C.id);
      expect(after.slice(0, fedInCase.length)).toEqual(fedInCase);
      expect(after.slice(fedInCase.length)).toMatchObject([
        { type: 'invoice.payment', invoiceId: c1.id, amount: 7_000, caseNumber: 'C-1' },
      ]);
    });

    it('PUT /webhook changes only the caller’s own subscription', async () => {
      const { X, Y } = await world();
      expect(
        (await X.client.put('/webhook', { url: 'https://93.184.216.34/x-hook', secret: 'x'.repeat(32) })).status,
      ).toBe(200);
      expect(
        (await Y.client.put('/webhook', { url: 'https://93.184.216.35/y-hook', secret: 'y'.repeat(32) })).status,
      ).toBe(200);
      const rows = await ctx.db
        .selectFrom('webhook_subscriptions')
        .select(['agency_id', 'url', 'secret'])
        .where('agency_id', 'in', [X.id, Y.id])
        .orderBy('url')
        .execute();
      expect(rows).toEqual([
        { agency_id: X.id, url: 'https://93.184.216.34/x-hook', secret: 'x'.repeat(32) },
        { agency_id: Y.id, url: 'https://93.184.216.35/y-hook', secret: 'y'.repeat(32) },
      ]);
      expect((await X.client.get('/webhook')).body.url).toBe('https://93.184.216.34/x-hook');
      expect((await Y.client.get('/webhook')).body.url).toBe('https://93.184.216.35/y-hook');
    });

    it('a non-uuid invoice id in the path answers 404', async () => {
      const { X, A } = await world();
      const before = await snapshot();
      expectProblem(await X.client.get(`/clients/${A.id}/invoices/not-a-uuid`), 404, 'not_found', 'GET invoice');
      expectProblem(
        await X.client.get(`/clients/${A.id}/invoices/not-a-uuid/matched-items`),
        404,
        'not_found',
        'GET matched-items',
      );
      expectProblem(
        await X.client.post(`/clients/${A.id}/invoices/not-a-uuid/reject`, { reason: 'x' }),
        404,
        'not_found',
        'POST reject',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('a 36-character client id that is not a uuid answers 404', async () => {
      const { X } = await world();
      const dashes = '-'.repeat(36);
      expectProblem(await X.client.get(`/clients/${dashes}/available-invoices`), 404, 'not_found', 'dashes');
      expectProblem(await X.client.get(`/clients/${'a'.repeat(36)}/cases`), 404, 'not_found', 'no dashes');
    });

    it('a case number with a NUL byte in the path answers 404', async () => {
      const { X, A } = await world();
      expectProblem(await X.client.get(`/clients/${A.id}/cases/K%00`), 404, 'not_found', 'GET case');
      expectProblem(
        await X.client.post(`/clients/${A.id}/cases/K%00/status`, { status: 'legal' }),
        404,
        'not_found',
        'POST status',
      );
    });
  });

  describe('bad input', () => {
    it('each bad request is a 4xx problem+json and stores nothing', async () => {
      const { X, A, aInv } = await world();
      const x = X.client;
      const c = `/clients/${A.id}`;
      // X-1 (a1), X-2 (a2), X-3 (a1, archived as paid). aInv[2] (a1) and aInv[5] (a2) stay available.
      await created(await x.post(`${c}/cases`, { caseNumber: 'X-1', invoiceIds: [aInv[0].id] }), 'X-1');
      await created(await x.post(`${c}/cases`, { caseNumber: 'X-2', invoiceIds: [aInv[4].id] }), 'X-2');
      await created(await x.post(`${c}/cases`, { caseNumber: 'X-3', invoiceIds: [aInv[1].id] }), 'X-3');
      expect((await x.post(`${c}/cases/X-3/status`, { status: 'paid' })).body.state).toBe('archived');
      const free = aInv[2].id;
      const before = await snapshot();

      const raw = async (method: string, path: string, body: string, headers: Record<string, string>): Promise<Res> => {
        const r = await ctx.app.request(`/agency/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${x.token}`, ...headers },
          body,
        });
        return { status: r.status, headers: r.headers, body: JSON.parse(await r.text()) };
      };

      const cases: Array<[string, () => Promise<Res>, number, string]> = [
        // POST cases
        [
          'case: unknown field',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [free], colour: 'red' }),
          400,
          'validation_failed',
        ],
        ['case: missing caseNumber', () => x.post(`${c}/cases`, { invoiceIds: [free] }), 400, 'validation_failed'],
        ['case: missing invoiceIds', () => x.post(`${c}/cases`, { caseNumber: 'N-1' }), 400, 'validation_failed'],
        [
          'case: invoiceIds a string',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: free }),
          400,
          'validation_failed',
        ],
        [
          'case: caseNumber a number',
          () => x.post(`${c}/cases`, { caseNumber: 17, invoiceIds: [free] }),
          400,
          'validation_failed',
        ],
        [
          'case: empty invoiceIds',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [] }),
          400,
          'validation_failed',
        ],
        [
          'case: non-uuid invoice id',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: ['not-a-uuid'] }),
          400,
          'validation_failed',
        ],
        [
          'case: unknown invoice id',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [randomUUID()] }),
          422,
          'invoice_not_available',
        ],
        [
          'case: status not in the list',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [free], status: 'sleeping' }),
          400,
          'validation_failed',
        ],
        [
          'case: opened as paid',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [free], status: 'paid' }),
          400,
          'validation_failed',
        ],
        [
          'case: url not http(s)',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [free], url: 'ftp://inkasso.example/1' }),
          400,
          'validation_failed',
        ],
        [
          'case: duplicate case number',
          () => x.post(`${c}/cases`, { caseNumber: 'X-1', invoiceIds: [free] }),
          409,
          'case_exists',
        ],
        [
          'case: two customers',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [free, aInv[5].id] }),
          422,
          'customer_mismatch',
        ],
        [
          'case: malformed JSON',
          () => x.post(`${c}/cases`, '{"caseNumber": "N-1", "invoiceIds": ['),
          400,
          'invalid_json',
        ],
        ['case: JSON array body', () => x.post(`${c}/cases`, [free]), 400, 'validation_failed'],
        [
          'case: oversized body',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [free], statusText: 'x'.repeat(1_100_000) }),
          413,
          'payload_too_large',
        ],
        [
          'case: not JSON content type',
          () =>
            raw('POST', `${c}/cases`, JSON.stringify({ caseNumber: 'N-1', invoiceIds: [free] }), {
              'content-type': 'text/plain',
            }),
          415,
          'unsupported_media_type',
        ],
        [
          'case: Idempotency-Key too long',
          () => x.post(`${c}/cases`, { caseNumber: 'N-1', invoiceIds: [free] }, { 'idempotency-key': 'k'.repeat(256) }),
          400,
          'validation_failed',
        ],
        // POST case invoices
        [
          'add: empty invoiceIds',
          () => x.post(`${c}/cases/X-1/invoices`, { invoiceIds: [] }),
          400,
          'validation_failed',
        ],
        [
          'add: unknown field',
          () => x.post(`${c}/cases/X-1/invoices`, { invoiceIds: [free], note: 'x' }),
          400,
          'validation_failed',
        ],
        [
          'add: another customer',
          () => x.post(`${c}/cases/X-1/invoices`, { invoiceIds: [aInv[5].id] }),
          422,
          'customer_mismatch',
        ],
        [
          'add: already in a case',
          () => x.post(`${c}/cases/X-1/invoices`, { invoiceIds: [aInv[4].id] }),
          422,
          'invoice_not_available',
        ],
        ['add: archived case', () => x.post(`${c}/cases/X-3/invoices`, { invoiceIds: [free] }), 409, 'case_archived'],
        ['add: unknown case', () => x.post(`${c}/cases/NOPE/invoices`, { invoiceIds: [free] }), 404, 'not_found'],
        // POST status
        [
          'status: not in the list',
          () => x.post(`${c}/cases/X-1/status`, { status: 'sleeping' }),
          400,
          'validation_failed',
        ],
        [
          'status: rejected (only by the reject call)',
          () => x.post(`${c}/cases/X-1/status`, { status: 'rejected' }),
          400,
          'validation_failed',
        ],
        ['status: missing', () => x.post(`${c}/cases/X-1/status`, { statusText: 'x' }), 400, 'validation_failed'],
        [
          'status: unknown field',
          () => x.post(`${c}/cases/X-1/status`, { status: 'legal', priority: 1 }),
          400,
          'validation_failed',
        ],
        [
          'status: negative agencyBalance',
          () => x.post(`${c}/cases/X-1/status`, { status: 'legal', agencyBalance: -1 }),
          400,
          'validation_failed',
        ],
        [
          'status: fractional agencyBalance',
          () => x.post(`${c}/cases/X-1/status`, { status: 'legal', agencyBalance: 10.5 }),
          400,
          'validation_failed',
        ],
        [
          'status: agencyBalance as a string',
          () => x.post(`${c}/cases/X-1/status`, { status: 'legal', agencyBalance: '100' }),
          400,
          'validation_failed',
        ],
        ['status: archived case', () => x.post(`${c}/cases/X-3/status`, { status: 'legal' }), 409, 'case_archived'],
        ['status: malformed JSON', () => x.post(`${c}/cases/X-1/status`, '{status: legal}'), 400, 'invalid_json'],
        // POST case reject / invoice reject
        ['case reject: missing reason', () => x.post(`${c}/cases/X-1/reject`, {}), 400, 'validation_failed'],
        ['case reject: empty reason', () => x.post(`${c}/cases/X-1/reject`, { reason: '' }), 400, 'validation_failed'],
        ['case reject: archived case', () => x.post(`${c}/cases/X-3/reject`, { reason: 'x' }), 409, 'case_archived'],
        [
          'invoice reject: unknown field',
          () => x.post(`${c}/invoices/${free}/reject`, { reason: 'x', force: true }),
          400,
          'validation_failed',
        ],
        [
          'invoice reject: reason a number',
          () => x.post(`${c}/invoices/${free}/reject`, { reason: 5 }),
          400,
          'validation_failed',
        ],
        [
          'invoice reject: ended (archived)',
          () => x.post(`${c}/invoices/${aInv[1].id}/reject`, { reason: 'x' }),
          409,
          'invalid_transition',
        ],
        // POST merge
        [
          'merge: two customers',
          () => x.post(`${c}/cases/merge`, { caseNumbers: ['X-1', 'X-2'], into: 'X-1' }),
          422,
          'customer_mismatch',
        ],
        [
          'merge: an archived case',
          () => x.post(`${c}/cases/merge`, { caseNumbers: ['X-1', 'X-3'], into: 'X-1' }),
          409,
          'case_archived',
        ],
        [
          'merge: one case',
          () => x.post(`${c}/cases/merge`, { caseNumbers: ['X-1'], into: 'X-1' }),
          400,
          'validation_failed',
        ],
        [
          'merge: into missing',
          () => x.post(`${c}/cases/merge`, { caseNumbers: ['X-1', 'X-2'] }),
          400,
          'validation_failed',
        ],
        [
          'merge: unknown field',
          () => x.post(`${c}/cases/merge`, { caseNumbers: ['X-1', 'X-2'], into: 'X-1', force: true }),
          400,
          'validation_failed',
        ],
        // GET queries
        ['events: after not a number', () => x.get('/events?after=abc'), 400, 'validation_failed'],
        ['events: after negative', () => x.get('/events?after=-1'), 400, 'validation_failed'],
        ['events: after fractional', () => x.get('/events?after=1.5'), 400, 'validation_failed'],
        ['events: limit 0', () => x.get('/events?limit=0'), 400, 'validation_failed'],
        ['events: limit 1001', () => x.get('/events?limit=1001'), 400, 'validation_failed'],
        ['events: limit not a number', () => x.get('/events?limit=many'), 400, 'validation_failed'],
        ['available: limit 0', () => x.get(`${c}/available-invoices?limit=0`), 400, 'validation_failed'],
        ['available: limit 1001', () => x.get(`${c}/available-invoices?limit=1001`), 400, 'validation_failed'],
        [
          'available: a forged cursor',
          () => x.get(`${c}/available-invoices?cursor=bm90LWEtY3Vyc29y`),
          400,
          'validation_failed',
        ],
        ['cases: state not open|archived', () => x.get(`${c}/cases?state=closed`), 400, 'validation_failed'],
        ['cases: a forged cursor', () => x.get(`${c}/cases?cursor=zzz`), 400, 'validation_failed'],
        // PUT webhook (private webhooks are refused in this configuration)
        [
          'webhook: loopback IPv4',
          () => x.put('/webhook', { url: 'https://127.0.0.1/hook', secret: 's'.repeat(32) }),
          422,
          'webhook_url_not_allowed',
        ],
        [
          'webhook: loopback IPv6',
          () => x.put('/webhook', { url: 'https://[::1]/hook', secret: 's'.repeat(32) }),
          422,
          'webhook_url_not_allowed',
        ],
        [
          'webhook: localhost',
          () => x.put('/webhook', { url: 'https://localhost:8443/hook', secret: 's'.repeat(32) }),
          422,
          'webhook_url_not_allowed',
        ],
        [
          'webhook: private network',
          () => x.put('/webhook', { url: 'https://10.1.2.3/hook', secret: 's'.repeat(32) }),
          422,
          'webhook_url_not_allowed',
        ],
        [
          'webhook: cloud metadata',
          () => x.put('/webhook', { url: 'https://169.254.169.254/latest', secret: 's'.repeat(32) }),
          422,
          'webhook_url_not_allowed',
        ],
        [
          'webhook: plain http',
          () => x.put('/webhook', { url: 'http://93.184.216.34/hook', secret: 's'.repeat(32) }),
          422,
          'webhook_url_not_allowed',
        ],
        [
          'webhook: credentials in the URL',
          () => x.put('/webhook', { url: 'https://u:p@93.184.216.34/hook', secret: 's'.repeat(32) }),
          422,
          'webhook_url_not_allowed',
        ],
        [
          'webhook: short secret',
          () => x.put('/webhook', { url: 'https://93.184.216.34/hook', secret: 'too-short' }),
          400,
          'validation_failed',
        ],
        [
          'webhook: missing secret',
          () => x.put('/webhook', { url: 'https://93.184.216.34/hook' }),
          400,
          'validation_failed',
        ],
        [
          'webhook: not a URL',
          () => x.put('/webhook', { url: 'hook', secret: 's'.repeat(32) }),
          400,
          'validation_failed',
        ],
        [
          'webhook: unknown field',
          () => x.put('/webhook', { url: 'https://93.184.216.34/hook', secret: 's'.repeat(32), events: ['*'] }),
          400,
          'validation_failed',
        ],
        ['webhook: malformed JSON', () => x.put('/webhook', '{"url":'), 400, 'invalid_json'],
      ];
      for (const [label, call, status, code] of cases) expectProblem(await call(), status, code, label);

      expect(await snapshot()).toEqual(before);
      expect((await x.get('/webhook')).status).toBe(404);
      expect((await x.get(`${c}/invoices/${free}`)).body.collectionStatus).toBe('approved');
    });
  });

  describe('OAuth', () => {
    const tokenRequest = async (form: Record<string, string>, headers: Record<string, string> = {}): Promise<Res> => {
      const r = await ctx.app.request('/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      });
      return { status: r.status, headers: r.headers, body: JSON.parse(await r.text()) };
    };
    const basic = (id: string, secret: string) => ({
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
    });

    it('refuses other grant types, wrong or missing credentials (invalid_client with WWW-Authenticate), and issues no token', async () => {
      const X = await newAgency('X Inkasso AS');
      const { clientId, clientSecret } = {
        clientId: X.credentials.agency.clientId,
        clientSecret: X.credentials.clientSecret,
      };
      const tokens = () =>
        ctx.db.selectFrom('agency_tokens').select('token_hash').where('agency_id', '=', X.id).execute();

      const grant = await tokenRequest({ grant_type: 'password' }, basic(clientId, clientSecret));
      expectProblem(grant, 400, 'unsupported_grant_type', 'grant_type password');
      expect(grant.body.error).toBe('unsupported_grant_type');
      expectProblem(
        await tokenRequest({ grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret }),
        400,
        'unsupported_grant_type',
        'grant_type code (form)',
      );
      expectProblem(await tokenRequest({}, basic(clientId, clientSecret)), 400, 'validation_failed', 'no grant_type');

      const wrong = await tokenRequest({ grant_type: 'client_credentials' }, basic(clientId, 'acs_wrong'));
      expectProblem(wrong, 401, 'invalid_client', 'wrong secret');
      expect(wrong.body.error).toBe('invalid_client');
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
      const unknown = await tokenRequest({ grant_type: 'client_credentials' }, basic('agc_nobody', clientSecret));
      expectProblem(unknown, 401, 'invalid_client', 'unknown client id');
      expect(unknown.body).toEqual(wrong.body); // nothing tells a wrong secret from an unknown client
      expect(unknown.headers.get('www-authenticate')).toBe(wrong.headers.get('www-authenticate'));
      expectProblem(
        await tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'acs_wrong' }),
        401,
        'invalid_client',
        'wrong secret (form)',
      );
      expectProblem(await tokenRequest({ grant_type: 'client_credentials' }), 401, 'invalid_client', 'no credentials');
      expectProblem(
        await tokenRequest({ grant_type: 'client_credentials', client_id: clientId }),
        401,
        'invalid_client',
        'no secret',
      );
      expect(await tokens()).toEqual([]);

      const ok = await tokenRequest({ grant_type: 'client_credentials' }, basic(clientId, clientSecret));
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        token_type: 'Bearer',
        expires_in: 900,
        access_token: expect.stringMatching(/^aat_/),
      });
      expect(await tokens()).toEqual([{ token_hash: sha256(ok.body.access_token) }]);
    });

    it('refuses an expired token, garbage and missing Bearer tokens with 401 and WWW-Authenticate', async () => {
      const X = await newAgency('X Inkasso AS');
      const expectUnauthenticated = (res: Res, label: string) => {
        expectProblem(res, 401, 'unauthenticated', label);
        expect(res.headers.get('www-authenticate'), label).toMatch(/^Bearer /);
      };
      // A new token, never used (so not in the in-memory cache), whose row has expired.
      expect((await X.client.authenticate()).status).toBe(200);
      const expiring = X.client.token!;
      await ctx.db
        .updateTable('agency_tokens')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', sha256(expiring))
        .execute();
      expectUnauthenticated(await X.client.get('/clients'), 'expired token');
      expect(await agencyOfToken(ctx.db, expiring)).toBeNull();

      // A token in use is cached, but only until its own expiry.
      expect((await X.client.authenticate()).status).toBe(200);
      const live = X.client.token!;
      expect((await X.client.get('/clients')).status).toBe(200);
      expect(await agencyOfToken(ctx.db, live)).toBe(X.id);
      const row = await ctx.db
        .selectFrom('agency_tokens')
        .select('expires_at')
        .where('token_hash', '=', sha256(live))
        .executeTakeFirstOrThrow();
      expect(await agencyOfToken(ctx.db, live, row.expires_at.getTime() + 1)).toBeNull();

      const anonymous = new AgencyClient(ctx.app, 'none', 'none');
      for (const [label, authorization] of [
        ['garbage token', 'Bearer garbage'],
        ['a well-formed token that was never issued', `Bearer aat_${'A'.repeat(43)}`],
        ['two tokens', `Bearer ${live} ${live}`],
        ['empty Bearer', 'Bearer '],
        [
          'Basic credentials',
          `Basic ${Buffer.from(`${X.credentials.agency.clientId}:${X.credentials.clientSecret}`).toString('base64')}`,
        ],
        ['no scheme', live],
      ] as const) {
        expectUnauthenticated(await anonymous.request('GET', '/clients', undefined, { authorization }), label);
      }
      expectUnauthenticated(await anonymous.get('/events'), 'no Authorization header');
      expectUnauthenticated(
        await anonymous.request(
          'POST',
          `/clients/${randomUUID()}/cases`,
          { caseNumber: 'K', invoiceIds: [randomUUID()] },
          { authorization: 'Bearer garbage' },
        ),
        'POST with garbage',
      );
    });
  });

  describe('rate limit', () => {
    it('past the burst: 429 problem+json with Retry-After in whole seconds, per agency, nothing stored', async () => {
      const limited = createTestApp(ctx.db, { agencyRatePerSecond: 1, agencyRateBurst: 3 });
      const X = await newAgency('X Inkasso AS', limited);
      const Y = await newAgency('Y Inkasso AS', limited);
      const A = await makeCompany(ctx.db, { name: 'Klient A AS', sendsOwnCollectionNotice: false });
      await activate(A.id, X.id, true, true);
      const customer = await makeCustomer(ctx.db, A.id);
      const invoice = await overdueInvoice(A.id, customer.id);
      await handTo(A.id, invoice.id, X.id);
      expect((await X.client.authenticate()).status).toBe(200);
      expect((await Y.client.authenticate()).status).toBe(200);
      const before = await snapshot();

      for (let i = 0; i < 3; i++) expect((await X.client.get('/clients')).status).toBe(200);
      const fourth = await X.client.get('/clients');
      expectProblem(fourth, 429, 'rate_limited', '4th request');
      const retryAfter = fourth.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // A write past the limit is not done.
      expectProblem(
        await X.client.post(`/clients/${A.id}/cases`, { caseNumber: 'K-1', invoiceIds: [invoice.id] }),
        429,
        'rate_limited',
        'POST past the limit',
      );
      expect(await snapshot()).toEqual(before);
      // Another agency has its own bucket.
      expect((await Y.client.get('/clients')).status).toBe(200);
    });
  });

  describe('Idempotency-Key', () => {
    it('on every POST: the same key and body answer the first answer again with one effect; another body is 409; keys are per agency and client', async () => {
      const { X, Y, A, B, aInv, bY, bX } = await world();
      const x = X.client;
      const c = `/clients/${A.id}`;
      const count = async (table: 'cases' | 'case_history' | 'dunning_decisions', where: (q: any) => any) =>
        Number(
          (
            await where(
              ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')),
            ).executeTakeFirstOrThrow()
          ).n,
        );
      const caseId = async (companyId: string, agencyId: string, caseNumber: string) =>
        (
          await ctx.db
            .selectFrom('cases')
            .select('id')
            .where('company_id', '=', companyId)
            .where('agency_id', '=', agencyId)
            .where('case_number', '=', caseNumber)
            .executeTakeFirstOrThrow()
        ).id;
      const history = async (id: string, kind: string) =>
        count('case_history', (q) => q.where('case_id', '=', id).where('kind', '=', kind));
      const decisions = async (invoiceId: string) =>
        count('dunning_decisions', (q) => q.where('invoice_id', '=', invoiceId).where('actor_type', '=', 'agency'));
      const reused = async (res: Res, label: string, check: () => Promise<void>) => {
        const before = await snapshot();
        expectProblem(res, 409, 'idempotency_key_reused', label);
        await check();
        expect(await snapshot()).toEqual(before);
      };
      const twice = async (path: string, body: unknown, key: string, status: number) => {
        const first = await x.post(path, body, { 'idempotency-key': key });
        expect(first.status, `${path}: ${JSON.stringify(first.body)}`).toBe(status);
        const again = await x.post(path, body, { 'idempotency-key': key });
        expect(again.status).toBe(status);
        expect(again.body).toEqual(first.body);
        return first;
      };

      // A failed write stores nothing, the key included: it can be retried with a good body.
      await created(await x.post(`${c}/cases`, { caseNumber: 'I-0', invoiceIds: [aInv[5].id] }), 'I-0');
      expectProblem(
        await x.post(`${c}/cases`, { caseNumber: 'I-0', invoiceIds: [aInv[0].id] }, { 'idempotency-key': 'k-case' }),
        409,
        'case_exists',
        'failed first try',
      );
      expect(await ctx.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'k-case').execute()).toEqual(
        [],
      );

      // POST cases
      const caseBody = { caseNumber: 'I-1', invoiceIds: [aInv[0].id], url: 'https://inkasso.example/I-1' };
      const first = await twice(`${c}/cases`, caseBody, 'k-case', 201);
      const i1 = await caseId(A.id, X.id, 'I-1');
      expect(await count('cases', (q) => q.where('company_id', '=', A.id).where('case_number', '=', 'I-1'))).toBe(1);
      expect(await history(i1, 'created')).toBe(1);
      // Key order in the body does not matter.
      expect(
        (
          await x.post(
            `${c}/cases`,
            { url: caseBody.url, invoiceIds: caseBody.invoiceIds, caseNumber: 'I-1' },
            { 'idempotency-key': 'k-case' },
          )
        ).body,
      ).toEqual(first.body);
      await reused(
        await x.post(`${c}/cases`, { caseNumber: 'I-9', invoiceIds: [aInv[1].id] }, { 'idempotency-key': 'k-case' }),
        'case, other body',
        async () => {
          expect(await count('cases', (q) => q.where('company_id', '=', A.id).where('case_number', '=', 'I-9'))).toBe(
            0,
          );
        },
      );
      // The same key elsewhere: Y on B, and X on B, each its own effect.
      const yCase = await Y.client.post(
        `/clients/${B.id}/cases`,
        { caseNumber: 'I-1', invoiceIds: [bY[0].id] },
        { 'idempotency-key': 'k-case' },
      );
      expect(yCase.status).toBe(201);
      expect(yCase.body.invoices.map((inv: { id: string }) => inv.id)).toEqual([bY[0].id]);
      const xOnB = await x.post(
        `/clients/${B.id}/cases`,
        { ...caseBody, invoiceIds: [bX[0].id] },
        { 'idempotency-key': 'k-case' },
      );
      expect(xOnB.status).toBe(201);
      expect(xOnB.body.invoices.map((inv: { id: string }) => inv.id)).toEqual([bX[0].id]);
      expect(
        (
          await ctx.db
            .selectFrom('cases')
            .select(['agency_id', 'company_id'])
            .where('case_number', '=', 'I-1')
            .execute()
        ).length,
      ).toBe(3);

      // POST case invoices
      await twice(`${c}/cases/I-1/invoices`, { invoiceIds: [aInv[1].id] }, 'k-add', 200);
      expect(await history(i1, 'invoices_added')).toBe(1);
      await reused(
        await x.post(`${c}/cases/I-1/invoices`, { invoiceIds: [aInv[2].id] }, { 'idempotency-key': 'k-add' }),
        'add, other body',
        async () => {
          expect((await x.get(`${c}/invoices/${aInv[2].id}`)).body.collectionStatus).toBe('approved');
        },
      );

      // POST status (disputed: a decision per invoice, once)
      const disputed = await twice(
        `${c}/cases/I-1/status`,
        { status: 'disputed', statusText: 'Bestridt', agencyBalance: 12_345 },
        'k-status',
        200,
      );
      expect(disputed.body).toMatchObject({ status: 'disputed', agencyBalance: 12_345 });
      expect(await history(i1, 'status')).toBe(1);
      expect(await decisions(aInv[0].id)).toBe(1);
      expect(await decisions(aInv[1].id)).toBe(1);
      await reused(
        await x.post(`${c}/cases/I-1/status`, { status: 'legal' }, { 'idempotency-key': 'k-status' }),
        'status, other body',
        async () => {
          expect((await x.get(`${c}/cases/I-1`)).body.status).toBe('disputed');
        },
      );
      // The same body to another case's path is another request.
      await created(await x.post(`${c}/cases`, { caseNumber: 'I-2', invoiceIds: [aInv[2].id] }), 'I-2');
      await reused(
        await x.post(
          `${c}/cases/I-2/status`,
          { status: 'disputed', statusText: 'Bestridt', agencyBalance: 12_345 },
          { 'idempotency-key': 'k-status' },
        ),
        'status, other case',
        async () => {
          expect((await x.get(`${c}/cases/I-2`)).body.status).toBe('registered');
        },
      );

      // POST invoice reject
      const rejected = await twice(
        `${c}/invoices/${aInv[3].id}/reject`,
        { reason: 'Utenfor område' },
        'k-reject-invoice',
        200,
      );
      expect(rejected.body.collectionStatus).toBe('rejected');
      expect(await decisions(aInv[3].id)).toBe(1);
      expect(await count('cases', (q) => q.where('company_id', '=', A.id))).toBe(3);
      await reused(
        await x.post(
          `${c}/invoices/${aInv[3].id}/reject`,
          { reason: 'Annen grunn' },
          { 'idempotency-key': 'k-reject-invoice' },
        ),
        'invoice reject, other body',
        async () => {
          expect(await decisions(aInv[3].id)).toBe(1);
        },
      );

      // POST merge (into a new case number: one new case)
      const mergeBody = { caseNumbers: ['I-1', 'I-2'], into: 'I-M' };
      const merged = await twice(`${c}/cases/merge`, mergeBody, 'k-merge', 200);
      expect(merged.body.invoices.map((inv: { id: string }) => inv.id).sort()).toEqual(
        [aInv[0].id, aInv[1].id, aInv[2].id].sort(),
      );
      expect(await count('cases', (q) => q.where('company_id', '=', A.id).where('case_number', '=', 'I-M'))).toBe(1);
      const iM = await caseId(A.id, X.id, 'I-M');
      expect(await history(iM, 'created')).toBe(1);
      expect(await history(iM, 'merged')).toBe(1);
      expect(await history(i1, 'merged')).toBe(1);
      await reused(
        await x.post(
          `${c}/cases/merge`,
          { caseNumbers: ['I-1', 'I-2'], into: 'I-N' },
          { 'idempotency-key': 'k-merge' },
        ),
        'merge, other body',
        async () => {
          expect(await count('cases', (q) => q.where('company_id', '=', A.id).where('case_number', '=', 'I-N'))).toBe(
            0,
          );
        },
      );

      // POST case reject (a decision per invoice, once)
      const back = await twice(`${c}/cases/I-M/reject`, { reason: 'Foreldet' }, 'k-reject-case', 200);
      expect(back.body).toMatchObject({ status: 'rejected', state: 'archived' });
      expect(await history(iM, 'rejected')).toBe(1);
      // a0 and a1 had the dispute of I-1; a2 got it when I-2 merged into I-M, which took over I-1's disputed status.
      for (const inv of [aInv[0], aInv[1], aInv[2]]) expect(await decisions(inv.id), inv.id).toBe(2);
      await reused(
        await x.post(`${c}/cases/I-M/reject`, { reason: 'Annen grunn' }, { 'idempotency-key': 'k-reject-case' }),
        'case reject, other body',
        async () => {
          expect((await x.get(`${c}/cases/I-M`)).body.statusText).toBe('Foreldet');
        },
      );

      // Replays still answer after the state moved on (the first answer, not a new one).
      expect((await x.post(`${c}/cases`, caseBody, { 'idempotency-key': 'k-case' })).body).toEqual(first.body);
      const keys = await ctx.db
        .selectFrom('idempotency_keys')
        .select(['scope', 'key'])
        .where('key', 'like', 'k-%')
        .execute();
      expect(
        keys
          .filter((k) => k.scope === `agency:${X.id}:client:${A.id}`)
          .map((k) => k.key)
          .sort(),
      ).toEqual(['k-add', 'k-case', 'k-merge', 'k-reject-case', 'k-reject-invoice', 'k-status']);
    });
  });
});
