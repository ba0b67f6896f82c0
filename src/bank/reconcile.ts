/**
 * How an incoming bank credit finds its invoice, rule by rule — the text rules are pure and live
 * here; the look-ups are in bank-import.service.ts.
 *
 * 1. `kid`: a structured reference (camt `CdtrRefInf/Ref`, OCR's KID field) that is a KID of one
 *    of the company's invoices.
 * 2. `invoice_number`: the free text names an invoice number after a word that says so
 *    ("faktura 10012", "Fakt.nr 10020", "invoice #10030") and exactly one such number is an open
 *    invoice of the company.
 * 0. `settlement` (after `kid`, before the rest): the text names the reference of a settlement the
 *    agency posted with the same bank amount (its voucher has the bank line already: linked, not
 *    booked again).
 * 3. `amount_account`: the payer's account (camt `DbtrAcct`, OCR's debit account) was seen on
 *    entries booked or resolved to exactly one customer, and exactly one open invoice of that
 *    customer has the amount open, to the øre.
 * 4. `amount_name`: the payer's name is exactly one customer's name (case, spacing and punctuation
 *    aside), and exactly one open invoice of that customer has the amount open, to the øre.
 *
 * Anything else waits in the unmatched queue for the accountant.
 */

const INVOICE_WORD =
  /\b(?:faktura(?:nummer|nr)?|fakt|fa|invoice|inv)\b\.?\s*(?:nr\.?|no\.?|nummer|number)?\s*[:#.-]?\s*(\d{1,9})\b/giu;

/** Invoice numbers the free text names (after "faktura", "fakt.nr", "invoice", …), in order, once each. */
export function invoiceNumbersInText(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(INVOICE_WORD)) {
    const n = Number(m[1]);
    if (n > 0 && !out.includes(n)) out.push(n);
  }
  return out;
}

/** A name as compared: lower case, letters and digits only, single spaces ("Hansen Rør AS" = "HANSEN  RØR, AS"). */
export function comparableName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The words of the free text that could be an agency's settlement reference (the agency's payment
 * journal, «betalingsfil»: one bank amount for many cases, its reference in the text): tokens of
 * 3–100 characters between spaces, commas and semicolons, trailing full stops and colons left off,
 * at most 20, once each. The settlement rule looks them up as they are.
 */
export function referencesInText(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,;()]+/u)) {
    const word = raw.replace(/^[:#]+|[.:]+$/gu, '');
    if (word.length >= 3 && word.length <= 100 && !out.includes(word)) out.push(word);
    if (out.length === 20) break;
  }
  return out;
}
