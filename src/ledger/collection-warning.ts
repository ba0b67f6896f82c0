import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Ore } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';
import { type MatchResult, matchEntries } from './match.service.js';

export const WARNING_CODES = ['invoice_in_collection', 'loss_in_manual_voucher'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  message: string;
}

/**
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
    .selectFrom('handovers as h')
    .innerJoin('agencies as a', 'a.id', 'h.agency_id')
    .select(['a.name', 'h.state'])
    .where('h.invoice_id', '=', invoiceId)
    .where('h.state', 'in', ['approved', 'in_case'])
    .executeTakeFirst();
  if (!handover) return [];
  const credit = await trx
    .selectFrom('open_items')
    .select(['voucher_id', 'voucher_type'])
    .where('company_id', '=', companyId)
    .where('posting_id', '=', creditEntryId)
    .executeTakeFirst();
  if (credit?.voucher_type !== 'manual') return [];
  const warnings: Warning[] = [
    {
      code: 'invoice_in_collection',
      message: `The invoice is with ${handover.name}. The agency sees this as a manual entry and cannot tell what it is without asking you; register payments as payments and credit notes as credit notes where you can.`,
    },
  ];
  const loss = (await getCompany(trx, companyId)).accounts.loss;
  const lossLines = await sql<{ account: number }>`
    select account from postings where voucher_id = ${credit.voucher_id} and (account = ${loss} or account between 7800 and 7899) limit 1`.execute(
    trx,
  );
  if (lossLines.rows.length > 0) {
    warnings.push({
      code: 'loss_in_manual_voucher',
      message: `This manual voucher books a loss (account ${lossLines.rows[0]!.account}). ${handover.name} will read the match as the claim being paid and may stop collecting. To write off and let the agency go on collecting, use Avskriv on the invoice instead.`,
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
  const items = await trx
    .selectFrom('open_items')
    .select(['posting_id', 'invoice_id'])
    .where('company_id', '=', companyId)
    .where('posting_id', 'in', [debitPostingId, creditPostingId])
    .execute();
  const debit = items.find((i) => i.posting_id === debitPostingId);
  if (!debit) throw notFound(`entry ${debitPostingId}`);
  if (!items.some((i) => i.posting_id === creditPostingId)) throw notFound(`entry ${creditPostingId}`);
  return {
    invoiceId: debit.invoice_id,
    warnings: await collectionWarnings(trx, companyId, debit.invoice_id, creditPostingId),
  };
}

/**
 * A match made by hand, two-step where it touches an invoice with an agency: while the match would
 * answer warnings and the caller has not acknowledged them (`true`, or every warning's code), it is
 * refused (409 `conflict`, reason `warnings_not_acknowledged`, with the warnings) before anything is
 * written — no match row, no invoice event for the agency's feed. Other matches go through at once.
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
