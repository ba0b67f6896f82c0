import { addDays, maxDate } from '../shared/dates.js';
import { type Ore, ore } from '../shared/money.js';
import type { LetterType, NextAction } from './dunning.table.js';
import type { RateTable } from './legal-rate.js';

/** Days the law gives the debtor: after the due date before a fee or collection, and to pay a letter. */
export const STATUTORY_DAYS = 14;
/** At most this many reminder or collection-notice fees on one claim (inkassoloven, forskrift § 1-2). */
export const MAX_FEES_PER_CLAIM = 2;

export interface DunningSettings {
  firstReminderAfterDays: number;
  reminderFeeEnabled: boolean;
  /** null: the highest the law allows on the day the letter is sent. */
  reminderFeeAmount: Ore | null;
  remindersBeforeCollection: number;
  sendsOwnCollectionNotice: boolean;
  paymentDeadlineDays: number;
  autoApprove: boolean;
  /** Agencies' settlements wait for the accountant's approval before they are posted. */
  settlementsNeedApproval: boolean;
}

export const DEFAULT_SETTINGS: DunningSettings = {
  firstReminderAfterDays: 14,
  reminderFeeEnabled: true,
  reminderFeeAmount: null,
  remindersBeforeCollection: 1,
  sendsOwnCollectionNotice: true,
  paymentDeadlineDays: 14,
  autoApprove: false,
  settlementsNeedApproval: false,
};

export interface SentLetter {
  type: LetterType;
  sentDate: string;
  dueDate: string;
  feeAmount: Ore;
}

/** The fee cap for a reminder or collection notice: 1/20 of the inkassosats in force on the send date. */
export function feeCap(rates: RateTable, sendDate: string): Ore {
  return ore(Math.floor(rates.inkassosats(sendDate) / 20));
}

/**
 * The fee a letter sent on `sendDate` may carry: the company's fee, never above the cap in force
 * that day; none before 14 days after the due date; none once the claim has had two fees.
 */
export function letterFee(input: {
  rates: RateTable;
  settings: DunningSettings;
  sendDate: string;
  invoiceDueDate: string;
  earlier: SentLetter[];
}): { fee: Ore; reason: string } {
  if (!input.settings.reminderFeeEnabled) return { fee: ore(0), reason: 'the company charges no fees' };
  const feesSoFar = input.earlier.filter((l) => l.feeAmount > 0).length;
  if (feesSoFar >= MAX_FEES_PER_CLAIM)
    return { fee: ore(0), reason: `the claim has had ${MAX_FEES_PER_CLAIM} fees already` };
  if (input.sendDate < addDays(input.invoiceDueDate, STATUTORY_DAYS))
    return { fee: ore(0), reason: 'a fee may be charged from 14 days after the due date' };
  const cap = feeCap(input.rates, input.sendDate);
  const wanted = input.settings.reminderFeeAmount ?? cap;
  return wanted > cap
    ? { fee: cap, reason: `capped at 1/20 of the inkassosats (${cap} øre)` }
    : { fee: ore(wanted), reason: 'the company’s fee' };
}

/**
 * The first day an invoice may be handed to collection: 14 days after its due date, and the day
 * after its last letter's deadline (the debtor may pay on the deadline day itself).
 */
export function collectionEligibleFrom(dueDate: string, letters: SentLetter[]): string {
  return maxDate(addDays(dueDate, STATUTORY_DAYS), ...letters.map((l) => addDays(l.dueDate, 1)));
}

/** The invoice's active handover, if any: it is on the draft or approved list, or in a case. */
export type ActiveHandoverState = 'draft' | 'approved' | 'in_case';

/** What the collection rules need to know about one invoice, gathered by the caller from its modules. */
export interface CollectionFacts {
  invoiceNumber: number;
  dueDate: string;
  openAmount: Ore;
  customerName: string;
  notToCollection: boolean;
  letters: SentLetter[];
  /** The decision that stands (the newest in the log), or null. */
  decision: Decision | null;
  /** The company sends its own inkassovarsel (dunning setting); otherwise the agency sends it. */
  sendsOwnCollectionNotice: boolean;
  /** Where the invoice is in collection now (null: on the reminder list). */
  activeHandover: ActiveHandoverState | null;
}

