import type { Trx } from '../db/database.js';
import { addDays } from '../shared/dates.js';
import { listInvoices } from '../sales/invoice.service.js';
import { getCompany } from '../tenancy/company.service.js';
import { camtDocument, type FixtureEntry } from './bank-file.fixtures.js';
import { importBankFileInTransaction } from './bank-import.service.js';

/** The weekday on or before `date` (banks book on weekdays). */
function weekdayOnOrBefore(date: string): string {
  let d = date;
  for (;;) {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6) return d;
    d = addDays(d, -1);
  }
}

/**
 * The demo's bank file: yesterday's camt.054 from the bank, imported in the seed's transaction, so a
 * newcomer sees an import — payments matched by KID, by invoice number in the text and by amount and
 * name, two that match nothing waiting in the queue, and a bank fee that is not booked. Its payments
 * are on invoices not yet due, so the reminder list and the collection stay as the seed made them.
 */
export async function seedDemoBankFile(trx: Trx, companyId: string, today: string) {
  const company = await getCompany(trx, companyId);
  const notDue = (await listInvoices(trx, companyId, { limit: 200, status: 'open', today }))
    .filter((i) => i.dueDate > today && i.openAmount === i.totalAmount)
    .sort((a, b) => a.invoiceNumber - b.invoiceNumber);
  // a third of them at most: most invoices not yet due stay open
  const open = notDue.slice(0, Math.floor(notDue.length / 3));
  const byCustomer = new Map<string, number>();
  for (const i of open) byCustomer.set(i.customerId, (byCustomer.get(i.customerId) ?? 0) + 1);
  // amount and name: a customer whose only open invoice it is (else the amount would not tell which)
  const single = open.find((i) => byCustomer.get(i.customerId) === 1);
  const rest = open.filter((i) => i !== single);
  const date = weekdayOnOrBefore(addDays(today, -1));
  const compact = date.replaceAll('-', '');
  const kid = rest.slice(0, 4).map((i, n) => ({
    amount: i.openAmount,
    kid: i.kid,
    ref: `${compact}0001-${n + 1}`,
    debtorName: i.customerName,
  }));
  const entries: FixtureEntry[] = [];
  if (kid.length > 0) entries.push({ ref: `${compact}0001`, bookingDate: date, txs: kid });
  const byText = rest[4];
  if (byText)
    entries.push({
      ref: `${compact}0002`,
      bookingDate: date,
      amount: Math.floor(byText.openAmount / 2),
      text: `Delbetaling faktura ${byText.invoiceNumber}`,
      debtorName: byText.customerName,
    });
  if (single)
    entries.push({
      ref: `${compact}0003`,
      bookingDate: date,
      amount: single.openAmount,
      text: 'Nettbank',
      debtorName: single.customerName,
    });
  entries.push(
    { ref: `${compact}0004`, bookingDate: date, amount: 1_250_00, text: 'Overføring', debtorName: 'Ukjent Innbetaler' },
    { ref: `${compact}0005`, bookingDate: date, amount: 487_50, text: 'Refusjon strøm august', debtorName: 'Elvia AS' },
    { ref: `${compact}0006`, bookingDate: date, amount: 89_00, direction: 'debit', text: 'Gebyr innbetalinger' },
  );
  const xml = camtDocument({
    message: '054',
    version: '02',
    account: company.bankAccount,
    messageId: `DEMO-${compact}`,
    entries,
  });
  return importBankFileInTransaction(
    trx,
    companyId,
    async function* () {
      yield new TextEncoder().encode(xml);
    },
    { fileName: `camt054-${date}.xml`, userId: null, today },
  );
}
