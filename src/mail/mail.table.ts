import type { ColumnType, Generated } from 'kysely';

export type TlsMode = 'starttls' | 'tls' | 'none';
export type LetterDelivery = 'manual' | 'email';
export type MailStatus = 'queued' | 'sent' | 'failed';
/** Why a message failed: the server refused it (5xx), or temporary errors until the last attempt. */
export type MailFailure = 'rejected' | 'gave_up';
export type MailAttemptOutcome = 'sent' | 'temporary' | 'rejected' | 'error';

export interface MailSettingsTable {
  company_id: string;
  host: string;
  port: number;
  tls_mode: TlsMode;
  username: string | null;
  /** Sealed with AES-256-GCM under INNFRI_SECRET_KEY (shared/secret-box.ts); never answered. */
  password_sealed: string | null;
  from_address: string;
  from_name: Generated<string>;
  delivery: Generated<LetterDelivery>;
  email_delivery_since: Date | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface MailMessagesTable {
  company_id: string;
  id: Generated<string>;
  letter_id: string;
  invoice_id: string;
  to_address: string;
  subject: string;
  body_text: string;
  message_id: string;
  status: MailStatus;
  failure: MailFailure | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_code: number | null;
  last_response: string | null;
  requested_by: 'user' | 'daily_run';
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
  finished_at: Date | null;
}

export interface MailAttemptsTable {
  id: Generated<number>;
  company_id: string;
  message_id: string;
  attempted_at: Generated<Date>;
  outcome: MailAttemptOutcome;
  smtp_code: number | null;
  response: string | null;
  duration_ms: number;
}
