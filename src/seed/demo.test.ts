import { budget } from '../../test/support/progress.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase } from '../../test/support/db.js';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database.js';
import { isValidBankAccount } from '../formats/bank-account.js';
import { isValidOrganizationNumber } from '../formats/orgnr.js';
import type { Ore } from '../shared/money.js';
import { DEMO_ORGANIZATION_NUMBER, type DemoSummary, seedDemo } from './demo.js';
import { createRandom } from './random.js';

const TODAY = '2026-11-20';
const INVOICES = 60;
const TIMEOUT = budget(120_000);

/** Numeric sums come back as strings (PostgreSQL numeric); counts as numbers (int8). */
const num = (v: unknown) => Number(v ?? 0);

describe('seedDemo', () => {
  let handle: DatabaseHandle;
  let seeded: DemoSummary | null;
  const messages: string[] = [];

  beforeAll(async () => {
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(handle.db);
    seeded = await seedDemo(handle.db, {
      onlyIfEmpty: true,
      today: TODAY,
      invoiceCount: INVOICES,
      progress: (m) => messages.push(m),
    });
  }, TIMEOUT);

  afterAll(async () => {
    await handle?.close();
  });

  it('creates the demo company, VAT-registered, with a valid orgnr and bank account', async () => {
    expect(isValidOrganizationNumber(DEMO_ORGANIZATION_NUMBER)).toBe(true);
    const company = await handle.db
      .selectFrom('companies')
      .selectAll()
      .where('organization_number', '=', DEMO_ORGANIZATION_NUMBER)
      .executeTakeFirstOrThrow();
    expect(seeded).toMatchObject({
      companyId: company.id,
      companyName: company.name,
      organizationNumber: DEMO_ORGANIZATION_NUMBER,
      invoices: INVOICES,
    });
    expect(company.vat_registered).toBe(true);
    expect(isValidBankAccount(company.bank_account)).toBe(true);
    expect(company.postal_code).toMatch(/^\d{4}$/);
  });

  it('gives the three demo users their roles', async () => {
    const members = await handle.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.email', 'u.name', 'm.role'])
      .where('m.company_id', '=', seeded!.companyId)
      .orderBy('u.email')
      .execute();
    expect(members).toEqual([
      { email: 'admin@demo.innfri.no', name: 'Ada Admin', role: 'admin' },
      { email: 'leser@demo.innfri.no', name: 'Leif Leser', role: 'viewer' },
      { email: 'regnskap@demo.innfri.no', name: 'Kari Regnskap', role: 'accountant' },
    ]);
    expect(seeded!.users).toHaveLength(3);
  });

  it('creates about 40 customers, companies and persons, two not to collection', async () => {
    const rows = await handle.db
      .selectFrom('customers')
      .selectAll()
      .where('company_id', '=', seeded!.companyId)
      .execute();
    expect(rows).toHaveLength(40);
    expect(seeded!.customers).toBe(40);
    expect(
      rows
        .filter((c) => c.type === 'company')
        .every((c) => c.organization_number && isValidOrganizationNumber(c.organization_number)),
    ).toBe(true);
    expect(rows.filter((c) => c.type === 'person').every((c) => c.birth_date !== null)).toBe(true);
    expect(rows.some((c) => c.type === 'company') && rows.some((c) => c.type === 'person')).toBe(true);
    expect(rows.filter((c) => c.not_to_collection)).toHaveLength(2);
    expect(rows.every((c) => c.address_line && /^\d{4}$/.test(c.postal_code ?? '') && c.city && c.email)).toBe(true);
  });

  it('creates the invoices asked for, with 1–4 lines each', async () => {
    const invoices = await handle.db
      .selectFrom('invoices')
      .select('id')
      .where('company_id', '=', seeded!.companyId)
      .execute();
    expect(invoices).toHaveLength(INVOICES);
    const lineCounts = await handle.db
      .selectFrom('invoice_lines')
      .select((eb) => ['invoice_id', eb.fn.countAll<number>().as('n')])
      .groupBy('invoice_id')
      .execute();
    expect(lineCounts).toHaveLength(INVOICES);
    expect(lineCounts.every((r) => num(r.n) >= 1 && num(r.n) <= 4)).toBe(true);
    expect(messages).toContain(`invoices 50/${INVOICES}`);
    expect(messages).toContain(`invoices ${INVOICES}/${INVOICES}`);
    expect(messages.at(-1)).toMatch(/^collection: \d+ letters sent, \d+ invoices handed to Demo Inkasso AS$/);
  });

  it('posts only balanced vouchers', async () => {
    const unbalanced = await handle.db
      .selectFrom('postings')
      .select(['voucher_id', (eb) => eb.fn.sum<string>('amount').as('total')])
      .groupBy('voucher_id')
      .having((eb) => eb.fn.sum('amount'), '<>', 0)
      .execute();
    expect(unbalanced).toEqual([]);
  });

  it('keeps the receivable account and the open items in step', async () => {
    const ledger = await handle.db
      .selectFrom('postings')
      .select((eb) => eb.fn.sum<string>('amount').as('s'))
      .where('account', '=', 1500)
      .executeTakeFirstOrThrow();
    const open = await handle.db
      .selectFrom('open_items')
      .select((eb) => eb.fn.sum<string>('open_amount').as('s'))
      .executeTakeFirstOrThrow();
    expect(num(ledger.s)).toBe(num(open.s));
    expect(num(ledger.s)).toBeGreaterThan(0);
  });

  it('has paid, partly paid, overdue and not yet due invoices, and some customer credit', async () => {
    const rows = await handle.db
      .selectFrom('invoices as i')
      .innerJoin('open_items as o', 'o.posting_id', 'i.posting_id')
      .select(['i.total_amount', 'i.due_date', 'o.open_amount'])
      .execute();
    expect(rows.filter((r) => r.open_amount === 0).length).toBeGreaterThan(INVOICES / 4);
    expect(rows.some((r) => r.open_amount > 0 && r.open_amount < r.total_amount)).toBe(true);
    expect(rows.some((r) => r.open_amount > 0 && r.due_date < TODAY)).toBe(true);
    expect(rows.some((r) => r.open_amount > 0 && r.due_date >= TODAY)).toBe(true);
    // Overpayments and prepayments leave credit entries open on their customers.
    const credits = await handle.db
      .selectFrom('open_items')
      .select('posting_id')
      .where('open_amount', '<', sql<Ore>`0`)
      .execute();
    expect(credits.length).toBeGreaterThan(0);
    const kinds = await handle.db.selectFrom('vouchers').select('type').distinct().execute();
    expect(kinds.map((k) => k.type).sort()).toEqual(expect.arrayContaining(['credit_note', 'invoice', 'payment']));
  });

  it('dates nothing after today, and nothing before the invoice it concerns', async () => {
    const latest = await handle.db
      .selectFrom('vouchers')
      .select((eb) => eb.fn.max('voucher_date').as('d'))
      .executeTakeFirstOrThrow();
    expect(latest.d <= TODAY).toBe(true);
    const paymentsTooEarly = await handle.db
      .selectFrom('payments as p')
      .innerJoin('invoices as i', 'i.id', 'p.invoice_id')
      .select('p.id')
      .whereRef('p.payment_date', '<', 'i.issue_date')
      .execute();
    expect(paymentsTooEarly).toEqual([]);
    const writeOffsTooEarly = await handle.db
      .selectFrom('vouchers as v')
      .innerJoin('postings as p', 'p.voucher_id', 'v.id')
      .innerJoin('matches as m', 'm.credit_posting_id', 'p.id')
      .innerJoin('invoices as i', 'i.posting_id', 'm.debit_posting_id')
      .select('v.id')
      .where('v.type', '=', 'write_off')
      .whereRef('v.voucher_date', '<', 'i.issue_date')
      .execute();
    expect(writeOffsTooEarly).toEqual([]);
  });

  it('does nothing the second time', async () => {
    expect(await seedDemo(handle.db, { onlyIfEmpty: true, today: TODAY, invoiceCount: INVOICES })).toBeNull();
    const again = await seedDemo(handle.db, { onlyIfEmpty: false, today: TODAY, invoiceCount: INVOICES });
    expect(again).toEqual(seeded);
    const invoices = await handle.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(num(invoices.n)).toBe(INVOICES);
  });
});

