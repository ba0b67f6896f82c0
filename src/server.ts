import { createServer, type Server } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { type DatabaseHandle, migrateToLatest, openDatabase, type DatabaseTarget } from './db/database.js';
import type { AppConfig } from './http/env.js';
import { createApp } from './app/app.js';
import type { Settings } from './app/config.js';
import type { Readiness } from './app/health.js';
import { createMetrics, type ServiceMetrics } from './app/metrics.js';
import { startWebhookWorker } from './agencies/webhook.service.js';
import { startMailWorker } from './mail/mail.worker.js';
import { startDailyScheduler } from './collection/process.js';
import { osloToday } from './shared/dates.js';
import type { Logger } from './shared/log.js';
import { envSecretBox, SecretKeyError } from './shared/secret-box.js';
import { sql } from 'kysely';

/**
 * The app's settings when nothing else is said (the tests' apps and the benchmarks). A started
 * server takes them from the environment instead (src/app/config.ts, through `innfri serve`).
 */
export const DEFAULT_CONFIG: AppConfig = {
  secureCookies: false,
  bodyLimitBytes: 1024 * 1024,
  today: () => osloToday(),
  agencyRatePerSecond: 50,
  agencyRateBurst: 200,
  allowPrivateWebhooks: false,
};

/** The app's settings from the environment's (src/app/config.ts), as `innfri serve` runs it. */
export function appConfigFrom(settings: Settings, refusedPasswords: readonly string[] = []): Partial<AppConfig> {
  return {
    secureCookies: settings.secureCookies,
    trustedProxies: settings.trustedProxies,
    agencyRatePerSecond: settings.agencyRatePerSecond,
    agencyRateBurst: settings.agencyRateBurst,
    allowPrivateWebhooks: settings.allowPrivateWebhooks,
    ...(settings.production ? { refusedPasswords } : {}),
  };
}

export interface RunningServer {
  url: string;
  port: number;
  database: DatabaseHandle;
  /** The metrics port's address, when metrics have a port of their own. */
  metricsUrl?: string;
  /**
   * Shuts down: stops accepting, lets the requests in flight finish (at most `shutdownTimeoutMs`,
   * then their connections are closed), stops the daily scheduler and the webhook worker at a safe
   * point, closes the database. Once; later calls wait for the first.
   */
  close(): Promise<void>;
}

