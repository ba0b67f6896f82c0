import { type Kysely, sql } from 'kysely';

/**
 * The foundation schema: tenancy, people, customers, the ledger (vouchers, postings, matches,
 * open items), invoices, credit notes, payments, invoice events and idempotency keys.
 *
 * The database itself enforces the ledger's invariants, so that no code path can break them:
 * - a voucher balances (deferred constraint trigger, checked at commit),
 * - postings join only a voucher created in the same transaction,
 * - vouchers, postings and matches are append-only,
 * - an entry is never matched beyond its amount (open_items is maintained by trigger and checked).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  organization_number text not null unique check (organization_number ~ '^[89][0-9]{8}$'),
  vat_registered boolean not null default true,
  bank_account text not null check (bank_account ~ '^[0-9]{11}$'),
  kid_algorithm text not null default 'mod10' check (kid_algorithm in ('mod10', 'mod11')),
  address_line text, postal_code text, city text,
  -- the accounts the product posts to (NS 4102 defaults), all company settings
  account_receivable int not null default 1500,
  account_bank int not null default 1920,
  account_output_vat int not null default 2700,
  account_input_vat int not null default 2710,
  account_sales_vat_25 int not null default 3000,
  account_sales_vat_15 int not null default 3000,
  account_sales_vat_12 int not null default 3000,
  account_sales_vat_0 int not null default 3100,
  account_reminder_fee_income int not null default 3900,
  account_collection_cost int not null default 7790,
  account_loss int not null default 7830,
  account_interest_income int not null default 8050,
  created_at timestamptz not null default now()
);

create table accounts (
  company_id uuid not null references companies(id),
  number int not null check (number between 1000 and 9999),
  name text not null,
  primary key (company_id, number)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email) and email like '%@%'),
  name text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table memberships (
  company_id uuid not null references companies(id),
  user_id uuid not null references users(id),
  role text not null check (role in ('admin', 'accountant', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (company_id, user_id)
);
create index memberships_user on memberships (user_id);

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users(id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table number_series (
  company_id uuid not null references companies(id),
  series text not null,
  year int not null,
  last_value int not null,
  primary key (company_id, series, year)
);

create table customers (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  customer_number int not null check (customer_number between 1 and 999999),
  type text not null check (type in ('person', 'company')),
  name text not null check (length(name) between 1 and 200),
  organization_number text check (organization_number ~ '^[89][0-9]{8}$'),
  birth_date date,
  address_line text, postal_code text, city text,
  country text not null default 'NO',
  email text,
  not_to_collection boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (company_id, id),
  unique (id),
  unique (company_id, customer_number),
  check (type = 'company' or organization_number is null),
  check (type = 'person' or birth_date is null)
);

create table vouchers (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  fiscal_year int not null,
  number int not null,
  type text not null check (type in ('invoice', 'credit_note', 'payment', 'manual', 'write_off', 'settlement', 'reminder_fee')),
  voucher_date date not null,
  description text not null default '',
  reverses_voucher_id uuid unique,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  primary key (company_id, id),
  unique (id),
  unique (company_id, fiscal_year, number),
  check (fiscal_year = extract(year from voucher_date)),
  foreign key (company_id, reverses_voucher_id) references vouchers(company_id, id)
);

create table postings (
  id bigint generated always as identity primary key,
  company_id uuid not null,
  voucher_id uuid not null,
  line_no int not null,
  account int not null,
  amount bigint not null check (amount <> 0),
  customer_id uuid,
  invoice_id uuid,
  due_date date,
  description text not null default '',
  unique (voucher_id, line_no),
  foreign key (company_id, voucher_id) references vouchers(company_id, id),
  foreign key (company_id, account) references accounts(company_id, number),
  foreign key (company_id, customer_id) references customers(company_id, id)
);
create index postings_voucher on postings (voucher_id);
create index postings_account on postings (company_id, account);
create index postings_invoice on postings (invoice_id) where invoice_id is not null;

-- Open items (åpne poster): one row per customer entry, its open amount derived from the entry and
-- its matches by the triggers below. Signed like the posting: a debit is open >= 0, a credit <= 0.
create table open_items (
  posting_id bigint primary key references postings(id),
  company_id uuid not null,
  customer_id uuid not null,
  account int not null,
  invoice_id uuid,
  voucher_id uuid not null,
  voucher_type text not null,
  entry_date date not null,
  due_date date,
  amount bigint not null,
  open_amount bigint not null
);
create index open_items_customer_open on open_items (company_id, customer_id, entry_date, posting_id) where open_amount <> 0;
create index open_items_company_open on open_items (company_id, entry_date, posting_id) where open_amount <> 0;
create index open_items_customer_all on open_items (company_id, customer_id, entry_date, posting_id);

create table matches (
  id bigint generated always as identity primary key,
  company_id uuid not null,
  debit_posting_id bigint not null references open_items(posting_id),
  credit_posting_id bigint not null references open_items(posting_id),
  amount bigint not null,
  reverses_match_id bigint unique references matches(id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  check ((reverses_match_id is null and amount > 0) or (reverses_match_id is not null and amount < 0))
);
create index matches_debit on matches (debit_posting_id);
create index matches_credit on matches (credit_posting_id);

create table invoices (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  invoice_number int not null,
  customer_id uuid not null,
  issue_date date not null,
  due_date date not null check (due_date >= issue_date),
  kid text not null,
  currency text not null default 'NOK' check (currency = 'NOK'),
  net_amount bigint not null,
  vat_amount bigint not null,
  total_amount bigint not null check (total_amount > 0 and total_amount = net_amount + vat_amount),
  vat_breakdown jsonb not null,
  description text not null default '',
  voucher_id uuid,
  posting_id bigint references open_items(posting_id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  primary key (company_id, id),
  unique (id),
  unique (company_id, invoice_number),
  unique (company_id, kid),
  foreign key (company_id, customer_id) references customers(company_id, id),
  foreign key (company_id, voucher_id) references vouchers(company_id, id)
);
create index invoices_customer on invoices (company_id, customer_id);
create index invoices_due on invoices (company_id, due_date);
create unique index invoices_posting on invoices (posting_id);

create table invoice_lines (
  invoice_id uuid not null references invoices(id),
  line_no int not null,
  description text not null,
  quantity numeric(14, 3) not null check (quantity > 0),
  unit_price bigint not null check (unit_price >= 0),
  vat_rate int not null check (vat_rate in (0, 12, 15, 25)),
  net_amount bigint not null,
  primary key (invoice_id, line_no)
);

create table credit_notes (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  credit_note_number int not null,
  invoice_id uuid not null,
  customer_id uuid not null,
  issue_date date not null,
  reason text not null default '',
  net_amount bigint not null,
  vat_amount bigint not null,
  total_amount bigint not null check (total_amount > 0 and total_amount = net_amount + vat_amount),
  vat_breakdown jsonb not null,
  voucher_id uuid,
  posting_id bigint references open_items(posting_id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  primary key (company_id, id),
  unique (id),
  unique (company_id, credit_note_number),
  foreign key (company_id, invoice_id) references invoices(company_id, id),
  foreign key (company_id, voucher_id) references vouchers(company_id, id)
);
create index credit_notes_invoice on credit_notes (invoice_id);

create table credit_note_lines (
  credit_note_id uuid not null references credit_notes(id),
  line_no int not null,
  description text not null,
  quantity numeric(14, 3) not null check (quantity > 0),
  unit_price bigint not null check (unit_price >= 0),
  vat_rate int not null check (vat_rate in (0, 12, 15, 25)),
  net_amount bigint not null,
  primary key (credit_note_id, line_no)
);

create table payments (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  customer_id uuid not null,
  invoice_id uuid,
  kid text,
  amount bigint not null check (amount > 0),
  payment_date date not null,
  reference text not null default '',
  voucher_id uuid not null,
  posting_id bigint not null references open_items(posting_id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  primary key (company_id, id),
  unique (id),
  foreign key (company_id, customer_id) references customers(company_id, id),
  foreign key (company_id, voucher_id) references vouchers(company_id, id)
);
create index payments_customer on payments (company_id, customer_id, payment_date);

-- What happened to an invoice's matched entries, in commit order (see docs/ARCHITECTURE.md).
create table invoice_events (
  position bigint primary key,
  company_id uuid not null,
  invoice_id uuid not null,
  type text not null,
  occurred_at timestamptz not null default now(),
  voucher_id uuid,
  voucher_type text,
  match_id bigint,
  amount bigint not null,
  remaining_amount bigint not null,
  is_write_off boolean not null default false,
  is_manual boolean not null default false
);
create index invoice_events_company on invoice_events (company_id, position);
create index invoice_events_invoice on invoice_events (invoice_id, position);

-- One row: the last event position handed out. Taking it (UPDATE) is the feed's write lock,
-- held to commit, so positions are handed out in commit order.
create table event_counter (
  id int primary key check (id = 1),
  last_position bigint not null
);
insert into event_counter values (1, 0);

create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code int,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
`.execute(db);

  await sql
    .raw(`
create function innfri_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: correct it with a reversal', TG_TABLE_NAME using errcode = '55000';
end $$;
create trigger vouchers_append_only before update or delete on vouchers for each row execute function innfri_append_only();
create trigger postings_append_only before update or delete on postings for each row execute function innfri_append_only();
create trigger matches_append_only before update or delete on matches for each row execute function innfri_append_only();
create trigger invoice_events_append_only before update or delete on invoice_events for each row execute function innfri_append_only();
create trigger vouchers_no_truncate before truncate on vouchers execute function innfri_append_only();
create trigger postings_no_truncate before truncate on postings execute function innfri_append_only();
create trigger matches_no_truncate before truncate on matches execute function innfri_append_only();

-- A voucher balances: checked once per voucher at commit, when all its postings are in.
create function innfri_check_voucher_balanced() returns trigger language plpgsql as $$
declare
  total bigint;
  lines int;
begin
  select coalesce(sum(amount), 0), count(*) into total, lines from postings where voucher_id = NEW.id;
  if lines < 2 then
    raise exception 'voucher % has % posting(s); a voucher needs at least two', NEW.id, lines using errcode = '23514';
  end if;
  if total <> 0 then
    raise exception 'voucher % does not balance: debits minus credits = % øre', NEW.id, total using errcode = '23514';
  end if;
  return null;
end $$;
create constraint trigger vouchers_balanced after insert on vouchers
  deferrable initially deferred for each row execute function innfri_check_voucher_balanced();

-- Postings join only a voucher created in this same transaction: a committed voucher is closed.
-- Customer entries open an item.
create function innfri_posting_inserted() returns trigger language plpgsql as $$
declare
  v_date date;
  v_type text;
begin
  select voucher_date, type into v_date, v_type from vouchers where id = NEW.voucher_id and xmin = pg_current_xact_id()::xid;
  if not found then
    raise exception 'voucher % is closed: postings cannot be added to it', NEW.voucher_id using errcode = '55000';
  end if;
  if NEW.customer_id is not null then
    insert into open_items (posting_id, company_id, customer_id, account, invoice_id, voucher_id, voucher_type, entry_date, due_date, amount, open_amount)
    values (NEW.id, NEW.company_id, NEW.customer_id, NEW.account, NEW.invoice_id, NEW.voucher_id, v_type, v_date, NEW.due_date, NEW.amount, NEW.amount);
  end if;
  return NEW;
end $$;
create trigger postings_inserted after insert on postings for each row execute function innfri_posting_inserted();

-- A match moves open amounts; it may never take an entry past zero or beyond its amount, nor join
-- entries of different customers, accounts or companies.
create function innfri_match_inserted() returns trigger language plpgsql as $$
declare
  d open_items%rowtype;
  c open_items%rowtype;
begin
  if NEW.reverses_match_id is not null and not exists (
    select 1 from matches o where o.id = NEW.reverses_match_id and o.reverses_match_id is null
      and o.debit_posting_id = NEW.debit_posting_id and o.credit_posting_id = NEW.credit_posting_id and o.amount = -NEW.amount
  ) then
    raise exception 'match % does not undo match % exactly', NEW.id, NEW.reverses_match_id using errcode = '23514';
  end if;
  update open_items set open_amount = open_amount - NEW.amount where posting_id = NEW.debit_posting_id returning * into d;
  update open_items set open_amount = open_amount + NEW.amount where posting_id = NEW.credit_posting_id returning * into c;
  if d.company_id <> NEW.company_id or c.company_id <> NEW.company_id or d.customer_id <> c.customer_id or d.account <> c.account then
    raise exception 'match % joins entries of different companies, customers or accounts', NEW.id using errcode = '23514';
  end if;
  if d.amount <= 0 or c.amount >= 0 then
    raise exception 'match % must join a debit entry to a credit entry', NEW.id using errcode = '23514';
  end if;
  if d.open_amount < 0 or d.open_amount > d.amount or c.open_amount > 0 or c.open_amount < c.amount then
    raise exception 'over_match: match % would take an entry beyond its amount', NEW.id using errcode = '23514';
  end if;
  return NEW;
end $$;
create trigger matches_inserted after insert on matches for each row execute function innfri_match_inserted();
`)
    .execute(db);
}
