/** Calendar dates as ISO `YYYY-MM-DD` strings; arithmetic in UTC so no time zone shifts a day. */
import { AppError } from './errors.js';
const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${date}`);
  return t;
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function maxDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a));
}

export function minDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b < a ? b : a));
}

/**
 * One formatter for every call: `toLocaleDateString` with a time zone builds a new one each time
 * (about half a millisecond), and every voucher asks for today (postVoucher's date rule).
 * sv-SE writes dates as YYYY-MM-DD.
 */
const OSLO_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });

/** Today in Norway, as the product's business date. */
export function osloToday(now = new Date()): string {
  return OSLO_DATE.format(now);
}

/** Whether `s` is a calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * A period of dates by the one rule every period takes (the customer statement, the audit trail,
 * SAF-T; over the API and on the command line): two real dates, the first not after the last and,
 * where `today` is given, the last not after today. Refused as 422 `validation_failed` with reason
 * `invalid_period` and the dates as given.
 */
export function checkPeriod(from: string, to: string, today?: string): { from: string; to: string } {
  const refuse = (detail: string) =>
    new AppError('validation_failed', detail, { reason: 'invalid_period', from, to }, 422);
  if (!isRealDate(from) || !isRealDate(to))
    throw refuse(`the period ${from} – ${to} is not two dates (YYYY-MM-DD) with the first not after the second`);
  if (from > to) throw refuse(`the period ${from} – ${to} starts after it ends`);
  if (today !== undefined && to > today) throw refuse(`the period ${from} – ${to} ends after today (${today})`);
  return { from, to };
}
