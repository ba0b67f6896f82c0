import { recordAudit } from '../audit/audit.service.js';
import type { Db, Trx } from '../db/database.js';
import { reissueWithheldEvents } from '../ledger/invoice-event.repository.js';
import { AppError, notFound } from '../shared/errors.js';
import { companySummaries } from '../tenancy/company.service.js';

export interface Agency {
  id: string;
  name: string;
  organizationNumber: string | null;
}

export interface CompanyAgency extends Agency {
  active: boolean;
  isDefault: boolean;
  changedAt: string;
}

/**
 * What may stop a company from deactivating an agency that agencies cannot see itself: invoices
 * waiting for it on collection's draft or approved lists. Collection sits above agencies (it hands
 * invoices to them), so it registers the guard (`collection/handover.service.ts`) instead of
 * agencies reading its handovers; without one, a deactivation throws rather than pass unchecked.
 */
export type DeactivationGuard = (trx: Trx, companyId: string, agencyId: string) => Promise<AppError | null>;

let deactivationGuard: DeactivationGuard | null = null;

export function guardAgencyDeactivation(guard: DeactivationGuard): void {
  deactivationGuard = guard;
}

export async function createAgency(
  trx: Trx,
  input: { name: string; organizationNumber?: string | null },
): Promise<Agency> {
  const row = await trx
    .insertInto('agencies')
    .values({ name: input.name, organization_number: input.organizationNumber ?? null })
    .returning(['id', 'name', 'organization_number'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, organizationNumber: row.organization_number };
}

export async function getAgency(db: Db | Trx, agencyId: string): Promise<Agency> {
  const r = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'organization_number'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!r) throw notFound('the agency');
  return { id: r.id, name: r.name, organizationNumber: r.organization_number };
}

/** The names of these agencies, by id (for other modules' lists: one query per page). */
export async function agencyNames(db: Db | Trx, agencyIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(agencyIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listAgencies(db: Db | Trx): Promise<Agency[]> {
  const rows = await db.selectFrom('agencies').select(['id', 'name', 'organization_number']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, organizationNumber: r.organization_number }));
}

/** Every agency, with whether this company has activated it and which one is its default. */
export async function companyAgencies(db: Db | Trx, companyId: string): Promise<CompanyAgency[]> {
  const rows = await db
    .selectFrom('agencies as a')
    .leftJoin('agency_activations as x', (j) => j.onRef('x.agency_id', '=', 'a.id').on('x.company_id', '=', companyId))
    .select(['a.id', 'a.name', 'a.organization_number', 'x.active', 'x.is_default', 'x.changed_at'])
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organizationNumber: r.organization_number,
    active: r.active ?? false,
    isDefault: r.is_default ?? false,
    changedAt: (r.changed_at ?? new Date(0)).toISOString(),
  }));
}

/** Activates or deactivates an agency for a company; a default must be active, and there is one at most. */
export async function setAgencyActivation(
  trx: Trx,
  companyId: string,
  agencyId: string,
  input: { active: boolean; isDefault?: boolean | undefined },
  userId: string | null,
): Promise<CompanyAgency> {
  const agency = await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound('the agency');
  const isDefault = input.isDefault ?? false;
  if (isDefault && !input.active)
    throw new AppError('validation_failed', 'an inactive agency cannot be the default', { reason: 'inactive_default' });
  if (!input.active) {
    if (!deactivationGuard) throw new Error('no deactivation guard registered (collection registers it)');
    const refusal = await deactivationGuard(trx, companyId, agencyId);
    if (refusal) throw refusal;
  }
  if (isDefault)
    await trx
      .updateTable('agency_activations')
      .set({ is_default: false })
      .where('company_id', '=', companyId)
      .where('is_default', '=', true)
      .execute();
  const before = await trx
    .selectFrom('agency_activations')
    .select('active')
    .where('company_id', '=', companyId)
    .where('agency_id', '=', agencyId)
    .forUpdate()
    .executeTakeFirst();
  // Back after a deactivation: what happened to its invoices meanwhile is appended to its feed.
  if (input.active && before && !before.active) reissueWithheldEvents(trx, companyId, agencyId);
  await trx
    .insertInto('agency_activations')
    .values({
      company_id: companyId,
      agency_id: agencyId,
      active: input.active,
      is_default: isDefault,
      changed_by: userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['company_id', 'agency_id'])
        .doUpdateSet({ active: input.active, is_default: isDefault, changed_by: userId, changed_at: new Date() }),
    )
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: input.active ? 'agency.activated' : 'agency.deactivated',
    subjectIds: [agencyId],
    ...(userId ? { actor: { type: 'user', id: userId } } : {}),
    before: before ? { active: before.active } : { active: false },
    after: { active: input.active, isDefault },
  });
  const all = await companyAgencies(trx, companyId);
  return all.find((a) => a.id === agencyId)!;
}

/** The agency an invoice goes to: the one named (it must be active for the company) or the default. */
export async function resolveActiveAgency(
  db: Db | Trx,
  companyId: string,
  agencyId?: string | undefined,
): Promise<Agency> {
  let q = db
    .selectFrom('agency_activations as x')
    .innerJoin('agencies as a', 'a.id', 'x.agency_id')
    .select(['a.id', 'a.name', 'a.organization_number'])
    .where('x.company_id', '=', companyId)
    .where('x.active', '=', true);
  q = agencyId ? q.where('a.id', '=', agencyId) : q.where('x.is_default', '=', true);
  const row = await q.executeTakeFirst();
  if (!row) {
    throw new AppError(
      'agency_not_active',
      agencyId
        ? 'that agency is not active for the company'
        : 'the company has no default collection agency: activate one in the settings or name the agency',
      {
        reason: agencyId ? 'not_active' : 'no_default',
      },
    );
  }
  return { id: row.id, name: row.name, organizationNumber: row.organization_number };
}

/** What an agency may know of a company: the clients that have activated it. */
export interface AgencyClient {
  id: string;
  name: string;
  organizationNumber: string;
  vatRegistered: boolean;
}

export async function listClients(db: Db | Trx, agencyId: string): Promise<AgencyClient[]> {
  const active = await db
    .selectFrom('agency_activations')
    .select('company_id')
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .execute();
  return companySummaries(
    db,
    active.map((r) => r.company_id),
  );
}

/** The client, if it has activated the agency; anything else is "not found". */
export async function requireClient(db: Db | Trx, agencyId: string, clientId: string): Promise<void> {
  const row = await db
    .selectFrom('agency_activations')
    .select('company_id')
    .where('agency_id', '=', agencyId)
    .where('company_id', '=', clientId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) throw notFound('the client');
}
