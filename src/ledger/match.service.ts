import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import type { InvoiceEventType } from './invoice-event.table.js';
import { recordInvoiceEvent } from './invoice-event.repository.js';
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

/** Locks open items in posting order (one order for every writer, so no deadlock between them). */
async function lockItems(trx: Trx, companyId: string, postingIds: number[]): Promise<Map<number, LockedItem>> {
  const ids = [...new Set(postingIds)].sort((a, b) => a - b);
  if (ids.length === 0) return new Map();
  const rows = await sql<LockedItem>`
    select posting_id, customer_id, account, invoice_id, amount, open_amount, voucher_id, voucher_type
    from open_items
    where company_id = ${companyId} and posting_id in (${sql.join(ids)})
    order by posting_id
    for update`.execute(trx);
  return new Map(rows.rows.map((r) => [r.posting_id, r]));
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

/** Open amounts of many entries, read under their row locks (in posting order, in chunks). */
export async function lockedOpenAmounts(
  trx: Trx,
  companyId: string,
  postingIds: number[],
): Promise<Map<number, number>> {
  const unique = [...new Set(postingIds)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  for (let i = 0; i < unique.length; i += 5000) {
    for (const [k, v] of await lockItems(trx, companyId, unique.slice(i, i + 5000))) result.set(k, v.open_amount);
  }
  return result;
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

/** The reason code of an `amount_exceeds_open` match: nothing left to match at all, or less than was asked. */
function matchRefusal(available: number): 'nothing_to_match' | 'more_than_matchable' {
  return available <= 0 ? 'nothing_to_match' : 'more_than_matchable';
}

export interface MatchResult {
  matchId: number;
  amount: Ore;
  debitOpenAmount: Ore;
  creditOpenAmount: Ore;
  invoiceId: string | null;
}

/**
 * Matches a credit entry against a debit entry of the same customer: partly, several to one or one
 * to several, by calling this once per pair. Without `amount`, as much as both have open.
 * If the debit entry is an invoice's, an invoice event records it with the invoice's new open amount.
 */
export async function matchEntries(
  trx: Trx,
  companyId: string,
  input: {
    debitPostingId: number;
    creditPostingId: number;
    amount?: Ore | undefined;
    userId: string | null;
    agencyId?: string | undefined;
    /**
     * Both entries' open items as the caller holds them: read under their row locks earlier in this
     * transaction (nothing has moved them since) or made in it (`newOpenItem`). Saves the lock
     * query on a hot path; the match trigger still refuses anything past what is open.
     */
    held?: { debit: LockedItem; credit: LockedItem } | undefined;
  },
): Promise<MatchResult> {
  const items = input.held
    ? new Map([input.held.debit, input.held.credit].map((i) => [i.posting_id, i]))
    : await lockItems(trx, companyId, [input.debitPostingId, input.creditPostingId]);
  const debit = items.get(input.debitPostingId);
  const credit = items.get(input.creditPostingId);
  if (!debit) throw notFound(`entry ${input.debitPostingId}`);
  if (!credit) throw notFound(`entry ${input.creditPostingId}`);
  if (debit.amount <= 0)
    throw new AppError('entries_not_matchable', `entry ${input.debitPostingId} is not a debit entry`, {
      reason: 'not_debit',
    });
  if (credit.amount >= 0)
    throw new AppError('entries_not_matchable', `entry ${input.creditPostingId} is not a credit entry`, {
      reason: 'not_credit',
    });
  if (debit.customer_id !== credit.customer_id || debit.account !== credit.account) {
    throw new AppError('entries_not_matchable', 'entries of different customers or accounts cannot be matched', {
      reason: 'different_customers',
    });
  }
  const available = Math.min(debit.open_amount, -credit.open_amount);
  const amount = input.amount ?? ore(available);
  if (amount <= 0 || amount > available) {
    throw new AppError(
      'amount_exceeds_open',
      `${amount} øre cannot be matched: the debit entry has ${debit.open_amount} øre open and the credit entry ${-credit.open_amount} øre`,
      {
        reason: matchRefusal(available),
        amount,
        debitOpenAmount: debit.open_amount,
        creditOpenAmount: -credit.open_amount,
      },
    );
  }
  const row = await trx
    .insertInto('matches')
    .values({
      company_id: companyId,
      debit_posting_id: debit.posting_id,
      credit_posting_id: credit.posting_id,
      amount,
      reverses_match_id: null,
      created_by: input.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const debitOpen = ore(debit.open_amount - amount);
  const creditOpen = ore(credit.open_amount + amount);
  if (debit.invoice_id) {
    recordInvoiceEvent(trx, {
      companyId,
      invoiceId: debit.invoice_id,
      type: EVENT_BY_VOUCHER_TYPE[credit.voucher_type],
      voucherId: credit.voucher_id,
      voucherType: credit.voucher_type,
      matchId: row.id,
      amount,
      remainingAmount: debitOpen,
      isWriteOff: credit.voucher_type === 'write_off',
      isManual: credit.voucher_type === 'manual',
      // An agency's own settlement is its event even when its case is archived already.
      ...(input.agencyId ? { agencyId: input.agencyId } : {}),
    });
  }
  return {
    matchId: row.id,
    amount,
    debitOpenAmount: debitOpen,
    creditOpenAmount: ore(-creditOpen),
    invoiceId: debit.invoice_id,
  };
}

/**
 * Many matches at once, for a settlement of thousands of lines: the entries are locked in one
 * query (in posting order), checked against what is open, and the matches inserted in chunks. Each
 * pair must name its amount. Throws `amount_exceeds_open` before writing if any would go past open.
 */
export async function matchMany(
  trx: Trx,
  companyId: string,
  pairs: Array<{ debitPostingId: number; creditPostingId: number; amount: Ore }>,
  options: { userId: string | null; agencyId?: string | undefined },
): Promise<MatchResult[]> {
  const ids = pairs.flatMap((p) => [p.debitPostingId, p.creditPostingId]);
  const items = new Map<number, LockedItem>();
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  for (let i = 0; i < unique.length; i += 5000) {
    for (const [k, v] of await lockItems(trx, companyId, unique.slice(i, i + 5000))) items.set(k, v);
  }
  const open = new Map([...items].map(([k, v]) => [k, v.open_amount as number]));
  const planned = pairs.map((p) => {
    const debit = items.get(p.debitPostingId);
    const credit = items.get(p.creditPostingId);
    if (!debit) throw notFound(`entry ${p.debitPostingId}`);
    if (!credit) throw notFound(`entry ${p.creditPostingId}`);
    if (
      debit.amount <= 0 ||
      credit.amount >= 0 ||
      debit.customer_id !== credit.customer_id ||
      debit.account !== credit.account
    ) {
      throw new AppError(
        'entries_not_matchable',
        `entries ${p.debitPostingId} and ${p.creditPostingId} cannot be matched`,
      );
    }
    const debitOpen = open.get(p.debitPostingId)!;
    const creditOpen = open.get(p.creditPostingId)!;
    if (p.amount <= 0 || p.amount > debitOpen || p.amount > -creditOpen) {
      throw new AppError(
        'amount_exceeds_open',
        `${p.amount} øre cannot be matched: entry ${p.debitPostingId} has ${debitOpen} øre open`,
        {
          reason: matchRefusal(Math.min(debitOpen, -creditOpen)),
          amount: p.amount,
          debitOpenAmount: debitOpen,
          creditOpenAmount: -creditOpen,
        },
      );
    }
    open.set(p.debitPostingId, debitOpen - p.amount);
    open.set(p.creditPostingId, creditOpen + p.amount);
    return {
      ...p,
      debit,
      credit,
      debitOpenAfter: ore(debitOpen - p.amount),
      creditOpenAfter: ore(creditOpen + p.amount),
    };
  });
  const results: MatchResult[] = [];
  for (let i = 0; i < planned.length; i += 1000) {
    const chunk = planned.slice(i, i + 1000);
    const rows = await trx
      .insertInto('matches')
      .values(
        chunk.map((p) => ({
          company_id: companyId,
          debit_posting_id: p.debitPostingId,
          credit_posting_id: p.creditPostingId,
          amount: p.amount,
          reverses_match_id: null,
          created_by: options.userId,
        })),
      )
      .returning('id')
      .execute();
    for (const [j, p] of chunk.entries()) {
      const matchId = rows[j]!.id;
      if (p.debit.invoice_id) {
        recordInvoiceEvent(trx, {
          companyId,
          invoiceId: p.debit.invoice_id,
          type: EVENT_BY_VOUCHER_TYPE[p.credit.voucher_type],
          voucherId: p.credit.voucher_id,
          voucherType: p.credit.voucher_type,
          matchId,
          amount: p.amount,
          remainingAmount: p.debitOpenAfter,
          isWriteOff: p.credit.voucher_type === 'write_off',
          isManual: p.credit.voucher_type === 'manual',
          ...(options.agencyId ? { agencyId: options.agencyId } : {}),
        });
      }
      results.push({
        matchId,
        amount: p.amount,
        debitOpenAmount: p.debitOpenAfter,
        creditOpenAmount: ore(-p.creditOpenAfter),
        invoiceId: p.debit.invoice_id,
      });
    }
  }
  return results;
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
  const debit = items.get(match.debit_posting_id)!;
  const credit = items.get(match.credit_posting_id)!;
  const row = await trx
    .insertInto('matches')
    .values({
      company_id: companyId,
      debit_posting_id: match.debit_posting_id,
      credit_posting_id: match.credit_posting_id,
      amount: ore(-match.amount),
      reverses_match_id: matchId,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const debitOpen = ore(debit.open_amount + match.amount);
  if (debit.invoice_id) {
    recordInvoiceEvent(trx, {
      companyId,
      invoiceId: debit.invoice_id,
      type: 'invoice.unmatched',
      voucherId: credit.voucher_id,
      voucherType: credit.voucher_type,
      matchId: row.id,
      amount: match.amount,
      remainingAmount: debitOpen,
      isWriteOff: credit.voucher_type === 'write_off',
      isManual: credit.voucher_type === 'manual',
    });
  }
  return {
    matchId: row.id,
    amount: match.amount,
    debitOpenAmount: debitOpen,
    creditOpenAmount: ore(-(credit.open_amount - match.amount)),
    invoiceId: debit.invoice_id,
  };
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
