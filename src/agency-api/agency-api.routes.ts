import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { listClients, requireClient } from '../agencies/agency.service.js';
import { agencyEvents } from '../agencies/feed.read-model.js';
import { agencyInvoice, availableInvoices, matchedItems } from '../collection/agency-view.read-model.js';
import { getCaseByNumber, listCases, type CaseView } from '../collection/case.service.js';
import { inTransaction } from '../db/transaction.js';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, idempotentWriteHashed } from '../http/idempotency.js';
import { badText, fieldError } from '../http/input-guard.js';
import { OPENAPI_CONTACT, OPENAPI_LICENSE } from '../http/openapi-info.js';
import { peerAddress } from '../http/peer.js';
import { validationHook } from '../http/problem.js';
import { RateLimiter, SharedRateLimiter } from '../http/rate-limit.js';
import { routeBuilder } from '../http/route.js';
import {
  Cursor,
  CursorField,
  decodeCursor,
  cursorAfter,
  jsonBody,
  jsonResponse,
  page,
  ProblemSchema,
} from '../http/schemas.js';
import { setAuditActor } from '../audit/audit-context.js';
import { type AuditKind, recordAudit } from '../audit/audit.service.js';
import type { Trx } from '../db/database.js';
import { AppError } from '../shared/errors.js';
import { ore } from '../shared/money.js';
import {
  AddInvoicesSchema,
  AgencyInvoiceSchema,
  CaseSchema,
  ClientSchema,
  EventSchema,
  MatchedItemSchema,
  MergeSchema,
  NewCaseSchema,
  NewSettlementSchema,
  RejectSchema,
  SETTLEMENT_MAX_BYTES,
  SettlementSchema,
  StatusUpdateSchema,
  TokenSchema,
  WebhookSchema,
} from './agency-api.schemas.js';
import { agencySettlementJson, settlementIdByReference, storeSettlement } from '../collection/settlement.service.js';
import { readSettlementBody } from './settlement-body.js';
import { getAgency } from '../agencies/agency.service.js';
import { agencyOfToken, issueToken, verifyClient } from '../agencies/credential.service.js';
import { checkWebhookUrl } from '../agencies/url-guard.js';
import { getWebhook, subscribeWebhook } from '../agencies/webhook.service.js';
import {
  addInvoicesToCase,
  createCase,
  mergeCases,
  rejectCase,
  rejectInvoiceByAgency,
  updateCaseStatus,
} from '../collection/process.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
/** The errors the agency API answers with, described for agencies (not the accountant API's). */
const problemResponses = {
  400: problem('Bad input: the `detail` names the field'),
  401: problem('No valid access token (or, at /oauth/token, unknown client or wrong secret: code invalid_client)'),
  404: problem('Not found — or not granted to this agency, which looks the same'),
  409: problem('Conflict: case_exists, case_archived, settlement_exists, idempotency_key_reused, invalid_transition'),
  413: problem('The body is larger than 1 MiB (a settlement: 16 MiB)'),
  415: problem('Send application/json'),
  422: problem(
    'Breaks a business rule: customer_mismatch, invoice_not_available, overpaid, settlement_unbalanced, webhook_url_not_allowed',
  ),
  429: {
    ...problem('Past the rate limit: wait the seconds in Retry-After'),
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } },
  },
} as const;

const limiters = new WeakMap<object, { requests: SharedRateLimiter; tokens: SharedRateLimiter }>();
const failureLimiters = new WeakMap<object, RateLimiter>();

/**
 * The agency's rate (its requests, and apart its token requests), one limiter pair per app
 * configuration (tests run apps with their own limits side by side). Kept in the database
 * (`rate_limits`), so every server process on it counts the same bucket: N processes do not give an
 * agency N times its rate. Keyed only on the authenticated agency.
 */
function limiterFor(config: AppEnv['Variables']['config']): { requests: SharedRateLimiter; tokens: SharedRateLimiter } {
  let limiter = limiters.get(config);
  if (!limiter) {
    limiter = {
      requests: new SharedRateLimiter('agency', config.agencyRatePerSecond, config.agencyRateBurst),
      tokens: new SharedRateLimiter('token', config.agencyRatePerSecond, config.agencyRateBurst),
    };
    limiters.set(config, limiter);
  }
  return limiter;
}

