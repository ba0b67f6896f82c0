import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { CompanyParams } from '../http/params.js';
import { jsonResponse, OreAmount } from '../http/schemas.js';
import { companyOverview } from './overview.read-model.js';
import { accountantRoute } from '../tenancy/company-route.js';

const Figure = z.object({
  count: z.number().int(),
  openAmount: OreAmount.openapi({ description: 'Open amount in øre' }),
});
const CaseFigure = Figure.extend({ invoiceCount: z.number().int() });
export const OverviewSchema = z
  .object({
    today: z.string(),
    agedReceivables: z.object({
      buckets: z.array(
        Figure.extend({
          key: z.enum(['notDue', 'd0_14', 'd15_30', 'd31_60', 'd61_90', 'd90plus']),
          fromDays: z.number().int().nullable().openapi({ description: 'Days past due, from (null: not yet due)' }),
          toDays: z.number().int().nullable().openapi({ description: 'Days past due, to (null: no upper bound)' }),
        }),
      ),
      total: Figure,
    }),
    funnel: z.object({
      reminderList: Figure,
      drafts: Figure,
      approved: Figure,
      openCases: CaseFigure,
      archivedCases: CaseFigure,
    }),
    recoveredByMonth: z.array(
      z.object({
        month: z.string().openapi({ example: '2026-11' }),
        amount: OreAmount.openapi({ description: 'Settlement principal matched against receivables, øre' }),
      }),
    ),
  })
  .openapi('CompanyOverview');

const overviewRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/overview',
  operationId: 'getOverview',
  tags: ['Collection'],
  summary: 'Aged receivables, the collection funnel and what agencies recovered per month',
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(OverviewSchema, 'The overview') },
});

export function overviewRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(overviewRoute, async (c) =>
    c.json(await companyOverview(c.var.db, c.var.companyId, c.var.config.today()), 200),
  );
}
