import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../db/transaction.js';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite, userScope } from '../http/idempotency.js';
import { CompanyParams, InvoiceParams } from '../http/params.js';
import {
  decodeCursor,
  encodeCursor,
  IsoDate,
  jsonBody,
  jsonResponse,
  Limit,
  OreAmount,
  page,
  Search,
} from '../http/schemas.js';
import { userActor } from '../tenancy/session.middleware.js';
import { getInvoiceSummary } from '../sales/invoice.service.js';
import { AppError } from '../shared/errors.js';
import { parseListSearch } from '../shared/search.js';
import {
  DecisionInputSchema,
  DecisionSchema,
  DisputeInputSchema,
  DunningSettingsChangesSchema,
  DunningSettingsSchema,
  LegalRateSchema,
  LetterSchema,
  RateWarningSchema,
  NextActionSchema,
  ReminderListItemSchema,
  ReminderListSortSchema,
  SendLetterSchema,
  SentLetterSchema,
} from './dunning.schemas.js';
import {
  decisionHistory,
  getDunningSettings,
  lettersOfInvoice,
  recordDecision,
  reminderList,
  type ReminderListCursor,
  reminderListItem,
  type ReminderListSortKey,
  sendLetter,
  sortKeyOf,
  updateDunningSettings,
} from './dunning.service.js';
import { loadRates } from './legal-rate.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const tags = ['Reminder list'];

const settingsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/dunning-settings',
  operationId: 'getDunningSettings',
  tags,
  summary: 'Reminder settings',
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(DunningSettingsSchema, 'Settings') },
});
const updateSettingsRoute = accountantRoute({
  method: 'patch',
  path: '/companies/{companyId}/dunning-settings',
  operationId: 'updateDunningSettings',
  tags,
  summary: 'Change reminder settings (admin); a fixed fee may not exceed the legal cap',
  access: 'admin',
  request: { params: CompanyParams, ...jsonBody(DunningSettingsChangesSchema) },
  responses: { 200: jsonResponse(DunningSettingsSchema, 'Changed') },
});
/**
 * The list's cursor carries the last row's sort key, a customer's name (up to 200 characters, each
 * up to 4 bytes in UTF-8) among them: longer than the 500 characters of the shared Cursor.
 */
const ListCursorParam = z
  .string()
  .max(1500)
  .optional()
  .openapi({ description: 'The nextCursor of the previous page, with the same sort' });
const listRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/reminder-list',
  operationId: 'getReminderList',
  tags,
  summary: 'The reminder list (purreliste): overdue invoices not with an agency, with next actions',
  access: 'read',
  request: {
    params: CompanyParams,
    query: z.object({
      limit: Limit,
      cursor: ListCursorParam,
      sort: ReminderListSortSchema.default('dueDate'),
      customerId: z.string().uuid().optional(),
      nextAction: NextActionSchema.optional(),
      q: Search,
    }),
  },
  responses: { 200: jsonResponse(page(ReminderListItemSchema), 'A page of the list') },
});
const DunningStateSchema = z
  .object({
    onList: z.boolean(),
    item: ReminderListItemSchema.nullable(),
    letters: z.array(LetterSchema),
    decisions: z.array(DecisionSchema),
  })
  .openapi('InvoiceDunning');
const stateRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/invoices/{invoiceId}/dunning',
  operationId: 'getInvoiceDunning',
  tags,
  summary: "An invoice's reminders, decisions and next action",
  access: 'read',
  request: { params: InvoiceParams },
  responses: { 200: jsonResponse(DunningStateSchema, 'Its dunning state') },
});
const decideRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/invoices/{invoiceId}/next-action',
  operationId: 'setNextAction',
  tags,
  summary: 'Override the next action (or «Vent» until a date); null lets the list compute it',
  access: 'write',
  request: { params: InvoiceParams, ...jsonBody(DecisionInputSchema) },
  responses: { 201: jsonResponse(DecisionSchema, 'Recorded') },
});
const disputeRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/invoices/{invoiceId}/dispute',
  operationId: 'setDispute',
  tags,
  summary: 'Record that the customer disputes the invoice (or no longer does)',
  access: 'write',
  request: { params: InvoiceParams, ...jsonBody(DisputeInputSchema) },
  responses: { 201: jsonResponse(DecisionSchema, 'Recorded') },
});
const letterRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/invoices/{invoiceId}/letters',
  operationId: 'sendLetter',
  tags,
  summary: 'Send a reminder or a collection notice (posts its fee)',
  access: 'write',
  request: { params: InvoiceParams, ...jsonBody(SendLetterSchema) },
  responses: { 201: jsonResponse(SentLetterSchema, 'Sent') },
});
const ratesRoute = accountantRoute({
  method: 'get',
  path: '/legal-rates',
  operationId: 'listLegalRates',
  tags,
  summary: 'The dated legal figures: inkassosats and late-payment interest',
  access: 'session',
  responses: {
    200: jsonResponse(
      z.object({
        data: z.array(LegalRateSchema),
        warnings: z.array(RateWarningSchema).openapi({
          description: 'half-years and years up to today without a figure of their own: an earlier one is reused',
        }),
      }),
      'Rates',
    ),
  },
});
/** The sort, the last row's sort key (its type checked against the sort) and its entry. */
const SORT_KEY_VALUE: Record<ReminderListSortKey, z.ZodType<string | number>> = {
  dueDate: IsoDate,
  openAmount: OreAmount,
  customerName: z.string().max(1000),
  invoiceNumber: z.number().int(),
};
const ListCursor = z
  .object({ s: ReminderListSortSchema, k: z.union([z.string(), z.number()]), id: z.number().int() })
  .refine((c) => SORT_KEY_VALUE[sortKeyOf(c.s)].safeParse(c.k).success);

