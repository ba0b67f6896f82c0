/**
 * The exports over HTTP on both backends: every working list as CSV (UTF-8 with BOM, `;`, decimal
 * comma) and XLSX, read back and compared row by row with the list's own JSON pages; a text that
 * a spreadsheet would run as a formula stays text; and the SAF-T download (its line count header,
 * the file valid against the XSD, a bad period answered as problem+json before any byte).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction.js';
import { createCustomer } from '../../src/sales/customer.service.js';
import { createInvoice } from '../../src/sales/invoice.service.js';
import { DEMO_ORGANIZATION_NUMBER, DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { formatDecimal, type Ore, ore } from '../../src/shared/money.js';
import { findCompanyByOrganizationNumber } from '../../src/tenancy/company.service.js';
import { BACKENDS } from '../support/db.js';
import { ApiClient, type ApiResponse, getBinary, TEST_TODAY, useTestApp } from '../support/http.js';
import { parseSaft, validateSaft, xmllintAvailable } from '../support/saft-file.js';

const TIMEOUT = 240_000;
const hasXmllint = xmllintAvailable();
const dir = mkdtempSync(join(tmpdir(), 'innfri-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csvOf = (bytes: Uint8Array) => {
  expect([...bytes.slice(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
  return parse(Buffer.from(bytes), { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
};
async function xlsxOf(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(BACKENDS)('exports on %s', (backend) => {
  const ctx = useTestApp(backend);
  const client = () => new ApiClient(ctx.app);
  let api: ApiClient;
  let companyId: string;

  beforeAll(async () => {
    await seedDemo(ctx.db, { onlyIfEmpty: false, invoiceCount: 60, today: TEST_TODAY });
    companyId = (await findCompanyByOrganizationNumber(ctx.db, DEMO_ORGANIZATION_NUMBER))!.id;
    // A customer whose name a spreadsheet would run as a formula, with an overdue invoice.
    await inTransaction(ctx.db, async (trx) => {
      const c = await createCustomer(trx, companyId, { type: 'company', name: '=HYPERLINK("http://x";"y")' });
      await createInvoice(
        trx,
        companyId,
        {
          customerId: c.id,
          issueDate: '2026-09-01',
          dueDate: '2026-09-15',
          lines: [{ description: 'a;b "c"', quantity: 1, unitPrice: ore(123456), vatRate: 25 }],
        },
        null,
      );
    });
    api = client();
    expect((await api.login('regnskap@demo.innfri.no', DEMO_PASSWORD)).status).toBe(200);
  }, TIMEOUT);

  /** Every row of a list through its JSON pages. */
  async function allRows(path: string): Promise<any[]> {
    const rows: any[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: ApiResponse = await api.get(
        `${path}${sep}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      rows.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return rows;
  }

  const lists: Array<{ list: string; path: string; exportPath: string; key: (r: any) => string; keyColumn: number }> = [
    {
      list: 'reminder list',
      path: '/companies/{c}/reminder-list',
      exportPath: '/companies/{c}/reminder-list/export',
      key: (r) => String(r.invoiceNumber),
      keyColumn: 0,
    },
    {
      list: 'draft list',
      path: '/companies/{c}/handovers?list=draft',
      exportPath: '/companies/{c}/handovers/export?list=draft',
      key: (r) => String(r.invoiceNumber),
      keyColumn: 0,
    },
    {
      list: 'approved list',
      path: '/companies/{c}/handovers?list=approved',
      exportPath: '/companies/{c}/handovers/export?list=approved',
      key: (r) => String(r.invoiceNumber),
      keyColumn: 0,
    },
    {
      list: 'open cases',
      path: '/companies/{c}/cases?state=open',
      exportPath: '/companies/{c}/cases/export?state=open',
      key: (r) => r.caseNumber,
      keyColumn: 0,
    },
    {
      list: 'archived cases',
      path: '/companies/{c}/cases?state=archived',
      exportPath: '/companies/{c}/cases/export?state=archived',
      key: (r) => r.caseNumber,
      keyColumn: 0,
    },
    {
      list: 'open items',
      path: '/companies/{c}/open-items',
      exportPath: '/companies/{c}/open-items/export',
      key: (r) => r.voucherNumber,
      keyColumn: 0,
    },
    {
      list: 'payments',
      path: '/companies/{c}/payments',
      exportPath: '/companies/{c}/payments/export',
      key: (r) => `${r.paymentDate}/${formatDecimal(r.amount as Ore, ',')}`,
      keyColumn: -1,
    },
    {
      list: 'settlements',
      path: '/companies/{c}/settlements',
      exportPath: '/companies/{c}/settlements/export',
      key: (r) => r.reference,
      keyColumn: 1,
    },
  ];

  it.each(lists)(
    'the $list as CSV and XLSX: the same rows as the list, in its order',
    async ({ path, exportPath, key, keyColumn }) => {
      const json = await allRows(path.replace('{c}', companyId));
      const url = exportPath.replace('{c}', companyId);
      const sep = url.includes('?') ? '&' : '?';

      const csv = await getBinary(api, `${url}${sep}format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
      const [header, ...rows] = csvOf(csv.bytes);
      expect(header!.length).toBeGreaterThan(3);
      expect(rows).toHaveLength(json.length);
      const keyOf = (row: string[]) => (keyColumn >= 0 ? row[keyColumn]! : `${row[0]}/${row[5]}`);
      expect(rows.map(keyOf)).toEqual(json.map(key));

      const xlsx = await getBinary(api, `${url}${sep}format=xlsx&lang=en`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const sheet = await xlsxOf(xlsx.bytes);
      expect(sheet).toHaveLength(json.length + 1);
      expect(sheet[0]!.length).toBe(header!.length);
    },
    TIMEOUT,
  );

  it('open items: amounts with a decimal comma in CSV and as numbers in XLSX; formulas stay text', async () => {
    const json = await allRows(`/companies/${companyId}/open-items`);
    const csv = csvOf((await getBinary(api, `/companies/${companyId}/open-items/export`)).bytes);
    expect(csv[0]).toEqual([
      'Bilag',
      'Dato',
      'Forfallsdato',
      'Kundenr',
      'Kunde',
      'Konto',
      'Bilagsart',
      'Tekst',
      'Fakturanr',
      'KID',
      'Beløp',
      'Åpent beløp',
    ]);
    for (const [i, row] of csv.slice(1).entries()) {
      expect(row[10]).toBe(formatDecimal(json[i].amount, ','));
      expect(row[11]).toBe(formatDecimal(json[i].openAmount, ','));
      expect(row[11]).toMatch(/^-?\d+,\d{2}$/);
    }
    const hostile = csv.find((r) => r[4]!.includes('HYPERLINK'))!;
    expect(hostile[4]).toBe(`'=HYPERLINK("http://x";"y")`);
    expect(hostile[10]).toBe('1543,20');

    const sheet = await xlsxOf((await getBinary(api, `/companies/${companyId}/open-items/export?format=xlsx`)).bytes);
    const row = sheet.find((r) => String(r[4]).includes('HYPERLINK'))!;
    expect(row[4]).toBe('=HYPERLINK("http://x";"y")'); // a string cell, never a formula
    expect(row[10]).toBe(1543.2);
    expect(row[1]).toBeInstanceOf(Date);
  });

  it('refuses a bad format as problem+json', async () => {
    const res = await api.get(`/companies/${companyId}/payments/export?format=pdf`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it(
    'SAF-T: a streamed download with its line count, valid against the XSD; a bad period is 422',
    async () => {
      const res = await getBinary(api, `/companies/${companyId}/saf-t?from=2026-01-01&to=2026-12-31`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="SAF-T Financial_${DEMO_ORGANIZATION_NUMBER}_\\d{14}_1_1\\.xml"$`),
      );
      const file = join(dir, `${backend}.xml`);
      writeFileSync(file, res.bytes);
      if (hasXmllint) expect(validateSaft(file).ok).toBe(true);
      const parsed = await parseSaft(file);
      expect(parsed.transactions.reduce((n, t) => n + t.lines.length, 0)).toBe(Number(res.headers.get('x-saft-lines')));
      expect(parsed.header.UserID).toBe('regnskap@demo.innfri.no');

      const bad = await api.get(`/companies/${companyId}/saf-t?from=2026-12-31&to=2026-01-01`);
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'validation_failed', reason: 'invalid_period' });
      const other = await client().get(`/companies/${companyId}/saf-t?from=2026-01-01&to=2026-12-31`);
      expect(other.status).toBe(401);
    },
    TIMEOUT,
  );
});
