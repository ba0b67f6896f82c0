import { recordAudit } from '../audit/audit.service.js';
import type { Trx } from '../db/database.js';
import { openClaimEntries } from '../ledger/claim-entry.service.js';
import { lockedOpenAmount, matchEntries, matchMany } from '../ledger/match.service.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { AppError } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';
import { getInvoiceSummary } from './invoice.service.js';

export interface WriteOffInput {
  date: string;
  /** Omitted: the whole open amount. */
  amount?: Ore | undefined;
  /** Omitted: the company's loss account (7830). */
  account?: number | undefined;
  reason: string;
  /**
   * Also write off the claim's open reminder fees, in the same voucher. Omitted: yes when the whole
   * open amount of the invoice is written off (the claim is given up), no for a part.
   */
  includeFees?: boolean | undefined;
}

export interface WriteOff {
  invoiceId: string;
  voucherId: string;
  /** The invoice's credit entry; null when only fees were written off (the invoice was closed). */
  entryId: number | null;
  matchId: number | null;
  amount: Ore;
  account: number;
  invoiceOpenAmount: Ore;
  /** The fee items written off with it (each closed in full), in entry order. */
  fees: Array<{ entryId: number; amount: Ore; creditEntryId: number }>;
}

/**
 * «Avskriv»: writes off an invoice's open amount (all or part) as a loss: a `write_off` voucher
 * (Dr loss, Cr receivable matched to the invoice). Its own voucher type is what tells an agency
 * that this is a write-off, which it will usually go on collecting, and not a payment.
 */
export async function writeOffInvoice(
  trx: Trx,
  companyId: string,
  invoiceId: string,
  input: WriteOffInput,
  userId: string | null,
): Promise<WriteOff> {
  const company = await getCompany(trx, companyId);
  const found = await getInvoiceSummary(trx, companyId, invoiceId);
  // Read the open amount under the entry's lock: a payment committing meanwhile must not be written off too.
  const invoice = { ...found, openAmount: await lockedOpenAmount(trx, companyId, found.receivableEntryId) };
  // A claim whose invoice is closed (paid, settled) may still have fees open: those alone can go.
  const amount = input.amount ?? ore(Math.max(0, invoice.openAmount));
  const includeFees = input.includeFees ?? amount === Math.max(0, invoice.openAmount);
  // Locked after the invoice's entry (entry order: the fee entries come later).
  const fees = includeFees ? await openClaimEntries(trx, companyId, [invoiceId], { lock: true }) : [];
  if (invoice.openAmount <= 0 && (input.amount !== undefined || fees.length === 0))
    throw new AppError('amount_exceeds_open', `invoice ${invoice.invoiceNumber} has nothing open to write off`, {
      reason: 'nothing_open',
      invoiceNumber: invoice.invoiceNumber,
      openAmount: invoice.openAmount,
    });
  if (amount > invoice.openAmount) {
    throw new AppError(
      'amount_exceeds_open',
      `${amount} øre is more than the ${invoice.openAmount} øre open on invoice ${invoice.invoiceNumber}`,
      {
        reason: 'more_than_open',
        invoiceNumber: invoice.invoiceNumber,
        amount,
        openAmount: invoice.openAmount,
      },
    );
  }
  const account = input.account ?? company.accounts.loss;
  if (account === company.accounts.receivable)
    throw new AppError('invalid_account', 'a write-off cannot be posted to the receivable account', {
      reason: 'receivable_account',
      account,
    });
  const label = `Avskrevet faktura ${invoice.invoiceNumber}`;
  const builder = new PostingBuilder('write_off', input.date, `${label}: ${input.reason}`)
    .debit(account, amount, { description: label })
    .credit(company.accounts.receivable, amount, { customerId: invoice.customerId, description: label });
  for (const fee of fees) {
    const feeLabel = `Avskrevet gebyr, faktura ${invoice.invoiceNumber}`;
    builder
      .debit(account, fee.openAmount, { description: feeLabel })
      .credit(company.accounts.receivable, fee.openAmount, { customerId: invoice.customerId, description: feeLabel });
  }
  const voucher = await postVoucher(trx, companyId, builder.build(), { createdBy: userId });
  // The builder keeps the order given: the invoice's credit first, then one per fee.
  const credits = voucher.postings.filter((p) => p.customerId !== null);
  const onInvoice = amount > 0 ? 1 : 0;
  const match =
    amount > 0
      ? await matchEntries(trx, companyId, {
          debitPostingId: invoice.receivableEntryId,
          creditPostingId: credits[0]!.id,
          amount,
          userId,
        })
      : null;
  await matchMany(
    trx,
    companyId,
    fees.map((fee, i) => ({
      debitPostingId: fee.entryId,
      creditPostingId: credits[i + onInvoice]!.id,
      amount: fee.openAmount,
    })),
    { userId },
  );
  await recordAudit(trx, {
    companyId,
    kind: 'invoice.written_off',
    subjectIds: [invoiceId, voucher.id],
    ...(userId ? { actor: { type: 'user', id: userId } } : {}),
    before: { openAmount: invoice.openAmount },
    after: {
      date: input.date,
      amount,
      account,
      reason: input.reason,
      feesWrittenOff: fees.reduce((sum, f) => sum + f.openAmount, 0),
    },
  });
  return {
    invoiceId,
    voucherId: voucher.id,
    entryId: amount > 0 ? credits[0]!.id : null,
    matchId: match?.matchId ?? null,
    amount,
    account,
    invoiceOpenAmount: match?.debitOpenAmount ?? invoice.openAmount,
    fees: fees.map((fee, i) => ({
      entryId: fee.entryId,
      amount: fee.openAmount,
      creditEntryId: credits[i + onInvoice]!.id,
    })),
  };
}
