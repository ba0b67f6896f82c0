/** The accountant API calls the web app makes, one function each. Amounts are øre, dates ISO. */
import { apiRequest, apiUrl } from './client.js';
import type { paths } from './openapi.gen.js';
import type {
  BulkAction,
  BulkResult,
  CaseState,
  CollectionCase,
  CompanyAgency,
  Decision,
  DecisionInput,
  Handover,
  HandoverCounts,
  HandoverList,
  InvoiceDunning,
  Membership,
  NextAction,
  Page,
  ReminderListItem,
  SentLetter,
  Session,
} from './types.js';

/** The orders the reminder list can be read in (`dueDate`, `-openAmount`, …): a leading '-' is descending. */
export type ReminderListSort = NonNullable<
  NonNullable<paths['/companies/{companyId}/reminder-list']['get']['parameters']['query']>['sort']
>;

const PAGE_SIZE = 50;
const company = (companyId: string) => `/companies/${encodeURIComponent(companyId)}`;

export const api = {
  session: () => apiRequest<Session>('GET', '/auth/session'),
  login: (email: string, password: string) => apiRequest<Session>('POST', '/auth/login', { body: { email, password } }),
  logout: () => apiRequest<void>('POST', '/auth/logout'),
  companies: () => apiRequest<{ data: Membership[] }>('GET', '/companies'),

  reminderList: (
    companyId: string,
    q: { cursor?: string | null; nextAction?: NextAction | null; sort?: ReminderListSort | null },
    signal?: AbortSignal,
  ) =>
    apiRequest<Page<ReminderListItem>>('GET', `${company(companyId)}/reminder-list`, {
      query: { limit: PAGE_SIZE, cursor: q.cursor, nextAction: q.nextAction, sort: q.sort },
      signal,
    }),
  invoiceDunning: (companyId: string, invoiceId: string) =>
    apiRequest<InvoiceDunning>('GET', `${company(companyId)}/invoices/${invoiceId}/dunning`),
  sendLetter: (companyId: string, invoiceId: string, type: 'reminder' | 'collection_notice', idempotencyKey: string) =>
    apiRequest<SentLetter>('POST', `${company(companyId)}/invoices/${invoiceId}/letters`, {
      body: { type },
      idempotencyKey,
    }),
  sendToCollection: (companyId: string, invoiceId: string, agencyId: string | undefined, idempotencyKey: string) =>
    apiRequest<Handover>('POST', `${company(companyId)}/invoices/${invoiceId}/collection`, {
      body: agencyId ? { agencyId } : {},
      idempotencyKey,
    }),
  setNextAction: (companyId: string, invoiceId: string, input: DecisionInput, idempotencyKey: string) =>
    apiRequest<Decision>('POST', `${company(companyId)}/invoices/${invoiceId}/next-action`, {
      body: input,
      idempotencyKey,
    }),
  bulkAction: (companyId: string, body: BulkAction, idempotencyKey: string) =>
    apiRequest<BulkResult>('POST', `${company(companyId)}/reminder-list/actions`, { body, idempotencyKey }),
  letterPdfUrl: (companyId: string, letterId: string) => apiUrl(`${company(companyId)}/letters/${letterId}/pdf`),

  agencies: (companyId: string) => apiRequest<{ data: CompanyAgency[] }>('GET', `${company(companyId)}/agencies`),
  handovers: (companyId: string, list: HandoverList, cursor: string | null, signal?: AbortSignal) =>
    apiRequest<Page<Handover>>('GET', `${company(companyId)}/handovers`, {
      query: { list, limit: PAGE_SIZE, cursor },
      signal,
    }),
  handoverCounts: (companyId: string, signal?: AbortSignal) =>
    apiRequest<HandoverCounts>('GET', `${company(companyId)}/handovers/counts`, { signal }),
  approveHandover: (companyId: string, handoverId: string, idempotencyKey: string) =>
    apiRequest<Handover>('POST', `${company(companyId)}/handovers/${handoverId}/approve`, { idempotencyKey }),
  rejectHandover: (companyId: string, handoverId: string, reason: string, idempotencyKey: string) =>
    apiRequest<Handover>('POST', `${company(companyId)}/handovers/${handoverId}/reject`, {
      body: { reason },
      idempotencyKey,
    }),
  cases: (companyId: string, state: CaseState, cursor: string | null, signal?: AbortSignal) =>
    apiRequest<Page<CollectionCase>>('GET', `${company(companyId)}/cases`, {
      query: { state, limit: PAGE_SIZE, cursor },
      signal,
    }),
};
