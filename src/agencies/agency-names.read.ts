import type { Db, Trx } from '../db/database.js';

/** The names of these agencies by id (one statement), for lists in other modules that show them. */
export async function agencyNames(db: Db | Trx, agencyIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(agencyIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
