import { type Kysely, sql } from 'kysely';

/**
 * What a case and a decision remember (issue 11):
 * - `dunning_decisions` keeps why and by whom in fields, not in an English sentence: `cause` (what
 *   produced the decision: an agency's rejection, a withdrawn case …), `case_number`, and
 *   `actor_name` (the agency's name as it was when it decided). `reason` holds only the words the
 *   user or the agency gave. The sentences the service wrote before are taken apart here.
 * - `case_invoices`: every invoice a case had and how it left it (ended with the case, rejected,
 *   moved by a merge), so an archived case keeps its list and figures. Filled from the handovers.
 * - `case_history.figures`: the figures of a line (invoice counts, the cases of a merge), so the
 *   UI says it in its own language. Filled from the fixed English forms written before.
 * - `settlements.statement`: an ordered list of labelled lines, or null when none was sent. Stored
 *   objects become lists (jsonb kept their keys in its own order, so that order is all that is left);
 *   integers were øre (as the screen showed them), anything else becomes text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table dunning_decisions
  add column cause text check (cause in ('handover_rejected', 'handover_recalled', 'agency_rejected_invoice', 'agency_rejected_case', 'case_withdrawn', 'case_closed', 'case_paid', 'sent_to_collection', 'case_disputed', 'case_dispute_ended')),
  add column case_number text,
  add column actor_name text;

update dunning_decisions d set
  cause = 'agency_rejected_case',
  case_number = (regexp_match(d.reason, '^the agency gave case ([^:]+) back: '))[1],
  reason = regexp_replace(d.reason, '^the agency gave case [^:]+ back: ', '')
where d.actor_type = 'agency' and d.reason ~ '^the agency gave case [^:]+ back: ';
update dunning_decisions d set
  cause = 'agency_rejected_invoice',
  reason = regexp_replace(d.reason, '^rejected by the agency: ', '')
where d.actor_type = 'agency' and d.reason ~ '^rejected by the agency: ';
update dunning_decisions d set actor_name = a.name from agencies a where d.actor_type = 'agency' and a.id = d.actor_id;

create table case_invoices (
  company_id uuid not null references companies(id),
  case_id uuid not null references cases(id),
  handover_id uuid not null references handovers(id),
  invoice_id uuid not null,
  joined_at timestamptz not null default now(),
  left_at timestamptz,
  -- null while the invoice is in the case; ended: the case ended with it (paid, withdrawn, closed);
  -- rejected: the agency gave it back; moved: a merge took it to moved_to
  outcome text check (outcome in ('ended', 'rejected', 'moved')),
  moved_to uuid references cases(id),
  primary key (case_id, handover_id),
  check ((outcome is null) = (left_at is null)),
  check ((outcome = 'moved') = (moved_to is not null))
);
create index case_invoices_handover on case_invoices (handover_id) where outcome is null;

insert into case_invoices (company_id, case_id, handover_id, invoice_id, joined_at, left_at, outcome)
select h.company_id, h.case_id, h.id, h.invoice_id, coalesce(h.approved_at, h.created_at),
       case when h.state = 'in_case' then null else coalesce(h.ended_at, now()) end,
       case h.state when 'in_case' then null when 'rejected' then 'rejected' else 'ended' end
from handovers h where h.case_id is not null and h.state in ('in_case', 'archived', 'rejected');

alter table case_history add column figures jsonb;
update case_history set figures = jsonb_build_object('invoiceCount', (regexp_match(detail, '^(\\d+) invoice\\(s\\)'))[1]::int)
where detail ~ '^\\d+ invoice\\(s\\)';
update case_history set figures = jsonb_build_object('into', (regexp_match(detail, '^merged into (.+)$'))[1])
where detail ~ '^merged into ';
update case_history set figures = jsonb_build_object('caseNumbers', to_jsonb(string_to_array((regexp_match(detail, '^merged (.+) into this case$'))[1], ', ')))
where detail ~ '^merged .+ into this case$';
update case_history set figures = jsonb_build_object('caseNumbers', to_jsonb(string_to_array((regexp_match(detail, '^merged from (.+)$'))[1], ', ')))
where detail ~ '^merged from ';

alter table settlements alter column statement drop not null;
update settlements s set statement = null where jsonb_typeof(s.statement) = 'object' and s.statement = '{}'::jsonb;
update settlements s set statement = (
  select jsonb_agg(case
    when jsonb_typeof(e.value) = 'number' and (e.value #>> '{}') ~ '^-?\\d+$' then jsonb_build_object('label', e.key, 'amount', e.value)
    when jsonb_typeof(e.value) = 'string' then jsonb_build_object('label', e.key, 'text', e.value)
    when jsonb_typeof(e.value) = 'null' then jsonb_build_object('label', e.key)
    else jsonb_build_object('label', e.key, 'text', e.value #>> '{}') end order by e.ordinality)
  from jsonb_each(s.statement) with ordinality e)
where jsonb_typeof(s.statement) = 'object';
`.execute(db);
}
