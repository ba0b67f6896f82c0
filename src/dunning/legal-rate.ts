import { AppError } from '../shared/errors.js';
import type { LegalRateKind } from './dunning.table.js';

export interface LegalRate {
  kind: LegalRateKind;
  validFrom: string;
  value: number;
  source: string;
}

/**
 * The dated legal figures, loaded once per request (the table is tiny), so the rules can look
 * them up by date without touching the database.
 */
export class RateTable {
  readonly #byKind = new Map<LegalRateKind, LegalRate[]>();

  constructor(rates: LegalRate[]) {
    for (const r of rates) {
      const list = this.#byKind.get(r.kind) ?? [];
      list.push(r);
      this.#byKind.set(r.kind, list);
    }
    for (const list of this.#byKind.values()) list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  }

  /** The rate in force on `date`. */
  on(kind: LegalRateKind, date: string): LegalRate {
    const list = this.#byKind.get(kind) ?? [];
    let found: LegalRate | undefined;
    for (const r of list) if (r.validFrom <= date) found = r;
    if (!found)
      throw new AppError('validation_failed', `no ${kind} is registered for ${date}; add it with innfri rates add`);
    return found;
  }

  /** The dates in (from, to] on which `kind` changes. */
  changesBetween(kind: LegalRateKind, from: string, to: string): string[] {
    return (this.#byKind.get(kind) ?? []).map((r) => r.validFrom).filter((d) => d > from && d <= to);
  }

  /** The inkassosats in øre on `date`. */
  inkassosats(date: string): number {
    return this.on('inkassosats', date).value;
  }

  /** The late-payment interest in basis points a year on `date`. */
  lateInterestBp(date: string): number {
    return this.on('late_payment_interest', date).value;
  }

  all(): LegalRate[] {
    return [...this.#byKind.values()].flat();
  }

  /**
   * The periods up to `today` that have no figure of their own, so the one before would be reused
   * silently: every half-year (1 January, 1 July) from the first interest row on without an
   * interest row, and every year after the newest inkassosats row's year without a row. Each names
   * the figure that is used meanwhile (null if none is registered before it).
   */
  warnings(today: string): RateWarning[] {
    const found: RateWarning[] = [];
    const interest = this.#byKind.get('late_payment_interest') ?? [];
    const first = interest[0];
    if (first) {
      const have = new Set(interest.map((r) => r.validFrom));
      for (let start = halfYearStart(first.validFrom); start <= today; start = nextHalfYear(start)) {
        if (!have.has(start)) found.push(this.#missing('late_payment_interest', 'interest_half_year_missing', start));
      }
    }
    const sats = this.#byKind.get('inkassosats') ?? [];
    const newest = sats.at(-1);
    if (newest) {
      for (let year = Number(newest.validFrom.slice(0, 4)) + 1; `${year}-01-01` <= today; year++) {
        found.push(this.#missing('inkassosats', 'inkassosats_year_missing', `${year}-01-01`));
      }
    }
    return found;
  }

  #missing(kind: LegalRateKind, code: RateWarning['code'], missingFrom: string): RateWarning {
    let inUse: LegalRate | undefined;
    for (const r of this.#byKind.get(kind) ?? []) if (r.validFrom < missingFrom) inUse = r;
    return {
      code,
      kind,
      missingFrom,
      inUse: inUse ? { validFrom: inUse.validFrom, value: inUse.value } : null,
      detail: `no ${kind} is registered from ${missingFrom}; ${
        inUse ? `the figure from ${inUse.validFrom} (${inUse.value}) is used meanwhile` : 'none is used'
      } — add it with innfri rates add`,
    };
  }
}

/** A period without a figure of its own (see `RateTable.warnings`). */
export interface RateWarning {
  code: 'interest_half_year_missing' | 'inkassosats_year_missing';
  kind: LegalRateKind;
  /** The first day of the half-year or year without a row. */
  missingFrom: string;
  /** The figure reused meanwhile: øre for the inkassosats, basis points for the interest. */
  inUse: { validFrom: string; value: number } | null;
  detail: string;
}

function halfYearStart(date: string): string {
  return `${date.slice(0, 4)}-${date.slice(5, 7) < '07' ? '01' : '07'}-01`;
}

function nextHalfYear(start: string): string {
  const year = Number(start.slice(0, 4));
  return start.slice(5, 7) === '01' ? `${year}-07-01` : `${year + 1}-01-01`;
}
