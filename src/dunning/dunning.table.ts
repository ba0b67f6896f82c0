import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { LetterPdfData } from '../documents/pdf.js';
import type { Ore } from '../shared/money.js';

export type LegalRateKind = 'inkassosats' | 'late_payment_interest';
export type NextAction = 'reminder' | 'collection_notice' | 'collection' | 'wait';
export type LetterType = 'reminder' | 'collection_notice';
/**
 * What produced a decision, when it was not the user choosing a next action by hand: the handover
 * rejected from the draft list or recalled from the approved list, an agency giving an invoice or a
 * whole case back, a case that ended without being paid in full, the handover itself, and the
 * agency's dispute status.
 */
export const DECISION_CAUSES = [
  'handover_rejected',
  'handover_recalled',
  'agency_rejected_invoice',
  'agency_rejected_case',
  'case_withdrawn',
  'case_closed',
  'case_paid',
  'sent_to_collection',
  'case_disputed',
  'case_dispute_ended',
] as const;
export type DecisionCause = (typeof DECISION_CAUSES)[number];

export interface LegalRatesTable {
  kind: LegalRateKind;
  valid_from: string;
  /** øre for the inkassosats, basis points a year for the late-payment interest. */
  value: number;
  source: Generated<string>;
  created_at: ColumnType<Date, never, never>;
}

export interface DunningSettingsTable {
  company_id: string;
  first_reminder_after_days: Generated<number>;
  reminder_fee_enabled: Generated<boolean>;
  reminder_fee_amount: Ore | null;
  reminders_before_collection: Generated<number>;
  sends_own_collection_notice: Generated<boolean>;
  payment_deadline_days: Generated<number>;
  auto_approve: Generated<boolean>;
  settlements_need_approval: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface RemindersTable {
  company_id: string;
  id: Generated<string>;
  invoice_id: string;
  type: LetterType;
  sequence: number;
  sent_date: string;
  due_date: string;
  fee_amount: Ore;
  channel: 'email' | 'letter';
  voucher_id: string | null;
  fee_posting_id: number | null;
  document: JSONColumnType<LetterPdfData>;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

/** Per invoice, its newest decision and, when that is a dated «Vent», the date (kept by a trigger; migration 0017). */
export interface DunningLatestDecisionsTable {
  company_id: string;
  invoice_id: string;
  decision_id: number;
  wait_until: string | null;
}

export interface DunningDecisionsTable {
  id: Generated<number>;
  company_id: string;
  invoice_id: string;
  next_action: NextAction | null;
  wait_until: string | null;
  disputed: boolean;
  reason: string;
  actor_type: 'user' | 'agency' | 'system';
  actor_id: string | null;
  /** The agency's name when it decided (kept as it was then). */
  actor_name: Generated<string | null>;
  cause: Generated<DecisionCause | null>;
  case_number: Generated<string | null>;
  created_at: ColumnType<Date, never, never>;
}

export interface DailyRunsTable {
  company_id: string;
  run_date: string;
  started_at: ColumnType<Date, never, never>;
  summary: unknown;
}
