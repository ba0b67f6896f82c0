/**
 * The outbox worker: claims due messages with FOR UPDATE SKIP LOCKED (several workers or servers
 * never take the same row), leases them, sends each through the company's SMTP server with
 * nodemailer (the letter's PDF attached, rendered from the letter as recorded), and records every
 * attempt. A 2xx is `sent`; a 5xx from the server is `failed` at once with the server's answer (it
 * refused the message: retrying would not help); a 4xx or a connection error is retried with
 * exponential backoff, and after the last attempt is `failed` (`gave_up`). Passwords are opened
 * only here, in memory, and never logged.
 */
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { claimDue } from '../db/claim.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { renderLetterPdf } from '../documents/pdf.js';
import { recordedLetter } from '../dunning/dunning.service.js';
import { logError } from '../shared/error-log.js';
import {
  companiesWithEmailDelivery,
  letterEmailContent,
  queueLettersForEmailDelivery,
  type SmtpConnection,
  smtpConnection,
} from './mail.service.js';
import type { MailAttemptOutcome } from './mail.table.js';

/** Attempts before a message that only ever met temporary errors is given up. */
export const MAX_MAIL_ATTEMPTS = 8;
/** How long a claimed message is held before another worker may take it (a crashed send). */
const LEASE_MS = 5 * 60_000;
const MAX_RESPONSE_LENGTH = 1000;

/** Seconds to wait after the `attempts`-th temporary failure: 60 × 2^(attempts−1), at most an hour. */
export function mailBackoffSeconds(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 3600);
}

export interface MailDeliverOptions {
  now?: () => Date;
  /** Messages claimed at a time. */
  batch?: number;
  /** Socket timeouts, ms (tests shorten them). */
  timeoutMs?: number;
}

export interface MailDeliverResult {
  sent: number;
  retried: number;
  failed: number;
}

interface Claimed {
  id: string;
  companyId: string;
  letterId: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  attempts: number;
  lease: Date;
}

/** Claims up to `limit` queued messages that are due, leased for LEASE_MS (`claimDue`, one statement). */
async function claim(db: Db, at: Date, limit: number): Promise<Claimed[]> {
  const { rows, lease } = await claimDue<{
    id: string;
    company_id: string;
    letter_id: string;
    to_address: string;
    subject: string;
    body_text: string;
    message_id: string;
    attempts: number;
  }>(db, {
    table: 'mail_messages',
    key: 'id',
    columns: ['id', 'company_id', 'letter_id', 'to_address', 'subject', 'body_text', 'message_id', 'attempts'],
    where: sql`due.status = 'queued'`,
    at,
    limit,
    leaseMs: LEASE_MS,
  });
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    letterId: r.letter_id,
    to: r.to_address,
    subject: r.subject,
    text: r.body_text,
    messageId: r.message_id,
    attempts: r.attempts,
    lease,
  }));
}

interface Outcome {
  outcome: MailAttemptOutcome;
  code: number | null;
  response: string | null;
  durationMs: number;
}

/** The server's answer of a nodemailer error: its SMTP code and text, else the error's code and message. */
function classify(error: unknown): Omit<Outcome, 'durationMs'> {
  const e = error as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text =
    typeof e.response === 'string' && e.response
      ? e.response
      : [typeof e.code === 'string' ? e.code : null, typeof e.message === 'string' ? e.message : String(error)]
          .filter(Boolean)
          .join(': ');
  const response = text.slice(0, MAX_RESPONSE_LENGTH);
  if (code !== null && code >= 500) return { outcome: 'rejected', code, response };
  if (code !== null && code >= 400) return { outcome: 'temporary', code, response };
  return { outcome: 'error', code, response };
}

