import { z } from '@hono/zod-openapi';
import { IsoDate, MAX_AMOUNT, NonNegativeOre, OreAmount, PositiveOre } from '../http/schemas.js';
import { INVOICE_EVENT_TYPES, VOUCHER_TYPES } from '../ledger/invoice-event.repository.js';
import { CASE_STATUSES } from '../collection/case.service.js';
import { StatementLineSchema, StoredStatementSchema } from '../collection/statement.js';

const Amount = OreAmount.openapi({ description: 'øre (1 kr = 100 øre)' });

export const ClientSchema = z
  .object({ id: z.string(), name: z.string(), organizationNumber: z.string(), vatRegistered: z.boolean() })
  .openapi('Client', { description: 'A company (creditor) that has activated this agency' });

export const AgencyInvoiceSchema = z
  .object({
    id: z.string(),
    invoiceNumber: z.number().int(),
    customer: z.object({
      id: z.string(),
      customerNumber: z.number().int(),
      name: z.string(),
      type: z.enum(['person', 'company']),
      organizationNumber: z.string().optional(),
      email: z.string().optional(),
      address: z.object({
        line: z.string().nullable(),
        postalCode: z.string().nullable(),
        city: z.string().nullable(),
        country: z.string(),
      }),
    }),
    issueDate: z.string().openapi({ format: 'date' }),
    dueDate: z.string().openapi({ format: 'date' }),
    currency: z.string(),
    originalAmount: Amount,
    remainingAmount: Amount.openapi({ description: 'What is open now, in øre' }),
    kid: z.string(),
    reminders: z.array(
      z.object({
        type: z.enum(['reminder', 'collection_notice']),
        sentDate: z.string(),
        dueDate: z.string(),
        feeAmount: Amount,
      }),
    ),
    collectionStatus: z.enum(['approved', 'in_case', 'archived', 'rejected']),
    caseNumber: z.string().nullable(),
    collectionNoticeBy: z.enum(['creditor', 'agency']).optional().openapi({
      description:
        'Who sends the inkassovarsel (collection notice, inkassoloven § 9): `creditor` — the creditor sent it before the handover and its deadline has run out (it is in `reminders`); `agency` — the creditor left it to you: send it before any further step. Absent for handovers made before this was recorded.',
    }),
  })
  .openapi('Invoice');

export const MatchedItemSchema = z
  .object({
    matchId: z.number().int(),
    voucherId: z.string(),
    voucherType: z.enum(VOUCHER_TYPES),
    voucherNumber: z.string(),
    date: z.string(),
    amount: Amount,
    isWriteOff: z
      .boolean()
      .openapi({ description: 'A write-off («Avskriv»): the creditor took a loss; the claim is not paid' }),
    isManual: z
      .boolean()
      .openapi({ description: 'Matched from a manual voucher: look closer before treating it as paid' }),
    matchedAt: z.string(),
    undone: z.boolean().openapi({ description: 'The match was undone later (an unmatch)' }),
  })
  .openapi('MatchedItem');

export const CaseStatusSchema = z.enum(CASE_STATUSES);

export const CaseSchema = z
  .object({
    caseNumber: z.string(),
    url: z.string().nullable(),
    status: z.union([CaseStatusSchema, z.literal('rejected')]),
    statusText: z.string().nullable(),
    state: z.enum(['open', 'archived']),
    agencyBalance: Amount.nullable(),
    customer: z.object({
      id: z.string(),
      customerNumber: z.number().int(),
      name: z.string(),
      type: z.enum(['person', 'company']),
      organizationNumber: z.string().nullable(),
    }),
    invoices: z.array(
      z.object({ id: z.string(), invoiceNumber: z.number().int(), originalAmount: Amount, remainingAmount: Amount }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
    history: z.array(z.object({ status: z.string().nullable(), statusText: z.string().nullable(), at: z.string() })),
  })
  .openapi('Case');

const CaseNumber = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.\-/ ]+$/, 'letters, digits, space and . _ - /');
const Url = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
const InvoiceIds = z.array(z.string().uuid()).min(1).max(500);

export const NewCaseSchema = z
  .object({
    caseNumber: CaseNumber,
    invoiceIds: InvoiceIds,
    url: Url.optional(),
    status: CaseStatusSchema.optional(),
    statusText: z.string().max(500).optional(),
  })
  .strict()
  .openapi('NewCase');
export const AddInvoicesSchema = z.object({ invoiceIds: InvoiceIds }).strict().openapi('AddInvoices');
export const StatusUpdateSchema = z
  .object({
    status: CaseStatusSchema,
    statusText: z.string().max(500).nullable().optional(),
    agencyBalance: NonNegativeOre.nullable().optional(),
    url: Url.nullable().optional(),
  })
  .strict()
  .openapi('StatusUpdate');
