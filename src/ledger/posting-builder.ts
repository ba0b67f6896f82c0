import { AppError } from '../shared/errors.js';
import { type Ore, ore, sumOre } from '../shared/money.js';
import type { VoucherType } from './voucher.table.js';

/** One line of a voucher to be posted. `amount` is signed: debit positive, credit negative. */
export interface PostingLine {
  account: number;
  amount: Ore;
  customerId: string | null;
  invoiceId: string | null;
  dueDate: string | null;
  description: string;
  /** The VAT rate of a sales or output-VAT line (invoices, credit notes); null elsewhere. */
  vatRate?: 0 | 12 | 15 | 25 | null;
}

export interface LineOptions {
  customerId?: string | null;
  invoiceId?: string | null;
  dueDate?: string | null;
  description?: string;
  vatRate?: 0 | 12 | 15 | 25 | null;
}

/** A balanced voucher, ready to be numbered and stored. Only `PostingBuilder.build` makes one. */
export interface VoucherDraft {
  readonly type: VoucherType;
  readonly date: string;
  readonly description: string;
  readonly lines: readonly PostingLine[];
}

/**
 * Builds a voucher line by line and refuses to produce one whose debits and credits differ.
 * Zero-amount lines (a 0 % VAT line, say) are dropped rather than stored.
 */
export class PostingBuilder {
  readonly #lines: PostingLine[] = [];

  constructor(
    readonly type: VoucherType,
    readonly date: string,
    readonly description = '',
  ) {}

  debit(account: number, amount: Ore, options: LineOptions = {}): this {
    return this.#add(account, amount, 1, options);
  }

  credit(account: number, amount: Ore, options: LineOptions = {}): this {
    return this.#add(account, amount, -1, options);
  }

  /** A line with a signed amount (debit positive), as manual vouchers and reversals give them. */
  signed(account: number, amount: Ore, options: LineOptions = {}): this {
    return this.#add(account, ore(Math.abs(amount)), amount < 0 ? -1 : 1, options);
  }

  #add(account: number, amount: Ore, sign: 1 | -1, options: LineOptions): this {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new AppError(
        'validation_failed',
        `posting amount must be a non-negative whole number of øre, got ${amount}`,
      );
    }
    if (amount === 0) return this;
    this.#lines.push({
      account,
      amount: ore(sign * amount),
      customerId: options.customerId ?? null,
      invoiceId: options.invoiceId ?? null,
      dueDate: options.dueDate ?? null,
      description: options.description ?? '',
      vatRate: options.vatRate ?? null,
    });
    return this;
  }

  build(): VoucherDraft {
    const difference = sumOre(this.#lines.map((l) => l.amount));
    if (difference !== 0) {
      const debits = sumOre(this.#lines.filter((l) => l.amount > 0).map((l) => l.amount));
      throw new AppError(
        'unbalanced_voucher',
        `debits (${debits} øre) and credits (${debits - difference} øre) differ by ${difference} øre`,
        {
          difference,
        },
      );
    }
    if (this.#lines.length < 2) {
      throw new AppError('unbalanced_voucher', 'a voucher needs at least two non-zero postings');
    }
    return { type: this.type, date: this.date, description: this.description, lines: [...this.#lines] };
  }
}
