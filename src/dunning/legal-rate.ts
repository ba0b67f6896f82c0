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
}
