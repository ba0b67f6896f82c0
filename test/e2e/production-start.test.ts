import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import { budget } from '../support/progress.js';

/*
 * `innfri serve` as a production start (a child process, as an operator runs it): it refuses
 * missing and malformed settings naming each, never seeds the demo, and will not open while a demo
 * user has the published password. The embedded database keeps these quick; the settings and the
 * seeding do not depend on the backend.
 */

interface Run {
  code: number | null;
  output: string;
  /** Set when the server came up (its JSON log said where), before it was stopped with SIGTERM. */
  url?: string;
}

/** Runs `innfri <args>`; a server that comes up is asked its readiness and stopped with SIGTERM. */
function innfri(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', INNFRI_TEST_TIME_FACTOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let url: string | undefined;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const m = /"url":"(http:\/\/[^"]+)"/.exec(output);
    if (m?.[1] && !url) {
      url = m[1];
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), budget(180_000));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ...(url ? { url } : {}) });
    }),
  );
}

const PRODUCTION = {
  NODE_ENV: 'production',
  INNFRI_PUBLIC_URL: 'https://innfri.example.no',
  INNFRI_SECRET_KEY: randomBytes(32).toString('base64'),
  PORT: '0',
};

// Each case starts `innfri` through tsx once or twice: minutes on a loaded 2-core machine.
describe('a production start (innfri serve)', { timeout: budget(360_000) }, () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const dataDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'innfri-prod-start-'));
    dirs.push(d);
    return d;
  };

  it('refuses to start with missing or malformed settings, naming each, and opens nothing', async () => {
    const dir = await dataDir();
    const missing = await innfri(['serve', '--data-dir', dir], { NODE_ENV: 'production' });
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('INNFRI_PUBLIC_URL: required for a production start');
    expect(missing.output).toContain('INNFRI_SECRET_KEY: required for a production start');

    const weak = await innfri(['serve', '--production', '--data-dir', dir], {
      ...PRODUCTION,
      INNFRI_PUBLIC_URL: 'http://innfri.example.no',
      INNFRI_METRICS_TOKEN: 'kort',
      INNFRI_SECRET_KEY: 'for-kort-nøkkel',
      PORT: 'åtti',
    });
    expect(weak.code).toBe(2);
    for (const name of ['INNFRI_PUBLIC_URL', 'INNFRI_METRICS_TOKEN', 'INNFRI_SECRET_KEY', 'PORT'])
      expect(weak.output).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(weak.output).not.toContain('for-kort-nøkkel');
    // Refused before the database was touched: the folder is as it was (empty).
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual([]);
  });

  it('never seeds the demo company, and refuses `innfri seed --demo`', async () => {
    const dir = await dataDir();
    const started = await innfri(['serve', '--data-dir', dir], PRODUCTION);
    expect(started.url, started.output).toBeDefined();
    expect(started.code, started.output).toBe(0);
    expect(started.output).not.toContain('innfri-demo-2026');
    // JSON lines in production.
    for (const line of started.output.split('\n').filter((l) => l.startsWith('{')))
      expect(() => JSON.parse(line)).not.toThrow();
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await migrateToLatest(handle.db);
      expect(await handle.db.selectFrom('companies').select('id').execute()).toEqual([]);
      expect(await handle.db.selectFrom('users').select('id').execute()).toEqual([]);
    } finally {
      await handle.close();
    }
    const seed = await innfri(['seed', '--demo', '--data-dir', dir], { NODE_ENV: 'production' });
    expect(seed.code).not.toBe(0);
    expect(seed.output).toContain('never seeded in production');
  });

  it('will not open while a demo user has the published demo password', async () => {
    const dir = await dataDir();
    const seeded = await innfri(['seed', '--demo', '--invoices', '0', '--data-dir', dir], { NODE_ENV: 'development' });
    expect(seeded.code, seeded.output).toBe(0);
    const refused = await innfri(['serve', '--data-dir', dir], PRODUCTION);
    expect(refused.url).toBeUndefined();
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('refuses the published demo password');
    expect(refused.output).toContain('admin@demo.innfri.no');
    expect(refused.output).not.toContain('innfri-demo-2026');
  });
});
