import type { ColumnType } from 'kysely';

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
  created_at: ColumnType<Date, never, never>;
}
