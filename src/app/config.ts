import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting the server reads from its environment, in one place. Each entry is the variable's
 * name, its zod schema (from the text the environment holds), its default as text (what the README
 * table shows) and its meaning. `README.md` «Running in production» has the same table; a test
 * (test/integration/config.test.ts) holds the two together. Other modules get their settings from
 * {@link loadSettings}, never from `process.env`.
 *
 * A production start (`NODE_ENV=production` or `innfri serve --production`) needs the settings
 * marked `production: 'required'`; a start with any setting missing or malformed is refused with
 * one line per setting, naming it ({@link SettingsError}).
 */

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `at least ${min}`).max(max, `at most ${max}`));

const positiveNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a number')
  .transform(Number)
  .pipe(z.number().positive('more than 0'));

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** An address or network: 10.0.0.1, 10.0.0.0/8, ::1, fd00::/8, or proxy-addr's names loopback, linklocal, uniquelocal. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** A base64 key of exactly 32 bytes (what `openssl rand -base64 32` prints). */
const secretKey = z
  .string()
  .refine(
    (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32,
    '32 random bytes in base64 (openssl rand -base64 32)',
  );

interface Setting {
  schema: z.ZodType;
  /** The default as text (parsed by the schema like a given value); undefined: none. */
  default?: string;
  /** Needed for a production start (or a sentence saying when). */
  production?: 'required';
  meaning: string;
}

export const SETTINGS = {
  NODE_ENV: {
    schema: z.enum(['development', 'production', 'test']),
    default: 'development',
    meaning:
      '`production` makes `innfri serve` a production start (as `--production` does): no demo data, demo passwords refused, the settings marked required must be set',
  },
  PORT: { schema: integer(0, 65535), default: '3000', meaning: 'the port the server listens on (0: any free port)' },
  HOST: { schema: z.string().min(1), default: '127.0.0.1', meaning: 'the address the server listens on' },
  DATABASE_URL: {
    schema: z.string().regex(/^postgres(ql)?:\/\/./, 'a postgres:// or postgresql:// URL'),
    meaning:
      'a PostgreSQL server (`postgres://user:pass@host:5432/db`); unset: the embedded database in INNFRI_DATA_DIR',
  },
  INNFRI_DATABASE_SCHEMA: {
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier'),
    meaning: "the PostgreSQL schema Innfri's tables live in (unset: the connection's default, usually `public`)",
  },
  INNFRI_DB_POOL_SIZE: {
    schema: integer(1, 1000),
    default: '10',
    meaning: 'connections each server process keeps to PostgreSQL at most',
  },
  INNFRI_DATA_DIR: {
    schema: z.string().min(1),
    default: './data',
    meaning: 'the embedded database folder (when DATABASE_URL is unset); one process at a time',
  },
  INNFRI_PUBLIC_URL: {
    schema: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
    production: 'required',
    meaning:
      'the address users reach the service at (`https://innfri.example.no`); https makes the session cookie `Secure`. A production start requires https',
  },
  INNFRI_TRUSTED_PROXY: {
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      )
      .refine(
        (list) => list.every(isProxyEntry),
        'addresses or networks separated by commas (10.0.0.1, 10.0.0.0/8, ::1, loopback)',
      ),
    default: '',
    meaning:
      "the reverse proxies whose `X-Forwarded-For` is believed (addresses, CIDR networks or `loopback`, comma-separated); the client's address is the last one not on this list. Unset: the socket's peer, no header believed",
  },
  INNFRI_SECRET_KEY: {
    schema: secretKey,
    production: 'required',
    meaning:
      "32 random bytes in base64 (`openssl rand -base64 32`): agencies' webhook signing secrets and the companies' SMTP passwords are stored sealed with it (AES-256-GCM). Keep it: the server will not start without it once secrets are sealed",
  },
  INNFRI_AGENCY_RATE: {
    schema: positiveNumber,
    default: '50',
    meaning: 'agency API requests a second each agency may make on average',
  },
  INNFRI_AGENCY_BURST: {
    schema: integer(1, 1_000_000),
    default: '200',
    meaning: 'agency API requests each agency may make at once (the token bucket)',
  },
  INNFRI_ALLOW_PRIVATE_WEBHOOKS: {
    schema: flag,
    default: '0',
    meaning: '`1`: let webhooks go to loopback and private addresses (local tests only)',
  },
  INNFRI_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    meaning: 'the least severe log level written (`debug` adds more, `silent` none)',
  },
  INNFRI_LOG_FORMAT: {
    schema: z.enum(['json', 'pretty']),
    meaning:
      'log lines as JSON (one object a line, to stdout) or `pretty` for a person (needs the dev dependency pino-pretty). Unset: JSON in production, pretty otherwise when pino-pretty is installed',
  },
  INNFRI_METRICS_TOKEN: {
    schema: z
      .string()
      .min(32, 'at least 32 characters (openssl rand -hex 32)')
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII, no spaces'),
    meaning:
      'bearer token for `GET /metrics` on the public port (`Authorization: Bearer …`). Unset and INNFRI_METRICS_PORT unset: no /metrics',
  },
  INNFRI_METRICS_PORT: {
    schema: integer(1, 65535),
    meaning: 'serve `/metrics` (no token) on this port instead, on INNFRI_METRICS_HOST: keep it off the public network',
  },
  INNFRI_METRICS_HOST: {
    schema: z.string().min(1),
    default: '127.0.0.1',
    meaning: 'the address the metrics port listens on',
  },
  INNFRI_SHUTDOWN_TIMEOUT_MS: {
    schema: integer(0, 600_000),
    default: '10000',
    meaning: 'on SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are closed',
  },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

