/** Most keys a limiter remembers unless told otherwise. */
export const DEFAULT_MAX_KEYS = 10_000;

/**
 * A token bucket per key (an agency, a peer address): `burst` requests at once, refilled at
 * `perSecond`. In memory, per process: it protects the service from one busy integration or one
 * noisy address, it is not an accounting of use. At most `maxKeys` buckets are kept: the stalest
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
