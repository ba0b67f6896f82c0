import type { ColumnType, Generated } from 'kysely';
import type { Ore } from '../shared/money.js';

export const OPEN_STATUSES = [
  'registered',
  'collection_notice',
  'payment_demand',
  'payment_plan',
  'disputed',
  'legal',
  'surveillance',
] as const;
export const CLOSING_STATUSES = ['paid', 'withdrawn', 'closed'] as const;
export const CASE_STATUSES = [...OPEN_STATUSES, ...CLOSING_STATUSES] as const;
/** What an agency may report; `rejected` is set only by the reject call. */
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type StoredCaseStatus = CaseStatus | 'rejected';

export interface CasesTable {
  company_id: string;
  id: Generated<string>;
  agency_id: string;
  case_number: string;
  customer_id: string;
  url: string | null;
  status: StoredCaseStatus;
  status_text: string | null;
  state: 'open' | 'archived';
  agency_balance: Ore | null;
  merged_into: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
}

export interface CaseHistoryTable {
  id: Generated<number>;
  case_id: string;
  kind: 'created' | 'status' | 'invoices_added' | 'invoice_removed' | 'merged' | 'rejected' | 'url';
  status: StoredCaseStatus | null;
  status_text: string | null;
  agency_balance: Ore | null;
  /** English, for people reading the database and older clients; the UI reads `figures`. */
  detail: Generated<string>;
  figures: ColumnType<CaseHistoryFigures | null, string | null | undefined, never>;
  at: ColumnType<Date, never, never>;
}

/** The figures of a history line, so each screen says it in its own language. */
export interface CaseHistoryFigures {
  /** Invoices the line concerns: opened with, added, given back. */
  invoiceCount?: number;
  /** The invoice a line concerns (one rejected by the agency). */
  invoiceNumber?: number;
  /** A merge: the case this one went into. */
  into?: string;
  /** A merge: the cases that went into this one. */
  caseNumbers?: string[];
  /** The link the agency gave with a status. */
  url?: string;
}

/** How an invoice left a case: with the case's end (paid, withdrawn, closed), given back, or moved by a merge. */
export type CaseInvoiceOutcome = 'ended' | 'rejected' | 'moved';

/** Every invoice a case ever had (its handover), and how it left: an archived case keeps its list. */
export interface CaseInvoicesTable {
  company_id: string;
  case_id: string;
  handover_id: string;
  invoice_id: string;
  joined_at: Generated<Date>;
  left_at: Date | null;
  outcome: CaseInvoiceOutcome | null;
  moved_to: string | null;
}
