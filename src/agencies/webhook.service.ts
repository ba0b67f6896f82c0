import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { sql } from 'kysely';
import { envSecretBox } from '../shared/secret-box.js';
import { logError } from '../shared/error-log.js';
import { type AgencyEvent, agencyEvents } from './feed.read-model.js';
import { claimDue } from '../db/claim.js';
import type { Db, Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../shared/errors.js';
import { checkWebhookUrl, guardedLookup, type UrlGuardOptions } from './url-guard.js';
import { signWebhook } from './webhook.signature.js';

/**
 * Webhooks: the agency's event feed, pushed. Each event of `agencyEvents` is POSTed, in feed order,
 * signed per Standard Webhooks. The delivery state (how far the agency has had the feed, and when
 * to try next) lives in `webhook_subscriptions`, so delivery survives restarts and any number of
 * servers can run the worker: a subscription is claimed in a short `for update skip locked`
 * transaction and leased (its `next_attempt_at` pushed ahead) while its events are sent.
 * Delivery is at least once: an event whose 2xx answer is lost is sent again, with the same id.
 */

export const MIN_SECRET_LENGTH = 24;
export const MAX_SECRET_LENGTH = 1024;
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const MAX_BACKOFF_SECONDS = 3600;
/** A subscription that has failed for longer than this is disabled (the feed keeps everything). */
export const DISABLE_AFTER_MS = 72 * 3600 * 1000;
/** How long a claim holds a subscription for one delivery; extended after each delivered event. */
const LEASE_MS = WEBHOOK_TIMEOUT_MS * 6;
const DEFAULT_BATCH = 100;
const MAX_ERROR_LENGTH = 500;

export interface WebhookSubscription {
  url: string;
  deliveredPosition: number;
  createdAt: string;
}

export interface WebhookStatus {
  url: string;
  /** Events of the feed up to this position (the event `id`) are delivered. */
  deliveredPosition: number;
  failingSince: string | null;
  /** Failed attempts in a row (0 when the last one succeeded). */
  attempts: number;
  nextAttemptAt: string;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookAttempt {
  id: number;
  eventPosition: number;
  webhookId: string;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  succeeded: boolean;
}

/** The id a receiver sees in `webhook-id`: the same for every attempt at one event. */
export function webhookIdOf(event: Pick<AgencyEvent, 'id'>): string {
  return `evt_${event.id}`;
}

function checkSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string') throw new AppError('validation_failed', 'secret is required', { field: 'secret' });
  if (secret.length < MIN_SECRET_LENGTH)
    throw new AppError('validation_failed', `secret must be at least ${MIN_SECRET_LENGTH} characters`, {
      field: 'secret',
    });
  if (secret.length > MAX_SECRET_LENGTH)
    throw new AppError('validation_failed', `secret must be at most ${MAX_SECRET_LENGTH} characters`, {
      field: 'secret',
    });
  if (secret.startsWith('whsec_') && !/^[A-Za-z0-9+/]+={0,2}$/.test(secret.slice('whsec_'.length))) {
    throw new AppError('validation_failed', 'a secret of the form whsec_… must be base64 after the prefix', {
      field: 'secret',
    });
  }
}

/**
 * Subscribes the agency (or changes its subscription). A new subscription starts at the current end
 * of the agency's feed: it pushes the events from now on (the feed has the history). A change of
 * url or secret keeps the position and clears the failure state, re-enabling a disabled one.
 */
export async function subscribeWebhook(
  trx: Trx,
  agencyId: string,
  input: { url: string; secret: string },
  options: UrlGuardOptions,
): Promise<WebhookSubscription> {
  checkSecret(input.secret);
  await checkWebhookUrl(input.url, options);
  const agency = await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound('the agency');
  // Sealed under the operator's key when one is set (shared/secret-box.ts): we must sign with it, so it cannot be hashed.
  const sealed = envSecretBox().seal(input.secret);
  const row = await trx
    .insertInto('webhook_subscriptions')
    .values({
      agency_id: agencyId,
      url: input.url,
      secret: sealed,
      delivered_position: sql<number>`(select coalesce(max(feed_position), 0) from invoice_events where agency_id = ${agencyId})`,
      failing_since: null,
      disabled_at: null,
    })
    .onConflict((oc) =>
      oc.column('agency_id').doUpdateSet({
        url: input.url,
        secret: sealed,
        failing_since: null,
        attempts: 0,
        next_attempt_at: sql<Date>`now()`,
        disabled_at: null,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(['url', 'delivered_position', 'created_at'])
    .executeTakeFirstOrThrow();
  return { url: row.url, deliveredPosition: row.delivered_position, createdAt: row.created_at.toISOString() };
}

/** The agency's subscription and its delivery state (never the secret), or null if it has none. */
export async function getWebhook(db: Db | Trx, agencyId: string): Promise<WebhookStatus | null> {
  const r = await db
    .selectFrom('webhook_subscriptions')
    .select([
      'url',
      'delivered_position',
      'failing_since',
      'attempts',
      'next_attempt_at',
      'disabled_at',
      'created_at',
      'updated_at',
    ])
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    url: r.url,
    deliveredPosition: r.delivered_position,
    failingSince: r.failing_since?.toISOString() ?? null,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    disabled: r.disabled_at !== null,
    disabledAt: r.disabled_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The agency's latest delivery attempts, newest first. */
export async function webhookAttempts(db: Db | Trx, agencyId: string, limit = 100): Promise<WebhookAttempt[]> {
  const rows = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(Math.trunc(limit), 1), 1000))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventPosition: r.event_position,
    webhookId: r.webhook_id,
    attemptedAt: r.attempted_at.toISOString(),
    statusCode: r.status_code,
    error: r.error,
    durationMs: r.duration_ms,
    succeeded: r.succeeded,
  }));
}

