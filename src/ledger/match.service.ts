import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { chunks } from '../shared/chunks.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import type { InvoiceEventType } from './invoice-event.table.js';
import { recordInvoiceEvent } from './invoice-event.repository.js';
import { numberPendingVouchers } from './voucher.repository.js';
import type { VoucherType } from './voucher.table.js';

/** An open item as a match needs it, read under its row lock (or made in this transaction). */
export interface LockedItem {
  posting_id: number;
  customer_id: string;
  account: number;
  invoice_id: string | null;
  amount: Ore;
  open_amount: Ore;
  voucher_id: string;
  voucher_type: VoucherType;
}

/** How many open items one lock query takes: bounded so a settlement of thousands stays one plan. */
const LOCK_CHUNK = 5000;

/**
 * Locks open items in posting order (one order for every writer, so no deadlock between them), in
 * chunks of LOCK_CHUNK. The one lock loop of the ledger: every match, unmatch and locked read uses it.
 */
async function lockItems(trx: Trx, companyId: string, postingIds: number[]): Promise<Map<number, LockedItem>> {
  const ids = [...new Set(postingIds)].sort((a, b) => a - b);
  const items = new Map<number, LockedItem>();
  for (const chunk of chunks(ids, LOCK_CHUNK)) {
    const rows = await sql<LockedItem>`
      select posting_id, customer_id, account, invoice_id, amount, open_amount, voucher_id, voucher_type
      from open_items
      where company_id = ${companyId} and posting_id in (${sql.join(chunk)})
      order by posting_id
      for update`.execute(trx);
    for (const r of rows.rows) items.set(r.posting_id, r);
  }
  return items;
}

/**
 * The open item of a customer entry posted in this transaction, as the posting trigger makes it
 * (open for its whole amount): no other transaction can see it before commit, so it needs no lock
 * and no read.
 */
export function newOpenItem(
  voucher: { id: string; type: VoucherType },
  posting: { id: number; customerId: string | null; account: number; invoiceId: string | null; amount: Ore },
): LockedItem {
  if (!posting.customerId) throw new Error(`posting ${posting.id} is not a customer entry`);
  return {
    posting_id: posting.id,
    customer_id: posting.customerId,
    account: posting.account,
    invoice_id: posting.invoiceId,
    amount: posting.amount,
    open_amount: posting.amount,
    voucher_id: voucher.id,
    voucher_type: voucher.type,
  };
}

/** An entry's open amount, read under its row lock (held to commit). */
export async function lockedOpenAmount(trx: Trx, companyId: string, postingId: number): Promise<Ore> {
  const item = (await lockItems(trx, companyId, [postingId])).get(postingId);
  if (!item) throw notFound(`entry ${postingId}`);
  return item.open_amount;
}

/** Open amounts of many entries as they stand, without locking (a preview's read), in chunks. */
export async function openAmountsOf(db: Db | Trx, companyId: string, postingIds: number[]): Promise<Map<number, Ore>> {
  const result = new Map<number, Ore>();
  for (const chunk of chunks([...new Set(postingIds)], LOCK_CHUNK)) {
    const rows = await db
      .selectFrom('open_items')
      .select(['posting_id', 'open_amount'])
      .where('company_id', '=', companyId)
      .where('posting_id', 'in', chunk)
      .execute();
    for (const r of rows) result.set(r.posting_id, r.open_amount);
  }
  return result;
}

/** Open amounts of many entries, read under their row locks (in posting order, in chunks). */
export async function lockedOpenAmounts(trx: Trx, companyId: string, postingIds: number[]): Promise<Map<number, Ore>> {
  const result = new Map<number, Ore>();
  for (const [k, v] of await lockItems(trx, companyId, postingIds)) result.set(k, v.open_amount);
  return result;
}

/**
 * Open items of many entries, read under their row locks (in posting order, in chunks): what a
 * caller that matches them later in the transaction hands to `matchMany` as `held`.
 */
export async function lockedOpenItems(
  trx: Trx,
  companyId: string,
  postingIds: number[],
): Promise<Map<number, LockedItem>> {
  return lockItems(trx, companyId, postingIds);
}

