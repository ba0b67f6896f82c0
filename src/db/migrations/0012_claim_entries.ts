import { type Kysely, sql } from 'kysely';

/**
 * Which claim a customer entry that is not the invoice itself belongs to — today the reminder fees
 * (`reminder_fee` vouchers, Dr receivable on the customer). The ledger owns the link, so «Avskriv»,
 * credit notes, settlements and the customer ledger find an invoice's fee items without reading the
 * reminder tables. Written once, with the entry, in the same transaction (append-only, like postings).
 * Filled here from the letters already sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table claim_entries (
  company_id uuid not null references companies(id),
  posting_id bigint primary key references open_items(posting_id),
  invoice_id uuid not null,
  kind text not null check (kind in ('reminder_fee')),
  foreign key (company_id, invoice_id) references invoices(company_id, id)
);
create index claim_entries_invoice on claim_entries (company_id, invoice_id);

create trigger claim_entries_append_only before update or delete on claim_entries
  for each row execute function innfri_append_only();

insert into claim_entries (company_id, posting_id, invoice_id, kind)
  select company_id, fee_posting_id, invoice_id, 'reminder_fee' from reminders where fee_posting_id is not null;
`.execute(db);
}
