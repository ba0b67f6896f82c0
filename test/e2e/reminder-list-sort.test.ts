import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction.js';
import { addDays } from '../../src/shared/dates.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, TEST_TODAY, useTestApp } from '../support/http.js';

/*
 * The reminder list (purreliste) sorted on the server: every `sort` pages by keyset with limit=2
 * through exactly the order computed here from the invoices as they were made (key, then the
 * receivable entry), with no row twice and none missed; with the next-action and customer filters
 * too; and a cursor made for one sort is refused with another. «Today» is TEST_TODAY (2026-11-20).
 */

const PASSWORD = 'correct horse battery staple';
const SORTS = [
  'dueDate',
  '-dueDate',
  'openAmount',
  '-openAmount',
  'customerName',
  '-customerName',
  'invoiceNumber',
  '-invoiceNumber',
] as const;
type Sort = (typeof SORTS)[number];

/** One invoice on the list, as the test made it. */
interface Made {
  id: string;
  entryId: number;
  invoiceNumber: number;
  dueDate: string;
  openAmount: number;
  customerName: string;
}

/**
 * Names as the list compares them: lower case, by code point (collate "C"), å after ø. JavaScript
 * compares strings by UTF-16 unit, which for these letters is their code point order too.
 */
const nameKey = (name: string) => name.toLowerCase().replace(/å/g, 'ÿ');

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order the list must give: the sort's key in its direction, then the entry in the same direction. */
function expectedOrder(rows: Made[], sort: Sort): string[] {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as 'dueDate' | 'openAmount' | 'customerName' | 'invoiceNumber';
  const key = (r: Made) => (field === 'customerName' ? nameKey(r.customerName) : r[field]);
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => sign * (compare(key(a), key(b)) || a.entryId - b.entryId)).map((r) => r.id);
}

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
}