/**
 * Failed sign-ins (a refused token request, an unknown Bearer token) counted per peer address, in a
 * bounded map ({@link RateLimiter}: at most 10 000 addresses, the stalest forgotten first). Per
 * process, on purpose: it answers a stranger's flood before any database work, where a shared count
 * would make every refused request a write; N processes allow N times the failures. Only
 * failures count, so agencies behind one address are never slowed by their own successful use;
 * the claimed client id is never a key, so made-up credentials leave nothing behind.
 */
export function authFailureLimiterFor(config: AppEnv['Variables']['config']): RateLimiter {
  let limiter = failureLimiters.get(config);
  if (!limiter) {
    limiter = new RateLimiter(config.authFailuresPerSecond ?? 1, config.authFailureBurst ?? 60);
    failureLimiters.set(config, limiter);
  }
  return limiter;
}

function rateLimited(c: Context<AppEnv>, wait: number, detail: string): AppError {
  c.header('Retry-After', String(wait));
  return new AppError('rate_limited', `${detail}; retry after ${wait} s`, { retryAfter: wait });
}

/**
 * Before: an address past its failures is refused at once (429), before any look-up. After: an
 * answer with one of `failures` (401 for a Bearer route; also 400 at the token endpoint, where a
 * malformed request is a failed sign-in too) spends one of the address's failures.
 */
function countAuthFailures(failures: readonly number[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = authFailureLimiterFor(c.var.config);
    const address = peerAddress(c);
    const wait = limiter.waitFor(address);
    if (wait > 0) throw rateLimited(c, wait, 'too many failed sign-ins from this address');
    await next();
    if (failures.includes(c.res.status)) limiter.take(address);
  };
}

/** The longest Authorization header looked at: HTTP Basic with the longest client id and secret fits. */
export const MAX_AUTHORIZATION_LENGTH = 1024;
/** The longest client id, secret and grant type looked at; longer is 400 before anything else. */
export const MAX_CLIENT_ID_LENGTH = 200;
export const MAX_CLIENT_SECRET_LENGTH = 500;
export const MAX_GRANT_TYPE_LENGTH = 100;

/** The Authorization header, refused (400) when longer than any valid one. */
function authorizationHeader(c: Context<AppEnv>): string {
  const header = c.req.header('authorization') ?? '';
  if (header.length > MAX_AUTHORIZATION_LENGTH)
    throw fieldError('header.authorization', `longer than ${MAX_AUTHORIZATION_LENGTH} characters`);
  return header;
}

/**
 * The client id and secret of an HTTP Basic header (RFC 6749 2.3.1: each form-urlencoded, then
 * joined by a colon), each refused (400, naming it) when longer than allowed, not decodable or not
 * text; null when there is no colon.
 */
function basicCredentials(encoded: string): [clientId: string, clientSecret: string] | null {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const field = (name: string, raw: string, max: number): string => {
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      throw fieldError(`header.authorization (${name})`, 'not properly percent-encoded');
    }
    if (value.length > max) throw fieldError(`header.authorization (${name})`, `longer than ${max} characters`);
    const why = badText(value);
    if (why) throw fieldError(`header.authorization (${name})`, why);
    return value;
  };
  return [
    field('client_id', decoded.slice(0, colon), MAX_CLIENT_ID_LENGTH),
    field('client_secret', decoded.slice(colon + 1), MAX_CLIENT_SECRET_LENGTH),
  ];
}

/** Bearer token → agency; then the agency's rate limit (429 with Retry-After past it). */
export const requireAgency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = authorizationHeader(c);
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const agencyId = token ? await agencyOfToken(c.var.db, token) : null;
  if (!agencyId) {
    c.header('WWW-Authenticate', 'Bearer realm="innfri-agency-api"');
    throw new AppError(
      'unauthenticated',
      'send a valid access token from POST /oauth/token as Authorization: Bearer …',
    );
  }
  const wait = await limiterFor(c.var.config).requests.take(c.var.db, agencyId);
  if (wait > 0) throw rateLimited(c, wait, `more than ${c.var.config.agencyRatePerSecond} requests a second`);
  c.set('agencyId', agencyId);
  setAuditActor({ type: 'agency', id: agencyId });
  await next();
};

