/*
 * Issue 13: bad input at the endpoints added last session, over HTTP on both databases. Each
 * refusal is problem+json with a clear detail (a reason code where the UI shows one) and changes
 * nothing: every row of the company's business tables (ledger, payments, handovers, events, audit
 * trail, bank, mail, period lock, idempotency keys) is compared before and after.
 *
 * Endpoints: the bulk handover decisions, the mail settings and a letter's e-mail, the bank
 * import upload and `accept-reversal`, the inbox, the customer statement (JSON and PDF), `?q=` and
 * `?cursor=` on every searchable list, the exports, the period lock, the audit trail and SAF-T.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { camtDocument } from '../../src/bank/bank-file.fixtures.js';
import { importBankFile } from '../../src/bank/bank-import.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/tenancy/session.middleware.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, TEST_TODAY, useTestApp } from '../support/http.js';

/** The tables a refused request must leave as they were, each read whole for the company. */
const TABLES = [
  'vouchers',
  'postings',
  'matches',
  'open_items',
  'payments',
  'handovers',
  'invoice_events',
  'audit_events',
  'dunning_decisions',
  'reminders',
  'bank_imports',
  'bank_entries',
  'bank_entry_decisions',
  'mail_settings',
  'mail_messages',
  'period_locks',
  'cases',
] as const;

const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectProblem(res: ApiResponse, status: number, label: string, code?: string): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(typeof res.body?.detail, label).toBe('string');
  expect(res.body.detail.length, label).toBeGreaterThan(0);
  if (code) expect(res.body.code, label).toBe(code);
}