// ---- delivery ----

export interface WebhookRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  redirect: 'manual';
}

/** What delivery needs of `fetch` (the global `fetch` fits); the default sends with node:http(s). */
export type WebhookFetch = (
  url: string,
  init: WebhookRequest,
) => Promise<{ status: number; body?: { cancel(): Promise<unknown> } | null }>;

export interface DeliverOptions extends UrlGuardOptions {
  /** The clock (tests move it past the backoff); default the real time. */
  now?: Date | undefined;
  fetch?: WebhookFetch | undefined;
  /** Events per subscription per call; default 100. */
  batch?: number | undefined;
  /** Subscriptions delivered side by side; default 4. */
  concurrency?: number | undefined;
  timeoutMs?: number | undefined;
  /** For the backoff jitter; default Math.random. */
  random?: (() => number) | undefined;
}

export interface DeliverResult {
  /** Subscriptions claimed (due and with events after their position). */
  subscriptions: number;
  /** Events delivered (2xx). */
  delivered: number;
  /** Failed attempts (each stops its subscription's batch). */
  failed: number;
  /** Subscriptions disabled after failing for more than 72 hours. */
  disabled: number;
  /** Some subscription filled its batch: more may be waiting. */
  more: boolean;
  /** Some subscription had events written that its feed does not show yet (or not to it): released. */
  notVisible?: boolean;
}

/** Seconds to wait after the `attempts`-th failure in a row: 2^attempts, at most an hour, minus up to 10 % jitter. */
export function backoffSeconds(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** Math.min(attempts, 32), MAX_BACKOFF_SECONDS);
  return base * (0.9 + 0.1 * random());
}

interface Claimed {
  agencyId: string;
  url: string;
  secret: string;
  deliveredPosition: number;
  attempts: number;
  failingSince: Date | null;
  lease: Date;
}

/**
 * Claims up to `limit` due subscriptions that have events waiting, and leases them (`claimDue`: one
 * statement, `for update skip locked`, so workers in any number of processes never claim one twice).
 */
