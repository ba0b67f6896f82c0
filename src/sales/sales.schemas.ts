import { z } from '@hono/zod-openapi';
import { BirthDate, IsoDate, NonNegativeOre, OreAmount, PositiveOre, SignedOre } from '../http/schemas.js';
import { EntryMatchSchema, InvoiceEventSchema } from '../ledger/ledger.schemas.js';

const Address = z.object({
  line: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
});
const AddressInput = z
  .object({
    line: z.string().max(200).nullable().optional(),
    postalCode: z.string().max(20).nullable().optional(),
    city: z.string().max(100).nullable().optional(),
    country: z.string().length(2).optional(),
  })
  .strict();

export const CustomerSchema = z
  .object({
    id: z.string(),
    customerNumber: z.number().int(),
    type: z.enum(['person', 'company']),
    name: z.string(),
    organizationNumber: z.string().nullable(),
    birthDate: z.string().nullable(),
    address: Address,
    email: z.string().nullable(),
    electronicNoticesAgreedOn: z.string().nullable().openapi({
      description:
        'The date the customer agreed to receive notices electronically (set by the accountant); a collection notice is e-mailed only then (inkassoloven § 9). Null: not agreed',
    }),
    notToCollection: z
      .boolean()
      .openapi({ description: '«Ikke til inkasso»: the customer never gets the collection action' }),
    createdAt: z.string(),
  })
  .openapi('Customer');

export const NewCustomerSchema = z
  .object({
    customerNumber: z.number().int().min(1).max(999999).optional(),
    type: z.enum(['person', 'company']),
    name: z.string().min(1).max(200),
    organizationNumber: z.string().min(9).max(11).nullable().optional(),
    birthDate: BirthDate.nullable().optional(),
    address: AddressInput.optional(),
    email: z.string().email().max(254).nullable().optional(),
    electronicNoticesAgreedOn: IsoDate.nullable().optional(),
    notToCollection: z.boolean().optional(),
  })
  .strict()
  .openapi('NewCustomer');

export const CustomerChangesSchema = NewCustomerSchema.omit({ customerNumber: true, type: true })
  .partial()
  .strict()
  .openapi('CustomerChanges');

export const VatRateSchema = z
  .union([z.literal(25), z.literal(15), z.literal(12), z.literal(0)])
  .openapi({ description: 'VAT rate in percent' });

export const LineInputSchema = z
  .object({
    description: z.string().min(1).max(500),
    quantity: z.number().positive().max(1_000_000_000).openapi({ description: 'Up to three decimals', example: 1 }),
    unitPrice: NonNegativeOre.openapi({ description: 'Price per unit before VAT, in øre' }),
    vatRate: VatRateSchema,
  })
  .strict()
  .openapi('LineInput');

export const NewInvoiceSchema = z
  .object({
    customerId: z.string().uuid(),
    issueDate: IsoDate,
    dueDate: IsoDate,
    description: z.string().max(500).optional(),
    lines: z.array(LineInputSchema).min(1).max(500),
  })
  .strict()
  .openapi('NewInvoice');

const VatBreakdown = z.array(z.object({ rate: VatRateSchema, netAmount: OreAmount, vatAmount: OreAmount }));

export const InvoiceSummarySchema = z
  .object({
    id: z.string(),
    invoiceNumber: z.number().int(),
    customerId: z.string(),
    customerNumber: z.number().int(),
    customerName: z.string(),
    issueDate: z.string(),
    dueDate: z.string(),
    kid: z.string(),
    currency: z.string(),
    netAmount: OreAmount,
    vatAmount: OreAmount,
    totalAmount: OreAmount,
    openAmount: OreAmount.openapi({ description: 'What is still open, derived from the matched entries' }),
    voucherId: z.string(),
    receivableEntryId: z
      .number()
      .int()
      .openapi({ description: 'The invoice’s entry in the customer ledger (for matching)' }),
  })
  .openapi('InvoiceSummary');

/** An invoice with its lines, matches, credit notes and events (collection adds its handovers). */
export const InvoiceDetailSchema = InvoiceSummarySchema.extend({
  description: z.string(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      description: z.string(),
      quantity: z.number(),
      unitPrice: OreAmount,
      vatRate: VatRateSchema,
      netAmount: OreAmount,
    }),
  ),
  vatBreakdown: VatBreakdown,
  matches: z.array(EntryMatchSchema),
  creditNotes: z.array(
    z.object({
      id: z.string(),
      creditNoteNumber: z.number().int(),
      issueDate: z.string(),
      totalAmount: OreAmount,
    }),
  ),
  events: z.array(InvoiceEventSchema),
});