/** A client that has not activated this agency (or is unknown) is "not found", like anything else not granted. */
const requireActiveClient: MiddlewareHandler<AppEnv> = async (c, next) => {
  const clientId = c.req.param('clientId') ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId))
    throw new AppError('not_found', 'the client was not found');
  await requireClient(c.var.db, c.var.agencyId, clientId);
  c.set('companyId', clientId);
  await next();
};

const bearerFailures = countAuthFailures([401]);
const auth = [bearerFailures, requireAgency];
const client = [bearerFailures, requireAgency, requireActiveClient];
/** An agency API route: who may call it (`access`), and the agency API's problem answers on every route. */
const agencyRoute = routeBuilder({ auth, client, token: [countAuthFailures([400, 401])] }, problemResponses);
const scope = (c: Context<AppEnv>) => `agency:${c.var.agencyId}:client:${c.var.companyId}`;
const Limit = z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'Page size, at most 1000' });
// A malformed id is "not found" (the validation hook answers 404 for path values), as any id not granted.
const ClientParams = z.object({
  clientId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'clientId', in: 'path' } }),
});
const InvoiceParams = ClientParams.extend({
  invoiceId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'invoiceId', in: 'path' } }),
});
const PathText = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.\-/ ]+$/);
const CaseParams = ClientParams.extend({ caseNumber: PathText.openapi({ param: { name: 'caseNumber', in: 'path' } }) });
const idempotencyHeader = z.object({
  'idempotency-key': z.string().max(255).optional().openapi({
    description: 'Idempotency-Key: the same key and body give the first answer again; another body is 409',
  }),
});

