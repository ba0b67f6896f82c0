/**
 * A manual voucher (POST …/vouchers): date (today or earlier), text, and lines with account, debit
 * or credit, and a customer on the receivable account (its lines become open items in Reskontro).
 * The balance is shown live; the server checks it all again and its refusals are said in the UI's
 * language from their reason codes. Posted, it shows the voucher's number and postings.
 */
import { type KeyboardEvent, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { companyPath, Link, navigate } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { Button } from '../../components/Button.js';
import { ProblemMessage } from '../../components/Feedback.js';
import { type MessageKey, useI18n } from '../../i18n/i18n.js';
import { todayIso } from '../ledger/api.js';
import { CustomerPicker } from '../ledger/shared.js';
import { useLoad } from '../overview/api.js';
import type { ManualVoucher } from './api.js';
import { voucherApi } from './api.js';
import { isBlankLine, type ParsedLine, parseVoucherLine, type VoucherLineDraft, voucherBalance } from './lines.js';

let nextKey = 1;
const emptyLine = (): VoucherLineDraft => ({
  key: nextKey++,
  account: '',
  debit: '',
  credit: '',
  customer: null,
  description: '',
});

export function ManualVoucherForm() {
  const { t, money } = useI18n();
  const { companyId, membership } = useCompany();
  useDocumentTitle(t('voucherForm.title'), membership.companyName);
  const accounts = useLoad(companyId, (signal) => voucherApi.accounts(companyId, signal));
  const company = useLoad(`company:${companyId}`, (signal) => voucherApi.company(companyId, signal));
  const receivable = company.data?.accounts.receivable ?? null;
  const names = new Map((accounts.data?.data ?? []).map((a) => [a.number, a.name]));

  const today = todayIso();
  const [date, setDate] = useState(today);
  const [description, setDescription] = useState('');
  const [lines, setLines] = useState<VoucherLineDraft[]>(() => [emptyLine(), emptyLine()]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const table = useRef<HTMLTableElement>(null);

  const used = lines.filter((l) => !isBlankLine(l));
  const parsed = new Map<number, ParsedLine>(lines.map((l) => [l.key, parseVoucherLine(l, receivable)]));
  const balance = voucherBalance(lines);
  const dateProblem: MessageKey | null = !/^\d{4}-\d{2}-\d{2}$/.test(date)
    ? 'voucherForm.dateMissing'
    : date > today
      ? 'voucherForm.dateInFuture'
      : null;
  const linesOk = used.length >= 2 && used.every((l) => parsed.get(l.key)?.problem === null);
  const balanced = balance.difference === 0 && balance.debit > 0;
  const valid = dateProblem === null && description.trim() !== '' && linesOk && balanced;

  const update = (key: number, change: Partial<VoucherLineDraft>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));

  const addLine = () => {
    setLines((ls) => [...ls, emptyLine()]);
    // The new line's account field, once it is drawn.
    window.setTimeout(() => table.current?.querySelector<HTMLInputElement>('tbody tr:last-child input')?.focus(), 0);
  };

  /** Alt+N adds a line from anywhere in the form (Enter posts it, as in any form). */
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.altKey && (event.key === 'n' || event.key === 'N')) {
      event.preventDefault();
      addLine();
    }
  };

  const submit = async () => {
    setTried(true);
    if (!valid) return;
    setBusy(true);
    setError(null);
    const body: ManualVoucher = {
      date,
      description: description.trim(),
      lines: used.map((l) => {
        const p = parsed.get(l.key);
        return {
          account: p?.account ?? 0,
          side: p?.side ?? 'debit',
          amount: p?.amount ?? 0,
          ...(l.customer ? { customerId: l.customer.id } : {}),
          ...(l.description.trim() ? { description: l.description.trim() } : {}),
        };
      }),
    };
    try {
      const voucher = await voucherApi.createManualVoucher(companyId, body, idempotencyKey);
      navigate(`${companyPath(companyId, 'bilag', voucher.id)}?ny=1`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const lineHint = (l: VoucherLineDraft, p: ParsedLine): string | null => {
    if (isBlankLine(l) || p.problem === null) return null;
    // While a line is being typed, only what is already wrong; on posting, everything.
    const typed = l.account.trim() !== '' && (l.debit.trim() !== '' || l.credit.trim() !== '');
    if (!tried && !typed && p.problem !== 'bothSides') return null;
    return t(`voucherForm.problem.${p.problem}`, { account: receivable ?? '' });
  };

  return (
    <section className="screen" aria-labelledby="voucher-form-title">
      <header className="page-header">
        <div>
          <Link className="back-link" to={companyPath(companyId, 'bilag')}>
            ← {t('vouchers.back')}
          </Link>
          <h1 id="voucher-form-title" className="page-title">
            {t('voucherForm.title')}
          </h1>
          <p className="page-intro">{t('voucherForm.intro', { account: receivable ?? '1500' })}</p>
        </div>
      </header>
      {accounts.error !== null && <ProblemMessage error={accounts.error} onRetry={accounts.reload} />}
      {company.error !== null && <ProblemMessage error={company.error} onRetry={company.reload} />}
      <form
        className="stack"
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="card">
          <div className="form-row voucher-head">
            <div className="field">
              <label htmlFor="mv-date">{t('voucherForm.date')}</label>
              <input
                id="mv-date"
                type="date"
                value={date}
                max={today}
                required
                aria-invalid={dateProblem !== null}
                aria-describedby="mv-date-hint"
                onChange={(e) => setDate(e.target.value)}
              />
              <span id="mv-date-hint" className={dateProblem ? 'field-hint text-error' : 'field-hint'}>
                {dateProblem
                  ? t(dateProblem, { today: today.split('-').reverse().join('.') })
                  : t('voucherForm.dateHint')}
              </span>
            </div>
            <div className="field voucher-description">
              <label htmlFor="mv-description">{t('voucherForm.description')}</label>
              <input
                id="mv-description"
                maxLength={500}
                value={description}
                required
                aria-invalid={tried && description.trim() === ''}
                onChange={(e) => setDescription(e.target.value)}
              />
              {tried && description.trim() === '' && (
                <span className="field-hint text-error">{t('form.required')}</span>
              )}
            </div>
          </div>
        </div>

        <datalist id="mv-accounts">
          {(accounts.data?.data ?? []).map((a) => (
            <option key={a.number} value={a.number}>
              {a.name}
            </option>
          ))}
        </datalist>

        <div className="table-wrap">
          <table className="table lines-table voucher-lines" ref={table}>
            <caption className="visually-hidden">{t('voucherForm.lines')}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-account">
                  {t('voucherForm.col.account')}
                </th>
                <th scope="col" className="col-customer">
                  {t('voucherForm.col.customer')}
                </th>
                <th scope="col">{t('voucherForm.col.text')}</th>
                <th scope="col" className="num col-price">
                  {t('voucherForm.col.debit')}
                </th>
                <th scope="col" className="num col-price">
                  {t('voucherForm.col.credit')}
                </th>
                <th scope="col" className="col-remove">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, index) => {
                const n = index + 1;
                const p = parsed.get(l.key) ?? { account: null, side: null, amount: null, problem: null };
                const hint = lineHint(l, p);
                const hintId = `mv-line-${l.key}-hint`;
                const isReceivable = receivable !== null && p.account === receivable;
                const name = p.account !== null ? names.get(p.account) : undefined;
                const lineLabel = t('voucherForm.line', { n });
                return (
                  <tr key={l.key} data-line={n}>
                    <td>
                      <input
                        aria-label={`${t('voucherForm.col.account')}, ${lineLabel}`}
                        inputMode="numeric"
                        list="mv-accounts"
                        maxLength={4}
                        value={l.account}
                        aria-invalid={hint !== null && p.problem === 'account'}
                        aria-describedby={hintId}
                        onChange={(e) => update(l.key, { account: e.target.value })}
                      />
                      <span className="field-hint account-name" data-account-name>
                        {p.account === null ? '' : (name ?? (accounts.data ? t('voucherForm.unknownAccount') : ''))}
                      </span>
                    </td>
                    <td>
                      {isReceivable || l.customer ? (
                        <CustomerPicker
                          value={l.customer}
                          label={`${t('voucherForm.col.customer')}, ${lineLabel}`}
                          onChange={(c) => update(l.key, { customer: c })}
                        />
                      ) : (
                        <span className="muted small">{t('voucherForm.noCustomer')}</span>
                      )}
                    </td>
                    <td>
                      <input
                        aria-label={`${t('voucherForm.col.text')}, ${lineLabel}`}
                        maxLength={500}
                        value={l.description}
                        onChange={(e) => update(l.key, { description: e.target.value })}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={`${t('voucherForm.col.debit')}, ${lineLabel}`}
                        inputMode="decimal"
                        value={l.debit}
                        aria-invalid={hint !== null && (p.problem === 'amount' || p.problem === 'bothSides')}
                        aria-describedby={hintId}
                        onChange={(e) => update(l.key, { debit: e.target.value })}
                      />
                    </td>
                    <td className="num">
                      <input
                        aria-label={`${t('voucherForm.col.credit')}, ${lineLabel}`}
                        inputMode="decimal"
                        value={l.credit}
                        aria-invalid={hint !== null && (p.problem === 'amount' || p.problem === 'bothSides')}
                        aria-describedby={hintId}
                        onChange={(e) => update(l.key, { credit: e.target.value })}
                      />
                      <span id={hintId} className="field-hint text-error line-hint">
                        {hint ?? ''}
                      </span>
                    </td>
                    <td className="col-remove">
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm btn-icon"
                        disabled={lines.length <= 2}
                        aria-label={t('voucherForm.removeLine', { n })}
                        title={t('voucherForm.removeLine', { n })}
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
            <Button size="sm" onClick={addLine} title={t('voucherForm.addLineKey')}>
              + {t('voucherForm.addLine')}
            </Button>
            <dl className="totals voucher-balance" aria-live="polite" data-balanced={balanced || undefined}>
              <dt>{t('voucherForm.sumDebit')}</dt>
              <dd data-total="debit">{money(balance.debit)}</dd>
              <dt>{t('voucherForm.sumCredit')}</dt>
              <dd data-total="credit">{money(balance.credit)}</dd>
              <dt className="grand">{t('voucherForm.difference')}</dt>
              <dd className={balanced ? 'grand balance-ok' : 'grand balance-off'} data-total="difference">
                {balanced
                  ? t('voucherForm.balanced')
                  : balance.debit === 0 && balance.credit === 0
                    ? t('common.none')
                    : t('voucherForm.off', {
                        amount: money(Math.abs(balance.difference)),
                        side: t(balance.difference > 0 ? 'voucherForm.moreDebit' : 'voucherForm.moreCredit'),
                      })}
              </dd>
            </dl>
          </div>
        </div>

        {tried && !valid && (
          <p className="field-hint text-error" role="alert">
            {used.length < 2
              ? t('voucherForm.twoLines')
              : !balanced
                ? t('voucherForm.notBalanced')
                : t('voucherForm.fixLines')}
          </p>
        )}
        {error !== null && <ProblemMessage error={error} onClose={() => setError(null)} />}
        <div className="card-actions">
          <Link className="btn btn-secondary" to={companyPath(companyId, 'bilag')}>
            {t('common.cancel')}
          </Link>
          <Button type="submit" variant="primary" busy={busy}>
            {t('voucherForm.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
