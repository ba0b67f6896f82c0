import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { caseMoney, createCase, updateCaseStatus } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import {
  approveSettlement,
  previewSettlement,
  receiveSettlement,
  rejectSettlement,
  type SettlementInput,
} from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { listInvoiceEvents } from '../../src/ledger/invoice-event.repository.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { ore } from '../../src/shared/money.js';
import { refused } from '../support/assert.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice, openAmountOf } from '../support/fixtures.js';

const TODAY = '2026-11-20';
const user = { type: 'user' as const, id: null };

describe.each(BACKENDS)('settlements on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** A creditor, an agency, and cases (by number) of one customer each holding the invoices given (totals in øre). */
  async function world(cases: Record<string, number[]>, options: { vatRegistered?: boolean } = {}) {
    const company = await makeCompany(db, { vatRegistered: options.vatRegistered, sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Oppgjør Inkasso AS' }),
    );
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const invoices: Record<string, Array<{ id: string; receivableEntryId: number; kid: string }>> = {};
    for (const [caseNumber, totals] of Object.entries(cases)) {
      const customer = await makeCustomer(db, company.id, { name: `Skyldner ${caseNumber}` });
      invoices[caseNumber] = [];
      for (const total of totals) {
        const vatRate = options.vatRegistered === false ? 0 : 25;
        const inv = await makeInvoice(db, company.id, customer.id, vatRate === 25 ? (total * 4) / 5 : total, {
          vatRate,
          issueDate: '2026-08-01',
          dueDate: '2026-08-15',
        });
        await inTransaction(db, async (trx) => {
          const draft = await sendToCollection(trx, company.id, inv.id, { today: TODAY }, user);
          await approveHandover(trx, company.id, draft.id, user);
        });
        invoices[caseNumber]!.push(inv);
      }
      await inTransaction(db, (trx) =>
        createCase(trx, agency.id, company.id, { caseNumber, invoiceIds: invoices[caseNumber]!.map((i) => i.id) }),
      );
    }
    return { company, agency, invoices };
  }

  it('VAT-registered creditor: 10 000 kr principal + 20 kr interest − 345 kr VAT on the fee → bank 9 675 kr', async () => {
    const { company, agency, invoices } = await world({ 'K-1': [1_000_000] });
    const inv = invoices['K-1']![0]!;
    const input: SettlementInput = {
      reference: 'S-2026-0001',
      settlementDate: TODAY,
      bankAmount: ore(967_500),
      lines: [
        { caseNumber: 'K-1', invoiceId: inv.id, type: 'principal', amount: ore(1_000_000) },
        { caseNumber: 'K-1', type: 'interest', amount: ore(2_000) },
        { caseNumber: 'K-1', type: 'vat', amount: ore(34_500) },
      ],
      statement: {
        debtorPaid: 1_138_500,
        principal: 1_000_000,
        interest: 2_000,
        salaer: 138_000,
        vatOnSalaer: 34_500,
        remitted: 967_500,
      },
    };
    const { settlement, replayed } = await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, input),
    );
    expect(replayed).toBe(false);
    expect(settlement.status).toBe('posted');
    expect(settlement.voucher!.postings.map((p) => [p.account, p.amount])).toEqual([
      [1920, 967_500],
      [1500, -1_000_000],
      [8050, -2_000],
      [2710, 34_500],
    ]);
    expect(await openAmountOf(db, inv.receivableEntryId)).toBe(0);
    const b = await balances(db, company.id);
    expect([b[1920], b[8050], b[2710]]).toEqual([967_500, -2_000, 34_500]);
    const events = await listInvoiceEvents(db, company.id, { after: 0, limit: 100, invoiceId: inv.id });
    expect(events.at(-1)).toMatchObject({
      type: 'invoice.settlement',
      amount: 1_000_000,
      remainingAmount: 0,
      agencyId: agency.id,
      voucherType: 'settlement',
    });
    // The same reference and body again: the same settlement, nothing posted twice.
    const again = await inTransaction(db, (trx) => receiveSettlement(trx, agency.id, company.id, input));
    expect(again.replayed).toBe(true);
    expect(again.settlement.voucherId).toBe(settlement.voucherId);
    expect(
      await db
        .selectFrom('vouchers')
        .select('id')
        .where('company_id', '=', company.id)
        .where('type', '=', 'settlement')
        .execute(),
    ).toHaveLength(1);
    await refused(
      inTransaction(db, (trx) =>
        receiveSettlement(trx, agency.id, company.id, {
          ...input,
          bankAmount: ore(967_501),
          lines: [...input.lines.slice(0, 2), { caseNumber: 'K-1', type: 'vat', amount: ore(34_499) }],
        }),
      ),
      'settlement_exists',
    );
  });

  it('a settlement over three cases and four invoices', async () => {
    const { company, agency, invoices } = await world({ A: [100_000, 50_000], B: [200_000], C: [75_000] });
    const [a1, a2] = invoices.A!;
    const [b1] = invoices.B!;
    const [c1] = invoices.C!;
    const input: SettlementInput = {
      reference: 'S-3',
      settlementDate: TODAY,
      bankAmount: ore(100_000 + 50_000 + 200_000 + 75_000 + 1_500 + 3_750 - 10_000 - 2_500),
      lines: [
        { caseNumber: 'A', invoiceId: a1!.id, type: 'principal', amount: ore(100_000) },
        { caseNumber: 'A', invoiceId: a2!.id, type: 'principal', amount: ore(50_000) },
        { caseNumber: 'A', type: 'interest', amount: ore(1_500) },
        { caseNumber: 'B', invoiceId: b1!.id, type: 'principal', amount: ore(200_000) },
        { caseNumber: 'B', type: 'fee', amount: ore(3_750) },
        { caseNumber: 'C', invoiceId: c1!.id, type: 'principal', amount: ore(75_000) },
        { caseNumber: 'C', type: 'cost', amount: ore(10_000) },
        { caseNumber: 'C', type: 'vat', amount: ore(2_500) },
      ],
      statement: { cases: ['A', 'B', 'C'] },
    };
    const { settlement } = await inTransaction(db, (trx) => receiveSettlement(trx, agency.id, company.id, input));
    expect(settlement.status).toBe('posted');
    for (const inv of [a1!, a2!, b1!, c1!]) expect(await openAmountOf(db, inv.receivableEntryId)).toBe(0);
    const b = await balances(db, company.id);
    expect([b[1920], b[8050], b[3900], b[7790], b[2710], b[1500]]).toEqual([
      input.bankAmount,
      -1_500,
      -3_750,
      10_000,
      2_500,
      0,
    ]);
    const named = await db
      .selectFrom('settlement_cases')
      .select('case_id')
      .where('settlement_id', '=', settlement.id)
      .execute();
    expect(named).toHaveLength(3);
  });

  it('a partial settlement leaves the remainder in collection', async () => {
    const { company, agency, invoices } = await world({ P: [500_000] });
    const inv = invoices.P![0]!;
    await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-P1',
        settlementDate: TODAY,
        bankAmount: ore(200_000),
        lines: [{ caseNumber: 'P', invoiceId: inv.id, type: 'principal', amount: ore(200_000) }],
        statement: {},
      }),
    );
    expect(await openAmountOf(db, inv.receivableEntryId)).toBe(300_000);
    const kase = await db
      .selectFrom('cases')
      .select(['id', 'state'])
      .where('company_id', '=', company.id)
      .executeTakeFirstOrThrow();
    expect(kase.state).toBe('open');
    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'P', { status: 'payment_plan', agencyBalance: ore(300_000) }),
    );
    const money = await caseMoney(db, company.id, kase.id);
    expect(money).toMatchObject({
      originalClaim: 500_000,
      settledByAgency: 200_000,
      remaining: 300_000,
      toCollect: 300_000,
      agencyBalance: 300_000,
      disagrees: false,
    });
    await refused(
      inTransaction(db, (trx) =>
        receiveSettlement(trx, agency.id, company.id, {
          reference: 'S-P2',
          settlementDate: TODAY,
          bankAmount: ore(300_001),
          lines: [{ caseNumber: 'P', invoiceId: inv.id, type: 'principal', amount: ore(300_001) }],
          statement: {},
        }),
      ),
      'overpaid',
    );
    expect(
      await db.selectFrom('settlements').select('reference').where('company_id', '=', company.id).execute(),
    ).toEqual([{ reference: 'S-P1' }]);
  });

  it('a creditor that is not VAT-registered: no VAT line (the VAT is part of its cost)', async () => {
    const { company, agency, invoices } = await world({ N: [100_000] }, { vatRegistered: false });
    const inv = invoices.N![0]!;
    const vat = await refused(
      inTransaction(db, (trx) =>
        receiveSettlement(trx, agency.id, company.id, {
          reference: 'S-N0',
          settlementDate: TODAY,
          bankAmount: ore(97_500),
          lines: [
            { caseNumber: 'N', invoiceId: inv.id, type: 'principal', amount: ore(100_000) },
            { caseNumber: 'N', type: 'vat', amount: ore(2_500) },
          ],
          statement: {},
        }),
      ),
      'validation_failed',
    );
    expect(vat.extra).toEqual({ reason: 'vat_not_deductible' });
    const { settlement } = await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-N1',
        settlementDate: TODAY,
        bankAmount: ore(87_500),
        lines: [
          { caseNumber: 'N', invoiceId: inv.id, type: 'principal', amount: ore(100_000) },
          { caseNumber: 'N', type: 'cost', amount: ore(12_500) },
        ],
        statement: {},
      }),
    );
    expect(settlement.voucher!.postings.map((p) => [p.account, p.amount])).toEqual([
      [1920, 87_500],
      [1500, -100_000],
      [7790, 12_500],
    ]);
  });

  it('refuses an unbalanced settlement with the difference, storing nothing', async () => {
    const { company, agency, invoices } = await world({ U: [100_000] });
    const inv = invoices.U![0]!;
    const e = await refused(
      inTransaction(db, (trx) =>
        receiveSettlement(trx, agency.id, company.id, {
          reference: 'S-U',
          settlementDate: TODAY,
          bankAmount: ore(99_000),
          lines: [{ caseNumber: 'U', invoiceId: inv.id, type: 'principal', amount: ore(100_000) }],
          statement: {},
        }),
      ),
      'settlement_unbalanced',
    );
    expect(e.extra).toMatchObject({ difference: -1_000, expectedBankAmount: 100_000 });
    expect(await db.selectFrom('settlements').select('id').where('company_id', '=', company.id).execute()).toEqual([]);
    expect(await openAmountOf(db, inv.receivableEntryId)).toBe(100_000);
  });

  it('approval mode: pending with a preview, approved → posted; rejected → never posted', async () => {
    const { company, agency, invoices } = await world({ M: [100_000, 40_000] });
    const [m1, m2] = invoices.M!;
    await inTransaction(db, (trx) => updateDunningSettings(trx, company.id, { settlementsNeedApproval: true }, TODAY));
    const { settlement } = await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-M1',
        settlementDate: TODAY,
        bankAmount: ore(100_000),
        lines: [{ caseNumber: 'M', invoiceId: m1!.id, type: 'principal', amount: ore(100_000) }],
        statement: { note: 'x' },
      }),
    );
    expect(settlement).toMatchObject({ status: 'pending_approval', voucherId: null });
    expect(await openAmountOf(db, m1!.receivableEntryId)).toBe(100_000);
    const preview = await previewSettlement(db, company.id, settlement.id);
    expect(preview.postings.map((p) => [p.account, p.amount])).toEqual([
      [1920, 100_000],
      [1500, -100_000],
    ]);
    expect(preview.problems).toEqual([]);
    const posted = await inTransaction(db, (trx) => approveSettlement(trx, company.id, settlement.id, null));
    expect(posted.status).toBe('posted');
    expect(await openAmountOf(db, m1!.receivableEntryId)).toBe(0);
    await refused(
      inTransaction(db, (trx) => approveSettlement(trx, company.id, settlement.id, null)),
      'invalid_transition',
    );

    const second = await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-M2',
        settlementDate: TODAY,
        bankAmount: ore(40_000),
        lines: [{ caseNumber: 'M', invoiceId: m2!.id, type: 'principal', amount: ore(40_000) }],
        statement: {},
      }),
    );
    // The debtor paid the creditor directly meanwhile: approving now would close more than is open.
    await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: m2!.kid, amount: ore(10_000), paymentDate: TODAY }, null),
    );
    expect((await previewSettlement(db, company.id, second.settlement.id)).problems).toEqual([
      expect.objectContaining({
        code: 'overpaid',
        reason: 'more_than_remaining',
        invoiceId: m2!.id,
        invoiceNumber: expect.any(Number),
        principalAmount: 40_000,
        remainingAmount: 30_000,
        recoverableAmount: 0,
      }),
    ]);
    await refused(
      inTransaction(db, (trx) => approveSettlement(trx, company.id, second.settlement.id, null)),
      'overpaid',
    );
    const rejected = await inTransaction(db, (trx) =>
      rejectSettlement(trx, company.id, second.settlement.id, 'Kunden betalte oss direkte', null),
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Kunden betalte oss direkte', voucherId: null });
  });

  it('a write-off does not count as settled: the case money shows it apart, and the agency still collects', async () => {
    const { company, agency, invoices } = await world({ W: [100_000] });
    const inv = invoices.W![0]!;
    await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { kid: inv.kid, amount: ore(20_000), paymentDate: TODAY }, null),
    );
    await inTransaction(db, (trx) => writeOffInvoice(trx, company.id, inv.id, { date: TODAY, reason: 'Tap' }, null));
    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'W', { status: 'legal', agencyBalance: ore(90_000) }),
    );
    const kase = await db
      .selectFrom('cases')
      .select('id')
      .where('company_id', '=', company.id)
      .executeTakeFirstOrThrow();
    expect(await caseMoney(db, company.id, kase.id)).toMatchObject({
      originalClaim: 100_000,
      paidDirectly: 20_000,
      writtenOff: 80_000,
      remaining: 0,
      toCollect: 80_000,
      agencyBalance: 90_000,
      disagrees: true,
    });
  });

  it('money recovered on a written-off invoice is settled as a recovered loss (Cr 7830), up to what was written off', async () => {
    const { company, agency, invoices } = await world({ R: [100_000] });
    const inv = invoices.R![0]!;
    await inTransaction(db, (trx) =>
      writeOffInvoice(trx, company.id, inv.id, { date: TODAY, reason: 'Tapsført, byrået fortsetter' }, null),
    );
    expect((await balances(db, company.id))[7830]).toBe(100_000);
    const { settlement } = await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-R1',
        settlementDate: TODAY,
        bankAmount: ore(60_000),
        lines: [{ caseNumber: 'R', invoiceId: inv.id, type: 'principal', amount: ore(60_000) }],
        statement: {},
      }),
    );
    expect(settlement.voucher!.postings.map((p) => [p.account, p.amount])).toEqual([
      [1920, 60_000],
      [7830, -60_000],
    ]);
    expect(await openAmountOf(db, inv.receivableEntryId)).toBe(0);
    expect((await balances(db, company.id))[7830]).toBe(40_000);
    // Only what is still written off can be recovered.
    await refused(
      inTransaction(db, (trx) =>
        receiveSettlement(trx, agency.id, company.id, {
          reference: 'S-R2',
          settlementDate: TODAY,
          bankAmount: ore(40_001),
          lines: [{ caseNumber: 'R', invoiceId: inv.id, type: 'principal', amount: ore(40_001) }],
          statement: {},
        }),
      ),
      'overpaid',
    );
    await inTransaction(db, (trx) =>
      receiveSettlement(trx, agency.id, company.id, {
        reference: 'S-R3',
        settlementDate: TODAY,
        bankAmount: ore(40_000),
        lines: [{ caseNumber: 'R', invoiceId: inv.id, type: 'principal', amount: ore(40_000) }],
        statement: {},
      }),
    );
    expect((await balances(db, company.id))[7830] ?? 0).toBe(0);
  });
});
