/**
 * Kunder: the customers (searched by name or number, kept in the URL) and, at `kunder/{id}`, the
 * customer card (CustomerCard.tsx).
 */
import { useEffect, useState } from 'react';
import { companyPath, Link } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { PageHeader } from '../../components/Page.js';
import { SearchBox, useListSearch } from '../../components/SearchBox.js';
import { useI18n } from '../../i18n/i18n.js';
import { type Customer, ledgerApi } from '../ledger/api.js';
import { CustomerCard } from './CustomerCard.js';

export function CustomersPage({ rest }: ScreenProps) {
  const [id] = rest;
  return id ? <CustomerCard customerId={id} /> : <CustomerList />;
}

function CustomerList() {
  const { t } = useI18n();
  const { companyId, membership } = useCompany();
  useDocumentTitle(t('customers.title'), membership.companyName);
  const q = useListSearch();
  const [rows, setRows] = useState<Customer[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    setRows(null);
    setError(null);
    ledgerApi
      .customers(companyId, q, controller.signal)
      .then((page) => setRows(page.data))
      .catch((e: unknown) => !controller.signal.aborted && setError(e));
    return () => controller.abort();
  }, [companyId, q]);
  return (
    <section className="screen" aria-labelledby="customers-title">
      <PageHeader id="customers-title" title={t('customers.title')} intro={t('customers.intro')} />
      <div className="toolbar">
        <SearchBox />
      </div>
      {error !== null && <ProblemMessage error={error} />}
      {rows === null ? (
        error === null && <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title={q ? t('search.none', { q }) : t('customers.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table customers-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('customers.col.number')}
                </th>
                <th scope="col">{t('customers.col.name')}</th>
                <th scope="col">{t('customers.col.city')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td className="num">{c.customerNumber}</td>
                  <td>
                    <Link to={companyPath(companyId, 'kunder', c.id)}>{c.name}</Link>
                  </td>
                  <td>{c.address.city ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
