import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.js';
import { inTransaction } from './transaction.js';
import { isUnitOfWork, slot, type Trx, UnitOfWork } from './unit-of-work.js';

/** A function that needs what only `inTransaction` gives: the before-commit work and the slots. */
function needsUnit(trx: Trx): UnitOfWork {
  return trx.unit;
}

describe('the unit of work a transaction carries', () => {
  it('is given by inTransaction, and a plain Kysely transaction is refused where one is needed', async () => {
    const handle = await freshDatabase('pglite');
    try {
      await inTransaction(handle.db, async (trx) => {
        expect(needsUnit(trx)).toBeInstanceOf(UnitOfWork);
        expect(isUnitOfWork(trx)).toBe(true);
      });
      await handle.db.transaction().execute(async (plain) => {
        expect(isUnitOfWork(plain)).toBe(false);
        // @ts-expect-error a plain transaction has no unit of work: this must not compile (npm run typecheck)
        expect(() => needsUnit(plain).slot(slot('x', () => 1))).toThrow(TypeError);
      });
      expect(isUnitOfWork(handle.db)).toBe(false);
    } finally {
      await handle.close();
    }
  });

  it('runs before-commit work once per key, last, and keeps slots per transaction', async () => {
    const handle = await freshDatabase('pglite');
    const COUNT = slot('count', () => ({ n: 0 }));
    const order: string[] = [];
    try {
      const seen = await inTransaction(handle.db, async (trx) => {
        trx.unit.slot(COUNT).n += 1;
        trx.unit.slot(COUNT).n += 1;
        trx.unit.beforeCommit('a', async () => void order.push('a'));
        trx.unit.beforeCommit('a', async () => void order.push('a again'));
        trx.unit.beforeCommit('b', async () => void order.push('b'));
        order.push('body');
        return trx.unit.slot(COUNT).n;
      });
      expect(seen).toBe(2);
      expect(order).toEqual(['body', 'a', 'b']);
      expect(await inTransaction(handle.db, async (trx) => trx.unit.slot(COUNT).n)).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('runs before-commit work by phase (work, numbers, events, end), each phase in the order registered', async () => {
    const handle = await freshDatabase('pglite');
    const order: string[] = [];
    try {
      await inTransaction(handle.db, async (trx) => {
        trx.unit.beforeCommit('hold', async () => void order.push('end'), 'end');
        trx.unit.beforeCommit('events', async () => void order.push('events'), 'events');
        trx.unit.beforeCommit(
          'numbers',
          async (t) => {
            order.push('numbers');
            // Work registered while finishing runs too: here in a later phase, and in the present one.
            t.unit.beforeCommit('late events', async () => void order.push('late events'), 'events');
            t.unit.beforeCommit('late work', async () => void order.push('late work'));
          },
          'numbers',
        );
        trx.unit.beforeCommit('a', async () => void order.push('a'));
        trx.unit.beforeCommit('b', async () => void order.push('b'));
      });
      expect(order).toEqual(['a', 'b', 'numbers', 'late work', 'events', 'late events', 'end']);
    } finally {
      await handle.close();
    }
  });
});
