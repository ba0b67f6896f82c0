import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../shared/dates.js';
import { ore, roundHalfUpDiv } from '../shared/money.js';
import { accruedInterest } from './interest.js';
import { type LegalRate, RateTable } from './legal-rate.js';

/** The rows seeded by migration 0002_dunning_and_handover (inkassosats in øre, interest in bp). */
const SEEDED: LegalRate[] = [
  { kind: 'inkassosats', validFrom: '2025-01-01', value: 70000, source: 'Inkassoforskriften § 2-1, 2025' },
  { kind: 'inkassosats', validFrom: '2026-01-01', value: 75000, source: 'Inkassoforskriften § 2-1, 2026' },
  { kind: 'late_payment_interest', validFrom: '2025-01-01', value: 1250, source: 'Forsinkelsesrenten 1. halvår 2025' },
  { kind: 'late_payment_interest', validFrom: '2025-07-01', value: 1225, source: 'Forsinkelsesrenten 2. halvår 2025' },
  { kind: 'late_payment_interest', validFrom: '2026-01-01', value: 1200, source: 'Forsinkelsesrenten 1. halvår 2026' },
];
const rates = new RateTable(SEEDED);

/** actual/365 with rates in basis points: Σ øre × days × bp, divided once by 365 × 10 000. */
const DENOMINATOR = 365n * 10_000n;

