import { serve, type ServerType } from '@hono/node-server';
import { type DatabaseHandle, migrateToLatest, openDatabase, type DatabaseTarget } from './db/database.js';
import type { AppConfig } from './http/env.js';
import { createApp } from './http/app.js';

export const DEFAULT_CONFIG: AppConfig = {
  secureCookies: false,
  bodyLimitBytes: 1024 * 1024,
  today: () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' }),
};

export interface RunningServer {
  url: string;
  port: number;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens and migrates the database, then serves the app. Port 0 picks a free port. */
export async function startServer(options: { target: DatabaseTarget; port: number; host?: string; config?: Partial<AppConfig> }): Promise<RunningServer> {
  const database = await openDatabase(options.target);
  await migrateToLatest(database.db);
  const app = createApp(database.db, { ...DEFAULT_CONFIG, ...options.config });
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info) => resolve({ server: s, port: info.port }));
    s.once('error', reject);
  });
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
