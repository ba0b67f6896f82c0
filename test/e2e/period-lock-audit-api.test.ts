import { describe, expect, it } from 'vitest';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { AgencyClient } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, useTestApp } from '../support/http.js';

/*
 * Locked periods and the audit trail over the accountant API: only an admin locks, unlocks and reads
 * the trail; a voucher in a locked period is 422 problem+json with the reason, the lock and who set
 * it; each change's audit row carries the request id and the peer's address.
 */

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 400)}`).toBe(status);
}

describe.each(BACKENDS)('locked periods and the audit trail over HTTP on %s', (backend) => {
  const ctx = useTestApp(backend);

  async function signedIn(email: string, password: string) {
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, password), 200, `login ${email}`);
    return client;
  }

  it('an admin locks; a payment and a manual voucher in the period are 422 period_locked; all of it is on the trail', async () => {
    const company = await makeCompany(ctx.db);
    const adminUser = await makeUser(ctx.db, company.id, 'admin');
    const accountantUser = await makeUser(ctx.db, company.id, 'accountant');
    const customer = await makeCustomer(ctx.db, company.id);
    const invoice = await makeInvoice(ctx.db, company.id, customer.id, 80_000);
    const admin = await signedIn(adminUser.email, adminUser.password);
    const accountant = await signedIn(accountantUser.email, accountantUser.password);
    const base = `/companies/${company.id}`;

    expectStatus(
      await accountant.request('PUT', `${base}/period-lock`, { lockedTo: '2026-10-31' }),
      403,
      'accountant locks',
    );
    expect((await accountant.get(`${base}/period-lock`)).body).toEqual({ lock: null });
    const locked = await admin.request(
      'PUT',
      `${base}/period-lock`,
      { lockedTo: '2026-10-31' },
      { 'x-request-id': 'req-lock-1' },
    );
    expectStatus(locked, 200, 'admin locks');
    expect(locked.headers.get('x-request-id')).toBe('req-lock-1');
    expect(locked.body.lock).toMatchObject({
      lockedTo: '2026-10-31',
      lockedBy: { id: adminUser.id, name: adminUser.name },
    });
    const back = await admin.request('PUT', `${base}/period-lock`, { lockedTo: '2026-09-30' });
    expectStatus(back, 422, 'lock backwards');
    expect(back.body).toMatchObject({ code: 'validation_failed', reason: 'lock_backwards', lockedTo: '2026-10-31' });

    const payment = await accountant.post(`${base}/payments`, {
      amount: 10_000,
      paymentDate: '2026-10-15',
      invoiceId: invoice.id,
    });
    expectStatus(payment, 422, 'payment in the locked period');
    expect(payment.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(payment.body).toMatchObject({
      code: 'validation_failed',
      reason: 'period_locked',
      date: '2026-10-15',
      lockedTo: '2026-10-31',
      lockedBy: { id: adminUser.id, name: adminUser.name },
    });
    const voucher = await accountant.post(`${base}/vouchers`, {
      date: '2026-10-31',
      description: 'Korrigering',
      lines: [
        { account: 1920, side: 'debit', amount: 1_000 },
        { account: 8050, side: 'credit', amount: 1_000 },
      ],
    });
    expectStatus(voucher, 422, 'manual voucher on the lock date');
    expect(voucher.body.reason).toBe('period_locked');
    const payments = await ctx.db.selectFrom('payments').select('id').where('company_id', '=', company.id).execute();
    expect(payments).toEqual([]);

    expectStatus(await accountant.post(`${base}/period-lock/unlock`, { lockedTo: null }), 403, 'accountant unlocks');
    const unlocked = await admin.post(`${base}/period-lock/unlock`, { lockedTo: '2026-09-30' });
    expectStatus(unlocked, 200, 'admin unlocks');
    expect(unlocked.body.lock.lockedTo).toBe('2026-09-30');
    expectStatus(
      await accountant.post(`${base}/payments`, { amount: 10_000, paymentDate: '2026-10-15', invoiceId: invoice.id }),
      201,
      'payment once reopened',
    );

    // A failed sign-in goes on the trail of the user's companies.
    const stranger = new ApiClient(ctx.app);
    expectStatus(await stranger.login(accountantUser.email, 'wrong password!'), 401, 'wrong password');

    expectStatus(await accountant.get(`${base}/audit-events`), 403, 'accountant reads the trail');
    const trail = await admin.get(`${base}/audit-events?limit=100`);
    expectStatus(trail, 200, 'admin reads the trail');
    const kinds = trail.body.data.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'auth.sign_in_failed',
      'period.unlocked',
      'period.locked',
      'auth.signed_in',
      'auth.signed_in',
    ]);
    const lockEvent = trail.body.data.find((e: { kind: string }) => e.kind === 'period.locked');
    expect(lockEvent).toMatchObject({
      companyId: company.id,
      actor: { type: 'user', id: adminUser.id, name: adminUser.name },
      requestId: 'req-lock-1',
      peerAddress: 'local',
      subjectIds: [company.id],
      before: { lockedTo: null },
      after: { lockedTo: '2026-10-31' },
    });
    expect(trail.body.data[0]).toMatchObject({
      kind: 'auth.sign_in_failed',
      actor: { type: 'user', id: accountantUser.id },
      after: { email: accountantUser.email },
    });

    // Filters and pages, on the server.
    const periods = await admin.get(`${base}/audit-events?kind=period&limit=1`);
    expect(periods.body.data.map((e: { kind: string }) => e.kind)).toEqual(['period.unlocked']);
    expect(periods.body.nextCursor).toEqual(expect.any(String));
    const next = await admin.get(`${base}/audit-events?kind=period&limit=1&cursor=${periods.body.nextCursor}`);
    expect(next.body.data.map((e: { kind: string }) => e.kind)).toEqual(['period.locked']);
    expect(next.body.nextCursor).toBeNull();
    const byActor = await admin.get(`${base}/audit-events?subjectId=${accountantUser.id}`);
    expect(byActor.body.data.map((e: { kind: string }) => e.kind)).toEqual(['auth.sign_in_failed', 'auth.signed_in']);
    const none = await admin.get(`${base}/audit-events?from=2000-01-01&to=2000-01-02`);
    expect(none.body.data).toEqual([]);
  });

  it('settings changes are recorded with before and after', async () => {
    const company = await makeCompany(ctx.db);
    const adminUser = await makeUser(ctx.db, company.id, 'admin');
    const admin = await signedIn(adminUser.email, adminUser.password);
    const base = `/companies/${company.id}`;
    expectStatus(await admin.patch(base, { name: 'Nytt Navn AS' }), 200, 'rename');
    expectStatus(await admin.patch(`${base}/dunning-settings`, { paymentDeadlineDays: 21 }), 200, 'dunning settings');
    const trail = await admin.get(`${base}/audit-events?kind=company.settings_changed`);
    expect(trail.body.data).toEqual([
      expect.objectContaining({ before: { name: 'Testfirma AS' }, after: { name: 'Nytt Navn AS' } }),
    ]);
    const dunning = await admin.get(`${base}/audit-events?kind=dunning`);
    expect(dunning.body.data).toEqual([
      expect.objectContaining({
        kind: 'dunning.settings_changed',
        before: { paymentDeadlineDays: expect.any(Number) },
        after: { paymentDeadlineDays: 21 },
      }),
    ]);
  });

  it("handovers and an agency's rejection are on the trail, each under its actor", async () => {
    const company = await makeCompany(ctx.db, { sendsOwnCollectionNotice: false });
    const adminUser = await makeUser(ctx.db, company.id, 'admin');
    const customer = await makeCustomer(ctx.db, company.id);
    const invoice = await makeInvoice(ctx.db, company.id, customer.id, 80_000);
    const admin = await signedIn(adminUser.email, adminUser.password);
    const base = `/companies/${company.id}`;
    const credentials = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Revisjon Inkasso AS' }),
    );
    const agencyId = credentials.agency.id;
    expectStatus(
      await admin.request('PUT', `${base}/agencies/${agencyId}/activation`, { active: true, isDefault: true }),
      200,
      'activate',
    );
    const sent = await admin.post(`${base}/invoices/${invoice.id}/collection`, {});
    expectStatus(sent, 201, 'send to collection');
    expectStatus(await admin.post(`${base}/handovers/${sent.body.id}/approve`), 200, 'approve');
    const agency = new AgencyClient(ctx.app, credentials.agency.clientId, credentials.clientSecret);
    expectStatus(await agency.authenticate(), 200, 'token');
    expectStatus(
      await agency.post(`/clients/${company.id}/invoices/${invoice.id}/reject`, { reason: 'Utenfor vårt område' }),
      200,
      'agency rejects',
    );
    const trail = await admin.get(`${base}/audit-events?subjectId=${invoice.id}`);
    expect(
      trail.body.data.map((e: { kind: string; actor: { type: string; name: string } }) => [
        e.kind,
        e.actor.type,
        e.actor.name,
      ]),
    ).toEqual([
      ['handover.rejected', 'agency', 'Revisjon Inkasso AS'],
      ['handover.approved', 'user', adminUser.name],
      ['handover.sent', 'user', adminUser.name],
    ]);
    const activation = await admin.get(`${base}/audit-events?kind=agency`);
    expect(activation.body.data).toEqual([
      expect.objectContaining({
        kind: 'agency.activated',
        subjectIds: [agencyId],
        before: { active: false },
        after: { active: true, isDefault: true },
      }),
    ]);
  });
});
