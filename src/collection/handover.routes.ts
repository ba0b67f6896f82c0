import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { companyAgencies, setAgencyActivation } from '../agencies/agency.service.js';
import { inTransaction } from '../db/transaction.js';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams, InvoiceParams } from '../http/params.js';
import {
  Cursor,
  CursorField,
  decodeCursor,
  cursorAfter,
  jsonBody,
  jsonResponse,
  Limit,
  OreAmount,
  page,
  Search,
} from '../http/schemas.js';
import { AppError } from '../shared/errors.js';
import { parseListSearch } from '../shared/search.js';
import { getCustomer } from '../sales/customer.service.js';
import { userActor } from '../tenancy/session.middleware.js';
import { caseMoney, getCaseById, listCases } from './case.service.js';
import { listCustomerCases } from './customer-cases.read.js';
import { StoredStatementSchema } from './statement.js';
import { listSettlements } from './settlement.service.js';
import {
  AccountantCaseSchema,
  CaseMoneySchema,
  CompanyAgencySchema,
  HandoverDecisionResultSchema,
  HandoverDecisionSchema,
  HandoverSchema,
} from './handover.schemas.js';
import { handoverCounts, listHandovers } from './handover.service.js';
import type { HandoverState } from './handover.table.js';
import { approveHandover, decideHandovers, rejectHandover, sendToCollection } from './process.js';
import { accountantRoute } from '../tenancy/company-route.js';

const tags = ['Collection'];

const HandoverParams = CompanyParams.extend({
  handoverId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'handoverId', in: 'path' } }),
});
const AgencyParams = CompanyParams.extend({
  agencyId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'agencyId', in: 'path' } }),
});

export const LIST_STATES: Record<'draft' | 'approved' | 'in_case' | 'ended', HandoverState[]> = {
  draft: ['draft'],
  approved: ['approved'],
  in_case: ['in_case'],
  ended: ['archived', 'rejected', 'recalled'],
};

const listRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/handovers',
  operationId: 'listHandovers',
  tags,
  summary: 'The draft list (utkast), the approved list (godkjent), invoices in cases, or ended handovers',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({
      list: z.enum(['draft', 'approved', 'in_case', 'ended']),
      agencyId: z.string().uuid().optional(),
      limit: Limit,
      cursor: Cursor,
      q: Search,
    }),
  },
  responses: { 200: jsonResponse(page(HandoverSchema), 'A page of the list') },
});
const countsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/handovers/counts',
  operationId: 'getHandoverCounts',
  tags,
  summary: 'Count and open amount per handover state',
  access: 'read',
  request: { params: CompanyParams },
  responses: {
    200: jsonResponse(z.record(z.string(), z.object({ count: z.number().int(), openAmount: OreAmount })), 'Counts'),
  },
});
const toCollectionRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/invoices/{invoiceId}/collection',
  operationId: 'sendToCollection',
  tags,
  summary: 'Send to collection: onto the draft list for an agency (or straight to approved with auto-approval)',
  access: 'write',
  request: { params: InvoiceParams, ...jsonBody(z.object({ agencyId: z.string().uuid().optional() }).strict()) },
  responses: { 201: jsonResponse(HandoverSchema, 'On the list') },
});
const approveRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/handovers/{handoverId}/approve',
  operationId: 'approveHandover',
  tags,
  summary: 'Approve a draft: the agency can now fetch the invoice',
  access: 'write',
  request: { params: HandoverParams },
  responses: { 200: jsonResponse(HandoverSchema, 'Approved') },
});
const rejectRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/handovers/{handoverId}/reject',
  operationId: 'rejectHandover',
  tags,
  summary: 'Reject a draft or recall an approved invoice: back to the reminder list with «Vent»',
  access: 'write',
  request: { params: HandoverParams, ...jsonBody(z.object({ reason: z.string().min(1).max(500) }).strict()) },
  responses: { 200: jsonResponse(HandoverSchema, 'Back on the reminder list') },
});
const decideRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/handovers/decisions',
  operationId: 'decideHandovers',
  tags,
  summary:
    'Approve or reject many handovers at once (Utkast), or recall many (Godkjent); each succeeds or fails on its own. With an Idempotency-Key a retry gets the first answer and changes nothing',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(HandoverDecisionSchema) },
  responses: { 200: jsonResponse(HandoverDecisionResultSchema, 'One result per handover') },
});
const agenciesRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/agencies',
  operationId: 'listAgencies',
  tags,
  summary: 'Collection agencies and whether the company uses them',
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(z.object({ data: z.array(CompanyAgencySchema) }), 'Agencies') },
});
const activationRoute = accountantRoute({
  method: 'put',
  path: '/companies/{companyId}/agencies/{agencyId}/activation',
  operationId: 'setAgencyActivation',
  tags,
  summary: 'Activate or deactivate an agency for the company, and choose the default (admin)',
  access: 'admin',
  request: {
    params: AgencyParams,
    ...jsonBody(z.object({ active: z.boolean(), isDefault: z.boolean().optional() }).strict()),
  },
  responses: { 200: jsonResponse(CompanyAgencySchema, 'Changed') },
});

const casesRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/cases',
  operationId: 'listCases',
  tags,
  summary: 'Collection cases: «Åpne» (open) or «Arkivert» (archived), with status, link, invoices and history',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({
      state: z.enum(['open', 'archived']).optional(),
      agencyId: z.string().uuid().optional(),
      customerId: z
        .string()
        .uuid()
        .optional()
        .openapi({ description: 'Only this customer’s cases (404 when the customer is not the company’s)' }),
      limit: Limit,
      cursor: Cursor,
      q: Search,
    }),
  },
  responses: { 200: jsonResponse(page(AccountantCaseSchema), 'A page of cases') },
});
const CaseIdParams = CompanyParams.extend({
  caseId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'caseId', in: 'path' } }),
});
const CaseDetailSchema = AccountantCaseSchema.extend({
  money: CaseMoneySchema,
  settlements: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      settlementDate: z.string(),
      bankAmount: OreAmount,
      status: z.string(),
      statement: StoredStatementSchema,
    }),
  ),
}).openapi('CollectionCaseDetail');
const caseRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/cases/{caseId}',
  operationId: 'getCase',
  tags,
  summary: 'One case with its invoices, history, money and the settlements (with remittance statements) that name it',
  access: 'read',
  request: { params: CaseIdParams },
  responses: { 200: jsonResponse(CaseDetailSchema, 'The case') },
});

const ListCursor = z.object({ t: CursorField.timestamp, id: CursorField.uuid });

export function handoverRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const cur = decodeCursor(q.cursor, ListCursor);
    const rows = await listHandovers(c.var.db, c.var.companyId, {
      states: LIST_STATES[q.list],
      agencyId: q.agencyId,
      limit: q.limit,
      after: cur ? { createdAt: cur.t, id: cur.id } : undefined,
      search: parseListSearch(q.q),
    });
    return c.json(
      {
        data: rows,
        nextCursor: cursorAfter(rows, q.limit, (last) => ({ t: last.createdAt, id: last.id })),
      },
      200,
    );
  });
  app.openapi(casesRoute, async (c) => {
    const q = c.req.valid('query');
    const cur = decodeCursor(q.cursor, ListCursor);
    const options = {
      agencyId: q.agencyId,
      state: q.state,
      limit: q.limit,
      after: cur ? { createdAt: cur.t, id: cur.id } : undefined,
      search: parseListSearch(q.q),
    };
    let rows: Awaited<ReturnType<typeof listCases>>;
    if (q.customerId) {
      await getCustomer(c.var.db, c.var.companyId, q.customerId); // 404 for a customer not the company's
      rows = await listCustomerCases(c.var.db, c.var.companyId, q.customerId, options);
    } else rows = await listCases(c.var.db, c.var.companyId, options);
    return c.json(
      {
        data: rows,
        nextCursor: cursorAfter(rows, q.limit, (last) => ({ t: last.createdAt, id: last.id })),
      },
      200,
    );
  });
  app.openapi(caseRoute, async (c) => {
    const { caseId } = c.req.valid('param');
    const [kase, money, settlements] = await Promise.all([
      getCaseById(c.var.db, c.var.companyId, caseId),
      caseMoney(c.var.db, c.var.companyId, caseId),
      listSettlements(c.var.db, c.var.companyId, { caseId, limit: 1000 }).then((r) => r.data),
    ]);
    return c.json(
      {
        ...kase,
        money,
        settlements: settlements.map((x) => ({
          id: x.id,
          reference: x.reference,
          settlementDate: x.settlementDate,
          bankAmount: x.bankAmount,
          status: x.status,
          statement: x.statement,
        })),
      },
      200,
    );
  });
  app.openapi(countsRoute, async (c) => c.json(await handoverCounts(c.var.db, c.var.companyId), 200));
  app.openapi(toCollectionRoute, async (c) => {
    const body = c.req.valid('json');
    const { invoiceId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, userScope(c), { invoiceId, ...body }, (trx) =>
        sendToCollection(
          trx,
          c.var.companyId,
          invoiceId,
          { agencyId: body.agencyId, today: c.var.config.today() },
          userActor(c),
        ),
      ),
      201,
    );
  });
  app.openapi(approveRoute, async (c) => {
    const { handoverId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, userScope(c), { handoverId, approve: true }, (trx) =>
        approveHandover(trx, c.var.companyId, handoverId, userActor(c), 'user', c.var.config.today()),
      ),
      200,
    );
  });
  app.openapi(rejectRoute, async (c) => {
    const body = c.req.valid('json');
    const { handoverId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, userScope(c), { handoverId, ...body }, (trx) =>
        rejectHandover(trx, c.var.companyId, handoverId, body.reason, userActor(c)),
      ),
      200,
    );
  });
  app.openapi(decideRoute, async (c) => {
    const body = c.req.valid('json');
    if (body.action === 'approve' && body.reason !== undefined)
      throw new AppError('validation_failed', 'body.reason goes only with the reject action');
    const results = await idempotentWrite(c, userScope(c), body, (trx) =>
      decideHandovers(trx, c.var.companyId, body, userActor(c), c.var.config.today()),
    );
    return c.json(
      { results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length },
      200,
    );
  });
  app.openapi(agenciesRoute, async (c) => c.json({ data: await companyAgencies(c.var.db, c.var.companyId) }, 200));
  app.openapi(activationRoute, async (c) => {
    const body = c.req.valid('json');
    const { agencyId } = c.req.valid('param');
    return c.json(
      await inTransaction(c.var.db, (trx) => setAgencyActivation(trx, c.var.companyId, agencyId, body, c.var.user.id)),
      200,
    );
  });
}
