import { describe, expect, it } from 'vitest';
import { ProgressWatchdog, Stalled } from './progress.js';

describe('the progress watchdog of the long end-to-end tests', () => {
  it('fails the guarded work when no progress comes within the stall limit', async () => {
    const dog = new ProgressWatchdog('a stuck job', 20);
    const never = new Promise<void>(() => undefined);
    await expect(dog.guard(never)).rejects.toBeInstanceOf(Stalled);
    await expect(dog.stalled).rejects.toThrow(/a stuck job: no progress for \d+ s \(last: started\)/);
    dog.stop();
  });

  it('lets work that finishes answer, whatever the total time', async () => {
    const dog = new ProgressWatchdog('a quick job', 60_000);
    dog.feed('step 1');
    await expect(dog.guard(Promise.resolve(42))).resolves.toBe(42);
    dog.stop();
  });
});
