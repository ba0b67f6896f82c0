import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { type LegalRate, RateTable } from './legal-rate.js';

/**
 * A fixture for the look-up logic: the rows migration 0002 once seeded, with a change of the sats
 * on 2026-01-01 (750 kr, which no source gives: migration 0011 removed it; the real seeded figures
 * are tested in test/integration/legal-rates.test.ts). Inkassosats in øre, interest in bp.
 */
const SEEDED: LegalRate[] = [
  { kind: 'inkassosats', validFrom: '2025-01-01', value: 70000, source: 'Inkassoforskriften § 2-1, 2025' },
  { kind: 'inkassosats', validFrom: '2026-01-01', value: 75000, source: 'Inkassoforskriften § 2-1, 2026' },
  { kind: 'late_payment_interest', validFrom: '2025-01-01', value: 1250, source: 'Forsinkelsesrenten 1. halvår 2025' },
  { kind: 'late_payment_interest', validFrom: '2025-07-01', value: 1225, source: 'Forsinkelsesrenten 2. halvår 2025' },
  { kind: 'late_payment_interest', validFrom: '2026-01-01', value: 1200, source: 'Forsinkelsesrenten 1. halvår 2026' },
];

const rates = new RateTable(SEEDED);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

describe('RateTable.on', () => {
  it.each([
    ['2025-01-01', 70000],
    ['2025-06-30', 70000],
    ['2025-12-31', 70000],
    ['2026-01-01', 75000],
    ['2030-06-01', 75000],
  ])('inkassosats on %s is %i øre (the fixture: 700 kr in 2025, 750 kr from 2026-01-01)', (date, value) => {
    expect(rates.on('inkassosats', date).value).toBe(value);
    expect(rates.inkassosats(date)).toBe(value);
  });

  it.each([
    ['2025-01-01', 1250],
    ['2025-06-30', 1250],
    ['2025-07-01', 1225],
    ['2025-12-31', 1225],
    ['2026-01-01', 1200],
    ['2026-06-30', 1200],
  ])('late-payment interest on %s is %i bp (12.50 % / 12.25 % / 12.00 %)', (date, value) => {
    expect(rates.on('late_payment_interest', date).value).toBe(value);
    expect(rates.lateInterestBp(date)).toBe(value);
  });

  it('returns the whole row in force, with its validFrom and source', () => {
    expect(rates.on('late_payment_interest', '2025-09-15')).toEqual(SEEDED[3]);
  });

  it.each(['inkassosats', 'late_payment_interest'] as const)(
    '%s before the first registered date (2024-12-31) throws AppError validation_failed',
    (kind) => {
      const e = thrown(() => rates.on(kind, '2024-12-31'));
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).status).toBe(400);
    },
  );

  it('inkassosats() and lateInterestBp() throw validation_failed before the first date too', () => {
    expect((thrown(() => rates.inkassosats('2024-01-01')) as AppError).code).toBe('validation_failed');
    expect((thrown(() => rates.lateInterestBp('2024-01-01')) as AppError).code).toBe('validation_failed');
  });

  it('an empty table throws validation_failed for any date', () => {
    const e = thrown(() => new RateTable([]).on('inkassosats', '2026-01-01'));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('validation_failed');
  });

  it('does not depend on the order the rows are given in', () => {
    const shuffled = new RateTable([SEEDED[4]!, SEEDED[1]!, SEEDED[2]!, SEEDED[0]!, SEEDED[3]!]);
    for (const d of ['2025-01-01', '2025-06-30', '2025-07-01', '2025-12-31', '2026-01-01', '2027-01-01']) {
      expect(shuffled.inkassosats(d)).toBe(rates.inkassosats(d));
      expect(shuffled.lateInterestBp(d)).toBe(rates.lateInterestBp(d));
    }
    expect(shuffled.changesBetween('late_payment_interest', '2024-12-31', '2026-12-31')).toEqual([
      '2025-01-01',
      '2025-07-01',
      '2026-01-01',
    ]);
  });

  it('all() gives back every row', () => {
    expect(rates.all()).toHaveLength(5);
    expect(new Set(rates.all())).toEqual(new Set(SEEDED));
  });
});

