import { type Kysely, sql } from 'kysely';

/**
 * Which agency may read an event is decided once, when the event is written, and never changes:
 * the feed no longer filters by the activation as it is at read time (a reactivation made events
 * reappear behind a reader's cursor, where a reader paging with `after` never saw them).
 *
 * - `agency_id` is the agency that reads the event: set only if the company has the agency active
 *   as the event is written (the trigger checks `agency_activations` in the writing transaction).
 * - `withheld_agency_id` is the agency the event concerns but which was deactivated at that moment.
 *   Reactivating the agency appends a copy of each such event at the then end of the feed
 *   (`reissue_of` names the original; unique, so an event is reissued at most once).
 *
 * Events stored before this migration for a pair that is deactivated now, and written after its
 * deactivation (`changed_at`), were hidden by the old read-time filter: they become withheld (the
 * append-only guard is lifted for this one statement), so they reach the agency on reactivation
 * and not before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table invoice_events add column withheld_agency_id uuid references agencies(id);
alter table invoice_events add column reissue_of bigint references invoice_events(position);
create index invoice_events_withheld on invoice_events (withheld_agency_id, company_id, position) where withheld_agency_id is not null;
create unique index invoice_events_reissue on invoice_events (reissue_of) where reissue_of is not null;

create or replace function innfri_event_agency() returns trigger language plpgsql as $$
begin
  if NEW.agency_id is null then
    select h.agency_id, k.case_number into NEW.agency_id, NEW.case_number
    from handovers h left join cases k on k.id = h.case_id
    where h.invoice_id = NEW.invoice_id and h.state in ('approved', 'in_case');
  elsif NEW.case_number is null and NEW.reissue_of is null then
    select k.case_number into NEW.case_number
    from handovers h join cases k on k.id = h.case_id
    where h.invoice_id = NEW.invoice_id and h.agency_id = NEW.agency_id
    order by h.created_at desc limit 1;
  end if;
  -- Visibility, decided now and for good: an agency the company has not active does not read it.
  if NEW.agency_id is not null and not exists (
    select 1 from agency_activations x
    where x.company_id = NEW.company_id and x.agency_id = NEW.agency_id and x.active
  ) then
    NEW.withheld_agency_id := NEW.agency_id;
    NEW.agency_id := null;
  end if;
  return NEW;
end $$;

alter table invoice_events disable trigger invoice_events_append_only;
update invoice_events e
set withheld_agency_id = e.agency_id, agency_id = null
from agency_activations x
where x.agency_id = e.agency_id and x.company_id = e.company_id and not x.active and e.occurred_at > x.changed_at;
alter table invoice_events enable trigger invoice_events_append_only;
`.execute(db);
}
