import { createHash } from 'node:crypto';
import createClient, { type Client as OpenApiClient } from 'openapi-fetch';
import { AgencyApiError } from './errors.js';
import { defaultSleep, type FetchLike, type RetryInfo, requestOf, Transport } from './transport.js';
import type {
  AgencyEvent,
  Case,
  Client,
  Invoice,
  MatchedItem,
  Merge,
  NewCase,
  NewSettlement,
  paths,
  Settlement,
  StatusUpdate,
} from './types.js';

export interface AgencyClientOptions {
  /** The server's origin, e.g. `https://innfri.example` (the document's paths start with /agency/v1 and /oauth/token). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to the global fetch. Gets a `Request`; an in-process app's `fetch` works as is. */
  fetch?: FetchLike;
  /** Retries after the first attempt on 429, 5xx and network errors (default 4). */
  maxRetries?: number;
  /** Told before each retry (for logs and metrics). */
  onRetry?: (info: RetryInfo) => void;
  /** First backoff step in ms (default 250), doubled per retry with jitter. */
  baseDelayMs?: number;
  /** Longest backoff step and longest Retry-After honoured, in ms (default 60 000). */
  maxDelayMs?: number;
  /** Renew the token this long before it expires (default 60 000 ms; at most half its life). */
  refreshMarginMs?: number;
  /** Give each POST without an Idempotency-Key a fresh UUID one, kept across its retries (default true). */
  autoIdempotencyKey?: boolean;
  /** For tests: the wait between attempts, the jitter source and the clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Per call: the Idempotency-Key to send instead of the derived one, and an abort signal. */
export interface CallOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface PageOptions {
  /** Page size (1–1000; the server's default is 100). */
  limit?: number;
  signal?: AbortSignal;
}

export interface EventFeedOptions {
  /** The id of the last event already handled (nothing the first time: from the start). */
  after?: string;
  /** Only this client's events (keep a separate cursor per filter). */
  clientId?: string;
  /** Page size, default 1000. */
  limit?: number;
  /** Keep polling after catching up (default false: the iteration ends at the end of the feed). */
  follow?: boolean;
  /** Wait between polls once caught up, with `follow` (default 15 000 ms). */
  pollIntervalMs?: number;
  /** Ends a following iteration (cleanly, at the next poll). */
  signal?: AbortSignal;
}

/**
 * The event feed as an async iterable. `lastEventId` is the id of the last event yielded (the
 * `after` given, before any): store it with the effect of handling the event, and pass it as
 * `after` next time. The server's guarantee: every event exactly once, in order.
 */
export interface EventFeed extends AsyncIterable<AgencyEvent> {
  readonly lastEventId: string | undefined;
  /** Pages fetched so far. */
  readonly pages: number;
}

/** GET paths that answer `{ data, nextCursor }` and take `?cursor=`. */
export type CursorListPath = {
  [P in keyof paths]: paths[P] extends { get: { parameters: { query?: infer Q } } }
    ? [NonNullable<Q>] extends [never]
      ? never
      : 'cursor' extends keyof NonNullable<Q>
        ? P
        : never
    : never;
}[keyof paths];

type ListResponse<P extends CursorListPath> = paths[P]['get']['responses'][200]['content']['application/json'];
/** The item type of a cursor list. */
export type ListItem<P extends CursorListPath> = ListResponse<P> extends { data: Array<infer T> } ? T : never;
/** The parameters of a cursor list, without the cursor (the iterator keeps it). */
export type ListParams<P extends CursorListPath> = Omit<paths[P]['get']['parameters'], 'query'> & {
  query?: Omit<NonNullable<paths[P]['get']['parameters']['query']>, 'cursor'>;
};

export interface AgencyClient {
  /** The typed openapi-fetch client (token, idempotency keys and retries included) for anything not wrapped here. */
  readonly api: OpenApiClient<paths>;
  /** A valid access token (fetched or renewed as needed). */
  accessToken(options?: { forceRefresh?: boolean }): Promise<string>;

