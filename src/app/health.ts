import { sql } from 'kysely';
import { type Db, pendingMigrations } from '../db/database.js';

/** What the server tells /health/ready beyond the database: its workers, and whether it is shutting down. */
export interface Readiness {
  /** Each background worker's name and whether it runs (the webhook worker, the daily scheduler). */
  workers(): Record<string, boolean>;
  /** True from SIGTERM on: the server finishes what it has and takes nothing new. */
  draining(): boolean;
}

export interface ReadyReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, string>;
}

/** How long the database may take to answer the readiness query before it counts as down. */
const DATABASE_TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * /health/ready: the database answers (a query within 2 s), every migration of this code is applied,
 * every worker runs, and the server is not draining. Each check says "ok" or what is wrong (no
 * connection string, no values: the error's code or a short reason).
 */
export async function readinessOf(db: Db, readiness?: Readiness): Promise<ReadyReport> {
  const checks: Record<string, string> = {};
  let ready = true;
  try {
    await within(sql`select 1`.execute(db), DATABASE_TIMEOUT_MS, 'the database');
    checks.database = 'ok';
    const pending = await within(pendingMigrations(db), DATABASE_TIMEOUT_MS, 'the database');
    checks.migrations = pending.length === 0 ? 'ok' : `pending: ${pending.join(', ')}`;
    if (pending.length > 0) ready = false;
  } catch (error) {
    ready = false;
    const code = (error as { code?: unknown }).code;
    checks.database = `down: ${typeof code === 'string' ? code : error instanceof Error ? error.message.slice(0, 120) : 'no answer'}`;
    checks.migrations = 'unknown';
  }
  for (const [name, running] of Object.entries(readiness?.workers() ?? {})) {
    checks[name] = running ? 'running' : 'stopped';
    if (!running) ready = false;
  }
  if (readiness?.draining()) {
    checks.server = 'draining';
    ready = false;
  }
  return { status: ready ? 'ready' : 'not_ready', checks };
}
