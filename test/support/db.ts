import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/db/database.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (as CI does). */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export const POSTGRES_URL = process.env.TEST_DATABASE_URL;

/**
 * A fresh, migrated database: an in-memory PGlite, or a schema of its own on the PostgreSQL
 * server (so test files run side by side), dropped again on close. The tests and the benchmarks
 * (bench/) both open their databases here; the benchmarks name their server (`url`, from
 * BENCH_DATABASE_URL) and their schemas (`schemaPrefix: 'bench'`).
 */
export async function freshDatabase(
  backend: Backend,
  poolSize = 10,
  options: { url?: string | undefined; schemaPrefix?: string } = {},
): Promise<DatabaseHandle> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(handle.db);
    return handle;
  }
  const url = options.url ?? POSTGRES_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `${options.schemaPrefix ?? 'test'}_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ kind: 'postgres', url, schema, poolSize });
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await adminQuery(url, `drop schema ${schema} cascade`).catch(() => undefined);
    throw error;
  }
  const opened = handle;
  return {
    ...opened,
    async close() {
      try {
        await opened.close();
      } finally {
        await adminQuery(url, `drop schema ${schema} cascade`);
      }
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
