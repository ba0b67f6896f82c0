import type { Db, Trx } from '../db/database.js';
import { openClaimEntries } from '../ledger/claim-entry.service.js';
import { lockedOpenAmount, matchEntries } from '../ledger/match.service.js';
import { nextInSeries } from '../ledger/number-series.repository.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore, percentOf } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';
import { computeTotals, type LineInput, remainingCreditable } from './invoice.js';
import { checkVatRates, getInvoiceSummary, salesAccount } from './invoice.service.js';
import type { VatBreakdownRow } from './invoice.table.js';
import { writeOffInvoice } from './write-off.service.js';

export interface CreditNoteInput {
  issueDate: string;
  reason?: string | undefined;
  /** Omitted: credit everything the invoice has left to credit. */
  lines?: LineInput[] | undefined;
  /**
   * The claim's open reminder fees when the credit note closes the invoice: 'keep' them open (still
   * owed), or 'write_off' them in a write_off voucher (as Avskriv does). Required then; otherwise ignored.
   */
  fees?: 'keep' | 'write_off' | undefined;
}

export interface CreditNote {
  id: string;
  creditNoteNumber: number;
  invoiceId: string;
  customerId: string;
  issueDate: string;
  reason: string;
  netAmount: Ore;
  vatAmount: Ore;
  totalAmount: Ore;
  vatBreakdown: VatBreakdownRow[];
  voucherId: string;
  entryId: number;
  /** How much of the credit closed the invoice; the rest is the customer's credit. */
  matchedAmount: Ore;
  invoiceOpenAmount: Ore;
  /** The fees written off with it (fees: 'write_off'): their write_off voucher and amount; else null. */
  feesWrittenOff: { voucherId: string; amount: Ore } | null;
}

/**
 * Credits an invoice fully or in part: Dr sales and output VAT per rate, Cr receivable, matched
 * against the invoice for as much as is open (a credit beyond that stays as the customer's credit).
 */