const r = {
  clients: agencyRoute({
    method: 'get',
    path: '/agency/v1/clients',
    operationId: 'listClients',
    tags: ['Clients'],
    summary: 'Companies that have activated this agency',
    access: 'auth',
    responses: {
      200: jsonResponse(z.object({ data: z.array(ClientSchema), nextCursor: z.string().nullable() }), 'Clients'),
    },
  }),
  available: agencyRoute({
    method: 'get',
    path: '/agency/v1/clients/{clientId}/available-invoices',
    operationId: 'listAvailableInvoices',
    tags: ['Invoices'],
    summary: 'Invoices on the approved list for this agency, not yet in a case',
    access: 'client',
    request: { params: ClientParams, query: z.object({ limit: Limit, cursor: Cursor }) },
    responses: { 200: jsonResponse(page(AgencyInvoiceSchema), 'Available invoices') },
  }),
  invoice: agencyRoute({
    method: 'get',
    path: '/agency/v1/clients/{clientId}/invoices/{invoiceId}',
    operationId: 'getInvoice',
    tags: ['Invoices'],
    summary: 'One invoice handed to this agency, wherever it now is',
    access: 'client',
    request: { params: InvoiceParams },
    responses: { 200: jsonResponse(AgencyInvoiceSchema, 'The invoice') },
  }),
  matched: agencyRoute({
    method: 'get',
    path: '/agency/v1/clients/{clientId}/invoices/{invoiceId}/matched-items',
    operationId: 'listMatchedItems',
    tags: ['Invoices'],
    summary: 'Every ledger entry matched to the invoice',
    access: 'client',
    request: { params: InvoiceParams },
    responses: {
      200: jsonResponse(
        z.object({ data: z.array(MatchedItemSchema), nextCursor: z.string().nullable() }),
        'Matched items',
      ),
    },
  }),
  rejectInvoice: agencyRoute({
    method: 'post',
    path: '/agency/v1/clients/{clientId}/invoices/{invoiceId}/reject',
    operationId: 'rejectInvoice',
    tags: ['Invoices'],
    summary: 'Decline the invoice: back to the reminder list with next action wait',
    access: 'client',
    request: { params: InvoiceParams, headers: idempotencyHeader, ...jsonBody(RejectSchema) },
    responses: { 200: jsonResponse(AgencyInvoiceSchema, 'Given back') },
  }),
  createCase: agencyRoute({
    method: 'post',
    path: '/agency/v1/clients/{clientId}/cases',
    operationId: 'createCase',
    tags: ['Cases'],
    summary: 'Open a case with invoices of one customer',
    access: 'client',
    request: { params: ClientParams, headers: idempotencyHeader, ...jsonBody(NewCaseSchema) },
    responses: { 201: jsonResponse(CaseSchema, 'The case') },
  }),
  listCases: agencyRoute({
    method: 'get',
    path: '/agency/v1/clients/{clientId}/cases',
    operationId: 'listCases',
    tags: ['Cases'],
    summary: 'Cases of this agency for this client',
    access: 'client',
    request: {
      params: ClientParams,
      query: z.object({ state: z.enum(['open', 'archived']).optional(), limit: Limit, cursor: Cursor }),
    },
    responses: { 200: jsonResponse(page(CaseSchema), 'Cases') },
  }),
  getCase: agencyRoute({
    method: 'get',
    path: '/agency/v1/clients/{clientId}/cases/{caseNumber}',
    operationId: 'getCase',
    tags: ['Cases'],
    summary: 'One case',
    access: 'client',
    request: { params: CaseParams },
    responses: { 200: jsonResponse(CaseSchema, 'The case') },
  }),
  addInvoices: agencyRoute({
    method: 'post',
    path: '/agency/v1/clients/{clientId}/cases/{caseNumber}/invoices',
    operationId: 'addInvoicesToCase',
    tags: ['Cases'],
    summary: 'More invoices of the same customer into the case',
    access: 'client',
    request: { params: CaseParams, headers: idempotencyHeader, ...jsonBody(AddInvoicesSchema) },
    responses: { 200: jsonResponse(CaseSchema, 'The case') },
  }),
  status: agencyRoute({
    method: 'post',
    path: '/agency/v1/clients/{clientId}/cases/{caseNumber}/status',
    operationId: 'reportCaseStatus',
    tags: ['Cases'],
    summary: 'Report a status (paid, withdrawn and closed archive the case)',
    access: 'client',
    request: { params: CaseParams, headers: idempotencyHeader, ...jsonBody(StatusUpdateSchema) },
    responses: { 200: jsonResponse(CaseSchema, 'The case') },
  }),
  rejectCase: agencyRoute({
    method: 'post',
    path: '/agency/v1/clients/{clientId}/cases/{caseNumber}/reject',
    operationId: 'rejectCase',
    tags: ['Cases'],
    summary: 'Give the case back: its invoices go to the reminder list; the case is archived as rejected',
    access: 'client',
    request: { params: CaseParams, headers: idempotencyHeader, ...jsonBody(RejectSchema) },
    responses: { 200: jsonResponse(CaseSchema, 'The case') },
  }),
  merge: agencyRoute({
    method: 'post',
    path: '/agency/v1/clients/{clientId}/cases/merge',
    operationId: 'mergeCases',
    tags: ['Cases'],
    summary: 'Several cases of one customer become one',
    access: 'client',
    request: { params: ClientParams, headers: idempotencyHeader, ...jsonBody(MergeSchema) },
    responses: { 200: jsonResponse(CaseSchema, 'The merged case') },
  }),
  events: agencyRoute({
    method: 'get',
    path: '/agency/v1/events',
    operationId: 'listEvents',
    tags: ['Events'],
    summary: 'The event feed, across clients, in commit order',
    access: 'auth',
    request: {
      query: z.object({
        after: z
          .string()
          .regex(/^\d{1,15}$/, 'an event id')
          .optional(),
        limit: Limit,
        clientId: z.string().uuid().optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          data: z.array(EventSchema),
          nextCursor: z
            .string()
            .openapi({ description: 'Pass as ?after= next time (an empty page hands back the same cursor)' }),
        }),
        'Events',
      ),
    },
  }),
  webhook: agencyRoute({
    method: 'put',
    path: '/agency/v1/webhook',
    operationId: 'setWebhook',
    tags: ['Events'],
    summary: 'Subscribe to the same events by webhook (Standard Webhooks signatures)',
    access: 'auth',
    request: jsonBody(WebhookSchema),
    responses: {
      200: jsonResponse(
        z.object({ url: z.string(), deliveredPosition: z.string(), createdAt: z.string() }),
        'Subscribed',
      ),
    },
  }),
  token: agencyRoute({
    method: 'post',
    path: '/oauth/token',
    operationId: 'requestAccessToken',
    tags: ['Authentication'],
    summary: 'OAuth2 client credentials: an access token (Bearer) for the agency API',
    security: [],
    access: 'token',
    request: {
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              grant_type: z.string().max(MAX_GRANT_TYPE_LENGTH),
              client_id: z.string().max(MAX_CLIENT_ID_LENGTH).optional(),
              client_secret: z.string().max(MAX_CLIENT_SECRET_LENGTH).optional(),
              scope: z.string().max(500).optional(),
            }),
          },
        },
      },
    },
    responses: { 200: jsonResponse(TokenSchema, 'An access token') },
  }),
  postSettlement: agencyRoute({
    method: 'post',
    path: '/agency/v1/clients/{clientId}/settlements',
    operationId: 'postSettlement',
    tags: ['Settlements'],
    summary: 'Post a settlement (oppgjør): one balanced voucher, principal matched per invoice',
    access: 'client',
    request: { params: ClientParams, headers: idempotencyHeader, ...jsonBody(NewSettlementSchema) },
    responses: {
      201: jsonResponse(SettlementSchema, 'Received (posted, or pending the creditor’s approval)'),
      200: jsonResponse(SettlementSchema, 'The same reference and body again: the same settlement'),
    },
  }),
  getSettlement: agencyRoute({
    method: 'get',
    path: '/agency/v1/clients/{clientId}/settlements/{reference}',
    operationId: 'getSettlement',
    tags: ['Settlements'],
    summary: 'A settlement and its voucher',
    access: 'client',
    request: {
      params: ClientParams.extend({ reference: PathText.openapi({ param: { name: 'reference', in: 'path' } }) }),
    },
    responses: { 200: jsonResponse(SettlementSchema, 'The settlement') },
  }),
  webhookStatus: agencyRoute({
    method: 'get',
    path: '/agency/v1/webhook',
    operationId: 'getWebhook',
    tags: ['Events'],
    summary: 'The webhook subscription and its delivery state',
    access: 'auth',
    responses: {
      200: jsonResponse(
        z.object({
          url: z.string(),
          deliveredPosition: z.string(),
          failingSince: z.string().nullable(),
          attempts: z.number().int(),
          nextAttemptAt: z.string(),
          disabled: z.boolean(),
        }),
        'The subscription',
      ),
    },
  }),
};

