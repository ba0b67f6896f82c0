import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';
import { makeCompany } from '../support/fixtures.js';
import { budget } from '../support/progress.js';

/*
 * `innfri period lock|unlock|show` and `innfri audit` on an embedded database: the lock moves
 * forward only, the refusal is said on stderr with a non-zero exit, and the trail prints as JSON
 * lines with the command line as the actor.
 */

function cli(dir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--data-dir', dir], {
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('innfri period and innfri audit', () => {
  let dir: string;
  let orgnr: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'innfri-cli-lock-'));
    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrateToLatest(handle.db);
    orgnr = (await makeCompany(handle.db)).organizationNumber;
    await handle.close();
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  // Four runs of the CLI, each starting tsx: slow on a loaded machine, so a generous (scaled) limit.
  it('locks forward only, unlocks, and prints the trail', { timeout: budget(600_000) }, () => {
    const locked = cli(dir, 'period', 'lock', '--company', orgnr, '--to', '2026-10-31', '--json');
    expect(locked.status, locked.stderr).toBe(0);
    expect(JSON.parse(locked.stdout).lock).toMatchObject({
      lockedTo: '2026-10-31',
      lockedBy: { id: null, name: expect.stringMatching(/^innfri CLI \(/) },
    });
    const back = cli(dir, 'period', 'lock', '--company', orgnr, '--to', '2026-09-30');
    expect(back.status).toBe(1);
    expect(back.stderr).toMatch(/locked up to 2026-10-31.*only moves forward/);
    const unlocked = cli(dir, 'period', 'unlock', '--company', orgnr);
    expect(unlocked.status, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toMatch(/The books are open/);

    const audit = cli(dir, 'audit', '--company', orgnr, '--json');
    expect(audit.status, audit.stderr).toBe(0);
    const events = audit.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; actor: { type: string }; peerAddress: string });
    expect(events.map((e) => [e.kind, e.actor.type, e.peerAddress])).toEqual([
      ['period.unlocked', 'cli', 'cli'],
      ['period.locked', 'cli', 'cli'],
    ]);
  });
});
