import { randomBytes, randomUUID } from 'node:crypto';
import { formatKr, ore } from '@innfri/money';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../src/collection/process.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { LetterPdfData } from '../../src/documents/pdf.js';
import { deliverDueMail, MAX_MAIL_ATTEMPTS } from '../../src/mail/mail.worker.js';
import { formatDate } from '../../src/documents/pdf-format.js';
import { addDays } from '../../src/shared/dates.js';
import { createUser } from '../../src/tenancy/user.service.js';
import { BACKENDS } from '../support/db.js';
import { uniqueOrgnr, validBankAccount } from '../support/fixtures.js';
import { ApiClient, type ApiResponse, TEST_TODAY, useTestApp } from '../support/http.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

/*
 * Letters by e-mail through the outbox, against a real SMTP receiver (smtp-server on a free port of
 * 127.0.0.1, messages parsed back with mailparser): the SMTP settings with the password sealed and
 * never answered, a reminder that arrives with its recipient, subject, text and PDF (read back to the
 * letter's figures), a 5xx that leaves the e-mail failed with the server's answer, 4xx answers
 * retried with backoff, the same send retried with one Idempotency-Key sending nothing twice, the
 * collection notice only with the customer's agreement, and the daily run's automatic delivery.
 */

const PASSWORD = 'correct horse battery staple';
const SMTP_USER = 'innfri-smtp';
const SMTP_PASSWORD = `smtp-${randomUUID()}`;

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
const kr = (n: number) => formatKr(ore(n), 'nb').replace(/\s+/g, ' ');

function expectStatus(res: ApiResponse, status: number, label = ''): void {
  expect(res.status, `${label} → ${JSON.stringify(res.body)?.slice(0, 400)}`).toBe(status);
}

