import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams } from '../http/params.js';
import {
  Cursor,
  CursorField,
  decodeCursor,
  encodeCursor,
  jsonBody,
  jsonResponse,
  Limit,
  OreAmount,
  page,
} from '../http/schemas.js';
import { caseMoney } from './case.service.js';
import { CaseMoneySchema } from './handover.schemas.js';
import { StoredStatementSchema } from './statement.js';
import { getSettlement, listSettlements } from './settlement.service.js';
import { approveSettlement, previewSettlement, rejectSettlement } from './process.js';
import { accountantRoute } from '../tenancy/company-route.js';

const tags = ['Settlements'];
const SettlementParams = CompanyParams.extend({
  settlementId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'settlementId', in: 'path' } }),
});
const CaseIdParams = CompanyParams.extend({
  caseId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'caseId', in: 'path' } }),
});

const Line = z.object({
  caseNumber: z.string(),
  invoiceId: z.string().optional(),
  type: z.enum(['principal', 'interest', 'fee', 'cost', 'vat']),
  amount: OreAmount,
});
export const AccountantSettlementSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    clientId: z.string(),
    agencyId: z.string(),
    agencyName: z.string().optional(),
    settlementDate: z.string(),
    bankAmount: OreAmount,
    lines: z.array(Line),
    statement: StoredStatementSchema,
    status: z.enum(['pending_approval', 'posted', 'rejected']),
    voucherId: z.string().nullable(),
    rejectReason: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('AccountantSettlement');
/** One settlement with the voucher it posted (its number and postings), null until it is posted. */
export const AccountantSettlementDetailSchema = AccountantSettlementSchema.extend({
  voucher: z
    .object({
      id: z.string(),
      number: z.string().openapi({ description: 'Fiscal year and number, e.g. 2026-184' }),
      postings: z.array(
        z.object({
          account: z.number().int(),
          amount: OreAmount.openapi({ description: 'Debit positive, credit negative' }),
          description: z.string(),
          invoiceId: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
}).openapi('AccountantSettlementDetail');
const PreviewSchema = z
  .object({
    date: z.string(),
    description: z.string(),
    postings: z.array(
      z.object({
        account: z.number().int(),
        amount: OreAmount,
        description: z.string(),
        customerId: z.string().nullable(),
      }),
    ),
    problems: z
      .array(
        z
          .object({
            code: z
              .string()
              .openapi({ description: 'The problem code approving now would answer with (e.g. overpaid)' }),
            reason: z.string().optional(),
            detail: z.string(),
          })
          .catchall(z.unknown())
          .openapi({
            description:
              'As the refusal would be: code, reason and its figures (invoiceNumber, principalAmount, remainingAmount, …; money in øre), and an English detail',
          }),
      )
      .openapi({ description: 'What would stop it being posted now (e.g. more principal than is open)' }),
  })
  .openapi('SettlementPreview');

/** A settlement page's end: the database's timestamp text (ISO style, µs kept) and the id. */
const SettlementCursor = z.object({
  t: CursorField.timestamp,
  id: CursorField.uuid,
});

const listRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/settlements',
  operationId: 'listSettlements',
  tags,
  summary: 'Settlements from agencies, newest first; pending ones wait for approval',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({
      status: z.enum(['pending_approval', 'posted', 'rejected']).optional(),
      caseId: z.string().uuid().optional(),
      limit: Limit,
      cursor: Cursor,
    }),
  },
  responses: { 200: jsonResponse(page(AccountantSettlementSchema), 'Settlements') },
});
const getRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/settlements/{settlementId}',
  operationId: 'getSettlement',
  tags,
  summary: 'A settlement with its statement, and the voucher it posted (number and postings)',
  access: 'read',
  request: { params: SettlementParams },
  responses: { 200: jsonResponse(AccountantSettlementDetailSchema, 'The settlement') },
});
const previewRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/settlements/{settlementId}/preview',
  operationId: 'previewSettlement',
  tags,
  summary: 'The voucher a pending settlement would post (nothing is written)',
  access: 'read',
  request: { params: SettlementParams },
  responses: { 200: jsonResponse(PreviewSchema, 'The preview') },
});
const approveRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/settlements/{settlementId}/approve',
  operationId: 'approveSettlement',
  tags,
  summary: 'Approve a pending settlement: it is posted',
  access: 'write',
  request: { params: SettlementParams },
  responses: { 200: jsonResponse(AccountantSettlementSchema, 'Posted') },
});
const rejectRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/settlements/{settlementId}/reject',
  operationId: 'rejectSettlement',
  tags,
  summary: 'Reject a pending settlement (the agency sees it rejected)',
  access: 'write',
  request: { params: SettlementParams, ...jsonBody(z.object({ reason: z.string().min(1).max(500) }).strict()) },
  responses: { 200: jsonResponse(AccountantSettlementSchema, 'Rejected') },
});
const moneyRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/cases/{caseId}/money',
  operationId: 'getCaseMoney',
  tags: ['Collection'],
  summary: "A case's money from the ledger, beside the agency's balance",
  access: 'read',
  request: { params: CaseIdParams },
  responses: { 200: jsonResponse(CaseMoneySchema, 'The money') },
});

function strip<T extends { voucher?: unknown }>(s: T): Omit<T, 'voucher'> {
  const { voucher: _, ...rest } = s;
  return rest;
}

export function settlementRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const after = decodeCursor(q.cursor, SettlementCursor);
    const { data, next } = await listSettlements(c.var.db, c.var.companyId, {
      status: q.status,
      caseId: q.caseId,
      limit: q.limit,
      after: after ? { createdAt: after.t, id: after.id } : undefined,
    });
    return c.json({ data, nextCursor: next ? encodeCursor({ t: next.createdAt, id: next.id }) : null }, 200);
  });
  app.openapi(getRoute, async (c) =>
    c.json(await getSettlement(c.var.db, c.var.companyId, c.req.valid('param').settlementId), 200),
  );
  app.openapi(previewRoute, async (c) =>
    c.json(await previewSettlement(c.var.db, c.var.companyId, c.req.valid('param').settlementId), 200),
  );
  app.openapi(approveRoute, async (c) => {
    const { settlementId } = c.req.valid('param');
    return c.json(
      strip(
        await idempotentWrite(c, userScope(c), { settlementId, approve: true }, (trx) =>
          approveSettlement(trx, c.var.companyId, settlementId, c.var.user.id),
        ),
      ),
      200,
    );
  });
  app.openapi(rejectRoute, async (c) => {
    const { settlementId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      strip(
        await idempotentWrite(c, userScope(c), { settlementId, ...body }, (trx) =>
          rejectSettlement(trx, c.var.companyId, settlementId, body.reason, c.var.user.id),
        ),
      ),
      200,
    );
  });
  app.openapi(moneyRoute, async (c) =>
    c.json(await caseMoney(c.var.db, c.var.companyId, c.req.valid('param').caseId), 200),
  );
}
