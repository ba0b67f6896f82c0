/**
 * Issue 18 in Chromium (the real server in-process on PGlite with the demo company, as ui.test.ts):
 * the search box of the working lists — typed, kept in the URL (`?sok=`), read back after a reload,
 * answered by the server — on Fakturaer, Purreliste, Reskontro and Innbetalinger; Kunder and the
 * customer card with its account statement PDF; «Til behandling» with its count in the navigation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInChromium, shot, signIn, startUiWorld, type UiWorld } from './harness.js';
import { budget } from '../support/progress.js';

const ACCOUNTANT = 'regnskap@demo.innfri.no';

interface InvoiceJson {
  id: string;
  invoiceNumber: number;
  customerId: string;
  customerName: string;
  kid: string;
  totalAmount: number;
  openAmount: number;
}

describeInChromium('test/browser/records.test.ts')(
  'search, the customer card and the inbox in Chromium',
  { timeout: budget(60_000) },
  () => {
    let ui: UiWorld;
    let page: Page;
    let companyId: string;

    const apiGet = async <T>(path: string): Promise<T> => {
      const res = await page.request.get(`/api/v1/companies/${companyId}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };
    const searchBox = () => page.getByRole('search').getByRole('searchbox', { name: 'Søk' });

    beforeAll(async () => {
      ui = await startUiWorld({ invoiceCount: 60, prefix: 'innfri-records-ui-' });
      companyId = ui.companyId;
      page = await ui.newPage();
      await signIn(page, ACCOUNTANT);
    }, budget(180_000));

    afterAll(async () => ui?.close());

    it('Fakturaer: a customer’s name, then a KID, filter the list on the server and stay in the URL', async () => {
      const all = await apiGet<{ data: InvoiceJson[] }>('/invoices?limit=200');
      const target = all.data[0]!;
      const word = target.customerName.split(' ')[0]!;
      const expected = await apiGet<{ data: InvoiceJson[] }>(`/invoices?limit=200&q=${encodeURIComponent(word)}`);
      expect(expected.data.length).toBeGreaterThan(0);
      expect(expected.data.length).toBeLessThan(all.data.length);

      await page.goto(`/c/${companyId}/fakturaer`);
      await searchBox().fill(word);
      await page.waitForURL((url) => url.searchParams.get('sok') === word);
      const rows = page.locator('table tbody tr');
      await expect.poll(() => rows.count()).toBe(expected.data.length);
      for (const text of await rows.allTextContents()) expect(text.toLowerCase()).toContain(word.toLowerCase());
      await shot(page, 'records-01-invoices-search');

      // A reload (or a shared link) gives the same search and the same rows.
      await page.reload();
      await expect.poll(() => searchBox().inputValue()).toBe(word);
      await expect.poll(() => rows.count()).toBe(expected.data.length);

      // The status filter keeps the search.
      await page.getByRole('button', { name: 'Åpne', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'open');
      expect(new URL(page.url()).searchParams.get('sok')).toBe(word);

      await searchBox().fill(target.kid);
      await page.waitForURL((url) => url.searchParams.get('sok') === target.kid);
      await page.getByRole('button', { name: 'Alle', exact: true }).click();
      await expect.poll(() => rows.count()).toBe(1);
      await expect(rows.first().textContent()).resolves.toContain(String(target.invoiceNumber));

      await searchBox().fill('ingen slik kunde finnes');
      await page.getByText('Ingen treff på «ingen slik kunde finnes».').waitFor();
      await searchBox().fill('');
      await page.waitForURL((url) => !url.searchParams.has('sok'));
    });

    it('Purreliste, Reskontro and Innbetalinger search by invoice number and customer too', async () => {
      const list = await apiGet<{ data: Array<{ invoiceNumber: number; customerName: string }> }>(
        '/reminder-list?limit=200',
      );
      const first = list.data[0]!;
      await page.goto(`/c/${companyId}/purreliste?sok=${first.invoiceNumber}`);
      const rows = page.locator('table.reminder-table tbody tr');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      const texts = await rows.allTextContents();
      expect(texts.some((t) => t.includes(String(first.invoiceNumber)))).toBe(true);
      await shot(page, 'records-02-reminder-list-search');

      const name = first.customerName;
      await page.goto(`/c/${companyId}/reskontro`);
      await searchBox().fill(name);
      await page.waitForURL((url) => url.searchParams.get('sok') === name);
      const ledgerRows = page.locator('table.ledger-table tbody tr');
      await expect.poll(() => ledgerRows.count()).toBeGreaterThan(0);
      for (const text of await ledgerRows.allTextContents()) expect(text).toContain(name);

      const payments = await apiGet<{ data: Array<{ customerName: string }> }>('/payments?limit=1');
      const payer = payments.data[0]!.customerName;
      await page.goto(`/c/${companyId}/innbetalinger?sok=${encodeURIComponent(payer)}`);
      const paymentRows = page.locator('table.payments-table tbody tr');
      await expect.poll(() => paymentRows.count()).toBeGreaterThan(0);
      for (const text of await paymentRows.allTextContents()) expect(text).toContain(payer);
    });

    it('Kunder: a customer found by name, its card, and the account statement as PDF', async () => {
      const customers = await apiGet<{ data: Array<{ id: string; name: string; customerNumber: number }> }>(
        '/customers?limit=5',
      );
      const c = customers.data[2]!;
      await page.goto(`/c/${companyId}/kunder`);
      await searchBox().fill(c.name);
      await page.waitForURL((url) => url.searchParams.get('sok') === c.name);
      await page.getByRole('link', { name: c.name, exact: true }).click();
      await page.getByRole('heading', { name: c.name }).waitFor();
      await page.getByText(`Kundenummer ${c.customerNumber}`).waitFor();
      const link = page.getByRole('link', { name: 'Last ned kontoutskrift (PDF)' });
      const href = (await link.getAttribute('href'))!;
      expect(href).toContain(`/customers/${c.id}/statement/pdf?from=2026-01-01&to=`);
      // The browser's today is the machine's; the test server's is fixed, so ask for a period up to it.
      const url = new URL(href, 'http://x');
      url.searchParams.set('to', '2026-11-20');
      const res = await page.request.get(`${url.pathname}?${url.searchParams}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      await shot(page, 'records-03-customer-card');
    });

    it('«Til behandling»: the navigation counts what the API lists, and each item links to where it is decided', async () => {
      const inbox = await apiGet<{ total: number; truncated: boolean; items: Array<{ key: string; kind: string }> }>(
        '/inbox',
      );
      await page.goto(`/c/${companyId}/til-behandling`);
      await page.getByRole('heading', { name: 'Til behandling', level: 1 }).waitFor();
      const badge = page.getByTestId('inbox-count');
      if (inbox.total === 0) {
        await page.getByText('Ingenting venter på deg').waitFor();
        expect(await badge.count()).toBe(0);
      } else {
        await expect.poll(() => badge.locator('[aria-hidden="true"]').textContent()).toBe(String(inbox.total));
        const rows = page.locator('.inbox-item');
        await expect.poll(() => rows.count()).toBe(inbox.items.length);
        for (const link of await page.locator('.inbox-item a').all())
          expect(await link.getAttribute('href')).toMatch(new RegExp(`^/c/${companyId}/`));
      }
      await shot(page, 'records-04-inbox');
    });
  },
);
