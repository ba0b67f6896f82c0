import { z } from '@hono/zod-openapi';
import { CompanyParams } from '../http/params.js';
import { AccountNumber, Cursor, Limit, NonNegativeOre, Search } from '../http/schemas.js';
import { BANK_FILE_FORMATS } from './bank-file.js';

const id = (name: string) =>
  z
    .string()
    .uuid()
    .openapi({ param: { name, in: 'path' }, example: '0b6f0c52-1c1e-4bb1-9f39-8d4bd2c0a6a1' });

export const BankImportParams = CompanyParams.extend({ importId: id('importId') });
export const BankEntryParams = CompanyParams.extend({ entryId: id('entryId') });

export const MATCH_RULES = ['kid', 'invoice_number', 'amount_account', 'amount_name', 'settlement'] as const;
export const ENTRY_STATES = [
  'pending',
  'booked',
  'unmatched',
  'resolved',
  'skipped',
  'duplicate',
  'reversal_offered',
  'reversed',
] as const;
export const SKIP_REASONS = ['debit', 'reversal', 'other_account', 'not_booked', 'future_date', 'zero_amount'] as const;
export const RESOLVE_ACTIONS = ['invoice', 'customer', 'not_customer_payment', 'account'] as const;
/** A decision's action: a resolution of the queue, or an accepted reversal. */
export const DECISION_ACTIONS = [...RESOLVE_ACTIONS, 'reversal'] as const;

const CountAmount = z.object({ count: z.number().int(), amount: NonNegativeOre });

export const BankImportSchema = z
  .object({
    id: z.string().uuid(),
    fileName: z.string(),
    format: z.enum(BANK_FILE_FORMATS),
    status: z.enum(['booking', 'done']).openapi({
      description:
        '`booking` while (or if interrupted while) its payments are booked; sending the same file again goes on',
    }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    summary: z.object({
      transactions: z.number().int().openapi({ description: 'Every transaction in the file' }),
      booked: z
        .object({
          kid: CountAmount,
          invoice_number: CountAmount,
          amount_account: CountAmount,
          amount_name: CountAmount,
          settlement: CountAmount,
        })
        .openapi({
          description:
            "Booked as payments, by the rule that matched; `settlement`: an agency's payment linked to its posted settlement (booked by the settlement's voucher, not again)",
        }),
      unmatched: CountAmount.openapi({ description: 'Waiting in the unmatched queue' }),
      resolved: CountAmount.openapi({ description: 'Unmatched once, decided by the accountant since' }),
      reversals: z.object({ offered: CountAmount, reversed: CountAmount }).openapi({
        description:
          'Reversals (`RvslInd`) of entries imported before: offered as a reversal voucher until the accountant accepts, and accepted',
      }),
      skipped: z.object({
        count: z.number().int(),
        byReason: z.record(z.enum(SKIP_REASONS), z.number().int()),
      }),
      duplicates: z.number().int().openapi({ description: 'Recorded from an earlier file already: not booked again' }),
      pending: z.number().int(),
    }),
  })
  .openapi('BankImport');

export const BankImportResultSchema = BankImportSchema.extend({
  alreadyImported: z.boolean().openapi({ description: 'The same file was imported before: its import, nothing new' }),
}).openapi('BankImportResult');

export const BankEntrySchema = z
  .object({
    id: z.string().uuid(),
    importId: z.string().uuid(),
    line: z.number().int().openapi({ description: 'Where the entry starts in its file' }),
    state: z.enum(ENTRY_STATES),
    skipReason: z.enum(SKIP_REASONS).nullable(),
    rule: z.enum(MATCH_RULES).nullable(),
    bookingDate: z.string().nullable(),
    valueDate: z.string().nullable(),
    amount: NonNegativeOre,
    currency: z.string(),
    direction: z.enum(['credit', 'debit']),
    reversal: z.boolean(),
    account: z.string(),
    bankReference: z.string().nullable(),
    kid: z.string().nullable(),
    text: z.string(),
    debtorName: z.string().nullable(),
    debtorAccount: z.string().nullable(),
    paymentId: z.string().uuid().nullable(),
    voucherId: z.string().uuid().nullable(),
    invoiceId: z.string().uuid().nullable(),
    invoiceNumber: z.number().int().nullable(),
    customerId: z.string().uuid().nullable(),
    customerName: z.string().nullable(),
    matchedAmount: NonNegativeOre.nullable(),
    duplicateOf: z.string().uuid().nullable(),
    reversesEntryId: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: 'A reversal: the entry imported before that it takes back' }),
    settlementId: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: "Rule `settlement`: the agency's settlement whose voucher holds this bank line" }),
    decision: z
      .object({
        action: z.enum(DECISION_ACTIONS),
        account: z.number().int().nullable(),
        note: z.string(),
        decidedAt: z.string(),
      })
      .nullable(),
  })
  .openapi('BankEntry');

export const BankFileUploadSchema = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, { message: 'a file is required' })
      .openapi({ type: 'string', format: 'binary', description: 'camt.053, camt.054 (001.02 or 001.08) or OCR giro' }),
  })
  .openapi('BankFileUpload');

const Note = z.string().max(500);
export const ResolveBankEntrySchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('invoice'), invoiceId: z.string().uuid(), note: Note.optional() }).strict(),
    z.object({ action: z.literal('customer'), customerId: z.string().uuid(), note: Note.optional() }).strict(),
    z.object({ action: z.literal('not_customer_payment'), note: Note.min(1) }).strict(),
    z.object({ action: z.literal('account'), account: AccountNumber, note: Note.optional() }).strict(),
  ])
  .openapi('ResolveBankEntry', {
    description:
      'Paid on an invoice or on a customer (a payment dated the bank date), posted to an account (Dr bank / Cr the account), or not a customer payment (a recorded decision, no voucher)',
  });

export const BankEntriesQuery = z.object({
  limit: Limit,
  cursor: Cursor,
  state: z.enum(ENTRY_STATES).optional(),
  q: Search.openapi({
    description: 'Search: amount (kr), KID, invoice number, payer or customer name, reference or the payment text',
  }),
});
