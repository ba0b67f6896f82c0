import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The peer's address as the socket says (no proxy header is trusted: anyone can send one); 'local'
 * when the request did not come over a socket (tests calling `app.request`).
 */
export function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}
