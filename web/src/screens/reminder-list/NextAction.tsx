import type { NextAction as NextActionKind, ReminderListItem } from '../../api/types.js';
import { isMessageKey, useI18n } from '../../i18n/i18n.js';
import { decisionText } from '../collection/recordText.js';

const DUE = new Set(['reminder_due', 'collection_notice_due', 'collection_due']);

export function NextActionBadge({ action }: { action: NextActionKind }) {
  const { t } = useI18n();
  return <span className={`badge badge-next-${action}`}>{t(`next.${action}`)}</span>;
}

/**
 * The next action with its reason, translated from the reason code. For someone who may act, an
 * action to carry out is the button that carries it out (a wait stays a badge).
 */
export function NextActionCell({
  item,
  onAct,
}: {
  item: ReminderListItem;
  onAct?: ((action: Exclude<NextActionKind, 'wait'>) => void) | undefined;
}) {
  const { t, date } = useI18n();
  const { next, decision } = item;
  const key = `reason.${next.code}`;
  const when = next.waitUntil ?? next.eligibleForCollectionFrom;
  // A decision that stands says who made it and why (the agency by name, with its own words).
  const reason =
    next.code === 'override' && decision
      ? decisionText(t, isMessageKey, decision)
      : isMessageKey(key)
        ? t(key, { date: date(when) })
        : t('reason.unknown', { code: next.code });
  const button = onAct && next.nextAction !== 'wait';
  // Under its own button «a reminder is due» says nothing new; any other reason does.
  const showReason = !(button && DUE.has(next.code));
  return (
    <div className="next-action">
      {button ? (
        <ActButton action={next.nextAction as Exclude<NextActionKind, 'wait'>} onAct={onAct} />
      ) : (
        <NextActionBadge action={next.nextAction} />
      )}
      {showReason && (
        <span className="next-reason" title={decision ? decisionText(t, isMessageKey, decision) : undefined}>
          {reason}
        </span>
      )}
    </div>
  );
}

function ActButton({
  action,
  onAct,
}: {
  action: Exclude<NextActionKind, 'wait'>;
  onAct(action: Exclude<NextActionKind, 'wait'>): void;
}) {
  const { t } = useI18n();
  return (
    <button type="button" className={`btn btn-sm btn-next btn-next-${action}`} onClick={() => onAct(action)}>
      <span className="dot" aria-hidden="true" />
      {t(`action.${action}`)}
    </button>
  );
}
