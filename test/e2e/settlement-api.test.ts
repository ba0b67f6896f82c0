import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { addDays, osloToday } from '../../src/shared/dates.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { AgencyClient, type AgencyResponse } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, TEST_TODAY, useTestApp } from '../support/http.js';

/*
 * Settlements (oppgjør) over HTTP, both sides: the agency posts and reads them through the agency
 * API; the accountant lists, previews, approves and rejects them, and sees them on the case.
 */

const PASSWORD = 'correct horse battery staple';
let counter = 0;
const uniqueEmail = (who: string) => `${who}-${++counter}-${randomUUID().slice(0, 8)}@example.no`;

function expectStatus(res: ApiResponse | AgencyResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 400)}`).toBe(status);
}

function expectProblem(res: ApiResponse | AgencyResponse, status: number, code: string, label = ''): void {
  expectStatus(res, status, label);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
}

describe.each(BACKENDS)('settlements over HTTP on %s', (backend) => {
  const ctx = useTestApp(backend);

  async function login(email: string): Promise<ApiClient> {
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, `login ${email}`);
    return client;
  }

  /** An operator-made agency with credentials, activated by the company's admin over HTTP, and signed in. */
  async function activatedAgency(admin: ApiClient, base: string, name: string, isDefault: boolean) {
    const credentials = await inTransaction(ctx.db, (trx) => createAgencyWithCredentials(trx, { name }));
    expectStatus(
      await admin.request('PUT', `${base}/agencies/${credentials.agency.id}/activation`, { active: true, isDefault }),
      200,
      `activate ${name}`,
    );
    const client = new AgencyClient(ctx.app, credentials.agency.clientId, credentials.clientSecret);
    expectStatus(await client.authenticate(), 200, `token for ${name}`);
    return { id: credentials.agency.id, client };
  }

  /**
   * A company made over HTTP by its admin, with an accountant and a viewer; a customer; two agencies
   * (the first the default). `invoice()` issues an invoice over HTTP and hands it to an agency's
   * approved list (send to collection, approve), as the accountant would.
   */
  async function world() {
    const adminEmail = uniqueEmail('admin');
    await inTransaction(ctx.db, (trx) => createUser(trx, { email: adminEmail, name: 'Admin', password: PASSWORD }));
    const admin = await login(adminEmail);
    const created = await admin.post('/companies', {
      name: 'Oppgjør AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(created, 201, 'create company');
    const company = created.body as { id: string };
    const base = `/companies/${company.id}`;
    // The agency sends the inkassovarsel: invoices go to it without a notice of the company's own.
    expectStatus(await admin.patch(`${base}/dunning-settings`, { sendsOwnCollectionNotice: false }), 200, 'settings');
    const member = async (role: 'accountant' | 'viewer') => {
      const email = uniqueEmail(role);
      expectStatus(
        await admin.post(`${base}/users`, { email, name: `Test ${role}`, role, password: PASSWORD }),
        200,
        `add ${role}`,
      );
      return login(email);
    };
    const accountant = await member('accountant');
    const viewer = await member('viewer');
    const customer = await admin.post(`${base}/customers`, {
      type: 'company',
      name: 'Skyldner AS',
      organizationNumber: uniqueOrgnr(),
    });
    expectStatus(customer, 201, 'customer');
    const agency = await activatedAgency(admin, base, `Oppgjør Inkasso ${randomUUID().slice(0, 6)}`, true);
    const other = await activatedAgency(admin, base, `Annen Inkasso ${randomUUID().slice(0, 6)}`, false);
    /** An invoice of `total` øre (25 % VAT), due 2026-09-15, on the approved list of `agencyId` (the default if omitted). */
    const invoice = async (
      total: number,
      agencyId?: string,
    ): Promise<{ id: string; receivableEntryId: number; kid: string }> => {
      const inv = await accountant.post(`${base}/invoices`, {
        customerId: customer.body.id,
        issueDate: '2026-09-01',
        dueDate: '2026-09-15',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: (total * 4) / 5, vatRate: 25 }],
      });
      expectStatus(inv, 201, 'invoice');
      expect(inv.body.totalAmount).toBe(total);
      const draft = await accountant.post(`${base}/invoices/${inv.body.id}/collection`, agencyId ? { agencyId } : {});
      expectStatus(draft, 201, 'send to collection');
      expectStatus(await accountant.post(`${base}/handovers/${draft.body.id}/approve`), 200, 'approve handover');
      return inv.body;
    };
    const openAmount = async (invoiceId: string): Promise<number> => {
      const r = await accountant.get(`${base}/invoices/${invoiceId}`);
      expectStatus(r, 200, 'invoice');
      return r.body.openAmount;
    };
    const caseId = async (caseNumber: string): Promise<string> => {
      const r = await accountant.get(`${base}/cases?limit=100`);
      expectStatus(r, 200, 'cases');
      const k = r.body.data.find((c: { caseNumber: string }) => c.caseNumber === caseNumber);
      expect(k, `case ${caseNumber}`).toBeDefined();
      return k.id;
    };
    const settlementRows = () =>
      ctx.db
        .selectFrom('settlements')
        .select(['reference', 'status'])
        .where('company_id', '=', company.id)
        .orderBy('reference')
        .execute();
    const settlementVouchers = () =>
      ctx.db
        .selectFrom('vouchers')
        .select('id')
        .where('company_id', '=', company.id)
        .where('type', '=', 'settlement')
        .execute();
    return {
      admin,
      accountant,
      viewer,
      company,
      base,
      agency,
      other,
      invoice,
      openAmount,
      caseId,
      settlementRows,
      settlementVouchers,
      clientPath: `/clients/${company.id}`,
    };
  }

  it('refuses a settlement dated after today (422 date_in_future, nothing stored), also in approval mode; a pending one that became future-dated is not approved', async () => {
    const w = await world();
    const a = await w.invoice(100_000);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'D-1', invoiceIds: [a.id] }),
      201,
      'case D-1',
    );
    const today = osloToday();
    const tomorrow = addDays(today, 1);
    const body = (reference: string, settlementDate: string) => ({
      reference,
      settlementDate,
      bankAmount: 40_000,
      lines: [{ caseNumber: 'D-1', invoiceId: a.id, type: 'principal', amount: 40_000 }],
      statement: { remitted: 40_000 },
    });
    const future = await w.agency.client.post(`${w.clientPath}/settlements`, body('S-D1', tomorrow));
    expectProblem(future, 422, 'validation_failed', 'a future-dated settlement');
    expect(future.body).toMatchObject({ reason: 'date_in_future', date: tomorrow, today });
    expect(await w.settlementRows()).toEqual([]);
    expect(await w.settlementVouchers()).toEqual([]);
    expect(await w.openAmount(a.id)).toBe(100_000);

    expectStatus(await w.admin.patch(`${w.base}/dunning-settings`, { settlementsNeedApproval: true }), 200);
    const pendingFuture = await w.agency.client.post(`${w.clientPath}/settlements`, body('S-D2', tomorrow));
    expectProblem(pendingFuture, 422, 'validation_failed', 'a future-dated settlement to approve');
    expect(pendingFuture.body.reason).toBe('date_in_future');
    expect(await w.settlementRows()).toEqual([]);

    // Received «tomorrow» (the clock moved back since, as a clock set wrong is corrected): approving it
    // now would post a future-dated voucher, so it is refused and stays pending; the preview says why.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(Date.now() + 86_400_000));
      expectStatus(await w.agency.client.authenticate(), 200, 'a token at that time');
      expectStatus(await w.agency.client.post(`${w.clientPath}/settlements`, body('S-D3', tomorrow)), 201, 'pending');
    } finally {
      vi.useRealTimers();
    }
    const [pending] = (await w.accountant.get(`${w.base}/settlements?status=pending_approval`)).body.data;
    expect(pending).toMatchObject({ reference: 'S-D3', settlementDate: tomorrow, status: 'pending_approval' });
    const preview = await w.accountant.get(`${w.base}/settlements/${pending.id}/preview`);
    expectStatus(preview, 200, 'preview');
    expect(preview.body.problems).toEqual([
      expect.objectContaining({ code: 'validation_failed', reason: 'date_in_future', date: tomorrow, today }),
    ]);
    const approve = await w.accountant.post(`${w.base}/settlements/${pending.id}/approve`);
    expectProblem(approve, 422, 'validation_failed', 'approving a future-dated settlement');
    expect(approve.body).toMatchObject({ reason: 'date_in_future', date: tomorrow, today });
    expect(await w.settlementRows()).toEqual([{ reference: 'S-D3', status: 'pending_approval' }]);
    expect(await w.settlementVouchers()).toEqual([]);
    expect(await w.openAmount(a.id)).toBe(100_000);
  });

  it('posts a settlement (201, posted, with its voucher), replays it (200), and refuses what breaks the contract, storing nothing', async () => {
    const w = await world();
    const a = await w.invoice(100_000);
    const b = await w.invoice(50_000);
    const c = await w.invoice(30_000, w.other.id);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'K-1', invoiceIds: [a.id, b.id] }),
      201,
      'case K-1',
    );
    expectStatus(
      await w.other.client.post(`${w.clientPath}/cases`, { caseNumber: 'K-2', invoiceIds: [c.id] }),
      201,
      'case K-2 of the other agency',
    );

    const body = {
      reference: 'S-2026-0001',
      settlementDate: TEST_TODAY,
      bankAmount: 100_000 + 2_000 - 500,
      lines: [
        { caseNumber: 'K-1', invoiceId: a.id, type: 'principal', amount: 100_000 },
        { caseNumber: 'K-1', type: 'interest', amount: 2_000 },
        { caseNumber: 'K-1', type: 'vat', amount: 500 },
      ],
      statement: {
        debtorPaid: 104_500,
        principal: 100_000,
        interest: 2_000,
        salaer: 2_000,
        vatOnSalaer: 500,
        remitted: 101_500,
      },
    };
    const posted = await w.agency.client.post(`${w.clientPath}/settlements`, body);
    expectStatus(posted, 201, 'post');
    expect(posted.body).toMatchObject({
      reference: 'S-2026-0001',
      clientId: w.company.id,
      settlementDate: TEST_TODAY,
      bankAmount: 101_500,
      status: 'posted',
      rejectReason: null,
      // The object form, kept as a list in the order its keys were sent (integers are øre).
      statement: [
        { label: 'debtorPaid', amount: 104_500 },
        { label: 'principal', amount: 100_000 },
        { label: 'interest', amount: 2_000 },
        { label: 'salaer', amount: 2_000 },
        { label: 'vatOnSalaer', amount: 500 },
        { label: 'remitted', amount: 101_500 },
      ],
      lines: body.lines,
    });
    expect(posted.body.voucherId).toEqual(expect.any(String));
    expect(posted.body.voucher.id).toBe(posted.body.voucherId);
    expect(posted.body.voucher.number).toMatch(/^2026-\d+$/);
    expect(
      posted.body.voucher.postings.map((p: { account: number; amount: number; invoiceId: string | null }) => [
        p.account,
        p.amount,
        p.invoiceId,
      ]),
    ).toEqual([
      [1920, 101_500, null],
      [1500, -100_000, a.id],
      [8050, -2_000, null],
      [2710, 500, null],
    ]);
    expect(posted.body, 'internal ids stay inside').not.toHaveProperty('agencyId');
    expect(posted.body).not.toHaveProperty('id');
    expect(await w.openAmount(a.id)).toBe(0);

    // The same reference and body again (keys in another order): 200, the same settlement.
    const { statement, lines, ...rest } = body;
    const again = await w.agency.client.post(`${w.clientPath}/settlements`, { statement, lines, ...rest });
    expectStatus(again, 200, 'replay');
    expect(again.body).toEqual(posted.body);

    // The same reference with another body: 409.
    expectProblem(
      await w.agency.client.post(`${w.clientPath}/settlements`, {
        ...body,
        statement: { ...body.statement, note: 'rettet' },
      }),
      409,
      'settlement_exists',
      'other body',
    );

    // Unbalanced: 422 naming the difference.
    const unbalanced = await w.agency.client.post(`${w.clientPath}/settlements`, {
      reference: 'S-U',
      settlementDate: TEST_TODAY,
      bankAmount: 49_000,
      lines: [{ caseNumber: 'K-1', invoiceId: b.id, type: 'principal', amount: 50_000 }],
      statement: {},
    });
    expectProblem(unbalanced, 422, 'settlement_unbalanced', 'unbalanced');
    expect(unbalanced.body.difference).toBe(-1_000);
    expect(unbalanced.body.detail).toContain('difference');

    // More principal than is open: 422 overpaid.
    const overpaid = await w.agency.client.post(`${w.clientPath}/settlements`, {
      reference: 'S-O',
      settlementDate: TEST_TODAY,
      bankAmount: 50_001,
      lines: [{ caseNumber: 'K-1', invoiceId: b.id, type: 'principal', amount: 50_001 }],
      statement: {},
    });
    expectProblem(overpaid, 422, 'overpaid', 'overpaid');
    expect(overpaid.body).toMatchObject({
      reason: 'more_than_remaining',
      invoiceId: b.id,
      invoiceNumber: expect.any(Number),
      principalAmount: 50_001,
      remainingAmount: 50_000,
      recoverableAmount: 0,
    });
    // …and on an invoice it closed already.
    expectProblem(
      await w.agency.client.post(`${w.clientPath}/settlements`, {
        reference: 'S-O2',
        settlementDate: TEST_TODAY,
        bankAmount: 1,
        lines: [{ caseNumber: 'K-1', invoiceId: a.id, type: 'principal', amount: 1 }],
        statement: {},
      }),
      422,
      'overpaid',
      'overpaid on a closed invoice',
    );

    // A principal line without its invoice: bad input.
    const noInvoice = await w.agency.client.post(`${w.clientPath}/settlements`, {
      reference: 'S-N',
      settlementDate: TEST_TODAY,
      bankAmount: 50_000,
      lines: [{ caseNumber: 'K-1', type: 'principal', amount: 50_000 }],
      statement: {},
    });
    expect([400, 422], JSON.stringify(noInvoice.body)).toContain(noInvoice.status);
    expect(noInvoice.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(noInvoice.body.detail).toMatch(/invoiceId/);

    // An invoice of another agency's case (under this agency's case number, or under the other's): 404.
    expectProblem(
      await w.agency.client.post(`${w.clientPath}/settlements`, {
        reference: 'S-X1',
        settlementDate: TEST_TODAY,
        bankAmount: 30_000,
        lines: [{ caseNumber: 'K-1', invoiceId: c.id, type: 'principal', amount: 30_000 }],
        statement: {},
      }),
      404,
      'not_found',
      'other agency’s invoice',
    );
    expectProblem(
      await w.agency.client.post(`${w.clientPath}/settlements`, {
        reference: 'S-X2',
        settlementDate: TEST_TODAY,
        bankAmount: 30_000,
        lines: [{ caseNumber: 'K-2', invoiceId: c.id, type: 'principal', amount: 30_000 }],
        statement: {},
      }),
      404,
      'not_found',
      'other agency’s case',
    );

    // Nothing of the refused ones was stored.
    expect(await w.settlementRows()).toEqual([{ reference: 'S-2026-0001', status: 'posted' }]);
    expect(await w.settlementVouchers()).toHaveLength(1);
    expect(await w.openAmount(b.id)).toBe(50_000);
    expect(await w.openAmount(c.id)).toBe(30_000);

    // GET by reference; unknown → 404; another agency (even one the client activated) → 404.
    const got = await w.agency.client.get(`${w.clientPath}/settlements/S-2026-0001`);
    expectStatus(got, 200, 'get');
    expect(got.body).toEqual(posted.body);
    expectProblem(
      await w.agency.client.get(`${w.clientPath}/settlements/S-NONE`),
      404,
      'not_found',
      'unknown reference',
    );
    expectProblem(
      await w.other.client.get(`${w.clientPath}/settlements/S-2026-0001`),
      404,
      'not_found',
      'another agency',
    );
    const stranger = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Fremmed Inkasso AS' }),
    );
    const strangerClient = new AgencyClient(ctx.app, stranger.agency.clientId, stranger.clientSecret);
    expectStatus(await strangerClient.authenticate(), 200);
    expectProblem(
      await strangerClient.get(`${w.clientPath}/settlements/S-2026-0001`),
      404,
      'not_found',
      'an agency the client never activated',
    );
    expectProblem(
      await strangerClient.post(`${w.clientPath}/settlements`, { ...body, reference: 'S-STRANGER' }),
      404,
      'not_found',
      'posting as a stranger',
    );
  });

  it('a settlement date outside 2000-01-01..2099-12-31, or not on the calendar, is 400 naming body.settlementDate; nothing stored, no fiscal year made; the documents state the range', async () => {
    const w = await world();
    const a = await w.invoice(100_000);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'D-1', invoiceIds: [a.id] }),
      201,
      'case D-1',
    );
    const books = () =>
      Promise.all([
        ctx.db.selectFrom('vouchers').select(['id', 'fiscal_year']).where('company_id', '=', w.company.id).execute(),
        ctx.db
          .selectFrom('number_series')
          .selectAll()
          .where('company_id', '=', w.company.id)
          .orderBy('series')
          .orderBy('year')
          .execute(),
      ]);
    const booksBefore = await books();
    const bad = [
      '0000-01-01',
      '0001-01-01',
      '1899-12-31',
      '1999-12-31',
      '2100-01-01',
      '9999-12-31',
      '2026-02-30',
      '2026-2-3',
    ];
    for (const [i, settlementDate] of bad.entries()) {
      const res = await w.agency.client.post(`${w.clientPath}/settlements`, {
        reference: `S-DATE-${i}`,
        settlementDate,
        bankAmount: 10_000,
        lines: [{ caseNumber: 'D-1', invoiceId: a.id, type: 'principal', amount: 10_000 }],
        statement: {},
      });
      expectProblem(res, 400, 'validation_failed', settlementDate);
      expect(res.body.errors, settlementDate).toEqual([
        {
          path: 'body.settlementDate',
          message:
            settlementDate === '2026-02-30'
              ? 'must be a real calendar date'
              : settlementDate === '2026-2-3'
                ? 'must be a date as YYYY-MM-DD, from 2000-01-01 to 2099-12-31'
                : 'must be from 2000-01-01 to 2099-12-31',
        },
      ]);
    }
    expect(await w.settlementRows()).toEqual([]);
    expect(await w.openAmount(a.id)).toBe(100_000);
    expect(await books()).toEqual(booksBefore);
    // The accountant's side has the same range: a payment dated 9999-12-31 or 0000-01-01 is refused alike.
    for (const paymentDate of ['9999-12-31', '0000-01-01', '1899-12-31']) {
      const res = await w.accountant.post(`${w.base}/payments`, { invoiceId: a.id, amount: 100, paymentDate });
      expectProblem(res, 400, 'validation_failed', paymentDate);
      expect(res.body.errors[0].path, paymentDate).toBe('body.paymentDate');
    }
    expect(await w.openAmount(a.id)).toBe(100_000);
    // Both documents state the range.
    const agencyDoc = (await (await ctx.app.request('/agency/v1/openapi.json')).json()) as any;
    const accountantDoc = (await w.accountant.get('/openapi.json')).body;
    const settlementDate = agencyDoc.components.schemas.NewSettlement.properties.settlementDate;
    const json = JSON.stringify(accountantDoc);
    for (const schema of [settlementDate]) {
      expect(schema).toMatchObject({ type: 'string', format: 'date' });
      expect(schema.description).toContain('from 2000-01-01 to 2099-12-31');
      expect(new RegExp(schema.pattern).test('2026-11-20')).toBe(true);
      for (const d of ['1999-12-31', '2100-01-01', '0000-01-01', '9999-12-31'])
        expect(new RegExp(schema.pattern).test(d), d).toBe(false);
    }
    expect(json).toContain('A date: a calendar date YYYY-MM-DD from 2000-01-01 to 2099-12-31');
  });

  it('sums of øre are exact: a settlement balanced at the largest totals is posted to the øre; totals beyond 100 billion kr (even past 2^53) are 400 total_too_large, never misjudged as unbalanced', async () => {
    const w = await world();
    const MAX = 10_000_000_000_000;
    const big = await w.invoice(MAX);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'B-1', invoiceIds: [big.id] }),
      201,
      'case B-1',
    );
    const post = (reference: string, bankAmount: number, lines: object[]) =>
      w.agency.client.post(`${w.clientPath}/settlements`, {
        reference,
        settlementDate: TEST_TODAY,
        bankAmount,
        lines,
        statement: {},
      });
    // Past 2^53: 1 000 interest lines of ~9 × 10^12 and one of 1 øre, against as much cost; bank 1 øre.
    // Balanced exactly (floating point would lose the 1 øre and call it unbalanced).
    const step = 9_007_199_254_741;
    const huge = [
      ...Array.from({ length: 1000 }, () => ({ caseNumber: 'B-1', type: 'interest', amount: step })),
      { caseNumber: 'B-1', type: 'interest', amount: 1 },
      ...Array.from({ length: 1000 }, () => ({ caseNumber: 'B-1', type: 'cost', amount: step })),
    ];
    expect(1000 * step + 1).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    const pastSafe = await post('S-HUGE', 1, huge);
    expectProblem(pastSafe, 400, 'validation_failed', 'past 2^53');
    expect(pastSafe.body).toMatchObject({ reason: 'total_too_large', lineType: 'interest', maxAmount: MAX });
    expect(pastSafe.body.detail).toContain('9007199254741001 øre');
    // About 10^15, balanced: refused alike, by its total, before anything else.
    const tenTo15 = Array.from({ length: 100 }, () => ({ caseNumber: 'B-1', type: 'fee', amount: MAX }));
    const cost15 = Array.from({ length: 100 }, () => ({ caseNumber: 'B-1', type: 'cost', amount: MAX }));
    const r15 = await post('S-1E15', 0, [...tenTo15, ...cost15]);
    expectProblem(r15, 400, 'validation_failed', '10^15');
    expect(r15.body).toMatchObject({ reason: 'total_too_large', lineType: 'fee' });
    // One øre over the bound in one type.
    const over = await post('S-OVER', MAX, [
      { caseNumber: 'B-1', invoiceId: big.id, type: 'principal', amount: MAX - 1 },
      { caseNumber: 'B-1', type: 'interest', amount: MAX / 2 },
      { caseNumber: 'B-1', type: 'interest', amount: MAX / 2 + 1 },
    ]);
    expect(over.body).toMatchObject({ status: 400, reason: 'total_too_large', lineType: 'interest' });
    expect(await w.settlementRows()).toEqual([]);
    expect(await w.settlementVouchers()).toEqual([]);

    // At the bound, every type's total exactly 10^13 øre or one less: posted, to the øre.
    const lines = [
      { caseNumber: 'B-1', invoiceId: big.id, type: 'principal', amount: MAX - 1 },
      { caseNumber: 'B-1', type: 'interest', amount: MAX / 2 },
      { caseNumber: 'B-1', type: 'interest', amount: MAX / 2 },
      { caseNumber: 'B-1', type: 'fee', amount: MAX },
      { caseNumber: 'B-1', type: 'cost', amount: MAX - 3 },
      { caseNumber: 'B-1', type: 'cost', amount: 3 },
    ];
    // bank = (10^13 − 1) + 10^13 + 10^13 − 10^13 = 2 × 10^13 − 1 is above one amount's bound: one less fee.
    lines[3] = { caseNumber: 'B-1', type: 'fee', amount: 1 };
    const bank = MAX - 1 + MAX + 1 - MAX;
    expect(bank).toBe(MAX);
    const off = await post('S-BIG-OFF', bank - 1, lines);
    expectProblem(off, 422, 'settlement_unbalanced', 'one øre short');
    expect(off.body).toMatchObject({ difference: -1, expectedBankAmount: MAX });
    const posted = await post('S-BIG', bank, lines);
    expectStatus(posted, 201, 'balanced at the bound');
    expect(posted.body.status).toBe('posted');
    expect(await w.openAmount(big.id)).toBe(1);
    const postings = await ctx.db
      .selectFrom('postings')
      .select(['amount'])
      .where('voucher_id', '=', posted.body.voucherId)
      .orderBy('amount', 'desc')
      .execute();
    expect(postings.map((p) => Number(p.amount))).toEqual([MAX, MAX, -1, 1 - MAX, -MAX]);
  });

  it('takes an Idempotency-Key: the same key and body answer the first answer again, another body under it is 409', async () => {
    const w = await world();
    const a = await w.invoice(40_000);
    const b = await w.invoice(20_000);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'I-1', invoiceIds: [a.id, b.id] }),
      201,
    );
    const body = {
      reference: 'S-IDEM',
      settlementDate: TEST_TODAY,
      bankAmount: 40_000,
      lines: [{ caseNumber: 'I-1', invoiceId: a.id, type: 'principal', amount: 40_000 }],
      statement: { n: 1 },
    };
    const key = { 'idempotency-key': `oppgjor-${randomUUID()}` };
    const first = await w.agency.client.post(`${w.clientPath}/settlements`, body, key);
    expectStatus(first, 201, 'first');
    const replay = await w.agency.client.post(`${w.clientPath}/settlements`, body, key);
    expectStatus(replay, 201, 'same key, same body: the first answer');
    expect(replay.body).toEqual(first.body);
    const reused = await w.agency.client.post(
      `${w.clientPath}/settlements`,
      {
        ...body,
        reference: 'S-IDEM-2',
        bankAmount: 20_000,
        lines: [{ caseNumber: 'I-1', invoiceId: b.id, type: 'principal', amount: 20_000 }],
      },
      key,
    );
    expectProblem(reused, 409, 'idempotency_key_reused', 'same key, another body');
    // Without the key, the reference still makes it a replay.
    const byReference = await w.agency.client.post(`${w.clientPath}/settlements`, body);
    expectStatus(byReference, 200, 'by reference');
    expect(byReference.body.voucherId).toBe(first.body.voucherId);
    expect(await w.settlementRows()).toEqual([{ reference: 'S-IDEM', status: 'posted' }]);
    expect(await w.settlementVouchers()).toHaveLength(1);
    expect(await w.openAmount(b.id)).toBe(20_000);
  });

  it('approval mode: pending until the accountant approves (posted) or rejects (the agency sees either); a viewer cannot', async () => {
    const w = await world();
    const a = await w.invoice(100_000);
    const b = await w.invoice(40_000);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'G-1', invoiceIds: [a.id, b.id] }),
      201,
    );
    expectProblem(
      await w.accountant.patch(`${w.base}/dunning-settings`, { settlementsNeedApproval: true }),
      403,
      'forbidden',
      'only an admin changes settings',
    );
    const settings = await w.admin.patch(`${w.base}/dunning-settings`, { settlementsNeedApproval: true });
    expectStatus(settings, 200, 'settings');
    expect(settings.body.settlementsNeedApproval).toBe(true);

    const s1 = {
      reference: 'S-G1',
      settlementDate: TEST_TODAY,
      bankAmount: 100_000 + 3_000 - 1_000,
      lines: [
        { caseNumber: 'G-1', invoiceId: a.id, type: 'principal', amount: 100_000 },
        { caseNumber: 'G-1', type: 'interest', amount: 3_000 },
        { caseNumber: 'G-1', type: 'cost', amount: 1_000 },
      ],
      statement: { remitted: 102_000 },
    };
    const pending = await w.agency.client.post(`${w.clientPath}/settlements`, s1);
    expectStatus(pending, 201, 'pending');
    expect(pending.body).toMatchObject({ status: 'pending_approval', voucherId: null, voucher: null, decidedAt: null });
    expect(await w.openAmount(a.id)).toBe(100_000);
    expect(await w.settlementVouchers()).toEqual([]);
    // Posting the same again while pending is a replay, still pending.
    const replay = await w.agency.client.post(`${w.clientPath}/settlements`, s1);
    expectStatus(replay, 200, 'replay while pending');
    expect(replay.body.status).toBe('pending_approval');

    // The accountant's list of pending settlements, and the preview.
    const list = await w.accountant.get(`${w.base}/settlements?status=pending_approval`);
    expectStatus(list, 200, 'list');
    expect(list.body.data).toHaveLength(1);
    const listed = list.body.data[0];
    expect(listed).toMatchObject({
      reference: 'S-G1',
      agencyId: w.agency.id,
      agencyName: expect.stringMatching(/^Oppgjør Inkasso/),
      status: 'pending_approval',
      bankAmount: 102_000,
      statement: [{ label: 'remitted', amount: 102_000 }],
      voucherId: null,
    });
    expect((await w.accountant.get(`${w.base}/settlements?status=posted`)).body.data).toEqual([]);
    const preview = await w.viewer.get(`${w.base}/settlements/${listed.id}/preview`);
    expectStatus(preview, 200, 'preview (a viewer may read)');
    expect(preview.body.postings.map((p: { account: number; amount: number }) => [p.account, p.amount])).toEqual([
      [1920, 102_000],
      [1500, -100_000],
      [8050, -3_000],
      [7790, 1_000],
    ]);
    expect(preview.body.problems).toEqual([]);
    expect(await w.settlementVouchers(), 'a preview writes nothing').toEqual([]);

    // A viewer cannot approve or reject; the accountant approves.
    expectProblem(
      await w.viewer.post(`${w.base}/settlements/${listed.id}/approve`),
      403,
      'forbidden',
      'viewer approves',
    );
    expectProblem(
      await w.viewer.post(`${w.base}/settlements/${listed.id}/reject`, { reason: 'nei' }),
      403,
      'forbidden',
      'viewer rejects',
    );
    const approved = await w.accountant.post(`${w.base}/settlements/${listed.id}/approve`);
    expectStatus(approved, 200, 'approve');
    expect(approved.body).toMatchObject({ id: listed.id, status: 'posted', voucherId: expect.any(String) });
    expect(approved.body.decidedAt).not.toBeNull();
    expect(await w.openAmount(a.id)).toBe(0);
    // (The problem body's own `status` member is checked in the [src bug] test below.)
    const twice = await w.accountant.post(`${w.base}/settlements/${listed.id}/approve`);
    expectStatus(twice, 409, 'approve twice');
    expect(twice.body.code).toBe('invalid_transition');
    expect(twice.body).toMatchObject({
      detail: 'the settlement is posted already',
      reason: 'settlement_posted',
      settlementStatus: 'posted',
    });

    // The agency sees it posted, with its voucher.
    const seen = await w.agency.client.get(`${w.clientPath}/settlements/S-G1`);
    expectStatus(seen, 200, 'agency reads');
    expect(seen.body).toMatchObject({ status: 'posted', voucherId: approved.body.voucherId });
    expect(
      seen.body.voucher.postings.map((p: { account: number; amount: number; invoiceId: string | null }) => [
        p.account,
        p.amount,
        p.invoiceId,
      ]),
    ).toEqual([
      [1920, 102_000, null],
      [1500, -100_000, a.id],
      [8050, -3_000, null],
      [7790, 1_000, null],
    ]);

    // A second one is rejected with a reason; the agency sees it rejected, nothing posted.
    const s2 = await w.agency.client.post(`${w.clientPath}/settlements`, {
      reference: 'S-G2',
      settlementDate: TEST_TODAY,
      bankAmount: 40_000,
      lines: [{ caseNumber: 'G-1', invoiceId: b.id, type: 'principal', amount: 40_000 }],
      statement: { remitted: 40_000 },
    });
    expectStatus(s2, 201, 'second');
    const pendingNow = await w.accountant.get(`${w.base}/settlements?status=pending_approval`);
    expect(pendingNow.body.data.map((s: { reference: string }) => s.reference)).toEqual(['S-G2']);
    const id2 = pendingNow.body.data[0].id as string;
    expectProblem(
      await w.accountant.post(`${w.base}/settlements/${id2}/reject`, {}),
      400,
      'validation_failed',
      'reject without a reason',
    );
    const rejected = await w.accountant.post(`${w.base}/settlements/${id2}/reject`, {
      reason: 'Kunden betalte oss direkte',
    });
    expectStatus(rejected, 200, 'reject');
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectReason: 'Kunden betalte oss direkte',
      voucherId: null,
    });
    const seen2 = await w.agency.client.get(`${w.clientPath}/settlements/S-G2`);
    expect(seen2.body).toMatchObject({
      status: 'rejected',
      rejectReason: 'Kunden betalte oss direkte',
      voucherId: null,
      voucher: null,
    });
    expect(await w.openAmount(b.id)).toBe(40_000);
    const late = await w.accountant.post(`${w.base}/settlements/${id2}/approve`);
    expectStatus(late, 409, 'approve a rejected one');
    expect(late.body.code).toBe('invalid_transition');
    expect(late.body).toMatchObject({ reason: 'settlement_rejected', settlementStatus: 'rejected' });
    expect(await w.settlementVouchers()).toHaveLength(1);
    expect(await w.settlementRows()).toEqual([
      { reference: 'S-G1', status: 'posted' },
      { reference: 'S-G2', status: 'rejected' },
    ]);

    // The case shows both settlements, with their statements.
    const detail = await w.accountant.get(`${w.base}/cases/${await w.caseId('G-1')}`);
    expectStatus(detail, 200, 'case');
    const byRef = Object.fromEntries(detail.body.settlements.map((s: { reference: string }) => [s.reference, s]));
    expect(byRef['S-G1']).toMatchObject({
      status: 'posted',
      bankAmount: 102_000,
      statement: [{ label: 'remitted', amount: 102_000 }],
    });
    expect(byRef['S-G2']).toMatchObject({
      status: 'rejected',
      bankAmount: 40_000,
      statement: [{ label: 'remitted', amount: 40_000 }],
    });
    expect(detail.body.money).toMatchObject({ originalClaim: 140_000, settledByAgency: 100_000, remaining: 40_000 });
  });

  it('statements: an ordered list kept in the order sent, the object form in its written order, none at all, a wrong shape refused; the accountant sees the voucher', async () => {
    const w = await world();
    const a = await w.invoice(100_000);
    const b = await w.invoice(50_000);
    const c = await w.invoice(30_000);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'ST-1', invoiceIds: [a.id, b.id, c.id] }),
      201,
    );
    const settle = (reference: string, invoiceId: string, amount: number, extra: Record<string, unknown> = {}) => ({
      reference,
      settlementDate: TEST_TODAY,
      bankAmount: amount,
      lines: [{ caseNumber: 'ST-1', invoiceId, type: 'principal', amount }],
      ...extra,
    });
    const stored = async (reference: string) =>
      (
        await ctx.db
          .selectFrom('settlements')
          .select('statement')
          .where('company_id', '=', w.company.id)
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow()
      ).statement;

    // The ordered list: kept exactly in the order sent (labels that jsonb would sort otherwise).
    const list = [
      { label: 'Innbetalt fra skyldner', amount: 110_000 },
      { label: 'Salær', amount: -7_000 },
      { label: 'Mva på salær', amount: -1_750 },
      { label: 'Antall innbetalinger', text: '3' },
      { label: 'A', amount: 0 },
      { label: 'Til utbetaling', amount: 100_000 },
    ];
    const posted = await w.agency.client.post(
      `${w.clientPath}/settlements`,
      settle('S-L1', a.id, 100_000, { statement: list }),
    );
    expectStatus(posted, 201, 'list');
    expect(posted.body.statement).toEqual(list);
    expect(await stored('S-L1')).toEqual(list);

    // The object form, index-like keys included: the order of the request's text, not JSON.parse's.
    const raw = `{"reference":"S-O1","settlementDate":"${TEST_TODAY}","bankAmount":20000,"lines":[{"caseNumber":"ST-1","invoiceId":"${b.id}","type":"principal","amount":20000}],"statement":{"zInnbetalt":21000,"2":"andre del","salaer":-1000,"rate":"12.5 %","10":7}}`;
    const object = await w.agency.client.post(`${w.clientPath}/settlements`, raw);
    expectStatus(object, 201, 'object form');
    const expected = [
      { label: 'zInnbetalt', amount: 21_000 },
      { label: '2', text: 'andre del' },
      { label: 'salaer', amount: -1_000 },
      { label: 'rate', text: '12.5 %' },
      { label: '10', amount: 7 },
    ];
    expect(object.body.statement).toEqual(expected);
    expect(await stored('S-O1')).toEqual(expected);
    // Sent again as it was: the same settlement.
    const replay = await w.agency.client.post(`${w.clientPath}/settlements`, raw);
    expectStatus(replay, 200, 'object form again');
    expect(replay.body).toEqual(object.body);

    // No statement at all: the journal alone is enough.
    const bare = await w.agency.client.post(`${w.clientPath}/settlements`, settle('S-N1', c.id, 10_000));
    expectStatus(bare, 201, 'no statement');
    expect(bare.body).toMatchObject({ status: 'posted', statement: null });
    expect(await stored('S-N1')).toBeNull();
    expect(await w.openAmount(c.id)).toBe(20_000);

    // Wrong shapes: 400, nothing stored.
    for (const [label, statement] of [
      ['amount and text', [{ label: 'x', amount: 1, text: 'y' }]],
      ['no label', [{ amount: 1 }]],
      ['unknown member', [{ label: 'x', value: 1 }]],
      ['a string', 'kvittering'],
      ['a fraction of an øre', [{ label: 'x', amount: 1.5 }]],
    ] as const) {
      expectProblem(
        await w.agency.client.post(`${w.clientPath}/settlements`, settle('S-BAD', c.id, 1_000, { statement })),
        400,
        'validation_failed',
        label,
      );
    }
    expect((await w.settlementRows()).map((r) => r.reference)).toEqual(['S-L1', 'S-N1', 'S-O1']);
    expect(await w.openAmount(c.id)).toBe(20_000);

    // The accountant's settlement: its statement, the voucher's number and postings.
    const mine = (await w.accountant.get(`${w.base}/settlements?limit=10`)).body.data.find(
      (s: { reference: string }) => s.reference === 'S-L1',
    );
    const detail = await w.accountant.get(`${w.base}/settlements/${mine.id}`);
    expectStatus(detail, 200, 'detail');
    expect(detail.body.statement).toEqual(list);
    expect(detail.body.voucher.number).toMatch(/^2026-\d+$/);
    expect(detail.body.voucher.postings.map((p: { account: number; amount: number }) => [p.account, p.amount])).toEqual(
      [
        [1920, 100_000],
        [1500, -100_000],
      ],
    );
  });

  it('approving or rejecting a settlement that is decided already answers an RFC 9457 problem whose `status` is the HTTP status (409), not the settlement’s status', async () => {
    const w = await world();
    const a = await w.invoice(10_000);
    expectStatus(await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'B-1', invoiceIds: [a.id] }), 201);
    expectStatus(await w.admin.patch(`${w.base}/dunning-settings`, { settlementsNeedApproval: true }), 200);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/settlements`, {
        reference: 'S-B1',
        settlementDate: TEST_TODAY,
        bankAmount: 10_000,
        lines: [{ caseNumber: 'B-1', invoiceId: a.id, type: 'principal', amount: 10_000 }],
        statement: {},
      }),
      201,
    );
    const id = (await w.accountant.get(`${w.base}/settlements?status=pending_approval`)).body.data[0].id as string;
    expectStatus(await w.accountant.post(`${w.base}/settlements/${id}/approve`), 200);
    // The HTTP status is 409, but the body says "status": "posted" (the AppError's extra overrides the member).
    expectProblem(
      await w.accountant.post(`${w.base}/settlements/${id}/approve`),
      409,
      'invalid_transition',
      'approve twice',
    );
    expectProblem(
      await w.accountant.post(`${w.base}/settlements/${id}/reject`, { reason: 'for sent' }),
      409,
      'invalid_transition',
      'reject a posted one',
    );
  });

  it('approval mode still refuses more principal than is open with 422 overpaid, instead of taking it as pending_approval', async () => {
    const w = await world();
    const a = await w.invoice(10_000);
    expectStatus(await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'O-1', invoiceIds: [a.id] }), 201);
    expectStatus(await w.admin.patch(`${w.base}/dunning-settings`, { settlementsNeedApproval: true }), 200);
    const res = await w.agency.client.post(`${w.clientPath}/settlements`, {
      reference: 'S-O1',
      settlementDate: TEST_TODAY,
      bankAmount: 10_001,
      lines: [{ caseNumber: 'O-1', invoiceId: a.id, type: 'principal', amount: 10_001 }],
      statement: {},
    });
    // The contract: "Principal above an invoice's remaining amount is 422 overpaid" — in either mode. Today: 201 pending_approval,
    // a settlement the accountant can never approve (its preview already lists the problem).
    expectProblem(res, 422, 'overpaid', 'overpaid in approval mode');
    expect(await w.settlementRows()).toEqual([]);
  });

  it('pages the accountant’s settlement list newest first with a cursor: each settlement once, filters kept, a bad cursor refused', async () => {
    const w = await world();
    const invoices = [];
    for (let i = 0; i < 5; i++) invoices.push(await w.invoice(10_000 + i * 1_000));
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'P-1', invoiceIds: invoices.map((i) => i.id) }),
      201,
      'case',
    );
    // Five settlements, posted in one burst (created within the same millisecond is possible: the id breaks ties).
    const references: string[] = [];
    for (const [n, inv] of invoices.entries()) {
      const reference = `S-P${n}`;
      const amount = 5_000;
      expectStatus(
        await w.agency.client.post(`${w.clientPath}/settlements`, {
          reference,
          settlementDate: TEST_TODAY,
          bankAmount: amount,
          lines: [{ caseNumber: 'P-1', invoiceId: inv.id, type: 'principal', amount }],
          statement: {},
        }),
        201,
        reference,
      );
      references.push(reference);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ApiResponse = await w.accountant.get(
        `${w.base}/settlements?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expectStatus(page, 200, `page ${pages}`);
      seen.push(...page.body.data.map((s: { reference: string }) => s.reference));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...references].reverse());
    expect(pages).toBe(3);
    // With a filter the cursor keeps to it: none are pending, so one empty page.
    expect((await w.accountant.get(`${w.base}/settlements?status=pending_approval&limit=2`)).body).toEqual({
      data: [],
      nextCursor: null,
    });
    const posted = await w.accountant.get(`${w.base}/settlements?status=posted&limit=4`);
    expect(posted.body.data).toHaveLength(4);
    const rest = await w.accountant.get(
      `${w.base}/settlements?status=posted&limit=4&cursor=${encodeURIComponent(posted.body.nextCursor)}`,
    );
    expect(rest.body.data.map((s: { reference: string }) => s.reference)).toEqual([references[0]]);
    expectProblem(
      await w.accountant.get(`${w.base}/settlements?cursor=bm90LWEtY3Vyc29y`),
      400,
      'validation_failed',
      'garbage cursor',
    );
    expectProblem(
      await w.accountant.get(
        `${w.base}/settlements?cursor=${Buffer.from(JSON.stringify({ t: "2026-11-20'; drop table settlements; --", id: randomUUID() })).toString('base64url')}`,
      ),
      400,
      'validation_failed',
      'cursor with SQL in it',
    );
  });

  it('the case shows its money from the ledger beside the agency’s balance, and the settlements with their statements', async () => {
    const w = await world();
    const a = await w.invoice(100_000);
    const b = await w.invoice(50_000);
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases`, { caseNumber: 'P-1', invoiceIds: [a.id, b.id] }),
      201,
    );
    const statement = { debtor: 'Skyldner AS', period: '2026-11', lines: [{ what: 'hovedstol', amount: 120_000 }] };
    const s = await w.agency.client.post(`${w.clientPath}/settlements`, {
      reference: 'S-P1',
      settlementDate: TEST_TODAY,
      bankAmount: 120_000,
      lines: [
        { caseNumber: 'P-1', invoiceId: a.id, type: 'principal', amount: 100_000 },
        { caseNumber: 'P-1', invoiceId: b.id, type: 'principal', amount: 20_000 },
      ],
      statement,
    });
    expectStatus(s, 201, 'settlement');
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases/P-1/status`, {
        status: 'payment_plan',
        statusText: 'Nedbetalingsavtale',
        agencyBalance: 30_000,
      }),
      200,
      'status',
    );
    const id = await w.caseId('P-1');
    const detail = await w.viewer.get(`${w.base}/cases/${id}`);
    expectStatus(detail, 200, 'case detail');
    expect(detail.body).toMatchObject({
      caseNumber: 'P-1',
      status: 'payment_plan',
      state: 'open',
      agencyBalance: 30_000,
    });
    expect(detail.body.money).toEqual({
      originalClaim: 150_000,
      paidDirectly: 0,
      paidDirectlyOn: null,
      credited: 0,
      writtenOff: 0,
      settledByAgency: 120_000,
      recoveredAfterWriteOff: 0,
      otherMatched: 0,
      remaining: 30_000,
      toCollect: 30_000,
      agencyBalance: 30_000,
      disagrees: false,
    });
    expect(detail.body.settlements).toEqual([
      {
        id: expect.any(String),
        reference: 'S-P1',
        settlementDate: TEST_TODAY,
        bankAmount: 120_000,
        status: 'posted',
        // The object form as a list in its keys' order; a nested value becomes its JSON text.
        statement: [
          { label: 'debtor', text: 'Skyldner AS' },
          { label: 'period', text: '2026-11' },
          { label: 'lines', text: JSON.stringify(statement.lines) },
        ],
      },
    ]);
    expect(
      detail.body.invoices.map((i: { id: string; remainingAmount: number }) => [i.id, i.remainingAmount]).sort(),
    ).toEqual(
      [
        [a.id, 0],
        [b.id, 30_000],
      ].sort(),
    );
    // The same money on its own route.
    expect((await w.accountant.get(`${w.base}/cases/${id}/money`)).body).toEqual(detail.body.money);

    // The agency reports a balance the ledger does not agree with: shown as disagreeing.
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases/P-1/status`, { status: 'payment_plan', agencyBalance: 35_000 }),
      200,
    );
    expect((await w.accountant.get(`${w.base}/cases/${id}`)).body.money).toMatchObject({
      settledByAgency: 120_000,
      remaining: 30_000,
      toCollect: 30_000,
      agencyBalance: 35_000,
      disagrees: true,
    });
    // The rest settled: remaining 0, the agency's 0 agrees.
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/settlements`, {
        reference: 'S-P2',
        settlementDate: TEST_TODAY,
        bankAmount: 30_000,
        lines: [{ caseNumber: 'P-1', invoiceId: b.id, type: 'principal', amount: 30_000 }],
        statement: { last: true },
      }),
      201,
    );
    expectStatus(
      await w.agency.client.post(`${w.clientPath}/cases/P-1/status`, { status: 'paid', agencyBalance: 0 }),
      200,
    );
    const end = await w.accountant.get(`${w.base}/cases/${id}`);
    expect(end.body).toMatchObject({ state: 'archived', status: 'paid' });
    expect(end.body.money).toMatchObject({
      settledByAgency: 150_000,
      remaining: 0,
      toCollect: 0,
      agencyBalance: 0,
      disagrees: false,
    });
    expect(end.body.settlements.map((x: { reference: string }) => x.reference).sort()).toEqual(['S-P1', 'S-P2']);
  });
});
