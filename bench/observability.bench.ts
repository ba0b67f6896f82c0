/**
 * What the access log and the metrics cost: the same app on the same database served twice over
 * HTTP, once bare and once as `innfri serve` runs it (a JSON access line per request through pino to
 * /dev/null, the latency histogram of prom-client, a scrape of /metrics now and then). Rounds
 * alternate between the two so that the machine's load falls on both alike; the figure is the
 * observed server's requests a second over the bare one's (aim ≥ 0.9), for an API read (a page of
 * customers, signed in) and for the cheapest request there is (/health/live, the worst case).
 */
import { serve, type ServerType } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from '../src/app/app.js';
import { createMetrics } from '../src/app/metrics.js';
import type { AppConfig } from '../src/http/env.js';
import { DEFAULT_CONFIG } from '../src/server.js';
import { createLogger } from '../src/shared/log.js';
import { makeCompany, makeCustomer, makeUser } from '../test/support/fixtures.js';
import { type BenchOptions, type BenchResult, log, now, openBenchDatabase } from './support.js';

const PASSWORD = 'bench-sitt-passord-1';

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

/** `total` requests, `concurrency` at a time; returns the milliseconds they took. */
async function load(url: string, headers: Record<string, string>, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const res = await fetch(url, { headers });
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
  return now() - t0;
}

export async function observabilityBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  log('\nobservability: the access log and metrics, with against without');
  const handle = await openBenchDatabase(options);
  try {
    const company = await makeCompany(handle.db);
    for (let i = 0; i < 20; i++) await makeCustomer(handle.db, company.id, { name: `Kunde ${i} AS` });
    const user = await makeUser(handle.db, company.id, 'accountant', 'bench-observability@example.no', PASSWORD);
    const config: AppConfig = { ...DEFAULT_CONFIG };
    const bare = createApp(handle.db, config);
    const metrics = createMetrics(handle);
    const accessLog = createLogger(
      { level: 'info', format: 'json', destination: pino.destination({ dest: '/dev/null', sync: false }) },
      false,
    );
    const observed = createApp(handle.db, config, {
      accessLog,
      observeRequest: metrics.observeRequest,
      metrics: { token: 'bench-token-bench-token-bench-token', render: metrics.render },
    });
    const a = await listen(bare.fetch);
    const b = await listen(observed.fetch);
    try {
      const login = await bare.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      });
      const session = /innfri_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
      if (!session) throw new Error(`login failed: ${login.status}`);
      const signedIn = { cookie: `innfri_session=${session}` };
      const api = `/api/v1/companies/${company.id}/customers?limit=20`;
      const rounds = options.quick ? 4 : 10;
      const perRound = options.quick ? 200 : 600;
      const concurrency = 8;
      const cases = [
        { name: 'API read (customers page)', path: api, headers: signedIn },
        { name: '/health/live', path: '/health/live', headers: {} },
      ];
      const figures: Record<string, { bareMs: number; observedMs: number; ratio: number }> = {};
      for (const c of cases) {
        // Warm both (JIT, the database's caches).
        await load(a.url + c.path, c.headers, perRound / 4, concurrency);
        await load(b.url + c.path, c.headers, perRound / 4, concurrency);
        let bareMs = 0;
        let observedMs = 0;
        for (let r = 0; r < rounds; r++) {
          // Alternate which goes first, so neither always meets the same moment of the machine's load.
          if (r % 2 === 0) {
            bareMs += await load(a.url + c.path, c.headers, perRound, concurrency);
            observedMs += await load(b.url + c.path, c.headers, perRound, concurrency);
          } else {
            observedMs += await load(b.url + c.path, c.headers, perRound, concurrency);
            bareMs += await load(a.url + c.path, c.headers, perRound, concurrency);
          }
          // A scrape between rounds, as Prometheus would every 15 s.
          await metrics.render();
        }
        const ratio = bareMs / observedMs;
        figures[c.name] = { bareMs, observedMs, ratio };
        const n = rounds * perRound;
        log(
          `  ${c.name}: ${((n / bareMs) * 1000).toFixed(0)} req/s bare, ${((n / observedMs) * 1000).toFixed(0)} req/s with log and metrics, ratio ${ratio.toFixed(3)}`,
        );
      }
      const apiRatio = figures['API read (customers page)']?.ratio ?? Number.NaN;
      const healthRatio = figures['/health/live']?.ratio ?? Number.NaN;
      return {
        name: 'observability',
        title: 'Access log and metrics: with against without',
        seconds: (now() - started) / 1000,
        metrics: [
          { name: 'API read with / without', value: apiRatio, unit: '×', aim: '>= 0.9', met: apiRatio >= 0.9 },
          { name: '/health/live with / without', value: healthRatio, unit: '×' },
        ],
        details: { rounds, perRound, concurrency, figures },
      };
    } finally {
      a.server.close();
      b.server.close();
      accessLog.flush();
    }
  } finally {
    await handle.close();
  }
}