async function claim(db: Db, at: Date, limit: number, exclude: string[]): Promise<Claimed[]> {
  const { rows, lease } = await claimDue<{
    agency_id: string;
    url: string;
    secret: string;
    delivered_position: number;
    attempts: number;
    failing_since: Date | null;
  }>(db, {
    table: 'webhook_subscriptions',
    key: 'agency_id',
    columns: ['agency_id', 'url', 'secret', 'delivered_position', 'attempts', 'failing_since'],
    where: sql`due.disabled_at is null
      and exists (select 1 from invoice_events e where e.agency_id = due.agency_id and e.feed_position > due.delivered_position)
      ${exclude.length > 0 ? sql`and due.agency_id not in (${sql.join(exclude.map((id) => sql`${id}::uuid`))})` : sql``}`,
    at,
    limit,
    leaseMs: LEASE_MS,
  });
  const box = envSecretBox();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    url: r.url,
    secret: box.open(r.secret),
    deliveredPosition: r.delivered_position,
    attempts: r.attempts,
    failingSince: r.failing_since,
    lease,
  }));
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 3; depth++) {
    const x = e as { code?: unknown; message?: unknown; cause?: unknown };
    const text = [typeof x.code === 'string' ? x.code : null, typeof x.message === 'string' ? x.message : String(e)]
      .filter(Boolean)
      .join(': ');
    if (text && !parts.includes(text)) parts.push(text);
    e = x.cause;
  }
  return (parts.join(' ← ') || 'unknown error').slice(0, MAX_ERROR_LENGTH);
}

async function deliverOne(
  sub: Claimed,
  event: AgencyEvent,
  send: WebhookFetch,
  options: DeliverOptions,
  now: () => Date,
): Promise<Outcome> {
  const webhookId = webhookIdOf(event);
  const body = JSON.stringify(event);
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // Again before every delivery: what the host resolves to may have changed since it was checked.
    await checkWebhookUrl(sub.url, { allowPrivate: options.allowPrivate });
    const timestamp = Math.floor(now().getTime() / 1000);
    const response = await send(sub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Innfri-Webhooks/1',
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(sub.secret, webhookId, timestamp, body),
      },
      body,
      signal,
      redirect: 'manual',
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: duration() };
  } catch (error) {
    const text = signal.aborted ? `timed out after ${timeoutMs} ms` : describeError(error);
    return { ok: false, statusCode: null, error: text, durationMs: duration() };
  }
}

/** Sends one subscription's waiting events in order, up to the batch, stopping at the first failure. */
async function deliverSubscription(
  db: Db,
  sub: Claimed,
  send: WebhookFetch,
  options: DeliverOptions,
  now: () => Date,
): Promise<Omit<DeliverResult, 'subscriptions'>> {
  const result = { delivered: 0, failed: 0, disabled: 0, more: false, notVisible: false };
  const batch = Math.min(Math.max(Math.trunc(options.batch ?? DEFAULT_BATCH), 1), 1000);
  let lease = sub.lease;
  const events = await agencyEvents(db, sub.agencyId, { after: sub.deliveredPosition, limit: batch });
  if (events.length === 0) {
    // Nothing visible in the feed (its events belong to a client that has deactivated the agency): release.
    await db
      .updateTable('webhook_subscriptions')
      .set({ next_attempt_at: now() })
      .where('agency_id', '=', sub.agencyId)
      .where('next_attempt_at', '=', lease)
      .execute();
    result.notVisible = true;
    return result;
  }
  // Successes are recorded while the next events are sent (the receiver still gets them one at a
  // time, in order), several in one statement when they came faster than a statement: delivery is
  // not held to one database round trip an event (on PGlite each statement waits for the writers'
  // transactions). Records run one after another, each under the lease the one before set.
  const recorder = leaseRecorder(db, sub.agencyId, lease);
  for (const event of events) {
    const outcome = await deliverOne(sub, event, send, options, now);
    // Lost the lease (the subscription was changed, or the lease ran out and another server took it): stop.
    if (!(await recorder.held())) return result;
    const at = now();
    const position = Number(event.id);
    const attempt = {
      agency_id: sub.agencyId,
      event_position: position,
      webhook_id: webhookIdOf(event),
      status_code: outcome.statusCode,
      error: outcome.error,
      duration_ms: outcome.durationMs,
      succeeded: outcome.ok,
    };
    if (outcome.ok) {
      result.delivered += 1;
      recorder.add(attempt, new Date(at.getTime() + LEASE_MS));
      continue;
    }
    // Everything delivered before the failure recorded first.
    const held = await recorder.drain(null);
    if (!held) return result;
    lease = held;
    result.failed += 1;
    const attempts = sub.attempts + 1;
    const failingSince = sub.failingSince ?? at;
    const disable = at.getTime() - failingSince.getTime() > DISABLE_AFTER_MS;
    if (disable) result.disabled += 1;
    const next = new Date(at.getTime() + Math.round(backoffSeconds(attempts, options.random) * 1000));
    await inTransaction(db, async (trx) => {
      await trx.insertInto('webhook_attempts').values(attempt).execute();
      await trx
        .updateTable('webhook_subscriptions')
        .set({
          attempts,
          failing_since: failingSince,
          next_attempt_at: next,
          updated_at: sql<Date>`now()`,
          ...(disable ? { disabled_at: at } : {}),
        })
        .where('agency_id', '=', sub.agencyId)
        .where('next_attempt_at', '=', lease)
        .execute();
    });
    // In feed order: a failing event blocks the ones behind it.
    return result;
  }
  // After the last one the subscription is due again at once: the claim looks for new events.
  if ((await recorder.drain(now())) && events.length === batch) result.more = true;
  return result;
}

