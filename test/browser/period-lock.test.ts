/**
 * Innstillinger → Låst periode and Logg in a real browser (the real server on PGlite with the demo
 * company, Chromium via playwright-core): an admin locks the books, is refused moving the lock
 * back (said in Norwegian, with who set it), sees both in the audit trail, and unlocks. Screenshots
 * go to test-results/screenshots/ (pl-*.png).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentPeriodLock } from '../../src/ledger/period-lock.service.js';
import { listAudit } from '../../src/audit/audit.service.js';
import { budget } from '../support/progress.js';
import { describeInChromium, expectFits, notice, shot, signIn, startUiWorld, type UiWorld } from './harness.js';

describeInChromium('test/browser/period-lock.test.ts')(
  'the locked period and the audit trail in Innstillinger, in Chromium',
  { timeout: budget(60_000) },
  () => {
    let ui: UiWorld;
    let admin: Page;

    beforeAll(async () => {
      ui = await startUiWorld({ invoiceCount: 40, prefix: 'innfri-ui-lock-' });
    }, budget(180_000));
    afterAll(async () => ui?.close());

    it('an admin locks the books up to a date', async () => {
      admin = await ui.newPage();
      await signIn(admin, 'admin@demo.innfri.no');
      await admin.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innstillinger' }).click();
      const panel = admin.getByTestId('period-lock');
      await panel.getByRole('heading', { name: 'Låst periode' }).waitFor();
      await panel.getByText('Ingen periode er låst.').waitFor();
      await panel.getByLabel('Lås til og med').fill('2026-10-31');
      await panel.getByRole('button', { name: 'Lås perioden' }).click();
      await notice(admin, 'Regnskapet er låst til og med 31.10.2026.').waitFor();
      await admin
        .getByTestId('period-lock-status')
        .filter({ hasText: /^Låst til og med 31\.10\.2026 \(satt av / })
        .waitFor();
      expect((await currentPeriodLock(ui.db, ui.companyId))?.lockedTo).toBe('2026-10-31');
    });

    it('refuses moving the lock back, in Norwegian, naming who set it', async () => {
      const panel = admin.getByTestId('period-lock');
      await panel.getByLabel('Lås til og med').fill('2026-09-30');
      await panel.getByRole('button', { name: 'Lås perioden' }).click();
      await admin
        .getByText(/Regnskapet er låst til og med 31\.10\.2026 \(av .+\)\. Låsen kan bare flyttes fremover/)
        .waitFor();
      expect((await currentPeriodLock(ui.db, ui.companyId))?.lockedTo).toBe('2026-10-31');
      await shot(admin, 'pl-01-locked', true);
    });

    it('shows the lock in the audit trail, filtered by kind', async () => {
      const trail = admin.getByTestId('audit-trail');
      await trail.getByLabel('Hendelse').selectOption('period');
      await trail.getByRole('button', { name: 'Vis' }).click();
      await trail.locator('tr[data-kind="period.locked"]').getByText('Periode låst').waitFor();
      expect(await trail.locator('tbody tr').count()).toBe(1);
      await shot(admin, 'pl-02-audit', true);
      await expectFits(admin);
    });

    it('unlocks explicitly, and the unlock is on the trail', async () => {
      const panel = admin.getByTestId('period-lock');
      await panel.getByRole('button', { name: 'Lås opp' }).click();
      await notice(admin, 'Regnskapet er ikke lenger låst.').waitFor();
      await panel.getByText('Ingen periode er låst.').waitFor();
      expect(await currentPeriodLock(ui.db, ui.companyId)).toBeNull();
      const trail = await listAudit(ui.db, ui.companyId, { kind: 'period', limit: 10 });
      expect(trail.data.map((e) => [e.kind, e.actor.type, e.peerAddress])).toEqual([
        ['period.unlocked', 'user', expect.stringMatching(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/)],
        ['period.locked', 'user', expect.stringMatching(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/)],
      ]);
    });

    it('raised no script errors and no Content-Security-Policy violations', () => {
      expect(ui.pageErrors).toEqual([]);
      expect(ui.cspViolations).toEqual([]);
    });
  },
);
