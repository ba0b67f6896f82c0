import type { ColumnType } from 'kysely';
import type { Ore } from '../shared/money.js';
import type { VoucherType } from './voucher.table.js';

export const INVOICE_EVENT_TYPES = [
  'invoice.available',
  'invoice.payment',
  'invoice.credit_note',
  'invoice.write_off',
  'invoice.manual_match',
  'invoice.unmatched',
  'invoice.settlement',
  'invoice.recalled',
] as const;
export type InvoiceEventType = (typeof INVOICE_EVENT_TYPES)[number];

export interface InvoiceEventsTable {
  position: number;
  company_id: string;
  invoice_id: string;
  type: InvoiceEventType;
  occurred_at: ColumnType<Date, never, never>;
  voucher_id: string | null;
  voucher_type: VoucherType | null;
  match_id: number | null;
  amount: Ore;
  remaining_amount: Ore;
  is_write_off: boolean;
  is_manual: boolean;
  /**
   * The agency that reads the event in its feed: the one the event concerns (set by the trigger from
   * the invoice's handover, or given), if the company had it active as the event was written.
   * Decided then, never changed (migration 0008).
   */
  agency_id: string | null;
  /** Set by the trigger instead of `agency_id` when that agency was deactivated as the event was written. */
  withheld_agency_id: ColumnType<string | null, never, never>;
  /** A copy appended on reactivation: the position of the withheld event it reissues. */
  reissue_of: ColumnType<number | null, never, never>;
  /** Set by the trigger: the invoice's case number at the agency when the event happened. */
  case_number: ColumnType<string | null, never, never>;
}

export interface EventCounterTable {
  id: number;
  last_position: number;
}
