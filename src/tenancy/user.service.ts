import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db, Trx } from '../db/database.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Role } from './user.table.js';

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Membership {
  companyId: string;
  companyName: string;
  organizationNumber: string;
  role: Role;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Argon2id with the library's defaults (OWASP's recommended parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Session tokens are stored only as their SHA-256: a leaked table opens no session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createUser(trx: Trx, input: { email: string; name: string; password: string }): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const exists = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (exists)
    throw new AppError('already_exists', `a user with e-mail ${email} exists already`, {
      reason: 'user_exists',
      email,
    });
  const row = await trx
    .insertInto('users')
    .values({ email, name: input.name, password_hash: await hashPassword(input.password) })
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function findUserByEmail(db: Db | Trx, email: string): Promise<User | null> {
  return (
    (await db
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst()) ?? null
  );
}

/** Adds a user to a company (or changes the role it has there). */
export async function setMembership(trx: Trx, companyId: string, userId: string, role: Role): Promise<void> {
  await trx
    .insertInto('memberships')
    .values({ company_id: companyId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['company_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export async function membershipsOf(db: Db | Trx, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .select(['m.company_id', 'c.name', 'c.organization_number', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({
    companyId: r.company_id,
    companyName: r.name,
    organizationNumber: r.organization_number,
    role: r.role,
  }));
}

export async function roleIn(db: Db | Trx, userId: string, companyId: string): Promise<Role | null> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', userId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function companyUsers(db: Db | Trx, companyId: string): Promise<Array<User & { role: Role }>> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role'])
    .where('m.company_id', '=', companyId)
    .orderBy('u.email')
    .execute();
}

/** Which of these e-mails belong to a user whose password is `password` (a production start checks the demo's). */
export async function usersWithPassword(db: Db | Trx, emails: readonly string[], password: string): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where(
      'email',
      'in',
      emails.map((e) => e.toLowerCase()),
    )
    .execute();
  const found: string[] = [];
  for (const row of rows) if (await verify(row.password_hash, password).catch(() => false)) found.push(row.email);
  return found.sort();
}

// A fixed hash to verify against when the e-mail is unknown, so both paths take as long.
let dummyHash: Promise<string> | null = null;

/** Checks a password and opens a session; the token goes in an httpOnly cookie, the CSRF token to the page. */
export async function login(
  trx: Trx,
  email: string,
  password: string,
  now = new Date(),
): Promise<{ user: User; token: string; csrfToken: string; expiresAt: Date }> {
  const row = await trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  dummyHash ??= hash('innfri-dummy-password');
  const ok = await verify(row?.password_hash ?? (await dummyHash), password).catch(() => false);
  if (!row || !ok) throw new AppError('invalid_credentials', 'the e-mail or the password is wrong');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await trx
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: row.id, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { user: { id: row.id, email: row.email, name: row.name }, token, csrfToken, expiresAt };
}

export async function sessionUser(
  db: Db | Trx,
  token: string,
  now = new Date(),
  companyId?: string,
): Promise<{ user: User; csrfToken: string; role?: Role | null } | null> {
  // With a company: the user's role there in the same statement (one round trip a request instead
  // of two; nothing is cached, so a sign-out or a removed membership counts at the next request).
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.name', 's.csrf_token', 's.expires_at'])
    .$if(companyId !== undefined, (q) =>
      q.select((eb) =>
        eb
          .selectFrom('memberships as m')
          .select('m.role')
          .whereRef('m.user_id', '=', 'u.id')
          .where('m.company_id', '=', companyId!)
          .as('role'),
      ),
    )
    .where('s.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  const session = { user: { id: row.id, email: row.email, name: row.name }, csrfToken: row.csrf_token };
  return companyId === undefined ? session : { ...session, role: (row as { role?: Role | null }).role ?? null };
}

export async function logout(db: Db | Trx, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export async function getUser(db: Db | Trx, userId: string): Promise<User> {
  const row = await db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', userId).executeTakeFirst();
  if (!row) throw notFound('the user');
  return row;
}
