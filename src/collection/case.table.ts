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
  detail: Generated<string>;
  at: ColumnType<Date, never, never>;
}