  listClients(options?: CallOptions): Promise<Client[]>;
  /** Pages through a cursor list: `paginate('/agency/v1/clients/{clientId}/cases', { path: { clientId }, query: { state: 'open' } })`. */
  paginate<P extends CursorListPath>(
    path: P,
    params: ListParams<P>,
    options?: PageOptions,
  ): AsyncIterableIterator<ListItem<P>>;
  /** Invoices on the approved list, not yet in a case (oldest approval first), every page. */
  availableInvoices(clientId: string, options?: PageOptions): AsyncIterableIterator<Invoice>;
  /** The agency's cases for a client, every page. */
  cases(clientId: string, options?: PageOptions & { state?: 'open' | 'archived' }): AsyncIterableIterator<Case>;
  getInvoice(clientId: string, invoiceId: string, options?: CallOptions): Promise<Invoice>;
  matchedItems(clientId: string, invoiceId: string, options?: CallOptions): Promise<MatchedItem[]>;
  rejectInvoice(clientId: string, invoiceId: string, reason: string, options?: CallOptions): Promise<Invoice>;

  /** Opens a case (201). Idempotency-Key derived from the case number and body: a resend replays the answer. */
  createCase(clientId: string, body: NewCase, options?: CallOptions): Promise<Case>;
  getCase(clientId: string, caseNumber: string, options?: CallOptions): Promise<Case>;
  addInvoices(clientId: string, caseNumber: string, invoiceIds: string[], options?: CallOptions): Promise<Case>;
  /**
   * Reports a status. The same status twice is a real second report, so the Idempotency-Key is new
   * per call (kept across its retries) unless you pass one, e.g. your own status change's id.
   */
  postStatus(clientId: string, caseNumber: string, body: StatusUpdate, options?: CallOptions): Promise<Case>;
  rejectCase(clientId: string, caseNumber: string, reason: string, options?: CallOptions): Promise<Case>;
  mergeCases(clientId: string, body: Merge, options?: CallOptions): Promise<Case>;

  /** Posts a settlement. Idempotency-Key derived from the reference and body (the server is idempotent by reference too). */
  postSettlement(clientId: string, body: NewSettlement, options?: CallOptions): Promise<Settlement>;
  getSettlement(clientId: string, reference: string, options?: CallOptions): Promise<Settlement>;

  /** The event feed from `after`, page by page, as one iteration (see EventFeed). */
  events(options?: EventFeedOptions): EventFeed;

  /** PUT /webhook: subscribe (or change url/secret, re-enable). Starts at the current end of the feed. */
  subscribeWebhook(
    body: { url: string; secret: string },
    options?: CallOptions,
  ): Promise<{ url: string; deliveredPosition: string; createdAt: string }>;
  webhookStatus(options?: CallOptions): Promise<{
    url: string;
    deliveredPosition: string;
    failingSince: string | null;
    attempts: number;
    nextAttemptAt: string;
    disabled: boolean;
  }>;
}

/** The data of a successful openapi-fetch call, or an AgencyApiError with the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined || !result.response.ok) {
    const { method, url } = requestOf(result.response);
    const error = AgencyApiError.fromResponse(result.response, result.error, method);
    return throwWithUrl(error, url);
  }
  return result.data;
}

function throwWithUrl(error: AgencyApiError, url: string): never {
  if (error.url) throw error;
  throw new AgencyApiError({
    status: error.status,
    problem: error.problem,
    method: error.method,
    url,
    retryAfterSeconds: error.retryAfterSeconds,
  });
}

/** Keys sorted, so the same body in another key order gives the same key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * An Idempotency-Key from an operation's natural key and its body: the same operation sent again
 * (after a crash, from an outbox) replays the first answer; another body under the same natural
 * key reaches the server's own check (case_exists, settlement_exists) instead of idempotency_key_reused.
 */
export function deriveIdempotencyKey(operation: string, naturalKey: string, body: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(body)).digest('base64url').slice(0, 22);
  // Header-safe and within the server's 255 characters, whatever the natural key holds.
  const printable = /^[\x20-\x7e]{1,200}$/.test(naturalKey)
    ? naturalKey
    : createHash('sha256').update(naturalKey).digest('base64url');
  return `${operation}:${printable}:${digest}`;
}

