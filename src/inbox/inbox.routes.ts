import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { DecisionSchema } from '../dunning/dunning.schemas.js';
import type { AppEnv } from '../http/env.js';
import { CompanyParams } from '../http/params.js';
import { jsonResponse, OreAmount } from '../http/schemas.js';
import { companyInbox, INBOX_KINDS } from './inbox.read-model.js';
import { accountantRoute } from '../tenancy/company-route.js';

const InboxKindSchema = z.enum(INBOX_KINDS).openapi('InboxKind', {
  description:
    'dispute: a case the agency reports disputed · agency_returned: an invoice an agency gave back («Vent») · ' +
    'settlement_approval: a settlement waiting for approval · case_money: a case whose reported balance differs from the ledger · ' +
    'bank_entry: an unmatched bank entry · wait_ended: a «Vent» whose date has come',
});

export const InboxItemSchema = z
  .object({
    kind: InboxKindSchema,
    key: z.string().openapi({ description: 'Stable while the item stands: the kind and the id it is about' }),
    since: z.string().openapi({ description: 'Since when it waits (timestamp, or the bank booking date)' }),
    amount: OreAmount.nullable().openapi({
      description: 'Open amount (invoice), bank amount (settlement, bank entry), or reported minus ledger (case money)',
    }),
    invoiceId: z.string().nullable(),
    invoiceNumber: z.number().int().nullable(),
    customerId: z.string().nullable(),
    customerName: z.string().nullable(),
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    agencyName: z.string().nullable(),
    settlementId: z.string().nullable(),
    reference: z.string().nullable(),
    bankEntryId: z.string().nullable(),
    cause: DecisionSchema.shape.cause,
    reason: z.string().nullable(),
    waitUntil: z.string().nullable(),
    agencyBalance: OreAmount.nullable(),
    toCollect: OreAmount.nullable(),
  })
  .openapi('InboxItem');

export const InboxSchema = z
  .object({
    items: z.array(InboxItemSchema),
    counts: z.object(
      Object.fromEntries(INBOX_KINDS.map((k) => [k, z.number().int()])) as Record<
        (typeof INBOX_KINDS)[number],
        z.ZodNumber
      >,
    ),
    total: z.number().int(),
    truncated: z.boolean().openapi({ description: 'A kind had more than 100 items; the first 100 are listed' }),
  })
  .openapi('Inbox');

const inboxRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/inbox',
  operationId: 'getInbox',
  tags: ['Collection'],
  summary: '«Til behandling»: what waits for a decision (disputes, agencies’ returns, settlements to approve, …)',
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(InboxSchema, 'The inbox') },
});

export function inboxRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(inboxRoute, async (c) =>
    c.json(await companyInbox(c.var.db, c.var.companyId, c.var.config.today()), 200),
  );
}
