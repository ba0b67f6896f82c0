import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { type LockedItem, matchEntries, newOpenItem } from '../ledger/match.service.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { isValidKid } from '../formats/kid.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import type { ListSearch } from '../shared/search.js';
import { companyFromRow } from '../tenancy/company.js';
import { getCompany, rememberCompany } from '../tenancy/company.service.js';
import { getCustomer } from './customer.service.js';
import { searchTargets } from '../ledger/open-item.service.js';

/** An incoming payment, identified by KID, by invoice, or only by customer (a prepayment). */
export interface PaymentInput {
  amount: Ore;
  paymentDate: string;
  kid?: string | undefined;
  invoiceId?: string | undefined;
  customerId?: string | undefined;
  reference?: string | undefined;
}

/** A payment as the list and `getPayment` show it: with whom it came from and what it paid. */
export interface PaymentListItem {
  id: string;
  customerId: string;
  customerNumber: number;
  customerName: string;
  invoiceId: string | null;
  /** Null for a payment on the customer only (a prepayment). */
  invoiceNumber: number | null;
  kid: string | null;
  amount: Ore;
  paymentDate: string;
  reference: string;
  voucherId: string;
  entryId: number;
}

export interface Payment extends PaymentListItem {
  /** How much closed the invoice; the rest stays open as the customer's credit. */
  matchedAmount: Ore;
  unallocatedAmount: Ore;
  invoiceOpenAmount: Ore | null;
}

interface PaymentTarget {
  id: string;
  invoiceNumber: number;
  customerId: string;
  customerNumber: number;
  customerName: string;
  receivableEntryId: number;
  /** The invoice's open item, read under the lock taken here (held to commit). */
  receivableItem: LockedItem;
}

/**
 * The invoice a payment is for, by KID or id, with its company's settings in the same query (kept for
 * the transaction): the payment path is the busiest write there is, so it reads what it needs once.
 */
async function paymentTarget(
  trx: Trx,
  companyId: string,
  by: { kid: string } | { invoiceId: string },
): Promise<PaymentTarget | null> {
  // The invoice's open item is locked here, before any voucher number is taken: every writer takes
  // the invoice first and the number series after, so a payment never deadlocks with a settlement.
  let q = trx
    .selectFrom('invoices as i')
    .innerJoin('companies as co', 'co.id', 'i.company_id')
    .innerJoin('open_items as o', 'o.posting_id', 'i.posting_id')
    .innerJoin('customers as cu', (j) =>
      j.onRef('cu.company_id', '=', 'i.company_id').onRef('cu.id', '=', 'i.customer_id'),
    )
    .selectAll('co')
    .select([
      'i.id as invoice_id',
      'i.invoice_number',
      'i.customer_id',
      'i.posting_id',
      'cu.customer_number',
      'cu.name as customer_name',
    ])
    .select([
      'o.customer_id as item_customer_id',
      'o.account as item_account',
      'o.invoice_id as item_invoice_id',
      'o.amount as item_amount',
      'o.open_amount as item_open_amount',
      'o.voucher_id as item_voucher_id',
      'o.voucher_type as item_voucher_type',
    ])
    .where('i.company_id', '=', companyId)
    .forUpdate('o');
  q = 'kid' in by ? q.where('i.kid', '=', by.kid) : q.where('i.id', '=', by.invoiceId);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  rememberCompany(trx, companyFromRow(row));
  return {
    id: row.invoice_id,
    invoiceNumber: row.invoice_number,
    customerId: row.customer_id,
    customerNumber: row.customer_number,
    customerName: row.customer_name,
    receivableEntryId: row.posting_id!,
    receivableItem: {
      posting_id: row.posting_id!,
      customer_id: row.item_customer_id,
      account: row.item_account,
      invoice_id: row.item_invoice_id,
      amount: row.item_amount,
      open_amount: row.item_open_amount,
      voucher_id: row.item_voucher_id,
      voucher_type: row.item_voucher_type,
    },
  };
}

