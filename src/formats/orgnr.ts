/**
 * Identifiers for debtors: Norwegian organisation numbers (Enhetsregisteret)
 * for companies and birth dates for private persons.
 */
import { osloToday } from '../shared/dates.js';

/** Weights for the first 8 digits, left to right (MOD11 as published by Brønnøysundregistrene). */
const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Computes the MOD11 check digit, or null when it would be 10 (no valid number exists). */
function orgnrCheckDigit(first8: string): number | null {
  let sum = 0;
  ORGNR_WEIGHTS.forEach((w, i) => {
    sum += (first8.charCodeAt(i) - 48) * w;
  });
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * Removes whitespace (including no-break spaces from copy-paste), so
 * "923 609 016" becomes "923609016". Does not validate.
 */
export function normalizeOrganizationNumber(s: string): string {
  return s.replace(/\s+/g, '');
}

/**
 * True for a valid Norwegian organisation number: 9 digits after
 * {@link normalizeOrganizationNumber}, first digit 8 or 9, and a correct MOD11
 * check digit (weights 3 2 7 6 5 4 3 2; 11 − sum mod 11, 11 → 0, 10 → invalid).
 */
export function isValidOrganizationNumber(s: string): boolean {
  const n = normalizeOrganizationNumber(s);
  if (!/^[89]\d{8}$/.test(n)) return false;
  return orgnrCheckDigit(n.slice(0, 8)) === n.charCodeAt(8) - 48;
}

/**
 * Appends the check digit to 8 digits, or returns null when no check digit
 * exists (remainder gives 10). Intended for generating test and demo data.
 * @throws RangeError unless `first8` is exactly 8 digits starting with 8 or 9,
 * so that null unambiguously means "no valid number with this prefix".
 */
export function makeOrganizationNumber(first8: string): string | null {
  if (!/^[89]\d{7}$/.test(first8)) {
    throw new RangeError(`Expected 8 digits starting with 8 or 9: ${JSON.stringify(first8)}`);
  }
  const check = orgnrCheckDigit(first8);
  return check === null ? null : first8 + String(check);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * True if `s` is an ISO calendar date `YYYY-MM-DD` that exists (leap years
 * respected) and is not after today in Europe/Oslo.
 * @param now Injectable clock for tests; defaults to the current time.
 */
export function isValidBirthDate(s: string, now: Date = new Date()): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  // Fixed-width ISO strings compare correctly as plain strings.
  return s <= osloToday(now);
}
