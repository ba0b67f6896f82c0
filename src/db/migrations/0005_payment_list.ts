import { type Kysely, sql } from 'kysely';

/**
 * The payment list's order, newest first: payment date, then when it was registered, then id, so the
 * order is total and a keyset cursor on it neither skips nor repeats a payment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index payments_list on payments (company_id, payment_date desc, created_at desc, id desc);
`.execute(db);
}
