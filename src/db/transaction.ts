import type { Db, Trx } from './database.js';

type BeforeCommit = (trx: Trx) => Promise<void>;

const hooksByTrx = new WeakMap<Trx, Map<string, BeforeCommit>>();

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected

/**
 * Runs `fn` in one transaction and, after it, the before-commit hooks it registered (the
 * invoice-event flush is one: it must run last, see ledger/invoice-event.repository.ts).
 * A transaction that loses a deadlock or serialization race is run again, from the start.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const hooks = new Map<string, BeforeCommit>();
        hooksByTrx.set(trx, hooks);
        const result = await fn(trx);
        for (const hook of hooks.values()) await hook(trx);
        hooksByTrx.delete(trx);
        return result;
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt < 4 && typeof code === 'string' && RETRYABLE.has(code)) continue;
      throw error;
    }
  }
}

/** Registers (once per key) work that must run at the very end of the transaction. */
export function beforeCommit(trx: Trx, key: string, hook: BeforeCommit): void {
  const hooks = hooksByTrx.get(trx);
  if (!hooks) throw new Error(`"${key}" needs a transaction opened with inTransaction()`);
  if (!hooks.has(key)) hooks.set(key, hook);
}
