import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { type Ore, oreFromDb } from '../shared/money.js';
import { numberPendingVouchers } from './voucher.repository.js';
import type { VoucherType } from './voucher.table.js';

export interface OpenItem {
  entryId: number;
  customerId: string;
  customerNumber: number;
  customerName: string;
  account: number;
  voucherId: string;
  voucherType: VoucherType;
  voucherNumber: string;
  entryDate: string;
  dueDate: string | null;
  description: string;
  invoiceId: string | null;
  invoiceNumber: number | null;
  kid: string | null;
  /** For an entry of a claim besides its invoice (a reminder fee): the invoice it belongs to. */
  claimInvoiceId: string | null;
  claimInvoiceNumber: number | null;
  /** Signed: an invoice is positive, a payment or credit note not yet matched is negative. */
  amount: Ore;
  openAmount: Ore;
}

export interface OpenItemCursor {
  entryDate: string;
  entryId: number;
}

/**
 * The customer ledger's open items (or every entry, with `includeClosed`), oldest first,
 * keyset-paged on (entry date, entry id) over a partial index of open items, so a page costs the
 * same with 1 000 or 100 000 entries on the customer.
 */
export async function listOpenItems(
  db: Db | Trx,
  companyId: string,
  options: {
    limit: number;
    customerId?: string | undefined;
    after?: OpenItemCursor | undefined;
    includeClosed?: boolean | undefined;
  },
): Promise<OpenItem[]> {
  await numberPendingVouchers(db); // an answer built in a write transaction shows its vouchers' numbers
  // The page is cut from open_items alone (its partial indexes give it in order), and only those
  // rows are joined: the plan cannot turn into a join of every open item and a sort, whatever the
  // planner believes about the tables (before ANALYZE it believed the worst: 92× on 100k entries).
  let page = db
    .selectFrom('open_items')
    .select([
      'posting_id',
      'customer_id',
      'company_id',
      'account',
      'entry_date',
      'due_date',
      'invoice_id',
      'amount',
      'open_amount',
    ])
    .where('company_id', '=', companyId)
    .orderBy('entry_date')
    .orderBy('posting_id')
    .limit(options.limit);
  if (!options.includeClosed) page = page.where('open_amount', '<>', sql<Ore>`0`);
  if (options.customerId) page = page.where('customer_id', '=', options.customerId);
  // The first page too starts after a position (before every entry): the row comparison on the
  // index's own columns makes the walk of the index in its order the plan, also straight after a bulk
  // load, before ANALYZE, when the planner would otherwise gather every open item of the customer
  // and sort them (6.5× slower at 100k entries than at 1k; flat with this).
  const a = options.after ?? { entryDate: '-infinity', entryId: 0 };
  page = page.where((eb) =>
    eb(eb.refTuple('entry_date', 'posting_id'), '>', eb.tuple(sql<string>`${a.entryDate}::date`, a.entryId)),
  );
  const q = db
    .selectFrom(page.as('o'))
    .innerJoin('postings as p', 'p.id', 'o.posting_id')
    .innerJoin('vouchers as v', 'v.id', 'p.voucher_id')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.company_id', '=', 'o.company_id').onRef('c.id', '=', 'o.customer_id'),
    )
    .leftJoin('invoices as i', 'i.posting_id', 'o.posting_id')
    .leftJoin('claim_entries as ce', 'ce.posting_id', 'o.posting_id')
    .leftJoin('invoices as ci', (j) =>
      j.onRef('ci.company_id', '=', 'o.company_id').onRef('ci.id', '=', 'ce.invoice_id'),
    )
    .select([
      'o.posting_id',
      'o.customer_id',
      'c.customer_number',
      'c.name as customer_name',
      'o.account',
      'v.id as voucher_id',
      'v.type as voucher_type',
      'v.fiscal_year',
      'v.number as voucher_number',
      'o.entry_date',
      'o.due_date',
      'p.description',
      'o.invoice_id',
      'i.invoice_number',
      'i.kid',
      'ce.invoice_id as claim_invoice_id',
      'ci.invoice_number as claim_invoice_number',
      'o.amount',
      'o.open_amount',
    ])
    .orderBy('o.entry_date')
    .orderBy('o.posting_id');
  const rows = await q.execute();
  return rows.map((r) => ({
    entryId: r.posting_id,
    customerId: r.customer_id,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    account: r.account,
    voucherId: r.voucher_id,
    voucherType: r.voucher_type,
    voucherNumber: `${r.fiscal_year}-${r.voucher_number}`,
    entryDate: r.entry_date,
    dueDate: r.due_date,
    description: r.description,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    kid: r.kid,
    claimInvoiceId: r.claim_invoice_id,
    claimInvoiceNumber: r.claim_invoice_number,
    amount: r.amount,
    openAmount: r.open_amount,
  }));
}

/** A customer's balance: the sum of its open items (equal to its balance on the receivable account). */
export async function customerBalance(db: Db | Trx, companyId: string, customerId: string): Promise<Ore> {
  const row = await db
    .selectFrom('open_items')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<Ore>('open_amount'), sql<Ore>`0`).as('balance'))
    .where('company_id', '=', companyId)
    .where('customer_id', '=', customerId)
    .where('open_amount', '<>', sql<Ore>`0`)
    .executeTakeFirstOrThrow();
  return oreFromDb(row.balance);
}

/** What the ledger knows of some entries, for other modules' rules: the invoice and the voucher behind each. */
export interface EntryFacts {
  entryId: number;
  invoiceId: string | null;
  voucherId: string;
  voucherType: VoucherType;
}

/** The entries of a company among these ids (an unknown id is simply absent). */
export async function entryFacts(db: Db | Trx, companyId: string, entryIds: number[]): Promise<EntryFacts[]> {
  if (entryIds.length === 0) return [];
  const rows = await db
    .selectFrom('open_items')
    .select(['posting_id', 'invoice_id', 'voucher_id', 'voucher_type'])
    .where('company_id', '=', companyId)
    .where('posting_id', 'in', entryIds)
    .execute();
  return rows.map((r) => ({
    entryId: r.posting_id,
    invoiceId: r.invoice_id,
    voucherId: r.voucher_id,
    voucherType: r.voucher_type,
  }));
}
