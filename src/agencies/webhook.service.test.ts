import { describe, expect, it } from 'vitest';
import { backoffSeconds, MAX_BACKOFF_SECONDS, webhookIdOf } from './webhook.service.js';

describe('webhook delivery helpers', () => {
  it('backs off exponentially, capped at an hour, with at most 10 % jitter below', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffSeconds(n, () => 1))).toEqual([2, 4, 8, 16, 1024]);
    expect(backoffSeconds(1, () => 0)).toBeCloseTo(1.8);
    expect(backoffSeconds(12, () => 1)).toBe(MAX_BACKOFF_SECONDS);
    expect(backoffSeconds(80, () => 0.5)).toBeLessThanOrEqual(MAX_BACKOFF_SECONDS);
    expect(backoffSeconds(80, () => 0.5)).toBeGreaterThanOrEqual(MAX_BACKOFF_SECONDS * 0.9);
    for (let i = 0; i < 100; i++) {
      const s = backoffSeconds(5);
      expect(s).toBeGreaterThanOrEqual(32 * 0.9);
      expect(s).toBeLessThanOrEqual(32);
    }
  });

  it('gives every event one stable webhook id', () => {
    expect(webhookIdOf({ id: '42' })).toBe('evt_42');
  });
});
