/**
 * Accessibility of every screen, checked by axe-core (WCAG 2.1 A and AA rules) in Chromium: the
 * sign-in page, each screen of the main menu, the invoice view, a case, and the dialogs an
 * accountant works in. Any violation fails, naming the rule, its impact and the elements.
 * axe runs through the DevTools protocol (page.evaluate), so the page's strict CSP stays on.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInChromium, signIn, startUiWorld, type UiWorld } from './harness.js';
import { budget } from '../support/progress.js';

const ACCOUNTANT = 'regnskap@demo.innfri.no';
const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe's WCAG 2.1 A/AA violations on the page as it is now, as lines that say what and where. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(await AXE_SOURCE);
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as Violation[];
  return found.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}× e.g. ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

describeInChromium('test/browser/a11y.test.ts')(
  'accessibility (axe-core, WCAG 2.1 AA) in Chromium',
  { timeout: budget(60_000) },
  () => {
    let world: UiWorld;
    let page: Page;

    beforeAll(async () => {
      world = await startUiWorld({ invoiceCount: 60, prefix: 'innfri-a11y-' });
      page = await world.newPage();
    }, budget(180_000));

    afterAll(async () => world?.close());

    const screen = (path: string) => `/c/${world.companyId}/${path}`;
    /** Goes to the screen and waits until it has drawn its content (no loading state left). */
    async function visit(path: string): Promise<void> {
      await page.goto(screen(path));
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page
        .locator('.loading')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await page.waitForLoadState('networkidle');
    }

    it('the sign-in page', async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
      expect(await violations(page)).toEqual([]);
      await signIn(page, ACCOUNTANT);
    });

    it.each([
      ['Oversikt', 'oversikt'],
      ['Purreliste', 'purreliste'],
      ['Inkasso › Utkast', 'inkasso/utkast'],
      ['Inkasso › Godkjent', 'inkasso/godkjent'],
      ['Inkasso › Åpne', 'inkasso/apne'],
      ['Inkasso › Arkivert', 'inkasso/arkivert'],
      ['Reskontro', 'reskontro'],
      ['Innbetalinger', 'innbetalinger'],
      ['Fakturaer', 'fakturaer'],
      ['Bilag', 'bilag'],
      ['Bilag › Nytt manuelt bilag', 'bilag/ny'],
      ['Oppgjør', 'oppgjor/alle'],
      ['Innstillinger', 'innstillinger'],
    ])('%s', async (_name, path) => {
      await visit(path);
      expect(await violations(page)).toEqual([]);
    });

    it('an invoice, and its credit-note and write-off dialogs', async () => {
      await visit('fakturaer');
      await page.locator('.invoice-table tbody tr a').first().click();
      await page.getByRole('heading', { name: /^Faktura \d+/, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Lag kreditnota' }).click();
      await page.getByRole('dialog').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
    });

    it('a case, and the reminder list’s action dialog', async () => {
      await visit('inkasso/apne');
      const show = page.getByRole('button', { name: /^Vis sak/ }).first();
      if ((await show.count()) > 0) {
        await show.click();
        await page.getByRole('heading', { name: /^Sak /, level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await violations(page)).toEqual([]);
      }
      await visit('purreliste');
      await page
        .locator('.reminder-table tbody tr')
        .first()
        .getByRole('button', { name: /^Flere valg for faktura/ })
        .click();
      await page.getByRole('menu').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.getByRole('menuitem', { name: 'Sett «Vent»' }).click();
      await page.getByRole('dialog').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
    });
  },
);
