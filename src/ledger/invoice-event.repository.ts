import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.js';
import { beforeCommit } from '../db/transaction.js';
import { slot } from '../db/unit-of-work.js';
import type { Ore } from '../shared/money.js';
import type { InvoiceEventType } from './invoice-event.table.js';
import type { VoucherType } from './voucher.table.js';

// The event and voucher types, for the modules that show events (the agency feed, its schemas).
export { INVOICE_EVENT_TYPES, type InvoiceEventType } from './invoice-event.table.js';
export { VOUCHER_TYPES, type VoucherType } from './voucher.table.js';

export interface NewInvoiceEvent {
  companyId: string;
  invoiceId: string;
  type: InvoiceEventType;
  voucherId: string | null;
  voucherType: VoucherType | null;
  matchId: number | null;
  amount: Ore;
  remainingAmount: Ore;
  isWriteOff: boolean;
  isManual: boolean;
  /** Given for events about a handover that has ended (a recall); otherwise taken from the active handover. */
  agencyId?: string | null;
}

export interface InvoiceEvent extends NewInvoiceEvent {
  position: number;
  occurredAt: string;
  agencyId: string | null;
}

/** The events recorded in a transaction, written by its before-commit flush. */
const PENDING = slot<NewInvoiceEvent[]>('invoice-events', () => []);

/**
 * Records an event in the current transaction. Events are buffered and written at the very end of
 * the transaction (the unit of work's last phase), where they take their positions: the company's
 * (`company_event_counters`, in the flush's statement) and, for an event an agency reads, the
 * agency's (`agency_event_counters`, in the insert trigger). Each counter row's lock is held to
 * commit, so positions are handed out in commit order per company and per agency, and a reader
 * paging by either never skips an event that commits later with a smaller position: there is none.
 * Companies do not wait for each other (issue 15: there is no global counter any more). The locks
 * are taken last so that they are held only for the insert and the commit, and never while waiting
 * for other locks.
 */
export function recordInvoiceEvent(trx: Trx, event: NewInvoiceEvent): void {
  const pending = trx.unit.slot(PENDING);
  if (pending.length === 0) beforeCommit(trx, 'invoice-events', (t) => flushInvoiceEvents(t, pending), 'events');
  pending.push(event);
}

async function flushInvoiceEvents(trx: Trx, events: NewInvoiceEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Per company (almost always one), in a fixed order, so two transactions never take two
  // companies' counters in opposite orders.
  const byCompany = new Map<string, NewInvoiceEvent[]>();
  for (const e of events) {
    const list = byCompany.get(e.companyId);
    if (list) list.push(e);
    else byCompany.set(e.companyId, [e]);
  }
  for (const companyId of [...byCompany.keys()].sort())
    await flushCompanyEvents(trx, companyId, byCompany.get(companyId)!);
  events.length = 0;
}

async function flushCompanyEvents(trx: Trx, companyId: string, events: NewInvoiceEvent[]): Promise<void> {
  // The statement's rows are made a chunk at a time (a settlement of 50 000 lines records 50 000
  // events: their fragments are not all held at once).
  const rowsOf = (from: number, to: number) =>
    events
      .slice(from, to)
      .map(
        (e, i) =>
          sql`(${from + i + 1}::int, ${e.invoiceId}::uuid, ${e.type}::text, ${e.voucherId}::uuid, ${e.voucherType}::text, ${e.matchId}::bigint, ${e.amount}::bigint, ${e.remainingAmount}::bigint, ${e.isWriteOff}::boolean, ${e.isManual}::boolean, ${e.agencyId ?? null}::uuid)`,
      );
  const n = events.length;
  const take = sql`insert into company_event_counters as k (company_id, last_position) values (${companyId}, ${n})
    on conflict (company_id) do update set last_position = k.last_position + ${n}
    returning k.last_position - ${n} as base`;
  const insert = (base: ReturnType<typeof sql>, chunk: ReturnType<typeof rowsOf>) => sql`
    insert into invoice_events (company_position, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id)
    select ${base} + e.n, ${companyId}::uuid, e.invoice_id, e.type, e.voucher_id, e.voucher_type, e.match_id, e.amount, e.remaining_amount, e.is_write_off, e.is_manual, e.agency_id
    from (values ${sql.join(chunk)}) as e (n, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id)
    order by e.n`;
  const CHUNK = 2000; // 11 parameters an event: well inside the protocol's 65 535
  if (n <= CHUNK) {
    // The usual case, one statement: take the company's positions (its counter row's lock, held to
    // commit) and store the events; the trigger takes the agency's position of each event it reads.
    await sql`with c as (${take}) ${insert(sql`(select base from c)`, rowsOf(0, n))}`.execute(trx);
    return;
  }
  const base = (await sql<{ base: number }>`${take}`.execute(trx)).rows[0]!.base;
  for (let i = 0; i < n; i += CHUNK) await insert(sql`${base}::bigint`, rowsOf(i, i + CHUNK)).execute(trx);
}

