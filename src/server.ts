import { serve, type ServerType } from '@hono/node-server';
import { type DatabaseHandle, migrateToLatest, openDatabase, type DatabaseTarget } from './db/database.js';
import type { AppConfig } from './http/env.js';
import { createApp } from './app/app.js';
import { startWebhookWorker } from './agencies/webhook.service.js';
import { osloToday } from './shared/dates.js';
import { envSecretBox, SecretKeyError } from './shared/secret-box.js';
import { sql } from 'kysely';

export const DEFAULT_CONFIG: AppConfig = {
  secureCookies: false,
  bodyLimitBytes: 1024 * 1024,
  today: () => osloToday(),
  agencyRatePerSecond: Number(process.env.INNFRI_AGENCY_RATE ?? 50),
  agencyRateBurst: Number(process.env.INNFRI_AGENCY_BURST ?? 200),
  allowPrivateWebhooks: process.env.INNFRI_ALLOW_PRIVATE_WEBHOOKS === '1',
};

export interface RunningServer {
  url: string;
  port: number;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens and migrates the database, then serves the app. Port 0 picks a free port. */
export async function startServer(options: {
  target: DatabaseTarget;
  port: number;
  host?: string;
  config?: Partial<AppConfig>;
  webhooks?: boolean;
  webDist?: string;
}): Promise<RunningServer> {
  // A malformed key stops the start here, with the reason, rather than at the first webhook.
  const box = envSecretBox();
  const database = await openDatabase(options.target);
  await migrateToLatest(database.db);
  if (!box.sealing) {
    const sealed = await sql<{
      n: string;
    }>`select count(*) as n from webhook_subscriptions where secret like 'enc:v1:%'`.execute(database.db);
    if (Number(sealed.rows[0]?.n ?? 0) > 0) {
      await database.close();
      throw new SecretKeyError(
        'webhook secrets in this database are sealed: start with the INNFRI_SECRET_KEY they were sealed with',
      );
    }
  }
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const app = createApp(database.db, config, options.webDist ? { webDist: options.webDist } : {});
  // Webhook deliveries run from the database's own state, so they pick up where they left off; the
  // worker is woken by the commits that write agencies' events (LISTEN/NOTIFY), polling as the fallback.
  const stopWebhooks =
    options.webhooks === false
      ? async () => {}
      : startWebhookWorker(database.db, { allowPrivate: config.allowPrivateWebhooks, listen: database.listen });
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info) =>
      resolve({ server: s, port: info.port }),
    );
    s.once('error', reject);
  });
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopWebhooks();
      await database.close();
    },
  };
}
