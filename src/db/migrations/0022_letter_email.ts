import { type Kysely, sql } from 'kysely';

/**
 * Letters delivered by e-mail (the mail module): the company's SMTP settings (`mail_settings`, the
 * password sealed under INNFRI_SECRET_KEY, never returned), the outbox of letters to e-mail
 * (`mail_messages`: one row per letter sent by e-mail, claimed by the worker with FOR UPDATE SKIP
 * LOCKED and retried with backoff), and every attempt with the server's answer (`mail_attempts`).
 * On the customer (sales): the date the customer agreed to electronic notices, set by the
 * accountant (inkassoloven § 9: a collection notice by e-mail only where that is agreed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table customers add column electronic_notices_agreed_on date;

create table mail_settings (
  company_id uuid primary key references companies(id),
  host text not null,
  port int not null check (port between 1 and 65535),
  tls_mode text not null check (tls_mode in ('starttls', 'tls', 'none')),
  username text,
  password_sealed text,
  from_address text not null,
  from_name text not null default '',
  delivery text not null default 'manual' check (delivery in ('manual', 'email')),
  email_delivery_since timestamptz,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now()
);

create table mail_messages (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  letter_id uuid not null,
  invoice_id uuid not null,
  to_address text not null,
  subject text not null,
  body_text text not null,
  message_id text not null,
  status text not null check (status in ('queued', 'sent', 'failed')),
  failure text check (failure in ('rejected', 'gave_up')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_code int,
  last_response text,
  requested_by text not null check (requested_by in ('user', 'daily_run')),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (company_id, id),
  unique (id),
  check ((status = 'failed') = (failure is not null))
);
-- One message per letter that is on its way or delivered; a failed one may be sent again.
create unique index mail_messages_letter_active on mail_messages (letter_id) where status in ('queued', 'sent');
create index mail_messages_due on mail_messages (next_attempt_at) where status = 'queued';
create index mail_messages_invoice on mail_messages (company_id, invoice_id, created_at);

create table mail_attempts (
  id bigserial primary key,
  company_id uuid not null,
  message_id uuid not null references mail_messages(id),
  attempted_at timestamptz not null default now(),
  outcome text not null check (outcome in ('sent', 'temporary', 'rejected', 'error')),
  smtp_code int,
  response text,
  duration_ms int not null default 0
);
create index mail_attempts_message on mail_attempts (message_id, id);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table mail_attempts;
drop table mail_messages;
drop table mail_settings;
alter table customers drop column electronic_notices_agreed_on;
`.execute(db);
}
