import { type Kysely, sql } from 'kysely';

/**
 * Money in from the bank (the bank module): the bank files imported (`bank_imports`, one per file
 * and company, by the file's SHA-256), every transaction they held (`bank_entries`, each bank
 * movement once per company by the bank's own reference, `entry_key`), and the accountant's
 * decisions on the ones nothing matched (`bank_entry_decisions`, one per entry, append-only).
 * Entries change state (pending → booked / unmatched → resolved) but are never deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table bank_imports (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  file_hash text not null,
  file_name text not null default '',
  format text not null check (format in ('camt.053.001.02', 'camt.053.001.08', 'camt.054.001.02', 'camt.054.001.08', 'ocr-giro')),
  status text not null check (status in ('booking', 'done')),
  transaction_count int not null default 0,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (company_id, id),
  unique (id),
  unique (company_id, file_hash)
);
create index bank_imports_list on bank_imports (company_id, created_at desc, id desc);

create table bank_entries (
  company_id uuid not null,
  id uuid not null default gen_random_uuid(),
  import_id uuid not null,
  seq int not null,
  line int not null,
  entry_key text,
  duplicate_of uuid references bank_entries(id),
  account text not null,
  booking_date date,
  value_date date,
  amount bigint not null check (amount >= 0),
  currency text not null,
  direction text not null check (direction in ('credit', 'debit')),
  reversal boolean not null,
  bank_reference text,
  kid text,
  text text not null default '',
  debtor_name text,
  debtor_account text,
  state text not null check (state in ('pending', 'booked', 'unmatched', 'resolved', 'skipped', 'duplicate')),
  skip_reason text check (skip_reason in ('debit', 'reversal', 'other_account', 'not_booked', 'future_date', 'zero_amount')),
  rule text check (rule in ('kid', 'invoice_number', 'amount_name')),
  payment_id uuid,
  voucher_id uuid,
  invoice_id uuid,
  invoice_number int,
  customer_id uuid,
  customer_name text,
  matched_amount bigint,
  primary key (company_id, id),
  unique (id),
  unique (import_id, seq),
  foreign key (company_id, import_id) references bank_imports(company_id, id),
  foreign key (company_id, payment_id) references payments(company_id, id),
  foreign key (company_id, voucher_id) references vouchers(company_id, id),
  check ((state = 'skipped') = (skip_reason is not null)),
  check ((state = 'booked') = (rule is not null))
);
-- Once only: the bank's reference for a movement is booked once per company, whatever file it came in.
create unique index bank_entries_once on bank_entries (company_id, entry_key);
create index bank_entries_queue on bank_entries (company_id, booking_date, id) where state = 'unmatched';
create index bank_entries_pending on bank_entries (import_id, seq) where state = 'pending';
create trigger bank_entries_no_delete before delete on bank_entries for each row execute function innfri_append_only();

create table bank_entry_decisions (
  company_id uuid not null,
  entry_id uuid primary key references bank_entries(id),
  action text not null check (action in ('invoice', 'customer', 'not_customer_payment', 'account')),
  invoice_id uuid,
  customer_id uuid,
  account int,
  note text not null default '',
  payment_id uuid,
  voucher_id uuid,
  decided_by uuid references users(id),
  decided_at timestamptz not null default now(),
  foreign key (company_id, entry_id) references bank_entries(company_id, id),
  foreign key (company_id, voucher_id) references vouchers(company_id, id)
);
create trigger bank_entry_decisions_append_only before update or delete on bank_entry_decisions
  for each row execute function innfri_append_only();
`.execute(db);
}