export async function createCreditNote(
  trx: Trx,
  companyId: string,
  invoiceId: string,
  input: CreditNoteInput,
  userId: string | null,
): Promise<CreditNote> {
  const company = await getCompany(trx, companyId);
  // Lock the invoice so that two credit notes cannot both take its last creditable amount.
  const invoiceRow = await trx
    .selectFrom('invoices')
    .select(['id', 'vat_breakdown', 'invoice_number'])
    .where('company_id', '=', companyId)
    .where('id', '=', invoiceId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!invoiceRow) throw notFound('the invoice');
  const invoice = await getInvoiceSummary(trx, companyId, invoiceId);
  // The open item before any number series: the one lock order every writer keeps (no deadlocks).
  const openBefore = await lockedOpenAmount(trx, companyId, invoice.receivableEntryId);
  if (input.issueDate < invoice.issueDate) {
    throw new AppError(
      'validation_failed',
      `the credit note's date ${input.issueDate} is before the invoice's ${invoice.issueDate}`,
      {
        reason: 'before_invoice_date',
        invoiceNumber: invoice.invoiceNumber,
        issueDate: input.issueDate,
        invoiceIssueDate: invoice.issueDate,
      },
    );
  }
  const earlier = await trx
    .selectFrom('credit_notes')
    .select('vat_breakdown')
    .where('company_id', '=', companyId)
    .where('invoice_id', '=', invoiceId)
    .execute();
  const remaining = remainingCreditable(
    invoiceRow.vat_breakdown,
    earlier.map((e) => e.vat_breakdown),
  );

  let breakdown: VatBreakdownRow[];
  let lines: Array<LineInput & { quantityMilli: number; netAmount: Ore }>;
  if (input.lines && input.lines.length > 0) {
    checkVatRates(company.vatRegistered, input.lines);
    const totals = computeTotals(input.lines);
    lines = totals.lines;
    breakdown = totals.vatBreakdown.map((row) => {
      const left = remaining.find((r) => r.rate === row.rate);
      if (!left || row.netAmount > left.netAmount) {
        throw new AppError(
          'credit_exceeds_invoice',
          `${row.netAmount} øre at ${row.rate} % VAT is more than the ${left?.netAmount ?? 0} øre the invoice has left to credit at that rate`,
          {
            reason: 'more_than_left',
            invoiceNumber: invoice.invoiceNumber,
            rate: row.rate,
            netAmount: row.netAmount,
            remainingNetAmount: left?.netAmount ?? 0,
          },
        );
      }
      // Taking a rate's whole remaining base takes its whole remaining VAT: no rounding residue.
      const vatAmount =
        row.netAmount === left.netAmount
          ? left.vatAmount
          : ore(Math.min(percentOf(row.netAmount, row.rate * 100), left.vatAmount));
      return { rate: row.rate, netAmount: row.netAmount, vatAmount };
    });
  } else {
    breakdown = remaining.filter((r) => r.netAmount > 0 || r.vatAmount > 0);
    lines = breakdown.map((r) => ({
      description: `Kreditering av faktura ${invoice.invoiceNumber}`,
      quantity: 1,
      quantityMilli: 1000,
      unitPrice: r.netAmount,
      vatRate: r.rate,
      netAmount: ore(r.netAmount),
    }));
  }
  const netAmount = ore(breakdown.reduce((s, r) => s + r.netAmount, 0));
  const vatAmount = ore(breakdown.reduce((s, r) => s + r.vatAmount, 0));
  const totalAmount = ore(netAmount + vatAmount);
  if (totalAmount <= 0)
    throw new AppError('credit_exceeds_invoice', `invoice ${invoice.invoiceNumber} has nothing left to credit`, {
      reason: 'nothing_left',
      invoiceNumber: invoice.invoiceNumber,
    });

  // Closing the invoice with reminder fees open: the user says what becomes of them, before anything is stored.
  // Locked after the invoice's entry (entry order: the fee entries come later).
  const closes = openBefore > 0 && totalAmount >= openBefore;
  const fees = closes ? await openClaimEntries(trx, companyId, [invoiceId], { lock: true }) : [];
  const feeAmount = ore(fees.reduce((sum, f) => sum + f.openAmount, 0));
  if (fees.length > 0 && input.fees === undefined)
    throw new AppError(
      'validation_failed',
      `the credit note closes invoice ${invoice.invoiceNumber}, which has ${feeAmount} øre of reminder fees open: say fees 'keep' or 'write_off'`,
      {
        reason: 'fees_open',
        invoiceNumber: invoice.invoiceNumber,
        feeAmount,
        fees: fees.map((f) => ({ entryId: f.entryId, openAmount: f.openAmount })),
      },
      422,
    );

  const creditNoteNumber = await nextInSeries(trx, companyId, 'credit_note', 0, 1);
  const note = await trx
    .insertInto('credit_notes')
    .values({
      company_id: companyId,
      credit_note_number: creditNoteNumber,
      invoice_id: invoiceId,
      customer_id: invoice.customerId,
      issue_date: input.issueDate,
      reason: input.reason ?? '',
      net_amount: netAmount,
      vat_amount: vatAmount,
      total_amount: totalAmount,
      vat_breakdown: JSON.stringify(breakdown),
      voucher_id: null,
      posting_id: null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('credit_note_lines')
    .values(
      lines.map((l, i) => ({
        credit_note_id: note.id,
        line_no: i + 1,
        description: l.description,
        quantity: (l.quantityMilli / 1000).toFixed(3),
        unit_price: ore(l.unitPrice),
        vat_rate: l.vatRate,
        net_amount: l.netAmount,
      })),
    )
    .execute();

  const builder = new PostingBuilder(
    'credit_note',
    input.issueDate,
    `Kreditnota ${creditNoteNumber} til faktura ${invoice.invoiceNumber}`,
  );
  for (const row of breakdown) {
    builder.debit(salesAccount(company.accounts, row.rate), ore(row.netAmount), {
      description: `Kreditert salg ${row.rate} % mva`,
      vatRate: row.rate,
    });
    builder.debit(company.accounts.outputVat, ore(row.vatAmount), {
      description: `Kreditert utgående mva ${row.rate} %`,
      vatRate: row.rate,
    });
  }
  builder.credit(company.accounts.receivable, totalAmount, {
    customerId: invoice.customerId,
    description: `Kreditnota ${creditNoteNumber}`,
  });
  const voucher = await postVoucher(trx, companyId, builder.build(), { createdBy: userId });
  const entry = voucher.postings.find((p) => p.customerId !== null)!;
  await trx
    .updateTable('credit_notes')
    .set({ voucher_id: voucher.id, posting_id: entry.id })
    .where('id', '=', note.id)
    .execute();

  // As much as is open when the invoice's entry is locked, not as read before: a payment may have come in between.
  const match = await matchEntries(trx, companyId, {
    debitPostingId: invoice.receivableEntryId,
    creditPostingId: entry.id,
    amount: undefined,
    userId,
  }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'amount_exceeds_open') return null; // nothing open: all of it is the customer's credit
    throw e;
  });
  const matchedAmount = match?.amount ?? ore(0);
  const invoiceOpenAmount = match?.debitOpenAmount ?? ore(0);
  // The fees alone, in Avskriv's voucher (the invoice is closed now, so nothing of it is written off).
  const feesWrittenOff =
    fees.length > 0 && input.fees === 'write_off' && invoiceOpenAmount === 0
      ? await writeOffInvoice(
          trx,
          companyId,
          invoiceId,
          {
            date: input.issueDate,
            reason: `gebyrer avskrevet med kreditnota ${creditNoteNumber}`,
            includeFees: true,
          },
          userId,
        )
      : null;
  return {
    id: note.id,
    creditNoteNumber,
    invoiceId,
    customerId: invoice.customerId,
    issueDate: input.issueDate,
    reason: input.reason ?? '',
    netAmount,
    vatAmount,
    totalAmount,
    vatBreakdown: breakdown,
    voucherId: voucher.id,
    entryId: entry.id,
    matchedAmount,
    invoiceOpenAmount,
    feesWrittenOff: feesWrittenOff && {
      voucherId: feesWrittenOff.voucherId,
      amount: ore(feesWrittenOff.fees.reduce((sum, f) => sum + f.amount, 0)),
    },
  };
}

export async function getCreditNote(
  db: Db | Trx,
  companyId: string,
  creditNoteId: string,
): Promise<Omit<CreditNote, 'matchedAmount' | 'invoiceOpenAmount' | 'feesWrittenOff'>> {
  const r = await db
    .selectFrom('credit_notes')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', creditNoteId)
    .executeTakeFirst();
  if (!r) throw notFound('the credit note');
  return {
    id: r.id,
    creditNoteNumber: r.credit_note_number,
    invoiceId: r.invoice_id,
    customerId: r.customer_id,
    issueDate: r.issue_date,
    reason: r.reason,
    netAmount: r.net_amount,
    vatAmount: r.vat_amount,
    totalAmount: r.total_amount,
    vatBreakdown: r.vat_breakdown,
    voucherId: r.voucher_id!,
    entryId: r.posting_id!,
  };
}
