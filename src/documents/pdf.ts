/**
 * Invoices and dunning letters (purring, inkassovarsel) as PDF files.
 *
 * Pure functions from plain data to bytes: no database, no clock. Amounts are integer øre and
 * are shown as `kr 1 234,50`; dates are ISO `YYYY-MM-DD` in and `dd.mm.yyyy` out. The same
 * input always gives the same bytes (the PDF's dates come from the document's own date), so a
 * sent letter can be reproduced exactly and tests can compare files.
 *
 * Text is set in the PDF standard font Helvetica (WinAnsi): æøåÆØÅ and – are covered; letters
 * outside WinAnsi (e.g. Sámi đ ŋ ŧ) are replaced by a look-alike (`toWinAnsi` in pdf-format.ts).
 */
import { type Ore, ore } from '../shared/money.js';
import {
  daysBetween,
  formatBankAccount,
  formatDate,
  formatPercent,
  formatQuantity,
  formatRatePercent,
  kr,
} from './pdf-format.js';
import {
  type Column,
  type Doc,
  type Run,
  type TableRow,
  CONTENT_WIDTH,
  LEFT,
  createDocument,
  ensureSpace,
  footers,
  letterhead,
  paragraph,
  paymentBox,
  postalLine,
  renderToBuffer,
  summaryRows,
  table,
  textLine,
  COLOR,
} from './pdf-layout.js';
import type { CreditorInfo, CustomerParty } from './parties.js';

export interface InvoicePdfData {
  creditor: CreditorInfo;
  customer: CustomerParty;
  invoiceNumber: number;
  /** ISO dates `YYYY-MM-DD`. */
  issueDate: string;
  dueDate: string;
  kid: string;
  /** Amounts in øre; `vatRate` in whole percent (25, 15, 12, 0); `quantity` up to 3 decimals. */
  lines: Array<{ description: string; quantity: number; unitPrice: Ore; vatRate: number; netAmount: Ore }>;
  vatBreakdown: Array<{ rate: number; netAmount: Ore; vatAmount: Ore }>;
  netAmount: Ore;
  vatAmount: Ore;
  totalAmount: Ore;
  description?: string;
}

export interface LetterPdfData {
  /** «Purring» / «Inkassovarsel». */
  type: 'reminder' | 'collection_notice';
  /** 1st, 2nd reminder …; titles «Purring», «2. purring». Ignored for a collection notice. */
  sequence: number;
  creditor: CreditorInfo;
  customer: CustomerParty;
  /** ISO dates. `deadline` is the new payment deadline, at least 14 days after `sentDate`. */
  sentDate: string;
  deadline: string;
  invoice: {
    invoiceNumber: number;
    issueDate: string;
    dueDate: string;
    kid: string;
    originalAmount: Ore;
    openAmount: Ore;
  };
  /** This letter's fee in øre (0 = none). */
  feeAmount: Ore;
  /** Fees of earlier letters still unpaid, in øre. */
  earlierFeesOpen: Ore;
  /** Late-payment interest accrued up to `sentDate`, in øre; stated for information only. */
  interestAmount: Ore;
  /** As stored, e.g. `"12.00"`; shown as `12,00 %`. */
  interestRatePercent: string;
  interestFrom: string;
  /** openAmount + feeAmount + earlierFeesOpen (interest is stated separately). */
  totalToPay: Ore;
}

/**
 * Minimum days from sending to the deadline: the statutory minimum for a collection notice
 * (inkassoloven § 9 second paragraph), and the product's rule for reminders too.
 */
const MIN_DEADLINE_DAYS = 14;

function fail(message: string): never {
  throw new RangeError(message);
}

function checkKid(kid: string): string {
  // A MOD11 KID whose check digit would be 10 ends in '-' (as Norwegian banks accept).
  if (!/^\d{1,24}[\d-]$/.test(kid)) fail(`KID must be 2–25 digits (the last may be -): ${JSON.stringify(kid)}`);
  return kid;
}

function sum(xs: number[]): number {
  return xs.reduce((s, x) => ore(s + ore(x)), 0);
}

/**
 * Refuses data whose figures do not add up: a document that contradicts itself is worse than
 * no document. Also checks every amount is whole øre (via {@link ore}).
 */
