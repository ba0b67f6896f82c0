/**
 * Kunder: the customers (searched by name or number, kept in the URL) and, at `kunder/{id}`, the
 * customer card: the details, links to the customer's open items, invoices, payments and cases
 * (each list filtered to the customer), and the account statement (kontoutskrift) for a period as
 * a PDF from the server.
 */
import { useEffect, useState } from 'react';
import { apiUrl } from '../../api/client.js';
import { companyPath, Link } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { PageHeader } from '../../components/Page.js';
import { SearchBox, useListSearch } from '../../components/SearchBox.js';
import { useI18n } from '../../i18n/i18n.js';
import { type Customer, ledgerApi, todayIso } from '../ledger/api.js';

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

function CustomerCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { companyId, membership } = useCompany();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  useDocumentTitle(customer?.name ?? t('customers.title'), membership.companyName);
  useEffect(() => {
    let live = true;
    ledgerApi
      .customer(companyId, customerId)
      .then((c) => live && setCustomer(c))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [companyId, customerId]);
  if (error !== null) return <ProblemMessage error={error} />;
  if (!customer) return <Loading />;
  const number = String(customer.customerNumber);
  const periodOk = from !== '' && to !== '' && from <= to && to <= today;
  const pdf = `${apiUrl('/companies/{companyId}/customers/{customerId}/statement/pdf', { companyId, customerId })}?${new URLSearchParams({ from, to })}`;
  const address = [
    customer.address.line,
    [customer.address.postalCode, customer.address.city].filter(Boolean).join(' '),
  ]
    .filter((s) => s && s.trim() !== '')
    .join(', ');
  return (
    <section className="screen" aria-labelledby="customer-title">
      <p>
        <Link to={companyPath(companyId, 'kunder')}>← {t('customers.back')}</Link>
      </p>
      <PageHeader id="customer-title" title={customer.name} intro={t('customers.number', { number })} />
      <dl className="customer-facts">
        <dt>{t('customers.orgnr')}</dt>
        <dd>{customer.organizationNumber ?? '–'}</dd>
        <dt>{t('customers.address')}</dt>
        <dd>{address || '–'}</dd>
        <dt>{t('customers.email')}</dt>
        <dd>{customer.email ?? '–'}</dd>
        <dt>{t('customers.notToCollection')}</dt>
        <dd>{customer.notToCollection ? t('customers.yes') : t('customers.no')}</dd>
      </dl>
      <h2 className="section-title">{t('customers.records')}</h2>
      <ul className="customer-links">
        <li>
          <Link to={`${companyPath(companyId, 'reskontro')}?kunde=${encodeURIComponent(customerId)}`}>
            {t('customers.openItems')}
          </Link>
        </li>
        <li>
          <Link to={`${companyPath(companyId, 'reskontro')}?kunde=${encodeURIComponent(customerId)}&lukket=1`}>
            {t('customers.history')}
          </Link>
        </li>
        <li>
          <Link to={`${companyPath(companyId, 'fakturaer')}?sok=${encodeURIComponent(customer.name)}`}>
            {t('customers.invoices')}
          </Link>
        </li>
        <li>
          <Link to={`${companyPath(companyId, 'purreliste')}?sok=${encodeURIComponent(customer.name)}`}>
            {t('customers.letters')}
          </Link>
        </li>
        <li>
          <Link to={`${companyPath(companyId, 'inkasso', 'apne')}?sok=${encodeURIComponent(customer.name)}`}>
            {t('customers.cases')}
          </Link>
        </li>
        <li>
          <Link to={`${companyPath(companyId, 'innbetalinger')}?sok=${encodeURIComponent(customer.name)}`}>
            {t('customers.payments')}
          </Link>
        </li>
      </ul>
      <h2 className="section-title">{t('customers.statement')}</h2>
      <div className="statement-form">
        <label>
          {t('customers.from')}
          <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('customers.to')}
          <input type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} />
        </label>
        {periodOk ? (
          <a className="btn btn-primary" href={pdf} target="_blank" rel="noopener noreferrer">
            {t('customers.statementPdf')}
          </a>
        ) : (
          <span className="muted small" role="status">
            {t('customers.periodInvalid')}
          </span>
        )}
      </div>
    </section>
  );
}
