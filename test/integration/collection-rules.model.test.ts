/**
 * A model-based test of the collection rules (issue 11): random sequences of the accountant's,
 * the daily run's and the agency's actions on a small company — letters, «Vent» until a later date
 * or undated, disputes, handover by hand and by the rules (`--all-eligible`), approval by hand and
 * by the daily run's auto-approval, rejection, payments, credit notes, Avskriv, cases and
 * settlements — through the service functions (HTTP would be slow). After every step:
 * - no invoice reached an agency (approved) in that step unless, as the model knew it before the
 *   step, the company's own notice was sent and its deadline had passed, no «Vent» was in force
 *   (an undated one only gives way to a person's own handover), it was not disputed, its customer
 *   not excluded, and something was open;
 * - every voucher balances and is dated no later than today.
 * Seeded and bounded (runs × commands), so it takes well under a minute per database.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createCase } from '../../src/collection/case.service.js';
import {
  approveAllDrafts,
  approveAllEligible,
  approveHandover,
  rejectHandover,
  sendToCollection,
} from '../../src/collection/handover.service.js';
import { receiveSettlement } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { type Actor, recordDecision, sendLetter } from '../../src/dunning/dunning.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { addDays, osloToday } from '../../src/shared/dates.js';
import { AppError } from '../../src/shared/errors.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';

const TODAY = '2026-11-20'; // the business date of the run (not after the real today)
const DUE = ['2026-08-20', '2026-09-10', '2026-10-01', '2026-10-20', '2026-11-01'];
const SEND_OFFSETS = [-60, -45, -30, -20, -10, -3, 0]; // days before TODAY a letter is dated
const user: Actor = { type: 'user', id: null };
const system: Actor = { type: 'system', id: null };

interface InvoiceModel {
  excluded: boolean;
  dueDate: string;
  lastLetterDeadline: string | null;
  lastLetterSent: string | null;
  noticeDeadline: string | null;
  wait: { until: string | null } | null;
  disputed: boolean;
}
interface Model {
  sendsOwnNotice: boolean;
  invoices: InvoiceModel[];
}
interface Real {
  db: Db;
  companyId: string;
  agencyId: string;
  invoiceIds: string[];
  kids: string[];
  cases: number;
  settlements: number;
}

/** Runs a service call in its own transaction; a refusal (AppError) is a legal outcome of a random step. */
async function attempt<T>(db: Db, f: Parameters<typeof inTransaction<T>>[1]): Promise<T | null> {
  try {
    return await inTransaction(db, f);
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return null;
    throw error;
  }
}

async function handoverStates(r: Real): Promise<Map<string, string>> {
  const rows = await r.db
    .selectFrom('handovers')
    .select(['invoice_id', 'state'])
    .where('company_id', '=', r.companyId)
    .where('state', 'in', ['draft', 'approved', 'in_case'])
    .execute();
  return new Map(rows.map((x) => [x.invoice_id, x.state]));
}

async function openAmounts(r: Real): Promise<number[]> {
  const rows = await r.db
    .selectFrom('invoices as i')
    .innerJoin('open_items as o', 'o.posting_id', 'i.posting_id')
    .select(['i.id', 'o.open_amount'])
    .where('i.company_id', '=', r.companyId)
    .execute();
  const byId = new Map(rows.map((x) => [x.id, x.open_amount]));
  return r.invoiceIds.map((id) => byId.get(id) ?? 0);
}

/** What the rules demand of an invoice reaching an agency, as the model knew it before the step. */
function mayReachAgency(m: Model, i: number, open: number, wasDraft: boolean): string | null {
  const inv = m.invoices[i]!;
  if (open <= 0) return 'nothing open';
  if (inv.excluded) return 'customer excluded';
  if (inv.disputed) return 'disputed';
  // A person's own handover uses up an undated «Vent» but only puts the invoice on the draft list;
  // reaching the agency (approval, or the rules' own selection) needs no «Vent» at all.
  if (inv.wait && (inv.wait.until === null || inv.wait.until > TODAY))
    return `«Vent»${inv.wait.until ? ` til ${inv.wait.until}` : ''} in force${wasDraft ? ' (set after the draft)' : ''}`;
  if (m.sendsOwnNotice && (inv.noticeDeadline === null || inv.noticeDeadline >= TODAY))
    return 'no notice with its deadline passed';
  if (TODAY < addDays(inv.dueDate, 14)) return 'before due + 14';
  if (inv.lastLetterDeadline && TODAY <= inv.lastLetterDeadline) return 'a letter deadline running';
  return null;
}

