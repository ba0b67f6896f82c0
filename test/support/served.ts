import { Writable } from 'node:stream';
import type { Logger } from '../../src/shared/log.js';
import { createLogger } from '../../src/shared/log.js';
import type { TestApp } from './http.js';

/**
 * A started server (a real socket) as the tests' clients expect an app: `request(path, init)`
 * goes over HTTP to `baseUrl` with the path and query of `path`. Extra headers for every request
 * (X-Forwarded-For) can be given.
 */
export function overHttp(baseUrl: string, always: Record<string, string> = {}): TestApp {
  return {
    request: (input: string | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input.url, 'http://localhost');
      const headers = new Headers(init?.headers);
      for (const [k, v] of Object.entries(always)) headers.set(k, v);
      return fetch(new URL(url.pathname + url.search, baseUrl), { ...init, headers });
    },
  } as unknown as TestApp;
}

/** A logger whose lines are kept (parsed JSON) instead of written: what a test reads back. */
export function capturedLogger(level: 'info' | 'debug' = 'info'): {
  logger: Logger;
  lines: Record<string, any>[];
  text: () => string;
} {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level, destination }, false);
  return {
    logger,
    get lines() {
      return raw.flatMap((chunk) => chunk.split('\n').filter((l) => l.trim() !== '')).map((l) => JSON.parse(l));
    },
    text: () => raw.join(''),
  };
}
