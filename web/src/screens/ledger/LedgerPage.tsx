/**
 * Reskontro: the customer ledger's open items (GET …/open-items, paged by cursor), for one customer
 * or all, closed ones too on request. From a row: Avskriv (an invoice), match, see and undo matches.
 */
import { useEffect, useState } from 'react';
import { companyPath, Link, navigate, useLocation } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { LoadMore, PageHeader } from '../../components/Page.js';
import { EmptyState, Loading, Notice, ProblemMessage } from '../../components/Feedback.js';
import { Menu } from '../../components/Menu.js';
import { useI18n } from '../../i18n/i18n.js';
import { ledgerApi, type MatchResult, type OpenItem } from './api.js';
import { besideTheirInvoice } from './besideTheirInvoice.js';
import { MatchDialog, MatchesDialog } from './MatchDialogs.js';
import { CustomerPicker, type CustomerRef, useVoucherLabel } from './shared.js';
import { type WriteOffTarget, WriteOffDialog } from './WriteOffDialog.js';
import { ExportLinks } from '../../components/Export.js';
import { SEARCH_PARAM, SearchBox, useListSearch } from '../../components/SearchBox.js';

type Pending =
  | { kind: 'writeOff'; target: WriteOffTarget }
  | { kind: 'match'; item: OpenItem }
  | { kind: 'matches'; item: OpenItem };

