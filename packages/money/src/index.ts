import type { $brand } from 'zod/v4/core';

/**
 * @innfri/money: money in Innfri is always an integer number of øre (1 kr = 100 øre).
 *
 * One implementation for the server (through src/shared/money.ts) and the web UI: the {@link Ore}
 * type and its guard, `kr 1 234,50` formatting and parsing, and the one rounding rule. No run-time imports,
 * no Node or DOM APIs, so it runs unchanged in both (one type-only import: zod's brand).
 *
 * Floats never carry amounts: every operation here either stays in integer
 * `number` arithmetic guarded by {@link Number.isSafeInteger}, or widens to
 * `bigint` where an intermediate product could exceed 2^53.
 */

/**
 * Integer amount in øre. Only obtainable through {@link ore} and friends, or from a server schema
 * that checks the same (an integer in the safe range), so the brand implies "checked". The brand is
 * zod's (a type, nothing at run time): the server's amount schemas' `.brand<'Ore'>()` parse to this
 * very type, so a request's amounts arrive as `Ore` and a response's amounts must be. The import is
 * type-only, so neither the server nor the web bundle loads zod through this package.
 */
export type Ore = number & $brand<'Ore'>;

/** Largest representable amount; beyond this `number` silently loses whole øre. */
export const MAX_ORE: number = Number.MAX_SAFE_INTEGER;

/**
 * The largest amount accepted at the boundary, one amount or a settlement's total of one kind: 100
 * billion kroner. Far above any invoice, and low enough that sums of a few such amounts stay far
 * inside the range where JavaScript numbers are exact (2^53 ≈ 9 × 10^15 øre).
 */
export const MAX_AMOUNT = 10_000_000_000_000;

/**
 * An amount, a sum of amounts or a product out of the range money can be held in exactly (beyond
 * ±{@link MAX_ORE}, or not a whole number of øre). A `RangeError`, so existing `catch`es still see
 * it; the server answers it as 400 «an amount is out of range», while any other RangeError is a
 * fault of ours (500, logged).
 */
export class MoneyRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyRangeError';
  }
}

/**
 * Brands a number as {@link Ore}.
 * @throws MoneyRangeError unless `n` is a safe integer.
 */
export function ore(n: number): Ore {
  if (!Number.isSafeInteger(n)) {
    throw new MoneyRangeError(`Not a safe integer øre amount: ${String(n)}`);
  }
  // `+ 0` turns -0 into 0 so negOre(0) and friends never produce a value that
  // Object.is / toBe consider different from zero.
  return (n + 0) as Ore;
}

/**
 * Parses an amount read from the database. PostgreSQL int8 arrives from the
 * driver as a string because it may not fit a JS number; this refuses such
 * values instead of rounding them.
 * @throws RangeError if `v` is not an integer or lies outside ±{@link MAX_ORE}.
 */
export function oreFromDb(v: string | number | bigint): Ore {
  if (typeof v === 'number') return ore(v);
  let big: bigint;
  if (typeof v === 'bigint') {
    big = v;
  } else {
    // Strict on purpose: whitespace or "12.00" would mean the column is not int8.
    if (!/^[+-]?\d+$/.test(v)) {
      throw new MoneyRangeError(`Not an integer øre value from database: ${JSON.stringify(v)}`);
    }
    big = BigInt(v);
  }
  if (big > BigInt(MAX_ORE) || big < -BigInt(MAX_ORE)) {
    throw new MoneyRangeError(`Øre value from database exceeds safe integer range: ${big.toString()}`);
  }
  return ore(Number(big));
}

/**
 * Sums amounts. Every partial sum is checked, which keeps the result exact:
 * any overflow past 2^53 is caught before it can be rounded back into range.
 * @throws RangeError if a partial sum leaves the safe-integer range.
 */
export function addOre(...xs: Ore[]): Ore {
  return sumOre(xs);
}

/** `a − b`. @throws RangeError on overflow. */
export function subOre(a: Ore, b: Ore): Ore {
  return ore(a - b);
}

