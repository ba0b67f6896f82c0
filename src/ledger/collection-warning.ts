import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import { getCompany } from '../tenancy/company.service.js';

export interface Warning {
  code: 'invoice_in_collection' | 'loss_in_manual_voucher';
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
    .where('posting_id', '=', creditEntryId)
    .executeTakeFirstOrThrow();
  if (credit.voucher_type !== 'manual') return [];
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
      message: `This manual voucher books a loss (account ${lossLines.rows[0]!.account}). ${handover.name} will read the match as the claim being paid and may stop collecting. To write off and let the agency go on collecting, undo this and use Avskriv on the open item instead.`,
    });
  }
  return warnings;
}
