import fc from 'fast-check';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { createManualVoucher } from '../../src/ledger/manual-voucher.service.js';
import { matchEntries, unmatch } from '../../src/ledger/match.service.js';
import { reverseVoucher } from '../../src/ledger/voucher.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { createInvoice } from '../../src/sales/invoice.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { ore } from '../../src/shared/money.js';

// The random accounting days of the ledger property test (test/integration/ledger.property.test.ts),
// shared with the SAF-T export test, which exports a company they produced.

/** One step of a random accounting day; indexes pick among what exists when the step runs. */
export type Op =
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
export const op: fc.Arbitrary<Op> = fc.oneof(
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

export async function run(db: Db, companyId: string, customers: string[], o: Op): Promise<void> {
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
