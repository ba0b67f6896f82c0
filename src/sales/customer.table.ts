import type { ColumnType, Generated } from 'kysely';

export interface CustomersTable {
  company_id: string;
  id: Generated<string>;
  customer_number: number;
  type: 'person' | 'company';
  name: string;
  organization_number: string | null;
  birth_date: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: Generated<string>;
  email: string | null;
  /** The date the customer agreed to electronic notices (set by the accountant); null: not agreed. */
  electronic_notices_agreed_on: Generated<string | null>;
  not_to_collection: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}
