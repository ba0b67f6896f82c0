/**
 * SLOW BUT REQUIRED (~2 min idle, longer on a busy machine): Innfri and the reference agency as separate
 * processes over a simulated year. It has no total time limit: it is budgeted by progress (the agency
 * prints each simulated month; `test/support/progress.ts`) and fails only when progress stalls.
 * While the agency runs, the creditor's accountant works over HTTP on invoices in cases: direct
 * payments by KID, a credit note and an «Avskriv» (write-off).
 * Afterwards: every voucher balances, every case's money agrees between the two sides, the agency
 * applied every event of its feed exactly once, saw the creditor's entries, and a write-off did not
 * stop its collection.
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
import { ProgressWatchdog } from '../support/progress.js';

const cli = (dir: string, ...args: string[]) =>
  execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args, '--data-dir', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** The accountant's browser, over HTTP: the session cookie and the CSRF token for writes. */
async function signIn(origin: string, email: string, password: string) {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = /innfri_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('login: no innfri_session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) };
}
const osloToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
}

describe('the reference agency against Innfri, as separate processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'innfri-ref-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a simulated year with the creditor booking meanwhile: balanced vouchers, agreeing money, every event once', async () => {
    // At speed 6 a simulated month is 5 s; two minutes without one means something is stuck.
    const progress = new ProgressWatchdog('the reference-agency year', 120_000);
    try {
      await progress.guard(simulatedYear(progress));
    } finally {
      progress.stop();
    }
  }, 0); // no total limit: the watchdog fails the test when progress stalls

  async function simulatedYear(progress: ProgressWatchdog) {
    const innfriDir = join(dir, 'innfri');
    const seeded = JSON.parse(cli(innfriDir, 'seed', '--demo', '--invoices', '1200', '--json')) as {
      companyId: string;
      organizationNumber: string;
    };
    const agency = JSON.parse(cli(innfriDir, 'agency', 'create', '--name', 'Referanse Inkasso AS', '--json')) as {
      clientId: string;
      clientSecret: string;
    };
    progress.feed('seeded');
    cli(innfriDir, 'agency', 'activate', '--company', seeded.organizationNumber, '--agency', agency.clientId);
    const approved = JSON.parse(
      cli(
        innfriDir,
        'collection',
        'approve',
        '--company',
        seeded.organizationNumber,
        '--agency',
        agency.clientId,
        '--all-eligible',
        '--json',
      ),
    ) as { invoices: unknown[] };
    // What the collection rules let go depends on the real date (notices and their deadlines): 120+ keep the year busy.
    expect(approved.invoices.length).toBeGreaterThanOrEqual(120);
    progress.feed('approved');

    const port = await freePort();
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--data-dir', innfriDir, '--no-seed'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(server);
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (b: Buffer) => {
        if (b.toString().includes('is running at')) resolve();
      });
      server.once('exit', () => reject(new Error('the server stopped')));
    });
    progress.feed('server running');

    const agencyDir = join(dir, 'agency');
    const ref = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'agency/src/main.ts',
        '--innfri-url',
        `http://127.0.0.1:${port}`,
        '--client-id',
        agency.clientId,
        '--client-secret',
        agency.clientSecret,
        '--port',
        '0',
        '--data-dir',
        agencyDir,
        '--speed',
        '6',
        '--days',
        '365',
        '--start-date',
        '2026-11-23',
        '--seed-random',
        '7',
        '--quiet',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(ref);
    ref.stdout!.on('data', (b: Buffer) => process.stdout.write(b));
    progress.watch(ref, 'stdout', /^(Reference agency:|simulated \d{4}-\d{2}-01|Stopped at)/);
    let refDone = false;
    const refExit = exited(ref).then((code) => {
      refDone = true;
      return code;
    });

    // The creditor's side while the agency runs: the accountant signs in and books on invoices in cases.
    const origin = `http://127.0.0.1:${port}`;
    const accountant = await signIn(origin, 'regnskap@demo.innfri.no', 'innfri-demo-2026');
    const base = `/companies/${seeded.companyId}`;
    type CaseInvoice = { id: string; remainingAmount: number };
    let inCases: CaseInvoice[] = [];
    // Until the agency has opened cases with enough left on them (its progress is the budget).
    while (!refDone) {
      const open = await accountant.get(`${base}/cases?state=open&limit=100`);
      expect(open.status).toBe(200);
      inCases = (open.body.data as Array<{ invoices: CaseInvoice[] }>)
        .flatMap((k) => k.invoices)
        .filter((i) => i.remainingAmount >= 20_000);
      if (inCases.length >= 5) break;
      await sleep(250);
    }
    expect(inCases.length).toBeGreaterThanOrEqual(5);
    const today = osloToday();
    const paidDirectly: string[] = [];
    for (const i of inCases.slice(0, 3)) {
      const invoice = await accountant.get(`${base}/invoices/${i.id}`);
      expect(invoice.status).toBe(200);
      const pay = await accountant.post(`${base}/payments`, {
        kid: invoice.body.kid,
        amount: Math.floor(invoice.body.openAmount * 0.3),
        paymentDate: today,
        reference: 'Direkte til kreditor',
      });
      expect(pay.status, JSON.stringify(pay.body)).toBe(201);
      paidDirectly.push(i.id);
    }
    const credited = inCases[3]!;
    const cn = await accountant.post(`${base}/invoices/${credited.id}/credit-notes`, {
      issueDate: today,
      reason: 'Prisavslag',
      lines: [{ description: 'Prisavslag', quantity: 1, unitPrice: 8_000, vatRate: 25 }],
    });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    const writtenOff = inCases[4]!;
    const writeOffAmount = Math.floor(writtenOff.remainingAmount * 0.2);
    const wo = await accountant.post(`${base}/invoices/${writtenOff.id}/write-off`, {
      date: today,
      amount: writeOffAmount,
      reason: 'Avskrevet som tap (delvis)',
    });
    expect(wo.status, JSON.stringify(wo.body)).toBe(201);

    expect(await refExit).toBe(0);
    server.kill('SIGTERM');
    await exited(server);

    // The agency's own store.
    const store = new PGlite(agencyDir);
    const events = (await store.query<{ id: string }>('select id from processed_events order by id')).rows.map((r) =>
      String(r.id),
    );
    const claims = new Map(
      (
        await store.query<{ case_number: string; balance: string }>(
          `select case_number, sum(claim + held) as balance from case_invoices where state = 'in_case' group by case_number`,
        )
      ).rows.map((r) => [r.case_number, Number(r.balance)]),
    );
    const settledByAgency = new Map(
      (
        await store.query<{ case_number: string; s: string }>(
          `select case_number, sum((l->>'amount')::bigint) as s from settlements, jsonb_array_elements(body->'lines') l where status = 'posted' and l->>'type' = 'principal' group by case_number`,
        )
      ).rows.map((r) => [r.case_number, Number(r.s)]),
    );
    const agencyCases = (await store.query<{ n: string }>('select count(*) as n from cases')).rows[0]!;
    // The agency saw the creditor's entries as events.
    const seen = async (type: string, invoiceId: string) =>
      Number(
        (
          await store.query<{ n: string }>(
            'select count(*) as n from processed_events where type = $1 and invoice_id = $2',
            [type, invoiceId],
          )
        ).rows[0]!.n,
      );
    for (const id of paidDirectly)
      expect({ id, payments: await seen('invoice.payment', id) }).toEqual({ id, payments: 1 });
    expect(await seen('invoice.credit_note', credited.id)).toBe(1);
    expect(await seen('invoice.write_off', writtenOff.id)).toBe(1);
    // A write-off is the creditor's loss, not a payment: the agency kept collecting the whole claim.
    const wRow = (
      await store.query<{
        case_number: string;
        state: string;
        original_claim: string;
        claim: string;
        collected: string;
        paid_direct: string;
        credited: string;
        written_off: string;
      }>('select * from case_invoices where invoice_id = $1', [writtenOff.id])
    ).rows[0]!;
    expect(wRow.state).toBe('in_case');
    expect(Number(wRow.written_off)).toBe(writeOffAmount);
    expect(Number(wRow.claim) + Number(wRow.collected)).toBe(
      Number(wRow.original_claim) - Number(wRow.paid_direct) - Number(wRow.credited),
    );
    const wCase = (
      await store.query<{ status: string; history: Array<{ day: string; status: string }> }>(
        'select status, history from cases where case_number = $1',
        [wRow.case_number],
      )
    ).rows[0]!;
    expect(wCase.status).not.toBe('withdrawn');
    const wDay = (
      await store.query<{ sim_day: string }>(
        'select sim_day from processed_events where type = $1 and invoice_id = $2',
        ['invoice.write_off', writtenOff.id],
      )
    ).rows[0]!.sim_day;
    const afterWriteOff = wCase.history.filter((h) => h.day >= wDay).map((h) => h.status);
    // Unless the case had already reached its last step, it moved on after the write-off.
    if (!['legal', 'paid'].includes(wCase.history.filter((h) => h.day < wDay).at(-1)?.status ?? ''))
      expect(afterWriteOff.length).toBeGreaterThan(0);
    await store.close();

    const handle = await openDatabase({ kind: 'pglite', dataDir: innfriDir });
    try {
      const db = handle.db;
      const unbalanced = await sql<{
        id: string;
      }>`select voucher_id as id from postings group by voucher_id having sum(amount) <> 0`.execute(db);
      expect(unbalanced.rows).toEqual([]);
      const agencyRow = await db
        .selectFrom('agencies')
        .select('id')
        .where('client_id', '=', agency.clientId)
        .executeTakeFirstOrThrow();
      const serverEvents = await sql<{
        feed_position: string;
      }>`select feed_position from invoice_events where agency_id = ${agencyRow.id} order by feed_position`.execute(db);
      expect(events).toEqual(serverEvents.rows.map((r) => String(r.feed_position)));
      const cases = await db
        .selectFrom('cases')
        .select(['id', 'case_number', 'company_id', 'state', 'status'])
        .where('agency_id', '=', agencyRow.id)
        .execute();
      expect(cases.length).toBe(Number(agencyCases.n));
      const statuses = new Set(cases.map((k) => k.status));
      expect(cases.some((k) => k.state === 'archived')).toBe(true);
      expect(statuses.has('paid')).toBe(true);
      let settlements = 0;
      for (const k of cases) {
        const money = await caseMoney(db, k.company_id, k.id);
        expect({ kase: k.case_number, toCollect: money.toCollect }).toEqual({
          kase: k.case_number,
          toCollect: claims.get(k.case_number) ?? 0,
        });
        expect({ kase: k.case_number, settled: money.settledByAgency }).toEqual({
          kase: k.case_number,
          settled: settledByAgency.get(k.case_number) ?? 0,
        });
        expect(money.disagrees).toBe(false);
        settlements += money.settledByAgency;
      }
      expect(settlements).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  }
});
