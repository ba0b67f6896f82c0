/** The calls of Bilag: the voucher journal, one voucher with its postings, a manual voucher, the chart of accounts. */
import { client, idempotent, ok } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';

type Schemas = components['schemas'];
export type Voucher = Schemas['Voucher'];
export type VoucherListItem = Schemas['VoucherListItem'];
export type ManualVoucher = Schemas['ManualVoucher'];
export type Account = Schemas['Account'];
export type Company = Schemas['Company'];

export const voucherApi = {
  vouchers: (companyId: string, cursor: string | null, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/vouchers', {
        params: { path: { companyId }, query: { limit: 50, cursor: cursor ?? undefined } },
        signal,
      }),
    ),
  voucher: (companyId: string, voucherId: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/vouchers/{voucherId}', { params: { path: { companyId, voucherId } }, signal }),
    ),
  createManualVoucher: (companyId: string, body: ManualVoucher, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/vouchers', {
        params: { path: { companyId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),
  accounts: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}/accounts', { params: { path: { companyId } }, signal })),
  company: (companyId: string, signal?: AbortSignal) =>
    ok(client.GET('/companies/{companyId}', { params: { path: { companyId } }, signal })),
};
