import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { osloToday } from '../shared/dates.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore, oreFromDb } from '../shared/money.js';
import { getCompany, listAccounts } from '../tenancy/company.service.js';
import { PostingBuilder, type VoucherDraft } from './posting-builder.js';
import { findVoucher, insertVoucher, type StoredPosting, type StoredVoucher } from './voucher.repository.js';

export { numberPendingVouchers, voucherNumberNow } from './voucher.repository.js';
import { activeMatchesOfVoucher, matchEntries, unmatch } from './match.service.js';
import { periodLockedFromDb } from './period-lock.service.js';

/**
 * A voucher posted in the current transaction. Its number is given at the end of the transaction
 * (see `insertVoucher`); `voucherNumberNow` gives it at once where a caller must show it before.
 */
export interface PostedVoucher {
  id: string;
  fiscalYear: number;
  postings: StoredPosting[];
}

/**
 * Numbers and stores a balanced voucher. Accounts must be in the company's chart; customer
 * entries go on the receivable account, and every receivable entry names its customer.
 */
export async function postVoucher(
  trx: Trx,
  companyId: string,
  draft: VoucherDraft,
  options: { createdBy?: string | null; reversesVoucherId?: string | null } = {},
): Promise<PostedVoucher> {
  const company = await getCompany(trx, companyId);
  const receivable = company.accounts.receivable;
  for (const line of draft.lines) {
    if ((line.account === receivable) !== (line.customerId !== null)) {
      throw new AppError(
        'invalid_customer_entry',
        `a line on account ${receivable} needs a customer, and only such lines may name one (line on ${line.account})`,
      );
    }
  }
  assertPostingDate(draft.date);
  // The locked period is refused by the vouchers trigger (migration 0013) as the voucher is stored,
  // with the lock's figures, mapped below to the same 422 `period_locked` that `assertPeriodOpen`
  // gives: no statement of its own on the busiest write path.
  const fiscalYear = Number(draft.date.slice(0, 4));
  const id = randomUUID();
  let stored: { postings: StoredPosting[] };
  try {
    // Unknown accounts and customers (or another company's) are refused by the foreign keys; the
    // voucher's number comes from the gap-free series at the end of the transaction.
    stored = await insertVoucher(
      trx,
      {
        companyId,
        id,
        fiscalYear,
        type: draft.type,
        date: draft.date,
        description: draft.description,
        reversesVoucherId: options.reversesVoucherId ?? null,
        createdBy: options.createdBy ?? null,
      },
      draft.lines,
    );
  } catch (error) {
    throw foreignKeyError(error) ?? periodLockedFromDb(error, draft.date) ?? error;
  }
  return { id, fiscalYear, postings: stored.postings };
}

/**
 * The dates a voucher may carry, checked here because every voucher (invoice, payment, credit
 * note, write-off, reminder fee, settlement, manual voucher, reversal) is posted through
 * `postVoucher`: none after today in Norway (Europe/Oslo, the real clock: the books never run
 * ahead of it). 422 `validation_failed`, reason `date_in_future`. The company's locked period is
 * checked beside it in `postVoucher` (reason `period_locked`).
 */
export function assertPostingDate(date: string, today: string = osloToday()): void {
  if (date > today)
    throw new AppError(
      'validation_failed',
      `the voucher date ${date} is after today (${today}): nothing is posted in the future`,
      { reason: 'date_in_future', date, today },
      422,
    );
  // Locked periods are the other bound: the vouchers trigger of migration 0013 refuses a date on or
  // before the company's lock as `postVoucher` stores the voucher, which maps it to 422
  // `period_locked` with the lock's figures (`periodLockedFromDb`).
}

/** A posting's foreign key naming an unknown account or customer, as the error the caller can act on. */
export function foreignKeyError(error: unknown): AppError | null {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e?.code !== '23503') return null;
  const value = /=\([^,]+, ([^)]+)\)/.exec(e.detail ?? '')?.[1];
  if (e.constraint?.includes('account')) {
    const account = Number(value);
    return new AppError(
      'invalid_account',
      `account ${value ?? '?'} is not in the chart of accounts`,
      Number.isInteger(account) ? { reason: 'unknown_account', account } : {},
    );
  }
  if (e.constraint?.includes('customer')) return notFound('the customer');
  return null;
}

export async function getVoucher(db: Db | Trx, companyId: string, voucherId: string): Promise<StoredVoucher> {
  const voucher = await findVoucher(db, companyId, voucherId);
  if (!voucher) throw notFound('the voucher');
  return voucher;
}

/** Invoices and credit notes are corrected with a credit note, not by reversing their voucher. */
const NOT_REVERSIBLE = new Set(['invoice', 'credit_note', 'settlement']);

/**
 * Reverses a voucher with a new voucher of opposite postings (vouchers are append-only). Its
 * customer entries are unmatched first, then each is matched to its reversal, so the open items
 * stand as they were before the original voucher.
 */
