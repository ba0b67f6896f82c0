/**
 * The one way the web app talks to the accountant API (/api/v1): JSON in and out, the session
 * cookie sent by the browser, the CSRF token (kept in memory only, never in storage) on every
 * write, and failures as {@link ApiError} carrying the problem+json answer.
 */
import type { Problem } from './types.js';

const BASE = '/api/v1';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    message?: string,
  ) {
    super(problem?.detail ?? message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The problem's machine-readable code; `network` when no answer came. */
  get code(): string {
    return this.problem?.code ?? (this.status === 0 ? 'network' : 'unknown');
  }
}

let csrfToken: string | null = null;
let sessionLost: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 after sign-in: the session ended (expired, or signed out elsewhere). */
export function onSessionLost(handler: (() => void) | null): void {
  sessionLost = handler;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  /** The same key for a retried intent makes the server carry it out once (Idempotency-Key). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const url = new URL(BASE + path, window.location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  const headers = new Headers({ accept: 'application/json' });
  // A FormData body (a file upload) sets its own multipart content type with its boundary.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers.set('content-type', 'application/json');
  if (WRITE_METHODS.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null, 'network');
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = /\bjson\b/.test(type) ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const problem = isProblem(body) ? body : null;
    if (res.status === 401 && !path.startsWith('/auth/')) sessionLost?.();
    throw new ApiError(res.status, problem);
  }
  return body as T;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).detail === 'string'
  );
}

/** A fresh key per user intent. getRandomValues works outside secure contexts too (unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function apiUrl(path: string): string {
  return BASE + path;
}
