import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { createManualVoucher } from '../../src/ledger/manual-voucher.service.js';
import { matchEntries, unmatch } from '../../src/ledger/match.service.js';
import { reverseVoucher } from '../../src/ledger/voucher.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { createInvoice } from '../../src/sales/invoice.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { AppError } from '../../src/shared/errors.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

/** One step of a random accounting day; indexes pick among what exists when the step runs. */
type Op =
  | { kind: 'invoice'; customer: number; net: number; rate: 0 | 12 | 15 | 25 }
  | { kind: 'payment'; invoice: number; amount: number; byKid: boolean }
  | { kind: 'prepayment'; customer: number; amount: number }
  | { kind: 'creditNote'; invoice: number; net: number | null }
  | { kind: 'writeOff'; invoice: number; amount: number | null }
  | { kind: 'manual'; customer: number; amount: number; side: 'debit' | 'credit' }
  | { kind: 'match'; debit: number; credit: number; amount: number | null }
  | { kind: 'unmatch'; match: number }
  | { kind: 'reverse'; voucher: number };

const amount = fc.integer({ min: 1, max: 500_000 });
const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('invoice' as const),
      customer: pick,
      net: amount,
      rate: fc.constantFrom(0 as const, 12 as const, 15 as const, 25 as const),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('payment' as const), invoice: pick, amount, byKid: fc.boolean() }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('prepayment' as const), customer: pick, amount }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('creditNote' as const),
      invoice: pick,
      net: fc.option(amount, { nil: null }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('writeOff' as const),
      invoice: pick,
      amount: fc.option(amount, { nil: null }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('manual' as const),
      customer: pick,
      amount,
      side: fc.constantFrom('debit' as const, 'credit' as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('match' as const),
      debit: pick,
      credit: pick,
      amount: fc.option(amount, { nil: null }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('unmatch' as const), match: pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('reverse' as const), voucher: pick }), weight: 1 },
);

const at = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

async function run(db: Db, companyId: string, customers: string[], o: Op): Promise<void> {
  const date = '2026-05-01';
  const invoices = await db
    .selectFrom('invoices')
    .select(['id', 'kid'])
    .where('company_id', '=', companyId)
    .orderBy('invoice_number')
    .execute();
  await inTransaction(db, async (trx) => {
    switch (o.kind) {
      case 'invoice':
        await createInvoice(
          trx,
          companyId,
          {
            customerId: at(customers, o.customer)!,
            issueDate: '2026-04-01',
            dueDate: '2026-04-15',
            lines: [{ description: 'x', quantity: 1, unitPrice: ore(o.net), vatRate: o.rate }],
          },
          null,
        );
        return;
      case 'payment': {
        const inv = at(invoices, o.invoice);
        if (!inv) return;
        await registerPayment(
          trx,
          companyId,
          o.byKid
            ? { kid: inv.kid, amount: ore(o.amount), paymentDate: date }
            : { invoiceId: inv.id, amount: ore(o.amount), paymentDate: date },
          null,
        );
        return;
      }
      case 'prepayment':
        await registerPayment(
          trx,
          companyId,
          { customerId: at(customers, o.customer)!, amount: ore(o.amount), paymentDate: date },
          null,
        );
        return;
      case 'creditNote': {
        const inv = at(invoices, o.invoice);
        if (!inv) return;
        const rate = (
          await trx
            .selectFrom('invoice_lines')
            .select('vat_rate')
            .where('invoice_id', '=', inv.id)
            .executeTakeFirstOrThrow()
        ).vat_rate;
        await createCreditNote(
          trx,
          companyId,
          inv.id,
          {
            issueDate: date,
            lines:
              o.net === null ? undefined : [{ description: 'k', quantity: 1, unitPrice: ore(o.net), vatRate: rate }],
          },
          null,
        );
        return;
      }
      case 'writeOff': {
        const inv = at(invoices, o.invoice);
        if (!inv) return;
        await writeOffInvoice(
          trx,
          companyId,
          inv.id,
          { date, amount: o.amount === null ? undefined : ore(o.amount), reason: 'tap' },
          null,
        );
        return;
      }
      case 'manual': {
        const customerId = at(customers, o.customer)!;
        const other = o.side === 'debit' ? 'credit' : 'debit';
        await createManualVoucher(
          trx,
          companyId,
          {
            date,
            description: 'manuelt',
            lines: [
              { account: 1500, side: o.side, amount: ore(o.amount), customerId },
              { account: 1920, side: other, amount: ore(o.amount) },
            ],
          },
          null,
        );
        return;
      }
      case 'match': {
        const open = await trx
          .selectFrom('open_items')
          .select(['posting_id', 'amount'])
          .where('company_id', '=', companyId)
          .where('open_amount', '<>', ore(0))
          .orderBy('posting_id')
          .execute();
        const debit = at(
          open.filter((x) => x.amount > 0),
          o.debit,
        );
        const credit = at(
          open.filter((x) => x.amount < 0),
          o.credit,
        );
        if (!debit || !credit) return;
        await matchEntries(trx, companyId, {
          debitPostingId: debit.posting_id,
          creditPostingId: credit.posting_id,
          amount: o.amount === null ? undefined : ore(o.amount),
          userId: null,
        });
        return;
      }
      case 'unmatch': {
        const matches = await trx
          .selectFrom('matches')
          .select('id')
          .where('company_id', '=', companyId)
          .where('reverses_match_id', 'is', null)
          .orderBy('id')
          .execute();
        const m = at(matches, o.match);
        if (m) await unmatch(trx, companyId, m.id, null);
        return;
      }
      case 'reverse': {
        const vouchers = await trx
          .selectFrom('vouchers')
          .select('id')
          .where('company_id', '=', companyId)
          .where('type', 'in', ['payment', 'manual', 'write_off'])
          .orderBy('created_at')
          .execute();
        const v = at(vouchers, o.voucher);
        if (v) await reverseVoucher(trx, companyId, v.id, '2026-05-02', null);
        return;
      }
    }
  });
}

