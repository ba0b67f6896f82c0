import { type Kysely, sql } from 'kysely';

/**
 * Who sends the inkassovarsel for a handed-over invoice: the creditor did before the handover
 * (`creditor`), or the agency will (`agency`, a company that leaves the notice to its agency).
 * Null on handovers made before this was recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table handovers add column collection_notice_by text check (collection_notice_by in ('creditor', 'agency'));
`.execute(db);
}
