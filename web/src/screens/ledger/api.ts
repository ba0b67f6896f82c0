/**
 * The calls Reskontro, Innbetalinger and Fakturaer make (customer ledger, matching, invoices,
 * credit notes, payments, write-offs) over the typed client, answers inferred from the generated
 * paths; names for the shapes their components take; and the invoice form's arithmetic (øre
 * integers, rounded by @innfri/money's one rule).
 */
import { roundHalfUpDiv } from '@innfri/money';
import { apiUrl, client, idempotent, ok, type QueryOf } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import type { components } from '../../api/openapi.gen.js';

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
export type InvoiceStatus = NonNullable<QueryOf<'/companies/{companyId}/invoices'>['status']>;

export const VAT_RATES: readonly VatRate[] = [25, 15, 12, 0];
export const DEFAULT_LOSS_ACCOUNT = 7830;
const PAGE_SIZE = 50;

export const ledgerApi = {
  customers: (companyId: string, search: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/customers', {
        params: { path: { companyId }, query: { search, limit: 20 } },
        signal,
      }),
    ),
  customer: (companyId: string, customerId: string) =>
    ok(client.GET('/companies/{companyId}/customers/{customerId}', { params: { path: { companyId, customerId } } })),
  openItems: (
    companyId: string,
    q: { customerId: string | null; includeClosed: boolean; cursor: string | null; q?: string | null },
    signal?: AbortSignal,
  ) =>
    ok(
      client.GET('/companies/{companyId}/open-items', {
        params: {
          path: { companyId },
          query: {
            limit: PAGE_SIZE,
            cursor: q.cursor ?? undefined,
            customerId: q.customerId ?? undefined,
            includeClosed: q.includeClosed ? 'true' : undefined,
            q: q.q || undefined,
          },
        },
        signal,
      }),
    ),
  entryMatches: (companyId: string, entryId: number) =>
    ok(client.GET('/companies/{companyId}/entries/{entryId}/matches', { params: { path: { companyId, entryId } } })),
  match: (companyId: string, body: NewMatch, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/matches', {
        params: { path: { companyId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),
  previewMatch: (companyId: string, body: Schemas['MatchPreviewRequest']) =>
    ok(client.POST('/companies/{companyId}/matches/preview', { params: { path: { companyId } }, body })),
  unmatch: (companyId: string, matchId: number, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/matches/{matchId}/unmatch', {
        params: { path: { companyId, matchId } },
        ...idempotent(idempotencyKey),
      }),
    ),
  writeOff: (companyId: string, invoiceId: string, body: WriteOffInput, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/invoices/{invoiceId}/write-off', {
        params: { path: { companyId, invoiceId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),

  invoices: (
    companyId: string,
    q: {
      status: InvoiceStatus | null;
      customerId?: string | null;
      cursor: string | null;
      limit?: number;
      q?: string | null;
    },
    signal?: AbortSignal,
  ) =>
    ok(
      client.GET('/companies/{companyId}/invoices', {
        params: {
          path: { companyId },
          query: {
            limit: q.limit ?? PAGE_SIZE,
            cursor: q.cursor ?? undefined,
            status: q.status ?? undefined,
            customerId: q.customerId ?? undefined,
            q: q.q || undefined,
          },
        },
        signal,
      }),
    ),
  invoice: (companyId: string, invoiceId: string, signal?: AbortSignal) =>
    ok(
      client.GET('/companies/{companyId}/invoices/{invoiceId}', { params: { path: { companyId, invoiceId } }, signal }),
    ),
  createInvoice: (companyId: string, body: NewInvoice, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/invoices', {
        params: { path: { companyId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),
  createCreditNote: (companyId: string, invoiceId: string, body: NewCreditNote, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/invoices/{invoiceId}/credit-notes', {
        params: { path: { companyId, invoiceId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),
  invoicePdfUrl: (companyId: string, invoiceId: string) =>
    apiUrl('/companies/{companyId}/invoices/{invoiceId}/pdf', { companyId, invoiceId }),
  invoiceDunning: (companyId: string, invoiceId: string, signal?: AbortSignal) =>
    api.invoiceDunning(companyId, invoiceId, signal),

  payments: (
    companyId: string,
    q: { cursor: string | null; customerId?: string | null; q?: string | null },
    signal?: AbortSignal,
  ) =>
    ok(
      client.GET('/companies/{companyId}/payments', {
        params: {
          path: { companyId },
          query: {
            limit: PAGE_SIZE,
            cursor: q.cursor ?? undefined,
            customerId: q.customerId ?? undefined,
            q: q.q || undefined,
          },
        },
        signal,
      }),
    ),
  registerPayment: (companyId: string, body: NewPayment, idempotencyKey: string) =>
    ok(
      client.POST('/companies/{companyId}/payments', {
        params: { path: { companyId } },
        body,
        ...idempotent(idempotencyKey),
      }),
    ),
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

/** quantity (thousandths) × unit price (øre), rounded to whole øre by the one rule (@innfri/money). */
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
