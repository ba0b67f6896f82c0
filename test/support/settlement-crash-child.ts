/**
 * The child process of test/integration/settlement-crash.test.ts: an agency's settlement being
 * posted by a server that then dies (SIGKILL from the parent) at a chosen moment.
 *
 * Env: CRASH_DATABASE_URL, CRASH_SCHEMA, CRASH_AGENCY_ID, CRASH_COMPANY_ID, and CRASH_AT:
 * - `before-commit`: everything is written (voucher, matches, settlement row, the invoice events
 *   flushed), then a before-commit hook prints `READY {json}` and waits forever: the transaction is
 *   open, uncommitted, when the parent kills the process.
 * - `after-commit`: the transaction commits, then `COMMITTED {json}` is printed and the process waits.
 * The settlement (SettlementInput as JSON) comes on stdin, so the parent can post the same body again.
 */
import { sql } from 'kysely';
import { receiveSettlement, type SettlementInput } from '../../src/collection/settlement.service.js';
import { openDatabase } from '../../src/db/database.js';
import { beforeCommit, inTransaction } from '../../src/db/transaction.js';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Keeps the process alive (and its connection open) until it is killed. */
function hang(): Promise<never> {
  setInterval(() => {}, 1 << 30);
  return new Promise<never>(() => {});
}

async function main(): Promise<void> {
  const at = env('CRASH_AT');
  if (at !== 'before-commit' && at !== 'after-commit')
    throw new Error(`CRASH_AT must be before-commit or after-commit, not ${at}`);
  const agencyId = env('CRASH_AGENCY_ID');
  const companyId = env('CRASH_COMPANY_ID');
  const input = JSON.parse(await readStdin()) as SettlementInput;
  const handle = await openDatabase({
    kind: 'postgres',
    url: env('CRASH_DATABASE_URL'),
    schema: env('CRASH_SCHEMA'),
    poolSize: 2,
  });
  let pid = 0;
  const result = await inTransaction(handle.db, async (trx) => {
    pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
    const received = await receiveSettlement(trx, agencyId, companyId, input);
    if (at === 'before-commit') {
      // In the last phase, after the voucher numbering and the invoice-event flush: all is written.
      beforeCommit(
        trx,
        'crash-window',
        async (t) => {
          const count = async (table: 'matches' | 'invoice_events', extra: string) =>
            (
              await sql<{
                n: number;
              }>`select count(*)::int as n from ${sql.table(table)} where company_id = ${companyId} ${sql.raw(extra)}`.execute(
                t,
              )
            ).rows[0]!.n;
          const seen = {
            pid,
            settlementId: received.settlement.id,
            status: received.settlement.status,
            voucherId: received.settlement.voucherId,
            voucherNumber: received.settlement.voucher?.number ?? null,
            matches: await count('matches', ''),
            settlementEvents: await count('invoice_events', `and type = 'invoice.settlement'`),
          };
          process.stdout.write(`READY ${JSON.stringify(seen)}\n`);
          await hang();
        },
        'end',
      );
    }
    return received;
  });
  process.stdout.write(
    `COMMITTED ${JSON.stringify({ pid, settlementId: result.settlement.id, status: result.settlement.status, voucherId: result.settlement.voucherId, voucherNumber: result.settlement.voucher?.number ?? null, replayed: result.replayed })}\n`,
  );
  await hang();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `settlement-crash-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
