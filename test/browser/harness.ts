/**
 * What every browser test file shares: Debian's Chromium, a production build of the UI in a folder
 * of the file's own (files run side by side and must not rebuild each other's), and pages that
 * collect script errors and Content-Security-Policy violations; the real server on PGlite with the
 * demo company seeded (`startUiWorld`), and the small helpers the tests check pages with.
 */
import { budget } from '../support/progress.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { formatKr, ore } from '../../src/shared/money.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = join(ROOT, 'test-results/screenshots');
export const hasChromium = existsSync(CHROMIUM);
export const inCi = Boolean(process.env.CI);

/** Builds the UI as `npm run build:web` does (production React), into a fresh folder; returns it. */
export async function buildWebUi(): Promise<string> {
  const webDist = await mkdtemp(join(tmpdir(), 'innfri-web-'));
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      'web',
      '--logLevel',
      'warn',
      '--outDir',
      webDist,
      '--emptyOutDir',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return webDist;
}

/** The window the browser tests work in, unless a test asks for a phone's or a tablet's. */
export const DESKTOP = { width: 1280, height: 800 } as const;

/** A 1280×800 (or `viewport`) Norwegian page on the server; script errors and CSP violations go into the lists. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  errors: { pageErrors: string[]; cspViolations: string[] },
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    baseURL,
  });
  context.setDefaultTimeout(budget(10_000));
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      errors.cspViolations.push(message.text());
  });
  return { context, page };
}

/** «Today» of the server in the browser tests. */
export const TODAY = '2026-11-20';

/**
 * `describe` for a browser test file when Chromium is there, or in CI (CI set), where its absence
 * fails the tests (startUiWorld throws); elsewhere `describe.skip`, with a loud warning naming the file.
 */
export function describeInChromium(file: string): typeof describe | typeof describe.skip {
  if (hasChromium || inCi) return describe;
  console.warn(
    `\n${'!'.repeat(78)}\n!! The browser tests of ${file} are SKIPPED: ${CHROMIUM} is missing.\n` +
      `!! Install Debian's Chromium (apt-get install chromium) to run them. In CI they fail instead.\n${'!'.repeat(78)}\n`,
  );
  return describe.skip;
}

/** The real server in-process on PGlite in a temp data dir, the demo company seeded, and Chromium. */
export interface UiWorld {
  readonly server: RunningServer;
  readonly db: Db;
  /** The demo company's id. */
  readonly companyId: string;
  readonly browser: Browser;
  /** Script errors and Content-Security-Policy violations on every page `newPage` opened. */
  readonly pageErrors: string[];
  readonly cspViolations: string[];
  /** A new page on the server, in a browser context of its own (closed by `close`), 1280×800 unless `viewport` says. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Closes the pages' contexts, the browser and the server, and removes the data dir and the build. */
  close(): Promise<void>;
}

/**
 * Builds the UI, starts the server on it (PGlite in a new temp dir named `prefix…`, «today» TODAY,
 * no webhook worker), seeds the demo company with `invoiceCount` invoices and launches Chromium.
 * Throws when Chromium is missing (describeInChromium skips the file before that, outside CI).
 */
export async function startUiWorld(options: { invoiceCount: number; prefix: string }): Promise<UiWorld> {
  if (!hasChromium)
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests cannot run in CI without it (apt-get install chromium).`,
    );
  const contexts: BrowserContext[] = [];
  let webDist: string | undefined;
  let dataDir: string | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (webDist) await rm(webDist, { recursive: true, force: true });
  };
  try {
    webDist = await buildWebUi();
    await mkdir(SHOTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), options.prefix));
    server = await startServer({
      target: { kind: 'pglite', dataDir },
      port: 0,
      config: { today: () => TODAY },
      webhooks: false,
      webDist,
    });
    const db = server.database.db;
    const demo = await seedDemo(db, { onlyIfEmpty: false, today: TODAY, invoiceCount: options.invoiceCount });
    if (!demo) throw new Error('the demo company was not seeded');
    const launched = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    browser = launched;
    const errors = { pageErrors: [] as string[], cspViolations: [] as string[] };
    const url = server.url;
    return {
      server,
      db,
      companyId: demo.companyId,
      browser: launched,
      ...errors,
      async newPage(viewport) {
        const { context, page } = await openPage(launched, url, errors, viewport);
        contexts.push(context);
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Signs in through the form with the demo password, and waits for the main menu. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();
}

/** A screenshot into test-results/screenshots/NAME.png. */
export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  // A full-page shot from a scrolled page draws the sticky top bar mid-page.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Nothing wider than the 1280×800 window: no sideways scrolling. */
export async function expectFits(page: Page): Promise<void> {
  const [scrollWidth, clientWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  const overflowing = (await page.evaluate(
    'Array.from(document.querySelectorAll(".table-wrap")).filter((el) => el.scrollWidth > el.clientWidth + 1).length',
  )) as number;
  expect(overflowing, 'a table scrolls sideways at 1280×800').toBe(0);
}

/** The page's status notice (role=status) with this text. */
export function notice(page: Page, text: string | RegExp): Locator {
  return page.getByRole('status').filter({ hasText: text });
}

/** `kr 1 234,50`, as the UI shows øre in bokmål (src/shared/money.ts formatKr). */
export const kr = (n: number): string => formatKr(ore(n));

/** Text content with the no-break spaces of formatted amounts made plain. */
export const plain = (s: string | null): string => (s ?? '').replace(/\u00a0/g, ' ').trim();

/** An amount as formatKr writes it in bokmål, and a date as the UI shows it: `kr 1 234,50`, `20.11.2026`. */
export const KR = /^-?kr \d{1,3}(?: \d{3})*,\d{2}$/;
export const DATE = /^\d{2}\.\d{2}\.\d{4}$/;
