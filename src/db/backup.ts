import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { DatabaseHandle } from './database.js';

/**
 * Backups of the embedded database (a PGlite data folder). A backup is PGlite's own dump of the
 * folder (`dumpDataDir`: a gzipped tar of the whole cluster), taken while holding the one
 * connection (`PGlitePool`), so no transaction is half-done in it: what is in it is exactly what was
 * committed before. The server keeps serving meanwhile; requests wait the few moments it takes.
 * A restore unpacks it into a new, empty folder (`loadDataDir`), never over a folder with data.
 * A PostgreSQL server is backed up with its own tools (`pg_dump`, README).
 */

/** Writes the backup of the open embedded database to `file` (via `file.partial`, renamed when whole). */
export async function backupEmbedded(handle: DatabaseHandle, file: string): Promise<{ bytes: number }> {
  if (!handle.dump) throw new Error('backup is for the embedded database; back up a PostgreSQL server with pg_dump');
  const dump = await handle.dump();
  const bytes = new Uint8Array(await dump.arrayBuffer());
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { bytes: bytes.length };
}

/** Unpacks a backup into `dataDir`, which must not exist or be empty; checks that it opens. */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`${dataDir} is not empty: restore into a new folder, then point the server at it`);
  const bytes = readFileSync(file);
  // A gzip stream starts 1f 8b; anything else is not a backup this made.
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new Error(`${file} is not an Innfri backup (a gzipped data folder from innfri backup)`);
  const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([bytes]) });
  try {
    await pglite.query('select 1 from kysely_migration limit 1');
  } finally {
    await pglite.close();
  }
}

/** The file in a data folder by which `innfri backup` asks the server that holds the folder for a backup. */
export const BACKUP_REQUEST = 'innfri.backup-request';

/**
 * In `innfri serve` on the embedded database: on SIGUSR2, reads the request `innfri backup` left in
 * the data folder (`{"out": file}`), writes the backup there, and removes the request (a failure is
 * written beside it as `<out>.error`). So a backup of a running server needs no stop: the CLI cannot
 * open a folder the server holds (the lock), the server dumps it between its transactions.
 */
export function answerBackupRequests(handle: DatabaseHandle, dataDir: string, log = console.log): () => void {
  let busy = false;
  const onSignal = () => {
    if (busy) return;
    busy = true;
    void (async () => {
      const requestPath = `${dataDir}/${BACKUP_REQUEST}`;
      let out: string | undefined;
      try {
        out = (JSON.parse(readFileSync(requestPath, 'utf8')) as { out?: unknown }).out as string | undefined;
        if (typeof out !== 'string' || out === '') throw new Error('the backup request names no file');
        const { bytes } = await backupEmbedded(handle, out);
        log(`Backup written to ${out} (${bytes} bytes).`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`Backup failed: ${message}`);
        if (out) writeFileSync(`${out}.error`, message);
      } finally {
        rmSync(requestPath, { force: true });
        busy = false;
      }
    })();
  };
  process.on('SIGUSR2', onSignal);
  return () => process.off('SIGUSR2', onSignal);
}

/** The pid of the live process holding `dataDir` (its lock file), or null when none holds it. */
export function dataDirOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(`${dataDir}/innfri.lock`, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * `innfri backup` of a folder a running server holds: leaves the request, signals the server, and
 * waits (at most `timeoutMs`) for the file or the error.
 */
export async function requestBackup(dataDir: string, pid: number, out: string, timeoutMs = 600_000): Promise<void> {
  const requestPath = `${dataDir}/${BACKUP_REQUEST}`;
  if (existsSync(requestPath)) throw new Error('a backup of this folder is already being taken; try again shortly');
  rmSync(`${out}.error`, { force: true });
  writeFileSync(requestPath, JSON.stringify({ out }));
  process.kill(pid, 'SIGUSR2');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(`${out}.error`)) {
      const why = readFileSync(`${out}.error`, 'utf8');
      rmSync(`${out}.error`, { force: true });
      throw new Error(`the server could not write the backup: ${why}`);
    }
    if (existsSync(out) && !existsSync(requestPath)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rmSync(requestPath, { force: true });
  throw new Error(`the server (pid ${pid}) did not answer the backup request in ${timeoutMs / 1000} s`);
}
