import type { ColumnType, Generated } from 'kysely';
import type { Ore } from '../shared/money.js';

export interface PaymentsTable {
  company_id: string;
  id: Generated<string>;
  customer_id: string;
  invoice_id: string | null;
  kid: string | null;
  amount: Ore;
  payment_date: string;
  reference: Generated<string>;
  voucher_id: string;
  posting_id: number;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}
