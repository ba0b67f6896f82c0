/**
 * Links an agency gave us (a case's page in its system). Only http(s) links are followed, never
 * javascript: or data: URLs, and they open in a new tab without handing over the opener.
 */
import { useI18n } from '../i18n/i18n.js';
import { Icon } from './Icon.js';

export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The case number, as a link into the agency's system when the agency gave a safe one. */
export function CaseNumberLink({ caseNumber, url }: { caseNumber: string; url: string | null }) {
  const { t } = useI18n();
  const href = safeUrl(url);
  if (!href) return <>{caseNumber}</>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="external-link"
      aria-label={`${t('case.openAtAgency', { caseNumber })} ${t('common.opensInNewTab')}`}
    >
      {caseNumber}
      <Icon name="external" size={14} />
    </a>
  );
}
