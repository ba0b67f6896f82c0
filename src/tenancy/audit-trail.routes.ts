import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AUDIT_KINDS, listAudit } from '../audit/audit.service.js';
import type { AppEnv } from '../http/env.js';
import { CompanyParams } from '../http/params.js';
import { Cursor, IsoDate, jsonResponse, Limit } from '../http/schemas.js';
import { accountantRoute } from './company-route.js';

const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: 'When (ISO 8601, UTC)' }),
    companyId: z.string().uuid().nullable(),
    actor: z.object({
      type: z.enum(['user', 'agency', 'system', 'cli']),
      id: z.string().uuid().nullable().openapi({ description: 'The user or agency id' }),
      name: z.string(),
    }),
    requestId: z.string().nullable(),
    peerAddress: z.string().nullable(),
    kind: z.string().openapi({ description: `What happened: ${AUDIT_KINDS.join(', ')}` }),
    subjectIds: z.array(z.string()),
    before: z.unknown().openapi({ description: 'The state before, where the change has one' }),
    after: z.unknown().openapi({ description: 'The state after, where the change has one' }),
  })
  .openapi('AuditEvent');

const KindFilter = z
  .string()
  .regex(/^[a-z_]+(\.[a-z_.]+)?$/)
  .max(60)
  .optional()
  .openapi({ description: 'An exact kind (handover.approved) or its group (handover)' });

const listRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/audit-events',
  operationId: 'listAuditEvents',
  tags: ['Session and companies'],
  summary: "The company's audit trail, newest first (admin): who did what, when and from where",
  access: 'admin',
  request: {
    params: CompanyParams,
    query: z.object({
      from: IsoDate.optional().openapi({ description: 'From this date (Europe/Oslo), inclusive' }),
      to: IsoDate.optional().openapi({ description: 'To this date (Europe/Oslo), inclusive' }),
      kind: KindFilter,
      actorType: z.enum(['user', 'agency', 'system', 'cli']).optional(),
      subjectId: z.string().max(100).optional().openapi({ description: 'Only events about this id' }),
      limit: Limit,
      cursor: Cursor,
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ data: z.array(AuditEventSchema), nextCursor: z.string().nullable() }),
      'A page of audit events',
    ),
  },
});

/** The audit trail as Innstillinger shows it (admin only). */
export function auditTrailRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listAudit(c.var.db, c.var.companyId, q), 200);
  });
}
