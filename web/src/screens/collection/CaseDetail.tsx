/**
 * One case (Inkasso › Åpne/Arkivert › a case): its invoices, the status history as a timeline,
 * its money from the ledger beside the agency's balance (flagged when they disagree), and the
 * settlements that name it with their remittance statements.
 */
import { companyPath, Link } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { safeUrl } from '../../components/AgencyLink.js';
import { Icon } from '../../components/Icon.js';
import { isMessageKey, type MessageKey, useI18n } from '../../i18n/i18n.js';
import { extraStatusText } from './caseText.js';
import { historyText } from './recordText.js';
import { type CaseDetail as CaseDetailData, type CaseMoney, moreApi, useLoad } from '../overview/api.js';
import { Statement } from '../settlements/Statement.js';
import '../settlements/settlements.css';

export function CaseDetail({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { companyId, membership } = useCompany();
  const detail = useLoad(`${companyId}:${caseId}`, (signal) => moreApi.caseDetail(companyId, caseId, signal));
  const c = detail.data;
  useDocumentTitle(
    c ? t('caseDetail.title', { caseNumber: c.caseNumber }) : null,
    t('collection.title'),
    membership.companyName,
  );
  const back = companyPath(companyId, 'inkasso', c?.state === 'archived' ? 'arkivert' : 'apne');
  return (
    <section className="screen" aria-labelledby="case-title">
      <Link to={back} className="back-link">
        ← {t(c?.state === 'archived' ? 'caseDetail.backArchived' : 'caseDetail.backOpen')}
      </Link>
      {detail.error !== null && <ProblemMessage error={detail.error} onRetry={detail.reload} />}
      {detail.loading && !c ? <Loading /> : c && <CaseBody c={c} />}
    </section>
  );
}

function statusLabel(t: ReturnType<typeof useI18n>['t'], status: string | null): string {
  if (!status) return '';
  const key = `status.${status}`;
  return isMessageKey(key) ? t(key) : status;
}

function CaseBody({ c }: { c: CaseDetailData }) {
  const { t, money, date, day } = useI18n();
  const { companyId } = useCompany();
  const url = safeUrl(c.url);
  // The agency's own words beside the status, unless they only say the status again («Betalt · Betalt»).
  const statusText = extraStatusText(t, c.status, c.statusText);
  return (
    <>
      <header className="page-header">
        <div>
          <h1 id="case-title" className="page-title">
            {t('caseDetail.title', { caseNumber: c.caseNumber })}
          </h1>
          <div className="case-meta">
            <span className={`badge badge-status-${c.status}`}>{statusLabel(t, c.status)}</span>
            {statusText && <span className="case-status-text">{statusText}</span>}
            <span>
              {t('caseDetail.customer')}: <strong>{c.customer.name}</strong> ({c.customer.customerNumber})
            </span>
            <span>
              {t('caseDetail.agency')}: {c.agencyName}
            </span>
            <span>
              {c.state === 'archived' && c.archivedAt
                ? t('caseDetail.archivedOn', { date: day(c.archivedAt) })
                : t('caseDetail.openedOn', { date: day(c.createdAt) })}
            </span>
            {url && (
              <a href={url} target="_blank" rel="noopener noreferrer" className="external-link">
                {t('caseDetail.openAtAgency')} <Icon name="external" size={14} />
                <span className="visually-hidden"> {t('common.opensInNewTab')}</span>
              </a>
            )}
          </div>
        </div>
      </header>
      <div className="case-grid">
        <div className="case-column">
          <MoneyPanel money={c.money} />
          <section className="panel case-panel" aria-labelledby="case-invoices">
            <header className="panel-header">
              <h2 id="case-invoices" className="panel-title">
                {t('caseDetail.invoices')}
              </h2>
            </header>
            {c.invoices.length === 0 ? (
              <EmptyState title={t('caseDetail.noInvoices')} />
            ) : (
              <table className="table" aria-labelledby="case-invoices">
                <thead>
                  <tr>
                    <th scope="col">{t('collection.col.invoice')}</th>
                    <th scope="col" className="num">
                      {t('case.invoice.original')}
                    </th>
                    <th scope="col" className="num">
                      {t('case.invoice.remaining')}
                    </th>
                    <th scope="col">{t('caseDetail.col.invoiceState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.invoices.map((i) => (
                    <tr key={i.id} data-invoice-state={i.state}>
                      <td>
                        <Link to={companyPath(companyId, 'fakturaer', i.id)}>{i.invoiceNumber}</Link>
                      </td>
                      <td className="num money">{money(i.originalAmount)}</td>
                      <td className="num money">{money(i.remainingAmount)}</td>
                      <td>{t(`caseDetail.invoiceState.${i.state}`, { case: i.movedTo ?? '' })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel case-panel" aria-labelledby="case-settlements">
            <header className="panel-header">
              <h2 id="case-settlements" className="panel-title">
                {t('caseDetail.settlements')}
              </h2>
            </header>
            {c.settlements.length === 0 ? (
              <EmptyState title={t('caseDetail.noSettlements')}>{t('caseDetail.noSettlementsBody')}</EmptyState>
            ) : (
              <div className="case-panel-body">
                {c.settlements.map((s) => (
                  <article key={s.id} className="case-settlement" data-reference={s.reference}>
                    <div className="case-settlement-head">
                      <strong>{t('caseDetail.settlement', { reference: s.reference })}</strong>
                      <span>
                        {date(s.settlementDate)} · <span className="money">{money(s.bankAmount)}</span>{' '}
                        <span className={`badge badge-settlement-${s.status}`}>
                          {isMessageKey(`settlement.status.${s.status}`)
                            ? t(`settlement.status.${s.status}` as MessageKey)
                            : s.status}
                        </span>
                      </span>
                    </div>
                    <Statement
                      statement={s.statement}
                      label={t('settlement.statement.of', { reference: s.reference })}
                    />
                  </article>
                ))}
              </div>
            )}
          </section>
        </div>
        <section className="panel case-panel" aria-labelledby="case-history">
          <header className="panel-header">
            <h2 id="case-history" className="panel-title">
              {t('caseDetail.history')}
            </h2>
          </header>
          <ol className="timeline">
            {[...c.history].reverse().map((h, i) => {
              const kindKey = `caseDetail.kind.${h.kind}`;
              // The agency's own status text, then the line's figures said in the UI's language: each
              // once, and neither when it only says the status the badge shows («Betalt · Betalt»).
              const parts = [
                extraStatusText(t, h.status, h.statusText),
                extraStatusText(t, h.status, historyText(t, h)),
              ];
              const line = [
                ...new Map(parts.filter((p): p is string => !!p).map((p) => [p.trim().toLowerCase(), p])).values(),
              ].join(' · ');
              return (
                <li key={i} className="timeline-item">
                  <div className="timeline-head">
                    <span className="timeline-date">{day(h.at)}</span>
                    <strong>{isMessageKey(kindKey) ? t(kindKey) : h.kind}</strong>
                    {h.status && <span className={`badge badge-status-${h.status}`}>{statusLabel(t, h.status)}</span>}
                  </div>
                  {(line || h.agencyBalance !== null) && (
                    <div className="timeline-body">
                      {line}
                      {h.agencyBalance !== null && (
                        <>
                          {line ? ' · ' : ''}
                          {t('caseDetail.balanceThen', { amount: '' })}
                          <span className="money">{money(h.agencyBalance)}</span>
                        </>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      </div>
    </>
  );
}

function MoneyPanel({ money: m }: { money: CaseMoney }) {
  const { t, money, date } = useI18n();
  const cells: Array<{ key: MessageKey; value: number | null; tone?: 'key' | 'flagged'; note?: string }> = [
    { key: 'caseDetail.money.originalClaim', value: m.originalClaim },
    {
      key: 'caseDetail.money.paidDirectly',
      value: m.paidDirectly,
      // The bank date of the latest payment straight to the creditor (a bank import or a payment keyed in).
      ...(m.paidDirectlyOn ? { note: t('caseDetail.money.paidDirectlyOn', { date: date(m.paidDirectlyOn) }) } : {}),
    },
    { key: 'caseDetail.money.credited', value: m.credited },
    { key: 'caseDetail.money.writtenOff', value: m.writtenOff },
    { key: 'caseDetail.money.settledByAgency', value: m.settledByAgency },
    ...(m.recoveredAfterWriteOff !== 0
      ? [{ key: 'caseDetail.money.recoveredAfterWriteOff' as MessageKey, value: m.recoveredAfterWriteOff }]
      : []),
    ...(m.otherMatched !== 0 ? [{ key: 'caseDetail.money.otherMatched' as MessageKey, value: m.otherMatched }] : []),
    { key: 'caseDetail.money.remaining', value: m.remaining },
    { key: 'caseDetail.money.toCollect', value: m.toCollect, tone: 'key' },
    { key: 'caseDetail.money.agencyBalance', value: m.agencyBalance, tone: m.disagrees ? 'flagged' : undefined },
  ];
  return (
    <section className="panel case-panel money-panel" aria-labelledby="case-money">
      <header className="panel-header">
        <h2 id="case-money" className="panel-title">
          {t('caseDetail.money')}
        </h2>
        {!m.disagrees && m.agencyBalance !== null && (
          <span className="badge badge-status-paid">{t('caseDetail.agrees')}</span>
        )}
      </header>
      {m.disagrees && (
        <div className="notice notice-warning" role="alert" data-testid="balance-disagrees">
          <div className="notice-body">
            <strong>{t('caseDetail.disagreesTitle')}</strong>
            <span className="notice-detail">
              {t('caseDetail.disagreesBody', {
                agency: money(m.agencyBalance ?? 0),
                ledger: money(m.toCollect),
                difference: money((m.agencyBalance ?? 0) - m.toCollect),
              })}
            </span>
          </div>
        </div>
      )}
      <dl className="money-grid">
        {cells.map((c) => (
          <div key={c.key} className={['money-cell', c.tone ? `is-${c.tone}` : ''].join(' ').trim()}>
            <dt>{t(c.key)}</dt>
            <dd>
              {c.value === null ? <span className="muted">{t('caseDetail.noBalance')}</span> : money(c.value)}
              {c.note && (
                <span className="muted small block" data-testid="paid-directly-on">
                  {c.note}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
