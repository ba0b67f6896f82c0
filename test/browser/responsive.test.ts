/**
 * Every screen on a phone (390×844), a tablet (768×1024) and a desktop (1280×800), in Chromium:
 * the page never scrolls sideways (a wide table scrolls inside its own box), the navigation is a
 * drawer under 900 px (opened by «Meny», closed by Escape or by choosing a page), and each
 * screen's primary action is on screen and usable (Playwright's actionability: visible, enabled,
 * not covered, inside the window). Inkasso › Utkast is worked on the phone: two drafts approved at
 * once and two rejected with one reason, each checked in the database. Screenshots
 * `responsive-<width>-<screen>.png` in test-results/screenshots/ (git-ignored).
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyAgencies } from '../../src/agencies/agency.service.js';
import { createCase, updateCaseStatus } from '../../src/collection/case.service.js';
import { listHandovers } from '../../src/collection/handover.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { DEMO_AGENCY_NAME } from '../../src/seed/collection.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { ore } from '../../src/shared/money.js';
import { budget } from '../support/progress.js';
import { describeInChromium, shot, startUiWorld, type UiWorld } from './harness.js';

const ACCOUNTANT = 'regnskap@demo.innfri.no';
const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's WCAG 2.1 A/AA violations on the page as it is now (as test/browser/a11y.test.ts runs it). */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(await AXE_SOURCE);
  return (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`,
  )) as string[];
}

const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['tablet', { width: 768, height: 1024 }],
  ['desktop', { width: 1280, height: 800 }],
] as const;

type Primary = (page: Page) => Promise<Locator>;

/** The screens of the main menu (and the ones under them) and the action each is there for. */
const SCREENS: ReadonlyArray<readonly [string, string, Primary]> = [
  ['oversikt', 'oversikt', async (page) => page.locator('svg.chart-aged')],
  [
    'purreliste',
    'purreliste',
    async (page) => {
      // Choose an invoice; the bulk bar's «Utfør neste handling» is the screen's main action.
      await page
        .getByRole('checkbox', { name: /^Velg faktura/ })
        .first()
        .check();
      return page.getByRole('button', { name: 'Utfør neste handling' });
    },
  ],
  [
    'inkasso-utkast',
    'inkasso/utkast',
    async (page) => {
      await page
        .getByRole('checkbox', { name: /^Velg faktura/ })
        .first()
        .check();
      return page.getByRole('button', { name: 'Godkjenn valgte' });
    },
  ],
  ['inkasso-godkjent', 'inkasso/godkjent', async (page) => page.getByRole('button', { name: 'Trekk tilbake' }).first()],
  ['inkasso-apne', 'inkasso/apne', async (page) => page.getByRole('link', { name: /^Utkast/ })],
  ['inkasso-arkivert', 'inkasso/arkivert', async (page) => page.getByRole('link', { name: /^Åpne/ })],
  ['reskontro', 'reskontro', async (page) => page.getByRole('combobox').first()],
  ['innbetalinger', 'innbetalinger', async (page) => page.getByLabel('KID', { exact: true })],
  ['fakturaer', 'fakturaer', async (page) => page.getByRole('link', { name: 'Ny faktura' })],
  ['bilag', 'bilag', async (page) => page.getByRole('link', { name: 'Nytt manuelt bilag' })],
  ['bilag-ny', 'bilag/ny', async (page) => page.getByRole('button', { name: 'Bokfør' })],
  ['oppgjor', 'oppgjor/alle', async (page) => page.locator('.tabs .tab').first()],
  // An accountant reads the settings (an admin changes them) and downloads the SAF-T file here.
  ['innstillinger', 'innstillinger', async (page) => page.getByRole('button', { name: 'Last ned SAF-T' })],
];

/** The page is no wider than the window: nothing makes it scroll sideways. */
async function expectNoSideScroll(page: Page, label: string): Promise<void> {
  const [scrollWidth, clientWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  // Said with the widest culprits (the innermost elements that reach past the window), to fix it by.
  const culprits =
    scrollWidth <= clientWidth
      ? ''
      : ((await page.evaluate(`(() => {
          const w = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1);
          return wide
            .filter((e) => ![...e.children].some((c) => wide.includes(c)))
            .slice(0, 5)
            .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))
            .join(', ');
        })()`)) as string);
  expect(scrollWidth, `${label}: the page scrolls sideways (${culprits})`).toBeLessThanOrEqual(clientWidth);
}

/** Visible, inside the window from side to side, and actionable (enabled, not covered). */
async function expectUsable(page: Page, target: Locator, label: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await expect(target.isVisible(), `${label}: not visible`).resolves.toBe(true);
  const box = await target.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, `${label}: no box`).not.toBeNull();
  expect(box!.x, `${label}: starts left of the window`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${label}: ends right of the window`).toBeLessThanOrEqual(width);
  await target.click({ trial: true, timeout: 5_000 });
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-post').fill(ACCOUNTANT);
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.locator('#main').waitFor();
}

