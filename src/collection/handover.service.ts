import { auditActor, recordAudit } from '../audit/audit.service.js';
import type { Db, Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { recordInvoiceEvent } from '../ledger/invoice-event.repository.js';
import { guardAgencyDeactivation, resolveActiveAgency } from '../agencies/agency.service.js';
import { type Actor, collectionFacts, getDunningSettings, recordDecision } from '../dunning/dunning.service.js';
import { type CollectionStep, collectionNoticeBy, collectionRefusal, type Refusal } from '../dunning/rules.js';
import { getInvoiceSummary, invoiceHeads, lockInvoice } from '../sales/invoice.service.js';
import { overdueInvoiceEntries } from '../ledger/open-item.service.js';
import { chunks } from '../shared/chunks.js';
import { osloToday } from '../shared/dates.js';
import { AppError, notFound } from '../shared/errors.js';
import { ore } from '../shared/money.js';
import { getHandover, type Handover } from './handover-list.read-model.js';
import type { HandoverState } from './handover.table.js';

// No deactivation of an agency while invoices wait for it on the draft or approved list: agencies
// asks collection, which owns the lists (agencies sits below collection and does not read them).
guardAgencyDeactivation(async (trx, companyId, agencyId) => {
  const busy = await trx
    .selectFrom('handovers')
    .select('id')
    .where('company_id', '=', companyId)
    .where('agency_id', '=', agencyId)
    .where('state', 'in', ['draft', 'approved'])
    .executeTakeFirst();
  return busy
    ? new AppError('conflict', 'the agency has invoices on the draft or approved list: reject or recall them first', {
        reason: 'agency_has_handovers',
      })
    : null;
});

export {
  getHandover,
  type Handover,
  handoverCounts,
  handoversOfInvoice,
  type InvoiceHandover,
  listHandovers,
} from './handover-list.read-model.js';

/**
 * Why an invoice may not take this collection step today, or null when it may: the one rule
 * (`collectionRefusal` in dunning/rules.ts) on the invoice's facts as this transaction sees them.
 * Every way to the agency calls it (docs/ARCHITECTURE.md, «The collection rules»).
 */
export async function collectionBlocker(
  trx: Trx,
  companyId: string,
  invoiceId: string,
  today: string,
  step: CollectionStep,
): Promise<Refusal | null> {
  const { facts } = await collectionFacts(trx, companyId, invoiceId);
  return collectionRefusal(facts, today, step);
}

function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code, refusal.detail, { reason: refusal.reason, ...refusal.figures });
}

/**
 * The `collection` action: puts the invoice on the draft list for an agency (the company's default
 * unless one is named). With auto-approval on, it goes straight on to the approved list.
 */
