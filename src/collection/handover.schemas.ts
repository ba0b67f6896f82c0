import { z } from '@hono/zod-openapi';
import { OreAmount } from '../http/schemas.js';
import { InvoiceDetailSchema as SalesInvoiceDetailSchema } from '../sales/sales.schemas.js';

export const HandoverStateSchema = z.enum(['draft', 'approved', 'in_case', 'archived', 'rejected', 'recalled']);

export const HandoverSchema = z
  .object({
    id: z.string(),
    invoiceId: z.string(),
    invoiceNumber: z.number().int(),
    customerId: z.string(),
    customerName: z.string(),
    dueDate: z.string(),
    totalAmount: OreAmount,
    openAmount: OreAmount,
    agencyId: z.string(),
    agencyName: z.string(),
    state: HandoverStateSchema,
    createdAt: z.string(),
    approvedAt: z.string().nullable(),
    approval: z.enum(['user', 'auto', 'operator']).nullable(),
    endedAt: z.string().nullable(),
    endedByType: z.enum(['user', 'agency', 'system']).nullable(),
    endReason: z.string().nullable(),
    collectionNoticeBy: z.enum(['creditor', 'agency']).nullable().openapi({
      description:
        'Who sends the inkassovarsel: the creditor sent it before the handover, or the agency sends it (null: not recorded)',
    }),
  })
  .openapi('Handover');

export const HandoverDecisionSchema = z
  .object({
    action: z.enum(['approve', 'reject']).openapi({
      description:
        'approve: drafts onto the approved list; reject: drafts rejected, approved invoices recalled (back to the reminder list with «Vent»)',
    }),
    handoverIds: z.array(z.string().uuid()).min(1).max(500),
    reason: z.string().max(500).optional().openapi({ description: 'Required with reject: why, kept on the invoice' }),
  })
  .strict()
  .openapi('HandoverDecision');

export const HandoverDecisionResultSchema = z
  .object({
    results: z.array(
      z
        .object({
          handoverId: z.string(),
          ok: z.boolean(),
          handover: z
            .union([HandoverSchema, z.null()])
            .openapi({ description: 'The handover as it is now (null when refused)' }),
          code: z.string().nullable(),
          detail: z.string().nullable(),
          reason: z.string().optional().openapi({
            description: 'A refusal’s reason code, with its figures as further members, as in a problem+json answer',
          }),
        })
        .passthrough(),
    ),
    succeeded: z.number().int(),
    failed: z.number().int(),
  })
  .openapi('HandoverDecisionResult');

export const CompanyAgencySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organizationNumber: z.string().nullable(),
    active: z.boolean(),
    isDefault: z.boolean(),
    changedAt: z.string(),
  })
  .openapi('CompanyAgency');

export const AccountantCaseSchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    url: z.string().nullable().openapi({ description: 'A link into the agency’s own system, when it gave one' }),
    status: z.string(),
    statusText: z.string().nullable(),
    state: z.enum(['open', 'archived']),
    agencyBalance: OreAmount.nullable(),
    customer: z.object({
      id: z.string(),
      customerNumber: z.number().int(),
      name: z.string(),
      type: z.enum(['person', 'company']),
      organizationNumber: z.string().nullable(),
    }),
    invoices: z
      .array(
        z.object({
          id: z.string(),
          invoiceNumber: z.number().int(),
          originalAmount: OreAmount,
          remainingAmount: OreAmount,
          state: z.enum(['in_case', 'archived', 'rejected', 'merged']).openapi({
            description:
              'in_case: with the open case; archived: ended with the case; rejected: the agency gave it back; merged: moved into the case movedTo',
          }),
          movedTo: z.string().nullable().openapi({ description: 'The case number a merge moved it into' }),
        }),
      )
      .openapi({ description: 'Every invoice the case had: an archived case keeps its list' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
    history: z.array(
      z.object({
        status: z.string().nullable(),
        statusText: z.string().nullable(),
        kind: z.string(),
        detail: z
          .string()
          .openapi({ description: 'English, for people; a screen says the line from kind and figures' }),
        figures: z
          .object({
            invoiceCount: z.number().int().optional(),
            invoiceNumber: z.number().int().optional(),
            into: z.string().optional(),
            caseNumbers: z.array(z.string()).optional(),
            url: z.string().optional(),
          })
          .nullable()
          .openapi('CaseHistoryFigures', {
            description:
              'created/invoices_added/rejected: invoiceCount; invoice_removed: invoiceNumber; merged: into (this case went into it) or caseNumbers (went into this case); created by a merge: caseNumbers; status: url',
          }),
        agencyBalance: OreAmount.nullable(),
        at: z.string(),
      }),
    ),
    agencyId: z.string(),
    agencyName: z.string(),
    clientId: z.string(),
  })
  .openapi('CollectionCase');

export const CaseMoneySchema = z
  .object({
    originalClaim: OreAmount,
    paidDirectly: OreAmount,
    paidDirectlyOn: z.string().nullable().openapi({
      description: "The bank date of the latest payment to the creditor still matched to the case's invoices",
      example: '2026-11-20',
    }),
    credited: OreAmount,
    writtenOff: OreAmount,
    settledByAgency: z
      .number()
      .int()
      .openapi({ description: 'Principal settled by the agency, recoveries on written-off invoices included' }),
    recoveredAfterWriteOff: OreAmount.openapi({
      description: 'The part of settledByAgency recovered after a write-off (credited to the loss account)',
    }),
    otherMatched: OreAmount,
    remaining: OreAmount,
    toCollect: OreAmount,
    agencyBalance: OreAmount.nullable(),
    disagrees: z.boolean(),
  })
  .openapi('CaseMoney');

/** An invoice as the accountant opens it: sales' detail, and where it has been in collection. */
export const InvoiceDetailSchema = SalesInvoiceDetailSchema.extend({
  handovers: z
    .array(
      z.object({
        id: z.string(),
        state: HandoverStateSchema,
        agencyId: z.string(),
        agencyName: z.string(),
        createdAt: z.string(),
        endedAt: z.string().nullable(),
        endedBy: z.enum(['user', 'agency', 'system']).nullable(),
        endReason: z.string().nullable(),
        case: z
          .object({
            id: z.string(),
            caseNumber: z.string(),
            url: z.string().nullable(),
            status: z.string(),
            statusText: z.string().nullable(),
            state: z.enum(['open', 'archived']),
          })
          .nullable()
          .openapi({ description: 'The case the agency opened for the invoice, when it did' }),
      }),
    )
    .openapi({
      description:
        'Every handover of the invoice to an agency, newest first: the active one (if any) and the ended ones',
    }),
}).openapi('InvoiceDetail');