export function createAgencyClient(options: AgencyClientOptions): AgencyClient {
  const transport = new Transport({
    baseUrl: options.baseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    maxRetries: options.maxRetries ?? 4,
    onRetry: options.onRetry,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 60_000,
    refreshMarginMs: options.refreshMarginMs ?? 60_000,
    autoIdempotencyKey: options.autoIdempotencyKey ?? true,
  });
  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: transport.fetch });
  const sleep = options.sleep ?? defaultSleep;

  const init = (call: CallOptions | undefined, idempotencyKey?: string) => ({
    ...(call?.signal ? { signal: call.signal } : {}),
    ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
  });

  async function* paginate<P extends CursorListPath>(
    path: P,
    params: ListParams<P>,
    page: PageOptions = {},
  ): AsyncIterableIterator<ListItem<P>> {
    let cursor: string | undefined;
    do {
      const query = {
        ...(params.query ?? {}),
        ...(page.limit ? { limit: page.limit } : {}),
        ...(cursor ? { cursor } : {}),
      };
      // The path is generic here; the public signature is what keeps calls typed.
      const get = api.GET as unknown as (
        path: string,
        init: object,
      ) => Promise<{
        data?: { data: Array<ListItem<P>>; nextCursor: string | null };
        error?: unknown;
        response: Response;
      }>;
      const result = unwrap(
        await get(path, { params: { ...params, query }, ...(page.signal ? { signal: page.signal } : {}) }),
      );
      yield* result.data;
      cursor = result.nextCursor ?? undefined;
    } while (cursor);
  }

  function events(feed: EventFeedOptions = {}): EventFeed {
    const limit = feed.limit ?? 1000;
    const state = { lastEventId: feed.after, pages: 0 };
    async function* iterate(): AsyncGenerator<AgencyEvent> {
      for (;;) {
        if (feed.signal?.aborted) return;
        const query = {
          limit,
          ...(state.lastEventId !== undefined ? { after: state.lastEventId } : {}),
          ...(feed.clientId ? { clientId: feed.clientId } : {}),
        };
        const page = unwrap(
          await api.GET('/agency/v1/events', { params: { query }, ...(feed.signal ? { signal: feed.signal } : {}) }),
        );
        state.pages += 1;
        for (const event of page.data) {
          state.lastEventId = event.id;
          yield event;
        }
        // A full page means more are waiting: ask again at once. A short one: caught up.
        if (page.data.length < limit) {
          if (!feed.follow) return;
          try {
            await sleep(feed.pollIntervalMs ?? 15_000, feed.signal);
          } catch (error) {
            if (feed.signal?.aborted) return;
            throw error;
          }
        }
      }
    }
    return {
      get lastEventId() {
        return state.lastEventId;
      },
      get pages() {
        return state.pages;
      },
      [Symbol.asyncIterator]: iterate,
    };
  }

  return {
    api,
    accessToken: (o) => transport.accessToken(o),
    async listClients(call) {
      return unwrap(await api.GET('/agency/v1/clients', init(call))).data;
    },
    paginate,
    availableInvoices(clientId, page = {}) {
      return paginate('/agency/v1/clients/{clientId}/available-invoices', { path: { clientId } }, page);
    },
    cases(clientId, { state, ...page } = {}) {
      return paginate(
        '/agency/v1/clients/{clientId}/cases',
        { path: { clientId }, query: state ? { state } : {} },
        page,
      );
    },
    async getInvoice(clientId, invoiceId, call) {
      return unwrap(
        await api.GET('/agency/v1/clients/{clientId}/invoices/{invoiceId}', {
          params: { path: { clientId, invoiceId } },
          ...init(call),
        }),
      );
    },
    async matchedItems(clientId, invoiceId, call) {
      return unwrap(
        await api.GET('/agency/v1/clients/{clientId}/invoices/{invoiceId}/matched-items', {
          params: { path: { clientId, invoiceId } },
          ...init(call),
        }),
      ).data;
    },
    async rejectInvoice(clientId, invoiceId, reason, call) {
      const body = { reason };
      const key = call?.idempotencyKey ?? deriveIdempotencyKey('reject-invoice', invoiceId, body);
      return unwrap(
        await api.POST('/agency/v1/clients/{clientId}/invoices/{invoiceId}/reject', {
          params: { path: { clientId, invoiceId } },
          body,
          ...init(call, key),
        }),
      );
    },
    async createCase(clientId, body, call) {
      const key = call?.idempotencyKey ?? deriveIdempotencyKey('create-case', body.caseNumber, body);
      return unwrap(
        await api.POST('/agency/v1/clients/{clientId}/cases', {
          params: { path: { clientId } },
          body,
          ...init(call, key),
        }),
      );
    },
    async getCase(clientId, caseNumber, call) {
      return unwrap(
        await api.GET('/agency/v1/clients/{clientId}/cases/{caseNumber}', {
          params: { path: { clientId, caseNumber } },
          ...init(call),
        }),
      );
    },
    async addInvoices(clientId, caseNumber, invoiceIds, call) {
      const body = { invoiceIds };
      const key = call?.idempotencyKey ?? deriveIdempotencyKey('add-invoices', caseNumber, body);
      return unwrap(
        await api.POST('/agency/v1/clients/{clientId}/cases/{caseNumber}/invoices', {
          params: { path: { clientId, caseNumber } },
          body,
          ...init(call, key),
        }),
      );
    },
    async postStatus(clientId, caseNumber, body, call) {
      // Without a key of the caller's, the transport gives the call a fresh UUID, kept across retries.
      return unwrap(
        await api.POST('/agency/v1/clients/{clientId}/cases/{caseNumber}/status', {
          params: { path: { clientId, caseNumber } },
          body,
          ...init(call, call?.idempotencyKey),
        }),
      );
    },
    async rejectCase(clientId, caseNumber, reason, call) {
      const body = { reason };
      const key = call?.idempotencyKey ?? deriveIdempotencyKey('reject-case', caseNumber, body);
      return unwrap(
        await api.POST('/agency/v1/clients/{clientId}/cases/{caseNumber}/reject', {
          params: { path: { clientId, caseNumber } },
          body,
          ...init(call, key),
        }),
      );
    },
    async mergeCases(clientId, body, call) {
      const key = call?.idempotencyKey ?? deriveIdempotencyKey('merge-cases', body.into, body);
      return unwrap(
        await api.POST('/agency/v1/clients/{clientId}/cases/merge', {
          params: { path: { clientId } },
          body,
          ...init(call, key),
        }),
      );
    },
    async postSettlement(clientId, body, call) {
      const key = call?.idempotencyKey ?? deriveIdempotencyKey('settlement', body.reference, body);
      return unwrap(
        await api.POST('/agency/v1/clients/{clientId}/settlements', {
          params: { path: { clientId } },
          body,
          ...init(call, key),
        }),
      );
    },
    async getSettlement(clientId, reference, call) {
      return unwrap(
        await api.GET('/agency/v1/clients/{clientId}/settlements/{reference}', {
          params: { path: { clientId, reference } },
          ...init(call),
        }),
      );
    },
    events,
    async subscribeWebhook(body, call) {
      return unwrap(await api.PUT('/agency/v1/webhook', { body, ...init(call) }));
    },
    async webhookStatus(call) {
      return unwrap(await api.GET('/agency/v1/webhook', init(call)));
    },
  };
}