export async function sendToCollection(
  trx: Trx,
  companyId: string,
  invoiceId: string,
  input: {
    agencyId?: string | undefined;
    today: string;
    /** `handover` (default): a person chose it; `eligible`: the rules chose it (an undated «Vent» stops it). */
    step?: 'handover' | 'eligible' | undefined;
  },
  actor: Actor,
): Promise<Handover> {
  await lockInvoice(trx, companyId, invoiceId);
  const { facts } = await collectionFacts(trx, companyId, invoiceId);
  const refusal = collectionRefusal(facts, input.today, input.step ?? 'handover');
  if (refusal) throw refusalError(refusal);
  const agency = await resolveActiveAgency(trx, companyId, input.agencyId);
  const row = await trx
    .insertInto('handovers')
    .values({
      company_id: companyId,
      invoice_id: invoiceId,
      agency_id: agency.id,
      state: 'draft',
      created_by: actor.type === 'user' ? actor.id : null,
      approved_by: null,
      approved_at: null,
      approval: null,
      ended_at: null,
      ended_by_type: null,
      ended_by: null,
      end_reason: null,
      collection_notice_by: collectionNoticeBy(facts.letters),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (facts.decision?.nextAction)
    await recordDecision(
      trx,
      companyId,
      invoiceId,
      { nextAction: null, reason: `sent to collection (${agency.name})`, cause: 'sent_to_collection' },
      { type: 'system', id: null },
    );
  await recordAudit(trx, {
    companyId,
    kind: 'handover.sent',
    subjectIds: [invoiceId, row.id, agency.id],
    actor: auditActor(actor),
    after: { state: 'draft', agencyId: agency.id, agencyName: agency.name, step: input.step ?? 'handover' },
  });
  if ((await getDunningSettings(trx, companyId)).autoApprove)
    return approveHandover(trx, companyId, row.id, { type: 'system', id: null }, 'auto', input.today);
  return getHandover(trx, companyId, row.id);
}

async function lockHandover(trx: Trx, companyId: string, handoverId: string) {
  const row = await trx
    .selectFrom('handovers')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', handoverId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('the handover');
  return row;
}

/** Draft → approved: the agency can now see the invoice (`invoice.available`). */
export async function approveHandover(
  trx: Trx,
  companyId: string,
  handoverId: string,
  actor: Actor,
  approval: 'user' | 'auto' | 'operator' = 'user',
  today: string = osloToday(),
): Promise<Handover> {
  const h = await lockHandover(trx, companyId, handoverId);
  if (h.state !== 'draft')
    throw new AppError('invalid_transition', `only a draft can be approved; this one is ${h.state}`, {
      reason: `handover_${h.state}`,
      state: h.state,
    });
  // The rules again, as they stand now: a «Vent», a dispute or a payment since the draft stops it.
  const { facts, invoice } = await collectionFacts(trx, companyId, h.invoice_id);
  const refusal = collectionRefusal(facts, today, 'approve');
  if (refusal) throw refusalError(refusal);
  await trx
    .updateTable('handovers')
    .set({ state: 'approved', approved_at: new Date(), approved_by: actor.type === 'user' ? actor.id : null, approval })
    .where('id', '=', handoverId)
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: 'handover.approved',
    subjectIds: [h.invoice_id, handoverId, h.agency_id],
    actor: auditActor(actor),
    before: { state: 'draft' },
    after: { state: 'approved', approval },
  });
  recordInvoiceEvent(trx, {
    companyId,
    invoiceId: h.invoice_id,
    type: 'invoice.available',
    voucherId: null,
    voucherType: null,
    matchId: null,
    amount: invoice.openAmount,
    remainingAmount: invoice.openAmount,
    isWriteOff: false,
    isManual: false,
    agencyId: h.agency_id,
  });
  return getHandover(trx, companyId, handoverId);
}

/**
 * Takes an invoice off the draft list (rejected) or the approved list (recalled; the agency sees
 * `invoice.recalled`). Either way it goes back to the reminder list with next action «Vent»,
 * with the reason and who decided.
 */
export async function rejectHandover(
  trx: Trx,
  companyId: string,
  handoverId: string,
  reason: string,
  actor: Actor,
): Promise<Handover> {
  const h = await lockHandover(trx, companyId, handoverId);
  if (h.state !== 'draft' && h.state !== 'approved') {
    throw new AppError(
      'invalid_transition',
      h.state === 'in_case'
        ? 'the invoice is in a case: the agency gives it back, or stops it in its own system'
        : `this handover has ended already (${h.state})`,
      { reason: `handover_${h.state}`, state: h.state },
    );
  }
  const state: HandoverState = h.state === 'draft' ? 'rejected' : 'recalled';
  await trx
    .updateTable('handovers')
    .set({ state, ended_at: new Date(), ended_by_type: actor.type, ended_by: actor.id, end_reason: reason })
    .where('id', '=', handoverId)
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: state === 'rejected' ? 'handover.rejected' : 'handover.recalled',
    subjectIds: [h.invoice_id, handoverId, h.agency_id],
    actor: auditActor(actor),
    before: { state: h.state },
    after: { state, reason },
  });
  if (state === 'recalled') {
    const invoice = await getInvoiceSummary(trx, companyId, h.invoice_id);
    recordInvoiceEvent(trx, {
      companyId,
      invoiceId: h.invoice_id,
      type: 'invoice.recalled',
      voucherId: null,
      voucherType: null,
      matchId: null,
      amount: ore(0),
      remainingAmount: invoice.openAmount,
      isWriteOff: false,
      isManual: false,
      agencyId: h.agency_id,
    });
  }
  await recordDecision(
    trx,
    companyId,
    h.invoice_id,
    {
      nextAction: 'wait',
      waitUntil: null,
      reason,
      cause: state === 'rejected' ? 'handover_rejected' : 'handover_recalled',
    },
    actor,
  );
  return getHandover(trx, companyId, handoverId);
}

/** One line of a decision on many handovers: done (with the handover as it is now), or why not. */
export type HandoverDecisionResult =
  | { handoverId: string; ok: true; handover: Handover; code: null; detail: null }
  | ({ handoverId: string; ok: false; handover: null; code: string; detail: string } & Record<string, unknown>);

