import { auditActor, recordAudit } from '../audit/audit.service.js';
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { tieEntryToClaim } from '../ledger/claim-entry.service.js';
import { PostingBuilder } from '../ledger/posting-builder.js';
import { postVoucher } from '../ledger/voucher.service.js';
import { getCustomer } from '../sales/customer.service.js';
import { type SearchTargets, searchTargets } from '../ledger/open-item.service.js';
import { getInvoiceSummary, lockInvoice } from '../sales/invoice.service.js';
import { addDays, daysBetween } from '../shared/dates.js';
import { AppError } from '../shared/errors.js';
import { type Ore, ore, sumOre } from '../shared/money.js';
import type { ListSearch } from '../shared/search.js';
import { getCompany } from '../tenancy/company.service.js';
import { creditorParty, customerParty } from '../documents/parties.js';
import type { LetterPdfData } from '../documents/pdf.js';
import type { DecisionCause, DunningDecisionsTable, LetterType, NextAction } from './dunning.table.js';
import { accruedInterest, type PrincipalChange } from './interest.js';
import { matchedAgainst } from '../ledger/receivable.read.js';
import type { RateTable } from './legal-rate.js';
import { loadRates } from './legal-rate.service.js';
import {
  type ActiveHandoverState,
  type CollectionFacts,
  DEFAULT_SETTINGS,
  type Decision,
  type DunningSettings,
  feeCap,
  letterFee,
  letterRefusal,
  nextAction,
  type NextActionResult,
  type SentLetter,
} from './rules.js';

export type { DecisionCause, NextAction };

export interface Actor {
  type: 'user' | 'agency' | 'system';
  id: string | null;
  /** An agency's name, kept with what it decides (so a screen can say who, as it was then). */
  name?: string | null | undefined;
}

// ---------------------------------------------------------------- settings

export async function getDunningSettings(db: Db | Trx, companyId: string): Promise<DunningSettings> {
  const row = await db
    .selectFrom('dunning_settings')
    .selectAll()
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    firstReminderAfterDays: row.first_reminder_after_days,
    reminderFeeEnabled: row.reminder_fee_enabled,
    reminderFeeAmount: row.reminder_fee_amount,
    remindersBeforeCollection: row.reminders_before_collection,
    sendsOwnCollectionNotice: row.sends_own_collection_notice,
    paymentDeadlineDays: row.payment_deadline_days,
    autoApprove: row.auto_approve,
    settlementsNeedApproval: row.settlements_need_approval,
  };
}

/** Changes the reminder settings; a fixed fee may not be above the cap in force today. */
export async function updateDunningSettings(
  trx: Trx,
  companyId: string,
  changes: Partial<DunningSettings>,
  today: string,
): Promise<DunningSettings> {
  const current = await getDunningSettings(trx, companyId);
  const next = { ...current, ...changes };
  if (next.reminderFeeAmount !== null) {
    const cap = feeCap(await loadRates(trx), today);
    if (next.reminderFeeAmount > cap) {
      throw new AppError(
        'validation_failed',
        `the reminder fee ${next.reminderFeeAmount} øre is above the legal cap of ${cap} øre (1/20 of the inkassosats); leave it empty to always charge the cap`,
        {
          reason: 'fee_above_cap',
          cap,
          feeAmount: next.reminderFeeAmount,
          capAmount: cap,
        },
      );
    }
  }
  const values = {
    first_reminder_after_days: next.firstReminderAfterDays,
    reminder_fee_enabled: next.reminderFeeEnabled,
    reminder_fee_amount: next.reminderFeeAmount === null ? null : ore(next.reminderFeeAmount),
    reminders_before_collection: next.remindersBeforeCollection,
    sends_own_collection_notice: next.sendsOwnCollectionNotice,
    payment_deadline_days: next.paymentDeadlineDays,
    auto_approve: next.autoApprove,
    settlements_need_approval: next.settlementsNeedApproval,
  };
  await trx
    .insertInto('dunning_settings')
    .values({ company_id: companyId, ...values })
    .onConflict((oc) => oc.column('company_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: 'dunning.settings_changed',
    subjectIds: [companyId],
    before: Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof DunningSettings] ?? null])),
    after: changes,
  });
  return next;
}

// ---------------------------------------------------------------- what is known of an invoice

