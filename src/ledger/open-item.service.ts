import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { type Ore, oreFromDb } from '../shared/money.js';
import { numberPendingVouchers } from './voucher.repository.js';
import type { ListSearch } from '../shared/search.js';
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
    search?: ListSearch | null | undefined;
  },
): Promise<OpenItem[]> {
  await numberPendingVouchers(db); // an answer built in a write transaction shows its vouchers' numbers
  const s = options.search;
  const found = s ? await searchTargets(db, companyId, s) : null;
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
  if (s && found) {
    // An invoice's entry (or a fee tied to it would need claim_entries: its own invoice is listed),
    // the customer's entries, or an entry of that amount, open or in full.
    const amount = s.amount;
    if (found.invoiceIds.length === 0 && found.customerIds.length === 0 && amount === null) return [];
    page = page.where((eb) =>
      eb.or([
        ...(found.invoiceIds.length > 0 ? [eb('invoice_id', 'in', found.invoiceIds)] : []),
        ...(found.customerIds.length > 0 ? [eb('customer_id', 'in', found.customerIds)] : []),
        ...(amount !== null
          ? [eb('open_amount', 'in', [amount, -amount as Ore]), eb('amount', 'in', [amount, -amount as Ore])]
          : []),
      ]),
    );
  }
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

/**
 * The company's entries tied to an invoice that are open and were due before `today`, earliest due
 * first: the candidates the operator's «hand over all eligible» looks at (the caller keeps an
 * invoice's own receivable entry among them; a fee entry carries its invoice too).
 */
export async function overdueInvoiceEntries(
  db: Db | Trx,
  companyId: string,
  today: string,
): Promise<Array<{ entryId: number; invoiceId: string; dueDate: string }>> {
  const rows = await db
    .selectFrom('open_items')
    .select(['posting_id', 'invoice_id', 'due_date'])
    .where('company_id', '=', companyId)
    .where('invoice_id', 'is not', null)
    .where('open_amount', '>', sql<Ore>`0`)
    .where('due_date', '<', today)
    .orderBy('due_date')
    .orderBy('posting_id')
    .execute();
  return rows.map((r) => ({ entryId: r.posting_id, invoiceId: r.invoice_id!, dueDate: r.due_date! }));
}

/** The most invoices, and the most customers, one search resolves to (a broader search is cut here). */
export const SEARCH_CAP = 1000;

/** What a list's search found among invoices and customers: the lists filter their rows by these. */
export interface SearchTargets {
  /** Invoices whose number, KID, total or open amount is the search. */
  invoiceIds: string[];
  /** Customers whose number is the search or whose name contains it. */
  customerIds: string[];
}

/**
 * Resolves a list's search (shared/search.ts) to invoices and customers (sales' tables, read here as the
 * customer ledger reads their names and numbers), each by its own index
 * (invoice number and KID unique per company, `invoices_total_amount`, `open_items_open_amount`,
 * customer number, `customers_name_search`), so a list then filters by ids whatever the company's
 * size. Every working list calls it, so a search means the same on each.
 */
export async function searchTargets(db: Db | Trx, companyId: string, s: ListSearch): Promise<SearchTargets> {
  const [invoices, customers] = await Promise.all([
    s.integer === null && s.digits === null && s.amount === null
      ? Promise.resolve([] as Array<{ id: string }>)
      : sql<{ id: string }>`
          select id from invoices where company_id = ${companyId} and (
            ${s.integer !== null ? sql`invoice_number = ${s.integer}` : sql`false`}
            or ${s.digits !== null ? sql`kid = ${s.digits}` : sql`false`}
            or ${s.amount !== null ? sql`total_amount = ${s.amount}` : sql`false`})
          ${
            s.amount !== null
              ? sql`union
          select invoice_id as id from open_items
            where company_id = ${companyId} and open_amount = ${s.amount} and open_amount > 0 and invoice_id is not null`
              : sql``
          }
          limit ${SEARCH_CAP}`
          .execute(db)
          .then((r) => r.rows),
    sql<{ id: string }>`
      select id from customers where company_id = ${companyId} and (
        name ilike ${s.namePattern}
        ${s.integer !== null ? sql`or customer_number = ${s.integer}` : sql``})
      limit ${SEARCH_CAP}`
      .execute(db)
      .then((r) => r.rows),
  ]);
  return { invoiceIds: invoices.map((r) => r.id), customerIds: customers.map((r) => r.id) };
}

/** One entry on a customer's account statement (kontoutskrift). */
export interface StatementLine {
  entryId: number;
  date: string;
  voucherNumber: string;
  voucherType: VoucherType;
  description: string;
  invoiceNumber: number | null;
  dueDate: string | null;
  /** Signed: what the customer owes more (an invoice, a fee) is positive, a payment or credit negative. */
  amount: Ore;
  /** The balance after this entry. */
  balance: Ore;
}

export interface CustomerStatement {
  customerId: string;
  from: string;
  to: string;
  /** The customer's balance on the receivable account at the start of `from`. */
  openingBalance: Ore;
  lines: StatementLine[];
  /** At the end of `to`: the opening balance and every line. */
  closingBalance: Ore;
}

/**
 * A customer's account statement for a period: the balance before it, every entry on the
 * receivable account dated in it (by date, then entry) with the running balance, and the balance
 * after it. From the customer's entries (open_items, one per receivable posting).
 */
export async function customerStatement(
  db: Db | Trx,
  companyId: string,
  customerId: string,
  period: { from: string; to: string },
): Promise<CustomerStatement> {
  const [opening, rows] = await Promise.all([
    db
      .selectFrom('open_items')
      .select(sql<string>`coalesce(sum(amount), 0)::bigint`.as('sum'))
      .where('company_id', '=', companyId)
      .where('customer_id', '=', customerId)
      .where('entry_date', '<', period.from)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('open_items as o')
      .innerJoin('postings as p', 'p.id', 'o.posting_id')
      .innerJoin('vouchers as v', 'v.id', 'p.voucher_id')
      .leftJoin('invoices as i', 'i.posting_id', 'o.posting_id')
      .leftJoin('claim_entries as ce', 'ce.posting_id', 'o.posting_id')
      .leftJoin('invoices as ci', (j) =>
        j.onRef('ci.company_id', '=', 'o.company_id').onRef('ci.id', '=', 'ce.invoice_id'),
      )
      .select([
        'o.posting_id',
        'o.entry_date',
        'o.due_date',
        'o.amount',
        'p.description',
        'v.type',
        'v.fiscal_year',
        'v.number',
        'i.invoice_number',
        'ci.invoice_number as claim_invoice_number',
      ])
      .where('o.company_id', '=', companyId)
      .where('o.customer_id', '=', customerId)
      .where('o.entry_date', '>=', period.from)
      .where('o.entry_date', '<=', period.to)
      .orderBy('o.entry_date')
      .orderBy('o.posting_id')
      .execute(),
  ]);
  const openingBalance = oreFromDb(opening.sum);
  let balance = openingBalance as number;
  const lines = rows.map((r): StatementLine => {
    balance += r.amount;
    return {
      entryId: r.posting_id,
      date: r.entry_date,
      voucherNumber: `${r.fiscal_year}-${r.number}`,
      voucherType: r.type,
      description: r.description,
      invoiceNumber: r.invoice_number ?? r.claim_invoice_number,
      dueDate: r.due_date,
      amount: r.amount,
      balance: oreFromDb(balance),
    };
  });
  return { customerId, from: period.from, to: period.to, openingBalance, lines, closingBalance: oreFromDb(balance) };
}
