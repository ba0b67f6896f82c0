/**
 * «Importer bankfil» under Innbetalinger: upload a camt.053/camt.054/OCR giro file
 * (POST …/bank-imports), see what became of it by rule, and resolve the payments nothing matched
 * (GET …/bank-entries, POST …/bank-entries/{id}/resolve).
 */
import { useCallback, useEffect, useState } from 'react';
import { client, idempotent, newIdempotencyKey, ok } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';
import { useCompany } from '../../app/session.js';
import { Button } from '../../components/Button.js';
import { Notice, ProblemMessage } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { type InvoiceSummary, ledgerApi } from '../ledger/api.js';
import { CustomerPicker, type CustomerRef, Modal } from '../ledger/shared.js';

type BankImportResult = components['schemas']['BankImportResult'];
type BankEntry = components['schemas']['BankEntry'];
type Resolution = components['schemas']['ResolveBankEntry'];
type Action = Resolution['action'];

const bankApi = {
  upload: (companyId: string, file: File) =>
    ok(
      client.POST('/companies/{companyId}/bank-imports', {
        params: { path: { companyId } },
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
  queue: (companyId: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/bank-entries', {
        params: { path: { companyId }, query: { state: 'unmatched', limit: 200 } },
        signal,
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

  useEffect(() => {
    void reload;
    const controller = new AbortController();
    bankApi
      .queue(companyId, controller.signal)
      .then((page) => setQueue(page.data))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setQueueError(e);
      });
    return () => controller.abort();
  }, [companyId, reload]);

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
      <h3 className="section-title">{t('bank.queue')}</h3>
      {resolved && (
        <Notice tone="success" onClose={() => setResolved(null)}>
          {resolved}
        </Notice>
      )}
      {queueError !== null && <ProblemMessage error={queueError} />}
      {queue !== null && queue.length === 0 && <p className="muted">{t('bank.queue.empty')}</p>}
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

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await bankApi.upload(companyId, file));
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
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
      {error !== null && <ProblemMessage error={error} />}
      {result && s && (
        <div className="bank-summary" role="status" data-import-id={result.id}>
          <p className="strong">{t('bank.result', { file: result.fileName, count: s.transactions })}</p>
          {result.alreadyImported && <p className="muted">{t('bank.alreadyImported')}</p>}
          <table className="table">
            <tbody>
              {(['kid', 'invoice_number', 'amount_name'] as const).map((rule) => (
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
      <table className="table bank-queue">
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
              <td className="date">{e.bookingDate ? date(e.bookingDate) : t('common.none')}</td>
              <td>{e.debtorName ?? t('common.none')}</td>
              <td>
                <span className="cell-text" title={e.text}>
                  {e.text || t('common.none')}
                </span>
                {e.kid && <span className="muted small block kid">{e.kid}</span>}
              </td>
              <td className="num money strong">{money(e.amount)}</td>
              {canWrite && (
                <td>
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