export interface LetterRecord extends SentLetter {
  id: string;
  sequence: number;
  channel: 'email' | 'letter';
  voucherId: string | null;
  feeEntryId: number | null;
}

async function lettersOf(db: Db | Trx, companyId: string, invoiceIds: string[]): Promise<Map<string, LetterRecord[]>> {
  const map = new Map<string, LetterRecord[]>();
  if (invoiceIds.length === 0) return map;
  const rows = await db
    .selectFrom('reminders')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('sent_date')
    .orderBy('created_at')
    .execute();
  for (const r of rows) {
    const list = map.get(r.invoice_id) ?? [];
    list.push({
      id: r.id,
      type: r.type,
      sequence: r.sequence,
      sentDate: r.sent_date,
      dueDate: r.due_date,
      feeAmount: r.fee_amount,
      channel: r.channel,
      voucherId: r.voucher_id,
      feeEntryId: r.fee_posting_id,
    });
    map.set(r.invoice_id, list);
  }
  return map;
}

/** Who decided: the user, an agency (its name as it was then), or the system (the daily run, a handover). */
export type DecidedBy =
  | { kind: 'user'; userId: string | null }
  | { kind: 'agency'; agencyId: string | null; agencyName: string | null }
  | { kind: 'system' };

export interface DecisionRecord extends Decision {
  actorType: Actor['type'];
  actorId: string | null;
  decidedBy: DecidedBy;
  /** What produced the decision (an agency's rejection, a withdrawn case …), null for a choice made by hand. */
  cause: DecisionCause | null;
  /** The agency's case the decision came from, where there was one. */
  caseNumber: string | null;
  at: string;
}

function decidedBy(type: Actor['type'], id: string | null, name: string | null): DecidedBy {
  if (type === 'agency') return { kind: 'agency', agencyId: id, agencyName: name };
  if (type === 'user') return { kind: 'user', userId: id };
  return { kind: 'system' };
}

function decisionFromRow(r: Selectable<DunningDecisionsTable>): DecisionRecord {
  return {
    nextAction: r.next_action,
    waitUntil: r.wait_until,
    disputed: r.disputed,
    reason: r.reason,
    actorType: r.actor_type,
    actorId: r.actor_id,
    decidedBy: decidedBy(r.actor_type, r.actor_id, r.actor_name),
    cause: r.cause,
    caseNumber: r.case_number,
    at: r.created_at.toISOString(),
  };
}

async function decisionsOf(
  db: Db | Trx,
  companyId: string,
  invoiceIds: string[],
): Promise<Map<string, DecisionRecord>> {
  const map = new Map<string, DecisionRecord>();
  if (invoiceIds.length === 0) return map;
  const rows = await db
    .selectFrom('dunning_decisions')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) {
    if (map.has(r.invoice_id)) continue; // newest first: the first seen stands
    map.set(r.invoice_id, decisionFromRow(r));
  }
  return map;
}

/** What reduced each invoice's principal, and when (the ledger's matches against its receivable entry). */
async function reductionsOf(
  db: Db | Trx,
  companyId: string,
  postingIds: number[],
): Promise<Map<number, PrincipalChange[]>> {
  const map = new Map<number, PrincipalChange[]>();
  for (const r of await matchedAgainst(db, companyId, postingIds)) {
    const list = map.get(r.debitEntryId) ?? [];
    list.push({ date: r.voucherDate, amount: r.amount });
    map.set(r.debitEntryId, list);
  }
  return map;
}

// ---------------------------------------------------------------- the reminder list

export interface ReminderListItem {
  invoiceId: string;
  invoiceNumber: number;
  customerId: string;
  customerNumber: number;
  customerName: string;
  notToCollection: boolean;
  issueDate: string;
  dueDate: string;
  kid: string;
  totalAmount: Ore;
  openAmount: Ore;
  daysOverdue: number;
  interestAmount: Ore;
  interestFrom: string;
  feesOpenAmount: Ore;
  letters: LetterRecord[];
  next: NextActionResult;
  decision: DecisionRecord | null;
  entryId: number;
}

/**
 * The orders of the reminder list: a key ascending, or with a leading '-' descending. Each ends
 * with the entry (posting id) in the same direction, so every order is total.
 */
