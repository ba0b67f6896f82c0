/** Calendar dates as ISO `YYYY-MM-DD` strings; arithmetic in UTC so no time zone shifts a day. */
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
