/**
 * The one way the web app talks to the accountant API (/api/v1): openapi-fetch typed by the
 * generated `paths` (openapi.gen.ts), so a call to a path, a parameter or a field the API no longer
 * has fails `npm run typecheck`. The house rules live in one middleware: the session cookie sent by
 * the browser, the CSRF token (kept in memory only, never in storage) on every write, a lost session
 * reported, and every failure thrown as {@link ApiError} carrying the problem+json answer (which
 * `ProblemMessage` says in Norwegian or English). Writes that change money carry an Idempotency-Key
 * per user intent ({@link idempotent}).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.gen.js';

export type Problem = components['schemas']['Problem'];

export const API_BASE = '/api/v1';
const BASE = API_BASE;
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

/** CSRF on writes, JSON asked for, failures thrown as ApiError (a lost connection as code `network`). */
const houseRules: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept', 'application/json');
    if (WRITE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const type = response.headers.get('content-type') ?? '';
    const body: unknown = /\bjson\b/.test(type) ? await response.json().catch(() => null) : null;
    if (response.status === 401 && !schemaPath.startsWith('/auth/')) sessionLost?.();
    throw new ApiError(response.status, isProblem(body) ? body : null);
  },
  onError({ error }) {
    // An aborted request stays an AbortError (callers ignore those); anything else is "no answer".
    if (error instanceof DOMException && error.name === 'AbortError') return undefined;
    return new ApiError(0, null, 'network');
  },
};

/** The typed client: `client.GET('/companies/{companyId}/invoices', { params: { path, query } })`. */
export const client = createClient<paths>({
  // Absolute, so a Request can be built outside a page too (the unit tests run it in Node).
  baseUrl: new URL(BASE, (globalThis as { location?: { origin: string } }).location?.origin ?? 'http://localhost').href,
  credentials: 'same-origin',
  querySerializer: serializeQuery,
  // Looked up per call, not captured once, so a test can stand in for fetch.
  fetch: (request) => globalThis.fetch(request),
});
client.use(houseRules);

/**
 * The answer's body. The middleware has already thrown an {@link ApiError} for every failure, so what
 * comes here is the success branch, typed from the path's response (undefined for a 204).
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

/** The header of a write that must happen once however often it is retried (one key per user intent). */
export function idempotent(key: string): { headers: { 'idempotency-key': string } } {
  return { headers: { 'idempotency-key': key } };
}

/** The query as before openapi-fetch: one `name=value` each, empty values (undefined, null, '') left out. */
function serializeQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  return search.toString();
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

type PathParams<P extends keyof paths> = paths[P] extends { get: { parameters: { path: infer X } } } ? X : never;

/**
 * The address of a GET the browser follows itself (a PDF in a new tab), built from a path of the
 * document: a path or parameter the API no longer has fails the type check like a call would.
 */
export function apiUrl<P extends keyof paths>(path: P, params: PathParams<P>): string {
  const values = params as Record<string, string | number>;
  return BASE + path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/** The query a GET of `P` takes, as the document declares it. */
export type QueryOf<P extends keyof paths> = NonNullable<
  paths[P] extends { get: { parameters: { query?: infer Q } } } ? Q : never
>;

/** What of XMLHttpRequest the upload uses (named here: the server's type check has no DOM library). */
interface UploadXhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  getAllResponseHeaders(): string;
  send(body: Blob | null): void;
  abort(): void;
  withCredentials: boolean;
  responseType: string;
  readonly response: unknown;
  readonly status: number;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

/**
 * A fetch for the typed client that says how much of the request's body has gone out (an upload's
 * progress bar: fetch itself does not tell). It sends the request the client built — its headers
 * (CSRF, multipart boundary, idempotency key) and body as they are — through XMLHttpRequest, and
 * answers a Response, so the client's middleware and typing work as for any other call. Pass it as
 * the call's `fetch` option.
 */
export function fetchWithUploadProgress(onProgress: (sent: number, total: number) => void) {
  return async (request: Request): Promise<Response> => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const Xhr = (globalThis as unknown as { XMLHttpRequest: new () => UploadXhr }).XMLHttpRequest;
      const xhr = new Xhr();
      xhr.open(request.method, request.url);
      xhr.withCredentials = request.credentials === 'include';
      for (const [name, value] of request.headers) xhr.setRequestHeader(name, value);
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded, e.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const empty = xhr.status === 204 || xhr.status === 304;
        resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, headers }));
      };
      xhr.onerror = () => reject(new TypeError('network error'));
      xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
      request.signal.addEventListener('abort', () => xhr.abort());
      xhr.send(body);
    });
  };
}
