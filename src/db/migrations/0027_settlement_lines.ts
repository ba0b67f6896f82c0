import { type Kysely, sql } from 'kysely';

/**
 * Settlements of any size (issue 15): a settlement's lines are rows of their own, written in
 * chunks as the body is read, instead of one jsonb value built in memory. The columns after
 * `amount` are the service's working state as the lines are checked and posted (case, invoice
 * entry, open and recoverable amounts read under lock, what each line closes and recovers), so
 * that the checks and the voucher run in bounded batches. The lines of settlements stored before
 * are moved over in their order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table settlement_lines (
  settlement_id uuid not null references settlements(id) on delete cascade deferrable initially deferred,
  line_no integer not null check (line_no >= 0),
  case_number text not null,
  invoice_id uuid,
  type text not null check (type in ('principal', 'interest', 'fee', 'cost', 'vat')),
  amount bigint not null check (amount > 0),
  case_id uuid,
  entry_id bigint,
  customer_id uuid,
  invoice_number integer,
  entry_open bigint,
  entry_recoverable bigint,
  receivable bigint,
  recovery bigint,
  primary key (settlement_id, line_no)
);
create index settlement_lines_entry on settlement_lines (settlement_id, entry_id) where entry_id is not null;
insert into settlement_lines (settlement_id, line_no, case_number, invoice_id, type, amount)
select s.id, (e.n - 1)::int, e.v->>'caseNumber', (e.v->>'invoiceId')::uuid, e.v->>'type', (e.v->>'amount')::bigint
from settlements s, jsonb_array_elements(s.lines) with ordinality as e(v, n);
alter table settlements drop column lines;
`.execute(db);
}
