/**
 * Innstillinger: the company's telephone and e-mail, the collection agencies the company uses (and its default), the reminder
 * settings (with the legal fee cap), the accounts vouchers post to, the locked period and (for
 * admins) the audit trail. Admins change them;
 * everyone else sees them read-only.
 */
import { parseKr } from '@innfri/money';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Button } from '../../components/Button.js';
import { EmptyState, Loading, Notice } from '../../components/Feedback.js';
import { SettingsPanel } from '../../components/SettingsPanel.js';
import { type MessageKey, useI18n } from '../../i18n/i18n.js';
import {
  type CompanyAccounts,
  type CompanyAgency,
  type DunningSettings,
  type LegalRate,
  moreApi,
  useLoad,
} from '../overview/api.js';
import '../settlements/settlements.css';
import { AuditTrailPanel } from './AuditTrailPanel.js';
import { CompanyContactPanel } from './CompanyContactPanel.js';
import { GroupingPanel } from './GroupingPanel.js';
import { PeriodLockPanel } from './PeriodLockPanel.js';
import { MailSettingsPanel } from '../mail/MailSettingsPanel.js';
import { SaftDownload } from '../../components/Export.js';

export function SettingsPage(_props: ScreenProps) {
  const { t } = useI18n();
  const { membership } = useCompany();
  const isAdmin = membership.role === 'admin';
  useDocumentTitle(t('settings.title'), membership.companyName);
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="page-header">
        <div>
          <h1 id="settings-title" className="page-title">
            {t('settings.title')}
          </h1>
          <p className="page-intro">{t('settings.intro')}</p>
        </div>
      </header>
      {!isAdmin && <Notice tone="info">{t('settings.readOnly')}</Notice>}
      <div className="settings-grid">
        <CompanyContactPanel isAdmin={isAdmin} />
        <AgenciesPanel isAdmin={isAdmin} />
        <DunningPanel isAdmin={isAdmin} />
        <AccountsPanel isAdmin={isAdmin} />
        <MailSettingsPanel isAdmin={isAdmin} />
        <GroupingPanel isAdmin={isAdmin} />
        <SaftDownload companyId={membership.companyId} />
        <PeriodLockPanel isAdmin={isAdmin} />
        {isAdmin && <AuditTrailPanel />}
      </div>
    </section>
  );
}

function AgenciesPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t, day } = useI18n();
  const { companyId } = useCompany();
  const list = useLoad(companyId, (signal) => moreApi.agencies(companyId, signal));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  const change = async (a: CompanyAgency, body: { active: boolean; isDefault?: boolean }, done: MessageKey) => {
    setBusy(a.id);
    setError(null);
    try {
      await moreApi.setAgencyActivation(companyId, a.id, body);
      setMessage(t(done, { name: a.name }));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const agencies = list.data?.data ?? [];
  return (
    <SettingsPanel
      titleId="agencies-title"
      title={t('settings.agencies.title')}
      saved={message}
      onSavedClose={() => setMessage(null)}
      error={error}
      onErrorClose={() => setError(null)}
      loadError={list.error}
      onRetry={list.reload}
    >
      {list.loading && !list.data ? (
        <Loading />
      ) : agencies.length === 0 ? (
        <EmptyState title={t('settings.agencies.emptyTitle')}>{t('settings.agencies.emptyBody')}</EmptyState>
      ) : (
        <table className="table" aria-labelledby="agencies-title">
          <thead>
            <tr>
              <th scope="col">{t('settings.agencies.name')}</th>
              <th scope="col">{t('settings.agencies.orgnr')}</th>
              <th scope="col">{t('settings.agencies.status')}</th>
              <th scope="col">{t('settings.agencies.changed')}</th>
              {isAdmin && (
                <th scope="col" className="num">
                  {t('common.actions')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id} data-agency={a.name}>
                <td className="strong">{a.name}</td>
                <td>{a.organizationNumber ?? t('common.none')}</td>
                <td>
                  <span className={a.active ? 'badge badge-status-paid' : 'badge'}>
                    {t(a.active ? 'settings.agencies.active' : 'settings.agencies.inactive')}
                  </span>{' '}
                  {a.isDefault && (
                    <span className="badge badge-status-registered">{t('settings.agencies.default')}</span>
                  )}
                </td>
                <td className="date">{day(a.changedAt)}</td>
                {isAdmin && (
                  <td>
                    <div className="agency-actions">
                      {a.active && !a.isDefault && (
                        <Button
                          size="sm"
                          busy={busy === a.id}
                          disabled={busy !== null}
                          onClick={() => change(a, { active: true, isDefault: true }, 'settings.agencies.madeDefault')}
                        >
                          {t('settings.agencies.makeDefault')}
                        </Button>
                      )}
                      <Button
                        size="sm"
                        variant={a.active ? 'ghost' : 'primary'}
                        busy={busy === a.id}
                        disabled={busy !== null}
                        onClick={() =>
                          change(
                            a,
                            { active: !a.active },
                            a.active ? 'settings.agencies.deactivated' : 'settings.agencies.activated',
                          )
                        }
                        aria-label={t(
                          a.active ? 'settings.agencies.deactivateNamed' : 'settings.agencies.activateNamed',
                          { name: a.name },
                        )}
                      >
                        {t(a.active ? 'settings.agencies.deactivate' : 'settings.agencies.activate')}
                      </Button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SettingsPanel>
  );
}

/** The inkassosats in force on `today` (the latest from on or before it). */
function inkassosats(rates: LegalRate[], today: string): LegalRate | null {
  return (
    rates
      .filter((r) => r.kind === 'inkassosats' && r.validFrom <= today)
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0] ?? null
  );
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `kr` text → øre by the one parser (@innfri/money, never through a float); null when empty, NaN when not an amount ≥ 0. */
function feeFromText(text: string): number | null {
  if (text.trim() === '') return null;
  try {
    const fee = parseKr(text);
    return fee >= 0 ? fee : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function DunningPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  const settings = useLoad(companyId, (signal) => moreApi.dunningSettings(companyId, signal));
  const rates = useLoad('legal-rates', (signal) => moreApi.legalRates(signal));
  const [form, setForm] = useState<DunningSettings | null>(null);
  const [feeText, setFeeText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  useEffect(() => {
    if (settings.data) {
      setForm(settings.data);
      setFeeText(
        settings.data.reminderFeeAmount === null
          ? ''
          : (settings.data.reminderFeeAmount / 100).toFixed(2).replace('.', ','),
      );
    }
  }, [settings.data]);
  const rate = rates.data ? inkassosats(rates.data.data, localToday()) : null;
  const cap = rate ? Math.floor(rate.value / 20) : null;
  const fee = feeFromText(feeText);
  const feeInvalid = Number.isNaN(fee) || (fee !== null && cap !== null && fee > cap);
  const dirty =
    form !== null &&
    settings.data !== null &&
    JSON.stringify({ ...form, reminderFeeAmount: fee }) !== JSON.stringify(settings.data);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || !settings.data || feeInvalid) return;
    setBusy(true);
    setError(null);
    try {
      const changes: Partial<DunningSettings> = {};
      const next = { ...form, reminderFeeAmount: fee };
      for (const k of Object.keys(next) as Array<keyof DunningSettings>)
        if (next[k] !== settings.data[k]) Object.assign(changes, { [k]: next[k] });
      settings.set(await moreApi.updateDunningSettings(companyId, changes));
      setMessage(t('settings.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const set = <K extends keyof DunningSettings>(key: K, value: DunningSettings[K]) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));
  const check = (
    key: 'reminderFeeEnabled' | 'sendsOwnCollectionNotice' | 'autoApprove' | 'settlementsNeedApproval',
    label: MessageKey,
    hint: MessageKey,
  ) =>
    form && (
      <label className="check-field">
        <input type="checkbox" checked={form[key]} disabled={!isAdmin} onChange={(e) => set(key, e.target.checked)} />
        <span>
          {t(label)}
          <span className="field-hint">{t(hint)}</span>
        </span>
      </label>
    );

  return (
    <SettingsPanel
      titleId="dunning-title"
      title={t('settings.dunning.title')}
      saved={message}
      onSavedClose={() => setMessage(null)}
      error={error}
      onErrorClose={() => setError(null)}
      loadError={settings.error}
      onRetry={settings.reload}
    >
      {!form ? (
        settings.loading && <Loading />
      ) : (
        <form className="settings-form" onSubmit={save} aria-labelledby="dunning-title">
          <div className="field">
            <label htmlFor="ds-first">{t('settings.dunning.firstReminderAfterDays')}</label>
            <input
              id="ds-first"
              type="number"
              min={0}
              max={365}
              value={form.firstReminderAfterDays}
              disabled={!isAdmin}
              onChange={(e) => set('firstReminderAfterDays', Number(e.target.value))}
            />
            <span className="field-hint">{t('settings.dunning.firstReminderHint')}</span>
          </div>
          <div className="field">
            <label htmlFor="ds-deadline">{t('settings.dunning.paymentDeadlineDays')}</label>
            <input
              id="ds-deadline"
              type="number"
              min={14}
              max={60}
              value={form.paymentDeadlineDays}
              disabled={!isAdmin}
              onChange={(e) => set('paymentDeadlineDays', Number(e.target.value))}
            />
            <span className="field-hint">{t('settings.dunning.paymentDeadlineHint')}</span>
          </div>
          <div className="field">
            <label htmlFor="ds-before">{t('settings.dunning.remindersBeforeCollection')}</label>
            <select
              id="ds-before"
              value={form.remindersBeforeCollection}
              disabled={!isAdmin}
              onChange={(e) => set('remindersBeforeCollection', Number(e.target.value))}
            >
              {[0, 1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ds-fee">{t('settings.dunning.reminderFeeAmount')}</label>
            <input
              id="ds-fee"
              inputMode="decimal"
              value={feeText}
              placeholder={t('settings.dunning.feeLegalMax')}
              disabled={!isAdmin || !form.reminderFeeEnabled}
              aria-invalid={feeInvalid || undefined}
              aria-describedby="ds-fee-hint"
              onChange={(e) => setFeeText(e.target.value)}
            />
            <span id="ds-fee-hint" className={feeInvalid ? 'field-hint text-error' : 'field-hint'}>
              {feeInvalid
                ? t('settings.dunning.feeTooHigh', { cap: cap === null ? '' : money(cap) })
                : t('settings.dunning.feeHint')}
            </span>
          </div>
          <p className="fee-cap" data-testid="fee-cap">
            {rate && cap !== null
              ? t('settings.dunning.cap', { cap: money(cap), sats: money(rate.value), from: date(rate.validFrom) })
              : rates.loading
                ? t('common.loading')
                : t('settings.dunning.capUnknown')}
          </p>
          {check(
            'reminderFeeEnabled',
            'settings.dunning.reminderFeeEnabled',
            'settings.dunning.reminderFeeEnabledHint',
          )}
          {check(
            'sendsOwnCollectionNotice',
            'settings.dunning.sendsOwnCollectionNotice',
            'settings.dunning.sendsOwnCollectionNoticeHint',
          )}
          {check('autoApprove', 'settings.dunning.autoApprove', 'settings.dunning.autoApproveHint')}
          {check(
            'settlementsNeedApproval',
            'settings.dunning.settlementsNeedApproval',
            'settings.dunning.settlementsNeedApprovalHint',
          )}
          {isAdmin && (
            <div className="settings-footer">
              <Button type="submit" variant="primary" busy={busy} disabled={!dirty || feeInvalid}>
                {t('settings.save')}
              </Button>
              {dirty && <span className="small muted">{t('settings.unsaved')}</span>}
            </div>
          )}
        </form>
      )}
    </SettingsPanel>
  );
}

const ACCOUNT_KEYS = [
  'receivable',
  'bank',
  'outputVat',
  'inputVat',
  'salesVat25',
  'salesVat15',
  'salesVat12',
  'salesVat0',
  'reminderFeeIncome',
  'interestIncome',
  'collectionCost',
  'loss',
] as const satisfies ReadonlyArray<keyof CompanyAccounts>;

function AccountsPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const company = useLoad(companyId, (signal) => moreApi.company(companyId, signal));
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  useEffect(() => {
    if (company.data) setForm(Object.fromEntries(ACCOUNT_KEYS.map((k) => [k, String(company.data!.accounts[k])])));
  }, [company.data]);
  const invalid = form ? ACCOUNT_KEYS.filter((k) => !/^\d{4}$/.test(form[k] ?? '')) : [];
  const changed = form && company.data ? ACCOUNT_KEYS.filter((k) => form[k] !== String(company.data!.accounts[k])) : [];
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || invalid.length > 0 || changed.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      company.set(
        await moreApi.updateAccounts(companyId, Object.fromEntries(changed.map((k) => [k, Number(form[k])]))),
      );
      setMessage(t('settings.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <SettingsPanel
      titleId="accounts-title"
      title={t('settings.accounts.title')}
      intro={t('settings.accounts.intro')}
      introKind="note"
      saved={message}
      onSavedClose={() => setMessage(null)}
      error={error}
      onErrorClose={() => setError(null)}
      loadError={company.error}
      onRetry={company.reload}
    >
      {!form ? (
        company.loading && <Loading />
      ) : (
        <form className="settings-form accounts-form" onSubmit={save} aria-labelledby="accounts-title">
          {ACCOUNT_KEYS.map((k) => (
            <div className="field" key={k}>
              <label htmlFor={`acc-${k}`}>{t(`settings.accounts.${k}` as MessageKey)}</label>
              <input
                id={`acc-${k}`}
                inputMode="numeric"
                maxLength={4}
                value={form[k]}
                disabled={!isAdmin}
                aria-invalid={invalid.includes(k) || undefined}
                onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value.trim() }))}
              />
            </div>
          ))}
          {isAdmin && (
            <div className="settings-footer">
              <Button type="submit" variant="primary" busy={busy} disabled={changed.length === 0 || invalid.length > 0}>
                {t('settings.save')}
              </Button>
              {invalid.length > 0 && <span className="small text-error">{t('settings.accounts.invalid')}</span>}
            </div>
          )}
        </form>
      )}
    </SettingsPanel>
  );
}