export const REMINDER_LIST_SORTS = [
  'dueDate',
  '-dueDate',
  'openAmount',
  '-openAmount',
  'customerName',
  '-customerName',
  'invoiceNumber',
  '-invoiceNumber',
] as const;
export type ReminderListSort = (typeof REMINDER_LIST_SORTS)[number];
export type ReminderListSortKey = Exclude<ReminderListSort, `-${string}`>;

interface SortKeyValue {
  dueDate: string;
  openAmount: Ore;
  /** As the list compares names: see SORT_KEYS. */
  customerName: string;
  invoiceNumber: number;
}

type KeyOf<S extends ReminderListSort> = S extends `-${infer K extends ReminderListSortKey}`
  ? K
  : Extract<S, ReminderListSortKey>;

/**
 * Where the next page of a sort starts: the last row's sort key and its entry. Made for one sort
 * (`dueDate` and `-dueDate` share a shape, but a cursor only means something in its own direction).
 */
export type ReminderListCursor<S extends ReminderListSort = 'dueDate'> = S extends ReminderListSort
  ? { [K in KeyOf<S>]: SortKeyValue[K] } & { entryId: number }
  : never;

/** The key a sort orders by: the sort without its '-'. */
export function sortKeyOf(sort: ReminderListSort): ReminderListSortKey {
  return (sort.startsWith('-') ? sort.slice(1) : sort) as ReminderListSortKey;
}

/**
 * Each sort key as the query compares it. dueDate runs on the partial index open_items_overdue and
 * openAmount on open_items_open_amount (migration 0006), in either direction; customerName and
 * invoiceNumber sort the company's overdue rows. Names compare in lower case, byte for byte
 * (collate "C", so PGlite, whose database collation is C, and a server in nb_NO or en_US agree),
 * with å moved to ÿ so that æ, ø, å come after z and in Norwegian order.
 */
const SORT_KEYS: Record<ReminderListSortKey, RawBuilder<unknown>> = {
  dueDate: sql`o.due_date`,
  openAmount: sql`o.open_amount`,
  customerName: sql`translate(lower(c.name), 'åÅ', 'ÿÿ') collate "C"`,
  invoiceNumber: sql`i.invoice_number`,
};

/** A cursor's key and entry, whatever its sort. */
interface Keyset {
  key: string | number;
  entryId: number;
}

interface OverdueRow {
  posting_id: number;
  open_amount: Ore;
  due_date: string;
  invoice_id: string;
  invoice_number: number;
  issue_date: string;
  kid: string;
  total_amount: Ore;
  customer_id: string;
  customer_number: number;
  customer_name: string;
  not_to_collection: boolean;
  /** The sort key as the query compared it. */
  sort_key: string | number;
}

async function overdueRows(
  db: Db | Trx,
  companyId: string,
  options: {
    today: string;
    limit: number;
    sort?: ReminderListSort;
    after?: Keyset | undefined;
    customerId?: string | undefined;
    invoiceIds?: string[] | undefined;
    found?: SearchTargets | undefined;
  },
): Promise<OverdueRow[]> {
  const sort = options.sort ?? 'dueDate';
  const key = SORT_KEYS[sortKeyOf(sort)];
  const descending = sort.startsWith('-');
  const direction = descending ? sql`desc` : sql`asc`;
  const after = options.after;
  const rows = await sql<OverdueRow>`
    select o.posting_id, o.open_amount, o.due_date, i.id as invoice_id, i.invoice_number, i.issue_date, i.kid, i.total_amount,
           c.id as customer_id, c.customer_number, c.name as customer_name, c.not_to_collection, ${key} as sort_key
    from open_items o
    join invoices i on i.posting_id = o.posting_id
    join customers c on c.company_id = o.company_id and c.id = o.customer_id
    where o.company_id = ${companyId} and o.invoice_id is not null and o.open_amount > 0 and o.due_date < ${options.today}
      ${after ? (descending ? sql`and (${key}, o.posting_id) < (${after.key}, ${after.entryId})` : sql`and (${key}, o.posting_id) > (${after.key}, ${after.entryId})`) : sql``}
      ${options.customerId ? sql`and o.customer_id = ${options.customerId}` : sql``}
      ${options.invoiceIds ? sql`and o.invoice_id in (${sql.join(options.invoiceIds)})` : sql``}
      ${options.found ? sql`and (${searchCondition(options.found)})` : sql``}
      and not exists (select 1 from handovers h where h.invoice_id = o.invoice_id and h.state in ('draft', 'approved', 'in_case'))
    order by ${key} ${direction}, o.posting_id ${direction}
    limit ${options.limit}`.execute(db);
  return rows.rows;
}

