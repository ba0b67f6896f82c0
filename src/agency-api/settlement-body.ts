import { JSONParser } from '@streamparser/json';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from '@hono/zod-openapi';
import type { SettlementHeader, SettlementLine, SettlementLineSource } from '../collection/settlement.service.js';
import { badText, fieldError, MAX_JSON_DEPTH } from '../http/input-guard.js';
import { AppError } from '../shared/errors.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { MAX_SETTLEMENT_LINES, NewSettlementSchema, SettlementLineSchema } from './agency-api.schemas.js';

/**
 * A settlement's body read as a stream (issue 15): a body of 100 000 lines is never held whole —
 * neither as text nor as objects. Each line is checked against the contract as it arrives (a bad
 * line is refused naming it, `body.lines.15000.amount`) and written in its canonical form (keys
 * sorted, as `settlementHash` hashes it) to a temporary file, one line a row; the small members
 * (reference, date, bank amount, statement) are checked at the end with the same schema as before.
 * The file is then read back in chunks: once for the hashes (the settlement's, and the
 * Idempotency-Key's of the same canonical text), once by the service as it stores the lines.
 */
export interface SettlementBody {
  header: SettlementHeader;
  lineCount: number;
  /** The settlement's hash, as `settlementHash` of the whole body gives it. */
  hash: string;
  /** sha256 of `${method} ${path}\n` and the canonical body: the Idempotency-Key's request hash. */
  requestHash: string;
  lines: SettlementLineSource;
  /** The keys of an object-form statement in the order the text had them (null: a list or none). */
  statementKeyOrder: string[] | null;
  /** Deletes the temporary file (call in `finally`). */
  dispose(): Promise<void>;
}

const HEADER_KEYS = new Set(['reference', 'settlementDate', 'bankAmount', 'statement']);
const HeaderSchema = NewSettlementSchema.omit({ lines: true });

