/**
 * A new invoice (POST …/invoices): customer, dates, lines with VAT 25/15/12/0, and totals computed
 * live in øre integers the way the server computes them (VAT per rate on the sum of its lines).
 */
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { companyPath, Link, navigate } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Button } from '../../components/Button.js';
import { ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  addDays,
  computeTotals,
  ledgerApi,
  lineNetOre,
  type LineInput,
  parseQuantityMilli,
  quantityFromMilli,
  todayIso,
  VAT_RATES,
  type VatRate,
} from '../ledger/api.js';
import { CustomerPicker, type CustomerRef, parsePositiveOre } from '../ledger/shared.js';

interface LineDraft {
  key: number;
  description: string;
  quantity: string;
  unitPrice: string;
  vatRate: VatRate;
}

/** A line's text parsed: null parts are invalid. Unit price 0 is allowed (a free line). */
export function parseLine(line: Pick<LineDraft, 'quantity' | 'unitPrice'>): {
  quantityMilli: number | null;
  unitPriceOre: number | null;
} {
  const unitPriceOre = line.unitPrice.trim() === '0' ? 0 : parsePositiveOre(line.unitPrice);
  return { quantityMilli: parseQuantityMilli(line.quantity), unitPriceOre };
}

let nextKey = 1;
const emptyLine = (): LineDraft => ({ key: nextKey++, description: '', quantity: '1', unitPrice: '', vatRate: 25 });

