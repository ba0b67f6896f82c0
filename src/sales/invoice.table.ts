import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Ore } from '../shared/money.js';

export type VatRate = 0 | 12 | 15 | 25;
export interface VatBreakdownRow {
  rate: VatRate;
  netAmount: Ore;
  vatAmount: Ore;
}

export interface InvoicesTable {
  company_id: string;
  id: Generated<string>;
  invoice_number: number;
  customer_id: string;
  issue_date: string;
  due_date: string;
  kid: string;
  currency: Generated<string>;
  net_amount: Ore;
  vat_amount: Ore;
  total_amount: Ore;
  vat_breakdown: JSONColumnType<VatBreakdownRow[]>;
  description: Generated<string>;
  voucher_id: string | null;
  posting_id: number | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface InvoiceLinesTable {
  invoice_id: string;
  line_no: number;
  description: string;
  quantity: string;
  unit_price: Ore;
  vat_rate: VatRate;
  net_amount: Ore;
}

export interface CreditNotesTable {
  company_id: string;
  id: Generated<string>;
  credit_note_number: number;
  invoice_id: string;
  customer_id: string;
  issue_date: string;
  reason: Generated<string>;
  net_amount: Ore;
  vat_amount: Ore;
  total_amount: Ore;
  vat_breakdown: JSONColumnType<VatBreakdownRow[]>;
  voucher_id: string | null;
  posting_id: number | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface CreditNoteLinesTable {
  credit_note_id: string;
  line_no: number;
  description: string;
  quantity: string;
  unit_price: Ore;
  vat_rate: VatRate;
  net_amount: Ore;
}
