/** A credit note from an invoice (POST …/invoices/{id}/credit-notes): all that is left to credit, or lines of one's own. */
import { useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client.js';
import { useCompany } from '../../app/session.js';
import { Dialog } from '../../components/Dialog.js';
import { ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  computeTotals,
  type CreditNote,
  type InvoiceDetail,
  ledgerApi,
  lineNetOre,
  quantityFromMilli,
  todayIso,
  VAT_RATES,
  type VatRate,
} from '../ledger/api.js';
import { parseLine } from './InvoiceForm.js';

interface Draft {
  key: number;
  description: string;
  quantity: string;
  unitPrice: string;
  vatRate: VatRate;
}

let nextKey = 1;

export function CreditNoteDialog({
  invoice,
  onDone,
  onClose,
}: {
  invoice: InvoiceDetail;
  onDone(note: CreditNote): void;
  onClose(): void;
}) {
  const { t, money } = useI18n();
  const { companyId } = useCompany();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [issueDate, setIssueDate] = useState(() => (todayIso() < invoice.issueDate ? invoice.issueDate : todayIso()));
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<Draft[]>(() => [
    {
      key: nextKey++,
      description: invoice.lines[0]?.description ?? '',
      quantity: '1',
      unitPrice: '',
      vatRate: invoice.lines[0]?.vatRate ?? 25,
    },
  ]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** The claim's open reminder fees, once the server said the credit note would close the invoice with them open. */
  const [feesOpen, setFeesOpen] = useState<number | null>(null);
  const [fees, setFees] = useState<'keep' | 'write_off'>('write_off');

  const parsed = lines.map((l) => ({ ...l, ...parseLine(l) }));
  const linesValid = parsed.every(
    (l) => l.description.trim() !== '' && l.quantityMilli !== null && l.unitPriceOre !== null,
  );
  const totals = computeTotals(
    parsed.map((l) => ({
      vatRate: l.vatRate,
      netOre: l.quantityMilli !== null && l.unitPriceOre !== null ? lineNetOre(l.quantityMilli, l.unitPriceOre) : 0,
    })),
  );
  const valid = issueDate !== '' && (mode === 'full' || (linesValid && totals.totalAmount > 0));
  const update = (key: number, change: Partial<Draft>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        issueDate,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(feesOpen !== null ? { fees } : {}),
        ...(mode === 'partial'
          ? {
              lines: parsed.map((l) => ({
                description: l.description.trim(),
                quantity: quantityFromMilli(l.quantityMilli ?? 0),
                unitPrice: l.unitPriceOre ?? 0,
                vatRate: l.vatRate,
              })),
            }
          : {}),
      };
      onDone(await ledgerApi.createCreditNote(companyId, invoice.id, body, idempotencyKey));
    } catch (e) {
      // The credit note would close the invoice with fees open: ask what becomes of them, then send again.
      const feeAmount = e instanceof ApiError && e.problem?.reason === 'fees_open' ? e.problem.feeAmount : undefined;
      if (typeof feeAmount === 'number') setFeesOpen(feeAmount);
      else setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('creditNote.title', { invoice: invoice.invoiceNumber })}
      confirmLabel={t('creditNote.confirm')}
      busy={busy}
      canConfirm={valid}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>{t('creditNote.body')}</p>
      <fieldset className="plain">
        <div className="radio-row radio-stack">
          <label>
            <input
              type="radio"
              name="cn-mode"
              checked={mode === 'full'}
              onChange={() => setMode('full')}
              data-autofocus
            />
            {t('creditNote.full')}
          </label>
          <label>
            <input type="radio" name="cn-mode" checked={mode === 'partial'} onChange={() => setMode('partial')} />
            {t('creditNote.partial')}
          </label>
        </div>
      </fieldset>
      {mode === 'partial' && (
        <div className="cn-lines">
          {parsed.map((l, index) => {
            const n = index + 1;
            return (
              <div key={l.key} className="cn-line">
                <input
                  aria-label={`${t('invoiceForm.col.description')}, ${t('invoiceForm.line', { n })}`}
                  value={l.description}
                  onChange={(e) => update(l.key, { description: e.target.value })}
                />
                <input
                  aria-label={`${t('invoiceForm.col.quantity')}, ${t('invoiceForm.line', { n })}`}
                  inputMode="decimal"
                  value={l.quantity}
                  aria-invalid={l.quantityMilli === null}
                  onChange={(e) => update(l.key, { quantity: e.target.value })}
                />
                <input
                  aria-label={`${t('invoiceForm.col.unitPrice')}, ${t('invoiceForm.line', { n })}`}
                  placeholder={t('invoiceForm.col.unitPrice')}
                  inputMode="decimal"
                  value={l.unitPrice}
                  aria-invalid={l.unitPrice !== '' && l.unitPriceOre === null}
                  onChange={(e) => update(l.key, { unitPrice: e.target.value })}
                />
                <select
                  aria-label={`${t('invoiceForm.col.vat')}, ${t('invoiceForm.line', { n })}`}
                  value={l.vatRate}
                  onChange={(e) => update(l.key, { vatRate: Number(e.target.value) as VatRate })}
                >
                  {VAT_RATES.map((r) => (
                    <option key={r} value={r}>
                      {r} %
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
          <div className="cn-footer">
            <button
              type="button"
              className="link-button"
              onClick={() =>
                setLines((ls) => [
                  ...ls,
                  { key: nextKey++, description: '', quantity: '1', unitPrice: '', vatRate: 25 },
                ])
              }
            >
              + {t('invoiceForm.addLine')}
            </button>
            <strong>
              {t('invoice.total')}: {money(totals.totalAmount)}
            </strong>
          </div>
        </div>
      )}
      <div className="form-grid form-grid-2">
        <div className="field">
          <label htmlFor="cn-date">{t('creditNote.date')}</label>
          <input
            id="cn-date"
            type="date"
            value={issueDate}
            min={invoice.issueDate}
            onChange={(e) => setIssueDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="cn-reason">
            {t('creditNote.reason')} <span className="muted">({t('common.optional')})</span>
          </label>
          <input id="cn-reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </div>
      {feesOpen !== null && (
        <fieldset className="plain" data-fees-open={feesOpen}>
          <legend>{t('creditNote.feesOpen', { amount: money(feesOpen) })}</legend>
          <div className="radio-row radio-stack">
            <label>
              <input type="radio" name="cn-fees" checked={fees === 'write_off'} onChange={() => setFees('write_off')} />
              {t('creditNote.feesWriteOff')}
            </label>
            <label>
              <input type="radio" name="cn-fees" checked={fees === 'keep'} onChange={() => setFees('keep')} />
              {t('creditNote.feesKeep')}
            </label>
          </div>
        </fieldset>
      )}
      {error !== null && <ProblemMessage error={error} />}
    </Dialog>
  );
}
