import type { Trx } from '../db/database.js';
import { getAgency } from '../agencies/agency.service.js';
import type { Warning, WarningCode } from '../ledger/match-warning.js';
import { type MatchResult, matchEntries } from '../ledger/match.service.js';
import { entryFacts } from '../ledger/open-item.service.js';
import { lossAccountOfVoucher } from '../ledger/voucher.service.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Ore } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';

/**
 * The accountant's manual match, two-step where it touches an invoice with an agency. The ledger
 * matches (`matchEntries`); this step of the collection process decides what the accountant must
 * acknowledge first, since only collection knows which invoices an agency holds.
 *
 * Matching a manual voucher's entry to an invoice that is with an agency is allowed, but the agency
 * can only see "a manual entry" (it cannot tell what it was without asking); and a loss booked in a
 * manual voucher reads to the agency as the claim being paid — Avskriv is the way to write off.
 */
export async function collectionWarnings(
  trx: Trx,
  companyId: string,
  invoiceId: string | null,
  creditEntryId: number,
): Promise<Warning[]> {
  if (!invoiceId) return [];
  const handover = await trx
    .selectFrom('handovers')
    .select(['agency_id', 'state'])
    .where('company_id', '=', companyId)
    .where('invoice_id', '=', invoiceId)
    .where('state', 'in', ['approved', 'in_case'])
    .executeTakeFirst();
  if (!handover) return [];
  const [credit] = await entryFacts(trx, companyId, [creditEntryId]);
  if (credit?.voucherType !== 'manual') return [];
  const agency = (await getAgency(trx, handover.agency_id)).name;
  const warnings: Warning[] = [
    {
      code: 'invoice_in_collection',
      message: `The invoice is with ${agency}. The agency sees this as a manual entry and cannot tell what it is without asking you; register payments as payments and credit notes as credit notes where you can.`,
    },
  ];
  const loss = (await getCompany(trx, companyId)).accounts.loss;
  const lossAccount = await lossAccountOfVoucher(trx, companyId, credit.voucherId, loss);
  if (lossAccount !== null) {
    warnings.push({
      code: 'loss_in_manual_voucher',
      message: `This manual voucher books a loss (account ${lossAccount}). ${agency} will read the match as the claim being paid and may stop collecting. To write off and let the agency go on collecting, use Avskriv on the invoice instead.`,
    });
  }
  return warnings;
}

/** The warnings a match of these two entries would answer, read before anything is written (404 for an unknown entry). */
export async function previewMatch(
  trx: Trx,
  companyId: string,
  debitPostingId: number,
  creditPostingId: number,
): Promise<{ invoiceId: string | null; warnings: Warning[] }> {
  const items = await entryFacts(trx, companyId, [debitPostingId, creditPostingId]);
  const debit = items.find((i) => i.entryId === debitPostingId);
  if (!debit) throw notFound(`entry ${debitPostingId}`);
  if (!items.some((i) => i.entryId === creditPostingId)) throw notFound(`entry ${creditPostingId}`);
  return {
    invoiceId: debit.invoiceId,
    warnings: await collectionWarnings(trx, companyId, debit.invoiceId, creditPostingId),
  };
}

/**
 * A match made by hand: while the match would answer warnings and the caller has not acknowledged
 * them (`true`, or every warning's code), it is refused (409 `conflict`, reason
 * `warnings_not_acknowledged`, with the warnings) before anything is written — no match row, no
 * invoice event for the agency's feed. Other matches go through at once.
 */
export async function matchAcknowledged(
  trx: Trx,
  companyId: string,
  input: { debitPostingId: number; creditPostingId: number; amount?: Ore | undefined; userId: string | null },
  acknowledged: true | readonly WarningCode[] | undefined,
): Promise<MatchResult & { warnings: Warning[] }> {
  const { warnings } = await previewMatch(trx, companyId, input.debitPostingId, input.creditPostingId);
  const missing = warnings.filter((w) => acknowledged !== true && !(acknowledged ?? []).includes(w.code));
  if (missing.length > 0)
    throw new AppError(
      'conflict',
      `The match touches an invoice with an agency: acknowledge ${missing.map((w) => w.code).join(', ')} to make it`,
      { reason: 'warnings_not_acknowledged', warnings, unacknowledged: missing.map((w) => w.code) },
    );
  const result = await matchEntries(trx, companyId, input);
  return { ...result, warnings };
}
