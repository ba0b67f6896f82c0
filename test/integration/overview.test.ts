/**
 * GET /companies/{id}/overview: aged receivables, the collection funnel and what agencies
 * recovered per month, with exact figures, on PGlite (and PostgreSQL when TEST_DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { createCase, updateCaseStatus } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { receiveSettlement } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { ApiClient, createTestApp, TEST_TODAY } from '../support/http.js';

const user = { type: 'user' as const, id: null };

describe.each(BACKENDS)('the overview on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it('buckets open invoices by days past due, counts the funnel and sums recovered principal per month', async () => {
    expect(TEST_TODAY).toBe('2026-11-20');
    const company = await makeCompany(db, { vatRegistered: false, sendsOwnCollectionNotice: false });
    const other = await makeCompany(db, { vatRegistered: false, sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Oversikt Inkasso AS' }),
    );
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const customer = await makeCustomer(db, company.id, { name: 'Fjellet Bygg AS' });
    const invoice = (net: number, dueDate: string, issueDate = '2026-07-01') =>
      makeInvoice(db, company.id, customer.id, net, { vatRate: 0, issueDate, dueDate });

    const notDue = await invoice(10_000, '2026-12-01', '2026-11-15');
    const dueToday = await invoice(20_000, '2026-11-20', '2026-11-01');
    const days14 = await invoice(30_000, '2026-11-06');
    const days15 = await invoice(40_000, '2026-11-05');
    const draft = await invoice(50_000, '2026-10-01');
    const approved = await invoice(60_000, '2026-09-01');
    const partlyRecovered = await invoice(70_000, '2026-08-15');
    const recovered = await invoice(80_000, '2026-08-01');
    void notDue;
    void dueToday;
    void days14;
    void days15;
    // Another company's invoice counts nowhere here.
    const stranger = await makeCustomer(db, other.id);
    await makeInvoice(db, other.id, stranger.id, 999_900, {
      vatRate: 0,
      issueDate: '2026-01-01',
      dueDate: '2026-01-15',
    });

    await inTransaction(db, (trx) => sendToCollection(trx, company.id, draft.id, { today: TEST_TODAY }, user));
    for (const inv of [approved, partlyRecovered, recovered]) {
      await inTransaction(db, async (trx) =>
        approveHandover(
          trx,
          company.id,
          (await sendToCollection(trx, company.id, inv.id, { today: TEST_TODAY }, user)).id,
          user,
        ),
      );
    }
    await inTransaction(db, async (trx) => {
      await createCase(trx, agency.id, company.id, { caseNumber: 'K-1', invoiceIds: [partlyRecovered.id] });
      await createCase(trx, agency.id, company.id, { caseNumber: 'K-2', invoiceIds: [recovered.id] });
    });
    await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-OCT',
        settlementDate: '2026-10-10',
        bankAmount: ore(20_000),
        lines: [{ caseNumber: 'K-1', invoiceId: partlyRecovered.id, type: 'principal', amount: ore(20_000) }],
        statement: {},
      }),
    );
    await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-NOV',
        settlementDate: '2026-11-18',
        bankAmount: ore(81_500),
        lines: [
          { caseNumber: 'K-2', invoiceId: recovered.id, type: 'principal', amount: ore(80_000) },
          { caseNumber: 'K-2', type: 'interest', amount: ore(1_500) },
        ],
        statement: {},
      }),
    );
    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'K-2', { status: 'paid', agencyBalance: ore(0) }),
    );

    // Read access is enough.
    const viewer = await makeUser(db, company.id, 'viewer', `viewer-${backend}@example.no`, 'viewer password 2026');
    const client = new ApiClient(createTestApp(db));
    expect((await client.login(viewer.email, 'viewer password 2026')).status).toBe(200);
    const res = await client.get(`/companies/${company.id}/overview`);
    expect(res.status).toBe(200);
    const body = res.body;

    expect(body.today).toBe('2026-11-20');
    expect(
      body.agedReceivables.buckets.map((b: { key: string; count: number; openAmount: number }) => [
        b.key,
        b.count,
        b.openAmount,
      ]),
    ).toEqual([
      ['notDue', 1, 10_000],
      ['d0_14', 2, 50_000],
      ['d15_30', 1, 40_000],
      ['d31_60', 1, 50_000],
      ['d61_90', 1, 60_000],
      ['d90plus', 1, 50_000],
    ]);
    expect(body.agedReceivables.buckets[1]).toMatchObject({ fromDays: 0, toDays: 14 });
    expect(body.agedReceivables.buckets[5]).toMatchObject({ fromDays: 91, toDays: null });
    expect(body.agedReceivables.total).toEqual({ count: 7, openAmount: 260_000 });

    expect(body.funnel).toEqual({
      reminderList: { count: 2, openAmount: 70_000 },
      drafts: { count: 1, openAmount: 50_000 },
      approved: { count: 1, openAmount: 60_000 },
      openCases: { count: 1, invoiceCount: 1, openAmount: 50_000 },
      archivedCases: { count: 1, invoiceCount: 1, openAmount: 0 },
    });

    expect(body.recoveredByMonth).toHaveLength(12);
    expect(body.recoveredByMonth[0]).toEqual({ month: '2025-12', amount: 0 });
    expect(body.recoveredByMonth.filter((m: { amount: number }) => m.amount !== 0)).toEqual([
      { month: '2026-10', amount: 20_000 },
      { month: '2026-11', amount: 80_000 },
    ]);
    expect(body.recoveredByMonth.at(-1).month).toBe('2026-11');

    // Another company's member does not see it.
    const outsider = await makeUser(db, other.id, 'admin', `outsider-${backend}@example.no`, 'outsider password 2026');
    const them = new ApiClient(createTestApp(db));
    await them.login(outsider.email, 'outsider password 2026');
    expect((await them.get(`/companies/${company.id}/overview`)).status).toBe(404);
    const theirs = await them.get(`/companies/${other.id}/overview`);
    expect(theirs.body.agedReceivables.total).toEqual({ count: 1, openAmount: 999_900 });
    expect(theirs.body.funnel.reminderList).toEqual({ count: 1, openAmount: 999_900 });
  });

  it('counts money recovered on a written-off invoice as recovered, in the overview and in the case’s money', async () => {
    const company = await makeCompany(db, { vatRegistered: false, sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Gjenvinning Inkasso AS' }),
    );
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const customer = await makeCustomer(db, company.id, { name: 'Tapt Men Funnet AS' });
    const inv = await makeInvoice(db, company.id, customer.id, 90_000, {
      vatRate: 0,
      issueDate: '2026-07-01',
      dueDate: '2026-07-15',
    });
    await inTransaction(db, async (trx) =>
      approveHandover(
        trx,
        company.id,
        (await sendToCollection(trx, company.id, inv.id, { today: TEST_TODAY }, user)).id,
        user,
      ),
    );
    const kase = await inTransaction(db, (trx) =>
      createCase(trx, agency.id, company.id, { caseNumber: 'G-1', invoiceIds: [inv.id] }),
    );
    // 30 000 paid through the agency in October, the rest written off; the agency goes on and recovers 25 000 in November.
    await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'G-OCT',
        settlementDate: '2026-10-05',
        bankAmount: ore(30_000),
        lines: [{ caseNumber: 'G-1', invoiceId: inv.id, type: 'principal', amount: ore(30_000) }],
        statement: {},
      }),
    );
    await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, inv.id, { date: '2026-10-20', reason: 'Konkurs' }, null),
    );
    await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'G-NOV',
        settlementDate: '2026-11-12',
        bankAmount: ore(25_000),
        lines: [{ caseNumber: 'G-1', invoiceId: inv.id, type: 'principal', amount: ore(25_000) }],
        statement: {},
      }),
    );
    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'G-1', { status: 'payment_plan', agencyBalance: ore(35_000) }),
    );

    const admin = await makeUser(db, company.id, 'admin', `recovery-${backend}@example.no`, 'recovery password 2026');
    const client = new ApiClient(createTestApp(db));
    expect((await client.login(admin.email, 'recovery password 2026')).status).toBe(200);
    const overview = (await client.get(`/companies/${company.id}/overview`)).body;
    expect(overview.recoveredByMonth.filter((m: { amount: number }) => m.amount !== 0)).toEqual([
      { month: '2026-10', amount: 30_000 },
      { month: '2026-11', amount: 25_000 },
    ]);
    // The case: 90 000 claimed, 60 000 written off, 55 000 settled (25 000 of it after the write-off): 35 000 left to collect, as the agency says.
    const detail = await client.get(`/companies/${company.id}/cases/${kase.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.money).toEqual({
      originalClaim: 90_000,
      paidDirectly: 0,
      paidDirectlyOn: null,
      credited: 0,
      writtenOff: 60_000,
      settledByAgency: 55_000,
      recoveredAfterWriteOff: 25_000,
      otherMatched: 0,
      remaining: 0,
      toCollect: 35_000,
      agencyBalance: 35_000,
      disagrees: false,
    });
  });
});
