import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { createApp } from '../../src/app/app.js';
import type { AppConfig } from '../../src/http/env.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/tenancy/session.middleware.js';
import { DEFAULT_CONFIG } from '../../src/server.js';
import { type Backend, freshDatabase } from './db.js';

export const TEST_TODAY = '2026-11-20';

export type TestApp = ReturnType<typeof createApp>;

/** The app as the server runs it, on a fixed «today»; requests go through `app.request`, no socket. */
export function createTestApp(db: Db, config: Partial<AppConfig> = {}): TestApp {
  return createApp(db, { ...DEFAULT_CONFIG, today: () => TEST_TODAY, ...config });
}

/** A fresh database on one backend and the test app on it, as `useTestApp` hands them out. */
export interface TestAppContext {
  readonly handle: DatabaseHandle;
  readonly db: Db;
  readonly app: TestApp;
}

/**
 * For a `describe` block: registers a beforeAll that opens a fresh database on `backend` and builds
 * the test app on it (`config` over the test defaults), and an afterAll that closes the database.
 * The fields of the returned object are there once that beforeAll has run; read earlier, they throw.
 */
export function useTestApp(backend: Backend, config: Partial<AppConfig> = {}): TestAppContext {
  let ready: { handle: DatabaseHandle; app: TestApp } | undefined;
  beforeAll(async () => {
    const handle = await freshDatabase(backend);
    ready = { handle, app: createTestApp(handle.db, config) };
  });
  afterAll(async () => ready?.handle.close());
  const get = () => {
    if (!ready)
      throw new Error(
        'useTestApp: the database is not open yet (read it in a test or a hook, not while the describe block is collected)',
      );
    return ready;
  };
  return {
    get handle() {
      return get().handle;
    },
    get db() {
      return get().handle.db;
    },
    get app() {
      return get().app;
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  /** Parsed JSON for JSON and problem+json answers, the text otherwise, null when empty. */
  body: T;
  headers: Headers;
}

/** Extra headers for one request; `null` removes a header the client would otherwise send (cookie, CSRF, content-type). */
export type RequestHeaders = Record<string, string | null>;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A tiny in-process API client. Keeps the `innfri_session` cookie from `Set-Cookie` and the CSRF
 * token from the login body, sends the cookie on every request and the CSRF header on writes.
 * Paths starting with `/api/` or `/health` are used as given; any other path is under `/api/v1`.
 */
export class ApiClient {
  sessionToken: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly app: TestApp) {}

  async login(email: string, password: string): Promise<ApiResponse> {
    const res = await this.post('/auth/login', { email, password });
    if (res.status === 200) this.csrfToken = (res.body as { csrfToken: string }).csrfToken;
    return res;
  }

  get<T = any>(path: string, headers?: RequestHeaders): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = any>(path: string, body?: unknown, headers?: RequestHeaders): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  patch<T = any>(path: string, body?: unknown, headers?: RequestHeaders): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body, headers);
  }

  /** A string body is sent as it is (for malformed JSON); anything else as JSON. */
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: RequestHeaders = {},
  ): Promise<ApiResponse<T>> {
    const h = new Headers();
    if (this.sessionToken !== null) h.set('cookie', `${SESSION_COOKIE}=${this.sessionToken}`);
    if (WRITE_METHODS.has(method) && this.csrfToken !== null) h.set(CSRF_HEADER, this.csrfToken);
    if (body !== undefined) h.set('content-type', 'application/json');
    for (const [name, value] of Object.entries(headers)) {
      if (value === null) h.delete(name);
      else h.set(name, value);
    }
    const init: RequestInit = { method, headers: h };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const url = `http://localhost${path.startsWith('/api/') || path.startsWith('/health') ? path : `/api/v1${path}`}`;
    const res = await this.app.request(url, init);
    this.#keepCookie(res.headers);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let parsed: unknown = text === '' ? null : text;
    if (text !== '' && /\bjson\b/.test(type)) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  #keepCookie(headers: Headers): void {
    for (const cookie of headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';').map((s) => s.trim());
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0 || pair.slice(0, eq) !== SESSION_COOKIE) continue;
      const value = decodeURIComponent(pair.slice(eq + 1));
      const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === '';
      this.sessionToken = expired ? null : value;
    }
  }
}

/** The Set-Cookie line for the session cookie, if the response set one. */
export function sessionSetCookie(headers: Headers): string | undefined {
  return headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

/** A GET whose answer is binary (a PDF): the body as bytes, sent with the client's session cookie. */
export async function getBinary(
  client: ApiClient,
  path: string,
  headers: RequestHeaders = {},
): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const h = new Headers();
  if (client.sessionToken !== null) h.set('cookie', `${SESSION_COOKIE}=${client.sessionToken}`);
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) h.delete(name);
    else h.set(name, value);
  }
  const url = `http://localhost${path.startsWith('/api/') ? path : `/api/v1${path}`}`;
  const res = await client.app.request(url, { method: 'GET', headers: h });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}
