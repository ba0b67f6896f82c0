/**
 * The search of the bank lists (an import's entries, the unmatched queue), by the lists' one rule
 * (shared/search.ts `parseListSearch`): an entry matches when
 * - the text reads as an amount: its amount is that amount;
 * - the text is only digits: its KID is those digits, or the invoice number it was matched to;
 * - any text: the bank's reference equals it, or the payer's name, the customer's name it was
 *   matched to, the payment's free text (melding) or the bank's reference contains it
 *   (case-insensitive).
 * Amount, KID and reference are indexed (migration 0028); the free text is looked for within the
 * list's own rows (one import, or the queue's partial index).
 */
import { type RawBuilder, sql } from 'kysely';
import type { ListSearch } from '../shared/search.js';

/** The condition on `bank_entries as e` that an entry matches the search. */
export function bankEntryMatches(s: ListSearch): RawBuilder<boolean> {
  return sql<boolean>`(
    ${s.amount !== null ? sql`e.amount = ${s.amount} or` : sql``}
    ${s.digits !== null ? sql`e.kid = ${s.digits} or` : sql``}
    ${s.integer !== null ? sql`e.invoice_number = ${s.integer} or` : sql``}
    e.bank_reference = ${s.text}
    or e.debtor_name ilike ${s.namePattern}
    or e.customer_name ilike ${s.namePattern}
    or e.text ilike ${s.namePattern}
    or e.bank_reference ilike ${s.namePattern})`;
}
