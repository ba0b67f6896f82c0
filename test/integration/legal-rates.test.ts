/**
 * The seeded legal figures (migrations 0002 and 0009) and the warning for a period without its own
 * figure, in the daily run's result and in the API, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { runDaily } from '../../src/collection/daily-run.service.js';
import { sendLetter } from '../../src/dunning/dunning.service.js';
import { addRate, loadRates } from '../../src/dunning/legal-rate.service.js';
import { feeCap } from '../../src/dunning/rules.js';
import { getVoucher } from '../../src/ledger/voucher.service.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice, makeUser } from '../support/fixtures.js';
import { ApiClient, createTestApp } from '../support/http.js';

const TODAY = '2026-12-02';

describe.each(BACKENDS)('legal figures on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it('every seeded row names its regulation; no 750 kr inkassosats is left', async () => {
    const rows = (await loadRates(db)).all();
    expect(rows.filter((r) => r.kind === 'inkassosats').map((r) => [r.validFrom, r.value])).toEqual([
      ['2017-01-01', 70_000],
      ['2025-01-01', 70_000],
      ['2026-01-01', 70_000],
    ]);
    expect(rows.filter((r) => r.kind === 'late_payment_interest').map((r) => [r.validFrom, r.value])).toEqual([
      ['2025-01-01', 1250],
      ['2025-07-01', 1225],
      ['2026-01-01', 1200],
    ]);
    for (const r of rows) expect(r.source).toMatch(/FOR-\d{4}-\d{2}-\d{2}-\d+|forsinkelsesrenteloven § 3/i);
    expect(rows.find((r) => r.kind === 'late_payment_interest' && r.validFrom === '2025-01-01')?.source).toContain(
      'FOR-2024-12-19-3279',
    );
  });

  it('on 2026-12-02 the sats is 700 kr and a letter carries at most 35 kr (posted as its fee item)', async () => {
    const rates = await loadRates(db);
    expect(rates.inkassosats(TODAY)).toBe(70_000);
    expect(feeCap(rates, TODAY)).toBe(3_500);

    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 100_000, {
      issueDate: '2026-10-01',
      dueDate: '2026-10-15',
    });
    const letter = await inTransaction(db, (trx) =>
      sendLetter(trx, company.id, invoice.id, { type: 'reminder', sendDate: TODAY }, { type: 'user', id: null }),
    );
    expect(letter.feeAmount).toBe(3_500);
    const voucher = await getVoucher(db, company.id, letter.voucherId!);
    expect(voucher.postings.map((p) => [p.account, p.amount])).toEqual([
      [1500, 3_500],
      [expect.any(Number), -3_500],
    ]);
  });

  it('2026 H2 has no interest row: the daily run and GET /legal-rates say so until it is added', async () => {
    const company = await makeCompany(db);
    const result = await runDaily(db, company.id, TODAY);
    expect(result.ran).toBe(true);
    expect(result.rateWarnings).toEqual([
      expect.objectContaining({
        code: 'interest_half_year_missing',
        kind: 'late_payment_interest',
        missingFrom: '2026-07-01',
        inUse: { validFrom: '2026-01-01', value: 1200 },
      }),
    ]);
    const stored = await db
      .selectFrom('daily_runs')
      .select('summary')
      .where('company_id', '=', company.id)
      .executeTakeFirstOrThrow();
    expect(stored.summary).toMatchObject({ rateWarnings: ['late_payment_interest 2026-07-01'] });
    // A second run the same day does nothing, but still says it.
    expect((await runDaily(db, company.id, TODAY)).rateWarnings).toHaveLength(1);

    const user = await makeUser(db, company.id, 'viewer');
    const client = new ApiClient(createTestApp(db, { today: () => TODAY }));
    expect((await client.login(user.email, user.password)).status).toBe(200);
    const before = await client.get('/legal-rates');
    expect(before.status).toBe(200);
    expect(before.body.warnings).toEqual([
      expect.objectContaining({ code: 'interest_half_year_missing', missingFrom: '2026-07-01' }),
    ]);

    // `innfri rates add` (addRate) is the way: the warning goes.
    await inTransaction(db, (trx) =>
      addRate(trx, { kind: 'late_payment_interest', validFrom: '2026-07-01', value: 1200, source: 'test' }),
    );
    expect((await client.get('/legal-rates')).body.warnings).toEqual([]);
    expect((await runDaily(db, company.id, '2026-12-03')).rateWarnings).toEqual([]);
    // A new year without an inkassosats row is said too.
    expect((await runDaily(db, company.id, '2027-01-01')).rateWarnings.map((w) => w.missingFrom)).toEqual([
      '2027-01-01',
      '2027-01-01',
    ]);
  });
});
