import type { ColumnType, Generated } from 'kysely';

export interface AgenciesTable {
  id: Generated<string>;
  name: string;
  organization_number: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface AgencyActivationsTable {
  company_id: string;
  agency_id: string;
  active: boolean;
  is_default: boolean;
  changed_by: string | null;
  changed_at: Generated<Date>;
}