function validateInvoice(d: InvoicePdfData): void {
  checkKid(d.kid);
  formatDate(d.issueDate);
  formatDate(d.dueDate);
  if (d.dueDate < d.issueDate) fail(`Due date ${d.dueDate} is before the issue date ${d.issueDate}`);
  if (d.lines.length === 0) fail('An invoice needs at least one line');
  const lineSum = sum(d.lines.map((l) => l.netAmount));
  if (lineSum !== d.netAmount) fail(`Lines sum to ${lineSum} øre but netAmount is ${d.netAmount}`);
  if (sum(d.vatBreakdown.map((r) => r.netAmount)) !== d.netAmount) fail('VAT breakdown bases do not sum to netAmount');
  if (sum(d.vatBreakdown.map((r) => r.vatAmount)) !== d.vatAmount)
    fail('VAT breakdown amounts do not sum to vatAmount');
  if (ore(d.netAmount + d.vatAmount) !== d.totalAmount) fail('netAmount + vatAmount differs from totalAmount');
  // Only a VAT-registered business may charge VAT (merverdiavgiftsloven § 15-10).
  if (!d.creditor.vatRegistered && (d.vatAmount !== 0 || d.lines.some((l) => l.vatRate !== 0))) {
    fail('A creditor that is not VAT-registered cannot invoice VAT');
  }
  formatBankAccount(d.creditor.bankAccount);
}

function validateLetter(d: LetterPdfData): void {
  checkKid(d.invoice.kid);
  for (const date of [d.sentDate, d.deadline, d.invoice.issueDate, d.invoice.dueDate, d.interestFrom]) formatDate(date);
  if (!Number.isSafeInteger(d.sequence) || d.sequence < 1) fail(`sequence must be a positive integer: ${d.sequence}`);
  const days = daysBetween(d.sentDate, d.deadline);
  if (days < MIN_DEADLINE_DAYS) {
    fail(`The deadline ${d.deadline} is ${days} days after ${d.sentDate}; at least ${MIN_DEADLINE_DAYS} are required`);
  }
  // inkassoloven § 9 (1) a: the notice may only be sent once the claim has fallen due.
  if (d.type === 'collection_notice' && d.sentDate < d.invoice.dueDate) {
    fail(`A collection notice cannot be sent (${d.sentDate}) before the due date ${d.invoice.dueDate}`);
  }
  if (d.feeAmount < 0 || d.earlierFeesOpen < 0 || d.interestAmount < 0) fail('Fees and interest cannot be negative');
  if (d.invoice.openAmount <= 0) fail('There is nothing open to remind about');
  const expected = sum([d.invoice.openAmount, d.feeAmount, d.earlierFeesOpen]);
  if (expected !== d.totalToPay) fail(`totalToPay ${d.totalToPay} differs from open amount + fees ${expected}`);
  formatRatePercent(d.interestRatePercent);
  ore(d.interestAmount);
  ore(d.invoice.originalAmount);
  formatBankAccount(d.creditor.bankAccount);
}

function invoiceColumns(vatRegistered: boolean): Column[] {
  const numeric: Column[] = [
    { header: 'Antall', width: 52, align: 'right' },
    { header: 'Pris', width: 88, align: 'right' },
    ...(vatRegistered ? [{ header: 'Mva', width: 46, align: 'right' } as const] : []),
    { header: 'Beløp', width: 96, align: 'right' },
  ];
  const fixed = numeric.reduce((s, c) => s + c.width, 0);
  return [{ header: 'Beskrivelse', width: CONTENT_WIDTH - fixed, align: 'left' }, ...numeric];
}

