import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type RawBuilder, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { createCase } from '../../src/collection/case.service.js';
import { receiveSettlement, type SettlementInput } from '../../src/collection/settlement.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { createInvoice } from '../../src/sales/invoice.service.js';
import { freshDatabase, POSTGRES_URL } from '../support/db.js';
import { makeCompany, makeCustomer } from '../support/fixtures.js';
import { budget } from '../support/progress.js';
import { ore } from '../../src/shared/money.js';

/*
 * A server posting a large settlement dies (SIGKILL) with the transaction written but not committed:
 * PostgreSQL rolls it back when the connection dies, so nothing of it is left — no settlement, no
 * voucher, no match, no event, and not even a used voucher number. The agency's retry then posts it
 * once. Killed just after the commit instead, the settlement stands whole and the retry is a replay.
 * Runs on PostgreSQL only (a real server and a second process); PGlite lives inside one process.
 */

const TODAY = '2026-11-20';
const INVOICES = 3_000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = 'test/support/settlement-crash-child.ts';

/** Total of the i-th invoice in øre (a multiple of 5, so its net at 25 % VAT is whole øre). */
const totalOf = (i: number) => 12_500 + (i % 50) * 500;

interface Seeded {
  handle: DatabaseHandle;
  db: Db;
  schema: string;
  companyId: string;
  agencyId: string;
  invoices: Array<{ id: string; receivableEntryId: number; total: number }>;
  input: SettlementInput;
}

/**
 * A fresh schema with one case of INVOICES invoices of one customer. The invoices are issued through
 * the service in a few large transactions; their handover to the agency's approved list is one bulk
 * insert (what sendToCollection + approveHandover leave, less the invoice.available events), which
 * is what keeps the seeding well inside the time budget; the case is opened through the service.
 */
async function seed(): Promise<Seeded> {
  const handle = await freshDatabase('postgres', 4);
  const db = handle.db;
  const schema = handle.target.kind === 'postgres' ? handle.target.schema : undefined;
  if (!schema) throw new Error('freshDatabase gave no schema');
  const company = await makeCompany(db, { name: 'Krasj AS' });
  const { agency } = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Stor Inkasso AS' }));
  await inTransaction(db, (trx) =>
    setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
  );
  const customer = await makeCustomer(db, company.id, { name: 'Storskyldner AS' });
  const invoices: Seeded['invoices'] = [];
  const BATCH = 1_000;
  for (let start = 0; start < INVOICES; start += BATCH) {
    const batch = await inTransaction(db, async (trx) => {
      const out: Seeded['invoices'] = [];
      for (let i = start; i < Math.min(start + BATCH, INVOICES); i++) {
        const total = totalOf(i);
        const inv = await createInvoice(
          trx,
          company.id,
          {
            customerId: customer.id,
            issueDate: '2026-08-01',
            dueDate: '2026-08-15',
            lines: [{ description: `Arbeid ${i}`, quantity: 1, unitPrice: ore((total * 4) / 5), vatRate: 25 }],
          },
          null,
        );
        out.push({ id: inv.id, receivableEntryId: inv.receivableEntryId, total: inv.totalAmount });
      }
      return out;
    });
    invoices.push(...batch);
  }
  await sql`
    insert into handovers (company_id, invoice_id, agency_id, state, approved_at, approval)
    select ${company.id}::uuid, i.id, ${agency.id}::uuid, 'approved', now(), 'operator'
    from invoices i where i.company_id = ${company.id}`.execute(db);
  await inTransaction(db, (trx) =>
    createCase(trx, agency.id, company.id, { caseNumber: 'STOR-1', invoiceIds: invoices.map((i) => i.id) }),
  );
  const principal = invoices.reduce((s, i) => s + i.total, 0);
  const input: SettlementInput = {
    reference: 'S-STOR-0001',
    settlementDate: TODAY,
    bankAmount: ore(principal + 45_000 - 120_000 - 30_000),
    lines: [
      ...invoices.map((i) => ({
        caseNumber: 'STOR-1',
        invoiceId: i.id,
        type: 'principal' as const,
        amount: ore(i.total),
      })),
      { caseNumber: 'STOR-1', type: 'interest', amount: ore(45_000) },
      { caseNumber: 'STOR-1', type: 'cost', amount: ore(120_000) },
      { caseNumber: 'STOR-1', type: 'vat', amount: ore(30_000) },
    ],
    statement: { lines: INVOICES, principal, note: 'stor remisse' },
  };
  return { handle, db, schema, companyId: company.id, agencyId: agency.id, invoices, input };
}

