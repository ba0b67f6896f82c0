/**
 * Oversikt: what is open by age (aged receivables), how far claims have come on the way to an
 * agency (the funnel, each stage a link to its list), and what the agencies recovered per month.
 */
import { companyPath, Link } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { type MessageKey, useI18n } from '../../i18n/i18n.js';
import { type AgeBucket, type CompanyOverview, moreApi, useLoad } from './api.js';
import { type Bar, BarChart } from './BarChart.js';
import { RateWarnings } from './RateWarnings.js';
import './overview.css';

const BUCKET_TONE: Record<AgeBucket['key'], Bar['tone']> = {
  notDue: 'good',
  d0_14: 'calm',
  d15_30: 'calm',
  d31_60: 'warn',
  d61_90: 'warn',
  d90plus: 'alert',
};

export function OverviewPage(_props: ScreenProps) {
  const { t, money } = useI18n();
  const { companyId, membership } = useCompany();
  useDocumentTitle(t('overview.title'), membership.companyName);
  const overview = useLoad(companyId, (signal) => moreApi.overview(companyId, signal));
  /** Whole kroner for axes and bar labels: `kr 12 345`. */
  const kr = (ore: number) => money(Math.round(ore / 100) * 100).replace(/[,.]00$/, '');

  return (
    <section className="screen" aria-labelledby="overview-title">
      <header className="page-header">
        <div>
          <h1 id="overview-title" className="page-title">
            {t('overview.title')}
          </h1>
          <p className="page-intro">{t('overview.intro')}</p>
        </div>
      </header>
      <RateWarnings />
      {overview.error !== null && <ProblemMessage error={overview.error} onRetry={overview.reload} />}
      {overview.loading && overview.data === null ? (
        <Loading />
      ) : (
        overview.data && <OverviewBody data={overview.data} kr={kr} />
      )}
    </section>
  );
}

