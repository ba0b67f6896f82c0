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

export type AccountGrouping = Schemas['AccountGrouping'];
export interface GroupingCode {
  category: string;
  code: string;
  description: string;
}

/** SAF-T groupings: each account's, the code list, and setting one (null: back to the NS 4102 default). */
export const groupingApi = {
  accounts: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/account-groupings', { params: { path: { companyId } }, signal })),
  codes: (signal?: AbortSignal) => ok(client.GET('/grouping-codes', { signal })),
  set: (companyId: string, number: number, grouping: { category: string; code: string } | null) =>
    ok(
      client.PUT('/companies/{companyId}/accounts/{number}/grouping', {
        params: { path: { companyId, number } },
        body: { grouping },
      }),
    ),
};

export type Company = Schemas['Company'];

/** The company's own contact (telephone, e-mail): null clears one. */
export const companyApi = {
  updateContact: (companyId: string, changes: { phone?: string | null; email?: string | null }) =>
    ok(client.PATCH('/companies/{companyId}', { params: { path: { companyId } }, body: changes })),
};
