/**
 * The accountant's whole collection journey in one walk, in order, in Chromium: sign in → the
 * overview → send a reminder → send two invoices of one customer to collection → approve them →
 * (the agency opens one case for both through the agency API, over HTTP, with the published
 * client) → the case under «Åpne» with its link and invoice count → a direct payment → «Avskriv»
 * on the other invoice → (the agency sees both in its feed and posts a settlement) → approve the
 * settlement → (the agency reports the case paid) → the case under «Arkivert» → the invoice with
 * its case; then a second customer: (the agency gives one of its invoices back) → the reminder list
 * and the invoice say so as the agency's rejection, by name, with its reason → a manual voucher
 * keyed in on Bilag (refusals said in Norwegian, the balance shown live) → matching it against the
 * other invoice, which is with the agency: the warning comes first and nothing is matched until the
 * user confirms. Each step checks the resulting state in the database or the API, not only what
 * the page says.
 * A screenshot of each screen goes to test-results/screenshots/journey-*.png.
 *
 * Chromium missing: in CI (CI set) the tests fail; elsewhere they are skipped with a warning.
 */
import { type AgencyClient, type AgencyEvent, createAgencyClient } from '@innfri/agency-client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInChromium, kr, notice, plain, shot, startUiWorld, TODAY, type UiWorld } from './harness.js';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { sendLetter, updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { makeCustomer, makeInvoice } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

const ACCOUNTANT = 'regnskap@demo.innfri.no';
const AGENCY = 'Nordvik Inkasso AS';
const CASE = 'NI-2026-1001';
const CASE_URL = `https://nordvik-inkasso.example/saker/${CASE}`;
const CUSTOMER = 'Reisestua Fjellstue AS';
const CUSTOMER2 = 'Fjordglimt Kafé AS';
const GIVEN_BACK = 'Skyldner er under gjeldsordning';
const CASE2 = 'NI-2026-1002';