abstract class Step implements fc.AsyncCommand<Model, Real> {
  check(): boolean {
    return true;
  }
  abstract act(m: Model, r: Real): Promise<void>;
  async run(m: Model, r: Real): Promise<void> {
    const before = await handoverStates(r);
    const open = await openAmounts(r);
    const snapshot: Model = structuredClone(m);
    await this.act(m, r);
    const after = await handoverStates(r);
    // No invoice reached an agency in this step against the rules.
    for (const [i, id] of r.invoiceIds.entries()) {
      const was = before.get(id);
      const now = after.get(id);
      if (now === 'approved' && was !== 'approved' && was !== 'in_case') {
        const why = mayReachAgency(snapshot, i, open[i]!, was === 'draft');
        expect(why, `${this.toString()}: invoice ${i} approved though ${why}`).toBeNull();
      }
    }
    // Every voucher balanced and dated no later than today.
    const bad = await sql<{ id: string; voucher_date: string; sum: string }>`
      select v.id, v.voucher_date, coalesce(sum(p.amount), 0) as sum from vouchers v left join postings p on p.voucher_id = v.id
      where v.company_id = ${r.companyId} group by v.id, v.voucher_date
      having coalesce(sum(p.amount), 0) <> 0 or v.voucher_date > ${osloToday()}`.execute(r.db);
    expect(bad.rows, `${this.toString()}: unbalanced or future-dated vouchers`).toEqual([]);
  }
  abstract toString(): string;
}

class SendLetter extends Step {
  constructor(
    readonly i: number,
    readonly type: 'reminder' | 'collection_notice',
    readonly offset: number,
  ) {
    super();
  }
  async act(m: Model, r: Real) {
    const sendDate = addDays(TODAY, this.offset);
    const inv = m.invoices[this.i]!;
    // Letters are sent in date order: one dated before the last would be refused anyway.
    const sent = await attempt(r.db, (trx) =>
      sendLetter(trx, r.companyId, r.invoiceIds[this.i]!, { type: this.type, sendDate }, user),
    );
    if (!sent) return;
    inv.lastLetterSent = sendDate;
    inv.lastLetterDeadline = sent.dueDate;
    if (this.type === 'collection_notice') inv.noticeDeadline = sent.dueDate;
    if (inv.wait) inv.wait = null; // a letter uses up the standing override
  }
  toString() {
    return `SendLetter(${this.i}, ${this.type}, ${this.offset})`;
  }
}

class SetWait extends Step {
  constructor(
    readonly i: number,
    readonly days: number | null,
  ) {
    super();
  }
  async act(m: Model, r: Real) {
    const until = this.days === null ? null : addDays(TODAY, this.days);
    const done = await attempt(r.db, (trx) =>
      recordDecision(
        trx,
        r.companyId,
        r.invoiceIds[this.i]!,
        { nextAction: 'wait', waitUntil: until, reason: 'Kunden har lovet å betale' },
        user,
      ),
    );
    if (done) m.invoices[this.i]!.wait = { until };
  }
  toString() {
    return `SetWait(${this.i}, ${this.days})`;
  }
}

class Dispute extends Step {
  constructor(
    readonly i: number,
    readonly disputed: boolean,
  ) {
    super();
  }
  async act(m: Model, r: Real) {
    const done = await attempt(r.db, (trx) =>
      recordDecision(trx, r.companyId, r.invoiceIds[this.i]!, { disputed: this.disputed, reason: 'innsigelse' }, user),
    );
    if (done) m.invoices[this.i]!.disputed = this.disputed;
  }
  toString() {
    return `Dispute(${this.i}, ${this.disputed})`;
  }
}

