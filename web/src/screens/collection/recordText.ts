/**
 * What the server records as fields — who decided and why, a case's history figures, a statement
 * line's label, an invoice event — said in the UI's language. Pure functions of `t`, so they are
 * tested without React.
 */
import type { Params } from '../../i18n/message.js';
import type { MessageKey } from '../../i18n/nb.js';
import { caseText } from './caseText.js';

type T = (key: MessageKey, params?: Params) => string;
type Has = (key: string) => key is MessageKey;

export interface DecisionLike {
  reason: string;
  cause?: string | null;
  caseNumber?: string | null;
  decidedBy?:
    | { kind: 'user'; userId: string | null }
    | { kind: 'agency'; agencyId: string | null; agencyName: string | null }
    | { kind: 'system' };
  actorType: 'user' | 'agency' | 'system';
}

/**
 * Who made the decision that stands and why, e.g. «Avvist av Referanse Inkasso AS: Skyldner er
 * under gjeldsordning» — the agency's (or user's) own words after the colon, as given.
 */
export function decisionText(t: T, has: Has, d: DecisionLike): string {
  const by = d.decidedBy ?? { kind: d.actorType, userId: null, agencyId: null, agencyName: null };
  const agency = (by.kind === 'agency' && by.agencyName) || t('decision.agencyUnknown');
  const causeKey = d.cause ? `decision.cause.${d.cause}` : '';
  const who =
    causeKey && has(causeKey)
      ? t(causeKey, { agency, caseNumber: d.caseNumber ?? '' })
      : by.kind === 'agency'
        ? t('decision.byAgency', { agency })
        : by.kind === 'system'
          ? t('decision.bySystem')
          : t('decision.byUser');
  const reason = d.reason.trim();
  return reason ? t('decision.withReason', { who, reason }) : who;
}

export interface HistoryLike {
  kind: string;
  detail: string;
  figures?: {
    invoiceCount?: number | undefined;
    invoiceNumber?: number | undefined;
    into?: string | undefined;
    caseNumbers?: string[] | undefined;
    url?: string | undefined;
  } | null;
}

/** A case history line from its kind and figures; an older line without figures from its English text. */
export function historyText(t: T, h: HistoryLike): string {
  const f = h.figures;
  if (!f) return h.detail ? caseText(t, h.detail) : '';
  const invoices = (count: number) => (count === 1 ? t('case.invoicesOne') : t('case.invoices', { count }));
  if (f.into !== undefined) return t('caseDetail.mergedInto', { case: f.into });
  if (f.caseNumbers !== undefined) return t('caseDetail.mergedFrom', { cases: f.caseNumbers.join(', ') });
  if (f.invoiceNumber !== undefined) return t('caseDetail.invoiceRemoved', { invoiceNumber: f.invoiceNumber });
  if (f.url !== undefined) return t('caseDetail.linkChanged');
  if (f.invoiceCount !== undefined) {
    if (h.kind === 'invoices_added') return t('caseDetail.invoicesAdded', { invoices: invoices(f.invoiceCount) });
    if (h.kind === 'rejected')
      return f.invoiceCount === 0
        ? t('caseDetail.noneLeft')
        : t('caseDetail.backToList', { invoices: invoices(f.invoiceCount) });
    return invoices(f.invoiceCount);
  }
  return h.detail ? caseText(t, h.detail) : '';
}

/** A statement line's label: as the agency wrote it, or for the keys of the older object form a label in the UI's language. */
export function statementLabel(t: T, has: Has, label: string): string {
  const key = `statement.label.${label}`;
  return has(key) ? t(key) : label;
}

/** An invoice event's label, naming the agency where the event concerns one. */
export function eventLabel(t: T, has: Has, type: string, agencyName: string | null): string {
  const withAgency = `event.${type}.agency`;
  if (agencyName && has(withAgency)) return t(withAgency, { agency: agencyName });
  const key = `event.${type}`;
  return has(key) ? t(key) : type;
}