/**
 * The step asked for: `handover` puts an invoice on the draft list because a person chose it;
 * `eligible` does so because the rules allow it (the operator's `collection approve
 * --all-eligible`, the demo, the seed): a «Vent» without a date — after a rejection, the user
 * decides — stops it too; `approve` moves a draft to the approved list (re-checked then, so a
 * «Vent» or a dispute recorded after the draft was made stops it).
 */
export type CollectionStep = 'handover' | 'eligible' | 'approve';

/** A refusal of the collection rules: the error code, the reason code within it, its figures and an English sentence. */
export interface Refusal {
  code: 'not_eligible' | 'already_in_collection' | 'letter_not_allowed';
  reason: string;
  detail: string;
  figures: Record<string, string | number>;
}

/** The «Vent» in force today, if any: a wait until a later date, or (undated) until someone decides. */
export function waitInForce(decision: Decision | null, today: string): { waitUntil: string | null } | null {
  if (decision?.nextAction !== 'wait') return null;
  if (decision.waitUntil !== null && decision.waitUntil <= today) return null;
  return { waitUntil: decision.waitUntil };
}

/**
 * THE rule on whether an invoice may go to an agency today (docs/ARCHITECTURE.md, «The collection
 * rules»): something open; not already in collection (for a new handover); customer not «not to
 * collection»; not disputed; no «Vent» in force (dated in the future; an undated one too, except
 * when a person hands the invoice over by hand, which is that person's decision); 14 days after
 * the due date and after the last letter's deadline; and, where the company sends collection
 * notices itself, an inkassovarsel sent whose deadline has passed. Null when it may go.
 */
export function collectionRefusal(facts: CollectionFacts, today: string, step: CollectionStep): Refusal | null {
  const { invoiceNumber } = facts;
  if (step !== 'approve' && facts.activeHandover)
    return {
      code: 'already_in_collection',
      reason: facts.activeHandover,
      detail: `the invoice is ${facts.activeHandover === 'in_case' ? 'in a case already' : `on the ${facts.activeHandover} list already`}`,
      figures: { invoiceNumber },
    };
  if (facts.openAmount <= 0)
    return {
      code: 'not_eligible',
      reason: 'nothing_open',
      detail: `invoice ${invoiceNumber} has nothing open`,
      figures: { invoiceNumber },
    };
  if (facts.notToCollection)
    return {
      code: 'not_eligible',
      reason: 'not_to_collection',
      detail: `${facts.customerName} is marked «not to collection»`,
      figures: { customerName: facts.customerName },
    };
  if (facts.decision?.disputed)
    return {
      code: 'not_eligible',
      reason: 'disputed',
      detail: `the customer disputes invoice ${invoiceNumber}`,
      figures: { invoiceNumber },
    };
  const wait = waitInForce(facts.decision, today);
  if (wait?.waitUntil)
    return {
      code: 'not_eligible',
      reason: 'waiting_until',
      detail: `invoice ${invoiceNumber} is set to «Vent» until ${wait.waitUntil}`,
      figures: { invoiceNumber, waitUntil: wait.waitUntil },
    };
  if (wait && step !== 'handover')
    return {
      code: 'not_eligible',
      reason: 'waiting',
      detail: `invoice ${invoiceNumber} is set to «Vent»: it goes to collection only when someone decides so`,
      figures: { invoiceNumber },
    };
  const notice = facts.letters.find((l) => l.type === 'collection_notice');
  if (facts.sendsOwnCollectionNotice && !notice)
    return {
      code: 'not_eligible',
      reason: 'no_notice',
      detail: `invoice ${invoiceNumber} has had no inkassovarsel, and the company sends the notices itself`,
      figures: { invoiceNumber },
    };
  const eligibleFrom = collectionEligibleFrom(facts.dueDate, facts.letters);
  if (today < eligibleFrom)
    return notice && today <= notice.dueDate
      ? {
          code: 'not_eligible',
          reason: 'notice_deadline',
          detail: `the inkassovarsel on invoice ${invoiceNumber} has its deadline ${notice.dueDate}: collection from ${eligibleFrom}`,
          figures: { invoiceNumber, deadline: notice.dueDate, eligibleFrom },
        }
      : {
          code: 'not_eligible',
          reason: 'too_early',
          detail: `invoice ${invoiceNumber} may go to collection from ${eligibleFrom} (14 days after the due date and after the last letter's deadline)`,
          figures: { invoiceNumber, eligibleFrom },
        };
  return null;
}

