/*
 * Deciding many handovers at once (Inkasso › Utkast: «Godkjenn valgte», «Avvis valgte»; Godkjent:
 * «Trekk tilbake valgte») over HTTP, on both databases: each handover goes through the same step
 * as one at a time (approveHandover / rejectHandover), a refused one is a failed line and leaves
 * nothing behind, a retry with the same Idempotency-Key changes nothing. Also two of the small
 * defects of issue 18 at the API: the sign-in page's session question answers 200 when signed out,
 * and a KID with a wrong check digit is refused as such, not as an unknown KID.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createAgency } from '../../src/agencies/agency.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { makeKid } from '../../src/formats/kid.js';
import { addDays } from '../../src/shared/dates.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, TEST_TODAY, useTestApp } from '../support/http.js';

const PASSWORD = 'correct horse battery staple';
const email = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.no`;

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 400)}`).toBe(status);
}

describe.each(BACKENDS)('deciding many handovers at once on %s', (backend) => {
  const ctx = useTestApp(backend);

  async function signUp(who: string): Promise<{ client: ApiClient; userId: string }> {
    const address = email(who);
    const user = await inTransaction(ctx.db, (trx) =>
      createUser(trx, { email: address, name: `Test ${who}`, password: PASSWORD }),
    );
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(address, PASSWORD), 200, 'login');
    return { client, userId: user.id };
  }

  /** A company with a default agency, a customer and `n` overdue invoices, each put on the draft list. */
  async function world(n: number) {
    const { client, userId } = await signUp('admin');
    const res = await client.post('/companies', {
      name: 'Utkastfirma AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(res, 201, 'company');
    const companyId = res.body.id as string;
    const base = `/companies/${companyId}`;
    const agency = await inTransaction(ctx.db, (trx) =>
      createAgency(trx, { name: `Byrå ${randomUUID().slice(0, 6)}` }),
    );
    expectStatus(
      await client.request('PUT', `${base}/agencies/${agency.id}/activation`, { active: true, isDefault: true }),
      200,
      'agency',
    );
    // The agency sends the inkassovarsel: a draft needs no letter first.
    expectStatus(await client.patch(`${base}/dunning-settings`, { sendsOwnCollectionNotice: false }), 200, 'settings');
    const kunde = await client.post(`${base}/customers`, {
      type: 'company',
      name: 'Kunde AS',
      organizationNumber: uniqueOrgnr(),
    });
    expectStatus(kunde, 201, 'customer');
    const drafts: Array<{ id: string; invoiceId: string; invoiceNumber: number }> = [];
    for (let i = 0; i < n; i++) {
      const due = addDays(TEST_TODAY, -60 - i);
      const inv = await client.post(`${base}/invoices`, {
        customerId: kunde.body.id,
        issueDate: addDays(due, -14),
        dueDate: due,
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: 80_000 + i, vatRate: 25 }],
      });
      expectStatus(inv, 201, 'invoice');
      const draft = await client.post(`${base}/invoices/${inv.body.id as string}/collection`, {});
      expectStatus(draft, 201, 'to collection');
      expect(draft.body.state).toBe('draft');
      drafts.push({ id: draft.body.id, invoiceId: inv.body.id, invoiceNumber: inv.body.invoiceNumber });
    }
    return { client, userId, companyId, base, agency, drafts, kundeId: kunde.body.id as string };
  }

  const states = async (ids: string[]) =>
    Object.fromEntries(
      (
        await ctx.db
          .selectFrom('handovers')
          .select(['id', 'state', 'approval', 'end_reason'])
          .where('id', 'in', ids)
          .execute()
      ).map((r) => [r.id, r]),
    );
  const count = async (table: 'invoice_events' | 'audit_events' | 'dunning_decisions', companyId: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where company_id = ${companyId}`.execute(ctx.db)
    ).rows[0]!.n;

  it('approves the selected drafts, each on its own: a refused one is a failed line and changes nothing', async () => {
    const w = await world(3);
    const [a, b, c] = w.drafts as [(typeof w.drafts)[0], (typeof w.drafts)[0], (typeof w.drafts)[0]];
    // c is approved one at a time first: in the bulk it is no longer a draft.
    expectStatus(await w.client.post(`${w.base}/handovers/${c.id}/approve`), 200, 'approve c');
    const eventsBefore = await count('invoice_events', w.companyId);

    const res = await w.client.post(
      `${w.base}/handovers/decisions`,
      { action: 'approve', handoverIds: [a.id, b.id, c.id, a.id] },
      { 'idempotency-key': 'bulk-approve-1' },
    );
    expectStatus(res, 200, 'bulk approve');
    expect([res.body.succeeded, res.body.failed]).toEqual([2, 1]);
    expect(res.body.results.map((r: any) => [r.handoverId, r.ok, r.code, r.handover?.state ?? null])).toEqual([
      [a.id, true, null, 'approved'],
      [b.id, true, null, 'approved'],
      [c.id, false, 'invalid_transition', null],
    ]);
    expect(res.body.results[2]).toMatchObject({ reason: 'handover_approved', state: 'approved' });

    const after = await states([a.id, b.id, c.id]);
    expect([after[a.id]!.state, after[a.id]!.approval, after[b.id]!.state, after[c.id]!.state]).toEqual([
      'approved',
      'user',
      'approved',
      'approved',
    ]);
    // One invoice.available each for the two approved now, none for the refused one.
    const available = await ctx.db
      .selectFrom('invoice_events')
      .select('invoice_id')
      .where('company_id', '=', w.companyId)
      .where('type', '=', 'invoice.available')
      .execute();
    expect(available.map((e) => e.invoice_id).sort()).toEqual([a.invoiceId, b.invoiceId, c.invoiceId].sort());
    expect(await count('invoice_events', w.companyId)).toBe(eventsBefore + 2);

    // The same request again with its key: the first answer, nothing written twice.
    const again = await w.client.post(
      `${w.base}/handovers/decisions`,
      { action: 'approve', handoverIds: [a.id, b.id, c.id, a.id] },
      { 'idempotency-key': 'bulk-approve-1' },
    );
    expectStatus(again, 200, 'retry');
    expect(again.body).toEqual(res.body);
    expect(await count('invoice_events', w.companyId)).toBe(eventsBefore + 2);
    // The key with another body is refused.
    expectStatus(
      await w.client.post(
        `${w.base}/handovers/decisions`,
        { action: 'approve', handoverIds: [a.id] },
        { 'idempotency-key': 'bulk-approve-1' },
      ),
      409,
      'key reused',
    );
    const draftList = await w.client.get(`${w.base}/handovers?list=draft`);
    expect(draftList.body.data).toEqual([]);
  });

  it('rejects the selected drafts with one reason: back on the reminder list with «Vent», the reason kept on each', async () => {
    const w = await world(2);
    const [a, b] = w.drafts as [(typeof w.drafts)[0], (typeof w.drafts)[0]];
    const decisionsBefore = await count('dunning_decisions', w.companyId);

    // No reason, a blank reason, a reason with approve: refused before anything is done.
    for (const body of [
      { action: 'reject', handoverIds: [a.id] },
      { action: 'reject', handoverIds: [a.id], reason: '   ' },
      { action: 'approve', handoverIds: [a.id], reason: 'why' },
      { action: 'approve', handoverIds: [] },
      { action: 'approve', handoverIds: ['not-a-uuid'] },
    ]) {
      const refused = await w.client.post(`${w.base}/handovers/decisions`, body);
      expectStatus(refused, 400, JSON.stringify(body));
      expect(refused.body.code).toBe('validation_failed');
    }
    expect(Object.values(await states([a.id, b.id])).map((r) => r.state)).toEqual(['draft', 'draft']);

    const res = await w.client.post(`${w.base}/handovers/decisions`, {
      action: 'reject',
      handoverIds: [a.id, b.id, randomUUID()],
      reason: 'Kunden har betalt direkte',
    });
    expectStatus(res, 200, 'bulk reject');
    expect(res.body.results.map((r: any) => [r.ok, r.code, r.handover?.state ?? null])).toEqual([
      [true, null, 'rejected'],
      [true, null, 'rejected'],
      [false, 'not_found', null],
    ]);
    const after = await states([a.id, b.id]);
    expect([after[a.id], after[b.id]].map((r) => [r!.state, r!.end_reason])).toEqual([
      ['rejected', 'Kunden har betalt direkte'],
      ['rejected', 'Kunden har betalt direkte'],
    ]);
    expect(await count('dunning_decisions', w.companyId)).toBe(decisionsBefore + 2);
    const list = await w.client.get(`${w.base}/reminder-list`);
    const onList = list.body.data.filter((i: any) => i.invoiceId === a.invoiceId || i.invoiceId === b.invoiceId);
    expect(onList.map((i: any) => i.next.nextAction)).toEqual(['wait', 'wait']);
  });

  it('recalls approved invoices in bulk, and keeps another company’s handovers and a viewer out', async () => {
    const w = await world(1);
    const other = await world(1);
    const [a] = w.drafts as [(typeof w.drafts)[0]];
    expectStatus(await w.client.post(`${w.base}/handovers/${a.id}/approve`), 200);
    const res = await w.client.post(`${w.base}/handovers/decisions`, {
      action: 'reject',
      handoverIds: [a.id, other.drafts[0]!.id],
      reason: 'Feil byrå',
    });
    expectStatus(res, 200);
    expect(res.body.results.map((r: any) => [r.ok, r.code, r.handover?.state ?? null])).toEqual([
      [true, null, 'recalled'],
      [false, 'not_found', null],
    ]);
    expect((await states([other.drafts[0]!.id]))[other.drafts[0]!.id]!.state).toBe('draft');
    const recalled = await ctx.db
      .selectFrom('invoice_events')
      .select('invoice_id')
      .where('company_id', '=', w.companyId)
      .where('type', '=', 'invoice.recalled')
      .execute();
    expect(recalled.map((e) => e.invoice_id)).toEqual([a.invoiceId]);

    // A viewer may look but not decide.
    const viewerEmail = email('viewer');
    expectStatus(
      await other.client.post(`${other.base}/users`, {
        email: viewerEmail,
        name: 'V',
        role: 'viewer',
        password: PASSWORD,
      }),
      200,
      'viewer',
    );
    const viewer = new ApiClient(ctx.app);
    expectStatus(await viewer.login(viewerEmail, PASSWORD), 200);
    const forbidden = await viewer.post(`${other.base}/handovers/decisions`, {
      action: 'approve',
      handoverIds: [other.drafts[0]!.id],
    });
    expectStatus(forbidden, 403, 'viewer');
    expect((await states([other.drafts[0]!.id]))[other.drafts[0]!.id]!.state).toBe('draft');
  });

  it('says whether this browser is signed in with 200 either way, and refuses a KID with a wrong check digit as such', async () => {
    const anonymous = new ApiClient(ctx.app);
    const state = await anonymous.get('/auth/session/state');
    expectStatus(state, 200, 'signed out');
    expect(state.body).toEqual({ session: null });

    const w = await world(1);
    const signedIn = await w.client.get('/auth/session/state');
    expectStatus(signedIn, 200, 'signed in');
    const session = await w.client.get('/auth/session');
    expect(signedIn.body.session).toEqual(session.body);
    expect(signedIn.body.session.companies.map((c: any) => c.companyId)).toEqual([w.companyId]);
    expectStatus(await w.client.post('/auth/logout'), 204);
    expect((await w.client.get('/auth/session/state')).body).toEqual({ session: null });

    const again = await signUp('payer');
    const company = await again.client.post('/companies', {
      name: 'KID AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    const base = `/companies/${company.body.id as string}`;
    const paymentsBefore = await ctx.db
      .selectFrom('payments')
      .select('id')
      .where('company_id', '=', company.body.id)
      .execute();
    // A valid MOD10 KID with its last digit changed: the check digit is wrong.
    const good = makeKid('0000420000017', 'mod10');
    const wrong = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
    const refused = await again.client.post(`${base}/payments`, {
      kid: wrong,
      amount: 10_000,
      paymentDate: TEST_TODAY,
    });
    expectStatus(refused, 422, 'wrong check digit');
    expect(refused.body).toMatchObject({ code: 'invalid_kid', kid: wrong, algorithm: 'mod10' });
    // A well-formed KID no invoice has is still «unknown».
    const unknown = await again.client.post(`${base}/payments`, { kid: good, amount: 10_000, paymentDate: TEST_TODAY });
    expectStatus(unknown, 422, 'unknown');
    expect(unknown.body.code).toBe('unknown_kid');
    expect(
      await ctx.db.selectFrom('payments').select('id').where('company_id', '=', company.body.id).execute(),
    ).toEqual(paymentsBefore);
  });
});
