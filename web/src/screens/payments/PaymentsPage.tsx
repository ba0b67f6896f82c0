/**
 * Innbetalinger: register a payment by KID or against an invoice (POST …/payments), see how much
 * went to the invoice and what stayed as the customer's credit; beside it every payment, newest
 * first, paged by cursor (GET …/payments), with the customer and the invoice it paid.
 */
import { useEffect, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { companyPath, Link } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { LoadMore, PageHeader } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  type InvoiceSummary,
  ledgerApi,
  type NewPayment,
  type Payment,
  type PaymentListItem,
  todayIso,
} from '../ledger/api.js';
import { CustomerPicker, type CustomerRef, parsePositiveOre } from '../ledger/shared.js';
import { BankImportPanel } from './BankImport.js';
import { ExportLinks } from '../../components/Export.js';
import { SearchBox, useListSearch } from '../../components/SearchBox.js';

export function PaymentsPage(_: ScreenProps) {
  const { t } = useI18n();
  const { companyId, canWrite, membership } = useCompany();
  useDocumentTitle(t('payments.title'), membership.companyName);
  const q = useListSearch();
  const list = usePagedList<PaymentListItem>(`${companyId}:${q}`, (cursor, signal) =>
    ledgerApi.payments(companyId, { cursor, q }, signal),
  );
  const items = list.items;

  return (
    <section className="screen" aria-labelledby="payments-title">
      <PageHeader id="payments-title" title={t('payments.title')} intro={t('payments.intro')}>
        <ExportLinks path={`/companies/${companyId}/payments/export`} label={t('payments.title')} />
      </PageHeader>
      <BankImportPanel onBooked={list.reload} />
      <div className={canWrite ? 'split' : undefined}>
        {/* A new payment is the newest (or near it): the list starts again from the first page. */}
        {canWrite && <RegisterPayment onRegistered={list.reload} />}
        <div>
          <div className="section-head">
            <h2 className="section-title">{t('payments.recent')}</h2>
            <SearchBox />
            {!list.loading && items.length > 0 && (
              <span className="muted small">
                {t(list.hasMore ? 'payments.showingMore' : 'payments.showing', { count: items.length })}
              </span>
            )}
          </div>
          {list.error !== null && (
            <ProblemMessage error={list.error} onRetry={items.length === 0 ? list.reload : list.loadMore} />
          )}
          {list.loading ? (
            <Loading />
          ) : (
            (items.length > 0 || list.error === null) &&
            (q && items.length === 0 ? (
              <EmptyState title={t('search.none', { q })} />
            ) : (
              <PaymentTable payments={items} />
            ))
          )}
          <LoadMore list={list} />
        </div>
      </div>
    </section>
  );
}

