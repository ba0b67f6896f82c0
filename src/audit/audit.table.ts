import type { ColumnType, Generated } from 'kysely';

/** One change a person, an agency or the system made: append-only (the database refuses UPDATE and DELETE). */
export interface AuditEventsTable {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  company_id: string | null;
  actor_type: 'user' | 'agency' | 'system' | 'cli';
  actor_user_id: string | null;
  actor_agency_id: string | null;
  actor_name: string;
  request_id: string | null;
  peer_address: string | null;
  kind: string;
  subject_ids: string[];
  before: unknown;
  after: unknown;
}