export async function reverseVoucher(
  trx: Trx,
  companyId: string,
  voucherId: string,
  date: string,
  userId: string | null,
): Promise<PostedVoucher> {
  const original = await getVoucher(trx, companyId, voucherId);
  if (NOT_REVERSIBLE.has(original.type)) {
    throw new AppError(
      'voucher_not_reversible',
      `a ${original.type} voucher is corrected with a credit note or by its agency, not reversed`,
    );
  }
  if (original.reversesVoucherId)
    throw new AppError(
      'voucher_not_reversible',
      'a reversal cannot itself be reversed; post the voucher again instead',
    );
  if (original.reversedByVoucherId)
    throw new AppError('already_reversed', `voucher ${original.fiscalYear}-${original.number} is reversed already`);
  if (date < original.date)
    throw new AppError('validation_failed', `the reversal date ${date} is before the voucher's date ${original.date}`);

  for (const match of await activeMatchesOfVoucher(trx, companyId, voucherId)) {
    await unmatch(trx, companyId, match.id, userId);
  }
  const builder = new PostingBuilder(
    original.type,
    date,
    `Reversal of ${original.fiscalYear}-${original.number}${original.description ? `: ${original.description}` : ''}`,
  );
  for (const p of original.postings) {
    builder.signed(p.account, ore(-p.amount), {
      customerId: p.customerId,
      invoiceId: p.invoiceId,
      dueDate: p.dueDate,
      description: p.description,
    });
  }
  const reversal = await postVoucher(trx, companyId, builder.build(), {
    createdBy: userId,
    reversesVoucherId: voucherId,
  });
  for (const [i, p] of original.postings.entries()) {
    const r = reversal.postings[i]!;
    if (p.customerId === null) continue;
    const [debit, credit] = p.amount > 0 ? [p.id, r.id] : [r.id, p.id];
    await matchEntries(trx, companyId, {
      debitPostingId: debit,
      creditPostingId: credit,
      amount: ore(Math.abs(p.amount)),
      userId,
    });
  }
  return reversal;
}

export interface VoucherListItem {
  id: string;
  fiscalYear: number;
  number: number;
  type: string;
  date: string;
  description: string;
  /** The voucher's size: the sum of its debit lines. */
  amount: Ore;
}

/** Vouchers newest first, keyset-paged by (date, number). */
export async function listVouchers(
  db: Db,
  companyId: string,
  options: {
    limit: number;
    before?: { date: string; year: number; number: number } | undefined;
    type?: string | undefined;
  },
): Promise<VoucherListItem[]> {
  let q = db
    .selectFrom('vouchers as v')
    .innerJoin('postings as p', 'p.voucher_id', 'v.id')
    .select((eb) => [
      'v.id',
      'v.fiscal_year',
      'v.number',
      'v.type',
      'v.voucher_date',
      'v.description',
      eb.fn
        .sum<string>(eb.case().when('p.amount', '>', sql<Ore>`0`).then(eb.ref('p.amount')).else(sql<Ore>`0`).end())
        .as('amount'),
    ])
    .where('v.company_id', '=', companyId)
    .groupBy(['v.id', 'v.fiscal_year', 'v.number', 'v.type', 'v.voucher_date', 'v.description'])
    .orderBy('v.voucher_date', 'desc')
    .orderBy('v.fiscal_year', 'desc')
    .orderBy('v.number', 'desc')
    .limit(options.limit);
  if (options.type) q = q.where('v.type', '=', options.type as never);
  if (options.before) {
    const b = options.before;
    q = q.where((eb) =>
      eb(eb.refTuple('v.voucher_date', 'v.fiscal_year', 'v.number'), '<', eb.tuple(b.date, b.year, b.number)),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    number: r.number,
    type: r.type,
    date: r.voucher_date,
    description: r.description,
    amount: oreFromDb(r.amount),
  }));
}

/** The balance of every account with postings, optionally up to a date: the trial balance. */
export async function accountBalances(
  db: Db,
  companyId: string,
  toDate?: string,
): Promise<Array<{ account: number; name: string; balance: Ore }>> {
  let q = db
    .selectFrom('postings as p')
    .innerJoin('vouchers as v', 'v.id', 'p.voucher_id')
    .select((eb) => ['p.account', eb.fn.sum<string>('p.amount').as('balance')])
    .where('p.company_id', '=', companyId)
    .groupBy('p.account')
    .orderBy('p.account');
  if (toDate) q = q.where('v.voucher_date', '<=', toDate);
  // The names from the chart of accounts (tenancy's); a posting's account is always in it (foreign key).
  const [rows, chart] = await Promise.all([q.execute(), listAccounts(db, companyId)]);
  const names = new Map(chart.map((a) => [a.number, a.name]));
  return rows.flatMap((r) => {
    const name = names.get(r.account);
    return name === undefined ? [] : [{ account: r.account, name, balance: oreFromDb(r.balance) }];
  });
}

/**
 * The first account of a voucher's lines that books a loss: the company's loss account or one of
 * 7800–7899 (losses on receivables and the like); null when it books none.
 */
export async function lossAccountOfVoucher(
  db: Db | Trx,
  companyId: string,
  voucherId: string,
  lossAccount: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('postings as p')
    .innerJoin('vouchers as v', 'v.id', 'p.voucher_id')
    .select('p.account')
    .where('v.company_id', '=', companyId)
    .where('p.voucher_id', '=', voucherId)
    .where((eb) => eb.or([eb('p.account', '=', lossAccount), eb('p.account', '>=', 7800).and('p.account', '<=', 7899)]))
    .orderBy('p.line_no')
    .limit(1)
    .executeTakeFirst();
  return row?.account ?? null;
}
