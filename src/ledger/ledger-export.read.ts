/**
 * The ledger as read by exports (SAF-T): balances per account and per customer around a period, the
 * period's totals, and its lines in voucher order, keyset-paged. Read-only; nothing here is a rule.
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import type { Ore } from '../shared/money.js';
import type { VoucherType } from './voucher.table.js';

export type { VoucherType };

export interface Period {
  from: string;
  to: string;
}

/** An account's balance before the period and its debits and credits in it (credits negative). */
export interface AccountMovement {
  account: number;
  opening: Ore;
  debit: Ore;
  credit: Ore;
}

export async function accountMovements(db: Db | Trx, companyId: string, period: Period): Promise<AccountMovement[]> {
  const r = await sql<AccountMovement>`
    select p.account,
      coalesce(sum(p.amount) filter (where v.voucher_date < ${period.from}), 0)::int8 as opening,
      coalesce(sum(p.amount) filter (where v.voucher_date >= ${period.from} and p.amount > 0), 0)::int8 as debit,
      coalesce(sum(p.amount) filter (where v.voucher_date >= ${period.from} and p.amount < 0), 0)::int8 as credit
    from postings p join vouchers v on v.company_id = p.company_id and v.id = p.voucher_id
    where p.company_id = ${companyId} and v.voucher_date <= ${period.to}
    group by p.account order by p.account`.execute(db);
  return r.rows;
}

/** How many vouchers and lines the period has, and the sum of its debits and of its credits (negative). */
export async function periodTotals(
  db: Db | Trx,
  companyId: string,
  period: Period,
): Promise<{ vouchers: number; lines: number; debit: Ore; credit: Ore }> {
  const r = await sql<{ vouchers: number; lines: number; debit: Ore; credit: Ore }>`
    select count(distinct v.id)::int8 as vouchers, count(*)::int8 as lines,
      coalesce(sum(p.amount) filter (where p.amount > 0), 0)::int8 as debit,
      coalesce(sum(p.amount) filter (where p.amount < 0), 0)::int8 as credit
    from vouchers v join postings p on p.company_id = v.company_id and p.voucher_id = v.id
    where v.company_id = ${companyId} and v.voucher_date between ${period.from} and ${period.to}`.execute(db);
  return r.rows[0]!;
}

/** The customers' balances on each account they have entries on: before the period and at its end. */
export async function customerBalances(
  db: Db | Trx,
  companyId: string,
  customerIds: readonly string[],
  period: Period,
): Promise<Array<{ customerId: string; account: number; opening: Ore; closing: Ore }>> {
  if (customerIds.length === 0) return [];
  // Every customer entry is an open item (with its entry date and full amount), indexed by customer.
  const r = await sql<{ customerId: string; account: number; opening: Ore; closing: Ore }>`
    select o.customer_id as "customerId", o.account,
      coalesce(sum(o.amount) filter (where o.entry_date < ${period.from}), 0)::int8 as opening,
      sum(o.amount)::int8 as closing
    from open_items o
    where o.company_id = ${companyId} and o.customer_id in (${sql.join(customerIds)})
      and o.entry_date <= ${period.to}
    group by o.customer_id, o.account`.execute(db);
  return r.rows;
}

export interface LedgerLine {
  voucherId: string;
  fiscalYear: number;
  number: number;
  type: VoucherType;
  date: string;
  voucherDescription: string;
  createdAt: Date;
  lineNo: number;
  account: number;
  amount: Ore;
  customerId: string | null;
  invoiceId: string | null;
  dueDate: string | null;
  description: string;
  vatRate: 0 | 12 | 15 | 25 | null;
}

/** Where a page of vouchers ends: the next page starts after this voucher. */
export interface VoucherKey {
  fiscalYear: number;
  number: number;
}

/**
 * The lines of the period's next `vouchers` vouchers after `after`, in voucher-number order and
 * each voucher whole: the vouchers by their unique index (company, fiscal year, number), then each
 * one's lines by `postings (voucher_id, line_no)`, so a page costs the same however large the
 * ledger (or the database) is.
 */
export async function ledgerLinesPage(
  db: Db | Trx,
  companyId: string,
  period: Period,
  after: VoucherKey | null,
  vouchers: number,
): Promise<LedgerLine[]> {
  const a = after ?? { fiscalYear: Number(period.from.slice(0, 4)), number: 0 };
  const r = await sql<LedgerLine>`
    select v.id as "voucherId", v.fiscal_year as "fiscalYear", v.number, v.type, v.voucher_date as date,
      v.description as "voucherDescription", v.created_at as "createdAt", p.line_no as "lineNo", p.account,
      p.amount, p.customer_id as "customerId", p.invoice_id as "invoiceId", p.due_date as "dueDate",
      p.description, p.vat_rate as "vatRate"
    from (
      select v.* from vouchers v
      where v.company_id = ${companyId}
        and (v.company_id, v.fiscal_year, v.number) > (${companyId}, ${a.fiscalYear}, ${a.number})
        and v.fiscal_year <= ${Number(period.to.slice(0, 4))}
        and v.voucher_date between ${period.from} and ${period.to}
      order by v.company_id, v.fiscal_year, v.number
      limit ${vouchers}
    ) v
    cross join lateral (
      select * from postings p where p.voucher_id = v.id and p.company_id = v.company_id order by p.line_no
    ) p
    order by v.fiscal_year, v.number, p.line_no`.execute(db);
  return r.rows;
}

/** The VAT rates the period's lines were posted at. */
export async function vatRatesUsed(db: Db | Trx, companyId: string, period: Period): Promise<Array<0 | 12 | 15 | 25>> {
  const r = await sql<{ rate: 0 | 12 | 15 | 25 }>`
    select distinct p.vat_rate as rate
    from postings p join vouchers v on v.company_id = p.company_id and v.id = p.voucher_id
    where p.company_id = ${companyId} and p.vat_rate is not null
      and v.voucher_date between ${period.from} and ${period.to}
    order by 1`.execute(db);
  return r.rows.map((x) => x.rate);
}
