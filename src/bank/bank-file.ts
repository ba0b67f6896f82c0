import { type Ore, ore } from '../shared/money.js';

/** The bank file formats Innfri reads. */
export const BANK_FILE_FORMATS = [
  'camt.053.001.02',
  'camt.053.001.08',
  'camt.054.001.02',
  'camt.054.001.08',
  'ocr-giro',
] as const;
export type BankFileFormat = (typeof BANK_FILE_FORMATS)[number];

/**
 * One movement on a bank account as a bank file tells it: a camt transaction (a `TxDtls`, or the
 * `Ntry` itself when it has none) or an OCR giro transaction (amount items 1 and 2). Amounts are
 * positive; `direction` says which way the money went.
 */
export interface BankTransaction {
  /** The line where the entry (`Ntry`) or the transaction's first record starts. */
  line: number;
  /** The account the file is about, as the file gives it (IBAN or BBAN). */
  account: string;
  /** The account as a Norwegian 11-digit number, when the file's form gives one (BBAN, or a NO IBAN). */
  accountNumber: string | null;
  currency: string;
  amount: Ore;
  direction: 'credit' | 'debit';
  /** `RvslInd` true, or an OCR reversal (transaction types 18 and 20). */
  reversal: boolean;
  /** camt `Sts` BOOK (pending and information entries are not money on the account yet); OCR: always. */
  booked: boolean;
  bookingDate: string;
  valueDate: string | null;
  /**
   * The bank's own reference for this movement, stable across files (camt `AcctSvcrRef` of the
   * transaction, else of the entry — with the transaction's place when an entry has several —
   * else `NtryRef`; OCR: the Nets date, archive reference, settlement serial and transaction
   * number), prefixed by the account. Null when the file gives none: then only the file's hash
   * keeps it from being booked twice.
   */
  key: string | null;
  /** A reference to show (the bank's archive reference or entry reference). */
  bankReference: string | null;
  /** A structured creditor reference that is a KID (digits, correct MOD10 or MOD11 check digit). */
  kid: string | null;
  /** The free text: unstructured remittance, additional transaction and entry information. */
  text: string;
  debtorName: string | null;
  debtorAccount: string | null;
  /** Part of a batch booking (an entry with several transactions). */
  batch: boolean;
}

/** What a reader yields: the format once, first, then the transactions in file order. */
export type BankFileItem = { kind: 'format'; format: BankFileFormat } | { kind: 'transaction'; tx: BankTransaction };

/**
 * A bank file that cannot be read: the message names the line and, in XML, the element, so the
 * accountant can tell the bank what is wrong with it.
 */
export class BankFileError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly element: string | null,
    message: string,
  ) {
    const where = [line !== null ? `line ${line}` : null, element ? `<${element}>` : null].filter(Boolean).join(', ');
    super(where ? `${where}: ${message}` : message);
    this.name = 'BankFileError';
  }
}

/** Longest text kept from a file's free-text fields (a file may carry kilobytes in one element). */
export const MAX_TEXT = 500;

export function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t;
}

/**
 * A decimal amount in kroner as a bank file writes it ("1234.50", "10", ".5" is refused) → øre.
 * Never through floating point: the digits are put together as an integer.
 */
export function amountToOre(text: string): Ore | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const whole = m[1]!;
  const frac = (m[2] ?? '').padEnd(2, '0');
  return ore(Number(whole) * 100 + Number(frac));
}

/** The Norwegian account number inside an account identifier: 11 digits, or NOkk + 11 digits. */
export function norwegianAccountNumber(id: string): string | null {
  const s = id.replace(/[\s.]/g, '').toUpperCase();
  if (/^\d{11}$/.test(s)) return s;
  const iban = /^NO\d{2}(\d{11})$/.exec(s);
  return iban ? iban[1]! : null;
}
