/** The count beside «Til behandling» in the navigation: nothing when nothing waits. */
import { useI18n } from '../../i18n/i18n.js';
import { useInboxCount } from './api.js';

export function InboxBadge({ companyId }: { companyId: string }) {
  const { t } = useI18n();
  const count = useInboxCount(companyId);
  if (!count || count.total === 0) return null;
  const shown = count.truncated ? `${count.total}+` : String(count.total);
  return (
    <span className="nav-badge" data-testid="inbox-count">
      <span aria-hidden="true">{shown}</span>
      <span className="visually-hidden">{t('inbox.countLabel', { count: shown })}</span>
    </span>
  );
}
