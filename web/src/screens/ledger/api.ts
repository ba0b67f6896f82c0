/**
 * The calls Reskontro, Innbetalinger and Fakturaer make (customer ledger, matching, invoices,
 * credit notes, payments, write-offs), with their shapes taken from the generated OpenAPI types.
 */
import { apiRequest, apiUrl } from '../../api/client.js';
import type { components } from '../../api/openapi.gen.js';
import type { InvoiceDunning, Page } from '../../api/types.js';

type Schemas = components['schemas'];
export type OpenItem = Schemas['OpenItem'];
export type Customer = Schemas['Customer'];
export type InvoiceSummary = Schemas['InvoiceSummary'];
export type InvoiceDetail = Schemas['InvoiceDetail'];
export type NewInvoice = Schemas['NewInvoice'];
export type LineInput = Schemas['LineInput'];
export type VatRate = LineInput['vatRate'];
export type NewCreditNote = Schemas['NewCreditNote'];
export type CreditNote = Schemas['CreditNote'];
export type NewPayment = Schemas['NewPayment'];
export type Payment = Schemas['Payment'];
export type PaymentListItem = Schemas['PaymentListItem'];
export type WriteOffInput = Schemas['WriteOffInput'];
export type WriteOff = Schemas['WriteOff'];
export type NewMatch = Schemas['NewMatch'];
export type MatchResult = Schemas['MatchResult'];
export type EntryMatch = Schemas['EntryMatch'];
export type MatchWarning = Schemas['Warning'];
export type VoucherType = OpenItem['voucherType'];
export type InvoiceStatus = 'open' | 'overdue' | 'closed';

export const VAT_RATES: readonly VatRate[] = [25, 15, 12, 0];
export const DEFAULT_LOSS_ACCOUNT = 7830;
const PAGE_SIZE = 50;
const company = (companyId: string) => `/companies/${encodeURIComponent(companyId)}`;

export const ledgerApi = {
  customers: (companyId: string, search: string, signal?: AbortSignal) =>
    apiRequest<Page<Customer>>('GET', `${company(companyId)}/customers`, { query: { search, limit: 20 }, signal }),
  customer: (companyId: string, customerId: string) =>
    apiRequest<Customer>('GET', `${company(companyId)}/customers/${customerId}`),
  openItems: (
    companyId: string,
    q: { customerId: string | null; includeClosed: boolean; cursor: string | null },
    signal?: AbortSignal,
  ) =>
    apiRequest<Page<OpenItem>>('GET', `${company(companyId)}/open-items`, {
      query: {
        limit: PAGE_SIZE,
        cursor: q.cursor,
        customerId: q.customerId,
        includeClosed: q.includeClosed ? 'true' : undefined,
      },
      signal,
    }),
  entryMatches: (companyId: string, entryId: number) =>
    apiRequest<{ data: EntryMatch[] }>('GET', `${company(companyId)}/entries/${entryId}/matches`),
  match: (companyId: string, body: NewMatch, idempotencyKey: string) =>
    apiRequest<MatchResult>('POST', `${company(companyId)}/matches`, { body, idempotencyKey }),
  previewMatch: (companyId: string, body: Schemas['MatchPreviewRequest']) =>
    apiRequest<Schemas['MatchPreview']>('POST', `${company(companyId)}/matches/preview`, { body }),
  unmatch: (companyId: string, matchId: number, idempotencyKey: string) =>
    apiRequest<MatchResult>('POST', `${company(companyId)}/matches/${matchId}/unmatch`, { idempotencyKey }),
  writeOff: (companyId: string, invoiceId: string, body: WriteOffInput, idempotencyKey: string) =>
    apiRequest<WriteOff>('POST', `${company(companyId)}/invoices/${invoiceId}/write-off`, { body, idempotencyKey }),

  invoices: (
    companyId: string,
    q: { status: InvoiceStatus | null; customerId?: string | null; cursor: string | null; limit?: number },
    signal?: AbortSignal,
  ) =>
    apiRequest<Page<InvoiceSummary>>('GET', `${company(companyId)}/invoices`, {
      query: { limit: q.limit ?? PAGE_SIZE, cursor: q.cursor, status: q.status, customerId: q.customerId },
      signal,
    }),
  invoice: (companyId: string, invoiceId: string, signal?: AbortSignal) =>
    apiRequest<InvoiceDetail>('GET', `${company(companyId)}/invoices/${invoiceId}`, { signal }),
  createInvoice: (companyId: string, body: NewInvoice, idempotencyKey: string) =>
    apiRequest<InvoiceSummary>('POST', `${company(companyId)}/invoices`, { body, idempotencyKey }),
  createCreditNote: (companyId: string, invoiceId: string, body: NewCreditNote, idempotencyKey: string) =>
    apiRequest<CreditNote>('POST', `${company(companyId)}/invoices/${invoiceId}/credit-notes`, {
      body,
      idempotencyKey,
    }),
  invoicePdfUrl: (companyId: string, invoiceId: string) => apiUrl(`${company(companyId)}/invoices/${invoiceId}/pdf`),
  invoiceDunning: (companyId: string, invoiceId: string, signal?: AbortSignal) =>
    apiRequest<InvoiceDunning>('GET', `${company(companyId)}/invoices/${invoiceId}/dunning`, { signal }),

  payments: (companyId: string, q: { cursor: string | null; customerId?: string | null }, signal?: AbortSignal) =>
    apiRequest<Page<PaymentListItem>>('GET', `${company(companyId)}/payments`, {
      query: { limit: PAGE_SIZE, cursor: q.cursor, customerId: q.customerId },
      signal,
    }),
  registerPayment: (companyId: string, body: NewPayment, idempotencyKey: string) =>
    apiRequest<Payment>('POST', `${company(companyId)}/payments`, { body, idempotencyKey }),
};

