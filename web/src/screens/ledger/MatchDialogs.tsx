/**
 * Matching in the customer ledger: match an entry against one of the opposite sign (POST …/matches),
 * see an entry's matches and undo one (GET …/entries/{id}/matches, POST …/matches/{id}/unmatch),
 * and the warnings a match can answer with.
 */
import { useEffect, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.js';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { Loading, ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { type EntryMatch, ledgerApi, type MatchResult, type MatchWarning, type OpenItem } from './api.js';
import { Modal, parsePositiveOre, useVoucherLabel } from './shared.js';

export function MatchDialog({
  item,
  onDone,
  onClose,
}: {
  item: OpenItem;
  onDone(result: MatchResult): void;
  onClose(): void;
}) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  const voucher = useVoucherLabel();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [candidates, setCandidates] = useState<OpenItem[] | null>(null);
  const [counterpart, setCounterpart] = useState('');
  const [amountText, setAmountText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    // The customer's open entries of the other sign (up to 200: a customer rarely has more open).
    ledgerApi
      .openItems(companyId, { customerId: item.customerId, includeClosed: false, cursor: null }, controller.signal)
      .then((page) => {
        const other = page.data.filter(
          (o) =>
            o.entryId !== item.entryId &&
            o.account === item.account &&
            Math.sign(o.openAmount) === -Math.sign(item.openAmount),
        );
        setCandidates(other);
        setCounterpart(other[0] ? String(other[0].entryId) : '');
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [companyId, item]);

  const amount = amountText.trim() === '' ? undefined : parsePositiveOre(amountText);
  const other = candidates?.find((c) => String(c.entryId) === counterpart);
  const valid = other !== undefined && amount !== null;

  const confirm = async () => {
    if (!other || amount === null) return;
    setBusy(true);
    setError(null);
    const [debit, credit] = item.openAmount > 0 ? [item, other] : [other, item];
    try {
      onDone(
        await ledgerApi.match(
          companyId,
          { debitEntryId: debit.entryId, creditEntryId: credit.entryId, ...(amount === undefined ? {} : { amount }) },
          idempotencyKey,
        ),
      );
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('match.title', { voucher: voucher(item.voucherType, item.voucherNumber) })}
      confirmLabel={t('match.confirm')}
      busy={busy}
      canConfirm={valid}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>{t('match.body', { customer: item.customerName })}</p>
      {candidates === null && error === null && <Loading />}
      {candidates !== null && candidates.length === 0 && (
        <p className="muted">{t('match.noCandidates', { customer: item.customerName })}</p>
      )}
      {candidates !== null && candidates.length > 0 && (
        <>
          <div className="field">
            <label htmlFor="match-counterpart">{t('match.counterpart')}</label>
            <select
              id="match-counterpart"
              value={counterpart}
              data-autofocus
              onChange={(e) => setCounterpart(e.target.value)}
            >
              {candidates.map((c) => (
                <option key={c.entryId} value={c.entryId}>
                  {t('match.option', {
                    voucher: voucher(c.voucherType, c.voucherNumber),
                    date: date(c.entryDate),
                    open: money(c.openAmount),
                  })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="match-amount">{t('match.amount')}</label>
            <input
              id="match-amount"
              inputMode="decimal"
              value={amountText}
              aria-invalid={amount === null}
              aria-describedby="match-amount-hint"
              onChange={(e) => setAmountText(e.target.value)}
            />
            <span id="match-amount-hint" className={amount === null ? 'field-hint text-error' : 'field-hint'}>
              {amount === null ? t('form.invalidAmount') : t('match.amountHint')}
            </span>
          </div>
        </>
      )}
      {error !== null && <ProblemMessage error={error} />}
    </Dialog>
  );
}

/**
 * What POST /matches warned about. For a loss booked in a manual voucher, Avskriv is offered
 * instead: the agency reads a manual match as the claim being paid, a write-off it does not.
 */
export function WarningsDialog({
  warnings,
  onUseWriteOff,
  onClose,
  busy,
  error,
}: {
  warnings: MatchWarning[];
  onUseWriteOff(): void;
  onClose(): void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useI18n();
  const loss = warnings.some((w) => w.code === 'loss_in_manual_voucher');
  return (
    <Modal
      title={t('warnings.title')}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose} disabled={busy} data-autofocus>
            {t('warnings.keep')}
          </Button>
          {loss && (
            <Button variant="primary" busy={busy} onClick={onUseWriteOff}>
              {t('warnings.useWriteOff')}
            </Button>
          )}
        </>
      }
    >
      <ul className="warning-list">
        {warnings.map((w) => (
          <li key={w.code} className="notice notice-warning" data-warning={w.code}>
            <div className="notice-body">
              <strong>{t(`warnings.${w.code}`)}</strong>
              <span className="notice-detail">{t('warnings.serverSays', { message: w.message })}</span>
            </div>
          </li>
        ))}
      </ul>
      {error !== null && <ProblemMessage error={error} />}
    </Modal>
  );
}

/** An entry's matches, undone ones too, with «Opphev» on the active ones. */
export function MatchesDialog({ item, onChanged, onClose }: { item: OpenItem; onChanged(): void; onClose(): void }) {
  const { t, money, date } = useI18n();
  const { companyId, canWrite } = useCompany();
  const voucher = useVoucherLabel();
  const [matches, setMatches] = useState<EntryMatch[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is a trigger: bumping it reads the matches again
  useEffect(() => {
    let live = true;
    ledgerApi
      .entryMatches(companyId, item.entryId)
      .then((r) => live && setMatches(r.data))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [companyId, item.entryId, generation]);

  const undo = async (match: EntryMatch) => {
    setBusy(match.matchId);
    setError(null);
    try {
      await ledgerApi.unmatch(companyId, match.matchId, newIdempotencyKey());
      setDone(true);
      setGeneration((g) => g + 1);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      wide
      title={t('matches.title', { voucher: voucher(item.voucherType, item.voucherNumber) })}
      onClose={onClose}
      actions={
        <Button onClick={onClose} data-autofocus>
          {t('common.close')}
        </Button>
      }
    >
      {done && <p className="text-success">{t('matches.unmatched')}</p>}
      {matches === null && error === null && <Loading />}
      {matches !== null && matches.length === 0 && <p className="muted">{t('matches.empty')}</p>}
      {matches !== null && matches.length > 0 && (
        <table className="table table-compact matches-table">
          <thead>
            <tr>
              <th scope="col">{t('matches.col.counterpart')}</th>
              <th scope="col">{t('matches.col.date')}</th>
              <th scope="col" className="num">
                {t('matches.col.amount')}
              </th>
              <th scope="col">{t('matches.col.status')}</th>
              {canWrite && (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {matches.map((m) => {
              const label = voucher(m.counterpart.voucherType, m.counterpart.voucherNumber);
              return (
                <tr key={m.matchId} data-match-id={m.matchId}>
                  <td>
                    {label}
                    {m.counterpart.isWriteOff && <span className="tag tag-inline">{t('matches.writeOff')}</span>}
                    {m.counterpart.isManual && <span className="tag tag-inline">{t('matches.manual')}</span>}
                  </td>
                  <td className="date">{date(m.counterpart.date)}</td>
                  <td className="num money">{money(Math.abs(m.amount))}</td>
                  <td>
                    {m.undoneByMatchId === null ? (
                      t('matches.active')
                    ) : (
                      <span className="muted">{t('matches.undone')}</span>
                    )}
                  </td>
                  {canWrite && (
                    <td className="row-end">
                      {m.undoneByMatchId === null && (
                        <Button
                          size="sm"
                          busy={busy === m.matchId}
                          disabled={busy !== null}
                          onClick={() => void undo(m)}
                          aria-label={t('matches.unmatchLabel', { voucher: label })}
                        >
                          {t('matches.unmatch')}
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error !== null && <ProblemMessage error={error} />}
    </Modal>
  );
}
