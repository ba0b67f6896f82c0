import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { logError } from '../shared/error-log.js';
import { oreFromDb } from '../shared/money.js';
import { migrations } from './migrations/index.js';
import { lockDataDir } from './data-dir-lock.js';
import { PGlitePool } from './pglite-pool.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type { Trx } from './unit-of-work.js';

/** Where the data lives: an embedded PGlite folder (or memory), or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

const INT8 = 20;
const DATE = 1082;

/**
 * int8 is parsed once, here, for both drivers: to a number, refusing any value past
 * Number.MAX_SAFE_INTEGER rather than rounding it. Dates stay `YYYY-MM-DD` strings.
 */
function parseInt8(value: string): number {
  return oreFromDb(value);
}

export interface DatabaseHandle {
  db: Db;
  target: DatabaseTarget;
  /**
   * Listens on a notification channel whose payload names the schema (`pg_notify(channel,
   * current_schema())`, as migration 0017's trigger does): `onSignal` runs for each notification for
   * this database's schema, delivered when the writing transaction commits, and again after the
   * listening connection was lost and is back (notifications may have been missed meanwhile). On a
   * server it is a dedicated connection besides the pool; on PGlite its own listener. Resolves, once
   * listening, to the function that stops it.
   */
  listen(channel: string, onSignal: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The embedded database only: its data folder as PGlite dumps it (gzipped tar), between transactions (`db/backup.ts`). */
  dump?: () => Promise<Blob>;
  /** The connection pool's use now (metrics): connections open, idle, and queries waiting for one. */
  poolStats?(): PoolStats;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** How long a lost listening connection waits before it connects again. */
const RELISTEN_MS = 1000;

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'pglite') {
    let unlock = () => {};
    if (target.dataDir) {
      mkdirSync(target.dataDir, { recursive: true });
      unlock = lockDataDir(target.dataDir);
    }
    try {
      const pglite = await PGlite.create(target.dataDir ?? undefined, {
        parsers: { [INT8]: parseInt8, [DATE]: (v: string) => v },
      });
      const pool = new PGlitePool(pglite);
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      let closing: Promise<void> | undefined;
      return {
        db,
        target,
        listen: async (channel, onSignal) => {
          // LISTEN outside any transaction: while the pool's one connection is held, none is open.
          const held = await pool.connect();
          try {
            const schema = (await pglite.query<{ s: string }>('select current_schema() as s')).rows[0]?.s;
            const unlisten = await pglite.listen(channel, (payload) => {
              if (payload === schema) onSignal();
            });
            return async () => {
              if (!pglite.closed) await unlisten();
            };
          } finally {
            held.release();
          }
        },
        // Once: PGlite's files are flushed and closed (pool.end → pglite.close), then the folder's lock goes.
        close: () => {
          closing ??= db.destroy().finally(unlock);
          return closing;
        },
        poolStats: () => pool.stats(),
        // Holding the one connection: no transaction is open while the folder is dumped.
        dump: async () => {
          const connection = await pool.connect();
          try {
            return await pglite.dumpDataDir('gzip');
          } finally {
            connection.release();
          }
        },
      };
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return parseInt8;
        if (oid === DATE) return (v: string) => v;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // A connection lost (the server restarted, the network dropped) is the pool's to replace, and the
  // query on it fails: said once in the log, never an unhandled 'error' that ends the process. (The
  // pool's own 'error' is for idle connections, which the listener on each connection reports.)
  pool.on('connect', (client) => {
    client.on('error', (error) => logError('database: a connection was lost', error));
  });
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    db,
    target,
    listen: (channel, onSignal) => listenOnServer(target, channel, onSignal),
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other work), connected again
 * after it is lost; each (re)connection signals once, since notifications may have been missed.
 */
async function listenOnServer(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  channel: string,
  onSignal: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: target.url,
      // Named, so an operator (or a test) can tell it from the pool's connections.
      application_name: `innfri-listen:${target.schema ?? 'default'}`,
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    });
    c.on('error', () => undefined); // the 'end' below reconnects
    await c.connect();
    try {
      const schema = (await c.query<{ s: string }>('select current_schema() as s')).rows[0]?.s;
      c.on('notification', (n) => {
        if (n.channel === channel && n.payload === schema) onSignal();
      });
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    c.once('end', () => {
      client = null;
      if (!stopped) again();
    });
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
  };
  const again = () => {
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(onSignal, () => {
        if (!stopped) again();
      });
    }, RELISTEN_MS);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

/** Applies every migration not yet applied, in order. Safe to run on every start. */
export async function migrateToLatest(db: Db): Promise<void> {
  // Name the schema: otherwise Kysely may take another schema's migration tables for ours.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]?.schema ?? 'public',
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely looks for its migration tables across every schema; a schema dropped by someone else at
  // that moment (3F000) fails the look-up, not our migration: look again.
  for (let attempt = 1; error && (error as { code?: string }).code === '3F000' && attempt < 5; attempt++) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
}

/**
 * The migrations this code has that the database has not applied (readiness: an instance of a newer
 * version is not ready on an older schema until it has migrated).
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`select name from kysely_migration`.execute(db);
  const applied = new Set(rows.map((r) => r.name));
  return Object.keys(migrations).filter((name) => !applied.has(name));
}

/**
 * Refreshes the planner's statistics. PGlite has no autovacuum, so without this a large customer's
 * open-items page is planned as if the tables were empty (a sort of every open item instead of an
 * index walk). The server runs it after start-up and seeding, and with every daily-run tick.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  // Only this schema's tables: a server may hold other schemas (and other products) too.
  const tables = await sql<{
    name: string;
  }>`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = current_schema()`.execute(
    db,
  );
  for (const t of tables.rows) await sql`analyze ${sql.raw(t.name)}`.execute(db);
}

/** The target from the environment and options, as the server and the CLI both read them. */
export function targetFromEnv(
  options: { dataDir?: string | undefined; databaseUrl?: string | undefined } = {},
): DatabaseTarget {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url && !options.dataDir) return { kind: 'postgres', url };
  return { kind: 'pglite', dataDir: options.dataDir ?? process.env.INNFRI_DATA_DIR ?? './data' };
}
