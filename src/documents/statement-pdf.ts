/**
 * The account statement (kontoutskrift) for a customer and a period, as a PDF: the creditor's
 * letterhead, the customer, the balance before the period, every entry in it with the running
 * balance, and the balance after it. A pure function from data to bytes, like the invoice and the
 * letters (pdf.ts), on the same layout helpers.
 */
import { type Ore, ore } from '../shared/money.js';
import type { CreditorInfo, CustomerParty } from './parties.js';
import { formatDate, kr } from './pdf-format.js';
import {
  type Column,
  CONTENT_WIDTH,
  createDocument,
  type Doc,
  ensureSpace,
  footers,
  letterhead,
  paragraph,
  renderToBuffer,
  type TableRow,
  table,
} from './pdf-layout.js';

const negateOre = (x: Ore): Ore => ore(-x);

export interface StatementPdfLine {
  date: string;
  voucherNumber: string;
  /** What the entry is, in Norwegian (Faktura, Innbetaling, Kreditnota, …). */
  kind: string;
  description: string;
  invoiceNumber: number | null;
  dueDate: string | null;
  /** Signed øre: positive is owed (debit), negative paid or credited (credit). */
  amount: Ore;
  balance: Ore;
}

export interface StatementPdfData {
  creditor: CreditorInfo;
  customer: CustomerParty;
  from: string;
  to: string;
  /** The day it is made (its date in the letterhead and the file). */
  printedOn: string;
  openingBalance: Ore;
  lines: StatementPdfLine[];
  closingBalance: Ore;
}

const COLUMNS: Column[] = [
  { header: 'Dato', width: 58, align: 'left' },
  { header: 'Bilag', width: 56, align: 'left' },
  { header: 'Tekst', width: CONTENT_WIDTH - 58 - 56 - 56 - 3 * 70, align: 'left' },
  { header: 'Forfall', width: 56, align: 'left' },
  { header: 'Debet', width: 70, align: 'right' },
  { header: 'Kredit', width: 70, align: 'right' },
  { header: 'Saldo', width: 70, align: 'right' },
];

function text(line: StatementPdfLine): string {
  const invoice = line.invoiceNumber !== null ? ` ${line.invoiceNumber}` : '';
  const described = line.description.trim() !== '' ? ` – ${line.description.trim()}` : '';
  return `${line.kind}${invoice}${described}`;
}

function drawStatement(doc: Doc, d: StatementPdfData): void {
  let y = letterhead(doc, d.creditor, d.customer, 'Kontoutskrift', [
    ['Kundenummer', String(d.customer.customerNumber)],
    ['Periode', `${formatDate(d.from)}–${formatDate(d.to)}`],
    ['Utskrevet', formatDate(d.printedOn)],
  ]);
  y = paragraph(
    doc,
    [
      'Bevegelser på kundekontoen i perioden, med saldo etter hver post. ',
      'Positive beløp er det du skylder; innbetalinger og kreditnotaer står som kredit.',
    ],
    y,
    { size: 9 },
  );
  const rows: TableRow[] = [
    { cells: [formatDate(d.from), '', 'Inngående saldo', '', '', '', kr(d.openingBalance)], bold: true },
    ...d.lines.map(
      (l): TableRow => ({
        cells: [
          formatDate(l.date),
          l.voucherNumber,
          text(l),
          l.dueDate ? formatDate(l.dueDate) : '',
          l.amount > 0 ? kr(l.amount) : '',
          l.amount < 0 ? kr(negateOre(l.amount)) : '',
          kr(l.balance),
        ],
      }),
    ),
    {
      cells: [formatDate(d.to), '', 'Utgående saldo', '', '', '', kr(d.closingBalance)],
      bold: true,
      ruleAbove: true,
    },
  ];
  y = table(doc, COLUMNS, rows, y + 10);
  y = ensureSpace(doc, y + 14, 30);
  paragraph(
    doc,
    [
      d.closingBalance > 0
        ? { text: `Saldo i vår favør ${formatDate(d.to)}: ${kr(d.closingBalance)}.`, bold: true }
        : d.closingBalance < 0
          ? { text: `Til gode hos oss ${formatDate(d.to)}: ${kr(negateOre(d.closingBalance))}.`, bold: true }
          : { text: `Kontoen er i balanse ${formatDate(d.to)}.`, bold: true },
    ],
    y,
  );
  footers(doc, d.creditor, 'Kontoutskrift');
}

/** The statement as a PDF file (A4, the bytes a function of the data). */
export function renderStatementPdf(data: StatementPdfData): Promise<Buffer> {
  const doc = createDocument({
    title: `Kontoutskrift ${data.customer.name} ${formatDate(data.from)}–${formatDate(data.to)}`,
    author: data.creditor.name,
    subject: 'Kontoutskrift',
    date: data.printedOn,
  });
  return renderToBuffer(doc, (d) => drawStatement(d, data));
}