function drawInvoice(doc: Doc, d: InvoicePdfData): void {
  const account = formatBankAccount(d.creditor.bankAccount);
  let y = letterhead(doc, d.creditor, d.customer, 'Faktura', [
    ['Fakturanummer', String(d.invoiceNumber)],
    ['Fakturadato', formatDate(d.issueDate)],
    ['Forfallsdato', formatDate(d.dueDate)],
    ['Kundenummer', String(d.customer.customerNumber)],
    ['KID', d.kid],
  ]);

  if (d.description != null && d.description.trim() !== '') {
    y = paragraph(doc, [{ text: 'Gjelder: ', bold: true }, d.description.trim()], y) + 12;
  }

  const vat = d.creditor.vatRegistered;
  const rows: TableRow[] = d.lines.map((l) => ({
    cells: [
      l.description,
      formatQuantity(l.quantity),
      kr(l.unitPrice),
      ...(vat ? [formatPercent(l.vatRate)] : []),
      kr(l.netAmount),
    ],
  }));
  y = table(doc, invoiceColumns(vat), rows, y) + 18;

  // VAT per rate at the left, totals at the right, side by side.
  const breakdown = [...d.vatBreakdown].sort((a, b) => b.rate - a.rate);
  const blockHeight = Math.max(vat ? 19 + breakdown.length * 20 : 0, 3 * 18 + 12);
  y = ensureSpace(doc, y, blockHeight);
  const top = y;
  let leftEnd = top;
  if (vat) {
    leftEnd = table(
      doc,
      [
        { header: 'Mva-sats', width: 64, align: 'left' },
        { header: 'Grunnlag', width: 104, align: 'right' },
        { header: 'Mva', width: 96, align: 'right' },
      ],
      breakdown.map((r) => ({ cells: [formatPercent(r.rate), kr(r.netAmount), kr(r.vatAmount)] })),
      top,
    );
  }
  const totals = vat
    ? [
        { label: 'Sum eks. mva', value: kr(d.netAmount) },
        { label: 'Merverdiavgift', value: kr(d.vatAmount) },
        { label: 'Å betale', value: kr(d.totalAmount), bold: true, ruleAbove: true },
      ]
    : [{ label: 'Å betale', value: kr(d.totalAmount), bold: true, ruleAbove: true }];
  const rightEnd = summaryRows(doc, totals, top + 4, 330);
  y = Math.max(leftEnd, rightEnd) + 16;

  if (!vat) {
    y = paragraph(
      doc,
      ['Selger er ikke registrert i Merverdiavgiftsregisteret. Fakturaen er uten merverdiavgift.'],
      y,
      {
        size: 8.5,
        color: COLOR.muted,
      },
    );
  }

  paymentBox(doc, y, [
    { label: 'Betales til konto', value: account, width: 125 },
    { label: 'KID', value: d.kid, width: 160 },
    { label: 'Forfallsdato', value: formatDate(d.dueDate), width: 90 },
    { label: 'Å betale', value: kr(d.totalAmount), width: CONTENT_WIDTH - 24 - 125 - 160 - 90 },
  ]);
  footers(doc, d.creditor, `Faktura ${d.invoiceNumber}`);
}

/** Renders an invoice (faktura) as an A4 PDF. @throws RangeError if the figures do not add up. */
export function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
  try {
    validateInvoice(data);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  const doc = createDocument({
    title: `Faktura ${data.invoiceNumber}`,
    author: data.creditor.name,
    subject: `Faktura ${data.invoiceNumber} til ${data.customer.name}`,
    date: data.issueDate,
  });
  return renderToBuffer(doc, (d) => drawInvoice(d, data));
}

/** «Purring», «2. purring», «Inkassovarsel». */
export function letterTitle(type: LetterPdfData['type'], sequence: number): string {
  if (type === 'collection_notice') return 'Inkassovarsel';
  return sequence <= 1 ? 'Purring' : `${sequence}. purring`;
}

/** Where the debtor can reach the creditor: e-mail and postal address, whichever are known. */
function contactRuns(c: CreditorInfo): Run[] {
  const address = [c.name, c.addressLine, postalLine(c)].filter((p) => p != null && p.trim() !== '').join(', ');
  const email = c.email != null && c.email.trim() !== '' ? c.email.trim() : null;
  if (email) return ['på e-post til ', { text: email, bold: true }, ' eller skriftlig til ', address];
  return ['skriftlig til ', { text: address, bold: true }];
}

