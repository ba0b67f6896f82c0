import { z } from '@hono/zod-openapi';

const id = (name: string) =>
  z
    .string()
    .uuid()
    .openapi({ param: { name, in: 'path' }, example: '0b6f0c52-1c1e-4bb1-9f39-8d4bd2c0a6a1' });

export const CompanyParams = z.object({ companyId: id('companyId') });
export const CustomerParams = CompanyParams.extend({ customerId: id('customerId') });
export const InvoiceParams = CompanyParams.extend({ invoiceId: id('invoiceId') });
export const CreditNoteParams = CompanyParams.extend({ creditNoteId: id('creditNoteId') });
export const PaymentParams = CompanyParams.extend({ paymentId: id('paymentId') });
export const VoucherParams = CompanyParams.extend({ voucherId: id('voucherId') });
export const EntryParams = CompanyParams.extend({
  entryId: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'entryId', in: 'path' } }),
});
export const MatchParams = CompanyParams.extend({
  matchId: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'matchId', in: 'path' } }),
});
