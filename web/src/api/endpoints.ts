/**
 * The accountant API calls of sign-in, the reminder list and Inkasso, one function each over the
 * typed client: paths, parameters, bodies and answers are the generated ones (openapi.gen.ts), so
 * the return types are the API's own. Amounts are øre, dates ISO.
 */
import { apiUrl, client, idempotent, ok, type QueryOf } from './client.js';
import type {
  BulkAction,
  CaseState,
  DecisionInput,
  HandoverList,
  InvoiceDunning,
  NextAction,
  Page,
  ReminderListItem,
} from './types.js';

/** The orders the reminder list can be read in (`dueDate`, `-openAmount`, …): a leading '-' is descending. */
export type ReminderListSort = NonNullable<QueryOf<'/companies/{companyId}/reminder-list'>['sort']>;

const PAGE_SIZE = 50;

export const api = {
  session: () => ok(client.GET('/auth/session')),
  /** The session, or null when signed out (200 either way: no 401 in the console on the sign-in page). */
  sessionState: () => ok(client.GET('/auth/session/state')),
  login: (email: string, password: string) => ok(client.POST('/auth/login', { body: { email, password } })),
  logout: () => ok(client.POST('/auth/logout')),
  companies: () => ok(client.GET('/companies')),

  reminderList: async (
    companyId: string,
    q: { cursor?: string | null; nextAction?: NextAction | null; sort?: ReminderListSort | null; q?: string | null },
    signal?: AbortSignal,
  ): Promise<Page<ReminderListItem>> =>
    // The document misses that `decision` may be null (see ReminderListItem in types.ts).
    (await ok(
      client.GET('/companies/{companyId}/reminder-list', {
        params: {
          path: { companyId },
          query: {
            limit: PAGE_SIZE,
            cursor: q.cursor ?? undefined,
            nextAction: q.nextAction ?? undefined,
            sort: q.sort ?? undefined,
            q: q.q || undefined,
          },
        },
        signal,
      }),
    )) as Page<ReminderListItem>,
  invoiceDunning: async (companyId: string, invoiceId: string, signal?: AbortSignal): Promise<InvoiceDunning> =>
    // The document renders `item` (nullable) and its `decision` (nullable) without their null.
    (await ok(
      client.GET('/companies/{companyId}/invoices/{invoiceId}/dunning', {
        params: { path: { companyId, invoiceId } },
        signal,
      }),
    )) as InvoiceDunning,
  sendLetter: (companyId: string, invoiceId: string, type: 'reminder' | 'collection_notice', idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/invoices/{invoiceId}/letters', {
        params: { path: { companyId, invoiceId } },
        body: { type },
        ...idempotent(idempotencyKey),
      }),
    ),
  sendToCollection: (companyId: string, invoiceId: string, agencyId: string | undefined, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/invoices/{invoiceId}/collection', {
        params: { path: { companyId, invoiceId } },
        body: agencyId ? { agencyId } : {},
        ...idempotent(idempotencyKey),
      }),
    ),
  setNextAction: (companyId: string, invoiceId: string, input: DecisionInput, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/invoices/{invoiceId}/next-action', {
        params: { path: { companyId, invoiceId } },
        body: input,
        ...idempotent(idempotencyKey),
      }),
    ),
  bulkAction: (companyId: string, body: BulkAction, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/reminder-list/actions', {
        params: { path: { companyId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),
  letterPdfUrl: (companyId: string, letterId: string) =>
    apiUrl('/companies/{companyId}/letters/{letterId}/pdf', { companyId, letterId }),

  agencies: (companyId: string) =>
    ok(client.GET('/companies/{companyId}/agencies', { params: { path: { companyId } } })),
  handovers: (companyId: string, list: HandoverList, cursor: string | null, signal?: AbortSignal, q?: string | null) =>
    ok(
      client.GET('/companies/{companyId}/handovers', {
        params: {
          path: { companyId },
          query: { list, limit: PAGE_SIZE, cursor: cursor ?? undefined, q: q || undefined },
        },
        signal,
      }),
    ),
  handoverCounts: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/handovers/counts', { params: { path: { companyId } }, signal })),
  approveHandover: (companyId: string, handoverId: string, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/handovers/{handoverId}/approve', {
        params: { path: { companyId, handoverId } },
        ...idempotent(idempotencyKey),
      }),
    ),
  rejectHandover: (companyId: string, handoverId: string, reason: string, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/handovers/{handoverId}/reject', {
        params: { path: { companyId, handoverId } },
        body: { reason },
        ...idempotent(idempotencyKey),
      }),
    ),
  /** Approve or reject (recall) many handovers at once; one result per handover. */
  decideHandovers: (
    companyId: string,
    decision: { action: 'approve' | 'reject'; handoverIds: string[]; reason?: string },
    idempotencyKey: string,
  ) =>
    ok(
      client.POST('/companies/{companyId}/handovers/decisions', {
        params: { path: { companyId } },
        body: decision,
        ...idempotent(idempotencyKey),
      }),
    ),
  cases: (companyId: string, state: CaseState, cursor: string | null, signal?: AbortSignal, q?: string | null) =>
    ok(
      client.GET('/companies/{companyId}/cases', {
        params: {
          path: { companyId },
          query: { state, limit: PAGE_SIZE, cursor: cursor ?? undefined, q: q || undefined },
        },
        signal,
      }),
    ),
};