function caseJson(k: CaseView) {
  return {
    caseNumber: k.caseNumber,
    url: k.url,
    status: k.status,
    statusText: k.statusText,
    state: k.state,
    agencyBalance: k.agencyBalance,
    customer: k.customer,
    // The invoices with the case now, or that ended with it (not those given back or merged away).
    invoices: k.invoices
      .filter((i) => i.state === 'in_case' || i.state === 'archived')
      .map((i) => ({
        id: i.id,
        invoiceNumber: i.invoiceNumber,
        originalAmount: i.originalAmount,
        remainingAmount: i.remainingAmount,
      })),
    createdAt: k.createdAt,
    updatedAt: k.updatedAt,
    archivedAt: k.archivedAt,
    // The statuses the case went through (not the invoice moves recorded beside them).
    history: k.history
      .filter((h) => h.status !== null && h.kind !== 'invoices_added' && h.kind !== 'invoice_removed')
      .map((h) => ({ status: h.status, statusText: h.statusText, at: h.at })),
  };
}

const AfterCursor = z.object({ t: CursorField.timestamp, id: CursorField.uuid });

/** What an agency changes for a client, on the client's audit trail, under the agency's name. */
async function agencyAudit(
  trx: Trx,
  c: Context<AppEnv>,
  kind: AuditKind,
  subjectIds: string[],
  after: unknown,
): Promise<void> {
  const agency = await getAgency(trx, c.var.agencyId);
  await recordAudit(trx, {
    companyId: c.var.companyId,
    kind,
    subjectIds,
    actor: { type: 'agency', id: agency.id, name: agency.name },
    after,
  });
}

