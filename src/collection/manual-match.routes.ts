import type { OpenAPIHono } from '@hono/zod-openapi';
import { recordAudit } from '../audit/audit.service.js';
import { inTransaction } from '../db/transaction.js';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams } from '../http/params.js';
import { jsonBody, jsonResponse } from '../http/schemas.js';
import {
  MatchPreviewRequestSchema,
  MatchPreviewSchema,
  MatchResultSchema,
  NewMatchSchema,
} from '../ledger/ledger.schemas.js';
import { ore } from '../shared/money.js';
import { matchAcknowledged, previewMatch } from './manual-match.js';
import { accountantRoute } from '../tenancy/company-route.js';

// The accountant's manual match (`POST …/matches`, `…/matches/preview`): the ledger's match with
// collection's two-step warnings for an invoice an agency holds. Undoing a match is the ledger's own
// route (`…/matches/{matchId}/unmatch`).

const matchRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/matches',
  operationId: 'createMatch',
  tags: ['Customer ledger'],
  summary: 'Match a credit entry against a debit entry of the same customer',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(NewMatchSchema) },
  responses: { 201: jsonResponse(MatchResultSchema, 'Matched') },
});
const matchPreviewRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/matches/preview',
  operationId: 'previewMatch',
  tags: ['Customer ledger'],
  summary: 'The warnings a match would answer (an invoice with an agency), without storing anything',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(MatchPreviewRequestSchema) },
  responses: { 200: jsonResponse(MatchPreviewSchema, 'What the match would warn about') },
});
export function manualMatchRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(matchRoute, async (c) => {
    const body = c.req.valid('json');
    const input = {
      debitPostingId: body.debitEntryId,
      creditPostingId: body.creditEntryId,
      amount: body.amount === undefined ? undefined : ore(body.amount),
      userId: c.var.user.id,
    };
    return c.json(
      await idempotentWrite(c, userScope(c), body, async (trx) => {
        const matched = await matchAcknowledged(trx, c.var.companyId, input, body.acknowledgeWarnings);
        await recordAudit(trx, {
          companyId: c.var.companyId,
          kind: 'match.created',
          subjectIds: [String(matched.matchId), String(body.debitEntryId), String(body.creditEntryId)],
          after: { amount: matched.amount, acknowledgeWarnings: body.acknowledgeWarnings ?? [] },
        });
        return matched;
      }),
      201,
    );
  });
  app.openapi(matchPreviewRoute, async (c) => {
    const body = c.req.valid('json');
    const preview = await inTransaction(c.var.db, (trx) =>
      previewMatch(trx, c.var.companyId, body.debitEntryId, body.creditEntryId),
    );
    return c.json(preview, 200);
  });
}
