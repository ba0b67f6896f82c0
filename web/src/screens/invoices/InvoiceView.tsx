/**
 * One invoice (GET …/invoices/{id}): its lines and VAT, the entries matched to it (write-offs and
 * manual ones marked), its credit notes, events, reminders (GET …/invoices/{id}/dunning) and PDF.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints.js';
import type { InvoiceDunning } from '../../api/types.js';
import { companyPath, Link, navigate, useLocation } from '../../app/router.js';
import { useCompany } from '../../app/session.js';
import { useDocumentTitle } from '../../app/useDocumentTitle.js';
import { CaseNumberLink } from '../../components/AgencyLink.js';
import { Button } from '../../components/Button.js';
import { Icon } from '../../components/Icon.js';
import { Loading, Notice, ProblemMessage } from '../../components/Feedback.js';
import { isMessageKey, useI18n } from '../../i18n/i18n.js';
import { caseText } from '../collection/caseText.js';
import { decisionText, eventLabel } from '../collection/recordText.js';
import { type InvoiceDetail, ledgerApi, todayIso } from '../ledger/api.js';
import { useVoucherLabel } from '../ledger/shared.js';
import { WriteOffDialog } from '../ledger/WriteOffDialog.js';
import { LetterEmails } from '../mail/LetterEmails.js';
import { CreditNoteDialog } from './CreditNoteDialog.js';
import { invoiceStatus, StatusBadge } from './status.js';

export function InvoiceView({ invoiceId }: { invoiceId: string }) {
  const { t, money, date } = useI18n();
  const { companyId, canWrite, membership } = useCompany();
  const { search, pathname } = useLocation();
  const [invoice, setInvoice] = useState<InvoiceDetail | null>(null);
  const [dunning, setDunning] = useState<InvoiceDunning | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dunningError, setDunningError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [dialog, setDialog] = useState<'creditNote' | 'writeOff' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useDocumentTitle(
    invoice ? t('invoice.title', { number: invoice.invoiceNumber }) : t('invoices.title'),
    membership.companyName,
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is a trigger: bumping it reads the invoice again
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    ledgerApi
      .invoice(companyId, invoiceId, controller.signal)
      .then(setInvoice)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    ledgerApi
      .invoiceDunning(companyId, invoiceId, controller.signal)
      .then(setDunning)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setDunningError(e);
      });
    return () => controller.abort();
  }, [companyId, invoiceId, generation]);

  // Just created: say so once, and drop the marker from the address.
  useEffect(() => {
    if (invoice && search.get('ny') === '1') {
      setMessage(t('invoiceForm.created', { invoice: invoice.invoiceNumber }));
      navigate(pathname, { replace: true });
    }
  }, [invoice, search, pathname, t]);

  const back = (
    <Link className="back-link" to={companyPath(companyId, 'fakturaer')}>
      ← {t('invoices.back')}
    </Link>
  );
  if (error !== null)
    return (
      <section className="screen">
        {back}
        <ProblemMessage error={error} onRetry={() => setGeneration((g) => g + 1)} />
      </section>
    );
  if (!invoice) return <Loading />;

  return (
    <section className="screen invoice-view" aria-labelledby="invoice-title" data-invoice-id={invoice.id}>
      <header className="page-header">
        <div>
          {back}
          <h1 id="invoice-title" className="page-title">
            {t('invoice.title', { number: invoice.invoiceNumber })}{' '}
            <StatusBadge status={invoiceStatus(invoice, todayIso())} />
          </h1>
          {invoice.description && <p className="page-intro">{invoice.description}</p>}
        </div>
        <div className="header-actions">
          <a
            className="btn btn-secondary"
            href={ledgerApi.invoicePdfUrl(companyId, invoice.id)}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('invoice.pdf')} <Icon name="external" size={14} />
            <span className="visually-hidden">{t('common.opensInNewTab')}</span>
          </a>
          {canWrite && (
            <Button
              onClick={() => setDialog('creditNote')}
              disabled={invoice.totalAmount - invoice.creditNotes.reduce((s, c) => s + c.totalAmount, 0) <= 0}
            >
              {t('invoice.creditNote')}
            </Button>
          )}
          {canWrite && invoice.openAmount > 0 && (
            <Button variant="danger" onClick={() => setDialog('writeOff')}>
              {t('invoice.writeOff')}
            </Button>
          )}
        </div>
      </header>

      {message && (
        <Notice tone="success" onClose={() => setMessage(null)}>
          {message}
        </Notice>
      )}

      <div className="stack">
        <div className="card">
          <dl className="facts">
            <div>
              <dt>{t('invoice.customer')}</dt>
              <dd title={invoice.customerName}>
                <Link to={`${companyPath(companyId, 'reskontro')}?kunde=${invoice.customerId}&lukket=1`}>
                  {invoice.customerName}
                </Link>
              </dd>
            </div>
            <div>
              <dt>{t('invoice.issueDate')}</dt>
              <dd>{date(invoice.issueDate)}</dd>
            </div>
            <div>
              <dt>{t('invoice.dueDate')}</dt>
              <dd>{date(invoice.dueDate)}</dd>
            </div>
            <div>
              <dt>{t('invoice.kid')}</dt>
              <dd className="kid">{invoice.kid}</dd>
            </div>
            <div>
              <dt>{t('invoice.total')}</dt>
              <dd data-amount="total">{money(invoice.totalAmount)}</dd>
            </div>
            <div>
              <dt>{t('invoice.open')}</dt>
              <dd data-amount="open" className="strong">
                {money(invoice.openAmount)}
              </dd>
            </div>
          </dl>
        </div>

        <Lines invoice={invoice} />

        <div className="two-col">
          <Matches invoice={invoice} />
          <div className="stack">
            <CreditNotes invoice={invoice} />
            <Reminders dunning={dunning} error={dunningError} companyId={companyId} />
            {dunning && (
              <LetterEmails invoiceId={invoice.id} customerId={invoice.customerId} letters={dunning.letters} />
            )}
            <Collection invoice={invoice} />
          </div>
        </div>
        <Events invoice={invoice} />
      </div>

      {dialog === 'creditNote' && (
        <CreditNoteDialog
          invoice={invoice}
          onClose={() => setDialog(null)}
          onDone={(note) => {
            setDialog(null);
            setMessage(
              t('creditNote.done', {
                number: note.creditNoteNumber,
                amount: money(note.totalAmount),
                open: money(note.invoiceOpenAmount ?? invoice.openAmount),
              }),
            );
            setGeneration((g) => g + 1);
          }}
        />
      )}
      {dialog === 'writeOff' && (
        <WriteOffDialog
          target={{
            invoiceId: invoice.id,
            invoiceNumber: invoice.invoiceNumber,
            customerName: invoice.customerName,
            openAmount: invoice.openAmount,
          }}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            setMessage(
              t('writeOff.done', {
                invoice: invoice.invoiceNumber,
                amount: money(result.amount),
                account: result.account,
                open: money(result.invoiceOpenAmount),
              }),
            );
            setGeneration((g) => g + 1);
          }}
        />
      )}
    </section>
  );
}

function Lines({ invoice }: { invoice: InvoiceDetail }) {
  const { t, money } = useI18n();
  const quantity = (q: number) => String(q).replace('.', ',');
  return (
    <div className="table-wrap">
      <table className="table invoice-lines">
        <caption className="visually-hidden">{t('invoice.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoiceForm.col.description')}</th>
            <th scope="col" className="num">
              {t('invoiceForm.col.quantity')}
            </th>
            <th scope="col" className="num">
              {t('invoiceForm.col.unitPrice')}
            </th>
            <th scope="col" className="num">
              {t('invoiceForm.col.vat')}
            </th>
            <th scope="col" className="num">
              {t('invoiceForm.col.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((l) => (
            <tr key={l.lineNo}>
              <td>{l.description}</td>
              <td className="num">{quantity(l.quantity)}</td>
              <td className="num money">{money(l.unitPrice)}</td>
              <td className="num">{l.vatRate} %</td>
              <td className="num money">{money(l.netAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="lines-footer">
        <span />
        <dl className="totals">
          <dt>{t('invoice.net')}</dt>
          <dd>{money(invoice.netAmount)}</dd>
          {invoice.vatBreakdown.map((r) => (
            <VatRow
              key={r.rate}
              label={t('invoiceForm.vatAt', { rate: r.rate, base: money(r.netAmount) })}
              value={money(r.vatAmount)}
            />
          ))}
          <dt className="grand">{t('invoice.total')}</dt>
          <dd className="grand">{money(invoice.totalAmount)}</dd>
        </dl>
      </div>
    </div>
  );
}

function VatRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function Matches({ invoice }: { invoice: InvoiceDetail }) {
  const { t, money, date } = useI18n();
  const voucher = useVoucherLabel();
  return (
    <div className="card">
      <h2 className="section-title">{t('invoice.matches')}</h2>
      {invoice.matches.length === 0 ? (
        <p className="muted">{t('invoice.matchesEmpty')}</p>
      ) : (
        <table className="table table-compact invoice-matches">
          <thead>
            <tr>
              <th scope="col">{t('matches.col.counterpart')}</th>
              <th scope="col">{t('matches.col.date')}</th>
              <th scope="col" className="num">
                {t('matches.col.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.matches.map((m) => (
              <tr key={m.matchId} className={m.undoneByMatchId === null ? undefined : 'is-undone'}>
                <td>
                  {voucher(m.counterpart.voucherType, m.counterpart.voucherNumber)}
                  {m.counterpart.isWriteOff && <span className="tag tag-inline">{t('matches.writeOff')}</span>}
                  {m.counterpart.isManual && <span className="tag tag-inline">{t('matches.manual')}</span>}
                  {m.undoneByMatchId !== null && <span className="tag tag-inline">{t('matches.undone')}</span>}
                </td>
                <td className="date">{date(m.counterpart.date)}</td>
                <td className="num money">{money(Math.abs(m.amount))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function CreditNotes({ invoice }: { invoice: InvoiceDetail }) {
  const { t, money, date } = useI18n();
  return (
    <div className="card">
      <h2 className="section-title">{t('invoice.creditNotes')}</h2>
      {invoice.creditNotes.length === 0 ? (
        <p className="muted">{t('invoice.creditNotesEmpty')}</p>
      ) : (
        <table className="table table-compact">
          <tbody>
            {invoice.creditNotes.map((c) => (
              <tr key={c.id}>
                <td>{t('invoice.creditNoteNo', { number: c.creditNoteNumber })}</td>
                <td className="date">{date(c.issueDate)}</td>
                <td className="num money">{money(c.totalAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Reminders({
  dunning,
  error,
  companyId,
}: {
  dunning: InvoiceDunning | null;
  error: unknown;
  companyId: string;
}) {
  const { t, money, date } = useI18n();
  return (
    <div className="card">
      <h2 className="section-title">{t('invoice.reminders')}</h2>
      {error !== null ? (
        <ProblemMessage error={error} />
      ) : dunning === null ? (
        <Loading />
      ) : (
        <>
          {dunning.letters.length === 0 ? (
            <p className="muted">{t('invoice.remindersEmpty')}</p>
          ) : (
            <table className="table table-compact invoice-letters">
              <tbody>
                {dunning.letters.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <a
                        href={api.letterPdfUrl(companyId, l.id)}
                        target="_blank"
                        rel="noopener noreferrer"
                        aria-label={t('letter.linkLabel', { type: t(`letter.${l.type}`), date: date(l.sentDate) })}
                      >
                        {t(`letter.${l.type}`)}
                      </a>
                    </td>
                    <td className="date">{date(l.sentDate)}</td>
                    <td className="num money">{money(l.feeAmount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {dunning.onList && dunning.item && (
            <p className="muted small">
              {t('invoice.onReminderList')} {t(`next.${dunning.item.next.nextAction}`)}
              {dunning.item.next.code === 'override' && dunning.item.decision && (
                <span data-testid="invoice-decision"> · {decisionText(t, isMessageKey, dunning.item.decision)}</span>
              )}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** The invoice's way through collection: each handover, newest first, with the agency's case. */
