import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

const limits = { perEmail: 3, perClient: 5, windowMs: 60_000, maxKeys: 4 };

describe('LoginThrottle', () => {
  it('lets an address fail up to the limit, then says how long to wait until the oldest failure leaves the window', () => {
    const t = new LoginThrottle(limits);
    t.failed('Kari@Example.no', 'a', 0);
    t.failed('kari@example.no ', 'a', 10_000);
    expect(t.retryAfter('kari@example.no', 'a', 10_000)).toBe(0);
    t.failed('KARI@example.no', 'b', 20_000);
    // Three failures (case and spaces do not make another address): wait until 0 + 60 s.
    expect(t.retryAfter('kari@example.no', 'c', 20_000)).toBe(40);
    expect(t.retryAfter('kari@example.no', 'c', 59_500)).toBe(1);
    expect(t.retryAfter('kari@example.no', 'c', 60_000)).toBe(0);
    // Another address from the same client is not held back.
    expect(t.retryAfter('ola@example.no', 'a', 20_000)).toBe(0);
  });

  it('limits one client across addresses, and a success clears only the address', () => {
    const t = new LoginThrottle({ ...limits, maxKeys: 100 });
    for (let i = 0; i < 5; i++) t.failed(`user${i}@example.no`, 'office', 1_000 * i);
    expect(t.retryAfter('new@example.no', 'office', 5_000)).toBe(55);
    expect(t.retryAfter('new@example.no', 'home', 5_000)).toBe(0);
    t.failed('kari@example.no', 'home', 0);
    t.failed('kari@example.no', 'home', 0);
    t.failed('kari@example.no', 'home', 0);
    expect(t.retryAfter('kari@example.no', 'home', 1)).toBeGreaterThan(0);
    t.succeeded('kari@example.no');
    expect(t.retryAfter('kari@example.no', 'home', 1)).toBe(0);
  });

  it('forgets the stalest keys past maxKeys, so made-up addresses cannot grow it without end', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) t.failed('victim@example.no', 'x', i);
    expect(t.retryAfter('victim@example.no', 'y', 10)).toBeGreaterThan(0);
    // Each failure adds an e-mail key and touches the client key: the victim's key goes first.
    for (let i = 0; i < 4; i++) t.failed(`spam${i}@example.no`, 'z', 100 + i);
    expect(t.retryAfter('victim@example.no', 'y', 200)).toBe(0);
  });
});
