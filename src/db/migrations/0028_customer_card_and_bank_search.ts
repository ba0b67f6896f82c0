import { type Kysely, sql } from 'kysely';

/**
 * The customer card and the bank lists' search (issue 18): a customer's cases page on their own
 * index (`collection/customer-cases.read.ts`), a letter's e-mails are found by the letter whatever
 * their status (`mail/letter-delivery.read.ts`), and a bank entry is found by amount, KID or the
 * bank's reference through an index (`bank/bank-search.ts`); the free text is looked for within the
 * list's own rows (one import by `(import_id, seq)`, or the unmatched queue's partial index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index cases_customer on cases (company_id, customer_id, created_at, id);
create index mail_messages_letter on mail_messages (company_id, letter_id, created_at);
create index bank_entries_search_amount on bank_entries (company_id, amount);
create index bank_entries_search_kid on bank_entries (company_id, kid) where kid is not null;
create index bank_entries_search_reference on bank_entries (company_id, bank_reference) where bank_reference is not null;
`.execute(db);
}
