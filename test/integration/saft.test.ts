/**
 * The SAF-T Financial 1.30 export on both backends: the file validates against the official XSD
 * (xmllint), for the demo company and for a company the ledger property test's random days
 * produced; read back, each account's lines sum to its balance change, each customer's lines to
 * its receivable balance change, the header's totals agree with the lines, every voucher of the
 * period appears exactly once (and none outside it), and each sales line's tax is its VAT line.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { type SaftContact, type SaftSummary, writeSaft } from '../../src/saft/saft.service.js';
import { DEMO_ORGANIZATION_NUMBER, seedDemo } from '../../src/seed/demo.js';
import { AppError } from '../../src/shared/errors.js';
import { setAccountGrouping, updateCompany } from '../../src/tenancy/company.service.js';
import { findCompanyByOrganizationNumber, getCompany } from '../../src/tenancy/company.service.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer } from '../support/fixtures.js';
import { op, run } from '../support/ledger-ops.js';
import { type ParsedSaft, parseSaft, validateSaft, xmllintAvailable } from '../support/saft-file.js';

const TIMEOUT = 240_000;
const hasXmllint = xmllintAvailable();
const dir = mkdtempSync(join(tmpdir(), 'innfri-saft-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportTo(
  db: Db,
  companyId: string,
  from: string,
  to: string,
  name: string,
  contact: SaftContact = { firstName: 'Kari', lastName: 'Nordmann', telephone: '+47 22 00 00 00' },
) {
  const file = join(dir, name);
  const out = createWriteStream(file);
  const progress: Array<[number, number]> = [];
  const summary = await writeSaft(db, companyId, { from, to }, out, {
    contact,
    onProgress: (done, total) => progress.push([done, total]),
  });
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { file, summary, progress };
}

/** What the ledger itself says about the period, straight from the tables. */
async function ledgerFacts(db: Db, companyId: string, from: string, to: string) {
  const vouchers = await sql<{ id: string }>`
    select fiscal_year || '-' || number as id from vouchers
    where company_id = ${companyId} and voucher_date between ${from} and ${to}`.execute(db);
  const lines = await sql<{ n: number }>`
    select count(*)::int8 as n from postings p join vouchers v on v.id = p.voucher_id
    where v.company_id = ${companyId} and v.voucher_date between ${from} and ${to}`.execute(db);
  return { voucherIds: vouchers.rows.map((r) => r.id).sort(), lines: lines.rows[0]!.n };
}

