/**
 * The accountant API's payment list (GET …/payments) over HTTP, on both backends: keyset paging on
 * (payment date, registered at, id) newest first — every payment exactly once, in that order, also
 * while payments are registered between pages — the customer's name and number and the invoice
 * number on each row, the filters, refused cursors, and another company's list being not found.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction.js';
import { encodeCursor } from '../../src/http/schemas.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeUser } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, useTestApp } from '../support/http.js';

interface Row {
  id: string;
  customerId: string;
  customerNumber: number;
  customerName: string;
  invoiceId: string | null;
  invoiceNumber: number | null;
  kid: string | null;
  amount: number;
  paymentDate: string;
  reference: string;
  voucherId: string;
  entryId: number;
}

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
}

function expectProblem(res: ApiResponse, status: number, code: string, label = ''): void {
  expectStatus(res, status, label);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toMatchObject({ type: expect.stringMatching(/^urn:innfri:problem:/), status, code });
}

describe.each(BACKENDS)('the payment list on %s', (backend) => {
  const ctx = useTestApp(backend);

  /** A company of its own with a signed-in accountant. */
  async function accountantOfNewCompany(name = 'Testfirma AS') {
    const company = await makeCompany(ctx.db, { name });
    const user = await makeUser(ctx.db, company.id, 'accountant');
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(user.email, user.password), 200, 'login');
    return { company, client, base: `/companies/${company.id}` };
  }

  /**
   * Two customers, three invoices and seven payments over four dates, three of them on one date,
   * registered one request (one transaction) at a time. `expected` is the list's order worked out
   * by hand: newest date first, and on one date the one registered last first.
   */
  async function sevenPayments() {
    const { company, client, base } = await accountantOfNewCompany();
    const post = async (path: string, body: unknown) => {
      const res = await client.post(`${base}${path}`, body);
      expectStatus(res, 201, `POST ${path}`);
      return res.body;
    };
    const alfa = await post('/customers', { type: 'company', name: 'Alfa Regnskap AS' });
    const bakeri = await post('/customers', { type: 'company', name: 'Bergen Bakeri AS' });
    const invoice = (customerId: string) =>
      post('/invoices', {
        customerId,
        issueDate: '2026-09-01',
        dueDate: '2026-09-15',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: 100_000, vatRate: 25 }],
      });
    const invA1 = await invoice(alfa.id);
    const invA2 = await invoice(alfa.id);
    const invB1 = await invoice(bakeri.id);
    const pay = (body: Record<string, unknown>) => post('/payments', body);
    const p1 = await pay({ kid: invA1.kid, amount: 10_000, paymentDate: '2026-10-01', reference: 'Nettbank 1' });
    const p2 = await pay({ customerId: bakeri.id, amount: 20_000, paymentDate: '2026-10-03', reference: 'Forskudd' });
    const p3 = await pay({ invoiceId: invA2.id, amount: 30_000, paymentDate: '2026-10-03' });
    const p4 = await pay({ kid: invB1.kid, amount: 40_000, paymentDate: '2026-10-03' });
    const p5 = await pay({ customerId: alfa.id, amount: 50_000, paymentDate: '2026-10-02' });
    const p6 = await pay({ invoiceId: invB1.id, amount: 60_000, paymentDate: '2026-10-05' });
    const p7 = await pay({ invoiceId: invA1.id, amount: 70_000, paymentDate: '2026-10-01' });
    return {
      company,
      client,
      base,
      alfa,
      bakeri,
      invA1,
      invA2,
      invB1,
      payments: [p1, p2, p3, p4, p5, p6, p7],
      expected: [p6, p4, p3, p2, p5, p7, p1].map((p) => p.id as string),
    };
  }

  /** Follows nextCursor to the end (from `from`, or the first page): every row and the size of each page. */
  async function allPages(
    client: ApiClient,
    path: string,
    limit: number,
    from: string | null = null,
  ): Promise<{ rows: Row[]; sizes: number[]; cursors: Array<string | null> }> {
    const rows: Row[] = [];
    const sizes: number[] = [];
    const cursors: Array<string | null> = [];
    let cursor: string | null = from;
    for (let i = 0; i < 50; i++) {
      const sep = path.includes('?') ? '&' : '?';
      const res: ApiResponse<{ data: Row[]; nextCursor: string | null }> = await client.get(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expectStatus(res, 200, `page ${i + 1}`);
      expect(Object.keys(res.body).sort()).toEqual(['data', 'nextCursor']);
      rows.push(...res.body.data);
      sizes.push(res.body.data.length);
      cursors.push(res.body.nextCursor);
      cursor = res.body.nextCursor;
      if (!cursor) return { rows, sizes, cursors };
    }
    throw new Error('the list never ended');
  }

  it('pages through every payment exactly once, newest first, with the customer and the invoice number', async () => {
    const s = await sevenPayments();
    const { rows, sizes, cursors } = await allPages(s.client, `${s.base}/payments`, 3);
    expect(sizes).toEqual([3, 3, 1]);
    expect(cursors.map((c) => c !== null)).toEqual([true, true, false]); // null exactly on the last page
    expect(rows.map((r) => r.id)).toEqual(s.expected);
    expect(new Set(rows.map((r) => r.id)).size).toBe(7);
    expect(rows.map((r) => r.paymentDate)).toEqual([
      '2026-10-05',
      '2026-10-03',
      '2026-10-03',
      '2026-10-03',
      '2026-10-02',
      '2026-10-01',
      '2026-10-01',
    ]);

    const byId = new Map(rows.map((r) => [r.id, r]));
    const [p1, p2, p3, p4, p5, p6, p7] = s.payments.map((p) => byId.get(p.id)!);
    const alfa = { customerId: s.alfa.id, customerName: 'Alfa Regnskap AS', customerNumber: s.alfa.customerNumber };
    const bakeri = {
      customerId: s.bakeri.id,
      customerName: 'Bergen Bakeri AS',
      customerNumber: s.bakeri.customerNumber,
    };
    expect(s.alfa.customerNumber).not.toBe(s.bakeri.customerNumber);
    expect(p1).toEqual({
      id: s.payments[0].id,
      ...alfa,
      invoiceId: s.invA1.id,
      invoiceNumber: s.invA1.invoiceNumber,
      kid: s.invA1.kid,
      amount: 10_000,
      paymentDate: '2026-10-01',
      reference: 'Nettbank 1',
      voucherId: s.payments[0].voucherId,
      entryId: s.payments[0].entryId,
    });
    expect(p2).toMatchObject({
      ...bakeri,
      invoiceId: null,
      invoiceNumber: null,
      kid: null,
      amount: 20_000,
      reference: 'Forskudd',
    });
    expect(p3).toMatchObject({
      ...alfa,
      invoiceId: s.invA2.id,
      invoiceNumber: s.invA2.invoiceNumber,
      kid: null,
      amount: 30_000,
    });
    expect(p4).toMatchObject({
      ...bakeri,
      invoiceId: s.invB1.id,
      invoiceNumber: s.invB1.invoiceNumber,
      kid: s.invB1.kid,
      amount: 40_000,
    });
    expect(p5).toMatchObject({ ...alfa, invoiceId: null, invoiceNumber: null, amount: 50_000 });
    expect(p6).toMatchObject({
      ...bakeri,
      invoiceId: s.invB1.id,
      invoiceNumber: s.invB1.invoiceNumber,
      amount: 60_000,
    });
    expect(p7).toMatchObject({ ...alfa, invoiceId: s.invA1.id, invoiceNumber: s.invA1.invoiceNumber, amount: 70_000 });
    expect(new Set([s.invA1.invoiceNumber, s.invA2.invoiceNumber, s.invB1.invoiceNumber]).size).toBe(3);

    // One payment and the answer to registering it have the shape of a list row (the POST adds what it closed).
    const one = await s.client.get(`${s.base}/payments/${s.payments[3].id}`);
    expectStatus(one, 200);
    expect(one.body).toEqual(p4);
    expect(s.payments[3]).toMatchObject({ ...p4, matchedAmount: 40_000, unallocatedAmount: 0 });
    expect(s.payments[1]).toMatchObject({
      ...p2,
      matchedAmount: 0,
      unallocatedAmount: 20_000,
      invoiceOpenAmount: null,
    });

    // One page of everything: the same order, and no cursor.
    const whole = await s.client.get(`${s.base}/payments?limit=7`);
    expect(whole.body.data.map((r: Row) => r.id)).toEqual(s.expected);
    expect(whole.body.nextCursor).toBeNull();
    const defaults = await s.client.get(`${s.base}/payments`);
    expect(defaults.body).toEqual(whole.body);
  });

  it('filters by customer and by invoice, and pages within the filter', async () => {
    const s = await sevenPayments();
    const ofAlfa = await allPages(s.client, `${s.base}/payments?customerId=${s.alfa.id}`, 2);
    expect(ofAlfa.sizes).toEqual([2, 2]);
    expect(ofAlfa.cursors.at(-1)).toBeNull();
    expect(ofAlfa.rows.map((r) => r.id)).toEqual([
      s.payments[2].id,
      s.payments[4].id,
      s.payments[6].id,
      s.payments[0].id,
    ]);
    expect(ofAlfa.rows.every((r) => r.customerId === s.alfa.id && r.customerName === 'Alfa Regnskap AS')).toBe(true);

    const ofBakeri = await allPages(s.client, `${s.base}/payments?customerId=${s.bakeri.id}`, 1);
    expect(ofBakeri.rows.map((r) => r.id)).toEqual([s.payments[5].id, s.payments[3].id, s.payments[1].id]);

    const ofInvB1 = await allPages(s.client, `${s.base}/payments?invoiceId=${s.invB1.id}`, 1);
    expect(ofInvB1.rows.map((r) => r.id)).toEqual([s.payments[5].id, s.payments[3].id]);
    expect(ofInvB1.rows.every((r) => r.invoiceNumber === s.invB1.invoiceNumber)).toBe(true);
  });

  it('neither skips nor repeats when payments are registered between pages', async () => {
    const s = await sevenPayments();
    const first = await s.client.get(`${s.base}/payments?limit=3`);
    expect(first.body.data.map((r: Row) => r.id)).toEqual(s.expected.slice(0, 3));
    // One that sorts before the cursor (already paged past) and one after it (still to come).
    const newest = await s.client.post(`${s.base}/payments`, {
      customerId: s.alfa.id,
      amount: 1_000,
      paymentDate: '2026-10-04',
    });
    const oldest = await s.client.post(`${s.base}/payments`, {
      customerId: s.bakeri.id,
      amount: 2_000,
      paymentDate: '2026-09-30',
    });
    expectStatus(newest, 201);
    expectStatus(oldest, 201);
    const rest = await allPages(s.client, `${s.base}/payments`, 3, first.body.nextCursor);
    expect(rest.rows.map((r) => r.id)).toEqual([...s.expected.slice(3), oldest.body.id]);
    expect(rest.rows.at(-1)).toMatchObject({ customerName: 'Bergen Bakeri AS', invoiceNumber: null, amount: 2_000 });
  });

  it('breaks ties by id: payments of one date registered in one transaction page one at a time', async () => {
    const { company, client, base } = await accountantOfNewCompany();
    const customer = (await client.post(`${base}/customers`, { type: 'company', name: 'Samme Dag AS' })).body;
    // One transaction: the same payment date and the same registration time for all five.
    const ids = await inTransaction(ctx.db, async (trx) => {
      const out: string[] = [];
      for (let i = 1; i <= 5; i++)
        out.push(
          (
            await registerPayment(
              trx,
              company.id,
              { customerId: customer.id, amount: ore(i * 100), paymentDate: '2026-10-10' },
              null,
            )
          ).id,
        );
      return out;
    });
    const stamps = await ctx.db
      .selectFrom('payments')
      .select('created_at')
      .where('company_id', '=', company.id)
      .execute();
    expect(new Set(stamps.map((r) => r.created_at.getTime())).size).toBe(1);
    // PGlite's clock ticks in milliseconds, PostgreSQL's in microseconds: give them one with
    // microseconds on both, which a cursor rounded to milliseconds (a JavaScript Date) would lose.
    await sql`update payments set created_at = '2026-10-10T08:15:30.123456Z' where company_id = ${company.id}`.execute(
      ctx.db,
    );
    const { rows, sizes } = await allPages(client, `${base}/payments`, 1);
    expect(sizes).toEqual([1, 1, 1, 1, 1]);
    expect(rows.map((r) => r.id)).toEqual([...ids].sort().reverse()); // uuid order is text order
  });

  it('refuses a cursor it did not give out: 400 problem+json validation_failed', async () => {
    const { client, base } = await accountantOfNewCompany();
    const forged = [
      'garbage',
      'bm90LWEtY3Vyc29y', // base64url of "not-a-cursor"
      encodeCursor({ n: 5 }), // the invoice list's cursor
      encodeCursor({ d: '2026-02-30', t: '2026-02-28T10:00:00.000000Z', id: randomUUID() }), // no such day
      encodeCursor({ d: '2026-10-01', t: '2026-10-01T25:00:00.000000Z', id: randomUUID() }), // no such hour
      encodeCursor({ d: '2026-10-01', t: '2026-10-01T10:00:00.000Z', id: randomUUID() }), // milliseconds only
      encodeCursor({ d: '2026-10-01', t: '2026-10-01T10:00:00.000000Z', id: 'not-a-uuid' }),
    ];
    for (const cursor of forged) {
      const res = await client.get(`${base}/payments?limit=3&cursor=${encodeURIComponent(cursor)}`);
      expectProblem(res, 400, 'validation_failed', cursor);
      expect(res.body.detail, cursor).toMatch(/cursor/);
    }
    // A well-formed one is taken, even for a position no payment has.
    const fine = await client.get(
      `${base}/payments?cursor=${encodeCursor({ d: '2026-10-01', t: '2026-10-01T10:00:00.123456Z', id: randomUUID() })}`,
    );
    expectStatus(fine, 200);
    expect(fine.body).toEqual({ data: [], nextCursor: null });
  });

  it('is not found to a user of another company, and shows nothing of it in theirs', async () => {
    const s = await sevenPayments();
    const other = await accountantOfNewCompany('Annet Firma AS');
    const theirs = await other.client.get(`${s.base}/payments`);
    expectProblem(theirs, 404, 'not_found');
    expect(theirs.body).toEqual((await other.client.get(`/companies/${randomUUID()}/payments`)).body);
    // With a cursor from the owner's list as well.
    const page1 = await s.client.get(`${s.base}/payments?limit=3`);
    expectProblem(
      await other.client.get(`${s.base}/payments?limit=3&cursor=${encodeURIComponent(page1.body.nextCursor)}`),
      404,
      'not_found',
    );
    expectProblem(await other.client.get(`${s.base}/payments/${s.payments[0].id}`), 404, 'not_found');
    // Under their own company, the owner's ids find nothing.
    expect((await other.client.get(`${other.base}/payments`)).body).toEqual({ data: [], nextCursor: null });
    // Another company's customer is not theirs to filter by: 404, as on the customer card.
    expectProblem(await other.client.get(`${other.base}/payments?customerId=${s.alfa.id}`), 404, 'not_found');
    expect(
      (await other.client.get(`${other.base}/payments?cursor=${encodeURIComponent(page1.body.nextCursor)}`)).body,
    ).toEqual({ data: [], nextCursor: null });
    expectProblem(await other.client.get(`${other.base}/payments/${s.payments[0].id}`), 404, 'not_found');
    // The owner still sees all seven.
    expect((await allPages(s.client, `${s.base}/payments`, 3)).rows.map((r) => r.id)).toEqual(s.expected);
  });
});
