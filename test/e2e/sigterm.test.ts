import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseTarget, migrateToLatest, openDatabase } from '../../src/db/database.js';
import { BACKENDS, type Backend, POSTGRES_URL } from '../support/db.js';
import { makeCompany, makeUser } from '../support/fixtures.js';
import { ApiClient } from '../support/http.js';
import { budget } from '../support/progress.js';
import { overHttp } from '../support/served.js';

/*
 * SIGTERM under load, on the server as `innfri serve` runs it (a child process): clients keep
 * creating customers while the server is told to stop. It stops accepting, finishes what it has,
 * stops its workers, closes the database and exits 0 (the embedded database's lock file is gone).
 * Restarted on the same data, every customer whose creation was answered 2xx is there.
 */

interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function serve(env: Record<string, string>, args: string[]): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--no-seed', '--port', '0', ...args],
    {
      env: { ...process.env, NODE_ENV: 'development', INNFRI_LOG_FORMAT: 'json', INNFRI_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const look = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (m?.[1]) {
        child.stdout?.off('data', look);
        child.stdout?.on('data', (c: Buffer) => {
          out += c.toString();
        });
        resolve({ child, url: m[1], output: () => out, exited });
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    void exited.then((code) => reject(new Error(`the server exited (${code}) before it listened:\n${out}`)));
  });
}

describe.each(BACKENDS)('SIGTERM under load on %s', (backend: Backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  it(
    'answers or refuses every request, loses none it answered 2xx, and the restarted server opens the same data',
    async () => {
      let target: DatabaseTarget;
      let env: Record<string, string> = {};
      let args: string[] = [];
      let dataDir: string | undefined;
      if (backend === 'pglite') {
        dataDir = await mkdtemp(join(tmpdir(), 'innfri-sigterm-'));
        const dir = dataDir;
        cleanup.push(() => rm(dir, { recursive: true, force: true }));
        target = { kind: 'pglite', dataDir };
        args = ['--data-dir', dataDir];
      } else {
        const schema = `test_sigterm_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: POSTGRES_URL });
        await admin.connect();
        await admin.query(`create schema ${schema}`);
        await admin.end();
        cleanup.push(async () => {
          const c = new pg.Client({ connectionString: POSTGRES_URL });
          await c.connect();
          await c.query(`drop schema ${schema} cascade`);
          await c.end();
        });
        target = { kind: 'postgres', url: POSTGRES_URL as string, schema };
        env = { DATABASE_URL: POSTGRES_URL as string, INNFRI_DATABASE_SCHEMA: schema };
      }
      // The company and its user, made before the server starts.
      const setup = await openDatabase(target);
      await migrateToLatest(setup.db);
      const company = await makeCompany(setup.db);
      const user = await makeUser(
        setup.db,
        company.id,
        'accountant',
        `last-${Date.now()}@example.no`,
        'last-sitt-passord-1',
      );
      await setup.close();

      const first = await serve(env, args);
      cleanup.push(async () => {
        first.child.kill('SIGKILL');
      });
      const client = new ApiClient(overHttp(first.url));
      expect((await client.login(user.email, user.password)).status).toBe(200);

      // Six clients create customers as fast as they are answered, until the server is gone.
      const answered = new Map<string, string>(); // id → name, for every 2xx
      let refused = 0;
      let stopAt = Number.POSITIVE_INFINITY;
      const clientLoop = async (w: number) => {
        for (let i = 0; ; i++) {
          const name = `Last ${w}-${i} AS`;
          try {
            const res = await client.post(`/companies/${company.id}/customers`, { type: 'company', name });
            if (res.status === 201 || res.status === 200) answered.set(res.body.id, name);
            else refused += 1;
          } catch {
            refused += 1; // the connection was refused or closed: the server is stopping
            if (Date.now() > stopAt) return;
            await new Promise((r) => setTimeout(r, 20));
          }
          if (Date.now() > stopAt + 500) return;
        }
      };
      const loops = [0, 1, 2, 3, 4, 5].map(clientLoop);
      const deadline = Date.now() + budget(120_000);
      while (answered.size < 30) {
        if (Date.now() > deadline) throw new Error(`hung: only ${answered.size} customers created`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const before = answered.size;
      first.child.kill('SIGTERM');
      const code = await first.exited;
      stopAt = Date.now();
      await Promise.all(loops);
      expect(code, first.output()).toBe(0);
      expect(first.output()).toContain('shutdown: done, database closed');
      expect(answered.size).toBeGreaterThanOrEqual(before);
      if (dataDir) expect(existsSync(join(dataDir, 'innfri.lock')), 'the data folder is still locked').toBe(false);

      // Restarted on the same data: every customer answered 2xx is there, with its name.
      const second = await serve(env, args);
      cleanup.push(async () => {
        second.child.kill('SIGKILL');
      });
      const again = new ApiClient(overHttp(second.url));
      expect((await again.login(user.email, user.password)).status).toBe(200);
      const listed = await again.get(`/companies/${company.id}/customers?limit=1000`);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      const stored = new Map<string, string>(
        (listed.body.data as Array<{ id: string; name: string }>).map((c) => [c.id, c.name]),
      );
      for (const [id, name] of answered) expect(stored.get(id), `customer ${name} answered 2xx but lost`).toBe(name);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      // Reported, not asserted: how many were answered and refused around the stop.
      console.log(`[sigterm ${backend}] ${answered.size} created (2xx), ${refused} refused or cut off after SIGTERM`);
    },
    budget(360_000),
  );
});