export const NewCreditNoteSchema = z
  .object({
    issueDate: IsoDate,
    reason: z.string().max(500).optional(),
    lines: z
      .array(LineInputSchema)
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: 'Omitted: credit all the invoice has left to credit' }),
    fees: z.enum(['keep', 'write_off']).optional().openapi({
      description:
        "When the credit note closes the invoice and reminder fees of its claim are open: 'keep' them open or 'write_off' them (a write_off voucher, as Avskriv). Required then (else 422 validation_failed, reason fees_open, with feeAmount); otherwise ignored.",
    }),
  })
  .strict()
  .openapi('NewCreditNote');

export const CreditNoteSchema = z
  .object({
    id: z.string(),
    creditNoteNumber: z.number().int(),
    invoiceId: z.string(),
    customerId: z.string(),
    issueDate: z.string(),
    reason: z.string(),
    netAmount: OreAmount,
    vatAmount: OreAmount,
    totalAmount: OreAmount,
    vatBreakdown: VatBreakdown,
    voucherId: z.string(),
    entryId: z.number().int(),
    matchedAmount: OreAmount.optional(),
    invoiceOpenAmount: OreAmount.optional(),
    feesWrittenOff: z
      .object({ voucherId: z.string(), amount: OreAmount })
      .nullable()
      .optional()
      .openapi({ description: "fees: 'write_off': the write_off voucher of the claim's reminder fees" }),
  })
  .openapi('CreditNote');

export const NewPaymentSchema = z
  .object({
    amount: PositiveOre,
    paymentDate: IsoDate,
    kid: z
      .string()
      .regex(/^[0-9]{2,24}[0-9-]$/, 'must be a KID (digits, the check digit may be -)')
      .optional(),
    invoiceId: z.string().uuid().optional(),
    customerId: z.string().uuid().optional(),
    reference: z.string().max(200).optional(),
  })
  .strict()
  .refine((p) => [p.kid, p.invoiceId, p.customerId].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of kid, invoiceId or customerId',
  })
  .openapi('NewPayment');

export const PaymentListItemSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customerNumber: z.number().int().openapi({ description: 'The number of the customer the payment came from' }),
    customerName: z.string().openapi({ description: 'The name of the customer the payment came from' }),
    invoiceId: z
      .string()
      .nullable()
      .openapi({ description: 'The invoice it paid; null for a payment on the customer only (a prepayment)' }),
    invoiceNumber: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The number of the invoice it paid; null for a payment on the customer only' }),
    kid: z.string().nullable().openapi({ description: 'The KID it came with, if it was registered by KID' }),
    amount: OreAmount.openapi({ description: 'Amount in øre' }),
    paymentDate: z.string().openapi({ description: 'The day the money came in (YYYY-MM-DD)' }),
    reference: z.string(),
    voucherId: z.string(),
    entryId: z.number().int().openapi({ description: 'The payment’s entry on the receivable account (Cr 1500)' }),
  })
  .openapi('PaymentListItem');

/** A registered payment: a list row plus, when just registered, what it closed. */
export const PaymentSchema = PaymentListItemSchema.extend({
  matchedAmount: OreAmount.optional().openapi({ description: 'How much went to the invoice (on registering)' }),
  unallocatedAmount: OreAmount.optional().openapi({ description: 'Left open as the customer’s credit' }),
  invoiceOpenAmount: OreAmount.nullable()
    .optional()
    .openapi({ description: 'What is open on the invoice after it (on registering)' }),
}).openapi('Payment');

export const WriteOffInputSchema = z
  .object({
    date: IsoDate,
    amount: PositiveOre.optional().openapi({ description: 'Omitted: the whole open amount' }),
    account: z
      .number()
      .int()
      .min(1000)
      .max(9999)
      .optional()
      .openapi({ description: "Omitted: the company's loss account (7830)" }),
    reason: z.string().min(1).max(500),
    includeFees: z.boolean().optional().openapi({
      description:
        "Also write off the claim's open reminder fees in the same voucher (to the same account). Omitted: yes when the whole open amount is written off, no for a part",
    }),
  })
  .strict()
  .openapi('WriteOffInput');

export const WriteOffSchema = z
  .object({
    invoiceId: z.string(),
    voucherId: z.string(),
    entryId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The invoice's credit entry; null when only the claim's fees were open" }),
    matchId: z.number().int().nullable(),
    amount: OreAmount,
    account: z.number().int(),
    invoiceOpenAmount: SignedOre,
    fees: z
      .array(z.object({ entryId: z.number().int(), amount: OreAmount, creditEntryId: z.number().int() }))
      .openapi({ description: 'The reminder-fee items written off with the invoice (each closed in full)' }),
  })
  .openapi('WriteOff');
