import { describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { approveHandover, handoversOfInvoice, sendToCollection } from '../../src/collection/handover.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { reminderListItem, sendLetter } from '../../src/dunning/dunning.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { ore } from '../../src/shared/money.js';
import { AgencyClient } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { TEST_TODAY, useTestApp } from '../support/http.js';

const system = { type: 'user' as const, id: null };

describe.each(BACKENDS)('the agency API, played over HTTP, on %s', (backend) => {
  const ctx = useTestApp(backend);

  /** A creditor with an agency activated, and invoices approved to it (as the accountant would). */
  async function creditorWithApprovedInvoices() {
    const company = await makeCompany(ctx.db, { name: 'Kreditor AS', sendsOwnCollectionNotice: false });
    const customer = await makeCustomer(ctx.db, company.id, { name: 'Skyldner AS' });
    const other = await makeCustomer(ctx.db, company.id, { name: 'Annen Kunde AS' });
    const credentials = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Test Inkasso AS' }),
    );
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, company.id, credentials.agency.id, { active: true, isDefault: true }, null),
    );
    const invoices = [];
    for (const [c, net] of [
      [customer, 80_000],
      [customer, 40_000],
      [customer, 16_000],
      [other, 24_000],
    ] as const) {
      const invoice = await makeInvoice(ctx.db, company.id, c.id, net, {
        issueDate: '2026-09-01',
        dueDate: '2026-09-15',
      });
      await inTransaction(ctx.db, async (trx) => {
        const draft = await sendToCollection(trx, company.id, invoice.id, { today: TEST_TODAY }, system);
        await approveHandover(trx, company.id, draft.id, system);
      });
      invoices.push(invoice);
    }
    const agency = new AgencyClient(ctx.app, credentials.agency.clientId, credentials.clientSecret);
    return { company, customer, other, invoices, credentials, agency };
  }

  it('runs a case from available invoices to archived, with a dispute, a direct payment, a write-off and a rejected invoice', async () => {
    const { company, customer, invoices, agency } = await creditorWithApprovedInvoices();
    const [a, b, c, d] = invoices as [
      (typeof invoices)[0],
      (typeof invoices)[0],
      (typeof invoices)[0],
      (typeof invoices)[0],
    ];

    // Token
    const token = await agency.authenticate();
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(token.headers.get('cache-control')).toBe('no-store');

    // Clients and available invoices
    const clients = await agency.get('/clients');
    expect(clients.body.data).toEqual([
      { id: company.id, name: 'Kreditor AS', organizationNumber: company.organizationNumber, vatRegistered: true },
    ]);
    const available = await agency.get(`/clients/${company.id}/available-invoices`);
    expect(available.status).toBe(200);
    expect(available.body.data.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
    const first = available.body.data.find((i: { id: string }) => i.id === a.id);
    expect(first).toMatchObject({
      invoiceNumber: a.invoiceNumber,
      originalAmount: 100_000,
      remainingAmount: 100_000,
      kid: a.kid,
      collectionStatus: 'approved',
      caseNumber: null,
      customer: { id: customer.id, name: 'Skyldner AS', type: 'company' },
      // The creditor leaves the inkassovarsel to the agency (it sends none itself).
      collectionNoticeBy: 'agency',
    });

    // A case with two invoices of one customer; a third customer's invoice is refused.
    const mismatch = await agency.post(`/clients/${company.id}/cases`, { caseNumber: 'K-1', invoiceIds: [a.id, d.id] });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('customer_mismatch');
    const created = await agency.post(
      `/clients/${company.id}/cases`,
      { caseNumber: 'K-1', invoiceIds: [a.id, b.id], url: 'https://inkasso.example/sak/K-1' },
      { 'idempotency-key': 'case-k1' },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      caseNumber: 'K-1',
      status: 'registered',
      state: 'open',
      url: 'https://inkasso.example/sak/K-1',
    });
    expect(created.body.invoices.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    const replay = await agency.post(
      `/clients/${company.id}/cases`,
      { caseNumber: 'K-1', invoiceIds: [a.id, b.id], url: 'https://inkasso.example/sak/K-1' },
      { 'idempotency-key': 'case-k1' },
    );
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(created.body);
    const again = await agency.post(`/clients/${company.id}/cases`, { caseNumber: 'K-1', invoiceIds: [c.id] });
    expect(again.body.code).toBe('case_exists');
    expect(
      (await agency.get(`/clients/${company.id}/available-invoices`)).body.data.map((i: { id: string }) => i.id).sort(),
    ).toEqual([c.id, d.id].sort());
    expect((await agency.get(`/clients/${company.id}/invoices/${a.id}`)).body).toMatchObject({
      collectionStatus: 'in_case',
      caseNumber: 'K-1',
    });

    // Add the third invoice of the customer; statuses through disputed.
    const added = await agency.post(`/clients/${company.id}/cases/K-1/invoices`, { invoiceIds: [c.id] });
    expect(added.body.invoices).toHaveLength(3);
    await agency.post(`/clients/${company.id}/cases/K-1/status`, {
      status: 'collection_notice',
      statusText: 'Inkassovarsel sendt',
    });
    const disputed = await agency.post(`/clients/${company.id}/cases/K-1/status`, {
      status: 'disputed',
      statusText: 'Skyldner bestrider kravet',
      agencyBalance: 170_000,
    });
    expect(disputed.body).toMatchObject({ status: 'disputed', agencyBalance: 170_000, state: 'open' });
    const onList = await ctx.db
      .selectFrom('dunning_decisions')
      .select(['disputed', 'actor_type'])
      .where('invoice_id', '=', a.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(onList).toEqual({ disputed: true, actor_type: 'agency' });

    // The creditor is paid directly for part of a, and writes off c: the agency sees both in its feed.
    await inTransaction(ctx.db, (trx) =>
      registerPayment(trx, company.id, { kid: a.kid, amount: ore(30_000), paymentDate: TEST_TODAY }, null),
    );
    await inTransaction(ctx.db, (trx) =>
      writeOffInvoice(trx, company.id, c.id, { date: TEST_TODAY, reason: 'Tapsført' }, null),
    );
    const feed = await agency.get('/events?limit=1000');
    expect(feed.status).toBe(200);
    const types = feed.body.data.map(
      (e: { type: string; invoiceId: string }) => `${e.type}:${[a.id, b.id, c.id, d.id].indexOf(e.invoiceId)}`,
    );
    expect(types).toEqual([
      'invoice.available:0',
      'invoice.available:1',
      'invoice.available:2',
      'invoice.available:3',
      'invoice.payment:0',
      'invoice.write_off:2',
    ]);
    const payment = feed.body.data[4];
    expect(payment).toMatchObject({
      clientId: company.id,
      invoiceNumber: a.invoiceNumber,
      caseNumber: 'K-1',
      voucherType: 'payment',
      amount: 30_000,
      remainingAmount: 70_000,
      kid: a.kid,
      isWriteOff: false,
      isManual: false,
    });
    expect(feed.body.data[5]).toMatchObject({
      type: 'invoice.write_off',
      isWriteOff: true,
      remainingAmount: 0,
      caseNumber: 'K-1',
    });
    // Paging with after: nothing is seen twice, nothing skipped.
    const page1 = await agency.get('/events?limit=4');
    const page2 = await agency.get(`/events?limit=4&after=${page1.body.nextCursor}`);
    expect([...page1.body.data, ...page2.body.data].map((e: { id: string }) => e.id)).toEqual(
      feed.body.data.map((e: { id: string }) => e.id),
    );
    const empty = await agency.get(`/events?after=${page2.body.nextCursor}`);
    expect(empty.body).toEqual({ data: [], nextCursor: page2.body.nextCursor });
    const matched = await agency.get(`/clients/${company.id}/invoices/${c.id}/matched-items`);
    expect(matched.body.data).toEqual([
      expect.objectContaining({ voucherType: 'write_off', isWriteOff: true, amount: 20_000, undone: false }),
    ]);

    // The agency rejects d (never in a case): back on the reminder list with «Vent».
    const rejected = await agency.post(`/clients/${company.id}/invoices/${d.id}/reject`, {
      reason: 'Utenfor vårt område',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.collectionStatus).toBe('rejected');
    const item = await reminderListItem(ctx.db, company.id, d.id, TEST_TODAY);
    expect(item?.next).toMatchObject({ nextAction: 'wait', overridden: true });
    expect(item?.decision).toMatchObject({ actorType: 'agency', nextAction: 'wait' });

    // Paid: the case is archived, statuses refused after that.
    const paid = await agency.post(`/clients/${company.id}/cases/K-1/status`, {
      status: 'paid',
      statusText: 'Oppgjort',
      agencyBalance: 0,
    });
    expect(paid.body).toMatchObject({ status: 'paid', state: 'archived' });
    expect(paid.body.archivedAt).not.toBeNull();
    expect(paid.body.history.map((h: { status: string }) => h.status)).toEqual([
      'registered',
      'collection_notice',
      'disputed',
      'paid',
    ]);
    const late = await agency.post(`/clients/${company.id}/cases/K-1/status`, { status: 'legal' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('case_archived');
    expect(
      (await agency.get(`/clients/${company.id}/cases?state=archived`)).body.data.map(
        (k: { caseNumber: string }) => k.caseNumber,
      ),
    ).toEqual(['K-1']);
    expect((await agency.get(`/clients/${company.id}/cases?state=open`)).body.data).toEqual([]);
    const handovers = await ctx.db
      .selectFrom('handovers')
      .select(['invoice_id', 'state'])
      .where('company_id', '=', company.id)
      .execute();
    expect(Object.fromEntries(handovers.map((h) => [h.invoice_id, h.state]))).toEqual({
      [a.id]: 'archived',
      [b.id]: 'archived',
      [c.id]: 'archived',
      [d.id]: 'rejected',
    });

    // The accountant's invoice view tells the same story: the case (with its link) or the rejection.
    expect(await handoversOfInvoice(ctx.db, company.id, a.id)).toEqual([
      expect.objectContaining({
        state: 'archived',
        agencyName: 'Test Inkasso AS',
        endReason: 'paid',
        case: {
          id: expect.any(String),
          caseNumber: 'K-1',
          url: 'https://inkasso.example/sak/K-1',
          status: 'paid',
          statusText: 'Oppgjort',
          state: 'archived',
        },
      }),
    ]);
    const rejectedView = await handoversOfInvoice(ctx.db, company.id, d.id);
    expect(rejectedView).toEqual([
      expect.objectContaining({ state: 'rejected', endReason: 'Utenfor vårt område', case: null }),
    ]);
    expect(rejectedView[0]?.endedAt).not.toBeNull();
  });

  it('says who sends the inkassovarsel: the creditor that sent it itself (in reminders), or the agency', async () => {
    const company = await makeCompany(ctx.db, { name: 'Varsler Selv AS' });
    const customer = await makeCustomer(ctx.db, company.id, { name: 'Skyldner AS' });
    const credentials = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Varsel Inkasso AS' }),
    );
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, company.id, credentials.agency.id, { active: true, isDefault: true }, null),
    );
    const invoice = await makeInvoice(ctx.db, company.id, customer.id, 50_000, {
      issueDate: '2026-07-01',
      dueDate: '2026-07-15',
    });
    const system = { type: 'system' as const, id: null };
    await inTransaction(ctx.db, async (trx) => {
      await sendLetter(trx, company.id, invoice.id, { type: 'reminder', sendDate: '2026-07-31' }, system);
      await sendLetter(trx, company.id, invoice.id, { type: 'collection_notice', sendDate: '2026-08-15' }, system);
      const draft = await sendToCollection(trx, company.id, invoice.id, { today: TEST_TODAY }, system);
      await approveHandover(trx, company.id, draft.id, system, 'user', TEST_TODAY);
    });
    const agency = new AgencyClient(ctx.app, credentials.agency.clientId!, credentials.clientSecret);
    expect((await agency.authenticate()).status).toBe(200);
    const read = await agency.get(`/clients/${company.id}/invoices/${invoice.id}`);
    expect(read.status).toBe(200);
    expect(read.body.collectionNoticeBy).toBe('creditor');
    expect(read.body.reminders.map((r: { type: string }) => r.type)).toEqual(['reminder', 'collection_notice']);
    const available = await agency.get(`/clients/${company.id}/available-invoices`);
    expect(
      available.body.data.map((i: { id: string; collectionNoticeBy?: string }) => [i.id, i.collectionNoticeBy]),
    ).toEqual([[invoice.id, 'creditor']]);
    // The handover the accountant sees says the same.
    const handover = await ctx.db
      .selectFrom('handovers')
      .select('collection_notice_by')
      .where('invoice_id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(handover.collection_notice_by).toBe('creditor');
  });

  it('merges cases of one customer and gives a case back (its invoices to the reminder list, wait)', async () => {
    const { company, invoices, agency } = await creditorWithApprovedInvoices();
    const [a, b, c] = invoices as [(typeof invoices)[0], (typeof invoices)[0], (typeof invoices)[0]];
    await agency.authenticate('form');
    await agency.post(`/clients/${company.id}/cases`, { caseNumber: 'A', invoiceIds: [a.id] });
    await agency.post(`/clients/${company.id}/cases`, { caseNumber: 'B', invoiceIds: [b.id] });
    await agency.post(`/clients/${company.id}/cases`, { caseNumber: 'C', invoiceIds: [c.id] });
    const merged = await agency.post(`/clients/${company.id}/cases/merge`, { caseNumbers: ['A', 'B'], into: 'A' });
    expect(merged.status).toBe(200);
    expect(merged.body.invoices.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect((await agency.get(`/clients/${company.id}/cases/B`)).body).toMatchObject({
      state: 'archived',
      status: 'closed',
      invoices: [],
    });
    const back = await agency.post(`/clients/${company.id}/cases/C/reject`, { reason: 'Foreldet krav' });
    expect(back.body).toMatchObject({ status: 'rejected', state: 'archived' });
    expect((await reminderListItem(ctx.db, company.id, c.id, TEST_TODAY))?.next.nextAction).toBe('wait');
    expect((await agency.post(`/clients/${company.id}/cases/C/reject`, { reason: 'igjen' })).body.code).toBe(
      'case_archived',
    );
    // The invoice view follows the merge (b is in A now) and shows the case that was given back.
    expect((await handoversOfInvoice(ctx.db, company.id, b.id)).map((h) => [h.state, h.case?.caseNumber])).toEqual([
      ['in_case', 'A'],
    ]);
    expect(
      (await handoversOfInvoice(ctx.db, company.id, c.id)).map((h) => [h.state, h.case?.caseNumber, h.case?.state]),
    ).toEqual([['rejected', 'C', 'archived']]);
  });

  it('refuses without a valid token and with wrong secrets; accepts both secrets during a rotation', async () => {
    const { credentials, agency } = await creditorWithApprovedInvoices();
    expect((await agency.get('/clients')).status).toBe(401);
    const wrong = new AgencyClient(ctx.app, credentials.agency.clientId, 'acs_wrong');
    expect((await wrong.authenticate()).status).toBe(401);
    const { rotateSecret } = await import('../../src/agencies/credential.service.js');
    const rotated = await inTransaction(ctx.db, (trx) => rotateSecret(trx, credentials.agency.clientId, 24));
    expect((await agency.authenticate()).status).toBe(200); // the old secret, still valid
    expect(
      (await new AgencyClient(ctx.app, credentials.agency.clientId, rotated.clientSecret).authenticate()).status,
    ).toBe(200);
    await inTransaction(ctx.db, (trx) => rotateSecret(trx, credentials.agency.clientId, 0));
    expect((await agency.authenticate()).status).toBe(401);
    const secrets = await ctx.db
      .selectFrom('agency_secrets')
      .select('secret_hash')
      .where('agency_id', '=', credentials.agency.id)
      .execute();
    expect(secrets.every((s) => !s.secret_hash.includes(credentials.clientSecret) && s.secret_hash.length === 64)).toBe(
      true,
    );
  });
});