function transportFor(conn: SmtpConnection, timeoutMs: number) {
  return nodemailer.createTransport({
    host: conn.host,
    port: conn.port,
    secure: conn.tlsMode === 'tls',
    requireTLS: conn.tlsMode === 'starttls',
    ignoreTLS: conn.tlsMode === 'none',
    ...(conn.username ? { auth: { user: conn.username, pass: conn.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // Never log: the log would carry the AUTH exchange.
    logger: false,
    debug: false,
  });
}

async function sendOne(db: Db, m: Claimed, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  let conn: SmtpConnection | null;
  try {
    conn = await smtpConnection(db, m.companyId);
  } catch (error) {
    // A sealed password the key cannot open: the operator's to fix; retried meanwhile.
    return { outcome: 'error', code: null, response: String((error as Error).message), durationMs: duration() };
  }
  if (!conn) return { outcome: 'error', code: null, response: 'no SMTP settings', durationMs: duration() };
  try {
    const letter = await recordedLetter(db, m.companyId, m.letterId);
    const pdf = await renderLetterPdf(letter.document);
    const { filename } = letterEmailContent(letter.document);
    const transport = transportFor(conn, timeoutMs);
    try {
      const info = await transport.sendMail({
        from: conn.fromName ? { name: conn.fromName, address: conn.fromAddress } : conn.fromAddress,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
        attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
      });
      const response = typeof info.response === 'string' ? info.response.slice(0, MAX_RESPONSE_LENGTH) : null;
      const code = response ? Number(response.slice(0, 3)) || null : null;
      return { outcome: 'sent', code, response, durationMs: duration() };
    } finally {
      transport.close();
    }
  } catch (error) {
    return { ...classify(error), durationMs: duration() };
  }
}

async function record(db: Db, m: Claimed, o: Outcome, at: Date): Promise<'sent' | 'retried' | 'failed' | 'lost'> {
  const attempts = m.attempts + 1;
  const done = o.outcome === 'sent';
  const rejected = o.outcome === 'rejected';
  const gaveUp = !done && !rejected && attempts >= MAX_MAIL_ATTEMPTS;
  const result = done ? 'sent' : rejected || gaveUp ? 'failed' : 'retried';
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('mail_messages')
      .set({
        attempts,
        last_code: o.code,
        last_response: o.response,
        status: result === 'retried' ? 'queued' : result,
        failure: rejected ? 'rejected' : gaveUp ? 'gave_up' : null,
        next_attempt_at: result === 'retried' ? new Date(at.getTime() + mailBackoffSeconds(attempts) * 1000) : m.lease,
        finished_at: result === 'retried' ? null : at,
      })
      .where('id', '=', m.id)
      .where('status', '=', 'queued')
      .where('next_attempt_at', '=', m.lease)
      .executeTakeFirst();
    // Lost the lease (it ran out and another worker took the row): that worker records its own attempt.
    if (Number(updated.numUpdatedRows) === 0) return 'lost';
    await trx
      .insertInto('mail_attempts')
      .values({
        company_id: m.companyId,
        message_id: m.id,
        attempted_at: at,
        outcome: o.outcome,
        smtp_code: o.code,
        response: o.response,
        duration_ms: o.durationMs,
      })
      .execute();
    return result;
  });
}

/** Sends what is due, a batch at a time, until nothing due is left. */
export async function deliverDueMail(db: Db, options: MailDeliverOptions = {}): Promise<MailDeliverResult> {
  const now = options.now ?? (() => new Date());
  const batch = Math.max(1, options.batch ?? 10);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const result: MailDeliverResult = { sent: 0, retried: 0, failed: 0 };
  const seen = new Set<string>();
  for (;;) {
    const claimed = (await claim(db, now(), batch)).filter((m) => !seen.has(m.id));
    if (claimed.length === 0) return result;
    for (const m of claimed) {
      seen.add(m.id);
      const outcome = await sendOne(db, m, timeoutMs);
      const r = await record(db, m, outcome, now());
      if (r !== 'lost') result[r] += 1;
    }
  }
}

/**
 * Runs the outbox every `intervalMs` (and, where a company chose e-mail delivery, queues its new
 * letters first, at most once a minute), never overlapping itself. Returns a function that stops it
 * and resolves once a run in progress has finished.
 */
export function startMailWorker(
  db: Db,
  options: { intervalMs?: number; onError?: (error: unknown) => void; timeoutMs?: number } = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 2000;
  const onError = options.onError ?? ((error: unknown) => logError('mail delivery failed', error));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let sweptAt = 0;
  const tick = async () => {
    try {
      if (Date.now() - sweptAt >= 60_000) {
        sweptAt = Date.now();
        for (const companyId of await companiesWithEmailDelivery(db))
          await queueLettersForEmailDelivery(db, companyId, (fn) => inTransaction(db, fn));
      }
      await deliverDueMail(db, { timeoutMs: options.timeoutMs });
    } catch (error) {
      onError(error);
    }
    if (!stopped) schedule(intervalMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      running = tick();
    }, ms);
    timer.unref();
  };
  schedule(0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
