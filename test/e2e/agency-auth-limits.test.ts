import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { authFailureLimiterFor } from '../../src/agency-api/agency-api.routes.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import type { Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { createApp } from '../../src/app/app.js';
import type { AppConfig } from '../../src/http/env.js';
import { DEFAULT_MAX_KEYS } from '../../src/http/rate-limit.js';
import { DEFAULT_CONFIG } from '../../src/server.js';
import { BACKENDS } from '../support/db.js';
import { TEST_TODAY, useTestApp } from '../support/http.js';
import { budget } from '../support/progress.js';

/**
 * The token endpoint in front of strangers (issue 12, finding 1): made-up credentials must cost
 * nothing that lasts. A flood of distinct, long client ids from distinct addresses leaves at most
 * {@link DEFAULT_MAX_KEYS} addresses in memory and no rows; every over-long field is a 400 naming it;
 * failures are limited per address, never per claimed client id.
 */

/** The flood of finding 1: this many requests, each with a client id of 8 KB never sent before. */
const FLOOD = 20_000;
const CLIENT_ID_BYTES = 8 * 1024;
/**
 * How much the heap may grow over the whole flood, measured after a full GC. The limiter's 10 000
 * addresses take about 2 MB; before the fix the limiter kept every claimed id (10 000 of them, 8 KB
 * each: 80 MB here, and 300 MB in the issue's probe).
 */
const HEAP_GROWTH_BOUND = 24 * 1024 * 1024;

