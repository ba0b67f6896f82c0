import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isValidKid, kidForInvoice, makeKid, mod10CheckDigit, mod11CheckDigit, type KidAlgorithm } from './kid.js';

const body = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength });
const algorithm = fc.constantFrom<KidAlgorithm>('mod10', 'mod11');

describe('mod10CheckDigit', () => {
  it.each<[string, string]>([
    ['7992739871', '3'], // the textbook Luhn example
    ['0', '0'],
    ['1', '8'],
    ['0001230004567', '6'],
    ['4992739871', '6'],
  ])('%s → %s', (digits, check) => {
    expect(mod10CheckDigit(digits)).toBe(check);
  });

  it.each(['', '12a', ' 12', '１２', '1-'])('rejects %j', (digits) => {
    expect(() => mod10CheckDigit(digits)).toThrow(RangeError);
  });
});

describe('mod11CheckDigit', () => {
  it.each<[string, string]>([
    ['8601111794', '7'], // bank account 8601 11 17947 uses the same scheme
    ['92360901', '6'], // organisation number 923 609 016 likewise
    ['0001230004567', '5'],
    ['0', '0'],
    ['1', '9'],
    ['6', '-'], // 6·2 = 12 ≡ 1 (mod 11) → check 10 → hyphen
  ])('%s → %s', (digits, check) => {
    expect(mod11CheckDigit(digits)).toBe(check);
  });

  it.each(['', 'x', '12 3'])('rejects %j', (digits) => {
    expect(() => mod11CheckDigit(digits)).toThrow(RangeError);
  });

  it('always yields one of 0-9 or "-"', () => {
    fc.assert(fc.property(body(40), (b) => /^[0-9-]$/.test(mod11CheckDigit(b) ?? 'null')));
  });
});

describe('makeKid / isValidKid', () => {
  it('appends the check digit', () => {
    expect(makeKid('7992739871', 'mod10')).toBe('79927398713');
    expect(makeKid('8601111794', 'mod11')).toBe('86011117947');
    expect(makeKid('6', 'mod11')).toBe('6-');
  });

  it('rejects bodies that are empty, non-numeric or longer than 24 digits', () => {
    expect(() => makeKid('', 'mod10')).toThrow(RangeError);
    expect(() => makeKid('12a', 'mod11')).toThrow(RangeError);
    expect(() => makeKid('1'.repeat(25), 'mod10')).toThrow(RangeError);
    expect(makeKid('1'.repeat(24), 'mod10')).toHaveLength(25);
  });

  it('validates known KIDs', () => {
    expect(isValidKid('79927398713', 'mod10')).toBe(true);
    expect(isValidKid('79927398713')).toBe(true);
    expect(isValidKid('79927398713', 'mod11')).toBe(false);
    expect(isValidKid('86011117947', 'mod11')).toBe(true);
    expect(isValidKid('6-', 'mod11')).toBe(true);
    expect(isValidKid('6-')).toBe(true);
    expect(isValidKid('6-', 'mod10')).toBe(false);
    expect(isValidKid('00')).toBe(true);
  });

  it.each(['', '0', '1'.repeat(26), '-', '1-2', '12 3', '79927398713 ', 'abc', '1--'])(
    'rejects malformed %j',
    (kid) => {
      expect(isValidKid(kid)).toBe(false);
    },
  );

  it('accepts the full 25-character length', () => {
    expect(isValidKid(makeKid('9'.repeat(24), 'mod10'), 'mod10')).toBe(true);
  });

  it('round-trips makeKid for either algorithm', () => {
    fc.assert(
      fc.property(body(24), algorithm, (b, alg) => {
        const kid = makeKid(b, alg);
        return isValidKid(kid, alg) && isValidKid(kid) && kid.slice(0, -1) === b;
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(body(24), algorithm, fc.nat(), fc.constantFrom(...'0123456789-'), (b, alg, at, replacement) => {
        const kid = makeKid(b, alg);
        const i = at % kid.length;
        fc.pre(kid[i] !== replacement);
        const mutated = kid.slice(0, i) + replacement + kid.slice(i + 1);
        return !isValidKid(mutated, alg);
      }),
    );
  });

  it('mod11 detects every adjacent transposition in the body', () => {
    fc.assert(
      fc.property(
        body(24).filter((b) => b.length >= 2),
        fc.nat(),
        (b, at) => {
          const i = at % (b.length - 1);
          fc.pre(b[i] !== b[i + 1]);
          const kid = makeKid(b, 'mod11');
          const swapped = kid.slice(0, i) + kid.charAt(i + 1) + kid.charAt(i) + kid.slice(i + 2);
          return !isValidKid(swapped, 'mod11');
        },
      ),
    );
  });
});

describe('kidForInvoice', () => {
  it('pads customer to 6 and invoice to 7 digits', () => {
    expect(kidForInvoice(123, 4567, 'mod10')).toBe('00012300045676');
    expect(kidForInvoice(123, 4567, 'mod11')).toBe('00012300045675');
    expect(kidForInvoice(999999, 9999999, 'mod10')).toMatch(/^9999999999999\d$/);
    expect(kidForInvoice(0, 0, 'mod10')).toBe('00000000000000');
  });

  it.each<[number, number]>([
    [1_000_000, 1],
    [1, 10_000_000],
    [-1, 1],
    [1, -1],
    [1.5, 1],
    [1, NaN],
    [Infinity, 1],
  ])('rejects customer %s / invoice %s', (c, i) => {
    expect(() => kidForInvoice(c, i, 'mod10')).toThrow(RangeError);
  });

  it('produces valid 14-character KIDs that encode both numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        algorithm,
        (c, i, alg) => {
          const kid = kidForInvoice(c, i, alg);
          return (
            kid.length === 14 && isValidKid(kid, alg) && Number(kid.slice(0, 6)) === c && Number(kid.slice(6, 13)) === i
          );
        },
      ),
    );
  });
});
