import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { setAuditActor } from '../audit/audit-context.js';
import { AppError } from '../shared/errors.js';
import { roleIn, sessionUser } from './user.service.js';
import type { Role } from './user.table.js';
import type { AppEnv } from '../http/env.js';

export const SESSION_COOKIE = 'innfri_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Requires a signed-in user (server-side session, token in an httpOnly cookie). Every write must
 * also carry the session's CSRF token in `X-CSRF-Token`: a cross-site form can send the cookie
 * but cannot read the token.
 */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  // A route under /companies/{companyId}: the membership comes in the same statement.
  const companyId = c.req.param('companyId');
  const scoped = companyId !== undefined && UUID.test(companyId) ? companyId : undefined;
  const session = token ? await sessionUser(c.var.db, token, new Date(), scoped) : null;
  if (!token || !session) throw new AppError('unauthenticated', 'sign in first: no valid session cookie');
  if (!SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header(CSRF_HEADER);
    if (!sent || !sameToken(sent, session.csrfToken))
      throw new AppError('csrf_failed', `send the session's CSRF token in the ${CSRF_HEADER} header`);
  }
  c.set('user', session.user);
  setAuditActor({ type: 'user', id: session.user.id, name: session.user.name });
  c.set('sessionToken', token);
  c.set('csrfToken', session.csrfToken);
  if (scoped !== undefined) c.set('sessionMembership', { companyId: scoped, role: session.role ?? null });
  await next();
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Scopes a request to one company: the user must be a member, else the company answers 404 exactly
 * as one that does not exist (no way to probe other tenants' ids).
 */
export const requireCompany: MiddlewareHandler<AppEnv> = async (c, next) => {
  const companyId = c.req.param('companyId') ?? '';
  const known = c.var.sessionMembership;
  const role =
    known?.companyId === companyId
      ? known.role
      : UUID.test(companyId)
        ? await roleIn(c.var.db, c.var.user.id, companyId)
        : null;
  if (!role) throw new AppError('not_found', 'the company was not found');
  c.set('companyId', companyId);
  c.set('role', role);
  await next();
};

const RANK: Record<Role, number> = { viewer: 0, accountant: 1, admin: 2 };

/** Requires at least this role in the request's company (viewer < accountant < admin). */
export function requireRole(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (RANK[c.var.role] < RANK[min])
      throw new AppError('forbidden', `this needs the ${min} role; you are ${c.var.role}`);
    await next();
  };
}

/** Writes (posting, matching, creating) need an accountant or an admin. */
export const writer = requireRole('accountant');
export const admin = requireRole('admin');

/** The signed-in user as the actor recorded on decisions and handovers. */
export function userActor(c: Context<AppEnv>): { type: 'user'; id: string } {
  return { type: 'user', id: c.var.user.id };
}
