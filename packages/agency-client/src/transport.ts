import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import { AgencyApiError, parseRetryAfter } from './errors.js';
import type { paths, Token } from './types.js';

/** The fetch the client sends through: a Request in, a Response out (the global fetch, or an app's `fetch`). */
export type FetchLike = (request: Request) => Promise<Response>;

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  /** How long the client waits before it (ms). */
  delayMs: number;
  reason: 'rate_limited' | 'server_error' | 'network_error';
  method: string;
  url: string;
  /** The status that caused it (absent on network errors). */
  status?: number;
  /** The network error that caused it. */
  error?: unknown;
  /** The Idempotency-Key sent, the same on every attempt (POSTs). */
  idempotencyKey?: string;
}

export interface TransportOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
  /** Retries after the first attempt, per call (not counting one retry with a fresh token after a 401). */
  maxRetries: number;
  onRetry: ((info: RetryInfo) => void) | undefined;
  /** Waits between attempts; injectable for tests. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1): jitter. */
  random: () => number;
  /** Milliseconds since the epoch: token expiry. */
  now: () => number;
  /** First backoff step (ms); doubles per retry, with jitter. */
  baseDelayMs: number;
  /** The longest backoff step, and the longest Retry-After honoured (longer: the 429 is returned). */
  maxDelayMs: number;
  /** Fetch a new token this long before the current one expires (at most half its life). */
  refreshMarginMs: number;
  /** Give every POST without an Idempotency-Key a new UUID one (so it can be retried). */
  autoIdempotencyKey: boolean;
}

/** The method and URL of the request a response answered (Response.url is empty for in-process apps). */
const origins = new WeakMap<Response, { method: string; url: string }>();

export function requestOf(response: Response): { method: string; url: string } {
  return origins.get(response) ?? { method: 'GET', url: response.url };
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * The client's transport: the access token (client credentials, HTTP Basic; renewed shortly before
 * it expires, and once on a 401), an Idempotency-Key on each POST (one per call, the same on every
 * attempt), and retries with exponential backoff and jitter on 429 (after Retry-After), 5xx and
 * network errors. A 429 is retried for any request (the server refused it before doing anything);
 * 5xx and network errors only for idempotent ones: GET/PUT, the token request, and POSTs that carry
 * an Idempotency-Key.
 */
export class Transport {
  #token: { value: string; expiresAt: number } | null = null;
  #pending: Promise<string> | null = null;
  readonly #tokenApi;

  constructor(readonly options: TransportOptions) {
    // The token endpoint, through the same retries but without a bearer token.
    this.#tokenApi = createClient<paths>({
      baseUrl: options.baseUrl,
      fetch: (request) => this.#send(request, { auth: false }),
    });
  }

  /** The fetch given to openapi-fetch. */
  readonly fetch: FetchLike = (request) => this.#send(request, { auth: true });

  /** A valid access token: the cached one, or a new one when it is missing or about to expire. */
  async accessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const token = this.#token;
    if (!options.forceRefresh && token && this.options.now() < token.expiresAt) return token.value;
    // One token request at a time, however many calls need it.
    this.#pending ??= this.#fetchToken().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** Forget the token (the next call fetches a new one). */
  invalidateToken(value?: string): void {
    if (value === undefined || this.#token?.value === value) this.#token = null;
  }

  async #fetchToken(): Promise<string> {
    const { clientId, clientSecret } = this.options;
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic; the server decodes them.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const sentAt = this.options.now();
    const { data, error, response } = await this.#tokenApi.POST('/oauth/token', {
      // openapi-fetch form-encodes the body because of the content type.
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
      body: { grant_type: 'client_credentials' },
    });
    if (!data) throw AgencyApiError.fromResponse(response, error, 'POST');
    const token: Token = data;
    const lifetime = token.expires_in * 1000;
    const margin = Math.min(this.options.refreshMarginMs, lifetime / 2);
    this.#token = { value: token.access_token, expiresAt: sentAt + lifetime - margin };
    return token.access_token;
  }

  #backoff(retry: number): number {
    const step = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (retry - 1));
    // "Equal jitter": at least half the step, so retries never bunch at zero.
    return Math.round(step / 2 + this.options.random() * (step / 2));
  }

  async #send(original: Request, { auth }: { auth: boolean }): Promise<Response> {
    const { method, url, signal } = original;
    const headers = new Headers(original.headers);
    if (auth && method === 'POST' && this.options.autoIdempotencyKey && !headers.has('idempotency-key'))
      headers.set('idempotency-key', randomUUID());
    const idempotencyKey = headers.get('idempotency-key') ?? undefined;
    const idempotent = !auth || SAFE_METHODS.has(method) || idempotencyKey !== undefined;
    // The body is read once and sent again on each attempt.
    const body = original.body === null ? undefined : await original.arrayBuffer();
    let retries = 0;
    let refreshedAfter401 = false;
    for (;;) {
      let token: string | undefined;
      if (auth) {
        token = await this.accessToken();
        headers.set('authorization', `Bearer ${token}`);
      }
      const request = new Request(url, { method, headers, signal, ...(body === undefined ? {} : { body }) });
      let response: Response;
      try {
        response = await this.options.fetch(request);
      } catch (error) {
        if (signal.aborted || !idempotent || retries >= this.options.maxRetries) throw error;
        retries += 1;
        await this.#wait(
          {
            attempt: retries,
            delayMs: this.#backoff(retries),
            reason: 'network_error',
            method,
            url,
            error,
            ...(idempotencyKey ? { idempotencyKey } : {}),
          },
          signal,
        );
        continue;
      }
      if (auth && response.status === 401 && !refreshedAfter401) {
        // An expired or revoked token: one new token, one more try (nothing was done on a 401).
        refreshedAfter401 = true;
        await response.body?.cancel();
        this.invalidateToken(token);
        continue;
      }
      const rateLimited = response.status === 429;
      const serverError = response.status >= 500 && idempotent;
      if ((rateLimited || serverError) && retries < this.options.maxRetries) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        const delayMs =
          retryAfter === null
            ? this.#backoff(retries + 1)
            : retryAfter * 1000 + Math.round(this.options.random() * 100);
        if (delayMs <= this.options.maxDelayMs || retryAfter === null) {
          retries += 1;
          await response.body?.cancel();
          await this.#wait(
            {
              attempt: retries,
              delayMs,
              reason: rateLimited ? 'rate_limited' : 'server_error',
              method,
              url,
              status: response.status,
              ...(idempotencyKey ? { idempotencyKey } : {}),
            },
            signal,
          );
          continue;
        }
      }
      origins.set(response, { method, url });
      return response;
    }
  }

  async #wait(info: RetryInfo, signal: AbortSignal): Promise<void> {
    this.options.onRetry?.(info);
    await this.options.sleep(info.delayMs, signal);
  }
}
