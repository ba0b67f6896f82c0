import { type ClientRequest, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';

/*
 * The drain at shutdown, in-process: a request in flight when close() is called still gets its
 * answer (with Connection: close), a request that does not finish within the timeout has its
 * connection closed, and close() then goes on to close the database. (test/e2e/sigterm.test.ts does
 * the same under load through a real SIGTERM.)
 */

/** A POST whose body is sent in two parts, the second only when asked. */
function halfSent(
  url: string,
  body: string,
): { req: ClientRequest; rest: () => void; answer: Promise<{ status: number; connection: string | undefined }> } {
  const half = Math.floor(body.length / 2);
  const req = request(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, half));
  return { req, rest: () => req.end(body.slice(half)), answer };
}

describe('shutdown drains requests in flight, within its timeout', () => {
  it('answers a request in flight, cuts off one that outlasts the timeout, then closes the database', async () => {
    const server = await startServer({ target: { kind: 'pglite', dataDir: null }, port: 0, shutdownTimeoutMs: 1500 });
    const body = JSON.stringify({ email: 'nobody@example.no', password: 'not-the-password-1' });
    const finishing = halfSent(server.url, body);
    const stalled = halfSent(server.url, body);
    const stalledOutcome = stalled.answer.then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code ?? 'error',
    );
    // Both are in flight (their bodies half read) when the server is told to stop.
    await new Promise((r) => setTimeout(r, 200));
    const closed = server.close();
    await new Promise((r) => setTimeout(r, 100));
    // No new connection is taken…
    await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();
    // …but the one in flight is answered, and told to close its connection.
    finishing.rest();
    expect(await finishing.answer).toEqual({ status: 401, connection: 'close' });
    // The other never finishes its body: after the timeout its connection is closed, and close() completes.
    await closed;
    expect(await stalledOutcome).toBe('ECONNRESET');
    // The database is closed.
    await expect(server.database.db.selectFrom('companies').select('id').execute()).rejects.toThrow();
  });
});