function Collection({ invoice }: { invoice: InvoiceDetail }) {
  const { t, day } = useI18n();
  const { companyId } = useCompany();
  return (
    <div className="card invoice-collection">
      <h2 className="section-title">{t('invoice.collection')}</h2>
      {invoice.handovers.length === 0 ? (
        <p className="muted">{t('invoice.collectionEmpty')}</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('invoice.collection.agency')}</th>
              <th scope="col">{t('invoice.collection.state')}</th>
              <th scope="col">{t('invoice.collection.case')}</th>
            </tr>
          </thead>
          <tbody>
            {invoice.handovers.map((h) => {
              const status = h.case ? `status.${h.case.status}` : null;
              return (
                <tr key={h.id} data-handover-state={h.state}>
                  <td>{h.agencyName}</td>
                  <td>
                    {t(`handover.state.${h.state}`)}
                    {h.endedAt && (
                      <span className="muted small block">
                        {t('invoice.collection.ended', { date: day(h.endedAt) })}
                      </span>
                    )}
                    {(h.state === 'rejected' || h.state === 'recalled') && (h.endedBy || h.endReason) && (
                      <span className="muted small block" data-testid="handover-ended-by">
                        {[
                          h.endedBy === 'agency'
                            ? t('handover.endedByAgency', { agency: h.agencyName })
                            : h.endedBy === 'user'
                              ? t('handover.endedByUser')
                              : '',
                          h.endReason ?? '',
                        ]
                          .filter(Boolean)
                          .join(': ')}
                      </span>
                    )}
                  </td>
                  <td>
                    {h.case ? (
                      <>
                        <CaseNumberLink caseNumber={h.case.caseNumber} url={h.case.url} />
                        {status && (
                          <span className="muted small block">
                            {isMessageKey(status) ? t(status) : h.case.status}
                            {h.case.statusText ? ` – ${caseText(t, h.case.statusText)}` : ''}
                          </span>
                        )}
                        <Link className="small" to={companyPath(companyId, 'inkasso', 'sak', h.case.id)}>
                          {t('invoice.collection.showCase', { caseNumber: h.case.caseNumber })}
                        </Link>
                      </>
                    ) : (
                      <span className="muted">{t('common.none')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Events({ invoice }: { invoice: InvoiceDetail }) {
  const { t, money, day } = useI18n();
  return (
    <div className="card">
      <h2 className="section-title">{t('invoice.events')}</h2>
      {invoice.events.length === 0 ? (
        <p className="muted">{t('invoice.eventsEmpty')}</p>
      ) : (
        <table className="table table-compact invoice-events">
          <thead>
            <tr>
              <th scope="col">{t('invoice.col.event')}</th>
              <th scope="col">{t('invoice.col.when')}</th>
              <th scope="col" className="num">
                {t('ledger.col.amount')}
              </th>
              <th scope="col" className="num">
                {t('invoice.open')}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.events.map((e) => {
              const agency = e.agencyId
                ? (invoice.handovers.find((h) => h.agencyId === e.agencyId)?.agencyName ?? null)
                : null;
              return (
                <tr key={e.position} data-event-type={e.type}>
                  <td>
                    {eventLabel(t, isMessageKey, e.type, agency)}
                    {e.isWriteOff && e.type !== 'invoice.write_off' && (
                      <span className="tag tag-inline">{t('matches.writeOff')}</span>
                    )}
                    {e.isManual && e.type !== 'invoice.manual_match' && (
                      <span className="tag tag-inline">{t('matches.manual')}</span>
                    )}
                  </td>
                  <td className="date">{day(e.occurredAt)}</td>
                  <td className="num money">{money(e.amount)}</td>
                  <td className="num money">{money(e.remainingAmount)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