/** `−a`. Never throws for a valid {@link Ore} since the safe range is symmetric. */
export function negOre(a: Ore): Ore {
  return ore(-a);
}

/**
 * Sums any iterable of amounts (empty → 0).
 * @throws RangeError if a partial sum leaves the safe-integer range.
 */
export function sumOre(xs: Iterable<Ore>): Ore {
  let total = 0;
  for (const x of xs) total = ore(total + x);
  return ore(total);
}

/**
 * Formats an amount for display.
 *
 * - `nb` (default): `kr 1 234,50`, negative `-kr 1 234,50`.
 * - `en`: `NOK 1,234.50`, negative `-NOK 1,234.50`.
 *
 * The nb thousands separator and the space after "kr" are a plain ASCII space
 * (U+0020), not U+00A0: that is our UI convention, and it keeps exported text
 * and test fixtures byte-identical to what people type. Wrap in CSS
 * `white-space: nowrap` where line breaks matter.
 */
export function formatKr(o: Ore, locale: 'nb' | 'en' = 'nb'): string {
  const negative = o < 0;
  const abs = negative ? -o : o;
  const rest = abs % 100;
  // abs - rest is an exact multiple of 100, so this division is exact.
  const kroner = (abs - rest) / 100;
  const [group, decimal, prefix] = locale === 'en' ? [',', '.', 'NOK '] : [' ', ',', 'kr '];
  const grouped = String(kroner).replace(/\B(?=(\d{3})+$)/g, group);
  return `${negative ? '-' : ''}${prefix}${grouped}${decimal}${String(rest).padStart(2, '0')}`;
}

const CURRENCY_PREFIX = /^(?:kr\.?|nok)/i;
const CURRENCY_SUFFIX = /(?:kr\.?|nok)$/i;

/**
 * Parses a user-entered kroner amount into øre, without ever going through a float.
 *
 * Accepted:
 * - optional sign (`-`, `+`, `−`) before or after an optional currency prefix
 *   (`kr`, `kr.`, `NOK`), or a trailing currency (`100 kr`);
 * - decimal separator `,` or `.` with 1–2 decimals, or the `,-` whole-kroner suffix;
 * - thousands grouping with spaces (incl. no-break spaces) or with whichever of
 *   `,`/`.` is not the decimal separator (`NOK 1,234.50`, `1.234,50`).
 *
 * A lone `,` or `.` is always the decimal separator, so `1,234` and `1.234` are
 * rejected (three decimals) rather than guessed at. Groups must be exactly
 * three digits (`12 34` is rejected) to catch two numbers pasted together.
 *
 * @example parseKr('kr 1 234,50') === 123450; parseKr('12,5') === 1250
 * @throws RangeError with a description of what is wrong.
 */
