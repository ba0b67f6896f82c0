import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { BulkActionSchema, BulkResultSchema, DailyRunSchema } from '../dunning/dunning.schemas.js';
import type { AppEnv } from '../http/env.js';
import { CompanyParams } from '../http/params.js';
import { toAppError } from '../http/problem.js';
import { jsonBody, jsonResponse } from '../http/schemas.js';
import { AppError } from '../shared/errors.js';
import { userActor } from '../tenancy/session.middleware.js';
import {
  type Actor,
  type NextAction,
  recordDecision,
  reminderListItem,
  runDaily,
  sendLetter,
  sendToCollection,
} from './process.js';
import { accountantRoute } from '../tenancy/company-route.js';

/**
 * The process's routes on the reminder list: carrying out the next step on many invoices at once
 * (a letter, the handover, a «Vent», clearing an override) and the day's run. Here, not in dunning,
 * because a step may hand an invoice to collection.
 */

const tags = ['Reminder list'];

const bulkRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/reminder-list/actions',
  operationId: 'applyReminderListActions',
  tags,
  summary: 'Carry out an action on many invoices; each succeeds or fails on its own',
  access: 'write',
  request: { params: CompanyParams, ...jsonBody(BulkActionSchema) },
  responses: { 200: jsonResponse(BulkResultSchema, 'One result per invoice') },
});
const dailyRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/daily-run',
  operationId: 'runDailyRun',
  tags,
  summary: "Run today's daily run now (admin); a second run the same day does nothing",
  access: 'admin',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(DailyRunSchema, 'The run') },
});

async function carryOut(
  db: Db,
  companyId: string,
  invoiceId: string,
  action: z.infer<typeof BulkActionSchema>,
  today: string,
  actor: Actor,
): Promise<NextAction | 'clear'> {
  let chosen: NextAction | 'clear' | 'next' = action.action;
  if (chosen === 'next') {
    const item = await reminderListItem(db, companyId, invoiceId, today);
    if (!item) throw new AppError('not_eligible', 'the invoice is not on the reminder list', { reason: 'not_on_list' });
    chosen = item.next.nextAction;
    if (chosen === 'wait') return 'wait'; // nothing to carry out
  }
  const todo = chosen;
  await inTransaction(db, async (trx) => {
    if (todo === 'reminder' || todo === 'collection_notice')
      await sendLetter(trx, companyId, invoiceId, { type: todo, sendDate: today, channel: action.channel }, actor);
    else if (todo === 'collection')
      // Chosen by hand, or (`next`) because the rules say so: then an undated «Vent» stops it too.
      await sendToCollection(
        trx,
        companyId,
        invoiceId,
        { agencyId: action.agencyId, today, step: action.action === 'next' ? 'eligible' : 'handover' },
        actor,
      );
    else if (todo === 'wait')
      await recordDecision(
        trx,
        companyId,
        invoiceId,
        { nextAction: 'wait', waitUntil: action.waitUntil ?? null, reason: action.reason ?? '' },
        actor,
      );
    else
      await recordDecision(
        trx,
        companyId,
        invoiceId,
        { nextAction: null, reason: action.reason ?? 'override cleared' },
        actor,
      );
  });
  return todo;
}

export function processRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(bulkRoute, async (c) => {
    const body = c.req.valid('json');
    if (body.waitUntil && body.action !== 'wait')
      throw new AppError('validation_failed', 'body.waitUntil goes only with the wait action');
    const today = c.var.config.today();
    if (body.waitUntil && body.waitUntil <= today)
      throw new AppError('validation_failed', `body.waitUntil: ${body.waitUntil} is not after today (${today})`, {
        reason: 'wait_until_not_after_today',
        waitUntil: body.waitUntil,
        today,
      });
    const results = [];
    for (const invoiceId of [...new Set(body.invoiceIds)]) {
      try {
        const done = await carryOut(c.var.db, c.var.companyId, invoiceId, body, today, userActor(c));
        results.push({ invoiceId, ok: true, action: done, code: null, detail: null });
      } catch (error) {
        const e = toAppError(error);
        if (e.status >= 500) throw error;
        // The reason code and figures as a problem+json would carry them; the line's own members last.
        results.push({ ...e.extra, invoiceId, ok: false, action: body.action, code: e.code, detail: e.detail });
      }
    }
    return c.json(
      { results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length },
      200,
    );
  });
  app.openapi(dailyRoute, async (c) => c.json(await runDaily(c.var.db, c.var.companyId, c.var.config.today()), 200));
}
