import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { beforeCommit } from '../db/transaction.js';
import { isUnitOfWork, slot } from '../db/unit-of-work.js';
import type { Ore } from '../shared/money.js';
import type { PostingLine } from './posting-builder.js';
import type { VoucherType } from './voucher.table.js';

export interface StoredPosting {
  id: number;
  lineNo: number;
  account: number;
  amount: Ore;
  customerId: string | null;
  invoiceId: string | null;
  dueDate: string | null;
  description: string;
}

export interface StoredVoucher {
  id: string;
  companyId: string;
  fiscalYear: number;
  number: number;
  type: VoucherType;
  date: string;
  description: string;
  reversesVoucherId: string | null;
  reversedByVoucherId: string | null;
  createdBy: string | null;
  createdAt: Date;
  postings: StoredPosting[];
}

/** The vouchers stored in a transaction that still wait for their numbers, and the numbers given. */
const NUMBERING = slot('voucher-numbers', () => ({
  pending: [] as Array<{ companyId: string; fiscalYear: number; id: string }>,
  given: new Map<string, number>(),
}));

/**
 * Stores a voucher and its postings. The voucher is stored without its number: the gap-free
 * series (`number_series`, per company and year) is taken at the very end of the transaction, in
 * the unit of work's `numbers` phase (`numberVouchers`), so its row lock — which every voucher of
 * the company and year queues on — is held only for that statement, the event flush and the
 * commit. A rollback gives the numbers back, as before.
 */
export async function insertVoucher(
  trx: Trx,
  row: {
    companyId: string;
    id: string;
    fiscalYear: number;
    type: VoucherType;
    date: string;
    description: string;
    reversesVoucherId: string | null;
    createdBy: string | null;
  },
  lines: readonly PostingLine[],
): Promise<{ postings: StoredPosting[] }> {
  const numbering = trx.unit.slot(NUMBERING);
  numbering.pending.push({ companyId: row.companyId, fiscalYear: row.fiscalYear, id: row.id });
  beforeCommit(trx, 'voucher-numbers', (t) => numberVouchers(t).then(() => undefined), 'numbers');
  const stored: StoredPosting[] = [];
  // The voucher and its (first thousand) postings in one statement: the postings select from the
  // voucher's insert, so it runs first and the postings trigger finds it. Chunked so that a 10 000-
  // line settlement stays within the protocol's parameter limit.
  const CHUNK = 1000;
  for (let start = 0; start < lines.length || start === 0; start += CHUNK) {
    const chunk = lines.slice(start, start + CHUNK);
    const values = chunk.map(
      (l, i) =>
        sql`(${start + i + 1}::int, ${l.account}::int, ${l.amount}::bigint, ${l.customerId}::uuid, ${l.invoiceId}::uuid, ${l.dueDate}::date, ${l.description}::text, ${l.vatRate ?? null}::int)`,
    );
    const voucher =
      start === 0
        ? sql`(insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description, reverses_voucher_id, created_by)
            values (${row.companyId}, ${row.id}, ${row.fiscalYear}, null, ${row.type}, ${row.date}, ${row.description}, ${row.reversesVoucherId}, ${row.createdBy})
            returning id)`
        : sql`(select ${row.id}::uuid as id)`;
    const inserted = await sql<{ id: number; line_no: number }>`
      with v as ${voucher}
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description, vat_rate)
      select ${row.companyId}::uuid, v.id, x.line_no, x.account, x.amount, x.customer_id, x.invoice_id, x.due_date, x.description, x.vat_rate
      from v, (values ${values.length > 0 ? sql.join(values) : sql`(null::int, null::int, null::bigint, null::uuid, null::uuid, null::date, null::text, null::int)`}) as x (line_no, account, amount, customer_id, invoice_id, due_date, description, vat_rate)
      where x.line_no is not null
      order by x.line_no
      returning id, line_no`.execute(trx);
    const ids = inserted.rows.sort((a, b) => a.line_no - b.line_no);
    for (const [i, r] of ids.entries()) {
      const l = chunk[i]!;
      stored.push({
        id: r.id,
        lineNo: r.line_no,
        account: l.account,
        amount: l.amount,
        customerId: l.customerId,
        invoiceId: l.invoiceId,
        dueDate: l.dueDate,
        description: l.description,
      });
    }
  }
  return { postings: stored };
}

/**
 * Gives every voucher of this transaction still without a number its number now (one statement per
 * company and year, in a fixed order), and returns the numbers given in the transaction by voucher
 * id. Runs by itself before commit; a caller that must show a number inside the transaction (a
 * manual voucher's answer, its audit record) calls it, and then holds the series' row from there.
 */