/** The rows a list's search found (sales' `searchTargets`): their invoices, or their customers'. */
function searchCondition(found: SearchTargets) {
  const parts = [
    ...(found.invoiceIds.length > 0 ? [sql`o.invoice_id in (${sql.join(found.invoiceIds)})`] : []),
    ...(found.customerIds.length > 0 ? [sql`o.customer_id in (${sql.join(found.customerIds)})`] : []),
  ];
  return parts.length > 0 ? sql.join(parts, sql` or `) : sql`false`;
}

async function itemsFor(
  db: Db | Trx,
  companyId: string,
  rows: OverdueRow[],
  today: string,
  context: { rates: RateTable; settings: DunningSettings },
): Promise<ReminderListItem[]> {
  const ids = rows.map((r) => r.invoice_id);
  const [letters, decisions, reductions] = await Promise.all([
    lettersOf(db, companyId, ids),
    decisionsOf(db, companyId, ids),
    reductionsOf(
      db,
      companyId,
      rows.map((r) => r.posting_id),
    ),
  ]);
  const feeEntries = [...letters.values()].flat().flatMap((l) => (l.feeEntryId ? [l.feeEntryId] : []));
  const feeOpen = new Map<number, number>();
  if (feeEntries.length > 0) {
    const open = await db
      .selectFrom('open_items')
      .select(['posting_id', 'open_amount'])
      .where('posting_id', 'in', feeEntries)
      .execute();
    for (const o of open) feeOpen.set(o.posting_id, o.open_amount);
  }
  return rows.map((r) => {
    const invoiceLetters = letters.get(r.invoice_id) ?? [];
    const decision = decisions.get(r.invoice_id) ?? null;
    const interest = accruedInterest({
      principal: r.total_amount,
      dueDate: r.due_date,
      asOf: today,
      reductions: reductions.get(r.posting_id) ?? [],
      rates: context.rates,
    });
    return {
      invoiceId: r.invoice_id,
      invoiceNumber: r.invoice_number,
      customerId: r.customer_id,
      customerNumber: r.customer_number,
      customerName: r.customer_name,
      notToCollection: r.not_to_collection,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      kid: r.kid,
      totalAmount: r.total_amount,
      openAmount: r.open_amount,
      daysOverdue: daysBetween(r.due_date, today),
      interestAmount: interest.amount,
      interestFrom: interest.from,
      feesOpenAmount: ore(
        invoiceLetters.reduce((s, l) => s + (l.feeEntryId ? (feeOpen.get(l.feeEntryId) ?? 0) : 0), 0),
      ),
      letters: invoiceLetters,
      next: nextAction({
        today,
        dueDate: r.due_date,
        letters: invoiceLetters,
        settings: context.settings,
        notToCollection: r.not_to_collection,
        decision,
      }),
      decision,
      entryId: r.posting_id,
    };
  });
}

/**
 * The reminder list (purreliste): overdue invoices with something open that are not on their way
 * to or with an agency, each with its next action, interest and letters; by default oldest due
 * date first, else in the order `sort` names (always ending with the entry, so the order is total
 * and `after` pages by keyset). With `nextAction`, only those with that next action (the scan goes
 * on until the page is full).
 */
