/**
 * The reference agency's OWN copy of the dated legal figures (it must not import Innfri's src/).
 * Dated data: a new figure is one more row, never a code change elsewhere.
 */
export interface DatedFigure {
  validFrom: string;
  value: number;
}

/**
 * Inkassosats in øre: 700 kr since 2017-01-01 (FOR-2016-12-14-1635; inkassoforskriften § 1-1 third
 * paragraph). The 750 kr for 2026 once listed here had no source (Innfri's migration 0009).
 */
export const INKASSOSATS: readonly DatedFigure[] = [{ validFrom: '2017-01-01', value: 70_000 }];

/** Forsinkelsesrente in basis points a year, per half-year. */
export const LATE_INTEREST_BP: readonly DatedFigure[] = [
  { validFrom: '2025-01-01', value: 1250 },
  { validFrom: '2025-07-01', value: 1225 },
  { validFrom: '2026-01-01', value: 1200 },
];

/** The figure in force on `date` (the last one known carries forward past the table's end). */
export function figureOn(table: readonly DatedFigure[], date: string): number {
  let found: DatedFigure | undefined;
  for (const f of table) if (f.validFrom <= date) found = f;
  if (!found) throw new RangeError(`no figure in force on ${date}`);
  return found.value;
}

/**
 * Salær (the agency's statutory fee), SIMPLIFIED from inkassoforskriften § 2-2's table of
 * inkassosats multiples by the size of the principal:
 *   principal ≤ 2 500 kr → 1 × sats; ≤ 10 000 kr → 1.5 ×; ≤ 50 000 kr → 2 ×; ≤ 250 000 kr → 3 ×; above → 4 ×.
 * One salær per case, on the case's principal when the payment demand (betalingsoppfordring) is
 * sent, at the sats in force on that date. No «tungt salær», no reduction for early payment.
 */
export const SALAER_STEPS: ReadonlyArray<{ upToOre: number; timesSats100: number }> = [
  { upToOre: 250_000, timesSats100: 100 },
  { upToOre: 1_000_000, timesSats100: 150 },
  { upToOre: 5_000_000, timesSats100: 200 },
  { upToOre: 25_000_000, timesSats100: 300 },
  { upToOre: Number.MAX_SAFE_INTEGER, timesSats100: 400 },
];

export function salaer(principalOre: number, date: string): number {
  const sats = figureOn(INKASSOSATS, date);
  const step = SALAER_STEPS.find((s) => principalOre <= s.upToOre)!;
  return Math.round((sats * step.timesSats100) / 100);
}

/** VAT on the salær: 25 %, rounded to øre. */
export function vatOn(amountOre: number): number {
  return Math.round(amountOre / 4);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in Norway on the real clock (the creditor's books never take a date after it). */
export function realToday(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
}

/**
 * A settlement's date: the simulated day, but never after the real today — the agency's clock runs
 * ahead of the creditor's books, which refuse a voucher dated in the future.
 */
export function settlementDateFor(simulatedDay: string, today: string = realToday()): string {
  return simulatedDay < today ? simulatedDay : today;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Forsinkelsesrente on `principalOre` for the days [from, to) (from the day after the due date up to
 * the payment date), actual/365, each day at the dated half-year rate in force that day; rounded to
 * øre once at the end.
 */
export function lateInterest(principalOre: number, from: string, to: string): number {
  if (principalOre <= 0 || to <= from) return 0;
  const bounds = [from, ...LATE_INTEREST_BP.map((f) => f.validFrom).filter((d) => d > from && d < to), to];
  let sum = 0; // øre × basis points × days, exact as an integer
  for (let i = 0; i + 1 < bounds.length; i++)
    sum += principalOre * figureOn(LATE_INTEREST_BP, bounds[i]!) * daysBetween(bounds[i]!, bounds[i + 1]!);
  return Math.round(sum / (10_000 * 365));
}

/**
 * One settlement's money to the creditor: the principal settled and the interest the debtor paid,
 * less the VAT on the salær (the creditor's input VAT, or its cost when not VAT-registered). The VAT
 * is deducted only up to what the settlement carries; the rest waits for the next one.
 * Always: bankAmount = principal + interest − vat, all whole øre, none negative.
 */
export function remittance(
  principalOre: number,
  interestOre: number,
  vatDueOre: number,
): { vat: number; vatCarried: number; bankAmount: number } {
  const vat = Math.min(vatDueOre, principalOre + interestOre);
  return { vat, vatCarried: vatDueOre - vat, bankAmount: principalOre + interestOre - vat };
}
