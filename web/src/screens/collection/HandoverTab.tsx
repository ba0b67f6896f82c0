/**
 * The draft list (Utkast) and the approved list (Godkjent): approve, reject or recall, one at a
 * time or the selected ones at once (one request, each handover decided on its own by the server).
 */
import { type ReactNode, useId, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import type { Handover, HandoverDecisionResult } from '../../api/types.js';
import { companyPath, Link } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { usePagedList } from '../../app/usePagedList.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { EmptyState, Loading, ProblemMessage } from '../../components/Feedback.js';
import { isMessageKey, useI18n } from '../../i18n/i18n.js';
import { problemDetail } from '../../i18n/problem.js';
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
  const [rejecting, setRejecting] = useState<Handover[] | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [failures, setFailures] = useState<Failure[]>([]);

  const removeAll = (ids: ReadonlySet<string>) => {
    rows.setItems((items) => items.filter((h) => !ids.has(h.id)));
    setSelected((sel) => new Set([...sel].filter((id) => !ids.has(id))));
  };
  const remove = (id: string) => removeAll(new Set([id]));
  const items = rows.items;
  const selectedItems = items.filter((h) => selected.has(h.id));
  const allSelected = items.length > 0 && selectedItems.length === items.length;
  const toggle = (id: string) =>
    setSelected((sel) => {
      const next = new Set(sel);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  /** What a decision on many did: the done ones leave the list, the refused ones stay selected with why. */
  const decided = (chosen: Handover[], result: HandoverDecisionResult, action: 'approve' | 'reject') => {
    const done = new Set(result.results.filter((r) => r.ok).map((r) => r.handoverId));
    removeAll(done);
    const byId = new Map(chosen.map((h) => [h.id, h]));
    setFailures(result.results.filter((r) => !r.ok).map((r) => ({ handover: byId.get(r.handoverId), line: r })));
    if (done.size > 0)
      announce(
        action === 'approve' ? (
          <>
            <span>{t('collection.bulk.approved', { count: done.size })}</span>
            <Link to={companyPath(companyId, 'inkasso', 'godkjent')}>{t('collection.goToApproved')}</Link>
          </>
        ) : (
          <>
            <span>{t('collection.bulk.rejected', { count: done.size })}</span>
            <Link to={companyPath(companyId, 'purreliste')}>{t('collection.goToReminders')}</Link>
          </>
        ),
      );
  };

  const approveSelected = async () => {
    const chosen = selectedItems;
    setApproving('bulk');
    setActionError(null);
    setFailures([]);
    try {
      const result = await api.decideHandovers(
        companyId,
        { action: 'approve', handoverIds: chosen.map((h) => h.id) },
        newIdempotencyKey(),
      );
      decided(chosen, result, 'approve');
    } catch (e) {
      setActionError(e);
    } finally {
      setApproving(null);
    }
  };

  const approve = async (h: Handover) => {
    setApproving(h.id);
    setActionError(null);
    setFailures([]);
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

  const rejected = (chosen: Handover[], result: HandoverDecisionResult | null) => {
    setRejecting(null);
    if (result) return decided(chosen, result, 'reject');
    const h = chosen[0]!;
    remove(h.id);
    announce(
      <>
        <span>{t('collection.rejected', { invoice: h.invoiceNumber })}</span>
        <Link to={companyPath(companyId, 'purreliste')}>{t('collection.goToReminders')}</Link>
      </>,
    );
  };

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
      {failures.length > 0 && <DecisionFailures failures={failures} onClose={() => setFailures([])} />}
      {canWrite && selectedItems.length > 0 && (
        <div className="bulk-bar" role="region" aria-label={t('bulk.selected', { count: selectedItems.length })}>
          <strong className="bulk-count">{t('bulk.selected', { count: selectedItems.length })}</strong>
          {list === 'draft' && (
            <Button
              size="sm"
              variant="primary"
              busy={approving === 'bulk'}
              disabled={approving !== null}
              onClick={approveSelected}
            >
              {t('collection.bulk.approve')}
            </Button>
          )}
          <Button size="sm" disabled={approving !== null} onClick={() => setRejecting(selectedItems)}>
            {t(list === 'draft' ? 'collection.bulk.reject' : 'collection.bulk.recall')}
          </Button>
          <Button size="sm" variant="ghost" className="bulk-clear" onClick={() => setSelected(new Set())}>
            {t('bulk.clearSelection')}
          </Button>
        </div>
      )}
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
          <table className="table table-cards handover-table">
            <thead>
              <tr>
                {canWrite && (
                  <th scope="col" className="col-select" data-label={t('reminders.selectAll')}>
                    <input
                      type="checkbox"
                      aria-label={t('reminders.selectAll')}
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((h) => h.id)))}
                    />
                  </th>
                )}
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
                <tr
                  key={h.id}
                  data-invoice-id={h.invoiceId}
                  data-invoice-number={h.invoiceNumber}
                  className={selected.has(h.id) ? 'is-selected' : undefined}
                >
                  {canWrite && (
                    <td className="col-select">
                      <input
                        type="checkbox"
                        aria-label={t('reminders.selectRow', { invoice: h.invoiceNumber })}
                        checked={selected.has(h.id)}
                        onChange={() => toggle(h.id)}
                      />
                    </td>
                  )}
                  <td className="num strong col-invoice" data-label={t('collection.col.invoice')}>
                    <Link to={companyPath(companyId, 'fakturaer', h.invoiceId)}>{h.invoiceNumber}</Link>
                  </td>
                  <td className="col-customer" data-label={t('collection.col.customer')}>
                    <span className="customer-name" title={h.customerName}>
                      {h.customerName}
                    </span>
                  </td>
                  <td className="date" data-label={t('collection.col.dueDate')}>
                    {date(h.dueDate)}
                  </td>
                  <td className="num money" data-label={t('collection.col.openAmount')}>
                    {money(h.openAmount)}
                  </td>
                  <td data-label={t('collection.col.agency')}>{h.agencyName}</td>
                  <td
                    className="date"
                    data-label={t(list === 'draft' ? 'collection.col.added' : 'collection.col.approved')}
                  >
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
                        <Button size="sm" disabled={approving !== null} onClick={() => setRejecting([h])}>
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
          handovers={rejecting}
          list={list}
          onDone={(result) => rejected(rejecting, result)}
          onClose={() => setRejecting(null)}
        />
      )}
    </div>
  );
}

