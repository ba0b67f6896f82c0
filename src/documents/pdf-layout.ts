/**
 * Drawing primitives shared by the invoice and the letters: one A4 grid, one letterhead, one
 * table, one payment box and one footer, so every document Innfri sends looks alike.
 *
 * Coordinates are PDF points from the top-left corner (pdfkit's convention). Single-line text
 * is placed with {@link textLine}, which never wraps and never adds a page; only paragraphs and
 * wrapped table cells go through pdfkit's line wrapper.
 */
import PDFDocument from 'pdfkit';
import type { CreditorInfo, PartyAddress } from './parties.js';
import { formatBankAccount, formatOrganizationNumber, isoDateToUtcMs, toWinAnsi } from './pdf-format.js';

export type Doc = PDFKit.PDFDocument;

/** A4 in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const LEFT = 50;
export const RIGHT = PAGE_WIDTH - 50;
export const CONTENT_WIDTH = RIGHT - LEFT;
export const TOP = 45;
/** Lowest y body content may reach; the footer lives below it. */
export const BODY_BOTTOM = PAGE_HEIGHT - 76;

export const COLOR = {
  text: '#1b1f24',
  muted: '#5f6670',
  rule: '#c9ced6',
  faintRule: '#e3e6ea',
  accent: '#1f3a5f',
  fill: '#eef1f5',
} as const;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: string;
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  /** ISO date the document is dated; becomes the PDF CreationDate so output is reproducible. */
  date: string;
}

/**
 * A new A4 document. Pages are buffered so the footer («Side 1 av 2») can be drawn once the
 * page count is known. The info dictionary (and with it pdfkit's file ID, a hash of the info)
 * depends only on `meta`, which makes the bytes a pure function of the input.
 */
export function createDocument(meta: DocumentMeta): Doc {
  const date = new Date(isoDateToUtcMs(meta.date));
  return new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: PAGE_HEIGHT - BODY_BOTTOM, left: LEFT, right: PAGE_WIDTH - RIGHT },
    bufferPages: true,
    lang: 'nb-NO',
    displayTitle: true,
    info: {
      Title: toWinAnsi(meta.title),
      Author: toWinAnsi(meta.author),
      Subject: toWinAnsi(meta.subject),
      Creator: 'Innfri',
      Producer: 'Innfri (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
    font: FONT.regular,
  });
}

