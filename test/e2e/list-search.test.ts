/**
 * Issue 18, item 2: the search box of every working list (`?q=`), over HTTP on both backends —
 * Fakturaer, Purreliste, Utkast/Godkjent/i sak, Inkasso, Reskontro and Innbetalinger, by invoice
 * number, customer name and number, KID, case number and amount (total or open, as typed in
 * Norway). Each list answers exactly the rows the one rule (`shared/search.ts`) says, worked out
 * here from the unfiltered list.
 */
import { describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { createCase } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeUser } from '../support/fixtures.js';
import { ApiClient, TEST_TODAY, useTestApp } from '../support/http.js';

const user = { type: 'user' as const, id: null };

interface Invoice {
  id: string;
  invoiceNumber: number;
  customerId: string;
  customerNumber: number;
  kid: string;
  totalAmount: number;
  openAmount: number;
}

describe.each(BACKENDS)('searching the working lists on %s', (backend) => {
  const ctx = useTestApp(backend);

  /**
   * Three customers and five overdue invoices: Alfa's two on the reminder list (one part paid by
   * KID), Bergen's on the draft list, Cirkus' one approved and one in case INK-77.
   */
  async function world() {
    const company = await makeCompany(ctx.db, { sendsOwnCollectionNotice: false });
    const accountant = await makeUser(ctx.db, company.id, 'accountant');
    const client = new ApiClient(ctx.app);
    expect((await client.login(accountant.email, accountant.password)).status).toBe(200);
    const base = `/companies/${company.id}`;
    const post = async (path: string, body: unknown) => {
      const res = await client.post(`${base}${path}`, body);
      expect(res.status, `POST ${path} → ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const { agency } = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Søk Inkasso AS' }),
    );
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const alfa = await post('/customers', { type: 'company', name: 'Alfa Regnskap AS' });
    const bergen = await post('/customers', { type: 'company', name: 'Bergen Bakeri AS' });
    const cirkus = await post('/customers', { type: 'company', name: 'Cirkus Nord AS' });
    const invoice = (customerId: string, net: number): Promise<Invoice> =>
      post('/invoices', {
        customerId,
        issueDate: '2026-08-01',
        dueDate: '2026-08-15',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: net, vatRate: 25 }],
      });
    const a1 = await invoice(alfa.id, 100_000); // kr 1 250,00
    const a2 = await invoice(alfa.id, 200_000); // kr 2 500,00
    const b1 = await invoice(bergen.id, 300_000); // kr 3 750,00
    const c1 = await invoice(cirkus.id, 400_000); // kr 5 000,00
    const c2 = await invoice(cirkus.id, 500_000); // kr 6 250,00
    const payment = await post('/payments', {
      kid: a1.kid,
      amount: 25_000,
      paymentDate: '2026-10-01',
      reference: 'Nettbank',
    }); // a1: kr 1 000,00 open
    await inTransaction(ctx.db, async (trx) => {
      await sendToCollection(trx, company.id, b1.id, { today: TEST_TODAY }, user);
      for (const inv of [c1, c2]) {
        const draft = await sendToCollection(trx, company.id, inv.id, { today: TEST_TODAY }, user);
        await approveHandover(trx, company.id, draft.id, user);
      }
      await createCase(trx, agency.id, company.id, { caseNumber: 'INK-77', invoiceIds: [c2.id] });
    });
    const get = async (path: string) => {
      const res = await client.get(`${base}${path}`);
      expect(res.status, `GET ${path} → ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.data as Array<Record<string, unknown>>;
    };
    return { base, client, get, customers: { alfa, bergen, cirkus }, invoices: { a1, a2, b1, c1, c2 }, payment };
  }

  it('finds each list’s rows by invoice number, customer, KID, case number and amount — and nothing else', async () => {
    const w = await world();
    const { a1, a2, b1, c1, c2 } = w.invoices;
    const q = (s: string) => `q=${encodeURIComponent(s)}`;

    // Fakturaer: exactly the invoices the rule names, worked out from the whole list.
    const all = (await w.get('/invoices?limit=100')) as unknown as Invoice[];
    expect(all).toHaveLength(5);
    const names: Record<string, string> = {
      [w.customers.alfa.id]: 'Alfa Regnskap AS',
      [w.customers.bergen.id]: 'Bergen Bakeri AS',
      [w.customers.cirkus.id]: 'Cirkus Nord AS',
    };
    const rule = (s: string, amount: number | null) => (i: Invoice) =>
      (/^\d+$/.test(s) && (i.invoiceNumber === Number(s) || i.customerNumber === Number(s) || i.kid === s)) ||
      names[i.customerId]!.toLowerCase().includes(s.toLowerCase()) ||
      (amount !== null && (i.totalAmount === amount || i.openAmount === amount));
    const invoiceSearch = async (s: string, amount: number | null, mustFind: string[]) => {
      const rows = (await w.get(`/invoices?${q(s)}`)) as unknown as Invoice[];
      const ids = rows.map((r) => r.id).sort();
      expect(ids, `q=${s}`).toEqual(
        all
          .filter(rule(s, amount))
          .map((i) => i.id)
          .sort(),
      );
      for (const id of mustFind) expect(ids, `q=${s} finds ${id}`).toContain(id);
      return ids;
    };
    await invoiceSearch(String(a2.invoiceNumber), Number(a2.invoiceNumber) * 100, [a2.id]);
    expect(await invoiceSearch(a1.kid, null, [a1.id])).toEqual([a1.id]);
    expect(await invoiceSearch('bakeri', null, [b1.id])).toEqual([b1.id]);
    await invoiceSearch(String(w.customers.cirkus.customerNumber), null, [c1.id, c2.id]);
    expect(await invoiceSearch('1 250,00', 125_000, [a1.id])).toEqual([a1.id]); // its total
    expect(await invoiceSearch('kr 1000', 100_000, [a1.id])).toEqual([a1.id]); // its open amount
    expect(await invoiceSearch('ingen slik kunde', null, [])).toEqual([]);
    // The search and the other filters together.
    expect((await w.get(`/invoices?${q('alfa')}&customerId=${w.customers.bergen.id}`)).length).toBe(0);

    // Purreliste: only Alfa's invoices are on it (the others are with the agency).
    const reminder = async (s: string) =>
      (await w.get(`/reminder-list?${q(s)}`)).map((r) => r.invoiceId as string).sort();
    expect(await reminder('ALFA')).toEqual([a1.id, a2.id].sort());
    expect(await reminder(String(a2.invoiceNumber))).toContain(a2.id);
    expect(await reminder(a1.kid)).toEqual([a1.id]);
    expect(await reminder('2 500')).toEqual([a2.id]);
    expect(await reminder('bergen')).toEqual([]);

    // Utkast, Godkjent and «i sak»: the handover lists, each only its own rows.
    const handovers = async (list: string, s: string) =>
      (await w.get(`/handovers?list=${list}&${q(s)}`)).map((r) => r.invoiceId as string).sort();
    expect(await handovers('draft', 'bergen')).toEqual([b1.id]);
    expect(await handovers('draft', String(b1.invoiceNumber))).toContain(b1.id);
    expect(await handovers('draft', b1.kid)).toEqual([b1.id]);
    expect(await handovers('draft', '3 750,00')).toEqual([b1.id]);
    expect(await handovers('draft', 'cirkus')).toEqual([]);
    expect(await handovers('approved', 'cirkus')).toEqual([c1.id]);
    expect(await handovers('approved', c1.kid)).toEqual([c1.id]);
    expect(await handovers('in_case', 'ink-77')).toEqual([c2.id]);
    expect(await handovers('in_case', 'alfa')).toEqual([]);

    // Inkasso: the case by its number (any case), its customer, its invoice's number, KID or amount.
    const cases = async (s: string) => (await w.get(`/cases?${q(s)}`)).map((r) => r.caseNumber as string);
    expect(await cases('INK-77')).toEqual(['INK-77']);
    expect(await cases('ink-77')).toEqual(['INK-77']);
    expect(await cases('cirkus nord')).toEqual(['INK-77']);
    expect(await cases(String(c2.invoiceNumber))).toEqual(['INK-77']);
    expect(await cases(c2.kid)).toEqual(['INK-77']);
    expect(await cases('6 250,00')).toEqual(['INK-77']);
    expect(await cases(c1.kid)).toEqual([]); // approved, not in the case
    expect(await cases('INK-7')).toEqual([]); // a case number is matched whole

    // Reskontro: open items by customer, invoice, KID, and amount (open or in full, either sign).
    const openItems = async (s: string, extra = '') =>
      (await w.get(`/open-items?${q(s)}${extra}`)).map((r) => `${r.invoiceNumber ?? '-'}:${r.openAmount}`).sort();
    expect(await openItems('alfa')).toEqual([`${a1.invoiceNumber}:100000`, `${a2.invoiceNumber}:250000`].sort());
    expect(await openItems(a1.kid)).toEqual([`${a1.invoiceNumber}:100000`]);
    expect(await openItems('1 000,00')).toEqual([`${a1.invoiceNumber}:100000`]);
    expect(await openItems('250', '&includeClosed=true')).toEqual(['-:0']); // the payment, matched in full
    expect(await openItems(String(c2.invoiceNumber))).toContain(`${c2.invoiceNumber}:625000`);

    // Innbetalinger: the payment by its invoice's number, its customer, its KID and its amount.
    const payments = async (s: string) => (await w.get(`/payments?${q(s)}`)).map((r) => r.id as string);
    expect(await payments(String(a1.invoiceNumber))).toContain(w.payment.id);
    expect(await payments('alfa regnskap')).toEqual([w.payment.id]);
    expect(await payments(a1.kid)).toEqual([w.payment.id]);
    expect(await payments('250,00')).toEqual([w.payment.id]);
    expect(await payments('bergen')).toEqual([]);
  });

  it('a search too long is refused with the field named, and % or _ are letters, not wildcards', async () => {
    const w = await world();
    const res = await w.client.get(`${w.base}/invoices?q=${'x'.repeat(101)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(res.body)).toContain('q');
    expect(await w.get('/invoices?q=%25')).toEqual([]);
    expect(await w.get('/invoices?q=_')).toEqual([]);
    // Only spaces: no search at all.
    expect(await w.get('/invoices?q=%20%20')).toHaveLength(5);
  });
});
