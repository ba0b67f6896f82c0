import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../db/transaction.js';
import type { AppEnv } from '../http/env.js';
import { CompanyParams } from '../http/params.js';
import { IsoDate, jsonBody, jsonResponse } from '../http/schemas.js';
import { currentPeriodLock, lockPeriod, unlockPeriod } from './period-lock.service.js';
import { accountantRoute } from '../tenancy/company-route.js';

const tags = ['Ledger'];

const PeriodLockSchema = z
  .object({
    lockedTo: IsoDate.openapi({ description: 'The last locked date: no voucher dated on or before it can be posted' }),
    lockedBy: z.object({
      id: z.string().uuid().nullable().openapi({ description: 'The admin who set it; null: the command line' }),
      name: z.string(),
    }),
    lockedAt: z.string().openapi({ description: 'When it was set (ISO 8601, UTC)' }),
  })
  .openapi('PeriodLock');
const PeriodLockStateSchema = z.object({ lock: PeriodLockSchema.nullable() }).openapi('PeriodLockState');

const getLockRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/period-lock',
  operationId: 'getPeriodLock',
  tags,
  summary: "The company's locked period (null: the books are open)",
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(PeriodLockStateSchema, 'The lock') },
});
const lockRoute = accountantRoute({
  method: 'put',
  path: '/companies/{companyId}/period-lock',
  operationId: 'lockPeriod',
  tags,
  summary:
    'Lock the books up to and including a date (admin). The lock only moves forward: an earlier date is 422 lock_backwards (unlock instead); not after today',
  access: 'admin',
  request: { params: CompanyParams, ...jsonBody(z.object({ lockedTo: IsoDate }).strict()) },
  responses: { 200: jsonResponse(PeriodLockStateSchema, 'Locked') },
});
const unlockRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/period-lock/unlock',
  operationId: 'unlockPeriod',
  tags,
  summary:
    'Reopen locked books (admin, recorded in the audit trail): back to an earlier lock date, or fully with lockedTo null',
  access: 'admin',
  request: { params: CompanyParams, ...jsonBody(z.object({ lockedTo: IsoDate.nullable() }).strict()) },
  responses: { 200: jsonResponse(PeriodLockStateSchema, 'Unlocked') },
});

/** Locked periods: read by every member, set and lifted by an admin. */
export function periodLockRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getLockRoute, async (c) => c.json({ lock: await currentPeriodLock(c.var.db, c.var.companyId) }, 200));
  app.openapi(lockRoute, async (c) => {
    const { lockedTo } = c.req.valid('json');
    const by = { id: c.var.user.id, name: c.var.user.name };
    const lock = await inTransaction(c.var.db, (trx) =>
      lockPeriod(trx, c.var.companyId, lockedTo, by, c.var.config.today()),
    );
    return c.json({ lock }, 200);
  });
  app.openapi(unlockRoute, async (c) => {
    const { lockedTo } = c.req.valid('json');
    const by = { id: c.var.user.id, name: c.var.user.name };
    const lock = await inTransaction(c.var.db, (trx) => unlockPeriod(trx, c.var.companyId, lockedTo, by));
    return c.json({ lock }, 200);
  });
}
