import type { Db } from './database.js';
import { type CommitPhase, type Trx, withUnitOfWork } from './unit-of-work.js';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected

/**
 * Runs `fn` in one transaction with its unit of work and, after it, the before-commit work it
 * registered (the invoice-event flush is one: it must run last, see
 * ledger/invoice-event.repository.ts). A transaction that loses a deadlock or serialization race is
 * run again, from the start, with a fresh unit of work.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (plain) => {
        const trx = withUnitOfWork(plain);
        const result = await fn(trx);
        await trx.unit.finish(trx);
        return result;
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt < 4 && typeof code === 'string' && RETRYABLE.has(code)) continue;
      throw error;
    }
  }
}

/** Registers (once per key) work that must run at the very end of the transaction, in its phase (see `COMMIT_PHASES`). */
export function beforeCommit(
  trx: Trx,
  key: string,
  hook: (trx: Trx) => Promise<void>,
  phase: CommitPhase = 'work',
): void {
  trx.unit.beforeCommit(key, hook, phase);
}
