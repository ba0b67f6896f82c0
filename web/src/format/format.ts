/**
 * Display formats. Amounts use the formatter the server uses too (@innfri/money, packages/money): `kr 1 234,50`
 * in bokmål, `NOK 1,234.50` in English. Dates are `dd.mm.yyyy` in both languages.
 */
import { formatKr, ore, parseKr } from '@innfri/money';
import type { Lang } from '../i18n/message.js';

/** øre → `kr 1 234,50` (nb) or `NOK 1,234.50` (en). */
export function formatMoney(amountOre: number, lang: Lang): string {
  return formatKr(ore(amountOre), lang);
}

/** `2026-11-20` → `20.11.2026`; anything else is shown as it came. */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate;
}

const OSLO_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A timestamp → its calendar day in Norway, `dd.mm.yyyy`. */
export function formatTimestampDate(timestamp: string): string {
  const t = new Date(timestamp);
  if (Number.isNaN(t.getTime())) return timestamp;
  const parts = Object.fromEntries(OSLO_DAY.formatToParts(t).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year}`;
}

/** A kroner text (`1 234,50`, `1234.50`, `kr 12`) → øre above 0, never through a float; null when it is not such an amount. */
export function parsePositiveKr(text: string): number | null {
  try {
    const value = parseKr(text);
    return value > 0 ? value : null;
  } catch {
    return null;
  }
}
