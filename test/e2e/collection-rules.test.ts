/**
 * The collection rules on every way to an agency (issue 11, defect 1), and the date rule on every
 * way into the books (defect 2). The accountant's API (single and bulk), the operator's
 * `collection approve --all-eligible` (approveAllEligible, what the CLI and the demo call), the
 * approval (re-checked then) and the daily run's auto-approval all go through `collectionRefusal`;
 * each is asserted here by the handover rows it leaves. Every voucher is posted through
 * `postVoucher`, which refuses a date after today (Europe/Oslo).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { approveAllEligible } from '../../src/collection/handover.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { runDaily } from '../../src/collection/daily-run.service.js';
import { sendLetter } from '../../src/dunning/dunning.service.js';
import { addDays, osloToday } from '../../src/shared/dates.js';
import { AppError } from '../../src/shared/errors.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, TEST_TODAY, useTestApp } from '../support/http.js';

const PASSWORD = 'correct horse battery staple';
let counter = 0;
const uniqueEmail = (who: string) => `${who}-${++counter}-${randomUUID().slice(0, 8)}@example.no`;
const LATER = '2026-12-12'; // «Vent til 12.12.2026», after TEST_TODAY (2026-11-20)

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)}`).toBe(status);
}
function expectProblem(res: ApiResponse, status: number, code: string, reason: string, label = ''): void {
  expectStatus(res, status, label);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toMatchObject({ status, code, reason, detail: expect.any(String) });
}

describe.each(BACKENDS)('the collection rules and the date rule on every path, on %s', (backend) => {
  const ctx = useTestApp(backend);

  /** A company (sending its own collection notices unless said) with an active default agency and a customer. */
  async function world(options: { sendsOwnCollectionNotice?: boolean } = {}) {
    const email = uniqueEmail('admin');
    await inTransaction(ctx.db, (trx) => createUser(trx, { email, name: 'Admin', password: PASSWORD }));
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, 'login');
    const created = await client.post('/companies', {
      name: 'Regel AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(created, 201, 'company');
    const companyId = created.body.id as string;
    const base = `/companies/${companyId}`;
    if (options.sendsOwnCollectionNotice === false)
      expectStatus(await client.patch(`${base}/dunning-settings`, { sendsOwnCollectionNotice: false }), 200);
    const customer = await client.post(`${base}/customers`, { type: 'company', name: 'Skyldner AS' });
    expectStatus(customer, 201, 'customer');
    const { agency } = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: `Regel Inkasso ${randomUUID().slice(0, 6)}` }),
    );
    expectStatus(
      await client.request('PUT', `${base}/agencies/${agency.id}/activation`, { active: true, isDefault: true }),
      200,
      'activate',
    );
    /** An invoice of 1 000 kr due `dueDate`; `letters`: [type, send date] sent through the API. */
    const invoice = async (
      dueDate: string,
      letters: Array<['reminder' | 'collection_notice', string]> = [],
    ): Promise<{ id: string; invoiceNumber: number; kid: string }> => {
      const inv = await client.post(`${base}/invoices`, {
        customerId: customer.body.id,
        issueDate: addDays(dueDate, -14),
        dueDate,
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: 80_000, vatRate: 25 }],
      });
      expectStatus(inv, 201, 'invoice');
      for (const [type, sendDate] of letters)
        expectStatus(await client.post(`${base}/invoices/${inv.body.id}/letters`, { type, sendDate }), 201, type);
      return inv.body;
    };
    const waitUntil = async (invoiceId: string, date: string | null) =>
      expectStatus(
        await client.post(`${base}/invoices/${invoiceId}/next-action`, {
          nextAction: 'wait',
          waitUntil: date,
          reason: 'Kunden har lovet å betale neste uke',
        }),
        201,
        'vent',
      );
    const handovers = (invoiceIds?: string[]) =>
      ctx.db
        .selectFrom('handovers')
        .select(['invoice_id', 'state', 'approval', 'collection_notice_by'])
        .where('company_id', '=', companyId)
        .$if(invoiceIds !== undefined, (q) => q.where('invoice_id', 'in', invoiceIds!))
        .orderBy('created_at')
        .execute();
    const available = async (invoiceId: string) =>
      (
        await ctx.db
          .selectFrom('invoice_events')
          .select('type')
          .where('invoice_id', '=', invoiceId)
          .where('type', '=', 'invoice.available')
          .execute()
      ).length;
    return { client, companyId, base, agency, customer: customer.body, invoice, waitUntil, handovers, available };
  }

  it('`collection approve --all-eligible` hands over only what the rules allow: no notice, a notice still running, «Vent til» a later date, an undated «Vent», a dispute all stay', async () => {
    const w = await world();
    const none = await w.invoice('2026-09-01');
    const reminderOnly = await w.invoice('2026-09-01', [['reminder', '2026-09-20']]);
    const ready = await w.invoice('2026-09-01', [
      ['reminder', '2026-09-20'],
      ['collection_notice', '2026-10-10'],
    ]); // notice deadline 2026-10-24: passed
    const waiting = await w.invoice('2026-09-01', [
      ['reminder', '2026-09-20'],
      ['collection_notice', '2026-10-10'],
    ]);
    await w.waitUntil(waiting.id, LATER); // a moment before the operator's run
    const running = await w.invoice('2026-09-01', [
      ['reminder', '2026-09-20'],
      ['collection_notice', '2026-11-10'],
    ]); // deadline 2026-11-24: still running
    const disputed = await w.invoice('2026-09-01', [
      ['reminder', '2026-09-20'],
      ['collection_notice', '2026-10-10'],
    ]);
    expectStatus(
      await w.client.post(`${w.base}/invoices/${disputed.id}/dispute`, { disputed: true, reason: 'Bestrider' }),
      201,
    );
    const undated = await w.invoice('2026-09-01', [
      ['reminder', '2026-09-20'],
      ['collection_notice', '2026-10-10'],
    ]);
    await w.waitUntil(undated.id, null); // «Vent»: the user decides

    const handed = await approveAllEligible(ctx.db, w.companyId, w.agency.id, TEST_TODAY);
    expect(handed.map((h) => h.id)).toEqual([ready.id]);
    expect(await w.handovers()).toEqual([
      { invoice_id: ready.id, state: 'approved', approval: 'operator', collection_notice_by: 'creditor' },
    ]);
    for (const inv of [none, reminderOnly, waiting, running, disputed, undated])
      expect(await w.available(inv.id)).toBe(0);
    expect(await w.available(ready.id)).toBe(1);
  });

  it('the accountant’s «send to collection» and the bulk actions refuse with the rule’s reason and figures, storing nothing', async () => {
    const w = await world();
    const none = await w.invoice('2026-09-01');
    const running = await w.invoice('2026-09-01', [['collection_notice', '2026-11-10']]);
    const waiting = await w.invoice('2026-09-01', [['collection_notice', '2026-10-10']]);
    await w.waitUntil(waiting.id, LATER);
    const ready = await w.invoice('2026-09-01', [['collection_notice', '2026-10-10']]);

    expectProblem(
      await w.client.post(`${w.base}/invoices/${none.id}/collection`, {}),
      422,
      'not_eligible',
      'no_notice',
    );
    const r = await w.client.post(`${w.base}/invoices/${running.id}/collection`, {});
    expectProblem(r, 422, 'not_eligible', 'notice_deadline');
    expect(r.body).toMatchObject({
      invoiceNumber: running.invoiceNumber,
      deadline: '2026-11-24',
      eligibleFrom: '2026-11-25',
    });
    const v = await w.client.post(`${w.base}/invoices/${waiting.id}/collection`, {});
    expectProblem(v, 422, 'not_eligible', 'waiting_until');
    expect(v.body).toMatchObject({ invoiceNumber: waiting.invoiceNumber, waitUntil: LATER });

    const bulk = await w.client.post(`${w.base}/reminder-list/actions`, {
      invoiceIds: [none.id, waiting.id, ready.id],
      action: 'collection',
    });
    expectStatus(bulk, 200, 'bulk');
    expect(bulk.body.results).toEqual([
      expect.objectContaining({ invoiceId: none.id, ok: false, code: 'not_eligible', reason: 'no_notice' }),
      expect.objectContaining({ invoiceId: waiting.id, ok: false, code: 'not_eligible', reason: 'waiting_until' }),
      expect.objectContaining({ invoiceId: ready.id, ok: true, action: 'collection' }),
    ]);
    expect(await w.handovers()).toEqual([
      { invoice_id: ready.id, state: 'draft', approval: null, collection_notice_by: 'creditor' },
    ]);
  });

  it('approval re-checks the rules: a «Vent» or a dispute recorded after the draft stops it, by hand and in the daily run’s auto-approval', async () => {
    const w = await world();
    const a = await w.invoice('2026-09-01', [['collection_notice', '2026-10-10']]);
    const b = await w.invoice('2026-09-01', [['collection_notice', '2026-10-10']]);
    const c = await w.invoice('2026-09-01', [['collection_notice', '2026-10-10']]);
    const draft = async (id: string) => {
      const res = await w.client.post(`${w.base}/invoices/${id}/collection`, {});
      expectStatus(res, 201, 'draft');
      return res.body.id as string;
    };
    const [da, db, dc] = [await draft(a.id), await draft(b.id), await draft(c.id)];

    await w.waitUntil(a.id, LATER); // after the draft was made
    const refused = await w.client.post(`${w.base}/handovers/${da}/approve`);
    expectProblem(refused, 422, 'not_eligible', 'waiting_until');
    expect(refused.body.waitUntil).toBe(LATER);
    expectStatus(
      await w.client.post(`${w.base}/invoices/${b.id}/dispute`, { disputed: true, reason: 'Bestrider' }),
      201,
    );
    expectProblem(await w.client.post(`${w.base}/handovers/${db}/approve`), 422, 'not_eligible', 'disputed');

    // The daily run's auto-approval: only the draft the rules still allow.
    expectStatus(await w.client.patch(`${w.base}/dunning-settings`, { autoApprove: true }), 200);
    const run = await runDaily(ctx.db, w.companyId, TEST_TODAY);
    expect(run).toMatchObject({ ran: true, autoApproved: 1 });
    expect(await w.handovers()).toEqual([
      { invoice_id: a.id, state: 'draft', approval: null, collection_notice_by: 'creditor' },
      { invoice_id: b.id, state: 'draft', approval: null, collection_notice_by: 'creditor' },
      { invoice_id: c.id, state: 'approved', approval: 'auto', collection_notice_by: 'creditor' },
    ]);
    expect([await w.available(a.id), await w.available(b.id), await w.available(c.id)]).toEqual([0, 0, 1]);
    expect(dc).toEqual(expect.any(String));
  });

  it('where the agency sends the notice, an invoice goes without one, and the handover says the agency sends it', async () => {
    const w = await world({ sendsOwnCollectionNotice: false });
    const inv = await w.invoice('2026-09-01');
    const res = await w.client.post(`${w.base}/invoices/${inv.id}/collection`, {});
    expectStatus(res, 201, 'draft');
    expect(res.body).toMatchObject({ state: 'draft', collectionNoticeBy: 'agency' });
    expect(await w.handovers()).toEqual([
      { invoice_id: inv.id, state: 'draft', approval: null, collection_notice_by: 'agency' },
    ]);
  });

  it('refuses every voucher dated after today (422 validation_failed, date_in_future), storing nothing', async () => {
    const w = await world();
    const inv = await w.invoice('2026-09-01');
    const today = osloToday();
    const tomorrow = addDays(today, 1);
    const vouchers = async () =>
      (
        await ctx.db
          .selectFrom('vouchers')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('company_id', '=', w.companyId)
          .executeTakeFirstOrThrow()
      ).n;
    const before = await vouchers();
    const future = (res: ApiResponse, label: string) => {
      expectProblem(res, 422, 'validation_failed', 'date_in_future', label);
      expect(res.body, label).toMatchObject({ date: tomorrow, today });
    };
    future(
      await w.client.post(`${w.base}/payments`, { kid: inv.kid, amount: 10_000, paymentDate: tomorrow }),
      'payment',
    );
    future(await w.client.post(`${w.base}/invoices/${inv.id}/credit-notes`, { issueDate: tomorrow }), 'credit note');
    future(
      await w.client.post(`${w.base}/invoices/${inv.id}/write-off`, { date: tomorrow, reason: 'Tap' }),
      'write-off',
    );
    future(
      await w.client.post(`${w.base}/vouchers`, {
        date: tomorrow,
        description: 'Fram i tid',
        lines: [
          { account: 1920, side: 'debit', amount: 10_000 },
          { account: 3000, side: 'credit', amount: 10_000 },
        ],
      }),
      'manual voucher',
    );
    future(
      await w.client.post(`${w.base}/invoices`, {
        customerId: w.customer.id,
        issueDate: tomorrow,
        dueDate: addDays(tomorrow, 14),
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: 80_000, vatRate: 25 }],
      }),
      'invoice',
    );
    // A reminder fee: the letter route refuses a future send date first; the service itself too.
    const fee = await inTransaction(ctx.db, (trx) =>
      sendLetter(trx, w.companyId, inv.id, { type: 'reminder', sendDate: tomorrow }, { type: 'system', id: null }),
    ).catch((e: unknown) => e);
    expect(fee).toBeInstanceOf(AppError);
    expect((fee as AppError).extra).toEqual({ reason: 'date_in_future', date: tomorrow, today });
    expect((fee as AppError).status).toBe(422);

    expect(await vouchers()).toBe(before);
    const rows = async (table: 'payments' | 'credit_notes' | 'reminders') =>
      (await ctx.db.selectFrom(table).select('id').where('company_id', '=', w.companyId).execute()).length;
    expect([await rows('payments'), await rows('credit_notes'), await rows('reminders')]).toEqual([0, 0, 0]);
    const open = await w.client.get(`${w.base}/invoices/${inv.id}`);
    expect(open.body.openAmount).toBe(100_000);
  });
});
