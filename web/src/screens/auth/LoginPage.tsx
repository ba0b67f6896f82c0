import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { LanguageToggle } from '../../app/Shell.js';
import type { SignedOutReason } from '../../app/session.js';
import { useSession } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Button } from '../../components/Button.js';
import { Notice, ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';

export function LoginPage({ reason }: { reason: SignedOutReason }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  useDocumentTitle(t('login.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageToggle />
      </div>
      <main className="login-card" aria-labelledby={`${id}-title`}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            I
          </span>
          <span className="brand-text">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </div>
        <h1 id={`${id}-title`} className="login-title">
          {t('login.title')}
        </h1>
        <p className="muted">{t('login.intro')}</p>
        {reason === 'sessionLost' && <Notice tone="warning">{t('login.sessionLost')}</Notice>}
        {reason === 'signedOut' && <Notice tone="info">{t('login.signedOut')}</Notice>}
        {error instanceof ApiError && error.code === 'rate_limited' ? (
          <Notice tone="warning">
            {t('login.throttled', { minutes: Math.max(1, Math.ceil(Number(error.problem?.retryAfter ?? 60) / 60)) })}
          </Notice>
        ) : (
          error !== null && <ProblemMessage error={error} />
        )}
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('login.email')}</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <Button type="submit" variant="primary" busy={busy} className="btn-block">
            {busy ? t('login.submitting') : t('login.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}
