import { type Kysely, sql } from 'kysely';

/**
 * Webhooks woken by the commit (issue 15): a statement trigger on `invoice_events` that calls
 * `pg_notify('innfri_invoice_events', current_schema())` when the statement wrote an event an agency
 * reads (`agency_id` set). NOTIFY is transactional: the notification is delivered when the writing
 * transaction commits, never for one that rolls back, and several in one transaction are folded into
 * one (same channel and payload). The payload is the schema, so a server holding several schemas
 * (the tests') wakes only the workers of the schema written. PGlite runs the same trigger and
 * delivers the notification to its own listener (db/database.ts `listen`).
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
`.execute(db);
}
