/**
 * The invoice's letters by e-mail: who receives them (the customer's address, and whether the
 * company has recorded the customer's agreement to electronic notices — which a collection notice
 * needs, inkassoloven § 9), each letter's e-mail with its status and attempts (sent, queued,
 * failed, refused by the server), and «Send på e-post». Print and post stay the letter's PDF.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { companyPath, Link } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Loading, Notice, ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLoad } from '../overview/api.js';
import { type Customer, type MailMessage, mailApi } from './api.js';
import './mail.css';

export interface LetterForEmail {
  id: string;
  type: 'reminder' | 'collection_notice';
  sequence: number;
  sentDate: string;
}

/** While something is queued, the card asks again every few seconds (the worker sends in the background). */
const POLL_MS = 2000;

export function LetterEmails({
  invoiceId,
  customerId,
  letters,
}: {
  invoiceId: string;
  customerId: string;
  letters: LetterForEmail[];
}) {
  const { t, date, day } = useI18n();
  const { companyId, canWrite } = useCompany();
  const settings = useLoad(`${companyId}:mail-settings`, (signal) => mailApi.settings(companyId, signal));
  const customer = useLoad(`${companyId}:customer:${customerId}`, (signal) =>
    mailApi.customer(companyId, customerId, signal),
  );
  const emails = useLoad(`${companyId}:emails:${invoiceId}`, (signal) =>
    mailApi.invoiceEmails(companyId, invoiceId, signal),
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const messages = emails.data?.data ?? [];
  const queued = messages.some((m) => m.status === 'queued');
  const reloadEmails = emails.reload;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `emails.data` is a trigger: each answer schedules the next ask while something is queued
  useEffect(() => {
    if (!queued) return;
    const timer = setTimeout(reloadEmails, POLL_MS);
    return () => clearTimeout(timer);
  }, [queued, reloadEmails, emails.data]);

  const letterName = (l: LetterForEmail) =>
    `${l.type === 'reminder' && l.sequence > 1 ? `${l.sequence}. ` : ''}${t(`letter.${l.type}`).toLowerCase()} ${date(l.sentDate)}`;

  const send = async (l: LetterForEmail) => {
    setBusy(l.id);
    setError(null);
    setNotice(null);
    try {
      const m = await mailApi.emailLetter(companyId, l.id, newIdempotencyKey());
      const name = letterName(l);
      setNotice(t('mail.invoice.queuedNotice', { letter: name.charAt(0).toUpperCase() + name.slice(1), to: m.to }));
      emails.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const c = customer.data;
  const configured = settings.data?.settings != null;
  const loadError = settings.error ?? customer.error ?? emails.error;
  return (
    <div className="card" data-testid="letter-emails">
      <h2 className="section-title">{t('mail.invoice.title')}</h2>
      {notice && (
        <Notice tone="success" onClose={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      {(error ?? loadError) !== null && (
        <ProblemMessage
          error={error ?? loadError}
          onClose={error !== null ? () => setError(null) : undefined}
          onRetry={
            error === null
              ? () => {
                  settings.reload();
                  customer.reload();
                  emails.reload();
                }
              : undefined
          }
        />
      )}
      {!settings.data || !c || !emails.data ? (
        loadError === null && <Loading />
      ) : (
        <>
          {!configured && (
            <p className="muted small">
              {t('mail.invoice.notConfigured')}{' '}
              <Link to={companyPath(companyId, 'innstillinger')}>{t('settings.title')}</Link>
            </p>
          )}
          <div className="mail-recipient small">
            <span>
              <strong>{t('mail.invoice.recipient')}:</strong>{' '}
              <span data-testid="mail-recipient">{c.email ?? t('mail.invoice.noAddress')}</span>
            </span>
            <span>
              <strong>{t('mail.invoice.consent')}:</strong>{' '}
              <span data-testid="mail-consent">
                {c.electronicNoticesAgreedOn
                  ? t('mail.invoice.consentOn', { date: date(c.electronicNoticesAgreedOn) })
                  : t('mail.invoice.consentNone')}
              </span>
            </span>
            {canWrite && !editing && (
              <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
                {t('mail.invoice.edit')}
              </Button>
            )}
          </div>
          {editing && (
            <RecipientForm
              customer={c}
              onCancel={() => setEditing(false)}
              onSaved={(next) => {
                customer.set(next);
                setEditing(false);
                setNotice(t('mail.invoice.customerSaved'));
              }}
            />
          )}
          <p className="field-hint">{t('mail.invoice.lawNote')}</p>
          {letters.length === 0 ? (
            <p className="muted">{t('mail.invoice.noLetters')}</p>
          ) : (
            <table className="table table-compact mail-letters">
              <thead>
                <tr>
                  <th scope="col">{t('mail.invoice.letterCol')}</th>
                  <th scope="col">{t('mail.invoice.statusCol')}</th>
                </tr>
              </thead>
              <tbody>
                {letters.map((l) => {
                  const mine = messages.filter((m) => m.letterId === l.id);
                  const last = mine.at(-1) ?? null;
                  const active = last !== null && last.status !== 'failed';
                  const needsConsent = l.type === 'collection_notice' && !c.electronicNoticesAgreedOn;
                  return (
                    <tr key={l.id} data-letter-id={l.id}>
                      <td>{letterName(l)}</td>
                      <td>
                        <div className="mail-status">
                          <MessageStatus message={last} />
                          {canWrite && configured && !active && c.email && !needsConsent && (
                            <div>
                              <Button
                                size="sm"
                                busy={busy === l.id}
                                disabled={busy !== null}
                                onClick={() => void send(l)}
                                aria-label={t('mail.invoice.sendLabel', { letter: letterName(l) })}
                              >
                                {last ? t('mail.invoice.sendAgain') : t('mail.invoice.send')}
                              </Button>
                            </div>
                          )}
                          {!active && needsConsent && (
                            <span className="muted small">{t('mail.invoice.needsConsent')}</span>
                          )}
                          {mine.some((m) => m.history.length > 0) && (
                            <details>
                              <summary className="small">{t('mail.attempts')}</summary>
                              <ol className="mail-history">
                                {mine.flatMap((m) =>
                                  m.history.map((a, i) => (
                                    <li key={`${m.id}-${i}`}>
                                      {day(a.at)} · {t(`mail.attempt.${a.outcome}`)}
                                      {a.response ? ` · ${a.response}` : ''}
                                    </li>
                                  )),
                                )}
                              </ol>
                            </details>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}

function MessageStatus({ message }: { message: MailMessage | null }) {
  const { t, day } = useI18n();
  if (!message) return <span className="muted small">{t('mail.status.none')}</span>;
  if (message.status === 'sent')
    return (
      <span data-testid="mail-status" data-status="sent">
        <span className="badge badge-ok">
          {t('mail.status.sent', { day: day(message.finishedAt ?? message.createdAt), to: message.to })}
        </span>
      </span>
    );
  if (message.status === 'queued')
    return (
      <span data-testid="mail-status" data-status="queued">
        <span className="badge">
          {message.attempts > 0 && message.nextAttemptAt
            ? t('mail.status.queuedRetry', { day: day(message.nextAttemptAt), attempts: message.attempts + 1 })
            : t('mail.status.queued')}
        </span>
        {message.lastResponse && <span className="muted small"> {message.lastResponse}</span>}
      </span>
    );
  return (
    <span data-testid="mail-status" data-status="failed">
      <span className="badge badge-failed">
        {message.failure
          ? t(`mail.status.${message.failure}`, { attempts: message.attempts })
          : t('mail.status.failed')}
      </span>
      {message.lastResponse && <span className="small"> {message.lastResponse}</span>}
    </span>
  );
}

function RecipientForm({
  customer,
  onCancel,
  onSaved,
}: {
  customer: Customer;
  onCancel(): void;
  onSaved(customer: Customer): void;
}) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const [email, setEmail] = useState(customer.email ?? '');
  const [agreed, setAgreed] = useState(customer.electronicNoticesAgreedOn !== null);
  const [agreedOn, setAgreedOn] = useState(customer.electronicNoticesAgreedOn ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await mailApi.updateCustomer(companyId, customer.id, {
          email: email.trim() === '' ? null : email.trim(),
          electronicNoticesAgreedOn: agreed ? agreedOn : null,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="mail-form" onSubmit={submit} aria-label={t('mail.invoice.edit')}>
      {error !== null && <ProblemMessage error={error} onClose={() => setError(null)} />}
      <div className="field">
        <label htmlFor="mail-customer-email">{t('mail.invoice.email')}</label>
        <input
          id="mail-customer-email"
          type="email"
          value={email}
          maxLength={254}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <label className="check-field">
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
        <span>{t('mail.invoice.agreed')}</span>
      </label>
      {agreed && (
        <div className="field">
          <label htmlFor="mail-customer-agreed-on">{t('mail.invoice.agreedOn')}</label>
          <input
            id="mail-customer-agreed-on"
            type="date"
            value={agreedOn}
            required
            onChange={(e) => setAgreedOn(e.target.value)}
          />
        </div>
      )}
      <div className="header-actions">
        <Button type="submit" variant="primary" size="sm" busy={busy} disabled={busy}>
          {t('mail.invoice.saveCustomer')}
        </Button>
        <Button size="sm" onClick={onCancel} disabled={busy}>
          {t('mail.invoice.cancel')}
        </Button>
      </div>
    </form>
  );
}
