import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../shared/roles.js';

export type { Role };

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  created_at: ColumnType<Date, never, never>;
}

export interface MembershipsTable {
  company_id: string;
  user_id: string;
  role: Role;
  created_at: ColumnType<Date, never, never>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
}
