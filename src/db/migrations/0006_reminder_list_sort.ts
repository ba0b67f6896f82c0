import { type Kysely, sql } from 'kysely';

/**
 * The reminder list sorted by open amount (`sort=openAmount` / `-openAmount`): a partial index
 * like open_items_overdue, so a page is read from the index in either direction instead of
 * sorting every overdue row. Rows not yet due are on it too and are filtered as the scan goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index open_items_open_amount on open_items (company_id, open_amount, posting_id) where open_amount > 0 and invoice_id is not null;
`.execute(db);
}
