import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { AgencyClient, type AgencyResponse } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, TEST_TODAY, useTestApp } from '../support/http.js';

/*
 * Matching a manual voucher's entry to an invoice that is with an agency is allowed, but answered
 * with warnings: the agency only sees "a manual entry" (invoice_in_collection), and a loss booked by
 * hand reads to it as the claim being paid (loss_in_manual_voucher, pointing to Avskriv). Avskriv
 * itself is a write-off the agency can recognise (isWriteOff), a manual match is isManual.
 */

const PASSWORD = 'correct horse battery staple';
let counter = 0;
const uniqueEmail = (who: string) => `${who}-${++counter}-${randomUUID().slice(0, 8)}@example.no`;

interface Warning {
  code: 'invoice_in_collection' | 'loss_in_manual_voucher';
  message: string;
}

function expectStatus(res: ApiResponse | AgencyResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 400)}`).toBe(status);
}

describe.each(BACKENDS)('collection warnings on manual matches, over HTTP, on %s', (backend) => {
  const ctx = useTestApp(backend);

  /** A company made over HTTP by its admin (who also does the bookkeeping here), a customer, and an activated agency. */
  async function world() {
    const email = uniqueEmail('admin');
    await inTransaction(ctx.db, (trx) => createUser(trx, { email, name: 'Admin', password: PASSWORD }));
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, 'login');
    const created = await client.post('/companies', {
      name: 'Varsel AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(created, 201, 'company');
    const companyId = created.body.id as string;
    const base = `/companies/${companyId}`;
    // The agency sends the inkassovarsel: invoices go to it without a notice of the company's own.
    expectStatus(await client.patch(`${base}/dunning-settings`, { sendsOwnCollectionNotice: false }), 200, 'settings');
    const customer = await client.post(`${base}/customers`, {
      type: 'company',
      name: 'Skyldner AS',
      organizationNumber: uniqueOrgnr(),
    });
    expectStatus(customer, 201, 'customer');
    const agencyName = `Varsel Inkasso ${randomUUID().slice(0, 6)}`;
    const credentials = await inTransaction(ctx.db, (trx) => createAgencyWithCredentials(trx, { name: agencyName }));
    expectStatus(
      await client.request('PUT', `${base}/agencies/${credentials.agency.id}/activation`, {
        active: true,
        isDefault: true,
      }),
      200,
      'activate',
    );
    const agency = new AgencyClient(ctx.app, credentials.agency.clientId, credentials.clientSecret);
    expectStatus(await agency.authenticate(), 200, 'token');

    type Invoice = { id: string; receivableEntryId: number; totalAmount: number; invoiceNumber: number };
    /** An overdue invoice of `total` øre; `collection`: 'case' puts it in a case of the agency, 'approved' only on its approved list. */
    const invoice = async (total: number, collection: 'none' | 'approved' | 'case' = 'none'): Promise<Invoice> => {
      const inv = await client.post(`${base}/invoices`, {
        customerId: customer.body.id,
        issueDate: '2026-09-01',
        dueDate: '2026-09-15',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: (total * 4) / 5, vatRate: 25 }],
      });
      expectStatus(inv, 201, 'invoice');
      if (collection !== 'none') {
        const draft = await client.post(`${base}/invoices/${inv.body.id}/collection`, {});
        expectStatus(draft, 201, 'to collection');
        expectStatus(await client.post(`${base}/handovers/${draft.body.id}/approve`), 200, 'approve');
      }
      if (collection === 'case')
        expectStatus(
          await agency.post(`/clients/${companyId}/cases`, {
            caseNumber: `K-${inv.body.invoiceNumber}`,
            invoiceIds: [inv.body.id],
          }),
          201,
          'case',
        );
      return inv.body;
    };
    /** A manual voucher: Dr `debitAccount` / Cr 1500 on the customer; answers the credit entry's id. */
    const manualCredit = async (
      debitAccount: number,
      amount: number,
      description: string,
    ): Promise<{ voucherId: string; entryId: number }> => {
      const v = await client.post(`${base}/vouchers`, {
        date: TEST_TODAY,
        description,
        lines: [
          { account: debitAccount, side: 'debit', amount },
          { account: 1500, side: 'credit', amount, customerId: customer.body.id },
        ],
      });
      expectStatus(v, 201, `manual voucher ${description}`);
      expect(v.body.type).toBe('manual');
      const credit = v.body.postings.find((p: { account: number }) => p.account === 1500);
      return { voucherId: v.body.id, entryId: credit.id };
    };
    /** A match; `acknowledge` answers the warnings (the second step where the invoice is with an agency). */
    const match = async (
      inv: Invoice,
      creditEntryId: number,
      amount?: number,
      acknowledge: true | string[] | undefined = true,
    ) => {
      const r = await client.post(`${base}/matches`, {
        debitEntryId: inv.receivableEntryId,
        creditEntryId,
        ...(amount === undefined ? {} : { amount }),
        ...(acknowledge === undefined ? {} : { acknowledgeWarnings: acknowledge }),
      });
      expectStatus(r, 201, 'match');
      return r.body as {
        matchId: number;
        amount: number;
        debitOpenAmount: number;
        invoiceId: string | null;
        warnings?: Warning[];
      };
    };
    const openAmount = async (inv: Invoice): Promise<number> =>
      (await client.get(`${base}/invoices/${inv.id}`)).body.openAmount;
    const feed = async (invoiceId: string) => {
      const r = await agency.get(`/events?limit=1000&clientId=${companyId}`);
      expectStatus(r, 200, 'feed');
      return (r.body.data as Array<Record<string, unknown>>).filter((e) => e.invoiceId === invoiceId);
    };
    return {
      client,
      companyId,
      base,
      customer: customer.body,
      agency,
      agencyName,
      invoice,
      manualCredit,
      match,
      openAmount,
      feed,
    };
  }

  /** What a refused match must leave as it was: match rows, invoice events, the open amounts. */
  async function stored(w: Awaited<ReturnType<typeof world>>, inv: { id: string }, creditEntryId: number) {
    const matches = await ctx.db
      .selectFrom('matches')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('company_id', '=', w.companyId)
      .executeTakeFirstOrThrow();
    const events = await ctx.db
      .selectFrom('invoice_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('invoice_id', '=', inv.id)
      .executeTakeFirstOrThrow();
    const credit = await ctx.db
      .selectFrom('open_items')
      .select('open_amount')
      .where('posting_id', '=', creditEntryId)
      .executeTakeFirstOrThrow();
    return {
      matches: Number(matches.n),
      events: Number(events.n),
      invoiceOpen: (await w.client.get(`${w.base}/invoices/${inv.id}`)).body.openAmount as number,
      creditOpen: Number(credit.open_amount),
      feed: (await w.feed(inv.id)).length,
    };
  }

  it('two steps: the match without acknowledgement is refused (409 warnings_not_acknowledged) and stores nothing; the preview stores nothing; acknowledged it is made', async () => {
    const w = await world();
    const inv = await w.invoice(50_000, 'case');
    const { entryId } = await w.manualCredit(7830, 50_000, 'Tap på fordring');
    const before = await stored(w, inv, entryId);
    expect(before).toMatchObject({ matches: 0, invoiceOpen: 50_000, creditOpen: -50_000, feed: 1 });

    const preview = await w.client.post(`${w.base}/matches/preview`, {
      debitEntryId: inv.receivableEntryId,
      creditEntryId: entryId,
    });
    expectStatus(preview, 200, 'preview');
    expect(preview.body.invoiceId).toBe(inv.id);
    expect(preview.body.warnings.map((x: Warning) => x.code)).toEqual([
      'invoice_in_collection',
      'loss_in_manual_voucher',
    ]);
    expect(await stored(w, inv, entryId)).toEqual(before);

    const body = { debitEntryId: inv.receivableEntryId, creditEntryId: entryId };
    const refused = await w.client.post(`${w.base}/matches`, body);
    expectStatus(refused, 409, 'unacknowledged');
    expect(refused.body).toMatchObject({ code: 'conflict', reason: 'warnings_not_acknowledged' });
    expect(refused.body.warnings.map((x: Warning) => x.code)).toEqual([
      'invoice_in_collection',
      'loss_in_manual_voucher',
    ]);
    expect(await stored(w, inv, entryId)).toEqual(before);

    // Acknowledging only one of the two warnings is not enough.
    const partly = await w.client.post(`${w.base}/matches`, {
      ...body,
      acknowledgeWarnings: ['invoice_in_collection'],
    });
    expectStatus(partly, 409, 'partly acknowledged');
    expect(partly.body.unacknowledged).toEqual(['loss_in_manual_voucher']);
    expect(await stored(w, inv, entryId)).toEqual(before);

    const made = await w.client.post(`${w.base}/matches`, {
      ...body,
      acknowledgeWarnings: ['invoice_in_collection', 'loss_in_manual_voucher'],
    });
    expectStatus(made, 201, 'acknowledged');
    expect(await stored(w, inv, entryId)).toEqual({
      matches: 1,
      events: before.events + 1,
      invoiceOpen: 0,
      creditOpen: 0,
      feed: 2,
    });
    expect((await w.feed(inv.id)).at(-1)).toMatchObject({ type: 'invoice.manual_match', isManual: true });
  });

  it('an invoice not with an agency matches in one step, no acknowledgement needed; its preview has no warnings', async () => {
    const w = await world();
    const plain = await w.invoice(20_000);
    const { entryId } = await w.manualCredit(7830, 20_000, 'Tap');
    const preview = await w.client.post(`${w.base}/matches/preview`, {
      debitEntryId: plain.receivableEntryId,
      creditEntryId: entryId,
    });
    expect(preview.body).toEqual({ invoiceId: plain.id, warnings: [] });
    const m = await w.match(plain, entryId, undefined, undefined);
    expect(m.debitOpenAmount).toBe(0);
    expect((await stored(w, plain, entryId)).matches).toBe(1);
  });

  it('a manual bank entry (Dr 1920 / Cr 1500) matched to an invoice in a case: allowed, with invoice_in_collection; the agency sees isManual', async () => {
    const w = await world();
    const inv = await w.invoice(100_000, 'case');
    const { voucherId, entryId } = await w.manualCredit(1920, 60_000, 'Innbetaling ført manuelt');
    const m = await w.match(inv, entryId);
    expect(m).toMatchObject({ amount: 60_000, debitOpenAmount: 40_000, invoiceId: inv.id });
    expect(m.warnings?.map((x) => x.code)).toEqual(['invoice_in_collection']);
    expect(m.warnings![0]!.message).toContain(w.agencyName);
    expect(await w.openAmount(inv)).toBe(40_000);

    const events = await w.feed(inv.id);
    expect(events.map((e) => e.type)).toEqual(['invoice.available', 'invoice.manual_match']);
    expect(events[1]).toMatchObject({
      type: 'invoice.manual_match',
      clientId: w.companyId,
      caseNumber: `K-${inv.invoiceNumber}`,
      voucherId,
      voucherType: 'manual',
      amount: 60_000,
      remainingAmount: 40_000,
      isManual: true,
      isWriteOff: false,
      kid: null,
    });
    const matched = await w.agency.get(`/clients/${w.companyId}/invoices/${inv.id}/matched-items`);
    expectStatus(matched, 200, 'matched items');
    expect(matched.body.data).toEqual([
      expect.objectContaining({ voucherType: 'manual', isManual: true, isWriteOff: false, amount: 60_000 }),
    ]);
  });

  it('a loss booked in a manual voucher (Dr 7830 / Cr 1500) matched: loss_in_manual_voucher too, pointing to Avskriv; to the agency it is only a manual entry', async () => {
    const w = await world();
    const inv = await w.invoice(50_000, 'case');
    const { entryId } = await w.manualCredit(7830, 50_000, 'Tap på fordring');
    const m = await w.match(inv, entryId);
    expect(m.debitOpenAmount).toBe(0);
    expect(m.warnings?.map((x) => x.code)).toEqual(['invoice_in_collection', 'loss_in_manual_voucher']);
    const loss = m.warnings!.find((x) => x.code === 'loss_in_manual_voucher')!;
    expect(loss.message).toContain('Avskriv');
    expect(loss.message).toContain('7830');
    expect(loss.message).toContain(w.agencyName);
    const events = await w.feed(inv.id);
    expect(events.at(-1)).toMatchObject({
      type: 'invoice.manual_match',
      isManual: true,
      isWriteOff: false,
      amount: 50_000,
      remainingAmount: 0,
    });
  });

  it('an invoice only on the agency’s approved list (no case yet) warns as well', async () => {
    const w = await world();
    const inv = await w.invoice(30_000, 'approved');
    const { entryId } = await w.manualCredit(1920, 10_000, 'Delbetaling');
    const m = await w.match(inv, entryId);
    expect(m.warnings?.map((x) => x.code)).toEqual(['invoice_in_collection']);
    expect((await w.feed(inv.id)).at(-1)).toMatchObject({
      type: 'invoice.manual_match',
      isManual: true,
      caseNumber: null,
      remainingAmount: 20_000,
    });
  });

  it('the same matches on an invoice that is not with an agency: no warnings, nothing in the agency’s feed', async () => {
    const w = await world();
    const plain = await w.invoice(100_000);
    const bank = await w.manualCredit(1920, 40_000, 'Innbetaling');
    const m1 = await w.match(plain, bank.entryId, undefined, undefined);
    expect(m1.warnings ?? []).toEqual([]);
    const loss = await w.manualCredit(7830, 60_000, 'Tap');
    const m2 = await w.match(plain, loss.entryId);
    expect(m2.debitOpenAmount).toBe(0);
    expect(m2.warnings ?? []).toEqual([]);
    expect(await w.feed(plain.id)).toEqual([]);
  });

  it('a payment (not a manual voucher) matched by hand to an invoice in a case: no warnings, a payment in the feed', async () => {
    const w = await world();
    const inv = await w.invoice(40_000, 'case');
    const prepaid = await w.client.post(`${w.base}/payments`, {
      customerId: w.customer.id,
      amount: 15_000,
      paymentDate: TEST_TODAY,
    });
    expectStatus(prepaid, 201, 'payment on the customer');
    const m = await w.match(inv, prepaid.body.entryId);
    expect(m.amount).toBe(15_000);
    expect(m.warnings ?? []).toEqual([]);
    expect((await w.feed(inv.id)).at(-1)).toMatchObject({
      type: 'invoice.payment',
      voucherType: 'payment',
      isManual: false,
      isWriteOff: false,
      remainingAmount: 25_000,
    });
  });

  it('Avskriv (POST /invoices/{id}/write-off) is what the agency sees as a write-off: isWriteOff, not isManual', async () => {
    const w = await world();
    const inv = await w.invoice(80_000, 'case');
    const manual = await w.invoice(20_000, 'case');
    const { entryId } = await w.manualCredit(7830, 20_000, 'Tap ført for hånd');
    await w.match(manual, entryId);
    const off = await w.client.post(`${w.base}/invoices/${inv.id}/write-off`, {
      date: TEST_TODAY,
      reason: 'Skyldner konkurs',
    });
    expectStatus(off, 201, 'Avskriv');
    expect(off.body).toMatchObject({ invoiceId: inv.id, amount: 80_000, account: 7830, invoiceOpenAmount: 0 });
    const writeOff = (await w.feed(inv.id)).at(-1);
    expect(writeOff).toMatchObject({
      type: 'invoice.write_off',
      voucherId: off.body.voucherId,
      voucherType: 'write_off',
      isWriteOff: true,
      isManual: false,
      amount: 80_000,
      remainingAmount: 0,
    });
    const handMade = (await w.feed(manual.id)).at(-1);
    expect(handMade).toMatchObject({
      type: 'invoice.manual_match',
      voucherType: 'manual',
      isWriteOff: false,
      isManual: true,
      remainingAmount: 0,
    });
    // The case stays with the agency after Avskriv.
    const kase = await w.agency.get(`/clients/${w.companyId}/cases/K-${inv.invoiceNumber}`);
    expect(kase.body).toMatchObject({ state: 'open' });
  });

  it('undoing a manual match shows in the feed as invoice.unmatched, still marked manual', async () => {
    const w = await world();
    const inv = await w.invoice(25_000, 'case');
    const { entryId } = await w.manualCredit(1920, 25_000, 'Feilført');
    const m = await w.match(inv, entryId);
    const undone = await w.client.post(`${w.base}/matches/${m.matchId}/unmatch`);
    expectStatus(undone, 201, 'unmatch');
    expect(await w.openAmount(inv)).toBe(25_000);
    expect((await w.feed(inv.id)).map((e) => [e.type, e.isManual, e.remainingAmount])).toEqual([
      ['invoice.available', false, 25_000],
      ['invoice.manual_match', true, 0],
      ['invoice.unmatched', true, 25_000],
    ]);
  });
});
