import { type Kysely, sql } from 'kysely';

/**
 * No global serialisation point (issue 15). Until now every event of every company took the one
 * `event_counter` row at commit, so all companies' writes queued on it. Now:
 *
 * - `invoice_events.position` is only the event's identity: from a sequence (no lock), never a feed
 *   order. `reissue_of` still names it.
 * - `company_position`: the company's own gap-free feed (the accountant's event list), handed out in
 *   commit order from `company_event_counters` (one row per company), taken by the event flush at
 *   the very end of the transaction. Reissues have none (the company's list leaves them out).
 * - `feed_position`: the agency's feed (`GET /agency/v1/events`, webhooks), gap-free per agency in
 *   commit order, taken by the event trigger from `agency_event_counters` (one row per agency) when
 *   the event is visible to the agency — decided in the same trigger, as migration 0008 says.
 *
 * Each counter row's lock is held to commit, so within a company (and within an agency) a later
 * writer gets its positions after the earlier one is visible, as before; different companies no
 * longer wait for each other, and one agency's clients wait only at the moment they write that
 * agency's events. Existing events keep their numbers (`company_position` and `feed_position` =
 * `position`) and every counter starts past the largest position handed out, so readers' cursors
 * (an agency's `after`, a webhook's delivered position) stay valid.
 *
 * Voucher numbers are taken at the end of the transaction too (ledger/voucher.repository.ts): a
 * voucher is stored without its number, which the before-commit numbering sets once. The
 * append-only guard lets exactly that update through (number null → a number, nothing else
 * changed), and a deferred check refuses a commit that leaves a voucher unnumbered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create sequence invoice_events_position_seq owned by invoice_events.position;
select setval('invoice_events_position_seq',
  greatest(coalesce((select max(position) from invoice_events), 0), (select last_position from event_counter where id = 1)) + 1, false);
alter table invoice_events alter column position set default nextval('invoice_events_position_seq');

alter table invoice_events add column company_position bigint;
alter table invoice_events add column feed_position bigint;
alter table invoice_events disable trigger invoice_events_append_only;
update invoice_events set
  company_position = case when reissue_of is null then position end,
  feed_position = case when agency_id is not null then position end;
alter table invoice_events enable trigger invoice_events_append_only;
create unique index invoice_events_company_feed on invoice_events (company_id, company_position) where company_position is not null;
create unique index invoice_events_agency_feed on invoice_events (agency_id, feed_position) where agency_id is not null;
drop index invoice_events_agency;
drop index invoice_events_company;
alter table invoice_events add constraint invoice_events_feed_position check ((agency_id is null) = (feed_position is null));

create table company_event_counters (
  company_id uuid primary key references companies(id),
  last_position bigint not null
);
create table agency_event_counters (
  agency_id uuid primary key references agencies(id),
  last_position bigint not null
);
insert into company_event_counters (company_id, last_position)
select c.id, (select last_position from event_counter where id = 1) from companies c;
insert into agency_event_counters (agency_id, last_position)
select a.id, (select last_position from event_counter where id = 1) from agencies a;
drop table event_counter;

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
  -- The agency's feed position, in commit order: its counter row stays locked to commit (this
  -- insert is the transaction's last work, see ledger/invoice-event.repository.ts).
  if NEW.agency_id is not null then
    insert into agency_event_counters as c (agency_id, last_position) values (NEW.agency_id, 1)
    on conflict (agency_id) do update set last_position = c.last_position + 1
    returning c.last_position into NEW.feed_position;
  else
    NEW.feed_position := null;
  end if;
  return NEW;
end $$;

alter table vouchers alter column number drop not null;
create function innfri_voucher_update() returns trigger language plpgsql as $$
begin
  -- The one change allowed: the number given at the end of the voucher's own transaction.
  if TG_OP = 'UPDATE' and OLD.number is null and NEW.number is not null
     and (NEW.company_id, NEW.id, NEW.fiscal_year, NEW.type, NEW.voucher_date, NEW.description,
          NEW.reverses_voucher_id, NEW.created_by, NEW.created_at)
         is not distinct from
         (OLD.company_id, OLD.id, OLD.fiscal_year, OLD.type, OLD.voucher_date, OLD.description,
          OLD.reverses_voucher_id, OLD.created_by, OLD.created_at) then
    return NEW;
  end if;
  raise exception '% is append-only: correct it with a reversal', TG_TABLE_NAME using errcode = '55000';
end $$;
drop trigger vouchers_append_only on vouchers;
create trigger vouchers_append_only before update or delete on vouchers for each row execute function innfri_voucher_update();

create function innfri_check_voucher_numbered() returns trigger language plpgsql as $$
begin
  if exists (select 1 from vouchers where id = NEW.id and number is null) then
    raise exception 'voucher % has no number at commit', NEW.id using errcode = '23502';
  end if;
  return null;
end $$;
create constraint trigger vouchers_numbered after insert on vouchers
  deferrable initially deferred for each row execute function innfri_check_voucher_numbered();
`.execute(db);
}
