import { type Kysely, sql } from 'kysely';

/**
 * The reminder list and the handover to collection: the dated legal rates, each company's
 * reminder settings, the letters sent, the accountant's overrides of next actions (kept as a log),
 * agencies and their activation per company, the handover lists, and the daily run's ledger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
-- Figures set by law, by the date they take effect. A new figure is a new row (innfri rates add),
-- never a code change. inkassosats in øre; late-payment interest in basis points per year.
create table legal_rates (
  kind text not null check (kind in ('inkassosats', 'late_payment_interest')),
  valid_from date not null,
  value bigint not null check (value > 0),
  source text not null default '',
  created_at timestamptz not null default now(),
  primary key (kind, valid_from)
);
insert into legal_rates (kind, valid_from, value, source) values
  ('inkassosats', '2025-01-01', 70000, 'Inkassoforskriften § 2-1, 2025'),
  ('inkassosats', '2026-01-01', 75000, 'Inkassoforskriften § 2-1, 2026'),
  ('late_payment_interest', '2025-01-01', 1250, 'Forsinkelsesrenten 1. halvår 2025'),
  ('late_payment_interest', '2025-07-01', 1225, 'Forsinkelsesrenten 2. halvår 2025'),
  ('late_payment_interest', '2026-01-01', 1200, 'Forsinkelsesrenten 1. halvår 2026');

create table agencies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  organization_number text,
  created_at timestamptz not null default now()
);

create table agency_activations (
  company_id uuid not null references companies(id),
  agency_id uuid not null references agencies(id),
  active boolean not null default true,
  is_default boolean not null default false,
  changed_by uuid references users(id),
  changed_at timestamptz not null default now(),
  primary key (company_id, agency_id),
  check (active or not is_default)
);
create unique index agency_activations_one_default on agency_activations (company_id) where is_default;
create index agency_activations_agency on agency_activations (agency_id) where active;

create table dunning_settings (
  company_id uuid primary key references companies(id),
  first_reminder_after_days int not null default 14 check (first_reminder_after_days between 0 and 365),
  reminder_fee_enabled boolean not null default true,
  -- null: the highest fee the law allows on the day a letter is sent
  reminder_fee_amount bigint check (reminder_fee_amount >= 0),
  reminders_before_collection int not null default 1 check (reminders_before_collection between 0 and 3),
  sends_own_collection_notice boolean not null default true,
  payment_deadline_days int not null default 14 check (payment_deadline_days between 14 and 60),
  auto_approve boolean not null default false,
  updated_at timestamptz not null default now()
);

-- Letters sent: reminders (purringer) and collection notices (inkassovarsler).
create table reminders (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  invoice_id uuid not null,
  type text not null check (type in ('reminder', 'collection_notice')),
  sequence int not null check (sequence >= 1),
  sent_date date not null,
  due_date date not null check (due_date >= sent_date + 14),
  fee_amount bigint not null check (fee_amount >= 0),
  channel text not null check (channel in ('email', 'letter')),
  voucher_id uuid,
  fee_posting_id bigint references open_items(posting_id),
  -- the letter as sent (amounts, interest, addresses), so its PDF can be reproduced exactly
  document jsonb not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  primary key (company_id, id),
  unique (id),
  unique (invoice_id, type, sequence),
  foreign key (company_id, invoice_id) references invoices(company_id, id)
);
create index reminders_invoice on reminders (invoice_id, sent_date);

-- The accountant's (or an agency's) word on an invoice's next action, and disputes; newest wins.
-- Kept as a log: every change is a new row, so the list can always say who decided and why.
create table dunning_decisions (
  id bigint generated always as identity primary key,
  company_id uuid not null,
  invoice_id uuid not null,
  next_action text check (next_action in ('reminder', 'collection_notice', 'collection', 'wait')),
  wait_until date,
  disputed boolean not null default false,
  reason text not null default '',
  actor_type text not null check (actor_type in ('user', 'agency', 'system')),
  actor_id uuid,
  created_at timestamptz not null default now(),
  foreign key (company_id, invoice_id) references invoices(company_id, id)
);
create index dunning_decisions_invoice on dunning_decisions (invoice_id, id desc);

-- An invoice on its way to (draft, approved) or with (in_case) an agency, and how that ended.
create table handovers (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  invoice_id uuid not null,
  agency_id uuid not null references agencies(id),
  state text not null check (state in ('draft', 'approved', 'in_case', 'archived', 'rejected', 'recalled')),
  created_by uuid references users(id),
  -- milliseconds, as JavaScript keeps them: the lists page on (created_at, id) with cursors made in JS
  created_at timestamptz not null default date_trunc('milliseconds', now()),
  approved_by uuid references users(id),
  approved_at timestamptz,
  approval text check (approval in ('user', 'auto', 'operator')),
  ended_at timestamptz,
  ended_by_type text check (ended_by_type in ('user', 'agency', 'system')),
  ended_by uuid,
  end_reason text,
  primary key (company_id, id),
  unique (id),
  foreign key (company_id, invoice_id) references invoices(company_id, id)
);
create unique index handovers_one_active on handovers (invoice_id) where state in ('draft', 'approved', 'in_case');
create index handovers_list on handovers (company_id, state, agency_id, created_at);
create index handovers_agency on handovers (agency_id, state, company_id);

-- The daily run, once per company and day (the primary key is the idempotency key).
create table daily_runs (
  company_id uuid not null references companies(id),
  run_date date not null,
  started_at timestamptz not null default now(),
  summary jsonb not null default '{}',
  primary key (company_id, run_date)
);

-- The reminder list reads overdue open invoices by due date; this keeps its first page cheap
-- whatever the number of closed or not-yet-due invoices.
-- An invoice event names the agency that has the invoice (approved or in a case) when it happens,
-- so an agency's feed is one indexed range, however many events other agencies have.
alter table invoice_events add column agency_id uuid references agencies(id);
create index invoice_events_agency on invoice_events (agency_id, position) where agency_id is not null;
create function innfri_event_agency() returns trigger language plpgsql as $$
begin
  if NEW.agency_id is null then
    select agency_id into NEW.agency_id from handovers where invoice_id = NEW.invoice_id and state in ('approved', 'in_case');
  end if;
  return NEW;
end $$;
create trigger invoice_events_agency before insert on invoice_events for each row execute function innfri_event_agency();

create index open_items_overdue on open_items (company_id, due_date, posting_id) where open_amount > 0 and invoice_id is not null;
`.execute(db);
}
