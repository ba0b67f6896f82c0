import { type Kysely, sql } from 'kysely';

/**
 * Locked periods and the audit trail (issue 17).
 *
 * `period_locks`: a company's books locked up to a date, as a history (append-only): the newest row
 * of a company is its lock (`locked_to` null: unlocked). A trigger on `vouchers` refuses a voucher
 * dated on or before it, whoever posts it, so the ledger's own check in `postVoucher` is not the only
 * guard. The trigger first takes the company's lock key as a shared advisory lock, and locking takes
 * it exclusively: a lock and a voucher of the same company are serialised, so a voucher never slips
 * in while a lock commits (each plpgsql statement reads a fresh snapshot after the wait).
 *
 * `audit_events`: who did what, when and from where, one append-only row per change, written in
 * the change's own transaction (`src/audit/audit.service.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
create table period_locks (
  company_id uuid not null references companies(id),
  id bigint generated always as identity primary key,
  locked_to date,
  set_by uuid references users(id),
  set_by_name text not null,
  set_at timestamptz not null default now()
);
create index period_locks_company on period_locks (company_id, id desc);

create trigger period_locks_append_only before update or delete on period_locks
  for each row execute function innfri_append_only();
create trigger period_locks_no_truncate before truncate on period_locks execute function innfri_append_only();

create function innfri_check_period_lock() returns trigger language plpgsql as $$
declare
  lock period_locks%rowtype;
begin
  perform pg_advisory_xact_lock_shared(hashtextextended('innfri_period_lock:' || NEW.company_id::text, 0));
  select * into lock from period_locks where company_id = NEW.company_id order by id desc limit 1;
  if lock.locked_to is not null and NEW.voucher_date <= lock.locked_to then
    raise exception 'period_locked: voucher date % is in the period locked up to %', NEW.voucher_date, lock.locked_to
      using errcode = '23514', constraint = 'vouchers_period_locked',
        detail = json_build_object('lockedTo', lock.locked_to, 'lockedBy', lock.set_by, 'lockedByName', lock.set_by_name,
          'lockedAt', lock.set_at)::text;
  end if;
  return NEW;
end $$;
create trigger vouchers_period_lock before insert on vouchers
  for each row execute function innfri_check_period_lock();

create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default clock_timestamp(),
  company_id uuid references companies(id),
  actor_type text not null check (actor_type in ('user', 'agency', 'system', 'cli')),
  actor_user_id uuid references users(id),
  actor_agency_id uuid references agencies(id),
  actor_name text not null default '',
  request_id text,
  peer_address text,
  kind text not null check (kind ~ '^[a-z_]+[.][a-z_.]+$'),
  subject_ids text[] not null default '{}',
  before jsonb,
  after jsonb
);
create index audit_events_company on audit_events (company_id, id desc);
create index audit_events_company_kind on audit_events (company_id, kind, id desc);

create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function innfri_append_only();
create trigger audit_events_no_truncate before truncate on audit_events execute function innfri_append_only();
`)
    .execute(db);
}
