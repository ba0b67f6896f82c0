import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  MAX_ORE,
  addOre,
  formatKr,
  negOre,
  ore,
  oreFromDb,
  parseKr,
  percentOf,
  roundHalfUpDiv,
  subOre,
  sumOre,
  type Ore,
} from './money.js';

const safeOre = fc.integer({ min: -MAX_ORE, max: MAX_ORE }).map(ore);

describe('ore', () => {
  it('accepts safe integers', () => {
    expect(ore(0)).toBe(0);
    expect(ore(MAX_ORE)).toBe(MAX_ORE);
    expect(ore(-MAX_ORE)).toBe(-MAX_ORE);
  });

  it('normalises -0 to 0', () => {
    expect(Object.is(ore(-0), 0)).toBe(true);
    expect(Object.is(negOre(ore(0)), 0)).toBe(true);
  });

  it.each([0.5, NaN, Infinity, -Infinity, MAX_ORE + 1, -MAX_ORE - 1, 2 ** 60])('rejects %s', (n) => {
    expect(() => ore(n)).toThrow(RangeError);
  });
});

describe('oreFromDb', () => {
  it('parses int8 strings, numbers and bigints', () => {
    expect(oreFromDb('123450')).toBe(123450);
    expect(oreFromDb('-42')).toBe(-42);
    expect(oreFromDb('+7')).toBe(7);
    expect(oreFromDb(99)).toBe(99);
    expect(oreFromDb(99n)).toBe(99);
    expect(oreFromDb('9007199254740991')).toBe(MAX_ORE);
    expect(oreFromDb('-9007199254740991')).toBe(-MAX_ORE);
  });

  it.each<string | number | bigint>([
    '9007199254740992',
    '-9007199254740992',
    '9223372036854775807',
    9007199254740992n,
    '12.5',
    '12.00',
    ' 12',
    '',
    'abc',
    '1e3',
    1.5,
    NaN,
  ])('rejects %s instead of losing precision', (v) => {
    expect(() => oreFromDb(v)).toThrow(RangeError);
  });

  it('round-trips every safe integer given as a string', () => {
    fc.assert(fc.property(safeOre, (o) => oreFromDb(String(o)) === o));
  });
});

describe('addOre / subOre / negOre / sumOre', () => {
  it('does basic arithmetic', () => {
    expect(addOre()).toBe(0);
    expect(addOre(ore(1), ore(2), ore(3))).toBe(6);
    expect(subOre(ore(1), ore(3))).toBe(-2);
    expect(negOre(ore(5))).toBe(-5);
    expect(sumOre([ore(10), ore(-3)])).toBe(7);
    expect(sumOre(new Set([ore(1), ore(2)]))).toBe(3);
    expect(sumOre([])).toBe(0);
  });

  it('throws on overflow rather than rounding', () => {
    expect(() => addOre(ore(MAX_ORE), ore(1))).toThrow(RangeError);
    expect(() => subOre(ore(-MAX_ORE), ore(1))).toThrow(RangeError);
    expect(() => sumOre([ore(MAX_ORE), ore(MAX_ORE), ore(-MAX_ORE)])).toThrow(RangeError);
  });

  it('agrees with bigint arithmetic whenever it returns', () => {
    fc.assert(
      fc.property(fc.array(safeOre, { maxLength: 6 }), (xs) => {
        const exact = xs.reduce((acc, x) => acc + BigInt(x), 0n);
        try {
          return BigInt(sumOre(xs)) === exact;
        } catch (e) {
          return e instanceof RangeError;
        }
      }),
    );
  });

  it('subOre undoes addOre', () => {
    const small = fc.integer({ min: -(2 ** 50), max: 2 ** 50 }).map(ore);
    fc.assert(fc.property(small, small, (a, b) => subOre(addOre(a, b), b) === a));
  });
});

describe('formatKr', () => {
  it.each<[number, string, string]>([
    [0, 'kr 0,00', 'NOK 0.00'],
    [5, 'kr 0,05', 'NOK 0.05'],
    [123450, 'kr 1 234,50', 'NOK 1,234.50'],
    [-123450, '-kr 1 234,50', '-NOK 1,234.50'],
    [-1, '-kr 0,01', '-NOK 0.01'],
    [99999, 'kr 999,99', 'NOK 999.99'],
    [100000, 'kr 1 000,00', 'NOK 1,000.00'],
    [123456789, 'kr 1 234 567,89', 'NOK 1,234,567.89'],
    [MAX_ORE, 'kr 90 071 992 547 409,91', 'NOK 90,071,992,547,409.91'],
    [-MAX_ORE, '-kr 90 071 992 547 409,91', '-NOK 90,071,992,547,409.91'],
  ])('formats %i øre', (n, nb, en) => {
    expect(formatKr(ore(n))).toBe(nb);
    expect(formatKr(ore(n), 'nb')).toBe(nb);
    expect(formatKr(ore(n), 'en')).toBe(en);
  });

  it('uses plain ASCII spaces', () => {
    expect(formatKr(ore(123456789))).not.toMatch(/[^\x20-\x7e]/);
  });
});

