/**
 * One customer's collection cases (the customer card, `GET /cases?customerId=`): the page is cut
 * from `cases` on its customer index (migration 0028) and read in the list's shape by
 * `casesByIds`, so a customer's cases look as they do under «Åpne»/«Arkivert».
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { searchTargets } from '../ledger/open-item.service.js';
import type { ListSearch } from '../shared/search.js';
import { type CaseView, casesByIds } from './case.service.js';

export async function listCustomerCases(
  db: Db | Trx,
  companyId: string,
  customerId: string,
  options: {
    agencyId?: string | undefined;
    state?: 'open' | 'archived' | undefined;
    limit: number;
    after?: { createdAt: string; id: string } | undefined;
    search?: ListSearch | null | undefined;
  },
): Promise<CaseView[]> {
  const s = options.search;
  // The list's search rule (shared/search.ts through searchTargets), narrowed to one customer: the
  // case number itself, the customer (then every case of theirs), or one of the case's invoices.
  const found = s ? await searchTargets(db, companyId, s) : null;
  if (found?.customerIds.includes(customerId))
    return listCustomerCases(db, companyId, customerId, { ...options, search: null });
  const a = options.after;
  const ids = await sql<{ id: string }>`
    select k.id from cases k
    where k.company_id = ${companyId} and k.customer_id = ${customerId}
      ${options.agencyId ? sql`and k.agency_id = ${options.agencyId}` : sql``}
      ${options.state ? sql`and k.state = ${options.state}` : sql``}
      ${a ? sql`and (k.created_at, k.id) > (${new Date(a.createdAt)}, ${a.id})` : sql``}
      ${
        s && found
          ? sql`and (lower(k.case_number) = ${s.text.toLowerCase()}
              ${
                found.invoiceIds.length > 0
                  ? sql`or exists (select 1 from case_invoices ci where ci.case_id = k.id and ci.invoice_id in (${sql.join(found.invoiceIds)}))`
                  : sql``
              })`
          : sql``
      }
    order by k.created_at, k.id
    limit ${options.limit}`.execute(db);
  return casesByIds(
    db,
    companyId,
    ids.rows.map((r) => r.id),
  );
}
