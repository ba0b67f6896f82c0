import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * What a transaction opened by `inTransaction` carries besides its connection: the work to run at
 * its very end (the invoice-event flush), and per-transaction state that modules keep in typed
 * slots (the event buffer, the company cache). It is part of the `Trx` type, so a plain Kysely
 * transaction (`db.transaction().execute(…)`) does not compile where one is needed.
 */
/**
 * When before-commit work runs: in phase order, and within a phase in the order registered.
 * `work` is the default (anything a module wants done at the end); `numbers` takes the gap-free
 * voucher numbers (ledger/voucher.repository.ts); `events` writes the invoice events and takes
 * their feed positions (ledger/invoice-event.repository.ts). The two lock-taking phases come last
 * and in this fixed order, so every transaction takes the number-series row before the event
 * counters and holds either only for the last statements and the commit. `end` is after all of
 * them (tests use it to hold a transaction open with its locks taken).
 */
export const COMMIT_PHASES = ['work', 'numbers', 'events', 'end'] as const;
export type CommitPhase = (typeof COMMIT_PHASES)[number];

export class UnitOfWork {
  readonly #hooks = new Map<string, { phase: CommitPhase; hook: (trx: Trx) => Promise<void> }>();
  readonly #slots = new Map<Slot<unknown>, unknown>();

  /** Registers (once per key) work that must run at the very end of the transaction. */
  beforeCommit(key: string, hook: (trx: Trx) => Promise<void>, phase: CommitPhase = 'work'): void {
    if (!this.#hooks.has(key)) this.#hooks.set(key, { phase, hook });
  }

  /** This transaction's value of a slot, made on first use. */
  slot<T>(slot: Slot<T>): T {
    if (!this.#slots.has(slot)) this.#slots.set(slot, slot.init());
    return this.#slots.get(slot) as T;
  }

  /**
   * Runs the before-commit work, phase by phase, each in the order registered (called by
   * `inTransaction` only). Work registered while it runs (by an earlier hook) runs too, in its phase
   * if that is still to come, else straight after the current hook's phase.
   */
  async finish(trx: Trx): Promise<void> {
    const done = new Set<string>();
    for (let p = 0; p < COMMIT_PHASES.length; p++) {
      for (;;) {
        const next = [...this.#hooks].find(([key, h]) => !done.has(key) && COMMIT_PHASES.indexOf(h.phase) <= p);
        if (!next) break;
        done.add(next[0]);
        await next[1].hook(trx);
      }
    }
  }
}

/** A named piece of per-transaction state with its initial value. */
export interface Slot<T> {
  readonly name: string;
  init(): T;
}

export function slot<T>(name: string, init: () => T): Slot<T> {
  return { name, init };
}

/** A transaction opened by `inTransaction`: the connection and its unit of work. */
export type Trx = Transaction<Database> & { readonly unit: UnitOfWork };

/** Whether a handle is a unit-of-work transaction (and not the pool or a plain transaction). */
export function isUnitOfWork(db: object): db is Trx {
  return (db as { unit?: unknown }).unit instanceof UnitOfWork;
}

/** Gives a Kysely transaction its unit of work (done once, by `inTransaction`). */
export function withUnitOfWork(trx: Transaction<Database>): Trx {
  Object.defineProperty(trx, 'unit', { value: new UnitOfWork(), enumerable: false });
  return trx as Trx;
}
