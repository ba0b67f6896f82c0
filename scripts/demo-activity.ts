/**
 * What the creditor does in `npm run demo` while the agency collects, so that the demo shows it in
 * its first minutes and keeps showing it: in turn, a direct payment from a debtor on an invoice in a
 * case, a credit note on one, an «Avskriv» of one, and between them new overdue claims (invoiced
 * weeks ago, reminded and sent a collection notice whose deadline has passed, as the seed does) so
 * that the agency keeps getting cases after the first backlog. Everything goes through the same
 * services (and so the same rules) as the UI and the API; every voucher is dated today.
 */
import { listHandovers } from '../src/collection/handover.service.js';
import type { Db } from '../src/db/database.js';
import { inTransaction } from '../src/db/transaction.js';
import { sendLetter } from '../src/dunning/dunning.service.js';
import { listCustomers } from '../src/sales/customer.service.js';
import { createCreditNote } from '../src/sales/credit-note.service.js';
import { createInvoice, getInvoice } from '../src/sales/invoice.service.js';
import { registerPayment } from '../src/sales/payment.service.js';
import { writeOffInvoice } from '../src/sales/write-off.service.js';
import { addDays } from '../src/shared/dates.js';
import { formatKr, ore } from '../src/shared/money.js';

export type CreditorAction = 'payment' | 'credit_note' | 'write_off' | 'new_claim';

/** The turn: each of the three during collection once in six steps, a new claim every other step. */
export const CREDITOR_TURN: readonly CreditorAction[] = [
  'payment',
  'new_claim',
  'credit_note',
  'new_claim',
  'write_off',
  'new_claim',
];

const JOBS = [
  ['Service varmepumpe', 185_000],
  ['Utskifting av blandebatteri', 264_000],
  ['Tetting av lekkasje under vask', 142_500],
  ['Montering av varmtvannsbereder', 987_000],
  ['Rørinspeksjon med kamera', 356_000],
] as const;

/**
 * Carries out step `n` of the turn for the company's cases with `agencyId`; returns a line for the
 * log, or null when there was nothing to act on (no invoice in a case with money open).
 */
export async function creditorStep(
  db: Db,
  companyId: string,
  agencyId: string,
  n: number,
  today: string,
): Promise<string | null> {
  const action = CREDITOR_TURN[n % CREDITOR_TURN.length] ?? 'new_claim';
  if (action === 'new_claim') return newClaim(db, companyId, n, today);

  const inCase = (await listHandovers(db, companyId, { states: ['in_case'], agencyId, limit: 500 })).filter(
    (h) => h.openAmount > 0,
  );
  // Spread over the cases: step n picks a different one each time round.
  const target = inCase[(n * 5) % Math.max(1, inCase.length)];
  if (!target) return null;
  const what = `invoice ${target.invoiceNumber} (${target.customerName}), in collection`;
  if (action === 'payment') {
    // The debtor pays part of it to the creditor instead of the agency.
    const amount = ore(Math.max(100, Math.floor(target.openAmount / 2 / 100) * 100));
    await inTransaction(db, (trx) =>
      registerPayment(
        trx,
        companyId,
        { amount, paymentDate: today, invoiceId: target.invoiceId, reference: 'Betalt direkte til oss' },
        null,
      ),
    );
    return `Creditor: direct payment of ${formatKr(amount)} on ${what}`;
  }
  if (action === 'credit_note') {
    // A complaint settled with a discount: a tenth of the invoice off, at its main VAT rate (a credit
    // note line must be at a rate the invoice has), net of VAT.
    const invoice = await getInvoice(db, companyId, target.invoiceId);
    const main = [...invoice.vatBreakdown].sort((a, b) => b.netAmount - a.netAmount)[0];
    if (!main) return null;
    const gross = Math.min(target.openAmount, Math.floor(target.totalAmount / 10));
    const net = Math.floor((gross * 100) / (100 + main.rate) / 100) * 100;
    if (net <= 0) return null;
    const amount = ore(net);
    await inTransaction(db, (trx) =>
      createCreditNote(
        trx,
        companyId,
        target.invoiceId,
        {
          issueDate: today,
          reason: 'Prisavslag etter reklamasjon',
          lines: [{ description: 'Prisavslag', quantity: 1, unitPrice: amount, vatRate: main.rate }],
          fees: 'keep',
        },
        null,
      ),
    );
    return `Creditor: credit note of ${formatKr(amount)} + ${main.rate} % VAT on ${what}`;
  }
  const done = await inTransaction(db, (trx) =>
    writeOffInvoice(
      trx,
      companyId,
      target.invoiceId,
      { date: today, reason: 'Skyldner er konkurs; byrået fortsetter' },
      null,
    ),
  );
  return `Creditor: «Avskriv» of ${formatKr(done.amount)} on ${what} (the agency goes on collecting)`;
}

/** A claim invoiced 75 days ago, reminded and noticed as the company does: eligible for collection today. */
async function newClaim(db: Db, companyId: string, n: number, today: string): Promise<string> {
  const customers = (await listCustomers(db, companyId, { limit: 200 })).filter((c) => !c.notToCollection);
  const customer = customers[(n * 7) % Math.max(1, customers.length)];
  if (!customer) return 'Creditor: no customer for a new claim';
  const [description, price] = JOBS[n % JOBS.length] ?? JOBS[0];
  const issueDate = addDays(today, -75);
  const dueDate = addDays(issueDate, 14);
  const system = { type: 'system' as const, id: null };
  const invoice = await inTransaction(db, async (trx) => {
    const created = await createInvoice(
      trx,
      companyId,
      {
        customerId: customer.id,
        issueDate,
        dueDate,
        description,
        lines: [{ description, quantity: 1, unitPrice: ore(price), vatRate: 25 }],
      },
      null,
    );
    await sendLetter(trx, companyId, created.id, { type: 'reminder', sendDate: addDays(dueDate, 16) }, system);
    await sendLetter(trx, companyId, created.id, { type: 'collection_notice', sendDate: addDays(dueDate, 31) }, system);
    return created;
  });
  return `Creditor: invoice ${invoice.invoiceNumber} (${customer.name}, ${formatKr(invoice.totalAmount)}) overdue since ${dueDate}, reminded and sent a collection notice`;
}