/** A full garbage collection, when this process can be asked for one. */
function gcFunction(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/**
 * The heap in use once garbage is gone. GC runs thrice with a turn of the event loop between:
 * undici ties each copied Request (Hono's body limit makes one) to a FinalizationRegistry, whose
 * entries go only in a task after the GC that found them dead.
 */
async function settledHeap(gc: (() => void) | null): Promise<number> {
  for (let i = 0; i < 3 && gc; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

/** What `app.request` needs to make the app see a peer address (as @hono/node-server's conninfo reads it). */
function peer(address: string) {
  return { incoming: { socket: { remoteAddress: address, remotePort: 40_000, remoteFamily: 'IPv4' } } };
}
const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** Its own app and configuration on `db`, so the limiters are the test's alone. */
function appOn(db: Db, config: Partial<AppConfig> = {}) {
  const full: AppConfig = { ...DEFAULT_CONFIG, today: () => TEST_TODAY, ...config };
  return { app: createApp(db, full), limiter: authFailureLimiterFor(full) };
}

async function token(
  on: ReturnType<typeof appOn>['app'],
  from: string,
  form: Record<string, string>,
  authorization?: string,
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await on.request(
    '/oauth/token',
    { method: 'POST', headers, body: new URLSearchParams(form).toString() },
    peer(from),
  );
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
}

async function tokenRowsOf(db: Db): Promise<number> {
  const row = await db
    .selectFrom('agency_tokens')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// The flood never reaches the database (every request is refused before any look-up): one backend is enough.
describe('the token endpoint under a flood of made-up client ids', () => {
  const ctx = useTestApp('pglite');
  const app = (config: Partial<AppConfig> = {}) => appOn(ctx.db, config);
  const tokenRows = () => tokenRowsOf(ctx.db);

  it(
    `${FLOOD} token requests with distinct 8 KB client ids from distinct addresses: each a 400 naming the field, the limiter bounded, the heap within ${HEAP_GROWTH_BOUND / 2 ** 20} MB, nothing stored`,
    async () => {
      const { app: flooded, limiter } = app();
      const gc = gcFunction();
      const heapBefore = await settledHeap(gc);
      const padding = 'x'.repeat(CLIENT_ID_BYTES);
      for (let i = 0; i < FLOOD; i++) {
        // Distinct ids: the number first, so no two share a prefix the runtime could share.
        const clientId = `agc_${i}_${padding}`.slice(0, CLIENT_ID_BYTES);
        const viaHeader = i % 2 === 0;
        const res = viaHeader
          ? await token(flooded, address(i), { grant_type: 'client_credentials' }, basic(clientId, 'acs_secret'))
          : await token(flooded, address(i), {
              grant_type: 'client_credentials',
              client_id: clientId,
              client_secret: 'acs_secret',
            });
        if (res.status !== 400 || !res.type?.startsWith('application/problem+json'))
          expect.fail(`request ${i}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        const field = viaHeader ? 'header.authorization' : 'form.client_id';
        if (res.body.code !== 'validation_failed' || !String(res.body.detail).startsWith(`${field}:`))
          expect.fail(`request ${i}: the problem does not name ${field}: ${JSON.stringify(res.body)}`);
        if (i % 1000 === 999) expect(limiter.size).toBeLessThanOrEqual(DEFAULT_MAX_KEYS);
      }
      // Every address failed once: the map is full, and no bigger.
      expect(limiter.size).toBe(DEFAULT_MAX_KEYS);
      expect(await tokenRows()).toBe(0);
      const growth = (await settledHeap(gc)) - heapBefore;
      // Without a GC to call, garbage still counts: the bound is then four times as wide.
      expect(growth).toBeLessThan(gc ? HEAP_GROWTH_BOUND : 4 * HEAP_GROWTH_BOUND);
      console.log(
        `token flood: ${FLOOD} requests, limiter ${limiter.size} addresses, heap growth ${(growth / 2 ** 20).toFixed(1)} MB${gc ? ' (after GC)' : ' (no GC available)'}`,
      );
    },
    budget(600_000),
  );
});

describe.each(BACKENDS)('the token endpoint against strangers on %s', (backend) => {
  const ctx = useTestApp(backend);

  const app = (config: Partial<AppConfig> = {}) => appOn(ctx.db, config);
  const tokenRows = () => tokenRowsOf(ctx.db);

  it('caps every credential field before it is used: a 400 problem naming the field, and the request is a failure of the address', async () => {
    const { app: capped, limiter } = app();
    const from = '192.0.2.10';
    const cases: Array<
      [label: string, form: Record<string, string>, authorization: string | undefined, field: string]
    > = [
      ['grant_type', { grant_type: 'g'.repeat(101) }, undefined, 'form.grant_type'],
      [
        'form client_id',
        { grant_type: 'client_credentials', client_id: 'a'.repeat(201), client_secret: 's' },
        undefined,
        'form.client_id',
      ],
      [
        'form client_secret',
        { grant_type: 'client_credentials', client_id: 'agc_x', client_secret: 's'.repeat(501) },
        undefined,
        'form.client_secret',
      ],
      ['scope', { grant_type: 'client_credentials', scope: 's'.repeat(501) }, undefined, 'form.scope'],
      [
        'Authorization header',
        { grant_type: 'client_credentials' },
        `Basic ${'A'.repeat(1100)}`,
        'header.authorization',
      ],
      [
        'Basic client id',
        { grant_type: 'client_credentials' },
        basic('a'.repeat(201), 'acs_x'),
        'header.authorization (client_id)',
      ],
      [
        'Basic secret',
        { grant_type: 'client_credentials' },
        basic('agc_x', 's'.repeat(501)),
        'header.authorization (client_secret)',
      ],
      [
        'Basic client id not percent-decodable (agc_%)',
        { grant_type: 'client_credentials' },
        basic('agc_%', 'acs_x'),
        'header.authorization (client_id)',
      ],
      [
        'Basic secret not percent-decodable',
        { grant_type: 'client_credentials' },
        basic('agc_x', 'acs_%E0%A4%A'),
        'header.authorization (client_secret)',
      ],
      [
        'NUL in a form client id',
        { grant_type: 'client_credentials', client_id: 'agc_\u0000', client_secret: 's' },
        undefined,
        'form.client_id',
      ],
      [
        'NUL in a Basic secret',
        { grant_type: 'client_credentials' },
        basic('agc_x', 'acs_%00'),
        'header.authorization (client_secret)',
      ],
    ];
    for (const [label, form, authorization, field] of cases) {
      const res = await token(capped, from, form, authorization);
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.type, label).toMatch(/^application\/problem\+json/);
      expect(res.body.code, label).toBe('validation_failed');
      expect(res.body.detail, label).toMatch(new RegExp(`^${field.replace(/[().]/g, '\\$&')}: `));
    }
    expect(await tokenRows()).toBe(0);
    // One address, one key, however many and whatever ids it sent.
    expect(limiter.size).toBe(1);
  });

  it('limits failed sign-ins per address, not per claimed client: past the burst 429, other addresses and known agencies unaffected', async () => {
    const { app: limited, limiter } = app({ authFailureBurst: 5, authFailuresPerSecond: 0.001 });
    const agency = await inTransaction(ctx.db, (trx) => createAgencyWithCredentials(trx, { name: 'Grense Inkasso' }));
    const { clientId } = agency.agency;
    const good = basic(clientId, agency.clientSecret);
    const noisy = '198.51.100.7';
    for (let i = 0; i < 5; i++) {
      const res = await token(limited, noisy, { grant_type: 'client_credentials' }, basic(`agc_guess${i}`, 'acs_x'));
      expect(res.status, `guess ${i}`).toBe(401);
      expect(res.body.code).toBe('invalid_client');
    }
    const sixth = await token(limited, noisy, { grant_type: 'client_credentials' }, good);
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
    expect(await tokenRows()).toBe(0);
    // Bearer guesses from that address are refused as well, before any look-up.
    const bearer = await limited.request(
      '/agency/v1/clients',
      { headers: { authorization: 'Bearer aat_guess' } },
      peer(noisy),
    );
    expect(bearer.status).toBe(429);

    // Another address: the agency gets its token, and then works with it.
    const ok = await token(limited, '198.51.100.8', { grant_type: 'client_credentials' }, good);
    expect(ok.status).toBe(200);
    expect(await tokenRows()).toBe(1);
    const clients = await limited.request(
      '/agency/v1/clients',
      { headers: { authorization: `Bearer ${ok.body.access_token}` } },
      peer('198.51.100.8'),
    );
    expect(clients.status).toBe(200);
    // Bearer failures count too: five unknown tokens from a third address, then 429.
    const third = '198.51.100.9';
    for (let i = 0; i < 5; i++) {
      const res = await limited.request(
        '/agency/v1/clients',
        { headers: { authorization: `Bearer aat_unknown${i}` } },
        peer(third),
      );
      expect(res.status, `unknown token ${i}`).toBe(401);
    }
    expect(
      (await limited.request('/agency/v1/clients', { headers: { authorization: 'Bearer aat_more' } }, peer(third)))
        .status,
    ).toBe(429);
    // The keys are the addresses that failed (noisy, third): not the client ids they claimed.
    expect(limiter.size).toBe(2);
  });
});
