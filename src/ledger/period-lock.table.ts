import type { ColumnType, Generated } from 'kysely';

/** A company's books locked up to a date, as a history: the newest row is the lock (`locked_to` null: none). */
export interface PeriodLocksTable {
  company_id: string;
  id: Generated<number>;
  locked_to: string | null;
  set_by: string | null;
  set_by_name: string;
  set_at: ColumnType<Date, never, never>;
}
