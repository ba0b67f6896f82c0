/**
 * The accountant's web UI in a real browser: the real server (in-process, PGlite in a temp data
 * dir, the demo company seeded), Debian's Chromium driven by playwright-core. Signs in, works the
 * reminder list and the collection lists as an accountant would, and checks that another
 * company's user never sees this company's data. Screenshots go to test-results/screenshots/.
 *
 * Chromium missing: in CI (CI set) the tests fail; elsewhere they are skipped with a warning.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATE, describeInChromium, expectFits, KR, notice, shot, startUiWorld, type UiWorld } from './harness.js';
import { companyAgencies } from '../../src/agencies/agency.service.js';
import { createCase, updateCaseStatus } from '../../src/collection/case.service.js';
import { listHandovers } from '../../src/collection/handover.service.js';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { DEMO_AGENCY_NAME } from '../../src/seed/collection.js';
import { ore } from '../../src/shared/money.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { findUserByEmail, setMembership } from '../../src/tenancy/user.service.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

const ACCOUNTANT = 'regnskap@demo.innfri.no';

/** `NOK 1,234.50` (src/shared/money.ts formatKr, en); KR and DATE are bokmål's. */
const NOK = /^-?NOK \d{1,3}(?:,\d{3})*\.\d{2}$/;