export async function reminderList<S extends ReminderListSort = 'dueDate'>(
  db: Db | Trx,
  companyId: string,
  options: {
    today: string;
    limit: number;
    sort?: S | undefined;
    after?: ReminderListCursor<S> | undefined;
    customerId?: string | undefined;
    nextAction?: NextAction | undefined;
    search?: ListSearch | null | undefined;
  },
): Promise<{ items: ReminderListItem[]; next: ReminderListCursor<S> | null }> {
  const sort: ReminderListSort = options.sort ?? 'dueDate';
  const field = sortKeyOf(sort);
  const cursorOf = (k: Keyset) => ({ [field]: k.key, entryId: k.entryId }) as ReminderListCursor<S>;
  const [rates, settings, found] = await Promise.all([
    loadRates(db),
    getDunningSettings(db, companyId),
    options.search ? searchTargets(db, companyId, options.search) : undefined,
  ]);
  if (found && found.invoiceIds.length === 0 && found.customerIds.length === 0) return { items: [], next: null };
  const items: ReminderListItem[] = [];
  let after: Keyset | undefined = options.after
    ? { key: (options.after as Record<string, string | number>)[field]!, entryId: options.after.entryId }
    : undefined;
  // Without a filter a page needs exactly `limit` rows; with one, read ahead in bigger batches.
  const batch = options.nextAction ? Math.max(options.limit, 100) : options.limit;
  for (let scanned = 0; scanned < 20; scanned++) {
    const rows = await overdueRows(db, companyId, {
      today: options.today,
      limit: batch,
      sort,
      after,
      customerId: options.customerId,
      found,
    });
    if (rows.length === 0) return { items, next: null };
    const batchItems = await itemsFor(db, companyId, rows, options.today, { rates, settings });
    for (const [i, item] of batchItems.entries()) {
      after = { key: rows[i]!.sort_key, entryId: item.entryId };
      if (options.nextAction && item.next.nextAction !== options.nextAction) continue;
      items.push(item);
      if (items.length === options.limit) return { items, next: cursorOf(after) };
    }
    if (rows.length < batch) return { items, next: null };
  }
  return { items, next: after ? cursorOf(after) : null };
}

/** One invoice as the reminder list sees it, or null when it is not on the list. */
export async function reminderListItem(
  db: Db | Trx,
  companyId: string,
  invoiceId: string,
  today: string,
): Promise<ReminderListItem | null> {
  const rows = await overdueRows(db, companyId, { today, limit: 1, invoiceIds: [invoiceId] });
  if (rows.length === 0) return null;
  const [rates, settings] = await Promise.all([loadRates(db), getDunningSettings(db, companyId)]);
  return (await itemsFor(db, companyId, rows, today, { rates, settings }))[0] ?? null;
}

// ---------------------------------------------------------------- decisions