const EVENT_BY_VOUCHER_TYPE: Record<VoucherType, InvoiceEventType> = {
  payment: 'invoice.payment',
  credit_note: 'invoice.credit_note',
  write_off: 'invoice.write_off',
  manual: 'invoice.manual_match',
  settlement: 'invoice.settlement',
  // Neither is a credit against an invoice in practice; matched by hand they read as manual.
  invoice: 'invoice.manual_match',
  reminder_fee: 'invoice.manual_match',
};

export interface MatchResult {
  matchId: number;
  amount: Ore;
  debitOpenAmount: Ore;
  creditOpenAmount: Ore;
  invoiceId: string | null;
}

/** Both entries of a pair, found among the locked (or held) items, or 404. */
function pairOf(items: Map<number, LockedItem>, debitPostingId: number, creditPostingId: number) {
  const debit = items.get(debitPostingId);
  const credit = items.get(creditPostingId);
  if (!debit) throw notFound(`entry ${debitPostingId}`);
  if (!credit) throw notFound(`entry ${creditPostingId}`);
  return { debit, credit };
}

/** The rules of a match: a debit against a credit of one customer and account, within what both have open. */
function checkPair(
  debit: LockedItem,
  credit: LockedItem,
  open: { debit: Ore; credit: Ore },
  requested: Ore | undefined,
): Ore {
  if (debit.amount <= 0)
    throw new AppError('entries_not_matchable', `entry ${debit.posting_id} is not a debit entry`, {
      reason: 'not_debit',
    });
  if (credit.amount >= 0)
    throw new AppError('entries_not_matchable', `entry ${credit.posting_id} is not a credit entry`, {
      reason: 'not_credit',
    });
  if (debit.customer_id !== credit.customer_id || debit.account !== credit.account) {
    throw new AppError('entries_not_matchable', 'entries of different customers or accounts cannot be matched', {
      reason: 'different_customers',
    });
  }
  const available = Math.min(open.debit, -open.credit);
  const amount = requested ?? ore(available);
  if (amount <= 0 || amount > available) {
    throw new AppError(
      'amount_exceeds_open',
      `${amount} øre cannot be matched: the debit entry has ${open.debit} øre open and the credit entry ${-open.credit} øre`,
      {
        reason: available <= 0 ? 'nothing_to_match' : 'more_than_matchable',
        amount,
        debitOpenAmount: open.debit,
        creditOpenAmount: -open.credit,
      },
    );
  }
  return amount;
}

/** A match (or unmatch) row to write, with the open amounts it leaves. */
interface PlannedMatch {
  debit: LockedItem;
  credit: LockedItem;
  /** Positive for a match; negative for the unmatch of `reverses`. */
  amount: Ore;
  reverses: number | null;
  debitOpenAfter: Ore;
  creditOpenAfter: Ore;
}

/**
 * Writes planned match rows (in chunks) and, for each on an invoice's entry, the invoice event with
 * the invoice's open amount after it. The one writer of `matches` rows.
 */
async function writeMatches(
  trx: Trx,
  companyId: string,
  planned: PlannedMatch[],
  options: { userId: string | null; agencyId?: string | undefined },
): Promise<MatchResult[]> {
  const results: MatchResult[] = [];
  for (const chunk of chunks(planned, 1000)) {
    const rows = await trx
      .insertInto('matches')
      .values(
        chunk.map((p) => ({
          company_id: companyId,
          debit_posting_id: p.debit.posting_id,
          credit_posting_id: p.credit.posting_id,
          amount: p.amount,
          reverses_match_id: p.reverses,
          created_by: options.userId,
        })),
      )
      .returning('id')
      .execute();
    for (const [j, p] of chunk.entries()) {
      const matchId = rows[j]!.id;
      const amount = ore(Math.abs(p.amount));
      if (p.debit.invoice_id) {
        recordInvoiceEvent(trx, {
          companyId,
          invoiceId: p.debit.invoice_id,
          type: p.reverses === null ? EVENT_BY_VOUCHER_TYPE[p.credit.voucher_type] : 'invoice.unmatched',
          voucherId: p.credit.voucher_id,
          voucherType: p.credit.voucher_type,
          matchId,
          amount,
          remainingAmount: p.debitOpenAfter,
          isWriteOff: p.credit.voucher_type === 'write_off',
          isManual: p.credit.voucher_type === 'manual',
          // An agency's own settlement is its event even when its case is archived already.
          ...(options.agencyId ? { agencyId: options.agencyId } : {}),
        });
      }
      results.push({
        matchId,
        amount,
        debitOpenAmount: p.debitOpenAfter,
        creditOpenAmount: ore(-p.creditOpenAfter),
        invoiceId: p.debit.invoice_id,
      });
    }
  }
  return results;
}