describeInChromium('test/browser/journey.test.ts')(
  'the collection journey, in order, in Chromium',
  { timeout: budget(60_000) },
  () => {
    let ui: UiWorld;
    let page: Page;
    let db: Db;
    let companyId: string;
    let agency: AgencyClient;
    /** J1 gets a reminder; J2 and J3 (their collection notices expired) go to the agency in one case. */
    let j1: Awaited<ReturnType<typeof makeInvoice>>;
    let j2: Awaited<ReturnType<typeof makeInvoice>>;
    let j3: Awaited<ReturnType<typeof makeInvoice>>;
    /** CUSTOMER2's: J4 goes into a case (and is matched by hand), J5 the agency gives back. */
    let j4: Awaited<ReturnType<typeof makeInvoice>>;
    let j5: Awaited<ReturnType<typeof makeInvoice>>;
    let customer2Id: string;
    /** The manual voucher posted on Bilag, and its entry on the customer. */
    let manual: { id: string; entryId: number };
    const paid = 150_000;
    const interest = 4_321;

    beforeAll(async () => {
      ui = await startUiWorld({ invoiceCount: 40, prefix: 'innfri-journey-' });
      db = ui.db;
      companyId = ui.companyId;

      // The agency: its own credentials, made the company's default; settlements wait for approval.
      const credentials = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: AGENCY }));
      await inTransaction(db, async (trx) => {
        await setAgencyActivation(trx, companyId, credentials.agency.id, { active: true, isDefault: true }, null);
        await updateDunningSettings(trx, companyId, { settlementsNeedApproval: true }, TODAY);
      });
      agency = createAgencyClient({
        baseUrl: ui.server.url,
        clientId: credentials.agency.clientId!,
        clientSecret: credentials.clientSecret,
        maxRetries: 0,
      });

      const customer = await makeCustomer(db, companyId, { name: CUSTOMER });
      j1 = await makeInvoice(db, companyId, customer.id, 100_000, { issueDate: '2026-10-06', dueDate: '2026-10-20' });
      j2 = await makeInvoice(db, companyId, customer.id, 400_000, { issueDate: '2026-05-15', dueDate: '2026-05-29' });
      j3 = await makeInvoice(db, companyId, customer.id, 160_000, { issueDate: '2026-05-20', dueDate: '2026-06-03' });
      const customer2 = await makeCustomer(db, companyId, { name: CUSTOMER2 });
      customer2Id = customer2.id;
      j4 = await makeInvoice(db, companyId, customer2.id, 200_000, { issueDate: '2026-05-18', dueDate: '2026-06-01' });
      j5 = await makeInvoice(db, companyId, customer2.id, 80_000, { issueDate: '2026-05-19', dueDate: '2026-06-02' });
      const system = { type: 'user' as const, id: null };
      await inTransaction(db, async (trx) => {
        for (const j of [j2, j3, j4, j5]) {
          await sendLetter(trx, companyId, j.id, { type: 'reminder', sendDate: '2026-06-20' }, system);
          await sendLetter(trx, companyId, j.id, { type: 'collection_notice', sendDate: '2026-07-10' }, system);
        }
      });

      page = await ui.newPage();
    }, budget(180_000));

    afterAll(async () => ui?.close());

    const nav = (name: string) =>
      page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name, exact: true });
    const reminderRow = (invoiceNumber: number) =>
      page.locator(`.reminder-table tbody tr[data-invoice-number="${invoiceNumber}"]`);
    const openAmount = async (invoiceId: string) =>
      Number(
        (
          await db
            .selectFrom('open_items')
            .select('open_amount')
            .where('invoice_id', '=', invoiceId)
            .where('voucher_type', '=', 'invoice')
            .executeTakeFirstOrThrow()
        ).open_amount,
      );
    const apiGet = async <T>(path: string): Promise<T> => {
      const res = await page.request.get(`/api/v1/companies/${companyId}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };
    const countVouchers = async () =>
      Number(
        (
          await db
            .selectFrom('vouchers')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('company_id', '=', companyId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    /** The invoice's own entry in the customer ledger. */
    const invoiceEntry = async (invoiceId: string) =>
      Number(
        (
          await db
            .selectFrom('open_items')
            .select('posting_id')
            .where('invoice_id', '=', invoiceId)
            .where('voucher_type', '=', 'invoice')
            .executeTakeFirstOrThrow()
        ).posting_id,
      );
    /** What the agency's feed says of an invoice: type, case and what remains, in order. */
    const feedOf = async (invoiceId: string) => {
      const seen: Array<[string, string | null, number | null]> = [];
      for await (const e of agency.events())
        if (e.invoiceId === invoiceId) seen.push([e.type, e.caseNumber, e.remainingAmount]);
      return seen;
    };
    const handoverStates = async () =>
      Object.fromEntries(
        (
          await db
            .selectFrom('handovers')
            .select(['invoice_id', 'state'])
            .where('invoice_id', 'in', [j1.id, j2.id, j3.id])
            .execute()
        ).map((h) => [h.invoice_id === j2.id ? 'j2' : h.invoice_id === j3.id ? 'j3' : 'j1', h.state]),
      );

    it('1. signs in and lands on the overview', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
      await shot(page, 'journey-01-sign-in');
      await page.getByLabel('E-post').fill(ACCOUNTANT);
      await page.getByLabel('Passord').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await page.getByRole('heading', { name: 'Oversikt', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/c/${companyId}/oversikt`);
      await page.getByRole('img', { name: /^Utestående fordringer per 20\.11\.2026/ }).waitFor();
      await shot(page, 'journey-02-overview', true);
    });

    it('2. sends a reminder from the reminder list', async () => {
      await nav('Purreliste').click();
      await page.getByRole('heading', { name: 'Purreliste', level: 1 }).waitFor();
      const row = reminderRow(j1.invoiceNumber);
      await row.waitFor();
      expect(await row.locator('.col-next').textContent()).toContain('Send purring');
      // J2 and J3 are due for collection: their notices' deadlines have passed.
      for (const j of [j2, j3])
        expect(await reminderRow(j.invoiceNumber).locator('.col-next').textContent()).toContain('Send til inkasso');
      await shot(page, 'journey-03-reminder-list', true);

      await row.getByRole('button', { name: 'Send purring' }).click();
      const dialog = page.getByRole('dialog', { name: 'Send purring' });
      await dialog.getByText(`faktura ${j1.invoiceNumber}`).waitFor();
      await dialog.getByRole('button', { name: 'Send purring' }).click();
      await dialog.waitFor({ state: 'detached' });
      await notice(page, `Purring sendt for faktura ${j1.invoiceNumber}.`).waitFor();
      await row.locator('.badge', { hasText: 'Vent' }).waitFor();
      await row.getByRole('link', { name: 'Purring 20.11.2026, PDF' }).waitFor();
      await shot(page, 'journey-04-reminder-sent');

      const letters = await db
        .selectFrom('reminders')
        .select(['type', 'sent_date'])
        .where('invoice_id', '=', j1.id)
        .execute();
      expect(letters.map((l) => [l.type, String(l.sent_date).slice(0, 10)])).toEqual([['reminder', TODAY]]);
    });

    it('3. sends the customer’s two expired invoices to collection', async () => {
      for (const j of [j2, j3]) {
        const row = reminderRow(j.invoiceNumber);
        await row.getByRole('button', { name: 'Send til inkasso' }).click();
        const dialog = page.getByRole('dialog', { name: 'Send til inkasso' });
        // Two agencies are active; the company's default is chosen.
        await dialog.waitFor();
        expect(await dialog.locator('select option:checked').textContent()).toBe(`${AGENCY} (standard)`);
        if (j === j2) await shot(page, 'journey-05-send-to-collection');
        await dialog.getByRole('button', { name: 'Send til inkasso' }).click();
        await dialog.waitFor({ state: 'detached' });
        await notice(page, `Faktura ${j.invoiceNumber} er lagt på utkastlisten for inkasso.`).waitFor();
        await row.waitFor({ state: 'detached' });
      }
      expect(await handoverStates()).toEqual({ j2: 'draft', j3: 'draft' });
    });

    it('4. approves both drafts: the agency may fetch them', async () => {
      await nav('Inkasso').click();
      await page.getByRole('link', { name: /^Utkast/ }).click();
      for (const j of [j2, j3]) await page.locator(`tr[data-invoice-number="${j.invoiceNumber}"]`).waitFor();
      await shot(page, 'journey-06-drafts');
      for (const j of [j2, j3]) {
        const draft = page.locator(`tr[data-invoice-number="${j.invoiceNumber}"]`);
        await draft.getByRole('button', { name: 'Godkjenn' }).click();
        await notice(page, `Faktura ${j.invoiceNumber} er godkjent. ${AGENCY} kan nå hente den.`).waitFor();
        await draft.waitFor({ state: 'detached' });
      }
      await page.getByRole('link', { name: /^Godkjent/ }).click();
      for (const j of [j2, j3]) await page.locator(`tr[data-invoice-number="${j.invoiceNumber}"]`).waitFor();
      await shot(page, 'journey-07-approved');
      expect(await handoverStates()).toEqual({ j2: 'approved', j3: 'approved' });
    });

    it('5. (the agency) fetches the approved invoices and opens one case for both, over HTTP', async () => {
      const clients = await agency.listClients();
      expect(clients.map((c) => c.id)).toEqual([companyId]);
      const available = [];
      for await (const invoice of agency.availableInvoices(companyId)) available.push(invoice);
      expect(available.map((i) => i.id).sort()).toEqual([j2.id, j3.id].sort());
      // The company sent its own inkassovarsel, whose deadline has run out: the agency reads it so.
      expect(available.map((i) => i.collectionNoticeBy)).toEqual(['creditor', 'creditor']);
      const opened = await agency.createCase(companyId, {
        caseNumber: CASE,
        invoiceIds: [j2.id, j3.id],
        url: CASE_URL,
        status: 'collection_notice',
        statusText: 'Inkassovarsel sendt fra byrået',
      });
      expect(opened).toMatchObject({ caseNumber: CASE, state: 'open', url: CASE_URL });
      expect(await handoverStates()).toEqual({ j2: 'in_case', j3: 'in_case' });
    });

    it('6. shows the case under «Åpne» with its link and its two invoices', async () => {
      await page.getByRole('link', { name: 'Åpne', exact: true }).click();
      const kase = page.locator(`tr[data-case-number="${CASE}"]`);
      await kase.waitFor();
      const link = kase.getByRole('link', { name: new RegExp(`Åpne sak ${CASE} hos byrået`) });
      expect(await link.getAttribute('href')).toBe(CASE_URL);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await kase.textContent()).toContain('Inkassovarsel');
      expect(await kase.textContent()).toContain(CUSTOMER);
      await kase.getByRole('button', { name: '2 fakturaer' }).click();
      const invoices = page.getByRole('table', { name: `Fakturaer i sak ${CASE}` });
      await invoices.waitFor();
      for (const j of [j2, j3]) await invoices.getByText(String(j.invoiceNumber), { exact: true }).waitFor();
      await shot(page, 'journey-08-case-open');
    });

    it('7. registers a direct payment from the customer on one of them', async () => {
      await nav('Innbetalinger').click();
      await page.getByRole('heading', { name: 'Innbetalinger', level: 1 }).waitFor();
      await page.getByRole('textbox', { name: 'KID', exact: true }).fill(j2.kid);
      await page.getByLabel('Beløp').fill('1500');
      await page.getByLabel('Betalingsdato').fill(TODAY);
      await page.getByRole('button', { name: 'Registrer', exact: true }).click();
      const result = page.locator('.payment-result');
      await result.getByText(`Innbetaling på ${kr(paid)} er registrert.`).waitFor();
      expect(plain(await result.locator('.invoice-open').textContent())).toBe(
        `Åpent på fakturaen nå: ${kr(j2.totalAmount - paid)}`,
      );
      await page.locator('.payments-table tbody tr').filter({ hasText: j2.kid }).first().waitFor();
      await shot(page, 'journey-09-direct-payment');
      expect(await openAmount(j2.id)).toBe(j2.totalAmount - paid);
    });

    it('8. writes off («Avskriv») the other invoice; the agency goes on collecting it', async () => {
      await nav('Reskontro').click();
      await page.getByRole('heading', { name: 'Reskontro', level: 1 }).waitFor();
      const picker = page.getByRole('combobox', { name: 'Kunde' });
      await picker.fill(CUSTOMER);
      await page
        .getByRole('option', { name: new RegExp(CUSTOMER) })
        .first()
        .waitFor();
      await picker.press('Enter');
      const row = page.locator(`.ledger-table tbody tr[data-invoice-number="${j3.invoiceNumber}"]`);
      await row.waitFor();
      await row.getByRole('button', { name: /^Avskriv / }).click();
      const dialog = page.getByRole('dialog', { name: `Avskriv faktura ${j3.invoiceNumber}` });
      await dialog.getByText(/fortsetter byrået å kreve den inn/).waitFor();
      await dialog.getByLabel('Begrunnelse').fill('Lite trolig at kunden betaler; byrået fortsetter');
      await shot(page, 'journey-10-write-off');
      await dialog.getByRole('button', { name: 'Avskriv', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await notice(page, `Faktura ${j3.invoiceNumber} er avskrevet med ${kr(j3.totalAmount)} på konto 7830`).waitFor();
      expect(await openAmount(j3.id)).toBe(0);
      // Still in the case: a write-off does not take an invoice back from the agency.
      expect(await handoverStates()).toEqual({ j2: 'in_case', j3: 'in_case' });
    });

    it('9. (the agency) sees the payment and the write-off in its feed, and posts a settlement', async () => {
      const seen: AgencyEvent[] = [];
      for await (const event of agency.events()) seen.push(event);
      const ours = seen
        .filter((e) => e.invoiceId === j2.id || e.invoiceId === j3.id)
        .map((e) => [e.type, e.invoiceId === j2.id ? 'j2' : 'j3', e.caseNumber, e.remainingAmount]);
      expect(ours).toEqual([
        ['invoice.available', 'j2', null, j2.totalAmount],
        ['invoice.available', 'j3', null, j3.totalAmount],
        ['invoice.payment', 'j2', CASE, j2.totalAmount - paid],
        ['invoice.write_off', 'j3', CASE, 0],
      ]);
      const principal = j2.totalAmount - paid;
      const settlement = await agency.postSettlement(companyId, {
        reference: 'NI-OPPGJ-2026-11',
        settlementDate: TODAY,
        bankAmount: principal + j3.totalAmount + interest,
        lines: [
          { caseNumber: CASE, invoiceId: j2.id, type: 'principal', amount: principal },
          { caseNumber: CASE, invoiceId: j3.id, type: 'principal', amount: j3.totalAmount },
          { caseNumber: CASE, type: 'interest', amount: interest },
        ],
        statement: {
          Saksnummer: CASE,
          'Innbetalt av skyldner': principal + j3.totalAmount + interest,
          Renter: interest,
        },
      });
      expect(settlement.status).toBe('pending_approval');
      // Waiting for the accountant: nothing is booked yet.
      expect(await openAmount(j2.id)).toBe(principal);
    });

    it('10. approves the settlement after its voucher preview', async () => {
      await nav('Oppgjør').click();
      await page.getByRole('heading', { name: 'Oppgjør', level: 1 }).waitFor();
      const row = page.locator('tr[data-reference="NI-OPPGJ-2026-11"]');
      await row.waitFor();
      // The only pending settlement opens by itself (its preview loads after); clicking it would close it again.
      await row.getByRole('button', { name: 'NI-OPPGJ-2026-11', expanded: true }).waitFor();
      const preview = page.getByRole('table', { name: 'Bilaget som bokføres' });
      await preview.waitFor();
      const line = (account: string) =>
        preview.locator('tbody tr').filter({ has: page.getByRole('cell', { name: account, exact: true }) });
      expect(plain(await line('1920').locator('td').nth(2).textContent())).toBe(
        kr(j2.totalAmount - paid + j3.totalAmount + interest),
      );
      expect(plain(await line('1500').locator('td').nth(3).textContent())).toBe(kr(j2.totalAmount - paid));
      // The written-off invoice's money is a recovered loss, credited to the loss account.
      expect(plain(await line('7830').locator('td').nth(3).textContent())).toBe(kr(j3.totalAmount));
      const [debit, credit] = await preview.locator('tfoot td').allTextContents();
      expect(debit).toBe(credit);
      await shot(page, 'journey-11-settlement', true);

      await page.getByRole('button', { name: 'Godkjenn og bokfør' }).click();
      await notice(page, 'Oppgjør NI-OPPGJ-2026-11 er godkjent og bokført.').waitFor();
      const posted = await db
        .selectFrom('settlements')
        .select(['status', 'voucher_id'])
        .where('reference', '=', 'NI-OPPGJ-2026-11')
        .executeTakeFirstOrThrow();
      expect(posted.status).toBe('posted');
      const postings = await db
        .selectFrom('postings')
        .select(['account', 'amount'])
        .where('voucher_id', '=', posted.voucher_id!)
        .execute();
      expect(postings.reduce((s, p) => s + Number(p.amount), 0)).toBe(0);
      expect(postings.filter((p) => p.account === 7830).map((p) => Number(p.amount))).toEqual([-j3.totalAmount]);
      expect(await openAmount(j2.id)).toBe(0);
    });

    it('11. (the agency reports the case paid) shows it under «Arkivert»', async () => {
      const paidCase = await agency.postStatus(companyId, CASE, {
        status: 'paid',
        statusText: 'Oppgjort i sin helhet',
        agencyBalance: 0,
      });
      expect(paidCase.state).toBe('archived');
      expect(await handoverStates()).toEqual({ j2: 'archived', j3: 'archived' });

      await nav('Inkasso').click();
      await page.getByRole('link', { name: 'Arkivert' }).click();
      const kase = page.locator(`tr[data-case-number="${CASE}"]`);
      await kase.waitFor();
      expect(await kase.textContent()).toContain('Betalt');
      expect(
        await kase.getByRole('link', { name: new RegExp(`Åpne sak ${CASE} hos byrået`) }).getAttribute('href'),
      ).toBe(CASE_URL);
      await shot(page, 'journey-12-case-archived');
      expect(
        await db
          .selectFrom('cases')
          .select(['state', 'status'])
          .where('case_number', '=', CASE)
          .executeTakeFirstOrThrow(),
      ).toEqual({ state: 'archived', status: 'paid' });
      await page.getByRole('link', { name: 'Åpne', exact: true }).click();
      await page.locator('.loading').waitFor({ state: 'detached' });
      expect(await page.locator(`tr[data-case-number="${CASE}"]`).count()).toBe(0);
    });

    it('12. the invoice shows its case, its payment, the settlement and its reminders', async () => {
      await page.goto(`/c/${companyId}/fakturaer/${j2.id}`);
      await page.getByRole('heading', { name: new RegExp(`^Faktura ${j2.invoiceNumber}`), level: 1 }).waitFor();
      expect(plain(await page.locator('[data-amount="open"]').textContent())).toBe(kr(0));
      const collection = page.locator('.invoice-collection');
      const handover = collection.locator('tr[data-handover-state="archived"]');
      await handover.waitFor();
      expect(await handover.textContent()).toContain(AGENCY);
      expect(await handover.textContent()).toContain('Betalt');
      expect(
        await handover.getByRole('link', { name: new RegExp(`Åpne sak ${CASE} hos byrået`) }).getAttribute('href'),
      ).toBe(CASE_URL);
      await page.locator('.invoice-letters').getByText('Inkassovarsel').waitFor();
      await shot(page, 'journey-13-invoice-with-case', true);
      // From the invoice to the case in Innfri.
      await handover.getByRole('link', { name: `Vis sak ${CASE}` }).click();
      await page.getByRole('heading', { name: `Sak ${CASE}` }).waitFor();
      // The case's money adds up: the agency's 2 000 on the written-off invoice counts as settled
      // (a recovered loss), so nothing is left to collect and the agency's balance of 0 agrees.
      const money = page.locator('.money-grid');
      const cell = async (label: string) =>
        plain(
          await money
            .locator('.money-cell')
            .filter({ has: page.getByText(label, { exact: true }) })
            .locator('dd')
            .textContent(),
        );
      expect(await cell('Opprinnelig krav')).toBe(kr(j2.totalAmount + j3.totalAmount));
      // The amount, then the bank date of the payment (bank-saft: «Betalt direkte til oss» with its date).
      const direct = await cell('Betalt direkte til oss');
      expect(direct.startsWith(kr(paid)), direct).toBe(true);
      expect(direct.slice(kr(paid).length)).toMatch(/^bankdato \d{2}\.\d{2}\.\d{4}$/);
      expect(await cell('Avskrevet')).toBe(kr(j3.totalAmount));
      expect(await cell('Oppgjort av byrået')).toBe(kr(j2.totalAmount - paid + j3.totalAmount));
      expect(await cell('Herav inngått på avskrevet')).toBe(kr(j3.totalAmount));
      expect(await cell('Gjenstår i reskontro')).toBe(kr(0));
      expect(await cell('Gjenstår å innkreve')).toBe(kr(0));
      await page.getByText('Stemmer med byrået').waitFor();
      expect(await page.getByTestId('balance-disagrees').count()).toBe(0);
      await shot(page, 'journey-14-case-detail', true);
    });

    it('13. (the agency) gives an invoice back: the reminder list and the invoice say it was the agency, by name, with its reason', async () => {
      // CUSTOMER2's two invoices go to the agency (as steps 3–4 did through the screens); it opens a
      // case for J4 and gives J5 back.
      const system = { type: 'user' as const, id: null };
      await inTransaction(db, async (trx) => {
        for (const j of [j4, j5]) {
          const h = await sendToCollection(trx, companyId, j.id, { today: TODAY }, system);
          await approveHandover(trx, companyId, h.id, system, 'user', TODAY);
        }
      });
      await agency.createCase(companyId, { caseNumber: CASE2, invoiceIds: [j4.id], status: 'collection_notice' });
      const back = await agency.rejectInvoice(companyId, j5.id, GIVEN_BACK);
      expect(back.collectionStatus).toBe('rejected');
      const rejected = await db
        .selectFrom('handovers')
        .select(['state', 'ended_by_type', 'end_reason'])
        .where('invoice_id', '=', j5.id)
        .executeTakeFirstOrThrow();
      expect(rejected).toEqual({ state: 'rejected', ended_by_type: 'agency', end_reason: GIVEN_BACK });

      await nav('Purreliste').click();
      await page.getByRole('heading', { name: 'Purreliste', level: 1 }).waitFor();
      const row = reminderRow(j5.invoiceNumber);
      await row.waitFor();
      const next = plain(await row.locator('.col-next').textContent());
      // «Vent», and why: the agency, by its name, in its own words; not «Valgt av bruker».
      expect(next).toContain('Vent');
      expect(next).toContain(`Avvist av ${AGENCY}: ${GIVEN_BACK}`);
      expect(next).not.toContain('Valgt av bruker');
      expect(next).not.toMatch(/gave|agency/i);
      await shot(page, 'journey-15-agency-rejection');
      // The API says the same: the decision that stands is the agency's, with its name.
      const dunning = await apiGet<{
        item: {
          next: { nextAction: string };
          decision: { cause: string; reason: string; decidedBy: { kind: string; agencyName: string | null } };
        };
      }>(`/invoices/${j5.id}/dunning`);
      expect(dunning.item.next.nextAction).toBe('wait');
      expect(dunning.item.decision).toMatchObject({
        cause: 'agency_rejected_invoice',
        reason: GIVEN_BACK,
        decidedBy: { kind: 'agency', agencyName: AGENCY },
      });

      await page.goto(`/c/${companyId}/fakturaer/${j5.id}`);
      await page.getByRole('heading', { name: new RegExp(`^Faktura ${j5.invoiceNumber}`), level: 1 }).waitFor();
      expect(plain(await page.getByTestId('invoice-decision').textContent())).toContain(
        `Avvist av ${AGENCY}: ${GIVEN_BACK}`,
      );
      const handover = page.locator('.invoice-collection tr[data-handover-state="rejected"]');
      await handover.waitFor();
      expect(plain(await handover.textContent())).toContain(AGENCY);
      expect(plain(await handover.textContent())).toContain(GIVEN_BACK);
      await shot(page, 'journey-16-invoice-given-back', true);
    });

    it('14. posts a manual voucher on Bilag: the balance live, refusals in Norwegian, then its number and postings', async () => {
      const vouchersBefore = await countVouchers();
      await nav('Bilag').click();
      await page.getByRole('heading', { name: 'Bilag', level: 1 }).waitFor();
      await page.getByRole('link', { name: '+ Nytt manuelt bilag' }).click();
      await page.getByRole('heading', { name: 'Nytt manuelt bilag', level: 1 }).waitFor();
      // Keyboard only: the fields in order with Tab, Alt+N for a line, Enter to post.
      const today = await page.getByLabel('Bilagsdato').inputValue();
      await page.getByLabel('Tekst på bilaget').fill(`Kontant innbetaling fra ${CUSTOMER2}`);
      const field = (col: string, n: number) => page.getByLabel(`${col}, linje ${n}`, { exact: true });
      await field('Konto', 1).fill('1234');
      // Tab goes on to the line's text: the customer column says «Bare på kundefordringer», no field there.
      await field('Konto', 1).press('Tab');
      await page.keyboard.type('Kasse');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1 000');
      expect(await field('Linjetekst', 1).inputValue()).toBe('Kasse');
      expect(await field('Debet', 1).inputValue()).toBe('1 000');
      await field('Konto', 2).fill('1500');
      // The receivable account asks for the customer.
      const picker = page.getByRole('combobox', { name: 'Kunde, linje 2' });
      await picker.fill(CUSTOMER2);
      await page
        .getByRole('option', { name: new RegExp(CUSTOMER2) })
        .first()
        .waitFor();
      await picker.press('Enter');
      await field('Kredit', 2).fill('900');
      const difference = page.locator('[data-total="difference"]');
      expect(plain(await difference.textContent())).toBe(`Differanse ${kr(10_000)} (mer debet enn kredit)`);
      await field('Kredit', 2).press('Enter');
      await page.getByRole('alert').filter({ hasText: 'Bilaget går ikke i balanse' }).waitFor();
      expect(await countVouchers()).toBe(vouchersBefore);

      // Balanced, on an account the chart does not have: the server refuses, said in Norwegian.
      await field('Kredit', 2).fill('1 000');
      expect(plain(await difference.textContent())).toBe('I balanse');
      expect(plain(await page.locator('[data-total="debit"]').textContent())).toBe(kr(100_000));
      await field('Kredit', 2).press('Enter');
      const refusal = page.getByRole('alert').filter({ hasText: 'Ugyldig konto' });
      await refusal.waitFor();
      expect(plain(await refusal.textContent())).toContain('Konto 1234 finnes ikke i kontoplanen.');
      expect(await countVouchers()).toBe(vouchersBefore);

      // A third line by Alt+N, left empty (blank lines are not posted); the right bank account.
      await field('Konto', 1).fill('1920');
      expect(plain(await page.locator('tr[data-line="1"] [data-account-name]').textContent())).toBe('Bankinnskudd');
      await field('Konto', 1).press('Alt+N');
      await field('Konto', 3).waitFor();
      await expect
        .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
        .toBe('Konto, linje 3');
      await shot(page, 'journey-17-manual-voucher', true);
      await page.getByLabel('Tekst på bilaget').press('Enter');

      await page.getByRole('heading', { name: /^Manuelt bilag \d{4}-\d+$/, level: 1 }).waitFor();
      const number = plain(await page.getByRole('heading', { level: 1 }).textContent()).replace('Manuelt bilag ', '');
      await notice(page, `Bilag ${number} er bokført.`).waitFor();
      const postings = page.locator('.postings-table tbody tr');
      expect(await postings.count()).toBe(2);
      expect((await postings.nth(0).locator('td').allTextContents()).map(plain)).toEqual([
        '1920 Bankinnskudd',
        'Kasse',
        '',
        kr(100_000),
        '',
      ]);
      expect(plain(await postings.nth(1).locator('td').first().textContent())).toBe('1500 Kundefordringer');
      expect(plain(await postings.nth(1).locator('td').nth(4).textContent())).toBe(kr(100_000));
      await shot(page, 'journey-18-manual-voucher-posted', true);

      // The books: one manual voucher dated today, balanced, its customer line an open credit item.
      const voucherId = page.url().split('/').pop()!.split('?')[0]!;
      const stored = await db
        .selectFrom('vouchers')
        .select(['type', 'voucher_date', 'number'])
        .where('id', '=', voucherId)
        .executeTakeFirstOrThrow();
      expect(stored.type).toBe('manual');
      expect(String(stored.voucher_date).slice(0, 10)).toBe(today);
      expect(`${today.slice(0, 4)}-${stored.number}`).toBe(number);
      const lines = await db
        .selectFrom('postings')
        .select(['id', 'account', 'amount', 'customer_id'])
        .where('voucher_id', '=', voucherId)
        .orderBy('line_no')
        .execute();
      expect(lines.map((l) => [l.account, Number(l.amount), l.customer_id])).toEqual([
        [1920, 100_000, null],
        [1500, -100_000, customer2Id],
      ]);
      manual = { id: voucherId, entryId: Number(lines[1]!.id) };
      expect(await countVouchers()).toBe(vouchersBefore + 1);
      const item = await db
        .selectFrom('open_items')
        .select('open_amount')
        .where('posting_id', '=', manual.entryId)
        .executeTakeFirstOrThrow();
      expect(Number(item.open_amount)).toBe(-100_000);
    });

    it('15. matching the manual voucher against the invoice with the agency warns first; nothing is matched until confirmed', async () => {
      const feedBefore = await feedOf(j4.id);
      await nav('Reskontro').click();
      await page.getByRole('heading', { name: 'Reskontro', level: 1 }).waitFor();
      const picker = page.getByRole('combobox', { name: 'Kunde' });
      await picker.fill(CUSTOMER2);
      await page
        .getByRole('option', { name: new RegExp(CUSTOMER2) })
        .first()
        .waitFor();
      await picker.press('Enter');
      const row = page.locator(`.ledger-table tbody tr[data-entry-id="${manual.entryId}"]`);
      await row.waitFor();
      await row.getByRole('button', { name: /^Handlinger for Manuelt bilag/ }).click();
      await page.getByRole('menuitem', { name: 'Avstem …' }).click();
      const dialog = page.getByRole('dialog', { name: /^Avstem Manuelt bilag/ });
      const counterpart = dialog.getByLabel('Motpost');
      await counterpart.waitFor();
      const j4Entry = await invoiceEntry(j4.id);
      await counterpart.selectOption(String(j4Entry));
      await dialog.getByRole('button', { name: 'Avstem', exact: true }).click();

      // The warning first: nothing is matched, and the agency's feed has nothing new.
      const warnings = page.getByRole('dialog', { name: 'Før du avstemmer' });
      await warnings.waitFor();
      await warnings.locator('[data-warning="invoice_in_collection"]').waitFor();
      expect(plain(await warnings.textContent())).toContain('Ingenting er avstemt ennå.');
      await warnings.getByRole('button', { name: 'Avskriv i stedet' }).waitFor();
      await shot(page, 'journey-19-manual-match-warning');
      expect((await apiGet<{ data: unknown[] }>(`/entries/${manual.entryId}/matches`)).data).toEqual([]);
      expect(await openAmount(j4.id)).toBe(j4.totalAmount);
      expect(await feedOf(j4.id)).toEqual(feedBefore);

      // Confirmed: matched, the invoice's open amount down by kr 1 000, and the agency told of it.
      await warnings.getByRole('button', { name: 'Avstem likevel' }).click();
      await warnings.waitFor({ state: 'detached' });
      await notice(page, /^Avstemt kr 1 000,00\./).waitFor();
      const matches = await apiGet<{ data: Array<{ amount: number; unmatchedAt?: string | null }> }>(
        `/entries/${manual.entryId}/matches`,
      );
      expect(matches.data.map((m) => m.amount)).toEqual([100_000]);
      expect(await openAmount(j4.id)).toBe(j4.totalAmount - 100_000);
      const open = await apiGet<{ data: Array<{ entryId: number; openAmount: number }> }>(
        `/open-items?customerId=${customer2Id}&includeClosed=true&limit=50`,
      );
      expect(open.data.find((i) => i.entryId === manual.entryId)?.openAmount).toBe(0);
      expect(open.data.find((i) => i.entryId === j4Entry)?.openAmount).toBe(j4.totalAmount - 100_000);
      const feed = await feedOf(j4.id);
      expect(feed.slice(feedBefore.length)).toEqual([['invoice.manual_match', CASE2, j4.totalAmount - 100_000]]);
    });

    it('raised no script errors and no Content-Security-Policy violations', () => {
      expect(ui.pageErrors).toEqual([]);
      expect(ui.cspViolations).toEqual([]);
    });
  },
);
