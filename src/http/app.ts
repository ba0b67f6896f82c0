import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Db } from '../db/database.js';
import { ledgerRoutes } from '../ledger/ledger.routes.js';
import { dunningRoutes } from '../dunning/dunning.routes.js';
import { handoverRoutes } from '../collection/handover.routes.js';
import { documentRoutes } from '../documents/document.routes.js';
import { settlementRoutes } from '../collection/settlement.routes.js';
import { salesRoutes } from '../sales/sales.routes.js';
import { AppError } from '../shared/errors.js';
import { tenancyRoutes } from '../tenancy/tenancy.routes.js';
import { createAgencyApi } from '../agencies/agency-api.routes.js';
import type { AppConfig, AppEnv } from './env.js';
import { problemResponse, toAppError, validationHook } from './problem.js';

export const API_VERSION = '0.1.0';


export function createApiV1(): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'innfri_session' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'csrf', { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
  tenancyRoutes(api);
  salesRoutes(api);
  ledgerRoutes(api);
  dunningRoutes(api);
  handoverRoutes(api);
  documentRoutes(api);
  settlementRoutes(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Innfri accountant API',
      version: API_VERSION,
      description:
        'The accountant side of Innfri: companies, customers, invoices, credit notes, payments, vouchers, the customer ledger and write-offs. ' +
        'Amounts are integers in øre. Sign in with POST /auth/login (session cookie); every write needs the X-CSRF-Token header from the session. ' +
        'Every POST accepts an Idempotency-Key header. Errors are RFC 9457 problem+json with a machine-readable `code`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ session: [] }],
  });
  return api;
}

export function createApp(db: Db, config: AppConfig): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', secureHeaders());
  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('config', config);
    await next();
  });
  const limit = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) => problemResponse(c, new AppError('payload_too_large', `the body is larger than ${config.bodyLimitBytes} bytes`)),
  });
  app.use('/agency/*', limit);
  app.use('/oauth/*', limit);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: (c) => problemResponse(c, new AppError('payload_too_large', `the body is larger than ${config.bodyLimitBytes} bytes`)),
    }),
  );
  app.get('/health', async (c) => c.json({ status: 'ok' }));
  // Until the web UI lands (its own issue), the root says where the API is.
  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="nb"><meta charset="utf-8"><title>Innfri</title>' +
        '<body style="font-family:system-ui;max-width:40rem;margin:3rem auto">' +
        '<h1>Innfri</h1><p>Tjenesten kjører. The service is running.</p>' +
        '<p>API: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1)</p></body></html>',
    ),
  );
  app.route('/api/v1', createApiV1());
  app.route('/', createAgencyApi());
  app.notFound((c) => problemResponse(c, new AppError('not_found', `no route ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.status >= 500) console.error(error);
    return problemResponse(c, appError);
  });
  return app;
}
