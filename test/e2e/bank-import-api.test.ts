import { describe, expect, it } from 'vitest';
import { camtDocument } from '../../src/bank/bank-file.fixtures.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/tenancy/session.middleware.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { ApiClient, useTestApp } from '../support/http.js';

/** POST of a file as multipart/form-data, with the client's session cookie and CSRF token. */
async function upload(client: ApiClient, companyId: string, name: string, content: string | null) {
  const form = new FormData();
  if (content !== null) form.set('file', new File([content], name, { type: 'application/xml' }));
  const h = new Headers();
  if (client.sessionToken) h.set('cookie', `${SESSION_COOKIE}=${client.sessionToken}`);
  if (client.csrfToken) h.set(CSRF_HEADER, client.csrfToken);
  const res = await client.app.request(`http://localhost/api/v1/companies/${companyId}/bank-imports`, {
    method: 'POST',
    headers: h,
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe.each(BACKENDS)('the bank import API on %s', (backend) => {
  const t = useTestApp(backend);

  it('upload, summary, entries, the unmatched queue and resolving one; the same file again is the same import', async () => {
    const company = await makeCompany(t.db);
    const customer = await makeCustomer(t.db, company.id, { name: 'Ola Nordmann' });
    const invoice = await makeInvoice(t.db, company.id, customer.id, 100_000);
    const other = await makeInvoice(t.db, company.id, customer.id, 20_000);
    const user = await makeUser(t.db, company.id, 'accountant');
    const viewer = await makeUser(t.db, company.id, 'viewer');
    const client = new ApiClient(t.app);
    await client.login(user.email, user.password);
    const file = camtDocument({
      message: '054',
      version: '08',
      account: company.bankAccount,
      entries: [
        { ref: 'E1', bookingDate: '2026-11-18', amount: 125_000, kid: invoice.kid },
        { ref: 'E2', bookingDate: '2026-11-18', amount: 25_000, text: 'ukjent innbetaling' },
      ],
    });
    const first = await upload(client, company.id, 'camt054.xml', file);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      alreadyImported: false,
      fileName: 'camt054.xml',
      format: 'camt.054.001.08',
      status: 'done',
      summary: {
        transactions: 2,
        booked: { kid: { count: 1, amount: 125_000 } },
        unmatched: { count: 1, amount: 25_000 },
      },
    });
    const again = await upload(client, company.id, 'camt054-igjen.xml', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, alreadyImported: true });

    const got = await client.get(`/companies/${company.id}/bank-imports/${first.body.id}`);
    expect(got.body.summary).toEqual(first.body.summary);
    const list = await client.get(`/companies/${company.id}/bank-imports`);
    expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([first.body.id]);
    const entries = await client.get(`/companies/${company.id}/bank-imports/${first.body.id}/entries`);
    expect(entries.body.data.map((e: { state: string; rule: string | null }) => [e.state, e.rule])).toEqual([
      ['booked', 'kid'],
      ['unmatched', null],
    ]);
    const queue = await client.get(`/companies/${company.id}/bank-entries`);
    expect(queue.body.data).toHaveLength(1);
    const entryId = queue.body.data[0].id;

    // a viewer may read the queue but not decide
    const viewing = new ApiClient(t.app);
    await viewing.login(viewer.email, viewer.password);
    expect((await viewing.get(`/companies/${company.id}/bank-entries`)).status).toBe(200);
    expect(
      (
        await viewing.post(`/companies/${company.id}/bank-entries/${entryId}/resolve`, {
          action: 'invoice',
          invoiceId: other.id,
        })
      ).status,
    ).toBe(403);

    const resolved = await client.post(
      `/companies/${company.id}/bank-entries/${entryId}/resolve`,
      { action: 'invoice', invoiceId: other.id },
      { 'idempotency-key': 'resolve-1' },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      state: 'resolved',
      invoiceNumber: other.invoiceNumber,
      decision: { action: 'invoice' },
    });
    // retried with its key: the same answer, booked once
    const retried = await client.post(
      `/companies/${company.id}/bank-entries/${entryId}/resolve`,
      { action: 'invoice', invoiceId: other.id },
      { 'idempotency-key': 'resolve-1' },
    );
    expect(retried.body).toEqual(resolved.body);
    const twice = await client.post(`/companies/${company.id}/bank-entries/${entryId}/resolve`, {
      action: 'invoice',
      invoiceId: other.id,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invalid_transition', reason: 'bank_entry_resolved' });
    const inv = await client.get(`/companies/${company.id}/invoices/${other.id}`);
    expect(inv.body.openAmount).toBe(0);
    const payments = await client.get(`/companies/${company.id}/payments?invoiceId=${other.id}`);
    expect(payments.body.data).toHaveLength(1);
    expect((await client.get(`/companies/${company.id}/bank-entries`)).body.data).toEqual([]);
  });

  it('a malformed file is 422 naming the line and element, and nothing is stored', async () => {
    const company = await makeCompany(t.db);
    const user = await makeUser(t.db, company.id, 'accountant');
    const client = new ApiClient(t.app);
    await client.login(user.email, user.password);
    const bad = camtDocument({
      message: '053',
      version: '02',
      account: company.bankAccount,
      entries: [{ ref: 'E1', bookingDate: '2026-11-18', amount: 125_000 }],
    }).replace('>1250.00<', '>12S0.00<');
    const res = await upload(client, company.id, 'bad.xml', bad);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      reason: 'bank_file_invalid',
      problem: 'bad_amount',
      element: 'Ntry/Amt',
    });
    expect(res.body.line).toBeGreaterThan(1);
    expect(res.body.detail).toContain(`line ${res.body.line}, <Ntry/Amt>`);
    expect((await client.get(`/companies/${company.id}/bank-imports`)).body.data).toEqual([]);
    const none = await upload(client, company.id, 'x', null);
    expect(none.status).toBe(400);
  });
});
