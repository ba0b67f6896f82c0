/**
 * «Avskriv»: writes off an invoice's open amount (all or part) as a loss (POST …/invoices/{id}/write-off).
 * The agency, if it has the invoice, goes on collecting; the dialog says so.
 */
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { useCompany } from '../../app/session.js';
import { Dialog } from '../../components/Dialog.js';
import { ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { DEFAULT_LOSS_ACCOUNT, ledgerApi, oreToInput, todayIso, type WriteOff } from './api.js';
import { parsePositiveOre } from './shared.js';

export interface WriteOffTarget {
  invoiceId: string;
  invoiceNumber: number;
  customerName: string;
  openAmount: number;
}

export function WriteOffDialog({
  target,
  onDone,
  onClose,
}: {
  target: WriteOffTarget;
  onDone(result: WriteOff): void;
  onClose(): void;
}) {
  const { t, money, lang } = useI18n();
  const { companyId } = useCompany();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [date, setDate] = useState(todayIso);
  const [amountText, setAmountText] = useState(() => oreToInput(target.openAmount, lang));
  const [accountText, setAccountText] = useState(String(DEFAULT_LOSS_ACCOUNT));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const amount = parsePositiveOre(amountText);
  const account = /^\d{4}$/.test(accountText.trim()) ? Number(accountText.trim()) : null;
  const valid = amount !== null && account !== null && reason.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date);

  const confirm = async () => {
    if (amount === null || account === null) return;
    setBusy(true);
    setError(null);
    try {
      // The amount is always sent: what the user saw, not whatever is open when the request lands.
      const body = { date, reason: reason.trim(), account, amount };
      onDone(await ledgerApi.writeOff(companyId, target.invoiceId, body, idempotencyKey));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('writeOff.title', { invoice: target.invoiceNumber })}
      confirmLabel={t('writeOff.confirm')}
      confirmVariant="danger"
      busy={busy}
      canConfirm={valid}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>{t('writeOff.customer', { customer: target.customerName, open: money(target.openAmount) })}</p>
      <p className="explain">{t('writeOff.explain', { account: account ?? DEFAULT_LOSS_ACCOUNT })}</p>
      <div className="form-grid form-grid-2">
        <div className="field">
          <label htmlFor="wo-date">{t('writeOff.date')}</label>
          <input id="wo-date" type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="wo-amount">{t('writeOff.amount')}</label>
          <input
            id="wo-amount"
            inputMode="decimal"
            value={amountText}
            aria-invalid={amount === null}
            aria-describedby="wo-amount-hint"
            onChange={(e) => setAmountText(e.target.value)}
          />
        </div>
      </div>
      <p id="wo-amount-hint" className={amount === null ? 'field-hint text-error' : 'field-hint'}>
        {amount === null ? t('form.invalidAmount') : t('writeOff.amountHint')}
      </p>
      <div className="form-grid form-grid-2">
        <div className="field">
          <label htmlFor="wo-account">{t('writeOff.account')}</label>
          <input
            id="wo-account"
            inputMode="numeric"
            value={accountText}
            aria-invalid={account === null}
            aria-describedby="wo-account-hint"
            onChange={(e) => setAccountText(e.target.value)}
          />
        </div>
        <p id="wo-account-hint" className="field-hint account-hint">
          {t('writeOff.accountHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="wo-reason">{t('writeOff.reason')}</label>
        <textarea
          id="wo-reason"
          rows={2}
          value={reason}
          required
          maxLength={500}
          data-autofocus
          aria-describedby="wo-reason-hint"
          onChange={(e) => setReason(e.target.value)}
        />
        <span id="wo-reason-hint" className="field-hint">
          {t('writeOff.reasonHint')}
        </span>
      </div>
      {error !== null && <ProblemMessage error={error} />}
    </Dialog>
  );
}
