import { recordAudit } from '../audit/audit.service.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, Trx } from '../db/database.js';
import { AppError } from '../shared/errors.js';
import { type Agency, createAgency } from './agency.service.js';

/** How long an access token lives. Short, so a leaked token is worth little. */
export const TOKEN_TTL_SECONDS = 900;
/** How long the old secret keeps working after a rotation, unless retired sooner. */
export const ROTATION_OVERLAP_HOURS = 24;

/**
 * Secrets and tokens are 256 random bits, so a fast hash (SHA-256) is enough to store them: there is
 * nothing to guess that a slow hash would protect (unlike a person's password).
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export interface AgencyCredentials {
  agency: Agency & { clientId: string };
  clientSecret: string;
}

/** Registers an agency with a client id and a secret; the secret is returned this once and stored hashed. */
export async function createAgencyWithCredentials(
  trx: Trx,
  input: { name: string; organizationNumber?: string | null },
): Promise<AgencyCredentials> {
  const agency = await createAgency(trx, input);
  const clientId = `agc_${randomBytes(12).toString('base64url')}`;
  await trx.updateTable('agencies').set({ client_id: clientId }).where('id', '=', agency.id).execute();
  const clientSecret = newSecret('acs');
  await trx
    .insertInto('agency_secrets')
    .values({ agency_id: agency.id, secret_hash: sha256(clientSecret), expires_at: null })
    .execute();
  return { agency: { ...agency, clientId }, clientSecret };
}

/**
 * The agency with this client id. `lock`: `share` while checking a secret and issuing a token,
 * `update` while retiring secrets or revoking tokens, so the two never interleave (see
 * {@link revokeTokens}). Both leave foreign-key checks on the row free.
 */
export async function findAgencyByClientId(
  db: Db | Trx,
  clientId: string,
  lock?: 'share' | 'update',
): Promise<(Agency & { clientId: string }) | null> {
  let query = db
    .selectFrom('agencies')
    .select(['id', 'name', 'organization_number', 'client_id'])
    .where('client_id', '=', clientId);
  if (lock === 'share') query = query.forShare();
  if (lock === 'update') query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  return row
    ? { id: row.id, name: row.name, organizationNumber: row.organization_number, clientId: row.client_id! }
    : null;
}

/**
 * A new secret for the agency. The current ones stay valid for `overlapHours` (0: retired now, and
 * every token issued with them is revoked too), so the agency can roll the new one out to its
 * servers without downtime.
 */
export async function rotateSecret(
  trx: Trx,
  clientId: string,
  overlapHours = ROTATION_OVERLAP_HOURS,
  now = new Date(),
): Promise<{ clientId: string; clientSecret: string; previousValidUntil: string; tokensRevoked: number }> {
  const agency = await findAgencyByClientId(trx, clientId, 'update');
  if (!agency) throw new AppError('not_found', `no agency has client id ${clientId}`);
  const until = new Date(now.getTime() + overlapHours * 3_600_000);
  await trx
    .updateTable('agency_secrets')
    .set({ expires_at: until })
    .where('agency_id', '=', agency.id)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', until)]))
    .execute();
  const clientSecret = newSecret('acs');
  await trx
    .insertInto('agency_secrets')
    .values({ agency_id: agency.id, secret_hash: sha256(clientSecret), expires_at: null })
    .execute();
  // Retired now: what was issued with the old secrets goes too (a leaked secret's tokens with it).
  const tokensRevoked = overlapHours === 0 ? await deleteTokens(trx, agency.id) : 0;
  // The agency's credentials are the operator's, not one company's: the row has no company.
  await recordAudit(trx, {
    companyId: null,
    kind: 'agency.secret_rotated',
    subjectIds: [agency.id],
    after: { clientId, previousValidUntil: until.toISOString(), tokensRevoked },
  });
  return { clientId, clientSecret, previousValidUntil: until.toISOString(), tokensRevoked };
}

async function deleteTokens(trx: Trx, agencyId: string): Promise<number> {
  const result = await trx.deleteFrom('agency_tokens').where('agency_id', '=', agencyId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Revokes every access token of the agency: the next request with any of them is 401, on every
 * server process at once, since each request looks its token up in the database (no process keeps
 * tokens in memory). The agency's secrets stay valid, so it can get a new token right away (retire
 * a secret with `rotateSecret(…, 0)` to stop that too). The agency row is locked first, as
 * `verifyClient(…, { lock: true })` locks it shared: a token request that checked a secret before
 * this commits has issued its token before this deletes, and one after sees the secrets as they
 * are then, so no token slips through a revocation.
 */
export async function revokeTokens(trx: Trx, clientId: string): Promise<{ clientId: string; tokensRevoked: number }> {
  const agency = await findAgencyByClientId(trx, clientId, 'update');
  if (!agency) throw new AppError('not_found', `no agency has client id ${clientId}`);
  const tokensRevoked = await deleteTokens(trx, agency.id);
  await recordAudit(trx, {
    companyId: null,
    kind: 'agency.tokens_revoked',
    subjectIds: [agency.id],
    after: { clientId, tokensRevoked },
  });
  return { clientId, tokensRevoked };
}

/**
 * Checks a client id and secret; any secret of the agency that has not expired is good. `lock`
 * (inside a transaction that then issues the token): holds the agency row shared until commit, see
 * {@link revokeTokens}.
 */
export async function verifyClient(
  db: Db | Trx,
  clientId: string,
  clientSecret: string,
  now = new Date(),
  options: { lock?: boolean } = {},
): Promise<Agency | null> {
  const agency = await findAgencyByClientId(db, clientId, options.lock ? 'share' : undefined);
  const hash = sha256(clientSecret);
  if (!agency) return null;
  const secrets = await db
    .selectFrom('agency_secrets')
    .select(['secret_hash', 'expires_at'])
    .where('agency_id', '=', agency.id)
    .execute();
  const ok = secrets.some(
    (s) =>
      (s.expires_at === null || s.expires_at > now) && timingSafeEqual(Buffer.from(s.secret_hash), Buffer.from(hash)),
  );
  return ok ? agency : null;
}

/** Issues a short-lived bearer token (stored hashed). */
export async function issueToken(
  db: Db | Trx,
  agencyId: string,
  now = new Date(),
): Promise<{ accessToken: string; expiresIn: number }> {
  const accessToken = newSecret('aat');
  await db
    .insertInto('agency_tokens')
    .values({
      token_hash: sha256(accessToken),
      agency_id: agencyId,
      expires_at: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000),
    })
    .execute();
  // Expired tokens are of no use to anyone: clear them out now and then.
  if (Math.random() < 0.01) await db.deleteFrom('agency_tokens').where('expires_at', '<', now).execute();
  return { accessToken, expiresIn: TOKEN_TTL_SECONDS };
}

/**
 * The agency a bearer token belongs to, or null when it is unknown, expired or revoked. Looked up
 * in the database on every request (one primary-key read): no process keeps tokens in memory, so a
 * token revoked or expired in the database is refused on the very next request, by every process.
 * A cache would save nothing that is safe: checking it against a revocation would itself be a read
 * per request.
 */
export async function agencyOfToken(db: Db, token: string, now = Date.now()): Promise<string | null> {
  const row = await db
    .selectFrom('agency_tokens')
    .select(['agency_id', 'expires_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= now) return null;
  return row.agency_id;
}
