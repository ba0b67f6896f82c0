import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

const limits = { perEmailClient: 3, perEmail: 6, perClient: 5, windowMs: 60_000, maxKeys: 100 };

describe('LoginThrottle', () => {
  it('lets an e-mail fail from one client up to the limit, then says how long to wait until the oldest failure leaves the window', () => {
    const t = new LoginThrottle(limits);
    t.failed('Kari@Example.no', 'a', 0);
    t.failed('kari@example.no ', 'a', 10_000);
    expect(t.retryAfter('kari@example.no', 'a', 10_000)).toBe(0);
    t.failed('KARI@example.no', 'a', 20_000);
    // Three failures (case and spaces do not make another address): wait until 0 + 60 s.
    expect(t.retryAfter('kari@example.no', 'a', 20_000)).toBe(40);
    expect(t.retryAfter('kari@example.no', 'a', 59_500)).toBe(1);
    expect(t.retryAfter('kari@example.no', 'a', 60_000)).toBe(0);
    // Another e-mail from the same client is not held back.
    expect(t.retryAfter('ola@example.no', 'a', 20_000)).toBe(0);
  });

  it('does not lock the owner out from her own client for a stranger’s guesses, until they come from many places', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) t.failed('kari@example.no', 'stranger', 1_000 * i);
    expect(t.retryAfter('kari@example.no', 'stranger', 3_000)).toBe(57);
    expect(t.retryAfter('kari@example.no', 'kari-desk', 3_000)).toBe(0);
    // The same guessing spread over addresses: six failures in all hold the e-mail everywhere.
    for (let i = 0; i < 3; i++) t.failed('kari@example.no', `botnet-${i}`, 4_000 + i);
    expect(t.retryAfter('kari@example.no', 'kari-desk', 5_000)).toBe(55);
  });

  it('limits one client across e-mails; a success clears that client’s count for the e-mail only', () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) t.failed(`user${i}@example.no`, 'office', 1_000 * i);
    expect(t.retryAfter('new@example.no', 'office', 5_000)).toBe(55);
    expect(t.retryAfter('new@example.no', 'home', 5_000)).toBe(0);
    for (let i = 0; i < 3; i++) t.failed('kari@example.no', 'home', 0);
    expect(t.retryAfter('kari@example.no', 'home', 1)).toBeGreaterThan(0);
    t.succeeded('kari@example.no', 'home');
    expect(t.retryAfter('kari@example.no', 'home', 1)).toBe(0);
    // The count from everywhere stays: three more failures from elsewhere reach its limit of six.
    for (let i = 0; i < 3; i++) t.failed('kari@example.no', `elsewhere-${i}`, 2);
    expect(t.retryAfter('kari@example.no', 'home', 3)).toBeGreaterThan(0);
  });

  it('forgets the stalest keys past maxKeys, so made-up addresses cannot grow it without end', () => {
    const t = new LoginThrottle({ ...limits, maxKeys: 6 });
    for (let i = 0; i < 3; i++) t.failed('victim@example.no', 'x', i);
    expect(t.retryAfter('victim@example.no', 'x', 10)).toBeGreaterThan(0);
    // Each failure adds two e-mail keys and touches the client key: the victim's keys go first.
    for (let i = 0; i < 3; i++) t.failed(`spam${i}@example.no`, 'z', 100 + i);
    expect(t.retryAfter('victim@example.no', 'x', 200)).toBe(0);
  });
});
