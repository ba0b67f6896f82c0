/** The calls and shapes of Oversikt, Oppgjør, the case detail and Innstillinger (from the generated OpenAPI types). */
import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';
import type { Page } from '../../api/types.js';

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
export type RateWarning = Schemas['RateWarning'];
export type Company = Schemas['Company'];
export type CompanyAccounts = Company['accounts'];

const company = (companyId: string) => `/companies/${encodeURIComponent(companyId)}`;

export const moreApi = {
  overview: (companyId: string, signal?: AbortSignal) =>
    apiRequest<CompanyOverview>('GET', `${company(companyId)}/overview`, { signal }),

  settlements: (
    companyId: string,
    query: { status: SettlementStatus | undefined; cursor?: string | null; limit?: number },
    signal?: AbortSignal,
  ) =>
    apiRequest<Page<Settlement>>('GET', `${company(companyId)}/settlements`, {
      query: { status: query.status, limit: query.limit ?? 50, cursor: query.cursor ?? undefined },
      signal,
    }),
  settlement: (companyId: string, settlementId: string, signal?: AbortSignal) =>
    apiRequest<SettlementDetail>('GET', `${company(companyId)}/settlements/${encodeURIComponent(settlementId)}`, {
      signal,
    }),
  settlementPreview: (companyId: string, settlementId: string, signal?: AbortSignal) =>
    apiRequest<SettlementPreview>(
      'GET',
      `${company(companyId)}/settlements/${encodeURIComponent(settlementId)}/preview`,
      { signal },
    ),
  approveSettlement: (companyId: string, settlementId: string, idempotencyKey: string) =>
    apiRequest<Settlement>('POST', `${company(companyId)}/settlements/${encodeURIComponent(settlementId)}/approve`, {
      idempotencyKey,
    }),
  rejectSettlement: (companyId: string, settlementId: string, reason: string, idempotencyKey: string) =>
    apiRequest<Settlement>('POST', `${company(companyId)}/settlements/${encodeURIComponent(settlementId)}/reject`, {
      body: { reason },
      idempotencyKey,
    }),

  caseDetail: (companyId: string, caseId: string, signal?: AbortSignal) =>
    apiRequest<CaseDetail>('GET', `${company(companyId)}/cases/${encodeURIComponent(caseId)}`, { signal }),

  agencies: (companyId: string, signal?: AbortSignal) =>
    apiRequest<{ data: CompanyAgency[] }>('GET', `${company(companyId)}/agencies`, { signal }),
  setAgencyActivation: (companyId: string, agencyId: string, body: { active: boolean; isDefault?: boolean }) =>
    apiRequest<CompanyAgency>('PUT', `${company(companyId)}/agencies/${encodeURIComponent(agencyId)}/activation`, {
      body,
    }),
  dunningSettings: (companyId: string, signal?: AbortSignal) =>
    apiRequest<DunningSettings>('GET', `${company(companyId)}/dunning-settings`, { signal }),
  updateDunningSettings: (companyId: string, changes: DunningSettingsChanges) =>
    apiRequest<DunningSettings>('PATCH', `${company(companyId)}/dunning-settings`, { body: changes }),
  legalRates: (signal?: AbortSignal) =>
    apiRequest<{ data: LegalRate[]; warnings: RateWarning[] }>('GET', '/legal-rates', { signal }),
  company: (companyId: string, signal?: AbortSignal) => apiRequest<Company>('GET', company(companyId), { signal }),
  updateAccounts: (companyId: string, accounts: Partial<CompanyAccounts>) =>
    apiRequest<Company>('PATCH', company(companyId), { body: { accounts } }),
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
