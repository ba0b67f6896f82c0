import type { BulkActionKind, BulkResult, ReminderListItem } from '../../api/types.js';
import { type I18n, isMessageKey, useI18n } from '../../i18n/i18n.js';
import { problemDetail } from '../../i18n/problem.js';

type Line = BulkResult['results'][number];

/** What happened, in the user's language; for a failure the translated code and why (from its reason code and figures where it has one). */
function describe(line: Line, requested: BulkActionKind, i18n: I18n): { title: string; detail: string | null } {
  const { t } = i18n;
  if (line.ok) {
    if (requested === 'next' && line.action === 'wait') return { title: t('bulk.skipped'), detail: null };
    const key = `done.${line.action}`;
    return { title: isMessageKey(key) ? t(key) : line.action, detail: null };
  }
  const key = `error.code.${line.code ?? ''}`;
  return {
    title: isMessageKey(key) ? t(key) : t('bulk.failed'),
    detail: line.code ? problemDetail(line.code, line, i18n) : line.detail,
  };
}

/** One line per invoice of a bulk action: what was done, or why it failed. */
export function BulkResults({
  action,
  items,
  result,
  onClose,
}: {
  action: BulkActionKind;
  items: ReminderListItem[];
  result: BulkResult;
  onClose(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const byId = new Map(items.map((i) => [i.invoiceId, i]));
  return (
    <section className="panel bulk-results" aria-labelledby="bulk-results-title">
      <div className="panel-header">
        <h2 id="bulk-results-title" className="panel-title">
          {t(`action.${action}`)} · {t('bulk.resultsTitle', { ok: result.succeeded, failed: result.failed })}
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('reminders.col.invoice')}
            </th>
            <th scope="col">{t('reminders.col.customer')}</th>
            <th scope="col">{t('bulk.col.result')}</th>
            <th scope="col">{t('bulk.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {result.results.map((r) => {
            const item = byId.get(r.invoiceId);
            const { title, detail } = describe(r, action, i18n);
            return (
              <tr key={r.invoiceId} data-invoice-id={r.invoiceId}>
                <td className="num">{item?.invoiceNumber ?? r.invoiceId}</td>
                <td>{item?.customerName ?? ''}</td>
                <td>
                  <span className={r.ok ? 'badge badge-ok' : 'badge badge-failed'}>
                    {r.ok ? t('bulk.ok') : t('bulk.failed')}
                  </span>
                </td>
                <td>
                  <span className={r.ok ? undefined : 'text-error'}>{title}</span>
                  {detail && <span className="result-detail">{detail}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
