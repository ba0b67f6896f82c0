/** Åpne and Arkivert: the agency's cases, with its status, link and the invoices in each. */
import { Fragment, useState } from 'react';
import { api } from '../../api/endpoints.js';
import type { CollectionCase } from '../../api/types.js';
import { companyPath, Link, navigate } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { CaseNumberLink } from '../../components/AgencyLink.js';
import { isMessageKey, useI18n } from '../../i18n/i18n.js';
import { extraStatusText } from './caseText.js';
import { ExportLinks } from '../../components/Export.js';
import { SearchBox, useListSearch } from '../../components/SearchBox.js';

export function CasesTab({ state }: { state: 'open' | 'archived' }) {
  const { t, money, day } = useI18n();
  const { companyId } = useCompany();
  const q = useListSearch();
  const rows = usePagedList<CollectionCase>(`${companyId}:${state}:${q}`, (cursor, signal) =>
    api.cases(companyId, state, cursor, signal, q),
  );
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const items = rows.items;
  const columns = 8;
  return (
    <div className="tab-panel">
      <div className="tab-actions">
        <SearchBox />
        <ExportLinks
          path={`/companies/${companyId}/cases/export`}
          query={{ state }}
          label={t(state === 'open' ? 'export.casesOpen' : 'export.casesArchived')}
        />
      </div>
      {rows.error !== null && (
        <ProblemMessage error={rows.error} onRetry={items.length === 0 ? rows.reload : rows.loadMore} />
      )}
      {rows.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        rows.error === null &&
        (q ? (
          <EmptyState title={t('search.none', { q })} />
        ) : (
          <EmptyState title={t(`collection.empty.${state}.title`)}>{t(`collection.empty.${state}.body`)}</EmptyState>
        ))
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('case.col.caseNumber')}</th>
                <th scope="col">{t('case.col.customer')}</th>
                <th scope="col">{t('case.col.invoices')}</th>
                <th scope="col">{t('case.col.status')}</th>
                <th scope="col">{t('case.col.agency')}</th>
                <th scope="col" className="num">
                  {t('case.col.agencyBalance')}
                </th>
                <th scope="col">{t(state === 'open' ? 'case.col.updated' : 'case.col.archived')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const open = expanded.has(c.id);
                const statusKey = `status.${c.status}`;
                const panelId = `case-${c.id}-invoices`;
                return (
                  <Fragment key={c.id}>
                    <tr data-case-number={c.caseNumber} className={open ? 'is-expanded' : undefined}>
                      <td className="strong">
                        <CaseNumberLink caseNumber={c.caseNumber} url={c.url} />
                      </td>
                      <td className="col-customer">
                        <span className="customer-name" title={c.customer.name}>
                          {c.customer.name}
                        </span>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={open}
                          aria-controls={panelId}
                          onClick={() => toggle(c.id)}
                        >
                          <span className={open ? 'chevron is-open' : 'chevron'} aria-hidden="true" />
                          {c.invoices.length === 1
                            ? t('case.invoicesOne')
                            : t('case.invoices', { count: c.invoices.length })}
                        </button>
                      </td>
                      <td>
                        <span className={`badge badge-status-${c.status}`}>
                          {isMessageKey(statusKey) ? t(statusKey) : c.status}
                        </span>
                        {extraStatusText(t, c.status, c.statusText) && (
                          <div className="status-text">{extraStatusText(t, c.status, c.statusText)}</div>
                        )}
                      </td>
                      <td>{c.agencyName}</td>
                      <td className="num money">
                        {c.agencyBalance === null ? (
                          <span className="muted">{t('common.none')}</span>
                        ) : (
                          money(c.agencyBalance)
                        )}
                      </td>
                      <td className="date">{day(state === 'open' ? c.updatedAt : (c.archivedAt ?? c.updatedAt))}</td>
                      <td className="col-actions">
                        <Button
                          size="sm"
                          onClick={() => navigate(companyPath(companyId, 'inkasso', 'sak', c.id))}
                          aria-label={t('case.showDetailOf', { caseNumber: c.caseNumber })}
                        >
                          {t('case.showDetail')}
                        </Button>
                      </td>
                    </tr>
                    {open && (
                      <tr className="sub-row">
                        <td colSpan={columns} id={panelId}>
                          <table
                            className="table table-compact sub-table"
                            aria-label={t('case.invoicesOf', { caseNumber: c.caseNumber })}
                          >
                            <thead>
                              <tr>
                                <th scope="col" className="num">
                                  {t('collection.col.invoice')}
                                </th>
                                <th scope="col" className="num">
                                  {t('case.invoice.original')}
                                </th>
                                <th scope="col" className="num">
                                  {t('case.invoice.remaining')}
                                </th>
                              </tr>
                            </thead>
                            <tbody>
                              {c.invoices.map((i) => (
                                <tr key={i.id}>
                                  <td className="num">
                                    <Link to={companyPath(companyId, 'fakturaer', i.id)}>{i.invoiceNumber}</Link>
                                  </td>
                                  <td className="num money">{money(i.originalAmount)}</td>
                                  <td className="num money">{money(i.remainingAmount)}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.hasMore && !rows.loading && (
        <div className="load-more">
          <Button onClick={rows.loadMore} busy={rows.loadingMore}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