/** Registers a payment: Dr bank, Cr receivable on the customer, matched to the invoice up to its open amount. */
export async function registerPayment(
  trx: Trx,
  companyId: string,
  input: PaymentInput,
  userId: string | null,
): Promise<Payment> {
  const given = [input.kid, input.invoiceId, input.customerId].filter((x) => x !== undefined).length;
  if (given !== 1) throw new AppError('validation_failed', 'give exactly one of kid, invoiceId or customerId');
  let invoice: PaymentTarget | null = null;
  let customer: { id: string; customerNumber: number; name: string };
  if (input.kid !== undefined || input.invoiceId !== undefined) {
    invoice = await paymentTarget(
      trx,
      companyId,
      input.kid !== undefined ? { kid: input.kid } : { invoiceId: input.invoiceId! },
    );
    if (!invoice && input.kid !== undefined) {
      // A KID whose check digit does not add up is mistyped, not merely unknown: say which.
      const { kidAlgorithm } = await getCompany(trx, companyId);
      if (!isValidKid(input.kid, kidAlgorithm))
        throw new AppError(
          'invalid_kid',
          `the check digit of KID ${input.kid} is wrong (${kidAlgorithm === 'mod10' ? 'MOD10' : 'MOD11'}): check the number`,
          { kid: input.kid, algorithm: kidAlgorithm },
        );
      throw new AppError('unknown_kid', `no invoice has KID ${input.kid}`, { kid: input.kid });
    }
    if (!invoice) throw notFound('the invoice');
    customer = { id: invoice.customerId, customerNumber: invoice.customerNumber, name: invoice.customerName };
  } else {
    customer = await getCustomer(trx, companyId, input.customerId!);
  }
  const customerId = customer.id;
  const company = await getCompany(trx, companyId);
  const label = invoice ? `Innbetaling faktura ${invoice.invoiceNumber}` : 'Innbetaling';
  const voucher = await postVoucher(
    trx,
    companyId,
    new PostingBuilder('payment', input.paymentDate, input.reference ? `${label} (${input.reference})` : label)
      .debit(company.accounts.bank, input.amount, { description: label })
      .credit(company.accounts.receivable, input.amount, { customerId, description: label })
      .build(),
    { createdBy: userId },
  );
  const entry = voucher.postings.find((p) => p.customerId !== null)!;
  const payment = await trx
    .insertInto('payments')
    .values({
      company_id: companyId,
      customer_id: customerId,
      invoice_id: invoice?.id ?? null,
      kid: input.kid ?? null,
      amount: input.amount,
      payment_date: input.paymentDate,
      reference: input.reference ?? '',
      voucher_id: voucher.id,
      posting_id: entry.id,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let matchedAmount = ore(0);
  let invoiceOpenAmount: Ore | null = null;
  if (invoice) {
    // Both open items are in hand: the invoice's was read under its lock above, the payment's was made just now.
    const held = { debit: invoice.receivableItem, credit: newOpenItem({ id: voucher.id, type: 'payment' }, entry) };
    const match = await matchEntries(trx, companyId, {
      debitPostingId: invoice.receivableEntryId,
      creditPostingId: entry.id,
      amount: undefined,
      userId,
      held,
    }).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'amount_exceeds_open') return null; // nothing open: all of it is credit
      throw e;
    });
    matchedAmount = match?.amount ?? ore(0);
    invoiceOpenAmount = match?.debitOpenAmount ?? ore(0);
  }
  return {
    id: payment.id,
    customerId,
    customerNumber: customer.customerNumber,
    customerName: customer.name,
    invoiceId: invoice?.id ?? null,
    invoiceNumber: invoice?.invoiceNumber ?? null,
    kid: input.kid ?? null,
    amount: input.amount,
    paymentDate: input.paymentDate,
    reference: input.reference ?? '',
    voucherId: voucher.id,
    entryId: entry.id,
    matchedAmount,
    unallocatedAmount: ore(input.amount - matchedAmount),
    invoiceOpenAmount,
  };
}