type Parsed = { [K in SettingName]: z.output<(typeof SETTINGS)[K]['schema']> | undefined };

/** What the server runs with, read from the environment by {@link loadSettings}. */
export interface Settings {
  /** A production start: no demo data, demo passwords refused, the required settings given. */
  production: boolean;
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; schema?: string; poolSize: number };
  /** The public address (without a trailing slash), when given. */
  publicUrl: string | undefined;
  /** Session cookies are `Secure`: the public address is https. */
  secureCookies: boolean;
  /** Addresses and networks (proxy-addr's syntax) whose X-Forwarded-For is believed; empty: none. */
  trustedProxies: string[];
  secretKey: string | undefined;
  agencyRatePerSecond: number;
  agencyRateBurst: number;
  allowPrivateWebhooks: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** undefined: the logger decides (JSON in production, pretty otherwise when pino-pretty is there). */
  logFormat: 'json' | 'pretty' | undefined;
  metrics: { token: string | undefined; port: number | undefined; host: string };
  shutdownTimeoutMs: number;
}

/** The settings could not be read: one line per setting, each naming it. Nothing was started. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`the server cannot start with these settings:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/**
 * Reads and checks every setting from `env` (default `process.env`). `production` (the CLI's
 * `--production`) makes it a production start whatever NODE_ENV says. Throws {@link SettingsError}
 * naming every setting that is missing or malformed; an empty value counts as unset.
 */
export function loadSettings(
  env: Record<string, string | undefined> = process.env,
  options: { production?: boolean } = {},
): Settings {
  const problems: string[] = [];
  const parsed = {} as Record<SettingName, unknown>;
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, Setting][]) {
    const given = env[name];
    const raw = given === undefined || given.trim() === '' ? setting.default : given.trim();
    if (raw === undefined) {
      parsed[name] = undefined;
      continue;
    }
    const result = setting.schema.safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else problems.push(`${name}: ${result.error.issues.map((i) => i.message).join('; ')} (${describe(name, given)})`);
  }
  const p = parsed as Parsed;
  const production = options.production === true || p.NODE_ENV === 'production';
  if (production) {
    for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, Setting][]) {
      if (setting.production === 'required' && p[name] === undefined && !problems.some((m) => m.startsWith(`${name}:`)))
        problems.push(`${name}: required for a production start — ${setting.meaning}`);
    }
    if (p.INNFRI_PUBLIC_URL !== undefined && !p.INNFRI_PUBLIC_URL.startsWith('https://'))
      problems.push('INNFRI_PUBLIC_URL: a production start needs an https:// address (session cookies are Secure)');
    if (p.INNFRI_ALLOW_PRIVATE_WEBHOOKS === true)
      problems.push(
        'INNFRI_ALLOW_PRIVATE_WEBHOOKS: not allowed in production (webhooks could reach the internal network)',
      );
  }
  if (p.INNFRI_METRICS_PORT !== undefined && p.INNFRI_METRICS_PORT === p.PORT)
    problems.push('INNFRI_METRICS_PORT: must differ from PORT (the metrics port is the private one)');
  if (problems.length > 0) throw new SettingsError(problems);
  const publicUrl = p.INNFRI_PUBLIC_URL?.replace(/\/+$/, '');
  return {
    production,
    port: p.PORT ?? 3000,
    host: p.HOST ?? '127.0.0.1',
    database: p.DATABASE_URL
      ? {
          kind: 'postgres',
          url: p.DATABASE_URL,
          poolSize: p.INNFRI_DB_POOL_SIZE ?? 10,
          ...(p.INNFRI_DATABASE_SCHEMA ? { schema: p.INNFRI_DATABASE_SCHEMA } : {}),
        }
      : { kind: 'pglite', dataDir: p.INNFRI_DATA_DIR ?? './data' },
    publicUrl,
    secureCookies: publicUrl?.startsWith('https://') ?? false,
    trustedProxies: p.INNFRI_TRUSTED_PROXY ?? [],
    secretKey: p.INNFRI_SECRET_KEY,
    agencyRatePerSecond: p.INNFRI_AGENCY_RATE ?? 50,
    agencyRateBurst: p.INNFRI_AGENCY_BURST ?? 200,
    allowPrivateWebhooks: p.INNFRI_ALLOW_PRIVATE_WEBHOOKS ?? false,
    logLevel: p.INNFRI_LOG_LEVEL ?? 'info',
    logFormat: p.INNFRI_LOG_FORMAT,
    metrics: { token: p.INNFRI_METRICS_TOKEN, port: p.INNFRI_METRICS_PORT, host: p.INNFRI_METRICS_HOST ?? '127.0.0.1' },
    shutdownTimeoutMs: p.INNFRI_SHUTDOWN_TIMEOUT_MS ?? 10_000,
  };
}

/** What was given, for the error line, without echoing a secret. */
function describe(name: SettingName, given: string | undefined): string {
  if (given === undefined || given.trim() === '') return 'its default';
  if (/SECRET|TOKEN|KEY/.test(name)) return `given ${given.trim().length} characters`;
  if (name === 'DATABASE_URL') return 'given a value (not shown: it may hold a password)';
  return `given ${JSON.stringify(given.length > 60 ? `${given.slice(0, 60)}…` : given)}`;
}

/** The settings as a Markdown table (name, default, meaning): what README «Running in production» holds. */
export function settingsTable(): string {
  const rows = (Object.entries(SETTINGS) as [SettingName, Setting][]).map(
    ([name, s]) =>
      `| \`${name}\` | ${s.default === undefined ? (s.production ? 'required in production' : '(unset)') : s.default === '' ? '(empty)' : `\`${s.default}\``} | ${s.meaning.replaceAll('|', '\\|')} |`,
  );
  return ['| setting | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
