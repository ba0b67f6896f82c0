/**
 * The customer card (Kunder → a customer): the details, then on the card itself the customer's open
 * items, history (every entry, closed ones too), collection cases, letters with their e-mail
 * delivery, and payments — each paged by the server («Vis flere») with a link to the whole list
 * filtered to the customer — and the account statement (kontoutskrift) for a period as a PDF.
 * On a phone each table becomes one card per row (`table-cards`, responsive.css).
 */
import { type ReactNode, useEffect, useState } from 'react';
import { apiUrl } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { companyPath, Link } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { usePagedList } from '../../app/usePagedList.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Button } from '../../components/Button.js';
import { Loading, ProblemMessage } from '../../components/Feedback.js';
import { PageHeader } from '../../components/Page.js';
import { isMessageKey, type MessageKey, useI18n } from '../../i18n/i18n.js';
import { type Customer, ledgerApi, type OpenItem, type PaymentListItem, todayIso } from '../ledger/api.js';
import { type CustomerLetter, customerApi } from './api.js';
import type { CollectionCase } from '../../api/types.js';
import './customers.css';

export function CustomerCard({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { companyId, membership } = useCompany();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(customer?.name ?? t('customers.title'), membership.companyName);
  useEffect(() => {
    let live = true;
    setCustomer(null);
    setError(null);
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
  const address = [
    customer.address.line,
    [customer.address.postalCode, customer.address.city].filter(Boolean).join(' '),
  ]
    .filter((s) => s && s.trim() !== '')
    .join(', ');
  const ledgerList = `${companyPath(companyId, 'reskontro')}?kunde=${encodeURIComponent(customerId)}`;
  const byName = (screen: string, ...rest: string[]) =>
    `${companyPath(companyId, screen, ...rest)}?sok=${encodeURIComponent(customer.name)}`;
  return (
    <section className="screen customer-card" aria-labelledby="customer-title">
      <p>
        <Link to={companyPath(companyId, 'kunder')}>← {t('customers.back')}</Link>
      </p>
      <PageHeader id="customer-title" title={customer.name} intro={t('customers.number', { number })} />
      <section className="panel card-section" aria-labelledby="card-details">
        <h2 id="card-details" className="section-title">
          {t('card.details')}
        </h2>
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
      </section>
      <Statement customerId={customerId} />
      <OpenItemsSection
        id="card-open-items"
        title={t('card.openItems')}
        empty={t('card.none.openItems')}
        customerId={customerId}
        includeClosed={false}
        all={{ to: ledgerList, list: t('nav.ledger') }}
      />
      <LettersSection customerId={customerId} all={{ to: byName('purreliste'), list: t('nav.reminderList') }} />
      <CasesSection customerId={customerId} all={{ to: byName('inkasso', 'apne'), list: t('nav.collection') }} />
      <PaymentsSection customerId={customerId} all={{ to: byName('innbetalinger'), list: t('nav.payments') }} />
      <OpenItemsSection
        id="card-history"
        title={t('card.history')}
        intro={t('card.historyIntro')}
        empty={t('card.none.history')}
        customerId={customerId}
        includeClosed
        all={{ to: `${ledgerList}&lukket=1`, list: t('nav.ledger') }}
      />
    </section>
  );
}

function Statement({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const periodOk = from !== '' && to !== '' && from <= to && to <= today;
  const pdf = `${apiUrl('/companies/{companyId}/customers/{customerId}/statement/pdf', { companyId, customerId })}?${new URLSearchParams({ from, to })}`;
  return (
    <section className="panel card-section" aria-labelledby="card-statement">
      <h2 id="card-statement" className="section-title">
        {t('customers.statement')}
      </h2>
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

interface Column<T> {
  label: MessageKey;
  className?: string;
  cell(row: T): ReactNode;
}

/** One section of the card: its title, a server-paged table (cards on a phone), and the whole list's link. */
function Section<T>({
  id,
  title,
  intro,
  empty,
  all,
  listKey,
  fetchPage,
  columns,
  rowKey,
}: {
  id: string;
  title: string;
  intro?: string;
  empty: string;
  all: { to: string; list: string };
  listKey: string;
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;
  columns: ReadonlyArray<Column<T>>;
  rowKey(row: T): string;
}) {
  const { t } = useI18n();
  const rows = usePagedList<T>(listKey, fetchPage);
  return (
    <section className="panel card-section" aria-labelledby={id} data-section={id}>
      <header className="card-section-header">
        <h2 id={id} className="section-title">
          {title}
        </h2>
        <Link to={all.to} className="small">
          {t('card.showAll', { list: all.list })}
        </Link>
      </header>
      {intro && <p className="muted small">{intro}</p>}
      {rows.error !== null && (
        <ProblemMessage error={rows.error} onRetry={rows.items.length === 0 ? rows.reload : rows.loadMore} />
      )}
      {rows.loading ? (
        <Loading />
      ) : rows.items.length === 0 ? (
        rows.error === null && <p className="muted card-empty">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact table-cards" aria-labelledby={id}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.className}>
                    {t(c.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.items.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td key={c.label} className={c.className} data-label={t(c.label)}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.hasMore && !rows.loading && (
        <div className="load-more">
          <Button size="sm" onClick={rows.loadMore} busy={rows.loadingMore}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </section>
  );
}

function InvoiceLink({ id, number }: { id: string | null; number: number | null }) {
  const { companyId } = useCompany();
  if (number === null) return <span className="muted">–</span>;
  return id ? <Link to={companyPath(companyId, 'fakturaer', id)}>{number}</Link> : <span>{number}</span>;
}

function OpenItemsSection(props: {
  id: string;
  title: string;
  intro?: string;
  empty: string;
  customerId: string;
  includeClosed: boolean;
  all: { to: string; list: string };
}) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  const type = (o: OpenItem) => {
    const key = `voucherType.${o.voucherType}`;
    return isMessageKey(key) ? t(key) : o.voucherType;
  };
  return (
    <Section<OpenItem>
      {...props}
      listKey={`${companyId}:${props.customerId}:${props.includeClosed}`}
      fetchPage={(cursor, signal) =>
        ledgerApi.openItems(
          companyId,
          { customerId: props.customerId, includeClosed: props.includeClosed, cursor },
          signal,
        )
      }
      rowKey={(o) => String(o.entryId)}
      columns={[
        { label: 'card.col.date', className: 'date', cell: (o) => date(o.entryDate) },
        { label: 'card.col.voucher', cell: (o) => o.voucherNumber },
        {
          label: 'card.col.text',
          cell: (o) => (
            <span>
              {type(o)}
              {o.description ? ` · ${o.description}` : ''}
            </span>
          ),
        },
        {
          label: 'card.col.invoice',
          className: 'num',
          cell: (o) => (
            <InvoiceLink id={o.invoiceId ?? o.claimInvoiceId} number={o.invoiceNumber ?? o.claimInvoiceNumber} />
          ),
        },
        { label: 'card.col.due', className: 'date', cell: (o) => (o.dueDate ? date(o.dueDate) : '–') },
        { label: 'card.col.amount', className: 'num money', cell: (o) => money(o.amount) },
        { label: 'card.col.open', className: 'num money', cell: (o) => money(o.openAmount) },
      ]}
    />
  );
}

function LettersSection({ customerId, all }: { customerId: string; all: { to: string; list: string } }) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  const delivery = (l: CustomerLetter): { text: string; tone: string } => {
    const e = l.email;
    if (!e)
      return { text: t(l.channel === 'email' ? 'card.delivery.notEmailed' : 'card.delivery.post'), tone: 'muted' };
    if (e.status === 'queued')
      return { text: t('card.delivery.queued', { to: e.to }), tone: 'badge-status-registered' };
    if (e.status === 'sent') return { text: t('card.delivery.sent', { to: e.to }), tone: 'badge-ok' };
    return {
      text: t(e.failure === 'gave_up' ? 'card.delivery.gave_up' : 'card.delivery.rejected', {
        to: e.to,
        attempts: e.attempts,
        response: e.lastResponse ?? (e.lastCode === null ? '' : String(e.lastCode)),
      }),
      tone: 'badge-failed',
    };
  };
  return (
    <Section<CustomerLetter>
      id="card-letters"
      title={t('card.letters')}
      empty={t('card.none.letters')}
      all={all}
      listKey={`${companyId}:${customerId}:letters`}
      fetchPage={(cursor, signal) => customerApi.letters(companyId, customerId, cursor, signal)}
      rowKey={(l) => l.id}
      columns={[
        { label: 'card.col.date', className: 'date', cell: (l) => date(l.sentDate) },
        {
          label: 'card.col.letter',
          cell: (l) => t(`card.letter.${l.type}`, { sequence: l.sequence }),
        },
        {
          label: 'card.col.invoice',
          className: 'num',
          cell: (l) => <InvoiceLink id={l.invoiceId} number={l.invoiceNumber} />,
        },
        { label: 'card.col.due', className: 'date', cell: (l) => date(l.dueDate) },
        { label: 'card.col.fee', className: 'num money', cell: (l) => money(l.feeAmount) },
        {
          label: 'card.col.delivery',
          className: 'col-delivery',
          cell: (l) => {
            const d = delivery(l);
            return (
              <span
                className={d.tone === 'muted' ? 'muted' : `badge delivery ${d.tone}`}
                data-delivery={l.email?.status ?? 'none'}
              >
                {d.text}
              </span>
            );
          },
        },
      ]}
    />
  );
}

function CasesSection({ customerId, all }: { customerId: string; all: { to: string; list: string } }) {
  const { t, money, day } = useI18n();
  const { companyId } = useCompany();
  return (
    <Section<CollectionCase>
      id="card-cases"
      title={t('card.cases')}
      empty={t('card.none.cases')}
      all={all}
      listKey={`${companyId}:${customerId}:cases`}
      fetchPage={(cursor, signal) => customerApi.cases(companyId, customerId, cursor, signal)}
      rowKey={(c) => c.id}
      columns={[
        {
          label: 'card.col.case',
          cell: (c) => <Link to={companyPath(companyId, 'inkasso', 'sak', c.id)}>{c.caseNumber}</Link>,
        },
        {
          label: 'card.col.status',
          cell: (c) => {
            const key = `status.${c.status}`;
            return <span className={`badge badge-status-${c.status}`}>{isMessageKey(key) ? t(key) : c.status}</span>;
          },
        },
        { label: 'card.col.agency', cell: (c) => c.agencyName },
        {
          label: 'card.col.invoices',
          cell: (c) => (
            <span className="invoice-links">
              {c.invoices.map((i, n) => (
                <span key={i.id}>
                  {n > 0 && ', '}
                  <Link to={companyPath(companyId, 'fakturaer', i.id)}>{i.invoiceNumber}</Link>
                </span>
              ))}
            </span>
          ),
        },
        {
          label: 'card.col.remaining',
          className: 'num money',
          cell: (c) => money(c.invoices.reduce((sum, i) => sum + i.remainingAmount, 0)),
        },
        { label: 'card.col.date', className: 'date', cell: (c) => day(c.createdAt) },
      ]}
    />
  );
}

function PaymentsSection({ customerId, all }: { customerId: string; all: { to: string; list: string } }) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  return (
    <Section<PaymentListItem>
      id="card-payments"
      title={t('card.payments')}
      empty={t('card.none.payments')}
      all={all}
      listKey={`${companyId}:${customerId}:payments`}
      fetchPage={(cursor, signal) => ledgerApi.payments(companyId, { cursor, customerId }, signal)}
      rowKey={(p) => p.id}
      columns={[
        { label: 'card.col.date', className: 'date', cell: (p) => date(p.paymentDate) },
        {
          label: 'card.col.invoice',
          className: 'num',
          cell: (p) => <InvoiceLink id={p.invoiceId} number={p.invoiceNumber} />,
        },
        { label: 'card.col.kid', cell: (p) => p.kid ?? '–' },
        { label: 'card.col.reference', cell: (p) => p.reference || '–' },
        { label: 'card.col.amount', className: 'num money', cell: (p) => money(p.amount) },
      ]}
    />
  );
}
