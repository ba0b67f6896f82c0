/**
 * Innstillinger › Firma: the company's own telephone and e-mail (the SAF-T file's header contact
 * where the person taking the file gives none). Admins change them; empty clears one. The rule for
 * what a telephone or an address may be is the server's (company.service.ts): a refusal is shown
 * under the field it names, in the UI's language.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Loading } from '../../components/Feedback.js';
import { SettingsPanel } from '../../components/SettingsPanel.js';
import { useI18n } from '../../i18n/i18n.js';
import { problemDetail } from '../../i18n/problem.js';
import { moreApi, useLoad } from '../overview/api.js';
import { companyApi } from './api.js';

type Field = 'phone' | 'email';
const FIELD_OF_REASON: Record<string, Field> = { invalid_phone: 'phone', invalid_email: 'email' };

export function CompanyContactPanel({ isAdmin }: { isAdmin: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { companyId } = useCompany();
  const company = useLoad(`${companyId}:contact`, (signal) => moreApi.company(companyId, signal));
  const [form, setForm] = useState<Record<Field, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  useEffect(() => {
    if (company.data) setForm({ phone: company.data.phone ?? '', email: company.data.email ?? '' });
  }, [company.data]);

  const stored = { phone: company.data?.phone ?? '', email: company.data?.email ?? '' };
  const changed = form ? (['phone', 'email'] as const).filter((k) => form[k].trim() !== stored[k]) : [];
  // A refusal that names one of the fields is said under it; anything else above the form.
  const reason = error instanceof ApiError ? String(error.problem?.reason ?? '') : '';
  const fieldError: Field | null = FIELD_OF_REASON[reason] ?? null;
  const fieldMessage =
    fieldError && error instanceof ApiError && error.problem ? problemDetail(error.code, error.problem, i18n) : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || changed.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const changes = Object.fromEntries(changed.map((k) => [k, form[k].trim() === '' ? null : form[k].trim()]));
      company.set(await companyApi.updateContact(companyId, changes));
      setMessage(t('settings.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Field, type: 'tel' | 'email', maxLength: number, placeholder: string) => (
    <div className="field">
      <label htmlFor={`company-${field}`}>{t(`settings.company.${field}`)}</label>
      <input
        id={`company-${field}`}
        type={type}
        autoComplete="off"
        maxLength={maxLength}
        placeholder={placeholder}
        value={form?.[field] ?? ''}
        disabled={!isAdmin}
        aria-invalid={fieldError === field || undefined}
        aria-describedby={`company-${field}-hint`}
        onChange={(e) => {
          const value = e.target.value;
          setForm((f) => (f ? { ...f, [field]: value } : f));
          if (fieldError === field) setError(null);
        }}
      />
      <span id={`company-${field}-hint`} className={fieldError === field ? 'field-hint text-error' : 'field-hint'}>
        {fieldError === field && fieldMessage ? fieldMessage : t(`settings.company.${field}Hint`)}
      </span>
    </div>
  );

  return (
    <SettingsPanel
      titleId="company-contact-title"
      title={t('settings.company.title')}
      intro={t('settings.company.intro')}
      introKind="note"
      saved={message}
      onSavedClose={() => setMessage(null)}
      error={fieldError === null ? error : null}
      onErrorClose={() => setError(null)}
      loadError={company.error}
      onRetry={company.reload}
    >
      {!form ? (
        company.loading && <Loading />
      ) : (
        <form className="settings-form" onSubmit={save} aria-labelledby="company-contact-title" noValidate>
          {company.data && (
            <p className="small muted" data-testid="company-identity">
              {company.data.name} · {t('settings.company.orgnr', { orgnr: company.data.organizationNumber })}
            </p>
          )}
          {input('phone', 'tel', 30, '+47 22 00 00 00')}
          {input('email', 'email', 200, 'post@firma.no')}
          {isAdmin && (
            <div className="settings-footer">
              <Button type="submit" variant="primary" busy={busy} disabled={changed.length === 0}>
                {t('settings.save')}
              </Button>
              {changed.length > 0 && <span className="small muted">{t('settings.unsaved')}</span>}
            </div>
          )}
        </form>
      )}
    </SettingsPanel>
  );
}
