import { AppError } from '../shared/errors.js';
import { type Ore, ore, percentOf, roundHalfUpDiv, subOre, sumOre } from '../shared/money.js';
import type { VatBreakdownRow, VatRate } from './invoice.table.js';

export const VAT_RATES = [25, 15, 12, 0] as const satisfies readonly VatRate[];

export interface LineInput {
  description: string;
  /** Up to three decimals (hours, litres …). */
  quantity: number;
  /** Øre per unit, before VAT. */
  unitPrice: Ore;
  vatRate: VatRate;
}

export interface ComputedLine extends LineInput {
  quantityMilli: number;
  netAmount: Ore;
}

export interface Totals {
  lines: ComputedLine[];
  vatBreakdown: VatBreakdownRow[];
  netAmount: Ore;
  vatAmount: Ore;
  totalAmount: Ore;
}

/** Quantity × unit price, in øre, rounded once (half away from zero) per line. */
/** The largest line or invoice total accepted (100 billion kroner), as for every amount in the API. */
export const MAX_LINE_AMOUNT = 10_000_000_000_000;

export function lineNet(quantityMilli: number, unitPrice: Ore): Ore {
  const net = roundHalfUpDiv(BigInt(quantityMilli) * BigInt(unitPrice), 1000n);
  if (net > BigInt(MAX_LINE_AMOUNT))
    throw new AppError(
      'validation_failed',
      `a line of ${quantityMilli / 1000} × ${unitPrice} øre is above the largest amount accepted (${MAX_LINE_AMOUNT} øre)`,
      { reason: 'line_too_large', maxAmount: MAX_LINE_AMOUNT },
    );
  return ore(Number(net));
}

export function toQuantityMilli(quantity: number): number {
  const milli = Math.round(quantity * 1000);
  if (!Number.isSafeInteger(milli) || milli <= 0 || Math.abs(quantity * 1000 - milli) > 1e-6) {
    throw new AppError('validation_failed', `quantity ${quantity} must be positive with at most three decimals`, {
      reason: 'invalid_quantity',
      quantity,
    });
  }
  return milli;
}

/**
 * Invoice totals in whole øre. VAT is computed once per rate on the sum of that rate's line
 * amounts (not per line), so the VAT on the invoice is what the rate gives on its base.
 */
export function computeTotals(lines: LineInput[]): Totals {
  const computed = lines.map((l) => {
    const quantityMilli = toQuantityMilli(l.quantity);
    return { ...l, quantityMilli, netAmount: lineNet(quantityMilli, l.unitPrice) };
  });
  const vatBreakdown: VatBreakdownRow[] = [];
  for (const rate of VAT_RATES) {
    const ofRate = computed.filter((l) => l.vatRate === rate);
    if (ofRate.length === 0) continue;
    const netAmount = sumOre(ofRate.map((l) => l.netAmount));
    vatBreakdown.push({ rate, netAmount, vatAmount: percentOf(netAmount, rate * 100) });
  }
  const netAmount = sumOre(vatBreakdown.map((r) => r.netAmount));
  if (netAmount > MAX_LINE_AMOUNT)
    throw new AppError(
      'validation_failed',
      `the invoice total is above the largest amount accepted (${MAX_LINE_AMOUNT} øre)`,
      { reason: 'total_too_large', maxAmount: MAX_LINE_AMOUNT },
    );
  const vatAmount = sumOre(vatBreakdown.map((r) => r.vatAmount));
  return { lines: computed, vatBreakdown, netAmount, vatAmount, totalAmount: ore(netAmount + vatAmount) };
}

/**
 * The part of an invoice not yet credited, per VAT rate. A credit note that takes a rate's whole
 * remaining base also takes its whole remaining VAT, so full credits cancel to the øre.
 */
export function remainingCreditable(invoice: VatBreakdownRow[], credited: VatBreakdownRow[][]): VatBreakdownRow[] {
  return invoice.map((row) => {
    const done = credited.flat().filter((c) => c.rate === row.rate);
    return {
      rate: row.rate,
      netAmount: subOre(row.netAmount, sumOre(done.map((c) => c.netAmount))),
      vatAmount: subOre(row.vatAmount, sumOre(done.map((c) => c.vatAmount))),
    };
  });
}
