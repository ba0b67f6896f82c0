/**
 * «Til behandling» (the inbox): what waits for the accountant's decision, gathered from the modules
 * that own it, each item pointing at where it is decided. An item is derived from the state as it
 * is now, never stored: it goes away by itself once the decision is made (or the cause goes away).
 *
 * | kind | cause | gone when |
 * |---|---|---|
 * | `dispute` | an open case the agency reports as disputed (status `disputed`) | the case leaves the dispute |
 * | `agency_returned` | an invoice an agency gave back, with its undated «Vent» (dunning) | anything newer is decided on it (a decision, a letter, a handover) or it is paid |
 * | `settlement_approval` | a settlement waiting for approval | approved or rejected |
 * | `case_money` | an open case whose reported balance differs from what the ledger says it has to collect | the figures agree (a settlement, a balance update) |
 * | `bank_entry` | a bank entry no rule could match (bank) | resolved in the unmatched queue |
 * | `wait_ended` | a «Vent» until a date that has come (dunning) | as `agency_returned` |
 */
import { listBankEntries } from '../bank/bank-import.service.js';
import type { Db } from '../db/database.js';
import { type DecisionCause, invoicesAwaitingDecision } from '../dunning/dunning.service.js';
import type { Ore } from '../shared/money.js';
import { caseMoney, casesAwaitingAttention, casesByIds } from '../collection/case.service.js';
import { listSettlements } from '../collection/settlement.service.js';

export const INBOX_KINDS = [
  'dispute',
  'agency_returned',
  'settlement_approval',
  'case_money',
  'bank_entry',
  'wait_ended',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** The most items of one kind the inbox lists; `truncated` says when a kind has more. */
export const INBOX_CAP = 100;

export interface InboxItem {
  kind: InboxKind;
  /** Stable while the item stands: the kind and the id of what it is about. */
  key: string;
  /** Since when it waits: a timestamp, or the bank's booking date. */
  since: string;
  /** The open amount (an invoice), the bank amount (a settlement, a bank entry), the difference (case money). */
  amount: Ore | null;
  invoiceId: string | null;
  invoiceNumber: number | null;
  customerId: string | null;
  customerName: string | null;
  caseId: string | null;
  caseNumber: string | null;
  agencyName: string | null;
  settlementId: string | null;
  reference: string | null;
  bankEntryId: string | null;
  cause: DecisionCause | null;
  reason: string | null;
  waitUntil: string | null;
  agencyBalance: Ore | null;
  toCollect: Ore | null;
}

export interface Inbox {
  items: InboxItem[];
  counts: Record<InboxKind, number>;
  total: number;
  truncated: boolean;
}

const blank = {
  amount: null,
  invoiceId: null,
  invoiceNumber: null,
  customerId: null,
  customerName: null,
  caseId: null,
  caseNumber: null,
  agencyName: null,
  settlementId: null,
  reference: null,
  bankEntryId: null,
  cause: null,
  reason: null,
  waitUntil: null,
  agencyBalance: null,
  toCollect: null,
} satisfies Omit<InboxItem, 'kind' | 'key' | 'since'>;

/** The company's inbox as of `today`: every kind, oldest first within its kind, in the kinds' order. */
export async function companyInbox(db: Db, companyId: string, today: string): Promise<Inbox> {
  const [decisions, settlements, entries, cases] = await Promise.all([
    invoicesAwaitingDecision(db, companyId, { today, limit: 2 * INBOX_CAP + 1 }),
    listSettlements(db, companyId, { status: 'pending_approval', limit: INBOX_CAP + 1 }),
    listBankEntries(db, companyId, { state: 'unmatched', limit: INBOX_CAP + 1 }),
    caseItems(db, companyId),
  ]);
  const fromDecisions = decisions.map(
    (d): InboxItem => ({
      ...blank,
      kind: d.kind,
      key: `${d.kind}:${d.invoiceId}`,
      since: d.decidedAt,
      amount: d.openAmount,
      invoiceId: d.invoiceId,
      invoiceNumber: d.invoiceNumber,
      customerId: d.customerId,
      customerName: d.customerName,
      caseNumber: d.caseNumber,
      agencyName: d.agencyName,
      cause: d.cause,
      reason: d.reason || null,
      waitUntil: d.waitUntil,
    }),
  );
  const byKind: Record<InboxKind, InboxItem[]> = {
    dispute: cases.disputes,
    agency_returned: fromDecisions.filter((i) => i.kind === 'agency_returned'),
    settlement_approval: [...settlements.data].reverse().map(
      (s): InboxItem => ({
        ...blank,
        kind: 'settlement_approval',
        key: `settlement_approval:${s.id}`,
        since: s.createdAt,
        amount: s.bankAmount,
        agencyName: s.agencyName,
        settlementId: s.id,
        reference: s.reference,
      }),
    ),
    case_money: cases.money,
    bank_entry: entries.map(
      (e): InboxItem => ({
        ...blank,
        kind: 'bank_entry',
        key: `bank_entry:${e.id}`,
        since: e.bookingDate ?? '',
        amount: e.amount,
        customerName: e.debtorName,
        bankEntryId: e.id,
        reference: e.kid ?? (e.text || null),
      }),
    ),
    wait_ended: fromDecisions.filter((i) => i.kind === 'wait_ended'),
  };
  let truncated = false;
  const counts = {} as Record<InboxKind, number>;
  const items: InboxItem[] = [];
  for (const kind of INBOX_KINDS) {
    const all = byKind[kind];
    if (all.length > INBOX_CAP) truncated = true;
    const shown = all.slice(0, INBOX_CAP);
    counts[kind] = shown.length;
    items.push(...shown);
  }
  // Settlements are listed newest first by their service: reversed above, so the oldest waits first.
  return { items, counts, total: items.length, truncated };
}

/**
 * Open cases the agency reports as disputed, and open cases whose reported balance disagrees with
 * the ledger. Only cases with a reported balance can disagree, so only those have their money read.
 */
async function caseItems(db: Db, companyId: string): Promise<{ disputes: InboxItem[]; money: InboxItem[] }> {
  const rows = await casesAwaitingAttention(db, companyId, 4 * INBOX_CAP);
  const views = new Map(
    (
      await casesByIds(
        db,
        companyId,
        rows.map((r) => r.id),
      )
    ).map((v) => [v.id, v]),
  );
  const disputes: InboxItem[] = [];
  const money: InboxItem[] = [];
  for (const r of rows) {
    const view = views.get(r.id);
    if (!view) continue;
    const base = {
      ...blank,
      customerId: view.customer.id,
      customerName: view.customer.name,
      caseId: view.id,
      caseNumber: view.caseNumber,
      agencyName: view.agencyName,
    };
    if (r.status === 'disputed')
      disputes.push({
        ...base,
        kind: 'dispute',
        key: `dispute:${view.id}`,
        since: view.updatedAt,
        reason: view.statusText,
      });
    if (r.agency_balance !== null) {
      const m = await caseMoney(db, companyId, r.id);
      if (m.disagrees)
        money.push({
          ...base,
          kind: 'case_money',
          key: `case_money:${view.id}`,
          since: view.updatedAt,
          amount: (m.agencyBalance! - m.toCollect) as Ore,
          agencyBalance: m.agencyBalance,
          toCollect: m.toCollect,
        });
    }
  }
  return { disputes, money };
}
