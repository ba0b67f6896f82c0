import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimDue } from '../../src/db/claim.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { BACKENDS, freshDatabase } from '../support/db.js';

/**
 * `claimDue` (src/db/claim.ts), the claim-with-lease of the outbox and the webhook worker: on a
 * work table of its own (made here), so the rows and their leases are the test's alone.
 */
describe.each(BACKENDS)('claimDue on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  const T0 = new Date('2026-03-01T12:00:00.000Z');
  const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
  const claim = (when: Date, limit: number) =>
    claimDue<{ id: number; status: string }>(db, {
      table: 'claim_work',
      key: 'id',
      columns: ['id', 'status'],
      where: sql`due.status = 'queued'`,
      at: when,
      limit,
      leaseMs: 60_000,
    });
  const leases = async () =>
    (
      await sql<{ id: number; next_attempt_at: Date }>`select id, next_attempt_at from claim_work order by id`.execute(
        db,
      )
    ).rows;

  beforeAll(async () => {
    handle = await freshDatabase(backend, 10);
    db = handle.db;
    await sql`create table claim_work (id int primary key, status text not null, next_attempt_at timestamptz not null)`.execute(
      db,
    );
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await sql`delete from claim_work`.execute(db);
  });

  it('claims only due rows that match, oldest due first, up to the limit, and leases them', async () => {
    // 1–5 due at −50…−10 s (in reverse id order), 6 due later, 7 due but not queued.
    await sql`insert into claim_work values
      (1, 'queued', ${at(-10)}), (2, 'queued', ${at(-20)}), (3, 'queued', ${at(-30)}), (4, 'queued', ${at(-40)}),
      (5, 'queued', ${at(-50)}), (6, 'queued', ${at(30)}), (7, 'sent', ${at(-60)})`.execute(db);
    const first = await claim(T0, 3);
    expect(first.rows).toEqual([
      { id: 5, status: 'queued' },
      { id: 4, status: 'queued' },
      { id: 3, status: 'queued' },
    ]);
    expect(first.lease).toEqual(at(60));
    const after = await leases();
    expect(after.filter((r) => r.next_attempt_at.getTime() === at(60).getTime()).map((r) => r.id)).toEqual([3, 4, 5]);
    expect(after.find((r) => r.id === 1)!.next_attempt_at).toEqual(at(-10)); // not claimed: untouched
    // Leased rows are not due again until the lease ends; the rest are.
    expect((await claim(T0, 10)).rows.map((r) => r.id)).toEqual([2, 1]);
    expect((await claim(at(29), 10)).rows).toEqual([]);
    // When the leases end: the row due at +30 s first, then the five whose leases ended at +60 s.
    const again = (await claim(at(60), 10)).rows.map((r) => r.id);
    expect(again[0]).toBe(6);
    expect([...again].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('claims taken at once never share a row, and claiming until none is left takes each once', async () => {
    const n = 40;
    await sql`insert into claim_work select g, 'queued', ${at(-100)}::timestamptz + g * interval '1 second' from generate_series(1, ${n}::int) g`.execute(
      db,
    );
    const taken: number[] = [];
    // Eight workers at once (on PostgreSQL eight connections; on PGlite one after another), each
    // claiming three at a time until a claim comes back empty.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const { rows } = await claim(T0, 3);
          if (rows.length === 0) return;
          taken.push(...rows.map((r) => r.id));
        }
      }),
    );
    expect(taken.length).toBe(n);
    expect(new Set(taken).size).toBe(n);
    expect((await leases()).every((r) => r.next_attempt_at.getTime() === at(60).getTime())).toBe(true);
  });
});
