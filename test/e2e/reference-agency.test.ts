/**
 * SLOW BUT REQUIRED (~2 min): Innfri and the reference agency as separate processes over a simulated year.
 * Afterwards: every voucher balances, every case's money agrees between the two sides, and the
 * agency applied every event of its feed exactly once.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { caseMoney } from '../../src/collection/case.service.js';
import { openDatabase } from '../../src/db/database.js';

const cli = (dir: string, ...args: string[]) => execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args, '--data-dir', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const freePort = () => new Promise<number>((resolve) => { const s = createServer().listen(0, () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

describe('the reference agency against Innfri, as separate processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'innfri-ref-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a simulated year: balanced vouchers, agreeing money, every event once', async () => {
    const innfriDir = join(dir, 'innfri');
    const seeded = JSON.parse(cli(innfriDir, 'seed', '--demo', '--json')) as { organizationNumber: string };
    const agency = JSON.parse(cli(innfriDir, 'agency', 'create', '--name', 'Referanse Inkasso AS', '--json')) as { clientId: string; clientSecret: string };
    cli(innfriDir, 'agency', 'activate', '--company', seeded.organizationNumber, '--agency', agency.clientId);
    const approved = JSON.parse(cli(innfriDir, 'collection', 'approve', '--company', seeded.organizationNumber, '--agency', agency.clientId, '--all-eligible', '--json')) as { invoices: unknown[] };
    expect(approved.invoices.length).toBeGreaterThan(20);

    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--data-dir', innfriDir, '--no-seed'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(server);
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (b: Buffer) => { if (b.toString().includes('is running at')) resolve(); });
      server.once('exit', () => reject(new Error('the server stopped')));
    });

    const agencyDir = join(dir, 'agency');
    const ref = spawn(process.execPath, ['--import', 'tsx', 'agency/src/main.ts', '--innfri-url', `http://127.0.0.1:${port}`, '--client-id', agency.clientId, '--client-secret', agency.clientSecret,
      '--port', '0', '--data-dir', agencyDir, '--speed', '6', '--days', '365', '--start-date', '2026-11-23', '--seed-random', '7', '--quiet'], { stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(ref);
    expect(await exited(ref)).toBe(0);
    server.kill('SIGTERM');
    await exited(server);

    // The agency's own store.
    const store = new PGlite(agencyDir);
    const events = (await store.query<{ id: string }>('select id from processed_events order by id')).rows.map((r) => String(r.id));
    const claims = new Map((await store.query<{ case_number: string; balance: string }>(`select case_number, sum(claim + held) as balance from case_invoices where state = 'in_case' group by case_number`)).rows.map((r) => [r.case_number, Number(r.balance)]));
    const settledByAgency = new Map((await store.query<{ case_number: string; s: string }>(`select case_number, sum((l->>'amount')::bigint) as s from settlements, jsonb_array_elements(body->'lines') l where status = 'posted' and l->>'type' = 'principal' group by case_number`)).rows.map((r) => [r.case_number, Number(r.s)]));
    const agencyCases = (await store.query<{ n: string }>('select count(*) as n from cases')).rows[0]!;
    await store.close();

    const handle = await openDatabase({ kind: 'pglite', dataDir: innfriDir });
    try {
      const db = handle.db;
      const unbalanced = await sql<{ id: string }>`select voucher_id as id from postings group by voucher_id having sum(amount) <> 0`.execute(db);
      expect(unbalanced.rows).toEqual([]);
      const agencyRow = await db.selectFrom('agencies').select('id').where('client_id', '=', agency.clientId).executeTakeFirstOrThrow();
      const serverEvents = await sql<{ position: string }>`select position from invoice_events where agency_id = ${agencyRow.id} order by position`.execute(db);
      expect(events).toEqual(serverEvents.rows.map((r) => String(r.position)));
      const cases = await db.selectFrom('cases').select(['id', 'case_number', 'company_id', 'state', 'status']).where('agency_id', '=', agencyRow.id).execute();
      expect(cases.length).toBe(Number(agencyCases.n));
      const statuses = new Set(cases.map((k) => k.status));
      expect(cases.some((k) => k.state === 'archived')).toBe(true);
      expect(statuses.has('paid')).toBe(true);
      let settlements = 0;
      for (const k of cases) {
        const money = await caseMoney(db, k.company_id, k.id);
        expect({ kase: k.case_number, toCollect: money.toCollect }).toEqual({ kase: k.case_number, toCollect: claims.get(k.case_number) ?? 0 });
        expect({ kase: k.case_number, settled: money.settledByAgency }).toEqual({ kase: k.case_number, settled: settledByAgency.get(k.case_number) ?? 0 });
        expect(money.disagrees).toBe(false);
        settlements += money.settledByAgency;
      }
      expect(settlements).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  }, 240_000);
});
