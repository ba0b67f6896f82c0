import { sql } from 'kysely';
import type { Trx } from '../db/database.js';

/**
 * The next number of a gap-free series (vouchers per year, invoices, credit notes, customers).
 * The row lock on the series is held to commit, so a rolled-back transaction gives its number
 * back and concurrent writers take numbers one after another: no gaps, no duplicates.
 */
export async function nextInSeries(
  trx: Trx,
  companyId: string,
  series: string,
  year = 0,
  atLeast = 1,
): Promise<number> {
  const row = await sql<{ last_value: number }>`
    insert into number_series (company_id, series, year, last_value)
    values (${companyId}, ${series}, ${year}, ${atLeast})
    on conflict (company_id, series, year)
    do update set last_value = greatest(number_series.last_value + 1, ${atLeast})
    returning last_value`.execute(trx);
  const value = row.rows[0]?.last_value;
  if (value === undefined) throw new Error('number series returned nothing');
  return value;
}

/** Raises the series so that `used` (a number chosen by hand) is never handed out again. */
export async function reserveInSeries(
  trx: Trx,
  companyId: string,
  series: string,
  used: number,
  year = 0,
): Promise<void> {
  await sql`
    insert into number_series (company_id, series, year, last_value)
    values (${companyId}, ${series}, ${year}, ${used})
    on conflict (company_id, series, year)
    do update set last_value = greatest(number_series.last_value, ${used})`.execute(trx);
}
