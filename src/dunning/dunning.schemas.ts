import { z } from '@hono/zod-openapi';
import { IsoDate, NonNegativeOre, OreAmount } from '../http/schemas.js';
import { REMINDER_LIST_SORTS } from './dunning.service.js';
import { DECISION_CAUSES } from './dunning.table.js';

export const NextActionSchema = z
  .enum(['reminder', 'collection_notice', 'collection', 'wait'])
  .openapi({ description: 'Purring / Inkassovarsel / Inkasso / Vent' });

export const ReminderListSortSchema = z.enum(REMINDER_LIST_SORTS).openapi({
  description:
    'The order of the list; a leading - is descending. dueDate (the default): oldest due date first, so most days overdue first. ' +
    'openAmount: the amount still open. customerName: case-insensitive, æ, ø, å after z. invoiceNumber. Ties are broken by the entry, so paging ' +
    'never skips or repeats a row. A cursor belongs to the sort it was made for: given with another sort, it is 400 validation_failed.',
});

export const DunningSettingsSchema = z
  .object({
    firstReminderAfterDays: z.number().int().min(0).max(365),
    reminderFeeEnabled: z.boolean(),
    reminderFeeAmount: NonNegativeOre.nullable().openapi({
      description: 'null: always the legal maximum (1/20 of the inkassosats on the send date)',
    }),
    remindersBeforeCollection: z.number().int().min(0).max(3),
    sendsOwnCollectionNotice: z.boolean(),
    paymentDeadlineDays: z.number().int().min(14).max(60),
    autoApprove: z.boolean(),
    settlementsNeedApproval: z
      .boolean()
      .openapi({ description: 'Agencies’ settlements wait for approval before they are posted' }),
  })
  .openapi('DunningSettings');

export const DunningSettingsChangesSchema = DunningSettingsSchema.partial().strict().openapi('DunningSettingsChanges');

export const LetterSchema = z
  .object({
    id: z.string(),
    type: z.enum(['reminder', 'collection_notice']),
    sequence: z.number().int(),
    sentDate: z.string(),
    dueDate: z.string().openapi({ description: 'The new payment deadline the letter gives' }),
    feeAmount: OreAmount,
    channel: z.enum(['email', 'letter']),
    voucherId: z.string().nullable(),
    feeEntryId: z.number().int().nullable(),
  })
  .openapi('Letter');

export const SentLetterSchema = LetterSchema.extend({ invoiceId: z.string(), feeReason: z.string() }).openapi(
  'SentLetter',
);

export const DecisionSchema = z
  .object({
    nextAction: NextActionSchema.nullable(),
    waitUntil: z.string().nullable(),
    disputed: z.boolean(),
    reason: z.string().openapi({ description: 'The words the user or the agency gave, as given' }),
    actorType: z.enum(['user', 'agency', 'system']),
    actorId: z.string().nullable(),
    decidedBy: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('user'), userId: z.string().nullable() }),
        z.object({ kind: z.literal('agency'), agencyId: z.string().nullable(), agencyName: z.string().nullable() }),
        z.object({ kind: z.literal('system') }),
      ])
      .openapi('DecidedBy', {
        description: 'Who decided: the user, an agency (its name as it was then), or the system',
      }),
    cause: z.enum(DECISION_CAUSES).nullable().openapi({
      description:
        'What produced the decision: the handover rejected or recalled by the user, the agency giving an invoice or its case back, a case withdrawn, closed or paid with something still open, the handover itself, the agency reporting a dispute or its end; null for a choice made by hand',
    }),
    caseNumber: z.string().nullable().openapi({ description: 'The agency’s case the decision came from' }),
    at: z.string(),
  })
  .openapi('Decision');

export const NextActionResultSchema = z
  .object({
    nextAction: NextActionSchema,
    code: z.string().openapi({
      description:
        'Why: override, waiting_until, disputed, not_to_collection, before_first_reminder, letter_deadline_running, reminder_due, collection_notice_due, collection_due, not_yet_eligible',
    }),
    waitUntil: z.string().nullable(),
    eligibleForCollectionFrom: z.string(),
    overridden: z.boolean(),
  })
  .openapi('NextActionResult');