describe('RateTable.changesBetween (from exclusive, to inclusive)', () => {
  it('lists the interest changes 2025-07-01 and 2026-01-01 in (2025-01-01, 2026-01-01]', () => {
    expect(rates.changesBetween('late_payment_interest', '2025-01-01', '2026-01-01')).toEqual([
      '2025-07-01',
      '2026-01-01',
    ]);
  });

  it('excludes a change on the from date and includes one on the to date', () => {
    expect(rates.changesBetween('late_payment_interest', '2025-07-01', '2025-12-31')).toEqual([]);
    expect(rates.changesBetween('late_payment_interest', '2025-06-30', '2025-07-01')).toEqual(['2025-07-01']);
  });

  it('inkassosats changes once, on 2026-01-01', () => {
    expect(rates.changesBetween('inkassosats', '2025-01-01', '2026-12-31')).toEqual(['2026-01-01']);
    expect(rates.changesBetween('inkassosats', '2025-06-01', '2025-12-31')).toEqual([]);
  });

  it('is empty when nothing changes or the range is empty', () => {
    expect(rates.changesBetween('late_payment_interest', '2026-01-01', '2026-06-30')).toEqual([]);
    expect(rates.changesBetween('late_payment_interest', '2026-01-01', '2025-01-01')).toEqual([]);
    expect(new RateTable([]).changesBetween('inkassosats', '2020-01-01', '2030-01-01')).toEqual([]);
  });
});

describe('RateTable.warnings: a period without its own figure is said, never reused silently', () => {
  const interest = (validFrom: string, value: number): LegalRate => ({
    kind: 'late_payment_interest',
    validFrom,
    value,
    source: 'test',
  });
  const sats = (validFrom: string): LegalRate => ({ kind: 'inkassosats', validFrom, value: 70000, source: 'test' });

  it('2026 H2 without an interest row: one warning from 2026-07-01 naming the 12.00 % reused', () => {
    const table = new RateTable([sats('2017-01-01'), sats('2026-01-01'), ...SEEDED.slice(2)]);
    expect(table.warnings('2026-06-30')).toEqual([]);
    expect(table.warnings('2026-12-02')).toEqual([
      expect.objectContaining({
        code: 'interest_half_year_missing',
        kind: 'late_payment_interest',
        missingFrom: '2026-07-01',
        inUse: { validFrom: '2026-01-01', value: 1200 },
      }),
    ]);
    // The interest in force is still looked up (the warning says which), and next year adds one more.
    expect(table.lateInterestBp('2026-12-02')).toBe(1200);
    expect(table.warnings('2027-01-01').map((w) => `${w.kind} ${w.missingFrom}`)).toEqual([
      'late_payment_interest 2026-07-01',
      'late_payment_interest 2027-01-01',
      'inkassosats 2027-01-01',
    ]);
  });

  it('a gap in the middle of the table is found too', () => {
    const table = new RateTable([sats('2026-01-01'), interest('2025-01-01', 1250), interest('2026-01-01', 1200)]);
    expect(table.warnings('2026-03-01')).toEqual([
      expect.objectContaining({ missingFrom: '2025-07-01', inUse: { validFrom: '2025-01-01', value: 1250 } }),
    ]);
  });

  it('a new year without an inkassosats row is a warning naming the sats reused', () => {
    const table = new RateTable([sats('2017-01-01'), sats('2025-01-01'), interest('2025-01-01', 1250)]);
    const found = table.warnings('2026-01-01').filter((w) => w.kind === 'inkassosats');
    expect(found).toEqual([
      expect.objectContaining({
        code: 'inkassosats_year_missing',
        missingFrom: '2026-01-01',
        inUse: { validFrom: '2025-01-01', value: 70000 },
      }),
    ]);
    expect(found[0]!.detail).toContain('innfri rates add');
  });
});
