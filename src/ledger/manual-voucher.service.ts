import type { Trx } from '../db/database.js';
import type { Ore } from '../shared/money.js';
import { PostingBuilder } from './posting-builder.js';
import { type PostedVoucher, postVoucher } from './voucher.service.js';

export interface ManualVoucherInput {
  date: string;
  description: string;
  lines: Array<{
    account: number;
    side: 'debit' | 'credit';
    amount: Ore;
    customerId?: string | undefined;
    dueDate?: string | undefined;
    description?: string | undefined;
  }>;
}

/** A voucher keyed in by hand. Its customer entries are open items, matched by hand afterwards. */
export async function createManualVoucher(
  trx: Trx,
  companyId: string,
  input: ManualVoucherInput,
  userId: string | null,
): Promise<PostedVoucher> {
  const builder = new PostingBuilder('manual', input.date, input.description);
  for (const line of input.lines) {
    const options = {
      customerId: line.customerId ?? null,
      dueDate: line.dueDate ?? null,
      description: line.description ?? '',
    };
    if (line.side === 'debit') builder.debit(line.account, line.amount, options);
    else builder.credit(line.account, line.amount, options);
  }
  return postVoucher(trx, companyId, builder.build(), { createdBy: userId });
}