/** Today in Norway as `YYYY-MM-DD`. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** `YYYY-MM-DD` plus days, by calendar (UTC arithmetic on a date only, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return t.toISOString().slice(0, 10);
}

/** øre → the plain kroner text an amount field shows (`1234,50` / `1234.50`), built from integers. */
export function oreToInput(amountOre: number, lang: 'nb' | 'en'): string {
  const negative = amountOre < 0;
  const abs = Math.abs(amountOre);
  const text = `${Math.trunc(abs / 100)}${lang === 'nb' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/**
 * A quantity as thousandths, parsed from its text (`1`, `1,5`, `2.125`) without floats;
 * null when it is not a positive number with at most three decimals.
 */
export function parseQuantityMilli(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (!m) return null;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return milli > 0 ? milli : null;
}

/** Thousandths → the number the API takes (the division is exact for at most three decimals). */
export function quantityFromMilli(milli: number): number {
  return Number(`${Math.trunc(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`);
}

/** Integer division rounded half away from zero, in bigint (the server's roundHalfUpDiv). */
function roundHalfUpDiv(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return negative ? -q : q;
}

/** quantity (thousandths) × unit price (øre), rounded to whole øre like the server does. */
export function lineNetOre(quantityMilli: number, unitPriceOre: number): number {
  return Number(roundHalfUpDiv(BigInt(quantityMilli) * BigInt(unitPriceOre), 1000n));
}

export interface TotalsLine {
  netOre: number;
  vatRate: VatRate;
}

export interface Totals {
  breakdown: Array<{ rate: VatRate; netAmount: number; vatAmount: number }>;
  netAmount: number;
  vatAmount: number;
  totalAmount: number;
}

/** The server's computeTotals: VAT once per rate on the sum of that rate's lines, all in øre integers. */
export function computeTotals(lines: TotalsLine[]): Totals {
  const breakdown: Totals['breakdown'] = [];
  for (const rate of VAT_RATES) {
    const ofRate = lines.filter((l) => l.vatRate === rate);
    if (ofRate.length === 0) continue;
    const netAmount = ofRate.reduce((s, l) => s + l.netOre, 0);
    breakdown.push({
      rate,
      netAmount,
      vatAmount: Number(roundHalfUpDiv(BigInt(netAmount) * BigInt(rate * 100), 10_000n)),
    });
  }
  const netAmount = breakdown.reduce((s, r) => s + r.netAmount, 0);
  const vatAmount = breakdown.reduce((s, r) => s + r.vatAmount, 0);
  return { breakdown, netAmount, vatAmount, totalAmount: netAmount + vatAmount };
}
