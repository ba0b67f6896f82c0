/** Innstillinger's calls for the locked period and the audit trail (from the generated OpenAPI types). */
import { apiRequest } from '../../api/client.js';
import type { components, operations } from '../../api/openapi.gen.js';
import type { Page } from '../../api/types.js';

type Schemas = components['schemas'];
export type PeriodLock = Schemas['PeriodLock'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditQuery = NonNullable<operations['listAuditEvents']['parameters']['query']>;

const company = (companyId: string) => `/companies/${encodeURIComponent(companyId)}`;

export const lockApi = {
  periodLock: (companyId: string, signal?: AbortSignal) =>
    apiRequest<{ lock: PeriodLock | null }>('GET', `${company(companyId)}/period-lock`, { signal }),
  lock: (companyId: string, lockedTo: string) =>
    apiRequest<{ lock: PeriodLock | null }>('PUT', `${company(companyId)}/period-lock`, { body: { lockedTo } }),
  unlock: (companyId: string, lockedTo: string | null) =>
    apiRequest<{ lock: PeriodLock | null }>('POST', `${company(companyId)}/period-lock/unlock`, {
      body: { lockedTo },
    }),
  auditEvents: (companyId: string, query: AuditQuery, cursor: string | null, signal?: AbortSignal) =>
    apiRequest<Page<AuditEvent>>('GET', `${company(companyId)}/audit-events`, {
      query: { ...query, limit: query.limit ?? 50, cursor: cursor ?? undefined },
      signal,
    }),
};