export function parseKr(s: string): Ore {
  const fail = (why: string): never => {
    throw new RangeError(`Invalid kroner amount ${JSON.stringify(s)}: ${why}`);
  };
  let rest = s
    .replace(/[\u00a0\u202f\u2007\u2009]/g, ' ')
    .replace(/\u2212/g, '-')
    .trim();
  if (rest === '') fail('empty');

  let negative = false;
  let signs = 0;
  const leading = /^([+-])\s*/.exec(rest);
  if (leading) {
    signs++;
    negative = leading[1] === '-';
    rest = rest.slice(leading[0].length);
  }
  const prefix = CURRENCY_PREFIX.exec(rest);
  if (prefix) {
    rest = rest.slice(prefix[0].length).trimStart();
    // "kr -12" is as natural to type as "-kr 12".
    const inner = /^([+-])\s*/.exec(rest);
    if (inner) {
      signs++;
      negative = inner[1] === '-';
      rest = rest.slice(inner[0].length);
    }
  } else {
    const suffix = CURRENCY_SUFFIX.exec(rest);
    if (suffix) rest = rest.slice(0, rest.length - suffix[0].length).trimEnd();
  }
  if (signs > 1) fail('more than one sign');

  let wholeKronerSuffix = false;
  if (/[,.]-$/.test(rest)) {
    wholeKronerSuffix = true;
    rest = rest.slice(0, -2);
  }
  if (rest === '') fail('no digits');
  if (!/^[0-9 ,.]+$/.test(rest)) fail('unexpected characters');

  const lastComma = rest.lastIndexOf(',');
  const lastDot = rest.lastIndexOf('.');
  let decimalSep: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) {
    decimalSep = lastComma > lastDot ? ',' : '.';
  } else if (lastComma >= 0) {
    decimalSep = rest.indexOf(',') === lastComma ? ',' : null;
  } else if (lastDot >= 0) {
    decimalSep = rest.indexOf('.') === lastDot ? '.' : null;
  }
  if (wholeKronerSuffix && decimalSep !== null) fail('decimals combined with ",-"');

  let intPart = rest;
  let fracPart = '';
  if (decimalSep !== null) {
    const at = rest.lastIndexOf(decimalSep);
    intPart = rest.slice(0, at);
    fracPart = rest.slice(at + 1);
    if (intPart.includes(decimalSep)) fail(`"${decimalSep}" used both as decimal and thousands separator`);
    if (!/^\d+$/.test(fracPart)) fail('decimals must be digits directly after the decimal separator');
    if (fracPart.length > 2) fail('more than 2 decimals');
  }

  const groups = intPart.split(/[ ,.]/);
  const first = groups[0] ?? '';
  if (!/^\d+$/.test(first)) fail('missing digits before the decimal separator');
  if (groups.length > 1 && !groups.every((g, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(g))) {
    fail('digit groups must have exactly 3 digits');
  }

  const magnitude = BigInt(groups.join('')) * 100n + BigInt(fracPart.padEnd(2, '0'));
  if (magnitude > BigInt(MAX_ORE)) fail('amount too large');
  const value = Number(magnitude);
  return ore(negative ? -value : value);
}

/**
 * Integer division `numerator / denominator` rounded to the nearest integer,
 * ties away from zero ("half up" as in `java.math.RoundingMode.HALF_UP`).
 *
 * This is Innfri's single rounding rule for derived amounts (VAT, interest,
 * quantity × price). It is symmetric: `f(-n, d) === -f(n, d)`, so a credit note
 * rounds to exactly the negation of the invoice it reverses.
 *
 * @example roundHalfUpDiv(5n, 2n) === 3n; roundHalfUpDiv(-5n, 2n) === -3n
 * @throws RangeError if `denominator` is 0.
 */
export function roundHalfUpDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/**
 * `amount × basisPoints / 10 000`, rounded with {@link roundHalfUpDiv}
 * (25 % = 2500 bp). Computed in bigint because the product can exceed 2^53
 * even when the result fits.
 * @throws RangeError if `basisPoints` is not a safe integer or the result overflows.
 */
export function percentOf(amount: Ore, basisPoints: number): Ore {
  if (!Number.isSafeInteger(basisPoints)) {
    throw new RangeError(`Basis points must be an integer: ${String(basisPoints)}`);
  }
  const result = roundHalfUpDiv(BigInt(amount) * BigInt(basisPoints), 10_000n);
  if (result > BigInt(MAX_ORE) || result < -BigInt(MAX_ORE)) {
    throw new MoneyRangeError(`percentOf result exceeds safe integer range: ${result.toString()}`);
  }
  return ore(Number(result));
}

/**
 * Øre as a plain decimal number of kroner, no grouping: `1234.50`, `-0.05` — for files read by
 * machines (SAF-T's `xs:decimal` with '.', spreadsheets in nb-NO with ',').
 */
export function formatDecimal(o: Ore, separator: '.' | ',' = '.'): string {
  const negative = o < 0;
  const abs = negative ? -o : o;
  const rest = abs % 100;
  return `${negative ? '-' : ''}${(abs - rest) / 100}${separator}${String(rest).padStart(2, '0')}`;
}
