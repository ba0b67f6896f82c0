/** The frame of every company screen: the sidebar, the top bar (company, language, user) and the page. */
import { type ReactNode, useState } from 'react';
import type { Membership } from '../api/types.js';
import { Button } from '../components/Button.js';
import { ProblemMessage } from '../components/Feedback.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/i18n.js';
import { companyPath, Link, navigate } from './router.js';
import { BUILT_SCREENS, HOME_SLUG } from './screens.js';
import { useSession } from './session.js';

interface Props {
  companies: Membership[];
  /** The company in the URL, when the user is a member of it. */
  current: Membership | null;
  activeSlug: string | null;
  children: ReactNode;
}

export function Shell({ companies, current, activeSlug, children }: Props) {
  const { t } = useI18n();
  const { state, signOut } = useSession();
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const [signingOut, setSigningOut] = useState(false);
  const user = state.status === 'signedIn' ? state.session.user : null;

  const doSignOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut();
      navigate('/', { replace: true });
    } catch (error) {
      setSignOutError(error);
      setSigningOut(false);
    }
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            I
          </span>
          <span className="brand-text">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </div>
        {current && (
          <nav aria-label={t('shell.mainNav')}>
            <ul className="nav-list">
              {BUILT_SCREENS.map((entry) => (
                <li key={entry.slug}>
                  <Link
                    to={companyPath(current.companyId, entry.slug)}
                    className="nav-link"
                    aria-current={entry.slug === activeSlug ? 'page' : undefined}
                  >
                    <Icon name={entry.icon} />
                    {t(entry.labelKey)}
                    {entry.Badge && <entry.Badge companyId={current.companyId} />}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </aside>
      <div className="shell-main">
        <header className="topbar">
          <div className="topbar-company">
            {companies.length > 1 ? (
              <label className="company-switch">
                <span className="company-switch-label">{t('shell.company')}</span>
                <select
                  value={current?.companyId ?? ''}
                  onChange={(event) => navigate(companyPath(event.target.value, activeSlug ?? HOME_SLUG))}
                >
                  {!current && <option value="">–</option>}
                  {companies.map((c) => (
                    <option key={c.companyId} value={c.companyId}>
                      {c.companyName}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              current && <span className="company-name">{current.companyName}</span>
            )}
            {current && <span className={`role-badge role-${current.role}`}>{t(`role.${current.role}`)}</span>}
          </div>
          <div className="topbar-user">
            <LanguageToggle />
            {user && (
              <span className="user-name" title={user.email}>
                {user.name}
              </span>
            )}
            <Button size="sm" onClick={doSignOut} busy={signingOut}>
              {t('shell.signOut')}
            </Button>
          </div>
        </header>
        <main id="main" className="page" tabIndex={-1}>
          {signOutError !== null && <ProblemMessage error={signOutError} onClose={() => setSignOutError(null)} />}
          {current?.role === 'viewer' && (
            <p className="viewer-note" role="note">
              {t('shell.viewerNote')}
            </p>
          )}
          {children}
        </main>
      </div>
    </div>
  );
}

export function LanguageToggle() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'nb' ? 'en' : 'nb';
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm lang-toggle"
      lang={other}
      aria-label={t('lang.switchToLabel')}
      onClick={() => setLang(other)}
    >
      {t('lang.switchTo')}
    </button>
  );
}