describeInChromium('test/browser/ui.test.ts')('the web UI in Chromium', { timeout: budget(60_000) }, () => {
  let ui: UiWorld;
  let page: Page;
  let db: Db;
  let demoCompanyId: string;
  let otherCompanyId: string;
  const otherUser = { email: 'regnskap@nordlys-elektro.no', password: 'nordlys-passord-2026' };
  const demoCustomers = new Set<string>();

  beforeAll(async () => {
    ui = await startUiWorld({ invoiceCount: 120, prefix: 'innfri-ui-' });
    db = ui.db;
    demoCompanyId = ui.companyId;
    await openCasesAtTheAgency(db, demoCompanyId);

    // Another company, with its own user and an overdue invoice; the demo accountant may only read there.
    const other = await makeCompany(db, { name: 'Nordlys Elektro AS' });
    otherCompanyId = other.id;
    await makeUser(db, other.id, 'accountant', otherUser.email, otherUser.password);
    const customer = await makeCustomer(db, other.id, { name: 'Fjordhytta Utleie AS' });
    await makeInvoice(db, other.id, customer.id, 480_000, { issueDate: '2026-09-01', dueDate: '2026-09-15' });

    page = await ui.newPage();
  }, budget(180_000));

  afterAll(async () => ui?.close());

  it('signs in, in bokmål by default', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await shot(page, '01-sign-in');

    await page.getByLabel('E-post').fill(ACCOUNTANT);
    await page.getByLabel('Passord').fill('wrong password');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('alert').filter({ hasText: 'Feil e-post eller passord' }).waitFor();

    await page.getByLabel('Passord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    // Signed in, the accountant lands on the overview; the reminder list is one click away.
    await page.getByRole('heading', { name: 'Oversikt', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['Oversikt', 'Purreliste', 'Inkasso']),
    );
    await nav.getByRole('link', { name: 'Purreliste' }).click();
    await page.getByRole('heading', { name: 'Purreliste', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/c/${demoCompanyId}/purreliste`);
  });

  it('shows the reminder list with kr amounts and dd.mm.yyyy dates', async () => {
    const rows = reminderRows(page);
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(10);
    const amounts = await page.locator('.reminder-table tbody td.money').allTextContents();
    expect(amounts.length).toBeGreaterThan(20);
    for (const a of amounts) expect(a).toMatch(KR);
    const dates = await page.locator('.reminder-table tbody td.date').allTextContents();
    for (const d of dates) expect(d).toMatch(DATE);
    for (const name of await page.locator('.reminder-table .customer-name').allTextContents()) demoCustomers.add(name);
    expect(await page.getByRole('link', { name: /^Purring \d{2}\.\d{2}\.\d{4}, PDF$/ }).count()).toBeGreaterThan(0);
    await shot(page, '02-reminder-list', true);
    await expectFits(page);
  });

  it('sends a reminder from a row: the row gets «Vent» and the letter', async () => {
    await filterBy(page, 'Purring');
    const row = reminderRows(page).first();
    await row.waitFor();
    const invoice = await row.getAttribute('data-invoice-number');
    expect(await row.locator('.col-next').textContent()).toContain('Send purring');

    await row.getByRole('button', { name: 'Send purring' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send purring' });
    await dialog.getByText(`faktura ${invoice}`).waitFor();
    await shot(page, '03-send-reminder-dialog');
    await dialog.getByRole('button', { name: 'Send purring' }).click();
    await dialog.waitFor({ state: 'detached' });

    await notice(page, `Purring sendt for faktura ${invoice}.`).waitFor();
    const updated = page.locator(`.reminder-table tr[data-invoice-number="${invoice}"]`);
    await updated.locator('.badge', { hasText: 'Vent' }).waitFor();
    await updated.getByText(/Betalingsfristen løper, ny handling fra \d{2}\.\d{2}\.\d{4}/).waitFor();
    const letter = updated.getByRole('link', { name: `Purring ${'20.11.2026'}, PDF` });
    await letter.waitFor();
    expect(await letter.getAttribute('target')).toBe('_blank');
    const pdf = await page.request.get((await letter.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await shot(page, '04-reminder-sent');

    // A collection notice now is refused while the reminder's deadline runs: said in Norwegian,
    // with the date as dd.mm.yyyy, not the server's English detail; nothing is sent.
    await updated.getByRole('button', { name: /^Flere valg for faktura/ }).click();
    await page.getByRole('menuitem', { name: 'Send inkassovarsel' }).click();
    const notice2 = page.getByRole('dialog', { name: 'Send inkassovarsel' });
    await notice2.getByRole('button', { name: 'Send inkassovarsel' }).click();
    const refusal = notice2.getByRole('alert');
    await refusal.getByText('Brevet kan ikke sendes nå').waitFor();
    expect(await refusal.textContent()).toContain('Fristen i forrige brev (04.12.2026) er ikke ute ennå.');
    expect(await refusal.textContent()).not.toMatch(/deadline|has not passed/);
    await shot(page, '04b-letter-refused');
    await page.keyboard.press('Escape');
    await notice2.waitFor({ state: 'hidden' });
    expect(await updated.getByRole('link', { name: /PDF$/ }).count()).toBe(1);
  });

  it('sends an invoice to collection and approves it under Inkasso › Godkjent', async () => {
    await filterBy(page, 'Inkasso');
    const row = reminderRows(page).first();
    await row.waitFor();
    const invoice = await row.getAttribute('data-invoice-number');
    await row.getByRole('button', { name: 'Send til inkasso' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send til inkasso' });
    await dialog.getByText(DEMO_AGENCY_NAME).waitFor();
    await shot(page, '05-send-to-collection-dialog');
    await dialog.getByRole('button', { name: 'Send til inkasso' }).click();
    await dialog.waitFor({ state: 'detached' });
    await notice(page, `Faktura ${invoice} er lagt på utkastlisten for inkasso.`).waitFor();
    await page.locator(`.reminder-table tr[data-invoice-number="${invoice}"]`).waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Gå til utkastlisten' }).click();
    await page.getByRole('heading', { name: 'Inkasso', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: /^Utkast/ }).getAttribute('aria-current')).toBe('page');
    const draft = page.locator(`tr[data-invoice-number="${invoice}"]`);
    await draft.waitFor();
    for (const d of await page.locator('tbody td.date').allTextContents()) expect(d).toMatch(DATE);
    for (const a of await page.locator('tbody td.money').allTextContents()) expect(a).toMatch(KR);
    await expectFits(page);
    await shot(page, '06-collection-drafts');

    await draft.getByRole('button', { name: 'Godkjenn' }).click();
    await notice(page, `Faktura ${invoice} er godkjent. ${DEMO_AGENCY_NAME} kan nå hente den.`).waitFor();
    await draft.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Gå til godkjentlisten' }).click();
    const approved = page.locator(`tr[data-invoice-number="${invoice}"]`);
    await approved.waitFor();
    expect(await approved.textContent()).toContain('av bruker');
    await expectFits(page);
    await shot(page, '07-collection-approved');
  });

  it('rejects a draft with a reason: back on the reminder list with «Vent»', async () => {
    await page.getByRole('link', { name: /^Utkast/ }).click();
    const draft = page.locator('tbody tr[data-invoice-number]').first();
    await draft.waitFor();
    const invoice = await draft.getAttribute('data-invoice-number');
    await draft.getByRole('button', { name: 'Avvis' }).click();
    const dialog = page.getByRole('dialog', { name: `Avvis faktura ${invoice}` });
    await dialog.getByText('Fakturaen går tilbake til purrelisten med neste handling «Vent».').waitFor();
    const confirm = dialog.getByRole('button', { name: 'Avvis' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Begrunnelse').fill('Kunden har lovet å betale innen fredag');
    await shot(page, '08-reject-dialog');
    await confirm.click();
    await notice(page, `Faktura ${invoice} er tilbake på purrelisten med neste handling «Vent».`).waitFor();

    await page.getByRole('link', { name: 'Gå til purrelisten' }).click();
    await filterBy(page, 'Vent');
    const row = page.locator(`.reminder-table tr[data-invoice-number="${invoice}"]`);
    await row.getByText('Avvist fra utkastlisten av bruker').waitFor();
  });

  it('shows open and archived cases, with the agency link and the invoices', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Inkasso' }).click();
    await page.getByRole('link', { name: 'Åpne' }).click();
    const kase = page.locator('tr[data-case-number="DI-2026-0417"]');
    await kase.waitFor();
    const link = kase.getByRole('link', { name: /Åpne sak DI-2026-0417 hos byrået/ });
    expect(await link.getAttribute('href')).toBe('https://demo-inkasso.example/saker/DI-2026-0417');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await kase.textContent()).toContain('Inkassovarsel');
    expect(await kase.textContent()).toContain('Varsel sendt til skyldner');

    const toggle = kase.getByRole('button', { name: '1 faktura' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const invoices = page.getByRole('table', { name: 'Fakturaer i sak DI-2026-0417' });
    await invoices.waitFor();
    for (const a of await invoices.locator('td.money').allTextContents()) expect(a).toMatch(KR);
    await expectFits(page);
    await shot(page, '09-cases-open');

    await page.getByRole('link', { name: 'Arkivert' }).click();
    const archived = page.locator('tr[data-case-number="DI-2026-0388"]');
    await archived.waitFor();
    expect(await archived.textContent()).toContain('Betalt');
    // No link was given for this one: the case number is plain text.
    expect(await archived.getByRole('link').count()).toBe(0);
    await shot(page, '10-cases-archived');
  });

  it('carries out a bulk action and shows the result for each invoice', async () => {
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Purreliste' }).click();
    await filterBy(page, 'Vent');
    await reminderRows(page).first().waitFor();
    const count = await reminderRows(page).count();
    await page.getByRole('checkbox', { name: 'Velg alle viste fakturaer' }).check();
    const bar = page.getByRole('region', { name: `${count} valgt` });
    await bar.waitFor();
    await bar.getByRole('button', { name: 'Send purring' }).click();
    const dialog = page.getByRole('dialog', { name: `Send purring: ${count} fakturaer` });
    await dialog.getByRole('button', { name: 'Send purring' }).click();
    const results = page.getByRole('region', { name: /Send purring · Resultat: \d+ utført, \d+ feilet/ });
    await results.waitFor();
    const lines = results.locator('tbody tr');
    expect(await lines.count()).toBe(count);
    // Some may be sent; a disputed invoice and one whose deadline runs are refused, with the server's
    // reason said in Norwegian (dates as dd.mm.yyyy), not the server's English detail.
    expect(await results.getByText('Feilet').count()).toBeGreaterThan(0);
    await results
      .getByText(
        /ingen brev før innsigelsen er avklart|Fristen i forrige brev \(\d{2}\.\d{2}\.\d{4}\) er ikke ute ennå/,
      )
      .first()
      .waitFor();
    expect(await results.textContent()).not.toMatch(/no letters until|has not passed/);
    await shot(page, '11-bulk-results');
  });

  it('is keyboard usable: skip link, and the row menu opens and closes from the keyboard', async () => {
    await filterBy(page, null);
    await reminderRows(page).first().waitFor();
    await page.reload();
    await reminderRows(page).first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
      'Hopp til innholdet',
    );

    const more = reminderRows(page)
      .first()
      .getByRole('button', { name: /^Flere valg for faktura/ });
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("role")')).toBe(
      'menuitem',
    );
    await page.keyboard.press('ArrowDown');
    await shot(page, '12-row-menu');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")')).toBe(
      await more.getAttribute('aria-label'),
    );
  });

  it('sorts the list on the server by a column header: aria-sort, the arrow, toggling by mouse and keyboard, the filter kept', async () => {
    await filterBy(page, null);
    await reminderRows(page).first().waitFor();
    const amountHeader = page.locator('.reminder-table thead th').filter({ hasText: 'Åpent beløp' });
    const amountButton = amountHeader.getByRole('button', { name: 'Åpent beløp' });
    const dueHeader = page.locator('.reminder-table thead th').filter({ hasText: 'Forfall' });
    // By default: oldest due date first.
    expect(await dueHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await amountHeader.getAttribute('aria-sort')).toBe('none');
    expect(await reminderRows(page).count()).toBeGreaterThan(3);

    // A click: largest open amount first, as the table shows it.
    await amountButton.click();
    await sortedBy(page, 'Åpent beløp', 'descending');
    expect(await dueHeader.getAttribute('aria-sort')).toBe('none');
    expect(await amountButton.textContent()).toBe('Åpent beløp▼');
    expect(new URL(page.url()).searchParams.get('sortering')).toBe('-openAmount');
    const descending = await openAmounts(page);
    expect(descending.length).toBeGreaterThan(3);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(descending.at(-1)!);
    await shot(page, '14-sorted-by-amount');

    // From the keyboard: Enter on the focused header button toggles; the focus stays on it.
    await amountButton.focus();
    await page.keyboard.press('Enter');
    await sortedBy(page, 'Åpent beløp', 'ascending');
    expect(await amountButton.textContent()).toBe('Åpent beløp▲');
    const ascending = await openAmounts(page);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(new URL(page.url()).searchParams.get('sortering')).toBe('openAmount');
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-sort")')).toBe(
      'openAmount',
    );
    await page.keyboard.press('Enter');
    await sortedBy(page, 'Åpent beløp', 'descending');

    // A filter keeps the sort, and the sort keeps the filter.
    await filterBy(page, 'Vent');
    await sortedBy(page, 'Åpent beløp', 'descending');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ neste: 'wait', sortering: '-openAmount' });
    const waiting = await openAmounts(page);
    expect(waiting).toEqual([...waiting].sort((a, b) => b - a));
    await amountButton.click();
    await sortedBy(page, 'Åpent beløp', 'ascending');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ neste: 'wait', sortering: 'openAmount' });
    expect(
      await page
        .getByRole('group', { name: 'Neste handling' })
        .getByRole('button', { name: 'Vent', exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true');

    // Back to the default: the due date's header, and no filter; the URL is bare again.
    await filterBy(page, null);
    await dueHeader.getByRole('button', { name: 'Forfall' }).click();
    await sortedBy(page, 'Forfall', 'ascending');
    expect(new URL(page.url()).search).toBe('');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Reminder list', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const amounts = await page.locator('.reminder-table tbody td.money').allTextContents();
    for (const a of amounts) expect(a).toMatch(NOK);
    for (const d of await page.locator('.reminder-table tbody td.date').allTextContents()) expect(d).toMatch(DATE);
    await shot(page, '13-english');
    // The choice is kept: after a reload the English catalogue (its own chunk) comes first, with no bokmål shown meanwhile.
    await page.reload();
    await page.getByRole('heading', { name: 'Reminder list', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Purreliste' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Bytt til norsk' }).click();
    await page.getByRole('heading', { name: 'Purreliste', level: 1 }).waitFor();
  });

  it('switches company; as a viewer there, no write buttons', async () => {
    // The demo accountant is given read access to the other company; the UI sees it on reload.
    expect(await page.getByLabel('Selskap').count()).toBe(0);
    await inTransaction(db, async (trx) => {
      const accountant = await findUserByEmail(trx, ACCOUNTANT);
      await setMembership(trx, otherCompanyId, accountant!.id, 'viewer');
    });
    await page.reload();
    const select = page.getByLabel('Selskap');
    await select.selectOption({ label: 'Nordlys Elektro AS' });
    await page.waitForURL(`**/c/${otherCompanyId}/purreliste`);
    await page.getByText('Du har lesetilgang i dette selskapet og kan ikke gjøre endringer.').waitFor();
    const row = reminderRows(page).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Fjordhytta Utleie AS');
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Send / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Flere valg/ }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Inkasso' }).click();
    await page.getByText('Utkastlisten er tom').waitFor();
    expect(await page.getByRole('button', { name: /Godkjenn|Avvis/ }).count()).toBe(0);
    await shot(page, '14-viewer-empty-drafts');
    await select.selectOption({ label: 'Solbakken Rør & Varme AS' });
    await page.waitForURL(`**/c/${demoCompanyId}/inkasso/utkast`);
    await page.getByRole('button', { name: 'Godkjenn' }).first().waitFor();
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    await page.getByText('Du er logget ut.').waitFor();
    const session = await page.request.get('/api/v1/auth/session');
    expect(session.status()).toBe(401);
  });

  it('slows password guessing: after ten failures the sign-in says to wait, in Norwegian', async () => {
    const guessed = 'gjetting@example.no';
    await page.getByLabel('E-post').fill(guessed);
    for (let i = 0; i < 10; i++) {
      await page.getByLabel('Passord').fill(`feil-${i}`);
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await page.getByRole('alert').filter({ hasText: 'Feil e-post eller passord' }).waitFor();
      // The server's English detail is not shown under the Norwegian title.
      expect(await page.getByRole('alert').textContent()).toBe('Feil e-post eller passord');
    }
    await page.getByLabel('Passord').fill('enda-en-gang');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText(/^For mange mislykkede innlogginger\. Vent 15 min og prøv igjen\.$/).waitFor();
    await shot(page, '16-sign-in-throttled');
  });

  it("never shows another company's data to a user of another company", async () => {
    await page.getByLabel('E-post').fill(otherUser.email);
    await page.getByLabel('Passord').fill(otherUser.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { name: 'Oversikt', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Purreliste' }).click();
    await page.getByRole('heading', { name: 'Purreliste', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/c/${otherCompanyId}/purreliste`);
    await reminderRows(page).first().waitFor();
    const names = await page.locator('.reminder-table .customer-name').allTextContents();
    expect(names).toEqual(['Fjordhytta Utleie AS']);
    expect(demoCustomers.size).toBeGreaterThan(5);
    const text = (await page.locator('body').textContent()) ?? '';
    for (const name of demoCustomers) expect(text).not.toContain(name);
    expect(text).not.toContain('Solbakken');
    // One company only: no switch.
    expect(await page.getByLabel('Selskap').count()).toBe(0);

    const direct = await page.request.get(`/api/v1/companies/${demoCompanyId}/reminder-list`);
    expect(direct.status()).toBe(404);
    expect((await direct.json()).code).toBe('not_found');

    await page.goto(`/c/${demoCompanyId}/purreliste`);
    await page.getByRole('heading', { name: 'Fant ikke selskapet', level: 1 }).waitFor();
    await page.getByText('Selskapet finnes ikke, eller du har ikke tilgang til det.').waitFor();
    expect((await page.locator('body').textContent()) ?? '').not.toContain('Solbakken');
    await shot(page, '15-other-company-not-found');
  });

  it('raised no script errors and no Content-Security-Policy violations', () => {
    expect(ui.pageErrors).toEqual([]);
    expect(ui.cspViolations).toEqual([]);
  });
});

/** Two cases at the demo agency, opened (and one paid) through the agency's own service calls. */
async function openCasesAtTheAgency(db: Db, companyId: string): Promise<void> {
  const agency = (await companyAgencies(db, companyId)).find((a) => a.name === DEMO_AGENCY_NAME);
  if (!agency) throw new Error('the demo agency is missing');
  const approved = await listHandovers(db, companyId, { states: ['approved'], limit: 10 });
  const [first, second] = approved;
  if (!first || !second) throw new Error(`the demo has ${approved.length} approved invoices; two are needed for cases`);
  await inTransaction(db, async (trx) => {
    await createCase(trx, agency.id, companyId, {
      caseNumber: 'DI-2026-0417',
      invoiceIds: [first.invoiceId],
      url: 'https://demo-inkasso.example/saker/DI-2026-0417',
      status: 'collection_notice',
      statusText: 'Varsel sendt til skyldner',
    });
    await createCase(trx, agency.id, companyId, { caseNumber: 'DI-2026-0388', invoiceIds: [second.invoiceId] });
    await updateCaseStatus(trx, agency.id, companyId, 'DI-2026-0388', {
      status: 'paid',
      statusText: 'Innbetalt i sin helhet',
      agencyBalance: ore(0),
    });
  });
}

function reminderRows(page: Page): Locator {
  return page.locator('.reminder-table tbody tr[data-invoice-id]');
}

async function filterBy(page: Page, label: 'Purring' | 'Inkassovarsel' | 'Inkasso' | 'Vent' | null): Promise<void> {
  const group = page.getByRole('group', { name: 'Neste handling' });
  await group.getByRole('button', { name: label ?? 'Alle', exact: true }).click();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

/** Waits until the list has loaded with that column's header sorted in that direction. */
async function sortedBy(page: Page, column: string, direction: 'ascending' | 'descending'): Promise<void> {
  await page.locator(`.reminder-table thead th[aria-sort="${direction}"]`).filter({ hasText: column }).waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
}

/** The open amounts of the rows shown, in øre, top to bottom (`kr 1 234,50` → 123450). */
async function openAmounts(page: Page): Promise<number[]> {
  const texts = await page
    .locator('.reminder-table tbody tr[data-invoice-id] td.money:not(.muted-money)')
    .allTextContents();
  return texts.map((t) => Number(t.replace(/[^\d-]/g, '')));
}