type Failure = { handover: Handover | undefined; line: HandoverDecisionResult['results'][number] };

/** The handovers a decision on many left as they were, each with why (in the UI's language). */
function DecisionFailures({ failures, onClose }: { failures: Failure[]; onClose(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="notice notice-error" role="alert" data-testid="decision-failures">
      <div className="notice-body">
        <strong>{t('collection.bulk.failedTitle', { count: failures.length })}</strong>
        <ul className="decision-failures">
          {failures.map(({ handover, line }) => {
            const key = `error.code.${line.code ?? ''}`;
            const title = isMessageKey(key) ? t(key) : t('bulk.failed');
            const detail = line.code ? problemDetail(line.code, line, i18n) : line.detail;
            return (
              <li key={line.handoverId} data-handover-id={line.handoverId}>
                <strong>{t('collection.bulk.failedLine', { invoice: handover?.invoiceNumber ?? '?' })}</strong>: {title}
                {detail && <span className="notice-detail">{detail}</span>}
              </li>
            );
          })}
        </ul>
      </div>
      <button type="button" className="notice-close" onClick={onClose} aria-label={t('common.close')}>
        ×
      </button>
    </div>
  );
}

/**
 * Reject drafts or recall approved invoices (one, or the selected ones through one request): asks
 * why, says where the invoices go.
 */
function RejectDialog({
  handovers,
  list,
  onDone,
  onClose,
}: {
  handovers: Handover[];
  list: 'draft' | 'approved';
  /** With the server's result per handover when there were several (null for one). */
  onDone(result: HandoverDecisionResult | null): void;
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
  const one = handovers.length === 1 ? handovers[0] : undefined;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (handovers.length === 1) {
        await api.rejectHandover(companyId, handovers[0]!.id, reason.trim(), idempotencyKey);
        onDone(null);
      } else {
        const handoverIds = handovers.map((h) => h.id);
        onDone(
          await api.decideHandovers(
            companyId,
            { action: 'reject', handoverIds, reason: reason.trim() },
            idempotencyKey,
          ),
        );
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={
        one
          ? t(draft ? 'collection.rejectDialog.title' : 'collection.recallDialog.title', { invoice: one.invoiceNumber })
          : t(draft ? 'collection.bulk.rejectTitle' : 'collection.bulk.recallTitle', { count: handovers.length })
      }
      confirmLabel={t(draft ? 'collection.reject' : 'collection.recall')}
      confirmVariant="danger"
      busy={busy}
      canConfirm={reason.trim().length > 0}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>
        {one
          ? t(draft ? 'collection.rejectDialog.body' : 'collection.recallDialog.body')
          : t(draft ? 'collection.bulk.rejectBody' : 'collection.bulk.recallBody', {
              invoices: handovers.map((h) => h.invoiceNumber).join(', '),
            })}
      </p>
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
