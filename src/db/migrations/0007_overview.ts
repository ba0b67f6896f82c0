import { type Kysely, sql } from 'kysely';

/**
 * Oversikt's «recovered by agencies per month» reads a company's settlement entries of the last 12
 * months: with this partial index it reads just those (and their matches by `matches_credit`)
 * instead of every match of the company.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index open_items_settlements on open_items (company_id, entry_date) where voucher_type = 'settlement';
`.execute(db);
}
