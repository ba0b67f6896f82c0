import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents one embedded PGlite instance as the `pg`-style pool Kysely's PostgresDialect expects.
 *
 * PGlite is a single connection, so "acquiring" it means taking a mutex: a transaction holds the
 * connection from BEGIN to COMMIT and every other query waits, exactly as a one-connection pool.
 */
export class PGlitePool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  /** Connections asked for and not yet released (the one held and those waiting for it). */
  #wanted = 0;

  constructor(readonly pglite: PGlite) {}

  connect(): Promise<PostgresPoolClient> {
    if (this.#closed) return Promise.reject(new Error('database is closed'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.#wanted += 1;
    const acquired = this.#queue.then(() => client);
    this.#queue = this.#queue.then(() => held);
    const pglite = this.pglite;
    const wanted = () => {
      this.#wanted -= 1;
    };
    let released = false;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        if (parameters.length === 0 && sql.includes(';')) {
          // Several statements (a migration): only the simple protocol takes them.
          const results = await pglite.exec(sql);
          const last = results.at(-1);
          return { command: commandOf(sql), rowCount: last?.affectedRows ?? 0, rows: (last?.rows ?? []) as R[] };
        }
        const result = await pglite.query<R>(sql, [...parameters]);
        return { command: commandOf(sql), rowCount: result.affectedRows ?? 0, rows: result.rows };
      },
      release(): void {
        if (released) return;
        released = true;
        wanted();
        release();
      },
    } as unknown as PostgresPoolClient;
    return acquired;
  }

  /** As pg's pool counts: one connection; idle when nobody holds it; the rest wait. */
  stats(): { total: number; idle: number; waiting: number } {
    return { total: 1, idle: this.#wanted === 0 ? 1 : 0, waiting: Math.max(0, this.#wanted - 1) };
  }

  async end(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    await this.pglite.close();
  }
}

/** Kysely only needs the command to report affected rows; PGlite does not return it. */
function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge)\b/i.exec(sql);
  return (match?.[1]?.toUpperCase() as PostgresQueryResult<unknown>['command']) ?? 'SELECT';
}
