/**
 * Compiled by `npm run typecheck` (`tsc -p web`), never run or bundled: proof that the web app's
 * calls are tied to the API's OpenAPI document. Each `@ts-expect-error` below must stay an error; if
 * the typed client stopped checking paths, parameters or bodies, the directive would be unused and
 * fail the type check. The `sameType` lines say the answers are the document's shapes, not `any`.
 */
import { apiUrl, client, ok } from './client.js';
import type { api } from './endpoints.js';
import type { components } from './openapi.gen.js';

type Schemas = components['schemas'];
/** Each assignable to the other (openapi-fetch maps answers through its own helper types, so not identical). */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameType = <T extends true>(): T | undefined => undefined;

export async function typeLink(signal: AbortSignal): Promise<void> {
  // A path the API does not have.
  // @ts-expect-error: '/companies/{companyId}/no-such-list' is not a path of the document
  await ok(client.GET('/companies/{companyId}/no-such-list', { params: { path: { companyId: 'c' } } }));

  // A path parameter left out.
  // @ts-expect-error: invoiceId is required
  await ok(client.GET('/companies/{companyId}/invoices/{invoiceId}', { params: { path: { companyId: 'c' } } }));

  // A query value the API does not accept.
  await ok(
    client.GET('/companies/{companyId}/invoices', {
      // @ts-expect-error: 'pending' is not an invoice status
      params: { path: { companyId: 'c' }, query: { status: 'pending' } },
      signal,
    }),
  );

  // A body without a required field.
  // @ts-expect-error: password is required
  await ok(client.POST('/auth/login', { body: { email: 'a@example.com' } }));

  // A method the path does not have.
  await ok(
    // @ts-expect-error: invoices are not deleted
    client.DELETE('/companies/{companyId}/invoices/{invoiceId}', {
      params: { path: { companyId: 'c', invoiceId: 'i' } },
    }),
  );

  // A link built from a path of the document, with its parameters.
  // @ts-expect-error: letterId is required
  apiUrl('/companies/{companyId}/letters/{letterId}/pdf', { companyId: 'c' });

  // The answers are the document's own shapes.
  const invoice = await ok(
    client.GET('/companies/{companyId}/invoices/{invoiceId}', { params: { path: { companyId: 'c', invoiceId: 'i' } } }),
  );
  sameType<Equal<typeof invoice, Schemas['InvoiceDetail']>>();
  sameType<Equal<Awaited<ReturnType<typeof api.session>>, Schemas['Session']>>();
  sameType<Equal<Awaited<ReturnType<typeof api.sessionState>>['session'], Schemas['Session'] | null>>();
  sameType<Equal<Awaited<ReturnType<typeof api.handovers>>['data'][number], Schemas['Handover']>>();
  // @ts-expect-error: and not anything else (an `any` would pass the lines above)
  sameType<Equal<typeof invoice, Schemas['InvoiceSummary']>>();
}