/** Records a decision on an invoice's next action or dispute; what is not given carries over. */
export async function recordDecision(
  trx: Trx,
  companyId: string,
  invoiceId: string,
  input: {
    nextAction?: NextAction | null | undefined;
    waitUntil?: string | null | undefined;
    disputed?: boolean | undefined;
    /** The words the user or the agency gave, as given. */
    reason: string;
    cause?: DecisionCause | null | undefined;
    caseNumber?: string | null | undefined;
  },
  actor: Actor,
): Promise<DecisionRecord> {
  await getInvoiceSummary(trx, companyId, invoiceId);
  const current = (await decisionsOf(trx, companyId, [invoiceId])).get(invoiceId) ?? null;
  const nextActionValue = input.nextAction === undefined ? (current?.nextAction ?? null) : input.nextAction;
  const waitUntil =
    nextActionValue === 'wait'
      ? input.waitUntil === undefined
        ? (current?.waitUntil ?? null)
        : input.waitUntil
      : null;
  const disputed = input.disputed ?? current?.disputed ?? false;
  const row = await trx
    .insertInto('dunning_decisions')
    .values({
      company_id: companyId,
      invoice_id: invoiceId,
      next_action: nextActionValue,
      wait_until: waitUntil,
      disputed,
      reason: input.reason,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_name: actor.type === 'agency' ? (actor.name ?? null) : null,
      cause: input.cause ?? null,
      case_number: input.caseNumber ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return decisionFromRow(row);
}

export async function decisionHistory(db: Db | Trx, companyId: string, invoiceId: string): Promise<DecisionRecord[]> {
  const rows = await db
    .selectFrom('dunning_decisions')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('invoice_id', '=', invoiceId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(decisionFromRow);
}

// ---------------------------------------------------------------- the collection rules' facts

/**
 * What the collection rules (`collectionRefusal`, `letterRefusal` in rules.ts) need to know about
 * an invoice, read in the caller's transaction: its open amount and due date, its customer, its
 * letters, the decision that stands, the company's notice setting and any active handover.
 */
export async function collectionFacts(
  db: Db | Trx,
  companyId: string,
  invoiceId: string,
): Promise<{
  facts: CollectionFacts;
  invoice: Awaited<ReturnType<typeof getInvoiceSummary>>;
  customer: Awaited<ReturnType<typeof getCustomer>>;
  letters: LetterRecord[];
}> {
  const invoice = await getInvoiceSummary(db, companyId, invoiceId);
  const [customer, letters, decisions, settings, active] = await Promise.all([
    getCustomer(db, companyId, invoice.customerId),
    lettersOf(db, companyId, [invoiceId]),
    decisionsOf(db, companyId, [invoiceId]),
    getDunningSettings(db, companyId),
    db
      .selectFrom('handovers')
      .select('state')
      .where('company_id', '=', companyId)
      .where('invoice_id', '=', invoiceId)
      .where('state', 'in', ['draft', 'approved', 'in_case'])
      .executeTakeFirst(),
  ]);
  const invoiceLetters = letters.get(invoiceId) ?? [];
  return {
    facts: {
      invoiceNumber: invoice.invoiceNumber,
      dueDate: invoice.dueDate,
      openAmount: invoice.openAmount,
      customerName: customer.name,
      notToCollection: customer.notToCollection,
      letters: invoiceLetters,
      decision: decisions.get(invoiceId) ?? null,
      sendsOwnCollectionNotice: settings.sendsOwnCollectionNotice,
      activeHandover: (active?.state as ActiveHandoverState | undefined) ?? null,
    },
    invoice,
    customer,
    letters: invoiceLetters,
  };
}

// ---------------------------------------------------------------- letters

export interface SentLetterResult extends LetterRecord {
  invoiceId: string;
  feeReason: string;
}

/**
 * Sends a reminder or a collection notice: records it with its new deadline and fee, and posts the
 * fee as a `reminder_fee` voucher (Dr receivable on the customer, its own open item tied to the
 * claim through the letter; Cr fee income). The PDF is rendered from the record on request.
 */
export async function sendLetter(
  trx: Trx,
  companyId: string,
  invoiceId: string,
  input: { type: LetterType; sendDate: string; channel?: 'email' | 'letter' | undefined },
  actor: Actor,
): Promise<SentLetterResult> {
  // The invoice row lock makes two letters for one invoice queue rather than both pass the checks.
  await lockInvoice(trx, companyId, invoiceId);
  const { facts, invoice, customer, letters: earlier } = await collectionFacts(trx, companyId, invoiceId);
  const refusal = letterRefusal(facts, input);
  if (refusal) throw new AppError(refusal.code, refusal.detail, { reason: refusal.reason, ...refusal.figures });
  const decision = facts.decision;

  const [rates, settings, company, reductions] = await Promise.all([
    loadRates(trx),
    getDunningSettings(trx, companyId),
    getCompany(trx, companyId),
    reductionsOf(trx, companyId, [invoice.receivableEntryId]),
  ]);
  const { fee, reason } = letterFee({
    rates,
    settings,
    sendDate: input.sendDate,
    invoiceDueDate: invoice.dueDate,
    earlier,
  });
  const dueDate = addDays(input.sendDate, settings.paymentDeadlineDays);
  const sequence = earlier.filter((l) => l.type === input.type).length + 1;
  const label =
    input.type === 'reminder'
      ? `${sequence > 1 ? `${sequence}. ` : ''}Purregebyr faktura ${invoice.invoiceNumber}`
      : `Gebyr inkassovarsel faktura ${invoice.invoiceNumber}`;
  let voucherId: string | null = null;
  let feeEntryId: number | null = null;
  if (fee > 0) {
    const voucher = await postVoucher(
      trx,
      companyId,
      new PostingBuilder('reminder_fee', input.sendDate, label)
        .debit(company.accounts.receivable, fee, { customerId: customer.id, dueDate, description: label })
        .credit(company.accounts.reminderFeeIncome, fee, { description: label })
        .build(),
      { createdBy: actor.type === 'user' ? actor.id : null },
    );
    voucherId = voucher.id;
    feeEntryId = voucher.postings.find((p) => p.customerId !== null)!.id;
    // The fee follows its claim: Avskriv, a full credit note and a settlement's fee line find it.
    await tieEntryToClaim(trx, companyId, feeEntryId, invoiceId, 'reminder_fee');
  }
  const interest = accruedInterest({
    principal: invoice.totalAmount,
    dueDate: invoice.dueDate,
    asOf: input.sendDate,
    reductions: reductions.get(invoice.receivableEntryId) ?? [],
    rates,
  });
  const earlierFees = earlier.flatMap((l) => (l.feeEntryId ? [l.feeEntryId] : []));
  const earlierFeesOpen =
    earlierFees.length === 0
      ? ore(0)
      : sumOre(
          (
            await trx.selectFrom('open_items').select('open_amount').where('posting_id', 'in', earlierFees).execute()
          ).map((r) => r.open_amount),
        );
  const document: LetterPdfData = {
    type: input.type,
    sequence,
    creditor: creditorParty(company),
    customer: customerParty(customer),
    sentDate: input.sendDate,
    deadline: dueDate,
    invoice: {
      invoiceNumber: invoice.invoiceNumber,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      kid: invoice.kid,
      originalAmount: invoice.totalAmount,
      openAmount: invoice.openAmount,
    },
    feeAmount: fee,
    earlierFeesOpen,
    interestAmount: interest.amount,
    interestRatePercent: (rates.lateInterestBp(input.sendDate) / 100).toFixed(2),
    interestFrom: interest.from,
    totalToPay: sumOre([invoice.openAmount, fee, earlierFeesOpen]),
  };
  const row = await trx
    .insertInto('reminders')
    .values({
      company_id: companyId,
      invoice_id: invoiceId,
      type: input.type,
      sequence,
      sent_date: input.sendDate,
      due_date: dueDate,
      fee_amount: fee,
      channel: input.channel ?? (customer.email ? 'email' : 'letter'),
      voucher_id: voucherId,
      fee_posting_id: feeEntryId,
      document: JSON.stringify(document),
      created_by: actor.type === 'user' ? actor.id : null,
    })
    .returning(['id', 'channel'])
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    companyId,
    kind: 'letter.sent',
    subjectIds: [invoiceId, row.id, ...(voucherId ? [voucherId] : [])],
    actor: auditActor(actor),
    after: { type: input.type, sequence, sentDate: input.sendDate, dueDate, feeAmount: fee, channel: row.channel },
  });
  // The letter is the action the list asked for: an override that asked for it is used up.
  if (decision?.nextAction)
    await recordDecision(
      trx,
      companyId,
      invoiceId,
      { nextAction: null, reason: `${input.type === 'reminder' ? 'reminder' : 'collection notice'} sent` },
      { type: 'system', id: null },
    );
  return {
    id: row.id,
    invoiceId,
    type: input.type,
    sequence,
    sentDate: input.sendDate,
    dueDate,
    feeAmount: fee,
    feeReason: reason,
    channel: row.channel,
    voucherId,
    feeEntryId,
  };
}

/** The letter as it was sent, to render its PDF. */
export async function letterDocument(db: Db | Trx, companyId: string, letterId: string): Promise<LetterPdfData> {
  const row = await db
    .selectFrom('reminders')
    .select('document')
    .where('company_id', '=', companyId)
    .where('id', '=', letterId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'the letter was not found');
  return row.document;
}

export async function lettersOfInvoice(db: Db | Trx, companyId: string, invoiceId: string): Promise<LetterRecord[]> {
  return (await lettersOf(db, companyId, [invoiceId])).get(invoiceId) ?? [];
}

/** A letter as recorded: what it is, whose invoice, its channel and the figures it was sent with. */
export interface RecordedLetter {
  id: string;
  invoiceId: string;
  type: LetterType;
  sequence: number;
  sentDate: string;
  channel: 'email' | 'letter';
  createdAt: Date;
  document: LetterPdfData;
}

/** One letter of the company (404 for another company's or none). */
export async function recordedLetter(db: Db | Trx, companyId: string, letterId: string): Promise<RecordedLetter> {
  const r = await db
    .selectFrom('reminders')
    .select(['id', 'invoice_id', 'type', 'sequence', 'sent_date', 'channel', 'created_at', 'document'])
    .where('company_id', '=', companyId)
    .where('id', '=', letterId)
    .executeTakeFirst();
  if (!r) throw new AppError('not_found', 'the letter was not found');
  return {
    id: r.id,
    invoiceId: r.invoice_id,
    type: r.type,
    sequence: r.sequence,
    sentDate: r.sent_date,
    channel: r.channel,
    createdAt: r.created_at,
    document: r.document,
  };
}

/** The ids of the letters recorded for e-mail (channel `email`) at or after `since`, oldest first. */
export async function emailLettersSince(db: Db | Trx, companyId: string, since: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('reminders')
    .select('id')
    .where('company_id', '=', companyId)
    .where('channel', '=', 'email')
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- what waits for the accountant

/**
 * An invoice on the reminder list whose standing decision asks the accountant to decide again:
 * - `agency_returned`: an agency gave it back (rejected the invoice or the case, withdrew or
 *   closed the case with money open) and left the undated «Vent» that stops everything;
 * - `wait_ended`: a «Vent» until a date that has come (still standing today, or just ended by the
 *   daily run, which records a system decision after it).
 * It stops being one when anything newer is decided on the invoice — a decision, a letter, a
 * handover — or nothing is open any more, or it is with an agency again.
 */
export interface InvoiceAwaitingDecision {
  kind: 'agency_returned' | 'wait_ended';
  invoiceId: string;
  invoiceNumber: number;
  customerId: string;
  customerName: string;
  openAmount: Ore;
  /** When the decision that put it here was made (ISO timestamp). */
  decidedAt: string;
  cause: DecisionCause | null;
  agencyName: string | null;
  caseNumber: string | null;
  reason: string;
  waitUntil: string | null;
}

/** The invoices awaiting a decision (`InvoiceAwaitingDecision`), oldest decision first, at most `limit`. */
export async function invoicesAwaitingDecision(
  db: Db | Trx,
  companyId: string,
  options: { today: string; limit: number },
): Promise<InvoiceAwaitingDecision[]> {
  const rows = await sql<{
    kind: 'agency_returned' | 'wait_ended';
    invoice_id: string;
    invoice_number: number;
    customer_id: string;
    customer_name: string;
    open_amount: Ore;
    decided_at: Date;
    cause: DecisionCause | null;
    actor_name: string | null;
    case_number: string | null;
    reason: string;
    wait_until: string | null;
  }>`
    select x.kind, i.id as invoice_id, i.invoice_number, c.id as customer_id, c.name as customer_name, o.open_amount,
           x.created_at as decided_at, x.cause, x.actor_name, x.case_number, x.shown_reason as reason, x.shown_wait_until as wait_until
    from (
      select d.*,
        case
          when d.actor_type = 'agency' and d.next_action = 'wait' and d.wait_until is null then 'agency_returned'
          when d.next_action = 'wait' and d.wait_until <= ${options.today} then 'wait_ended'
          when d.actor_type = 'system' and d.next_action is null and d.prev_action = 'wait' and d.prev_wait_until is not null
            and d.prev_wait_until <= d.created_at::date then 'wait_ended'
        end as kind,
        case when d.next_action is null then d.prev_wait_until else d.wait_until end as shown_wait_until,
        -- The words of whoever decided: for a wait the daily run ended, those of the wait.
        case when d.actor_type = 'system' then d.prev_reason else d.reason end as shown_reason
      from (
        select dd.*,
               lag(dd.next_action) over (partition by dd.invoice_id order by dd.id) as prev_action,
               lag(dd.wait_until) over (partition by dd.invoice_id order by dd.id) as prev_wait_until,
               lag(dd.reason) over (partition by dd.invoice_id order by dd.id) as prev_reason,
               row_number() over (partition by dd.invoice_id order by dd.id desc) as newest
        from dunning_decisions dd where dd.company_id = ${companyId}
      ) d
      where d.newest = 1
    ) x
    join invoices i on i.company_id = x.company_id and i.id = x.invoice_id
    join customers c on c.company_id = i.company_id and c.id = i.customer_id
    join open_items o on o.posting_id = i.posting_id
    where x.kind is not null and o.open_amount > 0
      and not exists (select 1 from handovers h where h.invoice_id = i.id and h.state in ('draft', 'approved', 'in_case'))
      -- A letter after the decision decided it too (a letter records a decision only over an override).
      and not exists (select 1 from reminders r where r.invoice_id = i.id and r.created_at > x.created_at)
    order by x.created_at, x.id
    limit ${options.limit}`.execute(db);
  return rows.rows.map((r) => ({
    kind: r.kind,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    customerId: r.customer_id,
    customerName: r.customer_name,
    openAmount: r.open_amount,
    decidedAt: new Date(r.decided_at).toISOString(),
    cause: r.cause,
    agencyName: r.actor_name,
    caseNumber: r.case_number,
    reason: r.reason,
    waitUntil: r.wait_until,
  }));
}
