/**
 * Letters delivered by e-mail: the company's SMTP settings (the password sealed, never answered),
 * the rule that says whether a letter may go by e-mail (`mailRefusal`, one place for the UI, the
 * API and the daily run), and the outbox the worker (`mail.worker.ts`) delivers from.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.js';
import type { Db, Trx } from '../db/database.js';
import { formatBankAccount, formatDate, kr } from '../documents/pdf-format.js';
import type { LetterPdfData } from '../documents/pdf.js';
import { emailLettersSince, type RecordedLetter, recordedLetter } from '../dunning/dunning.service.js';
import { getInvoiceSummary } from '../sales/invoice.service.js';
import { getCustomer } from '../sales/customer.service.js';
import { AppError } from '../shared/errors.js';
import { envSecretBox } from '../shared/secret-box.js';
import type {
  LetterDelivery,
  MailAttemptOutcome,
  MailFailure,
  MailMessagesTable,
  MailStatus,
  TlsMode,
} from './mail.table.js';

export type { LetterDelivery, MailFailure, MailStatus, TlsMode };

// ---------------------------------------------------------------- settings

/** The SMTP settings as answered: never the password, only whether one is stored. */
export interface MailSettings {
  host: string;
  port: number;
  tlsMode: TlsMode;
  username: string | null;
  passwordSet: boolean;
  fromAddress: string;
  fromName: string;
  /** `email`: letters recorded for e-mail are sent by the daily run (and the worker) without a click. */
  delivery: LetterDelivery;
  emailDeliverySince: string | null;
  updatedAt: string;
}

export interface MailSettingsInput {
  host: string;
  port: number;
  tlsMode: TlsMode;
  username?: string | null | undefined;
  /** undefined: keep the stored password; null: remove it; a string: seal and store it. */
  password?: string | null | undefined;
  fromAddress: string;
  fromName?: string | undefined;
  delivery?: LetterDelivery | undefined;
}

/** What the worker needs to connect: the password opened. Never leaves the process. */
export interface SmtpConnection {
  host: string;
  port: number;
  tlsMode: TlsMode;
  username: string | null;
  password: string | null;
  fromAddress: string;
  fromName: string;
}

const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

