import { log } from './log.js';

/** What of a database error is safe to log: its SQLSTATE and where it arose, never the values. */
const SAFE_DB_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

/** Quoted parts of a message ("…" and '…'): where PostgreSQL and most libraries put the values. */
function withoutQuoted(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/'(?:[^'\\]|\\.)*'/g, "'…'");
}

/**
 * An error as it may be written to a log: its name, its message with quoted values left out, a
 * database error's code and the table, column or constraint, and the stack's frames. Never what a
 * driver hangs on the error beside that — PGlite adds the query's parameters (`params`), PostgreSQL
 * a `detail` and `where` with row values — so an agency's settlement lines, a customer's name or a
 * request body never reach the log.
 */
export function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error} (not an Error)`;
  const fields = error as unknown as Record<string, unknown>;
  const isDb = typeof fields.code === 'string' && typeof fields.severity === 'string';
  const facts = isDb
    ? SAFE_DB_FIELDS.filter((k) => typeof fields[k] === 'string')
        .map((k) => `${k}=${withoutQuoted(fields[k] as string)}`)
        .join(' ')
    : '';
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  let text = `${error.name}: ${withoutQuoted(error.message)}${facts ? ` [${facts}]` : ''}${frames ? `\n${frames}` : ''}`;
  if (error.cause !== undefined && depth < 3) text += `\ncaused by ${describeError(error.cause, depth + 1)}`;
  return text;
}

/**
 * Logs an unexpected error once, at level error, as {@link describeError} describes it (its stack
 * included) under `err`, with what was being done as the message and `fields` (a request id, a
 * company) beside it.
 */
export function logError(context: string, error: unknown, fields: Record<string, unknown> = {}): void {
  log().error({ ...fields, err: describeError(error) }, context);
}

/** Logs a warning: something an operator should see that is not an error of the service. */
export function logWarning(message: string, fields: Record<string, unknown> = {}): void {
  log().warn(fields, message);
}
