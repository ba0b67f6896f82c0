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
 * the transaction, under the feed's write lock (the event_counter row), which is held to commit.
 * So positions are handed out in commit order, and a reader paging by position never skips an
 * event that commits later with a smaller position: there is none. The lock is taken last so
 * that it is held only for the insert and the commit, and never while waiting for other locks.
 */
export function recordInvoiceEvent(trx: Trx, event: NewInvoiceEvent): void {
  const pending = trx.unit.slot(PENDING);
  if (pending.length === 0) beforeCommit(trx, 'invoice-events', (t) => flushInvoiceEvents(t, pending));
  pending.push(event);
}

async function flushInvoiceEvents(trx: Trx, events: NewInvoiceEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(
    (e, i) =>
      sql`(${i + 1}::int, ${e.companyId}::uuid, ${e.invoiceId}::uuid, ${e.type}::text, ${e.voucherId}::uuid, ${e.voucherType}::text, ${e.matchId}::bigint, ${e.amount}::bigint, ${e.remainingAmount}::bigint, ${e.isWriteOff}::boolean, ${e.isManual}::boolean, ${e.agencyId ?? null}::uuid)`,
  );
  const CHUNK = 2000; // 12 parameters an event: well inside the protocol's 65 535
  if (rows.length <= CHUNK) {
    // The usual case, one statement: take the positions (the counter row's lock, held to commit) and store the events.
    await sql`
      with c as (update event_counter set last_position = last_position + ${events.length} where id = 1 returning last_position - ${events.length} as base)
      insert into invoice_events (position, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id)
      select c.base + e.n, e.company_id, e.invoice_id, e.type, e.voucher_id, e.voucher_type, e.match_id, e.amount, e.remaining_amount, e.is_write_off, e.is_manual, e.agency_id
      from c, (values ${sql.join(rows)}) as e (n, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id)
      order by e.n`.execute(trx);
  } else {
    const taken = await sql<{
      base: number;
    }>`update event_counter set last_position = last_position + ${events.length} where id = 1 returning last_position - ${events.length} as base`.execute(
      trx,
    );
    const base = taken.rows[0]!.base;
    for (let i = 0; i < rows.length; i += CHUNK) {
      await sql`
        insert into invoice_events (position, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id)
        select ${base}::bigint + e.n, e.company_id, e.invoice_id, e.type, e.voucher_id, e.voucher_type, e.match_id, e.amount, e.remaining_amount, e.is_write_off, e.is_manual, e.agency_id
        from (values ${sql.join(rows.slice(i, i + CHUNK))}) as e (n, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id)
        order by e.n`.execute(trx);
    }
  }
  events.length = 0;
}

/**
 * On reactivation of an agency by a company: appends a copy of every event the agency was withheld
 * (written while the company had it deactivated, see migration 0008) at the end of the feed, in
 * their order, with their original time and figures. Each is reissued once (a unique index on
 * `reissue_of`), so a reader paging with `after` sees it exactly once, at its new position, and a
 * full re-read reads the same. Runs before commit, like the event flush: it first takes the
 * counter row, so any writer that decided "withheld" before this transaction's activation was
 * visible has committed, and its event is among those reissued; a writer after it sees the
 * agency active and writes its event visible.
 */
export function reissueWithheldEvents(trx: Trx, companyId: string, agencyId: string): void {
  beforeCommit(trx, `invoice-events-reissue:${companyId}:${agencyId}`, async (t) => {
    // The lock first, in its own statement: the next statement's snapshot then sees every event
    // committed by writers that held the counter before us.
    await sql`select last_position from event_counter where id = 1 for update`.execute(t);
    await sql`
      with w as (
        select o.*, row_number() over (order by o.position) as n
        from invoice_events o
        where o.withheld_agency_id = ${agencyId} and o.company_id = ${companyId}
          and not exists (select 1 from invoice_events r where r.reissue_of = o.position)
      ),
      c as (
        update event_counter set last_position = last_position + (select count(*) from w)
        where id = 1 returning last_position - (select count(*) from w) as base
      )
      insert into invoice_events (position, company_id, invoice_id, type, occurred_at, voucher_id, voucher_type, match_id, amount, remaining_amount, is_write_off, is_manual, agency_id, case_number, reissue_of)
      select c.base + w.n, w.company_id, w.invoice_id, w.type, w.occurred_at, w.voucher_id, w.voucher_type, w.match_id, w.amount, w.remaining_amount, w.is_write_off, w.is_manual, ${agencyId}::uuid, w.case_number, w.position
      from c, w
      order by w.n`.execute(t);
  });
}

/** A company's invoice events after a position, in order (each once: reissues for an agency are left out). */
export async function listInvoiceEvents(
  db: Db | Trx,
  companyId: string,
  options: { after: number; limit: number; invoiceId?: string | undefined },
): Promise<InvoiceEvent[]> {
  let q = db
    .selectFrom('invoice_events')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('position', '>', options.after)
    .where('reissue_of', 'is', null)
    .orderBy('position')
    .limit(options.limit);
  if (options.invoiceId) q = q.where('invoice_id', '=', options.invoiceId);
  const rows = await q.execute();
  return rows.map((r) => ({
    position: r.position,
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
