/**
 * The reference agency's own legal figures (agency/src/figures.ts): salær by claim size and date,
 * forsinkelsesrente across half-year boundaries, and how a settlement balances.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  figureOn,
  INKASSOSATS,
  lateInterest,
  realToday,
  remittance,
  salaer,
  settlementDateFor,
  vatOn,
} from '../../agency/src/figures.js';

describe('salær', () => {
  it('steps by the size of the principal, at the 2026 inkassosats (700 kr, unchanged since 2017)', () => {
    const on = '2026-03-01';
    expect(salaer(1, on)).toBe(70_000);
    expect(salaer(250_000, on)).toBe(70_000); // ≤ 2 500 kr: 1 ×
    expect(salaer(250_001, on)).toBe(105_000); // ≤ 10 000 kr: 1.5 ×
    expect(salaer(1_000_000, on)).toBe(105_000);
    expect(salaer(1_000_001, on)).toBe(140_000); // ≤ 50 000 kr: 2 ×
    expect(salaer(5_000_000, on)).toBe(140_000);
    expect(salaer(5_000_001, on)).toBe(210_000); // ≤ 250 000 kr: 3 ×
    expect(salaer(25_000_000, on)).toBe(210_000);
    expect(salaer(25_000_001, on)).toBe(280_000); // above: 4 ×
  });

  it('uses the sats in force on the date of the payment demand', () => {
    expect(salaer(250_000, '2025-12-31')).toBe(70_000);
    expect(salaer(250_000, '2026-12-02')).toBe(70_000);
    expect(salaer(1_000_000, '2017-01-01')).toBe(105_000);
    // The last known figure carries forward; before the table there is none.
    expect(salaer(250_000, '2030-06-01')).toBe(figureOn(INKASSOSATS, '2017-01-01'));
    expect(() => salaer(250_000, '2016-12-31')).toThrow(RangeError);
  });

  it('never falls as the claim grows, on any date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom('2025-03-01', '2025-12-31', '2026-01-01', '2027-05-17'),
        (a, extra, on) => {
          expect(salaer(a + extra, on)).toBeGreaterThanOrEqual(salaer(a, on));
          expect(Number.isInteger(salaer(a, on))).toBe(true);
        },
      ),
    );
  });

  it('VAT on the salær is 25 %, rounded to øre', () => {
    expect(vatOn(75_000)).toBe(18_750);
    expect(vatOn(112_500)).toBe(28_125);
    expect(vatOn(3)).toBe(1);
  });
});

describe('forsinkelsesrente', () => {
  it('runs each day at the rate of its half-year, across the 1 July boundary', () => {
    // 10 000 kr: 30 days of June at 12.50 % + 31 days of July at 12.25 %, actual/365, rounded once.
    // 1 000 000 × (1250 × 30 + 1225 × 31) / (10 000 × 365) = 20 678.08
    expect(lateInterest(1_000_000, '2025-06-01', '2025-08-01')).toBe(20_678);
    // Within one half-year it is the plain formula.
    expect(lateInterest(1_000_000, '2025-07-01', '2025-08-01')).toBe(Math.round((1_000_000 * 1225 * 31) / 3_650_000));
  });

  it('runs across the new year (12.25 % → 12.00 %)', () => {
    // 1 000 000 × (1225 × 31 + 1200 × 30) / 3 650 000 = 20 267.12
    expect(lateInterest(1_000_000, '2025-12-01', '2026-01-31')).toBe(20_267);
  });

  it('is additive over a split at a boundary, up to the one rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (principal, startOffset, length) => {
          const from = addDaysIso('2025-01-01', startOffset);
          const to = addDaysIso(from, length);
          const whole = lateInterest(principal, from, to);
          const mid = addDaysIso(from, Math.floor(length / 2));
          expect(
            Math.abs(whole - (lateInterest(principal, from, mid) + lateInterest(principal, mid, to))),
          ).toBeLessThanOrEqual(1);
          expect(Number.isInteger(whole)).toBe(true);
        },
      ),
    );
  });

  it('is nothing for no days or no principal', () => {
    expect(lateInterest(1_000_000, '2026-02-01', '2026-02-01')).toBe(0);
    expect(lateInterest(1_000_000, '2026-02-02', '2026-02-01')).toBe(0);
    expect(lateInterest(0, '2026-01-01', '2026-12-31')).toBe(0);
  });
});

describe('a settlement balances', () => {
  it('bank = principal + interest − VAT, the VAT deducted only up to what the settlement carries', () => {
    expect(remittance(100_000, 2_000, 28_125)).toEqual({ vat: 28_125, vatCarried: 0, bankAmount: 73_875 });
    // A small part-payment: the VAT above it waits for the next settlement, nothing goes negative.
    expect(remittance(5_000, 0, 28_125)).toEqual({ vat: 5_000, vatCarried: 23_125, bankAmount: 0 });
    expect(remittance(0, 0, 0)).toEqual({ vat: 0, vatCarried: 0, bankAmount: 0 });
  });

  it('always: integers, balanced lines, none negative, no VAT lost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        (principal, interest, salaerPaid) => {
          const vatDue = vatOn(salaerPaid);
          const r = remittance(principal, interest, vatDue);
          expect(Number.isInteger(r.vat) && Number.isInteger(r.bankAmount) && Number.isInteger(r.vatCarried)).toBe(
            true,
          );
          // The settlement's lines (principal and interest in, VAT/cost out) sum to the bank amount.
          expect(principal + interest - r.vat).toBe(r.bankAmount);
          expect(r.bankAmount).toBeGreaterThanOrEqual(0);
          expect(r.vat).toBeGreaterThanOrEqual(0);
          expect(r.vat + r.vatCarried).toBe(vatDue);
        },
      ),
    );
  });
});

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('settlementDateFor: the simulated day, never after the real today', () => {
  it('keeps a simulated day up to today and takes today for a day ahead of it', () => {
    expect(settlementDateFor('2026-11-30', '2026-12-02')).toBe('2026-11-30');
    expect(settlementDateFor('2026-12-02', '2026-12-02')).toBe('2026-12-02');
    expect(settlementDateFor('2027-03-20', '2026-12-02')).toBe('2026-12-02');
  });
  it('is never after the real today (Europe/Oslo) by default', () => {
    expect(settlementDateFor('2099-01-01') <= realToday()).toBe(true);
  });
});