/** JSON text from pieces as a response body, pulled as the client reads. */
function jsonStream(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await pieces.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}

export function createAgencyApi(): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token from POST /oauth/token (client credentials)',
  });

  api.openapi(r.clients, async (c) =>
    c.json({ data: await listClients(c.var.db, c.var.agencyId), nextCursor: null }, 200),
  );
  api.openapi(r.available, async (c) => {
    const q = c.req.valid('query');
    const cur = decodeCursor(q.cursor, AfterCursor);
    const rows = await availableInvoices(c.var.db, c.var.agencyId, c.var.companyId, {
      limit: q.limit,
      after: cur ? { createdAt: cur.t, id: cur.id } : undefined,
    });
    return c.json(
      {
        data: rows.map(({ handoverCreatedAt: _, ...inv }) => inv),
        nextCursor: cursorAfter(rows, q.limit, (last) => ({ t: last.handoverCreatedAt, id: last.id })),
      },
      200,
    );
  });
  api.openapi(r.invoice, async (c) =>
    c.json(await agencyInvoice(c.var.db, c.var.agencyId, c.var.companyId, c.req.valid('param').invoiceId), 200),
  );
  api.openapi(r.matched, async (c) =>
    c.json(
      {
        data: await matchedItems(c.var.db, c.var.agencyId, c.var.companyId, c.req.valid('param').invoiceId),
        nextCursor: null,
      },
      200,
    ),
  );
  api.openapi(r.rejectInvoice, async (c) => {
    const body = c.req.valid('json');
    const { invoiceId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, scope(c), { invoiceId, ...body }, async (trx) => {
        const invoice = await rejectInvoiceByAgency(trx, c.var.agencyId, c.var.companyId, invoiceId, body.reason);
        await agencyAudit(trx, c, 'handover.rejected', [invoiceId], { state: 'rejected', reason: body.reason });
        return invoice;
      }),
      200,
    );
  });
  api.openapi(r.createCase, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await idempotentWrite(c, scope(c), body, async (trx) => {
        const created = await createCase(trx, c.var.agencyId, c.var.companyId, body);
        await agencyAudit(trx, c, 'case.created', [created.id, ...body.invoiceIds], { caseNumber: created.caseNumber });
        return caseJson(created);
      }),
      201,
    );
  });
  api.openapi(r.listCases, async (c) => {
    const q = c.req.valid('query');
    const cur = decodeCursor(q.cursor, AfterCursor);
    const rows = await listCases(c.var.db, c.var.companyId, {
      agencyId: c.var.agencyId,
      state: q.state,
      limit: q.limit,
      after: cur ? { createdAt: cur.t, id: cur.id } : undefined,
    });
    return c.json(
      {
        data: rows.map(caseJson),
        nextCursor: cursorAfter(rows, q.limit, (last) => ({ t: last.createdAt, id: last.id })),
      },
      200,
    );
  });
  api.openapi(r.getCase, async (c) =>
    c.json(
      caseJson(await getCaseByNumber(c.var.db, c.var.agencyId, c.var.companyId, c.req.valid('param').caseNumber)),
      200,
    ),
  );
  api.openapi(r.addInvoices, async (c) => {
    const body = c.req.valid('json');
    const { caseNumber } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, scope(c), { caseNumber, ...body }, async (trx) => {
        const changed = await addInvoicesToCase(trx, c.var.agencyId, c.var.companyId, caseNumber, body.invoiceIds);
        await agencyAudit(trx, c, 'case.invoices_added', [changed.id, ...body.invoiceIds], { caseNumber });
        return caseJson(changed);
      }),
      200,
    );
  });
  api.openapi(r.status, async (c) => {
    const body = c.req.valid('json');
    const { caseNumber } = c.req.valid('param');
    const input = {
      ...body,
      agencyBalance:
        body.agencyBalance === undefined || body.agencyBalance === null ? body.agencyBalance : ore(body.agencyBalance),
    };
    return c.json(
      await idempotentWrite(c, scope(c), { caseNumber, ...body }, async (trx) => {
        const changed = await updateCaseStatus(trx, c.var.agencyId, c.var.companyId, caseNumber, input);
        await agencyAudit(trx, c, 'case.status_changed', [changed.id], { caseNumber, ...body });
        return caseJson(changed);
      }),
      200,
    );
  });
  api.openapi(r.rejectCase, async (c) => {
    const body = c.req.valid('json');
    const { caseNumber } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, scope(c), { caseNumber, ...body }, async (trx) => {
        const rejected = await rejectCase(trx, c.var.agencyId, c.var.companyId, caseNumber, body.reason);
        await agencyAudit(trx, c, 'case.rejected', [rejected.id], { caseNumber, reason: body.reason });
        return caseJson(rejected);
      }),
      200,
    );
  });
  api.openapi(r.merge, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await idempotentWrite(c, scope(c), body, async (trx) => {
        const merged = await mergeCases(trx, c.var.agencyId, c.var.companyId, body);
        await agencyAudit(trx, c, 'case.merged', [merged.id], body);
        return caseJson(merged);
      }),
      200,
    );
  });
  api.openapi(r.events, async (c) => {
    const q = c.req.valid('query');
    const after = q.after ? Number(q.after) : 0;
    if (q.clientId) await requireClient(c.var.db, c.var.agencyId, q.clientId);
    const data = await agencyEvents(c.var.db, c.var.agencyId, { after, limit: q.limit, clientId: q.clientId });
    return c.json({ data, nextCursor: data.at(-1)?.id ?? String(after) }, 200);
  });
  api.openapi(r.webhook, async (c) => {
    const body = c.req.valid('json');
    // Check the URL (a DNS lookup) before taking a connection for the transaction.
    await checkWebhookUrl(body.url, { allowPrivate: c.var.config.allowPrivateWebhooks });
    const sub = await inTransaction(c.var.db, async (trx) => {
      const subscribed = await subscribeWebhook(trx, c.var.agencyId, body, {
        allowPrivate: c.var.config.allowPrivateWebhooks,
      });
      // The subscription is the agency's, for all its clients: no company. The signing secret stays out.
      await recordAudit(trx, {
        companyId: null,
        kind: 'agency.webhook_set',
        subjectIds: [c.var.agencyId],
        actor: { type: 'agency', id: c.var.agencyId, name: (await getAgency(trx, c.var.agencyId)).name },
        after: { url: subscribed.url },
      });
      return subscribed;
    });
    return c.json({ url: sub.url, deliveredPosition: String(sub.deliveredPosition), createdAt: sub.createdAt }, 200);
  });
  api.openapi(r.webhookStatus, async (c) => {
    const sub = await getWebhook(c.var.db, c.var.agencyId);
    if (!sub) throw new AppError('not_found', 'no webhook is subscribed');
    return c.json(
      {
        url: sub.url,
        deliveredPosition: String(sub.deliveredPosition),
        failingSince: sub.failingSince,
        attempts: sub.attempts,
        nextAttemptAt: sub.nextAttemptAt,
        disabled: sub.disabled,
      },
      200,
    );
  });

  // The settlement is read as a stream (issue 15): no validator parses its body whole; the route is
  // in the OpenAPI document as before, and its body is checked line by line by readSettlementBody.
  const { middleware: _m, ...postSettlementDoc } = r.postSettlement;
  api.openAPIRegistry.registerPath(postSettlementDoc);
  api.post(
    '/agency/v1/clients/:clientId/settlements',
    bearerFailures,
    requireAgency,
    requireActiveClient,
    async (c) => {
      if (!/^application\/([a-z-.]+\+)?json\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
        throw new AppError('unsupported_media_type', 'send the body as application/json');
      const body = await readSettlementBody(c.req.raw.body, {
        maxBytes: SETTLEMENT_MAX_BYTES,
        method: c.req.method,
        path: c.req.path,
      });
      let result: { settlementId: string; replayed: boolean };
      try {
        result = await idempotentWriteHashed(c, scope(c), body.requestHash, async (trx) => {
          const received = await storeSettlement(
            trx,
            c.var.agencyId,
            c.var.companyId,
            { ...body.header, lines: body.lines },
            body.statementKeyOrder,
            body.hash,
          );
          if (!received.replayed)
            await agencyAudit(trx, c, 'settlement.received', [received.settlement.id], {
              reference: body.header.reference,
              settlementDate: body.header.settlementDate,
              status: received.settlement.status,
              lines: body.lineCount,
            });
          return { settlementId: received.settlement.id, replayed: received.replayed };
        });
      } finally {
        await body.dispose();
      }
      return c.body(
        jsonStream(agencySettlementJson(c.var.db, c.var.companyId, result.settlementId)),
        result.replayed ? 200 : 201,
        {
          'content-type': 'application/json',
        },
      );
    },
  );
  api.openapi(r.getSettlement, async (c) => {
    const id = await settlementIdByReference(c.var.db, c.var.agencyId, c.var.companyId, c.req.valid('param').reference);
    // Streamed as the POST's answer is: a settlement of 50 000 lines is never held whole.
    return c.body(jsonStream(agencySettlementJson(c.var.db, c.var.companyId, id)), 200, {
      'content-type': 'application/json',
    }) as never;
  });
  api.openapi(r.token, async (c) => {
    const form = c.req.valid('form');
    for (const [field, value] of Object.entries(form)) {
      const why = typeof value === 'string' ? badText(value) : null;
      if (why) throw fieldError(`form.${field}`, why);
    }
    let clientId = form.client_id;
    let clientSecret = form.client_secret;
    const basic = /^Basic\s+(\S+)$/i.exec(authorizationHeader(c))?.[1];
    if (basic) {
      const credentials = basicCredentials(basic);
      if (credentials) [clientId, clientSecret] = credentials;
    }
    if (form.grant_type !== 'client_credentials')
      throw new AppError('unsupported_grant_type', 'grant_type must be client_credentials', {
        error: 'unsupported_grant_type',
      });
    if (!clientId || !clientSecret)
      throw new AppError(
        'invalid_client',
        'send the client id and secret as HTTP Basic, or as client_id and client_secret',
        { error: 'invalid_client' },
      );
    const token = await inTransaction(c.var.db, async (trx) => {
      const agency = await verifyClient(trx, clientId, clientSecret, new Date(), { lock: true });
      if (!agency) return null;
      // Past its burst, an agency's own token requests wait; only a known agency has a bucket.
      const wait = await limiterFor(c.var.config).tokens.take(trx, agency.id);
      if (wait > 0) throw rateLimited(c, wait, 'too many token requests');
      return issueToken(trx, agency.id);
    });
    if (!token) {
      c.header('WWW-Authenticate', 'Basic realm="innfri-agency-api"');
      throw new AppError('invalid_client', 'unknown client id or wrong secret', { error: 'invalid_client' });
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ access_token: token.accessToken, token_type: 'Bearer' as const, expires_in: token.expiresIn }, 200);
  });

  api.doc31('/agency/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Innfri agency API',
      version: '1.0.0',
      contact: OPENAPI_CONTACT,
      license: OPENAPI_LICENSE,
      description:
        'What a collection agency integrates with: clients (creditors) that activated the agency, the invoices handed to it, cases, statuses, the event feed and webhooks. ' +
        'Authenticate with OAuth2 client credentials at POST /oauth/token (outside /agency/v1) and send the token as a Bearer token. Amounts are integers in øre. ' +
        'Errors are RFC 9457 application/problem+json with a machine-readable `code`. Every POST takes an Idempotency-Key header. See docs/agency-integration.md.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    // In the order a generated client or a rendered reference shows them.
    tags: [
      { name: 'Authentication', description: 'OAuth2 client credentials: the Bearer token every other call sends' },
      { name: 'Clients', description: 'The companies (creditors) that have activated this agency' },
      {
        name: 'Invoices',
        description: 'Invoices handed to this agency: available, one by one, matched entries, reject',
      },
      { name: 'Cases', description: 'Collection cases: open, add invoices, statuses, reject, merge' },
      { name: 'Events', description: 'The event feed (paged by `after`) and the webhook that pushes the same events' },
      { name: 'Settlements', description: 'Settlements (oppgjør) posted into the client’s books' },
    ],
  });
  return api;
}
