/**
 * Reskontro, Innbetalinger and Fakturaer in a real browser (as ui.test.ts: the real server in-process
 * on PGlite with the demo company, Debian's Chromium via playwright-core, screenshots to
 * test-results/screenshots/): a payment by KID changes the invoice's open amount, Avskriv takes an
 * invoice out of the open items (checked in the API and the database too), and a new invoice with
 * two lines shows its totals before and after it is posted.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebUi, CHROMIUM, CHROMIUM_ARGS, hasChromium, inCi, openPage, SHOTS } from './harness.js';
import type { Db } from '../../src/db/database.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { type RunningServer, startServer } from '../../src/server.js';

const TODAY = '2026-11-20';
const ACCOUNTANT = 'regnskap@demo.innfri.no';
const KR = /^-?kr \d{1,3}(?: \d{3})*,\d{2}$/;
const DATE = /^\d{2}\.\d{2}\.\d{4}$/;

interface InvoiceJson {
  id: string;
  invoiceNumber: number;
  customerId: string;
  customerName: string;
  kid: string;
  totalAmount: number;
  openAmount: number;
  netAmount: number;
  vatAmount: number;
}

/** `kr 1 234,50` as formatKr writes it in bokmål (no-break spaces normalised for comparison). */
function kr(ore: number): string {
  const abs = Math.abs(ore);
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${ore < 0 ? '-' : ''}kr ${whole},${String(abs % 100).padStart(2, '0')}`;
}
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

if (!hasChromium && !inCi) console.warn(`\n!! test/browser/ledger.test.ts is SKIPPED: ${CHROMIUM} is missing (apt-get install chromium).\n`);

(hasChromium || inCi ? describe : describe.skip)('Reskontro, Innbetalinger and Fakturaer in Chromium', { timeout: 60_000 }, () => {
  let dataDir: string;
  let webDist: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: Db;
  let companyId: string;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  const apiGet = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(`/api/v1/companies/${companyId}${path}`);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`Chromium is missing at ${CHROMIUM}`);
    webDist = await buildWebUi();
    await mkdir(SHOTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'innfri-ledger-ui-'));
    server = await startServer({ target: { kind: 'pglite', dataDir }, port: 0, config: { today: () => TODAY }, webhooks: false, webDist });
    db = server.database.db;
    const demo = await seedDemo(db, { onlyIfEmpty: false, today: TODAY, invoiceCount: 60 });
    if (!demo) throw new Error('the demo company was not seeded');
    companyId = demo.companyId;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    ({ context, page } = await openPage(browser, server.url, { pageErrors, cspViolations }));

    await page.goto('/');
    await page.getByLabel('E-post').fill(ACCOUNTANT);
    await page.getByLabel('Passord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const nav = (name: string) => page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name, exact: true });

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
    await page.getByRole('textbox', { name: 'KID', exact: true }).fill(invoice.kid);
    await page.getByLabel('Beløp').fill('150,50');
    await page.getByRole('button', { name: 'Registrer', exact: true }).click();

    const result = page.locator('.payment-result');
    await result.getByText('Innbetaling på kr 150,50 er registrert.').waitFor();
    expect(plain(await result.textContent())).toContain(`Avstemt mot fakturaen: ${kr(paid)}`);
    expect(plain(await result.textContent())).toContain('Kundens tilgode (ikke avstemt): kr 0,00');
    expect(plain(await result.locator('.invoice-open').textContent())).toBe(`Åpent på fakturaen nå: ${kr(invoice.openAmount - paid)}`);
    // The recent list has it, with kr and dd.mm.yyyy.
    const row = page.locator('.payments-table tbody tr').filter({ hasText: invoice.kid }).first();
    await row.waitFor();
    expect(plain(await row.locator('td.money').textContent())).toMatch(KR);
    expect(plain(await row.locator('td.date').textContent())).toMatch(DATE);
    await shot(page, 'ledger-01-payment-by-kid');

    await result.getByRole('link', { name: 'Vis faktura' }).click();
    await page.getByRole('heading', { name: new RegExp(`^Faktura ${invoice.invoiceNumber}`), level: 1 }).waitFor();
    expect(plain(await page.locator('[data-amount="open"]').textContent())).toBe(kr(invoice.openAmount - paid));
    await page.locator('.invoice-matches').getByText(/^Innbetaling /).first().waitFor();
    const after = await apiGet<InvoiceJson>(`/invoices/${invoice.id}`);
    expect(after.openAmount).toBe(invoice.openAmount - paid);
    await shot(page, 'ledger-02-invoice-after-payment', true);
    await expectFits(page);
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
    await page.getByRole('option', { name: new RegExp(escapeRegExp(invoice.customerName)) }).first().waitFor();
    await picker.press('Enter');
    await page.locator('.picked-name').filter({ hasText: invoice.customerName }).waitFor();
    const row = page.locator(`.ledger-table tbody tr[data-invoice-number="${invoice.invoiceNumber}"]`);
    await row.waitFor();
    expect(plain(await row.locator('td.money').nth(1).textContent())).toBe(kr(invoice.openAmount));

    await row.getByRole('button', { name: /^Avskriv / }).click();
    const dialog = page.getByRole('dialog', { name: `Avskriv faktura ${invoice.invoiceNumber}` });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Beløp').inputValue()).toBe(plain(kr(invoice.openAmount)).replace(/^kr /, '').replace(/ /g, ''));
    expect(await dialog.getByLabel('Tapskonto').inputValue()).toBe('7830');
    await dialog.getByText(/fortsetter byrået å kreve den inn/).waitFor();
    await dialog.getByLabel('Begrunnelse').fill('Konkurs, ikke dekning');
    await shot(page, 'ledger-04-write-off-dialog');
    await dialog.getByRole('button', { name: 'Avskriv', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: `Faktura ${invoice.invoiceNumber} er avskrevet med ${kr(invoice.openAmount)} på konto 7830` }).waitFor();
    await row.waitFor({ state: 'detached' });
    await shot(page, 'ledger-05-after-write-off');
    await expectFits(page);

    // The API: nothing open on the invoice, and not among the customer's open items.
    const after = await apiGet<InvoiceJson>(`/invoices/${invoice.id}`);
    expect(after.openAmount).toBe(0);
    const items = await apiGet<{ data: Array<{ invoiceId: string | null; voucherType: string; openAmount: number }> }>(`/open-items?customerId=${invoice.customerId}&limit=200`);
    expect(items.data.filter((i) => i.invoiceId === invoice.id && i.voucherType === 'invoice')).toEqual([]);
    // The database: the invoice's entry is closed, and a write-off voucher posts the loss on 7830.
    const entry = await db.selectFrom('open_items').select(['open_amount']).where('invoice_id', '=', invoice.id).where('voucher_type', '=', 'invoice').executeTakeFirstOrThrow();
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
    await page.locator(`.ledger-table tbody tr[data-invoice-number="${invoice.invoiceNumber}"]`).first().getByText('Lukket').waitFor();
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
    await page.getByRole('option', { name: new RegExp(escapeRegExp(customer.name)) }).first().click();

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
    await page.getByRole('status').filter({ hasText: /er laget og bokført/ }).waitFor();
    expect(plain(await page.locator('[data-amount="total"]').textContent())).toBe('kr 4 208,85');
    expect(plain(await page.locator('[data-amount="open"]').textContent())).toBe('kr 4 208,85');
    const id = await page.locator('.invoice-view').getAttribute('data-invoice-id');
    const created = await apiGet<InvoiceJson & { lines: unknown[] }>(`/invoices/${id}`);
    expect(created).toMatchObject({ netAmount: 339_900, vatAmount: 80_985, totalAmount: 420_885, openAmount: 420_885 });
    expect(created.lines).toHaveLength(2);
    expect(await page.getByRole('link', { name: /Faktura \(PDF\)/ }).getAttribute('href')).toBe(`/api/v1/companies/${companyId}/invoices/${id}/pdf`);
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
    await page.getByRole('status').filter({ hasText: /Kreditnota \d+ på kr 125,00 er laget/ }).waitFor();
    await page.locator('[data-amount="open"]').filter({ hasText: '4 083,85' }).waitFor();
  });

  it('raised no script errors and no Content-Security-Policy violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function expectFits(page: Page): Promise<void> {
  const [scrollWidth, clientWidth] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const overflowing = (await page.evaluate('Array.from(document.querySelectorAll(".table-wrap")).filter((el) => el.scrollWidth > el.clientWidth + 1).length')) as number;
  expect(overflowing, 'a table scrolls sideways at 1280×800').toBe(0);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}
