import { randomUUID } from 'node:crypto';
import type { Trx } from '../db/database.js';
import { AppError } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';
import type { PostingLine } from './posting-builder.js';
import { periodLockedFromDb } from './period-lock.service.js';
import { insertVoucherPart, type StoredPosting } from './voucher.repository.js';
import { assertPostingDate, foreignKeyError } from './voucher.service.js';
import type { VoucherType } from './voucher.table.js';

/**
 * A voucher posted in parts, for one too large to build in memory at once (a settlement of
 * 50 000 lines, issue 15): the same rules as `postVoucher` — the date (not after today, not in a
 * locked period: the vouchers trigger refuses it as the first part is stored), customer entries
 * on the receivable account only, known accounts and customers, zero lines dropped, balanced (here
 * at `finish`, and by the postings' trigger at commit), numbered at the end of the transaction.
 */
export class VoucherWriter {
  readonly id = randomUUID();
  readonly fiscalYear: number;
  #next = 1;
  #sum = 0n;
  #debits = 0n;
  #receivable = 0;

  private constructor(
    private readonly trx: Trx,
    private readonly companyId: string,
    private readonly header: { type: VoucherType; date: string; description: string; createdBy: string | null },
  ) {
    this.fiscalYear = Number(header.date.slice(0, 4));
  }

  static async open(
    trx: Trx,
    companyId: string,
    header: { type: VoucherType; date: string; description: string; createdBy?: string | null },
  ): Promise<VoucherWriter> {
    assertPostingDate(header.date);
    const writer = new VoucherWriter(trx, companyId, { ...header, createdBy: header.createdBy ?? null });
    writer.#receivable = (await getCompany(trx, companyId)).accounts.receivable;
    return writer;
  }

  /** Postings added so far. */
  get count(): number {
    return this.#next - 1;
  }

  /** Stores the next postings (zero amounts dropped); the stored postings in order, with their ids. */
  async append(lines: readonly PostingLine[]): Promise<StoredPosting[]> {
    const kept = lines.filter((l) => l.amount !== 0);
    for (const line of kept) {
      if (!Number.isSafeInteger(line.amount))
        throw new AppError('validation_failed', `posting amount must be a whole number of øre, got ${line.amount}`);
      if ((line.account === this.#receivable) !== (line.customerId !== null))
        throw new AppError(
          'invalid_customer_entry',
          `a line on account ${this.#receivable} needs a customer, and only such lines may name one (line on ${line.account})`,
        );
      this.#sum += BigInt(line.amount);
      if (line.amount > 0) this.#debits += BigInt(line.amount);
    }
    if (kept.length === 0 && this.#next > 1) return [];
    try {
      const stored = await insertVoucherPart(
        this.trx,
        {
          companyId: this.companyId,
          id: this.id,
          fiscalYear: this.fiscalYear,
          type: this.header.type,
          date: this.header.date,
          description: this.header.description,
          reversesVoucherId: null,
          createdBy: this.header.createdBy,
        },
        kept,
        this.#next,
      );
      this.#next += kept.length;
      return stored;
    } catch (error) {
      throw foreignKeyError(error) ?? periodLockedFromDb(error, this.header.date) ?? error;
    }
  }

  /** Refuses a voucher that does not balance or has fewer than two postings (nothing is kept: the caller's transaction rolls back). */
  finish(): { id: string; fiscalYear: number; postings: number } {
    if (this.#sum !== 0n) {
      const difference = ore(Number(this.#sum));
      throw new AppError(
        'unbalanced_voucher',
        `debits (${this.#debits} øre) and credits (${this.#debits - this.#sum} øre) differ by ${difference} øre`,
        { difference },
      );
    }
    if (this.count < 2) throw new AppError('unbalanced_voucher', 'a voucher needs at least two non-zero postings');
    return { id: this.id, fiscalYear: this.fiscalYear, postings: this.count };
  }
}

export type { Ore };
