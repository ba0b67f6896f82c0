import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/**
 * The service's logger (pino). JSON lines by default — one object a line, with `time`, `level`,
 * `msg` and the fields given — or pretty for a person when the server is started so
 * ({@link configureLogger}). Whatever a caller hands it, the paths below are replaced by
 * "[redacted]": passwords, secrets, tokens, cookies and authorization headers never reach a log line,
 * even by mistake. Request bodies are never logged at all (the access line names the route, not the data).
 */
export const REDACTED_PATHS = [
  'password',
  'newPassword',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'authorization',
  'cookie',
  'csrfToken',
  'body',
  '*.password',
  '*.newPassword',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.authorization',
  '*.cookie',
  '*.csrfToken',
  '*.body',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type { Logger };

function options(level: LogLevel): LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** Under vitest nothing but warnings and errors, unless INNFRI_LOG_LEVEL says otherwise. */
const defaultLevel = (): LogLevel =>
  (process.env.INNFRI_LOG_LEVEL as LogLevel | undefined) ?? (process.env.VITEST ? 'warn' : 'info');

let current: Logger = pino(options(defaultLevel()));

/** The process's logger: what the server configured, else JSON to stdout. */
export function log(): Logger {
  return current;
}

/** Makes `logger` the process's logger; returns the one it replaces (tests put it back). */
export function installLogger(logger: Logger): Logger {
  const previous = current;
  current = logger;
  return previous;
}

/**
 * Makes a logger: JSON to `destination` (stdout by default), or `pretty` through pino-pretty (a
 * development dependency; when it is missing the lines stay JSON). `install` makes it the
 * process's logger ({@link log}).
 */
export function createLogger(
  config: { level: LogLevel; format?: 'json' | 'pretty' | undefined; destination?: DestinationStream },
  install = true,
): Logger {
  let made: Logger;
  if (config.format === 'pretty' && !config.destination && prettyAvailable()) {
    made = pino(
      options(config.level),
      pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } }),
    );
  } else {
    made = config.destination ? pino(options(config.level), config.destination) : pino(options(config.level));
  }
  if (install) current = made;
  return made;
}

function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
