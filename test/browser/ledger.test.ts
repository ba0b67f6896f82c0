/**
 * Reskontro, Innbetalinger and Fakturaer in a real browser (as ui.test.ts: the real server in-process
 * on PGlite with the demo company, Debian's Chromium via playwright-core, screenshots to
 * test-results/screenshots/): a payment by KID changes the invoice's open amount and tops the
 * payment list with its customer and invoice number, the payment list pages on the server, Avskriv
 * takes an invoice out of the open items (checked in the API and the database too), and a new
 * invoice with two lines shows its totals before and after it is posted.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DATE,
  describeInChromium,
  expectFits,
  KR,
  kr,
  notice,
  plain,
  shot,
  signIn,
  startUiWorld,
  TODAY,
  type UiWorld,
} from './harness.js';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { budget } from '../support/progress.js';

const ACCOUNTANT = 'regnskap@demo.innfri.no';

interface InvoiceJson {
  id: string;
  invoiceNumber: number;
  customerId: string;
  customerNumber: number;
  customerName: string;
  kid: string;
  totalAmount: number;
  openAmount: number;
  netAmount: number;
  vatAmount: number;
}

describeInChromium('test/browser/ledger.test.ts')(
  'Reskontro, Innbetalinger and Fakturaer in Chromium',
  { timeout: budget(60_000) },
  () => {
    let ui: UiWorld;
    let page: Page;
    let db: Db;
    let companyId: string;

    const apiGet = async <T>(path: string): Promise<T> => {
      const res = await page.request.get(`/api/v1/companies/${companyId}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };

    beforeAll(async () => {
      ui = await startUiWorld({ invoiceCount: 60, prefix: 'innfri-ledger-ui-' });
      db = ui.db;
      companyId = ui.companyId;
      page = await ui.newPage();
      await signIn(page, ACCOUNTANT);
    }, budget(180_000));

    afterAll(async () => ui?.close());

    const nav = (name: string) =>
      page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name, exact: true });

    it('has the three screens in the sidebar', async () => {
      const links = await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allTextContents();
      expect(links).toEqual(expect.arrayContaining(['Reskontro', 'Innbetalinger', 'Fakturaer']));
    });

    it('registers a payment by KID and the invoice’s open amount goes down by it', async () => {
      const open = await apiGet<{ data: InvoiceJson[] }>('/invoices?status=open&limit=50');
      const invoice = open.data.find((i) => i.openAmount > 20_000);
      if (!invoice) throw new Error('the demo has no open invoice above kr 200');
      const paid = 15_050; // kr 150,50

      await nav('Innbetalinger').click();
      await page.getByRole('heading', { name: 'Innbetalinger', level: 1 }).waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      const headers = (await page.locator('.payments-table thead th').allTextContents()).map(plain);
      expect(headers).toEqual(['Dato', 'Kunde', 'Faktura / KID', 'Referanse', 'Beløp']);
      const firstBefore = await page.locator('.payments-table tbody tr').first().getAttribute('data-payment-id');
      // A KID no invoice has (its check digit right under MOD10 and MOD11 alike, so it is not a
      // mistyped KID): refused, said in Norwegian with the KID, and nothing registered.
      const countBefore = (await apiGet<{ data: unknown[] }>('/payments?limit=1000')).data.length;
      await page.getByRole('textbox', { name: 'KID', exact: true }).fill('99999999999100');
      await page.getByLabel('Beløp').fill('100');
      await page.getByRole('button', { name: 'Registrer', exact: true }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Ukjent KID' });
      await refusal.waitFor();
      expect(plain(await refusal.textContent())).toContain('Ingen faktura har KID 99999999999100. Sjekk nummeret');
      expect((await apiGet<{ data: unknown[] }>('/payments?limit=1000')).data.length).toBe(countBefore);
      await page.getByRole('textbox', { name: 'KID', exact: true }).fill(invoice.kid);
      await page.getByLabel('Beløp').fill('150,50');
      // «Today» of the server: no seeded payment is later, so the new one is the newest of all.
      await page.getByLabel('Betalingsdato').fill(TODAY);
      await page.getByLabel('Referanse').fill('Nettbank UI');
      await page.getByRole('button', { name: 'Registrer', exact: true }).click();

      const result = page.locator('.payment-result');
      await result.getByText('Innbetaling på kr 150,50 er registrert.').waitFor();
      expect(plain(await result.textContent())).toContain(`Avstemt mot fakturaen: ${kr(paid)}`);
      expect(plain(await result.textContent())).toContain('Kundens tilgode (ikke avstemt): kr 0,00');
      expect(plain(await result.locator('.invoice-open').textContent())).toBe(
        `Åpent på fakturaen nå: ${kr(invoice.openAmount - paid)}`,
      );
      // The list starts again from the first page and has it on top: date, customer (name and
      // number, linking to the customer's ledger), invoice number (linking to the invoice), KID,
      // reference and amount, in kr and dd.mm.yyyy.
      const row = page.locator('.payments-table tbody tr').first();
      await page.locator('.payments-table tbody tr').filter({ hasText: 'Nettbank UI' }).waitFor();
      const newId = await row.getAttribute('data-payment-id');
      expect(newId).not.toBe(firstBefore);
      const cells = (await row.locator('td').allTextContents()).map(plain);
      expect(cells).toEqual([
        '20.11.2026',
        `${invoice.customerName}Kundenr. ${invoice.customerNumber}`,
        `${invoice.invoiceNumber}${invoice.kid}`,
        'Nettbank UI',
        kr(paid),
      ]);
      expect(cells[4]).toMatch(KR);
      expect(cells[0]).toMatch(DATE);
      expect(await row.getByRole('link', { name: invoice.customerName, exact: true }).getAttribute('href')).toBe(
        `/c/${companyId}/reskontro?kunde=${invoice.customerId}&lukket=1`,
      );
      expect(
        await row.getByRole('link', { name: String(invoice.invoiceNumber), exact: true }).getAttribute('href'),
      ).toBe(`/c/${companyId}/fakturaer/${invoice.id}`);
      // The API's first page says the same.
      const apiFirst = await apiGet<{
        data: Array<{ id: string; customerName: string; invoiceNumber: number | null }>;
        nextCursor: string | null;
      }>('/payments?limit=1');
      expect(apiFirst.data[0]).toMatchObject({
        id: newId,
        customerName: invoice.customerName,
        invoiceNumber: invoice.invoiceNumber,
      });
      await shot(page, 'ledger-01-payment-by-kid');

      await result.getByRole('link', { name: 'Vis faktura' }).click();
      await page.getByRole('heading', { name: new RegExp(`^Faktura ${invoice.invoiceNumber}`), level: 1 }).waitFor();
      expect(plain(await page.locator('[data-amount="open"]').textContent())).toBe(kr(invoice.openAmount - paid));
      await page
        .locator('.invoice-matches')
        .getByText(/^Innbetaling /)
        .first()
        .waitFor();
      const after = await apiGet<InvoiceJson>(`/invoices/${invoice.id}`);
      expect(after.openAmount).toBe(invoice.openAmount - paid);
      await shot(page, 'ledger-02-invoice-after-payment', true);
      await expectFits(page);
    });

    it('pages the payment list on the server: «Vis flere» brings the next page, in the API’s order', async () => {
      // The demo has fewer than two pages of payments: a few prepayments more, older than the rest.
      const customer = (await apiGet<{ data: Array<{ id: string }> }>('/customers?limit=1')).data[0]!;
      const seeded = (await apiGet<{ data: unknown[] }>('/payments?limit=1000')).data.length;
      await inTransaction(db, async (trx) => {
        for (let i = seeded; i < 60; i++)
          await registerPayment(
            trx,
            companyId,
            { customerId: customer.id, amount: ore(1_000 + i), paymentDate: '2026-01-02', reference: `Forskudd ${i}` },
            null,
          );
      });
      const all = await apiGet<{ data: Array<{ id: string }>; nextCursor: string | null }>('/payments?limit=1000');
      expect(all.nextCursor).toBeNull();
      const ids = all.data.map((p) => p.id);
      expect(ids.length).toBe(Math.max(seeded, 60));

      await nav('Innbetalinger').click();
      await page.getByRole('heading', { name: 'Innbetalinger', level: 1 }).waitFor();
      const rows = page.locator('.payments-table tbody tr');
      // The list's own count first: the rows shown before the page's fetch came back are not its answer.
      await page.getByText('Viser 50 innbetalinger, flere finnes').waitFor();
      expect(await rows.count()).toBe(50);
      await page.getByRole('button', { name: 'Vis flere' }).click();
      const shown = Math.min(ids.length, 100);
      await page
        .getByText(shown < ids.length ? `Viser ${shown} innbetalinger, flere finnes` : `Viser ${shown} innbetalinger`, {
          exact: true,
        })
        .waitFor();
      expect(await rows.count()).toBe(shown);
      const uiIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-payment-id')));
      expect(uiIds).toEqual(ids.slice(0, shown));
      if (shown === ids.length) expect(await page.getByRole('button', { name: 'Vis flere' }).count()).toBe(0);
      await expectFits(page);
    });

    it('shows a reminder fee right under the invoice it was charged on, with a link to it', async () => {
      // An open fee item of the demo's letters, and its invoice (both open: the invoice is on the list).
      const fee = await db
        .selectFrom('open_items as o')
        .innerJoin('claim_entries as ce', 'ce.posting_id', 'o.posting_id')
        .innerJoin('invoices as i', 'i.id', 'ce.invoice_id')
        .innerJoin('open_items as io', 'io.posting_id', 'i.posting_id')
        .select([
          'o.posting_id as feeEntry',
          'i.id as invoiceId',
          'i.invoice_number as invoiceNumber',
          'i.customer_id as customerId',
        ])
        .where('o.company_id', '=', companyId)
        .where('o.open_amount', '<>', ore(0))
        .where('io.open_amount', '<>', ore(0))
        .orderBy('i.invoice_number')
        .executeTakeFirst();
      if (!fee) throw new Error('the demo has no open reminder fee on an open invoice');
      await page.goto(`/c/${companyId}/reskontro?kunde=${fee.customerId}`);
      const invoiceRow = page.locator(`.ledger-table tbody tr[data-invoice-number="${fee.invoiceNumber}"]`);
      await invoiceRow.waitFor();
      // The rows after the invoice's: its fee items first (the fee is dated later, yet it follows its invoice).
      const ids = await page
        .locator('.ledger-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entry-id')));
      const invoiceEntry = await invoiceRow.getAttribute('data-entry-id');
      const at = ids.indexOf(invoiceEntry);
      const feesOfInvoice = await db
        .selectFrom('claim_entries as ce')
        .innerJoin('open_items as o', 'o.posting_id', 'ce.posting_id')
        .select('o.posting_id')
        .where('ce.invoice_id', '=', fee.invoiceId)
        .where('o.open_amount', '<>', ore(0))
        .execute();
      expect(ids.slice(at + 1, at + 1 + feesOfInvoice.length).sort()).toEqual(
        feesOfInvoice.map((f) => String(f.posting_id)).sort(),
      );
      const feeRow = page.locator(`.ledger-table tbody tr[data-entry-id="${fee.feeEntry}"]`);
      expect(plain(await feeRow.locator('.cell-note').textContent())).toBe(`Gebyr på faktura ${fee.invoiceNumber}`);
      expect(
        await feeRow.getByRole('link', { name: `Gebyr på faktura ${fee.invoiceNumber}` }).getAttribute('href'),
      ).toBe(`/c/${companyId}/fakturaer/${fee.invoiceId}`);
      await shot(page, 'ledger-05-fee-beside-invoice');
    });

    it('writes off an invoice from Reskontro: it leaves the open items', async () => {
      const open = await apiGet<{ data: InvoiceJson[] }>('/invoices?status=overdue&limit=50');
      const invoice = open.data.at(-1);
      if (!invoice) throw new Error('the demo has no overdue invoice');

      await nav('Reskontro').click();
      await page.getByRole('heading', { name: 'Reskontro', level: 1 }).waitFor();
      await page.locator('.ledger-table tbody tr').first().waitFor();
      const amounts = await page.locator('.ledger-table tbody td.money').allTextContents();
      for (const a of amounts.filter((x) => x.startsWith('kr') || x.startsWith('-kr'))) expect(plain(a)).toMatch(KR);
      await shot(page, 'ledger-03-open-items');
      await expectFits(page);

      // The customer picker: type, arrow down, Enter (keyboard only).
      const picker = page.getByRole('combobox', { name: 'Kunde' });
      await picker.fill(invoice.customerName);
      await page
        .getByRole('option', { name: new RegExp(escapeRegExp(invoice.customerName)) })
        .first()
        .waitFor();
      await picker.press('Enter');
      await page.locator('.picked-name').filter({ hasText: invoice.customerName }).waitFor();
      const row = page.locator(`.ledger-table tbody tr[data-invoice-number="${invoice.invoiceNumber}"]`);
      await row.waitFor();
      expect(plain(await row.locator('td.money').nth(1).textContent())).toBe(kr(invoice.openAmount));

      await row.getByRole('button', { name: /^Avskriv / }).click();
      const dialog = page.getByRole('dialog', { name: `Avskriv faktura ${invoice.invoiceNumber}` });
      await dialog.waitFor();
      expect(await dialog.getByLabel('Beløp').inputValue()).toBe(
        plain(kr(invoice.openAmount)).replace(/^kr /, '').replace(/ /g, ''),
      );
      expect(await dialog.getByLabel('Tapskonto').inputValue()).toBe('7830');
      await dialog.getByText(/fortsetter byrået å kreve den inn/).waitFor();
      await dialog.getByLabel('Begrunnelse').fill('Konkurs, ikke dekning');
      await shot(page, 'ledger-04-write-off-dialog');
      await dialog.getByRole('button', { name: 'Avskriv', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await notice(
        page,
        `Faktura ${invoice.invoiceNumber} er avskrevet med ${kr(invoice.openAmount)} på konto 7830`,
      ).waitFor();
      await row.waitFor({ state: 'detached' });
      await shot(page, 'ledger-05-after-write-off');
      await expectFits(page);

      // The API: nothing open on the invoice, and not among the customer's open items.
      const after = await apiGet<InvoiceJson>(`/invoices/${invoice.id}`);
      expect(after.openAmount).toBe(0);
      const items = await apiGet<{
        data: Array<{ invoiceId: string | null; voucherType: string; openAmount: number }>;
      }>(`/open-items?customerId=${invoice.customerId}&limit=200`);
      expect(items.data.filter((i) => i.invoiceId === invoice.id && i.voucherType === 'invoice')).toEqual([]);
      // The database: the invoice's entry is closed, and a write-off voucher posts the loss on 7830.
      const entry = await db
        .selectFrom('open_items')
        .select(['open_amount'])
        .where('invoice_id', '=', invoice.id)
        .where('voucher_type', '=', 'invoice')
        .executeTakeFirstOrThrow();
      expect(Number(entry.open_amount)).toBe(0);
      const loss = await db
        .selectFrom('postings as p')
        .innerJoin('vouchers as v', 'v.id', 'p.voucher_id')
        .select(['p.amount'])
        .where('v.type', '=', 'write_off')
        .where('v.company_id', '=', companyId)
        .where('p.account', '=', 7830)
        .where('v.description', 'like', `%${invoice.invoiceNumber}%`)
        .execute();
      expect(loss.map((l) => Number(l.amount))).toContain(invoice.openAmount);

      // With closed items shown, it is there as «Lukket».
      await page.getByLabel('Vis lukkede poster').check();
      await page
        .locator(`.ledger-table tbody tr[data-invoice-number="${invoice.invoiceNumber}"]`)
        .first()
        .getByText('Lukket')
        .waitFor();
    });

    it('creates an invoice with two lines and shows its totals', async () => {
      await nav('Fakturaer').click();
      await page.getByRole('heading', { name: 'Fakturaer', level: 1 }).waitFor();
      await page.locator('.invoice-table tbody tr').first().waitFor();
      await shot(page, 'ledger-06-invoices');
      await expectFits(page);

      await page.getByRole('link', { name: 'Ny faktura' }).click();
      await page.getByRole('heading', { name: 'Ny faktura', level: 1 }).waitFor();
      const customers = await apiGet<{ data: Array<{ id: string; name: string }> }>('/customers?limit=5');
      const customer = customers.data[0];
      if (!customer) throw new Error('no customer');
      const picker = page.getByRole('combobox', { name: 'Kunde' });
      await picker.fill(customer.name);
      await page
        .getByRole('option', { name: new RegExp(escapeRegExp(customer.name)) })
        .first()
        .click();

      await page.getByLabel('Beskrivelse, Linje 1').fill('Konsulenttimer');
      await page.getByLabel('Antall, Linje 1').fill('2,5');
      await page.getByLabel('Pris eks. mva, Linje 1').fill('1 200,00');
      await page.getByRole('button', { name: 'Legg til linje' }).click();
      await page.getByLabel('Beskrivelse, Linje 2').fill('Kaffe og lunsj');
      await page.getByLabel('Antall, Linje 2').fill('3');
      await page.getByLabel('Pris eks. mva, Linje 2').fill('133');
      await page.getByLabel('Mva, Linje 2', { exact: true }).selectOption('15');

      // 2,5 × 1 200,00 = 3 000,00 at 25 % (750,00); 3 × 133,00 = 399,00 at 15 % (59,85).
      const total = async (name: string) => plain(await page.locator(`[data-total="${name}"]`).textContent());
      expect(await total('net')).toBe('kr 3 399,00');
      expect(await total('vat-25')).toBe('kr 750,00');
      expect(await total('vat-15')).toBe('kr 59,85');
      expect(await total('total')).toBe('kr 4 208,85');
      await shot(page, 'ledger-07-new-invoice', true);
      await expectFits(page);

      await page.getByRole('button', { name: 'Lag faktura' }).click();
      await notice(page, /er laget og bokført/).waitFor();
      expect(plain(await page.locator('[data-amount="total"]').textContent())).toBe('kr 4 208,85');
      expect(plain(await page.locator('[data-amount="open"]').textContent())).toBe('kr 4 208,85');
      const id = await page.locator('.invoice-view').getAttribute('data-invoice-id');
      const created = await apiGet<InvoiceJson & { lines: unknown[] }>(`/invoices/${id}`);
      expect(created).toMatchObject({
        netAmount: 339_900,
        vatAmount: 80_985,
        totalAmount: 420_885,
        openAmount: 420_885,
      });
      expect(created.lines).toHaveLength(2);
      expect(await page.getByRole('link', { name: /Faktura \(PDF\)/ }).getAttribute('href')).toBe(
        `/api/v1/companies/${companyId}/invoices/${id}/pdf`,
      );
      await shot(page, 'ledger-08-invoice-view', true);
      await expectFits(page);

      // A partial credit note from it.
      await page.getByRole('button', { name: 'Lag kreditnota' }).click();
      const dialog = page.getByRole('dialog', { name: /^Kreditnota for faktura/ });
      await dialog.getByLabel('Delvis: egne linjer').check();
      await dialog.getByLabel('Beskrivelse, Linje 1').fill('Avslag');
      await dialog.getByLabel('Pris eks. mva, Linje 1').fill('100');
      await shot(page, 'ledger-09-credit-note');
      await dialog.getByRole('button', { name: 'Lag kreditnota' }).click();
      await notice(page, /Kreditnota \d+ på kr 125,00 er laget/).waitFor();
      await page.locator('[data-amount="open"]').filter({ hasText: '4 083,85' }).waitFor();
    });

    it('raised no script errors and no Content-Security-Policy violations', () => {
      expect(ui.pageErrors).toEqual([]);
      expect(ui.cspViolations).toEqual([]);
    });
  },
);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
