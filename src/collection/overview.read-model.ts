import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { addOre, type Ore, ore } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';
import { handoverCounts } from './handover.service.js';

/*
 * A read model: Oversikt's figures (ageing, the collection funnel, money recovered per month) in a
 * few aggregate queries over the ledger's entries and matches and sales' invoices. One module
 * reading others' tables on purpose, for one screen, and nothing here writes; the reads are listed
 * in scripts/table-owners.known.json.
 */

/** The ageing buckets, by days past the due date (negative: not yet due). `to` null: no upper bound. */
export const AGE_BUCKETS = [
  { key: 'notDue', from: null, to: -1 },
  { key: 'd0_14', from: 0, to: 14 },
  { key: 'd15_30', from: 15, to: 30 },
  { key: 'd31_60', from: 31, to: 60 },
  { key: 'd61_90', from: 61, to: 90 },
  { key: 'd90plus', from: 91, to: null },
] as const;
export type AgeBucketKey = (typeof AGE_BUCKETS)[number]['key'];

export interface Figure {
  count: number;
  openAmount: Ore;
}

export interface Overview {
  today: string;
  agedReceivables: {
    buckets: Array<{ key: AgeBucketKey; fromDays: number | null; toDays: number | null } & Figure>;
    total: Figure;
  };
  funnel: {
    reminderList: Figure;
    drafts: Figure;
    approved: Figure;
    openCases: Figure & { invoiceCount: number };
    archivedCases: Figure & { invoiceCount: number };
  };
  recoveredByMonth: Array<{ month: string; amount: Ore }>;
}

function bucketOf(daysOverdue: number): AgeBucketKey {
  for (const b of AGE_BUCKETS)
    if ((b.from === null || daysOverdue >= b.from) && (b.to === null || daysOverdue <= b.to)) return b.key;
  return 'd90plus';
}

/** `YYYY-MM` of the month `back` months before the month of `today`. */
function monthBefore(today: string, back: number): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - back;
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function lastDayOfMonth(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return d.toISOString().slice(0, 10);
}

/**
 * The overview: what is open by age (invoices' open items, by days past due on `today`), how far
 * claims have come on the way to an agency, and what the agencies recovered (settlement principal
 * matched against receivables, and recovered on written-off invoices — credited to the loss account
 * on the invoice — by the month of the settlement voucher's date, the last 12 months).
 */
export async function companyOverview(db: Db | Trx, companyId: string, today: string): Promise<Overview> {
  const firstMonth = monthBefore(today, 11);
  const lastMonth = monthBefore(today, 0);
  const { accounts } = await getCompany(db, companyId);
  const from = `${firstMonth}-01`;
  const to = lastDayOfMonth(lastMonth);
  const [aged, reminder, counts, cases, recovered, recoveredLosses] = await Promise.all([
    // Sums are cast to bigint so the driver's int8 parser (the safe-integer guard) reads them.
    sql<{ days: number; count: number; open: Ore }>`
      select (${today}::date - o.due_date) as days, count(*) as count, sum(o.open_amount)::bigint as open
      from open_items o join invoices i on i.posting_id = o.posting_id
      where o.company_id = ${companyId} and o.open_amount > 0 and o.invoice_id is not null and o.due_date is not null
      group by 1`.execute(db),
    sql<{ count: number; open: Ore | null }>`
      select count(*) as count, sum(o.open_amount)::bigint as open
      from open_items o join invoices i on i.posting_id = o.posting_id
      where o.company_id = ${companyId} and o.open_amount > 0 and o.invoice_id is not null and o.due_date < ${today}
        and not exists (select 1 from handovers h where h.invoice_id = i.id and h.state in ('draft', 'approved', 'in_case'))`.execute(
      db,
    ),
    handoverCounts(db, companyId, ['draft', 'approved']),
    sql<{ state: 'open' | 'archived'; cases: number; invoices: number; open: Ore | null }>`
      select k.state, count(distinct k.id) as cases, count(h.id) as invoices, sum(o.open_amount)::bigint as open
      from cases k
      left join handovers h on h.case_id = k.id and h.state in ('in_case', 'archived')
      left join invoices i on i.id = h.invoice_id
      left join open_items o on o.posting_id = i.posting_id
      where k.company_id = ${companyId}
      group by k.state`.execute(db),
    sql<{ month: string; amount: Ore }>`
      select to_char(c.entry_date, 'YYYY-MM') as month, sum(m.amount)::bigint as amount
      from open_items c join matches m on m.credit_posting_id = c.posting_id
      where c.company_id = ${companyId} and c.voucher_type = 'settlement'
        and c.entry_date >= ${from}::date and c.entry_date <= ${to}::date
      group by 1`.execute(db),
    // The loss account's entries are few (write-offs and recoveries): read by postings_account.
    sql<{ month: string; amount: Ore }>`
      select to_char(v.voucher_date, 'YYYY-MM') as month, (-sum(p.amount))::bigint as amount
      from postings p join vouchers v on v.id = p.voucher_id
      where p.company_id = ${companyId} and p.account = ${accounts.loss} and p.invoice_id is not null and v.type = 'settlement'
        and v.voucher_date >= ${from}::date and v.voucher_date <= ${to}::date
      group by 1`.execute(db),
  ]);

  // Amounts are added with addOre: a partial sum past 2^53 is refused, never rounded.
  const buckets = AGE_BUCKETS.map((b) => ({
    key: b.key,
    fromDays: b.from,
    toDays: b.to,
    count: 0,
    openAmount: ore(0),
  }));
  for (const r of aged.rows) {
    const b = buckets.find((x) => x.key === bucketOf(r.days))!;
    b.count += r.count;
    b.openAmount = addOre(b.openAmount, r.open);
  }
  const total = buckets.reduce(
    (s, b) => ({ count: s.count + b.count, openAmount: addOre(s.openAmount, b.openAmount) }),
    {
      count: 0,
      openAmount: ore(0),
    },
  );
  const caseFigure = (state: 'open' | 'archived') => {
    const r = cases.rows.find((x) => x.state === state);
    return { count: r?.cases ?? 0, invoiceCount: r?.invoices ?? 0, openAmount: r?.open ?? ore(0) };
  };
  const months = Array.from({ length: 12 }, (_, i) => monthBefore(today, 11 - i));
  return {
    today,
    agedReceivables: { buckets, total },
    funnel: {
      reminderList: { count: reminder.rows[0]?.count ?? 0, openAmount: reminder.rows[0]?.open ?? ore(0) },
      drafts: counts.draft,
      approved: counts.approved,
      openCases: caseFigure('open'),
      archivedCases: caseFigure('archived'),
    },
    recoveredByMonth: months.map((month) => ({
      month,
      amount: addOre(
        ...[recovered, recoveredLosses].map((q) => q.rows.find((r) => r.month === month)?.amount ?? ore(0)),
      ),
    })),
  };
}
