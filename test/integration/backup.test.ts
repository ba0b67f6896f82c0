import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { answerBackupRequests, backupEmbedded, restoreEmbedded } from '../../src/db/backup.js';
import { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { ore } from '../../src/shared/money.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

/*
 * `innfri backup` / `innfri restore` of the embedded database (issue 16). The data folder is open in
 * this process, as in a running server, and written to all the while (invoices and payments);
 * `innfri backup` runs as its own process, finds the folder held and asks this process (SIGUSR2) for
 * the backup. Restored into a new folder, the ledger is exactly the source's as of some moment: every
 * voucher in it is in the source with the same postings, and every voucher of the source up to the
 * last one it has is in it. Taken again with the writing stopped, the restored ledger is the whole
 * source: the same vouchers and the same sums per account.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Ledger {
  vouchers: Map<string, string>;
  byAccount: Map<number, number>;
}

/** Every voucher (id → its postings as text) and the sum per account. */
async function ledger(db: Db): Promise<Ledger> {
  const postings = await db
    .selectFrom('postings')
    .select(['voucher_id', 'line_no', 'account', 'amount'])
    .orderBy('voucher_id')
    .orderBy('line_no')
    .execute();
  const vouchers = new Map<string, string>();
  const byAccount = new Map<number, number>();
  for (const p of postings) {
    vouchers.set(p.voucher_id, `${vouchers.get(p.voucher_id) ?? ''}${p.line_no}:${p.account}:${p.amount};`);
    byAccount.set(p.account, (byAccount.get(p.account) ?? 0) + Number(p.amount));
  }
  return { vouchers, byAccount };
}

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('backup and restore of the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'innfri-backup-'));
  let source: DatabaseHandle | undefined;
  const opened: DatabaseHandle[] = [];
  afterAll(async () => {
    for (const h of opened) await h.close().catch(() => undefined);
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'backs up a folder being written to, through the process that holds it; restored, the ledger is the source’s as of that moment',
    async () => {
      const dataDir = join(dir, 'data');
      source = await openDatabase({ kind: 'pglite', dataDir });
      await migrateToLatest(source.db);
      const stopAnswering = answerBackupRequests(source, dataDir, () => {});
      const db = source.db;
      const company = await makeCompany(db, { name: 'Sikkerhetskopi AS' });
      const customer = await makeCustomer(db, company.id);

      // The load: invoices and part payments, one after the other, until told to stop.
      let writing = true;
      let written = 0;
      let loadError: unknown = null;
      const load = (async () => {
        for (let i = 0; writing && i < 100_000; i++) {
          const invoice = await makeInvoice(db, company.id, customer.id, 10_000 + i, {
            issueDate: '2026-10-01',
            dueDate: '2026-10-15',
          });
          await inTransaction(db, (trx) =>
            registerPayment(
              trx,
              company.id,
              { kid: invoice.kid!, amount: ore(5_000), paymentDate: '2026-10-20' },
              null,
            ),
          );
          written++;
          // As requests do: each arrives as an event of its own, so timers and signals get their turn
          // (PGlite answers without I/O: a loop of nothing but its promises would starve them).
          await new Promise((resolve) => setImmediate(resolve));
        }
      })().catch((error: unknown) => {
        loadError = error;
      });
      /** Waits (bounded) until the load has written `n`; a failed load fails the test. */
      const until = async (n: number) => {
        const deadline = Date.now() + budget(120_000);
        while (written < n && loadError === null && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        if (loadError !== null) throw loadError;
        expect(written).toBeGreaterThanOrEqual(n);
      };
      // Some history first, so the backup is taken in the middle of it.
      await until(10);

      const file = join(dir, 'under-load.tar.gz');
      const backup = await runCli(['backup', '--data-dir', dataDir, '--out', file]);
      expect(backup.code, backup.output).toBe(0);
      expect(backup.output).toMatch(/Backed up .* bytes/);
      const writtenAtBackup = written;
      await until(writtenAtBackup + 3);
      writing = false;
      await load;
      stopAnswering();

      const restoredDir = join(dir, 'restored');
      await restoreEmbedded(file, restoredDir);
      const restored = await openDatabase({ kind: 'pglite', dataDir: restoredDir });
      opened.push(restored);
      const r = await ledger(restored.db);
      const s = await ledger(db);
      expect(r.vouchers.size).toBeGreaterThan(0);
      // Taken mid-load: fewer vouchers than the source has now, and each one exactly as in the source.
      expect(r.vouchers.size).toBeLessThan(s.vouchers.size);
      for (const [id, lines] of r.vouchers) expect(s.vouchers.get(id), `voucher ${id}`).toBe(lines);
      // Balanced as a whole, and every voucher numbered before the last one restored is there (no gap).
      expect([...r.byAccount.values()].reduce((a, b) => a + b, 0)).toBe(0);
      const numbers = await restored.db.selectFrom('vouchers').select(['id', 'number', 'fiscal_year']).execute();
      const sourceNumbers = await db.selectFrom('vouchers').select(['id', 'number', 'fiscal_year']).execute();
      const lastRestored = new Map<number, number>();
      for (const v of numbers)
        lastRestored.set(v.fiscal_year, Math.max(lastRestored.get(v.fiscal_year) ?? 0, Number(v.number)));
      const expected = sourceNumbers.filter((v) => Number(v.number) <= (lastRestored.get(v.fiscal_year) ?? 0));
      expect(numbers.map((v) => v.id).sort()).toEqual(expected.map((v) => v.id).sort());
      // The restored folder is a working database: it takes a write.
      await makeInvoice(restored.db, company.id, customer.id, 12_345);

      // Taken again with nothing being written: the restored ledger is the whole source.
      const quiet = join(dir, 'quiet.tar.gz');
      await backupEmbedded(source, quiet);
      const againDir = join(dir, 'restored-again');
      await restoreEmbedded(quiet, againDir);
      const again = await openDatabase({ kind: 'pglite', dataDir: againDir });
      opened.push(again);
      const a = await ledger(again.db);
      expect(a.vouchers).toEqual(s.vouchers);
      expect(a.byAccount).toEqual(s.byAccount);
    },
    budget(600_000),
  );

  it('refuses to restore over a folder with data, and a file that is not a backup, and leaves the folder as it was', async () => {
    const notEmpty = join(dir, 'data');
    expect(existsSync(join(notEmpty, 'PG_VERSION'))).toBe(true);
    await expect(restoreEmbedded(join(dir, 'quiet.tar.gz'), notEmpty)).rejects.toThrow(/not empty/);
    const junk = join(dir, 'junk.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(junk, 'not a backup');
    await expect(restoreEmbedded(junk, join(dir, 'new'))).rejects.toThrow(/not an Innfri backup/);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});
