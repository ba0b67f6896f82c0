/** The draft list (Utkast) and the approved list (Godkjent): approve, reject or recall. */
import { type ReactNode, useId, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import type { Handover } from '../../api/types.js';
import { companyPath, Link } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { ExportLinks } from '../../components/Export.js';
import { SearchBox, useListSearch } from '../../components/SearchBox.js';

/** Shows a message after an action (with a link onward) and refreshes the tab counts. */
export type Announce = (message: ReactNode) => void;

export function HandoverTab({ list, announce }: { list: 'draft' | 'approved'; announce: Announce }) {
  const { t, money, date, day } = useI18n();
  const { companyId, canWrite } = useCompany();
  const q = useListSearch();
  const rows = usePagedList<Handover>(`${companyId}:${list}:${q}`, (cursor, signal) =>
    api.handovers(companyId, list, cursor, signal, q),
  );
  const [approving, setApproving] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Handover | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const remove = (id: string) => rows.setItems((items) => items.filter((h) => h.id !== id));

  const approve = async (h: Handover) => {
    setApproving(h.id);
    setActionError(null);
    try {
      await api.approveHandover(companyId, h.id, newIdempotencyKey());
      remove(h.id);
      announce(
        <>
          <span>{t('collection.approved', { invoice: h.invoiceNumber, agency: h.agencyName })}</span>
          <Link to={companyPath(companyId, 'inkasso', 'godkjent')}>{t('collection.goToApproved')}</Link>
        </>,
      );
    } catch (e) {
      setActionError(e);
    } finally {
      setApproving(null);
    }
  };

  const rejected = (h: Handover) => {
    setRejecting(null);
    remove(h.id);
    announce(
      <>
        <span>{t('collection.rejected', { invoice: h.invoiceNumber })}</span>
        <Link to={companyPath(companyId, 'purreliste')}>{t('collection.goToReminders')}</Link>
      </>,
    );
  };

  const items = rows.items;
  return (
    <div className="tab-panel">
      <div className="tab-actions">
        <SearchBox />
        <ExportLinks
          path={`/companies/${companyId}/handovers/export`}
          query={{ list }}
          label={t(list === 'draft' ? 'export.drafts' : 'export.approved')}
        />
      </div>
      {actionError !== null && <ProblemMessage error={actionError} onClose={() => setActionError(null)} />}
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
          <EmptyState title={t(`collection.empty.${list}.title`)}>{t(`collection.empty.${list}.body`)}</EmptyState>
        ))
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('collection.col.invoice')}
                </th>
                <th scope="col">{t('collection.col.customer')}</th>
                <th scope="col">{t('collection.col.dueDate')}</th>
                <th scope="col" className="num">
                  {t('collection.col.openAmount')}
                </th>
                <th scope="col">{t('collection.col.agency')}</th>
                <th scope="col">{t(list === 'draft' ? 'collection.col.added' : 'collection.col.approved')}</th>
                {canWrite && (
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.id} data-invoice-id={h.invoiceId} data-invoice-number={h.invoiceNumber}>
                  <td className="num strong">{h.invoiceNumber}</td>
                  <td className="col-customer">
                    <span className="customer-name" title={h.customerName}>
                      {h.customerName}
                    </span>
                  </td>
                  <td className="date">{date(h.dueDate)}</td>
                  <td className="num money">{money(h.openAmount)}</td>
                  <td>{h.agencyName}</td>
                  <td className="date">
                    {list === 'draft' ? (
                      day(h.createdAt)
                    ) : (
                      <>
                        {h.approvedAt ? day(h.approvedAt) : t('common.none')}
                        {h.approval && <span className="muted small"> {t(`approval.${h.approval}`)}</span>}
                      </>
                    )}
                  </td>
                  {canWrite && (
                    <td className="col-actions">
                      <div className="row-actions">
                        {list === 'draft' && (
                          <Button
                            size="sm"
                            variant="primary"
                            busy={approving === h.id}
                            disabled={approving !== null}
                            onClick={() => approve(h)}
                          >
                            {t('collection.approve')}
                          </Button>
                        )}
                        <Button size="sm" disabled={approving !== null} onClick={() => setRejecting(h)}>
                          {t(list === 'draft' ? 'collection.reject' : 'collection.recall')}
                        </Button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
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
      {rejecting && (
        <RejectDialog
          handover={rejecting}
          list={list}
          onDone={() => rejected(rejecting)}
          onClose={() => setRejecting(null)}
        />
      )}
    </div>
  );
}

/** Reject a draft or recall an approved invoice: asks why, says where the invoice goes. */
function RejectDialog({
  handover,
  list,
  onDone,
  onClose,
}: {
  handover: Handover;
  list: 'draft' | 'approved';
  onDone(): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { companyId } = useCompany();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const draft = list === 'draft';

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.rejectHandover(companyId, handover.id, reason.trim(), idempotencyKey);
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(draft ? 'collection.rejectDialog.title' : 'collection.recallDialog.title', {
        invoice: handover.invoiceNumber,
      })}
      confirmLabel={t(draft ? 'collection.reject' : 'collection.recall')}
      confirmVariant="danger"
      busy={busy}
      canConfirm={reason.trim().length > 0}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>{t(draft ? 'collection.rejectDialog.body' : 'collection.recallDialog.body')}</p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('collection.rejectDialog.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={500}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${id}-hint`}
          data-autofocus
        />
        <p id={`${id}-hint`} className="field-hint">
          {t('collection.rejectDialog.reasonHint')}
        </p>
      </div>
      {error !== null && <ProblemMessage error={error} />}
    </Dialog>
  );
}