describe('accruedInterest (forsinkelsesrente, actual/365, rounded once half up)', () => {
  it('10 000,00 kr due 2026-01-31, asOf 2026-03-02: 30 days at 12.00 % = 9 863 øre (9863.01…)', () => {
    const numerator = 1_000_000n * 30n * 1200n;
    expect((numerator * 100n) / DENOMINATOR).toBe(986301n); // 9863.01…
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2026-01-31',
      asOf: '2026-03-02',
      reductions: [],
      rates,
    });
    expect(r.amount).toBe(9863);
    expect(r.from).toBe('2026-02-01');
    expect(r.days).toBe(30);
  });

  it('across the half-year boundary: due 2025-06-15, asOf 2025-07-15 = 15 days at 12.50 % + 15 days at 12.25 % = 10 171 øre', () => {
    const numerator = 1_000_000n * 15n * 1250n + 1_000_000n * 15n * 1225n; // 16.06.–30.06. and 01.07.–15.07.
    const expected = Number(roundHalfUpDiv(numerator, DENOMINATOR));
    expect(expected).toBe(10171); // 10171.23…
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2025-06-15',
      asOf: '2025-07-15',
      reductions: [],
      rates,
    });
    expect(r.amount).toBe(expected);
    expect(r.days).toBe(30);
  });

  it('across 2025-12-31/2026-01-01: due 2025-12-16, asOf 2026-01-15 = 15 days at 12.25 % + 15 days at 12.00 % = 9 966 øre', () => {
    const numerator = 1_000_000n * 15n * 1225n + 1_000_000n * 15n * 1200n; // 17.12.–31.12. and 01.01.–15.01.
    const expected = Number(roundHalfUpDiv(numerator, DENOMINATOR));
    expect(expected).toBe(9966); // 9965.75…
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2025-12-16',
      asOf: '2026-01-15',
      reductions: [],
      rates,
    });
    expect(r.amount).toBe(expected);
  });

  it('a whole year 2025-01-01 → 2026-01-01 uses all three rates (180 d at 12.50 %, 184 d at 12.25 %, 1 d at 12.00 %)', () => {
    // due 2025-01-01 → interest from 2025-01-02 (a due date in 2024 would need a 2024 rate).
    const numerator = 1_000_000n * 180n * 1250n + 1_000_000n * 184n * 1225n + 1_000_000n * 1n * 1200n;
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2025-01-01',
      asOf: '2026-01-01',
      reductions: [],
      rates,
    });
    expect(r.amount).toBe(Number(roundHalfUpDiv(numerator, DENOMINATOR)));
    expect(r.days).toBe(365);
  });

  it('a partial payment of 4 000,00 kr on 2026-02-10 reduces the principal from 2026-02-11: 10 d × 10 000 kr + 20 d × 6 000 kr at 12.00 % = 7 233 øre', () => {
    const numerator = 1_000_000n * 10n * 1200n + 600_000n * 20n * 1200n; // 01.02.–10.02. full, 11.02.–02.03. reduced
    const expected = Number(roundHalfUpDiv(numerator, DENOMINATOR));
    expect(expected).toBe(7233); // 7232.87…
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2026-01-31',
      asOf: '2026-03-02',
      reductions: [{ date: '2026-02-10', amount: ore(400_000) }],
      rates,
    });
    expect(r.amount).toBe(expected);
  });

  it('two payments, one across the 2025-07-01 rate change, each from the day after', () => {
    // due 2025-06-15; 2 000 kr paid 2025-06-20, 3 000 kr paid 2025-07-05; asOf 2025-07-15
    const numerator =
      1_000_000n * 5n * 1250n + // 16.06.–20.06.
      800_000n * 10n * 1250n + // 21.06.–30.06.
      800_000n * 5n * 1225n + // 01.07.–05.07.
      500_000n * 10n * 1225n; // 06.07.–15.07.
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2025-06-15',
      asOf: '2025-07-15',
      reductions: [
        { date: '2025-07-05', amount: ore(300_000) },
        { date: '2025-06-20', amount: ore(200_000) },
      ],
      rates,
    });
    expect(r.amount).toBe(Number(roundHalfUpDiv(numerator, DENOMINATOR)));
  });

  it('a payment on asOf itself does not reduce that day (it counts from the next day)', () => {
    const without = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2026-01-31',
      asOf: '2026-03-02',
      reductions: [],
      rates,
    });
    const paidOnAsOf = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2026-01-31',
      asOf: '2026-03-02',
      reductions: [{ date: '2026-03-02', amount: ore(1_000_000) }],
      rates,
    });
    expect(paidOnAsOf.amount).toBe(without.amount);
  });

  it('a payment on or before the due date reduces the principal for every day of interest', () => {
    const numerator = 700_000n * 30n * 1200n;
    for (const date of ['2026-01-31', '2026-01-10']) {
      const r = accruedInterest({
        principal: ore(1_000_000),
        dueDate: '2026-01-31',
        asOf: '2026-03-02',
        reductions: [{ date, amount: ore(300_000) }],
        rates,
      });
      expect(r.amount).toBe(Number(roundHalfUpDiv(numerator, DENOMINATOR)));
    }
  });

  it('fully paid on 2026-02-10: stops accruing (3 288 øre, the same on 2026-03-02 and 2026-12-31)', () => {
    const expected = Number(roundHalfUpDiv(1_000_000n * 10n * 1200n, DENOMINATOR));
    expect(expected).toBe(3288); // 3287.67…
    const paid = [{ date: '2026-02-10', amount: ore(1_000_000) }];
    for (const asOf of ['2026-02-10', '2026-02-11', '2026-03-02', '2026-12-31']) {
      expect(
        accruedInterest({ principal: ore(1_000_000), dueDate: '2026-01-31', asOf, reductions: paid, rates }).amount,
      ).toBe(expected);
    }
  });

  it('fully paid in instalments (and overpaid) accrues nothing afterwards and never goes negative', () => {
    const reductions = [
      { date: '2026-02-05', amount: ore(600_000) },
      { date: '2026-02-10', amount: ore(500_000) }, // 100 000 øre too much
    ];
    const numerator = 1_000_000n * 5n * 1200n + 400_000n * 5n * 1200n;
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2026-01-31',
      asOf: '2026-06-30',
      reductions,
      rates,
    });
    expect(r.amount).toBe(Number(roundHalfUpDiv(numerator, DENOMINATOR)));
  });

  it('fully paid on or before the due date: 0', () => {
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2026-01-31',
      asOf: '2026-06-30',
      reductions: [{ date: '2026-01-31', amount: ore(1_000_000) }],
      rates,
    });
    expect(r.amount).toBe(0);
  });

  it.each(['2026-01-31', '2026-01-30', '2025-12-01'])('asOf %s on or before the due date 2026-01-31 → 0', (asOf) => {
    const r = accruedInterest({ principal: ore(1_000_000), dueDate: '2026-01-31', asOf, reductions: [], rates });
    expect(r.amount).toBe(0);
    expect(r.days).toBe(0);
    expect(r.from).toBe('2026-02-01');
  });

  it('asOf = due + 1 → exactly one day of interest (1 000 000 × 1200 / 3 650 000 = 328.77 → 329 øre)', () => {
    const r = accruedInterest({
      principal: ore(1_000_000),
      dueDate: '2026-01-31',
      asOf: '2026-02-01',
      reductions: [],
      rates,
    });
    expect(r.amount).toBe(329);
    expect(r.days).toBe(1);
  });

  it('rounds ONCE: 10,33 kr due 2025-06-15, asOf 2025-07-15 → 11 øre, where rounding each rate segment would give 5 + 5 = 10', () => {
    const seg1 = 1033n * 15n * 1250n; // 5.306… øre at 12.50 %
    const seg2 = 1033n * 15n * 1225n; // 5.200… øre at 12.25 %
    const perSegment = roundHalfUpDiv(seg1, DENOMINATOR) + roundHalfUpDiv(seg2, DENOMINATOR);
    const once = roundHalfUpDiv(seg1 + seg2, DENOMINATOR); // 10.506… øre
    expect(perSegment).toBe(10n);
    expect(once).toBe(11n);
    const r = accruedInterest({
      principal: ore(1033),
      dueDate: '2025-06-15',
      asOf: '2025-07-15',
      reductions: [],
      rates,
    });
    expect(r.amount).toBe(11);
  });

  it('rounds half up: exactly ,5 øre goes up (20,44 kr × 5 days at 12.50 % = 3.5 → 4; 730,00 kr × 1 day at 12.25 % = 24.5 → 25)', () => {
    expect((2044n * 5n * 1250n * 10n) / DENOMINATOR).toBe(35n); // exactly 3.5
    expect((2044n * 5n * 1250n * 10n) % DENOMINATOR).toBe(0n);
    expect(
      accruedInterest({ principal: ore(2044), dueDate: '2025-03-01', asOf: '2025-03-06', reductions: [], rates })
        .amount,
    ).toBe(4);
    expect(73_000n * 1n * 1225n * 10n).toBe(245n * DENOMINATOR); // exactly 24.5
    expect(
      accruedInterest({ principal: ore(73_000), dueDate: '2025-08-01', asOf: '2025-08-02', reductions: [], rates })
        .amount,
    ).toBe(25);
  });

  it('a due date before the first registered rate (2024-12-20) throws validation_failed rather than guessing a rate', () => {
    expect(() =>
      accruedInterest({ principal: ore(1_000_000), dueDate: '2024-12-20', asOf: '2025-01-15', reductions: [], rates }),
    ).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('property: equals Σ principal × days × rate computed day by day, rounded once', () => {
    const dayOffset = fc.integer({ min: 0, max: 600 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000_000 }),
        dayOffset,
        fc.integer({ min: -5, max: 400 }),
        fc.array(
          fc.record({ offset: fc.integer({ min: -10, max: 420 }), amount: fc.integer({ min: 1, max: 200_000_000 }) }),
          { maxLength: 4 },
        ),
        (principal, dueOffset, span, reds) => {
          const dueDate = addDays('2025-01-01', dueOffset);
          const asOf = addDays(dueDate, span);
          const reductions = reds.map((r) => ({ date: addDays(dueDate, r.offset), amount: r.amount }));
          // Day by day: day d bears interest if due < d <= asOf, on the principal left after payments made before d.
          let numerator = 0n;
          for (let d = addDays(dueDate, 1); d <= asOf; d = addDays(d, 1)) {
            const open = principal - reductions.filter((r) => r.date < d).reduce((s, r) => s + r.amount, 0);
            if (open > 0) numerator += BigInt(open) * BigInt(rates.lateInterestBp(d));
          }
          const r = accruedInterest({
            principal: ore(principal),
            dueDate,
            asOf,
            reductions: reductions.map((x) => ({ ...x, amount: ore(x.amount) })),
            rates,
          });
          expect(r.amount).toBe(Number(roundHalfUpDiv(numerator, DENOMINATOR)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