describe.each(BACKENDS)('letters by e-mail on %s', (backend) => {
  const ctx = useTestApp(backend);
  let smtp: TestSmtp;
  let keyBefore: string | undefined;
  /** Per address: answers to give at RCPT TO, one per attempt (then accept). */
  const script = new Map<string, Array<{ code: number; message: string }>>();

  beforeAll(async () => {
    keyBefore = process.env.INNFRI_SECRET_KEY;
    process.env.INNFRI_SECRET_KEY = randomBytes(32).toString('base64');
    smtp = await startTestSmtp({
      username: SMTP_USER,
      password: SMTP_PASSWORD,
      answer: (address) => {
        if (address.startsWith('refuse')) return { code: 550, message: '5.1.1 <refuse> Mailbox unavailable' };
        return script.get(address)?.shift();
      },
    });
  });
  afterAll(async () => {
    await smtp?.close();
    if (keyBefore === undefined) delete process.env.INNFRI_SECRET_KEY;
    else process.env.INNFRI_SECRET_KEY = keyBefore;
  });

  async function world() {
    const email = `admin-${randomUUID()}@example.no`;
    await inTransaction(ctx.db, (trx) => createUser(trx, { email, name: 'Admin', password: PASSWORD }));
    const client = new ApiClient(ctx.app);
    expectStatus(await client.login(email, PASSWORD), 200, 'login');
    const res = await client.post('/companies', {
      name: 'Epostfirma AS',
      organizationNumber: uniqueOrgnr(),
      bankAccount: validBankAccount(),
    });
    expectStatus(res, 201, 'company');
    const companyId = res.body.id as string;
    const base = `/companies/${companyId}`;
    const customer = async (emailAddress: string | null, extra: Record<string, unknown> = {}) => {
      const r = await client.post(`${base}/customers`, {
        type: 'company',
        name: `Kunde ${randomUUID().slice(0, 6)} AS`,
        organizationNumber: uniqueOrgnr(),
        email: emailAddress,
        ...extra,
      });
      expectStatus(r, 201, 'customer');
      return r.body;
    };
    /** An overdue invoice of 1 000,00 kr + 25 % VAT with a reminder sent today; returns both. */
    const letter = async (customerId: string, type: 'reminder' | 'collection_notice' = 'reminder') => {
      const inv = await client.post(`${base}/invoices`, {
        customerId,
        issueDate: '2026-09-17',
        dueDate: '2026-10-01',
        lines: [{ description: 'Arbeid', quantity: 1, unitPrice: 100_000, vatRate: 25 }],
      });
      expectStatus(inv, 201, 'invoice');
      const l = await client.post(`${base}/invoices/${inv.body.id as string}/letters`, { type });
      expectStatus(l, 201, `letter ${type}`);
      return { invoice: inv.body, letter: l.body };
    };
    const settings = (extra: Record<string, unknown> = {}) =>
      client.request('PUT', `${base}/mail-settings`, {
        host: '127.0.0.1',
        port: smtp.port,
        tlsMode: 'none',
        username: SMTP_USER,
        password: SMTP_PASSWORD,
        fromAddress: 'purring@epostfirma.no',
        fromName: 'Epostfirma AS',
        ...extra,
      });
    const emails = async (invoiceId: string) => {
      const r = await client.get(`${base}/invoices/${invoiceId}/emails`);
      expectStatus(r, 200, 'emails');
      return r.body.data as any[];
    };
    return { client, companyId, base, customer, letter, settings, emails };
  }

  const deliver = (now?: Date) => deliverDueMail(ctx.db, { timeoutMs: 10_000, ...(now ? { now: () => now } : {}) });

  it('stores the SMTP password sealed, never answers it, and refuses bad settings', async () => {
    const w = await world();
    expectStatus(await w.client.get(`${w.base}/mail-settings`), 200);
    expect((await w.client.get(`${w.base}/mail-settings`)).body).toEqual({ settings: null });
    const put = await w.settings();
    expectStatus(put, 200, 'put');
    expect(put.body.settings).toMatchObject({ host: '127.0.0.1', passwordSet: true, delivery: 'manual' });
    expect(JSON.stringify(put.body)).not.toContain(SMTP_PASSWORD);
    const got = await w.client.get(`${w.base}/mail-settings`);
    expect(JSON.stringify(got.body)).not.toContain(SMTP_PASSWORD);
    const row = await ctx.db
      .selectFrom('mail_settings')
      .select('password_sealed')
      .where('company_id', '=', w.companyId)
      .executeTakeFirstOrThrow();
    expect(row.password_sealed).toMatch(/^enc:v1:/);
    expect(row.password_sealed).not.toContain(SMTP_PASSWORD);
    // The audit trail says it changed, never what it is.
    const audit = await sql<{ after: unknown }>`
      select after from audit_events where company_id = ${w.companyId} and kind = 'mail.settings_changed'`.execute(
      ctx.db,
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows)).not.toContain(SMTP_PASSWORD);
    expect(audit.rows[0]!.after).toMatchObject({ passwordChanged: true });
    // Left out, the password is kept; bad input changes nothing.
    expectStatus(await w.settings({ password: undefined, fromName: 'Nytt navn' }), 200);
    for (const bad of [
      { host: 'not a host' },
      { port: 0 },
      { tlsMode: 'ssl' },
      { fromAddress: 'nope' },
      { fromName: 'a\r\nBcc: x@y.no' },
      { username: null },
    ]) {
      const r = await w.settings(bad);
      expectStatus(r, 400, JSON.stringify(bad));
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const after = await w.client.get(`${w.base}/mail-settings`);
    expect(after.body.settings).toMatchObject({ fromName: 'Nytt navn', passwordSet: true, username: SMTP_USER });
  });

  it('e-mails a reminder with its PDF: recipient, subject, text and the figures read back; once per key', async () => {
    const w = await world();
    expectStatus(await w.settings(), 200);
    const address = `kunde-${randomUUID().slice(0, 8)}@example.no`;
    const kunde = await w.customer(address);
    const { invoice, letter } = await w.letter(kunde.id);
    const before = smtp.received.length;

    const key = randomUUID();
    const send = () =>
      w.client.post(`${w.base}/letters/${letter.id as string}/email`, undefined, { 'idempotency-key': key });
    const first = await send();
    expectStatus(first, 202, 'queue');
    expect(first.body).toMatchObject({ status: 'queued', to: address, letterId: letter.id, attempts: 0 });
    // The same send again with the same key: the first answer, no second message.
    const again = await send();
    expectStatus(again, 202, 'replay');
    expect(again.body.id).toBe(first.body.id);
    // Without the key, a letter on its way is not queued twice.
    const twice = await w.client.post(`${w.base}/letters/${letter.id as string}/email`);
    expectStatus(twice, 422, 'twice');
    expect(twice.body).toMatchObject({ code: 'mail_not_allowed', reason: 'already_emailed' });
    expect(
      (await ctx.db.selectFrom('mail_messages').select('id').where('letter_id', '=', letter.id).execute()).length,
    ).toBe(1);

    expect(await deliver()).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(smtp.envelopes.at(-1)).toEqual([address]);
    expect(smtp.logins.at(-1)).toEqual({ username: SMTP_USER, password: SMTP_PASSWORD });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe(address);
    expect(mail.from?.value[0]).toMatchObject({ address: 'purring@epostfirma.no', name: 'Epostfirma AS' });
    expect(mail.subject).toBe(`Purring – faktura ${invoice.invoiceNumber as number} fra Epostfirma AS`);
    expect(mail.messageId).toBe(`<${first.body.id as string}@innfri.invalid>`);

    const doc = (
      await ctx.db.selectFrom('reminders').select('document').where('id', '=', letter.id).executeTakeFirstOrThrow()
    ).document as LetterPdfData;
    expect(doc.totalToPay).toBe(125_000 + doc.feeAmount);
    const text = (mail.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`Å betale: ${kr(doc.totalToPay)}`);
    expect(text).toContain(`KID: ${invoice.kid as string}`);
    expect(text).toContain(`Betalingsfrist: ${formatDate(doc.deadline)}`);
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(`purring-1-faktura-${invoice.invoiceNumber as number}.pdf`);
    const pdfWords = await pdfText(new Uint8Array(pdf.content));
    expect(pdfWords).toContain(`Å betale ${kr(doc.totalToPay)}`);
    expect(pdfWords).toContain(invoice.kid as string);
    expect(pdfWords).toContain(`Purregebyr ${kr(doc.feeAmount)}`);
    expect(pdfWords).toContain(formatDate(doc.deadline));

    // Shown on the invoice: sent, with the server's answer.
    const [shown] = await w.emails(invoice.id);
    expect(shown).toMatchObject({ status: 'sent', failure: null, attempts: 1, lastCode: 250 });
    expect(shown.history).toEqual([expect.objectContaining({ outcome: 'sent', smtpCode: 250 })]);
    // Nothing due any more; the replayed request still answers the first message and sends nothing.
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect((await send()).body.id).toBe(first.body.id);
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received.length).toBe(before + 1);
  });

  it('leaves the e-mail failed with the server answer on a 5xx; it may then be sent again', async () => {
    const w = await world();
    expectStatus(await w.settings(), 200);
    const kunde = await w.customer(`refuse-${randomUUID().slice(0, 8)}@example.no`);
    const { invoice, letter } = await w.letter(kunde.id);
    const before = smtp.received.length;
    expectStatus(await w.client.post(`${w.base}/letters/${letter.id as string}/email`), 202);
    expect(await deliver()).toMatchObject({ sent: 0, retried: 0, failed: 1 });
    expect(smtp.received.length).toBe(before);
    const [failed] = await w.emails(invoice.id);
    expect(failed).toMatchObject({ status: 'failed', failure: 'rejected', attempts: 1, lastCode: 550 });
    expect(failed.lastResponse).toContain('Mailbox unavailable');
    expect(failed.history).toEqual([expect.objectContaining({ outcome: 'rejected', smtpCode: 550 })]);
    // Not retried: nothing is due.
    expect(await deliver(new Date(Date.now() + 86_400_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    // A failed e-mail may be sent again (after the address is corrected, say): a new message.
    expectStatus(await w.client.patch(`${w.base}/customers/${kunde.id as string}`, { email: 'ok@example.no' }), 200);
    const again = await w.client.post(`${w.base}/letters/${letter.id as string}/email`);
    expectStatus(again, 202, 'again');
    expect(again.body).toMatchObject({ to: 'ok@example.no', status: 'queued' });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect((await w.emails(invoice.id)).map((m) => m.status)).toEqual(['failed', 'sent']);
  });

  it('retries temporary (4xx) answers with backoff, then sends once', async () => {
    const w = await world();
    expectStatus(await w.settings(), 200);
    const address = `busy-${randomUUID().slice(0, 8)}@example.no`;
    script.set(address, [
      { code: 451, message: '4.3.0 Try again later' },
      { code: 421, message: '4.7.0 Too busy' },
    ]);
    const kunde = await w.customer(address);
    const { invoice, letter } = await w.letter(kunde.id);
    const before = smtp.received.length;
    expectStatus(await w.client.post(`${w.base}/letters/${letter.id as string}/email`), 202);
    const t0 = new Date();
    expect(await deliver(t0)).toEqual({ sent: 0, retried: 1, failed: 0 });
    let [m] = await w.emails(invoice.id);
    expect(m).toMatchObject({ status: 'queued', attempts: 1, lastCode: 451 });
    expect(Date.parse(m.nextAttemptAt) - t0.getTime()).toBe(60_000);
    // Not due before its time.
    expect(await deliver(new Date(t0.getTime() + 30_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliver(new Date(t0.getTime() + 61_000))).toEqual({ sent: 0, retried: 1, failed: 0 });
    [m] = await w.emails(invoice.id);
    expect(m).toMatchObject({ status: 'queued', attempts: 2, lastCode: 421 });
    expect(Date.parse(m.nextAttemptAt) - (t0.getTime() + 61_000)).toBe(120_000);
    expect(await deliver(new Date(t0.getTime() + 182_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received.length).toBe(before + 1);
    [m] = await w.emails(invoice.id);
    expect(m).toMatchObject({ status: 'sent', attempts: 3 });
    expect(m.history.map((a: { outcome: string }) => a.outcome)).toEqual(['temporary', 'temporary', 'sent']);
  });

  it(`gives up after ${MAX_MAIL_ATTEMPTS} temporary failures (the server unreachable)`, async () => {
    const w = await world();
    // A port nothing listens on: connection refused, a temporary error.
    const dead = await startTestSmtp();
    const deadPort = dead.port;
    await dead.close();
    expectStatus(await w.settings({ port: deadPort }), 200);
    const kunde = await w.customer(`kunde-${randomUUID().slice(0, 8)}@example.no`);
    const { invoice, letter } = await w.letter(kunde.id);
    expectStatus(await w.client.post(`${w.base}/letters/${letter.id as string}/email`), 202);
    let t = Date.now();
    for (let i = 1; i < MAX_MAIL_ATTEMPTS; i++) {
      expect(await deliver(new Date(t))).toEqual({ sent: 0, retried: 1, failed: 0 });
      t += 3_600_000;
    }
    expect(await deliver(new Date(t))).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [m] = await w.emails(invoice.id);
    expect(m).toMatchObject({ status: 'failed', failure: 'gave_up', attempts: MAX_MAIL_ATTEMPTS, lastCode: null });
    expect(m.lastResponse).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(m.history.every((a: { outcome: string }) => a.outcome === 'error')).toBe(true);
  });

  it('two workers at once send each message once (FOR UPDATE SKIP LOCKED)', async () => {
    const w = await world();
    expectStatus(await w.settings(), 200);
    const invoices: string[] = [];
    for (let i = 0; i < 6; i++) {
      const kunde = await w.customer(`samtidig-${i}-${randomUUID().slice(0, 8)}@example.no`);
      const { invoice, letter } = await w.letter(kunde.id);
      expectStatus(await w.client.post(`${w.base}/letters/${letter.id as string}/email`), 202);
      invoices.push(invoice.id);
    }
    const before = smtp.received.length;
    const results = await Promise.all([
      deliverDueMail(ctx.db, { timeoutMs: 10_000, batch: 2 }),
      deliverDueMail(ctx.db, { timeoutMs: 10_000, batch: 2 }),
    ]);
    expect(results[0]!.sent + results[1]!.sent).toBe(6);
    expect(smtp.received.length).toBe(before + 6);
    const ids = smtp.received.slice(before).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(6);
    for (const id of invoices) {
      const [m] = await w.emails(id);
      expect(m).toMatchObject({ status: 'sent', attempts: 1 });
      expect(m.history).toHaveLength(1);
    }
  });

  it('e-mails a collection notice only where the customer agreed to electronic notices', async () => {
    const w = await world();
    expectStatus(await w.settings(), 200);
    const kunde = await w.customer(`varsel-${randomUUID().slice(0, 8)}@example.no`);
    const { invoice, letter } = await w.letter(kunde.id, 'collection_notice');
    const refused = await w.client.post(`${w.base}/letters/${letter.id as string}/email`);
    expectStatus(refused, 422, 'no consent');
    expect(refused.body).toMatchObject({ code: 'mail_not_allowed', reason: 'no_consent', customerName: kunde.name });
    expect(await w.emails(invoice.id)).toEqual([]);
    const future = await w.client.patch(`${w.base}/customers/${kunde.id as string}`, {
      electronicNoticesAgreedOn: addDays(TEST_TODAY, 1),
    });
    expectStatus(future, 400, 'agreed in the future');
    expect(future.body).toMatchObject({ reason: 'agreed_in_future', today: TEST_TODAY });
    const agreed = await w.client.patch(`${w.base}/customers/${kunde.id as string}`, {
      electronicNoticesAgreedOn: '2026-11-02',
    });
    expectStatus(agreed, 200, 'agree');
    expect(agreed.body.electronicNoticesAgreedOn).toBe('2026-11-02');
    expectStatus(await w.client.post(`${w.base}/letters/${letter.id as string}/email`), 202);
    const before = smtp.received.length;
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received.at(before)?.subject).toBe(
      `Inkassovarsel – faktura ${invoice.invoiceNumber as number} fra Epostfirma AS`,
    );
    expect(smtp.received.at(before)?.text).toContain('inkassoloven § 9');
  });

  it('refuses without settings, without an address, to a viewer and for another company', async () => {
    const w = await world();
    const noAddress = await w.customer(null);
    const { letter } = await w.letter(noAddress.id);
    const r1 = await w.client.post(`${w.base}/letters/${letter.id as string}/email`);
    expect(r1.body).toMatchObject({ code: 'mail_not_allowed', reason: 'not_configured' });
    expectStatus(await w.settings(), 200);
    const r2 = await w.client.post(`${w.base}/letters/${letter.id as string}/email`);
    expect(r2.body).toMatchObject({ code: 'mail_not_allowed', reason: 'no_email' });
    const other = await world();
    expectStatus(await other.client.post(`${other.base}/letters/${letter.id as string}/email`), 404, 'other company');
    // A viewer reads, never sends or changes the settings.
    const viewerEmail = `viewer-${randomUUID()}@example.no`;
    expectStatus(
      await w.client.post(`${w.base}/users`, { email: viewerEmail, name: 'Leser', role: 'viewer', password: PASSWORD }),
      200,
    );
    const viewer = new ApiClient(ctx.app);
    expectStatus(await viewer.login(viewerEmail, PASSWORD), 200);
    expectStatus(await viewer.get(`${w.base}/mail-settings`), 200);
    expectStatus(await viewer.post(`${w.base}/letters/${letter.id as string}/email`), 403);
    expectStatus(await viewer.request('PUT', `${w.base}/mail-settings`, { host: 'x' }), 403);
    expect(
      await ctx.db.selectFrom('mail_messages').select('id').where('company_id', '=', w.companyId).execute(),
    ).toEqual([]);
  });

  it('the daily run e-mails letters recorded for e-mail where the company chose e-mail delivery', async () => {
    const w = await world();
    const withAddress = await w.customer(`auto-${randomUUID().slice(0, 8)}@example.no`);
    const noAddress = await w.customer(null);
    const noConsent = await w.customer(`auto-n-${randomUUID().slice(0, 8)}@example.no`);
    // Before the choice: stays as it was.
    const early = await w.letter(withAddress.id);
    expectStatus(await w.settings({ delivery: 'email' }), 200);
    const a = await w.letter(withAddress.id);
    const b = await w.letter(noAddress.id);
    const c = await w.letter(noConsent.id, 'collection_notice');
    expect([a.letter.channel, b.letter.channel, c.letter.channel]).toEqual(['email', 'letter', 'email']);
    const run = await runDaily(ctx.db, w.companyId, addDays(TEST_TODAY, 0));
    expect(run).toMatchObject({ ran: true, emailed: 1, emailSkipped: 1 });
    const before = smtp.received.length;
    expect((await deliver()).sent).toBeGreaterThanOrEqual(1);
    const got = smtp.received
      .slice(before)
      .filter((m) => m.subject?.includes(`faktura ${a.invoice.invoiceNumber as number} `));
    expect(got).toHaveLength(1);
    expect(await w.emails(a.invoice.id)).toEqual([
      expect.objectContaining({ status: 'sent', requestedBy: 'daily_run' }),
    ]);
    expect(await w.emails(early.invoice.id)).toEqual([]);
    expect(await w.emails(b.invoice.id)).toEqual([]);
    expect(await w.emails(c.invoice.id)).toEqual([]);
  });
});
