/** Letters by e-mail over the typed client: the SMTP settings, an invoice's e-mails, sending a letter. */
import { client, idempotent, ok } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';

type Schemas = components['schemas'];
export type MailSettings = Schemas['MailSettings'];
export type MailSettingsInput = Schemas['MailSettingsInput'];
export type MailMessage = Schemas['MailMessage'];
export type Customer = Schemas['Customer'];
export type CustomerChanges = Schemas['CustomerChanges'];

export const mailApi = {
  settings: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/mail-settings', { params: { path: { companyId } }, signal })),
  putSettings: (companyId: string, body: MailSettingsInput) =>
    ok(client.PUT('/companies/{companyId}/mail-settings', { params: { path: { companyId } }, body })),
  invoiceEmails: (companyId: string, invoiceId: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/invoices/{invoiceId}/emails', {
        params: { path: { companyId, invoiceId } },
        signal,
      }),
    ),
  /** One key per click: a retried request sends nothing twice. */
  emailLetter: (companyId: string, letterId: string, key: string) =>
    ok(
      client.POST('/companies/{companyId}/letters/{letterId}/email', {
        params: { path: { companyId, letterId } },
        ...idempotent(key),
      }),
    ),
  customer: (companyId: string, customerId: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/customers/{customerId}', {
        params: { path: { companyId, customerId } },
        signal,
      }),
    ),
  updateCustomer: (companyId: string, customerId: string, body: CustomerChanges) =>
    ok(
      client.PATCH('/companies/{companyId}/customers/{customerId}', {
        params: { path: { companyId, customerId } },
        body,
      }),
    ),
};
