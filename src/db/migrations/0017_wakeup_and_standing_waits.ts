import { type Kysely, sql } from 'kysely';

/**
 * Issue 15 (scale).
 *
 * Webhooks woken by the commit: a statement trigger on `invoice_events` that calls
 * `pg_notify('innfri_invoice_events', current_schema())` when the statement wrote an event an agency
 * reads (`agency_id` set). NOTIFY is transactional: the notification is delivered when the writing
 * transaction commits, never for one that rolls back, and several in one transaction are folded into
 * one (same channel and payload). The payload is the schema, so a server holding several schemas
 * (the tests') wakes only the workers of the schema written. PGlite runs the same trigger and
 * delivers the notification to its own listener (db/database.ts `listen`).
 *
 * The daily run reads only the waits that stand: `dunning_latest_decisions` holds, per invoice, the
 * newest decision's id and — when that decision is a dated «Vent» — its date, kept by a trigger on
 * every decision written (the newest id wins, whatever order concurrent writers commit in). The run
 * looks up the company's dated waits due by the run date on a partial index of that table, instead
 * of the newest row of every invoice among all the company's decisions (which grew with history).
 * Filled here from the decisions so far.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create function invoice_events_notify() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_events where agency_id is not null) then
    perform pg_notify('innfri_invoice_events', current_schema());
  end if;
  return null;
end $$;

create trigger invoice_events_notify after insert on invoice_events
  referencing new table as new_events
  for each statement execute function invoice_events_notify();

create table dunning_latest_decisions (
  company_id uuid not null,
  invoice_id uuid not null primary key,
  decision_id bigint not null,
  wait_until date,
  foreign key (company_id, invoice_id) references invoices(company_id, id)
);
create index dunning_latest_decisions_waits on dunning_latest_decisions (company_id, wait_until) where wait_until is not null;

insert into dunning_latest_decisions (company_id, invoice_id, decision_id, wait_until)
select distinct on (invoice_id) company_id, invoice_id, id, case when next_action = 'wait' then wait_until end
from dunning_decisions order by invoice_id, id desc;

create function dunning_latest_decision() returns trigger language plpgsql as $$
begin
  insert into dunning_latest_decisions (company_id, invoice_id, decision_id, wait_until)
  values (new.company_id, new.invoice_id, new.id, case when new.next_action = 'wait' then new.wait_until end)
  on conflict (invoice_id) do update set decision_id = excluded.decision_id, wait_until = excluded.wait_until
    where dunning_latest_decisions.decision_id < excluded.decision_id;
  return null;
end $$;

create trigger dunning_latest_decision after insert on dunning_decisions
  for each row execute function dunning_latest_decision();
`.execute(db);
}
