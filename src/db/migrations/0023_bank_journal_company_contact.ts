import { type Kysely, sql } from 'kysely';

/**
 * The bank import's second part (issue 14):
 * - a reversal (`RvslInd`) of an entry imported before is linked to it (`reverses_entry_id`) and
 *   offered (`reversal_offered`) until the accountant accepts it (`reversed`: the original's voucher
 *   reversed, recorded as a decision); an entry is reversed once only;
 * - an agency's payment of one amount for many cases is matched to its posted settlement
 *   (`settlement_id`, rule `settlement`): the settlement's voucher has the bank line already, so it
 *   is not booked twice; a settlement is matched by one bank entry only;
 * - rule `amount_account`: the payer's account was seen before on entries of exactly one customer.
 *
 * And for SAF-T (issue 17): the company's own telephone and e-mail (`companies.phone`, `email`),
 * the header's contact when the person asking for the file gives none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table bank_entries drop constraint bank_entries_state_check;
alter table bank_entries add constraint bank_entries_state_check
  check (state in ('pending', 'booked', 'unmatched', 'resolved', 'skipped', 'duplicate', 'reversal_offered', 'reversed'));
alter table bank_entries drop constraint bank_entries_rule_check;
alter table bank_entries add constraint bank_entries_rule_check
  check (rule in ('kid', 'invoice_number', 'amount_account', 'amount_name', 'settlement'));
alter table bank_entries
  add column reverses_entry_id uuid references bank_entries(id),
  add column settlement_id uuid,
  add constraint bank_entries_settlement foreign key (company_id, settlement_id) references settlements(company_id, id),
  add constraint bank_entries_reversal_linked check (state not in ('reversal_offered', 'reversed') or reverses_entry_id is not null);
create unique index bank_entries_reversed_once on bank_entries (reverses_entry_id) where reverses_entry_id is not null;
create unique index bank_entries_settlement_once on bank_entries (settlement_id) where settlement_id is not null;
create index bank_entries_payer_account on bank_entries (company_id, debtor_account)
  where customer_id is not null and debtor_account is not null;
create index bank_entries_reversal_candidates on bank_entries (company_id, amount)
  where direction = 'credit' and not reversal and state in ('booked', 'resolved');

alter table bank_entry_decisions drop constraint bank_entry_decisions_action_check;
alter table bank_entry_decisions add constraint bank_entry_decisions_action_check
  check (action in ('invoice', 'customer', 'not_customer_payment', 'account', 'reversal'));

alter table companies
  add column phone text check (phone ~ '^[+]?[0-9][0-9 ]{2,15}[0-9]$'),
  add column email text check (length(email) between 3 and 200 and email like '%_@_%');
`.execute(db);
}
