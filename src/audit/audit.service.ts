import { type Kysely, sql } from 'kysely';
import { checkPeriod } from '../shared/dates.js';
import { AppError } from '../shared/errors.js';
import { type AuditActor, currentAuditContext } from './audit-context.js';
import type { AuditEventsTable } from './audit.table.js';

export type { AuditActor } from './audit-context.js';
export { setAuditActor, withAuditContext } from './audit-context.js';

/**
 * Every kind of change the trail records; `docs/ARCHITECTURE.md` («The audit trail») says who writes
 * each. A new kind is added here and there.
 */
export const AUDIT_KINDS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'company.created',
  'company.settings_changed',
  'company.account_added',
  'company.user_role_set',
  'dunning.settings_changed',
  'rates.added',
  'letter.sent',
  'handover.sent',
  'handover.approved',
  'handover.rejected',
  'handover.recalled',
  'voucher.posted',
  'voucher.reversed',
  'match.created',
  'match.undone',
  'invoice.written_off',
  'settlement.received',
  'settlement.approved',
  'settlement.rejected',
  'agency.activated',
  'agency.deactivated',
  'agency.secret_rotated',
  'agency.tokens_revoked',
  'agency.webhook_set',
  'case.created',
  'case.invoices_added',
  'case.status_changed',
  'case.rejected',
  'case.merged',
  'period.locked',
  'period.unlocked',
  'export.saf_t',
  'export.list',
  'mail.settings_changed',
  'letter.email_queued',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditRecord {
  /** null only where no company is concerned (a failed sign-in). */
  companyId: string | null;
  kind: AuditKind;
  /** The ids the change is about (invoice, handover, match, voucher, settlement, agency…). */
  subjectIds?: readonly string[];
  /** The state before and after, where a change has one (settings, a lock). */
  before?: unknown;
  after?: unknown;
  /** Who acted; by default the request's (or command's) actor, else the system. */
  actor?: AuditActor;
}

interface AuditTables {
  audit_events: AuditEventsTable;
}

/**
 * A Kysely transaction on a database that has the audit table: the app's `Trx` (typed by shape, so
 * this module depends on no other). A plain connection is refused at run time.
 */
export interface AuditTransaction {
  readonly isTransaction: boolean;
  insertInto(table: 'audit_events'): unknown;
}

/** A connection or transaction on a database that has the audit table. */
export interface AuditReader {
  selectFrom(table: 'audit_events'): unknown;
}

/**
 * Records one change in the audit trail, in the change's own transaction: if the change fails, so
 * does its audit row, and the other way round. Every write path calls this, and only this, to write
 * `audit_events`; who, the request id and the peer address come from the running request's context
 * (`withAuditContext`) unless `actor` is given.
 */
export async function recordAudit(trx: AuditTransaction, record: AuditRecord): Promise<void> {
  if (!trx.isTransaction) throw new Error('recordAudit needs the transaction of the change it records');
  const context = currentAuditContext();
  const actor = resolveActor(record.actor, context?.actor ?? null);
  await (trx as unknown as Kysely<AuditTables>)
    .insertInto('audit_events')
    .values({
      company_id: record.companyId,
      actor_type: actor.type,
      actor_user_id: actor.type === 'user' ? actor.id : null,
      actor_agency_id: actor.type === 'agency' ? actor.id : null,
      actor_name: (actor.name ?? '').slice(0, 200),
      request_id: context?.requestId ?? null,
      peer_address: context?.peerAddress ?? null,
      kind: record.kind,
      subject_ids: [...(record.subjectIds ?? [])],
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
    })
    .execute();
}

/** The given actor, named from the request's where it is the same one; else the request's; else the system. */
function resolveActor(given: AuditActor | undefined, fromRequest: AuditActor | null): AuditActor {
  if (!given) return fromRequest ?? { type: 'system', name: 'system' };
  if (given.name === undefined && fromRequest && fromRequest.type === given.type) {
    const sameId =
      given.type === 'system' ||
      given.type === 'cli' ||
      ('id' in fromRequest && 'id' in given && fromRequest.id === given.id);
    if (sameId) return { ...given, name: fromRequest.name } as AuditActor;
  }
  return given;
}

export interface AuditEvent {
  id: number;
  at: string;
  companyId: string | null;
  actor: { type: AuditActor['type']; id: string | null; name: string };
  requestId: string | null;
  peerAddress: string | null;
  kind: string;
  subjectIds: string[];
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  /** Dates in Europe/Oslo, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** An exact kind (`handover.approved`) or a group (`handover`). */
  kind?: string | undefined;
  actorType?: AuditActor['type'] | undefined;
  /** Only events about this id (invoice, handover, voucher…). */
  subjectId?: string | undefined;
  /** The `nextCursor` of the page before. */
  cursor?: string | undefined;
  limit: number;
}

/**
 * A company's audit trail (`companyId` null: the events of no company), newest first, keyset-paged
 * by id (the order rows were written in).
 */
export async function listAudit(
  db: AuditReader,
  companyId: string | null,
  filter: AuditFilter,
): Promise<{ data: AuditEvent[]; nextCursor: string | null }> {
  if (filter.from && filter.to) checkPeriod(filter.from, filter.to);
  const kdb = db as unknown as Kysely<AuditTables>;
  let q = kdb
    .selectFrom('audit_events')
    .selectAll()
    .select(sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at_iso'))
    .where((eb) => (companyId === null ? eb('company_id', 'is', null) : eb('company_id', '=', companyId)))
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.from) q = q.where(sql<boolean>`at >= (${filter.from}::date::timestamp at time zone 'Europe/Oslo')`);
  if (filter.to) q = q.where(sql<boolean>`at < ((${filter.to}::date + 1)::timestamp at time zone 'Europe/Oslo')`);
  if (filter.kind) {
    const kind = filter.kind;
    q = kind.includes('.')
      ? q.where('kind', '=', kind)
      : q.where('kind', 'like', `${kind.replace(/[\\%_]/g, (ch) => `\\${ch}`)}.%`);
  }
  if (filter.actorType) q = q.where('actor_type', '=', filter.actorType);
  if (filter.subjectId) q = q.where(sql<boolean>`${filter.subjectId} = any(subject_ids)`);
  if (filter.cursor !== undefined) {
    const after = Number(filter.cursor);
    if (!/^[0-9]{1,15}$/.test(filter.cursor) || !Number.isSafeInteger(after))
      throw new AppError('validation_failed', 'cursor is not one this list gave', { reason: 'invalid_cursor' });
    q = q.where('id', '<', after);
  }
  const rows = await q.execute();
  const page = rows.slice(0, filter.limit);
  return {
    data: page.map((r) => ({
      id: Number(r.id),
      at: r.at_iso,
      companyId: r.company_id,
      actor: { type: r.actor_type, id: r.actor_user_id ?? r.actor_agency_id, name: r.actor_name },
      requestId: r.request_id,
      peerAddress: r.peer_address,
      kind: r.kind,
      subjectIds: r.subject_ids,
      before: r.before,
      after: r.after,
    })),
    nextCursor: rows.length > filter.limit ? String(page[page.length - 1]!.id) : null,
  };
}

/** The actor kept on decisions and handovers (`{ type, id, name }`) as the trail's actor. */
export function auditActor(actor: {
  type: 'user' | 'agency' | 'system';
  id: string | null;
  name?: string | null | undefined;
}): AuditActor {
  const name = actor.name ?? undefined;
  if (actor.type === 'system' || actor.id === null) return { type: 'system', name: name ?? 'system' };
  return name === undefined ? { type: actor.type, id: actor.id } : { type: actor.type, id: actor.id, name };
}
