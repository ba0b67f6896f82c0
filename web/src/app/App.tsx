/** Who is signed in decides the page: sign-in, or the company screen the URL names. */
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { Membership, Session } from '../api/types.js';
import { EmptyState, Loading, ProblemMessage } from '../components/Feedback.js';
import { useI18n } from '../i18n/i18n.js';
import { LoginPage } from '../screens/auth/LoginPage.js';
import { companyPath, Link, navigate, parseCompanyPath, useLocation } from './router.js';
import { BUILT_SCREENS, HOME_SLUG } from './screens.js';
import { CompanyProvider, useSession } from './session.js';
import { Shell } from './Shell.js';
import { useDocumentTitle } from './useDocumentTitle.js';

export function App() {
  const { state, retry } = useSession();
  const { t } = useI18n();
  if (state.status === 'loading') {
    return (
      <div className="center-page">
        <Loading />
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="center-page">
        <ProblemMessage error={state.error} onRetry={retry} />
        <p className="muted">{t('app.name')}</p>
      </div>
    );
  }
  if (state.status === 'signedOut') return <LoginPage reason={state.reason} />;
  return <SignedIn session={state.session} />;
}

function SignedIn({ session }: { session: Session }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [companies, setCompanies] = useState<Membership[]>(session.companies);

  // The session carries the memberships; the list is read again in case they changed since sign-in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the signed-in user changes (a trigger, not a value the effect reads)
  useEffect(() => {
    let live = true;
    api
      .companies()
      .then((r) => live && setCompanies(r.data))
      .catch(() => {
        // keep the session's list; a lost session is handled by the API client
      });
    return () => {
      live = false;
    };
  }, [session.user.id]);

  const route = parseCompanyPath(pathname);
  // Back to the company the user worked in last, when they still may.
  const first = companies.find((c) => c.companyId === lastCompany.get()) ?? companies[0];
  const membership = route ? (companies.find((c) => c.companyId === route.companyId) ?? null) : null;
  const membershipId = membership?.companyId;
  useEffect(() => {
    if (membershipId) lastCompany.set(membershipId);
  }, [membershipId]);

  // `/` and `/c/{id}` lead to the home screen.
  useEffect(() => {
    const at = parseCompanyPath(pathname);
    if (!at && first && pathname === '/') navigate(companyPath(first.companyId, HOME_SLUG), { replace: true });
    else if (at && at.screen === '' && companies.some((c) => c.companyId === at.companyId))
      navigate(companyPath(at.companyId, HOME_SLUG), { replace: true });
  }, [pathname, first, companies]);

  if (!route) {
    if (!first) {
      return (
        <Shell companies={companies} current={null} activeSlug={null}>
          <EmptyState title={t('noCompany.title')}>{t('noCompany.body')}</EmptyState>
        </Shell>
      );
    }
    if (pathname === '/') return null;
    return (
      <Shell companies={companies} current={null} activeSlug={null}>
        <NotFound message={t('notFound.body')} home={companyPath(first.companyId, HOME_SLUG)} />
      </Shell>
    );
  }

  if (!membership) {
    return (
      <Shell companies={companies} current={null} activeSlug={null}>
        <NotFound
          title={t('notFound.companyTitle')}
          message={t('notFound.company')}
          home={first ? companyPath(first.companyId, HOME_SLUG) : '/'}
        />
      </Shell>
    );
  }
  const entry = BUILT_SCREENS.find((s) => s.slug === route.screen);
  const Screen = entry?.screen;
  return (
    <CompanyProvider value={{ companyId: membership.companyId, membership, canWrite: membership.role !== 'viewer' }}>
      <Shell companies={companies} current={membership} activeSlug={entry?.slug ?? null}>
        {Screen ? (
          <Screen key={membership.companyId} rest={route.rest} />
        ) : (
          route.screen !== '' && (
            <NotFound message={t('notFound.body')} home={companyPath(membership.companyId, HOME_SLUG)} />
          )
        )}
      </Shell>
    </CompanyProvider>
  );
}

const LAST_COMPANY_KEY = 'innfri.company';
const lastCompany = {
  get(): string | null {
    try {
      return window.localStorage.getItem(LAST_COMPANY_KEY);
    } catch {
      return null;
    }
  },
  set(companyId: string): void {
    try {
      window.localStorage.setItem(LAST_COMPANY_KEY, companyId);
    } catch {
      // private mode: start from the first company next time
    }
  },
};

function NotFound({ title, message, home }: { title?: string; message: string; home: string }) {
  const { t } = useI18n();
  const heading = title ?? t('notFound.title');
  useDocumentTitle(heading);
  return (
    <section className="not-found">
      <h1 className="page-title">{heading}</h1>
      <p>{message}</p>
      <Link to={home} className="btn btn-primary">
        {t('notFound.back')}
      </Link>
    </section>
  );
}
