/**
 * Issue 18, item 3: the customer card's account statement (kontoutskrift) over HTTP on both
 * backends — the balance before the period, the period's entries (invoices, a payment, a credit
 * note, a reminder fee) with the running balance, the balance after it, and the same figures read
 * back from the PDF's text; a period the wrong way round or in the future refused; another
 * company's customer not found.
 */
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { formatKr, ore } from '../../src/shared/money.js';
import { customerBalance } from '../../src/ledger/open-item.service.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeUser } from '../support/fixtures.js';
import { ApiClient, getBinary, TEST_TODAY, useTestApp } from '../support/http.js';

const kr = (n: number) => formatKr(ore(n), 'nb');

describe.each(BACKENDS)('the account statement on %s', (backend) => {
  const ctx = useTestApp(backend);

  async function world() {
    const company = await makeCompany(ctx.db, { name: 'Kreditor AS' });
    const accountant = await makeUser(ctx.db, company.id, 'accountant');
    const client = new ApiClient(ctx.app);
    expect((await client.login(accountant.email, accountant.password)).status).toBe(200);
    const base = `/companies/${company.id}`;
    const post = async (path: string, body: unknown) => {
      const res = await client.post(`${base}${path}`, body);
      expect(res.status, `POST ${path} → ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    const customer = await post('/customers', { type: 'company', name: 'Kontoutskrift Kunde AS' });
    const other = await post('/customers', { type: 'company', name: 'Annen Kunde AS' });
    const invoice = (customerId: string, net: number, issueDate: string, dueDate: string) =>
      post('/invoices', {
        customerId,
        issueDate,
        dueDate,
        lines: [{ description: 'Rådgivning', quantity: 1, unitPrice: net, vatRate: 25 }],
      });
    const before = await invoice(customer.id, 80_000, '2026-05-02', '2026-05-16'); // kr 1 000,00, before the period
    const i1 = await invoice(customer.id, 200_000, '2026-07-01', '2026-07-15'); // kr 2 500,00
    const i2 = await invoice(customer.id, 40_000, '2026-08-01', '2026-08-15'); // kr 500,00
    await invoice(other.id, 999_900, '2026-07-10', '2026-07-24'); // another customer: not on it
    await post('/payments', { kid: i1.kid, amount: 150_000, paymentDate: '2026-08-20', reference: 'Nettbank' });
    await post(`/invoices/${i2.id}/credit-notes`, { issueDate: '2026-09-01' });
    await post(`/invoices/${i1.id}/letters`, { type: 'reminder', sendDate: '2026-10-01' });
    await invoice(customer.id, 10_000, '2026-11-15', '2026-11-29'); // after the period
    return { company, client, base, customer, other, before, i1, i2 };
  }

  it('opening balance, the period’s entries with running balance, closing balance — in JSON and in the PDF', async () => {
    const w = await world();
    const res = await w.client.get(`${w.base}/customers/${w.customer.id}/statement?from=2026-06-01&to=2026-10-31`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s.openingBalance).toBe(100_000);
    const lines = s.lines as Array<{
      date: string;
      voucherType: string;
      invoiceNumber: number | null;
      amount: number;
      balance: number;
    }>;
    expect(lines.map((l) => [l.date, l.voucherType, l.invoiceNumber, l.amount])).toEqual([
      ['2026-07-01', 'invoice', w.i1.invoiceNumber, 250_000],
      ['2026-08-01', 'invoice', w.i2.invoiceNumber, 50_000],
      ['2026-08-20', 'payment', null, -150_000],
      ['2026-09-01', 'credit_note', null, -50_000],
      ['2026-10-01', 'reminder_fee', w.i1.invoiceNumber, expect.any(Number)],
    ]);
    const fee = lines[4]!.amount;
    expect(fee).toBeGreaterThan(0);
    // Each balance is the one before plus the entry; the closing balance is the last.
    let running = 100_000;
    for (const l of lines) {
      running += l.amount;
      expect(l.balance).toBe(running);
    }
    expect(s.closingBalance).toBe(100_000 + 250_000 + 50_000 - 150_000 - 50_000 + fee);
    // Today the customer owes that, plus the invoice after the period.
    expect(await customerBalance(ctx.db, w.company.id, w.customer.id)).toBe(s.closingBalance + 12_500);

    const pdf = await getBinary(
      w.client,
      `${w.base}/customers/${w.customer.id}/statement/pdf?from=2026-06-01&to=2026-10-31`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(
      `kontoutskrift-${w.customer.customerNumber}-2026-06-01-2026-10-31.pdf`,
    );
    const { text } = await extractText(pdf.bytes, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ').replace(/\u00a0/g, ' ');
    expect(flat).toContain('Kontoutskrift');
    expect(flat).toContain('Kontoutskrift Kunde AS');
    expect(flat).toContain('Kreditor AS');
    expect(flat).toContain('01.06.2026–31.10.2026');
    expect(flat).toContain(`Inngående saldo ${kr(100_000)}`);
    expect(flat).toContain(`Faktura ${w.i1.invoiceNumber}`);
    expect(flat).toContain('Innbetaling');
    expect(flat).toContain('Kreditnota');
    expect(flat).toContain(`Purregebyr ${w.i1.invoiceNumber}`);
    expect(flat).toContain(`Utgående saldo ${kr(s.closingBalance)}`);
    expect(flat).toContain(`Saldo i vår favør 31.10.2026: ${kr(s.closingBalance)}`);
    for (const l of lines) expect(flat).toContain(kr(Math.abs(l.amount)));
    expect(flat).not.toContain('Annen Kunde');
    expect(flat).not.toContain(kr(1_249_875));
  });

  it('refuses a period the wrong way round or ending after today, and another company’s customer', async () => {
    const w = await world();
    const path = `${w.base}/customers/${w.customer.id}/statement`;
    const backwards = await w.client.get(`${path}?from=2026-10-31&to=2026-06-01`);
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({ code: 'validation_failed', reason: 'invalid_period' });
    const future = await w.client.get(`${path}/pdf?from=2026-06-01&to=2026-12-31`);
    expect(future.status).toBe(422);
    expect(future.body.detail).toContain(TEST_TODAY);
    expect((await w.client.get(`${path}?from=2026-06-01`)).status).toBe(400);

    const stranger = await world();
    const res = await stranger.client.get(
      `${stranger.base}/customers/${w.customer.id}/statement?from=2026-06-01&to=2026-10-31`,
    );
    expect(res.status).toBe(404);
  });
});