interface AttemptRow {
  agency_id: string;
  event_position: number;
  webhook_id: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  succeeded: boolean;
}

/**
 * Records delivered events for one claimed subscription: at most one statement at a time, each
 * taking every success added since the last (the attempts, the position moved to the last one, the
 * lease extended), under the lease the previous statement set. A lost lease (0 rows) or a database
 * error is reported at the next `held` or `drain`, never as an unawaited rejection.
 */
function leaseRecorder(db: Db, agencyId: string, initialLease: Date) {
  let lease: Date | null = initialLease;
  let error: { error: unknown } | null = null;
  let pending: AttemptRow[] = [];
  let nextLease = initialLease;
  let inflight: Promise<void> | null = null;
  const write = (rows: AttemptRow[], next: Date): Promise<void> => {
    const held = lease!;
    const position = Math.max(...rows.map((r) => r.event_position));
    const values = rows.map(
      (r) =>
        sql`(${r.agency_id}::uuid, ${r.event_position}::bigint, ${r.webhook_id}::text, ${r.status_code}::int, ${r.error}::text, ${r.duration_ms}::int, ${r.succeeded}::boolean)`,
    );
    return sql`
      with attempt as (
        insert into webhook_attempts (agency_id, event_position, webhook_id, status_code, error, duration_ms, succeeded)
        values ${sql.join(values)})
      update webhook_subscriptions
      set delivered_position = greatest(delivered_position, ${position}), attempts = 0, failing_since = null,
          next_attempt_at = ${next}, updated_at = now()
      where agency_id = ${agencyId} and next_attempt_at = ${held}`
      .execute(db)
      .then(
        (updated) => {
          lease = Number(updated.numAffectedRows ?? 0) > 0 ? next : null;
        },
        (e: unknown) => {
          error = { error: e };
        },
      );
  };
  const kick = () => {
    if (inflight || pending.length === 0 || !lease || error) return;
    const rows = pending;
    pending = [];
    inflight = write(rows, nextLease).then(() => {
      inflight = null;
      kick();
    });
  };
  const check = () => {
    if (error) throw error.error;
    return lease;
  };
  return {
    add(row: AttemptRow, extendTo: Date): void {
      pending.push(row);
      nextLease = extendTo;
      kick();
    },
    /** The lease as last recorded (null once lost); throws a failed record's error. */
    async held(): Promise<Date | null> {
      return check();
    },
    /**
     * Waits for every success to be recorded; with `dueAt`, the last statement also makes the
     * subscription due then (released). Returns the lease held, or null when lost.
     */
    async drain(dueAt: Date | null): Promise<Date | null> {
      while (inflight) await inflight;
      if (!check()) return null;
      if (pending.length > 0) {
        const rows = pending;
        pending = [];
        await write(rows, dueAt ?? nextLease);
      } else if (dueAt) {
        const held = lease!;
        const released = await db
          .updateTable('webhook_subscriptions')
          .set({ next_attempt_at: dueAt })
          .where('agency_id', '=', agencyId)
          .where('next_attempt_at', '=', held)
          .executeTakeFirst();
        lease = Number(released.numUpdatedRows) > 0 ? dueAt : null;
      }
      return check();
    },
  };
}

/**
 * Delivers what is due: every subscription whose next attempt is due and that has events after its
 * position gets up to `batch` of them, in order. Returns counts.
 */
