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
  reminderFeeAmount: number | null;
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
  feeAmount: number;
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

/** The first day an invoice may be handed to collection: 14 days after its due date and after its last letter's deadline. */
export function collectionEligibleFrom(dueDate: string, letters: SentLetter[]): string {
  return maxDate(addDays(dueDate, STATUTORY_DAYS), ...letters.map((l) => l.dueDate));
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
    // Collection chosen by hand still waits for the day the law allows it.
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