/** Who sends the inkassovarsel for an invoice handed over now: the company did (it is among the letters), or the agency will. */
export function collectionNoticeBy(letters: SentLetter[]): 'creditor' | 'agency' {
  return letters.some((l) => l.type === 'collection_notice') ? 'creditor' : 'agency';
}

/**
 * THE rule on whether a letter may be sent on `sendDate`: something open, overdue that day, not in
 * collection, not disputed; a collection notice not to a customer «not to collection» and only
 * once; after the previous letter's deadline and not dated before it. Null when it may be sent.
 */
export function letterRefusal(facts: CollectionFacts, letter: { type: LetterType; sendDate: string }): Refusal | null {
  const { invoiceNumber } = facts;
  const refuse = (reason: string, detail: string, figures: Record<string, string | number> = {}): Refusal => ({
    code: 'letter_not_allowed',
    reason,
    detail,
    figures,
  });
  if (facts.openAmount <= 0)
    return refuse('nothing_open', `invoice ${invoiceNumber} has nothing open`, { invoiceNumber });
  if (letter.sendDate <= facts.dueDate)
    return refuse(
      'not_overdue',
      `invoice ${invoiceNumber} is not overdue on ${letter.sendDate} (due ${facts.dueDate})`,
      { invoiceNumber, dueDate: facts.dueDate },
    );
  if (facts.activeHandover)
    return {
      code: 'already_in_collection',
      reason: facts.activeHandover,
      detail: `invoice ${invoiceNumber} is ${facts.activeHandover === 'in_case' ? 'with an agency' : `on the ${facts.activeHandover} list`}`,
      figures: { invoiceNumber },
    };
  if (facts.decision?.disputed)
    return refuse(
      'disputed',
      `the customer disputes invoice ${invoiceNumber}: no letters until the dispute is resolved`,
      { invoiceNumber },
    );
  // A dated «Vent» in force on the letter's date stops letters as it stops a handover: the user
  // promised to wait (say, the customer will pay next week); change the next action first. An
  // undated «Vent» (after a rejection) leaves the next step to the user, and a letter sent by hand
  // is that step (the daily run sends none while it stands).
  const wait = waitInForce(facts.decision, letter.sendDate);
  if (wait?.waitUntil)
    return refuse(
      'waiting_until',
      `invoice ${invoiceNumber} is set to «Vent» until ${wait.waitUntil}: change the next action before sending a letter`,
      { invoiceNumber, waitUntil: wait.waitUntil },
    );
  if (letter.type === 'collection_notice' && facts.notToCollection)
    return refuse(
      'not_to_collection',
      `${facts.customerName} is not to be sent to collection, so a collection notice would be untrue`,
      { customerName: facts.customerName },
    );
  const last = facts.letters.at(-1);
  if (last && letter.sendDate <= last.dueDate)
    return refuse('previous_deadline', `the previous letter's deadline (${last.dueDate}) has not passed`, {
      dueDate: last.dueDate,
    });
  if (last && letter.sendDate < last.sentDate)
    return refuse('later_letter', `a letter was sent later already (${last.sentDate})`, { sentDate: last.sentDate });
  if (letter.type === 'collection_notice' && facts.letters.some((l) => l.type === 'collection_notice'))
    return refuse('notice_sent', 'a collection notice was sent already; the next step is collection');
  return null;
}

export interface Decision {
  nextAction: NextAction | null;
  waitUntil: string | null;
  disputed: boolean;
  reason: string;
}

