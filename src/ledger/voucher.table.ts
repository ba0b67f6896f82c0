import type { ColumnType, Generated } from 'kysely';
import type { Ore } from '../shared/money.js';

export const VOUCHER_TYPES = [
  'invoice',
  'credit_note',
  'payment',
  'manual',
  'write_off',
  'settlement',
  'reminder_fee',
] as const;
export type VoucherType = (typeof VOUCHER_TYPES)[number];

export interface VouchersTable {
  company_id: string;
  id: string;
  fiscal_year: number;
  /**
   * Gap-free per company and year. Stored null and set once at the end of the voucher's own
   * transaction (`numberVouchers`, migration 0016), so every committed voucher has one.
   */
  number: ColumnType<number, number | null, never>;
  type: VoucherType;
  voucher_date: string;
  description: string;
  reverses_voucher_id: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface PostingsTable {
  id: Generated<number>;
  company_id: string;
  voucher_id: string;
  line_no: number;
  account: number;
  /** Signed øre: debit positive, credit negative. */
  amount: Ore;
  customer_id: string | null;
  invoice_id: string | null;
  due_date: string | null;
  description: string;
  /** The VAT rate of a sales or output-VAT line (migration 0013); null on every other line. */
  vat_rate: ColumnType<0 | 12 | 15 | 25 | null, 0 | 12 | 15 | 25 | null | undefined, never>;
}

export interface NumberSeriesTable {
  company_id: string;
  series: string;
  year: number;
  last_value: number;
}
