import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mod11CheckDigit } from './kid.js';
import {
  isValidBirthDate,
  isValidOrganizationNumber,
  makeOrganizationNumber,
  normalizeOrganizationNumber,
} from './orgnr.js';

describe('isValidOrganizationNumber', () => {
  it.each(['923609016', '974760673', '985399077', '923 609 016', ' 974 760 673 ', '985\u00a0399\u00a0077'])(
    'accepts %j',
    (s) => {
      expect(isValidOrganizationNumber(s)).toBe(true);
    },
  );

  it.each([
    '923609017', // wrong check digit
    '12345678', // too short
    '9236090160', // too long
    '123609016', // must start with 8 or 9
    '',
    '92360901a',
    '923-609-016',
  ])('rejects %j', (s) => {
    expect(isValidOrganizationNumber(s)).toBe(false);
  });

  it('rejects every wrong check digit', () => {
    for (const d of '0123457890') {
      if (d !== '6') expect(isValidOrganizationNumber(`92360901${d}`)).toBe(false);
    }
  });
});

describe('normalizeOrganizationNumber', () => {
  it('strips whitespace only', () => {
    expect(normalizeOrganizationNumber(' 923 609\t016 ')).toBe('923609016');
    expect(normalizeOrganizationNumber('923-609')).toBe('923-609');
  });
});

describe('makeOrganizationNumber', () => {
  it('appends the check digit', () => {
    expect(makeOrganizationNumber('92360901')).toBe('923609016');
    expect(makeOrganizationNumber('97476067')).toBe('974760673');
    expect(makeOrganizationNumber('98539907')).toBe('985399077');
  });

  it('returns null when the check digit would be 10', () => {
    // 9·3 + 1·7 = 34 ≡ 1 (mod 11) → 11 − 1 = 10
    expect(makeOrganizationNumber('90100000')).toBeNull();
  });

  it.each(['1234567', '123456789', '12345678', '9236090a', ''])('rejects malformed prefix %j', (s) => {
    expect(() => makeOrganizationNumber(s)).toThrow(RangeError);
  });

  const prefix = fc
    .tuple(fc.constantFrom('8', '9'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 7 }))
    .map(([a, b]) => a + b);

  it('generates exactly the one valid completion, if any', () => {
    fc.assert(
      fc.property(prefix, (p) => {
        const made = makeOrganizationNumber(p);
        const valid = [...'0123456789'].map((d) => p + d).filter((n) => isValidOrganizationNumber(n));
        return made === null ? valid.length === 0 : valid.length === 1 && valid[0] === made;
      }),
    );
  });

  it('agrees with the generic KID MOD11 (whose "-" means no valid number)', () => {
    fc.assert(
      fc.property(prefix, (p) => {
        const check = mod11CheckDigit(p);
        return makeOrganizationNumber(p) === (check === '-' ? null : p + check);
      }),
    );
  });
});

describe('isValidBirthDate', () => {
  const now = new Date('2024-06-15T12:00:00Z');

  it.each(['1980-01-01', '2000-02-29', '2024-02-29', '1999-12-31', '2024-06-15', '1900-01-31'])('accepts %s', (s) => {
    expect(isValidBirthDate(s, now)).toBe(true);
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century, not divisible by 400
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1-01',
    '24-01-01',
    ' 2000-01-01',
    '2000-01-01T00:00:00Z',
    '01.01.2000',
    '',
    '2024-06-16', // tomorrow
    '2999-01-01',
  ])('rejects %j', (s) => {
    expect(isValidBirthDate(s, now)).toBe(false);
  });

  it('judges "future" by the date in Norway, not UTC', () => {
    // 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Oslo.
    const newYear = new Date('2024-12-31T23:30:00Z');
    expect(isValidBirthDate('2025-01-01', newYear)).toBe(true);
    expect(isValidBirthDate('2025-01-02', newYear)).toBe(false);
  });

  it('uses the current time by default', () => {
    expect(isValidBirthDate('2000-01-01')).toBe(true);
    expect(isValidBirthDate('9999-12-31')).toBe(false);
  });

  it('agrees with the JS calendar on which dates exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 2023 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const exists = new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
          return isValidBirthDate(s, now) === exists;
        },
      ),
    );
  });
});
