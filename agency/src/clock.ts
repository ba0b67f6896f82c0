import { addDays } from './figures.js';

/** A simulated calendar: `speed` simulated days per real second from `startDate`. */
export class SimClock {
  readonly #startedAt: number;
  constructor(
    readonly startDate: string,
    readonly speed: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#startedAt = now();
  }
  /** Whole simulated days elapsed. */
  elapsedDays(): number {
    return Math.floor(((this.now() - this.#startedAt) / 1000) * this.speed);
  }
  today(): string {
    return addDays(this.startDate, this.elapsedDays());
  }
}
