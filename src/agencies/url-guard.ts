import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '../shared/errors.js';

/**
 * Where an agency's webhook may point. A webhook makes our server send requests to a URL a third
 * party chose, so the URL must not reach into our own network (SSRF): only https, no credentials in
 * the URL, and a host whose every address is public. `allowPrivate` lifts the address rule (and
 * allows plain http) for development and tests, where the receiver runs on this machine.
 */
export interface UrlGuardOptions {
  allowPrivate: boolean;
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

const notAllowed = (detail: string) => new AppError('webhook_url_not_allowed', detail);

/** Checks the URL (resolving its host); throws `webhook_url_not_allowed` or `validation_failed`. Returns the parsed URL. */
export async function checkWebhookUrl(
  url: string,
  options: UrlGuardOptions,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<URL> {
  const parsed = parseWebhookUrl(url, options);
  if (options.allowPrivate) return parsed;
  const host = hostOf(parsed);
  if (isIP(host)) {
    if (isForbiddenAddress(host)) throw notAllowed(`${host} is not a public address`);
    return parsed;
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw notAllowed(`the host ${host} could not be resolved (${(error as { code?: string }).code ?? String(error)})`);
  }
  if (addresses.length === 0) throw notAllowed(`the host ${host} has no address`);
  const bad = addresses.find(isForbiddenAddress);
  if (bad) throw notAllowed(`the host ${host} resolves to ${bad}, which is not a public address`);
  return parsed;
}

/** The checks that need no DNS: a well-formed absolute URL, the scheme, no credentials. */
export function parseWebhookUrl(url: string, options: UrlGuardOptions): URL {
  if (typeof url !== 'string' || url.length === 0) throw new AppError('validation_failed', 'url is required');
  if (url.length > MAX_WEBHOOK_URL_LENGTH)
    throw new AppError('validation_failed', `url is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('validation_failed', 'url is not a valid absolute URL');
  }
  const schemes = options.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol))
    throw notAllowed(options.allowPrivate ? 'the webhook URL must be http or https' : 'the webhook URL must be https');
  if (parsed.username !== '' || parsed.password !== '')
    throw notAllowed('the webhook URL must not contain credentials');
  if (hostOf(parsed) === '') throw notAllowed('the webhook URL has no host');
  return parsed;
}

/** The host of a URL as `dns.lookup`/`net.isIP` take it: IPv6 without brackets, no trailing dot. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

async function resolveAll(host: string): Promise<string[]> {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that refuses forbidden addresses at connect time, so that a host
 * whose DNS changes between the check and the connection (DNS rebinding) still cannot reach in.
 */
export function guardedLookup(options: UrlGuardOptions) {
  return (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    lookupCallback(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as LookupAddress[];
      const bad = options.allowPrivate ? undefined : list.find((a) => isForbiddenAddress(a.address));
      if (bad) {
        const refused = Object.assign(
          new Error(`the host ${hostname} resolves to ${bad.address}, which is not a public address`),
          { code: 'EWEBHOOKADDRESS' },
        );
        return callback(refused, '');
      }
      if (list.length === 0)
        return callback(Object.assign(new Error(`the host ${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (lookupOptions.all) return callback(null, list);
      const first = list[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

// ---- address classification ----

/** IPv4 ranges a webhook may not reach: [network, prefix length]. */
const FORBIDDEN_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

function v4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

function forbiddenV4(n: number): boolean {
  return FORBIDDEN_V4.some(([net, bits]) => {
    const base = v4ToInt(net)!;
    const size = 2 ** (32 - bits);
    return n >= base && n < base + size;
  });
}

/** The eight 16-bit groups of an IPv6 address (a zone id dropped), or null if it is not one. */
export function parseV6(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // An IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = v4ToInt(tail);
    if (v4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const out: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    out.push(parseInt(g, 16));
  }
  return out;
}

function forbiddenV6(g: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const embeddedV4 = (hi: number, lo: number) => hi * 65536 + lo;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return true; // :: unspecified
  if (zeroTo(7) && g7 === 1) return true; // ::1 loopback
  if (zeroTo(5) && g5 === 0xffff) return forbiddenV4(embeddedV4(g6, g7)); // ::ffff:a.b.c.d, IPv4-mapped
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return forbiddenV4(embeddedV4(g6, g7)); // ::ffff:0:a.b.c.d, IPv4-translated
  if (zeroTo(6)) return forbiddenV4(embeddedV4(g6, g7)); // ::a.b.c.d, IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return forbiddenV4(embeddedV4(g6, g7)); // NAT64 64:ff9b::/96
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return true; // 64:ff9b:1::/48, local-use NAT64
  if (g0 === 0x2002) return forbiddenV4(embeddedV4(g1, g2)); // 6to4 2002::/16 carries an IPv4 address
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // 100::/64 discard
  return false;
}

/** Whether an IP address (v4 or v6) is one a webhook may not reach. Anything unparseable is refused. */
export function isForbiddenAddress(ip: string): boolean {
  const version = isIP(ip.includes('%') ? ip.slice(0, ip.indexOf('%')) : ip);
  if (version === 4) return forbiddenV4(v4ToInt(ip)!);
  if (version === 6) {
    const groups = parseV6(ip);
    return groups === null ? true : forbiddenV6(groups);
  }
  return true;
}