/** The accountant's «send to collection» (single route and bulk «collection» call the same). */
class HandOver extends Step {
  constructor(readonly i: number) {
    super();
  }
  async act(m: Model, r: Real) {
    const done = await attempt(r.db, (trx) =>
      sendToCollection(trx, r.companyId, r.invoiceIds[this.i]!, { today: TODAY }, user),
    );
    if (done) m.invoices[this.i]!.wait = null; // the handover uses up the override
  }
  toString() {
    return `HandOver(${this.i})`;
  }
}

/** The operator's `innfri collection approve --all-eligible` (and the demo's). */
class HandOverEligible extends Step {
  async act(m: Model, r: Real) {
    const handed = await approveAllEligible(r.db, r.companyId, r.agencyId, TODAY);
    for (const h of handed) m.invoices[r.invoiceIds.indexOf(h.id)]!.wait = null;
  }
  toString() {
    return 'HandOverEligible';
  }
}

class Approve extends Step {
  constructor(readonly i: number) {
    super();
  }
  async act(_m: Model, r: Real) {
    const h = await r.db
      .selectFrom('handovers')
      .select('id')
      .where('invoice_id', '=', r.invoiceIds[this.i]!)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (h) await attempt(r.db, (trx) => approveHandover(trx, r.companyId, h.id, user, 'user', TODAY));
  }
  toString() {
    return `Approve(${this.i})`;
  }
}

/** The daily run's auto-approval (what `runDaily` calls when the company wants it). */
class AutoApprove extends Step {
  async act(_m: Model, r: Real) {
    await inTransaction(r.db, (trx) => approveAllDrafts(trx, r.companyId, system, 'auto', TODAY));
  }
  toString() {
    return 'AutoApprove';
  }
}

class Reject extends Step {
  constructor(readonly i: number) {
    super();
  }
  async act(m: Model, r: Real) {
    const h = await r.db
      .selectFrom('handovers')
      .select('id')
      .where('invoice_id', '=', r.invoiceIds[this.i]!)
      .where('state', 'in', ['draft', 'approved'])
      .executeTakeFirst();
    if (!h) return;
    const done = await attempt(r.db, (trx) => rejectHandover(trx, r.companyId, h.id, 'Feil', user));
    if (done) m.invoices[this.i]!.wait = { until: null };
  }
  toString() {
    return `Reject(${this.i})`;
  }
}

class Pay extends Step {
  constructor(
    readonly i: number,
    readonly amount: number,
  ) {
    super();
  }
  async act(_m: Model, r: Real) {
    await attempt(r.db, (trx) =>
      registerPayment(trx, r.companyId, { kid: r.kids[this.i]!, amount: ore(this.amount), paymentDate: TODAY }, null),
    );
  }
  toString() {
    return `Pay(${this.i}, ${this.amount})`;
  }
}

class Credit extends Step {
  constructor(readonly i: number) {
    super();
  }
  async act(_m: Model, r: Real) {
    await attempt(r.db, (trx) =>
      createCreditNote(
        trx,
        r.companyId,
        r.invoiceIds[this.i]!,
        { issueDate: TODAY, reason: 'Kreditert', fees: 'write_off' },
        null,
      ),
    );
  }
  toString() {
    return `Credit(${this.i})`;
  }
}

class WriteOff extends Step {
  constructor(readonly i: number) {
    super();
  }
  async act(_m: Model, r: Real) {
    await attempt(r.db, (trx) =>
      writeOffInvoice(trx, r.companyId, r.invoiceIds[this.i]!, { date: TODAY, reason: 'Tap' }, null),
    );
  }
  toString() {
    return `WriteOff(${this.i})`;
  }
}

