import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { LoginThrottle } from '../../src/tenancy/login-throttle.js';
import { BACKENDS, freshDatabase } from '../support/db.js';

const limits = { perEmailClient: 3, perEmail: 6, perClient: 5, windowMs: 60_000 };

/**
 * The sign-in throttle's counts, in the database (`login_throttle`). Times are given (ms from a base
 * near now), so the windows are exact. `fail` is a wrong password (the reservation stays);
 * `retryAfter` asks as a new attempt would, and takes the attempt back when it was allowed.
 */
describe.each(BACKENDS)('the sign-in throttle on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  const base = Date.now();
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  const fail = async (t: LoginThrottle, email: string, client: string, at: number) => {
    const r = await t.attempt(db, email, client, base + at);
    if (!r.reservation) throw new Error(`${email} from ${client} refused at ${at}`);
  };
  const retryAfter = async (t: LoginThrottle, email: string, client: string, at: number) => {
    const r = await t.attempt(db, email, client, base + at);
    if (r.reservation) await t.release(db, r.reservation);
    return r.wait;
  };

  it('lets an e-mail fail from one client up to the limit, then says how long to wait until the oldest failure leaves the window', async () => {
    const t = new LoginThrottle(limits);
    await fail(t, 'Kari@Example.no', 'a', 0);
    await fail(t, 'kari@example.no ', 'a', 10_000);
    expect(await retryAfter(t, 'kari@example.no', 'a', 10_000)).toBe(0);
    await fail(t, 'KARI@example.no', 'a', 20_000);
    // Three failures (case and spaces do not make another address): wait until 0 + 60 s.
    expect(await retryAfter(t, 'kari@example.no', 'a', 20_000)).toBe(40);
    expect(await retryAfter(t, 'kari@example.no', 'a', 59_500)).toBe(1);
    expect(await retryAfter(t, 'kari@example.no', 'a', 60_000)).toBe(0);
    // Another e-mail from the same client is not held back.
    expect(await retryAfter(t, 'ola@example.no', 'a', 20_000)).toBe(0);
  });

  it('does not lock the owner out from her own client for a stranger’s guesses, until they come from many places', async () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) await fail(t, 'kari2@example.no', 'stranger', 1_000 * i);
    expect(await retryAfter(t, 'kari2@example.no', 'stranger', 3_000)).toBe(57);
    expect(await retryAfter(t, 'kari2@example.no', 'kari-desk', 3_000)).toBe(0);
    // The same guessing spread over addresses: six failures in all hold the e-mail everywhere.
    for (let i = 0; i < 3; i++) await fail(t, 'kari2@example.no', `botnet-${i}`, 4_000 + i);
    expect(await retryAfter(t, 'kari2@example.no', 'kari-desk', 5_000)).toBe(55);
  });

  it('limits one client across e-mails; a success clears that client’s count for the e-mail only', async () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) await fail(t, `user${i}@example.no`, 'office', 1_000 * i);
    expect(await retryAfter(t, 'new@example.no', 'office', 5_000)).toBe(55);
    expect(await retryAfter(t, 'new@example.no', 'home', 5_000)).toBe(0);
    for (let i = 0; i < 2; i++) await fail(t, 'kari3@example.no', 'home', i);
    const ok = await t.attempt(db, 'kari3@example.no', 'home', base + 2);
    expect(ok.reservation).not.toBeNull();
    expect(await retryAfter(t, 'kari3@example.no', 'home', 3)).toBeGreaterThan(0);
    await t.succeeded(db, ok.reservation!);
    expect(await retryAfter(t, 'kari3@example.no', 'home', 4)).toBe(0);
    // The count from everywhere stays (two failures; the success left it): four more from elsewhere reach six.
    for (let i = 0; i < 4; i++) await fail(t, 'kari3@example.no', `elsewhere-${i}`, 5 + i);
    expect(await retryAfter(t, 'kari3@example.no', 'home', 10)).toBeGreaterThan(0);
  });

  it('reserves before the password is checked: of 20 attempts at once, exactly the limit get through; nothing in clear is stored', async () => {
    const t = new LoginThrottle(limits);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.attempt(db, 'race@example.no', 'racer', base + 100)),
    );
    expect(results.filter((r) => r.reservation).length).toBe(3);
    const stored = await sql<{ key: string }>`select key from login_throttle`.execute(db);
    expect(stored.rows.length).toBeGreaterThan(0);
    for (const row of stored.rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
  });
});
