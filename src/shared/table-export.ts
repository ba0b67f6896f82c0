/**
 * A working list as a spreadsheet, written as a stream: CSV the way Norwegian Excel opens it
 * (UTF-8 with BOM, `;` between fields, CRLF, decimal comma, no grouping) with csv-stringify, or
 * XLSX with exceljs's streaming workbook writer (numbers as numbers, dates as dates). Rows come in
 * pages from the list's own paged query, and each page is written before the next is read, so
 * memory stays flat however long the list is.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { formatDecimal, type Ore } from './money.js';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLanguage = 'nb' | 'en';

/** One column: its heading in both languages, what kind of value it holds, and how to get it. */
export type Column<R> =
  | { nb: string; en: string; kind: 'text'; value: (row: R) => string | null }
  | { nb: string; en: string; kind: 'integer'; value: (row: R) => number | null }
  | { nb: string; en: string; kind: 'money'; value: (row: R) => Ore | null }
  | { nb: string; en: string; kind: 'date'; value: (row: R) => string | null };

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A text cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) gets
 * a leading apostrophe, so a customer called «=HYPERLINK(…)» stays a name (CSV injection).
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell<R>(column: Column<R>, row: R): string {
  switch (column.kind) {
    case 'money': {
      const v = column.value(row);
      return v === null ? '' : formatDecimal(v, ',');
    }
    case 'integer': {
      const v = column.value(row);
      return v === null ? '' : String(v);
    }
    case 'date':
      return column.value(row) ?? '';
    case 'text':
      return safeText(column.value(row) ?? '');
  }
}

function xlsxCell<R>(column: Column<R>, row: R): string | number | Date | null {
  switch (column.kind) {
    case 'money': {
      const v = column.value(row);
      // Øre to kroner for the cell's value; the file's number format shows two decimals.
      return v === null ? null : v / 100;
    }
    case 'integer':
      return column.value(row);
    case 'date': {
      const v = column.value(row);
      return v === null ? null : new Date(`${v.slice(0, 10)}T00:00:00Z`);
    }
    case 'text':
      return column.value(row);
  }
}

async function writable(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('the output was closed before the list was complete');
  await Promise.race([
    once(out, 'drain'),
    once(out, 'close').then(() => {
      throw new Error('the output was closed before the list was complete');
    }),
  ]);
}

/**
 * Writes the list to `out` and ends it; resolves with the number of rows. `sheet` names the XLSX
 * worksheet (at most 31 characters).
 */
export async function writeTable<R>(
  format: ExportFormat,
  language: ExportLanguage,
  sheet: string,
  columns: ReadonlyArray<Column<R>>,
  pages: AsyncIterable<readonly R[]>,
  out: Writable,
): Promise<number> {
  let count = 0;
  if (format === 'csv') {
    const csv = stringify({ delimiter: ';', bom: true, record_delimiter: 'windows' });
    csv.pipe(out);
    const ended = once(out, 'finish');
    const put = async (record: string[]) => {
      if (!csv.write(record)) await writable(csv);
    };
    await put(columns.map((c) => c[language]));
    for await (const page of pages) {
      for (const row of page) await put(columns.map((c) => csvCell(c, row)));
      count += page.length;
    }
    csv.end();
    await ended;
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(sheet.slice(0, 31));
  worksheet.columns = columns.map((c, i) => ({
    header: c[language],
    key: String(i),
    width: c.kind === 'text' ? 28 : c.kind === 'money' ? 16 : 12,
    ...(c.kind === 'money'
      ? { style: { numFmt: '#,##0.00' } }
      : c.kind === 'date'
        ? { style: { numFmt: 'yyyy-mm-dd' } }
        : {}),
  }));
  const ended = once(out, 'finish');
  for await (const page of pages) {
    for (const row of page) worksheet.addRow(columns.map((c) => xlsxCell(c, row))).commit();
    count += page.length;
    if (out.writableNeedDrain) await writable(out);
  }
  worksheet.commit();
  await workbook.commit();
  await ended;
  return count;
}

/** Every page of a keyset-paged list, one query at a time, until a page says there is no next. */
export async function* allPages<R, C>(
  fetch: (after: C | undefined) => Promise<{ rows: readonly R[]; next: C | null }>,
): AsyncGenerator<readonly R[]> {
  let after: C | undefined;
  for (;;) {
    const { rows, next } = await fetch(after);
    if (rows.length > 0) yield rows;
    if (next === null) return;
    after = next;
  }
}
