/**
 * How the server serves the built web UI (src/app/app.ts): index.html at `/` and for the UI's own
 * routes (so reloads and shared links work), hashed assets cached for good, a strict CSP on the
 * page, and never in the way of the APIs or the health check. Uses a stand-in build in a temp dir.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createApp } from '../../src/app/app.js';
import { DEFAULT_CONFIG } from '../../src/server.js';
import { freshDatabase } from '../support/db.js';

const INDEX =
  '<!doctype html><html lang="nb"><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

describe('serving the web UI', () => {
  let handle: DatabaseHandle;
  let dist: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    dist = await mkdtemp(join(tmpdir(), 'innfri-web-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets/index-abc123.js'), 'console.log("innfri")');
    // As web/vite.config.ts's precompress plugin writes them beside each asset.
    await writeFile(join(dist, 'assets/index-abc123.js.br'), brotliCompressSync('console.log("innfri")'));
    await writeFile(join(dist, 'assets/index-abc123.js.gz'), gzipSync('console.log("innfri")'));
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = createApp(handle.db, DEFAULT_CONFIG, { webDist: dist });
  });

  afterAll(async () => {
    await handle?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it.each(['/', '/c/5b7e9c1e-0000-4000-8000-000000000000/purreliste', '/c/x/inkasso/godkjent', '/index.html'])(
    'answers %s with the app page, under a strict CSP',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    },
  );

  it('serves hashed assets for good and other files revalidated', async () => {
    const js = await app.request('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await app.request('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('hands out the precompressed copy the browser accepts (brotli first), with Vary, and the plain file otherwise', async () => {
    const br = await app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe('console.log("innfri")');
    const gz = await app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe('console.log("innfri")');
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log("innfri")');
  });

  it('answers a missing file with 404, not with the app page', async () => {
    const res = await app.request('/assets/missing-000.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each(['/api/v1/no-such-route', '/api', '/agency/v1/no-such-route', '/oauth/nothing', '/health/x'])(
    'leaves %s to the APIs (problem+json 404)',
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
    },
  );

  it('keeps /health and the API documents as they were', async () => {
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok' });
    const doc = await app.request('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const session = await app.request('/api/v1/auth/session');
    expect(session.status).toBe(401);
  });

  it('does not serve files outside the build', async () => {
    for (const path of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json']) {
      const res = await app.request(path);
      expect(await res.text()).not.toContain('"name": "innfri"');
    }
  });

  it('without a build, says how to build it at / and leaves other paths to 404', async () => {
    const bare = createApp(handle.db, DEFAULT_CONFIG, { webDist: join(dist, 'not-built') });
    const root = await bare.request('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('npm run build:web');
    expect((await bare.request('/c/x/purreliste')).status).toBe(404);
  });
});
