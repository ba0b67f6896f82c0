/**
 * Oppgjør: the agencies' settlements. Pending ones (when the company approves settlements by hand)
 * show the voucher they would post and any problem, and are approved or rejected (with a reason).
 */
import { Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { companyPath, Link, navigate } from '../../app/router.js';
import type { ScreenProps } from '../../app/screens.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { EmptyState, Loading, Notice, ProblemMessage } from '../../components/Feedback.js';
import { LoadMore } from '../../components/Page.js';
import { type MessageKey, useI18n } from '../../i18n/i18n.js';
import { moreApi, type Settlement, type SettlementStatus, useLoad } from '../overview/api.js';
import { SettlementPreviewView } from './SettlementPreview.js';
import { Statement } from './Statement.js';
import './settlements.css';
import { ExportLinks } from '../../components/Export.js';

const TABS = [
  { slug: 'venter', labelKey: 'settlement.tab.pending', status: 'pending_approval' },
  { slug: 'bokfort', labelKey: 'settlement.tab.posted', status: 'posted' },
  { slug: 'avvist', labelKey: 'settlement.tab.rejected', status: 'rejected' },
  { slug: 'alle', labelKey: 'settlement.tab.all', status: undefined },
] as const satisfies ReadonlyArray<{ slug: string; labelKey: MessageKey; status: SettlementStatus | undefined }>;
/** The pending tab counts up to this many (then «100+»): more than that waiting is a message in itself. */
const PENDING_COUNTED = 100;

export function SettlementsPage({ rest }: ScreenProps) {
  const { t } = useI18n();
  const { companyId, membership } = useCompany();
  const tab = TABS.find((x) => x.slug === rest[0]);
  const [message, setMessage] = useState<ReactNode>(null);
  const [pendingCount, setPendingCount] = useState<string | null>(null);
  useDocumentTitle(tab ? t(tab.labelKey) : null, t('settlement.title'), membership.companyName);

  useEffect(() => {
    if (!tab) navigate(companyPath(companyId, 'oppgjor', TABS[0].slug), { replace: true });
  }, [tab, companyId]);

  const [countAttempt, setCountAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `countAttempt` is a trigger: bumping it counts again
  useEffect(() => {
    const controller = new AbortController();
    moreApi
      .settlements(companyId, { status: 'pending_approval', limit: PENDING_COUNTED }, controller.signal)
      .then((r) => setPendingCount(r.nextCursor ? `${r.data.length}+` : String(r.data.length)))
      .catch(() => setPendingCount(null));
    return () => controller.abort();
  }, [companyId, countAttempt]);

  if (!tab) return null;
  return (
    <section className="screen" aria-labelledby="settlements-title">
      <header className="page-header">
        <div>
          <h1 id="settlements-title" className="page-title">
            {t('settlement.title')}
          </h1>
          <p className="page-intro">{t('settlement.intro')}</p>
        </div>
        <ExportLinks
          path={`/companies/${companyId}/settlements/export`}
          query={{ status: tab.status }}
          label={t('settlement.title')}
        />
      </header>
      <nav className="tabs" aria-label={t('settlement.tabs')}>
        {TABS.map((x) => (
          <Link
            key={x.slug}
            to={companyPath(companyId, 'oppgjor', x.slug)}
            className="tab"
            aria-current={x.slug === tab.slug ? 'page' : undefined}
          >
            {t(x.labelKey)}
            {x.status === 'pending_approval' && pendingCount !== null && (
              <span className="tab-count">{pendingCount}</span>
            )}
          </Link>
        ))}
      </nav>
      {message !== null && (
        <Notice tone="success" onClose={() => setMessage(null)}>
          {message}
        </Notice>
      )}
      <SettlementList
        key={tab.slug}
        status={tab.status}
        onDecided={(m) => {
          setMessage(m);
          setCountAttempt((n) => n + 1);
        }}
      />
    </section>
  );
}

function SettlementList({
  status,
  onDecided,
}: {
  status: SettlementStatus | undefined;
  onDecided(message: ReactNode): void;
}) {
  const { t, money, date, day } = useI18n();
  const { companyId } = useCompany();
  const list = usePagedList<Settlement>(`${companyId}:${status ?? 'all'}`, (cursor, signal) =>
    moreApi.settlements(companyId, { status, cursor }, signal),
  );
  const [expanded, setExpanded] = useState<string | null>(null);
  const items = list.items;
  // A single pending settlement opens by itself: it is what the accountant came for.
  const opened = useRef(false);
  useEffect(() => {
    if (!opened.current && !list.loading && status === 'pending_approval' && items.length === 1 && !list.hasMore) {
      opened.current = true;
      setExpanded(items[0]!.id);
    }
  }, [list.loading, list.hasMore, items, status]);

  const statusKey = (s: SettlementStatus) => `settlement.status.${s}` as MessageKey;
  const columns = 7;
  return (
    <div className="tab-panel">
      {list.error !== null && <ProblemMessage error={list.error} onRetry={list.reload} />}
      {list.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        list.error === null && (
          <EmptyState title={t(`settlement.empty.${status ?? 'all'}.title` as MessageKey)}>
            {t(`settlement.empty.${status ?? 'all'}.body` as MessageKey)}
          </EmptyState>
        )
      ) : (
        <div className="table-wrap">
          <table className="table settlement-table">
            <thead>
              <tr>
                <th scope="col">{t('settlement.col.reference')}</th>
                <th scope="col">{t('settlement.col.agency')}</th>
                <th scope="col">{t('settlement.col.date')}</th>
                <th scope="col">{t('settlement.col.cases')}</th>
                <th scope="col" className="num">
                  {t('settlement.col.bankAmount')}
                </th>
                <th scope="col">{t('settlement.col.status')}</th>
                <th scope="col">{t('settlement.col.received')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const open = expanded === s.id;
                const panelId = `settlement-${s.id}`;
                const cases = [...new Set(s.lines.map((l) => l.caseNumber))];
                return (
                  <Fragment key={s.id}>
                    <tr data-reference={s.reference} className={open ? 'is-expanded' : undefined}>
                      <td className="strong">
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={open}
                          aria-controls={panelId}
                          onClick={() => setExpanded(open ? null : s.id)}
                        >
                          <span className={open ? 'chevron is-open' : 'chevron'} aria-hidden="true" />
                          {s.reference}
                        </button>
                      </td>
                      <td>{s.agencyName ?? t('common.none')}</td>
                      <td className="date">{date(s.settlementDate)}</td>
                      <td>{cases.join(', ')}</td>
                      <td className="num money">{money(s.bankAmount)}</td>
                      <td>
                        <span className={`badge badge-settlement-${s.status}`}>{t(statusKey(s.status))}</span>
                      </td>
                      <td className="date">{day(s.createdAt)}</td>
                    </tr>
                    {open && (
                      <tr className="sub-row">
                        <td colSpan={columns} id={panelId}>
                          <SettlementDetail
                            settlement={s}
                            onDecided={(m) => {
                              setExpanded(null);
                              list.reload();
                              onDecided(m);
                            }}
                          />
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
      <LoadMore list={list} />
    </div>
  );
}

function SettlementDetail({
  settlement: s,
  onDecided,
}: {
  settlement: Settlement;
  onDecided(message: ReactNode): void;
}) {
  const { t, money, day } = useI18n();
  const { companyId, canWrite } = useCompany();
  const pending = s.status === 'pending_approval';
  const preview = useLoad(`${companyId}:${s.id}:${s.status}`, (signal) =>
    pending ? moreApi.settlementPreview(companyId, s.id, signal) : Promise.resolve(null),
  );
  const [approving, setApproving] = useState(false);
  const [approveKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState(false);
  const blocked = (preview.data?.problems.length ?? 0) > 0;

  const approve = async () => {
    setApproving(true);
    setError(null);
    try {
      await moreApi.approveSettlement(companyId, s.id, approveKey);
      onDecided(t('settlement.approved', { reference: s.reference }));
    } catch (e) {
      setError(e);
      setApproving(false);
    }
  };

  return (
    <div className="settlement-detail">
      <div className="settlement-detail-main">
        {pending && (
          <section aria-labelledby={`preview-${s.id}`}>
            <h3 id={`preview-${s.id}`} className="detail-heading">
              {t('settlement.preview.title')}
            </h3>
            {preview.error !== null && <ProblemMessage error={preview.error} onRetry={preview.reload} />}
            {preview.loading ? <Loading /> : preview.data && <SettlementPreviewView preview={preview.data} />}
          </section>
        )}
        {!pending && (
          <section>
            <h3 className="detail-heading">{t('settlement.decision')}</h3>
            <p className="small">
              {s.status === 'posted'
                ? t('settlement.postedAt', { date: s.decidedAt ? day(s.decidedAt) : t('common.none') })
                : t('settlement.rejectedAt', { date: s.decidedAt ? day(s.decidedAt) : t('common.none') })}
              {s.rejectReason && (
                <>
                  {' '}
                  {t('settlement.reason')}: <q>{s.rejectReason}</q>
                </>
              )}
            </p>
          </section>
        )}
        {s.status === 'posted' && <PostedVoucher settlementId={s.id} />}
        <section>
          <h3 className="detail-heading">{t('settlement.lines.title')}</h3>
          <table className="table table-compact sub-table" aria-label={t('settlement.lines.title')}>
            <thead>
              <tr>
                <th scope="col">{t('settlement.lines.case')}</th>
                <th scope="col">{t('settlement.lines.type')}</th>
                <th scope="col" className="num">
                  {t('settlement.lines.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l, i) => (
                <tr key={i}>
                  <td>{l.caseNumber}</td>
                  <td>{t(`settlement.lineType.${l.type}` as MessageKey)}</td>
                  <td className="num money">{money(l.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <aside className="settlement-detail-side" aria-label={t('settlement.statement.title')}>
        <h3 className="detail-heading">{t('settlement.statement.title')}</h3>
        <Statement statement={s.statement} label={t('settlement.statement.of', { reference: s.reference })} />
        {pending && canWrite && (
          <div className="settlement-actions">
            {error !== null && <ProblemMessage error={error} onClose={() => setError(null)} />}
            <Button variant="primary" onClick={approve} busy={approving} disabled={preview.loading || blocked}>
              {t('settlement.approve')}
            </Button>
            <Button variant="danger" onClick={() => setRejecting(true)} disabled={approving}>
              {t('settlement.reject')}
            </Button>
            {blocked && <p className="small text-error">{t('settlement.blocked')}</p>}
          </div>
        )}
      </aside>
      {rejecting && <RejectDialog settlement={s} onClose={() => setRejecting(false)} onDone={(m) => onDecided(m)} />}
    </div>
  );
}

/** The voucher a posted settlement made: its number and postings (debit and credit apart). */
function PostedVoucher({ settlementId }: { settlementId: string }) {
  const { t, money } = useI18n();
  const { companyId } = useCompany();
  const detail = useLoad(`${companyId}:${settlementId}:voucher`, (signal) =>
    moreApi.settlement(companyId, settlementId, signal),
  );
  const v = detail.data?.voucher;
  const title = v ? t('settlement.voucher.title', { number: v.number }) : t('settlement.voucher.none');
  return (
    <section data-testid="settlement-voucher">
      <h3 className="detail-heading">{title}</h3>
      {detail.error !== null && <ProblemMessage error={detail.error} onRetry={detail.reload} />}
      {detail.loading && !detail.data ? (
        <Loading />
      ) : (
        v && (
          <table className="table table-compact sub-table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{t('settlement.voucher.account')}</th>
                <th scope="col">{t('settlement.voucher.text')}</th>
                <th scope="col" className="num">
                  {t('settlement.voucher.debit')}
                </th>
                <th scope="col" className="num">
                  {t('settlement.voucher.credit')}
                </th>
              </tr>
            </thead>
            <tbody>
              {v.postings.map((p, i) => (
                <tr key={i}>
                  <td>{p.account}</td>
                  <td>{p.description}</td>
                  <td className="num money">{p.amount > 0 ? money(p.amount) : ''}</td>
                  <td className="num money">{p.amount < 0 ? money(-p.amount) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  );
}

function RejectDialog({
  settlement,
  onClose,
  onDone,
}: {
  settlement: Settlement;
  onClose(): void;
  onDone(message: ReactNode): void;
}) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newIdempotencyKey);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await moreApi.rejectSettlement(companyId, settlement.id, reason.trim(), key);
      onDone(t('settlement.rejected', { reference: settlement.reference }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('settlement.rejectTitle', { reference: settlement.reference })}
      confirmLabel={t('settlement.reject')}
      confirmVariant="danger"
      busy={busy}
      canConfirm={reason.trim().length > 0}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>{t('settlement.rejectBody')}</p>
      {error !== null && <ProblemMessage error={error} />}
      <div className="field">
        <label htmlFor="settlement-reject-reason">{t('settlement.reason')}</label>
        <textarea
          id="settlement-reject-reason"
          data-autofocus
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
      </div>
    </Dialog>
  );
}
