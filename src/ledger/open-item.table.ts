import type { ColumnType, Generated } from 'kysely';
import type { Ore } from '../shared/money.js';
import type { VoucherType } from './voucher.table.js';

/** Maintained by database triggers from postings and matches; never written by application code. */
export interface OpenItemsTable {
  posting_id: ColumnType<number, never, never>;
  company_id: ColumnType<string, never, never>;
  customer_id: ColumnType<string, never, never>;
  account: ColumnType<number, never, never>;
  invoice_id: ColumnType<string | null, never, never>;
  voucher_id: ColumnType<string, never, never>;
  voucher_type: ColumnType<VoucherType, never, never>;
  entry_date: ColumnType<string, never, never>;
  due_date: ColumnType<string | null, never, never>;
  amount: ColumnType<Ore, never, never>;
  open_amount: ColumnType<Ore, never, never>;
}

export interface MatchesTable {
  id: Generated<number>;
  company_id: string;
  debit_posting_id: number;
  credit_posting_id: number;
  /** Positive for a match, negative for the row that undoes one (unmatch). */
  amount: Ore;
  reverses_match_id: number | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}
