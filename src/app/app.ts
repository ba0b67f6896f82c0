import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { withAuditContext } from '../audit/audit-context.js';
import type { Db } from '../db/database.js';
import { ledgerRoutes } from '../ledger/ledger.routes.js';
import { manualMatchRoutes } from '../collection/manual-match.routes.js';
import { periodLockRoutes } from '../ledger/period-lock.routes.js';
import { dunningRoutes } from '../dunning/dunning.routes.js';
import { handoverRoutes } from '../collection/handover.routes.js';
import { invoicePdfRoutes } from '../sales/invoice-pdf.routes.js';
import { letterPdfRoutes } from '../dunning/letter-pdf.routes.js';
import { settlementRoutes } from '../collection/settlement.routes.js';
import { overviewRoutes } from '../collection/overview.routes.js';
import { inboxRoutes } from '../inbox/inbox.routes.js';
import { customerStatementRoutes } from '../sales/customer-statement.routes.js';
import { invoiceDetailRoutes } from '../collection/invoice.routes.js';
import { processRoutes } from '../collection/process.routes.js';
import { salesRoutes } from '../sales/sales.routes.js';
import { saftRoutes } from '../saft/saft.routes.js';
import { mailRoutes } from '../mail/mail.routes.js';
import { BANK_FILE_MAX_BYTES, BANK_FILE_UPLOAD_PATH, bankRoutes } from '../bank/bank.routes.js';
import { collectionExportRoutes } from '../collection/collection.exports.js';
import { dunningExportRoutes } from '../dunning/dunning.exports.js';
import { ledgerExportRoutes } from '../ledger/ledger.exports.js';
import { salesExportRoutes } from '../sales/sales.exports.js';
import { AppError } from '../shared/errors.js';
import { logError } from '../shared/error-log.js';
import type { Logger } from '../shared/log.js';
import { type Readiness, readinessOf } from './health.js';
import { tenancyRoutes } from '../tenancy/tenancy.routes.js';
import { auditTrailRoutes } from '../tenancy/audit-trail.routes.js';
import { createAgencyApi } from '../agency-api/agency-api.routes.js';
import { SETTLEMENT_MAX_BYTES, SETTLEMENT_POST_PATH } from '../agency-api/agency-api.schemas.js';
import type { AppConfig, AppEnv } from '../http/env.js';
import { inputGuard } from '../http/input-guard.js';
import { OPENAPI_CONTACT, OPENAPI_LICENSE } from '../http/openapi-info.js';
import { problemResponse, toAppError, validationHook } from '../http/problem.js';
import { peerAddress } from '../http/peer.js';

export const API_VERSION = '0.1.0';

const REQUEST_ID_HEADER = 'X-Request-Id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The accountant's web UI as `npm run build:web` leaves it (web/dist). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Never the UI's: the APIs and the health check answer for themselves (their 404s stay problem+json). */
const NOT_UI = /^\/(?:api|agency|oauth|health|metrics)(?:\/|$)/;

/** The UI's pages load only the UI's own files and talk only to this origin. */
const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the built UI: its files (hashed assets cached for good), and index.html for `/` and for
 * any other GET of a path without a file extension (the UI's own routes, e.g. /c/…/purreliste),
 * so a reload or a shared link works. Registered after the APIs, and skipping their prefixes.
 */
function serveWebUi(app: OpenAPIHono<AppEnv>, distDir: string): void {
  // The build writes .br/.gz beside each asset (web/vite.config.ts): served by Accept-Encoding.
  const files = serveStatic({ root: distDir, precompressed: true });
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (NOT_UI.test(path)) return next();
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last.includes('.') && !last.endsWith('.html')) {
      const res = await files(c, next);
      // Vite names the files under assets/ by their content hash: they never change.
      if (res instanceof Response && res.ok)
        res.headers.set(
          'Cache-Control',
          path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      return res;
    }
    const index = await readFile(join(distDir, 'index.html'), 'utf8').catch(() => null);
    if (index === null) {
      if (path !== '/') return next();
      // Not built (a checkout run without `npm start`): say how, and where the API is.
      return c.html(
        '<!doctype html><html lang="nb"><meta charset="utf-8"><title>Innfri</title>' +
          '<body style="font-family:system-ui;max-width:40rem;margin:3rem auto">' +
          '<h1>Innfri</h1><p>Tjenesten kjører, men nettgrensesnittet er ikke bygget: kjør <code>npm run build:web</code> (npm start gjør det selv).</p>' +
          '<p>The service is running; build the web UI with <code>npm run build:web</code>.</p>' +
          '<p>API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1)</p></body></html>',
      );
    }
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', UI_CSP);
    return c.html(index);
  });
}

/**
 * The document's account of `requireSession`: a write (any method but GET) needs the session cookie
 * and the X-CSRF-Token header together. Routes that say their own `security` (sign-in: none) keep it.
 */