/**
 * The accountant's decision on many handovers at once (Utkast: approve or reject; Godkjent:
 * recall): each through `approveHandover` or `rejectHandover`, the same rules as one at a time, in
 * the caller's transaction. A handover the rules refuse (not a draft any more, a «Vent», paid
 * meanwhile, another company's) is a failed line and the others still go: both steps check
 * everything before they write, so a refused line leaves nothing behind. Ids given twice count once.
 */
export async function decideHandovers(
  trx: Trx,
  companyId: string,
  decision: { action: 'approve' | 'reject'; handoverIds: readonly string[]; reason?: string | undefined },
  actor: Actor,
  today: string,
): Promise<HandoverDecisionResult[]> {
  const reason = decision.reason?.trim() ?? '';
  if (decision.action === 'reject' && reason === '')
    throw new AppError('validation_failed', 'body.reason: a rejection needs a reason', { reason: 'reason_required' });
  const results: HandoverDecisionResult[] = [];
  for (const handoverId of [...new Set(decision.handoverIds)]) {
    try {
      const handover =
        decision.action === 'approve'
          ? await approveHandover(trx, companyId, handoverId, actor, 'user', today)
          : await rejectHandover(trx, companyId, handoverId, reason, actor);
      results.push({ handoverId, ok: true, handover, code: null, detail: null });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      results.push({ ...error.extra, handoverId, ok: false, handover: null, code: error.code, detail: error.detail });
    }
  }
  return results;
}

/**
 * Every draft of the company that the rules allow today approved at once (the auto-approval of the
 * daily run); a draft they stop (a «Vent», a dispute, paid meanwhile) stays on the draft list.
 */
export async function approveAllDrafts(
  trx: Trx,
  companyId: string,
  actor: Actor,
  approval: 'auto' | 'operator',
  today: string,
): Promise<string[]> {
  const drafts = await trx
    .selectFrom('handovers')
    .select(['id', 'invoice_id'])
    .where('company_id', '=', companyId)
    .where('state', '=', 'draft')
    .orderBy('created_at')
    .execute();
  const approved: string[] = [];
  for (const d of drafts) {
    if (await collectionBlocker(trx, companyId, d.invoice_id, today, 'approve')) continue;
    await approveHandover(trx, companyId, d.id, actor, approval, today);
    approved.push(d.id);
  }
  return approved;
}

/**
 * Hands every invoice that may go to collection today to the agency's approved list, as if the
 * accountant drafted and approved each (the operator's `innfri collection approve --all-eligible`).
 * Each invoice in its own transaction: one that cannot go is skipped, the rest still go.
 */
export async function approveAllEligible(
  db: Db,
  companyId: string,
  agencyId: string,
  today: string,
): Promise<Array<{ id: string; invoiceNumber: number }>> {
  // Overdue and open by the ledger, each invoice's own receivable entry (sales), with no active
  // handover (here): three reads over the company's overdue invoices, not one per invoice.
  const overdue = await overdueInvoiceEntries(db, companyId, today);
  const heads = await invoiceHeads(
    db,
    companyId,
    overdue.map((e) => e.invoiceId),
  );
  const active = new Set<string>();
  for (const chunk of chunks([...heads.keys()], 1000)) {
    const rows = await db
      .selectFrom('handovers')
      .select('invoice_id')
      .where('company_id', '=', companyId)
      .where('invoice_id', 'in', chunk)
      .where('state', 'in', ['draft', 'approved', 'in_case'])
      .execute();
    for (const r of rows) active.add(r.invoice_id);
  }
  const candidates = overdue
    .flatMap((e) => {
      const head = heads.get(e.invoiceId);
      return head && head.entryId === e.entryId && !active.has(e.invoiceId)
        ? [{ id: e.invoiceId, invoice_number: head.invoiceNumber, dueDate: e.dueDate }]
        : [];
    })
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.invoice_number - b.invoice_number));
  const operator: Actor = { type: 'system', id: null };
  const approved: Array<{ id: string; invoiceNumber: number }> = [];
  for (const c of candidates) {
    const done = await inTransaction(db, async (trx) => {
      if (await collectionBlocker(trx, companyId, c.id, today, 'eligible')) return false;
      const draft = await sendToCollection(trx, companyId, c.id, { agencyId, today, step: 'eligible' }, operator);
      if (draft.state === 'draft') await approveHandover(trx, companyId, draft.id, operator, 'operator', today);
      return true;
    });
    if (done) approved.push({ id: c.id, invoiceNumber: c.invoice_number });
  }
  return approved;
}
