/**
 * Texts the server writes on a case itself (English, in fixed forms: «3 invoice(s) added», «merged
 * into K-1») said in the UI's language. Anything else — an agency's own status text — as given.
 */
import type { Params } from '../../i18n/message.js';
import { isMessageKey, type MessageKey } from '../../i18n/nb.js';

export function caseText(t: (key: MessageKey, params?: Params) => string, text: string): string {
  const into = /^merged into (.+)$/.exec(text);
  if (into) return t('caseDetail.mergedInto', { case: into[1]! });
  const from = /^merged (.+) into this case$/.exec(text);
  if (from) return t('caseDetail.mergedFrom', { cases: from[1]! });
  const m = /^(\d+) invoice\(s\)( added)?$/.exec(text);
  if (!m) return text;
  const count = Number(m[1]);
  const invoices = count === 1 ? t('case.invoicesOne') : t('case.invoices', { count });
  return m[2] ? t('caseDetail.invoicesAdded', { invoices }) : invoices;
}

/**
 * The agency's status text to show beside the status badge, or null when there is none or it only
 * says the status again (a case «Betalt» whose text is «Betalt» shows the badge alone).
 */
export function extraStatusText(
  t: (key: MessageKey, params?: Params) => string,
  status: string | null,
  statusText: string | null,
): string | null {
  if (!statusText) return null;
  const text = caseText(t, statusText);
  const key = `status.${status ?? ''}`;
  const label = status && isMessageKey(key) ? t(key) : (status ?? '');
  const same = (a: string, b: string) => a.trim().toLocaleLowerCase('nb') === b.trim().toLocaleLowerCase('nb');
  return same(text, label) || (status !== null && same(statusText, status)) ? null : text;
}
