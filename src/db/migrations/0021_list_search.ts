import { type Kysely, sql } from 'kysely';

/**
 * The working lists' search (issue 18; `shared/search.ts`, `ledger/open-item.service.ts`
 * `searchTargets`): each field a search can hit has an index, so a search resolves through index
 * lookups whatever the company's size. Invoice number, KID and customer number have their unique
 * indexes already; a case's invoices and a handover's case theirs. Customer names are matched by
 * ILIKE over the company's customers (far fewer than invoices; pg_trgm is not used, as a PostgreSQL
 * server may not allow the extension).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index invoices_total_amount on invoices (company_id, total_amount);
create index open_items_search_invoice on open_items (invoice_id) where invoice_id is not null;
create index open_items_search_amount on open_items (company_id, amount);
create index open_items_search_open_amount on open_items (company_id, open_amount) where open_amount <> 0;
create index payments_search_amount on payments (company_id, amount);
create index payments_search_kid on payments (company_id, kid) where kid is not null;
create index payments_search_invoice on payments (invoice_id) where invoice_id is not null;
create index cases_search_number on cases (company_id, lower(case_number));
`.execute(db);
}
