import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { createAgency } from '../../src/agencies/agency.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { recordDecision } from '../../src/dunning/dunning.service.js';
import { addDays } from '../../src/shared/dates.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, getBinary, TEST_TODAY, useTestApp } from '../support/http.js';

/*
 * The reminder list (purreliste), letters, overrides and the handover to collection over HTTP.
 * The rules themselves are tested at the service level (test/integration/dunning.test.ts); here:
 * routes, roles, CSRF, tenancy, validation, problem answers, PDFs, and the state each call leaves.
 * «Today» is TEST_TODAY (2026-11-20): the inkassosats is 700 kr, so the fee cap is 35,00 kr,
 * and the late-payment interest is 12.00 %.
 */

const PASSWORD = 'correct horse battery staple';
let emailCounter = 0;
const uniqueEmail = (who: string) => `${who}-${++emailCounter}-${randomUUID().slice(0, 8)}@example.no`;

const TODAY = TEST_TODAY;
const FEE_CAP = 3_500; // 700 kr / 20, the inkassosats of 2026 (unchanged since 2017)
const DEFAULTS = {
  firstReminderAfterDays: 14,
  reminderFeeEnabled: true,
  reminderFeeAmount: null,
  remindersBeforeCollection: 1,
  sendsOwnCollectionNotice: true,
  paymentDeadlineDays: 14,
  autoApprove: false,
  settlementsNeedApproval: false,
};

/** Tables the dunning and handover routes write to, counted per company. */
const TABLES = [
  'reminders',
  'dunning_decisions',
  'handovers',
  'vouchers',
  'postings',
  'open_items',
  'invoice_events',
  'agency_activations',
  'dunning_settings',
  'daily_runs',
] as const;
type Counts = Record<(typeof TABLES)[number], number>;

function expectProblem(res: ApiResponse, status: number, code?: string, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toMatchObject({
    type: expect.stringMatching(/^urn:innfri:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code: expect.any(String),
  });
  if (code) expect(res.body.code, label).toBe(code);
}

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(status);
}

