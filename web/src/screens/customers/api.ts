/** The customer card's own calls: the customer's cases and letters (with their e-mail delivery). */
import { client, ok } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';

export type CustomerLetter = components['schemas']['CustomerLetter'];
const PAGE_SIZE = 20;

export const customerApi = {
  cases: (companyId: string, customerId: string, cursor: string | null, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/cases', {
        params: { path: { companyId }, query: { customerId, limit: PAGE_SIZE, cursor: cursor ?? undefined } },
        signal,
      }),
    ),
  letters: (companyId: string, customerId: string, cursor: string | null, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/customers/{customerId}/letters', {
        params: { path: { companyId, customerId }, query: { limit: PAGE_SIZE, cursor: cursor ?? undefined } },
        signal,
      }),
    ),
};
