/**
 * The calls of Oversikt, Oppgjør, the case detail and Innstillinger over the typed client (answers inferred
 * from the generated paths), and names for the shapes their components take.
 */
import { useCallback, useEffect, useState } from 'react';
import { client, idempotent, ok } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';

type Schemas = components['schemas'];

export type CompanyOverview = Schemas['CompanyOverview'];
export type AgeBucket = CompanyOverview['agedReceivables']['buckets'][number];
export type Settlement = Schemas['AccountantSettlement'];
export type SettlementStatus = Settlement['status'];
export type SettlementDetail = Schemas['AccountantSettlementDetail'];
export type SettlementPreview = Schemas['SettlementPreview'];
export type CaseDetail = Schemas['CollectionCaseDetail'];
export type CaseMoney = Schemas['CaseMoney'];
export type CompanyAgency = Schemas['CompanyAgency'];
export type DunningSettings = Schemas['DunningSettings'];
export type DunningSettingsChanges = Schemas['DunningSettingsChanges'];
export type LegalRate = Schemas['LegalRate'];
export type Company = Schemas['Company'];
export type CompanyAccounts = Company['accounts'];

export const moreApi = {
  overview: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/overview', { params: { path: { companyId } }, signal })),

  settlements: (
    companyId: string,
    query: { status: SettlementStatus | undefined; cursor?: string | null; limit?: number },
    signal?: AbortSignal,
  ) =>
    ok(
      client.GET('/companies/{companyId}/settlements', {
        params: {
          path: { companyId },
          query: { status: query.status, limit: query.limit ?? 50, cursor: query.cursor ?? undefined },
        },
        signal,
      }),
    ),
  settlement: (companyId: string, settlementId: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/settlements/{settlementId}', {
        params: { path: { companyId, settlementId } },
        signal,
      }),
    ),
  settlementPreview: (companyId: string, settlementId: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/settlements/{settlementId}/preview', {
        params: { path: { companyId, settlementId } },
        signal,
      }),
    ),
  approveSettlement: (companyId: string, settlementId: string, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/settlements/{settlementId}/approve', {
        params: { path: { companyId, settlementId } },
        ...idempotent(idempotencyKey),
      }),
    ),
  rejectSettlement: (companyId: string, settlementId: string, reason: string, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/settlements/{settlementId}/reject', {
        params: { path: { companyId, settlementId } },
        body: { reason },
        ...idempotent(idempotencyKey),
      }),
    ),

  caseDetail: (companyId: string, caseId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/cases/{caseId}', { params: { path: { companyId, caseId } }, signal })),

  agencies: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/agencies', { params: { path: { companyId } }, signal })),
  setAgencyActivation: (companyId: string, agencyId: string, body: { active: boolean; isDefault?: boolean }) =>
    ok(
      client.PUT('/companies/{companyId}/agencies/{agencyId}/activation', {
        params: { path: { companyId, agencyId } },
        body,
      }),
    ),
  dunningSettings: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/dunning-settings', { params: { path: { companyId } }, signal })),
  updateDunningSettings: (companyId: string, changes: DunningSettingsChanges) =>
    ok(client.PATCH('/companies/{companyId}/dunning-settings', { params: { path: { companyId } }, body: changes })),
  legalRates: (signal?: AbortSignal) => ok(client.GET('/legal-rates', { signal })),
  company: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}', { params: { path: { companyId } }, signal })),
  updateAccounts: (companyId: string, accounts: Partial<CompanyAccounts>) =>
    ok(client.PATCH('/companies/{companyId}', { params: { path: { companyId } }, body: { accounts } })),
};

/** A GET that loads on mount and on `reload()`, aborted when the component goes. */

export function useLoad<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): { data: T | null; error: unknown; loading: boolean; reload(): void; set(value: T): void } {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is recreated each render; `key` says when it asks for something else, `attempt` retries
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    load(controller.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setState({ data: null, error, loading: false });
      });
    return () => controller.abort();
    // `load` is recreated each render; `key` says when it asks for something else.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ data, error: null, loading: false }), []);
  return { ...state, reload, set };
}
