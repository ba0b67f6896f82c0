/**
 * Matching in the customer ledger: match an entry against one of the opposite sign (POST …/matches),
 * see an entry's matches and undo one (GET …/entries/{id}/matches, POST …/matches/{id}/unmatch),
 * and the warnings a match answers first where the invoice is with an agency (POST …/matches/preview):
 * the match is made only when the user confirms them, or «Avskriv» is taken instead.
 */
import { useEffect, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client.js';
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
  onUseWriteOff,
  onClose,
}: {
  item: OpenItem;
  onDone(result: MatchResult): void;
  /** The match would touch an invoice with an agency: write the invoice off (Avskriv) instead. */
  onUseWriteOff(invoiceId: string): void;
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
  /** The warnings the match would answer, shown before anything is stored. */
  const [warnings, setWarnings] = useState<{ list: MatchWarning[]; invoiceId: string | null } | null>(null);

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

  /** First the preview; with warnings the user sees them, without the match is made at once. */
  const confirm = async (acknowledged?: MatchWarning[]) => {
    if (!other || amount === null) return;
    setBusy(true);
    setError(null);
    const [debit, credit] = item.openAmount > 0 ? [item, other] : [other, item];
    const pair = { debitEntryId: debit.entryId, creditEntryId: credit.entryId };
    try {
      if (acknowledged === undefined) {
        const preview = await ledgerApi.previewMatch(companyId, pair);
        if (preview.warnings.length > 0) {
          setWarnings({ list: preview.warnings, invoiceId: preview.invoiceId });
          setBusy(false);
          return;
        }
      }
      onDone(
        await ledgerApi.match(
          companyId,
          {
            ...pair,
            ...(amount === undefined ? {} : { amount }),
            ...(acknowledged && acknowledged.length > 0
              ? { acknowledgeWarnings: acknowledged.map((w) => w.code) }
              : {}),
          },
          idempotencyKey,
        ),
      );
    } catch (e) {
      // Handed over between the preview and the match: the refusal carries the warnings to show.
      const refused = e instanceof ApiError && e.problem?.reason === 'warnings_not_acknowledged';
      if (refused && Array.isArray(e.problem?.warnings))
        setWarnings({ list: e.problem.warnings as MatchWarning[], invoiceId: warnings?.invoiceId ?? null });
      else setError(e);
      setBusy(false);
    }
  };

  if (warnings !== null)
    return (
      <WarningsDialog
        warnings={warnings.list}
        busy={busy}
        error={error}
        onConfirm={() => void confirm(warnings.list)}
        onUseWriteOff={warnings.invoiceId === null ? null : () => onUseWriteOff(warnings.invoiceId!)}
        onClose={onClose}
      />
    );

  return (
    <Dialog
      title={t('match.title', { voucher: voucher(item.voucherType, item.voucherNumber) })}
      confirmLabel={t('match.confirm')}
      busy={busy}
      canConfirm={valid}
      onConfirm={() => void confirm()}
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
 * What a match would warn about, before it is made (nothing is stored yet): «Avskriv» instead
 * (the agency reads a manual match as the claim being paid, a write-off it does not), or confirm.
 */
function WarningsDialog({
  warnings,
  onConfirm,
  onUseWriteOff,
  onClose,
  busy,
  error,
}: {
  warnings: MatchWarning[];
  onConfirm(): void;
  onUseWriteOff: (() => void) | null;
  onClose(): void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useI18n();
  return (
    <Modal
      title={t('warnings.title')}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose} disabled={busy} data-autofocus>
            {t('common.cancel')}
          </Button>
          {onUseWriteOff && (
            <Button variant="primary" disabled={busy} onClick={onUseWriteOff}>
              {t('warnings.useWriteOff')}
            </Button>
          )}
          <Button busy={busy} onClick={onConfirm}>
            {t('warnings.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('warnings.body')}</p>
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
