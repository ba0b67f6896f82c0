import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/db.js';
import { makeCompany, makeUser } from '../support/fixtures.js';
import { ApiClient, useTestApp } from '../support/http.js';

/** POST /auth/login slows guessing: past 10 failures for an address, 429 with Retry-After, the password unchecked. */
describe.each(BACKENDS)('sign-in throttling on %s', (backend) => {
  const ctx = useTestApp(backend);

  it('answers 429 with Retry-After after ten wrong passwords, even for the right one, makes no session, and leaves other users alone', async () => {
    const company = await makeCompany(ctx.db);
    const kari = await makeUser(
      ctx.db,
      company.id,
      'accountant',
      `kari-${Date.now()}@example.no`,
      'kari-sitt-passord-1',
    );
    const ola = await makeUser(ctx.db, company.id, 'accountant', `ola-${Date.now()}@example.no`, 'ola-sitt-passord-12');
    const client = new ApiClient(ctx.app);
    const sessions = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('sessions')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await sessions();

    for (let i = 0; i < 10; i++)
      expect((await client.login(kari.email, `wrong-${i}`)).body.code).toBe('invalid_credentials');
    const locked = await client.login(kari.email.toUpperCase(), kari.password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(locked.body).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: expect.any(Number) });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await sessions()).toBe(before);

    // Another user signs in as usual, and a success clears that user's own count.
    const olaSignIn = await new ApiClient(ctx.app).login(ola.email, ola.password);
    expect(olaSignIn.status).toBe(200);
    expect(await sessions()).toBe(before + 1);
  });
});
