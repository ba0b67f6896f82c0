import { type Kysely, sql } from 'kysely';

/**
 * Settlements (oppgjør): what an agency remits and how it is posted, kept with its remittance
 * statement; and the company setting that makes them wait for the accountant's approval.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table dunning_settings add column settlements_need_approval boolean not null default false;

create table settlements (
  company_id uuid not null references companies(id),
  id uuid not null default gen_random_uuid(),
  agency_id uuid not null references agencies(id),
  reference text not null check (length(reference) between 1 and 100),
  request_hash text not null,
  settlement_date date not null,
  bank_amount bigint not null check (bank_amount >= 0),
  lines jsonb not null,
  statement jsonb not null,
  status text not null check (status in ('pending_approval', 'posted', 'rejected')),
  voucher_id uuid,
  decided_by uuid references users(id),
  decided_at timestamptz,
  reject_reason text,
  created_at timestamptz not null default date_trunc('milliseconds', now()),
  primary key (company_id, id),
  unique (id),
  unique (agency_id, company_id, reference),
  foreign key (company_id, voucher_id) references vouchers(company_id, id),
  check ((status = 'posted') = (voucher_id is not null))
);
create index settlements_company on settlements (company_id, status, created_at);

-- Which cases a settlement names, so each case can show its statements.
create table settlement_cases (
  settlement_id uuid not null references settlements(id),
  case_id uuid not null references cases(id),
  primary key (settlement_id, case_id)
);
create index settlement_cases_case on settlement_cases (case_id);
`.execute(db);
}