function OverviewBody({ data, kr }: { data: CompanyOverview; kr: (ore: number) => string }) {
  const { t, money, date, lang } = useI18n();
  const { companyId } = useCompany();
  const bucketLabel = (b: AgeBucket) => t(`overview.bucket.${b.key}` as MessageKey);
  const monthLabel = (month: string, long = false) =>
    new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', {
      month: long ? 'long' : 'short',
      year: long ? 'numeric' : '2-digit',
      timeZone: 'UTC',
    }).format(new Date(`${month}-01T00:00:00Z`));
  const aged = data.agedReceivables;
  const recoveredTotal = data.recoveredByMonth.reduce((s, m) => s + m.amount, 0);
  const f = data.funnel;
  const stages: Array<{ key: string; label: MessageKey; count: number; amount: number; to: string; extra?: number }> = [
    {
      key: 'reminderList',
      label: 'overview.funnel.reminderList',
      count: f.reminderList.count,
      amount: f.reminderList.openAmount,
      to: companyPath(companyId, 'purreliste'),
    },
    {
      key: 'drafts',
      label: 'overview.funnel.drafts',
      count: f.drafts.count,
      amount: f.drafts.openAmount,
      to: companyPath(companyId, 'inkasso', 'utkast'),
    },
    {
      key: 'approved',
      label: 'overview.funnel.approved',
      count: f.approved.count,
      amount: f.approved.openAmount,
      to: companyPath(companyId, 'inkasso', 'godkjent'),
    },
    {
      key: 'openCases',
      label: 'overview.funnel.openCases',
      count: f.openCases.count,
      amount: f.openCases.openAmount,
      to: companyPath(companyId, 'inkasso', 'apne'),
      extra: f.openCases.invoiceCount,
    },
    {
      key: 'archivedCases',
      label: 'overview.funnel.archivedCases',
      count: f.archivedCases.count,
      amount: f.archivedCases.openAmount,
      to: companyPath(companyId, 'inkasso', 'arkivert'),
      extra: f.archivedCases.invoiceCount,
    },
  ];
  /** `1 faktura`, `3 fakturaer`; `1 sak`, `3 saker`. */
  const invoices = (count: number) =>
    count === 1 ? t('overview.funnel.invoicesOne') : t('overview.funnel.invoices', { count });
  const countOf = (key: string, count: number) =>
    key === 'openCases' || key === 'archivedCases'
      ? count === 1
        ? t('overview.funnel.casesOne')
        : t('overview.funnel.cases', { count })
      : invoices(count);

  return (
    <div className="overview-grid">
      <section className="panel overview-panel overview-aged" aria-labelledby="aged-title">
        <header className="panel-header">
          <h2 id="aged-title" className="panel-title">
            {t('overview.aged.title')}
          </h2>
          <span className="overview-total">
            {t('overview.aged.total')} <strong className="money">{money(aged.total.openAmount)}</strong>
            <span className="muted"> · {invoices(aged.total.count)}</span>
          </span>
        </header>
        {aged.total.count === 0 ? (
          <EmptyState title={t('overview.aged.emptyTitle')}>{t('overview.aged.emptyBody')}</EmptyState>
        ) : (
          <div className="overview-chart-row">
            <BarChart
              className="chart-aged"
              label={t('overview.aged.chartLabel', { date: date(data.today), total: money(aged.total.openAmount) })}
              axisLabel={kr}
              bars={aged.buckets.map((b) => ({
                key: b.key,
                label: bucketLabel(b),
                value: b.openAmount,
                valueLabel: kr(b.openAmount),
                title: `${bucketLabel(b)}: ${money(b.openAmount)} (${invoices(b.count)})`,
                tone: BUCKET_TONE[b.key],
              }))}
            />
            <table className="table table-compact overview-table" aria-labelledby="aged-title">
              <thead>
                <tr>
                  <th scope="col">{t('overview.aged.col.age')}</th>
                  <th scope="col" className="num">
                    {t('overview.aged.col.count')}
                  </th>
                  <th scope="col" className="num">
                    {t('overview.aged.col.open')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {aged.buckets.map((b) => (
                  <tr key={b.key} data-bucket={b.key}>
                    <th scope="row" className="overview-row-label">
                      <span className={`legend-dot legend-${BUCKET_TONE[b.key]}`} aria-hidden="true" />
                      {bucketLabel(b)}
                    </th>
                    <td className="num">{b.count}</td>
                    <td className="num money">{money(b.openAmount)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('overview.aged.sum')}</th>
                  <td className="num">{aged.total.count}</td>
                  <td className="num money">{money(aged.total.openAmount)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section className="panel overview-panel" aria-labelledby="funnel-title">
        <header className="panel-header">
          <h2 id="funnel-title" className="panel-title">
            {t('overview.funnel.title')}
          </h2>
        </header>
        <ol className="funnel">
          {stages.map((s, i) => (
            <li key={s.key} className="funnel-stage" data-stage={s.key}>
              <Link to={s.to} className="funnel-link">
                <span className="funnel-step" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="funnel-label">{t(s.label)}</span>
                <span className="funnel-count">{countOf(s.key, s.count)}</span>
                <span className="funnel-amount money">{money(s.amount)}</span>
                <span className="funnel-extra muted">
                  {s.extra !== undefined
                    ? `${invoices(s.extra)} · ${t('overview.funnel.open')}`
                    : t('overview.funnel.open')}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      </section>

      <section className="panel overview-panel" aria-labelledby="recovered-title">
        <header className="panel-header">
          <h2 id="recovered-title" className="panel-title">
            {t('overview.recovered.title')}
          </h2>
          <span className="overview-total">
            {t('overview.recovered.total')} <strong className="money">{money(recoveredTotal)}</strong>
          </span>
        </header>
        {recoveredTotal === 0 ? (
          <EmptyState title={t('overview.recovered.emptyTitle')}>{t('overview.recovered.emptyBody')}</EmptyState>
        ) : (
          <>
            <BarChart
              className="chart-recovered"
              width={1000}
              height={230}
              label={t('overview.recovered.chartLabel', {
                from: monthLabel(data.recoveredByMonth[0]!.month, true),
                to: monthLabel(data.recoveredByMonth.at(-1)!.month, true),
                total: money(recoveredTotal),
              })}
              axisLabel={kr}
              bars={data.recoveredByMonth.map((m) => ({
                key: m.month,
                label: monthLabel(m.month),
                value: m.amount,
                valueLabel: kr(m.amount),
                title: `${monthLabel(m.month, true)}: ${money(m.amount)}`,
                tone: 'good',
              }))}
            />
            <details className="chart-details">
              <summary>{t('overview.showTable')}</summary>
              <table className="table table-compact overview-table">
                <caption className="visually-hidden">{t('overview.recovered.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('overview.recovered.col.month')}</th>
                    <th scope="col" className="num">
                      {t('overview.recovered.col.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.recoveredByMonth.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{monthLabel(m.month, true)}</th>
                      <td className="num money">{money(m.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
    </div>
  );
}