export function dunningRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(settingsRoute, async (c) => c.json(await getDunningSettings(c.var.db, c.var.companyId), 200));
  app.openapi(updateSettingsRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await inTransaction(c.var.db, (trx) => updateDunningSettings(trx, c.var.companyId, body, c.var.config.today())),
      200,
    );
  });
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const cur = decodeCursor(q.cursor, ListCursor);
    if (cur && cur.s !== q.sort)
      throw new AppError('validation_failed', `query.cursor: made for sort=${cur.s}, not sort=${q.sort}`);
    const key = sortKeyOf(q.sort);
    const after = cur ? ({ [key]: cur.k, entryId: cur.id } as ReminderListCursor<typeof q.sort>) : undefined;
    const { items, next } = await reminderList(c.var.db, c.var.companyId, {
      today: c.var.config.today(),
      limit: q.limit,
      sort: q.sort,
      after,
      customerId: q.customerId,
      nextAction: q.nextAction,
      search: parseListSearch(q.q),
    });
    return c.json(
      {
        data: items,
        nextCursor: next
          ? encodeCursor({ s: q.sort, k: (next as Record<string, string | number>)[key], id: next.entryId })
          : null,
      },
      200,
    );
  });
  app.openapi(stateRoute, async (c) => {
    const { invoiceId } = c.req.valid('param');
    const today = c.var.config.today();
    const [item, letters, decisions] = await Promise.all([
      reminderListItem(c.var.db, c.var.companyId, invoiceId, today),
      lettersOfInvoice(c.var.db, c.var.companyId, invoiceId),
      decisionHistory(c.var.db, c.var.companyId, invoiceId),
    ]);
    if (!item) {
      // Not on the list: still answer for an invoice of this company, 404 for any other.
      await getInvoiceSummary(c.var.db, c.var.companyId, invoiceId);
    }
    return c.json({ onList: item !== null, item, letters, decisions }, 200);
  });
  app.openapi(decideRoute, async (c) => {
    const body = c.req.valid('json');
    const { invoiceId } = c.req.valid('param');
    const today = c.var.config.today();
    if (body.waitUntil && body.waitUntil <= today)
      throw new AppError('validation_failed', `body.waitUntil: ${body.waitUntil} is not after today (${today})`, {
        reason: 'wait_until_not_after_today',
        waitUntil: body.waitUntil,
        today,
      });
    if (body.waitUntil && body.nextAction !== 'wait')
      throw new AppError('validation_failed', 'body.waitUntil goes only with nextAction wait');
    return c.json(
      await idempotentWrite(c, userScope(c), { invoiceId, ...body }, (trx) =>
        recordDecision(
          trx,
          c.var.companyId,
          invoiceId,
          { nextAction: body.nextAction, waitUntil: body.waitUntil ?? null, reason: body.reason },
          userActor(c),
        ),
      ),
      201,
    );
  });
  app.openapi(disputeRoute, async (c) => {
    const body = c.req.valid('json');
    const { invoiceId } = c.req.valid('param');
    return c.json(
      await idempotentWrite(c, userScope(c), { invoiceId, ...body }, (trx) =>
        recordDecision(trx, c.var.companyId, invoiceId, { disputed: body.disputed, reason: body.reason }, userActor(c)),
      ),
      201,
    );
  });
  app.openapi(letterRoute, async (c) => {
    const body = c.req.valid('json');
    const { invoiceId } = c.req.valid('param');
    const today = c.var.config.today();
    const input = { type: body.type, sendDate: body.sendDate ?? today, channel: body.channel };
    if (input.sendDate > today)
      throw new AppError(
        'validation_failed',
        `body.sendDate: a letter cannot be sent in the future (${input.sendDate})`,
        { reason: 'send_date_in_future', sendDate: input.sendDate, today },
      );
    return c.json(
      await idempotentWrite(c, userScope(c), { invoiceId, ...body }, (trx) =>
        sendLetter(trx, c.var.companyId, invoiceId, input, userActor(c)),
      ),
      201,
    );
  });
  app.openapi(ratesRoute, async (c) => {
    const rates = await loadRates(c.var.db);
    return c.json({ data: rates.all(), warnings: rates.warnings(c.var.config.today()) }, 200);
  });
}
