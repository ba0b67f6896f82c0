import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { chunks } from '../shared/chunks.js';
import { type Ore, oreFromDb } from '../shared/money.js';
import type { VoucherType } from './voucher.table.js';

/**
 * Read functions over receivables for other modules' figures (a case's money): what was matched
 * against an entry, by the kind of voucher that paid it, and what settlements recovered on the loss
 * account for invoices already written off. Sums are cast to bigint in SQL and read through the one
 * safe-integer guard; nothing here writes.
 */

const CHUNK = 1000;

export interface MatchedByType {
  debitEntryId: number;
  voucherType: VoucherType;
  amount: Ore;
}

/** The sum matched against each debit entry (undone matches net out), by the type of the credit's voucher. */
export async function matchedByCreditType(
  db: Db | Trx,
  companyId: string,
  debitEntryIds: number[],
): Promise<MatchedByType[]> {
  const result: MatchedByType[] = [];
  for (const chunk of chunks([...new Set(debitEntryIds)], CHUNK)) {
    const rows = await sql<{ debit_posting_id: number; voucher_type: VoucherType; amount: string | number }>`
      select m.debit_posting_id, c.voucher_type, sum(m.amount)::bigint as amount
      from matches m join open_items c on c.posting_id = m.credit_posting_id
      where m.company_id = ${companyId} and m.debit_posting_id in (${sql.join(chunk)})
      group by m.debit_posting_id, c.voucher_type`.execute(db);
    for (const r of rows.rows)
      result.push({ debitEntryId: r.debit_posting_id, voucherType: r.voucher_type, amount: oreFromDb(r.amount) });
  }
  return result;
}

/**
 * Each match against these debit entries, with the date of the credit's voucher (an undone match
 * shows as its negative): what reduced an invoice's principal, and when (dunning's interest). One
 * query per chunk of entries.
 */
export async function matchedAgainst(
  db: Db | Trx,
  companyId: string,
  debitEntryIds: number[],
): Promise<Array<{ debitEntryId: number; voucherDate: string; amount: Ore }>> {
  const result: Array<{ debitEntryId: number; voucherDate: string; amount: Ore }> = [];
  for (const chunk of chunks([...new Set(debitEntryIds)], CHUNK)) {
    const rows = await sql<{ debit_posting_id: number; voucher_date: string; amount: Ore }>`
      select m.debit_posting_id, v.voucher_date, m.amount
      from matches m join postings p on p.id = m.credit_posting_id join vouchers v on v.id = p.voucher_id
      where m.company_id = ${companyId} and m.debit_posting_id in (${sql.join(chunk)})`.execute(db);
    for (const r of rows.rows)
      result.push({ debitEntryId: r.debit_posting_id, voucherDate: r.voucher_date, amount: r.amount });
  }
  return result;
}

/**
 * What settlements credited to the loss account on each of these invoices: money an agency
 * recovered on an invoice written off earlier (its receivable was closed by the write-off).
 */
export async function recoveredOnLossAccount(
  db: Db | Trx,
  companyId: string,
  invoiceIds: string[],
  lossAccount: number,
): Promise<Map<string, Ore>> {
  const result = new Map<string, Ore>();
  for (const chunk of chunks([...new Set(invoiceIds)], CHUNK)) {
    const rows = await sql<{ invoice_id: string; recovered: string | number }>`
      select p.invoice_id, (-sum(p.amount))::bigint as recovered
      from postings p join vouchers v on v.id = p.voucher_id
      where v.company_id = ${companyId} and p.invoice_id in (${sql.join(chunk)})
        and p.account = ${lossAccount} and v.type = 'settlement'
      group by p.invoice_id`.execute(db);
    for (const r of rows.rows) result.set(r.invoice_id, oreFromDb(r.recovered));
  }
  return result;
}

/**
 * The date of the latest payment still matched against any of these debit entries (a payment whose
 * match was undone, e.g. by a reversal, is left out); null when none is.
 */
export async function latestPaymentDate(
  db: Db | Trx,
  companyId: string,
  debitEntryIds: number[],
): Promise<string | null> {
  let latest: string | null = null;
  for (const chunk of chunks([...new Set(debitEntryIds)], CHUNK)) {
    const rows = await sql<{ paid_on: string | null }>`
      select max(p.entry_date)::text as paid_on from (
        select c.posting_id, c.entry_date
        from matches m join open_items c on c.posting_id = m.credit_posting_id
        where m.company_id = ${companyId} and m.debit_posting_id in (${sql.join(chunk)}) and c.voucher_type = 'payment'
        group by c.posting_id, c.entry_date having sum(m.amount) > 0) p`.execute(db);
    const found = rows.rows[0]?.paid_on ?? null;
    if (found !== null && (latest === null || found > latest)) latest = found;
  }
  return latest;
}