export async function numberVouchers(trx: Trx): Promise<ReadonlyMap<string, number>> {
  const numbering = trx.unit.slot(NUMBERING);
  const groups = new Map<string, { companyId: string; fiscalYear: number; ids: string[] }>();
  for (const v of numbering.pending) {
    const key = `${v.companyId}:${v.fiscalYear}`;
    const group = groups.get(key) ?? { companyId: v.companyId, fiscalYear: v.fiscalYear, ids: [] };
    group.ids.push(v.id);
    groups.set(key, group);
  }
  numbering.pending = [];
  for (const key of [...groups.keys()].sort()) {
    const { companyId, fiscalYear, ids } = groups.get(key)!;
    const k = ids.length;
    const numbered = await sql<{ id: string; number: number }>`
      with n as (
        insert into number_series as s (company_id, series, year, last_value) values (${companyId}, 'voucher', ${fiscalYear}, ${k})
        on conflict (company_id, series, year) do update set last_value = s.last_value + ${k}
        returning s.last_value - ${k} as base
      )
      update vouchers v set number = (select base from n) + x.i
      from (values ${sql.join(ids.map((id, i) => sql`(${id}::uuid, ${i + 1}::int)`))}) as x (id, i)
      where v.company_id = ${companyId} and v.id = x.id
      returning v.id, v.number`.execute(trx);
    for (const r of numbered.rows) numbering.given.set(r.id, r.number);
  }
  return numbering.given;
}

/**
 * Before a read that shows voucher numbers inside a write transaction (an answer built before
 * commit): gives this transaction's vouchers their numbers now, if any wait. Nothing otherwise.
 */
export async function numberPendingVouchers(db: Db | Trx): Promise<void> {
  if (isUnitOfWork(db) && db.unit.slot(NUMBERING).pending.length > 0) await numberVouchers(db);
}

/** The number of a voucher stored in this transaction, given now if it has none yet. */
export async function voucherNumberNow(trx: Trx, voucherId: string): Promise<number> {
  const given = (await numberVouchers(trx)).get(voucherId);
  if (given === undefined) throw new Error(`voucher ${voucherId} was not stored in this transaction`);
  return given;
}

export async function findVoucher(db: Db | Trx, companyId: string, voucherId: string): Promise<StoredVoucher | null> {
  await numberPendingVouchers(db);
  const v = await db
    .selectFrom('vouchers as v')
    .leftJoin('vouchers as r', (j) => j.onRef('r.reverses_voucher_id', '=', 'v.id'))
    .select([
      'v.id',
      'v.company_id',
      'v.fiscal_year',
      'v.number',
      'v.type',
      'v.voucher_date',
      'v.description',
      'v.reverses_voucher_id',
      'v.created_by',
      'v.created_at',
      'r.id as reversed_by',
    ])
    .where('v.company_id', '=', companyId)
    .where('v.id', '=', voucherId)
    .executeTakeFirst();
  if (!v) return null;
  const postings = await db
    .selectFrom('postings')
    .selectAll()
    .where('voucher_id', '=', voucherId)
    .where('company_id', '=', companyId)
    .orderBy('line_no')
    .execute();
  return {
    id: v.id,
    companyId: v.company_id,
    fiscalYear: v.fiscal_year,
    number: v.number,
    type: v.type,
    date: v.voucher_date,
    description: v.description,
    reversesVoucherId: v.reverses_voucher_id,
    reversedByVoucherId: v.reversed_by,
    createdBy: v.created_by,
    createdAt: v.created_at,
    postings: postings.map((p) => ({
      id: p.id,
      lineNo: p.line_no,
      account: p.account,
      amount: p.amount,
      customerId: p.customer_id,
      invoiceId: p.invoice_id,
      dueDate: p.due_date,
      description: p.description,
    })),
  };
}

/**
 * One part of a voucher too large to build at once (a settlement of 50 000 lines, issue 15): the
 * first part (`firstLineNo` 1) stores the voucher row too and enters it for numbering, as
 * `insertVoucher` does; each later part appends its postings from `firstLineNo`. The balance is
 * checked at commit by the postings' deferred trigger, as for every voucher.
 */
export async function insertVoucherPart(
  trx: Trx,
  row: Parameters<typeof insertVoucher>[1],
  lines: readonly PostingLine[],
  firstLineNo: number,
): Promise<StoredPosting[]> {
  if (firstLineNo === 1) return (await insertVoucher(trx, row, lines)).postings;
  const stored: StoredPosting[] = [];
  const CHUNK = 1000;
  for (let start = 0; start < lines.length; start += CHUNK) {
    const chunk = lines.slice(start, start + CHUNK);
    const values = chunk.map(
      (l, i) =>
        sql`(${firstLineNo + start + i}::int, ${l.account}::int, ${l.amount}::bigint, ${l.customerId}::uuid, ${l.invoiceId}::uuid, ${l.dueDate}::date, ${l.description}::text, ${l.vatRate ?? null}::int)`,
    );
    const inserted = await sql<{ id: number; line_no: number }>`
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description, vat_rate)
      select ${row.companyId}::uuid, ${row.id}::uuid, x.line_no, x.account, x.amount, x.customer_id, x.invoice_id, x.due_date, x.description, x.vat_rate
      from (values ${sql.join(values)}) as x (line_no, account, amount, customer_id, invoice_id, due_date, description, vat_rate)
      order by x.line_no
      returning id, line_no`.execute(trx);
    const ids = inserted.rows.sort((a, b) => a.line_no - b.line_no);
    for (const [i, r] of ids.entries()) {
      const l = chunk[i]!;
      stored.push({
        id: r.id,
        lineNo: r.line_no,
        account: l.account,
        amount: l.amount,
        customerId: l.customerId,
        invoiceId: l.invoiceId,
        dueDate: l.dueDate,
        description: l.description,
      });
    }
  }
  return stored;
}