async function snapshot(db: Db, companyId: string) {
  const q = (table: 'vouchers' | 'postings' | 'matches' | 'invoice_events' | 'payments' | 'credit_notes') =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('company_id', '=', companyId)
      .executeTakeFirstOrThrow();
  const [v, p, m, e, pay, cn] = await Promise.all([
    q('vouchers'),
    q('postings'),
    q('matches'),
    q('invoice_events'),
    q('payments'),
    q('credit_notes'),
  ]);
  return [v.n, p.n, m.n, e.n, pay.n, cn.n].map(Number);
}

async function checkInvariants(db: Db, companyId: string): Promise<void> {
  // Every voucher balances.
  const unbalanced = await sql<{ voucher_id: string }>`
    select voucher_id from postings where company_id = ${companyId} group by voucher_id having sum(amount) <> 0`.execute(
    db,
  );
  expect(unbalanced.rows).toEqual([]);
  // Account 1500 equals the sum of the open items.
  const sums = await sql<{ ledger: string; open: string }>`
    select (select coalesce(sum(amount), 0) from postings where company_id = ${companyId} and account = 1500) as ledger,
           (select coalesce(sum(open_amount), 0) from open_items where company_id = ${companyId}) as open`.execute(db);
  expect(Number(sums.rows[0]!.ledger)).toBe(Number(sums.rows[0]!.open));
  // Open amounts are exactly what the entries and their matches give; no entry matched beyond itself.
  const drift = await sql<{ posting_id: number }>`
    select o.posting_id from open_items o
    left join lateral (
      select coalesce(sum(case when m.debit_posting_id = o.posting_id then -m.amount else m.amount end), 0) as moved
      from matches m where m.debit_posting_id = o.posting_id or m.credit_posting_id = o.posting_id
    ) x on true
    where o.company_id = ${companyId}
      and (o.open_amount <> o.amount + x.moved
           or (o.amount > 0 and (o.open_amount < 0 or o.open_amount > o.amount))
           or (o.amount < 0 and (o.open_amount > 0 or o.open_amount < o.amount)))`.execute(db);
  expect(drift.rows).toEqual([]);
  // A match is undone at most once, and only by its exact opposite.
  const badUndo = await sql<{ id: number }>`
    select u.id from matches u join matches o on o.id = u.reverses_match_id
    where u.company_id = ${companyId} and (u.amount <> -o.amount or o.reverses_match_id is not null)`.execute(db);
  expect(badUndo.rows).toEqual([]);
  // Each invoice's last event carries its current open amount.
  const stale = await sql<{ id: string }>`
    select i.id from invoices i join open_items o on o.posting_id = i.posting_id
    join lateral (select remaining_amount from invoice_events e where e.invoice_id = i.id order by position desc limit 1) last on true
    where i.company_id = ${companyId} and last.remaining_amount <> o.open_amount`.execute(db);
  expect(stale.rows).toEqual([]);
  // Voucher numbers are gap-free per year.
  const gaps = await sql<{ fiscal_year: number }>`
    select fiscal_year from vouchers where company_id = ${companyId} group by fiscal_year having max(number) <> count(*)`.execute(
    db,
  );
  expect(gaps.rows).toEqual([]);
}

describe.each(BACKENDS)('ledger invariants under random operations on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it(
    'keeps vouchers balanced, 1500 equal to the open items, and never double-matches',
    async () => {
      const outcomes = new Map<string, { done: number; refused: number }>();
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
          const company = await makeCompany(db);
          const customers = [(await makeCustomer(db, company.id)).id, (await makeCustomer(db, company.id)).id];
          for (const o of ops) {
            const before = await snapshot(db, company.id);
            const tally = outcomes.get(o.kind) ?? { done: 0, refused: 0 };
            outcomes.set(o.kind, tally);
            try {
              await run(db, company.id, customers, o);
              tally.done += 1;
            } catch (error) {
              tally.refused += 1;
              // A refused step is a business rule speaking: it must be an AppError and change nothing.
              if (!(error instanceof AppError)) throw error;
              expect(await snapshot(db, company.id)).toEqual(before);
            }
          }
          await checkInvariants(db, company.id);
        }),
        { numRuns: backend === 'pglite' ? 60 : 30 },
      );
      // The runs must have exercised every kind of step, not only refused them.
      for (const kind of [
        'invoice',
        'payment',
        'prepayment',
        'creditNote',
        'writeOff',
        'manual',
        'match',
        'unmatch',
        'reverse',
      ]) {
        expect(
          outcomes.get(kind)?.done ?? 0,
          `${kind} never succeeded: ${JSON.stringify([...outcomes])}`,
        ).toBeGreaterThan(0);
      }
    },
    budget(240_000),
  );
});
