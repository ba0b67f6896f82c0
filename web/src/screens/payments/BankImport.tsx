/**
 * «Importer bankfil» under Innbetalinger: upload a camt.053/camt.054/OCR giro file
 * (POST …/bank-imports), see what became of it by rule, and resolve the payments nothing matched
 * (GET …/bank-entries, POST …/bank-entries/{id}/resolve), and accept the reversals the bank sent of
 * payments imported before (POST …/bank-entries/{id}/accept-reversal). The upload shows its progress.
 */
import { useCallback, useEffect, useState } from 'react';
import { client, fetchWithUploadProgress, idempotent, newIdempotencyKey, ok } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Notice, ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { type InvoiceSummary, ledgerApi } from '../ledger/api.js';
import { CustomerPicker, type CustomerRef, Modal } from '../ledger/shared.js';
import { SearchBox, useListSearch } from '../../components/SearchBox.js';

/** The unmatched queue's search in the URL (the payments list beside it has `sok`). */
const BANK_SEARCH_PARAM = 'banksok';

type BankImportResult = components['schemas']['BankImportResult'];
type BankEntry = components['schemas']['BankEntry'];
type Resolution = components['schemas']['ResolveBankEntry'];
type Action = Resolution['action'];

const bankApi = {
  upload: (companyId: string, file: File, onProgress: (sent: number, total: number) => void) =>
    ok(
      client.POST('/companies/{companyId}/bank-imports', {
        params: { path: { companyId } },
        fetch: fetchWithUploadProgress(onProgress),
        // The document's multipart body is the file; openapi-fetch sends a FormData as it is
        // (the browser sets the multipart boundary).
        body: { file: file as unknown as string },
        bodySerializer: (body) => {
          const form = new FormData();
          form.set('file', body.file as unknown as Blob);
          return form;
        },
      }),
    ),
  queue: (companyId: string, signal?: AbortSignal, state: 'unmatched' | 'reversal_offered' = 'unmatched', q?: string) =>
    ok(
      client.GET('/companies/{companyId}/bank-entries', {
        params: { path: { companyId }, query: { state, limit: 200, q: q || undefined } },
        signal,
      }),
    ),
  acceptReversal: (companyId: string, entryId: string, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/bank-entries/{entryId}/accept-reversal', {
        params: { path: { companyId, entryId } },
        ...idempotent(idempotencyKey),
      }),
    ),
  resolve: (companyId: string, entryId: string, body: Resolution, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/bank-entries/{entryId}/resolve', {
        params: { path: { companyId, entryId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),
};

export function BankImportPanel({ onBooked }: { onBooked(): void }) {
  const { t } = useI18n();
  const { companyId, canWrite } = useCompany();
  const [queue, setQueue] = useState<BankEntry[] | null>(null);
  const [queueError, setQueueError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [resolving, setResolving] = useState<BankEntry | null>(null);
  const [resolved, setResolved] = useState<string | null>(null);
  const [reversals, setReversals] = useState<BankEntry[]>([]);
  const search = useListSearch(BANK_SEARCH_PARAM);

  useEffect(() => {
    void reload;
    const controller = new AbortController();
    setQueueError(null);
    Promise.all([
      bankApi.queue(companyId, controller.signal, 'unmatched', search),
      bankApi.queue(companyId, controller.signal, 'reversal_offered'),
    ])
      .then(([page, offered]) => {
        setQueue(page.data);
        setReversals(offered.data);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setQueueError(e);
      });
    return () => controller.abort();
  }, [companyId, reload, search]);

  const changed = useCallback(() => {
    setReload((n) => n + 1);
    onBooked();
  }, [onBooked]);

  return (
    <section className="card bank-import" aria-labelledby="bank-import-title">
      <h2 id="bank-import-title" className="card-title">
        {t('bank.title')}
      </h2>
      <p className="muted small">{t('bank.intro')}</p>
      {canWrite && <UploadForm onImported={changed} />}
      {reversals.length > 0 && (
        <Reversals
          entries={reversals}
          canWrite={canWrite}
          onAccepted={() => {
            setResolved(t('bank.reversals.done'));
            changed();
          }}
        />
      )}
      <div className="section-head">
        <h3 className="section-title">{t('bank.queue')}</h3>
        <SearchBox
          param={BANK_SEARCH_PARAM}
          label={t('bank.search.label')}
          placeholder={t('bank.search.placeholder')}
        />
      </div>
      {resolved && (
        <Notice tone="success" onClose={() => setResolved(null)}>
          {resolved}
        </Notice>
      )}
      {queueError !== null && <ProblemMessage error={queueError} />}
      {queue !== null && queue.length === 0 && (
        <p className="muted">{search ? t('search.none', { q: search }) : t('bank.queue.empty')}</p>
      )}
      {queue !== null && queue.length > 0 && (
        <QueueTable entries={queue} canWrite={canWrite} onResolve={(e) => setResolving(e)} />
      )}
      {resolving && (
        <ResolveDialog
          entry={resolving}
          onClose={() => setResolving(null)}
          onResolved={(entry) => {
            setResolving(null);
            setResolved(
              t('bank.resolve.done', {
                what:
                  entry.invoiceNumber !== null
                    ? t('bank.resolved.invoice', { number: entry.invoiceNumber })
                    : t('bank.resolved.other'),
              }),
            );
            changed();
          }}
        />
      )}
    </section>
  );
}

function UploadForm({ onImported }: { onImported(): void }) {
  const { t, money } = useI18n();
  const { companyId } = useCompany();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<BankImportResult | null>(null);
  /** Percent of the file sent; at 100 the server reads and books it (no figure until it answers). */
  const [sent, setSent] = useState<number | null>(null);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setSent(0);
    try {
      setResult(
        await bankApi.upload(companyId, file, (done, total) =>
          setSent(total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0),
        ),
      );
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setSent(null);
    }
  };
  const s = result?.summary;
  return (
    <form
      className="bank-upload"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor="bank-file">{t('bank.file')}</label>
        <input
          id="bank-file"
          type="file"
          accept=".xml,.txt,.dat,.ocr,application/xml,text/plain"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <Button type="submit" variant="primary" disabled={!file || busy}>
        {busy ? t('bank.uploading') : t('bank.upload')}
      </Button>
      {busy && sent !== null && (
        <div className="bank-progress" data-testid="bank-progress">
          {sent < 100 ? (
            <>
              <progress max={100} value={sent} aria-label={t('bank.progress.upload', { percent: sent })} />
              <span className="muted small">{t('bank.progress.upload', { percent: sent })}</span>
            </>
          ) : (
            <>
              <progress aria-label={t('bank.progress.booking')} />
              <span className="muted small">{t('bank.progress.booking')}</span>
            </>
          )}
        </div>
      )}
      {error !== null && <ProblemMessage error={error} />}
      {result && s && (
        <div className="bank-summary" role="status" data-import-id={result.id}>
          <p className="strong">{t('bank.result', { file: result.fileName, count: s.transactions })}</p>
          {result.alreadyImported && <p className="muted">{t('bank.alreadyImported')}</p>}
          <table className="table">
            <tbody>
              {(['kid', 'invoice_number', 'amount_account', 'amount_name', 'settlement'] as const).map((rule) => (
                <tr key={rule} data-rule={rule}>
                  <th scope="row">{t(`bank.rule.${rule}`)}</th>
                  <td className="num">{s.booked[rule].count}</td>
                  <td className="num money">{money(s.booked[rule].amount)}</td>
                </tr>
              ))}
              <tr data-rule="unmatched">
                <th scope="row">{t('bank.unmatched')}</th>
                <td className="num">{s.unmatched.count}</td>
                <td className="num money">{money(s.unmatched.amount)}</td>
              </tr>
              {s.reversals.offered.count + s.reversals.reversed.count > 0 && (
                <tr data-rule="reversals">
                  <th scope="row">{t('bank.reversals.offered')}</th>
                  <td className="num">{s.reversals.offered.count}</td>
                  <td className="num money">{money(s.reversals.offered.amount)}</td>
                </tr>
              )}
              <tr data-rule="skipped">
                <th scope="row">{t('bank.skipped')}</th>
                <td className="num">{s.skipped.count}</td>
                <td />
              </tr>
              <tr data-rule="duplicates">
                <th scope="row">{t('bank.duplicates')}</th>
                <td className="num">{s.duplicates}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}

function QueueTable({
  entries,
  canWrite,
  onResolve,
}: {
  entries: BankEntry[];
  canWrite: boolean;
  onResolve(entry: BankEntry): void;
}) {
  const { t, money, date } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table bank-queue table-cards">
        <thead>
          <tr>
            <th scope="col">{t('bank.col.date')}</th>
            <th scope="col">{t('bank.col.payer')}</th>
            <th scope="col">{t('bank.col.text')}</th>
            <th scope="col" className="num">
              {t('bank.col.amount')}
            </th>
            {canWrite && (
              <th scope="col">
                <span className="visually-hidden">{t('bank.resolve')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-entry-id={e.id}>
              <td className="date" data-label={t('bank.col.date')}>
                {e.bookingDate ? date(e.bookingDate) : t('common.none')}
              </td>
              <td data-label={t('bank.col.payer')}>{e.debtorName ?? t('common.none')}</td>
              <td data-label={t('bank.col.text')}>
                <span className="cell-text" title={e.text}>
                  {e.text || t('common.none')}
                </span>
                {e.kid && <span className="muted small block kid">{e.kid}</span>}
              </td>
              <td className="num money strong" data-label={t('bank.col.amount')}>
                {money(e.amount)}
              </td>
              {canWrite && (
                <td className="col-actions">
                  <Button onClick={() => onResolve(e)}>{t('bank.resolve')}</Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Reversals the bank sent of payments imported before, each waiting for the accountant's approval. */
function Reversals({ entries, canWrite, onAccepted }: { entries: BankEntry[]; canWrite: boolean; onAccepted(): void }) {
  const { t, money, date } = useI18n();
  const { companyId } = useCompany();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [keys] = useState(() => new Map<string, string>());
  const accept = async (entry: BankEntry) => {
    setBusy(entry.id);
    setError(null);
    try {
      // One key per entry while the panel lives: a retry after a lost answer reverses once.
      if (!keys.has(entry.id)) keys.set(entry.id, newIdempotencyKey());
      await bankApi.acceptReversal(companyId, entry.id, keys.get(entry.id)!);
      onAccepted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="bank-reversals">
      <h3 className="section-title">{t('bank.reversals')}</h3>
      <p className="muted small">{t('bank.reversals.intro')}</p>
      {error !== null && <ProblemMessage error={error} />}
      <div className="table-wrap">
        <table className="table">
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-reversal-id={e.id}>
                <td className="date">{e.bookingDate ? date(e.bookingDate) : t('common.none')}</td>
                <td>
                  {e.text || e.kid || e.bankReference || t('common.none')}
                  <span className="muted small block">{t('bank.reversals.of')}</span>
                </td>
                <td className="num money strong">−{money(e.amount)}</td>
                {canWrite && (
                  <td>
                    <Button disabled={busy !== null} onClick={() => void accept(e)}>
                      {t('bank.reversals.accept')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const ACTIONS: Action[] = ['invoice', 'customer', 'account', 'not_customer_payment'];

function ResolveDialog({
  entry,
  onClose,
  onResolved,
}: {
  entry: BankEntry;
  onClose(): void;
  onResolved(entry: BankEntry): void;
}) {
  const { t, money } = useI18n();
  const { companyId } = useCompany();
  const [action, setAction] = useState<Action>('invoice');
  const [customer, setCustomer] = useState<CustomerRef | null>(null);
  const [invoices, setInvoices] = useState<InvoiceSummary[] | null>(null);
  const [invoiceId, setInvoiceId] = useState('');
  const [account, setAccount] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newIdempotencyKey);

  useEffect(() => {
    setInvoices(null);
    setInvoiceId('');
    if (!customer) return;
    const controller = new AbortController();
    ledgerApi
      .invoices(companyId, { status: 'open', customerId: customer.id, cursor: null, limit: 100 }, controller.signal)
      .then((page) => {
        setInvoices(page.data);
        setInvoiceId(page.data[0]?.id ?? '');
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [companyId, customer]);

  const body = ((): Resolution | null => {
    const n = note.trim() || undefined;
    if (action === 'invoice') return invoiceId ? { action, invoiceId, ...(n ? { note: n } : {}) } : null;
    if (action === 'customer') return customer ? { action, customerId: customer.id, ...(n ? { note: n } : {}) } : null;
    if (action === 'account')
      return /^\d{4}$/.test(account) ? { action, account: Number(account), ...(n ? { note: n } : {}) } : null;
    return n ? { action, note: n } : null;
  })();

  const submit = async () => {
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      // One key per dialog: a retry after a lost answer books once.
      onResolved(await bankApi.resolve(companyId, entry.id, body, `${key}-${action}`));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('bank.resolve.title', { amount: money(entry.amount) })}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" disabled={!body || busy} onClick={() => void submit()}>
            {t('bank.resolve.submit')}
          </Button>
        </>
      }
    >
      <fieldset className="plain">
        <legend className="visually-hidden">{t('bank.resolve')}</legend>
        {ACTIONS.map((a) => (
          <label key={a} className="block">
            <input type="radio" name="bank-resolve" checked={action === a} onChange={() => setAction(a)} />{' '}
            {t(`bank.resolve.${a}`)}
          </label>
        ))}
      </fieldset>
      {(action === 'invoice' || action === 'customer') && <CustomerPicker value={customer} onChange={setCustomer} />}
      {action === 'invoice' && customer && invoices !== null && (
        <div className="field">
          <label htmlFor="bank-resolve-invoice">{t('bank.resolve.invoiceSelect')}</label>
          {invoices.length === 0 ? (
            <p className="muted">{t('bank.resolve.noOpenInvoices')}</p>
          ) : (
            <select id="bank-resolve-invoice" value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)}>
              {invoices.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.invoiceNumber} — {money(i.openAmount)}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {action === 'account' && (
        <div className="field">
          <label htmlFor="bank-resolve-account">{t('bank.resolve.accountNumber')}</label>
          <input
            id="bank-resolve-account"
            inputMode="numeric"
            value={account}
            onChange={(e) => setAccount(e.target.value.trim())}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="bank-resolve-note">{t('bank.resolve.note')}</label>
        <input id="bank-resolve-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error !== null && <ProblemMessage error={error} />}
    </Modal>
  );
}
