/**
 * Confirms one action on one or more invoices of the reminder list, asks for what the action
 * needs (an agency, a wait date and reason), and carries it out.
 */
import { useEffect, useId, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import type { BulkActionKind, BulkResult, CompanyAgency, ReminderListItem, SentLetter } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { ProblemMessage } from '../../components/Feedback.js';
import { type MessageKey, useI18n } from '../../i18n/i18n.js';

export interface PendingAction {
  action: BulkActionKind;
  items: ReminderListItem[];
  /** Several invoices through POST …/reminder-list/actions, with a result for each. */
  bulk: boolean;
}

export type ActionOutcome =
  | { bulk: false; action: Exclude<BulkActionKind, 'next'>; item: ReminderListItem; letter: SentLetter | null }
  | { bulk: true; action: BulkActionKind; items: ReminderListItem[]; result: BulkResult };

const TITLE: Record<Exclude<BulkActionKind, 'next'>, MessageKey> = {
  reminder: 'dialog.reminder.title',
  collection_notice: 'dialog.collection_notice.title',
  collection: 'dialog.collection.title',
  wait: 'dialog.wait.title',
  clear: 'dialog.clear.title',
};
const BODY: Record<Exclude<BulkActionKind, 'next'>, MessageKey> = {
  reminder: 'dialog.reminder.body',
  collection_notice: 'dialog.collection_notice.body',
  collection: 'dialog.collection.body',
  wait: 'dialog.wait.body',
  clear: 'dialog.clear.body',
};

export function ActionDialog({
  companyId,
  pending,
  onDone,
  onClose,
}: {
  companyId: string;
  pending: PendingAction;
  onDone(outcome: ActionOutcome): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const { action, items, bulk } = pending;
  const first = items[0];
  // One key for this intent: a retry after a lost answer is carried out once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [agencies, setAgencies] = useState<CompanyAgency[] | null>(null);
  const [agencyId, setAgencyId] = useState('');
  const [waitUntil, setWaitUntil] = useState('');
  const [reason, setReason] = useState('');

  const needsAgency = action === 'collection' || action === 'next';
  useEffect(() => {
    if (!needsAgency) return;
    let live = true;
    api
      .agencies(companyId)
      .then((r) => {
        if (!live) return;
        const active = r.data.filter((a) => a.active);
        setAgencies(active);
        setAgencyId((active.find((a) => a.isDefault) ?? active[0])?.id ?? '');
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [companyId, needsAgency]);

  if (!first) return null;
  const actionLabel = t(`action.${action}`);
  const title = bulk
    ? t('dialog.bulk.title', { action: actionLabel, count: items.length })
    : t(TITLE[action === 'next' ? 'reminder' : action]);
  const noAgency = needsAgency && agencies !== null && agencies.length === 0;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const agency = needsAgency && agencyId ? agencyId : undefined;
      if (bulk) {
        const result = await api.bulkAction(
          companyId,
          {
            invoiceIds: items.map((i) => i.invoiceId),
            action,
            ...(action === 'wait' ? { waitUntil: waitUntil || null, reason } : {}),
            ...(agency ? { agencyId: agency } : {}),
          },
          idempotencyKey,
        );
        onDone({ bulk: true, action, items, result });
        return;
      }
      let letter: SentLetter | null = null;
      if (action === 'reminder' || action === 'collection_notice')
        letter = await api.sendLetter(companyId, first.invoiceId, action, idempotencyKey);
      else if (action === 'collection') await api.sendToCollection(companyId, first.invoiceId, agency, idempotencyKey);
      else if (action === 'wait')
        await api.setNextAction(
          companyId,
          first.invoiceId,
          { nextAction: 'wait', waitUntil: waitUntil || null, reason },
          idempotencyKey,
        );
      else if (action === 'clear')
        await api.setNextAction(companyId, first.invoiceId, { nextAction: null, reason: '' }, idempotencyKey);
      else throw new Error(`unexpected single action ${action}`);
      onDone({ bulk: false, action, item: first, letter });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const single = { invoice: first.invoiceNumber, customer: first.customerName };
  return (
    <Dialog
      title={title}
      confirmLabel={actionLabel}
      busy={busy}
      canConfirm={!noAgency && !(needsAgency && agencies === null)}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>
        {bulk
          ? t(action === 'next' ? 'dialog.bulk.bodyNext' : 'dialog.bulk.body')
          : t(BODY[action === 'next' ? 'reminder' : action], single)}
      </p>
      {bulk && (
        <p className="muted small">
          {items
            .slice(0, 12)
            .map((i) => i.invoiceNumber)
            .join(', ')}
          {items.length > 12 ? ' …' : ''}
        </p>
      )}
      {needsAgency && agencies !== null && agencies.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-agency`}>{t('dialog.collection.agency')}</label>
          <select id={`${id}-agency`} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} {a.isDefault ? t('dialog.collection.defaultAgency') : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {needsAgency && agencies !== null && agencies.length === 1 && (
        <p className="muted small">
          {t('dialog.collection.agency')}: {agencies[0]?.name}
        </p>
      )}
      {noAgency && <p className="form-warning">{t('dialog.collection.noAgency')}</p>}
      {action === 'wait' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-until`}>
              {t('dialog.wait.until')} <span className="muted">({t('common.optional')})</span>
            </label>
            <input
              id={`${id}-until`}
              type="date"
              value={waitUntil}
              onChange={(e) => setWaitUntil(e.target.value)}
              aria-describedby={`${id}-until-hint`}
            />
            <p id={`${id}-until-hint`} className="field-hint">
              {t('dialog.wait.untilHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason`}>
              {t('dialog.wait.reason')} <span className="muted">({t('common.optional')})</span>
            </label>
            <textarea
              id={`${id}-reason`}
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        </>
      )}
      {error !== null && <ProblemMessage error={error} />}
    </Dialog>
  );
}
