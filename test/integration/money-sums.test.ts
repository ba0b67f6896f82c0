import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyOverview } from '../../src/collection/overview.read-model.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { accountBalances, listVouchers } from '../../src/ledger/voucher.service.js';
import { type Ore, ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';

// Aggregates are cast to bigint in SQL, so the driver's int8 parser (the one safe-integer guard)
// reads them: a sum past Number.MAX_SAFE_INTEGER is refused, never rounded to a nearby number.
describe.each(BACKENDS)('sums of øre on %s', (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reads a bigint sum exactly up to 2^53 − 1 and refuses one past it', async () => {
    const max = Number.MAX_SAFE_INTEGER;
    const exact = await sql<{ s: Ore }>`
      select sum(v)::bigint as s from (values (${max - 1}::bigint), (1::bigint)) t(v)`.execute(handle.db);
    expect(exact.rows[0]!.s).toBe(max);
    await expect(
      sql<{ s: Ore }>`select sum(v)::bigint as s from (values (${max}::bigint), (1::bigint)) t(v)`.execute(handle.db),
    ).rejects.toThrow(/exceeds safe integer range: 9007199254740992/);
  });

  it('the overview sums open amounts through the guard (its figures are exact Ore)', async () => {
    const company = await makeCompany(handle.db);
    const customer = await makeCustomer(handle.db, company.id);
    const amounts = [ore(123_456_789), ore(987_654_321)];
    for (const [i, net] of amounts.entries())
      await makeInvoice(handle.db, company.id, customer.id, net, {
        vatRate: 0,
        issueDate: '2026-01-01',
        dueDate: `2026-0${i + 1}-15`,
      });
    const overview = await companyOverview(handle.db, company.id, '2026-12-02');
    expect(overview.agedReceivables.total.openAmount).toBe(123_456_789 + 987_654_321);
    expect(typeof overview.agedReceivables.total.openAmount).toBe('number');
  });

  it('the trial balance and the voucher list refuse a sum past 2^53 − 1 instead of rounding it', async () => {
    const company = await makeCompany(handle.db);
    const { bank, salesVat0 } = company.accounts;
    // Two debits of 2^52 on the bank account: each entry is exact, their sum (2^53) is one past the
    // safe range. Written past the services (which refuse any amount above MAX_AMOUNT), as a ledger
    // grown over decades or an import might hold it; the voucher balances.
    const half = 2 ** 52;
    await inTransaction(handle.db, async (trx) => {
      const voucherId = crypto.randomUUID();
      await sql`insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
        values (${company.id}, ${voucherId}, 2026, 1, 'manual', '2026-01-02', 'Stor')`.execute(trx);
      await sql`insert into postings (company_id, voucher_id, line_no, account, amount, description)
        values (${company.id}, ${voucherId}, 1, ${bank}, ${half}::bigint, 'a'),
               (${company.id}, ${voucherId}, 2, ${bank}, ${half}::bigint, 'b'),
               (${company.id}, ${voucherId}, 3, ${salesVat0}, ${-half}::bigint, 'c'),
               (${company.id}, ${voucherId}, 4, ${salesVat0}, ${-half}::bigint, 'd')`.execute(trx);
    });
    await expect(accountBalances(handle.db, company.id)).rejects.toThrow(
      /exceeds safe integer range: 9007199254740992/,
    );
    await expect(listVouchers(handle.db, company.id, { limit: 10 })).rejects.toThrow(
      /exceeds safe integer range: 9007199254740992/,
    );
  });
});
