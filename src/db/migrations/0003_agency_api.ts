import { type Kysely, sql } from 'kysely';

/**
 * The agency API: credentials (secrets and access tokens, stored only as hashes), collection cases
 * with their history, and webhook subscriptions with every delivery attempt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table agencies add column client_id text unique;

-- Client secrets, as SHA-256 of 256-bit random secrets. Two can be valid at once while an agency
-- rotates: the old one keeps working until it expires.
create table agency_secrets (
  id bigint generated always as identity primary key,
  agency_id uuid not null references agencies(id),
  secret_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz
);
create index agency_secrets_agency on agency_secrets (agency_id);

-- Short-lived bearer tokens, as SHA-256.
create table agency_tokens (
  token_hash text primary key,
  agency_id uuid not null references agencies(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index agency_tokens_expiry on agency_tokens (expires_at);

create table cases (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  agency_id uuid not null references agencies(id),
  case_number text not null check (length(case_number) between 1 and 100),
  customer_id uuid not null,
  url text,
  status text not null check (status in ('registered', 'collection_notice', 'payment_demand', 'payment_plan', 'disputed', 'legal', 'surveillance', 'paid', 'withdrawn', 'closed', 'rejected')),
  status_text text,
  state text not null check (state in ('open', 'archived')),
  agency_balance bigint,
  merged_into uuid,
  -- milliseconds, as JavaScript keeps them: the lists page on (created_at, id) with cursors made in JS
  created_at timestamptz not null default date_trunc('milliseconds', now()),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (company_id, id),
  unique (id),
  unique (agency_id, company_id, case_number),
  foreign key (company_id, customer_id) references customers(company_id, id),
  check ((state = 'archived') = (archived_at is not null))
);
create index cases_list on cases (agency_id, company_id, state, created_at);
create index cases_company on cases (company_id, state, updated_at);

-- What happened to a case, in order: its statuses as the agency reported them, and its changes.
create table case_history (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases(id),
  kind text not null check (kind in ('created', 'status', 'invoices_added', 'invoice_removed', 'merged', 'rejected', 'url')),
  status text,
  status_text text,
  agency_balance bigint,
  detail text not null default '',
  at timestamptz not null default now()
);
create index case_history_case on case_history (case_id, id);

alter table handovers add column case_id uuid references cases(id);
create index handovers_case on handovers (case_id) where case_id is not null;
-- The event trigger and the agency views look up an invoice's latest handover to an agency.
create index handovers_invoice_agency on handovers (invoice_id, agency_id, created_at);

create index payments_voucher on payments (voucher_id);

-- An event keeps the case number its invoice had when it happened (null before a case was opened),
-- so a page of the feed reads the same every time.
alter table invoice_events add column case_number text;
create or replace function innfri_event_agency() returns trigger language plpgsql as $$
begin
  if NEW.agency_id is null then
    select h.agency_id, k.case_number into NEW.agency_id, NEW.case_number
    from handovers h left join cases k on k.id = h.case_id
    where h.invoice_id = NEW.invoice_id and h.state in ('approved', 'in_case');
  elsif NEW.case_number is null then
    select k.case_number into NEW.case_number
    from handovers h join cases k on k.id = h.case_id
    where h.invoice_id = NEW.invoice_id and h.agency_id = NEW.agency_id
    order by h.created_at desc limit 1;
  end if;
  return NEW;
end $$;

create table webhook_subscriptions (
  agency_id uuid primary key references agencies(id),
  url text not null,
  -- the agency's signing secret: it must be usable to sign, so it cannot be hashed
  secret text not null,
  -- delivery state: events up to here are delivered; the next attempt is due at next_attempt_at
  delivered_position bigint not null,
  failing_since timestamptz,
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table webhook_attempts (
  id bigint generated always as identity primary key,
  agency_id uuid not null references agencies(id),
  event_position bigint not null,
  webhook_id text not null,
  attempted_at timestamptz not null default now(),
  status_code int,
  error text,
  duration_ms int not null,
  succeeded boolean not null
);
create index webhook_attempts_agency on webhook_attempts (agency_id, id);
`.execute(db);
}
