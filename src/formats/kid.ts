/**
 * KID (kundeidentifikasjon): the payment reference on Norwegian giro/OCR
 * payments, which the bank returns with each incoming payment so it can be
 * matched to an invoice automatically. 2–25 characters: a numeric body plus
 * one check digit computed by MOD10 (Luhn) or MOD11, chosen per bank agreement.
 */

/** Check-digit algorithm agreed with the bank for a KID series. */
export type KidAlgorithm = 'mod10' | 'mod11';

/** Shortest and longest KID (including the check digit) accepted by Norwegian banks. */
const KID_MIN_LENGTH = 2;
const KID_MAX_LENGTH = 25;

function assertDigits(digits: string): void {
  if (!/^\d+$/.test(digits)) {
    throw new RangeError(`KID body must be one or more digits 0-9: ${JSON.stringify(digits)}`);
  }
}

/**
 * MOD10 (Luhn) check digit: weights 2, 1, 2, 1, … starting at the rightmost
 * body digit; two-digit products contribute their digit sum.
 * @throws RangeError if `digits` is empty or contains a non-digit.
 */
export function mod10CheckDigit(digits: string): string {
  assertDigits(digits);
  let sum = 0;
  let doubled = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * MOD11 check digit: weights 2, 3, 4, 5, 6, 7, 2, 3, … starting at the
 * rightmost body digit; check = 11 − (sum mod 11), where 11 becomes `'0'`.
 *
 * When the check would be 10 this returns `'-'`: for KID, Norwegian banks
 * (Nets/Mastercard Payment Services) accept a hyphen as the check character
 * instead of discarding the number. Account and organisation numbers use the
 * same arithmetic but treat that case as invalid instead.
 *
 * The return type keeps `| null` for callers written against a "no check
 * digit possible" contract; with the hyphen rule it is never `null`.
 * @throws RangeError if `digits` is empty or contains a non-digit.
 */
export function mod11CheckDigit(digits: string): string | null {
  assertDigits(digits);
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const remainder = sum % 11;
  if (remainder === 0) return '0';
  if (remainder === 1) return '-';
  return String(11 - remainder);
}

function checkDigit(body: string, algorithm: KidAlgorithm): string | null {
  return algorithm === 'mod10' ? mod10CheckDigit(body) : mod11CheckDigit(body);
}

/**
 * Appends the check digit to `body`.
 * @throws RangeError if `body` is not 1–24 digits (a KID is at most 25 long).
 */
export function makeKid(body: string, algorithm: KidAlgorithm): string {
  assertDigits(body);
  if (body.length + 1 > KID_MAX_LENGTH) {
    throw new RangeError(`KID body too long (${body.length} digits, max ${KID_MAX_LENGTH - 1})`);
  }
  const check = checkDigit(body, algorithm);
  if (check === null) throw new RangeError(`No ${algorithm} check digit for ${body}`);
  return body + check;
}

/**
 * True if `kid` is 2–25 characters, all digits except a possible final `'-'`,
 * and its last character is the correct check digit for `algorithm` (or for
 * either algorithm when omitted, e.g. when validating a KID whose series is unknown).
 * No normalisation: a KID with spaces is invalid, since banks return it verbatim.
 */
export function isValidKid(kid: string, algorithm?: KidAlgorithm): boolean {
  if (kid.length < KID_MIN_LENGTH || kid.length > KID_MAX_LENGTH) return false;
  if (!/^\d+[\d-]$/.test(kid)) return false;
  const body = kid.slice(0, -1);
  const check = kid.slice(-1);
  const algorithms: readonly KidAlgorithm[] = algorithm ? [algorithm] : ['mod10', 'mod11'];
  return algorithms.some((a) => checkDigit(body, a) === check);
}

const CUSTOMER_DIGITS = 6;
const INVOICE_DIGITS = 7;

function padded(n: number, width: number, what: string): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 10 ** width) {
    throw new RangeError(`${what} must be an integer 0–${10 ** width - 1}: ${String(n)}`);
  }
  return String(n).padStart(width, '0');
}

/**
 * KID for an invoice: customer number zero-padded to 6 digits, invoice number
 * zero-padded to 7, then the check digit (14 characters). The fixed layout
 * lets an incoming payment be traced to customer and invoice even if the
 * invoice lookup fails.
 * @throws RangeError if either number is negative, non-integer or too wide.
 */
export function kidForInvoice(customerNumber: number, invoiceNumber: number, algorithm: KidAlgorithm): string {
  const body =
    padded(customerNumber, CUSTOMER_DIGITS, 'Customer number') +
    padded(invoiceNumber, INVOICE_DIGITS, 'Invoice number');
  return makeKid(body, algorithm);
}
