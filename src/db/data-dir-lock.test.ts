import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.js';

describe('the data folder lock', () => {
  it('lets one process at a time open an embedded database folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'innfri-lock-'));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'innfri.lock'), 'utf8')).toBe(String(process.pid));
    // Another live process holds it: refused with a clear message.
    writeFileSync(join(dir, 'innfri.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/in use by process \d+ \(is the server running\?/);
    writeFileSync(join(dir, 'innfri.lock'), String(process.pid));
    release();
    const again = lockDataDir(dir);
    again();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'innfri-lock-'));
    writeFileSync(join(dir, 'innfri.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'innfri.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