export async function deliverDue(db: Db, options: DeliverOptions): Promise<DeliverResult> {
  const now = () => options.now ?? new Date();
  const send = options.fetch ?? guardedPost(options);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const result: DeliverResult = { subscriptions: 0, delivered: 0, failed: 0, disabled: 0, more: false };
  const done: string[] = [];
  for (;;) {
    const claimed = await claim(db, now(), concurrency, done);
    if (claimed.length === 0) return result;
    done.push(...claimed.map((c) => c.agencyId));
    result.subscriptions += claimed.length;
    const outcomes = await Promise.all(claimed.map((c) => deliverSubscription(db, c, send, options, now)));
    for (const o of outcomes) {
      result.delivered += o.delivered;
      result.failed += o.failed;
      result.disabled += o.disabled;
      result.more ||= o.more;
      result.notVisible ||= o.notVisible;
    }
    // Fewer claimed than asked: no other subscription was due when we claimed (events committed
    // since then signal the worker again), so no second look now; a full claim may have left some.
    if (claimed.length < concurrency) return result;
  }
}

/**
 * POSTs with node:http(s), connecting only to addresses the guard allows (checked at connect time,
 * so DNS rebinding after the check cannot reach in), no redirects followed, no keep-alive.
 */
function guardedPost(options: UrlGuardOptions): WebhookFetch {
  const lookup = guardedLookup(options) as unknown as LookupFunction;
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = request(
        target,
        {
          method: init.method,
          headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
          lookup,
          signal: init.signal,
          agent: false,
        },
        (res) => {
          res.resume(); // the answer's body is not used
          res.on('error', () => undefined);
          resolve({ status: res.statusCode ?? 0 });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
}

/** How long delivery attempts are kept: long past the 72 hours a failing subscription is retried. */
export const WEBHOOK_ATTEMPT_RETENTION_DAYS = 30;

/**
 * Forgets delivery attempts older than the retention, oldest first, at most `batch` a call (they are
 * at the start of the primary key, so the scan stops early). Returns how many went.
 */
export async function pruneWebhookAttempts(
  db: Db,
  options: { now?: Date; retentionDays?: number; batch?: number } = {},
): Promise<number> {
  const cutoff = new Date(
    (options.now ?? new Date()).getTime() - (options.retentionDays ?? WEBHOOK_ATTEMPT_RETENTION_DAYS) * 86_400_000,
  );
  const result = await sql`
    delete from webhook_attempts where id in (
      select id from webhook_attempts where attempted_at < ${cutoff} order by id limit ${options.batch ?? 10_000})`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/** The channel migration 0017's trigger notifies when a commit wrote events an agency reads. */
export const INVOICE_EVENTS_CHANNEL = 'innfri_invoice_events';

/** Subscribes to a notification channel (`DatabaseHandle.listen`). */
export type ListenFn = (channel: string, onSignal: () => void) => Promise<() => Promise<void>>;

/** While woken by commits, the worker still looks at least this often (a missed signal, a lease run out). */
export const FALLBACK_POLL_MS = 10_000;
/** Events committed but not yet in the feed (a signal came first): looked for again this soon, then less often. */
const NOT_YET_VISIBLE_MS = 25;
const RELISTEN_AFTER_MS = 60_000;

/**
 * When the next subscription with events waiting is due later than `after` (a retry after a failure,
 * another worker's lease ending); null: none. Those due already were just claimed (or released) by
 * this worker.
 */
async function nextDue(db: Db, after: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('webhook_subscriptions as s')
    .select((eb) => eb.fn.min('s.next_attempt_at').as('at'))
    .where('s.disabled_at', 'is', null)
    .where('s.next_attempt_at', '>', after)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('invoice_events as e')
          .select('e.feed_position')
          .whereRef('e.agency_id', '=', 's.agency_id')
          .whereRef('e.feed_position', '>', 's.delivered_position'),
      ),
    )
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

/**
 * Runs `deliverDue` at once and then whenever a commit writes events an agency reads: with `listen`
 * (the database handle's), the trigger of migration 0017 notifies at commit and the worker runs
 * within milliseconds; signals that come while it runs make it run once more right after. Polling
 * is the fallback: every `intervalMs` without `listen` (or until listening works), else at the next
 * retry or lease end that is due, and at least every `fallbackMs`. Never overlaps itself; logs
 * failures and carries on. Order and once-only delivery come from the claim (`for update skip
 * locked` and the lease), so any number of workers, in any number of processes, may be woken by
 * the same commit. Returns a function that stops it and resolves once a delivery in progress has
 * finished.
 */
export function startWebhookWorker(
  db: Db,
  options: UrlGuardOptions & {
    intervalMs?: number;
    fallbackMs?: number;
    listen?: ListenFn | undefined;
    onError?: (error: unknown) => void;
    fetch?: WebhookFetch;
    batch?: number;
    concurrency?: number;
    /** Told each tick's counts (metrics). */
    onTick?: (result: DeliverResult) => void;
  },
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 1000;
  const fallbackMs = Math.max(options.fallbackMs ?? FALLBACK_POLL_MS, intervalMs);
  const onError = options.onError ?? ((error: unknown) => logError('webhook delivery failed', error));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let ticking = false;
  let signalled = false;
  let unlisten: (() => Promise<void>) | null = null;
  let listenTriedAt = Number.NEGATIVE_INFINITY;
  let listening: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = tick();
    }, ms);
    timer.unref();
  };
  const wake = () => {
    if (stopped) return;
    if (ticking) signalled = true;
    else schedule(0);
  };
  const listen = () => {
    if (!options.listen || unlisten || Date.now() - listenTriedAt < RELISTEN_AFTER_MS) return;
    listenTriedAt = Date.now();
    listening = options.listen(INVOICE_EVENTS_CHANNEL, wake).then(
      async (stop) => {
        if (stopped) await stop();
        else {
          unlisten = stop;
          wake(); // events committed before the listener was there
        }
      },
      (error: unknown) => onError(error),
    );
  };
  let prunedAt = 0;
  let notVisibleStreak = 0;
  const tick = async () => {
    ticking = true;
    signalled = false;
    let delay = unlisten ? fallbackMs : intervalMs;
    try {
      const result = await deliverDue(db, {
        allowPrivate: options.allowPrivate,
        fetch: options.fetch,
        batch: options.batch,
        concurrency: options.concurrency,
      });
      options.onTick?.(result);
      notVisibleStreak = result.notVisible ? notVisibleStreak + 1 : 0;
      if (result.more) delay = 0;
      else if (unlisten) {
        if (result.notVisible) delay = Math.min(delay, NOT_YET_VISIBLE_MS * 2 ** Math.min(notVisibleStreak - 1, 10));
        // A retry due before the fallback poll: this tick's failures (and any other worker's, or a
        // lease that ends soon). Looked for only after a failure, or when a signal found nothing to
        // claim (another worker holds it); otherwise the commits' signals and the fallback suffice,
        // and the statement would only delay the next event's claim.
        if (result.failed > 0 || result.subscriptions === 0) {
          const due = await nextDue(db, new Date());
          if (due) delay = Math.min(delay, Math.max(0, due.getTime() - Date.now()));
        }
      }
      // The attempt log is kept for its retention, pruned at most once an hour (more while a backlog goes).
      if (Date.now() - prunedAt > 3_600_000) {
        if ((await pruneWebhookAttempts(db)) < 10_000) prunedAt = Date.now();
      }
    } catch (error) {
      onError(error);
    }
    ticking = false;
    if (stopped) return;
    listen();
    schedule(signalled ? 0 : delay);
  };
  listen();
  schedule(0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    await listening;
    await unlisten?.();
  };
}

/**
 * The webhook backlog (metrics): active subscriptions with events not yet delivered, and the age in
 * seconds of the oldest event still waiting (0 when none waits).
 */
export async function webhookBacklog(db: Db): Promise<{ behind: number; lagSeconds: number }> {
  const { rows } = await sql<{ behind: number | string; lag: number | string | null }>`
    select count(*)::int as behind, extract(epoch from now() - min(e.occurred_at))::float8 as lag
    from webhook_subscriptions s
    join lateral (
      select occurred_at from invoice_events e
      where e.agency_id = s.agency_id and e.feed_position > s.delivered_position
      order by e.feed_position limit 1
    ) e on true
    where s.disabled_at is null`.execute(db);
  const row = rows[0];
  return { behind: Number(row?.behind ?? 0), lagSeconds: Math.max(0, Number(row?.lag ?? 0)) };
}
