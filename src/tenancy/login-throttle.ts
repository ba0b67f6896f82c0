/**
 * Slows password guessing at POST /auth/login: failed sign-ins are counted per e-mail address and
 * per client address over a sliding window; past the limit the endpoint answers 429 with
 * Retry-After *before* checking the password, so a locked account gives nothing away. A success
 * clears the address's count. In memory, per process (like the agency rate limit): it bounds how
 * fast one process can be asked to guess, it is not an audit log. The map is bounded, so a flood of
 * made-up addresses cannot grow it without end.
 */
export interface LoginThrottleLimits {
  /** Failures allowed per e-mail address in the window (then wait). */
  perEmail: number;
  /** Failures allowed per client address in the window: higher, an office shares one. */
  perClient: number;
  windowMs: number;
  /** Most keys remembered; the oldest are forgotten first. */
  maxKeys: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = { perEmail: 10, perClient: 50, windowMs: 15 * 60_000, maxKeys: 100_000 };

export class LoginThrottle {
  /** Failure times per key, oldest first; Map order is insertion order, so the first key is the stalest. */
  readonly #failures = new Map<string, number[]>();

  constructor(readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS) {}

  static emailKey(email: string): string {
    return `email:${email.trim().toLowerCase()}`;
  }

  /** Seconds to wait before this e-mail may be tried from this client again; 0 when it may now. */
  retryAfter(email: string, client: string, now = Date.now()): number {
    const wait = (key: string, limit: number) => {
      const times = this.#recent(key, now);
      if (times.length < limit) return 0;
      // The oldest failure that still counts leaves the window then.
      return Math.max(1, Math.ceil((times[times.length - limit]! + this.limits.windowMs - now) / 1000));
    };
    return Math.max(wait(LoginThrottle.emailKey(email), this.limits.perEmail), wait(`client:${client}`, this.limits.perClient));
  }

  failed(email: string, client: string, now = Date.now()): void {
    for (const key of [LoginThrottle.emailKey(email), `client:${client}`]) {
      const times = this.#recent(key, now);
      times.push(now);
      // Re-inserted at the end: the most recently failed keys are the last forgotten.
      this.#failures.delete(key);
      this.#failures.set(key, times);
    }
    while (this.#failures.size > this.limits.maxKeys) {
      const oldest = this.#failures.keys().next().value;
      if (oldest === undefined) break;
      this.#failures.delete(oldest);
    }
  }

  succeeded(email: string): void {
    this.#failures.delete(LoginThrottle.emailKey(email));
  }

  #recent(key: string, now: number): number[] {
    const times = this.#failures.get(key);
    if (!times) return [];
    const from = now - this.limits.windowMs;
    let i = 0;
    while (i < times.length && times[i]! <= from) i++;
    if (i > 0) times.splice(0, i);
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }
}
