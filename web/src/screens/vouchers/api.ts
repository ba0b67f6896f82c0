/** The calls of Bilag: the voucher journal, one voucher with its postings, a manual voucher, the chart of accounts. */
import { apiRequest } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';
import type { Page } from '../../api/types.js';

type Schemas = components['schemas'];
export type Voucher = Schemas['Voucher'];
export type VoucherListItem = Schemas['VoucherListItem'];
export type ManualVoucher = Schemas['ManualVoucher'];
export type Account = Schemas['Account'];
export type Company = Schemas['Company'];

const company = (companyId: string) => `/companies/${encodeURIComponent(companyId)}`;

export const voucherApi = {
  vouchers: (companyId: string, cursor: string | null, signal?: AbortSignal) =>
    apiRequest<Page<VoucherListItem>>('GET', `${company(companyId)}/vouchers`, {
      query: { limit: 50, cursor },
      signal,
    }),
  voucher: (companyId: string, voucherId: string, signal?: AbortSignal) =>
    apiRequest<Voucher>('GET', `${company(companyId)}/vouchers/${encodeURIComponent(voucherId)}`, { signal }),
  createManualVoucher: (companyId: string, body: ManualVoucher, idempotencyKey: string) =>
    apiRequest<Voucher>('POST', `${company(companyId)}/vouchers`, { body, idempotencyKey }),
  accounts: (companyId: string, signal?: AbortSignal) =>
    apiRequest<{ data: Account[] }>('GET', `${company(companyId)}/accounts`, { signal }),
  company: (companyId: string, signal?: AbortSignal) => apiRequest<Company>('GET', company(companyId), { signal }),
};