function checkFile(parsed: ParsedSaft, facts: { voucherIds: string[]; lines: number }, summary: SaftSummary) {
  // Every voucher of the period once, none other.
  const ids = parsed.transactions.map((t) => t.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(facts.voucherIds);
  expect(parsed.transactions.reduce((n, t) => n + t.lines.length, 0)).toBe(facts.lines);
  expect(summary.vouchers).toBe(facts.voucherIds.length);

  // The header's totals are the lines'.
  const lines = parsed.transactions.flatMap((t) => t.lines);
  const debit = lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
  const credit = lines.filter((l) => l.amount < 0).reduce((s, l) => s - l.amount, 0);
  expect(parsed.entries).toEqual({ count: ids.length, debit, credit });
  expect(debit).toBe(credit);

  // Each account: closing − opening = its lines; each customer's balance account likewise.
  const byAccount = new Map<string, number>();
  const byCustomer = new Map<string, number>();
  for (const l of lines) {
    byAccount.set(l.account, (byAccount.get(l.account) ?? 0) + l.amount);
    if (l.customerId)
      byCustomer.set(`${l.customerId}/${l.account}`, (byCustomer.get(`${l.customerId}/${l.account}`) ?? 0) + l.amount);
  }
  for (const [id, a] of parsed.accounts) expect(a.closing - a.opening, `account ${id}`).toBe(byAccount.get(id) ?? 0);
  for (const id of byAccount.keys()) expect(parsed.accounts.has(id), `account ${id} in the master file`).toBe(true);
  for (const [customer, balances] of parsed.customers)
    for (const [account, b] of balances)
      expect(b.closing - b.opening, `customer ${customer} on ${account}`).toBe(
        byCustomer.get(`${customer}/${account}`) ?? 0,
      );
  for (const key of byCustomer.keys()) {
    const [customer, account] = key.split('/');
    expect(parsed.customers.get(customer!)?.has(account!), `customer ${key} in the master file`).toBe(true);
  }
  // Customer lines are exactly the receivable lines.
  for (const l of lines) expect(l.customerId !== null, `line on ${l.account}`).toBe(l.account === '1500');

  // The tax of each voucher's sales lines is its output-VAT lines; every code used is in the tax table.
  for (const t of parsed.transactions) {
    const taxed = t.lines.flatMap((l) => l.tax);
    const vat = t.lines.filter((l) => l.account === '2700').reduce((s, l) => s + l.amount, 0);
    expect(
      taxed.reduce((s, x) => s + x.amount, 0),
      `tax of ${t.id}`,
    ).toBe(vat);
    for (const x of taxed) expect(parsed.taxCodes.has(x.code), `tax code ${x.code}`).toBe(true);
  }
}

describe.each(BACKENDS)('SAF-T Financial export on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  }, TIMEOUT);
  afterAll(async () => handle?.close());

  it(
    'the demo company: valid against the XSD, and the file read back agrees with the ledger',
    async () => {
      await seedDemo(db, { onlyIfEmpty: false, invoiceCount: 80 });
      const company = (await findCompanyByOrganizationNumber(db, DEMO_ORGANIZATION_NUMBER))!;
      // One account mapped by the company itself: the file carries its choice, not the default.
      await inTransaction(db, (trx) =>
        setAccountGrouping(trx, company.id, 3900, { category: 'annenDriftsinntekt', code: '3700' }),
      );
      const { from, to } = await sql<{ from: string; to: string }>`
        select min(voucher_date)::text as from, max(voucher_date)::text as to from vouchers where company_id = ${company.id}`
        .execute(db)
        .then((r) => r.rows[0]!);
      // The whole history, and a part of it that starts with opening balances.
      const middle = `${from.slice(0, 7)}-28` < to ? `${from.slice(0, 7)}-28` : from;
      for (const [start, name] of [
        [from, 'demo-all.xml'],
        [middle, 'demo-later.xml'],
      ] as const) {
        const { file, summary, progress } = await exportTo(db, company.id, start, to, name);
        if (hasXmllint) expect(validateSaft(file)).toEqual({ ok: true, output: expect.stringContaining('validates') });
        const parsed = await parseSaft(file);
        checkFile(parsed, await ledgerFacts(db, company.id, start, to), summary);
        expect(parsed.selection).toEqual({ from: start, to });
        expect(parsed.header.AuditFileVersion).toBe('1.30');
        expect(parsed.accounts.get('3900')).toMatchObject({ category: 'annenDriftsinntekt', code: '3700' });
        expect(parsed.accounts.get('1500')).toMatchObject({ category: 'balanseverdiForOmloepsmiddel', code: '1500' });
        expect(parsed.taxCodes.get('3')).toEqual({ standard: '3', percentage: '25' });
        expect(progress.at(-1)).toEqual([summary.lines, summary.lines]);
        if (name === 'demo-later.xml')
          expect(
            [...parsed.accounts.values()].some((a) => a.opening !== 0),
            'some opening balance',
          ).toBe(true);
      }
    },
    TIMEOUT,
  );

  it(
    "a company from the ledger property test's random days: valid, and it adds up",
    async () => {
      const company = await makeCompany(db);
      const customers = [(await makeCustomer(db, company.id)).id, (await makeCustomer(db, company.id)).id];
      const [ops] = fc.sample(fc.array(op, { minLength: 60, maxLength: 60 }), { seed: 17, numRuns: 1 });
      for (const o of ops!) {
        try {
          await run(db, company.id, customers, o);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
      }
      // The company's own telephone and e-mail: the header's contact when the person gives none.
      await inTransaction(db, (trx) =>
        updateCompany(trx, company.id, { phone: '+47 61 23 45 67', email: 'post@eksempel.no' }),
      );
      for (const [from, to, name] of [
        ['2026-01-01', '2026-12-31', 'random-year.xml'],
        ['2026-04-02', '2026-05-01', 'random-part.xml'],
      ] as const) {
        const { file, summary } = await exportTo(db, company.id, from, to, name, {
          firstName: 'Ola',
          lastName: 'Regnskap',
        });
        if (hasXmllint) expect(validateSaft(file)).toEqual({ ok: true, output: expect.stringContaining('validates') });
        const parsed = await parseSaft(file);
        checkFile(parsed, await ledgerFacts(db, company.id, from, to), summary);
        expect(parsed.header).toMatchObject({
          'Contact/FirstName': 'Ola',
          'Contact/Telephone': '+47 61 23 45 67',
          'Contact/Email': 'post@eksempel.no',
        });
      }
      // A telephone that is not one is refused, and nothing changes.
      await expect(
        inTransaction(db, (trx) => updateCompany(trx, company.id, { phone: 'ring meg' })),
      ).rejects.toMatchObject({ code: 'validation_failed', extra: { reason: 'invalid_phone' } });
      expect((await getCompany(db, company.id)).phone).toBe('+47 61 23 45 67');
    },
    TIMEOUT,
  );

  it('refuses a period that is not two dates in order, before writing anything', async () => {
    const company = await makeCompany(db);
    const chunks: string[] = [];
    const { Writable } = await import('node:stream');
    const out = new Writable({
      write: (c, _e, cb) => {
        chunks.push(String(c));
        cb();
      },
    });
    await expect(
      writeSaft(db, company.id, { from: '2026-12-31', to: '2026-01-01' }, out, {
        contact: { firstName: 'a', lastName: 'b' },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', extra: { reason: 'invalid_period' } });
    await expect(
      writeSaft(db, company.id, { from: '2026-02-30', to: '2026-03-01' }, out, {
        contact: { firstName: 'a', lastName: 'b' },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(chunks).toEqual([]);
  });
});
