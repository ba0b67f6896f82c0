import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { isValidKid, kidForInvoice } from '../../src/formats/kid.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, sessionSetCookie, useTestApp } from '../support/http.js';

const PASSWORD = 'correct horse battery staple';
let emailCounter = 0;
const uniqueEmail = (who: string) => `${who}-${++emailCounter}-${randomUUID().slice(0, 8)}@example.no`;

/** Rows per company in every table that has a company_id, and a few global counts. */
const COMPANY_TABLES = [
  'customers',
  'invoices',
  'credit_notes',
  'payments',
  'vouchers',
  'postings',
  'open_items',
  'matches',
  'invoice_events',
  'accounts',
  'memberships',
  'number_series',
] as const;
const GLOBAL_TABLES = ['companies', 'users', 'idempotency_keys', 'invoice_lines', 'credit_note_lines'] as const;

type Counts = Record<
  (typeof COMPANY_TABLES)[number] | (typeof GLOBAL_TABLES)[number] | 'postedMoney' | 'openMoney',
  number
>;

async function counts(db: Db, companyId: string): Promise<Counts> {
  const out: Partial<Counts> = {};
  for (const t of COMPANY_TABLES) {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(t)} where company_id = ${companyId}`.execute(db);
    out[t] = r.rows[0]!.n;
  }
  for (const t of GLOBAL_TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db);
    out[t] = r.rows[0]!.n;
  }
  // Money as well as rows: a changed amount (an update) would not show in the counts.
  const money = await sql<{ s: string | null; o: string | null }>`
    select (select sum(abs(amount))::text from postings where company_id = ${companyId}) as s,
           (select sum(abs(open_amount))::text from open_items where company_id = ${companyId}) as o`.execute(db);
  out.postedMoney = Number(money.rows[0]?.s ?? 0);
  out.openMoney = Number(money.rows[0]?.o ?? 0);
  return out as Counts;
}

function expectProblem(res: ApiResponse, status: number, code?: string, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toMatchObject({
    type: expect.stringMatching(/^urn:innfri:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code: expect.any(String),
  });
  if (code) expect(res.body.code, label).toBe(code);
}

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
}

describe.each(BACKENDS)('the API over HTTP on %s', (backend) => {
  const ctx = useTestApp(backend);

  /** A user made directly in the database (there is no sign-up route), signed in. */
  async function signUp(who = 'admin'): Promise<{ client: ApiClient; email: string; userId: string }> {
    const email = uniqueEmail(who);
    const user = await inTransaction(ctx.db, (trx) =>
      createUser(trx, { email, name: `Test ${who}`, password: PASSWORD }),
    );
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, 'login');
    return { client, email, userId: user.id };
  }

  async function newCompany(client: ApiClient, name = 'Testfirma AS'): Promise<any> {
    const res = await client.post('/companies', {
      name,
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(res, 201, 'create company');
    return res.body;
  }

  /** An admin (signed up, with a company of its own), made over HTTP but the user itself. */
  async function adminWithCompany(name?: string) {
    const admin = await signUp('admin');
    const company = await newCompany(admin.client, name);
    return { ...admin, company, base: `/companies/${company.id as string}` };
  }

  /** Adds a user with a role through the admin route, and signs it in. */
  async function member(
    adminClient: ApiClient,
    companyId: string,
    role: 'viewer' | 'accountant' | 'admin',
  ): Promise<ApiClient> {
    const email = uniqueEmail(role);
    const res = await adminClient.post(`/companies/${companyId}/users`, {
      email,
      name: `Test ${role}`,
      role,
      password: PASSWORD,
    });
    expectStatus(res, 200, `add ${role}`);
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, `login ${role}`);
    return client;
  }

  async function customer(client: ApiClient, base: string, name = 'Kunde AS'): Promise<any> {
    const res = await client.post(`${base}/customers`, { type: 'company', name, organizationNumber: uniqueOrgnr() });
    expectStatus(res, 201, 'create customer');
    return res.body;
  }

  async function invoice(
    client: ApiClient,
    base: string,
    customerId: string,
    net: number,
    options: { vatRate?: number; issueDate?: string; dueDate?: string; quantity?: number } = {},
  ): Promise<any> {
    const res = await client.post(`${base}/invoices`, {
      customerId,
      issueDate: options.issueDate ?? '2026-10-01',
      dueDate: options.dueDate ?? '2026-10-15',
      lines: [
        { description: 'Arbeid', quantity: options.quantity ?? 1, unitPrice: net, vatRate: options.vatRate ?? 25 },
      ],
    });
    expectStatus(res, 201, 'create invoice');
    return res.body;
  }

  async function openAmount(postingId: number): Promise<number> {
    const row = await ctx.db
      .selectFrom('open_items')
      .select('open_amount')
      .where('posting_id', '=', postingId)
      .executeTakeFirstOrThrow();
    return row.open_amount;
  }

  /** Follows nextCursor to the end; returns every item. */
  async function allPages(client: ApiClient, path: string, limit: number): Promise<{ items: any[]; pages: number[] }> {
    const items: any[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const sep = path.includes('?') ? '&' : '?';
      const res: ApiResponse = await client.get(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expectStatus(res, 200, path);
      expect(res.body.data.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.data);
      pages.push(res.body.data.length);
      cursor = res.body.nextCursor;
      if (!cursor) return { items, pages };
    }
    throw new Error(`${path}: more than 100 pages`);
  }

  describe('signing in', () => {
    it('answers a wrong password with 401 problem+json and sets no cookie', async () => {
      const { email } = await signUp('wrongpw');
      const client = new ApiClient(ctx.app);
      const sessionsBefore = await ctx.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const res = await client.login(email, 'not the password');
      expectProblem(res, 401, 'invalid_credentials');
      expect(res.body).toMatchObject({
        type: 'urn:innfri:problem:invalid_credentials',
        status: 401,
        title: expect.stringMatching(/./),
        detail: expect.stringMatching(/./),
      });
      expect(sessionSetCookie(res.headers)).toBeUndefined();
      expect(client.sessionToken).toBeNull();
      // An unknown e-mail answers exactly the same.
      const unknown = await client.login(uniqueEmail('nobody'), 'whatever');
      expectProblem(unknown, 401, 'invalid_credentials');
      expect(unknown.body).toEqual(res.body);
      const sessionsAfter = await ctx.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(sessionsAfter.n)).toBe(Number(sessionsBefore.n));
    });

    it('sets an HttpOnly, SameSite=Lax session cookie and stores only the token hash', async () => {
      const email = uniqueEmail('cookie');
      const user = await inTransaction(ctx.db, (trx) => createUser(trx, { email, name: 'Cookie', password: PASSWORD }));
      const client = new ApiClient(ctx.app);
      const res = await client.login(email.toUpperCase(), PASSWORD); // e-mail is case-insensitive
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ user: { id: user.id, email }, companies: [], csrfToken: expect.any(String) });
      const cookie = sessionSetCookie(res.headers)!;
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(cookie).not.toMatch(/;\s*Secure/i); // secureCookies is off in DEFAULT_CONFIG
      expect(client.sessionToken).toBeTruthy();
      const rows = await ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).not.toBe(client.sessionToken);
      expect(rows[0]!.csrf_token).toBe(res.body.csrfToken);
      const session = await client.get('/auth/session');
      expectStatus(session, 200);
      expect(session.body).toMatchObject({ user: { id: user.id }, csrfToken: res.body.csrfToken });
    });

    it('refuses requests without a valid session cookie (401)', async () => {
      const anonymous = new ApiClient(ctx.app);
      expectProblem(await anonymous.get('/companies'), 401, 'unauthenticated');
      expectProblem(await anonymous.get('/auth/session'), 401, 'unauthenticated');
      anonymous.sessionToken = 'forged-token';
      expectProblem(await anonymous.get('/companies'), 401, 'unauthenticated');
      const companiesBefore = await ctx.db.selectFrom('companies').select('id').execute();
      const res = await anonymous.post(
        '/companies',
        { name: 'Anon AS', organizationNumber: uniqueOrgnr(), bankAccount: validBankAccount() },
        { 'x-csrf-token': 'x' },
      );
      expectProblem(res, 401, 'unauthenticated');
      expect(await ctx.db.selectFrom('companies').select('id').execute()).toHaveLength(companiesBefore.length);
    });

    it('refuses a write with the cookie but without the right CSRF token (403 csrf_failed), and stores nothing', async () => {
      const { client, company, base } = await adminWithCompany();
      const other = await signUp('other');
      const before = await counts(ctx.db, company.id);
      const newCompanyBody = () => ({
        name: 'CSRF AS',
        organizationNumber: uniqueOrgnr(),
        bankAccount: validBankAccount(),
      });
      expectProblem(await client.post('/companies', newCompanyBody(), { 'x-csrf-token': null }), 403, 'csrf_failed');
      expectProblem(await client.post('/companies', newCompanyBody(), { 'x-csrf-token': 'wrong' }), 403, 'csrf_failed');
      expectProblem(await client.post('/companies', newCompanyBody(), { 'x-csrf-token': '' }), 403, 'csrf_failed');
      // Another session's token is not this session's token.
      expectProblem(
        await client.post('/companies', newCompanyBody(), { 'x-csrf-token': other.client.csrfToken! }),
        403,
        'csrf_failed',
      );
      expectProblem(
        await client.post(`${base}/customers`, { type: 'company', name: 'X' }, { 'x-csrf-token': null }),
        403,
        'csrf_failed',
      );
      expectProblem(await client.patch(base, { name: 'Changed' }, { 'x-csrf-token': null }), 403, 'csrf_failed');
      expect(await counts(ctx.db, company.id)).toEqual(before);
      const row = await ctx.db
        .selectFrom('companies')
        .select('name')
        .where('id', '=', company.id)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe('Testfirma AS');
      // Reads need no CSRF token.
      expectStatus(await client.get(base, { 'x-csrf-token': null }), 200);
    });

    it('ends the session on logout: the old cookie no longer works', async () => {
      const { client, userId } = await signUp('logout');
      const token = client.sessionToken!;
      expectStatus(await client.get('/companies'), 200);
      expectProblem(await client.post('/auth/logout', undefined, { 'x-csrf-token': null }), 403, 'csrf_failed');
      const res = await client.post('/auth/logout');
      expectStatus(res, 204);
      expect(sessionSetCookie(res.headers)).toMatch(/Max-Age=0/i);
      expect(client.sessionToken).toBeNull();
      expect(
        await ctx.db.selectFrom('sessions').select('token_hash').where('user_id', '=', userId).execute(),
      ).toHaveLength(0);
      client.sessionToken = token; // a client that kept the cookie anyway
      expectProblem(await client.get('/companies'), 401, 'unauthenticated');
      expectProblem(await client.post('/auth/logout'), 401, 'unauthenticated');
    });
  });

  it('runs the whole invoice life over HTTP: invoice, payment by KID, credit note, write-off, ledger, matching, reversal, feeds', async () => {
    const { client, company, base, userId } = await adminWithCompany('Rørlegger Hansen AS');
    // The creator is the company's admin, with the standard chart.
    expect(company).toMatchObject({
      name: 'Rørlegger Hansen AS',
      vatRegistered: true,
      kidAlgorithm: 'mod10',
      accounts: { receivable: 1500, bank: 1920, loss: 7830 },
    });
    const memberships = await client.get('/companies');
    expect(memberships.body.data).toEqual([
      {
        companyId: company.id,
        companyName: 'Rørlegger Hansen AS',
        organizationNumber: company.organizationNumber,
        role: 'admin',
      },
    ]);
    expect(
      await ctx.db
        .selectFrom('memberships')
        .select('role')
        .where('company_id', '=', company.id)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ role: 'admin' });
    const accounts = await client.get(`${base}/accounts`);
    expect(accounts.body.data.map((a: any) => a.number)).toEqual(
      expect.arrayContaining([1500, 1920, 2700, 3000, 3100, 7830]),
    );

    // Customer
    const kunde = await customer(client, base, 'Kunde AS');
    expect(kunde).toMatchObject({ customerNumber: 10001, type: 'company', name: 'Kunde AS', notToCollection: false });
    expect(
      await ctx.db.selectFrom('customers').select('name').where('id', '=', kunde.id).executeTakeFirstOrThrow(),
    ).toEqual({ name: 'Kunde AS' });

    // Invoice: 2.5 × 850,00 at 25 % and 399,00 at 0 %
    const inv1Res = await client.post(`${base}/invoices`, {
      customerId: kunde.id,
      issueDate: '2026-10-01',
      dueDate: '2026-10-15',
      description: 'Bad',
      lines: [
        { description: 'Rørleggerarbeid', quantity: 2.5, unitPrice: 85_000, vatRate: 25 },
        { description: 'Bok', quantity: 1, unitPrice: 39_900, vatRate: 0 },
      ],
    });
    expectStatus(inv1Res, 201);
    const inv1 = inv1Res.body;
    expect(inv1).toMatchObject({
      invoiceNumber: 1,
      customerId: kunde.id,
      netAmount: 252_400,
      vatAmount: 53_125,
      totalAmount: 305_525,
      openAmount: 305_525,
      currency: 'NOK',
    });
    expect(inv1.kid).toBe(kidForInvoice(10001, 1, 'mod10'));
    expect(inv1.kid).toMatch(/^\d{14}$/);
    expect(isValidKid(inv1.kid, 'mod10')).toBe(true);
    const voucher1 = await client.get(`${base}/vouchers/${inv1.voucherId}`);
    expectStatus(voucher1, 200);
    expect(voucher1.body.type).toBe('invoice');
    expect(voucher1.body.postings.map((p: any) => [p.account, p.amount])).toEqual([
      [1500, 305_525],
      [3000, -212_500],
      [2700, -53_125],
      [3100, -39_900],
    ]);
    expect(await openAmount(inv1.receivableEntryId)).toBe(305_525);

    // Payment by KID, in part
    const pay1 = await client.post(`${base}/payments`, {
      kid: inv1.kid,
      amount: 100_000,
      paymentDate: '2026-10-10',
      reference: 'Nettbank',
    });
    expectStatus(pay1, 201);
    expect(pay1.body).toMatchObject({
      customerId: kunde.id,
      invoiceId: inv1.id,
      kid: inv1.kid,
      amount: 100_000,
      matchedAmount: 100_000,
      unallocatedAmount: 0,
      invoiceOpenAmount: 205_525,
    });
    expect(await openAmount(inv1.receivableEntryId)).toBe(205_525);
    expect(
      await ctx.db
        .selectFrom('payments')
        .select(['amount', 'invoice_id'])
        .where('id', '=', pay1.body.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ amount: 100_000, invoice_id: inv1.id });
    expect((await client.get(`${base}/payments/${pay1.body.id}`)).body).toMatchObject({
      id: pay1.body.id,
      amount: 100_000,
      kid: inv1.kid,
    });

    // Credit note, in part: 400,00 + 25 %
    const cn = await client.post(`${base}/invoices/${inv1.id}/credit-notes`, {
      issueDate: '2026-10-12',
      reason: 'Avslag',
      lines: [{ description: 'Avslag', quantity: 1, unitPrice: 40_000, vatRate: 25 }],
    });
    expectStatus(cn, 201);
    expect(cn.body).toMatchObject({
      creditNoteNumber: 1,
      invoiceId: inv1.id,
      netAmount: 40_000,
      vatAmount: 10_000,
      totalAmount: 50_000,
      matchedAmount: 50_000,
      invoiceOpenAmount: 155_525,
    });
    expect((await client.get(`${base}/credit-notes/${cn.body.id}`)).body).toMatchObject({
      id: cn.body.id,
      totalAmount: 50_000,
    });

    // Write off the rest
    const wo = await client.post(`${base}/invoices/${inv1.id}/write-off`, { date: '2026-11-01', reason: 'Konkurs' });
    expectStatus(wo, 201);
    expect(wo.body).toMatchObject({ invoiceId: inv1.id, amount: 155_525, account: 7830, invoiceOpenAmount: 0 });
    expect(await openAmount(inv1.receivableEntryId)).toBe(0);
    const woVoucher = await client.get(`${base}/vouchers/${wo.body.voucherId}`);
    expect(woVoucher.body.type).toBe('write_off');
    expect(woVoucher.body.postings.map((p: any) => [p.account, p.amount])).toEqual([
      [7830, 155_525],
      [1500, -155_525],
    ]);

    // The invoice's detail
    const detail = await client.get(`${base}/invoices/${inv1.id}`);
    expectStatus(detail, 200);
    expect(detail.body).toMatchObject({ id: inv1.id, openAmount: 0, totalAmount: 305_525, description: 'Bad' });
    expect(detail.body.lines.map((l: any) => [l.lineNo, l.quantity, l.unitPrice, l.vatRate, l.netAmount])).toEqual([
      [1, 2.5, 85_000, 25, 212_500],
      [2, 1, 39_900, 0, 39_900],
    ]);
    expect(detail.body.vatBreakdown).toEqual([
      { rate: 25, netAmount: 212_500, vatAmount: 53_125 },
      { rate: 0, netAmount: 39_900, vatAmount: 0 },
    ]);
    expect(
      detail.body.matches.map((m: any) => [
        m.counterpart.voucherType,
        m.amount,
        m.counterpart.isWriteOff,
        m.undoneByMatchId,
      ]),
    ).toEqual([
      ['payment', 100_000, false, null],
      ['credit_note', 50_000, false, null],
      ['write_off', 155_525, true, null],
    ]);
    expect(detail.body.matches[2].matchId).toBe(wo.body.matchId);
    expect(detail.body.creditNotes).toEqual([
      { id: cn.body.id, creditNoteNumber: 1, issueDate: '2026-10-12', totalAmount: 50_000 },
    ]);
    expect(detail.body.events.map((e: any) => [e.type, e.amount, e.remainingAmount, e.isWriteOff])).toEqual([
      ['invoice.payment', 100_000, 205_525, false],
      ['invoice.credit_note', 50_000, 155_525, false],
      ['invoice.write_off', 155_525, 0, true],
    ]);
    const positions = detail.body.events.map((e: any) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // More open items: an overdue invoice, a current one, a prepayment, another customer's invoice
    const inv2 = await invoice(client, base, kunde.id, 20_000, { issueDate: '2026-10-15', dueDate: '2026-11-01' }); // 250,00
    const inv3Res = await client.post(`${base}/invoices`, {
      customerId: kunde.id,
      issueDate: '2026-11-02',
      dueDate: '2026-11-30',
      lines: [{ description: 'Mat', quantity: 3, unitPrice: 10_001, vatRate: 15 }],
    });
    expectStatus(inv3Res, 201);
    const inv3 = inv3Res.body;
    expect(inv3).toMatchObject({ netAmount: 30_003, vatAmount: 4_500, totalAmount: 34_503 }); // 45,0045 kr VAT → 45,00
    const prepay = await client.post(`${base}/payments`, {
      customerId: kunde.id,
      amount: 7_700,
      paymentDate: '2026-11-10',
    });
    expectStatus(prepay, 201);
    expect(prepay.body).toMatchObject({
      invoiceId: null,
      matchedAmount: 0,
      unallocatedAmount: 7_700,
      invoiceOpenAmount: null,
    });
    const kunde2 = await customer(client, base, 'Annen Kunde AS');
    expect(kunde2.customerNumber).toBe(10002);
    const inv4 = await invoice(client, base, kunde2.id, 1_000, {
      vatRate: 0,
      issueDate: '2026-11-12',
      dueDate: '2026-11-26',
    });
    expect(inv4).toMatchObject({ invoiceNumber: 4, totalAmount: 1_000 });

    // Invoice listing and its status filters (today is 2026-11-20)
    const closed = await client.get(`${base}/invoices?status=closed`);
    expect(closed.body.data.map((i: any) => i.id)).toEqual([inv1.id]);
    const overdue = await client.get(`${base}/invoices?status=overdue`);
    expect(overdue.body.data.map((i: any) => i.id)).toEqual([inv2.id]);
    const allInvoices = await allPages(client, `${base}/invoices`, 3);
    expect(allInvoices.items.map((i: any) => i.invoiceNumber)).toEqual([4, 3, 2, 1]);
    expect(allInvoices.pages).toEqual([3, 1]);

    // Manual voucher: a payment keyed in by hand, matched, unmatched, matched again
    const manual = await client.post(`${base}/vouchers`, {
      date: '2026-11-05',
      description: 'Innbetaling ført manuelt',
      lines: [
        { account: 1920, side: 'debit', amount: 10_000 },
        { account: 1500, side: 'credit', amount: 10_000, customerId: kunde.id, description: 'Kunde betalte kontant' },
      ],
    });
    expectStatus(manual, 201);
    expect(manual.body).toMatchObject({
      type: 'manual',
      date: '2026-11-05',
      reversesVoucherId: null,
      reversedByVoucherId: null,
      createdBy: userId,
    });
    expect(manual.body.postings.map((p: any) => [p.account, p.amount, p.customerId])).toEqual([
      [1920, 10_000, null],
      [1500, -10_000, kunde.id],
    ]);
    const manualCredit = manual.body.postings.find((p: any) => p.account === 1500).id as number;
    const overMatch = await client.post(`${base}/matches`, {
      debitEntryId: inv2.receivableEntryId,
      creditEntryId: manualCredit,
      amount: 10_001,
    });
    expectProblem(overMatch, 422, 'amount_exceeds_open');
    // The reason and figures the UI says it with, in its own language.
    expect(overMatch.body).toMatchObject({
      reason: 'more_than_matchable',
      amount: 10_001,
      debitOpenAmount: 25_000,
      creditOpenAmount: 10_000,
    });
    const reversed = await client.post(`${base}/matches`, {
      debitEntryId: manualCredit,
      creditEntryId: inv2.receivableEntryId,
    });
    expectProblem(reversed, 422, 'entries_not_matchable');
    expect(reversed.body.reason).toBe('not_debit');
    const m1 = await client.post(`${base}/matches`, {
      debitEntryId: inv2.receivableEntryId,
      creditEntryId: manualCredit,
      amount: 6_000,
    });
    expectStatus(m1, 201);
    expect(m1.body).toMatchObject({
      amount: 6_000,
      debitOpenAmount: 19_000,
      creditOpenAmount: 4_000,
      invoiceId: inv2.id,
    });
    expect(await openAmount(inv2.receivableEntryId)).toBe(19_000);
    expect(await openAmount(manualCredit)).toBe(-4_000);
    const um = await client.post(`${base}/matches/${m1.body.matchId}/unmatch`);
    expectStatus(um, 201);
    expect(um.body).toMatchObject({ amount: 6_000, debitOpenAmount: 25_000, creditOpenAmount: 10_000 });
    expect(await openAmount(inv2.receivableEntryId)).toBe(25_000);
    expect(await openAmount(manualCredit)).toBe(-10_000);
    expectProblem(await client.post(`${base}/matches/${m1.body.matchId}/unmatch`), 409, 'already_unmatched');
    const unmatchUnmatch = await client.post(`${base}/matches/${um.body.matchId}/unmatch`);
    expectProblem(unmatchUnmatch, 422, 'entries_not_matchable');
    expect(unmatchUnmatch.body.reason).toBe('is_unmatch');
    const matchRows = await ctx.db
      .selectFrom('matches')
      .select(['id', 'amount', 'reverses_match_id'])
      .where('debit_posting_id', '=', inv2.receivableEntryId)
      .orderBy('id')
      .execute();
    expect(matchRows.map((r) => [r.amount, r.reverses_match_id])).toEqual([
      [6_000, null],
      [-6_000, m1.body.matchId],
    ]);
    const entryMatches = await client.get(`${base}/entries/${manualCredit}/matches`);
    expect(entryMatches.body.data).toEqual([
      expect.objectContaining({ matchId: m1.body.matchId, amount: 6_000, undoneByMatchId: um.body.matchId }),
    ]);
    const m2 = await client.post(`${base}/matches`, {
      debitEntryId: inv2.receivableEntryId,
      creditEntryId: manualCredit,
    });
    expectStatus(m2, 201);
    expect(m2.body).toMatchObject({ amount: 10_000, debitOpenAmount: 15_000, creditOpenAmount: 0 });

    // Reversing the manual voucher undoes its match and cancels its postings
    const reversal = await client.post(`${base}/vouchers/${manual.body.id}/reverse`, { date: '2026-11-06' });
    expectStatus(reversal, 201);
    expect(reversal.body).toMatchObject({ type: 'manual', reversesVoucherId: manual.body.id });
    expect(reversal.body.postings.map((p: any) => [p.account, p.amount])).toEqual([
      [1920, -10_000],
      [1500, 10_000],
    ]);
    expect((await client.get(`${base}/vouchers/${manual.body.id}`)).body.reversedByVoucherId).toBe(reversal.body.id);
    expect(await openAmount(inv2.receivableEntryId)).toBe(25_000);
    expect(await openAmount(manualCredit)).toBe(0);
    expectProblem(
      await client.post(`${base}/vouchers/${manual.body.id}/reverse`, { date: '2026-11-07' }),
      409,
      'already_reversed',
    );
    expectProblem(
      await client.post(`${base}/vouchers/${inv1.voucherId}/reverse`, { date: '2026-11-07' }),
      422,
      'voucher_not_reversible',
    );
    expectProblem(
      await client.post(`${base}/vouchers/${reversal.body.id}/reverse`, { date: '2026-11-07' }),
      422,
      'voucher_not_reversible',
    );

    // Open items, paged two at a time: inv2, inv3, the prepayment, inv4 (oldest first)
    const open = await allPages(client, `${base}/open-items`, 2);
    expect(open.pages).toEqual([2, 2, 0]);
    expect(open.items.map((o: any) => [o.invoiceId, o.openAmount])).toEqual([
      [inv2.id, 25_000],
      [inv3.id, 34_503],
      [null, -7_700],
      [inv4.id, 1_000],
    ]);
    expect(open.items[0]).toMatchObject({
      customerId: kunde.id,
      customerNumber: 10001,
      kid: inv2.kid,
      invoiceNumber: 2,
      voucherType: 'invoice',
      dueDate: '2026-11-01',
    });
    expect(open.items[2]).toMatchObject({ voucherType: 'payment', entryId: prepay.body.entryId, amount: -7_700 });
    const dbOpen = await ctx.db
      .selectFrom('open_items')
      .select(['posting_id', 'open_amount'])
      .where('company_id', '=', company.id)
      .where('open_amount', '<>', 0 as never)
      .orderBy('entry_date')
      .orderBy('posting_id')
      .execute();
    expect(open.items.map((o: any) => [o.entryId, o.openAmount])).toEqual(
      dbOpen.map((r) => [r.posting_id, r.open_amount]),
    );
    const openOfKunde = await allPages(client, `${base}/open-items?customerId=${kunde.id}`, 10);
    expect(openOfKunde.items).toHaveLength(3);
    const everything = await allPages(client, `${base}/open-items?includeClosed=true`, 4);
    expect(everything.items).toHaveLength(
      await ctx.db
        .selectFrom('open_items')
        .select('posting_id')
        .where('company_id', '=', company.id)
        .execute()
        .then((r) => r.length),
    );
    expect(new Set(everything.items.map((o: any) => o.entryId)).size).toBe(everything.items.length);

    // The trial balance: 1500 equals the open items; the whole balance is zero
    const balances = await client.get(`${base}/account-balances`);
    expectStatus(balances, 200);
    const byAccount = Object.fromEntries(balances.body.data.map((b: any) => [b.account, b.balance]));
    const openSum = open.items.reduce((s: number, o: any) => s + o.openAmount, 0);
    expect(openSum).toBe(25_000 + 34_503 - 7_700 + 1_000);
    expect(byAccount[1500]).toBe(openSum);
    expect(byAccount[1920]).toBe(100_000 + 7_700);
    expect(byAccount[7830]).toBe(155_525);
    expect(balances.body.data.reduce((s: number, b: any) => s + b.balance, 0)).toBe(0);
    // Up to a date: only the first invoice and its payment and credit note
    const earlier = await client.get(`${base}/account-balances?toDate=2026-10-12`);
    expect(Object.fromEntries(earlier.body.data.map((b: any) => [b.account, b.balance]))[1500]).toBe(
      305_525 - 100_000 - 50_000,
    );

    // The voucher journal, paged
    const vouchers = await allPages(client, `${base}/vouchers`, 4);
    const dbVouchers = await ctx.db.selectFrom('vouchers').select('id').where('company_id', '=', company.id).execute();
    expect(vouchers.items).toHaveLength(10);
    expect(vouchers.items).toHaveLength(dbVouchers.length);
    expect(new Set(vouchers.items.map((v: any) => v.id))).toEqual(new Set(dbVouchers.map((v) => v.id)));
    expect(vouchers.pages).toEqual([4, 4, 2]);

    // The invoice-event feed, paged with `after`
    const feed: any[] = [];
    let after = 0;
    for (;;) {
      const page = await client.get(`${base}/invoice-events?limit=3&after=${after}`);
      expectStatus(page, 200);
      if (page.body.data.length === 0) {
        expect(page.body.nextCursor).toBe(String(after)); // an empty page hands back the same cursor
        break;
      }
      feed.push(...page.body.data);
      after = Number(page.body.nextCursor);
      expect(after).toBe(page.body.data.at(-1).position);
    }
    expect(feed.map((e) => [e.invoiceId, e.type, e.amount, e.remainingAmount])).toEqual([
      [inv1.id, 'invoice.payment', 100_000, 205_525],
      [inv1.id, 'invoice.credit_note', 50_000, 155_525],
      [inv1.id, 'invoice.write_off', 155_525, 0],
      [inv2.id, 'invoice.manual_match', 6_000, 19_000],
      [inv2.id, 'invoice.unmatched', 6_000, 25_000],
      [inv2.id, 'invoice.manual_match', 10_000, 15_000],
      [inv2.id, 'invoice.unmatched', 10_000, 25_000],
    ]);
    const dbEvents = await ctx.db
      .selectFrom('invoice_events')
      .select('company_position')
      .where('company_id', '=', company.id)
      .orderBy('company_position')
      .execute();
    expect(feed.map((e) => e.position)).toEqual(dbEvents.map((e) => e.company_position));
    const tail = await client.get(`${base}/invoice-events?after=${feed[4].position}`);
    expect(tail.body.data.map((e: any) => e.position)).toEqual(feed.slice(5).map((e) => e.position));

    // Customers, paged
    const customers = await allPages(client, `${base}/customers`, 1);
    expect(customers.items.map((c: any) => c.customerNumber)).toEqual([10001, 10002]);
    expect((await client.get(`${base}/customers?search=annen`)).body.data.map((c: any) => c.id)).toEqual([kunde2.id]);

    // Updating a customer and the company
    const patched = await client.patch(`${base}/customers/${kunde.id}`, {
      notToCollection: true,
      email: 'post@kunde.no',
    });
    expectStatus(patched, 200);
    expect(
      await ctx.db
        .selectFrom('customers')
        .select(['not_to_collection', 'email'])
        .where('id', '=', kunde.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ not_to_collection: true, email: 'post@kunde.no' });
  });

  describe('roles', () => {
    it('lets a viewer read everything and write nothing (403 forbidden, nothing stored)', async () => {
      const { client: admin, company, base } = await adminWithCompany();
      const kunde = await customer(admin, base);
      const inv = await invoice(admin, base, kunde.id, 10_000);
      const pay = await admin.post(`${base}/payments`, {
        customerId: kunde.id,
        amount: 500,
        paymentDate: '2026-10-05',
      });
      expectStatus(pay, 201);
      const match = await admin.post(`${base}/matches`, {
        debitEntryId: inv.receivableEntryId,
        creditEntryId: pay.body.entryId,
      });
      expectStatus(match, 201);
      const manual = await admin.post(`${base}/vouchers`, {
        date: '2026-10-05',
        description: 'Gebyr',
        lines: [
          { account: 7770, side: 'debit', amount: 100 },
          { account: 1920, side: 'credit', amount: 100 },
        ],
      });
      expectStatus(manual, 201);
      const viewer = await member(admin, company.id, 'viewer');

      const reads = [
        base,
        `${base}/accounts`,
        `${base}/customers`,
        `${base}/customers/${kunde.id}`,
        `${base}/invoices`,
        `${base}/invoices/${inv.id}`,
        `${base}/payments`,
        `${base}/payments/${pay.body.id}`,
        `${base}/vouchers`,
        `${base}/vouchers/${inv.voucherId}`,
        `${base}/open-items`,
        `${base}/entries/${inv.receivableEntryId}/matches`,
        `${base}/account-balances`,
        `${base}/invoice-events`,
      ];
      for (const path of reads) expectStatus(await viewer.get(path), 200, path);
      expect((await viewer.get('/companies')).body.data).toEqual([
        expect.objectContaining({ companyId: company.id, role: 'viewer' }),
      ]);

      const before = await counts(ctx.db, company.id);
      const companyRow = await ctx.db
        .selectFrom('companies')
        .selectAll()
        .where('id', '=', company.id)
        .executeTakeFirstOrThrow();
      const writes: Array<[string, () => Promise<ApiResponse>]> = [
        ['create customer', () => viewer.post(`${base}/customers`, { type: 'company', name: 'Viewer AS' })],
        ['change customer', () => viewer.patch(`${base}/customers/${kunde.id}`, { name: 'Endret' })],
        [
          'create invoice',
          () =>
            viewer.post(`${base}/invoices`, {
              customerId: kunde.id,
              issueDate: '2026-10-01',
              dueDate: '2026-10-15',
              lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
            }),
        ],
        ['credit note', () => viewer.post(`${base}/invoices/${inv.id}/credit-notes`, { issueDate: '2026-10-02' })],
        ['write-off', () => viewer.post(`${base}/invoices/${inv.id}/write-off`, { date: '2026-10-02', reason: 'x' })],
        ['payment', () => viewer.post(`${base}/payments`, { kid: inv.kid, amount: 100, paymentDate: '2026-10-02' })],
        [
          'manual voucher',
          () =>
            viewer.post(`${base}/vouchers`, {
              date: '2026-10-02',
              description: 'x',
              lines: [
                { account: 1920, side: 'debit', amount: 1 },
                { account: 3000, side: 'credit', amount: 1 },
              ],
            }),
        ],
        ['reverse', () => viewer.post(`${base}/vouchers/${manual.body.id}/reverse`, { date: '2026-10-06' })],
        [
          'match',
          () =>
            viewer.post(`${base}/matches`, { debitEntryId: inv.receivableEntryId, creditEntryId: pay.body.entryId }),
        ],
        ['unmatch', () => viewer.post(`${base}/matches/${match.body.matchId}/unmatch`)],
        ['change company', () => viewer.patch(base, { name: 'Viewer Overtok AS' })],
        ['add account', () => viewer.post(`${base}/accounts`, { number: 1234, name: 'Ny' })],
        [
          'add user',
          () =>
            viewer.post(`${base}/users`, {
              email: uniqueEmail('sneaky'),
              name: 'Sneaky',
              role: 'admin',
              password: PASSWORD,
            }),
        ],
        ['list users', () => viewer.get(`${base}/users`)],
      ];
      for (const [label, send] of writes) expectProblem(await send(), 403, 'forbidden', label);
      expect(await counts(ctx.db, company.id)).toEqual(before);
      expect(
        await ctx.db.selectFrom('companies').selectAll().where('id', '=', company.id).executeTakeFirstOrThrow(),
      ).toEqual(companyRow);
      expect(
        await ctx.db.selectFrom('customers').select('name').where('id', '=', kunde.id).executeTakeFirstOrThrow(),
      ).toEqual({ name: 'Kunde AS' });
      expect(
        await ctx.db.selectFrom('memberships').select('role').where('company_id', '=', company.id).execute(),
      ).toHaveLength(2);
    });

    it('lets an accountant write entries but not change the company or its users (admin only)', async () => {
      const { client: admin, company, base } = await adminWithCompany();
      const accountant = await member(admin, company.id, 'accountant');
      const before = await ctx.db
        .selectFrom('companies')
        .selectAll()
        .where('id', '=', company.id)
        .executeTakeFirstOrThrow();
      expectProblem(await accountant.patch(base, { name: 'Regnskapsfører AS' }), 403, 'forbidden');
      expectProblem(await accountant.patch(base, { accounts: { loss: 7790 } }), 403, 'forbidden');
      expectProblem(await accountant.post(`${base}/accounts`, { number: 1234, name: 'Ny' }), 403, 'forbidden');
      expectProblem(
        await accountant.post(`${base}/users`, {
          email: uniqueEmail('x'),
          name: 'X',
          role: 'admin',
          password: PASSWORD,
        }),
        403,
        'forbidden',
      );
      expectProblem(await accountant.get(`${base}/users`), 403, 'forbidden');
      expect(
        await ctx.db.selectFrom('companies').selectAll().where('id', '=', company.id).executeTakeFirstOrThrow(),
      ).toEqual(before);
      expect(
        await ctx.db
          .selectFrom('accounts')
          .select('number')
          .where('company_id', '=', company.id)
          .where('number', '=', 1234)
          .execute(),
      ).toHaveLength(0);
      // An accountant does write entries
      const kunde = await customer(accountant, base, 'Regnskapskunde AS');
      const inv = await invoice(accountant, base, kunde.id, 4_000);
      expectStatus(
        await accountant.post(`${base}/payments`, { kid: inv.kid, amount: 5_000, paymentDate: '2026-10-05' }),
        201,
      );
      expect(await openAmount(inv.receivableEntryId)).toBe(0);
      // The admin may change the company
      const changed = await admin.patch(base, { name: 'Nytt Navn AS', accounts: { loss: 7790 } });
      expectStatus(changed, 200);
      expect(changed.body).toMatchObject({ name: 'Nytt Navn AS', accounts: { loss: 7790 } });
      expect(
        await ctx.db
          .selectFrom('companies')
          .select(['name', 'account_loss'])
          .where('id', '=', company.id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ name: 'Nytt Navn AS', account_loss: 7790 });
      expectStatus(await admin.post(`${base}/accounts`, { number: 1234, name: 'Ny konto' }), 201);
      expect((await admin.get(`${base}/users`)).body.data.map((u: any) => u.role).sort()).toEqual([
        'accountant',
        'admin',
      ]);
    });
  });

  it('keeps tenants apart: company B and its records are 404 to a user of company A, and B is unchanged', async () => {
    const a = await adminWithCompany('Firma A AS');
    const b = await adminWithCompany('Firma B AS');
    const kundeA = await customer(a.client, a.base, 'Kunde av A');
    const prepayA = await a.client.post(`${a.base}/payments`, {
      customerId: kundeA.id,
      amount: 50_000,
      paymentDate: '2026-10-05',
    });
    expectStatus(prepayA, 201);
    const kundeB = await customer(b.client, b.base, 'Kunde av B');
    const invB = await invoice(b.client, b.base, kundeB.id, 80_000); // 1 000,00 kr
    const payB = await b.client.post(`${b.base}/payments`, {
      invoiceId: invB.id,
      amount: 10_000,
      paymentDate: '2026-10-05',
    });
    expectStatus(payB, 201);
    const cnB = await b.client.post(`${b.base}/invoices/${invB.id}/credit-notes`, {
      issueDate: '2026-10-06',
      lines: [{ description: 'x', quantity: 1, unitPrice: 800, vatRate: 25 }],
    });
    expectStatus(cnB, 201);
    const manualB = await b.client.post(`${b.base}/vouchers`, {
      date: '2026-10-05',
      description: 'B',
      lines: [
        { account: 7770, side: 'debit', amount: 100 },
        { account: 1920, side: 'credit', amount: 100 },
      ],
    });
    expectStatus(manualB, 201);
    const openB = await openAmount(invB.receivableEntryId);
    expect(openB).toBe(100_000 - 10_000 - 1_000);
    const beforeA = await counts(ctx.db, a.company.id);
    const beforeB = await counts(ctx.db, b.company.id);

    // B's company: exactly as a company that does not exist
    const theirs = await a.client.get(b.base);
    expectProblem(theirs, 404, 'not_found');
    expect(theirs.body).toEqual((await a.client.get(`/companies/${randomUUID()}`)).body);
    for (const path of [
      '/invoices',
      '/customers',
      '/open-items',
      '/vouchers',
      '/account-balances',
      '/invoice-events',
      `/invoices/${invB.id}`,
    ]) {
      expectProblem(await a.client.get(`${b.base}${path}`), 404, 'not_found', `B${path}`);
    }
    expectProblem(
      await a.client.post(`${b.base}/payments`, { kid: invB.kid, amount: 100, paymentDate: '2026-10-07' }),
      404,
      'not_found',
    );
    expectProblem(
      await a.client.post(`${b.base}/invoices/${invB.id}/write-off`, { date: '2026-10-07', reason: 'x' }),
      404,
      'not_found',
    );
    expectProblem(await a.client.patch(b.base, { name: 'Kapret AS' }), 404, 'not_found');
    expect((await a.client.get('/companies')).body.data.map((m: any) => m.companyId)).toEqual([a.company.id]);

    // B's ids under A's path
    const reads = [
      `/customers/${kundeB.id}`,
      `/invoices/${invB.id}`,
      `/vouchers/${invB.voucherId}`,
      `/vouchers/${manualB.body.id}`,
      `/payments/${payB.body.id}`,
      `/credit-notes/${cnB.body.id}`,
    ];
    for (const path of reads) expectProblem(await a.client.get(`${a.base}${path}`), 404, 'not_found', `A${path}`);
    const entryMatches = await a.client.get(`${a.base}/entries/${invB.receivableEntryId}/matches`);
    expect(entryMatches.status === 404 || (entryMatches.status === 200 && entryMatches.body.data.length === 0)).toBe(
      true,
    );
    expect((await a.client.get(`${a.base}/invoices?customerId=${kundeB.id}`)).body.data).toEqual([]);
    expect((await a.client.get(`${a.base}/open-items?customerId=${kundeB.id}`)).body.data).toEqual([]);

    const bMatch = await ctx.db
      .selectFrom('matches')
      .select('id')
      .where('company_id', '=', b.company.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const writes: Array<[string, () => Promise<ApiResponse>, number, string]> = [
      [
        'pay B invoice by id',
        () => a.client.post(`${a.base}/payments`, { invoiceId: invB.id, amount: 10_000, paymentDate: '2026-10-07' }),
        404,
        'not_found',
      ],
      [
        'pay B invoice by KID',
        () => a.client.post(`${a.base}/payments`, { kid: invB.kid, amount: 10_000, paymentDate: '2026-10-07' }),
        422,
        'unknown_kid',
      ],
      [
        'pay B customer',
        () => a.client.post(`${a.base}/payments`, { customerId: kundeB.id, amount: 10_000, paymentDate: '2026-10-07' }),
        404,
        'not_found',
      ],
      [
        'invoice B customer',
        () =>
          a.client.post(`${a.base}/invoices`, {
            customerId: kundeB.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
          }),
        404,
        'not_found',
      ],
      [
        'credit B invoice',
        () => a.client.post(`${a.base}/invoices/${invB.id}/credit-notes`, { issueDate: '2026-10-07' }),
        404,
        'not_found',
      ],
      [
        'write off B invoice',
        () => a.client.post(`${a.base}/invoices/${invB.id}/write-off`, { date: '2026-10-07', reason: 'x' }),
        404,
        'not_found',
      ],
      [
        'change B customer',
        () => a.client.patch(`${a.base}/customers/${kundeB.id}`, { name: 'Kapret' }),
        404,
        'not_found',
      ],
      [
        'reverse B voucher',
        () => a.client.post(`${a.base}/vouchers/${payB.body.voucherId}/reverse`, { date: '2026-10-07' }),
        404,
        'not_found',
      ],
      [
        'reverse B manual voucher',
        () => a.client.post(`${a.base}/vouchers/${manualB.body.id}/reverse`, { date: '2026-10-07' }),
        404,
        'not_found',
      ],
      [
        'match B invoice with A credit',
        () =>
          a.client.post(`${a.base}/matches`, {
            debitEntryId: invB.receivableEntryId,
            creditEntryId: prepayA.body.entryId,
          }),
        404,
        'not_found',
      ],
      ['unmatch B match', () => a.client.post(`${a.base}/matches/${bMatch.id}/unmatch`), 404, 'not_found'],
      [
        'manual voucher on B customer',
        () =>
          a.client.post(`${a.base}/vouchers`, {
            date: '2026-10-07',
            description: 'x',
            lines: [
              { account: 1920, side: 'debit', amount: 100 },
              { account: 1500, side: 'credit', amount: 100, customerId: kundeB.id },
            ],
          }),
        404,
        'not_found',
      ],
    ];
    for (const [label, send, status, code] of writes) expectProblem(await send(), status, code, label);

    expect(await counts(ctx.db, a.company.id)).toEqual(beforeA);
    expect(await counts(ctx.db, b.company.id)).toEqual(beforeB);
    expect(await openAmount(invB.receivableEntryId)).toBe(openB);
    expect((await b.client.get(`${b.base}/invoices/${invB.id}`)).body.openAmount).toBe(openB);
    expect(
      await ctx.db.selectFrom('customers').select('name').where('id', '=', kundeB.id).executeTakeFirstOrThrow(),
    ).toEqual({ name: 'Kunde av B' });
  });

  describe('bad input', () => {
    let client: ApiClient;
    let company: any;
    let base: string;
    let kunde: any;
    let inv: any;
    let otherCredit: number;

    beforeAll(async () => {
      ({ client, company, base } = await adminWithCompany());
      kunde = await customer(client, base, 'Kunde AS');
      inv = await invoice(client, base, kunde.id, 10_000); // 125,00 kr
      const other = await customer(client, base, 'Annen AS');
      const prepay = await client.post(`${base}/payments`, {
        customerId: other.id,
        amount: 5_000,
        paymentDate: '2026-10-05',
      });
      expectStatus(prepay, 201);
      otherCredit = prepay.body.entryId;
    });

    /** Sends a bad request: it must answer problem+json with the status (and code), and change nothing. */
    async function refused(
      label: string,
      send: () => Promise<ApiResponse>,
      status: number,
      code?: string,
    ): Promise<ApiResponse> {
      const before = await counts(ctx.db, company.id);
      const res = await send();
      expectProblem(res, status, code, label);
      expect(await counts(ctx.db, company.id), label).toEqual(before);
      return res;
    }

    const pay = (body: unknown, headers?: Record<string, string | null>) =>
      client.post(`${base}/payments`, body, headers);
    const good = () => ({ kid: inv.kid as string, amount: 100, paymentDate: '2026-10-10' });

    it('refuses amounts that are not a positive whole number of øre within the safe range (400)', async () => {
      for (const amount of [
        '100',
        100.5,
        0.01,
        -100,
        0,
        -0.5,
        Number.MAX_SAFE_INTEGER + 1,
        1e21,
        null,
        true,
        [100],
        { ore: 100 },
      ]) {
        const res = await refused(
          `amount ${JSON.stringify(amount)}`,
          () => pay({ ...good(), amount }),
          400,
          'validation_failed',
        );
        expect(res.body.errors?.[0]?.path).toBe('body.amount');
      }
      await refused(
        'amount as a string in a manual voucher',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [
              { account: 1920, side: 'debit', amount: '1' },
              { account: 3000, side: 'credit', amount: '1' },
            ],
          }),
        400,
        'validation_failed',
      );
      await refused(
        'fractional unit price',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: 99.5, vatRate: 25 }],
          }),
        400,
        'validation_failed',
      );
      await refused(
        'negative unit price',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: -100, vatRate: 25 }],
          }),
        400,
        'validation_failed',
      );
      const zero = await refused(
        'zero invoice',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: 0, vatRate: 25 }],
          }),
        400,
        'validation_failed',
      );
      expect(zero.body).toMatchObject({ reason: 'total_not_positive', totalAmount: 0 });
      await refused(
        'quantity with four decimals',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1.0005, unitPrice: 100, vatRate: 25 }],
          }),
        400,
        'validation_failed',
      );
      await refused(
        'VAT rate 10',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 10 }],
          }),
        400,
        'validation_failed',
      );
      await refused(
        'zero write-off',
        () => client.post(`${base}/invoices/${inv.id}/write-off`, { date: '2026-10-10', reason: 'x', amount: 0 }),
        400,
        'validation_failed',
      );
      await refused(
        'fractional match',
        () =>
          client.post(`${base}/matches`, {
            debitEntryId: inv.receivableEntryId,
            creditEntryId: otherCredit,
            amount: 1.5,
          }),
        400,
        'validation_failed',
      );
    });

    it('refuses unknown fields, missing fields and bodies that are not JSON objects (400)', async () => {
      await refused('unknown field', () => pay({ ...good(), currency: 'NOK' }), 400, 'validation_failed');
      await refused(
        'unknown field in a line',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25, discount: 10 }],
          }),
        400,
        'validation_failed',
      );
      await refused(
        'unknown field on a customer',
        () => client.post(`${base}/customers`, { type: 'company', name: 'X', isAdmin: true }),
        400,
        'validation_failed',
      );
      await refused(
        'unknown field on a company change',
        () => client.patch(base, { organizationNumber: uniqueOrgnr() }),
        400,
        'validation_failed',
      );
      await refused('missing paymentDate', () => pay({ kid: inv.kid, amount: 100 }), 400, 'validation_failed');
      await refused(
        'none of kid/invoiceId/customerId',
        () => pay({ amount: 100, paymentDate: '2026-10-10' }),
        400,
        'validation_failed',
      );
      await refused('both kid and invoiceId', () => pay({ ...good(), invoiceId: inv.id }), 400, 'validation_failed');
      await refused('empty object', () => pay({}), 400, 'validation_failed');
      await refused(
        'no lines',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [],
          }),
        400,
        'validation_failed',
      );
      await refused(
        'a manual voucher of one line',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [{ account: 1920, side: 'debit', amount: 1 }],
          }),
        400,
        'validation_failed',
      );
      await refused('a JSON array', () => pay([good()]), 400, 'validation_failed');
      await refused('JSON null', () => pay('null'), 400);
      await refused('no body at all', () => client.post(`${base}/payments`, undefined), 400, 'validation_failed');
      await refused('malformed JSON', () => pay('{"amount": 100, "paymentDate": '), 400, 'invalid_json');
      await refused('JSON with a trailing comma', () => pay('{"amount": 100,}'), 400, 'invalid_json');
      await refused('a KID with letters', () => pay({ ...good(), kid: 'ABC123' }), 400, 'validation_failed');
      const early = await refused(
        'a due date before the issue date',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-15',
            dueDate: '2026-10-01',
            lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
          }),
        400,
        'validation_failed',
      );
      expect(early.body).toMatchObject({ reason: 'due_before_issue', dueDate: '2026-10-01', issueDate: '2026-10-15' });
      const creditedEarly = await refused(
        'a credit note dated before its invoice',
        () => client.post(`${base}/invoices/${inv.id}/credit-notes`, { issueDate: '2026-09-30' }),
        400,
        'validation_failed',
      );
      expect(creditedEarly.body).toMatchObject({
        reason: 'before_invoice_date',
        invoiceNumber: inv.invoiceNumber,
        issueDate: '2026-09-30',
        invoiceIssueDate: '2026-10-01',
      });
      await refused(
        'an e-mail that is not one',
        () => client.post(`${base}/customers`, { type: 'company', name: 'X', email: 'not-an-email' }),
        400,
        'validation_failed',
      );
      await refused(
        'a person with an organisation number',
        () => client.post(`${base}/customers`, { type: 'person', name: 'Ola', organizationNumber: uniqueOrgnr() }),
        400,
        'validation_failed',
      );
      await refused(
        'an Idempotency-Key of 300 characters',
        () => pay(good(), { 'idempotency-key': 'k'.repeat(300) }),
        400,
        'validation_failed',
      );
    });

    it('refuses invalid dates (400)', async () => {
      for (const date of [
        '2026-02-30',
        '2026-13-01',
        '2026-1-5',
        '20261005',
        '2026-10-05T00:00:00Z',
        '',
        '1899-12-31',
        '0000-01-01',
        '0001-01-01',
        '1999-12-31',
        '2100-01-01',
        '9999-12-31',
      ]) {
        await refused(`paymentDate ${date}`, () => pay({ ...good(), paymentDate: date }), 400, 'validation_failed');
      }
      await refused(
        'invoice issue date 2026-02-30',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-02-30',
            dueDate: '2026-03-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
          }),
        400,
        'validation_failed',
      );
      await refused(
        'reversal date 2026-02-29 (not a leap year)',
        () => client.post(`${base}/vouchers/${inv.voucherId}/reverse`, { date: '2026-02-29' }),
        400,
        'validation_failed',
      );
      await refused(
        'toDate 2026-04-31',
        () => client.get(`${base}/account-balances?toDate=2026-04-31`),
        400,
        'validation_failed',
      );
    });

    it('answers unknown and malformed ids with 404', async () => {
      await refused('unknown invoice', () => client.get(`${base}/invoices/${randomUUID()}`), 404, 'not_found');
      await refused('unknown customer', () => client.get(`${base}/customers/${randomUUID()}`), 404, 'not_found');
      await refused('unknown voucher', () => client.get(`${base}/vouchers/${randomUUID()}`), 404, 'not_found');
      await refused('unknown payment', () => client.get(`${base}/payments/${randomUUID()}`), 404, 'not_found');
      await refused('unknown credit note', () => client.get(`${base}/credit-notes/${randomUUID()}`), 404, 'not_found');
      await refused(
        'pay an unknown invoice',
        () => pay({ invoiceId: randomUUID(), amount: 100, paymentDate: '2026-10-10' }),
        404,
        'not_found',
      );
      await refused(
        'pay an unknown customer',
        () => pay({ customerId: randomUUID(), amount: 100, paymentDate: '2026-10-10' }),
        404,
        'not_found',
      );
      await refused(
        'pay an unknown KID',
        () => pay({ kid: '00000000000000', amount: 100, paymentDate: '2026-10-10' }),
        422,
        'unknown_kid',
      );
      await refused(
        'invoice an unknown customer',
        () =>
          client.post(`${base}/invoices`, {
            customerId: randomUUID(),
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
          }),
        404,
        'not_found',
      );
      await refused(
        'credit an unknown invoice',
        () => client.post(`${base}/invoices/${randomUUID()}/credit-notes`, { issueDate: '2026-10-10' }),
        404,
        'not_found',
      );
      await refused(
        'write off an unknown invoice',
        () => client.post(`${base}/invoices/${randomUUID()}/write-off`, { date: '2026-10-10', reason: 'x' }),
        404,
        'not_found',
      );
      await refused(
        'reverse an unknown voucher',
        () => client.post(`${base}/vouchers/${randomUUID()}/reverse`, { date: '2026-10-10' }),
        404,
        'not_found',
      );
      await refused(
        'match an unknown entry',
        () => client.post(`${base}/matches`, { debitEntryId: 999_999_999, creditEntryId: otherCredit }),
        404,
        'not_found',
      );
      await refused(
        'unmatch an unknown match',
        () => client.post(`${base}/matches/999999999/unmatch`),
        404,
        'not_found',
      );
      await refused(
        'manual voucher on an unknown customer',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [
              { account: 1920, side: 'debit', amount: 1 },
              { account: 1500, side: 'credit', amount: 1, customerId: randomUUID() },
            ],
          }),
        404,
        'not_found',
      );
      // Not uuids at all: the same 404, not a 400 that would tell ids apart
      await refused('non-uuid invoice id', () => client.get(`${base}/invoices/not-a-uuid`), 404, 'not_found');
      await refused('non-uuid voucher id', () => client.get(`${base}/vouchers/1`), 404, 'not_found');
      await refused(
        'non-uuid invoice id on write-off',
        () => client.post(`${base}/invoices/123/write-off`, { date: '2026-10-10', reason: 'x' }),
        404,
        'not_found',
      );
      await refused('non-numeric match id', () => client.post(`${base}/matches/abc/unmatch`), 404, 'not_found');
      await refused('non-numeric entry id', () => client.get(`${base}/entries/abc/matches`), 404, 'not_found');
      await refused('non-uuid company id', () => client.get('/companies/xyz/invoices'), 404, 'not_found');
      await refused(
        'an uppercase uuid of an unknown company',
        () => client.get(`/companies/${randomUUID().toUpperCase()}`),
        404,
        'not_found',
      );
      await refused('no such route', () => client.get(`${base}/nothing-here`), 404, 'not_found');
    });

    it('refuses vouchers that break the ledger rules (422)', async () => {
      await refused(
        'unbalanced manual voucher',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [
              { account: 1920, side: 'debit', amount: 100 },
              { account: 3000, side: 'credit', amount: 99 },
            ],
          }),
        422,
        'unbalanced_voucher',
      );
      await refused(
        'all debits',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [
              { account: 1920, side: 'debit', amount: 100 },
              { account: 3000, side: 'debit', amount: 100 },
            ],
          }),
        422,
        'unbalanced_voucher',
      );
      await refused(
        'a 1500 line without customer',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [
              { account: 1920, side: 'debit', amount: 100 },
              { account: 1500, side: 'credit', amount: 100 },
            ],
          }),
        422,
        'invalid_customer_entry',
      );
      await refused(
        'a customer on a bank line',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [
              { account: 1920, side: 'debit', amount: 100, customerId: kunde.id },
              { account: 1500, side: 'credit', amount: 100, customerId: kunde.id },
            ],
          }),
        422,
        'invalid_customer_entry',
      );
      await refused(
        'an unknown account',
        () =>
          client.post(`${base}/vouchers`, {
            date: '2026-10-10',
            description: 'x',
            lines: [
              { account: 1234, side: 'debit', amount: 100 },
              { account: 3000, side: 'credit', amount: 100 },
            ],
          }),
        422,
        'invalid_account',
      );
      const unknownAccount = await refused(
        'write-off to an unknown account',
        () => client.post(`${base}/invoices/${inv.id}/write-off`, { date: '2026-10-10', reason: 'x', account: 1234 }),
        422,
        'invalid_account',
      );
      expect(unknownAccount.body).toMatchObject({ reason: 'unknown_account', account: 1234 });
      const receivable = await refused(
        'write-off to the receivable account',
        () => client.post(`${base}/invoices/${inv.id}/write-off`, { date: '2026-10-10', reason: 'x', account: 1500 }),
        422,
        'invalid_account',
      );
      expect(receivable.body).toMatchObject({ reason: 'receivable_account', account: 1500 });
      const unknownSetting = await refused(
        'company change to an unknown account',
        () => client.patch(base, { accounts: { bank: 1234 } }),
        422,
        'invalid_account',
      );
      expect(unknownSetting.body).toMatchObject({ reason: 'unknown_account', account: 1234, accounts: [1234] });
      const taken = await refused(
        'an account that exists already',
        () => client.post(`${base}/accounts`, { number: 1500, name: 'Kundefordringer igjen' }),
        409,
        'already_exists',
      );
      expect(taken.body).toMatchObject({ reason: 'account_exists', account: 1500 });
    });

    it('refuses amounts beyond what the invoice has (422)', async () => {
      const aboveCredit = await refused(
        'credit note above the invoice',
        () =>
          client.post(`${base}/invoices/${inv.id}/credit-notes`, {
            issueDate: '2026-10-10',
            lines: [{ description: 'x', quantity: 1, unitPrice: 10_001, vatRate: 25 }],
          }),
        422,
        'credit_exceeds_invoice',
      );
      expect(aboveCredit.body).toMatchObject({
        reason: 'more_than_left',
        invoiceNumber: inv.invoiceNumber,
        rate: 25,
        netAmount: 10_001,
        remainingNetAmount: 10_000,
      });
      const otherRate = await refused(
        'credit note at a rate the invoice does not have',
        () =>
          client.post(`${base}/invoices/${inv.id}/credit-notes`, {
            issueDate: '2026-10-10',
            lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 15 }],
          }),
        422,
        'credit_exceeds_invoice',
      );
      expect(otherRate.body).toMatchObject({
        reason: 'more_than_left',
        rate: 15,
        netAmount: 100,
        remainingNetAmount: 0,
      });
      const aboveOpen = await refused(
        'write-off above the open amount',
        () => client.post(`${base}/invoices/${inv.id}/write-off`, { date: '2026-10-10', reason: 'x', amount: 12_501 }),
        422,
        'amount_exceeds_open',
      );
      // The English detail stays as it was; the reason and figures come beside it.
      expect(aboveOpen.body).toMatchObject({
        detail: `12501 øre is more than the 12500 øre open on invoice ${inv.invoiceNumber as number}`,
        reason: 'more_than_open',
        invoiceNumber: inv.invoiceNumber,
        amount: 12_501,
        openAmount: 12_500,
      });
      const itself = await refused(
        'match an entry with itself',
        () =>
          client.post(`${base}/matches`, {
            debitEntryId: inv.receivableEntryId,
            creditEntryId: inv.receivableEntryId,
            amount: 1,
          }),
        422,
        'entries_not_matchable',
      );
      expect(itself.body.reason).toBe('not_credit');
      const twoCustomers = await refused(
        'match between two customers',
        () => client.post(`${base}/matches`, { debitEntryId: inv.receivableEntryId, creditEntryId: otherCredit }),
        422,
        'entries_not_matchable',
      );
      expect(twoCustomers.body.reason).toBe('different_customers');
      expect(await openAmount(inv.receivableEntryId)).toBe(12_500);
      expect(await openAmount(otherCredit)).toBe(-5_000);
    });

    it('refuses VAT on the invoice and credit note lines of a company that is not VAT-registered (400)', async () => {
      const exempt = await client.post('/companies', {
        name: 'Fritatt AS',
        organizationNumber: uniqueOrgnr(),
        bankAccount: validBankAccount(),
        vatRegistered: false,
      });
      expectStatus(exempt, 201, 'create a company that is not VAT-registered');
      const exemptBase = `/companies/${exempt.body.id as string}`;
      const buyer = await customer(client, exemptBase, 'Kjøper AS');
      const before = await counts(ctx.db, exempt.body.id);
      const res = await client.post(`${exemptBase}/invoices`, {
        customerId: buyer.id,
        issueDate: '2026-10-01',
        dueDate: '2026-10-15',
        lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
      });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body).toMatchObject({
        detail: 'the company is not VAT-registered: every line must have VAT rate 0',
        reason: 'not_vat_registered',
      });
      const exemptInvoice = await invoice(client, exemptBase, buyer.id, 1_000, { vatRate: 0 });
      const credit = await client.post(`${exemptBase}/invoices/${exemptInvoice.id as string}/credit-notes`, {
        issueDate: '2026-10-10',
        lines: [{ description: 'x', quantity: 1, unitPrice: 100, vatRate: 25 }],
      });
      expectProblem(credit, 400, 'validation_failed');
      expect(credit.body.reason).toBe('not_vat_registered');
      const after = await counts(ctx.db, exempt.body.id);
      expect(after.invoices).toBe(before.invoices + 1);
      expect(after.credit_notes).toBe(before.credit_notes);
    });

    it('refuses a body above 1 MiB (413 payload_too_large)', async () => {
      const huge = JSON.stringify({ type: 'company', name: 'X', address: { line: 'x'.repeat(1024 * 1024 + 10) } });
      await refused('oversized body', () => client.post(`${base}/customers`, huge), 413, 'payload_too_large');
      await refused(
        'oversized body with content-length',
        () => client.post(`${base}/customers`, huge, { 'content-length': String(Buffer.byteLength(huge)) }),
        413,
        'payload_too_large',
      );
      // Just under the limit is fine as far as the size goes (then refused by the schema's max length)
      const under = JSON.stringify({ type: 'company', name: 'X', address: { line: 'x'.repeat(1000 * 1000) } });
      await refused(
        'large but within the limit',
        () => client.post(`${base}/customers`, under),
        400,
        'validation_failed',
      );
    });

    it('refuses invalid organisation and bank account numbers (422)', async () => {
      const companiesBefore = (await ctx.db.selectFrom('companies').select('id').execute()).length;
      const badOrgnr = await refused(
        'company with a bad orgnr',
        () =>
          client.post('/companies', {
            name: 'Feil AS',
            organizationNumber: '123456789',
            bankAccount: validBankAccount(),
          }),
        422,
        'invalid_organization_number',
      );
      // The number as given: the UI says it back in its own language.
      expect(badOrgnr.body).toMatchObject({ value: '123456789' });
      const orgnr = uniqueOrgnr();
      const wrongCheck = `${orgnr.slice(0, 8)}${(Number(orgnr[8]) + 1) % 10}`;
      await refused(
        'company with a wrong check digit',
        () =>
          client.post('/companies', {
            name: 'Feil AS',
            organizationNumber: wrongCheck,
            bankAccount: validBankAccount(),
          }),
        422,
        'invalid_organization_number',
      );
      const badAccount = await refused(
        'company with a bad bank account',
        () =>
          client.post('/companies', { name: 'Feil AS', organizationNumber: uniqueOrgnr(), bankAccount: '12345678901' }),
        422,
        'invalid_bank_account',
      );
      expect(badAccount.body).toMatchObject({ value: '12345678901' });
      const taken = await refused(
        'company with an orgnr taken',
        () =>
          client.post('/companies', {
            name: 'Kopi AS',
            organizationNumber: company.organizationNumber,
            bankAccount: validBankAccount(),
          }),
        409,
        'already_exists',
      );
      expect(taken.body).toMatchObject({ reason: 'company_exists', organizationNumber: company.organizationNumber });
      const badCustomer = await refused(
        'customer with a bad orgnr',
        () => client.post(`${base}/customers`, { type: 'company', name: 'Feil AS', organizationNumber: '987654321' }),
        422,
        'invalid_organization_number',
      );
      expect(badCustomer.body).toMatchObject({ value: '987654321' });
      await refused(
        'customer change to a bad orgnr',
        () => client.patch(`${base}/customers/${kunde.id}`, { organizationNumber: '111111111' }),
        422,
        'invalid_organization_number',
      );
      await refused(
        'company change to a bad bank account',
        () => client.patch(base, { bankAccount: '12345678901' }),
        422,
        'invalid_bank_account',
      );
      expect((await ctx.db.selectFrom('companies').select('id').execute()).length).toBe(companiesBefore);
      expect(
        (
          await ctx.db
            .selectFrom('customers')
            .select('organization_number')
            .where('id', '=', kunde.id)
            .executeTakeFirstOrThrow()
        ).organization_number,
      ).toBe(kunde.organizationNumber);
    });

    it('refuses bad cursors and page sizes (400)', async () => {
      for (const path of ['/open-items', '/invoices', '/vouchers', '/customers']) {
        await refused(
          `${path} garbage cursor`,
          () => client.get(`${base}${path}?cursor=not-a-cursor!`),
          400,
          'validation_failed',
        );
        const wrongShape = Buffer.from(JSON.stringify({ x: 1 })).toString('base64url');
        await refused(
          `${path} cursor of another shape`,
          () => client.get(`${base}${path}?cursor=${wrongShape}`),
          400,
          'validation_failed',
        );
        await refused(`${path} limit 0`, () => client.get(`${base}${path}?limit=0`), 400, 'validation_failed');
        await refused(`${path} limit 1001`, () => client.get(`${base}${path}?limit=1001`), 400, 'validation_failed');
        await refused(`${path} limit abc`, () => client.get(`${base}${path}?limit=abc`), 400, 'validation_failed');
      }
      await refused(
        'invoice-events after -1',
        () => client.get(`${base}/invoice-events?after=-1`),
        400,
        'validation_failed',
      );
      await refused(
        'invoice-events after abc',
        () => client.get(`${base}/invoice-events?after=abc`),
        400,
        'validation_failed',
      );
      await refused(
        'open-items includeClosed=yes',
        () => client.get(`${base}/open-items?includeClosed=yes`),
        400,
        'validation_failed',
      );
      await refused('invoices status=paid', () => client.get(`${base}/invoices?status=paid`), 400, 'validation_failed');
    });

    it('refuses a body that is not application/json with 415 unsupported_media_type', async () => {
      const body = JSON.stringify(good());
      await refused('text/plain', () => pay(body, { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
      await refused(
        'form-encoded',
        () => pay('amount=100', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'unsupported_media_type',
      );
      await refused('no content-type', () => pay(body, { 'content-type': null }), 415, 'unsupported_media_type');
    });

    it('refuses invoice lines whose quantity × price is above the largest amount accepted', async () => {
      await refused(
        'unit price × quantity beyond 2^53',
        () =>
          client.post(`${base}/invoices`, {
            customerId: kunde.id,
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
            lines: [{ description: 'x', quantity: 1000, unitPrice: Number.MAX_SAFE_INTEGER, vatRate: 25 }],
          }),
        400,
        'validation_failed',
      );
    });
  });

  describe('idempotency', () => {
    it('answers the same POST with the same Idempotency-Key once: same body, one payment, one voucher', async () => {
      const { client, company, base } = await adminWithCompany();
      const kunde = await customer(client, base);
      const inv = await invoice(client, base, kunde.id, 80_000);
      const before = await counts(ctx.db, company.id);
      const body = { kid: inv.kid, amount: 30_000, paymentDate: '2026-10-10' };
      const first = await client.post(`${base}/payments`, body, { 'idempotency-key': 'pay-1' });
      expectStatus(first, 201);
      // The same body in another key order is the same request
      const again = await client.post(
        `${base}/payments`,
        { paymentDate: '2026-10-10', amount: 30_000, kid: inv.kid },
        { 'idempotency-key': 'pay-1' },
      );
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      const after = await counts(ctx.db, company.id);
      expect(after.payments).toBe(before.payments + 1);
      expect(after.vouchers).toBe(before.vouchers + 1);
      expect(after.matches).toBe(before.matches + 1);
      expect(await openAmount(inv.receivableEntryId)).toBe(70_000);
      const stored = await ctx.db
        .selectFrom('idempotency_keys')
        .select(['key', 'status_code'])
        .where('key', '=', 'pay-1')
        .where('scope', 'like', `company:${company.id as string}:%`)
        .execute();
      expect(stored).toEqual([{ key: 'pay-1', status_code: 200 }]);

      // The same key with another body: 409, nothing stored
      const reused = await client.post(`${base}/payments`, { ...body, amount: 30_001 }, { 'idempotency-key': 'pay-1' });
      expectProblem(reused, 409, 'idempotency_key_reused');
      // ... or on another route
      expectProblem(
        await client.post(`${base}/customers`, { type: 'company', name: 'X' }, { 'idempotency-key': 'pay-1' }),
        409,
        'idempotency_key_reused',
      );
      expect(await counts(ctx.db, company.id)).toEqual(after);

      // A write that fails stores no key, so it can be retried with the same key
      expectProblem(
        await client.post(`${base}/payments`, { ...body, kid: '00000000000000' }, { 'idempotency-key': 'pay-2' }),
        422,
        'unknown_kid',
      );
      expect(await ctx.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'pay-2').execute()).toEqual(
        [],
      );
      const retried = await client.post(`${base}/payments`, { ...body, amount: 1_000 }, { 'idempotency-key': 'pay-2' });
      expectStatus(retried, 201);
      expect(retried.body.id).not.toBe(first.body.id);
      expect((await counts(ctx.db, company.id)).payments).toBe(before.payments + 2);

      // Keys belong to the user: another user of the company may use the same key
      const accountant = await member(client, company.id, 'accountant');
      const theirs = await accountant.post(`${base}/payments`, body, { 'idempotency-key': 'pay-1' });
      expectStatus(theirs, 201);
      expect(theirs.body.id).not.toBe(first.body.id);
      expect((await counts(ctx.db, company.id)).payments).toBe(before.payments + 3);
    });

    it('answers a retry whose write would now fail (nothing left to write off) with the stored answer', async () => {
      const { client, company, base } = await adminWithCompany();
      const kunde = await customer(client, base);
      const inv = await invoice(client, base, kunde.id, 40_000);
      const body = { date: '2026-10-10', reason: 'Konkurs' };
      const first = await client.post(`${base}/invoices/${inv.id}/write-off`, body, { 'idempotency-key': 'wo-1' });
      expectStatus(first, 201);
      expect(await openAmount(inv.receivableEntryId)).toBe(0);
      const after = await counts(ctx.db, company.id);
      // The write itself would fail now (the invoice has nothing open): the key's answer is given instead.
      const again = await client.post(`${base}/invoices/${inv.id}/write-off`, body, { 'idempotency-key': 'wo-1' });
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      expect(await counts(ctx.db, company.id)).toEqual(after);
      // Without the key the same request is refused, and changes nothing.
      const unkeyed = await client.post(`${base}/invoices/${inv.id}/write-off`, body);
      expect(unkeyed.status).toBe(422);
      expect(await counts(ctx.db, company.id)).toEqual(after);
      // Another body under the key: 409, whether or not its write would have worked.
      expectProblem(
        await client.post(
          `${base}/invoices/${inv.id}/write-off`,
          { ...body, reason: 'Annet' },
          { 'idempotency-key': 'wo-1' },
        ),
        409,
        'idempotency_key_reused',
      );
    });

    it('makes one payment of five concurrent identical requests with one key', async () => {
      const { client, company, base } = await adminWithCompany();
      const kunde = await customer(client, base);
      const inv = await invoice(client, base, kunde.id, 80_000);
      const before = await counts(ctx.db, company.id);
      const body = { kid: inv.kid, amount: 25_000, paymentDate: '2026-10-10' };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => client.post(`${base}/payments`, body, { 'idempotency-key': 'concurrent-1' })),
      );
      for (const res of answers) expectStatus(res, 201);
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      for (const res of answers) expect(res.body).toEqual(answers[0]!.body);
      const after = await counts(ctx.db, company.id);
      expect(after.payments).toBe(before.payments + 1);
      expect(after.vouchers).toBe(before.vouchers + 1);
      expect(after.postings).toBe(before.postings + 2);
      expect(await ctx.db.selectFrom('payments').select('id').where('company_id', '=', company.id).execute()).toEqual([
        { id: answers[0]!.body.id },
      ]);
      expect(await openAmount(inv.receivableEntryId)).toBe(75_000);

      // And five concurrent requests without a key are five payments
      const many = await Promise.all(
        Array.from({ length: 5 }, (_, i) => client.post(`${base}/payments`, { ...body, amount: 1_000 + i })),
      );
      for (const res of many) expectStatus(res, 201);
      expect((await counts(ctx.db, company.id)).payments).toBe(before.payments + 6);
      expect(await openAmount(inv.receivableEntryId)).toBe(75_000 - 5 * 1_000 - 10);
    });
  });

  // Amounts are capped at 100 billion kroner each, so sums of them stay exact and readable.
  it('refuses amounts above the cap and keeps balances readable after the largest ones', async () => {
    const { client, base } = await adminWithCompany();
    const kunde = await customer(client, base);
    const tooLarge = await client.post(`${base}/payments`, {
      customerId: kunde.id,
      amount: 10_000_000_000_001,
      paymentDate: '2026-10-10',
    });
    expectStatus(tooLarge, 400);
    expectStatus(
      await client.post(`${base}/payments`, {
        customerId: kunde.id,
        amount: 10_000_000_000_000,
        paymentDate: '2026-10-10',
      }),
      201,
    );
    expectStatus(
      await client.post(`${base}/payments`, {
        customerId: kunde.id,
        amount: 10_000_000_000_000,
        paymentDate: '2026-10-11',
      }),
      201,
    );
    for (const path of ['/account-balances', '/open-items', '/vouchers', '/payments'])
      expectStatus(await client.get(`${base}${path}`), 200, path);
  });

  it('publishes an OpenAPI 3.1 document of the routes', async () => {
    const anonymous = new ApiClient(ctx.app);
    const res = await anonymous.get('/openapi.json');
    expectStatus(res, 200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const expected: Array<[string, string]> = [
      ['/auth/login', 'post'],
      ['/auth/logout', 'post'],
      ['/companies', 'post'],
      ['/companies/{companyId}', 'patch'],
      ['/companies/{companyId}/customers', 'post'],
      ['/companies/{companyId}/invoices', 'post'],
      ['/companies/{companyId}/invoices/{invoiceId}', 'get'],
      ['/companies/{companyId}/invoices/{invoiceId}/credit-notes', 'post'],
      ['/companies/{companyId}/invoices/{invoiceId}/write-off', 'post'],
      ['/companies/{companyId}/payments', 'post'],
      ['/companies/{companyId}/vouchers', 'post'],
      ['/companies/{companyId}/vouchers/{voucherId}/reverse', 'post'],
      ['/companies/{companyId}/open-items', 'get'],
      ['/companies/{companyId}/matches', 'post'],
      ['/companies/{companyId}/matches/{matchId}/unmatch', 'post'],
      ['/companies/{companyId}/account-balances', 'get'],
      ['/companies/{companyId}/invoice-events', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths?.[path]?.[method], `${method} ${path}`).toBeDefined();
    const invoiceParams = doc.paths['/companies/{companyId}/invoices/{invoiceId}'].get.parameters.map((p: any) => [
      p.name,
      p.in,
    ]);
    expect(invoiceParams).toEqual(
      expect.arrayContaining([
        ['companyId', 'path'],
        ['invoiceId', 'path'],
      ]),
    );
    const schemas = Object.keys(doc.components?.schemas ?? {});
    expect(schemas).toEqual(
      expect.arrayContaining([
        'InvoiceSummary',
        'InvoiceDetail',
        'NewInvoice',
        'Payment',
        'NewPayment',
        'Voucher',
        'OpenItem',
        'Problem',
        'Company',
      ]),
    );
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'innfri_session' },
    });
    const amount =
      doc.components.schemas.NewPayment.properties?.amount ??
      doc.components.schemas.NewPayment.allOf?.[0]?.properties?.amount;
    expect(amount).toMatchObject({ type: 'integer' });
  });
});