export function InvoiceForm() {
  const { t, money } = useI18n();
  const { companyId, canWrite, membership } = useCompany();
  useDocumentTitle(t('invoiceForm.title'), membership.companyName);
  const [customer, setCustomer] = useState<CustomerRef | null>(null);
  const [issueDate, setIssueDate] = useState(todayIso);
  const [dueDate, setDueDate] = useState(() => addDays(todayIso(), 14));
  const [description, setDescription] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);

  const parsed = lines.map((l) => ({ ...l, ...parseLine(l) }));
  const validLines = parsed.every(
    (l) => l.description.trim() !== '' && l.quantityMilli !== null && l.unitPriceOre !== null,
  );
  const totals = computeTotals(
    parsed.map((l) => ({
      vatRate: l.vatRate,
      netOre: l.quantityMilli !== null && l.unitPriceOre !== null ? lineNetOre(l.quantityMilli, l.unitPriceOre) : 0,
    })),
  );
  const valid = customer !== null && validLines && totals.totalAmount > 0 && issueDate !== '' && dueDate !== '';

  const update = (key: number, change: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));

  const submit = async () => {
    setTried(true);
    if (!valid || !customer) return;
    setBusy(true);
    setError(null);
    const body = {
      customerId: customer.id,
      issueDate,
      dueDate,
      ...(description.trim() ? { description: description.trim() } : {}),
      lines: parsed.map(
        (l): LineInput => ({
          description: l.description.trim(),
          quantity: quantityFromMilli(l.quantityMilli ?? 0),
          unitPrice: l.unitPriceOre ?? 0,
          vatRate: l.vatRate,
        }),
      ),
    };
    try {
      const invoice = await ledgerApi.createInvoice(companyId, body, idempotencyKey);
      navigate(`${companyPath(companyId, 'fakturaer', invoice.id)}?ny=1`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  if (!canWrite) return null;
  return (
    <section className="screen" aria-labelledby="invoice-form-title">
      <header className="page-header">
        <div>
          <Link className="back-link" to={companyPath(companyId, 'fakturaer')}>
            ← {t('invoices.back')}
          </Link>
          <h1 id="invoice-form-title" className="page-title">
            {t('invoiceForm.title')}
          </h1>
          <p className="page-intro">{t('invoiceForm.intro')}</p>
        </div>
      </header>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="card">
          <div className="form-row">
            <div>
              <CustomerPicker value={customer} onChange={setCustomer} autoFocus />
              {tried && !customer && <span className="field-hint text-error">{t('invoiceForm.chooseCustomer')}</span>}
            </div>
            <div className="field">
              <label htmlFor="inv-issue">{t('invoiceForm.issueDate')}</label>
              <input
                id="inv-issue"
                type="date"
                value={issueDate}
                required
                onChange={(e) => setIssueDate(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="inv-due">{t('invoiceForm.dueDate')}</label>
              <input id="inv-due" type="date" value={dueDate} required onChange={(e) => setDueDate(e.target.value)} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="inv-description">
              {t('invoiceForm.description')} <span className="muted">({t('common.optional')})</span>
            </label>
            <input
              id="inv-description"
              maxLength={500}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
        </div>

        <div className="table-wrap">
          <table className="table lines-table">
            <caption className="visually-hidden">{t('invoiceForm.lines')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoiceForm.col.description')}</th>
                <th scope="col" className="num col-qty">
                  {t('invoiceForm.col.quantity')}
                </th>
                <th scope="col" className="num col-price">
                  {t('invoiceForm.col.unitPrice')}
                </th>
                <th scope="col" className="col-vat">
                  {t('invoiceForm.col.vat')}
                </th>
                <th scope="col" className="num col-net">
                  {t('invoiceForm.col.net')}
                </th>
                <th scope="col" className="col-remove">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {parsed.map((l, index) => {
                const n = index + 1;
                const net =
                  l.quantityMilli !== null && l.unitPriceOre !== null
                    ? lineNetOre(l.quantityMilli, l.unitPriceOre)
                    : null;
                const showPriceError = (tried || l.unitPrice !== '') && l.unitPriceOre === null;
                return (
                  <tr key={l.key} data-line={n}>
                    <td>
                      <input
                        aria-label={`${t('invoiceForm.col.description')}, ${t('invoiceForm.line', { n })}`}
                        value={l.description}
                        maxLength={500}
                        aria-invalid={tried && l.description.trim() === ''}
                        onChange={(e) => update(l.key, { description: e.target.value })}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={`${t('invoiceForm.col.quantity')}, ${t('invoiceForm.line', { n })}`}
                        inputMode="decimal"
                        value={l.quantity}
                        aria-invalid={l.quantityMilli === null}
                        title={l.quantityMilli === null ? t('form.invalidQuantity') : undefined}
                        onChange={(e) => update(l.key, { quantity: e.target.value })}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={`${t('invoiceForm.col.unitPrice')}, ${t('invoiceForm.line', { n })}`}
                        inputMode="decimal"
                        value={l.unitPrice}
                        aria-invalid={showPriceError}
                        title={showPriceError ? t('form.invalidAmount') : undefined}
                        onChange={(e) => update(l.key, { unitPrice: e.target.value })}
                      />
                    </td>
                    <td>
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
                    </td>
                    <td className="num money line-net">{net === null ? t('common.none') : money(net)}</td>
                    <td className="col-remove">
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm btn-icon"
                        disabled={lines.length === 1}
                        aria-label={t('invoiceForm.removeLine', { n })}
                        title={t('invoiceForm.removeLine', { n })}
                        onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="lines-footer">
            <Button size="sm" onClick={() => setLines((ls) => [...ls, emptyLine()])}>
              + {t('invoiceForm.addLine')}
            </Button>
            <dl className="totals" aria-live="polite">
              <dt>{t('invoiceForm.net')}</dt>
              <dd data-total="net">{money(totals.netAmount)}</dd>
              {totals.breakdown.map((r) => (
                <FragmentRow
                  key={r.rate}
                  label={t('invoiceForm.vatAt', { rate: r.rate, base: money(r.netAmount) })}
                  value={money(r.vatAmount)}
                  rate={r.rate}
                />
              ))}
              <dt className="grand">{t('invoiceForm.total')}</dt>
              <dd className="grand" data-total="total">
                {money(totals.totalAmount)}
              </dd>
            </dl>
          </div>
        </div>

        {error !== null && <ProblemMessage error={error} onClose={() => setError(null)} />}
        <div className="card-actions">
          <Link className="btn btn-secondary" to={companyPath(companyId, 'fakturaer')}>
            {t('common.cancel')}
          </Link>
          <Button type="submit" variant="primary" busy={busy}>
            {t('invoiceForm.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function FragmentRow({ label, value, rate }: { label: string; value: string; rate: number }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-total={`vat-${rate}`}>{value}</dd>
    </>
  );
}