/** Runs `draw` on `doc`, finishes it and resolves with the complete file. */
export function renderToBuffer(doc: Doc, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function applyStyle(doc: Doc, style: TextStyle): void {
  doc
    .font(style.bold ? FONT.bold : FONT.regular)
    .fontSize(style.size ?? 9.5)
    .fillColor(style.color ?? COLOR.text);
}

/** Shortens `text` with an ellipsis until it fits `maxWidth` in the current font. */
function fitWidth(doc: Doc, text: string, maxWidth: number): string {
  if (doc.widthOfString(text) <= maxWidth) return text;
  let s = text;
  while (s.length > 1 && doc.widthOfString(`${s}…`) > maxWidth) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/**
 * One line of text at (x, y) = its top-left, or its top-right when `align` is `right`.
 * Never wraps. Too wide for `maxWidth`, it first shrinks down to `minSize` (names and numbers
 * should stay whole), then is shortened with an ellipsis.
 * @returns the width drawn.
 */
export function textLine(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  style: TextStyle & { align?: 'left' | 'right'; maxWidth?: number; minSize?: number } = {},
): number {
  let size = style.size ?? 9.5;
  applyStyle(doc, { ...style, size });
  let s = toWinAnsi(text).replace(/\n/g, ' ');
  if (style.maxWidth !== undefined) {
    const minSize = style.minSize ?? size;
    while (size > minSize && doc.widthOfString(s) > style.maxWidth) {
      size = Math.max(minSize, size - 0.5);
      doc.fontSize(size);
    }
    s = fitWidth(doc, s, style.maxWidth);
  }
  const w = doc.widthOfString(s);
  doc.text(s, style.align === 'right' ? x - w : x, y, { lineBreak: false });
  return w;
}

/**
 * Text wrapped to `width`, at most `maxLines` lines (the last one ends in an ellipsis if cut).
 * For names: better on two lines than cut off.
 * @returns the y just below it.
 */
export function wrappedText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle & { maxLines: number },
): number {
  applyStyle(doc, style);
  const s = toWinAnsi(text).replace(/\n/g, ' ');
  const lineHeight = doc.currentLineHeight(true) + 1;
  doc.text(s, x, y, { width, height: lineHeight * style.maxLines, ellipsis: true, lineGap: 1 });
  return doc.y;
}

export type Run = string | { text: string; bold: boolean };

const NBSP = '\u00a0';

/**
 * Joins with no-break spaces what must not be split over two lines in running text: amounts
 * (`kr 1 234,50`), `§ 9` and `12,00 %`. WinAnsi has U+00A0, and pdfkit's line breaker honours it.
 */
export function keepTogether(text: string): string {
  return text
    .replace(/-?kr \d{1,3}(?: \d{3})*,\d{2}/g, (m) => m.replace(/ /g, NBSP))
    .replace(/§ (?=\d)/g, `§${NBSP}`)
    .replace(/(\d) %/g, `$1${NBSP}%`);
}

/**
 * A wrapped paragraph made of runs, some of them bold. pdfkit continues a page of its own
 * accord if the paragraph runs past {@link BODY_BOTTOM}.
 * @returns the y just below the paragraph.
 */
export function paragraph(
  doc: Doc,
  runs: Run[],
  y: number,
  style: TextStyle & { x?: number; width?: number } = {},
): number {
  const x = style.x ?? LEFT;
  const width = style.width ?? RIGHT - x;
  const parts = runs
    .map((r) => (typeof r === 'string' ? { text: r, bold: style.bold ?? false } : r))
    .filter((r) => r.text.length > 0);
  parts.forEach((part, i) => {
    applyStyle(doc, { ...style, bold: part.bold });
    const options = { width, continued: i < parts.length - 1, lineGap: 2 };
    const text = keepTogether(toWinAnsi(part.text));
    if (i === 0) doc.text(text, x, y, options);
    else doc.text(text, options);
  });
  return doc.y;
}

/** Starts a new page when `needed` points do not fit below `y`. @returns the y to draw at. */
export function ensureSpace(doc: Doc, y: number, needed: number): number {
  if (y + needed <= BODY_BOTTOM) return y;
  doc.addPage();
  return TOP;
}

export function hRule(doc: Doc, y: number, x1 = LEFT, x2 = RIGHT, color: string = COLOR.rule, width = 0.6): void {
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
}

/** `0150 Oslo`, or whatever part of it is known. */
export function postalLine(p: PartyAddress): string | null {
  const s = [p.postalCode, p.city].filter((v) => v != null && v.trim() !== '').join(' ');
  return s === '' ? null : s;
}

/** `Org.nr. 926 051 377 MVA`: the seller's line required on Norwegian invoices. */
export function creditorOrgLine(c: CreditorInfo): string | null {
  if (c.organizationNumber == null || c.organizationNumber.trim() === '') return null;
  return `Org.nr. ${formatOrganizationNumber(c.organizationNumber)}${c.vatRegistered ? ' MVA' : ''}`;
}

/**
 * The top of the first page: the creditor (sender) at the left, the document title and its
 * key facts at the right, and the recipient's address where a window envelope shows it.
 * @returns the y below all of it.
 */
export function letterhead(
  doc: Doc,
  creditor: CreditorInfo,
  recipient: PartyAddress,
  title: string,
  facts: Array<[label: string, value: string]>,
): number {
  const leftWidth = 260;
  let y = TOP;
  applyStyle(doc, { bold: true, size: 15 });
  if (doc.widthOfString(toWinAnsi(creditor.name)) <= leftWidth) {
    textLine(doc, creditor.name, LEFT, y, { bold: true, size: 15, color: COLOR.accent });
    y += 21;
  } else {
    y =
      wrappedText(doc, creditor.name, LEFT, y, leftWidth, { bold: true, size: 12, color: COLOR.accent, maxLines: 2 }) +
      5;
  }
  const org = creditorOrgLine(creditor);
  const senderLines = [
    creditor.addressLine,
    postalLine(creditor),
    org,
    org === null ? null : 'Foretaksregisteret',
    creditor.email ?? null,
  ].filter((l): l is string => l != null && l.trim() !== '');
  for (const l of senderLines) {
    textLine(doc, l, LEFT, y, { size: 8.5, minSize: 7, color: COLOR.muted, maxWidth: leftWidth });
    y += 11.5;
  }

  const factsLeft = 340;
  textLine(doc, title, RIGHT, TOP - 3, { bold: true, size: 22, color: COLOR.accent, align: 'right' });
  let fy = TOP + 36;
  for (const [label, value] of facts) {
    textLine(doc, label, factsLeft, fy, { size: 9, color: COLOR.muted });
    textLine(doc, value, RIGHT, fy, {
      size: 9,
      minSize: 7,
      bold: true,
      align: 'right',
      maxWidth: RIGHT - factsLeft - 80,
    });
    fy += 14;
  }

  // A Norwegian C5/E5 window envelope shows the address about 45 mm from the top edge.
  let ry = Math.max(y + 18, 140);
  ry = wrappedText(doc, recipient.name, LEFT, ry, leftWidth, { bold: true, size: 10.5, maxLines: 2 }) + 1.5;
  const recipientOrg =
    recipient.organizationNumber != null && recipient.organizationNumber.trim() !== ''
      ? `Org.nr. ${formatOrganizationNumber(recipient.organizationNumber)}`
      : null;
  for (const l of [recipient.addressLine, postalLine(recipient), recipientOrg]) {
    if (l == null || l.trim() === '') continue;
    textLine(doc, l, LEFT, ry, { size: 10, minSize: 8, maxWidth: leftWidth });
    ry += 13;
  }
  return Math.max(ry, fy) + 28;
}

export interface Column {
  header: string;
  width: number;
  align: 'left' | 'right';
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
  /** Draws a stronger rule above the row (a total line). */
  ruleAbove?: boolean;
}

const CELL_PAD_X = 6;
const CELL_PAD_Y = 5;

function tableHeader(doc: Doc, columns: Column[], x: number, y: number): number {
  const width = columns.reduce((s, c) => s + c.width, 0);
  const h = 19;
  doc.save().rect(x, y, width, h).fill(COLOR.fill).restore();
  let cx = x;
  for (const c of columns) {
    const tx = c.align === 'right' ? cx + c.width - CELL_PAD_X : cx + CELL_PAD_X;
    textLine(doc, c.header, tx, y + 6, {
      bold: true,
      size: 8,
      color: COLOR.muted,
      align: c.align,
      maxWidth: c.width - 2 * CELL_PAD_X,
    });
    cx += c.width;
  }
  return y + h;
}

/**
 * A table with a shaded header. Left-aligned cells wrap; right-aligned cells (amounts) stay on
 * one line. Rows that do not fit continue on a new page under a repeated header.
 * @returns the y below the last row.
 */
export function table(doc: Doc, columns: Column[], rows: TableRow[], y: number, x = LEFT): number {
  const width = columns.reduce((s, c) => s + c.width, 0);
  let cy = ensureSpace(doc, y, 19 + 22);
  cy = tableHeader(doc, columns, x, cy);
  for (const row of rows) {
    const size = 9.5;
    applyStyle(doc, { bold: row.bold ?? false, size });
    const heights = row.cells.map((cell, i) => {
      const col = columns[i];
      if (col === undefined || col.align === 'right') return size * 1.2;
      return doc.heightOfString(toWinAnsi(cell), { width: col.width - 2 * CELL_PAD_X, lineGap: 1 });
    });
    const rowHeight = Math.max(...heights) + 2 * CELL_PAD_Y;
    if (cy + rowHeight > BODY_BOTTOM) {
      doc.addPage();
      cy = tableHeader(doc, columns, x, TOP);
    }
    if (row.ruleAbove) hRule(doc, cy, x, x + width, COLOR.text, 0.8);
    let cx = x;
    row.cells.forEach((cell, i) => {
      const col = columns[i];
      if (col === undefined) return;
      const style = { bold: row.bold ?? false, size };
      if (col.align === 'right') {
        textLine(doc, cell, cx + col.width - CELL_PAD_X, cy + CELL_PAD_Y, { ...style, align: 'right' });
      } else {
        applyStyle(doc, style);
        doc.text(toWinAnsi(cell), cx + CELL_PAD_X, cy + CELL_PAD_Y, { width: col.width - 2 * CELL_PAD_X, lineGap: 1 });
      }
      cx += col.width;
    });
    cy += rowHeight;
    if (!row.ruleAbove) hRule(doc, cy, x, x + width, COLOR.faintRule, 0.5);
  }
  return cy;
}

/** Label/amount pairs right-aligned in a block, as under an invoice's line table. */
export function summaryRows(
  doc: Doc,
  rows: Array<{ label: string; value: string; bold?: boolean; ruleAbove?: boolean }>,
  y: number,
  x: number,
  right = RIGHT,
): number {
  let cy = y;
  for (const r of rows) {
    if (r.ruleAbove) {
      hRule(doc, cy, x, right, COLOR.text, 0.8);
      cy += 5;
    }
    const size = r.bold ? 11 : 9.5;
    textLine(doc, r.label, x + CELL_PAD_X, cy, { bold: r.bold ?? false, size });
    textLine(doc, r.value, right - CELL_PAD_X, cy, { bold: r.bold ?? false, size, align: 'right' });
    cy += size + 7;
  }
  return cy;
}

export const PAYMENT_BOX_HEIGHT = 64;

/**
 * The payment instructions, at the foot of the last page where people look for them: account,
 * KID, date and amount, each label directly before its value (so copied text reads
 * «Betales til konto 1503.27.46184»).
 */
export function paymentBox(doc: Doc, y: number, items: Array<{ label: string; value: string; width: number }>): void {
  let top = BODY_BOTTOM - PAYMENT_BOX_HEIGHT;
  if (y > top - 12) {
    doc.addPage();
    top = BODY_BOTTOM - PAYMENT_BOX_HEIGHT;
  }
  doc.save().rect(LEFT, top, CONTENT_WIDTH, PAYMENT_BOX_HEIGHT).fill(COLOR.fill).restore();
  doc.save().rect(LEFT, top, CONTENT_WIDTH, 2.5).fill(COLOR.accent).restore();
  textLine(doc, 'Betalingsinformasjon', LEFT + 12, top + 11, { bold: true, size: 8.5, color: COLOR.accent });
  let x = LEFT + 12;
  const last = items.length - 1;
  items.forEach((item, i) => {
    const right = i === last;
    const ax = right ? RIGHT - 12 : x;
    textLine(doc, item.label, ax, top + 27, { size: 8, color: COLOR.muted, align: right ? 'right' : 'left' });
    // A 25-digit KID is wide: shrink rather than cut a number someone has to type.
    textLine(doc, item.value, ax, top + 39, {
      bold: true,
      size: 12,
      minSize: 7,
      maxWidth: item.width - 8,
      align: right ? 'right' : 'left',
    });
    x += item.width;
  });
}

/**
 * Sender details at the foot of every page and, when there is more than one page,
 * «Faktura 1017 · side 2 av 3» beneath them. Call after all content is drawn.
 */
export function footers(doc: Doc, creditor: CreditorInfo, documentLabel: string): void {
  const line1 = [
    creditor.name,
    [creditor.addressLine, postalLine(creditor)].filter((p) => p != null && p.trim() !== '').join(', '),
  ].filter((p) => p.trim() !== '');
  const line2 = [
    creditorOrgLine(creditor),
    `Konto ${formatBankAccount(creditor.bankAccount)}`,
    creditor.email ?? null,
  ].filter((p): p is string => p != null && p.trim() !== '');
  const range = doc.bufferedPageRange();
  const style = { size: 7.5, color: COLOR.muted };
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE_HEIGHT - 54;
    hRule(doc, y - 8, LEFT, RIGHT, COLOR.rule, 0.5);
    let labelWidth = 0;
    if (range.count > 1) {
      const label = `${documentLabel}  ·  side ${i - range.start + 1} av ${range.count}`;
      labelWidth = textLine(doc, label, RIGHT, y, { ...style, align: 'right' }) + 16;
    }
    textLine(doc, line1.join('  ·  '), LEFT, y, { ...style, maxWidth: CONTENT_WIDTH - labelWidth });
    textLine(doc, line2.join('  ·  '), LEFT, y + 10.5, { ...style, maxWidth: CONTENT_WIDTH });
  }
}
