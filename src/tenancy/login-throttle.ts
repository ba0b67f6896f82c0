/**
 * Slows password guessing at POST /auth/login. Failed sign-ins are counted over a sliding window
 * under three keys: an e-mail address from one client address (tight: someone guessing one
 * account), an e-mail address from anywhere (loose: the same guessing spread over many addresses)
 * and one client address across e-mail addresses (someone trying many accounts). Past a limit the
 * endpoint answers 429 with Retry-After *before* checking the password, so a locked account gives
 * nothing away. The tight limit is per client so that a stranger's ten wrong guesses do not lock
 * the owner out from her own desk; only a flood from many places (`perEmail`) does that.
 * A success clears the e-mail's count from that client. In memory, per process (like the agency rate limit): it
 * bounds how fast one process can be asked to guess, it is not an audit log. The map is bounded,
 * so a flood of made-up addresses cannot grow it without end.
 */
export interface LoginThrottleLimits {
  /** Failures allowed per e-mail address from one client address in the window (then wait). */
  perEmailClient: number;
  /** Failures allowed per e-mail address from all client addresses together. */
  perEmail: number;
  /** Failures allowed per client address across e-mail addresses: higher, an office shares one. */
  perClient: number;
  windowMs: number;
  /** Most keys remembered; the oldest are forgotten first. */
  maxKeys: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  perEmailClient: 10,
  perEmail: 100,
  perClient: 50,
  windowMs: 15 * 60_000,
  maxKeys: 100_000,
};

export class LoginThrottle {
  /** Failure times per key, oldest first; Map order is insertion order, so the first key is the stalest. */
  readonly #failures = new Map<string, number[]>();

  constructor(readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS) {}

  static emailKey(email: string): string {
    return `email:${email.trim().toLowerCase()}`;
  }

  /** Each key a failure counts under, with its limit. */
  #keys(email: string, client: string): Array<[key: string, limit: number]> {
    const emailKey = LoginThrottle.emailKey(email);
    return [
      [`${emailKey} client:${client}`, this.limits.perEmailClient],
      [emailKey, this.limits.perEmail],
      [`client:${client}`, this.limits.perClient],
    ];
  }

  /** Seconds to wait before this e-mail may be tried from this client again; 0 when it may now. */
  retryAfter(email: string, client: string, now = Date.now()): number {
    const wait = (key: string, limit: number) => {
      const times = this.#recent(key, now);
      if (times.length < limit) return 0;
      // The oldest failure that still counts leaves the window then.
      return Math.max(1, Math.ceil((times[times.length - limit]! + this.limits.windowMs - now) / 1000));
    };
    return Math.max(...this.#keys(email, client).map(([key, limit]) => wait(key, limit)));
  }

  failed(email: string, client: string, now = Date.now()): void {
    for (const [key] of this.#keys(email, client)) {
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

  succeeded(email: string, client: string): void {
    // Only this client's count for the e-mail: the count from everywhere goes on, or an owner who
    // signs in now and then would reset the budget of someone guessing from many addresses.
    this.#failures.delete(this.#keys(email, client)[0]![0]);
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
