import type { Problem } from './types.js';

/**
 * A call the API answered with an error (4xx, or 5xx after the retries): the problem+json body,
 * with its machine-readable `code` to branch on (`case_exists`, `overpaid`, `rate_limited`…).
 * Extra fields of a code (`errors` of validation_failed, `invoiceIds` of invoice_not_available,
 * `difference` of settlement_unbalanced, `retryAfter` of rate_limited…) are on `problem`.
 */
export class AgencyApiError extends Error {
  override readonly name = 'AgencyApiError';
  /** The HTTP status. */
  readonly status: number;
  /** The problem's `code`; `http_<status>` when the answer carried no problem (e.g. a proxy's HTML page). */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  /** The whole problem+json body; undefined when the answer was not one. */
  readonly problem: Problem | undefined;
  readonly method: string;
  readonly url: string;
  /** Seconds to wait, from a 429's or 503's Retry-After header; null when not given. */
  readonly retryAfterSeconds: number | null;

  constructor(input: {
    status: number;
    problem: Problem | undefined;
    method: string;
    url: string;
    retryAfterSeconds?: number | null;
  }) {
    const { status, problem } = input;
    const code = problem?.code ?? `http_${status}`;
    super(
      `${input.method} ${pathOf(input.url)} answered ${status} ${code}${problem?.detail ? `: ${problem.detail}` : ''}`,
    );
    this.status = status;
    this.code = code;
    this.title = problem?.title ?? `HTTP ${status}`;
    this.detail = problem?.detail ?? '';
    this.type = problem?.type ?? 'about:blank';
    this.problem = problem;
    this.method = input.method;
    this.url = input.url;
    this.retryAfterSeconds = input.retryAfterSeconds ?? null;
  }

  /** From a failed response and the body openapi-fetch parsed (JSON, or the text when not JSON). */
  static fromResponse(response: Response, body: unknown, method: string): AgencyApiError {
    return new AgencyApiError({
      status: response.status,
      problem: asProblem(body),
      method,
      url: response.url,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    });
  }
}

export function isAgencyApiError(error: unknown, code?: string): error is AgencyApiError {
  return error instanceof AgencyApiError && (code === undefined || error.code === code);
}

function asProblem(body: unknown): Problem | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.code !== 'string') return undefined;
  return {
    ...record,
    type: typeof record.type === 'string' ? record.type : 'about:blank',
    title: typeof record.title === 'string' ? record.title : '',
    status: typeof record.status === 'number' ? record.status : 0,
    detail: typeof record.detail === 'string' ? record.detail : '',
    code: record.code,
  };
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Retry-After as seconds (RFC 9110: delay-seconds or an HTTP-date); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