/** Starts the child, hands it the settlement, and waits for the line starting with `marker`. */
function runChild(
  s: Seeded,
  at: 'before-commit' | 'after-commit',
  marker: 'READY' | 'COMMITTED',
): Promise<{ child: ChildProcessWithoutNullStreams; report: Record<string, any> }> {
  const child = spawn('node_modules/.bin/tsx', [CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      CRASH_DATABASE_URL: POSTGRES_URL!,
      CRASH_SCHEMA: s.schema,
      CRASH_AGENCY_ID: s.agencyId,
      CRASH_COMPANY_ID: s.companyId,
      CRASH_AT: at,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    // tsx runs the script in a node process of its own: give both a process group, so the kill reaches the one holding the connection.
    detached: true,
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void killLeftovers();
      reject(new Error(`the child printed no ${marker} in 45 s; stdout: ${out}; stderr: ${err}`));
    }, budget(45_000));
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith(`${marker} `));
      if (line) {
        clearTimeout(timer);
        resolve({ child, report: JSON.parse(line.slice(marker.length + 1)) as Record<string, any> });
      }
    });
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the child ended (${code ?? signal}) before ${marker}; stdout: ${out}; stderr: ${err}`));
    });
    child.stdin.end(JSON.stringify(s.input));
  });
}

const children = new Set<ChildProcessWithoutNullStreams>();

/** SIGKILL to the child's process group (tsx and the node process it started), as a crash would. */
async function kill(child: ChildProcessWithoutNullStreams): Promise<void> {
  children.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

/** Whatever a failed test left running. */
async function killLeftovers(): Promise<void> {
  for (const child of [...children]) {
    try {
      await kill(child);
    } catch {
      // gone already
    }
  }
}

/** Waits (up to 10 s) until the server has noticed the dead client and ended its backend. */
async function backendGone(db: Db, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where pid = ${pid}`.execute(db);
    if (r.rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`backend ${pid} still there 10 s after its client was killed`);
}

async function state(s: Seeded) {
  const one = async (q: RawBuilder<{ n: number }>) => (await q.execute(s.db)).rows[0]!.n;
  return {
    settlements: await one(sql`select count(*)::int as n from settlements where company_id = ${s.companyId}`),
    settlementCases: await one(
      sql`select count(*)::int as n from settlement_cases sc join settlements x on x.id = sc.settlement_id where x.company_id = ${s.companyId}`,
    ),
    settlementVouchers: await one(
      sql`select count(*)::int as n from vouchers where company_id = ${s.companyId} and type = 'settlement'`,
    ),
    matches: await one(sql`select count(*)::int as n from matches where company_id = ${s.companyId}`),
    settlementEvents: await one(
      sql`select count(*)::int as n from invoice_events where company_id = ${s.companyId} and type = 'invoice.settlement'`,
    ),
    allEvents: await one(sql`select count(*)::int as n from invoice_events where company_id = ${s.companyId}`),
    eventCounter: await one(sql`select coalesce(sum(last_position), 0)::int as n from company_event_counters`),
    openInvoices: await one(
      sql`select count(*)::int as n from open_items o join invoices i on i.posting_id = o.posting_id where i.company_id = ${s.companyId} and o.open_amount = o.amount`,
    ),
    closedInvoices: await one(
      sql`select count(*)::int as n from open_items o join invoices i on i.posting_id = o.posting_id where i.company_id = ${s.companyId} and o.open_amount = 0`,
    ),
    voucherSeries: await one(
      sql`select coalesce(max(last_value), 0)::int as n from number_series where company_id = ${s.companyId} and series = 'voucher'`,
    ),
    bank: await one(
      sql`select coalesce(sum(amount), 0)::int as n from postings where company_id = ${s.companyId} and account = 1920`,
    ),
  };
}