function requireCsrfOnWrites(api: OpenAPIHono<AppEnv>): void {
  for (const definition of api.openAPIRegistry.definitions) {
    if (definition.type !== 'route' || definition.route.method === 'get' || definition.route.security) continue;
    definition.route.security = [{ session: [], csrf: [] }];
  }
}

export function createApiV1(): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'innfri_session',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'csrf', {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
  });
  // The lists' `/export` paths first, so that no `/{id}` route of the same list takes «export» for an id.
  dunningExportRoutes(api);
  collectionExportRoutes(api);
  ledgerExportRoutes(api);
  salesExportRoutes(api);
  tenancyRoutes(api);
  salesRoutes(api);
  invoiceDetailRoutes(api);
  ledgerRoutes(api);
  manualMatchRoutes(api);
  dunningRoutes(api);
  processRoutes(api);
  handoverRoutes(api);
  invoicePdfRoutes(api);
  letterPdfRoutes(api);
  settlementRoutes(api);
  overviewRoutes(api);
  inboxRoutes(api);
  customerStatementRoutes(api);
  periodLockRoutes(api);
  auditTrailRoutes(api);
  bankRoutes(api);
  saftRoutes(api);
  mailRoutes(api);
  requireCsrfOnWrites(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Innfri accountant API',
      version: API_VERSION,
      contact: OPENAPI_CONTACT,
      license: OPENAPI_LICENSE,
      description:
        'The accountant side of Innfri: companies, customers, invoices, credit notes, payments, vouchers, the customer ledger and write-offs. ' +
        'Amounts are integers in øre. Sign in with POST /auth/login (session cookie); every write needs the X-CSRF-Token header from the session. ' +
        'Every POST accepts an Idempotency-Key header. Errors are RFC 9457 problem+json with a machine-readable `code`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ session: [] }],
    tags: [
      {
        name: 'Session and companies',
        description: 'Sign in and out, companies, the chart of accounts, users and roles',
      },
      { name: 'Customers', description: 'Customers, including «not to collection»' },
      { name: 'Invoices', description: 'Invoices, credit notes, write-off («Avskriv») and the invoice PDF' },
      { name: 'Payments', description: 'Incoming payments by KID, by invoice or on a customer' },
      { name: 'Ledger', description: 'Vouchers (bilag), reversals and account balances' },
      { name: 'Customer ledger', description: 'Open items (åpne poster), matching and the invoice events' },
      {
        name: 'Exports',
        description: 'The books as SAF-T Financial 1.30, and the working lists as CSV or XLSX (streamed downloads)',
      },
      {
        name: 'Reminder list',
        description:
          'The reminder list (purreliste), reminder settings, letters and their PDFs, the legal rates and the daily run',
      },
      { name: 'Collection', description: 'The handover lists (utkast, godkjent), agencies, cases and the overview' },
      { name: 'Settlements', description: 'Settlements from agencies: list, preview, approve, reject' },
      {
        name: 'E-mail',
        description:
          "Letters by e-mail: the company's SMTP settings, sending a letter with its PDF through the outbox, and each e-mail's attempts",
      },
    ],
  });
  return api;
}

/** What the server hands the app beside the database and the settings. */
export interface AppOptions {
  /** The built UI to serve (tests point it elsewhere). */
  webDist?: string;
  /** The access log: one line per request (none when not given: the tests' apps). */
  accessLog?: Logger;
  /** Told of every request when it is answered: its route pattern (not its path), status and seconds. */
  observeRequest?: (method: string, route: string, status: number, seconds: number) => void;
  /** What /health/ready checks beside the database and the migrations (the workers), and whether the server is draining. */
  readiness?: Readiness;
  /** `GET /metrics` on this app, behind `Authorization: Bearer <token>`. */
  metrics?: { token: string; render: () => Promise<{ contentType: string; body: string }> };
}

/** The route a request matched, as its pattern (bounded: one series per route, not per id); 'unmatched' for a 404 of no route. */
function routeOf(c: { req: { routePath: string } }, status: number): string {
  const route = c.req.routePath;
  return status === 404 && (route === '*' || route === '/*') ? 'unmatched' : route;
}

