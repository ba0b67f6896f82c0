/** Messages to the user: notices after an action, problems from the API, empty and loading states. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { formatDate } from '../format/format.js';
import { isMessageKey, type Params, useI18n } from '../i18n/i18n.js';
import { Button } from './Button.js';

export function Notice({ tone, children, onClose }: { tone: 'success' | 'info' | 'warning'; children: ReactNode; onClose?: () => void }) {
  const { t } = useI18n();
  return (
    <div className={`notice notice-${tone}`} role="status">
      <div className="notice-body">{children}</div>
      {onClose && (
        <button type="button" className="notice-close" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      )}
    </div>
  );
}

/** A problem's own figures as message parameters: ISO dates shown as dd.mm.yyyy. */
function reasonParams(problem: Record<string, unknown>): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(problem)) {
    if (typeof value === 'number') params[name] = value;
    else if (typeof value === 'string') params[name] = /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
  }
  return params;
}

/** The title (translated by the problem's code) and the server's own `detail`. */
const SELF_EXPLANATORY = new Set(['invalid_credentials', 'unauthenticated', 'csrf_failed', 'forbidden']);

export function describeError(error: unknown, t: ReturnType<typeof useI18n>['t']): { title: string; detail: string | null } {
  if (error instanceof ApiError) {
    if (error.status === 0) return { title: t('error.title'), detail: t('error.network') };
    const key = `error.code.${error.code}`;
    const title = isMessageKey(key) ? t(key) : error.problem?.title ?? t('error.title');
    // Where the translated title says it all, the server's (English) detail adds nothing.
    if (isMessageKey(key) && SELF_EXPLANATORY.has(error.code)) return { title, detail: null };
    // A reason code with its figures: said in the UI's language, dates as dd.mm.yyyy.
    const reason = error.problem?.reason;
    const reasonKey = `error.reason.${error.code}.${String(reason)}`;
    if (typeof reason === 'string' && isMessageKey(reasonKey)) return { title, detail: t(reasonKey, reasonParams(error.problem ?? {})) };
    // A code whose figures say it all without a reason (e.g. unknown_kid with the KID).
    const detailKey = `error.detail.${error.code}`;
    if (reason === undefined && isMessageKey(detailKey)) return { title, detail: t(detailKey, reasonParams(error.problem ?? {})) };
    return { title, detail: error.problem?.detail ?? null };
  }
  return { title: t('error.title'), detail: error instanceof Error ? error.message : null };
}

export function ProblemMessage({ error, onRetry, onClose }: { error: unknown; onRetry?: () => void; onClose?: () => void }) {
  const { t } = useI18n();
  const { title, detail } = describeError(error, t);
  return (
    <div className="notice notice-error" role="alert">
      <div className="notice-body">
        <strong>{title}</strong>
        {detail && <span className="notice-detail">{detail}</span>}
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
      {onClose && (
        <button type="button" className="notice-close" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <svg className="empty-icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="8" y="10" width="32" height="28" rx="4" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M8 18h32M16 26h16M16 31h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <p className="empty-title">{title}</p>
      {children && <p className="empty-body">{children}</p>}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </div>
  );
}
