/**
 * Budgets for long end-to-end tests by progress, not by a fixed wall time.
 *
 * A long test (a simulated year of the reference agency, say) has no total time limit: on a busy
 * 2-core machine it may take three times as long and still be right. What it must not do is stop
 * moving. A watchdog is fed on every sign of progress (a line a child process prints, a state the
 * test polls) and fails the test when none came within the stall limit.
 *
 * The stall limit scales with the time factor: `INNFRI_TEST_TIME_FACTOR` when set, and never less
 * than how oversubscribed the machine is when the test file starts (the 1-minute load average per
 * core: a 2-core machine at load 30 gives 15), so a busy machine stretches every limit by itself.
 */
import type { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

const GIVEN_FACTOR = Number(process.env.INNFRI_TEST_TIME_FACTOR ?? '1') || 1;
const LOAD_PER_CORE = (loadavg()[0] ?? 0) / Math.max(1, availableParallelism());
export const TIME_FACTOR = Math.max(1, GIVEN_FACTOR, Math.ceil(LOAD_PER_CORE));

export class Stalled extends Error {}

export class ProgressWatchdog {
  #timer: NodeJS.Timeout | undefined;
  #last = 'started';
  #reject!: (error: Error) => void;
  /** Rejects when no progress came within the stall limit; never resolves. */
  readonly stalled: Promise<never>;

  constructor(
    readonly what: string,
    readonly stallMs: number,
  ) {
    this.stalled = new Promise<never>((_, reject) => {
      this.#reject = reject;
    });
    // Nobody may be awaiting it at the moment it fires: keep it from being "unhandled".
    this.stalled.catch(() => undefined);
    this.feed('started');
  }

  /** Progress: restarts the stall limit. */
  feed(what: string): void {
    this.#last = what;
    clearTimeout(this.#timer);
    const limit = this.stallMs * TIME_FACTOR;
    this.#timer = setTimeout(
      () =>
        this.#reject(new Stalled(`${this.what}: no progress for ${Math.round(limit / 1000)} s (last: ${this.#last})`)),
      limit,
    );
  }

  /** Feeds on every line of a child's stream that matches. */
  watch(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): void {
    child[stream]?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (pattern.test(line)) this.feed(line.trim());
    });
  }

  /** Runs `work`, failing as soon as progress stalls. */
  async guard<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stalled]);
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

/**
 * A per-test time limit, scaled by `INNFRI_TEST_TIME_FACTOR`. The figures given are several
 * times what the test takes on an idle 2-core machine: a limit says "hung", never "slow".
 */
export const budget = (ms: number): number => ms * TIME_FACTOR;