function tokenMatches(given: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const actual = Buffer.from(given ?? '');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function createApp(db: Db, config: AppConfig, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { accessLog, observeRequest } = options;
  app.use('*', secureHeaders());
  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('config', config);
    await next();
  });
  // Every request carries an id (the caller's X-Request-Id when it is a sane token, else a new one),
  // answered in the same header; with the peer's address it goes on the audit rows the request writes
  // and on the access line. The access line names the route, the status and who asked (the user, the
  // company, the agency by id) — never the query string, a header's value or the body.
  app.use('*', async (c, next) => {
    const started = accessLog || observeRequest ? performance.now() : 0;
    const given = c.req.header(REQUEST_ID_HEADER);
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.header(REQUEST_ID_HEADER, requestId);
    const peer = peerAddress(c);
    await withAuditContext({ requestId, peerAddress: peer, actor: null }, () => next());
    // While the server drains (SIGTERM) every answer closes its connection: the client goes elsewhere.
    if (options.readiness?.draining()) {
      try {
        c.res.headers.set('Connection', 'close');
      } catch {
        // an answer with immutable headers: Node closes the idle connection soon after anyway
      }
    }
    if (!started) return;
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    const route = routeOf(c, status);
    observeRequest?.(c.req.method, route, status, seconds);
    if (accessLog) {
      const user = c.get('user') as { id: string } | undefined;
      // Probes and scrapes come every few seconds: their lines are debug, not info.
      const quiet = route.startsWith('/health') || route === '/metrics';
      accessLog[quiet && status < 500 ? 'debug' : 'info'](
        {
          reqId: requestId,
          method: c.req.method,
          route,
          path: c.req.path.length > 200 ? `${c.req.path.slice(0, 200)}…` : c.req.path,
          status,
          ms: Math.round(seconds * 10_000) / 10,
          peer,
          userId: user?.id,
          companyId: c.get('companyId'),
          agencyId: c.get('agencyId'),
        },
        'request',
      );
    }
  });
  const limit = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) =>
      problemResponse(c, new AppError('payload_too_large', `the body is larger than ${config.bodyLimitBytes} bytes`)),
  });
  // A settlement may have up to 100 000 lines (about 12 MB): its endpoint alone has a larger limit,
  // refused here on its Content-Length and otherwise counted by the route as it streams the body
  // (readSettlementBody): neither buffers it.
  const isSettlementPost = (c: { req: { method: string; path: string } }) =>
    c.req.method === 'POST' && SETTLEMENT_POST_PATH.test(c.req.path);
  app.use('/agency/*', (c, next) => {
    if (!isSettlementPost(c)) return limit(c, next);
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > SETTLEMENT_MAX_BYTES)
      return Promise.resolve(
        problemResponse(
          c,
          new AppError('payload_too_large', `the settlement is larger than ${SETTLEMENT_MAX_BYTES} bytes`),
        ),
      );
    return next();
  });
  app.use('/oauth/*', limit);
  const apiLimit = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) =>
      problemResponse(c, new AppError('payload_too_large', `the body is larger than ${config.bodyLimitBytes} bytes`)),
  });
  // A bank file is larger than any JSON body: its upload has a limit of its own.
  const bankFileLimit = bodyLimit({
    maxSize: BANK_FILE_MAX_BYTES,
    onError: (c) =>
      problemResponse(
        c,
        new AppError('payload_too_large', `the bank file is larger than ${BANK_FILE_MAX_BYTES} bytes`),
      ),
  });
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && BANK_FILE_UPLOAD_PATH.test(c.req.path) ? bankFileLimit(c, next) : apiLimit(c, next),
  );
  // The settlement's body is checked as it streams (the same text rules, line by line), not here.
  app.use('/agency/*', (c, next) => (isSettlementPost(c) ? next() : inputGuard(c, next)));
  app.use('/oauth/*', inputGuard);
  app.use('/api/*', inputGuard);
  // /health as before (the process answers); /health/live the same for an orchestrator's liveness probe;
  // /health/ready: the database answers, the migrations are current, the workers run, not draining.
  app.get('/health', async (c) => c.json({ status: 'ok' }));
  app.get('/health/live', async (c) => c.json({ status: 'ok' }));
  app.get('/health/ready', async (c) => {
    const report = await readinessOf(db, options.readiness);
    return c.json(report, report.status === 'ready' ? 200 : 503);
  });
  const metrics = options.metrics;
  if (metrics)
    app.get('/metrics', async (c) => {
      if (!tokenMatches(c.req.header('authorization'), metrics.token)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return problemResponse(
          c,
          new AppError('unauthenticated', 'GET /metrics needs Authorization: Bearer <INNFRI_METRICS_TOKEN>'),
        );
      }
      const { contentType, body } = await metrics.render();
      return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
    });
  app.route('/api/v1', createApiV1());
  app.route('/', createAgencyApi());
  serveWebUi(app, options.webDist ?? WEB_DIST);
  app.notFound((c) => problemResponse(c, new AppError('not_found', `no route ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    const appError = toAppError(
      error,
      BANK_FILE_UPLOAD_PATH.test(c.req.path) ? 'multipart/form-data, the file in the field «file»' : undefined,
    );
    // Never the error as the driver made it: PGlite hangs the query's parameters on it.
    // The client went away while its body was being read (Node's "aborted"): nobody's fault, no
    // error line; the access line says what came of it.
    if ((error as { code?: unknown }).code === 'ECONNRESET' && c.req.raw.signal.aborted)
      return problemResponse(c, new AppError('validation_failed', 'the client closed the connection'));
    // Once, with its stack and the request's id; the access line follows with the status.
    if (appError.status >= 500)
      logError(`${c.req.method} ${c.req.routePath}: unexpected error`, error, { reqId: c.get('requestId') });
    return problemResponse(c, appError);
  });
  return app;
}