export interface NextActionResult {
  nextAction: NextAction;
  /** Why, in a few words a person can read (English; the UI translates by `code`). */
  code:
    | 'override'
    | 'waiting_until'
    | 'disputed'
    | 'not_to_collection'
    | 'before_first_reminder'
    | 'letter_deadline_running'
    | 'reminder_due'
    | 'collection_notice_due'
    | 'collection_due'
    | 'not_yet_eligible';
  waitUntil: string | null;
  eligibleForCollectionFrom: string;
  overridden: boolean;
}

/**
 * The next action for an overdue invoice on the reminder list. An accountant's decision wins while
 * it stands (a wait until a date ends on that date); a disputed invoice or a customer excluded from
 * collection never gets `collection`.
 */
export function nextAction(input: {
  today: string;
  dueDate: string;
  letters: SentLetter[];
  settings: DunningSettings;
  notToCollection: boolean;
  decision: Decision | null;
}): NextActionResult {
  const { today, dueDate, settings } = input;
  const letters = [...input.letters].sort((a, b) => a.sentDate.localeCompare(b.sentDate));
  const eligibleFrom = collectionEligibleFrom(dueDate, letters);
  const base = { eligibleForCollectionFrom: eligibleFrom, overridden: false };
  const disputed = input.decision?.disputed ?? false;

  // A dispute stops collection out of court: no letters and no handover, whatever was decided before.
  if (disputed)
    return {
      ...base,
      nextAction: 'wait',
      code: 'disputed',
      waitUntil: null,
      overridden: input.decision?.nextAction != null,
    };
  const decision = input.decision;
  if (
    decision?.nextAction &&
    !(decision.nextAction === 'wait' && decision.waitUntil !== null && decision.waitUntil <= today)
  ) {
    if (decision.nextAction === 'collection' && input.notToCollection)
      return { ...base, nextAction: 'wait', code: 'not_to_collection', waitUntil: null, overridden: true };
    // Collection chosen by hand still needs the company's own notice first (collectionRefusal)…
    if (
      decision.nextAction === 'collection' &&
      settings.sendsOwnCollectionNotice &&
      !letters.some((l) => l.type === 'collection_notice')
    )
      return {
        ...base,
        nextAction: 'collection_notice',
        code: 'collection_notice_due',
        waitUntil: null,
        overridden: true,
      };
    // … and waits for the day the law allows it.
    if (decision.nextAction === 'collection' && today < eligibleFrom)
      return { ...base, nextAction: 'wait', code: 'not_yet_eligible', waitUntil: eligibleFrom, overridden: true };
    return {
      ...base,
      nextAction: decision.nextAction,
      code: decision.nextAction === 'wait' && decision.waitUntil ? 'waiting_until' : 'override',
      waitUntil: decision.waitUntil,
      overridden: true,
    };
  }
  const last = letters.at(-1);
  if (last && today <= last.dueDate)
    return { ...base, nextAction: 'wait', code: 'letter_deadline_running', waitUntil: addDays(last.dueDate, 1) };
  const firstReminder = addDays(dueDate, settings.firstReminderAfterDays);
  if (!last && today < firstReminder)
    return { ...base, nextAction: 'wait', code: 'before_first_reminder', waitUntil: firstReminder };

  const remindersSent = letters.filter((l) => l.type === 'reminder').length;
  const noticeSent = letters.some((l) => l.type === 'collection_notice');
  if (remindersSent < settings.remindersBeforeCollection && !noticeSent)
    return { ...base, nextAction: 'reminder', code: 'reminder_due', waitUntil: null };
  if (input.notToCollection) return { ...base, nextAction: 'wait', code: 'not_to_collection', waitUntil: null };
  if (settings.sendsOwnCollectionNotice && !noticeSent)
    return { ...base, nextAction: 'collection_notice', code: 'collection_notice_due', waitUntil: null };
  if (today < eligibleFrom) return { ...base, nextAction: 'wait', code: 'not_yet_eligible', waitUntil: eligibleFrom };
  return { ...base, nextAction: 'collection', code: 'collection_due', waitUntil: null };
}
