import type { Trx } from '../db/database.js';
import { lockedOpenAmount, matchEntries } from '../ledger/match.service.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { AppError } from '../shared/errors.js';
import type { Ore } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';
import { getInvoiceSummary } from './invoice.service.js';

export interface WriteOffInput {
  date: string;
  /** Omitted: the whole open amount. */
  amount?: Ore | undefined;
  /** Omitted: the company's loss account (7830). */
  account?: number | undefined;
  reason: string;
}

export interface WriteOff {
  invoiceId: string;
  voucherId: string;
  entryId: number;
  matchId: number;
  amount: Ore;
  account: number;
  invoiceOpenAmount: Ore;
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
  if (invoice.openAmount <= 0)
    throw new AppError('amount_exceeds_open', `invoice ${invoice.invoiceNumber} has nothing open to write off`, {
      reason: 'nothing_open',
      invoiceNumber: invoice.invoiceNumber,
      openAmount: invoice.openAmount,
    });
  const amount = input.amount ?? invoice.openAmount;
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
  const voucher = await postVoucher(
    trx,
    companyId,
    new PostingBuilder('write_off', input.date, `${label}: ${input.reason}`)
      .debit(account, amount, { description: label })
      .credit(company.accounts.receivable, amount, { customerId: invoice.customerId, description: label })
      .build(),
    { createdBy: userId },
  );
  const entry = voucher.postings.find((p) => p.customerId !== null)!;
  const match = await matchEntries(trx, companyId, {
    debitPostingId: invoice.receivableEntryId,
    creditPostingId: entry.id,
    amount,
    userId,
  });
  return {
    invoiceId,
    voucherId: voucher.id,
    entryId: entry.id,
    matchId: match.matchId,
    amount,
    account,
    invoiceOpenAmount: match.debitOpenAmount,
  };
}
