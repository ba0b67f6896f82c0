/**
 * «Til behandling»: what waits for the accountant's decision (GET …/inbox), grouped by kind, each
 * item linking to where it is decided. Items are derived from the state on the server, so an item
 * is gone once decided: the page reads the list again when it is shown.
 */
import { useEffect, useState } from 'react';
import { companyPath, Link } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { EmptyState, Loading, Notice, ProblemMessage } from '../../components/Feedback.js';
import { PageHeader } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { type Inbox, type InboxItem, type InboxKind, inboxApi } from './api.js';

const KINDS: InboxKind[] = [
  'dispute',
  'agency_returned',
  'settlement_approval',
  'case_money',
  'bank_entry',
  'wait_ended',
];

export function InboxPage(_: ScreenProps) {
  const { t } = useI18n();
  const { companyId, membership } = useCompany();
  useDocumentTitle(t('inbox.title'), membership.companyName);
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is a trigger to read again
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    inboxApi
      .inbox(companyId, controller.signal)
      .then(setInbox)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [companyId, attempt]);

  return (
    <section className="screen" aria-labelledby="inbox-title">
      <PageHeader id="inbox-title" title={t('inbox.title')} intro={t('inbox.intro')} />
      {error !== null && <ProblemMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {inbox === null ? (
        error === null && <Loading />
      ) : inbox.total === 0 ? (
        <EmptyState title={t('inbox.empty.title')}>{t('inbox.empty.body')}</EmptyState>
      ) : (
        <>
          {inbox.truncated && <Notice tone="info">{t('inbox.truncated')}</Notice>}
          {KINDS.filter((kind) => inbox.counts[kind] > 0).map((kind) => (
            <section key={kind} className="inbox-group" aria-labelledby={`inbox-${kind}`} data-kind={kind}>
              <h2 className="section-title" id={`inbox-${kind}`}>
                {t(`inbox.kind.${kind}`)} <span className="muted">({inbox.counts[kind]})</span>
              </h2>
              <ul className="inbox-list">
                {inbox.items
                  .filter((i) => i.kind === kind)
                  .map((item) => (
                    <InboxRow key={item.key} item={item} companyId={companyId} />
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/** Where an item is decided. */
function target(companyId: string, item: InboxItem): string {
  switch (item.kind) {
    case 'dispute':
    case 'case_money':
      return companyPath(companyId, 'inkasso', 'sak', item.caseId ?? '');
    case 'agency_returned':
    case 'wait_ended':
      return `${companyPath(companyId, 'purreliste')}?sok=${encodeURIComponent(String(item.invoiceNumber ?? ''))}`;
    case 'settlement_approval':
      return companyPath(companyId, 'oppgjor', 'venter');
    case 'bank_entry':
      return companyPath(companyId, 'innbetalinger');
  }
}

function InboxRow({ item, companyId }: { item: InboxItem; companyId: string }) {
  const { t, money, date, day } = useI18n();
  const since = item.kind === 'bank_entry' ? date(item.since) : day(item.since);
  const figures = {
    invoice: item.invoiceNumber ?? '',
    customer: item.customerName ?? '',
    caseNumber: item.caseNumber ?? '',
    agency: item.agencyName ?? '',
    reference: item.reference ?? '',
    amount: item.amount === null ? '' : money(item.amount),
    agencyBalance: item.agencyBalance === null ? '' : money(item.agencyBalance),
    toCollect: item.toCollect === null ? '' : money(item.toCollect),
    waitUntil: item.waitUntil ? date(item.waitUntil) : '',
  };
  return (
    <li className="inbox-item" data-key={item.key}>
      <div className="inbox-what">
        <Link to={target(companyId, item)} className="inbox-link">
          {t(`inbox.item.${item.kind}`, figures)}
        </Link>
        {item.reason && <span className="muted small inbox-reason">«{item.reason}»</span>}
      </div>
      <div className="muted small inbox-detail">
        {t(`inbox.detail.${item.kind}`, figures)} · {t('inbox.since', { date: since })}
      </div>
    </li>
  );
}
