import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { webhookBacklog } from '../agencies/webhook.service.js';
import { bankImportCounts } from '../bank/bank-import.service.js';
import type { DatabaseHandle } from '../db/database.js';
import { feedPosition } from '../ledger/invoice-event.repository.js';
import { logError } from '../shared/error-log.js';

/**
 * The server's Prometheus metrics (prom-client), in a registry of its own per server (so tests and
 * several servers in one process never share series). Counted as things happen: HTTP requests by
 * method, route pattern and status (a latency histogram), webhook deliveries by outcome, daily runs
 * and their duration. Read from the database at each scrape: the connection pool's use, the feed's
 * position, the webhook backlog and its lag, bank imports and their entries by state. Plus Node's
 * own (process CPU, memory, event-loop delay, GC), prefixed `innfri_`.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  webhookTick(result: { delivered: number; failed: number; disabled: number }): void;
  dailyRun(seconds: number, ok: boolean): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(database: DatabaseHandle): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'innfri_' });
  const http = new Histogram({
    name: 'innfri_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status: time from arrival to the answer',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'innfri_webhook_deliveries_total',
    help: 'Webhook deliveries by this process: delivered (2xx), failed attempts, subscriptions disabled',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const dailyRuns = new Histogram({
    name: 'innfri_daily_run_duration_seconds',
    help: 'Daily-run ticks of this process (every company), by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  // Read at scrape time: a failing read is logged and leaves the value as it was, the scrape still answers.
  const scrape = async (what: string, read: () => Promise<void>) => {
    try {
      await read();
    } catch (error) {
      logError(`metrics: reading ${what} failed`, error);
    }
  };
  new Gauge({
    name: 'innfri_db_pool_connections',
    help: 'Database connections of this process by state (open, idle) and queries waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats?.();
      if (!stats) return;
      this.set({ state: 'open' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'innfri_feed_position',
    help: "The agency event feed's last position",
    registers: [registry],
    async collect() {
      await scrape('the feed position', async () => this.set(await feedPosition(database.db)));
    },
  });
  const behind = new Gauge({
    name: 'innfri_webhook_subscriptions_behind',
    help: 'Active webhook subscriptions with events not yet delivered',
    registers: [registry],
  });
  new Gauge({
    name: 'innfri_webhook_lag_seconds',
    help: 'Age of the oldest event not yet delivered to an active webhook subscription (0: none waits)',
    registers: [registry],
    async collect() {
      await scrape('the webhook backlog', async () => {
        const backlog = await webhookBacklog(database.db);
        this.set(backlog.lagSeconds);
        behind.set(backlog.behind);
      });
    },
  });
  const entries = new Gauge({
    name: 'innfri_bank_entries',
    help: 'Bank-file entries by state (every company)',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'innfri_bank_imports',
    help: 'Bank files imported (every company)',
    registers: [registry],
    async collect() {
      await scrape('the bank imports', async () => {
        const counts = await bankImportCounts(database.db);
        this.set(counts.imports);
        entries.reset();
        for (const [state, n] of Object.entries(counts.entries)) entries.set({ state }, n);
      });
    },
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
    webhookTick(result) {
      if (result.delivered) deliveries.inc({ outcome: 'delivered' }, result.delivered);
      if (result.failed) deliveries.inc({ outcome: 'failed' }, result.failed);
      if (result.disabled) deliveries.inc({ outcome: 'disabled' }, result.disabled);
    },
    dailyRun(seconds, ok) {
      dailyRuns.observe({ outcome: ok ? 'ok' : 'failed' }, seconds);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