/** The agency opens a case on an approved invoice and settles part of it, dated today or (refused) tomorrow. */
class Settle extends Step {
  constructor(
    readonly i: number,
    readonly amount: number,
    readonly future: boolean,
  ) {
    super();
  }
  async act(_m: Model, r: Real) {
    const id = r.invoiceIds[this.i]!;
    const states = await handoverStates(r);
    let caseNumber = (
      await r.db
        .selectFrom('handovers as h')
        .innerJoin('cases as c', 'c.id', 'h.case_id')
        .select('c.case_number')
        .where('h.invoice_id', '=', id)
        .where('h.state', '=', 'in_case')
        .executeTakeFirst()
    )?.case_number;
    if (!caseNumber && states.get(id) === 'approved') {
      const k = `K-${++r.cases}`;
      if (await attempt(r.db, (trx) => createCase(trx, r.agencyId, r.companyId, { caseNumber: k, invoiceIds: [id] })))
        caseNumber = k;
    }
    if (!caseNumber) return;
    const reference = `S-${++r.settlements}`;
    const settlementDate = this.future ? addDays(osloToday(), 1) : TODAY;
    await attempt(r.db, (trx) =>
      receiveSettlement(trx, r.agencyId, r.companyId, {
        reference,
        settlementDate,
        bankAmount: ore(this.amount),
        lines: [{ caseNumber: caseNumber!, invoiceId: id, type: 'principal', amount: ore(this.amount) }],
        statement: {},
      }),
    );
  }
  toString() {
    return `Settle(${this.i}, ${this.amount}, ${this.future ? 'tomorrow' : 'today'})`;
  }
}

describe.each(BACKENDS)('the collection rules under random sequences of actions, on %s', (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
  });
  afterAll(async () => handle?.close());

  it('never lets an invoice reach an agency against the rules; every voucher balanced and dated ≤ today', async () => {
    const n = DUE.length;
    const i = fc.integer({ min: 0, max: n - 1 });
    const commands = [
      fc
        .tuple(i, fc.constantFrom('reminder' as const, 'collection_notice' as const), fc.constantFrom(...SEND_OFFSETS))
        .map(([x, t, o]) => new SendLetter(x, t, o)),
      fc.tuple(i, fc.option(fc.integer({ min: 1, max: 30 }), { nil: null })).map(([x, d]) => new SetWait(x, d)),
      fc.tuple(i, fc.boolean()).map(([x, d]) => new Dispute(x, d)),
      i.map((x) => new HandOver(x)),
      fc.constant(new HandOverEligible()),
      i.map((x) => new Approve(x)),
      fc.constant(new AutoApprove()),
      i.map((x) => new Reject(x)),
      fc.tuple(i, fc.integer({ min: 1, max: 120_000 })).map(([x, a]) => new Pay(x, a)),
      i.map((x) => new Credit(x)),
      i.map((x) => new WriteOff(x)),
      fc.tuple(i, fc.integer({ min: 1, max: 60_000 }), fc.boolean()).map(([x, a, f]) => new Settle(x, a, f)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.commands(commands, { maxCommands: 30 }), async (sendsOwnNotice, cmds) => {
        const db = handle.db;
        const company = await makeCompany(db, { sendsOwnCollectionNotice: sendsOwnNotice });
        const ordinary = await makeCustomer(db, company.id);
        const excluded = await makeCustomer(db, company.id, { notToCollection: true, name: 'Ikke inkasso AS' });
        const agency = await inTransaction(db, async (trx) => {
          const a = await createAgency(trx, { name: `Modell Inkasso ${company.id.slice(0, 8)}` });
          await setAgencyActivation(trx, company.id, a.id, { active: true, isDefault: true }, null);
          return a;
        });
        const invoices = [];
        for (const [k, due] of DUE.entries())
          invoices.push(
            await makeInvoice(db, company.id, k === n - 1 ? excluded.id : ordinary.id, 80_000, {
              issueDate: addDays(due, -14),
              dueDate: due,
            }),
          );
        const model: Model = {
          sendsOwnNotice,
          invoices: DUE.map((due, k) => ({
            excluded: k === n - 1,
            dueDate: due,
            lastLetterDeadline: null,
            lastLetterSent: null,
            noticeDeadline: null,
            wait: null,
            disputed: false,
          })),
        };
        const real: Real = {
          db,
          companyId: company.id,
          agencyId: agency.id,
          invoiceIds: invoices.map((x) => x.id),
          kids: invoices.map((x) => x.kid),
          cases: 0,
          settlements: 0,
        };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
      { seed: 20261202, numRuns: backend === 'pglite' ? 40 : 25, endOnFailure: true },
    );
  }, 600_000);
});
