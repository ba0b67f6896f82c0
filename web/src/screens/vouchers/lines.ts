/**
 * The lines of a manual voucher as the form holds them (texts), parsed to what the API takes, and
 * the balance the form shows live: sums in whole øre, checked like the server's (never a float).
 * Kept free of React so it can be tested alone.
 */
import { parsePositiveKr } from '../../format/format.js';

/** Whole øre (the API's amounts). */
type Ore = number;

export interface VoucherLineDraft {
  key: number;
  account: string;
  debit: string;
  credit: string;
  /** The customer, for a line on the receivable account (only there). */
  customer: { id: string; customerNumber: number; name: string } | null;
  description: string;
}

/** What is wrong with a line, one reason at a time (the form shows it beside the line). */
export type LineProblem = 'account' | 'amount' | 'bothSides' | 'noAmount' | 'customerRequired' | 'customerNotAllowed';

export interface ParsedLine {
  account: number | null;
  side: 'debit' | 'credit' | null;
  amount: Ore | null;
  problem: LineProblem | null;
}

const positiveOre = parsePositiveKr;

export function parseVoucherLine(line: VoucherLineDraft, receivableAccount: number | null): ParsedLine {
  const accountText = line.account.trim();
  const account = /^\d{4}$/.test(accountText) ? Number(accountText) : null;
  const debitText = line.debit.trim();
  const creditText = line.credit.trim();
  const debit = debitText === '' ? null : positiveOre(debitText);
  const credit = creditText === '' ? null : positiveOre(creditText);
  const side =
    debitText !== '' && creditText === '' ? 'debit' : creditText !== '' && debitText === '' ? 'credit' : null;
  const amount = side === 'debit' ? debit : side === 'credit' ? credit : null;
  const problem: LineProblem | null =
    account === null
      ? 'account'
      : debitText !== '' && creditText !== ''
        ? 'bothSides'
        : side === null
          ? 'noAmount'
          : amount === null
            ? 'amount'
            : receivableAccount !== null && account === receivableAccount && line.customer === null
              ? 'customerRequired'
              : receivableAccount !== null && account !== receivableAccount && line.customer !== null
                ? 'customerNotAllowed'
                : null;
  return { account, side, amount, problem };
}

export interface Balance {
  debit: Ore;
  credit: Ore;
  /** debit − credit: 0 when the voucher balances. */
  difference: Ore;
}

/** The sums of the amounts that parse (a line being typed counts as soon as its amount reads). */
export function voucherBalance(lines: readonly VoucherLineDraft[]): Balance {
  const amounts = (pick: (l: VoucherLineDraft) => string) =>
    lines.flatMap((l) => {
      const text = pick(l).trim();
      const value = text === '' ? null : positiveOre(text);
      return value === null ? [] : [value];
    });
  // Summed as bigint, so that many large lines cannot lose a øre past 2^53.
  const sum = (xs: number[]) => xs.reduce((s, x) => s + BigInt(x), 0n);
  const debit = sum(amounts((l) => l.debit));
  const credit = sum(amounts((l) => l.credit));
  return { debit: Number(debit), credit: Number(credit), difference: Number(debit - credit) };
}

/** Lines with nothing typed in them are left out of the voucher (the form starts with empty ones). */
export function isBlankLine(line: VoucherLineDraft): boolean {
  return (
    line.account.trim() === '' &&
    line.debit.trim() === '' &&
    line.credit.trim() === '' &&
    line.customer === null &&
    line.description.trim() === ''
  );
}
