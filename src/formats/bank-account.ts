/**
 * Norwegian bank account numbers (kontonummer): 11 digits, conventionally
 * written 4.2.5 ("1503.12.34567"), with a MOD11 check digit.
 */

/** Weights for the first 10 digits, left to right. */
const ACCOUNT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Computes the MOD11 check digit, or null when it would be 10 (such numbers are never issued). */
function accountCheckDigit(first10: string): number | null {
  let sum = 0;
  ACCOUNT_WEIGHTS.forEach((w, i) => {
    sum += (first10.charCodeAt(i) - 48) * w;
  });
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * Removes the dots and whitespace people use to group account numbers
 * ("1503.12.34567", "1503 12 34567" → "15031234567"). Does not validate.
 */
export function normalizeBankAccount(s: string): string {
  return s.replace(/[.\s]+/g, '');
}

/**
 * True for a valid Norwegian account number: 11 digits after
 * {@link normalizeBankAccount} with a correct MOD11 check digit
 * (weights 5 4 3 2 7 6 5 4 3 2; 11 − sum mod 11, 11 → 0, 10 → invalid).
 */
export function isValidBankAccount(s: string): boolean {
  const n = normalizeBankAccount(s);
  if (!/^\d{11}$/.test(n)) return false;
  return accountCheckDigit(n.slice(0, 10)) === n.charCodeAt(10) - 48;
}

/**
 * Appends the check digit to 10 digits, or returns null when none exists.
 * Intended for generating test and demo data.
 * @throws RangeError unless `first10` is exactly 10 digits.
 */
export function makeBankAccount(first10: string): string | null {
  if (!/^\d{10}$/.test(first10)) {
    throw new RangeError(`Expected exactly 10 digits: ${JSON.stringify(first10)}`);
  }
  const check = accountCheckDigit(first10);
  return check === null ? null : first10 + String(check);
}
