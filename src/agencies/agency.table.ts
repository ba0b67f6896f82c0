import type { ColumnType, Generated } from 'kysely';

export interface AgenciesTable {
  id: Generated<string>;
  name: string;
  organization_number: string | null;
  /** The public OAuth client id. */
  client_id: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface AgencySecretsTable {
  id: Generated<number>;
  agency_id: string;
  secret_hash: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date | null;
}

export interface AgencyTokensTable {
  token_hash: string;
  agency_id: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
}

export interface WebhookSubscriptionsTable {
  agency_id: string;
  url: string;
  secret: string;
  delivered_position: number;
  failing_since: Date | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  disabled_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: Generated<Date>;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  agency_id: string;
  event_position: number;
  webhook_id: string;
  attempted_at: ColumnType<Date, never, never>;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  succeeded: boolean;
}

export interface AgencyActivationsTable {
  company_id: string;
  agency_id: string;
  active: boolean;
  is_default: boolean;
  changed_by: string | null;
  changed_at: Generated<Date>;
}
