import { type Ore, parseKr } from './money.js';

/**
 * What one search box of a working list looks for (Fakturaer, Purreliste, Utkast/Godkjent, Inkasso,
 * Reskontro, Innbetalinger). A row matches when any field the list has matches:
 * - digits only: the invoice number, the customer number, the KID, the case number, or the amount
 *   in whole kroner («1250» finds kr 1 250,00);
 * - an amount as typed in Norway («1 250,50», «kr 1250», «1250,-»): the amount (total or open);
 * - any text: the customer's name contains it (case-insensitive), the case number equals it.
 * The bank lists (an import's entries, the unmatched queue) read the same search on their own
 * fields: amount, KID, invoice number, the payer's name, the reference and the payment's text
 * (`bank/bank-search.ts`).
 */
export interface ListSearch {
  /** The search as typed, trimmed. */
  text: string;
  /** `%text%` for ILIKE, with the pattern characters escaped. */
  namePattern: string;
  /** A whole number (invoice, customer number), when the text is only digits and fits. */
  integer: number | null;
  /** The text when it is only digits (a KID, a case number). */
  digits: string | null;
  /** The text read as kroner, in øre, when it reads as an amount. */
  amount: Ore | null;
}

/** Invoice and customer numbers are int columns: a longer number is no invoice number. */
const MAX_INT4 = 2_147_483_647;

/** The search of a list, or null for none (empty or only spaces). */
export function parseListSearch(q: string | undefined | null): ListSearch | null {
  const text = (q ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const digits = /^\d+$/.test(text) ? text : null;
  const asNumber = digits !== null && digits.length <= 10 ? Number(digits) : null;
  let amount: Ore | null = null;
  try {
    const parsed = parseKr(text);
    amount = parsed > 0 ? parsed : null;
  } catch {
    amount = null;
  }
  return {
    text,
    namePattern: `%${text.replace(/[%_\\]/g, '\\$&')}%`,
    integer: asNumber !== null && asNumber <= MAX_INT4 ? asNumber : null,
    digits,
    amount,
  };
}
