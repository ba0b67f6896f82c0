import type { ColumnType, Generated } from 'kysely';

export interface CompaniesTable {
  id: Generated<string>;
  name: string;
  organization_number: string;
  vat_registered: Generated<boolean>;
  bank_account: string;
  kid_algorithm: Generated<'mod10' | 'mod11'>;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  /** The company's own telephone and e-mail (migration 0023): SAF-T's header contact, among others. */
  phone: Generated<string | null>;
  email: Generated<string | null>;
  account_receivable: Generated<number>;
  account_bank: Generated<number>;
  account_output_vat: Generated<number>;
  account_input_vat: Generated<number>;
  account_sales_vat_25: Generated<number>;
  account_sales_vat_15: Generated<number>;
  account_sales_vat_12: Generated<number>;
  account_sales_vat_0: Generated<number>;
  account_reminder_fee_income: Generated<number>;
  account_collection_cost: Generated<number>;
  account_loss: Generated<number>;
  account_interest_income: Generated<number>;
  created_at: ColumnType<Date, never, never>;
}

export interface AccountsTable {
  company_id: string;
  number: number;
  name: string;
  /** The company's own næringsspesifikasjon mapping (migration 0013); null: the NS 4102 default. */
  grouping_category: Generated<string | null>;
  grouping_code: Generated<string | null>;
}
