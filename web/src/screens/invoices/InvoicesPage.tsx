/**
 * Fakturaer: the invoice list (GET …/invoices, newest first, paged by cursor, filtered by status),
 * `ny` for a new invoice, and `{invoiceId}` for one invoice.
 */
import { companyPath, Link, navigate, useLocation } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { usePagedList } from '../../app/usePagedList.js';
import { SEARCH_PARAM, SearchBox, useListSearch } from '../../components/SearchBox.js';
import { LoadMore, PageHeader } from '../../components/Page.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { type InvoiceStatus, type InvoiceSummary, ledgerApi, todayIso } from '../ledger/api.js';
import '../ledger/ledger.css';
import { InvoiceForm } from './InvoiceForm.js';
import { InvoiceView } from './InvoiceView.js';
import { invoiceStatus, StatusBadge } from './status.js';

const STATUSES: InvoiceStatus[] = ['open', 'overdue', 'closed'];

function isStatus(value: string | null): value is InvoiceStatus {
  return value !== null && (STATUSES as string[]).includes(value);
}

export function InvoicesPage({ rest }: ScreenProps) {
  const [first] = rest;
  if (first === 'ny') return <InvoiceForm />;
  if (first) return <InvoiceView invoiceId={first} />;
  return <InvoiceList />;
}

function InvoiceList() {
  const { t, money, date } = useI18n();
  const { companyId, canWrite, membership } = useCompany();
  const { search, pathname } = useLocation();
  const raw = search.get('status');
  const status = isStatus(raw) ? raw : null;
  useDocumentTitle(t('invoices.title'), membership.companyName);
  const q = useListSearch();
  const list = usePagedList<InvoiceSummary>(`${companyId}:${status ?? ''}:${q}`, (cursor, signal) =>
    ledgerApi.invoices(companyId, { status, cursor, q }, signal),
  );
  /** The status filter's link, the search kept. */
  const withStatus = (s: string | null) => {
    const params = new URLSearchParams();
    if (s) params.set('status', s);
    if (q) params.set(SEARCH_PARAM, q);
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  const today = todayIso();
  const items = list.items;

  return (
    <section className="screen" aria-labelledby="invoices-title">
      <PageHeader id="invoices-title" title={t('invoices.title')} intro={t('invoices.intro')}>
        {canWrite && (
          <Link className="btn btn-primary" to={companyPath(companyId, 'fakturaer', 'ny')}>
            {t('invoices.new')}
          </Link>
        )}
      </PageHeader>

      <div className="toolbar">
        <SearchBox />
        <div className="segmented" role="group" aria-label={t('invoices.filter')}>
          <span className="segmented-label">{t('invoices.filter')}</span>
          <button
            type="button"
            className="segment"
            aria-pressed={status === null}
            onClick={() => navigate(withStatus(null), { replace: true })}
          >
            {t('invoices.filter.all')}
          </button>
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className="segment"
              aria-pressed={status === s}
              onClick={() => navigate(withStatus(s), { replace: true })}
            >
              {t(`invoices.filter.${s}`)}
            </button>
          ))}
        </div>
        {!list.loading && items.length > 0 && (
          <span className="muted small">
            {t(list.hasMore ? 'invoices.showingMore' : 'invoices.showing', { count: items.length })}
          </span>
        )}
      </div>

      {list.error !== null && (
        <ProblemMessage error={list.error} onRetry={items.length === 0 ? list.reload : list.loadMore} />
      )}
      {list.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        list.error === null &&
        (q ? (
          <EmptyState title={t('search.none', { q })} />
        ) : status ? (
          <EmptyState title={t('invoices.emptyFiltered.title', { status: t(`invoices.status.${status}`) })}>
            {t('invoices.emptyFiltered.body')}
          </EmptyState>
        ) : (
          <EmptyState title={t('invoices.empty.title')}>{t('invoices.empty.body')}</EmptyState>
        ))
      ) : (
        <div className="table-wrap">
          <table className="table invoice-table table-cards">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('invoices.col.number')}
                </th>
                <th scope="col">{t('invoices.col.customer')}</th>
                <th scope="col">{t('invoices.col.issueDate')}</th>
                <th scope="col">{t('invoices.col.dueDate')}</th>
                <th scope="col" className="num">
                  {t('invoices.col.total')}
                </th>
                <th scope="col" className="num">
                  {t('invoices.col.open')}
                </th>
                <th scope="col">{t('invoices.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} data-invoice-id={i.id} data-invoice-number={i.invoiceNumber}>
                  <td className="num strong" data-label={t('invoices.col.number')}>
                    <Link to={companyPath(companyId, 'fakturaer', i.id)}>{i.invoiceNumber}</Link>
                  </td>
                  <td className="col-customer" data-label={t('invoices.col.customer')}>
                    <span className="customer-name" title={i.customerName}>
                      {i.customerName}
                    </span>
                  </td>
                  <td className="date" data-label={t('invoices.col.issueDate')}>
                    {date(i.issueDate)}
                  </td>
                  <td className="date" data-label={t('invoices.col.dueDate')}>
                    {date(i.dueDate)}
                  </td>
                  <td className="num money" data-label={t('invoices.col.total')}>
                    {money(i.totalAmount)}
                  </td>
                  <td className="num money strong" data-label={t('invoices.col.open')}>
                    {money(i.openAmount)}
                  </td>
                  <td data-label={t('invoices.col.status')}>
                    <StatusBadge status={invoiceStatus(i, today)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </section>
  );
}