function zodLineError(error: z.ZodError, index: number): AppError {
  const errors = error.issues.map((i) => ({
    path: ['body', 'lines', String(index), ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const first = errors[0]!;
  return new AppError(
    'validation_failed',
    `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
    { errors, line: index },
  );
}

/** The first string in `value` PostgreSQL cannot store (the input guard's rule), or too deep. */
function checkStrings(value: unknown, path: string, depth: number): void {
  if (depth > MAX_JSON_DEPTH)
    throw fieldError('body', `nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`);
  if (typeof value === 'string') {
    const why = badText(value);
    if (why) throw fieldError(path, why);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (badText(key)) throw fieldError(`${path} (a member name)`, badText(key)!);
      checkStrings(item, `${path}.${key}`, depth + 1);
    }
  }
}

/**
 * Reads, checks and spools a settlement body. `maxBytes`: more is 413 `payload_too_large` (the
 * endpoint's limit, counted here as the bytes arrive, with or without a Content-Length).
 */
export async function readSettlementBody(
  stream: ReadableStream<Uint8Array> | null,
  options: { maxBytes: number; method: string; path: string },
): Promise<SettlementBody> {
  const dir = await mkdtemp(join(tmpdir(), 'innfri-settlement-'));
  const file = join(dir, 'lines.ndjson');
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const out = await open(file, 'w');
    const header: Record<string, unknown> = {};
    let lineCount = 0;
    let sawLines = false;
    let failure: unknown = null;
    const statementKeys: string[] = [];
    let pending: string[] = [];
    let pendingBytes = 0;
    const parser = new JSONParser({ paths: ['$.*', '$.lines.*', '$.statement.*'], keepStack: false });
    parser.onError = (e) => {
      failure ??= e;
    };
    parser.onValue = ({ value, key, parent, stack }) => {
      if (failure) return;
      try {
        if (stack.length === 1) {
          if (Array.isArray(parent)) throw new AppError('validation_failed', 'body: a settlement is a JSON object');
          const name = String(key);
          if (name === 'lines') {
            if (!Array.isArray(value))
              throw new AppError('validation_failed', 'body.lines: Expected array', {
                errors: [{ path: 'body.lines', message: 'Expected array' }],
              });
            sawLines = true;
            return;
          }
          if (!HEADER_KEYS.has(name))
            throw new AppError('validation_failed', `body: Unrecognized key(s) in object: '${name}'`, {
              errors: [{ path: 'body', message: `Unrecognized key(s) in object: '${name}'` }],
            });
          checkStrings(value, `body.${name}`, 1);
          header[name] = value;
          return;
        }
        if (stack[1]?.key === 'statement') {
          if (!Array.isArray(parent)) statementKeys.push(String(key));
          return;
        }
        if (stack[1]?.key !== 'lines') return;
        // A line: the parser's array keeps nothing we have handled.
        if (Array.isArray(parent)) parent.length = 0;
        const index = lineCount;
        if (index >= MAX_SETTLEMENT_LINES)
          throw new AppError(
            'validation_failed',
            `body.lines: at most ${MAX_SETTLEMENT_LINES} lines (post the rest as another settlement)`,
            {
              errors: [
                { path: 'body.lines', message: `Array must contain at most ${MAX_SETTLEMENT_LINES} element(s)` },
              ],
            },
          );
        checkStrings(value, `body.lines.${index}`, 2);
        const parsed = SettlementLineSchema.safeParse(value);
        if (!parsed.success) throw zodLineError(parsed.error, index);
        const text = canonicalJson(parsed.data);
        pending.push(text);
        pendingBytes += text.length + 1;
        lineCount += 1;
      } catch (error) {
        failure = error;
      }
    };
    let size = 0;
    try {
      if (!stream) throw new AppError('validation_failed', 'body: a settlement is a JSON object');
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > options.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new AppError('payload_too_large', `the settlement is larger than ${options.maxBytes} bytes`);
        }
        if (!failure) parser.write(value);
        if (pendingBytes > 256 * 1024) {
          await out.write(`${pending.join('\n')}\n`);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (failure) throw failure;
      if (!parser.isEnded) parser.end();
      if (failure) throw failure;
      if (pending.length > 0) await out.write(`${pending.join('\n')}\n`);
      pending = [];
    } finally {
      await out.close();
    }
    if (size === 0) throw new AppError('validation_failed', 'body: a settlement is a JSON object');
    // The small members, and the lines' count, as the schema says.
    const checked = HeaderSchema.safeParse(header);
    if (!checked.success) {
      const errors = checked.error.issues.map((i) => ({
        path: ['body', ...i.path.map(String)].join('.'),
        message: i.message,
      }));
      throw new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, { errors });
    }
    if (!sawLines || lineCount === 0)
      throw new AppError(
        'validation_failed',
        `body.lines: ${sawLines ? 'Array must contain at least 1 element(s)' : 'Required'}`,
        {
          errors: [{ path: 'body.lines', message: sawLines ? 'Array must contain at least 1 element(s)' : 'Required' }],
        },
      );
    const h = checked.data as SettlementHeader;
    const lines: SettlementLineSource = () => readLines(file);
    const [hash, requestHash] = await hashes(h, file, `${options.method} ${options.path}\n`);
    const statementKeyOrder = h.statement !== undefined && !Array.isArray(h.statement) ? statementKeys : null;
    return { header: h, lineCount, hash, requestHash, lines, statementKeyOrder, dispose };
  } catch (error) {
    await dispose();
    if (error instanceof AppError) throw error;
    // The parser's own errors: not JSON.
    if (error instanceof Error && /Tokenizer|Parser|Unexpected/i.test(error.name + error.message))
      throw new AppError('invalid_json', `the body is not valid JSON: ${error.message}`);
    throw error;
  }
}

/** The canonical lines back from the file, in chunks of `CHUNK`. */
async function* readLines(file: string, chunk = 2000): AsyncGenerator<SettlementLine[]> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: SettlementLine[] = [];
  for await (const text of rl) {
    if (text.length === 0) continue;
    batch.push(JSON.parse(text) as SettlementLine);
    if (batch.length >= chunk) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * `settlementHash`'s canonical text of the body, hashed from the file: the keys sorted, so
 * `bankAmount` comes before the lines and `reference`, `settlementDate`, `statement` after them.
 */
async function hashes(header: SettlementHeader, file: string, requestPrefix: string): Promise<[string, string]> {
  const settlement = createHash('sha256');
  const request = createHash('sha256').update(requestPrefix);
  const both = (s: string) => {
    settlement.update(s);
    request.update(s);
  };
  both(`{"bankAmount":${canonicalJson(header.bankAmount)},"lines":[`);
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let first = true;
  for await (const text of rl) {
    if (text.length === 0) continue;
    both(first ? text : `,${text}`);
    first = false;
  }
  both(`],"reference":${canonicalJson(header.reference)},"settlementDate":${canonicalJson(header.settlementDate)}`);
  if (header.statement !== undefined) both(`,"statement":${canonicalJson(header.statement)}`);
  both('}');
  return [settlement.digest('hex'), request.digest('hex')];
}
