import { z } from '@hono/zod-openapi';
import { IsoDate, OreAmount, PositiveOre } from '../http/schemas.js';
import { WARNING_CODES } from './match-warning.js';
import { INVOICE_EVENT_TYPES } from './invoice-event.table.js';
import { VOUCHER_TYPES } from './voucher.table.js';

export const VoucherTypeSchema = z.enum(VOUCHER_TYPES);

export const PostingSchema = z
  .object({
    id: z.number().int().openapi({ description: 'Entry id' }),
    lineNo: z.number().int(),
    account: z.number().int(),
    amount: OreAmount.openapi({ description: 'Signed øre: debit positive, credit negative' }),
    customerId: z.string().nullable(),
    invoiceId: z.string().nullable(),
    dueDate: z.string().nullable(),
    description: z.string(),
  })
  .openapi('Posting');

export const VoucherSchema = z
  .object({
    id: z.string(),
    fiscalYear: z.number().int(),
    number: z.number().int(),
    type: VoucherTypeSchema,
    date: z.string(),
    description: z.string(),
    reversesVoucherId: z.string().nullable(),
    reversedByVoucherId: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    postings: z.array(PostingSchema),
  })
  .openapi('Voucher');

export const VoucherListItemSchema = z
  .object({
    id: z.string(),
    fiscalYear: z.number().int(),
    number: z.number().int(),
    type: z.string(),
    date: z.string(),
    description: z.string(),
    amount: OreAmount,
  })
  .openapi('VoucherListItem');

export const ManualVoucherSchema = z
  .object({
    date: IsoDate,
    description: z.string().min(1).max(500),
    lines: z
      .array(
        z
          .object({
            account: z.number().int().min(1000).max(9999),
            side: z.enum(['debit', 'credit']),
            amount: PositiveOre,
            customerId: z
              .string()
              .uuid()
              .optional()
              .openapi({ description: 'Required on the receivable account, refused elsewhere' }),
            dueDate: IsoDate.optional(),
            description: z.string().max(500).optional(),
          })
          .strict(),
      )
      .min(2)
      .max(1000),
  })
  .strict()
  .openapi('ManualVoucher');

export const EntryMatchSchema = z
  .object({
    matchId: z.number().int(),
    debitPostingId: z.number().int(),
    creditPostingId: z.number().int(),
    amount: OreAmount,
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    undoneByMatchId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Set when the match was undone (the undoing is kept too)' }),
    counterpart: z.object({
      postingId: z.number().int(),
      voucherId: z.string(),
      voucherType: VoucherTypeSchema,
      voucherNumber: z.string(),
      date: z.string(),
      amount: OreAmount,
      isWriteOff: z.boolean(),
      isManual: z.boolean(),
    }),
  })
  .openapi('EntryMatch');

export const InvoiceEventSchema = z
  .object({
    position: z.number().int(),
    occurredAt: z.string(),
    companyId: z.string(),
    invoiceId: z.string(),
    type: z.enum(INVOICE_EVENT_TYPES),
    voucherId: z.string().nullable(),
    voucherType: VoucherTypeSchema.nullable(),
    matchId: z.number().int().nullable(),
    amount: OreAmount,
    remainingAmount: OreAmount,
    isWriteOff: z.boolean(),
    isManual: z.boolean(),
    agencyId: z
      .string()
      .nullable()
      .openapi({ description: 'The agency that had the invoice (approved or in a case) when it happened' }),
  })
  .openapi('InvoiceEvent');

export const OpenItemSchema = z
  .object({
    entryId: z.number().int(),
    customerId: z.string(),
    customerNumber: z.number().int(),
    customerName: z.string(),
    account: z.number().int(),
    voucherId: z.string(),
    voucherType: VoucherTypeSchema,
    voucherNumber: z.string(),
    entryDate: z.string(),
    dueDate: z.string().nullable(),
    description: z.string(),
    invoiceId: z.string().nullable(),
    invoiceNumber: z.number().int().nullable(),
    kid: z.string().nullable(),
    claimInvoiceId: z
      .string()
      .nullable()
      .openapi({ description: 'A reminder fee: the invoice whose claim it belongs to (null for other entries)' }),
    claimInvoiceNumber: z.number().int().nullable(),
    amount: OreAmount,
    openAmount: OreAmount,
  })
  .openapi('OpenItem');

/** A ledger entry (posting) id: a positive bigint key, within the range JSON numbers carry exactly. */
const EntryId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const NewMatchSchema = z
  .object({
    debitEntryId: EntryId,
    creditEntryId: EntryId,
    amount: PositiveOre.optional().openapi({ description: 'Omitted: as much as both entries have open' }),
    acknowledgeWarnings: z
      .union([z.literal(true), z.array(z.enum(WARNING_CODES)).max(WARNING_CODES.length)])
      .optional()
      .openapi({
        description:
          'Where the match answers warnings (an invoice with an agency), it is made only when they are acknowledged: true, or every warning code. Without, 409 conflict with reason warnings_not_acknowledged and the warnings; nothing is stored.',
      }),
  })
  .strict()
  .openapi('NewMatch');

export const MatchPreviewRequestSchema = z
  .object({
    debitEntryId: EntryId,
    creditEntryId: EntryId,
  })
  .strict()
  .openapi('MatchPreviewRequest');

export const WarningSchema = z
  .object({ code: z.enum(WARNING_CODES), message: z.string() })
  .openapi('Warning', { description: 'Allowed, but the accountant should know' });

export const MatchPreviewSchema = z
  .object({
    invoiceId: z.string().nullable(),
    warnings: z.array(WarningSchema),
  })
  .openapi('MatchPreview', { description: 'What a match would warn about; nothing is stored' });

export const MatchResultSchema = z
  .object({
    matchId: z.number().int(),
    amount: OreAmount,
    debitOpenAmount: OreAmount,
    creditOpenAmount: OreAmount,
    invoiceId: z.string().nullable(),
    warnings: z.array(WarningSchema).optional(),
  })
  .openapi('MatchResult');