/**
 * Matches credit entries against debit entries of the same customer: partly, several to one or one
 * to several. The entries are locked in one pass (in posting order), every pair is checked against
 * what is open after the pairs before it, and nothing is written unless all pass. Without `amount`,
 * a pair takes as much as both have open. A pair on an invoice's entry records an invoice event
 * with the invoice's new open amount.
 */
export async function matchMany(
  trx: Trx,
  companyId: string,
  pairs: Array<{ debitPostingId: number; creditPostingId: number; amount?: Ore | undefined }>,
  options: {
    userId: string | null;
    agencyId?: string | undefined;
    /**
     * Open items as the caller holds them: read under their row locks earlier in this transaction
     * (nothing has moved them since) or made in it (`newOpenItem`). Saves the lock query on a hot
     * path; the match trigger still refuses anything past what is open. Entries of the pairs not
     * held are locked here (in posting order), so a caller may hold some and not others.
     */
    held?: LockedItem[] | undefined;
  },
): Promise<MatchResult[]> {
  const items = new Map((options.held ?? []).map((i) => [i.posting_id, i]));
  const notHeld = pairs.flatMap((p) => [p.debitPostingId, p.creditPostingId]).filter((id) => !items.has(id));
  if (notHeld.length > 0) for (const [id, item] of await lockItems(trx, companyId, notHeld)) items.set(id, item);
  const open = new Map([...items].map(([k, v]) => [k, v.open_amount]));
  const planned = pairs.map((p): PlannedMatch => {
    const { debit, credit } = pairOf(items, p.debitPostingId, p.creditPostingId);
    const debitOpen = open.get(debit.posting_id)!;
    const creditOpen = open.get(credit.posting_id)!;
    const amount = checkPair(debit, credit, { debit: debitOpen, credit: creditOpen }, p.amount);
    const debitOpenAfter = ore(debitOpen - amount);
    const creditOpenAfter = ore(creditOpen + amount);
    open.set(debit.posting_id, debitOpenAfter);
    open.set(credit.posting_id, creditOpenAfter);
    return { debit, credit, amount, reverses: null, debitOpenAfter, creditOpenAfter };
  });
  return writeMatches(trx, companyId, planned, options);
}

/** Matches one credit entry against one debit entry: `matchMany` of one pair. */
export async function matchEntries(
  trx: Trx,
  companyId: string,
  input: {
    debitPostingId: number;
    creditPostingId: number;
    amount?: Ore | undefined;
    userId: string | null;
    agencyId?: string | undefined;
    /** Both entries' open items as the caller holds them (see `matchMany`'s `held`). */
    held?: { debit: LockedItem; credit: LockedItem } | undefined;
  },
): Promise<MatchResult> {
  const [result] = await matchMany(
    trx,
    companyId,
    [{ debitPostingId: input.debitPostingId, creditPostingId: input.creditPostingId, amount: input.amount }],
    {
      userId: input.userId,
      agencyId: input.agencyId,
      held: input.held ? [input.held.debit, input.held.credit] : undefined,
    },
  );
  return result!;
}

