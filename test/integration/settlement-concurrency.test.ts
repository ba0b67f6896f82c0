import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { createCase } from '../../src/collection/case.service.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { receiveSettlement, type SettlementInput } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { AppError } from '../../src/shared/errors.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { balances, makeCompany, makeCustomer, makeInvoice, openAmountOf } from '../support/fixtures.js';

/*
 * Settlements under concurrency: the same settlement posted many times at once (an agency retrying
 * on a timeout), and a direct payment racing the agency's settlement for the same invoice. On
 * PostgreSQL the transactions really run in parallel (a pool of 12 connections); on PGlite they
 * are serialised by its single connection, which must give the same answers.
 */

const TODAY = '2026-11-20';
const user = { type: 'user' as const, id: null };
const PARALLEL = 10;

function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : `${(error as Error)?.name}: ${(error as Error)?.message}`;
}

describe.each(BACKENDS)('settlements under concurrency on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend, 12);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  /** A creditor, an agency, and cases (by number) of one customer each holding the invoices given (totals in øre). */
  async function world(cases: Record<string, number[]>) {
    const company = await makeCompany(db, { sendsOwnCollectionNotice: false });
    const { agency } = await inTransaction(db, (trx) =>
      createAgencyWithCredentials(trx, { name: 'Samtidig Inkasso AS' }),
    );
    await inTransaction(db, (trx) =>
      setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
    );
    const invoices: Record<string, Array<{ id: string; receivableEntryId: number; kid: string }>> = {};
    for (const [caseNumber, totals] of Object.entries(cases)) {
      const customer = await makeCustomer(db, company.id, { name: `Skyldner ${caseNumber}` });
      invoices[caseNumber] = [];
      for (const total of totals) {
        const inv = await makeInvoice(db, company.id, customer.id, (total * 4) / 5, {
          vatRate: 25,
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

  /** Live (not undone) matches on an entry, and their sum. */
  async function matchesOn(debitPostingId: number) {
    const rows = await db
      .selectFrom('matches')
      .select(['id', 'amount', 'credit_posting_id'])
      .where('debit_posting_id', '=', debitPostingId)
      .where('reverses_match_id', 'is', null)
      .execute();
    return { count: rows.length, sum: rows.reduce((s, r) => s + r.amount, 0), rows };
  }

  async function settlementVouchers(companyId: string) {
    return db
      .selectFrom('vouchers')
      .select('id')
      .where('company_id', '=', companyId)
      .where('type', '=', 'settlement')
      .execute();
  }

  /** Σ open amount of the company's receivable entries (what the open-items list adds up to). */
  async function sumOfOpenItems(companyId: string): Promise<number> {
    const r = await sql<{
      s: string | null;
    }>`select sum(open_amount) as s from open_items where company_id = ${companyId} and account = 1500`.execute(db);
    return Number(r.rows[0]?.s ?? 0);
  }

  it(`the same settlement posted ${PARALLEL} times at once: one settlement, one voucher, each invoice matched once; the rest are replays`, async () => {
    const { company, agency, invoices } = await world({ 'K-1': [100_000, 60_000], 'K-2': [40_000] });
    const [a, b] = invoices['K-1']!;
    const [c] = invoices['K-2']!;
    const input: SettlementInput = {
      reference: 'S-PAR-1',
      settlementDate: TODAY,
      bankAmount: ore(100_000 + 60_000 + 40_000 + 2_000 - 1_000 - 500),
      lines: [
        { caseNumber: 'K-1', invoiceId: a!.id, type: 'principal', amount: ore(100_000) },
        { caseNumber: 'K-1', invoiceId: b!.id, type: 'principal', amount: ore(60_000) },
        { caseNumber: 'K-1', type: 'interest', amount: ore(2_000) },
        { caseNumber: 'K-2', invoiceId: c!.id, type: 'principal', amount: ore(40_000) },
        { caseNumber: 'K-2', type: 'cost', amount: ore(1_000) },
        { caseNumber: 'K-2', type: 'vat', amount: ore(500) },
      ],
      statement: { remitted: 200_500 },
    };
    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL }, () =>
        inTransaction(db, (trx) => receiveSettlement(trx, agency.id, company.id, input)),
      ),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : []));
    expect(failures, 'no concurrent duplicate may fail').toEqual([]);
    const answers = results.map(
      (r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof receiveSettlement>>>).value,
    );
    const fresh = answers.filter((r) => !r.replayed);
    expect(fresh, 'exactly one is the first').toHaveLength(1);
    const first = fresh[0]!.settlement;
    expect(first.status).toBe('posted');
    expect(first.voucherId).not.toBeNull();
    expect(answers.filter((r) => r.replayed)).toHaveLength(PARALLEL - 1);
    for (const r of answers) {
      expect(r.settlement.id).toBe(first.id);
      expect(r.settlement.voucherId).toBe(first.voucherId);
      expect(r.settlement.status).toBe('posted');
    }

    expect(await db.selectFrom('settlements').select('id').where('company_id', '=', company.id).execute()).toEqual([
      { id: first.id },
    ]);
    expect(await settlementVouchers(company.id)).toEqual([{ id: first.voucherId }]);
    expect(
      await db.selectFrom('settlement_cases').select('case_id').where('settlement_id', '=', first.id).execute(),
    ).toHaveLength(2);
    for (const [inv, amount] of [
      [a!, 100_000],
      [b!, 60_000],
      [c!, 40_000],
    ] as const) {
      const m = await matchesOn(inv.receivableEntryId);
      expect(m, `invoice matched once for ${amount}`).toMatchObject({ count: 1, sum: amount });
      expect(await openAmountOf(db, inv.receivableEntryId)).toBe(0);
    }
    const events = await db
      .selectFrom('invoice_events')
      .select(['invoice_id', 'amount'])
      .where('company_id', '=', company.id)
      .where('type', '=', 'invoice.settlement')
      .execute();
    expect(events).toHaveLength(3);
    const b1 = await balances(db, company.id);
    expect(b1[1920]).toBe(input.bankAmount);
    expect(b1[1500]).toBe(await sumOfOpenItems(company.id));
    expect(b1[1500]).toBe(0);

    // The same reference with another body: 409 settlement_exists, nothing more posted.
    const other = { ...input, statement: { remitted: 200_500, note: 'endret' } };
    const refused = await inTransaction(db, (trx) => receiveSettlement(trx, agency.id, company.id, other)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(codeOf(refused)).toBe('settlement_exists');
    expect(await settlementVouchers(company.id)).toHaveLength(1);
  });

  it('two different bodies under one new reference posted at once: one wins, the other is settlement_exists', async () => {
    const { company, agency, invoices } = await world({ D: [50_000, 30_000] });
    const [x, y] = invoices.D!;
    const bodyX: SettlementInput = {
      reference: 'S-DUP',
      settlementDate: TODAY,
      bankAmount: ore(50_000),
      lines: [{ caseNumber: 'D', invoiceId: x!.id, type: 'principal', amount: ore(50_000) }],
      statement: { v: 'x' },
    };
    const bodyY: SettlementInput = {
      reference: 'S-DUP',
      settlementDate: TODAY,
      bankAmount: ore(30_000),
      lines: [{ caseNumber: 'D', invoiceId: y!.id, type: 'principal', amount: ore(30_000) }],
      statement: { v: 'y' },
    };
    const bodies = Array.from({ length: PARALLEL }, (_, i) => (i % 2 === 0 ? bodyX : bodyY));
    const results = await Promise.allSettled(
      bodies.map((body) => inTransaction(db, (trx) => receiveSettlement(trx, agency.id, company.id, body))),
    );
    const won = results.flatMap((r) => (r.status === 'fulfilled' && !r.value.replayed ? [r.value.settlement] : []));
    expect(won).toHaveLength(1);
    const winner = won[0]!;
    const winningBody = winner.bankAmount === 50_000 ? bodyX : bodyY;
    for (const [i, r] of results.entries()) {
      if (bodies[i] === winningBody) {
        expect(r.status, 'the winner’s twins are replays').toBe('fulfilled');
        if (r.status === 'fulfilled') expect(r.value.settlement.voucherId).toBe(winner.voucherId);
      } else {
        expect(r.status).toBe('rejected');
        expect(codeOf((r as PromiseRejectedResult).reason)).toBe('settlement_exists');
      }
    }
    expect(await settlementVouchers(company.id)).toHaveLength(1);
    const loser = winningBody === bodyX ? y! : x!;
    expect(await openAmountOf(db, loser.receivableEntryId), 'the losing body posted nothing').toBe(
      winningBody === bodyX ? 30_000 : 50_000,
    );
    expect((await matchesOn(loser.receivableEntryId)).count).toBe(0);
  });

  it('settlements under different references racing for the same invoice: exactly one posts, the others are overpaid', async () => {
    const AMOUNT = 70_000;
    const { company, agency, invoices } = await world({ Q: [AMOUNT] });
    const inv = invoices.Q![0]!;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        inTransaction(db, (trx) =>
          receiveSettlement(trx, agency.id, company.id, {
            reference: `S-Q${i}`,
            settlementDate: TODAY,
            bankAmount: ore(AMOUNT),
            lines: [{ caseNumber: 'Q', invoiceId: inv.id, type: 'principal', amount: ore(AMOUNT) }],
            statement: { i },
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : []))).toEqual([
      'overpaid',
      'overpaid',
      'overpaid',
      'overpaid',
    ]);
    expect(await db.selectFrom('settlements').select('id').where('company_id', '=', company.id).execute()).toHaveLength(
      1,
    );
    expect(await settlementVouchers(company.id)).toHaveLength(1);
    expect(await matchesOn(inv.receivableEntryId)).toMatchObject({ count: 1, sum: AMOUNT });
    expect(await openAmountOf(db, inv.receivableEntryId)).toBe(0);
  });

  it('a direct payment racing the agency’s settlement for the same invoice: exactly one closes it, never more than the invoice is matched', async () => {
    const ROUNDS = 10;
    const AMOUNT = 125_000;
    const { company, agency, invoices } = await world({ R: Array.from({ length: ROUNDS }, () => AMOUNT) });
    const outcome = { settlementWon: 0, paymentWon: 0 };
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    for (let round = 0; round < ROUNDS; round++) {
      const inv = invoices.R![round]!;
      const settle = async () => {
        if (round % 3 === 2) await tick(); // vary who gets to the invoice first; most rounds start exactly together
        return inTransaction(db, (trx) =>
          receiveSettlement(trx, agency.id, company.id, {
            reference: `S-RACE-${round}`,
            settlementDate: TODAY,
            bankAmount: ore(AMOUNT),
            lines: [{ caseNumber: 'R', invoiceId: inv.id, type: 'principal', amount: ore(AMOUNT) }],
            statement: { round },
          }),
        );
      };
      const pay = async () => {
        if (round % 3 === 1) await tick();
        return inTransaction(db, (trx) =>
          registerPayment(trx, company.id, { kid: inv.kid, amount: ore(AMOUNT), paymentDate: TODAY }, null),
        );
      };
      const [s, p] = await Promise.allSettled([settle(), pay()]);
      const label = `round ${round}`;

      // The payment is always registered; it matches only what is open when it gets the invoice.
      expect(
        p.status,
        `${label}: the payment is always registered (${p.status === 'rejected' ? codeOf(p.reason) : ''})`,
      ).toBe('fulfilled');
      const payment = (p as PromiseFulfilledResult<Awaited<ReturnType<typeof registerPayment>>>).value;
      if (s.status === 'fulfilled') {
        // The agency got there first: the payment is the customer's credit.
        outcome.settlementWon++;
        expect(s.value.settlement.status, label).toBe('posted');
        expect(payment, label).toMatchObject({ matchedAmount: 0, unallocatedAmount: AMOUNT });
        expect(await openAmountOf(db, payment.entryId), `${label}: the payment stays open as credit`).toBe(-AMOUNT);
      } else {
        // The payment got there first: the settlement is overpaid and stores nothing.
        outcome.paymentWon++;
        expect(codeOf(s.reason), label).toBe('overpaid');
        expect(payment, label).toMatchObject({ matchedAmount: AMOUNT, unallocatedAmount: 0, invoiceOpenAmount: 0 });
        expect(
          await db
            .selectFrom('settlements')
            .select('id')
            .where('company_id', '=', company.id)
            .where('reference', '=', `S-RACE-${round}`)
            .execute(),
          label,
        ).toEqual([]);
      }
      const m = await matchesOn(inv.receivableEntryId);
      expect(m, `${label}: one match, of the whole invoice`).toMatchObject({ count: 1, sum: AMOUNT });
      expect(await openAmountOf(db, inv.receivableEntryId), `${label}: open 0, not negative`).toBe(0);
    }
    expect(outcome.settlementWon + outcome.paymentWon).toBe(ROUNDS);
    expect(await settlementVouchers(company.id)).toHaveLength(outcome.settlementWon);
    const b = await balances(db, company.id);
    // Every invoice closed once; the payments that lost are the customer's credit on 1500.
    expect(b[1500]).toBe(await sumOfOpenItems(company.id));
    expect(b[1500]! + AMOUNT * outcome.settlementWon).toBe(0); // (written so, not as -AMOUNT × n: -0 is not 0 to toBe)
    expect(b[1920]).toBe(AMOUNT * ROUNDS + AMOUNT * outcome.settlementWon);
    const negative = await sql<{
      n: number;
    }>`select count(*)::int as n from open_items where company_id = ${company.id} and invoice_id is not null and amount > 0 and open_amount < 0`.execute(
      db,
    );
    expect(negative.rows[0]!.n).toBe(0);
    console.info(
      `[${backend}] payment vs settlement race: settlement first ${outcome.settlementWon}×, payment first ${outcome.paymentWon}×`,
    );
  });

  /*
   * The race above always ends right, but on PostgreSQL it gets there through deadlocks: the payment
   * takes the voucher number (number_series row, held to commit) before it locks the invoice's open
   * item, while the settlement (and Avskriv) lock the open item first and take the number after. Each
   * deadlock costs deadlock_timeout (1 s) and a rerun, and after 4 attempts inTransaction gives up.
   * Here the interleaving is forced: a third transaction holds the invoice's row; the settlement
   * queues on it first, then the payment (holding its voucher number); the row is let go.
   */
  it.runIf(backend === 'postgres')(
    'a payment and a settlement for one invoice take their locks in one order: no deadlock, no rerun (PostgreSQL only)',
    async () => {
      const AMOUNT = 80_000;
      const { company, agency, invoices } = await world({ L: [AMOUNT] });
      const inv = invoices.L![0]!;
      const pidOf = async (trx: Parameters<Parameters<typeof inTransaction>[1]>[0]) =>
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
      const waitingOnLock = async (pid: number | undefined) => {
        if (pid === undefined) return false;
        const r = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_stat_activity where pid = ${pid} and wait_event_type = 'Lock'`.execute(db);
        return r.rows[0]!.n === 1;
      };
      const until = async (what: string, check: () => Promise<boolean>) => {
        for (let i = 0; i < 200; i++) {
          if (await check()) return;
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error(`timed out waiting: ${what}`);
      };
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let held = false;
      const blocker = db.transaction().execute(async (trx) => {
        await sql`select posting_id from open_items where posting_id = ${inv.receivableEntryId} for update`.execute(
          trx,
        );
        held = true;
        await released;
      });
      await until('the blocker holds the invoice', async () => held);

      const attempts = { settlement: 0, payment: 0 };
      const pids: { settlement?: number; payment?: number } = {};
      const settlement = inTransaction(db, async (trx) => {
        attempts.settlement++;
        pids.settlement = await pidOf(trx);
        return receiveSettlement(trx, agency.id, company.id, {
          reference: 'S-LOCK',
          settlementDate: TODAY,
          bankAmount: ore(AMOUNT),
          lines: [{ caseNumber: 'L', invoiceId: inv.id, type: 'principal', amount: ore(AMOUNT) }],
          statement: {},
        });
      });
      await until('the settlement queues on the invoice', () => waitingOnLock(pids.settlement));
      const payment = inTransaction(db, async (trx) => {
        attempts.payment++;
        pids.payment = await pidOf(trx);
        return registerPayment(trx, company.id, { kid: inv.kid, amount: ore(AMOUNT), paymentDate: TODAY }, null);
      });
      await until('the payment queues on the invoice', () => waitingOnLock(pids.payment));
      release();
      await blocker;
      const [s, p] = await Promise.allSettled([settlement, payment]);
      // The outcome is right either way (the settlement was first in line)…
      expect(s.status).toBe('fulfilled');
      expect(p.status).toBe('fulfilled');
      expect((await matchesOn(inv.receivableEntryId)).sum).toBe(AMOUNT);
      expect(await openAmountOf(db, inv.receivableEntryId)).toBe(0);
      // …but each transaction should have run once: a rerun here is a deadlock that PostgreSQL broke.
      expect(attempts).toEqual({ settlement: 1, payment: 1 });
    },
  );
});
