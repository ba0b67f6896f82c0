import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { AppError } from '../../src/shared/errors.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer } from '../support/fixtures.js';
import { budget } from '../support/progress.js';
import { op, run } from '../support/ledger-ops.js';

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