/** The PDF's text as pdf.js reads it, whitespace runs (no-break spaces too) collapsed to one space. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe.each(BACKENDS)('the reminder list and handover API on %s', (backend) => {
  const ctx = useTestApp(backend);

  async function counts(companyId: string): Promise<Counts> {
    const out: Partial<Counts> = {};
    for (const t of TABLES) {
      const r = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(t)} where company_id = ${companyId}`.execute(ctx.db);
      out[t] = r.rows[0]!.n;
    }
    return out as Counts;
  }

  async function signUp(who = 'admin'): Promise<{ client: ApiClient; email: string; userId: string }> {
    const email = uniqueEmail(who);
    const user = await inTransaction(ctx.db, (trx) =>
      createUser(trx, { email, name: `Test ${who}`, password: PASSWORD }),
    );
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, 'login');
    return { client, email, userId: user.id };
  }

  async function member(
    adminClient: ApiClient,
    companyId: string,
    role: 'viewer' | 'accountant' | 'admin',
  ): Promise<ApiClient> {
    const email = uniqueEmail(role);
    const res = await adminClient.post(`/companies/${companyId}/users`, {
      email,
      name: `Test ${role}`,
      role,
      password: PASSWORD,
    });
    expectStatus(res, 200, `add ${role}`);
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, `login ${role}`);
    return client;
  }

  async function customer(
    client: ApiClient,
    base: string,
    name = 'Kunde AS',
    extra: Record<string, unknown> = {},
  ): Promise<any> {
    const res = await client.post(`${base}/customers`, {
      type: 'company',
      name,
      organizationNumber: uniqueOrgnr(),
      ...extra,
    });
    expectStatus(res, 201, 'create customer');
    return res.body;
  }

  async function newAgency(name = `Byrå ${randomUUID().slice(0, 8)}`) {
    return inTransaction(ctx.db, (trx) => createAgency(trx, { name }));
  }

  /**
   * An admin with a company of its own and a customer; with `agency`, an agency created by an
   * operator and activated over HTTP as the company's default.
   */
  async function world(options: { agency?: boolean; name?: string; agencySendsNotice?: boolean } = {}) {
    const admin = await signUp('admin');
    const res = await admin.client.post('/companies', {
      name: options.name ?? 'Purrefirma AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(res, 201, 'create company');
    const company = res.body;
    const base = `/companies/${company.id as string}`;
    const kunde = await customer(admin.client, base);
    if (options.agencySendsNotice)
      expectStatus(
        await admin.client.patch(`${base}/dunning-settings`, { sendsOwnCollectionNotice: false }),
        200,
        'notices by the agency',
      );
    let agency: { id: string; name: string } | null = null;
    if (options.agency) {
      agency = await newAgency();
      expectStatus(
        await admin.client.request('PUT', `${base}/agencies/${agency.id}/activation`, {
          active: true,
          isDefault: true,
        }),
        200,
        'activate agency',
      );
    }
    const client = admin.client;
    /** An invoice of `net` øre at 25 % VAT, issued 14 days before it is due. */
    const invoice = async (dueDate: string, net = 80_000, customerId: string = kunde.id): Promise<any> => {
      const r = await client.post(`${base}/invoices`, {
        customerId,
        issueDate: addDays(dueDate, -14),
        dueDate,
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: net, vatRate: 25 }],
      });
      expectStatus(r, 201, 'create invoice');
      return r.body;
    };
    const letter = async (
      invoiceId: string,
      type: 'reminder' | 'collection_notice',
      sendDate?: string,
    ): Promise<any> => {
      const r = await client.post(`${base}/invoices/${invoiceId}/letters`, sendDate ? { type, sendDate } : { type });
      expectStatus(r, 201, `send ${type}`);
      return r.body;
    };
    const pay = async (kid: string, amount: number, paymentDate: string) =>
      expectStatus(await client.post(`${base}/payments`, { kid, amount, paymentDate }), 201, 'payment');
    const list = async (query = ''): Promise<any[]> => {
      const r = await client.get(`${base}/reminder-list${query}`);
      expectStatus(r, 200, `reminder-list${query}`);
      return r.body.data;
    };
    const item = async (invoiceId: string): Promise<any> => (await list()).find((i) => i.invoiceId === invoiceId);
    const events = async (invoiceId: string): Promise<any[]> => {
      const r = await client.get(`${base}/invoice-events?limit=1000`);
      expectStatus(r, 200, 'invoice-events');
      return r.body.data.filter((e: any) => e.invoiceId === invoiceId);
    };
    return { ...admin, company, base, kunde, agency, invoice, letter, pay, list, item, events };
  }

  async function handoverRow(id: string) {
    return ctx.db
      .selectFrom('handovers')
      .select(['state', 'agency_id', 'approval', 'end_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function lettersOf(invoiceId: string): Promise<number> {
    const r = await ctx.db
      .selectFrom('reminders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('invoice_id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ------------------------------------------------------------------ settings

  describe('dunning settings', () => {
    it('answers the defaults, lets an admin change them, and refuses a fixed fee above the cap in force today (nothing changed)', async () => {
      const w = await world({ agency: false });
      const defaults = await w.client.get(`${w.base}/dunning-settings`);
      expectStatus(defaults, 200);
      expect(defaults.body).toEqual(DEFAULTS);
      expect(
        await ctx.db
          .selectFrom('dunning_settings')
          .select('company_id')
          .where('company_id', '=', w.company.id)
          .execute(),
      ).toEqual([]);

      const changed = await w.client.patch(`${w.base}/dunning-settings`, {
        firstReminderAfterDays: 10,
        reminderFeeAmount: 2_500,
        paymentDeadlineDays: 21,
      });
      expectStatus(changed, 200);
      const expected = { ...DEFAULTS, firstReminderAfterDays: 10, reminderFeeAmount: 2_500, paymentDeadlineDays: 21 };
      expect(changed.body).toEqual(expected);
      expect((await w.client.get(`${w.base}/dunning-settings`)).body).toEqual(expected);
      const row = await ctx.db
        .selectFrom('dunning_settings')
        .selectAll()
        .where('company_id', '=', w.company.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        first_reminder_after_days: 10,
        reminder_fee_amount: 2_500,
        payment_deadline_days: 21,
        reminder_fee_enabled: true,
        auto_approve: false,
      });

      // Above the cap of today (35,00 kr): 400 naming the cap; nothing changes.
      const above = await w.client.patch(`${w.base}/dunning-settings`, {
        reminderFeeAmount: FEE_CAP + 1,
        autoApprove: true,
      });
      expectProblem(above, 400, 'validation_failed');
      expect(above.body.detail).toContain(String(FEE_CAP));
      expect(above.body.cap).toBe(FEE_CAP);
      expect(above.body).toMatchObject({ reason: 'fee_above_cap', feeAmount: FEE_CAP + 1, capAmount: FEE_CAP });
      expect((await w.client.get(`${w.base}/dunning-settings`)).body).toEqual(expected);
      // Exactly the cap is allowed, and null means «always the cap».
      expect(
        (await w.client.patch(`${w.base}/dunning-settings`, { reminderFeeAmount: FEE_CAP })).body.reminderFeeAmount,
      ).toBe(FEE_CAP);
      expect(
        (await w.client.patch(`${w.base}/dunning-settings`, { reminderFeeAmount: 2_500 })).body.reminderFeeAmount,
      ).toBe(2_500);

      // The company's own fee, below the cap, is what a letter carries; its deadline follows the setting.
      const inv = await w.invoice('2026-10-01');
      const sent = await w.letter(inv.id, 'reminder');
      expect(sent).toMatchObject({ feeAmount: 2_500, dueDate: addDays(TODAY, 21) });
      const fixed = await w.client.patch(`${w.base}/dunning-settings`, { reminderFeeAmount: null });
      expect(fixed.body).toEqual({ ...expected, reminderFeeAmount: null });
      expect(
        (
          await ctx.db
            .selectFrom('dunning_settings')
            .select('reminder_fee_amount')
            .where('company_id', '=', w.company.id)
            .executeTakeFirstOrThrow()
        ).reminder_fee_amount,
      ).toBeNull();
    });

    it('lets only an admin change them (accountant 403), refuses unknown and out-of-range fields, and lets every member read them', async () => {
      const w = await world({ agency: false });
      const accountant = await member(w.client, w.company.id, 'accountant');
      const viewer = await member(w.client, w.company.id, 'viewer');
      expectProblem(await accountant.patch(`${w.base}/dunning-settings`, { autoApprove: true }), 403, 'forbidden');
      expectProblem(await viewer.patch(`${w.base}/dunning-settings`, { autoApprove: true }), 403, 'forbidden');
      expect((await accountant.get(`${w.base}/dunning-settings`)).body).toEqual(DEFAULTS);
      expect((await viewer.get(`${w.base}/dunning-settings`)).body).toEqual(DEFAULTS);
      for (const [label, body] of [
        ['unknown field', { reminderFee: 100 }],
        ['deadline below 14 days', { paymentDeadlineDays: 13 }],
        ['negative fee', { reminderFeeAmount: -1 }],
        ['fractional fee', { reminderFeeAmount: 12.5 }],
        ['four reminders', { remindersBeforeCollection: 4 }],
        ['fee as a string', { reminderFeeAmount: '3750' }],
      ] as const) {
        expectProblem(await w.client.patch(`${w.base}/dunning-settings`, body), 400, 'validation_failed', label);
      }
      expect(
        await ctx.db
          .selectFrom('dunning_settings')
          .select('company_id')
          .where('company_id', '=', w.company.id)
          .execute(),
      ).toEqual([]);
      expect((await w.client.get(`${w.base}/dunning-settings`)).body).toEqual(DEFAULTS);
    });
  });

  // ------------------------------------------------------------------ agencies

  describe('agencies', () => {
    it('lists a new agency as inactive, activates it as the default (admin only), and answers 404 for an unknown agency', async () => {
      const w = await world({ agency: false });
      const accountant = await member(w.client, w.company.id, 'accountant');
      const agency = await newAgency('Kredinor test');
      const listed = await w.client.get(`${w.base}/agencies`);
      expectStatus(listed, 200);
      expect(listed.body.data.find((a: any) => a.id === agency.id)).toMatchObject({
        id: agency.id,
        name: 'Kredinor test',
        active: false,
        isDefault: false,
      });
      expect(listed.body.data.every((a: any) => a.active === false)).toBe(true);

      expectProblem(
        await accountant.request('PUT', `${w.base}/agencies/${agency.id}/activation`, {
          active: true,
          isDefault: true,
        }),
        403,
        'forbidden',
      );
      expect(
        await ctx.db
          .selectFrom('agency_activations')
          .select('agency_id')
          .where('company_id', '=', w.company.id)
          .execute(),
      ).toEqual([]);
      expectProblem(
        await w.client.request('PUT', `${w.base}/agencies/${randomUUID()}/activation`, { active: true }),
        404,
        'not_found',
      );
      expectProblem(
        await w.client.request('PUT', `${w.base}/agencies/not-a-uuid/activation`, { active: true }),
        404,
        'not_found',
      );
      const inactiveDefault = await w.client.request('PUT', `${w.base}/agencies/${agency.id}/activation`, {
        active: false,
        isDefault: true,
      });
      expectProblem(inactiveDefault, 400, 'validation_failed');
      expect(inactiveDefault.body).toMatchObject({
        detail: 'an inactive agency cannot be the default',
        reason: 'inactive_default',
      });
      expect(
        await ctx.db
          .selectFrom('agency_activations')
          .select('agency_id')
          .where('company_id', '=', w.company.id)
          .execute(),
      ).toEqual([]);

      const activated = await w.client.request('PUT', `${w.base}/agencies/${agency.id}/activation`, {
        active: true,
        isDefault: true,
      });
      expectStatus(activated, 200);
      expect(activated.body).toMatchObject({ id: agency.id, active: true, isDefault: true });
      expect(
        await ctx.db
          .selectFrom('agency_activations')
          .select(['agency_id', 'active', 'is_default', 'changed_by'])
          .where('company_id', '=', w.company.id)
          .execute(),
      ).toEqual([{ agency_id: agency.id, active: true, is_default: true, changed_by: w.userId }]);
      // Another agency made the default takes the flag; there is one default at most.
      const second = await newAgency('Intrum test');
      expectStatus(
        await w.client.request('PUT', `${w.base}/agencies/${second.id}/activation`, { active: true, isDefault: true }),
        200,
      );
      const after = (await accountant.get(`${w.base}/agencies`)).body.data;
      expect(after.find((a: any) => a.id === agency.id)).toMatchObject({ active: true, isDefault: false });
      expect(after.find((a: any) => a.id === second.id)).toMatchObject({ active: true, isDefault: true });
      // Activation is per company: another company still sees both as inactive.
      const other = await world({ agency: false });
      const theirs = (await other.client.get(`${other.base}/agencies`)).body.data;
      expect(theirs.find((a: any) => a.id === agency.id)).toMatchObject({ active: false, isDefault: false });
      expect(theirs.find((a: any) => a.id === second.id)).toMatchObject({ active: false, isDefault: false });
    });
  });

  // ------------------------------------------------------------------ the list

  describe('the reminder list', () => {
    /** Five overdue invoices, created out of due-date order, two not overdue, one paid, one of another customer. */
    async function listWorld() {
      const w = await world({ agency: true });
      const kunde2 = await customer(w.client, w.base, 'Annen Kunde AS');
      const a = await w.invoice('2026-10-01'); // 50 days overdue, no letter: reminder
      const b = await w.invoice('2026-11-10', 40_000, kunde2.id); // 10 days: before the first reminder
      const c = await w.invoice('2026-08-01'); // reminder and notice sent, both deadlines over: collection
      await w.letter(c.id, 'reminder', '2026-08-20');
      await w.letter(c.id, 'collection_notice', '2026-09-10');
      const d = await w.invoice('2026-11-19'); // 1 day overdue
      const e = await w.invoice('2026-09-15'); // a reminder whose deadline is over: collection notice
      await w.letter(e.id, 'reminder', '2026-10-01');
      await w.invoice(TODAY); // due today: not overdue
      await w.invoice('2026-12-01'); // not due
      const paid = await w.invoice('2026-09-01');
      await w.pay(paid.kid, 100_000, '2026-09-20');
      return { ...w, kunde2, a, b, c, d, e };
    }

    it('lists only overdue, open invoices of the company by due date, with next action, interest and days overdue', async () => {
      const w = await listWorld();
      const other = await world({ agency: false, name: 'Annet Firma AS' });
      const theirs = await other.invoice('2026-09-01');
      const items = await w.list();
      expect(items.map((i) => i.invoiceId)).toEqual([w.c.id, w.e.id, w.a.id, w.b.id, w.d.id]);
      const byId = new Map(items.map((i) => [i.invoiceId, i]));
      // 1 000,00 kr × 50 days × 12 % / 365 = 16,438 kr
      expect(byId.get(w.a.id)).toMatchObject({
        invoiceNumber: w.a.invoiceNumber,
        customerId: w.kunde.id,
        customerName: 'Kunde AS',
        dueDate: '2026-10-01',
        kid: w.a.kid,
        totalAmount: 100_000,
        openAmount: 100_000,
        daysOverdue: 50,
        interestAmount: 1_644,
        interestFrom: '2026-10-02',
        feesOpenAmount: 0,
        letters: [],
        decision: null,
        next: {
          nextAction: 'reminder',
          code: 'reminder_due',
          waitUntil: null,
          eligibleForCollectionFrom: '2026-10-15',
          overridden: false,
        },
      });
      // 500,00 kr × 10 days × 12 % / 365 = 1,64 kr
      expect(byId.get(w.b.id)).toMatchObject({
        customerId: w.kunde2.id,
        customerName: 'Annen Kunde AS',
        daysOverdue: 10,
        interestAmount: 164,
        next: { nextAction: 'wait', code: 'before_first_reminder', waitUntil: '2026-11-24' },
      });
      // 1 000,00 kr × 111 days × 12 % / 365 = 36,49 kr; two fees of 37,50 kr open
      expect(byId.get(w.c.id)).toMatchObject({
        daysOverdue: 111,
        interestAmount: 3_649,
        feesOpenAmount: 2 * FEE_CAP,
        next: { nextAction: 'collection', code: 'collection_due', eligibleForCollectionFrom: '2026-09-25' },
      });
      expect(byId.get(w.c.id).letters.map((l: any) => [l.type, l.sentDate, l.dueDate, l.feeAmount])).toEqual([
        ['reminder', '2026-08-20', '2026-09-03', FEE_CAP],
        ['collection_notice', '2026-09-10', '2026-09-24', FEE_CAP],
      ]);
      expect(byId.get(w.d.id)).toMatchObject({
        daysOverdue: 1,
        interestAmount: 33,
        next: { nextAction: 'wait', code: 'before_first_reminder', waitUntil: '2026-12-03' },
      });
      expect(byId.get(w.e.id)).toMatchObject({
        daysOverdue: 66,
        next: { nextAction: 'collection_notice', code: 'collection_notice_due' },
      });
      // Another company's overdue invoice is on its own list only.
      expect(items.some((i) => i.invoiceId === theirs.id)).toBe(false);
      expect((await other.list()).map((i) => i.invoiceId)).toEqual([theirs.id]);
      const foreign = await w.client.get(`${w.base}/reminder-list?customerId=${other.kunde.id as string}`);
      expectStatus(foreign, 200);
      expect(foreign.body).toEqual({ data: [], nextCursor: null });
    });

    it('pages with limit=1 and the cursor, and filters by next action and customer', async () => {
      const w = await listWorld();
      const all = (await w.list()).map((i) => i.invoiceId);
      expect(all).toHaveLength(5);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const res: ApiResponse = await w.client.get(
          `${w.base}/reminder-list?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expectStatus(res, 200, `page ${i}`);
        expect(res.body.data.length).toBeLessThanOrEqual(1);
        seen.push(...res.body.data.map((x: any) => x.invoiceId));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(seen).toEqual(all);

      expect((await w.list('?nextAction=reminder')).map((i) => i.invoiceId)).toEqual([w.a.id]);
      expect((await w.list('?nextAction=collection_notice')).map((i) => i.invoiceId)).toEqual([w.e.id]);
      expect((await w.list('?nextAction=collection')).map((i) => i.invoiceId)).toEqual([w.c.id]);
      expect((await w.list('?nextAction=wait')).map((i) => i.invoiceId)).toEqual([w.b.id, w.d.id]);
      // The filter pages too.
      const first = await w.client.get(`${w.base}/reminder-list?nextAction=wait&limit=1`);
      expect(first.body.data.map((x: any) => x.invoiceId)).toEqual([w.b.id]);
      const second = await w.client.get(
        `${w.base}/reminder-list?nextAction=wait&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expect(second.body.data.map((x: any) => x.invoiceId)).toEqual([w.d.id]);

      expect((await w.list(`?customerId=${w.kunde2.id as string}`)).map((i) => i.invoiceId)).toEqual([w.b.id]);
      expect((await w.list(`?customerId=${w.kunde.id as string}&nextAction=wait`)).map((i) => i.invoiceId)).toEqual([
        w.d.id,
      ]);
      expect(await w.list(`?customerId=${randomUUID()}`)).toEqual([]);

      for (const bad of [
        '?nextAction=purring',
        '?customerId=nope',
        '?limit=0',
        '?limit=1001',
        '?cursor=not-a-cursor!',
        `?cursor=${Buffer.from(JSON.stringify({ x: 1 })).toString('base64url')}`,
      ]) {
        expectProblem(await w.client.get(`${w.base}/reminder-list${bad}`), 400, 'validation_failed', bad);
      }
    });
  });

  // ------------------------------------------------------------------ letters

  describe('letters', () => {
    it('sends a reminder: 201 with the capped fee and a 14-day deadline, posts the fee voucher, and shows it on the invoice', async () => {
      const w = await world({ agency: false });
      const inv = await w.invoice('2026-10-01', 100_000); // 1 250,00 kr
      await w.pay(inv.kid, 2_550, '2026-10-10'); // 1 224,50 kr left
      const before = await counts(w.company.id);
      const res = await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'reminder' });
      expectStatus(res, 201);
      const letter = res.body;
      expect(letter).toMatchObject({
        invoiceId: inv.id,
        type: 'reminder',
        sequence: 1,
        sentDate: TODAY,
        dueDate: addDays(TODAY, 14),
        feeAmount: FEE_CAP,
        channel: 'letter',
        voucherId: expect.any(String),
        feeEntryId: expect.any(Number),
        feeReason: expect.any(String),
      });
      expect(letter.dueDate).toBe('2026-12-04');
      const after = await counts(w.company.id);
      expect(after).toMatchObject({
        reminders: before.reminders + 1,
        vouchers: before.vouchers + 1,
        postings: before.postings + 2,
        open_items: before.open_items + 1,
      });
      const row = await ctx.db
        .selectFrom('reminders')
        .selectAll()
        .where('id', '=', letter.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        company_id: w.company.id,
        invoice_id: inv.id,
        type: 'reminder',
        sequence: 1,
        sent_date: TODAY,
        due_date: '2026-12-04',
        fee_amount: FEE_CAP,
        voucher_id: letter.voucherId,
        created_by: w.userId,
      });

      // The fee voucher: Dr 1500 on the customer (due with the letter), Cr fee income.
      const voucher = await w.client.get(`${w.base}/vouchers/${letter.voucherId as string}`);
      expectStatus(voucher, 200);
      expect(voucher.body).toMatchObject({
        id: letter.voucherId,
        type: 'reminder_fee',
        date: TODAY,
        createdBy: w.userId,
      });
      expect(voucher.body.postings.map((p: any) => [p.account, p.amount, p.customerId])).toEqual([
        [1500, FEE_CAP, w.kunde.id],
        [3900, -FEE_CAP, null],
      ]);
      expect(voucher.body.postings[0]).toMatchObject({ id: letter.feeEntryId, dueDate: '2026-12-04' });
      const feeItem = await ctx.db
        .selectFrom('open_items')
        .select('open_amount')
        .where('posting_id', '=', letter.feeEntryId)
        .executeTakeFirstOrThrow();
      expect(feeItem.open_amount).toBe(FEE_CAP);
      expect(
        (
          await ctx.db
            .selectFrom('open_items')
            .select('open_amount')
            .where('posting_id', '=', inv.receivableEntryId)
            .executeTakeFirstOrThrow()
        ).open_amount,
      ).toBe(122_450);

      // GET …/dunning: the letter, and the next action waits for its deadline.
      const state = await w.client.get(`${w.base}/invoices/${inv.id as string}/dunning`);
      expectStatus(state, 200);
      const { invoiceId: _i, feeReason: _r, ...recorded } = letter;
      expect(state.body.onList).toBe(true);
      expect(state.body.letters).toEqual([recorded]);
      expect(state.body.decisions).toEqual([]);
      // Interest: 1 250,00 kr for 9 days, then 1 224,50 kr for 41 days, at 12 %: 20,20 kr
      expect(state.body.item).toMatchObject({
        openAmount: 122_450,
        feesOpenAmount: FEE_CAP,
        interestAmount: 2_020,
        letters: [recorded],
        next: {
          nextAction: 'wait',
          code: 'letter_deadline_running',
          waitUntil: '2026-12-05',
          eligibleForCollectionFrom: '2026-12-05',
        },
      });

      // The letter as a PDF: number, KID, amounts as «kr 1 234,50», dates as dd.mm.yyyy.
      const pdf = await getBinary(w.client, `${w.base}/letters/${letter.id as string}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toBe(
        `inline; filename="purring-1-faktura-${inv.invoiceNumber as number}.pdf"`,
      );
      expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(pdf.bytes);
      expect(text).toContain('Purring');
      expect(text).toContain(`Fakturanummer ${inv.invoiceNumber as number}`);
      expect(text).toContain(`KID ${inv.kid as string}`);
      expect(text).toContain(`Faktura ${inv.invoiceNumber as number} av 17.09.2026 01.10.2026 kr 1 250,00 kr 1 224,50`);
      expect(text).toContain('Purregebyr kr 35,00');
      expect(text).toContain('Å betale kr 1 259,50');
      expect(text).toContain('Dato 20.11.2026');
      expect(text).toContain('Betalingsfrist 04.12.2026');
      expect(text).toContain('kr 20,20');

      // The invoice as a PDF.
      const invoicePdf = await getBinary(w.client, `${w.base}/invoices/${inv.id as string}/pdf`);
      expect(invoicePdf.status).toBe(200);
      expect(invoicePdf.headers.get('content-type')).toBe('application/pdf');
      const invoiceText = await pdfText(invoicePdf.bytes);
      expect(invoiceText).toContain(`Fakturanummer ${inv.invoiceNumber as number}`);
      expect(invoiceText).toContain(`KID ${inv.kid as string}`);
      expect(invoiceText).toContain('Å betale kr 1 250,00');
      expect(invoiceText).toContain('Forfallsdato 01.10.2026');

      expectProblem(await w.client.get(`${w.base}/letters/${randomUUID()}/pdf`), 404, 'not_found');
      expectProblem(await w.client.get(`${w.base}/invoices/${randomUUID()}/pdf`), 404, 'not_found');
    });

    it('refuses a second letter while the deadline runs, a future send date, and a letter on an invoice not overdue; nothing is stored', async () => {
      const w = await world({ agency: false });
      const inv = await w.invoice('2026-10-01');
      const first = await w.letter(inv.id, 'reminder');
      const notDue = await w.invoice('2026-11-25');
      const before = await counts(w.company.id);
      const again = await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'reminder' });
      expectProblem(again, 422, 'letter_not_allowed');
      expect(again.body.detail).toContain('2026-12-04');
      // The reason as a code with its figures, for a client to say in its own language.
      expect(again.body).toMatchObject({ reason: 'previous_deadline', dueDate: '2026-12-04' });
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'collection_notice' }),
        422,
        'letter_not_allowed',
      );
      const future = await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, {
        type: 'reminder',
        sendDate: addDays(TODAY, 1),
      });
      expectProblem(future, 400, 'validation_failed');
      expect(future.body).toMatchObject({ reason: 'send_date_in_future', sendDate: addDays(TODAY, 1), today: TODAY });
      const notOverdue = await w.client.post(`${w.base}/invoices/${notDue.id as string}/letters`, { type: 'reminder' });
      expectProblem(notOverdue, 422, 'letter_not_allowed');
      expect(notOverdue.body).toMatchObject({
        reason: 'not_overdue',
        invoiceNumber: notDue.invoiceNumber,
        dueDate: '2026-11-25',
      });
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'purring' }),
        400,
        'validation_failed',
      );
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'reminder', fee: 10 }),
        400,
        'validation_failed',
      );
      expectProblem(
        await w.client.post(`${w.base}/invoices/${randomUUID()}/letters`, { type: 'reminder' }),
        404,
        'not_found',
      );
      expect(await counts(w.company.id)).toEqual(before);
      const state = (await w.client.get(`${w.base}/invoices/${inv.id as string}/dunning`)).body;
      expect(state.letters.map((l: any) => l.id)).toEqual([first.id]);
    });
  });

  describe('idempotency and state reads', () => {
    it('answers a repeated letter, handover or approval with the same Idempotency-Key once, with the first answer', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const inv = await w.invoice('2026-10-01');
      const toCollect = await w.invoice('2026-09-01');
      const before = await counts(w.company.id);
      const first = await w.client.post(
        `${w.base}/invoices/${inv.id as string}/letters`,
        { type: 'reminder' },
        { 'idempotency-key': 'letter-1' },
      );
      expectStatus(first, 201);
      const again = await w.client.post(
        `${w.base}/invoices/${inv.id as string}/letters`,
        { type: 'reminder' },
        { 'idempotency-key': 'letter-1' },
      );
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      expect(await lettersOf(inv.id)).toBe(1);
      // Without the key, the second is refused: the deadline runs.
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'reminder' }),
        422,
        'letter_not_allowed',
      );
      expectProblem(
        await w.client.post(
          `${w.base}/invoices/${inv.id as string}/letters`,
          { type: 'collection_notice' },
          { 'idempotency-key': 'letter-1' },
        ),
        409,
        'idempotency_key_reused',
      );

      const draft = await w.client.post(
        `${w.base}/invoices/${toCollect.id as string}/collection`,
        {},
        { 'idempotency-key': 'collect-1' },
      );
      expectStatus(draft, 201);
      const draftAgain = await w.client.post(
        `${w.base}/invoices/${toCollect.id as string}/collection`,
        {},
        { 'idempotency-key': 'collect-1' },
      );
      expectStatus(draftAgain, 201);
      expect(draftAgain.body).toEqual(draft.body);
      const approve = await w.client.post(`${w.base}/handovers/${draft.body.id as string}/approve`, undefined, {
        'idempotency-key': 'approve-1',
      });
      expectStatus(approve, 200);
      const approveAgain = await w.client.post(`${w.base}/handovers/${draft.body.id as string}/approve`, undefined, {
        'idempotency-key': 'approve-1',
      });
      expectStatus(approveAgain, 200);
      expect(approveAgain.body).toEqual(approve.body);
      expectProblem(
        await w.client.post(`${w.base}/handovers/${draft.body.id as string}/approve`),
        409,
        'invalid_transition',
      );
      expect(await counts(w.company.id)).toMatchObject({
        reminders: before.reminders + 1,
        vouchers: before.vouchers + 1,
        handovers: 1,
      });
      expect((await w.events(toCollect.id)).map((e) => e.type)).toEqual(['invoice.available']);
    });

    it('answers the dunning state of an invoice not on the list, and 404 for an unknown one', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const notDue = await w.invoice('2026-12-01');
      const state = await w.client.get(`${w.base}/invoices/${notDue.id as string}/dunning`);
      expectStatus(state, 200);
      expect(state.body).toEqual({ onList: false, item: null, letters: [], decisions: [] });
      expectProblem(await w.client.get(`${w.base}/invoices/${randomUUID()}/dunning`), 404, 'not_found');
      expectProblem(await w.client.get(`${w.base}/invoices/not-a-uuid/dunning`), 404, 'not_found');
    });

    it('refuses to approve a draft whose invoice was paid meantime (422), and the daily run leaves it', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const inv = await w.invoice('2026-10-01');
      const draft = (await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {})).body;
      await w.pay(inv.kid, 100_000, TODAY);
      expectProblem(await w.client.post(`${w.base}/handovers/${draft.id as string}/approve`), 422, 'not_eligible');
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'draft', approval: null });
      expectStatus(await w.client.patch(`${w.base}/dunning-settings`, { autoApprove: true }), 200);
      expect((await w.client.post(`${w.base}/daily-run`)).body).toMatchObject({ ran: true, autoApproved: 0 });
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'draft' });
      expect((await w.events(inv.id)).map((e) => e.type)).not.toContain('invoice.available');
      // It can still be taken off the draft list.
      expectStatus(await w.client.post(`${w.base}/handovers/${draft.id as string}/reject`, { reason: 'Betalt' }), 200);
    });
  });

  // ------------------------------------------------------------------ overrides

  describe('overriding the next action', () => {
    it('sets «Vent» until a date (shown on the list with the decision), refuses a date not after today, and clears with null', async () => {
      const w = await world({ agency: false });
      const inv = await w.invoice('2026-10-01');
      expect((await w.item(inv.id)).next).toMatchObject({ nextAction: 'reminder', overridden: false });
      const set = await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, {
        nextAction: 'wait',
        waitUntil: '2026-12-01',
        reason: 'Venter på svar fra kunden',
      });
      expectStatus(set, 201);
      expect(set.body).toMatchObject({
        nextAction: 'wait',
        waitUntil: '2026-12-01',
        disputed: false,
        reason: 'Venter på svar fra kunden',
        actorType: 'user',
        actorId: w.userId,
      });
      const waiting = await w.item(inv.id);
      expect(waiting.next).toMatchObject({
        nextAction: 'wait',
        code: 'waiting_until',
        waitUntil: '2026-12-01',
        overridden: true,
      });
      expect(waiting.decision).toMatchObject({
        nextAction: 'wait',
        waitUntil: '2026-12-01',
        reason: 'Venter på svar fra kunden',
        actorType: 'user',
        actorId: w.userId,
      });
      expect((await w.list('?nextAction=wait')).map((i) => i.invoiceId)).toEqual([inv.id]);
      expect(await w.list('?nextAction=reminder')).toEqual([]);

      const decisions = await counts(w.company.id);
      for (const [label, body] of [
        ['waitUntil today', { nextAction: 'wait', waitUntil: TODAY, reason: 'x' }],
        ['waitUntil yesterday', { nextAction: 'wait', waitUntil: addDays(TODAY, -1), reason: 'x' }],
        ['waitUntil with another action', { nextAction: 'reminder', waitUntil: '2026-12-24', reason: 'x' }],
        ['waitUntil not a date', { nextAction: 'wait', waitUntil: '2026-02-30', reason: 'x' }],
        ['unknown action', { nextAction: 'purring', reason: 'x' }],
        ['unknown field', { nextAction: 'wait', until: '2026-12-24' }],
        ['no nextAction', { reason: 'x' }],
      ] as const) {
        expectProblem(
          await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, body),
          400,
          'validation_failed',
          label,
        );
      }
      const today = await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, {
        nextAction: 'wait',
        waitUntil: TODAY,
        reason: 'x',
      });
      expect(today.body).toMatchObject({ reason: 'wait_until_not_after_today', waitUntil: TODAY, today: TODAY });
      expect(await counts(w.company.id)).toEqual(decisions);
      expect((await w.item(inv.id)).next).toMatchObject({ code: 'waiting_until', waitUntil: '2026-12-01' });

      // An override to another action, then null: the list computes it again.
      expectStatus(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, {
          nextAction: 'collection_notice',
          reason: 'Hopp over purring',
        }),
        201,
      );
      expect((await w.item(inv.id)).next).toMatchObject({
        nextAction: 'collection_notice',
        code: 'override',
        overridden: true,
      });
      const cleared = await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, { nextAction: null });
      expectStatus(cleared, 201);
      expect(cleared.body).toMatchObject({ nextAction: null, waitUntil: null, reason: '' });
      const back = await w.item(inv.id);
      expect(back.next).toMatchObject({ nextAction: 'reminder', code: 'reminder_due', overridden: false });
      expect(back.decision).toMatchObject({ nextAction: null });
      const history = (await w.client.get(`${w.base}/invoices/${inv.id as string}/dunning`)).body.decisions;
      expect(history.map((d: any) => [d.nextAction, d.waitUntil])).toEqual([
        [null, null],
        ['collection_notice', null],
        ['wait', '2026-12-01'],
      ]);
      expectProblem(
        await w.client.post(`${w.base}/invoices/${randomUUID()}/next-action`, { nextAction: 'wait', reason: 'x' }),
        404,
        'not_found',
      );
    });

    it('records a dispute: «Vent» (disputed) on the list, no handover and no letter until it is withdrawn', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const inv = await w.invoice('2026-10-01');
      const disputed = await w.client.post(`${w.base}/invoices/${inv.id as string}/dispute`, {
        disputed: true,
        reason: 'Kunden bestrider kravet',
      });
      expectStatus(disputed, 201);
      expect(disputed.body).toMatchObject({
        disputed: true,
        nextAction: null,
        reason: 'Kunden bestrider kravet',
        actorType: 'user',
        actorId: w.userId,
      });
      const item = await w.item(inv.id);
      expect(item.next).toMatchObject({ nextAction: 'wait', code: 'disputed', waitUntil: null });
      expect(item.decision).toMatchObject({ disputed: true, reason: 'Kunden bestrider kravet' });

      const before = await counts(w.company.id);
      const refused = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {});
      expectProblem(refused, 422, 'not_eligible');
      expect(refused.body.detail).toMatch(/disputes/);
      expect(refused.body).toMatchObject({ reason: 'disputed', invoiceNumber: inv.invoiceNumber });
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'reminder' }),
        422,
        'letter_not_allowed',
      );
      // An override does not undo the dispute.
      expectStatus(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, {
          nextAction: 'collection',
          reason: 'prøver likevel',
        }),
        201,
      );
      expect((await w.item(inv.id)).next).toMatchObject({ nextAction: 'wait', code: 'disputed' });
      expectProblem(await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {}), 422, 'not_eligible');
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/dispute`, { disputed: true }),
        400,
        'validation_failed',
      ); // a reason is required
      const now = await counts(w.company.id);
      expect(now).toEqual({ ...before, dunning_decisions: before.dunning_decisions + 1 });
      expect(now.handovers).toBe(0);
      expect(now.reminders).toBe(0);

      expectStatus(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/dispute`, {
          disputed: false,
          reason: 'Avklart med kunden',
        }),
        201,
      );
      expectStatus(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, { nextAction: null }),
        201,
      );
      expect((await w.item(inv.id)).next).toMatchObject({
        nextAction: 'reminder',
        code: 'reminder_due',
        overridden: false,
      });
      expectProblem(
        await w.client.post(`${w.base}/invoices/${randomUUID()}/dispute`, { disputed: true, reason: 'x' }),
        404,
        'not_found',
      );
    });
  });

  // ------------------------------------------------------------------ handover

  describe('handover to collection', () => {
    it('draft for the default agency → approved (invoice.available) → recalled (invoice.recalled) back to «Vent»; illegal moves are 409', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const inv = await w.invoice('2026-10-01');
      const draftRes = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {});
      expectStatus(draftRes, 201);
      const draft = draftRes.body;
      expect(draft).toMatchObject({
        invoiceId: inv.id,
        invoiceNumber: inv.invoiceNumber,
        customerId: w.kunde.id,
        agencyId: w.agency!.id,
        agencyName: w.agency!.name,
        state: 'draft',
        openAmount: 100_000,
        approval: null,
        approvedAt: null,
        endedAt: null,
      });
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'draft', agency_id: w.agency!.id });
      // Off the reminder list, on the draft list.
      expect((await w.list()).map((i) => i.invoiceId)).not.toContain(inv.id);
      const dunning = (await w.client.get(`${w.base}/invoices/${inv.id as string}/dunning`)).body;
      expect(dunning).toMatchObject({ onList: false, item: null });
      const drafts = await w.client.get(`${w.base}/handovers?list=draft`);
      expectStatus(drafts, 200);
      expect(drafts.body.data.map((h: any) => h.id)).toEqual([draft.id]);
      expect((await w.client.get(`${w.base}/handovers?list=approved`)).body.data).toEqual([]);
      const collectTwice = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {});
      expectProblem(collectTwice, 409, 'already_in_collection');
      expect(collectTwice.body.reason).toBe('draft');
      const letterOnDraft = await w.client.post(`${w.base}/invoices/${inv.id as string}/letters`, { type: 'reminder' });
      expectProblem(letterOnDraft, 409, 'already_in_collection');
      expect(letterOnDraft.body).toMatchObject({ reason: 'draft', invoiceNumber: inv.invoiceNumber });
      expect(await w.events(inv.id)).toEqual([]); // a draft is not the agency's business yet

      const approved = await w.client.post(`${w.base}/handovers/${draft.id as string}/approve`);
      expectStatus(approved, 200);
      expect(approved.body).toMatchObject({
        id: draft.id,
        state: 'approved',
        approval: 'user',
        approvedAt: expect.any(String),
      });
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'approved', approval: 'user' });
      expect((await w.client.get(`${w.base}/handovers?list=approved`)).body.data.map((h: any) => h.id)).toEqual([
        draft.id,
      ]);
      expect((await w.client.get(`${w.base}/handovers?list=draft`)).body.data).toEqual([]);
      const available = await w.events(inv.id);
      expect(available).toHaveLength(1);
      expect(available[0]).toMatchObject({
        type: 'invoice.available',
        agencyId: w.agency!.id,
        amount: 100_000,
        remainingAmount: 100_000,
      });

      const twice = await w.client.post(`${w.base}/handovers/${draft.id as string}/approve`);
      expectProblem(twice, 409, 'invalid_transition');
      expect(twice.body.state).toBe('approved');
      expect(twice.body.reason).toBe('handover_approved');
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'approved' });
      expect(await w.events(inv.id)).toHaveLength(1);

      const recalled = await w.client.post(`${w.base}/handovers/${draft.id as string}/reject`, {
        reason: 'Kunden har ringt og betaler',
      });
      expectStatus(recalled, 200);
      expect(recalled.body).toMatchObject({
        state: 'recalled',
        endedByType: 'user',
        endReason: 'Kunden har ringt og betaler',
        endedAt: expect.any(String),
      });
      expect(await handoverRow(draft.id)).toMatchObject({
        state: 'recalled',
        end_reason: 'Kunden har ringt og betaler',
      });
      const afterRecall = await w.events(inv.id);
      expect(afterRecall.map((e) => [e.type, e.agencyId])).toEqual([
        ['invoice.available', w.agency!.id],
        ['invoice.recalled', w.agency!.id],
      ]);
      const back = await w.item(inv.id);
      expect(back.next).toMatchObject({ nextAction: 'wait', code: 'override', overridden: true });
      expect(back.decision).toMatchObject({
        nextAction: 'wait',
        waitUntil: null,
        reason: 'Kunden har ringt og betaler',
        actorType: 'user',
        actorId: w.userId,
      });

      const before = await counts(w.company.id);
      const rejectRecalled = await w.client.post(`${w.base}/handovers/${draft.id as string}/reject`, {
        reason: 'igjen',
      });
      expectProblem(rejectRecalled, 409, 'invalid_transition');
      expect(rejectRecalled.body).toMatchObject({ reason: 'handover_recalled', state: 'recalled' });
      const approveRecalled = await w.client.post(`${w.base}/handovers/${draft.id as string}/approve`);
      expectProblem(approveRecalled, 409, 'invalid_transition');
      expect(approveRecalled.body).toMatchObject({ reason: 'handover_recalled', state: 'recalled' });
      expectProblem(
        await w.client.post(`${w.base}/handovers/${draft.id as string}/reject`, {}),
        400,
        'validation_failed',
      );
      expectProblem(await w.client.post(`${w.base}/handovers/${randomUUID()}/approve`), 404, 'not_found');
      expectProblem(
        await w.client.post(`${w.base}/handovers/${randomUUID()}/reject`, { reason: 'x' }),
        404,
        'not_found',
      );
      expect(await counts(w.company.id)).toEqual(before);
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'recalled' });
      expect((await w.client.get(`${w.base}/handovers?list=ended`)).body.data.map((h: any) => [h.id, h.state])).toEqual(
        [[draft.id, 'recalled']],
      );
    });

    it('rejects a draft (no event for the agency) and counts the lists', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const inv = await w.invoice('2026-10-01');
      const kept = await w.invoice('2026-09-20', 40_000);
      const draft = (await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {})).body;
      const keptDraft = (await w.client.post(`${w.base}/invoices/${kept.id as string}/collection`, {})).body;
      const countsBefore = await w.client.get(`${w.base}/handovers/counts`);
      expectStatus(countsBefore, 200);
      expect(countsBefore.body).toEqual({
        draft: { count: 2, openAmount: 150_000 },
        approved: { count: 0, openAmount: 0 },
        in_case: { count: 0, openAmount: 0 },
        archived: { count: 0, openAmount: 0 },
        rejected: { count: 0, openAmount: 0 },
        recalled: { count: 0, openAmount: 0 },
      });
      const rejected = await w.client.post(`${w.base}/handovers/${draft.id as string}/reject`, {
        reason: 'Feil kunde',
      });
      expectStatus(rejected, 200);
      expect(rejected.body).toMatchObject({
        state: 'rejected',
        endReason: 'Feil kunde',
        endedByType: 'user',
        approvedAt: null,
      });
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'rejected', approval: null });
      expect(await w.events(inv.id)).toEqual([]);
      const back = await w.item(inv.id);
      expect(back.next).toMatchObject({ nextAction: 'wait', overridden: true });
      expect(back.decision).toMatchObject({ nextAction: 'wait', reason: 'Feil kunde' });
      expectProblem(
        await w.client.post(`${w.base}/handovers/${draft.id as string}/approve`),
        409,
        'invalid_transition',
      );
      expectStatus(await w.client.post(`${w.base}/handovers/${keptDraft.id as string}/approve`), 200);
      expect((await w.client.get(`${w.base}/handovers/counts`)).body).toMatchObject({
        draft: { count: 0, openAmount: 0 },
        approved: { count: 1, openAmount: 50_000 },
        rejected: { count: 1, openAmount: 100_000 },
      });
      // Once rejected, it may be sent again: a new handover.
      const again = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {});
      expectStatus(again, 201);
      expect(again.body.id).not.toBe(draft.id);
      expect((await w.client.get(`${w.base}/handovers/counts`)).body).toMatchObject({
        draft: { count: 1, openAmount: 100_000 },
        rejected: { count: 1 },
      });
      expectProblem(await w.client.get(`${w.base}/handovers?list=everything`), 400, 'validation_failed');
    });

    // handover.routes.ts puts `createdAt` (a JS ISO string, milliseconds) in the cursor and handover.service.ts
    // listHandovers compares `(h.created_at, h.id) > (that instant, id)`: timestamptz keeps microseconds, so the
    // last row of a page is after its own truncated cursor and comes back on every following page.
    // (PGlite's now() happens to have millisecond precision; PostgreSQL's has microseconds: the times are set here.)
    it('pages the draft list with limit=1 and the cursor, each handover once, oldest first', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const ids: string[] = [];
      for (const [i, due] of ['2026-10-01', '2026-09-01', '2026-10-15'].entries()) {
        const inv = await w.invoice(due);
        const res = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {});
        expectStatus(res, 201);
        ids.push(res.body.id);
        // Handovers are stamped to the millisecond (as cursors made in JavaScript keep them); a second apart here for a sure order.
        await sql`update handovers set created_at = ${`2026-11-20T09:00:0${i}.123Z`}::timestamptz where id = ${res.body.id as string}`.execute(
          ctx.db,
        );
      }
      expect((await w.client.get(`${w.base}/handovers?list=draft`)).body.data.map((h: any) => h.id)).toEqual(ids);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const res: ApiResponse = await w.client.get(
          `${w.base}/handovers?list=draft&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expectStatus(res, 200, `page ${i}`);
        seen.push(...res.body.data.map((h: any) => h.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(ids);
    });

    it('refuses collection without an active agency, to an inactive agency, before the law allows it, and for a customer not to collection', async () => {
      const w = await world({ agency: false, agencySendsNotice: true });
      const inv = await w.invoice('2026-10-01');
      const noAgency = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {});
      expectProblem(noAgency, 422, 'agency_not_active');
      expect(noAgency.body.reason).toBe('no_default');
      const inactive = await newAgency();
      const toInactive = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {
        agencyId: inactive.id,
      });
      expectProblem(toInactive, 422, 'agency_not_active');
      expect(toInactive.body.reason).toBe('not_active');
      const active = await newAgency();
      expectStatus(await w.client.request('PUT', `${w.base}/agencies/${active.id}/activation`, { active: true }), 200);
      const noDefault = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, {}); // active, but no default
      expectProblem(noDefault, 422, 'agency_not_active');
      expect(noDefault.body.reason).toBe('no_default');
      const young = await w.invoice('2026-11-10'); // eligible from 2026-11-24
      const early = await w.client.post(`${w.base}/invoices/${young.id as string}/collection`, { agencyId: active.id });
      expectProblem(early, 422, 'not_eligible');
      expect(early.body.detail).toContain('2026-11-24');
      expect(early.body).toMatchObject({
        reason: 'too_early',
        invoiceNumber: young.invoiceNumber,
        eligibleFrom: '2026-11-24',
      });
      const excluded = await customer(w.client, w.base, 'Ikke Inkasso AS', { notToCollection: true });
      const excludedInv = await w.invoice('2026-09-01', 80_000, excluded.id);
      expectProblem(
        await w.client.post(`${w.base}/invoices/${excludedInv.id as string}/collection`, { agencyId: active.id }),
        422,
        'not_eligible',
      );
      expect((await w.item(excludedInv.id)).next).toMatchObject({ nextAction: 'reminder' });
      expectProblem(await w.client.post(`${w.base}/invoices/${randomUUID()}/collection`, {}), 404, 'not_found');
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, { agencyId: 'x' }),
        400,
        'validation_failed',
      );
      expect((await counts(w.company.id)).handovers).toBe(0);
      // Named explicitly, an active agency that is not the default takes it.
      const named = await w.client.post(`${w.base}/invoices/${inv.id as string}/collection`, { agencyId: active.id });
      expectStatus(named, 201);
      expect(named.body).toMatchObject({ state: 'draft', agencyId: active.id });
      // The agency cannot be deactivated while it has a draft.
      const busy = await w.client.request('PUT', `${w.base}/agencies/${active.id}/activation`, { active: false });
      expectProblem(busy, 409, 'conflict');
      expect(busy.body.reason).toBe('agency_has_handovers');
    });
  });

  // ------------------------------------------------------------------ bulk

  describe('bulk actions on the reminder list', () => {
    it('sends reminders only where allowed: one result per invoice, each ok or failed with its code', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const a = await w.invoice('2026-10-01'); // reminder due
      const b = await w.invoice('2026-10-01'); // deadline running
      await w.letter(b.id, 'reminder', '2026-11-15');
      const c = await w.invoice('2026-10-01'); // paid
      await w.pay(c.kid, 100_000, '2026-10-05');
      const missing = randomUUID();
      const before = await counts(w.company.id);
      const res = await w.client.post(`${w.base}/reminder-list/actions`, {
        invoiceIds: [a.id, b.id, c.id, missing, a.id],
        action: 'reminder',
      });
      expectStatus(res, 200);
      expect(res.body.succeeded).toBe(1);
      expect(res.body.failed).toBe(3);
      expect(res.body.results.map((r: any) => [r.invoiceId, r.ok, r.action, r.code])).toEqual([
        [a.id, true, 'reminder', null],
        [b.id, false, 'reminder', 'letter_not_allowed'],
        [c.id, false, 'reminder', 'letter_not_allowed'],
        [missing, false, 'reminder', 'not_found'],
      ]);
      expect(res.body.results[1].detail).toContain('2026-11-29');
      // A failed line carries the reason code and figures as a problem+json would.
      expect(res.body.results[1]).toMatchObject({
        code: 'letter_not_allowed',
        reason: 'previous_deadline',
        dueDate: '2026-11-29',
      });
      expect(res.body.results[2]).toMatchObject({
        code: 'letter_not_allowed',
        reason: 'nothing_open',
        invoiceNumber: c.invoiceNumber,
      });
      expect(res.body.results[0]).not.toHaveProperty('reason');
      expect([await lettersOf(a.id), await lettersOf(b.id), await lettersOf(c.id)]).toEqual([1, 1, 0]);
      expect(await counts(w.company.id)).toMatchObject({
        reminders: before.reminders + 1,
        vouchers: before.vouchers + 1,
      });
      expect((await w.item(a.id)).letters).toMatchObject([{ type: 'reminder', sentDate: TODAY, feeAmount: FEE_CAP }]);

      for (const [label, body] of [
        ['no invoices', { invoiceIds: [], action: 'reminder' }],
        ['not a uuid', { invoiceIds: ['x'], action: 'reminder' }],
        ['unknown action', { invoiceIds: [a.id], action: 'purring' }],
        ['waitUntil with reminder', { invoiceIds: [a.id], action: 'reminder', waitUntil: '2026-12-24' }],
      ] as const) {
        expectProblem(await w.client.post(`${w.base}/reminder-list/actions`, body), 400, 'validation_failed', label);
      }
      expect((await counts(w.company.id)).reminders).toBe(before.reminders + 1);
    });

    it("carries out each invoice's own next action with «next», sets and clears «Vent» for many", async () => {
      const w = await world({ agency: true });
      const d = await w.invoice('2026-10-01'); // reminder due
      const e = await w.invoice('2026-08-01'); // collection due
      await w.letter(e.id, 'reminder', '2026-08-20');
      await w.letter(e.id, 'collection_notice', '2026-09-10');
      const f = await w.invoice('2026-11-15'); // before the first reminder
      const n = await w.invoice('2026-09-15'); // collection notice due
      await w.letter(n.id, 'reminder', '2026-10-01');
      const before = await counts(w.company.id);

      const res = await w.client.post(`${w.base}/reminder-list/actions`, {
        invoiceIds: [d.id, e.id, f.id, n.id],
        action: 'next',
      });
      expectStatus(res, 200);
      expect(res.body.results.map((r: any) => [r.invoiceId, r.ok, r.action])).toEqual([
        [d.id, true, 'reminder'],
        [e.id, true, 'collection'],
        [f.id, true, 'wait'],
        [n.id, true, 'collection_notice'],
      ]);
      expect(res.body).toMatchObject({ succeeded: 4, failed: 0 });
      expect([await lettersOf(d.id), await lettersOf(e.id), await lettersOf(f.id), await lettersOf(n.id)]).toEqual([
        1, 2, 0, 2,
      ]);
      const handovers = await ctx.db
        .selectFrom('handovers')
        .select(['invoice_id', 'state', 'agency_id'])
        .where('company_id', '=', w.company.id)
        .execute();
      expect(handovers).toEqual([{ invoice_id: e.id, state: 'draft', agency_id: w.agency!.id }]);
      expect(await counts(w.company.id)).toMatchObject({
        reminders: before.reminders + 2,
        handovers: 1,
        dunning_decisions: before.dunning_decisions,
      });
      const noticeRow = await ctx.db
        .selectFrom('reminders')
        .select(['type', 'sequence'])
        .where('invoice_id', '=', n.id)
        .orderBy('sent_date', 'desc')
        .executeTakeFirstOrThrow();
      expect(noticeRow).toEqual({ type: 'collection_notice', sequence: 1 });
      // The same again: d and n now wait for their deadlines, e is on the draft list.
      const again = await w.client.post(`${w.base}/reminder-list/actions`, {
        invoiceIds: [d.id, e.id],
        action: 'next',
      });
      expect(again.body.results.map((r: any) => [r.ok, r.action, r.code, r.reason])).toEqual([
        [true, 'wait', null, undefined],
        [false, 'next', 'not_eligible', 'not_on_list'],
      ]);
      const collectAgain = await w.client.post(`${w.base}/reminder-list/actions`, {
        invoiceIds: [e.id],
        action: 'collection',
      });
      expect(collectAgain.body.results.map((r: any) => [r.ok, r.code, r.reason])).toEqual([
        [false, 'already_in_collection', 'draft'],
      ]);
      expect(await counts(w.company.id)).toMatchObject({ reminders: before.reminders + 2, handovers: 1 });

      // «Vent» until a date on two at once, then cleared.
      const wait = await w.client.post(`${w.base}/reminder-list/actions`, {
        invoiceIds: [d.id, f.id],
        action: 'wait',
        waitUntil: '2026-12-15',
        reason: 'Ferie',
      });
      expectStatus(wait, 200);
      expect(wait.body).toMatchObject({ succeeded: 2, failed: 0 });
      for (const id of [d.id, f.id]) {
        const row = await w.item(id);
        expect(row.next).toMatchObject({
          nextAction: 'wait',
          code: 'waiting_until',
          waitUntil: '2026-12-15',
          overridden: true,
        });
        expect(row.decision).toMatchObject({
          nextAction: 'wait',
          waitUntil: '2026-12-15',
          reason: 'Ferie',
          actorType: 'user',
          actorId: w.userId,
        });
      }
      const clear = await w.client.post(`${w.base}/reminder-list/actions`, {
        invoiceIds: [d.id, f.id],
        action: 'clear',
      });
      expect(clear.body).toMatchObject({ succeeded: 2, failed: 0 });
      expect((await w.item(d.id)).next).toMatchObject({
        nextAction: 'wait',
        code: 'letter_deadline_running',
        overridden: false,
      });
      expect((await w.item(f.id)).next).toMatchObject({
        nextAction: 'wait',
        code: 'before_first_reminder',
        overridden: false,
      });
    });

    it('refuses a bulk «Vent» until a date not after today, as the single-invoice route does (400, nothing stored)', async () => {
      const w = await world({ agency: false });
      const inv = await w.invoice('2026-10-01');
      // POST …/next-action refuses this with 400 (dunning.routes.ts decideRoute); the bulk route does not check.
      expectProblem(
        await w.client.post(`${w.base}/invoices/${inv.id as string}/next-action`, {
          nextAction: 'wait',
          waitUntil: TODAY,
          reason: 'x',
        }),
        400,
        'validation_failed',
      );
      const res = await w.client.post(`${w.base}/reminder-list/actions`, {
        invoiceIds: [inv.id],
        action: 'wait',
        waitUntil: TODAY,
        reason: 'x',
      });
      expect((await counts(w.company.id)).dunning_decisions).toBe(0);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body).toMatchObject({ reason: 'wait_until_not_after_today', waitUntil: TODAY, today: TODAY });
    });
  });

  // ------------------------------------------------------------------ daily run

  describe('the daily run', () => {
    it('runs once a day (admin only): ends waits that run out today and auto-approves drafts', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const accountant = await member(w.client, w.company.id, 'accountant');
      const x = await w.invoice('2026-10-01');
      const y = await w.invoice('2026-10-01');
      const draft = (await w.client.post(`${w.base}/invoices/${x.id as string}/collection`, {})).body;
      expect(draft.state).toBe('draft');
      // A wait that ends today (the route only takes future dates: it was set earlier).
      await inTransaction(ctx.db, (trx) =>
        recordDecision(
          trx,
          w.company.id,
          y.id,
          { nextAction: 'wait', waitUntil: TODAY, reason: 'til i dag' },
          { type: 'user', id: w.userId },
        ),
      );
      expectStatus(await w.client.patch(`${w.base}/dunning-settings`, { autoApprove: true }), 200);

      expectProblem(await accountant.post(`${w.base}/daily-run`), 403, 'forbidden');
      expect(
        await ctx.db.selectFrom('daily_runs').select('run_date').where('company_id', '=', w.company.id).execute(),
      ).toEqual([]);

      const first = await w.client.post(`${w.base}/daily-run`);
      expectStatus(first, 200);
      expect(first.body).toEqual({
        companyId: w.company.id,
        runDate: TODAY,
        ran: true,
        expiredWaits: 1,
        autoApproved: 1,
        emailed: 0,
        emailSkipped: 0,
        // 2026 H2 has no interest row seeded: said, not reused silently.
        rateWarnings: [expect.objectContaining({ code: 'interest_half_year_missing', missingFrom: '2026-07-01' })],
      });
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'approved', approval: 'auto' });
      expect((await w.client.get(`${w.base}/handovers?list=approved`)).body.data).toMatchObject([
        { id: draft.id, approval: 'auto' },
      ]);
      expect((await w.events(x.id)).map((e) => [e.type, e.agencyId])).toEqual([['invoice.available', w.agency!.id]]);
      const history = (await w.client.get(`${w.base}/invoices/${y.id as string}/dunning`)).body;
      expect(history.decisions[0]).toMatchObject({ nextAction: null, actorType: 'system' });
      expect(history.item.next).toMatchObject({ nextAction: 'reminder', overridden: false });

      const second = await w.client.post(`${w.base}/daily-run`);
      expectStatus(second, 200);
      expect(second.body).toEqual({
        companyId: w.company.id,
        runDate: TODAY,
        ran: false,
        expiredWaits: 0,
        autoApproved: 0,
        emailed: 0,
        emailSkipped: 0,
        // 2026 H2 has no interest row seeded: said, not reused silently.
        rateWarnings: [expect.objectContaining({ code: 'interest_half_year_missing', missingFrom: '2026-07-01' })],
      });
      expect(
        await ctx.db.selectFrom('daily_runs').select('run_date').where('company_id', '=', w.company.id).execute(),
      ).toHaveLength(1);
      expect(await w.events(x.id)).toHaveLength(1);

      // With auto-approval on, a new handover goes straight to the approved list.
      const z = await w.invoice('2026-10-01');
      const straight = await w.client.post(`${w.base}/invoices/${z.id as string}/collection`, {});
      expectStatus(straight, 201);
      expect(straight.body).toMatchObject({ state: 'approved', approval: 'auto' });
      expect((await w.events(z.id)).map((e) => e.type)).toEqual(['invoice.available']);
    });

    it('leaves drafts alone without auto-approval', async () => {
      const w = await world({ agency: true, agencySendsNotice: true });
      const x = await w.invoice('2026-10-01');
      const draft = (await w.client.post(`${w.base}/invoices/${x.id as string}/collection`, {})).body;
      const run = await w.client.post(`${w.base}/daily-run`);
      expect(run.body).toMatchObject({ ran: true, expiredWaits: 0, autoApproved: 0 });
      expect(await handoverRow(draft.id)).toMatchObject({ state: 'draft' });
    });
  });

  // ------------------------------------------------------------------ security

  describe('roles, tenancy and CSRF', () => {
    /** A company with a letter sent, a draft handover and an approved one. */
    async function busyWorld() {
      const w = await world({ agency: true, agencySendsNotice: true });
      const inv = await w.invoice('2026-10-01');
      const letter = await w.letter(inv.id, 'reminder', '2026-10-20');
      const toCollect = await w.invoice('2026-09-01');
      const draft = (await w.client.post(`${w.base}/invoices/${toCollect.id as string}/collection`, {})).body;
      const approvedInv = await w.invoice('2026-09-01');
      const approved = (await w.client.post(`${w.base}/invoices/${approvedInv.id as string}/collection`, {})).body;
      expectStatus(await w.client.post(`${w.base}/handovers/${approved.id as string}/approve`), 200);
      return { ...w, inv, letter, toCollect, draft, approved };
    }

    /** Every write of these routes, for an invoice, a handover and an agency. */
    function writes(w: Awaited<ReturnType<typeof busyWorld>>, base = w.base) {
      const inv = w.inv.id as string;
      return [
        ['letter', 'POST', `${base}/invoices/${inv}/letters`, { type: 'reminder' }],
        ['next-action', 'POST', `${base}/invoices/${inv}/next-action`, { nextAction: 'wait', reason: 'x' }],
        ['dispute', 'POST', `${base}/invoices/${inv}/dispute`, { disputed: true, reason: 'x' }],
        ['collection', 'POST', `${base}/invoices/${inv}/collection`, {}],
        ['approve', 'POST', `${base}/handovers/${w.draft.id as string}/approve`, undefined],
        ['reject draft', 'POST', `${base}/handovers/${w.draft.id as string}/reject`, { reason: 'x' }],
        ['recall', 'POST', `${base}/handovers/${w.approved.id as string}/reject`, { reason: 'x' }],
        ['bulk', 'POST', `${base}/reminder-list/actions`, { invoiceIds: [inv], action: 'wait' }],
        ['daily run', 'POST', `${base}/daily-run`, undefined],
        ['settings', 'PATCH', `${base}/dunning-settings`, { autoApprove: true }],
        ['activation', 'PUT', `${base}/agencies/${w.agency!.id}/activation`, { active: false }],
      ] as const;
    }

    it('lets a viewer read the list, states and PDFs, and refuses every write with 403, storing nothing', async () => {
      const w = await busyWorld();
      const viewer = await member(w.client, w.company.id, 'viewer');
      const list = await viewer.get(`${w.base}/reminder-list`);
      expectStatus(list, 200);
      expect(list.body.data.map((i: any) => i.invoiceId)).toEqual([w.inv.id]);
      expectStatus(await viewer.get(`${w.base}/invoices/${w.inv.id as string}/dunning`), 200);
      expectStatus(await viewer.get(`${w.base}/handovers?list=draft`), 200);
      expectStatus(await viewer.get(`${w.base}/handovers/counts`), 200);
      expectStatus(await viewer.get(`${w.base}/agencies`), 200);
      expect((await getBinary(viewer, `${w.base}/letters/${w.letter.id as string}/pdf`)).status).toBe(200);
      expect((await getBinary(viewer, `${w.base}/invoices/${w.inv.id as string}/pdf`)).status).toBe(200);

      const before = await counts(w.company.id);
      for (const [label, method, path, body] of writes(w)) {
        expectProblem(await viewer.request(method, path, body), 403, 'forbidden', `viewer ${label}`);
      }
      expect(await counts(w.company.id)).toEqual(before);
      expect(await handoverRow(w.draft.id)).toMatchObject({ state: 'draft' });
      expect(await handoverRow(w.approved.id)).toMatchObject({ state: 'approved' });
    });

    it("answers 404 to a user of another company for this company's invoices, handovers and letters", async () => {
      const w = await busyWorld();
      const other = await world({ agency: true, agencySendsNotice: true, name: 'Nabo AS' });
      const before = await counts(w.company.id);
      const otherBefore = await counts(other.company.id);
      // Through their own company: the ids are not theirs.
      for (const [label, method, path, body] of writes(w, other.base)) {
        if (label === 'bulk' || label === 'daily run' || label === 'settings' || label === 'activation') continue; // not about these ids
        expectProblem(await other.client.request(method, path, body), 404, 'not_found', `other ${label}`);
      }
      for (const path of [
        `/invoices/${w.inv.id as string}/dunning`,
        `/letters/${w.letter.id as string}/pdf`,
        `/invoices/${w.inv.id as string}/pdf`,
      ]) {
        expectProblem(await other.client.get(`${other.base}${path}`), 404, 'not_found', path);
      }
      const bulk = await other.client.post(`${other.base}/reminder-list/actions`, {
        invoiceIds: [w.inv.id, w.toCollect.id],
        action: 'wait',
        reason: 'x',
      });
      expectStatus(bulk, 200);
      expect(bulk.body.results.map((r: any) => [r.ok, r.code])).toEqual([
        [false, 'not_found'],
        [false, 'not_found'],
      ]);
      const next = await other.client.post(`${other.base}/reminder-list/actions`, {
        invoiceIds: [w.inv.id],
        action: 'reminder',
      });
      expect(next.body.results.map((r: any) => [r.ok, r.code])).toEqual([[false, 'not_found']]);
      const bulkCollection = await other.client.post(`${other.base}/reminder-list/actions`, {
        invoiceIds: [w.inv.id],
        action: 'collection',
      });
      expect(bulkCollection.body.results.map((r: any) => [r.ok, r.code])).toEqual([[false, 'not_found']]);
      expect(await other.list()).toEqual([]);
      // Through this company: not a member, so the company itself is not found.
      for (const [label, method, path, body] of writes(w)) {
        expectProblem(await other.client.request(method, path, body), 404, 'not_found', `other via ${label}`);
      }
      expectProblem(await other.client.get(`${w.base}/reminder-list`), 404, 'not_found');
      expectProblem(await other.client.get(`${w.base}/letters/${w.letter.id as string}/pdf`), 404, 'not_found');
      expect(await counts(w.company.id)).toEqual(before);
      expect(await counts(other.company.id)).toEqual(otherBefore);
      expect(await handoverRow(w.draft.id)).toMatchObject({ state: 'draft' });
      expect(await handoverRow(w.approved.id)).toMatchObject({ state: 'approved' });
    });

    it('requires the CSRF token on every write (403 csrf_failed, nothing stored) and a session on reads', async () => {
      const w = await busyWorld();
      const before = await counts(w.company.id);
      for (const [label, method, path, body] of writes(w)) {
        expectProblem(
          await w.client.request(method, path, body, { 'x-csrf-token': null }),
          403,
          'csrf_failed',
          `no token ${label}`,
        );
        expectProblem(
          await w.client.request(method, path, body, { 'x-csrf-token': 'wrong' }),
          403,
          'csrf_failed',
          `wrong token ${label}`,
        );
      }
      expect(await counts(w.company.id)).toEqual(before);
      expect((await w.client.get(`${w.base}/dunning-settings`)).body).toEqual({
        ...DEFAULTS,
        sendsOwnCollectionNotice: false,
      });
      const anonymous = new ApiClient(ctx.app);
      expectProblem(await anonymous.get(`${w.base}/reminder-list`), 401, 'unauthenticated');
      expectProblem(await anonymous.get('/legal-rates'), 401, 'unauthenticated');
      expect((await getBinary(anonymous, `${w.base}/letters/${w.letter.id as string}/pdf`)).status).toBe(401);
    });

    it('lists the six seeded legal rates, each with its source, and warns of the missing 2026 H2 interest', async () => {
      const { client } = await signUp('rates');
      const res = await client.get('/legal-rates');
      expectStatus(res, 200);
      expect(res.body.data).toHaveLength(6);
      expect(res.body.data.map((r: any) => [r.kind, r.validFrom, r.value])).toEqual(
        expect.arrayContaining([
          ['inkassosats', '2017-01-01', 70_000],
          ['inkassosats', '2025-01-01', 70_000],
          ['inkassosats', '2026-01-01', 70_000],
          ['late_payment_interest', '2025-01-01', 1_250],
          ['late_payment_interest', '2025-07-01', 1_225],
          ['late_payment_interest', '2026-01-01', 1_200],
        ]),
      );
      for (const r of res.body.data) expect(r.source).not.toBe('');
      expect(res.body.warnings.map((w: any) => [w.code, w.missingFrom])).toEqual([
        ['interest_half_year_missing', '2026-07-01'],
      ]);
    });
  });
});