function expectProblem(res: ApiResponse, status: number, code: string, label = ''): void {
  expectStatus(res, status, label);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body.code, label).toBe(code);
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(BACKENDS)('the reminder list sorted, on %s', (backend) => {
  const ctx = useTestApp(backend);

  /** An admin with a company of its own, and helpers to fill and read its reminder list. */
  async function world() {
    const email = `sort-${randomUUID().slice(0, 8)}@example.no`;
    await inTransaction(ctx.db, (trx) => createUser(trx, { email, name: 'Test admin', password: PASSWORD }));
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, 'login');
    const res = await client.post('/companies', {
      name: 'Sorteringsfirma AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(res, 201, 'create company');
    const base = `/companies/${res.body.id as string}`;
    const made = new Map<string, Made>();

    const customer = async (name: string): Promise<{ id: string; name: string }> => {
      const r = await client.post(`${base}/customers`, { type: 'company', name, organizationNumber: uniqueOrgnr() });
      expectStatus(r, 201, `create customer ${name}`);
      return { id: r.body.id, name };
    };
    /** An invoice of `net` øre at 25 % VAT, issued 14 days before it is due; with `paid`, that much paid on it. */
    const invoice = async (c: { id: string; name: string }, dueDate: string, net: number, paid = 0): Promise<Made> => {
      const r = await client.post(`${base}/invoices`, {
        customerId: c.id,
        issueDate: addDays(dueDate, -14),
        dueDate,
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: net, vatRate: 25 }],
      });
      expectStatus(r, 201, 'create invoice');
      if (paid > 0)
        expectStatus(
          await client.post(`${base}/payments`, { kid: r.body.kid, amount: paid, paymentDate: '2026-11-10' }),
          201,
          'payment',
        );
      const { posting_id } = await ctx.db
        .selectFrom('invoices')
        .select('posting_id')
        .where('id', '=', r.body.id)
        .executeTakeFirstOrThrow();
      const m: Made = {
        id: r.body.id,
        entryId: Number(posting_id),
        invoiceNumber: r.body.invoiceNumber,
        dueDate,
        openAmount: (net * 5) / 4 - paid,
        customerName: c.name,
      };
      if (m.openAmount > 0 && dueDate < TEST_TODAY) made.set(m.id, m);
      return m;
    };
    const get = async (query: string): Promise<ApiResponse> => client.get(`${base}/reminder-list${query}`);
    /** Every page of the list for `query`, `limit` at a time, until nextCursor is null; the ids in the order given. */
    const pageThrough = async (query: string, limit = 2, cursors: string[] = []): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 50; i++) {
        const res: ApiResponse = await get(
          `?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expectStatus(res, 200, `${query} page ${i}`);
        expect(res.body.data.length, `${query} page ${i}`).toBeLessThanOrEqual(limit);
        seen.push(...res.body.data.map((x: { invoiceId: string }) => x.invoiceId));
        cursor = res.body.nextCursor;
        if (!cursor) return seen;
        cursors.push(cursor);
      }
      throw new Error(`${query}: still a nextCursor after 50 pages`);
    };
    return { client, base, made, customer, invoice, get, pageThrough };
  }

  /**
   * Nine overdue invoices: equal due dates (1 and 2, 3 and 9, 6 and 7), equal open amounts (1, 2, 5
   * and 7, the last one by a part payment), names equal but for case (alfa AS, Alfa AS), and æ, ø, å.
   * Beside them, one not yet due and one paid in full: not on the list.
   */
  async function sortWorld() {
    const w = await world();
    const alfa = await w.customer('alfa AS');
    const alfaUpper = await w.customer('Alfa AS');
    const beta = await w.customer('Beta AS');
    const zeta = await w.customer('Zeta AS');
    const aerlig = await w.customer('Ærlig AS');
    const ost = await w.customer('Øst AS');
    const are = await w.customer('Åre AS');
    const i1 = await w.invoice(alfa, '2026-10-01', 80_000); // 1 000 kr
    await w.invoice(beta, '2026-10-01', 80_000); // same due date and amount as i1
    const i3 = await w.invoice(zeta, '2026-09-15', 40_000);
    await w.invoice(aerlig, '2026-11-01', 160_000);
    const i5 = await w.invoice(ost, '2026-08-20', 80_000); // 1 000 kr
    await w.invoice(are, '2026-10-15', 20_000);
    await w.invoice(alfaUpper, '2026-10-15', 120_000, 50_000); // 1 500 kr, 1 000 kr of it open
    const i8 = await w.invoice(alfa, '2026-11-19', 8_000); // one day overdue: waits for the first reminder
    const i9 = await w.invoice(beta, '2026-09-15', 240_000);
    await w.invoice(zeta, '2026-12-01', 50_000); // not yet due
    await w.invoice(ost, '2026-09-01', 30_000, 37_500); // paid in full
    expect(w.made.size).toBe(9);
    // «Vent» set by the accountant on four; the rest are due a reminder.
    for (const inv of [i1, i3, i5, i9]) {
      expectStatus(
        await w.client.post(`${w.base}/invoices/${inv.id}/next-action`, {
          nextAction: 'wait',
          reason: 'Avtalt betaling',
        }),
        201,
        'wait',
      );
    }
    return { ...w, alfa, beta, waiting: new Set([i1.id, i3.id, i5.id, i8.id, i9.id]) };
  }

  let w: Awaited<ReturnType<typeof sortWorld>>;
  let rows: Made[];
  beforeAll(async () => {
    w = await sortWorld();
    rows = [...w.made.values()];
  });

  it.each(SORTS)('sort=%s pages with limit=2 through the whole order: no row twice, none missed', async (sort) => {
    const expected = expectedOrder(rows, sort);
    const seen = await w.pageThrough(`&sort=${sort}`);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(rows.length);
    // One page with everything gives the same order.
    const all = await w.get(`?limit=100&sort=${sort}`);
    expect(all.body.data.map((x: { invoiceId: string }) => x.invoiceId)).toEqual(expected);
    expect(all.body.nextCursor).toBeNull();
  });

  it('orders as the sorts say: the default is sort=dueDate, names ignore case and put æ, ø, å after z', async () => {
    expect(await w.pageThrough('')).toEqual(expectedOrder(rows, 'dueDate'));
    const byName = (await w.get('?sort=customerName')).body.data.map((x: { customerName: string }) => x.customerName);
    // alfa AS and Alfa AS are one name to the list; between them the entry decides.
    expect(byName).toEqual([
      'alfa AS',
      'Alfa AS',
      'alfa AS',
      'Beta AS',
      'Beta AS',
      'Zeta AS',
      'Ærlig AS',
      'Øst AS',
      'Åre AS',
    ]);
    const amounts = (await w.get('?sort=-openAmount')).body.data.map((x: { openAmount: number }) => x.openAmount);
    expect(amounts).toEqual([300_000, 200_000, 100_000, 100_000, 100_000, 100_000, 50_000, 25_000, 10_000]);
    const days = (await w.get('?sort=dueDate')).body.data.map((x: { daysOverdue: number }) => x.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('refuses a cursor with another sort than it was made for, and cursors that are not the list’s', async () => {
    const first = await w.get('?limit=2&sort=openAmount');
    expectStatus(first, 200);
    const cursor = encodeURIComponent(first.body.nextCursor);
    for (const other of ['-openAmount', 'dueDate', 'customerName']) {
      expectProblem(await w.get(`?limit=2&sort=${other}&cursor=${cursor}`), 400, 'validation_failed', `sort=${other}`);
    }
    // Without sort the default (dueDate) applies: the openAmount cursor is refused there too.
    expectProblem(await w.get(`?limit=2&cursor=${cursor}`), 400, 'validation_failed', 'no sort');
    // And a dueDate cursor with an explicit sort=dueDate is the same as without.
    const byDate = await w.get('?limit=2');
    expectStatus(await w.get(`?limit=2&sort=dueDate&cursor=${encodeURIComponent(byDate.body.nextCursor)}`), 200);
    const bad = [
      '?sort=amount',
      '?sort=openamount',
      `?sort=openAmount&cursor=${cursorOf({ s: 'openAmount', k: 'lots', id: 1 })}`, // a key of the wrong type
      `?sort=dueDate&cursor=${cursorOf({ s: 'dueDate', k: '2026-13-40', id: 1 })}`, // not a date
      `?sort=dueDate&cursor=${cursorOf({ d: '2026-10-01', id: 1 })}`, // the cursor before sorting
      `?sort=nope&cursor=${cursorOf({ s: 'nope', k: 1, id: 1 })}`,
    ];
    for (const q of bad) expectProblem(await w.get(q), 400, 'validation_failed', q);
  });

  it.each(SORTS)('sort=%s with nextAction and customerId filters still pages correctly', async (sort) => {
    const all = (await w.get('?limit=100')).body.data as Array<{ invoiceId: string; next: { nextAction: string } }>;
    const waiting = new Set(all.filter((i) => i.next.nextAction === 'wait').map((i) => i.invoiceId));
    expect(waiting).toEqual(w.waiting);
    const reminders = new Set(all.filter((i) => i.next.nextAction === 'reminder').map((i) => i.invoiceId));
    expect(reminders.size).toBe(4);

    const expected = expectedOrder(rows, sort);
    expect(await w.pageThrough(`&sort=${sort}&nextAction=wait`)).toEqual(expected.filter((id) => waiting.has(id)));
    expect(await w.pageThrough(`&sort=${sort}&nextAction=wait`, 1)).toEqual(expected.filter((id) => waiting.has(id)));
    expect(await w.pageThrough(`&sort=${sort}&nextAction=reminder`)).toEqual(
      expected.filter((id) => reminders.has(id)),
    );

    // alfa AS has invoices 1 and 8, Beta AS 2 and 9.
    const ofCustomer = (name: string) => new Set(rows.filter((r) => r.customerName === name).map((r) => r.id));
    for (const c of [w.alfa, w.beta]) {
      const mine = ofCustomer(c.name);
      expect(mine.size).toBe(2);
      expect(await w.pageThrough(`&sort=${sort}&customerId=${c.id}`, 1)).toEqual(expected.filter((id) => mine.has(id)));
      expect(await w.pageThrough(`&sort=${sort}&customerId=${c.id}&nextAction=wait`, 1)).toEqual(
        expected.filter((id) => mine.has(id) && waiting.has(id)),
      );
    }
  });

  it('pages by customer name when the names are long and not ASCII (the cursor carries the name)', async () => {
    const v = await world();
    const long = await v.customer('Ø'.repeat(200));
    const short = await v.customer('Øygarden AS');
    await v.invoice(long, '2026-10-01', 10_000);
    await v.invoice(short, '2026-10-02', 10_000);
    await v.invoice(long, '2026-10-03', 10_000);
    const list = [...v.made.values()];
    for (const sort of ['customerName', '-customerName'] as const) {
      const cursors: string[] = [];
      expect(await v.pageThrough(`&sort=${sort}`, 1, cursors)).toEqual(expectedOrder(list, sort));
      expect(Math.max(...cursors.map((c) => c.length))).toBeGreaterThan(500); // the shared Cursor's limit
    }
  });

  it('documents the sort parameter in the OpenAPI document', async () => {
    const doc = await new ApiClient(ctx.app).get('/openapi.json');
    expectStatus(doc, 200);
    const param = doc.body.paths['/companies/{companyId}/reminder-list'].get.parameters.find(
      (p: { name: string }) => p.name === 'sort',
    );
    expect(param).toMatchObject({ in: 'query', required: false, schema: { enum: [...SORTS], default: 'dueDate' } });
    expect(param.schema.description ?? param.description).toMatch(/cursor/);
  });
});