/**
 * On reactivation of an agency by a company: appends a copy of every event the agency was withheld
 * (written while the company had it deactivated, see migration 0008) at the end of the agency's
 * feed, in their order, with their original time and figures. Each is reissued once (a unique index
 * on `reissue_of`), so a reader paging with `after` sees it exactly once, at its new position, and a
 * full re-read reads the same. Runs before commit, like the event flush: it first takes the
 * company's counter row, so any writer of that company that decided "withheld" before this
 * transaction's activation was visible has committed, and its event is among those reissued; a
 * writer after it sees the agency active and writes its event visible. The copies take their
 * agency positions in the insert trigger, as every event does; they have no company position (the
 * company's list leaves reissues out).
 */
export function reissueWithheldEvents(trx: Trx, companyId: string, agencyId: string): void {
  beforeCommit(
    trx,
    `invoice-events-reissue:${companyId}:${agencyId}`,
    async (t) => {
      // The lock first, in its own statement: the next statement's snapshot then sees every event
      // committed by the company's writers that held the counter before us.
      await sql`
        insert into company_event_counters as k (company_id, last_position) values (${companyId}, 0)
        on conflict (company_id) do update set last_position = k.last_position`.execute(t);
      await sql`
        insert into invoice_events (company_id, invoice_id, type, occurred_at, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id, case_number, reissue_of)
        select o.company_id, o.invoice_id, o.type, o.occurred_at, o.voucher_id, o.voucher_type, o.match_id, o.amount, o.remaining_amount, o.is_write_off, o.is_manual, ${agencyId}::uuid, o.case_number, o.position
        from invoice_events o
        where o.withheld_agency_id = ${agencyId} and o.company_id = ${companyId}
          and not exists (select 1 from invoice_events r where r.reissue_of = o.position)
        order by o.company_position, o.position`.execute(t);
    },
    'events',
  );
}

/** A company's invoice events after a (company) position, in commit order (each once: reissues for an agency are left out). */
export async function listInvoiceEvents(
  db: Db | Trx,
  companyId: string,
  options: { after: number; limit: number; invoiceId?: string | undefined },
): Promise<InvoiceEvent[]> {
  let q = db
    .selectFrom('invoice_events')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('company_position', '>', options.after)
    .where('reissue_of', 'is', null)
    .orderBy('company_position')
    .limit(options.limit);
  if (options.invoiceId) q = q.where('invoice_id', '=', options.invoiceId);
  const rows = await q.execute();
  return rows.map((r) => ({
    position: r.company_position!,
    occurredAt: r.occurred_at.toISOString(),
    companyId: r.company_id,
    invoiceId: r.invoice_id,
    type: r.type,
    voucherId: r.voucher_id,
    voucherType: r.voucher_type,
    matchId: r.match_id,
    amount: r.amount,
    remainingAmount: r.remaining_amount,
    isWriteOff: r.is_write_off,
    isManual: r.is_manual,
    agencyId: r.agency_id ?? r.withheld_agency_id,
  }));
}

/** The feed's last position (every agency's events share one sequence): metrics' feed position. */
export async function feedPosition(db: Db): Promise<number> {
  const { rows } = await sql<{ last_position: number }>`select last_position from event_counter where id = 1`.execute(
    db,
  );
  return Number(rows[0]?.last_position ?? 0);
}