export async function getMailSettings(db: Db | Trx, companyId: string): Promise<MailSettings | null> {
  const r = await db.selectFrom('mail_settings').selectAll().where('company_id', '=', companyId).executeTakeFirst();
  if (!r) return null;
  return {
    host: r.host,
    port: r.port,
    tlsMode: r.tls_mode,
    username: r.username,
    passwordSet: r.password_sealed !== null,
    fromAddress: r.from_address,
    fromName: r.from_name,
    delivery: r.delivery,
    emailDeliverySince: r.email_delivery_since?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The connection with its password opened (INNFRI_SECRET_KEY), for the worker only. */
export async function smtpConnection(db: Db | Trx, companyId: string): Promise<SmtpConnection | null> {
  const r = await db.selectFrom('mail_settings').selectAll().where('company_id', '=', companyId).executeTakeFirst();
  if (!r) return null;
  return {
    host: r.host,
    port: r.port,
    tlsMode: r.tls_mode,
    username: r.username,
    password: r.password_sealed === null ? null : envSecretBox().open(r.password_sealed),
    fromAddress: r.from_address,
    fromName: r.from_name,
  };
}

/**
 * Stores the company's SMTP settings (admin). The password is sealed with AES-256-GCM under
 * INNFRI_SECRET_KEY before it reaches the database (we must log in with it, so it cannot be hashed);
 * the audit trail records that it changed, never what it is.
 */
export async function putMailSettings(
  trx: Trx,
  companyId: string,
  input: MailSettingsInput,
  userId: string | null,
  now = new Date(),
): Promise<MailSettings> {
  const host = input.host.trim().toLowerCase();
  if (!HOST.test(host) || (IPV4.test(host) && host.split('.').some((n) => Number(n) > 255)))
    throw new AppError('validation_failed', `body.host: «${input.host}» is not a host name or IPv4 address`, {
      field: 'host',
    });
  const username = input.username?.trim() ? input.username.trim() : null;
  const current = await trx
    .selectFrom('mail_settings')
    .selectAll()
    .where('company_id', '=', companyId)
    .forUpdate()
    .executeTakeFirst();
  const passwordSealed =
    input.password === undefined
      ? (current?.password_sealed ?? null)
      : input.password === null || input.password === ''
        ? null
        : envSecretBox().seal(input.password);
  if (passwordSealed !== null && username === null)
    throw new AppError('validation_failed', 'body.username: a password needs a user name', { field: 'username' });
  const delivery = input.delivery ?? current?.delivery ?? 'manual';
  // Letters recorded from the moment e-mail delivery is chosen are sent; earlier ones stay as they were.
  const since = delivery === 'email' ? (current?.delivery === 'email' ? current.email_delivery_since : now) : null;
  const values = {
    host,
    port: input.port,
    tls_mode: input.tlsMode,
    username,
    password_sealed: passwordSealed,
    from_address: input.fromAddress.trim(),
    from_name: (input.fromName ?? '').trim(),
    delivery,
    email_delivery_since: since,
    updated_by: userId,
    updated_at: now,
  };
  await trx
    .insertInto('mail_settings')
    .values({ company_id: companyId, ...values })
    .onConflict((oc) => oc.column('company_id').doUpdateSet(values))
    .execute();
  const visible = (r: typeof values | undefined) =>
    r
      ? {
          host: r.host,
          port: r.port,
          tlsMode: r.tls_mode,
          username: r.username,
          fromAddress: r.from_address,
          fromName: r.from_name,
          delivery: r.delivery,
        }
      : null;
  await recordAudit(trx, {
    companyId,
    kind: 'mail.settings_changed',
    subjectIds: [companyId],
    before: visible(current as typeof values | undefined),
    after: {
      ...visible(values),
      passwordChanged: input.password !== undefined && passwordSealed !== (current?.password_sealed ?? null),
    },
  });
  return (await getMailSettings(trx, companyId))!;
}

// ---------------------------------------------------------------- the rule

export type MailRefusalReason = 'not_configured' | 'no_email' | 'no_consent' | 'already_emailed';

export interface MailFacts {
  configured: boolean;
  letterType: RecordedLetter['type'];
  customerName: string;
  customerEmail: string | null;
  /** The date the company recorded the customer's agreement to electronic notices. */
  agreedOn: string | null;
  /** A message for the letter that is queued or sent already. */
  active: { status: MailStatus } | null;
}

/**
 * Whether a letter may go by e-mail, and why not: SMTP settings stored; an e-mail address on the
 * customer; a collection notice only where the company has recorded that the customer agreed to
 * electronic notices (inkassoloven § 9 asks the notice be sent in a reliable way; without that
 * agreement it goes by post, as its PDF); and once — a letter queued or sent is not sent again.
 */
export function mailRefusal(
  f: MailFacts,
): { reason: MailRefusalReason; detail: string; figures: Record<string, unknown> } | null {
  if (!f.configured)
    return { reason: 'not_configured', detail: 'the company has no SMTP settings for e-mail', figures: {} };
  if (!f.customerEmail)
    return {
      reason: 'no_email',
      detail: `the customer ${f.customerName} has no e-mail address`,
      figures: { customerName: f.customerName },
    };
  if (f.letterType === 'collection_notice' && !f.agreedOn)
    return {
      reason: 'no_consent',
      detail: `a collection notice goes by e-mail only where ${f.customerName} has agreed to electronic notices (inkassoloven § 9); send it by post`,
      figures: { customerName: f.customerName },
    };
  if (f.active)
    return {
      reason: 'already_emailed',
      detail: `the letter is ${f.active.status === 'sent' ? 'sent' : 'queued'} by e-mail already`,
      figures: { status: f.active.status },
    };
  return null;
}

// ---------------------------------------------------------------- the message

/** The e-mail's subject and text, from the letter as it was recorded (the PDF carries the same figures). */
export function letterEmailContent(d: LetterPdfData): { subject: string; text: string; filename: string } {
  const title = d.type === 'reminder' ? (d.sequence > 1 ? `${d.sequence}. purring` : 'Purring') : 'Inkassovarsel';
  const subject = `${title} – faktura ${d.invoice.invoiceNumber} fra ${d.creditor.name}`;
  const lines = [
    `Til ${d.customer.name}`,
    '',
    d.type === 'reminder'
      ? `Vi kan ikke se å ha mottatt betaling for faktura ${d.invoice.invoiceNumber}, som forfalt ${formatDate(d.invoice.dueDate)}.`
      : `Faktura ${d.invoice.invoiceNumber}, som forfalt ${formatDate(d.invoice.dueDate)}, er fortsatt ikke betalt. Dette er et inkassovarsel etter inkassoloven § 9.`,
    '',
    `Å betale: ${kr(d.totalToPay)}`,
    `  Utestående på fakturaen: ${kr(d.invoice.openAmount)}`,
    ...(d.feeAmount > 0 ? [`  Gebyr for dette brevet: ${kr(d.feeAmount)}`] : []),
    ...(d.earlierFeesOpen > 0 ? [`  Tidligere gebyrer ubetalt: ${kr(d.earlierFeesOpen)}`] : []),
    `Betalingsfrist: ${formatDate(d.deadline)}`,
    `Til konto: ${formatBankAccount(d.creditor.bankAccount)}`,
    `KID: ${d.invoice.kid}`,
    '',
    ...(d.type === 'collection_notice'
      ? [
          'Betales ikke kravet innen fristen, kan det bli sendt til inkasso, og det kan påløpe inkassosalær og renter.',
          '',
        ]
      : []),
    'Brevet ligger vedlagt som PDF. Har du betalt i mellomtiden, kan du se bort fra denne henvendelsen.',
    '',
    'Med vennlig hilsen',
    d.creditor.name,
  ];
  const kind = d.type === 'reminder' ? `purring-${d.sequence}` : 'inkassovarsel';
  return { subject, text: lines.join('\n'), filename: `${kind}-faktura-${d.invoice.invoiceNumber}.pdf` };
}

export interface MailAttempt {
  at: string;
  outcome: MailAttemptOutcome;
  smtpCode: number | null;
  response: string | null;
}

export interface MailMessage {
  id: string;
  letterId: string;
  invoiceId: string;
  to: string;
  subject: string;
  status: MailStatus;
  failure: MailFailure | null;
  attempts: number;
  nextAttemptAt: string | null;
  /** The server's last answer (its code and text), or the connection error. */
  lastCode: number | null;
  lastResponse: string | null;
  requestedBy: 'user' | 'daily_run';
  createdAt: string;
  finishedAt: string | null;
  history: MailAttempt[];
}

function messageOf(
  r: Pick<
    import('kysely').Selectable<MailMessagesTable>,
    | 'id'
    | 'letter_id'
    | 'invoice_id'
    | 'to_address'
    | 'subject'
    | 'status'
    | 'failure'
    | 'attempts'
    | 'next_attempt_at'
    | 'last_code'
    | 'last_response'
    | 'requested_by'
    | 'created_at'
    | 'finished_at'
  >,
  history: MailAttempt[],
): MailMessage {
  return {
    id: r.id,
    letterId: r.letter_id,
    invoiceId: r.invoice_id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    failure: r.failure,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'queued' ? r.next_attempt_at.toISOString() : null,
    lastCode: r.last_code,
    lastResponse: r.last_response,
    requestedBy: r.requested_by,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    history,
  };
}

/** The e-mails of an invoice's letters, oldest first, each with its attempts. */
export async function mailOfInvoice(db: Db | Trx, companyId: string, invoiceId: string): Promise<MailMessage[]> {
  const rows = await db
    .selectFrom('mail_messages')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const attempts = await db
    .selectFrom('mail_attempts')
    .select(['message_id', 'attempted_at', 'outcome', 'smtp_code', 'response'])
    .where(
      'message_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) =>
    messageOf(
      r,
      attempts
        .filter((a) => a.message_id === r.id)
        .map((a) => ({
          at: a.attempted_at.toISOString(),
          outcome: a.outcome,
          smtpCode: a.smtp_code,
          response: a.response,
        })),
    ),
  );
}

export async function getMailMessage(db: Db | Trx, companyId: string, messageId: string): Promise<MailMessage> {
  const row = await db
    .selectFrom('mail_messages')
    .select('invoice_id')
    .where('company_id', '=', companyId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'the e-mail was not found');
  return (await mailOfInvoice(db, companyId, row.invoice_id)).find((m) => m.id === messageId)!;
}

/** The facts `mailRefusal` decides on, read in the caller's transaction (the letter's active message locked). */
async function mailFacts(trx: Trx, companyId: string, letter: RecordedLetter): Promise<MailFacts> {
  const invoice = await getInvoiceSummary(trx, companyId, letter.invoiceId);
  const [customer, configured, active] = await Promise.all([
    getCustomer(trx, companyId, invoice.customerId),
    trx
      .selectFrom('mail_settings')
      .select('company_id')
      .where('company_id', '=', companyId)
      .executeTakeFirst()
      .then((r) => r !== undefined),
    trx
      .selectFrom('mail_messages')
      .select('status')
      .where('letter_id', '=', letter.id)
      .where('status', 'in', ['queued', 'sent'])
      .executeTakeFirst(),
  ]);
  return {
    configured,
    letterType: letter.type,
    customerName: customer.name,
    customerEmail: customer.email,
    agreedOn: customer.electronicNoticesAgreedOn,
    active: active ?? null,
  };
}

/**
 * Puts a letter in the outbox to be e-mailed with its PDF attached (the worker sends it), after
 * `mailRefusal`. Called by the accountant's API (and so the UI) and by the daily run. A concurrent
 * second request for the same letter is stopped by the unique index of active messages.
 */
export async function queueLetterEmail(
  trx: Trx,
  companyId: string,
  letterId: string,
  by: { requestedBy: 'user' | 'daily_run'; userId: string | null },
): Promise<MailMessage> {
  const letter = await recordedLetter(trx, companyId, letterId);
  const facts = await mailFacts(trx, companyId, letter);
  const refusal = mailRefusal(facts);
  if (refusal) throw new AppError('mail_not_allowed', refusal.detail, { reason: refusal.reason, ...refusal.figures });
  const { subject, text } = letterEmailContent(letter.document);
  const id = randomUUID();
  const inserted = await trx
    .insertInto('mail_messages')
    .values({
      company_id: companyId,
      id,
      letter_id: letter.id,
      invoice_id: letter.invoiceId,
      to_address: facts.customerEmail!,
      subject,
      body_text: text,
      // A Message-ID of our own: a delivery repeated after a crash carries the same one.
      message_id: `<${id}@innfri.invalid>`,
      status: 'queued',
      failure: null,
      requested_by: by.requestedBy,
      created_by: by.userId,
    })
    .onConflict((oc) => oc.column('letter_id').where('status', 'in', ['queued', 'sent']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted)
    throw new AppError('mail_not_allowed', 'the letter is queued or sent by e-mail already', {
      reason: 'already_emailed',
      status: 'queued',
    });
  await recordAudit(trx, {
    companyId,
    kind: 'letter.email_queued',
    subjectIds: [letter.invoiceId, letter.id, id],
    ...(by.requestedBy === 'daily_run' ? { actor: { type: 'system' as const, name: 'daily run' } } : {}),
    after: { to: facts.customerEmail, subject, type: letter.type },
  });
  return messageOf(inserted, []);
}

/** How far back the automatic delivery looks for letters recorded for e-mail without a message. */
export const AUTO_DELIVERY_WINDOW_DAYS = 7;

/**
 * Where the company chose e-mail delivery: queues every letter recorded for e-mail since that
 * choice that has no message yet. A letter the rule stops (no address, a notice without agreement)
 * is left for post and counted. Called by the daily run and by the worker between deliveries.
 */
export async function queueLettersForEmailDelivery(
  db: Db,
  companyId: string,
  inTrx: <T>(fn: (trx: Trx) => Promise<T>) => Promise<T>,
  now = new Date(),
): Promise<{ queued: number; skipped: Partial<Record<MailRefusalReason, number>> }> {
  const settings = await getMailSettings(db, companyId);
  const result = { queued: 0, skipped: {} as Partial<Record<MailRefusalReason, number>> };
  if (settings?.delivery !== 'email' || !settings.emailDeliverySince) return result;
  // Letters of the last days only: one the rule stops stays for post and is not looked at for ever.
  const window = new Date(now.getTime() - AUTO_DELIVERY_WINDOW_DAYS * 86_400_000);
  const since = new Date(settings.emailDeliverySince);
  const ids = await emailLettersSince(db, companyId, since > window ? since : window);
  if (ids.length === 0) return result;
  const seen = new Set(
    (
      await db
        .selectFrom('mail_messages')
        .select('letter_id')
        .where('company_id', '=', companyId)
        .where('letter_id', 'in', ids)
        .execute()
    ).map((r) => r.letter_id),
  );
  for (const id of ids) {
    if (seen.has(id)) continue;
    try {
      await inTrx((trx) => queueLetterEmail(trx, companyId, id, { requestedBy: 'daily_run', userId: null }));
      result.queued += 1;
    } catch (e) {
      const reason = e instanceof AppError ? (e.extra?.reason as MailRefusalReason | undefined) : undefined;
      if (!reason) throw e;
      result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
    }
  }
  return result;
}

/** The companies that chose e-mail delivery. */
export async function companiesWithEmailDelivery(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('mail_settings').select('company_id').where('delivery', '=', 'email').execute();
  return rows.map((r) => r.company_id);
}
