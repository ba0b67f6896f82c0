/**
 * Låst periode: the company's books locked up to a date (no voucher dated on or before it can be
 * posted, by anyone). An admin moves the lock forward, or reopens explicitly (recorded in the audit
 * trail); everyone sees it.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Loading } from '../../components/Feedback.js';
import { SettingsPanel } from '../../components/SettingsPanel.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLoad } from '../overview/api.js';
import { lockApi } from './api.js';

export function PeriodLockPanel({ isAdmin }: { isAdmin: boolean }) {
  const { t, date, day } = useI18n();
  const { companyId } = useCompany();
  const state = useLoad(`${companyId}:period-lock`, (signal) => lockApi.periodLock(companyId, signal));
  const [lockTo, setLockTo] = useState('');
  const [reopenTo, setReopenTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  const lock = state.data?.lock ?? null;

  const run = async (action: () => Promise<{ lock: typeof lock }>, done: (l: typeof lock) => string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const result = await action();
      state.set(result);
      setMessage(done(result.lock));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submitLock = (event: FormEvent) => {
    event.preventDefault();
    if (!lockTo) return;
    void run(
      () => lockApi.lock(companyId, lockTo),
      (l) => t('settings.lock.locked', { lockedTo: l ? date(l.lockedTo) : '' }),
    ).then(() => setLockTo(''));
  };
  const submitUnlock = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => lockApi.unlock(companyId, reopenTo === '' ? null : reopenTo),
      (l) => (l ? t('settings.lock.movedBack', { lockedTo: date(l.lockedTo) }) : t('settings.lock.opened')),
    ).then(() => setReopenTo(''));
  };

  return (
    <SettingsPanel
      titleId="period-lock-title"
      title={t('settings.lock.title')}
      intro={t('settings.lock.intro')}
      testId="period-lock"
      saved={message}
      onSavedClose={() => setMessage(null)}
      error={error}
      onErrorClose={() => setError(null)}
      loadError={state.error}
      onRetry={state.reload}
    >
      {state.loading && !state.data ? (
        <Loading />
      ) : (
        <>
          <p className="strong settings-text" data-testid="period-lock-status">
            {lock
              ? t('settings.lock.status', {
                  lockedTo: date(lock.lockedTo),
                  name: lock.lockedBy.name,
                  at: day(lock.lockedAt),
                })
              : t('settings.lock.none')}
          </p>
          {isAdmin && (
            <form className="settings-form" onSubmit={submitLock} aria-label={t('settings.lock.lockAction')}>
              <div className="field">
                <label htmlFor="lock-to">{t('settings.lock.lockTo')}</label>
                <input id="lock-to" type="date" value={lockTo} onChange={(e) => setLockTo(e.target.value)} required />
                <span className="field-hint">{t('settings.lock.lockHint')}</span>
              </div>
              <div>
                <Button type="submit" variant="primary" busy={busy} disabled={busy || lockTo === ''}>
                  {t('settings.lock.lockAction')}
                </Button>
              </div>
            </form>
          )}
          {isAdmin && lock && (
            <form className="settings-form" onSubmit={submitUnlock} aria-label={t('settings.lock.unlockAction')}>
              <div className="field">
                <label htmlFor="reopen-to">{t('settings.lock.reopenTo')}</label>
                <input id="reopen-to" type="date" value={reopenTo} onChange={(e) => setReopenTo(e.target.value)} />
                <span className="field-hint">{t('settings.lock.unlockHint')}</span>
              </div>
              <div>
                <Button type="submit" busy={busy} disabled={busy}>
                  {t('settings.lock.unlockAction')}
                </Button>
              </div>
            </form>
          )}
        </>
      )}
    </SettingsPanel>
  );
}
