/** The frame of every company screen: the sidebar, the top bar (company, language, user) and the page. */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Membership } from '../api/types.js';
import { Button } from '../components/Button.js';
import { ProblemMessage } from '../components/Feedback.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/i18n.js';
import { companyPath, Link, navigate, useLocation } from './router.js';
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
  const nav = useNavDrawer();

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
    <div className={nav.open ? 'shell nav-open' : 'shell'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {/* Under 900 px the sidebar is a drawer over the page, opened by the menu button in the top bar. */}
      <aside className="sidebar" id="sidebar" ref={nav.drawer}>
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
      {nav.open && <div className="nav-backdrop" aria-hidden="true" />}
      <div className="shell-main">
        <header className="topbar">
          <div className="topbar-company">
            {current && (
              <button
                type="button"
                ref={nav.toggle}
                className="btn btn-ghost btn-sm nav-toggle"
                aria-expanded={nav.open}
                aria-controls="sidebar"
                onClick={nav.flip}
              >
                <svg className="icon" viewBox="0 0 20 20" width={18} height={18} aria-hidden="true" focusable="false">
                  <path d="M3 5.5h14M3 10h14M3 14.5h14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
                </svg>
                <span className="nav-toggle-label">{t('shell.menu')}</span>
              </button>
            )}
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

/**
 * The navigation as a drawer on narrow screens: open and closed by the menu button, closed again by
 * Escape (focus back on the button), by a click beside it and when the page changes. On wide
 * screens the class does nothing (the sidebar is always there).
 */
function useNavDrawer() {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every change of page (a trigger, not a value read)
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    drawer.current?.querySelector<HTMLElement>('a[aria-current="page"], a')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!drawer.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return { open, toggle, drawer, flip: () => setOpen((o) => !o) };
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
