import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
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

/**
 * Stores a voucher and its postings. The voucher's number is taken from the gap-free series
 * (`number_series`, see number-series.repository.ts) in the same statement that inserts it.
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
): Promise<{ number: number; postings: StoredPosting[] }> {
  const numbered = await sql<{ number: number }>`
    with n as (
      insert into number_series (company_id, series, year, last_value) values (${row.companyId}, 'voucher', ${row.fiscalYear}, 1)
      on conflict (company_id, series, year) do update set last_value = number_series.last_value + 1
      returning last_value
    )
    insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description, reverses_voucher_id, created_by)
    select ${row.companyId}, ${row.id}, ${row.fiscalYear}, n.last_value, ${row.type}, ${row.date}, ${row.description}, ${row.reversesVoucherId}, ${row.createdBy} from n
    returning number`.execute(trx);
  const number = numbered.rows[0]!.number;
  const stored: StoredPosting[] = [];
  // Chunked so that a 10 000-line settlement stays within the protocol's parameter limit.
  const CHUNK = 1000;
  for (let start = 0; start < lines.length; start += CHUNK) {
    const chunk = lines.slice(start, start + CHUNK);
    const ids = await trx
      .insertInto('postings')
      .values(
        chunk.map((l, i) => ({
          company_id: row.companyId,
          voucher_id: row.id,
          line_no: start + i + 1,
          account: l.account,
          amount: l.amount,
          customer_id: l.customerId,
          invoice_id: l.invoiceId,
          due_date: l.dueDate,
          description: l.description,
          vat_rate: l.vatRate ?? null,
        })),
      )
      .returning(['id', 'line_no'])
      .execute();
    ids.sort((a, b) => a.line_no - b.line_no);
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
  return { number, postings: stored };
}

export async function findVoucher(db: Db | Trx, companyId: string, voucherId: string): Promise<StoredVoucher | null> {
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
