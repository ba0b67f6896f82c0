import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';

type Trust = (address: string, hop: number) => boolean;
const compiled = new WeakMap<readonly string[], Trust>();

function trustOf(proxies: readonly string[]): Trust {
  let trust = compiled.get(proxies);
  if (!trust) {
    trust = proxyaddr.compile([...proxies]);
    compiled.set(proxies, trust);
  }
  return trust;
}

/**
 * The client's address. The socket's peer, unless that peer is one of the configured trusted
 * proxies (`config.trustedProxies`, INNFRI_TRUSTED_PROXY): then X-Forwarded-For is read from the
 * right, and the first address not itself a trusted proxy is the client (proxy-addr's rule). A header
 * from anyone else is ignored: anyone can send one. 'local' when the request did not come over a
 * socket (tests calling `app.request`).
 */
export function peerAddress(c: Context): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined;
  }
  if (!socket) return 'local';
  const proxies = (c.get('config') as { trustedProxies?: readonly string[] } | undefined)?.trustedProxies;
  if (!proxies || proxies.length === 0) return socket;
  const forwarded = c.req.header('x-forwarded-for');
  if (!forwarded) return socket;
  const request = {
    connection: { remoteAddress: socket },
    socket: { remoteAddress: socket },
    headers: { 'x-forwarded-for': forwarded },
  };
  return proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trustOf(proxies));
}