describe.each(BACKENDS)('bad input on %s', (backend) => {
  const ctx = useTestApp(backend);

  /** Every row of the company's tables and the idempotency keys, as one comparable value. */
  async function state(companyId: string) {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where company_id = ${companyId}`
        .execute(ctx.db)
        .then((r) => r.rows);
      out[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    out.idempotency_keys = (
      await sql<{ n: number }>`select count(*)::int as n from idempotency_keys`.execute(ctx.db)
    ).rows;
    return out;
  }

  /** A company with an active agency, overdue invoices on the draft list, a letter, bank entries and three users. */
  async function world() {
    const company = await makeCompany(ctx.db, { sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: `Byrå ${randomUUID().slice(0, 6)}` }),
    );
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const customer = await makeCustomer(ctx.db, company.id, { name: 'Kunde AS' });
    const invoices = [];
    for (const net of [80_000, 90_000, 100_000])
      invoices.push(
        await makeInvoice(ctx.db, company.id, customer.id, net, { issueDate: '2026-08-01', dueDate: '2026-08-15' }),
      );
    const admin = await makeUser(ctx.db, company.id, 'admin');
    const accountant = await makeUser(ctx.db, company.id, 'accountant');
    const viewer = await makeUser(ctx.db, company.id, 'viewer');
    const login = async (u: { email: string; password: string }) => {
      const client = new ApiClient(ctx.app);
      expect((await client.login(u.email, u.password)).status).toBe(200);
      return client;
    };
    const [asAdmin, asAccountant, asViewer] = [await login(admin), await login(accountant), await login(viewer)];
    const base = `/companies/${company.id}`;
    const drafts: string[] = [];
    for (const inv of invoices.slice(0, 2)) {
      const r = await asAccountant.post(`${base}/invoices/${inv.id}/collection`, {});
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      drafts.push(r.body.id);
    }
    const letter = await asAccountant.post(`${base}/invoices/${invoices[2]!.id}/letters`, { type: 'reminder' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    await importBankFile(
      ctx.db,
      company.id,
      async function* () {
        yield new TextEncoder().encode(
          camtDocument({
            message: '054',
            version: '08',
            account: company.bankAccount,
            entries: [{ ref: `U-${randomUUID().slice(0, 8)}`, bookingDate: '2026-11-18', amount: 12_345, text: '?' }],
          }),
        );
      },
      { userId: null, today: TEST_TODAY },
    );
    const entry = await ctx.db
      .selectFrom('bank_entries')
      .select('id')
      .where('company_id', '=', company.id)
      .executeTakeFirstOrThrow();
    return {
      company,
      customer,
      invoices,
      drafts,
      letterId: letter.body.id as string,
      entryId: entry.id,
      base,
      asAdmin,
      asAccountant,
      asViewer,
    };
  }

  /** POST of a multipart form (the bank upload), with the client's cookie and CSRF token. */
  async function upload(client: ApiClient, companyId: string, form: FormData | string, type?: string) {
    const h = new Headers();
    if (client.sessionToken) h.set('cookie', `${SESSION_COOKIE}=${client.sessionToken}`);
    if (client.csrfToken) h.set(CSRF_HEADER, client.csrfToken);
    if (type) h.set('content-type', type);
    const res = await client.app.request(`http://localhost/api/v1/companies/${companyId}/bank-imports`, {
      method: 'POST',
      headers: h,
      body: form,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null } as ApiResponse;
  }

  it('the bulk handover decisions: malformed, oversized, foreign and unauthorised requests change nothing', async () => {
    const w = await world();
    const other = await world();
    const before = await state(w.company.id);
    const otherBefore = await state(other.company.id);
    const path = `${w.base}/handovers/decisions`;
    const cases: Array<[string, unknown, number, string?]> = [
      ['no body', undefined, 400],
      ['not JSON', '{"action": "approve", ', 400, 'invalid_json'],
      ['a JSON array', [], 400, 'validation_failed'],
      ['an extra field', { action: 'approve', handoverIds: [w.drafts[0]], force: true }, 400, 'validation_failed'],
      ['action of the wrong type', { action: 1, handoverIds: [w.drafts[0]] }, 400, 'validation_failed'],
      ['an unknown action', { action: 'delete', handoverIds: [w.drafts[0]] }, 400, 'validation_failed'],
      ['ids as a string', { action: 'approve', handoverIds: w.drafts[0] }, 400, 'validation_failed'],
      ['no ids', { action: 'approve', handoverIds: [] }, 400, 'validation_failed'],
      ['a number for an id', { action: 'approve', handoverIds: [42] }, 400, 'validation_failed'],
      [
        '501 ids',
        { action: 'approve', handoverIds: Array.from({ length: 501 }, () => randomUUID()) },
        400,
        'validation_failed',
      ],
      ['a reason of 501 characters', { action: 'reject', handoverIds: w.drafts, reason: 'x'.repeat(501) }, 400],
      ['a reason with NUL', { action: 'reject', handoverIds: w.drafts, reason: 'a\u0000b' }, 400, 'validation_failed'],
      ['a blank reason', { action: 'reject', handoverIds: w.drafts, reason: ' \t\n ' }, 400, 'validation_failed'],
      ['a reason with approve', { action: 'approve', handoverIds: w.drafts, reason: 'x' }, 400, 'validation_failed'],
      ['a body of 2 MiB', { action: 'reject', handoverIds: w.drafts, reason: 'x'.repeat(2 << 20) }, 413],
    ];
    for (const [label, body, status, code] of cases)
      expectProblem(await w.asAccountant.post(path, body), status, label, code);
    expect(
      (
        await w.asAccountant.request('POST', path, 'action=approve', {
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBeGreaterThanOrEqual(400);
    // A viewer may not decide; another company's path is not found, never forbidden.
    expectProblem(
      await w.asViewer.post(path, { action: 'approve', handoverIds: w.drafts }),
      403,
      'viewer',
      'forbidden',
    );
    expectProblem(
      await w.asAccountant.post(`${other.base}/handovers/decisions`, { action: 'approve', handoverIds: other.drafts }),
      404,
      'another company',
      'not_found',
    );
    expectProblem(
      await w.asAccountant.post('/companies/not-a-uuid/handovers/decisions', {
        action: 'approve',
        handoverIds: w.drafts,
      }),
      404,
      'a malformed company id',
    );
    expect(await state(w.company.id)).toEqual(before);
    expect(await state(other.company.id)).toEqual(otherBefore);

    // Another company's and unknown ids are failed lines (not_found) that name nothing of theirs.
    const mixed = await w.asAccountant.post(path, {
      action: 'approve',
      handoverIds: [other.drafts[0], randomUUID(), other.drafts[0]],
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.results.map((r: any) => [r.ok, r.code, r.handover])).toEqual([
      [false, 'not_found', null],
      [false, 'not_found', null],
    ]);
    expect(JSON.stringify(mixed.body)).not.toContain(other.invoices[0]!.id);
    expect(await state(other.company.id)).toEqual(otherBefore);
  });

  it('the mail settings and a letter’s e-mail: bad settings, foreign or unknown letters and the wrong role change nothing', async () => {
    const w = await world();
    const other = await world();
    const good = { host: 'smtp.example.no', port: 587, tlsMode: 'starttls', fromAddress: 'purring@example.no' };
    expect((await w.asAdmin.request('PUT', `${w.base}/mail-settings`, good)).status).toBe(200);
    const before = await state(w.company.id);
    const cases: Array<[string, unknown]> = [
      ['no host', { ...good, host: undefined }],
      ['an empty host', { ...good, host: '' }],
      ['a host of 254 characters', { ...good, host: 'a'.repeat(254) }],
      ['a host with a space', { ...good, host: 'smtp example.no' }],
      ['a port as text', { ...good, port: '587' }],
      ['port 0', { ...good, port: 0 }],
      ['port 65536', { ...good, port: 65_536 }],
      ['a port with decimals', { ...good, port: 587.5 }],
      ['an unknown TLS mode', { ...good, tlsMode: 'ssl' }],
      ['a sender that is no address', { ...good, fromAddress: 'purring' }],
      ['a sender of 300 characters', { ...good, fromAddress: `${'a'.repeat(290)}@example.no` }],
      ['a sender name with a line break', { ...good, fromName: 'Firma\r\nBcc: x@example.no' }],
      ['a user name with a line break', { ...good, username: 'a\nb' }],
      ['a password of 501 characters', { ...good, password: 'p'.repeat(501) }],
      ['an unknown delivery', { ...good, delivery: 'fax' }],
      ['an extra field', { ...good, secure: true }],
    ];
    for (const [label, body] of cases)
      expectProblem(await w.asAdmin.request('PUT', `${w.base}/mail-settings`, body), 400, label, 'validation_failed');
    expectProblem(await w.asAccountant.request('PUT', `${w.base}/mail-settings`, good), 403, 'accountant', 'forbidden');
    expectProblem(await w.asViewer.request('PUT', `${w.base}/mail-settings`, good), 403, 'viewer', 'forbidden');
    expectProblem(await w.asAdmin.request('PUT', `${other.base}/mail-settings`, good), 404, 'another company');

    for (const [label, id] of [
      ['a malformed id', 'not-a-uuid'],
      ['an unknown id', randomUUID()],
      ["another company's letter", other.letterId],
    ] as const)
      expectProblem(await w.asAccountant.post(`${w.base}/letters/${id}/email`), 404, label, 'not_found');
    expectProblem(await w.asViewer.post(`${w.base}/letters/${w.letterId}/email`), 403, 'viewer', 'forbidden');
    expect(await state(w.company.id)).toEqual(before);
    expect((await w.asAccountant.get(`${w.base}/mail-settings`)).body.settings).toMatchObject({
      host: 'smtp.example.no',
      port: 587,
    });
  });

  it('the bank upload and accept-reversal: malformed ids, foreign entries, the wrong state and the wrong role change nothing', async () => {
    const w = await world();
    const other = await world();
    const before = await state(w.company.id);
    const otherBefore = await state(other.company.id);
    for (const [label, id, status] of [
      ['a malformed id', 'abc', 404],
      ['a number', '17', 404],
      ['an unknown id', randomUUID(), 404],
      ["another company's entry", other.entryId, 404],
      ['an unmatched entry (nothing to reverse)', w.entryId, 409],
    ] as const)
      expectProblem(
        await w.asAccountant.post(`${w.base}/bank-entries/${id}/accept-reversal`),
        status,
        label,
        status === 409 ? 'invalid_transition' : 'not_found',
      );
    expectProblem(
      await w.asViewer.post(`${w.base}/bank-entries/${w.entryId}/accept-reversal`),
      403,
      'viewer',
      'forbidden',
    );

    const form = (parts: Record<string, string | File>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(parts)) f.set(k, v);
      return f;
    };
    const camt = camtDocument({
      message: '054',
      version: '08',
      account: w.company.bankAccount,
      entries: [{ ref: 'B1', bookingDate: '2026-11-18', amount: 50_000, text: 'x' }],
    });
    expectProblem(await upload(w.asAccountant, w.company.id, form({})), 400, 'no file', 'validation_failed');
    expectProblem(
      await upload(w.asAccountant, w.company.id, form({ file: camt })),
      400,
      'the file as a text field',
      'validation_failed',
    );
    const empty = await upload(w.asAccountant, w.company.id, form({ file: new File([''], 'tom.xml') }));
    expectProblem(empty, 422, 'an empty file', 'validation_failed');
    expect(empty.body.reason).toBe('bank_file_invalid');
    const garbage = await upload(
      w.asAccountant,
      w.company.id,
      form({ file: new File(['\u0000\u0001binary'], 'x.bin') }),
    );
    expectProblem(garbage, 422, 'not a bank file', 'validation_failed');
    expect(garbage.body.reason).toBe('bank_file_invalid');
    const malformed = await upload(
      w.asAccountant,
      w.company.id,
      form({
        file: new File([camt.replace('>500.00<', '>5O0.00<')], 'feil.xml'),
      }),
    );
    expectProblem(malformed, 422, 'a malformed amount', 'validation_failed');
    expect(malformed.body).toMatchObject({ reason: 'bank_file_invalid', element: 'Ntry/Amt' });
    expect(malformed.body.detail).toMatch(/line \d+/);
    const json = await upload(w.asAccountant, w.company.id, JSON.stringify({ file: camt }), 'application/json');
    expectProblem(json, 415, 'JSON instead of a form', 'unsupported_media_type');
    expect(json.body.detail).toContain('multipart/form-data');
    expectProblem(
      await upload(w.asViewer, w.company.id, form({ file: new File([camt], 'c.xml') })),
      403,
      'viewer',
      'forbidden',
    );
    expectProblem(
      await upload(w.asAccountant, other.company.id, form({ file: new File([camt], 'c.xml') })),
      404,
      'another company',
    );
    expect(await state(w.company.id)).toEqual(before);
    expect(await state(other.company.id)).toEqual(otherBefore);
  });

  it('the customer statement and the inbox: malformed, reversed and future periods, foreign customers', async () => {
    const w = await world();
    const other = await world();
    const path = `${w.base}/customers/${w.customer.id}/statement`;
    for (const suffix of ['', '/pdf']) {
      for (const [label, query, status] of [
        ['no period', '', 400],
        ['no end', '?from=2026-01-01', 400],
        ['a month 13', '?from=2026-13-01&to=2026-11-01', 400],
        ['30 February', '?from=2026-02-30&to=2026-11-01', 400],
        ['not a date', '?from=yesterday&to=2026-11-01', 400],
        ['a year 1899', '?from=1899-01-01&to=2026-11-01', 400],
        ['a date with a time', '?from=2026-01-01T00:00:00Z&to=2026-11-01', 400],
        ['a date of 10 000 characters', `?from=${'2'.repeat(10_000)}&to=2026-11-01`, 400],
        ['the wrong way round', '?from=2026-10-31&to=2026-06-01', 422],
        ['ending after today', '?from=2026-06-01&to=2026-12-31', 422],
      ] as const) {
        const res = await w.asViewer.get(`${path}${suffix}${query}`);
        expectProblem(res, status, `${suffix} ${label}`, 'validation_failed');
        if (status === 422) expect(res.body.reason, label).toBe('invalid_period');
      }
      for (const [label, customerId] of [
        ['a malformed id', 'nope'],
        ['an unknown id', randomUUID()],
        ["another company's customer", other.customer.id],
      ] as const)
        expectProblem(
          await w.asViewer.get(`${w.base}/customers/${customerId}/statement${suffix}?from=2026-01-01&to=2026-11-01`),
          404,
          `${suffix} ${label}`,
          'not_found',
        );
    }
    const ok = await w.asViewer.get(`${path}?from=2026-01-01&to=${TEST_TODAY}&extra=1`);
    expect(ok.status).toBe(200);
    expect(ok.body.lines.map((l: any) => l.voucherType).sort()).toEqual([
      'invoice',
      'invoice',
      'invoice',
      'reminder_fee',
    ]);

    expectProblem(await w.asViewer.get(`${other.base}/inbox`), 404, 'another company’s inbox', 'not_found');
    expectProblem(await w.asViewer.get('/companies/%00/inbox'), 404, 'a NUL company id');
    const inbox = await w.asViewer.get(`${w.base}/inbox?kind=%27;drop`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: any) => i.kind)).toEqual(['bank_entry']);
  });

  it('?q= is a plain text search: wildcards, quotes and backslashes are characters; too long or NUL is refused', async () => {
    const w = await world();
    const before = await state(w.company.id);
    const lists = [
      '/invoices',
      '/payments',
      '/open-items',
      '/reminder-list',
      '/handovers?list=draft',
      '/cases?state=open',
    ];
    const url = (list: string, q: string) =>
      `${w.base}${list}${list.includes('?') ? '&' : '?'}q=${encodeURIComponent(q)}`;
    for (const list of lists) {
      for (const q of ['%', '_', '\\', '%%', '\\%', "'", '"', "' or '1'='1", '%_%', 'a\u0001b', '[]', '*']) {
        const res = await w.asViewer.get(url(list, q));
        expect(res.status, `${list} q=${JSON.stringify(q)} → ${JSON.stringify(res.body).slice(0, 200)}`).toBe(200);
        expect(res.body.data, `${list} q=${JSON.stringify(q)}`).toEqual([]);
      }
      expectProblem(await w.asViewer.get(url(list, 'x'.repeat(10_000))), 400, `${list} 10 000`, 'validation_failed');
      expectProblem(await w.asViewer.get(url(list, 'x'.repeat(101))), 400, `${list} 101`, 'validation_failed');
      expectProblem(await w.asViewer.get(url(list, 'a\u0000b')), 400, `${list} NUL`, 'validation_failed');
      expectProblem(await w.asViewer.get(`${url(list, 'a')}&q=b`), 400, `${list} q twice`, 'validation_failed');
    }
    expect(await state(w.company.id)).toEqual(before);
    // A name with its own % and _ is found by them as characters, and only it.
    const rabatt = await makeCustomer(ctx.db, w.company.id, { name: 'Rabatt_50% \\ AS' });
    const invoice = await makeInvoice(ctx.db, w.company.id, rabatt.id, 10_000);
    for (const q of ['_50%', 'Rabatt_', '50%', '%', '_', '\\', '% \\'])
      expect(
        (await w.asViewer.get(url('/invoices', q))).body.data.map((i: any) => i.id),
        q,
      ).toEqual([invoice.id]);
    expect((await w.asViewer.get(url('/invoices', 'Kunde'))).body.data).toHaveLength(3);
  });

  it('a cursor no list gave out is 400 on every list, never a server error', async () => {
    const w = await world();
    const lists = [
      '/invoices',
      '/payments',
      '/customers',
      '/open-items',
      '/vouchers',
      '/reminder-list',
      '/handovers?list=draft',
      '/cases',
      '/settlements',
      '/bank-imports',
      '/bank-entries',
      '/audit-events',
    ];
    // Refused by every list: not a cursor at all, or one with no field any list reads as it should be.
    const never = [
      'x',
      '%%%',
      'a'.repeat(501),
      enc({}),
      enc([1, 2]),
      enc({ t: 'garbage', id: 'garbage', n: 'x', d: 'x', s: 'x' }),
      '-1',
      '99999999999999999999',
    ];
    // Edited cursors: a field out of its type's range or no date. A list whose own fields are all
    // still well-formed may answer a page; none may fail inside.
    const edited = [
      enc({ t: '2026-13-45T99:99:99.000Z', id: randomUUID() }),
      enc({ d: 'garbage', y: 1, n: 1, id: 1 }),
      enc({ d: '2026-11-01', y: 2 ** 40, n: 2 ** 40, id: 2 ** 62 }),
      enc({ n: 2 ** 40 }),
      enc({ n: 1.5 }),
      enc({ d: '2026-11-01', t: '2026-11-01T00:00:00.000000Z', id: 'x' }),
      enc({ s: 'due', k: 'x', id: 1 }),
    ];
    const wrong: string[] = [];
    for (const list of lists)
      for (const cursor of [...never, ...edited]) {
        const res = await w.asAdmin.get(
          `${w.base}${list}${list.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
        );
        const refused = res.status === 400 && res.body?.code === 'validation_failed' && res.body.detail;
        if (never.includes(cursor) ? !refused : !refused && res.status !== 200)
          wrong.push(`${list} ${Buffer.from(cursor, 'base64url').toString()} → ${res.status} ${res.body?.detail}`);
      }
    expect(wrong).toEqual([]);
  });

  it('exports, the period lock, the audit trail and SAF-T: bad parameters and the wrong role change nothing', async () => {
    const w = await world();
    const other = await world();
    const before = await state(w.company.id);
    for (const [label, path] of [
      ['an unknown format', '/payments/export?format=pdf'],
      ['an unknown language', '/payments/export?lang=de'],
      ['a malformed customer id', '/payments/export?customerId=1'],
      ['no list', '/handovers/export'],
      ['an unknown list', '/handovers/export?list=all'],
      ['a malformed agency id', '/cases/export?agencyId=x'],
      ['an unknown status', '/settlements/export?status=paid'],
      ['an unknown reminder-list sort', '/reminder-list/export?sort=random'],
    ] as const)
      expectProblem(await w.asViewer.get(`${w.base}${path}`), 400, label, 'validation_failed');
    for (const [label, path] of [
      ["another company's customer", `/payments/export?customerId=${other.customer.id}`],
      ["another company's invoice", `/payments/export?invoiceId=${other.invoices[0]!.id}`],
      ["another company's agency", `/cases/export?agencyId=${randomUUID()}`],
    ] as const) {
      const res = await w.asViewer.get(`${w.base}${path}`);
      expect(res.status, label).toBe(200);
      expect((res.body as string).trim().split('\n'), label).toHaveLength(1);
    }
    expectProblem(await w.asViewer.get(`${other.base}/payments/export`), 404, 'another company', 'not_found');

    // The period lock: admin only; a date that is no date, a future date, a backwards move.
    const lock = `${w.base}/period-lock`;
    for (const [label, body, status] of [
      ['no body', undefined, 400],
      ['a number', { lockedTo: 20261031 }, 400],
      ['not a date', { lockedTo: '31.10.2026' }, 400],
      ['31 November', { lockedTo: '2026-11-31' }, 400],
      ['a year 2100', { lockedTo: '2100-01-01' }, 400],
      ['an extra field', { lockedTo: '2026-10-31', force: true }, 400],
      ['null', { lockedTo: null }, 400],
      ['after today', { lockedTo: '2026-11-21' }, 422],
    ] as const)
      expectProblem(await w.asAdmin.request('PUT', lock, body), status, `lock: ${label}`);
    expectProblem(
      await w.asAccountant.request('PUT', lock, { lockedTo: '2026-10-31' }),
      403,
      'lock by an accountant',
      'forbidden',
    );
    expectProblem(await w.asViewer.post(`${lock}/unlock`, { lockedTo: null }), 403, 'unlock by a viewer', 'forbidden');
    expectProblem(await w.asAdmin.post(`${lock}/unlock`, {}), 400, 'unlock without lockedTo', 'validation_failed');
    expectProblem(await w.asAdmin.post(`${lock}/unlock`, { lockedTo: 'x' }), 400, 'unlock to no date');
    expectProblem(
      await w.asAdmin.request('PUT', `${other.base}/period-lock`, { lockedTo: '2026-10-31' }),
      404,
      'other',
    );

    // The audit trail: admin only, its filters checked; a period the wrong way round says so.
    const audit = `${w.base}/audit-events`;
    for (const [label, query] of [
      ['limit 0', '?limit=0'],
      ['limit 1001', '?limit=1001'],
      ['limit as text', '?limit=ten'],
      ['a kind with a wildcard', '?kind=handover%25'],
      ['an unknown actor type', '?actorType=robot'],
      ['a malformed date', '?from=2026-02-30'],
      ['a subject of 101 characters', `?subjectId=${'x'.repeat(101)}`],
    ] as const)
      expectProblem(await w.asAdmin.get(`${audit}${query}`), 400, `audit: ${label}`, 'validation_failed');
    const backwards = await w.asAdmin.get(`${audit}?from=2026-11-20&to=2026-11-01`);
    expectProblem(backwards, 422, 'audit: the wrong way round', 'validation_failed');
    expect(backwards.body.reason).toBe('invalid_period');
    expectProblem(await w.asAccountant.get(audit), 403, 'audit by an accountant', 'forbidden');

    // SAF-T: the same period rule.
    for (const [label, query, status] of [
      ['no period', '', 400],
      ['not dates', '?from=a&to=b', 400],
      ['the wrong way round', '?from=2026-12-31&to=2026-01-01', 422],
    ] as const) {
      const res = await w.asViewer.get(`${w.base}/saf-t${query}`);
      expectProblem(res, status, `saf-t: ${label}`, 'validation_failed');
      if (status === 422) expect(res.body.reason).toBe('invalid_period');
    }
    expect(await state(w.company.id)).toEqual(before);
  });
});
