import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import type { Ore } from '../shared/money.js';
import { lockedOpenAmounts, openAmountsOf } from './match.service.js';

/** An entry of an invoice's claim besides the invoice (a reminder fee), with what is open on it. */
export interface ClaimEntry {
  entryId: number;
  invoiceId: string;
  customerId: string;
  kind: 'reminder_fee';
  openAmount: Ore;
}

/** Ties a customer entry to the claim of an invoice (once, in the transaction that posts it). */
export async function tieEntryToClaim(
  trx: Trx,
  companyId: string,
  entryId: number,
  invoiceId: string,
  kind: ClaimEntry['kind'],
): Promise<void> {
  await trx
    .insertInto('claim_entries')
    .values({ company_id: companyId, posting_id: entryId, invoice_id: invoiceId, kind })
    .execute();
}

/**
 * The entries of these invoices' claims that are still open, in entry order. With `lock` (in a
 * transaction) their open items are locked first, in entry order like every other writer, so what
 * is read stays true until commit.
 */
export async function openClaimEntries(
  db: Db | Trx,
  companyId: string,
  invoiceIds: string[],
  options: { lock: boolean },
): Promise<ClaimEntry[]> {
  if (invoiceIds.length === 0) return [];
  const tied = await db
    .selectFrom('claim_entries as ce')
    .innerJoin('open_items as o', 'o.posting_id', 'ce.posting_id')
    .select(['ce.posting_id', 'ce.invoice_id', 'ce.kind', 'o.customer_id'])
    .where('ce.company_id', '=', companyId)
    .where('ce.invoice_id', '=', sql<string>`any(${[...new Set(invoiceIds)]}::uuid[])`)
    .orderBy('ce.posting_id')
    .execute();
  if (tied.length === 0) return [];
  const ids = tied.map((t) => t.posting_id);
  const open = options.lock
    ? await lockedOpenAmounts(db as Trx, companyId, ids)
    : await openAmountsOf(db, companyId, ids);
  return tied
    .map((t) => ({
      entryId: t.posting_id,
      invoiceId: t.invoice_id,
      customerId: t.customer_id,
      kind: t.kind,
      openAmount: open.get(t.posting_id)!,
    }))
    .filter((e) => e.openAmount > 0);
}