function drawLetter(doc: Doc, d: LetterPdfData): void {
  const title = letterTitle(d.type, d.sequence);
  const isNotice = d.type === 'collection_notice';
  const inv = d.invoice;
  const deadline = formatDate(d.deadline);
  const sent = formatDate(d.sentDate);
  const account = formatBankAccount(d.creditor.bankAccount);
  const days = daysBetween(d.sentDate, d.deadline);

  let y = letterhead(doc, d.creditor, d.customer, title, [
    ['Dato', sent],
    ['Kundenummer', String(d.customer.customerNumber)],
    ['Fakturanummer', String(inv.invoiceNumber)],
    ['Betalingsfrist', deadline],
  ]);

  const subject = isNotice
    ? `Varsel om inkasso – faktura ${inv.invoiceNumber}`
    : `${title} – faktura ${inv.invoiceNumber} med forfall ${formatDate(inv.dueDate)}`;
  textLine(doc, subject, LEFT, y, { bold: true, size: 12, color: COLOR.accent, maxWidth: CONTENT_WIDTH });
  y += 24;

  const opening = isNotice
    ? `Vi har ikke mottatt betaling for faktura ${inv.invoiceNumber}, som forfalt til betaling ${formatDate(inv.dueDate)}. Vi ber deg betale `
    : d.sequence > 1
      ? `Vi har tidligere sendt deg purring på faktura ${inv.invoiceNumber}, men kan ikke se å ha mottatt betaling. Vi ber deg vennligst betale `
      : `Vi kan ikke se å ha mottatt betaling for faktura ${inv.invoiceNumber}, som forfalt til betaling ${formatDate(inv.dueDate)}. Vi ber deg vennligst betale `;
  const intro: Run[] = [
    opening,
    { text: kr(d.totalToPay), bold: true },
    ' innen ',
    { text: deadline, bold: true },
    '.',
  ];
  y = paragraph(doc, intro, y) + 16;

  const feeLabel = isNotice ? 'Gebyr for inkassovarsel' : 'Purregebyr';
  const rows: TableRow[] = [
    {
      cells: [
        `Faktura ${inv.invoiceNumber} av ${formatDate(inv.issueDate)}`,
        formatDate(inv.dueDate),
        kr(inv.originalAmount),
        kr(inv.openAmount),
      ],
    },
  ];
  if (d.feeAmount > 0) rows.push({ cells: [feeLabel, '', '', kr(d.feeAmount)] });
  if (d.earlierFeesOpen > 0)
    rows.push({ cells: ['Ubetalte gebyrer fra tidligere purringer', '', '', kr(d.earlierFeesOpen)] });
  rows.push({ cells: ['Å betale', '', '', kr(d.totalToPay)], bold: true, ruleAbove: true });
  y =
    table(
      doc,
      [
        { header: 'Krav', width: CONTENT_WIDTH - 80 - 100 - 100, align: 'left' },
        { header: 'Forfallsdato', width: 80, align: 'right' },
        { header: 'Opprinnelig beløp', width: 100, align: 'right' },
        { header: 'Utestående', width: 100, align: 'right' },
      ],
      rows,
      y,
    ) + 12;

  y =
    paragraph(
      doc,
      [
        `Forsinkelsesrente påløper etter forsinkelsesrenteloven med ${formatRatePercent(d.interestRatePercent)} % p.a. ` +
          `fra ${formatDate(d.interestFrom)}; påløpt per ${sent}: ${kr(d.interestAmount)}. ` +
          'Renten er ikke tatt med i beløpet å betale over.',
      ],
      y,
      { size: 8.5, color: COLOR.muted },
    ) + 18;

  if (isNotice) {
    y = ensureSpace(doc, y, 120);
    textLine(doc, 'Varsel om inkasso etter inkassoloven § 9', LEFT, y, { bold: true, size: 10.5 });
    y += 17;
    const within =
      days === MIN_DEADLINE_DAYS
        ? `innen 14 dager etter at dette varselet ble sendt ${sent}, det vil si senest `
        : `innen ${days} dager etter at dette varselet ble sendt ${sent}, det vil si senest `;
    y =
      paragraph(
        doc,
        [
          'Dersom kravet ikke er betalt ',
          within,
          { text: deadline, bold: true },
          ', vil det bli sendt til inkasso. Inkasso vil påføre deg ytterligere kostnader. ',
          'Betalingen regnes som gjort i tide dersom betalingsoppdraget er mottatt av banken innen fristen.',
        ],
        y,
      ) + 10;
    y =
      paragraph(
        doc,
        [
          'Mener du at kravet ikke er riktig, kan du komme med innsigelser mot kravet. Gi oss i så fall beskjed snarest og innen fristen, ',
          ...contactRuns(d.creditor),
          '.',
        ],
        y,
      ) + 10;
  } else {
    y =
      paragraph(
        doc,
        [
          'Har du allerede betalt, kan du se bort fra denne purringen. ',
          'Har du spørsmål om kravet, eller mener du at det ikke er riktig, ber vi deg ta kontakt med oss ',
          ...contactRuns(d.creditor),
          '.',
        ],
        y,
      ) + 10;
  }
  y = paragraph(doc, ['Med vennlig hilsen'], y + 6);
  y = paragraph(doc, [{ text: d.creditor.name, bold: true }], y + 2) + 10;

  paymentBox(doc, y, [
    { label: 'Betales til konto', value: account, width: 125 },
    { label: 'KID', value: inv.kid, width: 160 },
    { label: 'Betalingsfrist', value: deadline, width: 90 },
    { label: 'Å betale', value: kr(d.totalToPay), width: CONTENT_WIDTH - 24 - 125 - 160 - 90 },
  ]);
  footers(doc, d.creditor, `${title} – faktura ${inv.invoiceNumber}`);
}

/**
 * Renders a reminder (purring) or a collection notice (inkassovarsel) as an A4 PDF.
 * @throws RangeError if the deadline is under 14 days after sending, a collection notice is
 * dated before the due date, or the amounts do not add up.
 */
export function renderLetterPdf(data: LetterPdfData): Promise<Buffer> {
  try {
    validateLetter(data);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  const title = letterTitle(data.type, data.sequence);
  const doc = createDocument({
    title: `${title} – faktura ${data.invoice.invoiceNumber}`,
    author: data.creditor.name,
    subject: `${title} til ${data.customer.name}`,
    date: data.sentDate,
  });
  return renderToBuffer(doc, (d) => drawLetter(d, data));
}
