import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Most keys a limiter remembers unless told otherwise. */
export const DEFAULT_MAX_KEYS = 10_000;

/**
 * A token bucket per key (a peer address): `burst` requests at once, refilled at `perSecond`. In
 * memory, per process: it guards the agency API's sign-in against strangers' floods, answering before
 * any database work (an agency's own rate is {@link SharedRateLimiter}, shared by every process). At most `maxKeys` buckets are kept: the stalest
 * (least recently used) is forgotten first, so no flood of new keys grows it without end. A forgotten
 * bucket starts full again, which at worst gives that key its burst once more.
 */
export class RateLimiter {
  /** Map order is insertion order and every use re-inserts: the first key is the stalest. */
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** How many keys are remembered now (at most `maxKeys`). */
  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const bucket = this.#refilled(key, now) ?? { tokens: this.burst, at: now };
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    while (this.#buckets.size > this.maxKeys) {
      const stalest = this.#buckets.keys().next().value;
      if (stalest === undefined) break;
      this.#buckets.delete(stalest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.#wait(bucket.tokens);
  }

  /** The seconds to wait before `key` may take a token (0: it may now); takes nothing and stores nothing new. */
  waitFor(key: string, now = Date.now()): number {
    const bucket = this.#refilled(key, now);
    return !bucket || bucket.tokens >= 1 ? 0 : this.#wait(bucket.tokens);
  }

  #refilled(key: string, now: number): { tokens: number; at: number } | undefined {
    const bucket = this.#buckets.get(key);
    if (!bucket) return undefined;
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    return bucket;
  }

  #wait(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }
}

/** How often (at most) one process deletes the buckets that have filled up again. */
const PRUNE_EVERY_MS = 60_000;

/**
 * A token bucket per key shared by every server process on the database: `burst` requests at once,
 * refilled at `perSecond`. Kept as GCRA (the generic cell rate algorithm): one number per key, the
 * "theoretical arrival time" `tat` (epoch seconds) at which the bucket would be full again. A request
 * is one atomic upsert (`rate_limits`, `INSERT … ON CONFLICT DO UPDATE … WHERE`): allowed when the new
 * `tat` is at most `burst` intervals ahead of now, and then `tat` moves one interval on; refused,
 * the row is left as it was. The row lock the upsert takes makes concurrent requests on any process
 * count one after the other, and the database's clock is the only clock, so processes whose clocks
 * differ still agree. A row whose `tat` has passed is a full bucket: deleted at most once a minute by
 * each process (`prune`), so the table holds only keys used within the last `burst / perSecond` s.
 */
export class SharedRateLimiter {
  #prunedAt = 0;

  /** `name` keeps limiters apart in the one table (`agency`, `token`). */
  constructor(
    readonly name: string,
    readonly perSecond: number,
    readonly burst: number,
  ) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new RangeError('a rate limit needs perSecond > 0 and burst >= 1');
  }

  /** Takes one token for `key`; 0 when allowed, else the whole seconds to wait (at least 1). */
  async take(db: Db, key: string): Promise<number> {
    await this.#pruneNow(db);
    const interval = 1 / this.perSecond;
    const id = `${this.name}:${key}`;
    const allowed = await sql<{ tat: number }>`
      insert into rate_limits as r (key, tat)
        values (${id}, extract(epoch from clock_timestamp())::float8 + ${interval}::float8)
      on conflict (key) do update
        set tat = greatest(r.tat, excluded.tat - ${interval}::float8) + ${interval}::float8
        where greatest(r.tat, excluded.tat - ${interval}::float8) + ${interval}::float8
          <= excluded.tat - ${interval}::float8 + ${this.burst * interval}::float8
      returning tat`.execute(db);
    if (allowed.rows.length > 0) return 0;
    const { rows } = await sql<{ ahead: number }>`
      select r.tat - extract(epoch from clock_timestamp())::float8 as ahead from rate_limits r where r.key = ${id}`.execute(
      db,
    );
    // The next request is allowed once `tat` is within `burst - 1` intervals of now.
    const ahead = rows[0]?.ahead ?? 0;
    return Math.max(1, Math.ceil(ahead - (this.burst - 1) * interval));
  }

  async #pruneNow(db: Db): Promise<void> {
    const now = Date.now();
    if (now - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = now;
    await sql`delete from rate_limits where tat < extract(epoch from clock_timestamp())::float8`.execute(db);
  }
}
