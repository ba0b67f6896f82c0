/** Innstillinger's calls for the locked period and the audit trail, over the typed client. */
import { client, ok } from '../../api/client.js';
import type { components, operations } from '../../api/openapi.gen.js';

type Schemas = components['schemas'];
export type PeriodLock = Schemas['PeriodLock'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditQuery = NonNullable<operations['listAuditEvents']['parameters']['query']>;

export const lockApi = {
  periodLock: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/period-lock', { params: { path: { companyId } }, signal })),
  lock: (companyId: string, lockedTo: string) =>
    ok(client.PUT('/companies/{companyId}/period-lock', { params: { path: { companyId } }, body: { lockedTo } })),
  unlock: (companyId: string, lockedTo: string | null) =>
    ok(
      client.POST('/companies/{companyId}/period-lock/unlock', {
        params: { path: { companyId } },
        body: { lockedTo },
      }),
    ),
  auditEvents: (companyId: string, query: AuditQuery, cursor: string | null, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/audit-events', {
        params: { path: { companyId }, query: { ...query, limit: query.limit ?? 50, cursor: cursor ?? undefined } },
        signal,
      }),
    ),
};