export const RejectSchema = z
  .object({ reason: z.string().min(1).max(500) })
  .strict()
  .openapi('Reject');
export const MergeSchema = z
  .object({ caseNumbers: z.array(CaseNumber).min(2).max(50), into: CaseNumber, url: Url.optional() })
  .strict()
  .openapi('Merge');

export const EventSchema = z
  .object({
    id: z.string().openapi({ description: 'The event’s position: the cursor for ?after=' }),
    type: z.enum(INVOICE_EVENT_TYPES),
    occurredAt: z.string(),
    clientId: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.number().int(),
    caseNumber: z.string().nullable(),
    voucherId: z.string().nullable(),
    voucherType: z.enum(VOUCHER_TYPES).nullable(),
    amount: Amount,
    remainingAmount: Amount.openapi({ description: 'The invoice’s open amount after the event' }),
    kid: z.string().nullable(),
    isWriteOff: z.boolean(),
    isManual: z.boolean(),
  })
  .openapi('Event');

export const WebhookSchema = z
  .object({
    url: z.string().url().max(2000),
    secret: z
      .string()
      .min(24)
      .max(200)
      .openapi({ description: 'Your signing secret (Standard Webhooks, e.g. whsec_<base64>)' }),
  })
  .strict()
  .openapi('WebhookSubscription');

export const TokenSchema = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() })
  .openapi('Token');

export { PositiveOre };

/** The most lines one settlement may have (a 100 000-line body is about 12 MB: inside the endpoint's limit). */
export const MAX_SETTLEMENT_LINES = 100_000;
/** A settlement's body may be this large (every other agency body: 1 MiB). */
export const SETTLEMENT_MAX_BYTES = 16 * 1024 * 1024;
/** `POST /agency/v1/clients/{clientId}/settlements`, the one agency request with the larger limit. */
export const SETTLEMENT_POST_PATH = /^\/agency\/v1\/clients\/[^/]+\/settlements\/?$/;

export const SettlementLineSchema = z
  .object({
    caseNumber: z.string().min(1).max(100),
    invoiceId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'Required on principal lines, refused on the others' }),
    type: z.enum(['principal', 'interest', 'fee', 'cost', 'vat']).openapi({
      description:
        'principal: closes that much of the invoice; interest: interest income; fee: the creditor’s reminder fees recovered; cost: collection cost the creditor pays; vat: input VAT on the agency’s fee',
    }),
    amount: PositiveOre.openapi({
      description: `øre, 1 to ${MAX_AMOUNT} (100 billion kr); the lines of one type together at most that too`,
    }),
  })
  .strict();

export const NewSettlementSchema = z
  .object({
    reference: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[\w.\-/ ]+$/, 'letters, digits, space and . _ - /'),
    settlementDate: IsoDate,
    bankAmount: NonNegativeOre.openapi({ description: `øre, 0 to ${MAX_AMOUNT} (100 billion kr)` }),
    lines: z.array(SettlementLineSchema).min(1).max(MAX_SETTLEMENT_LINES),
    statement: z
      .union([z.array(StatementLineSchema).max(1000), z.record(z.string(), z.unknown())])
      .optional()
      .openapi({
        description:
          'Optional: the remittance statement (remisseoppstilling), an ordered list of labelled lines (each an amount in øre or a text), kept in the order sent and shown on each case it names. The older object form ({"key": value, …}) is still accepted: each member becomes a line labelled with its key, in the order written, integers as øre.',
        example: [
          { label: 'Innbetalt fra skyldner', amount: 1_250_000 },
          { label: 'Salær', amount: -70_000 },
          { label: 'Merknad', text: 'Delbetaling 2 av 3' },
        ],
      }),
  })
  .strict()
  .openapi('NewSettlement');

export const SettlementSchema = z
  .object({
    reference: z.string(),
    clientId: z.string(),
    settlementDate: z.string(),
    bankAmount: Amount,
    lines: z.array(SettlementLineSchema),
    statement: StoredStatementSchema,
    status: z.enum(['pending_approval', 'posted', 'rejected']),
    voucherId: z.string().nullable(),
    voucher: z
      .object({
        id: z.string(),
        number: z.string(),
        postings: z.array(
          z.object({
            account: z.number().int(),
            amount: Amount.openapi({ description: 'Debit positive, credit negative' }),
            description: z.string(),
            invoiceId: z.string().nullable(),
          }),
        ),
      })
      .nullable(),
    rejectReason: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('Settlement');
