import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mod11CheckDigit } from './kid.js';
import { isValidBankAccount, makeBankAccount, normalizeBankAccount } from './bank-account.js';

const digits = (n: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('normalizeBankAccount', () => {
  it('strips dots and whitespace', () => {
    expect(normalizeBankAccount('8601.11.17947')).toBe('86011117947');
    expect(normalizeBankAccount(' 8601 11 17947 ')).toBe('86011117947');
    expect(normalizeBankAccount('8601-11-17947')).toBe('8601-11-17947');
  });
});

describe('isValidBankAccount', () => {
  it.each(['86011117947', '8601.11.17947', '8601 11 17947', '8601\u00a011\u00a017947'])('accepts %j', (s) => {
    expect(isValidBankAccount(s)).toBe(true);
  });

  it.each([
    '86011117948', // wrong check digit
    '8601111794', // 10 digits
    '860111179470', // 12 digits
    '8601-11-17947',
    '8601.11.1794a',
    '',
    '...........',
  ])('rejects %j', (s) => {
    expect(isValidBankAccount(s)).toBe(false);
  });
});

describe('makeBankAccount', () => {
  it('appends the check digit', () => {
    expect(makeBankAccount('8601111794')).toBe('86011117947');
    // 1·5 + 5·4 + 0·3 + 3·2 + 1·7 + 2·6 + 3·5 + 4·4 + 5·3 + 6·2 = 108 ≡ 9 → 11 − 9 = 2
    expect(makeBankAccount('1503123456')).toBe('15031234562');
    expect(isValidBankAccount('1503.12.34562')).toBe(true);
  });

  it('returns null when the check digit would be 10', () => {
    // 6·2 = 12 ≡ 1 (mod 11) → 11 − 1 = 10
    expect(makeBankAccount('0000000006')).toBeNull();
  });

  it.each(['860111179', '86011117940', '860111179a', '8601.111794', ''])('rejects malformed prefix %j', (s) => {
    expect(() => makeBankAccount(s)).toThrow(RangeError);
  });

  it('generates exactly the one valid completion, if any', () => {
    fc.assert(
      fc.property(digits(10), (p) => {
        const made = makeBankAccount(p);
        const valid = [...'0123456789'].map((d) => p + d).filter((n) => isValidBankAccount(n));
        return made === null ? valid.length === 0 : valid.length === 1 && valid[0] === made;
      }),
    );
  });

  it('agrees with the generic KID MOD11 (whose "-" means no valid number)', () => {
    fc.assert(
      fc.property(digits(10), (p) => {
        const check = mod11CheckDigit(p);
        return makeBankAccount(p) === (check === '-' ? null : p + check);
      }),
    );
  });
});
