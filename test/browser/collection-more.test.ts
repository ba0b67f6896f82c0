/**
 * Oversikt, Oppgjør, the case detail and Innstillinger in a real browser: the real server
 * (in-process, PGlite, the demo company seeded), Chromium via playwright-core. Cases and
 * settlements are made through the agency's own service calls, as test/browser/ui.test.ts does.
 * Screenshots go to test-results/screenshots/ (cm-*.png).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInChromium, expectFits, kr, notice, shot, signIn, startUiWorld, type UiWorld } from './harness.js';
import { companyAgencies, setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { createCase, updateCaseStatus } from '../../src/collection/case.service.js';
import { listHandovers } from '../../src/collection/handover.service.js';
import { receiveSettlement } from '../../src/collection/settlement.service.js';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { DEMO_AGENCY_NAME } from '../../src/seed/collection.js';
import { ore } from '../../src/shared/money.js';
import { budget } from '../support/progress.js';

const USERS = {
  admin: 'admin@demo.innfri.no',
  accountant: 'regnskap@demo.innfri.no',
  viewer: 'leser@demo.innfri.no',
} as const;

describeInChromium('test/browser/collection-more.test.ts')(
  'Oversikt, Oppgjør, the case detail and Innstillinger in Chromium',
  { timeout: budget(60_000) },
  () => {
    let ui: UiWorld;
    let db: Db;
    let companyId: string;
    let agencyId: string;
    let world: Awaited<ReturnType<typeof makeWorld>>;

    beforeAll(async () => {
      ui = await startUiWorld({ invoiceCount: 120, prefix: 'innfri-ui-more-' });
      db = ui.db;
      companyId = ui.companyId;
      const agency = (await companyAgencies(db, companyId)).find((a) => a.name === DEMO_AGENCY_NAME);
      if (!agency) throw new Error('the demo agency is missing');
      agencyId = agency.id;
      world = await makeWorld(db, companyId, agencyId);
    }, budget(180_000));

    afterAll(async () => ui?.close());

    /** A new page, signed in as `email`. */
    async function signedInPage(email: string): Promise<Page> {
      const page = await ui.newPage();
      await signIn(page, email);
      return page;
    }

    let accountant: Page;

    it('lands on Oversikt with the aged receivables, the funnel and what agencies recovered', async () => {
      accountant = await signedInPage(USERS.accountant);
      await accountant.getByRole('heading', { name: 'Oversikt', level: 1 }).waitFor();
      expect(new URL(accountant.url()).pathname).toBe(`/c/${companyId}/oversikt`);
      const nav = await accountant.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allTextContents();
      for (const name of ['Oversikt', 'Purreliste', 'Inkasso', 'Oppgjør', 'Innstillinger']) expect(nav).toContain(name);

      const aged = accountant.getByRole('img', {
        name: /^Utestående fordringer per 20\.11\.2026 etter dager over forfall/,
      });
      await aged.waitFor();
      expect(await aged.locator('.chart-bar').count()).toBe(6);
      // The table beside the chart has the same figures, in kr.
      const agedRows = accountant.locator('.overview-aged tbody tr');
      expect(await agedRows.count()).toBe(6);
      for (const cell of await accountant.locator('.overview-aged td.money').allTextContents())
        expect(cell).toMatch(/^kr \d{1,3}(?: \d{3})*,\d{2}$/);
      expect(await accountant.locator('.overview-aged tbody th').allTextContents()).toEqual([
        'Ikke forfalt',
        '0–14 dager',
        '15–30 dager',
        '31–60 dager',
        '61–90 dager',
        'Over 90 dager',
      ]);

      const funnel = accountant.locator('.funnel-stage');
      expect(await funnel.count()).toBe(5);
      expect(await accountant.locator('[data-stage="openCases"] .funnel-count').textContent()).toBe('3 saker');

      const recovered = accountant.getByRole('img', { name: /^Hovedstol drevet inn av inkassobyråer per måned/ });
      await recovered.waitFor();
      expect(await recovered.locator('.chart-bar').count()).toBe(12);
      expect(await recovered.locator('[data-key="2026-10"] title').textContent()).toBe(
        `oktober 2026: ${kr(world.octoberPrincipal)}`,
      );
      await shot(accountant, 'cm-01-overview', true);
      await expectFits(accountant);
      // The recovered chart's figures as a table, on request (a native <details>, keyboard usable).
      await accountant.getByText('Vis tallene som tabell').click();
      await accountant.getByRole('rowheader', { name: 'oktober 2026' }).waitFor();

      // Each funnel stage is a link to its list, reachable by keyboard.
      await accountant.locator('[data-stage="drafts"] a').focus();
      await accountant.keyboard.press('Enter');
      await accountant.waitForURL(`**/c/${companyId}/inkasso/utkast`);
    });

    it('approves a pending settlement from Oppgjør, after its voucher preview', async () => {
      await accountant.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Oppgjør' }).click();
      await accountant.getByRole('heading', { name: 'Oppgjør', level: 1 }).waitFor();
      expect(new URL(accountant.url()).pathname).toBe(`/c/${companyId}/oppgjor/venter`);
      const tab = accountant.getByRole('link', { name: /Venter på godkjenning/ });
      await expect.poll(() => tab.textContent()).toBe('Venter på godkjenning2');

      const row = accountant.locator('tr[data-reference="S-2026-1101"]');
      await row.getByRole('button', { name: 'S-2026-1101' }).click();
      const preview = accountant.getByRole('table', { name: 'Bilaget som bokføres' });
      await preview.waitFor();
      expect(await preview.locator('thead th').allTextContents()).toEqual(['Konto', 'Tekst', 'Debet', 'Kredit']);
      const bank = preview
        .locator('tbody tr')
        .filter({ has: accountant.getByRole('cell', { name: '1920', exact: true }) });
      expect(await bank.locator('td').nth(2).textContent()).toBe(kr(world.bankAmount));
      const receivable = preview
        .locator('tbody tr')
        .filter({ has: accountant.getByRole('cell', { name: '1500', exact: true }) });
      expect(await receivable.locator('td').nth(3).textContent()).toBe(kr(world.principalA));
      // Debit equals credit.
      const [debit, credit] = await preview.locator('tfoot td').allTextContents();
      expect(debit).toBe(credit);
      // The agency's statement beside it.
      const statement = accountant.getByRole('definition').filter({ hasText: kr(world.bankAmount) });
      expect(await statement.count()).toBeGreaterThan(0);
      await accountant.getByText('Byrå saksnummer').waitFor();
      await shot(accountant, 'cm-02-settlement-preview', true);
      await expectFits(accountant);

      await accountant.getByRole('button', { name: 'Godkjenn og bokfør' }).click();
      await notice(accountant, 'Oppgjør S-2026-1101 er godkjent og bokført.').waitFor();
      await row.waitFor({ state: 'detached' });
      await expect.poll(() => tab.textContent()).toBe('Venter på godkjenning1');
      const posted = await db
        .selectFrom('settlements')
        .select(['status', 'voucher_id'])
        .where('reference', '=', 'S-2026-1101')
        .executeTakeFirstOrThrow();
      expect(posted.status).toBe('posted');
      expect(posted.voucher_id).not.toBeNull();

      await accountant.getByRole('link', { name: 'Bokført' }).click();
      await accountant.locator('tr[data-reference="S-2026-1101"]').getByText('Bokført').waitFor();
    });

    it('rejecting asks for a reason (and Escape leaves it pending)', async () => {
      await accountant.getByRole('link', { name: /Venter på godkjenning/ }).click();
      // One pending left: it opens by itself.
      await accountant.getByRole('table', { name: 'Bilaget som bokføres' }).waitFor();
      await accountant.getByRole('button', { name: 'Avvis', exact: true }).click();
      const dialog = accountant.getByRole('dialog', { name: 'Avvis oppgjør S-2026-1102' });
      await dialog.waitFor();
      expect(await dialog.getByRole('button', { name: 'Avvis' }).isDisabled()).toBe(true);
      await dialog.getByLabel('Begrunnelse').fill('Feil beløp');
      expect(await dialog.getByRole('button', { name: 'Avvis' }).isDisabled()).toBe(false);
      await shot(accountant, 'cm-03-reject-dialog');
      await accountant.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(
        (
          await db
            .selectFrom('settlements')
            .select('status')
            .where('reference', '=', 'S-2026-1102')
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('pending_approval');
    });

    it('shows the case under Arkivert after `paid`, with its money, history and settlement', async () => {
      await inTransaction(db, (trx) =>
        updateCaseStatus(trx, agencyId, companyId, 'DI-2026-0501', {
          status: 'paid',
          statusText: 'Innbetalt i sin helhet',
          agencyBalance: ore(0),
        }),
      );
      await accountant.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Inkasso' }).click();
      await accountant.getByRole('link', { name: 'Arkivert' }).click();
      const row = accountant.locator('tr[data-case-number="DI-2026-0501"]');
      await row.waitFor();
      await row.getByRole('button', { name: 'Vis sak DI-2026-0501' }).click();
      await accountant.getByRole('heading', { name: 'Sak DI-2026-0501', level: 1 }).waitFor();
      expect(new URL(accountant.url()).pathname).toMatch(new RegExp(`^/c/${companyId}/inkasso/sak/[0-9a-f-]{36}$`));

      const money = accountant.locator('.money-grid');
      const cell = async (label: string) =>
        (await money
          .locator('.money-cell')
          .filter({ has: accountant.getByText(label, { exact: true }) })
          .locator('dd')
          .textContent()) ?? '';
      expect(await cell('Opprinnelig krav')).toBe(kr(world.originalA));
      expect(await cell('Oppgjort av byrået')).toBe(kr(world.principalA));
      expect(await cell('Gjenstår i reskontro')).toBe('kr 0,00');
      expect(await cell('Gjenstår å innkreve')).toBe(kr(world.originalA - world.principalA - world.paidBeforeA));
      expect(await cell('Byråets saldo')).toBe('kr 0,00');
      await accountant.getByText('Stemmer med byrået').waitFor();
      expect(await accountant.getByTestId('balance-disagrees').count()).toBe(0);

      const history = accountant.locator('.timeline-item');
      expect(await history.count()).toBe(2);
      expect(await history.first().textContent()).toContain('Betalt');
      expect(await history.first().textContent()).toContain('Innbetalt i sin helhet');
      await accountant.locator('article[data-reference="S-2026-1101"]').getByText('Bokført').waitFor();
      await shot(accountant, 'cm-04-case-archived', true);
      await expectFits(accountant);

      await accountant.getByRole('link', { name: '← Arkiverte saker' }).click();
      await accountant.waitForURL(`**/c/${companyId}/inkasso/arkivert`);
    });

    it('flags an open case whose agency balance disagrees with the ledger', async () => {
      await accountant.getByRole('link', { name: 'Åpne', exact: true }).click();
      await accountant
        .locator('tr[data-case-number="DI-2026-0502"]')
        .getByRole('button', { name: 'Vis sak DI-2026-0502' })
        .click();
      await accountant.getByRole('heading', { name: 'Sak DI-2026-0502', level: 1 }).waitFor();
      const flag = accountant.getByTestId('balance-disagrees');
      await flag.waitFor();
      expect(await flag.textContent()).toContain('Byråets saldo stemmer ikke med reskontroen');
      expect(await flag.textContent()).toContain(kr(world.balanceB));
      await shot(accountant, 'cm-05-case-disagrees', true);
      await expectFits(accountant);
    });

    it('shows Innstillinger read-only to an accountant, with the legal fee cap', async () => {
      await accountant
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Innstillinger' })
        .click();
      await accountant.getByRole('heading', { name: 'Innstillinger', level: 1 }).waitFor();
      await accountant.getByText('Bare administratorer kan endre innstillingene.', { exact: false }).waitFor();
      await accountant
        .getByTestId('fee-cap')
        .filter({ hasText: /Lovlig maksimalt purregebyr i dag: kr \d+,\d{2}/ })
        .waitFor();
      expect(await accountant.getByRole('button', { name: 'Lagre' }).count()).toBe(0);
      expect(await accountant.getByRole('button', { name: /^(Aktiver|Deaktiver|Gjør til standard)/ }).count()).toBe(0);
      expect(await accountant.getByLabel('Bank', { exact: true }).isDisabled()).toBe(true);
      expect(await accountant.getByLabel('Oppgjør må godkjennes før bokføring').isChecked()).toBe(true);
    });

    it('lets an admin change agencies, reminder settings and accounts', async () => {
      const admin = await signedInPage(USERS.admin);
      await admin.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innstillinger' }).click();
      const nord = admin.locator('tr[data-agency="Nord Inkasso AS"]');
      await nord.getByRole('button', { name: 'Gjør til standard' }).click();
      await notice(admin, 'Nord Inkasso AS er nå standardbyrå.').waitFor();
      await nord.getByText('Standard').waitFor();
      expect((await companyAgencies(db, companyId)).find((a) => a.name === 'Nord Inkasso AS')?.isDefault).toBe(true);

      const deadline = admin.getByLabel('Betalingsfrist i purringer (dager)');
      await deadline.fill('21');
      // The reminder settings' own Lagre (Firma above has one too, disabled until changed).
      await admin.locator('form').filter({ has: deadline }).getByRole('button', { name: 'Lagre' }).click();
      await notice(admin, 'Innstillingene er lagret.').first().waitFor();
      expect(
        (
          await db
            .selectFrom('dunning_settings')
            .select('payment_deadline_days')
            .where('company_id', '=', companyId)
            .executeTakeFirstOrThrow()
        ).payment_deadline_days,
      ).toBe(21);

      // A fee above the cap is refused in the form already.
      await admin.getByLabel('Purregebyr', { exact: true }).fill('9999');
      await admin.getByText(/Høyere enn det lovlige maksimum/).waitFor();
      await admin.getByLabel('Purregebyr', { exact: true }).fill('');
      await shot(admin, 'cm-06-settings-admin', true);
      await expectFits(admin);
    });

    it('shows a viewer the pending settlement and its preview, but no approve or reject', async () => {
      const viewer = await signedInPage(USERS.viewer);
      await viewer.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Oppgjør' }).click();
      await viewer.locator('tr[data-reference="S-2026-1102"]').waitFor();
      await viewer.getByRole('table', { name: 'Bilaget som bokføres' }).waitFor();
      expect(await viewer.getByRole('button', { name: /Godkjenn|Avvis/ }).count()).toBe(0);
      await shot(viewer, 'cm-07-viewer-settlement', true);
      await viewer.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innstillinger' }).click();
      await viewer.getByText('Bare administratorer kan endre innstillingene.', { exact: false }).waitFor();
      expect(await viewer.getByRole('button', { name: 'Lagre' }).count()).toBe(0);
    });

    it('speaks English too', async () => {
      await accountant.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Oversikt' }).click();
      await accountant.getByRole('button', { name: 'Switch to English' }).click();
      await accountant.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      await accountant.getByRole('heading', { name: 'Aged receivables' }).waitFor();
      await accountant.getByRole('img', { name: /^Principal recovered by agencies per month/ }).waitFor();
      // The approved November settlement is in the chart now.
      expect(await accountant.locator('.chart-recovered [data-key="2026-11"] title').textContent()).toMatch(
        /^November 2026: NOK /,
      );
      await shot(accountant, 'cm-08-overview-english', true);
      await accountant.getByRole('button', { name: 'Bytt til norsk' }).click();
    });

    it('raised no script errors and no Content-Security-Policy violations', () => {
      expect(ui.pageErrors).toEqual([]);
      expect(ui.cspViolations).toEqual([]);
    });
  },
);

