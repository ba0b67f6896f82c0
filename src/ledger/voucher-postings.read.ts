import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import type { Ore } from '../shared/money.js';
import { numberPendingVouchers } from './voucher.repository.js';

/**
 * A voucher's postings a page at a time (keyset on the line number), each with the invoice its
 * match closes (null when none): what another module shows of a voucher too large to read at once
 * (a settlement's answer, streamed). Read through here, not from the ledger's tables.
 */
export async function voucherPostingsPage(
  db: Db | Trx,
  companyId: string,
  voucherId: string,
  afterLineNo: number,
  limit: number,
): Promise<Array<{ lineNo: number; account: number; amount: Ore; description: string; invoiceId: string | null }>> {
  const rows = await sql<{
    line_no: number;
    account: number;
    amount: Ore;
    description: string;
    invoice_id: string | null;
  }>`
    select p.line_no, p.account, p.amount, p.description,
           -- (an unmatch row joins the same two entries as its match, so any row names the invoice;
           -- filtering on reverses_match_id here makes the planner walk that index for every posting)
           (select d.invoice_id from matches m join open_items d on d.posting_id = m.debit_posting_id where m.credit_posting_id = p.id limit 1) as invoice_id
    from postings p
    where p.company_id = ${companyId} and p.voucher_id = ${voucherId} and p.line_no > ${afterLineNo}
    order by p.line_no
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    lineNo: r.line_no,
    account: r.account,
    amount: r.amount,
    description: r.description,
    invoiceId: r.invoice_id,
  }));
}

/** A voucher's number as shown («2026-184»), given now if it was posted in this transaction and waits for it. */
export async function voucherNumberLabel(db: Db | Trx, companyId: string, voucherId: string): Promise<string | null> {
  await numberPendingVouchers(db);
  const v = await db
    .selectFrom('vouchers')
    .select(['fiscal_year', 'number'])
    .where('company_id', '=', companyId)
    .where('id', '=', voucherId)
    .executeTakeFirst();
  return v ? `${v.fiscal_year}-${v.number}` : null;
}