/** What a seeded demo consists of, enough to tell a whole one from a half one. */
async function demoFingerprint(db: DatabaseHandle['db']) {
  const count = async (
    table: 'companies' | 'users' | 'customers' | 'invoices' | 'vouchers' | 'reminders' | 'invoice_events',
  ) =>
    num(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const handovers = await db
    .selectFrom('handovers')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .orderBy('state')
    .execute();
  const agencies = await db
    .selectFrom('agency_activations as x')
    .innerJoin('agencies as a', 'a.id', 'x.agency_id')
    .select(['a.name', 'x.active', 'x.is_default'])
    .execute();
  const open = await db
    .selectFrom('open_items')
    .select((eb) => eb.fn.sum<string>('open_amount').as('open'))
    .executeTakeFirstOrThrow();
  return {
    companies: await count('companies'),
    users: await count('users'),
    customers: await count('customers'),
    invoices: await count('invoices'),
    vouchers: await count('vouchers'),
    reminders: await count('reminders'),
    events: await count('invoice_events'),
    handovers: handovers.map((h) => [h.state, num(h.n)]),
    agencies,
    open: num(open.open),
  };
}

describe.each(BACKENDS)('seedDemo interrupted on %s', (backend) => {
  let handle: DatabaseHandle;
  let reference: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    reference = await freshDatabase(backend);
  }, TIMEOUT);
  afterAll(async () => {
    await handle?.close();
    await reference?.close();
  });

  it(
    'a seed interrupted after 50 invoices, or just before its commit, leaves no demo at all; the next start seeds the whole demo',
    async () => {
      const empty = await demoFingerprint(handle.db);
      expect(empty).toMatchObject({ companies: 0, users: 0, invoices: 0, vouchers: 0, events: 0, agencies: [] });
      const seen: string[] = [];
      for (const at of ['invoices 50/', 'collection:']) {
        const interrupted = seedDemo(handle.db, {
          onlyIfEmpty: true,
          today: TODAY,
          invoiceCount: INVOICES,
          progress: (m) => {
            seen.push(m);
            if (m.startsWith(at)) throw new Error(`killed at «${m}»`);
          },
        });
        await expect(interrupted).rejects.toThrow(`killed at «${at}`);
        expect(await demoFingerprint(handle.db), at).toEqual(empty);
      }
      expect(seen.some((m) => m.startsWith('invoices 50/'))).toBe(true);
      expect(seen.some((m) => m.startsWith('collection:'))).toBe(true);

      // The next start (serve seeds with onlyIfEmpty) finds no company and seeds it whole, exactly as a first start would.
      const next = await seedDemo(handle.db, { onlyIfEmpty: true, today: TODAY, invoiceCount: INVOICES });
      expect(next).toMatchObject({ organizationNumber: DEMO_ORGANIZATION_NUMBER, invoices: INVOICES });
      await seedDemo(reference.db, { onlyIfEmpty: true, today: TODAY, invoiceCount: INVOICES });
      const whole = await demoFingerprint(handle.db);
      expect(whole).toEqual(await demoFingerprint(reference.db));
      expect(whole.agencies).toEqual([{ name: 'Demo Inkasso AS', active: true, is_default: true }]);
      // The collection history is there: its letters (with 60 invoices the rules may leave none to hand over).
      expect(whole.reminders).toBeGreaterThan(0);
      expect(whole.invoices).toBe(INVOICES);
    },
    TIMEOUT * 3,
  );
});

describe('createRandom', () => {
  it('is deterministic for a seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const draws = (r: ReturnType<typeof createRandom>) => Array.from({ length: 20 }, () => r.int(1, 6));
    expect(draws(a)).toEqual(draws(b));
    expect(draws(createRandom(42)).every((n) => n >= 1 && n <= 6)).toBe(true);
  });
});