/**
 * Three cases at the demo agency (one invoice each), a second agency, a settlement posted in
 * October, then «settlements need approval» and two pending settlements.
 */
async function makeWorld(db: Db, companyId: string, agencyId: string) {
  await inTransaction(db, async (trx) => {
    const { agency } = await createAgencyWithCredentials(trx, {
      name: 'Nord Inkasso AS',
      organizationNumber: '987654321',
    });
    await setAgencyActivation(trx, companyId, agency.id, { active: true }, null);
  });
  const approved = await listHandovers(db, companyId, { states: ['approved'], limit: 10 });
  const [a, b, c] = approved;
  if (!a || !b || !c) throw new Error(`the demo has ${approved.length} approved invoices; three are needed`);
  const original = async (invoiceId: string) =>
    (await db.selectFrom('invoices').select('total_amount').where('id', '=', invoiceId).executeTakeFirstOrThrow())
      .total_amount;
  const octoberPrincipal = Math.min(50_000, c.openAmount);
  const balanceB = b.openAmount + 12_345;
  await inTransaction(db, async (trx) => {
    await createCase(trx, agencyId, companyId, {
      caseNumber: 'DI-2026-0501',
      invoiceIds: [a.invoiceId],
      status: 'payment_demand',
      url: 'https://demo-inkasso.example/saker/DI-2026-0501',
    });
    await createCase(trx, agencyId, companyId, { caseNumber: 'DI-2026-0502', invoiceIds: [b.invoiceId] });
    await updateCaseStatus(trx, agencyId, companyId, 'DI-2026-0502', {
      status: 'payment_plan',
      statusText: 'Avtale om 6 avdrag',
      agencyBalance: ore(balanceB),
    });
    await createCase(trx, agencyId, companyId, { caseNumber: 'DI-2026-0480', invoiceIds: [c.invoiceId] });
    await receiveSettlement(trx, agencyId, companyId, {
      reference: 'S-2026-1015',
      settlementDate: '2026-10-15',
      bankAmount: ore(octoberPrincipal),
      lines: [{ caseNumber: 'DI-2026-0480', invoiceId: c.invoiceId, type: 'principal', amount: ore(octoberPrincipal) }],
      statement: { principal: octoberPrincipal, remitted: octoberPrincipal },
    });
    await updateDunningSettings(trx, companyId, { settlementsNeedApproval: true }, '2026-11-20');
  });
  const principalA = a.openAmount;
  const interest = 1_250;
  const bankAmount = principalA + interest;
  await inTransaction(db, async (trx) => {
    await receiveSettlement(trx, agencyId, companyId, {
      reference: 'S-2026-1101',
      settlementDate: '2026-11-19',
      bankAmount: ore(bankAmount),
      lines: [
        { caseNumber: 'DI-2026-0501', invoiceId: a.invoiceId, type: 'principal', amount: principalA },
        { caseNumber: 'DI-2026-0501', type: 'interest', amount: ore(interest) },
      ],
      statement: {
        'Byrå saksnummer': 'DI-2026-0501',
        'Innbetalt av skyldner': bankAmount + 70_000,
        Hovedstol: principalA,
        Renter: interest,
        'Salær (beholdt)': 70_000,
        Remittert: bankAmount,
      },
    });
    await receiveSettlement(trx, agencyId, companyId, {
      reference: 'S-2026-1102',
      settlementDate: '2026-11-19',
      bankAmount: ore(10_000),
      lines: [{ caseNumber: 'DI-2026-0502', invoiceId: b.invoiceId, type: 'principal', amount: ore(10_000) }],
      statement: { Hovedstol: 10_000, Remittert: 10_000 },
    });
  });
  const originalA = await original(a.invoiceId);
  return { principalA, bankAmount, octoberPrincipal, balanceB, originalA, paidBeforeA: originalA - a.openAmount };
}
