import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camtDocument, ocrGiroFile } from '../../src/bank/bank-file.fixtures.js';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

/*
 * `innfri bank import` on an embedded database: a malformed camt.054 or OCR giro file is refused
 * on stderr naming its line and element (exit 1), and books nothing — no import, no entry, no
 * voucher, no payment; a good file after it books as usual.
 */

function cli(dir: string, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args, '--data-dir', join(dir, 'db')],
    {
      encoding: 'utf8',
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('innfri bank import', () => {
  let dir: string;
  let company: Awaited<ReturnType<typeof makeCompany>>;
  let kid: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'innfri-cli-bank-'));
    const handle = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'db') });
    await migrateToLatest(handle.db);
    company = await makeCompany(handle.db);
    const customer = await makeCustomer(handle.db, company.id, { name: 'Ola Nordmann' });
    kid = (await makeInvoice(handle.db, company.id, customer.id, 100_000)).kid!;
    await handle.close();
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function counts() {
    const handle = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'db') });
    try {
      const n = async (table: string) =>
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from ${sql.table(table)} where company_id = ${company.id}`.execute(handle.db)
        ).rows[0]!.n;
      return {
        imports: await n('bank_imports'),
        entries: await n('bank_entries'),
        vouchers: await n('vouchers'),
        payments: await n('payments'),
      };
    } finally {
      await handle.close();
    }
  }

  // Three runs of the CLI, each starting tsx: slow on a loaded machine, so a generous (scaled) limit.
  it('refuses a malformed file naming the line and element, books nothing, then books a good one', {
    timeout: budget(600_000),
  }, async () => {
    const before = await counts();
    const good = camtDocument({
      message: '054',
      version: '08',
      account: company.bankAccount,
      entries: [{ ref: 'C1', bookingDate: '2026-11-18', amount: 125_000, kid }],
    });
    const camt = join(dir, 'feil.xml');
    await writeFile(camt, good.replace('>1250.00<', '>12S0.00<'));
    const refused = cli(dir, 'bank', 'import', camt, '--company', company.organizationNumber, '--no-progress');
    expect(refused.status, refused.stdout).toBe(1);
    expect(refused.stderr).toMatch(/line \d+, <Ntry\/Amt>/);

    const ocr = ocrGiroFile({
      account: company.bankAccount,
      netsDate: '2026-11-18',
      transactions: [{ amount: 125_000, kid }],
    });
    const lines = ocr.split('\n');
    // The first transaction's amount item (characters 33 to 49 of line 3) made letters.
    const broken = lines.map((l, i) => (i === 2 ? `${l.slice(0, 32)}ABCDEFGHIJ${l.slice(42)}` : l)).join('\n');
    const giro = join(dir, 'feil.ocr');
    await writeFile(giro, broken);
    const refusedGiro = cli(dir, 'bank', 'import', giro, '--company', company.organizationNumber, '--no-progress');
    expect(refusedGiro.status, refusedGiro.stdout).toBe(1);
    expect(refusedGiro.stderr).toMatch(/line 3\b/);
    expect(await counts()).toEqual(before);

    const ok = join(dir, 'riktig.xml');
    await writeFile(ok, good);
    const booked = cli(dir, 'bank', 'import', ok, '--company', company.organizationNumber, '--json', '--no-progress');
    expect(booked.status, booked.stderr).toBe(0);
    expect(JSON.parse(booked.stdout).summary.booked.kid).toEqual({ count: 1, amount: 125_000 });
    expect(await counts()).toMatchObject({ imports: 1, entries: 1, payments: 1 });
  });
});