describe('a large settlement whose server is killed mid-transaction', () => {
  it.runIf(!!POSTGRES_URL)(
    `killed before the commit (PostgreSQL only): nothing of the ${INVOICES}-line settlement is left; the retry posts it once, the next retry replays`,
    async () => {
      const t0 = Date.now();
      const s = await seed();
      const seededMs = Date.now() - t0;
      try {
        const before = await state(s);
        expect(before).toMatchObject({
          settlements: 0,
          settlementVouchers: 0,
          matches: 0,
          settlementEvents: 0,
          openInvoices: INVOICES,
          closedInvoices: 0,
          voucherSeries: INVOICES,
          bank: 0,
        });

        const { child, report } = await runChild(s, 'before-commit', 'READY');
        // Inside its transaction the child had written all of it…
        expect(report).toMatchObject({
          status: 'posted',
          matches: INVOICES,
          settlementEvents: INVOICES,
          voucherNumber: `2026-${before.voucherSeries + 1}`,
        });
        // …and none of it is visible: the transaction is open, waiting in the crash window.
        const activity = await sql<{
          state: string;
        }>`select state from pg_stat_activity where pid = ${report.pid as number}`.execute(s.db);
        expect(activity.rows).toEqual([{ state: 'idle in transaction' }]);
        expect(await state(s)).toEqual(before);

        await kill(child);
        await backendGone(s.db, report.pid as number);
        // PostgreSQL rolled it back: not a row of it, the voucher number and the event positions given back.
        expect(await state(s)).toEqual(before);
        expect(
          await s.db
            .selectFrom('vouchers')
            .select('id')
            .where('id', '=', report.voucherId as string)
            .execute(),
        ).toEqual([]);

        // The agency retries: posted once, every invoice closed, with the number the crashed one had.
        const retry = await inTransaction(s.db, (trx) => receiveSettlement(trx, s.agencyId, s.companyId, s.input));
        expect(retry.replayed).toBe(false);
        expect(retry.settlement.status).toBe('posted');
        expect(retry.settlement.voucher!.number).toBe(report.voucherNumber);
        expect(retry.settlement.voucher!.postings).toHaveLength(INVOICES + 4);
        const after = await state(s);
        expect(after).toMatchObject({
          settlements: 1,
          settlementCases: 1,
          settlementVouchers: 1,
          matches: INVOICES,
          settlementEvents: INVOICES,
          allEvents: before.allEvents + INVOICES,
          eventCounter: before.eventCounter + INVOICES,
          openInvoices: 0,
          closedInvoices: INVOICES,
          voucherSeries: before.voucherSeries + 1,
          bank: s.input.bankAmount,
        });

        // And again: a replay, still one voucher.
        const again = await inTransaction(s.db, (trx) => receiveSettlement(trx, s.agencyId, s.companyId, s.input));
        expect(again.replayed).toBe(true);
        expect(again.settlement.voucherId).toBe(retry.settlement.voucherId);
        expect(await state(s)).toEqual(after);
        console.info(
          `[crash before commit] seeded ${INVOICES} invoices in ${seededMs} ms; whole test ${Date.now() - t0} ms`,
        );
      } finally {
        await killLeftovers();
        await s.handle.close();
      }
    },
    budget(180_000),
  );

  it.runIf(!!POSTGRES_URL)(
    `killed just after the commit (PostgreSQL only): the ${INVOICES}-line settlement stands whole, and the retry is a replay`,
    async () => {
      const t0 = Date.now();
      const s = await seed();
      try {
        const before = await state(s);
        const { child, report } = await runChild(s, 'after-commit', 'COMMITTED');
        expect(report).toMatchObject({ status: 'posted', replayed: false });
        await kill(child);
        await backendGone(s.db, report.pid as number);

        const after = await state(s);
        expect(after).toMatchObject({
          settlements: 1,
          settlementCases: 1,
          settlementVouchers: 1,
          matches: INVOICES,
          settlementEvents: INVOICES,
          allEvents: before.allEvents + INVOICES,
          eventCounter: before.eventCounter + INVOICES,
          openInvoices: 0,
          closedInvoices: INVOICES,
          voucherSeries: before.voucherSeries + 1,
          bank: s.input.bankAmount,
        });
        const retry = await inTransaction(s.db, (trx) => receiveSettlement(trx, s.agencyId, s.companyId, s.input));
        expect(retry.replayed).toBe(true);
        expect(retry.settlement).toMatchObject({
          id: report.settlementId,
          status: 'posted',
          voucherId: report.voucherId,
        });
        expect(retry.settlement.voucher!.number).toBe(report.voucherNumber);
        expect(await state(s)).toEqual(after);
        console.info(`[crash after commit] whole test ${Date.now() - t0} ms`);
      } finally {
        await killLeftovers();
        await s.handle.close();
      }
    },
    budget(180_000),
  );
});
