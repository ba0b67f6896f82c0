/** An invoice's status as the list's filter names it: open, overdue (open past its due date), closed. */
import { useI18n } from '../../i18n/i18n.js';
import type { InvoiceStatus, InvoiceSummary } from '../ledger/api.js';

export function invoiceStatus(invoice: Pick<InvoiceSummary, 'openAmount' | 'dueDate'>, today: string): InvoiceStatus {
  if (invoice.openAmount === 0) return 'closed';
  return invoice.dueDate < today ? 'overdue' : 'open';
}

export function StatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status}`}>{t(`invoices.status.${status}`)}</span>;
}
