/**
 * Text formatting for the PDF documents: Norwegian dates, account and organisation numbers,
 * quantities, percentages, and the mapping of arbitrary text onto what Helvetica can draw.
 */
import { isValidBankAccount, normalizeBankAccount } from '../formats/bank-account.js';
import { normalizeOrganizationNumber } from '../formats/orgnr.js';
import { formatKr, type Ore } from '../shared/money.js';

/** `kr 1 234,50` for an amount in øre. @throws RangeError unless `amount` is a safe integer. */
export function kr(amount: Ore): string {
  return formatKr(amount, 'nb');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Milliseconds since the epoch at 00:00 UTC of an ISO calendar date. Documents carry dates,
 * not instants, so UTC midnight keeps day arithmetic and the PDF CreationDate independent of
 * the machine's time zone.
 * @throws RangeError unless `iso` is an existing `YYYY-MM-DD` date.
 */
export function isoDateToUtcMs(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`Expected an ISO date YYYY-MM-DD: ${JSON.stringify(iso)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a round trip exposes such dates.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar date: ${JSON.stringify(iso)}`);
  }
  return ms;
}

/** `2026-03-15` → `15.03.2026`. @throws RangeError on anything but an existing ISO date. */
export function formatDate(iso: string): string {
  isoDateToUtcMs(iso);
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((isoDateToUtcMs(toIso) - isoDateToUtcMs(fromIso)) / 86_400_000);
}

/**
 * `15032746184` → `1503.27.46184` (the 4.2.5 grouping printed on Norwegian giros).
 * @throws RangeError unless it is a valid Norwegian account number: a payment slip with a
 * mistyped account would send the debtor's money astray.
 */
export function formatBankAccount(account: string): string {
  const n = normalizeBankAccount(account);
  if (!isValidBankAccount(n))
    throw new RangeError(`Not a valid Norwegian bank account number: ${JSON.stringify(account)}`);
  return `${n.slice(0, 4)}.${n.slice(4, 6)}.${n.slice(6)}`;
}

/** `926051377` → `926 051 377`; anything that is not nine digits is shown as given. */
export function formatOrganizationNumber(orgnr: string): string {
  const n = normalizeOrganizationNumber(orgnr);
  return /^\d{9}$/.test(n) ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : orgnr.trim();
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ' ');
}

/** Quantities have up to three decimals (hours, litres): `1.5` → `1,5`, `1000` → `1 000`. */
export function formatQuantity(q: number): string {
  if (!Number.isFinite(q)) throw new RangeError(`Not a finite quantity: ${String(q)}`);
  const negative = q < 0;
  const [int = '0', frac = ''] = Math.abs(q).toFixed(3).split('.');
  const decimals = frac.replace(/0+$/, '');
  return `${negative ? '-' : ''}${groupThousands(int)}${decimals ? `,${decimals}` : ''}`;
}

/** A VAT rate in whole percent (25, 15, 12, 0) → `25 %`. */
export function formatPercent(rate: number): string {
  if (!Number.isFinite(rate)) throw new RangeError(`Not a finite rate: ${String(rate)}`);
  return `${String(rate).replace('.', ',')} %`;
}

/**
 * An interest rate as stored (`"12.00"`, `"12,00"`, `"12.00 %"`) → `12,00`, keeping the
 * decimals it was given: the rate is a legal figure and is shown exactly as set.
 * @throws RangeError if it is not a plain decimal number.
 */
export function formatRatePercent(rate: string): string {
  const s = rate.replace(/%/g, '').trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(s)) throw new RangeError(`Not a percentage: ${JSON.stringify(rate)}`);
  return s.replace('.', ',');
}

/** Unicode code points outside Latin-1 that WinAnsiEncoding still has (as pdfkit maps them). */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

/** Letters that do not decompose into a base letter + accent; several are Northern Sámi. */
const FALLBACKS: Record<string, string> = {
  đ: 'd',
  Đ: 'D',
  ŋ: 'n',
  Ŋ: 'N',
  ŧ: 't',
  Ŧ: 'T',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u00ad': '',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
};

function isWinAnsi(cp: number): boolean {
  if (cp === 0x0a) return true;
  if (cp < 0x20) return false;
  if (cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xff) return true;
  return WIN_ANSI_EXTRA.has(cp);
}

/**
 * Maps text onto the WinAnsi character set of the PDF standard fonts. æøåÆØÅ, é, ü, š, ž, €,
 * – and typographic quotes pass through unchanged; other accented letters lose their accent
 * (č → c, á stays á), a few letters get a look-alike (đ → d, ŋ → n), and anything else becomes
 * `?`. Without this pdfkit would write undecodable bytes for such characters.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  // Composing first turns "a" + U+030A into the single letter å, which WinAnsi has.
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isWinAnsi(cp)) {
      out += ch;
      continue;
    }
    const fallback = FALLBACKS[ch];
    if (fallback !== undefined) {
      out += fallback;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    if (base.length > 0 && [...base].every((c) => isWinAnsi(c.codePointAt(0) ?? 0))) {
      out += base;
    } else if (/\p{M}/u.test(ch)) {
      // A lone combining mark (from NFD input) has nothing to show on its own.
    } else {
      out += '?';
    }
  }
  return out;
}
