/**
 * Innstillinger → SAF-T-gruppering in Chromium (the real server on PGlite with the demo company):
 * an admin maps account 3900 to another næringsspesifikasjon code, sees it marked as the company's
 * own choice, the SAF-T grouping as stored (and in the audit trail), sets it back to the NS 4102
 * default; a viewer sees the mapping without a «Endre» button. Screenshots: grp-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/audit.service.js';
import { chartOfAccounts } from '../../src/tenancy/company.service.js';
import { defaultGrouping } from '../../src/tenancy/grouping.js';
import { budget } from '../support/progress.js';
import { describeInChromium, expectFits, notice, shot, signIn, startUiWorld, type UiWorld } from './harness.js';

describeInChromium('test/browser/grouping.test.ts')(
  'the SAF-T grouping of accounts in Innstillinger, in Chromium',
  { timeout: budget(60_000) },
  () => {
    let ui: UiWorld;
    let admin: Page;
    const grouping = async (n: number) => (await chartOfAccounts(ui.db, ui.companyId)).find((a) => a.number === n)!;

    beforeAll(async () => {
      ui = await startUiWorld({ invoiceCount: 20, prefix: 'innfri-ui-grouping-' });
    }, budget(180_000));
    afterAll(async () => ui?.close());

    it('an admin maps account 3900 to code 3700 and back to the default', async () => {
      admin = await ui.newPage();
      await signIn(admin, 'admin@demo.innfri.no');
      await admin.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innstillinger' }).click();
      const panel = admin.getByTestId('grouping');
      await panel.getByRole('heading', { name: 'SAF-T-gruppering' }).waitFor();
      const row = panel.locator('tr[data-account="3900"]');
      const standard = defaultGrouping(3900);
      await row.getByText('Standard', { exact: true }).waitFor();
      expect(await row.locator('.grouping-code').textContent()).toBe(standard.code);

      await row.getByRole('button', { name: 'Endre grupperingen for konto 3900' }).click();
      await row.getByLabel('Grupperingskode for konto 3900').selectOption('3700');
      await shot(admin, 'grp-01-edit', true);
      await row.getByRole('button', { name: 'Lagre' }).click();
      await notice(admin, 'Konto 3900 grupperes nå som 3700.').waitFor();
      await row.getByText('Eget valg', { exact: true }).waitFor();
      expect(await row.locator('.grouping-code').textContent()).toBe('3700');
      expect(await grouping(3900)).toMatchObject({
        grouping: { category: 'annenDriftsinntekt', code: '3700' },
        custom: true,
      });
      const trail = await listAudit(ui.db, ui.companyId, { kind: 'company', limit: 10 });
      expect(trail.data[0]).toMatchObject({ kind: 'company.settings_changed', actor: { type: 'user' } });
      await shot(admin, 'grp-02-saved', true);
      await expectFits(admin);

      await row.getByRole('button', { name: 'Endre grupperingen for konto 3900' }).click();
      await row.getByRole('button', { name: 'Tilbake til standard' }).click();
      await notice(admin, `Konto 3900 grupperes nå som ${standard.code}.`).waitFor();
      await row.getByText('Standard', { exact: true }).waitFor();
      expect(await grouping(3900)).toMatchObject({ grouping: standard, custom: false });
    });

    it('a viewer sees the mapping and cannot change it', async () => {
      const viewer = await ui.newPage();
      await signIn(viewer, 'leser@demo.innfri.no');
      await viewer.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innstillinger' }).click();
      const panel = viewer.getByTestId('grouping');
      await panel.locator('tr[data-account="1500"] .grouping-code').waitFor();
      expect(await panel.getByRole('button', { name: /Endre grupperingen/ }).count()).toBe(0);
    });

    it('raised no script errors and no Content-Security-Policy violations', () => {
      expect(ui.pageErrors).toEqual([]);
      expect(ui.cspViolations).toEqual([]);
    });
  },
);