/** Undoes a match by recording its opposite (the match itself is kept, as is the undoing). */
export async function unmatch(
  trx: Trx,
  companyId: string,
  matchId: number,
  userId: string | null,
): Promise<MatchResult> {
  const match = await trx
    .selectFrom('matches')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', matchId)
    .executeTakeFirst();
  if (!match) throw notFound(`match ${matchId}`);
  if (match.reverses_match_id !== null)
    throw new AppError('entries_not_matchable', `match ${matchId} is itself an unmatch`, { reason: 'is_unmatch' });
  const items = await lockItems(trx, companyId, [match.debit_posting_id, match.credit_posting_id]);
  const undone = await trx
    .selectFrom('matches')
    .select('id')
    .where('reverses_match_id', '=', matchId)
    .executeTakeFirst();
  if (undone) throw new AppError('already_unmatched', `match ${matchId} was undone already`);
  const { debit, credit } = pairOf(items, match.debit_posting_id, match.credit_posting_id);
  const [result] = await writeMatches(
    trx,
    companyId,
    [
      {
        debit,
        credit,
        amount: ore(-match.amount),
        reverses: matchId,
        debitOpenAfter: ore(debit.open_amount + match.amount),
        creditOpenAfter: ore(credit.open_amount - match.amount),
      },
    ],
    { userId },
  );
  return result!;
}

/** Matches still in force that touch an entry of the voucher. */
export async function activeMatchesOfVoucher(
  trx: Trx,
  companyId: string,
  voucherId: string,
): Promise<Array<{ id: number }>> {
  const rows = await sql<{ id: number }>`
    select m.id from matches m
    where m.company_id = ${companyId} and m.reverses_match_id is null
      and not exists (select 1 from matches u where u.reverses_match_id = m.id)
      and exists (select 1 from postings p where p.voucher_id = ${voucherId} and p.id in (m.debit_posting_id, m.credit_posting_id))
    order by m.id`.execute(trx);
  return rows.rows;
}

export interface EntryMatch {
  matchId: number;
  debitPostingId: number;
  creditPostingId: number;
  amount: Ore;
  createdAt: string;
  createdBy: string | null;
  undoneByMatchId: number | null;
  counterpart: {
    postingId: number;
    voucherId: string;
    voucherType: VoucherType;
    voucherNumber: string;
    date: string;
    amount: Ore;
    isWriteOff: boolean;
    isManual: boolean;
  };
}

/** Every match made on an entry, undone ones included (with the match that undid them). */
export async function matchesOfEntry(db: Db | Trx, companyId: string, postingId: number): Promise<EntryMatch[]> {
  await numberPendingVouchers(db);
  const rows = await sql<{
    id: number;
    debit_posting_id: number;
    credit_posting_id: number;
    amount: Ore;
    created_at: Date;
    created_by: string | null;
    undone_by: number | null;
    other_id: number;
    voucher_id: string;
    voucher_type: VoucherType;
    fiscal_year: number;
    number: number;
    voucher_date: string;
    other_amount: Ore;
  }>`
    select m.id, m.debit_posting_id, m.credit_posting_id, m.amount, m.created_at, m.created_by,
      (select u.id from matches u where u.reverses_match_id = m.id) as undone_by,
      p.id as other_id, v.id as voucher_id, v.type as voucher_type, v.fiscal_year, v.number, v.voucher_date, p.amount as other_amount
    from matches m
    join postings p on p.id = case when m.debit_posting_id = ${postingId} then m.credit_posting_id else m.debit_posting_id end
    join vouchers v on v.id = p.voucher_id
    where m.company_id = ${companyId} and m.reverses_match_id is null
      and (m.debit_posting_id = ${postingId} or m.credit_posting_id = ${postingId})
    order by m.id`.execute(db);
  return rows.rows.map((r) => ({
    matchId: r.id,
    debitPostingId: r.debit_posting_id,
    creditPostingId: r.credit_posting_id,
    amount: r.amount,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    undoneByMatchId: r.undone_by,
    counterpart: {
      postingId: r.other_id,
      voucherId: r.voucher_id,
      voucherType: r.voucher_type,
      voucherNumber: `${r.fiscal_year}-${r.number}`,
      date: r.voucher_date,
      amount: r.other_amount,
      isWriteOff: r.voucher_type === 'write_off',
      isManual: r.voucher_type === 'manual',
    },
  }));
}
