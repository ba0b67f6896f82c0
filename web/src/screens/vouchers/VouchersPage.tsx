/**
 * Bilag: the voucher journal (GET …/vouchers, newest first), one voucher with its postings, and a
 * manual voucher keyed in by hand (POST …/vouchers). `/bilag` is the journal, `/bilag/ny` the form,
 * `/bilag/{id}` a voucher.
 */
import { companyPath, Link } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { usePagedList } from '../../app/usePagedList.js';
import { EmptyState, Loading, Notice, ProblemMessage } from '../../components/Feedback.js';
import { LoadMore, PageHeader } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { useVoucherLabel } from '../ledger/shared.js';
import { useLoad } from '../overview/api.js';
import { type Account, type Voucher, voucherApi, type VoucherListItem } from './api.js';
import { ManualVoucherForm } from './ManualVoucherForm.js';
import './vouchers.css';

export function VouchersPage({ rest }: ScreenProps) {
  const { canWrite } = useCompany();
  const first = rest[0];
  if (first === 'ny') return canWrite ? <ManualVoucherForm /> : <Journal />;
  if (first) return <VoucherView voucherId={first} />;
  return <Journal />;
}

/** `2026-17`: the fiscal year and the number in its gap-free series. */
export const voucherNumber = (v: Pick<Voucher, 'fiscalYear' | 'number'>) => `${v.fiscalYear}-${v.number}`;

function Journal() {
  const { t, money, date } = useI18n();
  const { companyId, canWrite, membership } = useCompany();
  useDocumentTitle(t('vouchers.title'), membership.companyName);
  const label = useVoucherLabel();
  const list = usePagedList<VoucherListItem>(companyId, (cursor, signal) =>
    voucherApi.vouchers(companyId, cursor, signal),
  );
  return (
    <section className="screen" aria-labelledby="vouchers-title">
      <PageHeader id="vouchers-title" title={t('vouchers.title')} intro={t('vouchers.intro')}>
        {canWrite && (
          <Link className="btn btn-primary" to={companyPath(companyId, 'bilag', 'ny')}>
            + {t('vouchers.new')}
          </Link>
        )}
      </PageHeader>
      {list.error !== null && <ProblemMessage error={list.error} onRetry={list.reload} />}
      {list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        list.error === null && <EmptyState title={t('vouchers.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table vouchers-table">
            <thead>
              <tr>
                <th scope="col">{t('vouchers.col.number')}</th>
                <th scope="col">{t('vouchers.col.date')}</th>
                <th scope="col">{t('vouchers.col.type')}</th>
                <th scope="col">{t('vouchers.col.description')}</th>
                <th scope="col" className="num">
                  {t('vouchers.col.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((v) => (
                <tr key={v.id} data-voucher-id={v.id}>
                  <td className="nowrap">
                    <Link to={companyPath(companyId, 'bilag', v.id)}>{voucherNumber(v)}</Link>
                  </td>
                  <td className="date">{date(v.date)}</td>
                  <td className="nowrap">{label(v.type, '').trim()}</td>
                  <td className="col-text">
                    <span className="cell-text" title={v.description}>
                      {v.description}
                    </span>
                  </td>
                  <td className="num money">{money(v.amount)}</td>
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

function VoucherView({ voucherId }: { voucherId: string }) {
  const { t, date, day } = useI18n();
  const { companyId, membership } = useCompany();
  const label = useVoucherLabel();
  const voucher = useLoad(`${companyId}:${voucherId}`, (signal) => voucherApi.voucher(companyId, voucherId, signal));
  const accounts = useLoad(companyId, (signal) => voucherApi.accounts(companyId, signal));
  const v = voucher.data;
  const title = v ? label(v.type, voucherNumber(v)) : t('vouchers.voucher');
  useDocumentTitle(title, membership.companyName);
  const justPosted = new URLSearchParams(window.location.search).get('ny') === '1';
  return (
    <section className="screen" aria-labelledby="voucher-title">
      <header className="page-header">
        <div>
          <Link className="back-link" to={companyPath(companyId, 'bilag')}>
            ← {t('vouchers.back')}
          </Link>
          <h1 id="voucher-title" className="page-title">
            {title}
          </h1>
          {v && (
            <p className="page-intro">
              {date(v.date)} · {v.description}
            </p>
          )}
        </div>
      </header>
      {voucher.error !== null && <ProblemMessage error={voucher.error} onRetry={voucher.reload} />}
      {voucher.loading && <Loading />}
      {v && justPosted && <Notice tone="success">{t('vouchers.posted', { number: voucherNumber(v) })}</Notice>}
      {v && (
        <>
          <PostingsTable voucher={v} accounts={accounts.data?.data ?? []} />
          <p className="muted small">
            {t('vouchers.createdAt', { day: day(v.createdAt) })}
            {v.reversedByVoucherId && (
              <>
                {' · '}
                <Link to={companyPath(companyId, 'bilag', v.reversedByVoucherId)}>{t('vouchers.reversedBy')}</Link>
              </>
            )}
            {v.reversesVoucherId && (
              <>
                {' · '}
                <Link to={companyPath(companyId, 'bilag', v.reversesVoucherId)}>{t('vouchers.reverses')}</Link>
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}

/** The postings of a voucher: account (with its name), customer and invoice, debit and credit. */
export function PostingsTable({ voucher, accounts }: { voucher: Voucher; accounts: readonly Account[] }) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  const names = new Map(accounts.map((a) => [a.number, a.name]));
  const debit = voucher.postings.reduce((s, p) => s + Math.max(p.amount, 0), 0);
  return (
    <div className="table-wrap">
      <table className="table postings-table" data-voucher-number={voucherNumber(voucher)}>
        <caption className="visually-hidden">{t('vouchers.postings')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vouchers.col.account')}</th>
            <th scope="col">{t('vouchers.col.text')}</th>
            <th scope="col">{t('vouchers.col.dueDate')}</th>
            <th scope="col" className="num">
              {t('vouchers.col.debit')}
            </th>
            <th scope="col" className="num">
              {t('vouchers.col.credit')}
            </th>
          </tr>
        </thead>
        <tbody>
          {voucher.postings.map((p) => (
            <tr key={p.id} data-account={p.account}>
              <td className="nowrap">
                {p.account} <span className="muted">{names.get(p.account) ?? ''}</span>
              </td>
              <td className="col-text">
                {p.description}
                {p.customerId && (
                  <span className="cell-note">
                    <Link to={`${companyPath(companyId, 'reskontro')}?kunde=${encodeURIComponent(p.customerId)}`}>
                      {t('vouchers.customerLedger')}
                    </Link>
                    {p.invoiceId && (
                      <>
                        {' · '}
                        <Link to={companyPath(companyId, 'fakturaer', p.invoiceId)}>{t('vouchers.invoice')}</Link>
                      </>
                    )}
                  </span>
                )}
              </td>
              <td className="date">{p.dueDate ? date(p.dueDate) : ''}</td>
              <td className="num money">{p.amount > 0 ? money(p.amount) : ''}</td>
              <td className="num money">{p.amount < 0 ? money(-p.amount) : ''}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('vouchers.sum')}
            </th>
            <td className="num money strong">{money(debit)}</td>
            <td className="num money strong">{money(debit)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
