import type { Db, Trx } from '../db/database.js';
import { matchEntries } from '../ledger/match.service.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import { companyFromRow } from '../tenancy/company.js';
import { getCompany, rememberCompany } from '../tenancy/company.service.js';
import { getCustomer } from './customer.service.js';

/** An incoming payment, identified by KID, by invoice, or only by customer (a prepayment). */
export interface PaymentInput {
  amount: Ore;
  paymentDate: string;
  kid?: string | undefined;
  invoiceId?: string | undefined;
  customerId?: string | undefined;
  reference?: string | undefined;
}

export interface Payment {
  id: string;
  customerId: string;
  invoiceId: string | null;
  kid: string | null;
  amount: Ore;
  paymentDate: string;
  reference: string;
  voucherId: string;
  entryId: number;
  /** How much closed the invoice; the rest stays open as the customer's credit. */
  matchedAmount: Ore;
  unallocatedAmount: Ore;
  invoiceOpenAmount: Ore | null;
}

interface PaymentTarget {
  id: string;
  invoiceNumber: number;
  customerId: string;
  receivableEntryId: number;
}

/**
 * The invoice a payment is for, by KID or id, with its company's settings in the same query (kept for
 * the transaction): the payment path is the busiest write there is, so it reads what it needs once.
 */
async function paymentTarget(trx: Trx, companyId: string, by: { kid: string } | { invoiceId: string }): Promise<PaymentTarget | null> {
  // The invoice's open item is locked here, before any voucher number is taken: every writer takes
  // the invoice first and the number series after, so a payment never deadlocks with a settlement.
  let q = trx
    .selectFrom('invoices as i')
    .innerJoin('companies as co', 'co.id', 'i.company_id')
    .innerJoin('open_items as o', 'o.posting_id', 'i.posting_id')
    .selectAll('co')
    .select(['i.id as invoice_id', 'i.invoice_number', 'i.customer_id', 'i.posting_id'])
    .where('i.company_id', '=', companyId)
    .forUpdate('o');
  q = 'kid' in by ? q.where('i.kid', '=', by.kid) : q.where('i.id', '=', by.invoiceId);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  rememberCompany(trx, companyFromRow(row));
  return { id: row.invoice_id, invoiceNumber: row.invoice_number, customerId: row.customer_id, receivableEntryId: row.posting_id! };
}

/** Registers a payment: Dr bank, Cr receivable on the customer, matched to the invoice up to its open amount. */
export async function registerPayment(trx: Trx, companyId: string, input: PaymentInput, userId: string | null): Promise<Payment> {
  const given = [input.kid, input.invoiceId, input.customerId].filter((x) => x !== undefined).length;
  if (given !== 1) throw new AppError('validation_failed', 'give exactly one of kid, invoiceId or customerId');
  let invoice: PaymentTarget | null = null;
  let customerId: string;
  if (input.kid !== undefined || input.invoiceId !== undefined) {
    invoice = await paymentTarget(trx, companyId, input.kid !== undefined ? { kid: input.kid } : { invoiceId: input.invoiceId! });
    if (!invoice && input.kid !== undefined) throw new AppError('unknown_kid', `no invoice has KID ${input.kid}`, { kid: input.kid });
    if (!invoice) throw notFound('the invoice');
    customerId = invoice.customerId;
  } else {
    customerId = (await getCustomer(trx, companyId, input.customerId!)).id;
  }
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
    // Read the open amount under the match's lock, not from before it.
    const match = await matchEntries(trx, companyId, { debitPostingId: invoice.receivableEntryId, creditPostingId: entry.id, amount: undefined, userId }).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'amount_exceeds_open') return null; // nothing open: all of it is credit
      throw e;
    });
    matchedAmount = match?.amount ?? ore(0);
    invoiceOpenAmount = match?.debitOpenAmount ?? ore(0);
  }
  return {
    id: payment.id,
    customerId,
    invoiceId: invoice?.id ?? null,
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

export async function listPayments(db: Db, companyId: string, options: { limit: number; customerId?: string | undefined; invoiceId?: string | undefined }) {
  let q = db.selectFrom('payments').selectAll().where('company_id', '=', companyId).orderBy('payment_date', 'desc').orderBy('created_at', 'desc').limit(options.limit);
  if (options.customerId) q = q.where('customer_id', '=', options.customerId);
  if (options.invoiceId) q = q.where('invoice_id', '=', options.invoiceId);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, customerId: r.customer_id, invoiceId: r.invoice_id, kid: r.kid, amount: r.amount, paymentDate: r.payment_date, reference: r.reference, voucherId: r.voucher_id, entryId: r.posting_id }));
}

export async function getPayment(db: Db | Trx, companyId: string, paymentId: string) {
  const r = await db.selectFrom('payments').selectAll().where('company_id', '=', companyId).where('id', '=', paymentId).executeTakeFirst();
  if (!r) throw notFound('the payment');
  return { id: r.id, customerId: r.customer_id, invoiceId: r.invoice_id, kid: r.kid, amount: r.amount, paymentDate: r.payment_date, reference: r.reference, voucherId: r.voucher_id, entryId: r.posting_id };
}
