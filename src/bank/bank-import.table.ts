import type { ColumnType, Generated } from 'kysely';
import type { Ore } from '../shared/money.js';
import type { BankFileFormat } from './bank-file.js';

export interface BankImportsTable {
  company_id: string;
  id: Generated<string>;
  file_hash: string;
  file_name: Generated<string>;
  format: BankFileFormat;
  status: 'booking' | 'done';
  transaction_count: Generated<number>;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
  finished_at: ColumnType<Date | null, never, Date | null>;
}

export type BankEntryState =
  | 'pending'
  | 'booked'
  | 'unmatched'
  | 'resolved'
  | 'skipped'
  | 'duplicate'
  | 'reversal_offered'
  | 'reversed';
export type SkipReason = 'debit' | 'reversal' | 'other_account' | 'not_booked' | 'future_date' | 'zero_amount';
export type MatchRule = 'kid' | 'invoice_number' | 'amount_account' | 'amount_name' | 'settlement';

export interface BankEntriesTable {
  company_id: string;
  id: Generated<string>;
  import_id: string;
  seq: number;
  line: number;
  entry_key: string | null;
  duplicate_of: string | null;
  account: string;
  booking_date: string | null;
  value_date: string | null;
  amount: Ore;
  currency: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  bank_reference: string | null;
  kid: string | null;
  text: string;
  debtor_name: string | null;
  debtor_account: string | null;
  state: BankEntryState;
  skip_reason: SkipReason | null;
  rule: MatchRule | null;
  payment_id: string | null;
  voucher_id: string | null;
  invoice_id: string | null;
  invoice_number: number | null;
  customer_id: string | null;
  customer_name: string | null;
  matched_amount: Ore | null;
  /** A reversal (`RvslInd`): the entry imported before that it takes back. */
  reverses_entry_id: Generated<string | null>;
  /** Rule `settlement`: the agency's posted settlement whose voucher holds this bank line. */
  settlement_id: Generated<string | null>;
}

export type ResolveAction = 'invoice' | 'customer' | 'not_customer_payment' | 'account' | 'reversal';

export interface BankEntryDecisionsTable {
  company_id: string;
  entry_id: string;
  action: ResolveAction;
  invoice_id: string | null;
  customer_id: string | null;
  account: number | null;
  note: Generated<string>;
  payment_id: string | null;
  voucher_id: string | null;
  decided_by: string | null;
  decided_at: ColumnType<Date, never, never>;
}