/** Opens and migrates the database, then serves the app. Port 0 picks a free port. */
export async function startServer(options: {
  target: DatabaseTarget;
  port: number;
  host?: string;
  config?: Partial<AppConfig>;
  webhooks?: boolean;
  /** The e-mail outbox worker (on unless false). */
  mail?: boolean;
  webDist?: string;
  /** The daily run (waits ending, auto-approval) now and every `intervalMs` (default 15 min); not run unless given. */
  scheduler?: { today?: () => string; intervalMs?: number; refreshStats?: boolean };
  /** The access log and the process's log lines; none when not given. */
  logger?: Logger;
  /** Prometheus metrics: on the app's port behind `token`, and/or on a port of their own (no token). */
  metrics?: { token?: string | undefined; port?: number | undefined; host?: string };
  /** How long requests in flight may take to finish at shutdown (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Runs after migrating, before the port opens (a production start's checks). A throw closes the database. */
  beforeListen?: (database: DatabaseHandle) => Promise<void>;
}): Promise<RunningServer> {
  // A malformed key stops the start here, with the reason, rather than at the first webhook.
  const box = envSecretBox();
  const database = await openDatabase(options.target);
  try {
    await migrateToLatest(database.db);
    if (!box.sealing) {
      const sealed = await sql<{
        n: string;
      }>`select (select count(*) from webhook_subscriptions where secret like 'enc:v1:%') + (select count(*) from mail_settings where password_sealed like 'enc:v1:%') as n`.execute(
        database.db,
      );
      if (Number(sealed.rows[0]?.n ?? 0) > 0) {
        throw new SecretKeyError(
          'secrets in this database (webhook signing secrets, SMTP passwords) are sealed: start with the INNFRI_SECRET_KEY they were sealed with',
        );
      }
    }
    await options.beforeListen?.(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const log = options.logger;
  let draining = false;
  const workers: Record<string, boolean> = {};
  const readiness: Readiness = { workers: () => ({ ...workers }), draining: () => draining };
  const wantMetrics = options.metrics && (options.metrics.token || options.metrics.port !== undefined);
  const metrics: ServiceMetrics | undefined = wantMetrics ? createMetrics(database) : undefined;
  const app = createApp(database.db, config, {
    ...(options.webDist ? { webDist: options.webDist } : {}),
    ...(log ? { accessLog: log } : {}),
    ...(metrics ? { observeRequest: metrics.observeRequest } : {}),
    ...(metrics && options.metrics?.token ? { metrics: { token: options.metrics.token, render: metrics.render } } : {}),
    readiness,
  });
  // Webhook deliveries run from the database's own state, so they pick up where they left off.
  let stopWebhooks = async () => {};
  if (options.webhooks !== false) {
    // Woken by the commits that write agencies' events (LISTEN/NOTIFY), polling as the fallback.
    const stop = startWebhookWorker(database.db, {
      allowPrivate: config.allowPrivateWebhooks,
      listen: database.listen,
      ...(metrics ? { onTick: metrics.webhookTick } : {}),
    });
    workers.webhooks = true;
    stopWebhooks = async () => {
      await stop();
      workers.webhooks = false;
    };
  }
  // The outbox of letters by e-mail: its state is in the database too.
  let stopMail = async () => {};
  if (options.mail !== false) {
    const stop = startMailWorker(database.db);
    workers.mail = true;
    stopMail = async () => {
      await stop();
      workers.mail = false;
    };
  }
  let stopScheduler = async () => {};
  if (options.scheduler) {
    const stop = startDailyScheduler(
      database.db,
      options.scheduler.today ?? (() => osloToday()),
      options.scheduler.intervalMs,
      undefined,
      options.scheduler.refreshStats ?? false,
      undefined,
      metrics?.dailyRun,
    );
    workers.scheduler = true;
    stopScheduler = async () => {
      await stop();
      workers.scheduler = false;
    };
  }
  const host = options.host ?? '127.0.0.1';
  let server: ServerType;
  let port: number;
  let metricsServer: Server | undefined;
  try {
    ({ server, port } = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info) =>
        resolve({ server: s, port: info.port }),
      );
      s.once('error', reject);
    }));
    if (metrics && options.metrics?.port !== undefined) metricsServer = await serveMetrics(metrics, options.metrics);
  } catch (error) {
    await Promise.all([stopWebhooks(), stopMail(), stopScheduler()]);
    await database.close();
    throw error;
  }
  const metricsAddress = metricsServer?.address();
  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    draining = true;
    const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
    const started = Date.now();
    const http = server as Server;
    // Stop accepting; idle keep-alive connections go now, busy ones after their answer (which says
    // Connection: close while draining); what is still running after the timeout is cut off.
    const drained = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    const idle = setInterval(() => http.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      drained.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearInterval(idle);
    clearTimeout(timer);
    if (timedOut) {
      log?.warn({ timeoutMs }, 'shutdown: requests still running after the timeout; closing their connections');
      http.closeAllConnections();
      await drained;
    }
    await Promise.all([stopWebhooks(), stopMail(), stopScheduler()]);
    if (metricsServer) await new Promise<void>((resolve) => metricsServer?.close(() => resolve()));
    await database.close();
    log?.info({ ms: Date.now() - started }, 'shutdown: done, database closed');
  };
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    database,
    ...(metricsAddress && typeof metricsAddress === 'object'
      ? { metricsUrl: `http://${options.metrics?.host ?? '127.0.0.1'}:${metricsAddress.port}` }
      : {}),
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

/** `/metrics` alone on a port of its own (a private network's scraper; no token). */
function serveMetrics(metrics: ServiceMetrics, where: { port?: number | undefined; host?: string }): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port ?? 0, where.host ?? '127.0.0.1', () => resolve(server));
  });
}
