import { addDays, daysBetween, maxDate } from '../shared/dates.js';
import { type Ore, ore, roundHalfUpDiv } from '../shared/money.js';
import type { RateTable } from './legal-rate.js';

/** A reduction of the principal on a date (a payment, credit note or write-off matched to it). */
export interface PrincipalChange {
  date: string;
  amount: Ore;
}

/**
 * Accrued late-payment interest (forsinkelsesrente) on an invoice, actual/365, at the rate in force
 * for each half-year, on the principal still open each day. Interest runs for each day after the
 * due date up to and including `asOf`; a payment reduces the principal from the day after it is
 * made. The exact sum Σ principal × days × rate is kept in integers and rounded once (half up) to
 * whole øre.
 */
export function accruedInterest(input: {
  principal: Ore;
  dueDate: string;
  asOf: string;
  reductions: PrincipalChange[];
  rates: RateTable;
}): { amount: Ore; from: string; days: number } {
  const from = addDays(input.dueDate, 1);
  if (input.asOf < from) return { amount: ore(0), from, days: 0 };
  // Boundaries where either the principal or the rate changes; each segment has one of each.
  const boundaries = new Set<string>([from, addDays(input.asOf, 1)]);
  for (const r of input.reductions) {
    const effective = addDays(r.date, 1);
    if (effective > from && effective <= input.asOf) boundaries.add(effective);
  }
  for (const d of input.rates.changesBetween('late_payment_interest', from, input.asOf)) boundaries.add(d);
  const points = [...boundaries].sort();
  let numerator = 0n; // øre × days × basis points
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const principal =
      input.principal - input.reductions.filter((r) => addDays(r.date, 1) <= start).reduce((s, r) => s + r.amount, 0);
    if (principal <= 0) continue;
    numerator += BigInt(principal) * BigInt(daysBetween(start, end)) * BigInt(input.rates.lateInterestBp(start));
  }
  const amount = ore(Number(roundHalfUpDiv(numerator, 365n * 10_000n)));
  return { amount, from, days: daysBetween(maxDate(input.dueDate), input.asOf) };
}
