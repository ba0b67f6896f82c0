/**
 * Issue 11, defects 3–5: who gave an invoice back (and why) is kept in the decision log as fields;
 * a withdrawn or closed case brings its open invoices back with «Vent» like a rejection; an
 * archived case (rejected, merged away, ended) keeps the invoices it had, their figures, and
 * structured history lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import {
  caseMoney,
  createCase,
  getCaseByNumber,
  mergeCases,
  rejectCase,
  rejectInvoiceByAgency,
  updateCaseStatus,
} from '../../src/collection/case.service.js';
import { approveHandover, rejectHandover, sendToCollection } from '../../src/collection/handover.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { decisionHistory, reminderListItem } from '../../src/dunning/dunning.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';

const TODAY = '2026-11-20';
const user = { type: 'user' as const, id: null };

describe.each(BACKENDS)('case records on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** A creditor with an active agency and one customer whose invoices (net amounts in øre, 25 % VAT) are on the agency's approved list. */
  async function world(nets: number[]) {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Referanse Inkasso AS' }),
    );
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const customer = await makeCustomer(db, company.id, { name: 'Skyldner AS' });
    const invoices = [];
    for (const net of nets) {
      const inv = await makeInvoice(db, company.id, customer.id, net, {
        vatRate: 25,
        issueDate: '2026-08-01',
        dueDate: '2026-08-15',
      });
      await inTransaction(db, async (trx) => {
        const draft = await sendToCollection(trx, company.id, inv.id, { today: TODAY }, user);
        await approveHandover(trx, company.id, draft.id, user);
      });
      invoices.push(inv);
    }
    return { company, agency, invoices };
  }

  async function handoverRows(invoiceId: string) {
    return db
      .selectFrom('handovers')
      .select(['state', 'ended_by_type', 'end_reason', 'case_id'])
      .where('invoice_id', '=', invoiceId)
      .orderBy('created_at')
      .execute();
  }

  it('an agency giving a case back: «Vent», and the decision says the agency, its name, the case and its words', async () => {
    const { company, agency, invoices } = await world([80_000, 40_000]);
    await inTransaction(db, (trx) =>
      createCase(trx, agency.id, company.id, { caseNumber: 'R-1', invoiceIds: invoices.map((i) => i.id) }),
    );
    await inTransaction(db, (trx) => rejectCase(trx, agency.id, company.id, 'R-1', 'Skyldner er under gjeldsordning'));

    for (const inv of invoices) {
      const [latest] = await decisionHistory(db, company.id, inv.id);
      expect(latest).toMatchObject({
        nextAction: 'wait',
        waitUntil: null,
        reason: 'Skyldner er under gjeldsordning',
        actorType: 'agency',
        actorId: agency.id,
        decidedBy: { kind: 'agency', agencyId: agency.id, agencyName: 'Referanse Inkasso AS' },
        cause: 'agency_rejected_case',
        caseNumber: 'R-1',
      });
      // The reminder list shows it as the agency's decision, not the user's.
      const item = await reminderListItem(db, company.id, inv.id, TODAY);
      expect(item?.next.nextAction).toBe('wait');
      expect(item?.decision?.decidedBy).toEqual({
        kind: 'agency',
        agencyId: agency.id,
        agencyName: 'Referanse Inkasso AS',
      });
      expect(item?.decision?.cause).toBe('agency_rejected_case');
      const rows = await handoverRows(inv.id);
      expect(rows.map((r) => [r.state, r.ended_by_type, r.end_reason])).toEqual([
        ['rejected', 'agency', 'Skyldner er under gjeldsordning'],
      ]);
    }
  });

  it('an agency declining one invoice of a case: the decision names the case; a user rejecting a draft is the user', async () => {
    const { company, agency, invoices } = await world([80_000, 40_000, 20_000]);
    const [a, b, c] = invoices as [(typeof invoices)[0], (typeof invoices)[0], (typeof invoices)[0]];
    await inTransaction(db, (trx) =>
      createCase(trx, agency.id, company.id, { caseNumber: 'R-2', invoiceIds: [a.id, b.id] }),
    );
    await inTransaction(db, (trx) => rejectInvoiceByAgency(trx, agency.id, company.id, a.id, 'Foreldet krav'));
    expect((await decisionHistory(db, company.id, a.id))[0]).toMatchObject({
      nextAction: 'wait',
      reason: 'Foreldet krav',
      decidedBy: { kind: 'agency', agencyName: 'Referanse Inkasso AS' },
      cause: 'agency_rejected_invoice',
      caseNumber: 'R-2',
    });
    // Declined from the approved list (no case): no case number.
    await inTransaction(db, (trx) => rejectInvoiceByAgency(trx, agency.id, company.id, c.id, 'Under beløpsgrensen'));
    expect((await decisionHistory(db, company.id, c.id))[0]).toMatchObject({
      cause: 'agency_rejected_invoice',
      caseNumber: null,
      reason: 'Under beløpsgrensen',
    });

    // The case still open keeps a record of the invoice it gave back.
    const k = await getCaseByNumber(db, agency.id, company.id, 'R-2');
    expect(k.state).toBe('open');
    expect(k.invoices.map((i) => [i.invoiceNumber, i.state])).toEqual([
      [a.invoiceNumber, 'rejected'],
      [b.invoiceNumber, 'in_case'],
    ]);
    const removed = k.history.find((h) => h.kind === 'invoice_removed');
    expect(removed?.figures).toEqual({ invoiceNumber: a.invoiceNumber });

    // A user's rejection from the draft list stays the user's.
    const other = await makeInvoice(
      db,
      company.id,
      (await db.selectFrom('invoices').select('customer_id').where('id', '=', a.id).executeTakeFirstOrThrow())
        .customer_id,
      10_000,
      {
        issueDate: '2026-08-01',
        dueDate: '2026-08-15',
      },
    );
    const draft = await inTransaction(db, (trx) => sendToCollection(trx, company.id, other.id, { today: TODAY }, user));
    await inTransaction(db, (trx) => rejectHandover(trx, company.id, draft.id, 'Kunden har ringt', user));
    expect((await decisionHistory(db, company.id, other.id))[0]).toMatchObject({
      nextAction: 'wait',
      reason: 'Kunden har ringt',
      decidedBy: { kind: 'user', userId: null },
      cause: 'handover_rejected',
      caseNumber: null,
    });
  });

  it('a withdrawn case and a closed one bring what is open back with «Vent»; a paid-in-full invoice gets no decision', async () => {
    const { company, agency, invoices } = await world([80_000, 40_000, 20_000]);
    const [a, b, c] = invoices as [(typeof invoices)[0], (typeof invoices)[0], (typeof invoices)[0]];
    await inTransaction(db, (trx) =>
      createCase(trx, agency.id, company.id, { caseNumber: 'W-1', invoiceIds: [a.id, b.id] }),
    );
    await inTransaction(db, (trx) => createCase(trx, agency.id, company.id, { caseNumber: 'C-1', invoiceIds: [c.id] }));
    // b is paid in full directly before the case is withdrawn.
    await inTransaction(db, (trx) =>
      registerPayment(trx, company.id, { amount: ore(50_000), paymentDate: TODAY, invoiceId: b.id }, null),
    );
    const before = (await decisionHistory(db, company.id, b.id)).length;
    await inTransaction(db, (trx) =>
      updateCaseStatus(trx, agency.id, company.id, 'W-1', { status: 'withdrawn', statusText: 'Kreditor trakk saken' }),
    );
    await inTransaction(db, (trx) => updateCaseStatus(trx, agency.id, company.id, 'C-1', { status: 'closed' }));

    expect((await decisionHistory(db, company.id, a.id))[0]).toMatchObject({
      nextAction: 'wait',
      waitUntil: null,
      reason: 'Kreditor trakk saken',
      decidedBy: { kind: 'agency', agencyName: 'Referanse Inkasso AS' },
      cause: 'case_withdrawn',
      caseNumber: 'W-1',
    });
    expect((await decisionHistory(db, company.id, c.id))[0]).toMatchObject({
      nextAction: 'wait',
      cause: 'case_closed',
      caseNumber: 'C-1',
    });
    expect((await decisionHistory(db, company.id, b.id)).length).toBe(before);
    for (const inv of [a, c]) {
      const item = await reminderListItem(db, company.id, inv.id, TODAY);
      expect(item?.next.nextAction).toBe('wait');
      expect((await handoverRows(inv.id)).map((r) => r.state)).toEqual(['archived']);
    }
    // The archived cases keep their invoices and figures.
    const w = await getCaseByNumber(db, agency.id, company.id, 'W-1');
    expect(w.invoices.map((i) => i.state)).toEqual(['archived', 'archived']);
    const money = await caseMoney(db, company.id, w.id);
    expect(money.originalClaim).toBe(150_000);
    expect(money.paidDirectly).toBe(50_000);
    expect(money.remaining).toBe(100_000);
  });

  it('a rejected case and a case merged away keep their invoices, figures and structured history', async () => {
    const { company, agency, invoices } = await world([80_000, 40_000, 20_000]);
    const [a, b, c] = invoices as [(typeof invoices)[0], (typeof invoices)[0], (typeof invoices)[0]];
    await inTransaction(db, (trx) => createCase(trx, agency.id, company.id, { caseNumber: 'M-1', invoiceIds: [a.id] }));
    await inTransaction(db, (trx) => createCase(trx, agency.id, company.id, { caseNumber: 'M-2', invoiceIds: [b.id] }));
    await inTransaction(db, (trx) => createCase(trx, agency.id, company.id, { caseNumber: 'X-1', invoiceIds: [c.id] }));
    await inTransaction(db, (trx) =>
      mergeCases(trx, agency.id, company.id, { caseNumbers: ['M-1', 'M-2'], into: 'M-2' }),
    );
    await inTransaction(db, (trx) => rejectCase(trx, agency.id, company.id, 'X-1', 'Ukjent adresse'));

    const merged = await getCaseByNumber(db, agency.id, company.id, 'M-1');
    expect(merged.state).toBe('archived');
    expect(merged.invoices).toEqual([
      {
        id: a.id,
        invoiceNumber: a.invoiceNumber,
        originalAmount: 100_000,
        remainingAmount: 100_000,
        state: 'merged',
        movedTo: 'M-2',
      },
    ]);
    expect(merged.history.map((h) => [h.kind, h.figures])).toEqual([
      ['created', { invoiceCount: 1 }],
      ['merged', { into: 'M-2' }],
    ]);
    const mergedMoney = await caseMoney(db, company.id, merged.id);
    expect(mergedMoney).toMatchObject({ originalClaim: 100_000, remaining: 100_000, toCollect: 0, disagrees: false });

    const target = await getCaseByNumber(db, agency.id, company.id, 'M-2');
    expect(target.invoices.map((i) => [i.invoiceNumber, i.state]).sort()).toEqual(
      [
        [a.invoiceNumber, 'in_case'],
        [b.invoiceNumber, 'in_case'],
      ].sort(),
    );
    expect(target.history.at(-1)?.figures).toEqual({ caseNumbers: ['M-1'] });
    expect((await caseMoney(db, company.id, target.id)).toCollect).toBe(150_000);

    const rejected = await getCaseByNumber(db, agency.id, company.id, 'X-1');
    expect(rejected.invoices.map((i) => [i.invoiceNumber, i.state, i.originalAmount])).toEqual([
      [c.invoiceNumber, 'rejected', 25_000],
    ]);
    expect(rejected.history.at(-1)).toMatchObject({ kind: 'rejected', figures: { invoiceCount: 1 } });
    expect(await caseMoney(db, company.id, rejected.id)).toMatchObject({ originalClaim: 25_000, toCollect: 0 });

    // The case_invoices rows themselves.
    const rows = await db
      .selectFrom('case_invoices')
      .select(['case_id', 'invoice_id', 'outcome', 'moved_to'])
      .where('company_id', '=', company.id)
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.case_id === merged.id)).toMatchObject({ outcome: 'moved', moved_to: target.id });
    expect(rows.find((r) => r.case_id === rejected.id)).toMatchObject({ outcome: 'rejected', moved_to: null });
    expect(rows.filter((r) => r.case_id === target.id).map((r) => r.outcome)).toEqual([null, null]);
  });
});