export const ReminderListItemSchema = z
  .object({
    invoiceId: z.string(),
    invoiceNumber: z.number().int(),
    customerId: z.string(),
    customerNumber: z.number().int(),
    customerName: z.string(),
    notToCollection: z.boolean(),
    issueDate: z.string(),
    dueDate: z.string(),
    kid: z.string(),
    totalAmount: OreAmount,
    openAmount: OreAmount,
    daysOverdue: z.number().int(),
    interestAmount: OreAmount.openapi({
      description: 'Accrued late-payment interest to today (forsinkelsesrente), øre',
    }),
    interestFrom: z.string(),
    feesOpenAmount: OreAmount,
    letters: z.array(LetterSchema),
    next: NextActionResultSchema,
    decision: DecisionSchema.nullable(),
    entryId: z.number().int(),
  })
  .openapi('ReminderListItem');

export const DecisionInputSchema = z
  .object({
    nextAction: NextActionSchema.nullable().openapi({ description: 'null: let the list compute it again' }),
    waitUntil: IsoDate.nullable()
      .optional()
      .openapi({ description: 'With wait: the day the list computes the next action again' }),
    reason: z.string().max(500).default(''),
  })
  .strict()
  .openapi('DecisionInput');

export const DisputeInputSchema = z
  .object({ disputed: z.boolean(), reason: z.string().min(1).max(500) })
  .strict()
  .openapi('DisputeInput');

export const SendLetterSchema = z
  .object({
    type: z.enum(['reminder', 'collection_notice']),
    sendDate: IsoDate.optional().openapi({ description: 'Default: today' }),
    channel: z.enum(['email', 'letter']).optional(),
  })
  .strict()
  .openapi('SendLetter');

export const BulkActionSchema = z
  .object({
    invoiceIds: z.array(z.string().uuid()).min(1).max(500),
    action: z.enum(['reminder', 'collection_notice', 'collection', 'wait', 'clear', 'next']).openapi({
      description:
        'reminder / collection_notice: send the letter; collection: put on the draft list; wait: set «Vent» (optionally until a date); clear: drop the override; next: carry out each invoice’s own next action',
    }),
    waitUntil: IsoDate.nullable().optional(),
    reason: z.string().max(500).optional(),
    agencyId: z.string().uuid().optional(),
    channel: z.enum(['email', 'letter']).optional(),
  })
  .strict()
  .openapi('BulkAction');

export const BulkResultSchema = z
  .object({
    results: z.array(
      z
        .object({
          invoiceId: z.string(),
          ok: z.boolean(),
          action: z.string(),
          code: z.string().nullable(),
          detail: z.string().nullable(),
          reason: z.string().optional().openapi({
            description: 'A failure’s reason code, with its figures as further members, as in a problem+json answer',
          }),
        })
        .passthrough(),
    ),
    succeeded: z.number().int(),
    failed: z.number().int(),
  })
  .openapi('BulkResult');

export const LegalRateSchema = z
  .object({
    kind: z.enum(['inkassosats', 'late_payment_interest']),
    validFrom: z.string(),
    value: z.number().int().openapi({ description: 'øre for the inkassosats; basis points a year for the interest' }),
    source: z.string(),
  })
  .openapi('LegalRate');

export const RateWarningSchema = z
  .object({
    code: z.enum(['interest_half_year_missing', 'inkassosats_year_missing']),
    kind: z.enum(['inkassosats', 'late_payment_interest']),
    missingFrom: z.string().openapi({ description: 'the first day of the half-year or year without a figure' }),
    inUse: z
      .object({ validFrom: z.string(), value: z.number().int() })
      .nullable()
      .openapi({ description: 'the earlier figure used meanwhile (øre, or basis points a year)' }),
    detail: z.string(),
  })
  .openapi('RateWarning');

export const DailyRunSchema = z
  .object({
    companyId: z.string(),
    runDate: z.string(),
    ran: z.boolean(),
    expiredWaits: z.number().int(),
    autoApproved: z.number().int(),
    emailed: z
      .number()
      .int()
      .openapi({ description: 'Letters put in the e-mail outbox (where the company chose e-mail delivery)' }),
    emailSkipped: z.number().int().openapi({
      description: 'Letters recorded for e-mail left for post (no address, or a notice without agreement)',
    }),
    rateWarnings: z.array(RateWarningSchema),
  })
  .openapi('DailyRun');