function PaymentTable({ payments }: { payments: PaymentListItem[] }) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  if (payments.length === 0)
    return <EmptyState title={t('payments.empty.title')}>{t('payments.empty.body')}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table payments-table table-cards">
        <thead>
          <tr>
            <th scope="col">{t('payments.col.date')}</th>
            <th scope="col">{t('payments.col.customer')}</th>
            <th scope="col">
              {t('payments.col.invoice')} <span className="muted small">/ {t('payments.col.kid')}</span>
            </th>
            <th scope="col">{t('payments.col.reference')}</th>
            <th scope="col" className="num">
              {t('payments.col.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id} data-payment-id={p.id} data-invoice-number={p.invoiceNumber ?? undefined}>
              <td className="date" data-label={t('payments.col.date')}>
                {date(p.paymentDate)}
              </td>
              {/* Takes the leftover width: the name on one line (shortened with an ellipsis), its number below. */}
              <td className="col-text payment-customer" data-label={t('payments.col.customer')}>
                {/* Reskontro filtered to the customer, closed items too: where the payment itself shows. */}
                <Link
                  className="cell-text"
                  to={`${companyPath(companyId, 'reskontro')}?kunde=${encodeURIComponent(p.customerId)}&lukket=1`}
                  title={t('payments.customerLedger', { name: p.customerName })}
                >
                  {p.customerName}
                </Link>
                <span className="muted small block customer-number">
                  {t('payments.customerNumber', { number: p.customerNumber })}
                </span>
              </td>
              <td className="payment-invoice" data-label={t('payments.col.invoice')}>
                {p.invoiceId !== null && p.invoiceNumber !== null ? (
                  <Link
                    to={companyPath(companyId, 'fakturaer', p.invoiceId)}
                    title={t('payments.invoiceNumber', { number: p.invoiceNumber })}
                  >
                    {p.invoiceNumber}
                  </Link>
                ) : (
                  <span className="muted">{t('payments.onCustomer')}</span>
                )}
                {p.kid && <span className="muted small block kid">{p.kid}</span>}
              </td>
              <td className="payment-reference" data-label={t('payments.col.reference')}>
                <span className="cell-text" title={p.reference}>
                  {p.reference || t('common.none')}
                </span>
              </td>
              <td className="num money strong" data-label={t('payments.col.amount')}>
                {money(p.amount)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RegisterPayment({ onRegistered }: { onRegistered(): void }) {
  const { t, money } = useI18n();
  const { companyId } = useCompany();
  const [by, setBy] = useState<'kid' | 'invoice'>('kid');
  const [kid, setKid] = useState('');
  const [customer, setCustomer] = useState<CustomerRef | null>(null);
  const [invoices, setInvoices] = useState<InvoiceSummary[] | null>(null);
  const [invoiceId, setInvoiceId] = useState('');
  const [amountText, setAmountText] = useState('');
  const [paymentDate, setPaymentDate] = useState(todayIso);
  const [reference, setReference] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Payment | null>(null);

  useEffect(() => {
    setInvoices(null);
    setInvoiceId('');
    if (!customer) return;
    const controller = new AbortController();
    ledgerApi
      .invoices(companyId, { status: 'open', customerId: customer.id, cursor: null, limit: 100 }, controller.signal)
      .then((page) => {
        setInvoices(page.data);
        setInvoiceId(page.data[0]?.id ?? '');
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [companyId, customer]);

  const amount = parsePositiveOre(amountText);
  const kidValid = /^[0-9]{2,24}[0-9-]$/.test(kid.trim());
  const valid =
    amount !== null && /^\d{4}-\d{2}-\d{2}$/.test(paymentDate) && (by === 'kid' ? kidValid : invoiceId !== '');

  const submit = async () => {
    if (!valid || amount === null) return;
    setBusy(true);
    setError(null);
    const body: NewPayment = {
      amount,
      paymentDate,
      ...(by === 'kid' ? { kid: kid.trim() } : { invoiceId }),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
    try {
      const payment = await ledgerApi.registerPayment(companyId, body, idempotencyKey);
      setResult(payment);
      setIdempotencyKey(newIdempotencyKey());
      setAmountText('');
      setKid('');
      setReference('');
      onRegistered();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const edit = () => {
    // A changed intent is a new request: a new key.
    setIdempotencyKey(newIdempotencyKey());
    setResult(null);
  };

  return (
    <form
      className="card"
      aria-labelledby="register-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onChange={edit}
    >
      <h2 id="register-title" className="card-title">
        {t('payments.register')}
      </h2>
      <fieldset className="plain">
        <legend>{t('payments.by')}</legend>
        <div className="radio-row">
          <label>
            <input type="radio" name="payment-by" checked={by === 'kid'} onChange={() => setBy('kid')} />
            {t('payments.byKid')}
          </label>
          <label>
            <input type="radio" name="payment-by" checked={by === 'invoice'} onChange={() => setBy('invoice')} />
            {t('payments.byInvoice')}
          </label>
        </div>
      </fieldset>
      {by === 'kid' ? (
        <div className="field">
          <label htmlFor="pay-kid">{t('payments.kid')}</label>
          <input
            id="pay-kid"
            inputMode="numeric"
            autoComplete="off"
            value={kid}
            aria-describedby="pay-kid-hint"
            onChange={(e) => setKid(e.target.value)}
          />
          <span id="pay-kid-hint" className="field-hint">
            {t('payments.kidHint')}
          </span>
        </div>
      ) : (
        <>
          <CustomerPicker value={customer} onChange={setCustomer} />
          {customer && (
            <div className="field">
              <label htmlFor="pay-invoice">{t('payments.invoicePick')}</label>
              {invoices === null ? (
                <Loading />
              ) : (
                <select id="pay-invoice" value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)}>
                  {invoices.length === 0 && <option value="">{t('common.none')}</option>}
                  {invoices.map((i) => (
                    <option key={i.id} value={i.id}>
                      {t('payments.invoiceOption', {
                        number: i.invoiceNumber,
                        customer: i.customerName,
                        open: money(i.openAmount),
                      })}
                    </option>
                  ))}
                </select>
              )}
            </div>
          )}
        </>
      )}
      <div className="form-grid form-grid-2">
        <div className="field">
          <label htmlFor="pay-amount">{t('payments.amount')}</label>
          <input
            id="pay-amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            aria-invalid={amountText !== '' && amount === null}
            aria-describedby="pay-amount-hint"
            onChange={(e) => setAmountText(e.target.value)}
          />
          {amountText !== '' && amount === null && (
            <span id="pay-amount-hint" className="field-hint text-error">
              {t('form.invalidAmount')}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="pay-date">{t('payments.date')}</label>
          <input id="pay-date" type="date" value={paymentDate} onChange={(e) => setPaymentDate(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="pay-reference">
          {t('payments.reference')} <span className="muted">({t('common.optional')})</span>
        </label>
        <input id="pay-reference" maxLength={200} value={reference} onChange={(e) => setReference(e.target.value)} />
      </div>
      {error !== null && <ProblemMessage error={error} onClose={() => setError(null)} />}
      {result && <PaymentResult payment={result} />}
      <div className="card-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={!valid}>
          {t('payments.submit')}
        </Button>
      </div>
    </form>
  );
}

function PaymentResult({ payment }: { payment: Payment }) {
  const { t, money } = useI18n();
  const { companyId } = useCompany();
  return (
    <div className="notice notice-success payment-result" role="status">
      <div className="notice-body">
        <strong>{t('payments.done', { amount: money(payment.amount) })}</strong>
        <ul className="result-list">
          <li>{t('payments.matched', { amount: money(payment.matchedAmount ?? 0) })}</li>
          <li>{t('payments.unallocated', { amount: money(payment.unallocatedAmount ?? 0) })}</li>
          {payment.invoiceOpenAmount !== undefined && payment.invoiceOpenAmount !== null && (
            <li className="invoice-open">{t('payments.invoiceOpen', { amount: money(payment.invoiceOpenAmount) })}</li>
          )}
        </ul>
        {payment.invoiceId && (
          <Link to={companyPath(companyId, 'fakturaer', payment.invoiceId)}>{t('payments.viewInvoice')}</Link>
        )}
      </div>
    </div>
  );
}
