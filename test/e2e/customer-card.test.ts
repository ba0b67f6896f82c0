/**
 * Issue 18 (the accountant's day), over HTTP on both backends:
 * - the customer card's reads: a customer's cases (`/cases?customerId=`), letters with their e-mail
 *   delivery (`/customers/{id}/letters`, paged), payments (`/payments?customerId=`) — only that
 *   customer's rows, another company's customer 404, a viewer may read them;
 * - the exports honour the list's search (`q`): the CSV and the XLSX hold exactly the rows the list
 *   answers for the same search;
 * - the bank lists (an import's entries, the unmatched queue) searched by amount, KID, name,
 *   reference and free text.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { camtDocument } from '../../src/bank/bank-file.fixtures.js';
import { createCase } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { putMailSettings } from '../../src/mail/mail.service.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/tenancy/session.middleware.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeUser } from '../support/fixtures.js';
import { ApiClient, getBinary, TEST_TODAY, useTestApp } from '../support/http.js';

const actor = { type: 'user' as const, id: null };

const csvOf = (bytes: Uint8Array) =>
  parse(Buffer.from(bytes), { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
async function xlsxOf(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(BACKENDS)('the customer card, searched exports and bank search on %s', (backend) => {
  const ctx = useTestApp(backend);

  /**
   * Two customers. Alfa: three overdue invoices (one part paid, two with reminders — one e-mailed
   * and refused by the server, one e-mailed and still queued), one in case INK-1; Bergen: one
   * invoice in case INK-2, a payment. A second company with its own customer.
   */
  async function world() {
    const company = await makeCompany(ctx.db, { sendsOwnCollectionNotice: false });
    const accountant = await makeUser(ctx.db, company.id, 'accountant');
    const viewer = await makeUser(ctx.db, company.id, 'viewer');
    const client = new ApiClient(ctx.app);
    expect((await client.login(accountant.email, accountant.password)).status).toBe(200);
    const base = `/companies/${company.id}`;
    const call = async (method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, status = 201) => {
      const res = await client.request(method, `${base}${path}`, body);
      expect(res.status, `${method} ${path} → ${JSON.stringify(res.body)}`).toBe(status);
      return res.body;
    };
    const { agency } = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Kort Inkasso AS' }),
    );
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const alfa = await call('POST', '/customers', { type: 'company', name: 'Alfa Regnskap AS', email: 'post@alfa.no' });
    const bergen = await call('POST', '/customers', { type: 'company', name: 'Bergen Bakeri AS' });
    const invoice = (customerId: string, net: number) =>
      call('POST', '/invoices', {
        customerId,
        issueDate: '2026-08-01',
        dueDate: '2026-08-15',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: net, vatRate: 25 }],
      });
    const a1 = await invoice(alfa.id, 100_000); // kr 1 250,00
    const a2 = await invoice(alfa.id, 200_000); // kr 2 500,00
    const a3 = await invoice(alfa.id, 300_000); // kr 3 750,00
    const b1 = await invoice(bergen.id, 400_000); // kr 5 000,00
    const payA = await call('POST', '/payments', {
      kid: a1.kid,
      amount: 25_000,
      paymentDate: '2026-10-01',
      reference: 'Alfa nettbank',
    });
    const payB = await call('POST', '/payments', {
      kid: b1.kid,
      amount: 10_000,
      paymentDate: '2026-10-02',
      reference: 'Bergen',
    });
    const l1 = await call('POST', `/invoices/${a1.id}/letters`, { type: 'reminder', sendDate: '2026-10-05' });
    const l2 = await call('POST', `/invoices/${a2.id}/letters`, { type: 'reminder', sendDate: '2026-10-06' });
    const l3 = await call('POST', `/invoices/${a3.id}/letters`, { type: 'reminder', sendDate: '2026-10-07' });
    await inTransaction(ctx.db, (trx) =>
      putMailSettings(
        trx,
        company.id,
        { host: '127.0.0.1', port: 2525, tlsMode: 'none', fromAddress: 'purring@firma.no', fromName: 'Firma AS' },
        null,
      ),
    );
    const refused = await call('POST', `/letters/${l1.id}/email`, {}, 202);
    await call('POST', `/letters/${l2.id}/email`, {}, 202);
    // What the outbox worker records when the server answers 550 (mail.worker.ts; its own test sends for real).
    await ctx.db
      .updateTable('mail_messages')
      .set({
        status: 'failed',
        failure: 'rejected',
        attempts: 1,
        last_code: 550,
        last_response: '550 5.1.1 mailbox unknown',
        finished_at: new Date(),
      })
      .where('id', '=', refused.id)
      .execute();
    await inTransaction(ctx.db, async (trx) => {
      for (const [inv, caseNumber] of [
        [a3, 'INK-1'],
        [b1, 'INK-2'],
      ] as const) {
        const draft = await sendToCollection(trx, company.id, inv.id, { today: TEST_TODAY }, actor);
        await approveHandover(trx, company.id, draft.id, actor);
        await createCase(trx, agency.id, company.id, { caseNumber, invoiceIds: [inv.id] });
      }
    });
    const other = await makeCompany(ctx.db);
    const otherAccountant = await makeUser(ctx.db, other.id, 'accountant');
    const otherClient = new ApiClient(ctx.app);
    await otherClient.login(otherAccountant.email, otherAccountant.password);
    const stranger = (
      await otherClient.post(`/companies/${other.id}/customers`, { type: 'company', name: 'Fremmed AS' })
    ).body;
    return {
      company,
      base,
      client,
      viewer,
      alfa,
      bergen,
      invoices: { a1, a2, a3, b1 },
      letters: { l1, l2, l3 },
      payA,
      payB,
      stranger,
    };
  }

  it("reads one customer's cases, letters with their e-mail delivery, and payments; another company's customer is 404; a viewer reads them", async () => {
    const w = await world();
    const { a1, a2, a3 } = w.invoices;
    const get = async (client: ApiClient, path: string) => {
      const res = await client.get(`${w.base}${path}`);
      expect(res.status, `GET ${path} → ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    };

    const cases = (await get(w.client, `/cases?customerId=${w.alfa.id}`)).data;
    expect(cases.map((k: any) => [k.caseNumber, k.customer.id, k.invoices.map((i: any) => i.invoiceNumber)])).toEqual([
      ['INK-1', w.alfa.id, [a3.invoiceNumber]],
    ]);
    expect(
      (await get(w.client, `/cases?customerId=${w.bergen.id}&state=open`)).data.map((k: any) => k.caseNumber),
    ).toEqual(['INK-2']);
    expect((await get(w.client, `/cases?customerId=${w.bergen.id}&state=archived`)).data).toEqual([]);
    // The search within one customer: by case number, by an invoice, by the customer itself.
    expect((await get(w.client, `/cases?customerId=${w.alfa.id}&q=ink-1`)).data.map((k: any) => k.caseNumber)).toEqual([
      'INK-1',
    ]);
    expect((await get(w.client, `/cases?customerId=${w.alfa.id}&q=INK-2`)).data).toEqual([]);
    expect((await get(w.client, `/cases?customerId=${w.alfa.id}&q=${a3.invoiceNumber}`)).data).toHaveLength(1);
    expect((await get(w.client, `/cases?customerId=${w.alfa.id}&q=alfa`)).data).toHaveLength(1);

    // Letters, newest first, a page at a time, with what became of their e-mail.
    const page1 = await get(w.client, `/customers/${w.alfa.id}/letters?limit=2`);
    expect(page1.data.map((l: any) => [l.invoiceNumber, l.sentDate, l.type, l.sequence])).toEqual([
      [a3.invoiceNumber, '2026-10-07', 'reminder', 1],
      [a2.invoiceNumber, '2026-10-06', 'reminder', 1],
    ]);
    expect(page1.data[0].email).toBeNull();
    expect(page1.data[1].email).toMatchObject({ to: 'post@alfa.no', status: 'queued', failure: null });
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await get(w.client, `/customers/${w.alfa.id}/letters?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.nextCursor).toBeNull();
    expect(page2.data).toHaveLength(1);
    expect(page2.data[0]).toMatchObject({
      id: w.letters.l1.id,
      invoiceId: a1.id,
      invoiceNumber: a1.invoiceNumber,
      sentDate: '2026-10-05',
      email: { status: 'failed', failure: 'rejected', lastCode: 550, lastResponse: '550 5.1.1 mailbox unknown' },
    });
    expect(typeof page2.data[0].feeAmount).toBe('number');
    expect((await get(w.client, `/customers/${w.bergen.id}/letters`)).data).toEqual([]);

    const payments = (await get(w.client, `/payments?customerId=${w.alfa.id}`)).data;
    expect(payments.map((p: any) => [p.id, p.amount, p.invoiceNumber])).toEqual([
      [w.payA.id, 25_000, a1.invoiceNumber],
    ]);

    // Another company's customer: 404 on each, nothing of theirs answered.
    for (const path of [
      `/customers/${w.stranger.id}/letters`,
      `/cases?customerId=${w.stranger.id}`,
      `/payments?customerId=${w.stranger.id}`,
      `/customers/${w.stranger.id}`,
    ]) {
      const res = await w.client.get(`${w.base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body.type ?? res.body.title, path).toBeTruthy();
    }

    // A viewer reads the card's lists as the accountant does.
    const viewing = new ApiClient(ctx.app);
    await viewing.login(w.viewer.email, w.viewer.password);
    expect((await get(viewing, `/customers/${w.alfa.id}/letters`)).data).toHaveLength(3);
    expect((await get(viewing, `/cases?customerId=${w.alfa.id}`)).data).toHaveLength(1);
  });

  it('exports exactly the searched rows (CSV and XLSX), as the list answers them', async () => {
    const w = await world();
    const { a1, a2 } = w.invoices;
    const check = async (
      list: string,
      exportPath: string,
      search: string,
      key: (row: any) => string,
      csvColumn: string,
      narrows = true,
    ) => {
      const listed = (
        await w.client.get(`${w.base}${list}${list.includes('?') ? '&' : '?'}q=${encodeURIComponent(search)}&limit=200`)
      ).body.data;
      const expected = listed.map(key).sort();
      expect(expected.length, `${list} q=${search} finds something`).toBeGreaterThan(0);
      const sep = exportPath.includes('?') ? '&' : '?';
      const csv = await getBinary(w.client, `${w.base}${exportPath}${sep}format=csv&q=${encodeURIComponent(search)}`);
      expect(csv.status).toBe(200);
      const [head, ...rows] = csvOf(csv.bytes);
      const at = head!.indexOf(csvColumn);
      expect(at, csvColumn).toBeGreaterThanOrEqual(0);
      expect(rows.map((r) => r[at]!).sort(), `${exportPath} CSV q=${search}`).toEqual(expected);
      const xlsx = await getBinary(w.client, `${w.base}${exportPath}${sep}format=xlsx&q=${encodeURIComponent(search)}`);
      expect(xlsx.status).toBe(200);
      const [xhead, ...xrows] = await xlsxOf(xlsx.bytes);
      const xat = (xhead as string[]).indexOf(csvColumn);
      expect(xrows.map((r) => String(r[xat])).sort(), `${exportPath} XLSX q=${search}`).toEqual(expected);
      // Without the search the file holds more: the search did the narrowing.
      const whole = csvOf((await getBinary(w.client, `${w.base}${exportPath}${sep}format=csv`)).bytes);
      if (narrows) expect(whole.length - 1, `${exportPath} without q`).toBeGreaterThan(rows.length);
    };
    await check(
      '/reminder-list',
      '/reminder-list/export',
      String(a2.invoiceNumber),
      (r) => String(r.invoiceNumber),
      'Fakturanr',
    );
    // Alfa's two are the whole reminder list (a3 and b1 are in cases): the same rows, searched.
    await check('/reminder-list', '/reminder-list/export', 'alfa', (r) => String(r.invoiceNumber), 'Fakturanr', false);
    await check('/payments', '/payments/export', 'bergen', (p) => String(p.invoiceNumber), 'Fakturanr');
    await check('/payments', '/payments/export', a1.kid, (p) => String(p.invoiceNumber), 'Fakturanr');
    await check(
      '/open-items',
      '/open-items/export',
      'bergen',
      (o) => String(o.invoiceNumber ?? o.claimInvoiceNumber),
      'Fakturanr',
    );
    await check('/cases', '/cases/export', 'INK-2', (k) => k.caseNumber, 'Saksnr');
    await check(
      '/handovers?list=in_case',
      '/handovers/export?list=in_case',
      'alfa',
      (h) => String(h.invoiceNumber),
      'Fakturanr',
    );
  });

  it('searches the bank entries and the unmatched queue by amount, KID, name, reference and free text', async () => {
    const w = await world();
    const { a2 } = w.invoices;
    const form = new FormData();
    form.set(
      'file',
      new File(
        [
          camtDocument({
            message: '054',
            version: '08',
            account: w.company.bankAccount,
            entries: [
              {
                ref: 'BANKREF-KID',
                bookingDate: '2026-11-18',
                amount: 50_000,
                kid: a2.kid,
                debtorName: 'Alfa Regnskap AS',
              },
              {
                ref: 'BANKREF-UA',
                bookingDate: '2026-11-18',
                amount: 12_345,
                text: 'Husleie november',
                debtorName: 'Kari Hansen',
              },
              { ref: 'BANKREF-UB', bookingDate: '2026-11-19', amount: 99_900, text: 'Gave', debtorName: 'Per Olsen' },
            ],
          }),
        ],
        'camt.xml',
        { type: 'application/xml' },
      ),
    );
    const h = new Headers({ cookie: `${SESSION_COOKIE}=${w.client.sessionToken}`, [CSRF_HEADER]: w.client.csrfToken! });
    const res = await ctx.app.request(`http://localhost/api/v1${w.base}/bank-imports`, {
      method: 'POST',
      headers: h,
      body: form,
    });
    expect(res.status).toBe(201);
    const imported = (await res.json()) as { id: string };
    const find = async (path: string, search: string) => {
      const r = await w.client.get(`${w.base}${path}?q=${encodeURIComponent(search)}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.data as Array<{ bankReference: string }>).map((e) => e.bankReference).sort();
    };
    const entries = `/bank-imports/${imported.id}/entries`;
    expect(await find(entries, '')).toEqual(['BANKREF-KID', 'BANKREF-UA', 'BANKREF-UB']);
    expect(await find(entries, '123,45')).toEqual(['BANKREF-UA']); // amount as typed
    expect(await find(entries, 'kr 999')).toEqual(['BANKREF-UB']);
    expect(await find(entries, a2.kid)).toEqual(['BANKREF-KID']); // KID
    expect(await find(entries, String(a2.invoiceNumber))).toEqual(['BANKREF-KID']); // the invoice it paid
    expect(await find(entries, 'kari')).toEqual(['BANKREF-UA']); // payer's name
    expect(await find(entries, 'husleie')).toEqual(['BANKREF-UA']); // free text
    expect(await find(entries, 'bankref-ub')).toEqual(['BANKREF-UB']); // reference
    expect(await find(entries, 'ingen slik')).toEqual([]);
    // The queue holds the two unmatched; the search narrows it the same way.
    expect(await find('/bank-entries', '')).toEqual(['BANKREF-UA', 'BANKREF-UB']);
    expect(await find('/bank-entries', 'olsen')).toEqual(['BANKREF-UB']);
    expect(await find('/bank-entries', 'alfa')).toEqual([]); // booked, not in the queue
    expect(await find('/bank-entries', '50%')).toEqual([]); // a pattern character is only a character
  });
});