/** Puts every invoice whose next step is collection on the draft list, over the API; their ids. */
async function draftsFor(world: UiWorld): Promise<string[]> {
  const api = `${world.server.url}/api/v1`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ACCOUNTANT, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', accept: 'application/json' };
  const base = `${api}/companies/${world.companyId}`;
  const list = (await (await fetch(`${base}/reminder-list?nextAction=collection&limit=100`, { headers })).json()) as {
    data: Array<{ invoiceId: string }>;
  };
  const ids = list.data.map((i) => i.invoiceId);
  const done = await fetch(`${base}/reminder-list/actions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ action: 'next', invoiceIds: ids }),
  });
  expect(done.status).toBe(200);
  return ids;
}

describeInChromium('test/browser/responsive.test.ts')(
  'every screen on a phone, a tablet and a desktop',
  { timeout: budget(90_000) },
  () => {
    let world: UiWorld;

    beforeAll(async () => {
      world = await startUiWorld({ invoiceCount: 60, prefix: 'innfri-responsive-' });
      const drafts = await draftsFor(world);
      // Utkast needs at least four drafts for the bulk test below.
      expect(drafts.length).toBeGreaterThanOrEqual(4);
    }, budget(240_000));

    afterAll(async () => world?.close());

    it('the sign-in page on a phone: fits, and loads without an error in the console (no 401)', async () => {
      const page = await world.newPage({ width: 390, height: 844 });
      const consoleErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      await page.goto('/');
      await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(consoleErrors).toEqual([]);
      await expectNoSideScroll(page, 'sign-in');
      await expectUsable(page, page.getByRole('button', { name: 'Logg inn' }), 'sign-in');
      await shot(page, 'responsive-390-logg-inn');
    });

    describe.each(VIEWPORTS)('%s', (_name, viewport) => {
      let page: Page;
      const narrow = viewport.width < 900;

      beforeAll(async () => {
        page = await world.newPage(viewport);
        await signIn(page);
      }, budget(60_000));

      it(narrow ? 'the navigation is a drawer behind «Meny»' : 'the navigation is the sidebar', async () => {
        await page.goto(`/c/${world.companyId}/oversikt`);
        await page.getByRole('heading', { name: 'Oversikt', level: 1 }).waitFor();
        const menu = page.getByRole('button', { name: 'Meny' });
        const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
        if (!narrow) {
          expect(await menu.isVisible()).toBe(false);
          await expect(nav.isVisible()).resolves.toBe(true);
          return;
        }
        await expect(nav.isVisible()).resolves.toBe(false);
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        await menu.click();
        await nav.waitFor();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        await expectUsable(page, nav.getByRole('link', { name: 'Innstillinger' }), 'drawer');
        await shot(page, `responsive-${viewport.width}-meny`);
        await page.keyboard.press('Escape');
        await nav.waitFor({ state: 'hidden' });
        expect(await page.evaluate('document.activeElement?.getAttribute("aria-controls")')).toBe('sidebar');
        // Choosing a page goes there and closes the drawer.
        await menu.click();
        await nav.getByRole('link', { name: 'Fakturaer' }).click();
        await page.getByRole('heading', { name: 'Fakturaer', level: 1 }).waitFor();
        await nav.waitFor({ state: 'hidden' });
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
      });

      it.each(SCREENS)('%s', async (name, path, primary) => {
        await page.goto(`/c/${world.companyId}/${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page
          .locator('.loading')
          .first()
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
        await page.waitForLoadState('networkidle');
        const label = `${name} at ${viewport.width}×${viewport.height}`;
        await expectNoSideScroll(page, label);
        await expectUsable(page, await primary(page), label);
        await expectNoSideScroll(page, label);
        await shot(page, `responsive-${viewport.width}-${name}`);
      });

      it('an invoice, and its credit-note dialog inside the window', async () => {
        await page.goto(`/c/${world.companyId}/fakturaer`);
        await page.locator('.invoice-table tbody tr a').first().click();
        await page.getByRole('heading', { name: /^Faktura \d+/, level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoSideScroll(page, 'invoice');
        const creditNote = page.getByRole('button', { name: 'Lag kreditnota' });
        await expectUsable(page, creditNote, 'invoice');
        await shot(page, `responsive-${viewport.width}-faktura`);
        await creditNote.click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        const box = (await dialog.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(box.height).toBeLessThanOrEqual(viewport.height);
        await expectUsable(page, dialog.getByRole('button', { name: 'Avbryt' }), 'credit-note dialog');
        await shot(page, `responsive-${viewport.width}-kreditnota`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      });
    });

    it.each([
      ['phone', 390, 844],
      ['desktop', 1280, 800],
    ] as const)(
      'the customer card on a %s: each section with the customer’s own rows, no side scroll',
      async (_name, width, height) => {
        const db = world.db;
        // The customer of the demo's last approved handover (letters and a payment), in a case of its own
        // (the paid-case test below takes the first approved one).
        const handover = (await listHandovers(db, world.companyId, { states: ['approved', 'in_case'], limit: 10 })).at(
          -1,
        )!;
        if (handover.state === 'approved') {
          const agency = (await companyAgencies(db, world.companyId)).find((a) => a.name === DEMO_AGENCY_NAME)!;
          await inTransaction(db, (trx) =>
            createCase(trx, agency.id, world.companyId, { caseNumber: 'KORT-1', invoiceIds: [handover.invoiceId] }),
          );
        }
        const customer = await db
          .selectFrom('invoices as i')
          .innerJoin('customers as c', 'c.id', 'i.customer_id')
          .select(['c.id', 'c.name'])
          .where('i.id', '=', handover.invoiceId)
          .executeTakeFirstOrThrow();
        const caseNumbers = (
          await db.selectFrom('cases').select('case_number').where('customer_id', '=', customer.id).execute()
        ).map((k) => k.case_number);
        const letters = await db
          .selectFrom('reminders as r')
          .innerJoin('invoices as i', 'i.id', 'r.invoice_id')
          .select(['r.id', 'r.invoice_id', 'i.invoice_number', 'r.sent_date'])
          .where('i.customer_id', '=', customer.id)
          .orderBy('r.sent_date', 'desc')
          .orderBy('r.created_at', 'desc')
          .orderBy('r.id', 'desc')
          .execute();
        const payments = await db
          .selectFrom('payments')
          .select(['id', 'amount'])
          .where('customer_id', '=', customer.id)
          .execute();
        const entries = await db
          .selectFrom('open_items')
          .select(['posting_id', 'open_amount'])
          .where('customer_id', '=', customer.id)
          .execute();
        const openItems = entries.filter((e) => e.open_amount !== ore(0));
        // The newest letter went by e-mail and the server refused it (as the outbox worker records a 550).
        const newest = letters[0]!;
        if (width === 390)
          await db
            .insertInto('mail_messages')
            .values({
              company_id: world.companyId,
              letter_id: newest.id,
              invoice_id: newest.invoice_id,
              to_address: 'feil@kunde.example',
              subject: 'Purring',
              body_text: 'Purring',
              message_id: `<card-${newest.id}@innfri.test>`,
              status: 'failed',
              failure: 'rejected',
              attempts: 1,
              last_code: 550,
              last_response: '550 5.1.1 no such user',
              requested_by: 'user',
              created_by: null,
              finished_at: new Date(),
            })
            .execute();

        const page = await world.newPage({ width, height });
        await signIn(page);
        await page.goto(`/c/${world.companyId}/kunder/${customer.id}`);
        await page.getByRole('heading', { name: customer.name, level: 1 }).waitFor();
        for (const id of ['card-open-items', 'card-letters', 'card-cases', 'card-payments', 'card-history'])
          await page.locator(`[data-section="${id}"] :is(table, .card-empty)`).first().waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoSideScroll(page, `customer card at ${width}`);
        const section = (id: string) => page.locator(`[data-section="${id}"]`);
        const rowsOf = (id: string) => section(id).locator('tbody tr');

        // Cases: exactly the customer's, by number.
        const shownCases = await rowsOf('card-cases').locator('td').first().allTextContents();
        expect(shownCases.map((x) => x.replace(/^Saksnr\.?/, '').trim()).sort()).toEqual([...caseNumbers].sort());
        // Letters: newest first (a page of 20), each with its invoice number; the refused e-mail said with the server's answer.
        const letterRows = rowsOf('card-letters');
        expect(await letterRows.count()).toBe(Math.min(20, letters.length));
        expect(await letterRows.first().textContent()).toContain(String(newest.invoice_number));
        expect(await letterRows.first().locator('[data-delivery]').getAttribute('data-delivery')).toBe('failed');
        expect(await letterRows.first().textContent()).toContain('550 5.1.1 no such user');
        // Payments and open items: the customer's count (up to a page), the amounts formatted.
        expect(await rowsOf('card-payments').count()).toBe(Math.min(50, payments.length));
        expect(await rowsOf('card-open-items').count()).toBe(Math.min(50, openItems.length));
        expect(await rowsOf('card-history').count()).toBe(Math.min(50, entries.length));
        // The account statement's link asks the server for a PDF of this customer.
        const pdf = page.getByRole('link', { name: 'Last ned kontoutskrift (PDF)' });
        await expectUsable(page, pdf, 'statement');
        expect(await pdf.getAttribute('href')).toContain(`/customers/${customer.id}/statement/pdf?from=`);
        if (width === 390) {
          // A phone: the tables are cards, each cell with its column's name.
          expect(await section('card-letters').locator('table.table-cards').count()).toBe(1);
          const firstCell = letterRows.first().locator('td').first();
          expect(await firstCell.getAttribute('data-label')).toBe('Dato');
          expect(
            await page.evaluate(
              `getComputedStyle(document.querySelector('[data-section="card-letters"] tbody td'), '::before').content`,
            ),
          ).toContain('Dato');
        }
        await expectNoSideScroll(page, `customer card at ${width}`);
        await shot(page, `responsive-${width}-kundekort`, true);
        expect(await violations(page)).toEqual([]);
      },
    );

    it('on a phone, the wide lists are cards or scroll inside their own box, never the page', async () => {
      const page = await world.newPage({ width: 390, height: 844 });
      await signIn(page);
      const LISTS: ReadonlyArray<readonly [string, string, boolean]> = [
        ['purreliste', '.reminder-table', false],
        ['fakturaer', '.invoice-table', true],
        ['innbetalinger', '.payments-table', true],
        ['reskontro', '.table', false],
        ['inkasso/apne', '.table', false],
        ['inkasso/arkivert', '.table', false],
        ['oppgjor/alle', '.settlement-table', false],
      ];
      for (const [path, selector, cards] of LISTS) {
        await page.goto(`/c/${world.companyId}/${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page
          .locator('.loading')
          .first()
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
        await page.waitForLoadState('networkidle');
        const table = page.locator(`main ${selector}`).first();
        if ((await table.count()) === 0) continue; // an empty list has no table (its empty state fits)
        const fit = (await page.evaluate(`(() => {
          const t = document.querySelector(${JSON.stringify(`main ${selector}`)});
          const wrap = t.closest('.table-wrap');
          return {
            cards: t.classList.contains('table-cards'),
            tableRight: t.getBoundingClientRect().right,
            wrapRight: wrap ? wrap.getBoundingClientRect().right : null,
            wrapOverflow: wrap ? getComputedStyle(wrap).overflowX : null,
            window: document.documentElement.clientWidth,
          };
        })()`)) as {
          cards: boolean;
          tableRight: number;
          wrapRight: number | null;
          wrapOverflow: string | null;
          window: number;
        };
        if (cards) {
          expect(fit.cards, `${path}: cards`).toBe(true);
          expect(fit.tableRight, `${path}: the cards fit`).toBeLessThanOrEqual(fit.window + 1);
        } else {
          // Wider than the phone: its box scrolls (overflow-x auto) and the box itself fits the window.
          expect(fit.wrapRight, `${path}: inside a .table-wrap`).not.toBeNull();
          expect(fit.wrapRight!, `${path}: the box fits`).toBeLessThanOrEqual(fit.window + 1);
          if (fit.tableRight > fit.window)
            expect(['auto', 'scroll'], `${path}: the box scrolls`).toContain(fit.wrapOverflow);
        }
        await expectNoSideScroll(page, `${path} at 390`);
      }
      // The bank's unmatched queue: its search is kept in the URL, and a search nothing matches says so.
      await page.goto(`/c/${world.companyId}/innbetalinger?banksok=${encodeURIComponent('ingen-slik-betaler')}`);
      const box = page.getByRole('searchbox', { name: 'Søk i innbetalinger uten treff' });
      await box.waitFor();
      expect(await box.inputValue()).toBe('ingen-slik-betaler');
      await page.getByText('Ingen treff på «ingen-slik-betaler».').waitFor();
      await expectNoSideScroll(page, 'bank queue searched at 390');
    });

    it('a paid case on a phone: the status said once, its invoice numbers lead to the invoices, printed without buttons', async () => {
      const db = world.db;
      const agency = (await companyAgencies(db, world.companyId)).find((a) => a.name === DEMO_AGENCY_NAME)!;
      const [approved] = await listHandovers(db, world.companyId, { states: ['approved'], limit: 1 });
      const kase = await inTransaction(db, (trx) =>
        createCase(trx, agency.id, world.companyId, { caseNumber: 'RESP-1', invoiceIds: [approved!.invoiceId] }),
      );
      // The agency's text only says the status again: the header and the history say «Betalt» once.
      await inTransaction(db, (trx) =>
        updateCaseStatus(trx, agency.id, world.companyId, 'RESP-1', {
          status: 'paid',
          statusText: 'Betalt',
          agencyBalance: ore(0),
        }),
      );
      const page = await world.newPage({ width: 390, height: 844 });
      await signIn(page);
      await page.goto(`/c/${world.companyId}/inkasso/sak/${kase.id}`);
      await page.getByRole('heading', { name: 'Sak RESP-1', level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const meta = (await page.locator('.case-meta').textContent()) ?? '';
      expect(meta.match(/Betalt/g)).toHaveLength(1);
      for (const line of await page.locator('.timeline-item').allTextContents())
        expect(line.match(/Betalt/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
      await expectNoSideScroll(page, 'case');
      await shot(page, 'responsive-390-sak', true);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.topbar').isVisible()).toBe(false);
      expect(await page.locator('.case-panel').first().isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
      const link = page.getByRole('link', { name: String(approved!.invoiceNumber), exact: true });
      await expectUsable(page, link, 'the invoice number');
      await link.click();
      await page.getByRole('heading', { name: new RegExp(`^Faktura ${approved!.invoiceNumber}`), level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/c/${world.companyId}/fakturaer/${approved!.invoiceId}`);
    });

    it('on a phone, axe finds nothing on Utkast as cards, the open menu, and the rejection dialog', async () => {
      const page = await world.newPage({ width: 390, height: 844 });
      await signIn(page);
      await page.goto(`/c/${world.companyId}/inkasso/utkast`);
      await page
        .getByRole('checkbox', { name: /^Velg faktura/ })
        .first()
        .check();
      await page.waitForLoadState('networkidle');
      expect(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Avvis valgte …' }).click();
      await page.getByRole('dialog').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Meny' }).click();
      await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();
      expect(await violations(page)).toEqual([]);
    });

    it('printed, a list is the list alone: no menu, top bar, buttons or checkboxes, every row', async () => {
      const page = await world.newPage();
      await signIn(page);
      await page.goto(`/c/${world.companyId}/purreliste`);
      const rows = page.locator('.reminder-table tbody tr');
      await rows.first().waitFor();
      const numbers = (await rows.evaluateAll((trs) =>
        trs.map((tr) => tr.getAttribute('data-invoice-number')),
      )) as string[];
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.sidebar', '.topbar', '.col-select', '.tab-actions, .export-links'])
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      expect(await page.locator('main .btn:visible').count()).toBe(0);
      await expectNoSideScroll(page, 'printed Purreliste');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Purreliste');
      expect(flat).not.toContain('Logg ut');
      expect(flat).not.toContain('Innbetalinger');
      for (const n of numbers) expect(flat, `invoice ${n} on paper`).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
    });

    it('Utkast on a phone: two drafts approved at once, two rejected with one reason (the database agrees)', async () => {
      const page = await world.newPage({ width: 390, height: 844 });
      await signIn(page);
      await page.goto(`/c/${world.companyId}/inkasso/utkast`);
      await page
        .getByRole('checkbox', { name: /^Velg faktura/ })
        .first()
        .waitFor();
      const rows = page.locator('.handover-table tbody tr');
      const numbers = (await rows.evaluateAll((trs) =>
        trs.map((tr) => tr.getAttribute('data-invoice-number')),
      )) as string[];
      expect(numbers.length).toBeGreaterThanOrEqual(4);
      const [first, second, third, fourth] = numbers as [string, string, string, string];
      const handover = (invoiceNumber: string) =>
        world.db
          .selectFrom('handovers as h')
          .innerJoin('invoices as i', 'i.id', 'h.invoice_id')
          .select(['h.state', 'h.end_reason', 'h.approval'])
          .where('h.company_id', '=', world.companyId)
          .where('i.invoice_number', '=', Number(invoiceNumber))
          .orderBy('h.created_at', 'desc')
          .executeTakeFirstOrThrow();

      await page.getByRole('checkbox', { name: `Velg faktura ${first}`, exact: true }).check();
      await page.getByRole('checkbox', { name: `Velg faktura ${second}`, exact: true }).check();
      await expect(page.getByRole('region', { name: '2 valgt' }).isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Godkjenn valgte' }).click();
      await page.getByRole('status').filter({ hasText: '2 fakturaer godkjent' }).waitFor();
      await page.locator(`tr[data-invoice-number="${first}"]`).waitFor({ state: 'detached' });
      expect(await handover(first)).toMatchObject({ state: 'approved', approval: 'user' });
      expect(await handover(second)).toMatchObject({ state: 'approved', approval: 'user' });
      expect(await handover(third)).toMatchObject({ state: 'draft' });
      expect(await handover(fourth)).toMatchObject({ state: 'draft' });
      await expectNoSideScroll(page, 'after approving');
      await shot(page, 'responsive-390-utkast-godkjent');

      await page.getByRole('checkbox', { name: `Velg faktura ${third}`, exact: true }).check();
      await page.getByRole('checkbox', { name: `Velg faktura ${fourth}`, exact: true }).check();
      await page.getByRole('button', { name: 'Avvis valgte …' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const box = (await dialog.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await dialog.getByLabel('Begrunnelse').fill('Kunden har lovet å betale');
      await shot(page, 'responsive-390-utkast-avvis');
      await dialog.getByRole('button', { name: 'Avvis' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator(`tr[data-invoice-number="${third}"]`).waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: '2 fakturaer tilbake på purrelisten' }).waitFor();
      for (const n of [third, fourth])
        expect(await handover(n)).toMatchObject({ state: 'rejected', end_reason: 'Kunden har lovet å betale' });
      expect(world.pageErrors).toEqual([]);
      expect(world.cspViolations).toEqual([]);
    });
  },
);
