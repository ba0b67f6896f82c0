/**
 * Inkasso: the way to the agency and back. Utkast and Godkjent are the handover lists (approve,
 * reject, recall); Åpne and Arkivert are the agency's cases with the status it reports.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { api } from '../../api/endpoints.js';
import type { HandoverCounts } from '../../api/types.js';
import { companyPath, Link, navigate } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Notice } from '../../components/Feedback.js';
import { type MessageKey, useI18n } from '../../i18n/i18n.js';
import { CaseDetail } from './CaseDetail.js';
import { CasesTab } from './CasesTab.js';
import { type Announce, HandoverTab } from './HandoverTab.js';

export const TABS = [
  { slug: 'utkast', labelKey: 'tab.draft', kind: 'handovers', list: 'draft' },
  { slug: 'godkjent', labelKey: 'tab.approved', kind: 'handovers', list: 'approved' },
  { slug: 'apne', labelKey: 'tab.open', kind: 'cases', state: 'open' },
  { slug: 'arkivert', labelKey: 'tab.archived', kind: 'cases', state: 'archived' },
] as const satisfies ReadonlyArray<
  { slug: string; labelKey: MessageKey } & (
    | { kind: 'handovers'; list: 'draft' | 'approved' }
    | { kind: 'cases'; state: 'open' | 'archived' }
  )
>;

export type TabSlug = (typeof TABS)[number]['slug'];

export function CollectionPage({ rest }: ScreenProps) {
  // Inkasso › sak › {caseId}: one case (opened from Åpne or Arkivert).
  if (rest[0] === 'sak' && rest[1]) return <CaseDetail key={rest[1]} caseId={rest[1]} />;
  return <CollectionTabs rest={rest} />;
}

function CollectionTabs({ rest }: ScreenProps) {
  const { t } = useI18n();
  const { companyId, membership } = useCompany();
  const tab = TABS.find((x) => x.slug === rest[0]);
  const [counts, setCounts] = useState<HandoverCounts | null>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  useDocumentTitle(tab ? t(tab.labelKey) : null, t('collection.title'), membership.companyName);

  useEffect(() => {
    if (!tab) navigate(companyPath(companyId, 'inkasso', TABS[0].slug), { replace: true });
  }, [tab, companyId]);

  const refreshCounts = useCallback(() => {
    api
      .handoverCounts(companyId)
      .then(setCounts)
      .catch(() => setCounts(null));
  }, [companyId]);
  useEffect(refreshCounts, [refreshCounts]);

  const announce: Announce = useCallback(
    (m) => {
      setMessage(m);
      refreshCounts();
    },
    [refreshCounts],
  );

  if (!tab) return null;
  const count = (list: 'draft' | 'approved') => counts?.[list]?.count;

  return (
    <section className="screen" aria-labelledby="collection-title">
      <header className="page-header">
        <div>
          <h1 id="collection-title" className="page-title">
            {t('collection.title')}
          </h1>
          <p className="page-intro">{t('collection.intro')}</p>
        </div>
      </header>
      <nav className="tabs" aria-label={t('collection.tabs')}>
        {TABS.map((x) => {
          const n = x.kind === 'handovers' ? count(x.list) : undefined;
          return (
            <Link
              key={x.slug}
              to={companyPath(companyId, 'inkasso', x.slug)}
              className="tab"
              aria-current={x.slug === tab.slug ? 'page' : undefined}
            >
              {t(x.labelKey)}
              {n !== undefined && <span className="tab-count">{n}</span>}
            </Link>
          );
        })}
      </nav>
      {message !== null && (
        <Notice tone="success" onClose={() => setMessage(null)}>
          {message}
        </Notice>
      )}
      {tab.kind === 'handovers' ? (
        <HandoverTab key={tab.slug} list={tab.list} announce={announce} />
      ) : (
        <CasesTab key={tab.slug} state={tab.state} />
      )}
    </section>
  );
}
