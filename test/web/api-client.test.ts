/**
 * The web app's typed client (web/src/api/client.ts, openapi-fetch) keeps the house rules in its
 * middleware: the CSRF token on writes only, the idempotency key a write is given, the cookie sent,
 * empty query values left out, a problem+json answer thrown as ApiError and said in Norwegian by
 * the problem-messages code, a lost session reported, a lost connection as `network`, an abort left alone.
 * Fetch is stood in for; the requests it is handed are what the browser would send.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, newIdempotencyKey, onSessionLost, setCsrfToken } from '../../web/src/api/client.js';
import { api } from '../../web/src/api/endpoints.js';
import { formatDate, formatMoney } from '../../web/src/format/format.js';
import { fillMessage } from '../../web/src/i18n/message.js';
import { nb } from '../../web/src/i18n/nb.js';
import { type ProblemI18n, problemDetail } from '../../web/src/i18n/problem.js';
import { ledgerApi } from '../../web/src/screens/ledger/api.js';

const sent: Request[] = [];
let answer: (request: Request) => Response | Promise<Response>;

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

const bokmal: ProblemI18n = {
  t: (key, params) => (params ? fillMessage(nb[key], params) : nb[key]),
  money: (amountOre) => formatMoney(amountOre, 'nb'),
  date: formatDate,
};

beforeEach(() => {
  sent.length = 0;
  answer = () => json(200, {});
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  setCsrfToken('csrf-1');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  onSessionLost(null);
});

describe('the typed client’s house rules', () => {
  it('sends a GET with the cookie, asks for JSON, leaves empty query values out and no CSRF token', async () => {
    answer = () => json(200, { data: [], nextCursor: null });
    const page = await ledgerApi.openItems('c 1', { customerId: null, includeClosed: false, cursor: null });
    expect(page).toEqual({ data: [], nextCursor: null });
    const [request] = sent;
    expect(request?.method).toBe('GET');
    expect(new URL(request!.url).pathname).toBe('/api/v1/companies/c%201/open-items');
    expect(new URL(request!.url).search).toBe('?limit=50');
    expect(request?.credentials).toBe('same-origin');
    expect(request?.headers.get('accept')).toBe('application/json');
    expect(request?.headers.get('x-csrf-token')).toBeNull();

    await ledgerApi.customers('c1', '');
    expect(new URL(sent[1]!.url).search).toBe('?limit=20');
  });

  it('sends a write with the CSRF token, its idempotency key and its JSON body', async () => {
    answer = () => json(201, { id: 'h1' });
    const key = newIdempotencyKey();
    await api.rejectHandover('c1', 'h1', 'Betalt direkte', key);
    const [request] = sent;
    expect(request?.method).toBe('POST');
    expect(new URL(request!.url).pathname).toBe('/api/v1/companies/c1/handovers/h1/reject');
    expect(request?.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(request?.headers.get('idempotency-key')).toBe(key);
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(await request?.json()).toEqual({ reason: 'Betalt direkte' });
    expect(key).toMatch(/^web-[0-9a-f]{32}$/);
  });

  it('sends a write without a body with no body and no content type; a 204 answers undefined', async () => {
    answer = () => new Response(null, { status: 204 });
    await expect(api.logout()).resolves.toBeUndefined();
    expect(sent[0]?.headers.get('content-type')).toBeNull();
    expect(sent[0]?.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(sent[0]?.body).toBeNull();
  });

  it('throws a problem+json answer as ApiError, said in bokmål with its figures', async () => {
    answer = () =>
      json(
        422,
        {
          type: 'urn:innfri:problem:amount_exceeds_open',
          title: 'Amount exceeds open amount',
          status: 422,
          code: 'amount_exceeds_open',
          reason: 'more_than_open',
          detail: '50000 øre is more than the 30000 øre open on invoice 10012',
          invoiceNumber: 10012,
          amount: 50_000,
          openAmount: 30_000,
        },
        'application/problem+json',
      );
    const error = await ledgerApi
      .writeOff('c1', 'i1', { amount: 50_000, date: '2026-11-20', account: 7830, reason: 'Konkurs' }, 'k1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).code).toBe('amount_exceeds_open');
    const { code, problem } = error as ApiError;
    expect(problemDetail(code, problem!, bokmal)).toBe(
      'kr 500,00 er mer enn de kr 300,00 som står åpent på faktura 10012.',
    );
  });

  it('reports a 401 as a lost session, except from the sign-in calls themselves', async () => {
    const lost = vi.fn();
    onSessionLost(lost);
    answer = () => json(401, { code: 'unauthenticated', detail: 'Not signed in', title: 'Unauthorized', status: 401 });
    await expect(api.companies()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(lost).toHaveBeenCalledTimes(1);
    await expect(api.login('a@example.com', 'wrong')).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('throws an answer that is not a problem as ApiError without one', async () => {
    answer = () => new Response('Bad gateway', { status: 502, headers: { 'content-type': 'text/plain' } });
    const error = (await api.session().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.problem, error.code]).toEqual([502, null, 'unknown']);
  });

  it('turns a lost connection into ApiError `network` and leaves an abort an AbortError', async () => {
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    const error = (await api.session().catch((e: unknown) => e)) as ApiError;
    expect([error instanceof ApiError, error.status, error.code]).toEqual([true, 0, 'network']);

    answer = () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    };
    const controller = new AbortController();
    const aborted = await api.handoverCounts('c1', controller.signal).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(DOMException);
    expect((aborted as DOMException).name).toBe('AbortError');
  });

  it('builds a PDF link from a path of the document, its parameters encoded', () => {
    expect(api.letterPdfUrl('c/1', 'l1')).toBe('/api/v1/companies/c%2F1/letters/l1/pdf');
  });
});
