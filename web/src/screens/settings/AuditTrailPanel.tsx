/**
 * Logg (the audit trail): who did what, when and from where, newest first, filtered and paged on
 * the server. Admins only (the API answers 403 to anyone else, so the panel is not shown to them).
 */
import { type FormEvent, useState } from 'react';
import { useCompany } from '../../app/session.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { SettingsPanel } from '../../components/SettingsPanel.js';
import { LoadMore } from '../../components/Page.js';
import { type MessageKey, isMessageKey, useI18n } from '../../i18n/i18n.js';
import { type AuditEvent, type AuditQuery, lockApi } from './api.js';

const GROUPS = [
  'auth',
  'company',
  'dunning',
  'rates',
  'letter',
  'handover',
  'voucher',
  'match',
  'invoice',
  'settlement',
  'case',
  'agency',
  'period',
  'export',
] as const;

function timestamp(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO', {
    timeZone: 'Europe/Oslo',
    dateStyle: 'short',
    timeStyle: 'medium',
  });
}

function changeText(e: AuditEvent): string {
  const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  const before = show(e.before);
  const after = show(e.after);
  return before ? `${before} → ${after}` : after;
}

export function AuditTrailPanel() {
  const { t, lang } = useI18n();
  const { companyId } = useCompany();
  const [form, setForm] = useState<{ kind: string; from: string; to: string }>({ kind: '', from: '', to: '' });
  const [query, setQuery] = useState<AuditQuery>({});
  const list = usePagedList(`${companyId}:audit:${JSON.stringify(query)}`, (cursor, signal) =>
    lockApi.auditEvents(companyId, query, cursor, signal),
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ kind: form.kind || undefined, from: form.from || undefined, to: form.to || undefined });
  };
  const kindText = (kind: string) => {
    const key = `settings.audit.kind.${kind}`;
    return isMessageKey(key) ? t(key as MessageKey) : kind;
  };
  return (
    <SettingsPanel
      titleId="audit-title"
      title={t('settings.audit.title')}
      intro={t('settings.audit.intro')}
      wide
      testId="audit-trail"
    >
      <form className="settings-form audit-filters" onSubmit={apply} aria-label={t('settings.audit.filter')}>
        <div className="field">
          <label htmlFor="audit-kind">{t('settings.audit.kindLabel')}</label>
          <select id="audit-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="">{t('settings.audit.allKinds')}</option>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`settings.audit.group.${g}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('settings.audit.from')}</label>
          <input
            id="audit-from"
            type="date"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('settings.audit.to')}</label>
          <input id="audit-to" type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </div>
        <div>
          <Button type="submit">{t('settings.audit.filter')}</Button>
        </div>
      </form>
      {list.error !== null && <ProblemMessage error={list.error} onRetry={list.reload} />}
      {list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title={t('settings.audit.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-labelledby="audit-title">
            <thead>
              <tr>
                <th scope="col">{t('settings.audit.when')}</th>
                <th scope="col">{t('settings.audit.what')}</th>
                <th scope="col">{t('settings.audit.who')}</th>
                <th scope="col">{t('settings.audit.where')}</th>
                <th scope="col">{t('settings.audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id} data-kind={e.kind}>
                  <td className="date">{timestamp(e.at, lang)}</td>
                  <td>{kindText(e.kind)}</td>
                  <td>
                    {e.actor.name || t(`settings.audit.actor.${e.actor.type}` as MessageKey)}
                    {e.actor.type === 'agency' && e.actor.name !== '' && ` (${t('settings.audit.actor.agency')})`}
                  </td>
                  <td title={e.requestId ?? undefined}>{e.peerAddress ?? t('common.none')}</td>
                  <td className="audit-change">{changeText(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </SettingsPanel>
  );
}
