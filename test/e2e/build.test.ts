import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { budget } from '../support/progress.js';

/*
 * The production start (issue 16): `npm run build:server` (what `npm run build` runs after the web
 * build) bundles the server into dist/server/innfri.js, and plain `node` runs it — no tsx, no
 * TypeScript. The same steps the Dockerfile takes. The server here is the built one, on a fresh
 * embedded database: it migrates, serves /health and the API document, and stops on SIGTERM.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

describe('the built server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'innfri-build-'));
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'builds to dist/server/innfri.js, which node runs: it migrates, answers /health and the API, and stops on SIGTERM',
    async () => {
      await run(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
      const bundle = join(ROOT, 'dist/server/innfri.js');
      expect(existsSync(bundle)).toBe(true);
      // Plain node, with no loader: the bundle is JavaScript through and through.
      child = spawn(process.execPath, [bundle, 'serve', '--port', '0', '--no-seed', '--data-dir', join(dir, 'data')], {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child!.stdout!.on('data', (c: Buffer) => {
          output += c.toString();
          const m = /Innfri is running at (http:\/\/\S+)/.exec(output);
          if (m) resolve(m[1]!);
        });
        child!.stderr!.on('data', (c: Buffer) => {
          output += c.toString();
        });
        child!.once('exit', (code) => reject(new Error(`exited ${code} before serving:\n${output}`)));
      });
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { openapi: string };
      expect(doc.openapi).toBe('3.1.0');
      // A real write path: a wrong sign-in is refused by the built code, against the migrated database.
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ingen@example.no', password: 'feil-passord-123' }),
      });
      expect(login.status).toBe(401);
      const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The data folder was released: its lock file is gone.
      expect(existsSync(join(dir, 'data', 'innfri.lock'))).toBe(false);
    },
    budget(300_000),
  );
});