/**
 * A payment's place in the list's order, newest first: payment date, then registration time, then
 * id, a total order. `createdAt` is the database's timestamp to the microsecond, as text: a
 * JavaScript Date keeps only milliseconds, and a cursor rounded to them would skip or repeat rows.
 */
export interface PaymentListPosition {
  paymentDate: string;
  createdAt: string;
  id: string;
}

export interface PaymentListOptions {
  limit: number;
  /** Rows after this one in the list's order (the last row of the previous page). */
  after?: PaymentListPosition | undefined;
  customerId?: string | undefined;
  invoiceId?: string | undefined;
  /** Payments of the invoices or customers found, or with the KID or amount searched. */
  search?: ListSearch | null | undefined;
}

function paymentQuery(db: Db | Trx, companyId: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.company_id', '=', 'p.company_id').onRef('c.id', '=', 'p.customer_id'),
    )
    .leftJoin('invoices as i', (j) => j.onRef('i.company_id', '=', 'p.company_id').onRef('i.id', '=', 'p.invoice_id'))
    .select([
      'p.id',
      'p.customer_id',
      'c.customer_number',
      'c.name as customer_name',
      'p.invoice_id',
      'i.invoice_number',
      'p.kid',
      'p.amount',
      'p.payment_date',
      'p.reference',
      'p.voucher_id',
      'p.posting_id',
      sql<string>`to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_at_exact'),
    ])
    .where('p.company_id', '=', companyId);
}

type PaymentRow = Awaited<ReturnType<ReturnType<typeof paymentQuery>['executeTakeFirstOrThrow']>>;

function listItemFromRow(r: PaymentRow): PaymentListItem {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    kid: r.kid,
    amount: r.amount,
    paymentDate: r.payment_date,
    reference: r.reference,
    voucherId: r.voucher_id,
    entryId: r.posting_id,
  };
}

/**
 * Payments newest first, a page at a time by keyset on (payment date, registered at, id) — the order of
 * the `payments_list` index. `next` is the last row's position when more rows follow, else null.
 */
export async function listPayments(
  db: Db,
  companyId: string,
  options: PaymentListOptions,
): Promise<{ data: PaymentListItem[]; next: PaymentListPosition | null }> {
  let q = paymentQuery(db, companyId)
    .orderBy('p.payment_date', 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(options.limit + 1); // one more than asked: tells whether another page follows
  if (options.customerId) q = q.where('p.customer_id', '=', options.customerId);
  if (options.invoiceId) q = q.where('p.invoice_id', '=', options.invoiceId);
  const s = options.search;
  if (s) {
    const found = await searchTargets(db, companyId, s);
    const byKid = s.digits;
    const byAmount = s.amount;
    if (found.invoiceIds.length === 0 && found.customerIds.length === 0 && byKid === null && byAmount === null)
      return { data: [], next: null };
    q = q.where((eb) =>
      eb.or([
        ...(found.invoiceIds.length > 0 ? [eb('p.invoice_id', 'in', found.invoiceIds)] : []),
        ...(found.customerIds.length > 0 ? [eb('p.customer_id', 'in', found.customerIds)] : []),
        ...(byKid !== null ? [eb('p.kid', '=', byKid)] : []),
        ...(byAmount !== null ? [eb('p.amount', '=', byAmount)] : []),
      ]),
    );
  }
  const after = options.after;
  if (after)
    q = q.where(
      sql<boolean>`(p.payment_date, p.created_at, p.id) < (${after.paymentDate}::date, ${after.createdAt}::timestamptz, ${after.id}::uuid)`,
    );
  const rows = await q.execute();
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  const last = page.at(-1);
  return {
    data: page.map(listItemFromRow),
    next: more && last ? { paymentDate: last.payment_date, createdAt: last.created_at_exact, id: last.id } : null,
  };
}

/** One payment, in the shape of a list row. */
export async function getPayment(db: Db | Trx, companyId: string, paymentId: string): Promise<PaymentListItem> {
  const r = await paymentQuery(db, companyId).where('p.id', '=', paymentId).executeTakeFirst();
  if (!r) throw notFound('the payment');
  return listItemFromRow(r);
}
