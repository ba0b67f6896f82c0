/** Messages to the user: notices after an action, problems from the API, empty and loading states. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { isMessageKey, useI18n } from '../i18n/i18n.js';
import { type ProblemI18n, problemDetail } from '../i18n/problem.js';
import { Button } from './Button.js';

export function Notice({
  tone,
  children,
  onClose,
}: {
  tone: 'success' | 'info' | 'warning';
  children: ReactNode;
  onClose?: () => void;
}) {
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

/** Codes whose translated title says it all: no detail under it. */
const SELF_EXPLANATORY = new Set(['invalid_credentials', 'unauthenticated', 'csrf_failed', 'forbidden']);

/** The title (translated by the problem's code) and the sentence under it (see {@link problemDetail}). */
export function describeError(error: unknown, i18n: ProblemI18n): { title: string; detail: string | null } {
  const { t } = i18n;
  if (error instanceof ApiError) {
    if (error.status === 0) return { title: t('error.title'), detail: t('error.network') };
    const key = `error.code.${error.code}`;
    const title = isMessageKey(key) ? t(key) : (error.problem?.title ?? t('error.title'));
    // Where the translated title says it all, the server's (English) detail adds nothing.
    if (isMessageKey(key) && SELF_EXPLANATORY.has(error.code)) return { title, detail: null };
    return { title, detail: error.problem ? problemDetail(error.code, error.problem, i18n) : null };
  }
  return { title: t('error.title'), detail: error instanceof Error ? error.message : null };
}

export function ProblemMessage({
  error,
  onRetry,
  onClose,
}: {
  error: unknown;
  onRetry?: () => void;
  onClose?: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { title, detail } = describeError(error, i18n);
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
