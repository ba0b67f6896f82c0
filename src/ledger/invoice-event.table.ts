import type { ColumnType, Generated } from 'kysely';
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
  /** The event's identity, from a sequence (not an order: see `company_position`, `feed_position`). */
  position: Generated<number>;
  /** The company's feed: gap-free per company in commit order (null on reissues). */
  company_position: number | null;
  /** The agency's feed: gap-free per agency in commit order, set by the trigger when `agency_id` is (migration 0016). */
  feed_position: ColumnType<number | null, never, never>;
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

/** The last company position handed out, per company (its row lock orders the company's events). */
export interface CompanyEventCountersTable {
  company_id: string;
  last_position: number;
}

/** The last feed position handed out, per agency (taken by the event trigger). */
export interface AgencyEventCountersTable {
  agency_id: string;
  last_position: number;
}