describe('parseKr', () => {
  it.each<[string, number]>([
    ['1234,50', 123450],
    ['1 234,50', 123450],
    ['1234.5', 123450],
    ['kr 1 234,50', 123450],
    ['-12', -1200],
    ['12,5', 1250],
    ['0', 0],
    ['-0', 0],
    ['+3,01', 301],
    ['007', 700],
    ['-kr 1 234,50', -123450],
    ['kr -5', -500],
    ['Kr. 10', 1000],
    ['NOK 1,234.50', 123450],
    ['-NOK 0.01', -1],
    ['1.234.567,89', 123456789],
    ['1,234,567', 123456700],
    ['1 000 000', 100000000],
    ['100,-', 10000],
    ['kr 1 500,-', 150000],
    ['250 kr', 25000],
    ['  42  ', 4200],
    ['1\u00a0234,50', 123450],
    ['\u2212 7', -700],
    ['90 071 992 547 409,91', MAX_ORE],
  ])('parses %j', (s, expected) => {
    expect(parseKr(s)).toBe(expected);
  });

  it.each<[string, RegExp]>([
    ['', /empty/],
    ['   ', /empty/],
    ['kr', /no digits/],
    ['-', /no digits/],
    ['12,345', /more than 2 decimals/],
    ['1.234', /more than 2 decimals/],
    ['1,005', /more than 2 decimals/],
    ['12,', /decimals must be digits/],
    [',50', /missing digits/],
    ['abc', /unexpected characters/],
    ['12abc', /unexpected characters/],
    ['1e3', /unexpected characters/],
    ['0x10', /unexpected characters/],
    ['--12', /unexpected characters|more than one sign/],
    ['-kr -12', /more than one sign/],
    ['12 34', /groups/],
    ['1234 567', /groups/],
    ['1,234,56', /groups/],
    ['1,234.567,50', /both as decimal and thousands/],
    ['12,50,-', /decimals combined/],
    ['90 071 992 547 409,92', /too large/],
    ['99999999999999999999', /too large/],
  ])('rejects %j', (s, message) => {
    expect(() => parseKr(s)).toThrow(RangeError);
    expect(() => parseKr(s)).toThrow(message);
  });

  it('round-trips formatKr in both locales', () => {
    fc.assert(
      fc.property(safeOre, fc.constantFrom<'nb' | 'en'>('nb', 'en'), (o, locale) => parseKr(formatKr(o, locale)) === o),
    );
  });

  it('agrees with an independent cents construction for plain input', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 12 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), (kr, cents, neg) => {
        const s = `${neg ? '-' : ''}${kr},${String(cents).padStart(2, '0')}`;
        const expected = (neg ? -1 : 1) * (kr * 100 + cents);
        return parseKr(s) === expected + 0;
      }),
    );
  });
});

describe('roundHalfUpDiv', () => {
  it.each<[bigint, bigint, bigint]>([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [-4n, 3n, -1n],
    [-5n, 3n, -2n],
    [0n, 7n, 0n],
    [6n, 3n, 2n],
    [1n, 2n, 1n],
    [1n, 3n, 0n],
    [25n, 100n, 0n],
    [50n, 100n, 1n],
    [-50n, 100n, -1n],
  ])('%s / %s → %s', (n, d, q) => {
    expect(roundHalfUpDiv(n, d)).toBe(q);
  });

  it('rejects division by zero', () => {
    expect(() => roundHalfUpDiv(1n, 0n)).toThrow(RangeError);
  });

  const num = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
  const den = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((d) => d !== 0n);

  it('is symmetric in sign', () => {
    fc.assert(
      fc.property(num, den, (n, d) => {
        const q = roundHalfUpDiv(n, d);
        return roundHalfUpDiv(-n, d) === -q && roundHalfUpDiv(n, -d) === -q && roundHalfUpDiv(-n, -d) === q;
      }),
    );
  });

  it('returns the nearest integer, ties away from zero', () => {
    fc.assert(
      fc.property(num, den, (n, d) => {
        const q = roundHalfUpDiv(n, d);
        const abs = (x: bigint): bigint => (x < 0n ? -x : x);
        // |n/d − q| ≤ 1/2  ⇔  |n − q·d|·2 ≤ |d|
        const err2 = abs(n - q * d) * 2n;
        if (err2 > abs(d)) return false;
        // On an exact tie, q must be the candidate further from zero.
        if (err2 === abs(d)) return abs(q * d) > abs(n);
        return true;
      }),
    );
  });
});

describe('percentOf', () => {
  it.each<[number, number, number]>([
    [10000, 2500, 2500],
    [1, 2500, 0],
    [2, 2500, 1],
    [-2, 2500, -1],
    [6, 2500, 2],
    [10000, 1500, 1500],
    [12345, 1200, 1481],
    [0, 2500, 0],
    [100, -2500, -25],
    [MAX_ORE, 10000, MAX_ORE],
  ])('%i øre × %i bp → %i', (amount, bp, expected) => {
    expect(percentOf(ore(amount), bp)).toBe(expected);
  });

  it('is exact where the intermediate product exceeds 2^53', () => {
    // Exact result is 2 000 000 000 000 000,25 øre; Math.round(a * bp / 10000) gives …001.
    expect(percentOf(ore(8_000_000_000_000_001), 2500)).toBe(2_000_000_000_000_000);
    expect(percentOf(ore(MAX_ORE), 2500)).toBe(2251799813685248);
  });

  it('rejects fractional basis points and overflow', () => {
    expect(() => percentOf(ore(100), 12.5)).toThrow(RangeError);
    expect(() => percentOf(ore(MAX_ORE), 10001)).toThrow(RangeError);
  });

  it('satisfies percentOf(-a) === -percentOf(a)', () => {
    fc.assert(
      fc.property(
        safeOre,
        fc.integer({ min: 0, max: 10000 }),
        (a: Ore, bp) => percentOf(negOre(a), bp) === -percentOf(a, bp) + 0,
      ),
    );
  });
});
