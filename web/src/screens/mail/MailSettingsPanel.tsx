/**
 * Innstillinger › E-post (SMTP): the company's mail server for letters by e-mail, and whether the
 * daily run sends them. The password is write-only: the API says only whether one is stored.
 * Admins change it; everyone else sees the summary.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Loading } from '../../components/Feedback.js';
import { SettingsPanel } from '../../components/SettingsPanel.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLoad } from '../overview/api.js';
import './mail.css';
import { type MailSettings, type MailSettingsInput, mailApi } from './api.js';

type TlsMode = MailSettingsInput['tlsMode'];
type Delivery = NonNullable<MailSettingsInput['delivery']>;

interface Form {
  host: string;
  port: string;
  tlsMode: TlsMode;
  username: string;
  password: string;
  removePassword: boolean;
  fromAddress: string;
  fromName: string;
  delivery: Delivery;
}

function formOf(s: MailSettings | null): Form {
  return {
    host: s?.host ?? '',
    port: String(s?.port ?? 587),
    tlsMode: s?.tlsMode ?? 'starttls',
    username: s?.username ?? '',
    password: '',
    removePassword: false,
    fromAddress: s?.fromAddress ?? '',
    fromName: s?.fromName ?? '',
    delivery: s?.delivery ?? 'manual',
  };
}

export function MailSettingsPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t, day } = useI18n();
  const { companyId } = useCompany();
  const state = useLoad(`${companyId}:mail-settings`, (signal) => mailApi.settings(companyId, signal));
  const settings = state.data?.settings ?? null;
  const [form, setForm] = useState<Form>(() => formOf(null));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (state.data) setForm(formOf(state.data.settings));
  }, [state.data]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body: MailSettingsInput = {
        host: form.host.trim(),
        port: Number(form.port),
        tlsMode: form.tlsMode,
        username: form.username.trim() === '' ? null : form.username.trim(),
        fromAddress: form.fromAddress.trim(),
        fromName: form.fromName.trim(),
        delivery: form.delivery,
        ...(form.removePassword ? { password: null } : form.password !== '' ? { password: form.password } : {}),
      };
      const result = await mailApi.putSettings(companyId, body);
      state.set(result);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsPanel
      titleId="mail-settings-title"
      title={t('mail.settings.title')}
      intro={t('mail.settings.intro')}
      testId="mail-settings"
      saved={saved ? t('mail.settings.saved') : null}
      onSavedClose={() => setSaved(false)}
      error={error}
      onErrorClose={() => setError(null)}
      loadError={state.error}
      onRetry={state.reload}
    >
      {state.loading && !state.data ? (
        <Loading />
      ) : (
        <>
          <p className="strong settings-text" data-testid="mail-settings-status">
            {settings
              ? t('mail.settings.summary', { host: settings.host, port: settings.port, from: settings.fromAddress })
              : t('mail.settings.none')}
            {settings?.emailDeliverySince && (
              <> · {t('mail.settings.deliverySince', { day: day(settings.emailDeliverySince) })}</>
            )}
          </p>
          {isAdmin && (
            <form className="settings-form" onSubmit={submit} aria-label={t('mail.settings.title')}>
              <div className="field">
                <label htmlFor="mail-host">{t('mail.settings.host')}</label>
                <input
                  id="mail-host"
                  value={form.host}
                  onChange={(e) => set('host', e.target.value)}
                  required
                  maxLength={253}
                  autoComplete="off"
                  spellCheck={false}
                />
              </div>
              <div className="field">
                <label htmlFor="mail-port">{t('mail.settings.port')}</label>
                <input
                  id="mail-port"
                  type="number"
                  min={1}
                  max={65535}
                  value={form.port}
                  onChange={(e) => set('port', e.target.value)}
                  required
                />
              </div>
              <div className="field">
                <label htmlFor="mail-tls">{t('mail.settings.tls')}</label>
                <select id="mail-tls" value={form.tlsMode} onChange={(e) => set('tlsMode', e.target.value as TlsMode)}>
                  {(['starttls', 'tls', 'none'] as const).map((m) => (
                    <option key={m} value={m}>
                      {t(`mail.settings.tls.${m}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="mail-user">{t('mail.settings.username')}</label>
                <input
                  id="mail-user"
                  value={form.username}
                  onChange={(e) => set('username', e.target.value)}
                  maxLength={200}
                  autoComplete="off"
                />
              </div>
              <div className="field">
                <label htmlFor="mail-password">{t('mail.settings.password')}</label>
                <input
                  id="mail-password"
                  type="password"
                  value={form.password}
                  onChange={(e) => set('password', e.target.value)}
                  maxLength={500}
                  autoComplete="new-password"
                  disabled={form.removePassword}
                />
                <span className="field-hint">
                  {settings?.passwordSet ? t('mail.settings.passwordKept') : t('mail.settings.passwordHint')}
                </span>
                {settings?.passwordSet && (
                  <label className="check-field">
                    <input
                      type="checkbox"
                      checked={form.removePassword}
                      onChange={(e) => set('removePassword', e.target.checked)}
                    />
                    <span>{t('mail.settings.removePassword')}</span>
                  </label>
                )}
              </div>
              <div className="field">
                <label htmlFor="mail-from">{t('mail.settings.fromAddress')}</label>
                <input
                  id="mail-from"
                  type="email"
                  value={form.fromAddress}
                  onChange={(e) => set('fromAddress', e.target.value)}
                  required
                  maxLength={254}
                />
              </div>
              <div className="field">
                <label htmlFor="mail-from-name">{t('mail.settings.fromName')}</label>
                <input
                  id="mail-from-name"
                  value={form.fromName}
                  onChange={(e) => set('fromName', e.target.value)}
                  maxLength={100}
                />
              </div>
              <fieldset className="field mail-fieldset">
                <legend>{t('mail.settings.delivery')}</legend>
                {(['manual', 'email'] as const).map((d) => (
                  <label key={d} className="check-field">
                    <input
                      type="radio"
                      name="mail-delivery"
                      value={d}
                      checked={form.delivery === d}
                      onChange={() => set('delivery', d)}
                    />
                    <span>{t(`mail.settings.delivery.${d}`)}</span>
                  </label>
                ))}
              </fieldset>
              <div>
                <Button type="submit" variant="primary" busy={busy} disabled={busy}>
                  {t('mail.settings.save')}
                </Button>
              </div>
            </form>
          )}
        </>
      )}
    </SettingsPanel>
  );
}