export function LedgerPage(_: ScreenProps) {
  const { t, money } = useI18n();
  const { companyId, canWrite, membership } = useCompany();
  const { search, pathname } = useLocation();
  useDocumentTitle(t('ledger.title'), membership.companyName);
  const customerId = search.get('kunde');
  const includeClosed = search.get('lukket') === '1';
  const [customer, setCustomer] = useState<CustomerRef | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  // A shared link names the customer by id: read its name for the picker.
  useEffect(() => {
    if (!customerId) return setCustomer(null);
    if (customer?.id === customerId) return;
    let live = true;
    ledgerApi
      .customer(companyId, customerId)
      .then((c) => live && setCustomer(c))
      .catch((e: unknown) => live && setActionError(e));
    return () => {
      live = false;
    };
  }, [companyId, customerId, customer?.id]);

  const q = useListSearch();
  const list = usePagedList<OpenItem>(`${companyId}:${customerId ?? ''}:${includeClosed}:${q}`, (cursor, signal) =>
    ledgerApi.openItems(companyId, { customerId, includeClosed, cursor, q }, signal),
  );

  const setQuery = (next: { kunde?: string | null; lukket?: boolean }) => {
    const params = new URLSearchParams();
    const k = next.kunde === undefined ? customerId : next.kunde;
    const l = next.lukket === undefined ? includeClosed : next.lukket;
    if (k) params.set('kunde', k);
    if (l) params.set('lukket', '1');
    if (q) params.set(SEARCH_PARAM, q);
    const query = params.toString();
    navigate(query ? `${pathname}?${query}` : pathname, { replace: true });
  };

  /** After Avskriv: the invoice's new open amount, and the fee items written off with it closed. */
  const refreshInvoice = (invoiceId: string, open: number, closedFees: number[] = []) =>
    list.setItems((items) => {
      const isInvoice = (i: (typeof items)[number]) => i.invoiceId === invoiceId && i.voucherType === 'invoice';
      const updated = items.map((i) =>
        isInvoice(i) ? { ...i, openAmount: open } : closedFees.includes(i.entryId) ? { ...i, openAmount: 0 } : i,
      );
      return includeClosed ? updated : updated.filter((i) => i.openAmount !== 0);
    });

  const onMatched = (result: MatchResult) => {
    setMessage(
      t('match.done', {
        amount: money(result.amount),
        debit: money(result.debitOpenAmount),
        credit: money(-result.creditOpenAmount),
      }),
    );
    list.reload();
    setPending(null);
  };

  /** The match would touch an invoice with an agency: Avskriv instead (nothing was matched). */
  const writeOffInstead = async (invoiceId: string) => {
    setActionError(null);
    try {
      const invoice = await ledgerApi.invoice(companyId, invoiceId);
      setPending({
        kind: 'writeOff',
        target: {
          invoiceId: invoice.id,
          invoiceNumber: invoice.invoiceNumber,
          customerName: invoice.customerName,
          openAmount: invoice.openAmount,
        },
      });
    } catch (e) {
      setPending(null);
      setActionError(e);
    }
  };

  // A reminder fee shows under its invoice when both are on the page (else in its date's place).
  const items = besideTheirInvoice(list.items);
  const filtered = customerId !== null;
  return (
    <section className="screen" aria-labelledby="ledger-title">
      <PageHeader id="ledger-title" title={t('ledger.title')} intro={t('ledger.intro')}>
        <ExportLinks
          path={`/companies/${companyId}/open-items/export`}
          query={{ customerId: customerId ?? undefined, includeClosed: includeClosed ? 'true' : undefined }}
          label={t('ledger.title')}
        />
      </PageHeader>

      <div className="toolbar ledger-toolbar">
        <SearchBox />
        <div className="ledger-customer">
          <CustomerPicker
            value={customer}
            onChange={(c) => {
              setCustomer(c);
              setQuery({ kunde: c?.id ?? null });
            }}
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={includeClosed} onChange={(e) => setQuery({ lukket: e.target.checked })} />
          {t('ledger.includeClosed')}
        </label>
        {!list.loading && items.length > 0 && (
          <span className="muted small toolbar-end">
            {t(list.hasMore ? 'ledger.showingMore' : 'ledger.showing', { count: items.length })}
          </span>
        )}
      </div>

      {message && (
        <Notice tone="success" onClose={() => setMessage(null)}>
          {message}
        </Notice>
      )}
      {actionError !== null && <ProblemMessage error={actionError} onClose={() => setActionError(null)} />}
      {list.error !== null && (
        <ProblemMessage error={list.error} onRetry={items.length === 0 ? list.reload : list.loadMore} />
      )}

      {list.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        list.error === null &&
        (q ? (
          <EmptyState title={t('search.none', { q })} />
        ) : includeClosed ? (
          <EmptyState title={t('ledger.emptyClosed.title')}>{t('ledger.emptyClosed.body')}</EmptyState>
        ) : filtered && customer ? (
          <EmptyState title={t('ledger.emptyCustomer.title', { customer: customer.name })}>
            {t('ledger.empty.body')}
          </EmptyState>
        ) : (
          <EmptyState title={t('ledger.empty.title')}>{t('ledger.empty.body')}</EmptyState>
        ))
      ) : (
        <div className="table-wrap">
          <table className="table ledger-table">
            <thead>
              <tr>
                {!filtered && <th scope="col">{t('ledger.col.customer')}</th>}
                <th scope="col">{t('ledger.col.date')}</th>
                <th scope="col">{t('ledger.col.voucher')}</th>
                <th scope="col">{t('ledger.col.text')}</th>
                <th scope="col">{t('ledger.col.dueDate')}</th>
                <th scope="col" className="num">
                  {t('ledger.col.amount')}
                </th>
                <th scope="col" className="num">
                  {t('ledger.col.open')}
                </th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <LedgerRow
                  key={item.entryId}
                  item={item}
                  showCustomer={!filtered}
                  companyId={companyId}
                  canWrite={canWrite}
                  onPick={(c) => {
                    setCustomer(c);
                    setQuery({ kunde: c.id });
                  }}
                  onWriteOff={() => {
                    setMessage(null);
                    if (item.invoiceId && item.invoiceNumber !== null)
                      setPending({
                        kind: 'writeOff',
                        target: {
                          invoiceId: item.invoiceId,
                          invoiceNumber: item.invoiceNumber,
                          customerName: item.customerName,
                          openAmount: item.openAmount,
                        },
                      });
                  }}
                  onMatch={() => setPending({ kind: 'match', item })}
                  onMatches={() => setPending({ kind: 'matches', item })}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />

      {pending?.kind === 'writeOff' && (
        <WriteOffDialog
          target={pending.target}
          onClose={() => setPending(null)}
          onDone={(result) => {
            setPending(null);
            setMessage(
              t('writeOff.done', {
                invoice: pending.target.invoiceNumber,
                amount: money(result.amount),
                account: result.account,
                open: money(result.invoiceOpenAmount),
              }),
            );
            refreshInvoice(
              result.invoiceId,
              result.invoiceOpenAmount,
              result.fees.map((f) => f.entryId),
            );
          }}
        />
      )}
      {pending?.kind === 'match' && (
        <MatchDialog
          item={pending.item}
          onClose={() => setPending(null)}
          onDone={onMatched}
          onUseWriteOff={(invoiceId) => void writeOffInstead(invoiceId)}
        />
      )}
      {pending?.kind === 'matches' && (
        <MatchesDialog item={pending.item} onClose={() => setPending(null)} onChanged={list.reload} />
      )}
    </section>
  );
}

interface RowProps {
  item: OpenItem;
  showCustomer: boolean;
  companyId: string;
  canWrite: boolean;
  onPick(customer: CustomerRef): void;
  onWriteOff(): void;
  onMatch(): void;
  onMatches(): void;
}

function LedgerRow({ item, showCustomer, companyId, canWrite, onPick, onWriteOff, onMatch, onMatches }: RowProps) {
  const { t, money, date } = useI18n();
  const voucher = useVoucherLabel();
  const label = voucher(item.voucherType, item.voucherNumber);
  const isOpenInvoice = item.voucherType === 'invoice' && item.invoiceId !== null && item.openAmount > 0;
  const menu = [
    ...(canWrite && item.openAmount !== 0 ? [{ label: t('ledger.match'), onSelect: onMatch }] : []),
    { label: t('ledger.matches'), onSelect: onMatches },
    ...(item.invoiceId
      ? [
          {
            label: t('ledger.openInvoice'),
            onSelect: () => navigate(companyPath(companyId, 'fakturaer', item.invoiceId ?? '')),
          },
        ]
      : []),
  ];
  return (
    <tr
      data-entry-id={item.entryId}
      data-invoice-number={item.invoiceNumber ?? undefined}
      className={item.openAmount === 0 ? 'is-closed' : undefined}
    >
      {showCustomer && (
        <td className="col-customer">
          <button
            type="button"
            className="link-button customer-name"
            title={item.customerName}
            onClick={() =>
              onPick({ id: item.customerId, customerNumber: item.customerNumber, name: item.customerName })
            }
          >
            {item.customerName}
          </button>
        </td>
      )}
      <td className="date">{date(item.entryDate)}</td>
      <td className="nowrap">
        {item.invoiceId && item.voucherType === 'invoice' ? (
          <Link to={companyPath(companyId, 'fakturaer', item.invoiceId)}>{label}</Link>
        ) : (
          label
        )}
      </td>
      <td className="col-text">
        <span className="cell-text" title={item.description}>
          {item.description}
        </span>
        {item.claimInvoiceId && item.claimInvoiceNumber !== null && (
          <span className="cell-note">
            <Link to={companyPath(companyId, 'fakturaer', item.claimInvoiceId)}>
              {t('ledger.feeOfInvoice', { invoice: item.claimInvoiceNumber })}
            </Link>
          </span>
        )}
      </td>
      <td className="date">{item.dueDate ? date(item.dueDate) : t('common.none')}</td>
      <td className="num money">{money(item.amount)}</td>
      <td className="num money strong">
        {item.openAmount === 0 ? <span className="muted">{t('ledger.closed')}</span> : money(item.openAmount)}
      </td>
      <td className="col-actions">
        <div className="row-actions">
          {canWrite && isOpenInvoice && (
            <Button size="sm" onClick={onWriteOff} aria-label={`${t('ledger.writeOff')} ${label}`}>
              {t('ledger.writeOff')}
            </Button>
          )}
          <Menu label={t('ledger.rowActions', { voucher: label })} items={menu} />
        </div>
      </td>
    </tr>
  );
}
