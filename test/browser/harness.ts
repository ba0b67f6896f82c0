/**
 * What every browser test file shares: Debian's Chromium, a production build of the UI in a folder
 * of the file's own (files run side by side and must not rebuild each other's), and pages that
 * collect script errors and Content-Security-Policy violations.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = join(ROOT, 'test-results/screenshots');
export const hasChromium = existsSync(CHROMIUM);
export const inCi = Boolean(process.env.CI);

/** Builds the UI as `npm run build:web` does (production React), into a fresh folder; returns it. */
export async function buildWebUi(): Promise<string> {
  const webDist = await mkdtemp(join(tmpdir(), 'innfri-web-'));
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn', '--outDir', webDist, '--emptyOutDir'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return webDist;
}

/** A 1280×800 Norwegian page on the server; script errors and CSP violations go into the lists. */
export async function openPage(browser: Browser, baseURL: string, errors: { pageErrors: string[]; cspViolations: string[] }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo', baseURL });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.cspViolations.push(message.text());
  });
  return { context, page };
}
