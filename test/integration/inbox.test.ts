/**
 * Issue 18, item 4: «Til behandling» (inbox/inbox.read-model.ts) on both backends. Each kind of
 * item appears when its cause happens and is gone once it is decided: an agency giving an invoice
 * back, a «Vent» whose date has come (before and after the daily run ends it), a case reported
 * disputed, a case whose reported balance disagrees with the ledger, a settlement waiting for
 * approval, an unmatched bank entry. The accountant API answers the same list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { camtDocument } from '../../src/bank/bank-file.fixtures.js';
import { type BankFileSource, importBankFile, resolveBankEntry } from '../../src/bank/bank-import.service.js';
import { createCase, rejectInvoiceByAgency, updateCaseStatus } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { companyInbox, type InboxKind } from '../../src/inbox/inbox.read-model.js';
import { approveSettlement, receiveSettlement, rejectSettlement } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { endExpiredWaits } from '../../src/dunning/daily-run.js';
import { recordDecision, sendLetter, updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { ApiClient, createTestApp } from '../support/http.js';

const TODAY = '2026-11-20';
const user = { type: 'user' as const, id: null };
const bytes = (s: string): BankFileSource =>
  async function* () {
    yield new TextEncoder().encode(s);
  };

describe.each(BACKENDS)('the inbox on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** A creditor with an active agency, and invoices of one customer (net øre, 25 % VAT) overdue since 15 Aug. */
  async function world(nets: number[]) {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Kø Inkasso AS' }));
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const customer = await makeCustomer(db, company.id, { name: 'Skyldner AS' });
    const invoices = [];
    for (const net of nets)
      invoices.push(
        await makeInvoice(db, company.id, customer.id, net, { issueDate: '2026-08-01', dueDate: '2026-08-15' }),
      );
    return { company, agency, customer, invoices };
  }

  const approved = (companyId: string, invoiceId: string) =>
    inTransaction(db, async (trx) => {
      const draft = await sendToCollection(trx, companyId, invoiceId, { today: TODAY }, user);
      await approveHandover(trx, companyId, draft.id, user);
    });

  const keysOf = async (companyId: string, kind: InboxKind, today = TODAY) =>
    (await companyInbox(db, companyId, today)).items.filter((i) => i.kind === kind);

  it('an agency giving an invoice back: there until the accountant decides anew', async () => {
    const { company, agency, invoices } = await world([100_000]);
    const [inv] = invoices;
    await approved(company.id, inv!.id);
    expect(await keysOf(company.id, 'agency_returned')).toEqual([]);
    await inTransaction(db, (trx) => rejectInvoiceByAgency(trx, agency.id, company.id, inv!.id, 'Foreldet krav'));

    const [item] = await keysOf(company.id, 'agency_returned');
    expect(item).toMatchObject({
      kind: 'agency_returned',
      key: `agency_returned:${inv!.id}`,
      invoiceId: inv!.id,
      invoiceNumber: inv!.invoiceNumber,
      customerName: 'Skyldner AS',
      agencyName: 'Kø Inkasso AS',
      cause: 'agency_rejected_invoice',
      reason: 'Foreldet krav',
      amount: 125_000,
    });
    const inbox = await companyInbox(db, company.id, TODAY);
    expect(inbox.counts.agency_returned).toBe(1);
    expect(inbox.total).toBe(inbox.items.length);

    // The accountant decides: a reminder next. Gone.
    await inTransaction(db, (trx) =>
      recordDecision(trx, company.id, inv!.id, { nextAction: 'reminder', reason: 'Vi purrer selv' }, user),
    );
    expect(await keysOf(company.id, 'agency_returned')).toEqual([]);
  });

  it('a «Vent» until a date: there once the date has come, also after the daily run ends it, gone after a letter', async () => {
    const { company, invoices } = await world([80_000]);
    const [inv] = invoices;
    await inTransaction(db, (trx) =>
      recordDecision(
        trx,
        company.id,
        inv!.id,
        { nextAction: 'wait', waitUntil: '2026-11-25', reason: 'Lovet betaling' },
        user,
      ),
    );
    expect(await keysOf(company.id, 'wait_ended', TODAY)).toEqual([]);
    expect(await keysOf(company.id, 'wait_ended', '2026-11-24')).toEqual([]);
    expect(await keysOf(company.id, 'wait_ended', '2026-11-25')).toMatchObject([
      { invoiceId: inv!.id, waitUntil: '2026-11-25', reason: 'Lovet betaling' },
    ]);
    // The daily run of the 25th ends the wait (a system decision): still for the accountant to look at.
    await inTransaction(db, (trx) => endExpiredWaits(trx, company.id, '2026-11-25'));
    expect(await keysOf(company.id, 'wait_ended', '2026-11-26')).toMatchObject([
      { invoiceId: inv!.id, waitUntil: '2026-11-25', reason: 'Lovet betaling' },
    ]);
    // A reminder sent: decided.
    await inTransaction(db, (trx) => sendLetter(trx, company.id, inv!.id, { type: 'reminder', sendDate: TODAY }, user));
    expect(await keysOf(company.id, 'wait_ended', '2026-11-26')).toEqual([]);
  });

  it('a case reported disputed, and a case whose balance disagrees: there until the agency’s figures say otherwise', async () => {
    const { company, agency, invoices } = await world([100_000, 60_000]);
    for (const inv of invoices) await approved(company.id, inv.id);
    await inTransaction(db, (trx) =>
      createCase(trx, agency.id, company.id, { caseNumber: 'T-1', invoiceIds: invoices.map((i) => i.id) }),
    );
    expect((await companyInbox(db, company.id, TODAY)).total).toBe(0);

    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'T-1', {
        status: 'disputed',
        statusText: 'Skyldner bestrider kravet',
      }),
    );
    expect(await keysOf(company.id, 'dispute')).toMatchObject([
      {
        caseNumber: 'T-1',
        customerName: 'Skyldner AS',
        agencyName: 'Kø Inkasso AS',
        reason: 'Skyldner bestrider kravet',
      },
    ]);
    // The case's invoices are not «given back»: the dispute is the item, not each invoice.
    expect(await keysOf(company.id, 'agency_returned')).toEqual([]);

    // The dispute ends; the agency reports a balance 100 kr above the ledger's 2 000 kr.
    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'T-1', { status: 'payment_demand', agencyBalance: ore(210_000) }),
    );
    expect(await keysOf(company.id, 'dispute')).toEqual([]);
    expect(await keysOf(company.id, 'case_money')).toMatchObject([
      { caseNumber: 'T-1', agencyBalance: 210_000, toCollect: 200_000, amount: 10_000 },
    ]);
    // Its figures agree again.
    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'T-1', { status: 'payment_demand', agencyBalance: ore(200_000) }),
    );
    expect(await keysOf(company.id, 'case_money')).toEqual([]);
  });

  it('settlements waiting for approval: there until approved or rejected', async () => {
    const { company, agency, invoices } = await world([100_000, 40_000]);
    await inTransaction(db, (trx) => updateDunningSettings(trx, company.id, { settlementsNeedApproval: true }, TODAY));
    for (const inv of invoices) await approved(company.id, inv.id);
    await inTransaction(db, async (trx) => {
      await createCase(trx, agency.id, company.id, { caseNumber: 'S-A', invoiceIds: [invoices[0]!.id] });
      await createCase(trx, agency.id, company.id, { caseNumber: 'S-B', invoiceIds: [invoices[1]!.id] });
    });
    const settle = (reference: string, caseNumber: string, invoiceId: string, amount: number) =>
      inTransaction(db, (trx) =>
        receiveSettlement(trx, agency.id, company.id, {
          reference,
          settlementDate: TODAY,
          bankAmount: ore(amount),
          lines: [{ caseNumber, invoiceId, type: 'principal', amount: ore(amount) }],
        }),
      );
    const first = await settle('OPP-1', 'S-A', invoices[0]!.id, 50_000);
    const second = await settle('OPP-2', 'S-B', invoices[1]!.id, 20_000);
    expect(await keysOf(company.id, 'settlement_approval')).toMatchObject([
      { settlementId: first.settlement.id, reference: 'OPP-1', amount: 50_000, agencyName: 'Kø Inkasso AS' },
      { settlementId: second.settlement.id, reference: 'OPP-2', amount: 20_000 },
    ]);
    await inTransaction(db, (trx) => approveSettlement(trx, company.id, first.settlement.id, null));
    expect((await keysOf(company.id, 'settlement_approval')).map((i) => i.reference)).toEqual(['OPP-2']);
    await inTransaction(db, (trx) => rejectSettlement(trx, company.id, second.settlement.id, 'Feil beløp', null));
    expect(await keysOf(company.id, 'settlement_approval')).toEqual([]);
  });

  it('an unmatched bank entry: there until it is resolved; and the API answers the same list', async () => {
    const { company } = await world([100_000]);
    const file = camtDocument({
      message: '054',
      version: '02',
      account: company.bankAccount,
      entries: [
        { ref: 'U-1', bookingDate: '2026-11-18', amount: 7_700, text: 'Tilfeldig', debtorName: 'Ukjent Person' },
      ],
    });
    await importBankFile(db, company.id, bytes(file), { userId: null, today: TODAY });
    const [entry] = await keysOf(company.id, 'bank_entry');
    expect(entry).toMatchObject({ amount: 7_700, customerName: 'Ukjent Person', since: '2026-11-18' });

    const accountant = await makeUser(db, company.id, 'accountant');
    const client = new ApiClient(createTestApp(db));
    expect((await client.login(accountant.email, accountant.password)).status).toBe(200);
    const res = await client.get(`/companies/${company.id}/inbox`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await companyInbox(db, company.id, TODAY))));
    expect(res.body.counts).toMatchObject({ bank_entry: 1, dispute: 0, settlement_approval: 0 });

    await inTransaction(db, (trx) =>
      resolveBankEntry(trx, company.id, entry!.bankEntryId!, { action: 'not_customer_payment', note: 'Privat' }, null),
    );
    expect(await keysOf(company.id, 'bank_entry')).toEqual([]);
    expect((await client.get(`/companies/${company.id}/inbox`)).body.total).toBe(0);
  });
});
