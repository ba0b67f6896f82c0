import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * What a transaction opened by `inTransaction` carries besides its connection: the work to run at
 * its very end (the invoice-event flush), and per-transaction state that modules keep in typed
 * slots (the event buffer, the company cache). It is part of the `Trx` type, so a plain Kysely
 * transaction (`db.transaction().execute(…)`) does not compile where one is needed.
 */
export class UnitOfWork {
  readonly #hooks = new Map<string, (trx: Trx) => Promise<void>>();
  readonly #slots = new Map<Slot<unknown>, unknown>();

  /** Registers (once per key) work that must run at the very end of the transaction. */
  beforeCommit(key: string, hook: (trx: Trx) => Promise<void>): void {
    if (!this.#hooks.has(key)) this.#hooks.set(key, hook);
  }

  /** This transaction's value of a slot, made on first use. */
  slot<T>(slot: Slot<T>): T {
    if (!this.#slots.has(slot)) this.#slots.set(slot, slot.init());
    return this.#slots.get(slot) as T;
  }

  /** Runs the before-commit work in the order it was registered (called by `inTransaction` only). */
  async finish(trx: Trx): Promise<void> {
    for (const hook of this.#hooks.values()) await hook(trx);
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
