import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type AuditKind, recordAudit } from '../audit/audit.service.js';
import type { Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../shared/errors.js';
import type { AppEnv } from '../http/env.js';
import { idempotentWrite } from '../http/idempotency.js';
import { CompanyParams } from '../http/params.js';
import { peerAddress } from '../http/peer.js';
import { jsonBody, jsonResponse, ProblemSchema } from '../http/schemas.js';
import { SESSION_COOKIE } from './session.middleware.js';
import {
  type AccountWithGrouping,
  chartOfAccounts,
  createAccount,
  createCompany,
  getCompany,
  listAccounts,
  setAccountGrouping,
  updateCompany,
} from './company.service.js';
import {
  AccountSchema,
  CompanyChangesSchema,
  CompanySchema,
  MembershipSchema,
  NewCompanySchema,
  RoleSchema,
  SessionSchema,
  UserSchema,
} from './tenancy.schemas.js';
import { LoginThrottle } from './login-throttle.js';
import { GROUPING_CODES } from './grouping-codes.js';
import {
  companyUsers,
  createUser,
  findUserByEmail,
  login,
  logout,
  membershipsOf,
  sessionUser,
  SESSION_TTL_MS,
  setMembership,
  type User,
} from './user.service.js';
import { accountantRoute } from './company-route.js';

const tags = ['Session and companies'];

const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * A sign-in (or a failed one) goes on the trail of every company the user belongs to, so each
 * company's admin sees it; an unknown e-mail has no company (kept with the address tried).
 */
async function recordSignIn(trx: Trx, kind: AuditKind, email: string, user: User | null): Promise<void> {
  // The same queries for an unknown e-mail as for a known one, so the answer's timing does not tell.
  const companies = await membershipsOf(trx, user?.id ?? NO_USER);
  const rows = companies.length > 0 ? companies.map((m) => m.companyId) : [null];
  for (const companyId of rows)
    await recordAudit(
      trx,
      user
        ? {
            companyId,
            kind,
            subjectIds: [user.id],
            actor: { type: 'user', id: user.id, name: user.name },
            after: { email: user.email },
          }
        : { companyId, kind, actor: { type: 'system', name: 'unknown user' }, after: { email: email.slice(0, 254) } },
    );
}

/** Before and after of the fields a change names, so the trail shows what moved. */
function changedFields(before: object, after: object, keys: string[]): { before: unknown; after: unknown } {
  const pick = (o: object) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k] ?? null]));
  return { before: pick(before), after: pick(after) };
}

const loginRoute = accountantRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  tags,
  // Signing in is what gets the session: it needs none.
  security: [],
  access: 'public',
  summary:
    'Sign in; sets the session cookie and returns the CSRF token for writes. After 10 failed sign-ins for an e-mail (or 50 from one address) in 15 minutes: 429 with Retry-After',
  request: jsonBody(z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(1000) }).strict()),
  responses: {
    200: jsonResponse(SessionSchema, 'Signed in'),
    429: {
      description: 'Too many failed sign-ins: wait the seconds in Retry-After',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } },
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});

const sessionRoute = accountantRoute({
  method: 'get',
  path: '/auth/session',
  operationId: 'getSession',
  tags,
  summary: 'The signed-in user, companies and CSRF token',
  access: 'session',
  responses: { 200: jsonResponse(SessionSchema, 'The session') },
});
const sessionStateRoute = accountantRoute({
  method: 'get',
  path: '/auth/session/state',
  operationId: 'getSessionState',
  tags,
  // Asked before anyone signed in: no session is an answer here, not an error.
  security: [],
  access: 'public',
  summary:
    'Whether this browser is signed in: the session as GET /auth/session gives it, or null (200 either way, so a sign-in page does not start with a 401)',
  responses: {
    200: jsonResponse(z.object({ session: z.union([SessionSchema, z.null()]) }), 'The session, or null'),
  },
});
const logoutRoute = accountantRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  tags,
  summary: 'Sign out (ends the session)',
  access: 'session',
  responses: { 204: { description: 'Signed out' } },
});

const listCompaniesRoute = accountantRoute({
  method: 'get',
  path: '/companies',
  operationId: 'listCompanies',
  tags,
  summary: "The companies the user is a member of, with the user's role",
  access: 'session',
  responses: { 200: jsonResponse(z.object({ data: z.array(MembershipSchema) }), 'Memberships') },
});
const createCompanyRoute = accountantRoute({
  method: 'post',
  path: '/companies',
  operationId: 'createCompany',
  tags,
  summary: 'Create a company (with the NS 4102 accounts); the creator becomes its admin',
  access: 'session',
  request: jsonBody(NewCompanySchema),
  responses: { 201: jsonResponse(CompanySchema, 'Created') },
});
const getCompanyRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}',
  operationId: 'getCompany',
  tags,
  summary: 'A company and its settings',
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(CompanySchema, 'The company') },
});
const updateCompanyRoute = accountantRoute({
  method: 'patch',
  path: '/companies/{companyId}',
  operationId: 'updateCompany',
  tags,
  summary: 'Change settings and the accounts posted to (admin)',
  access: 'admin',
  request: { params: CompanyParams, ...jsonBody(CompanyChangesSchema) },
  responses: { 200: jsonResponse(CompanySchema, 'Changed') },
});
const listAccountsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/accounts',
  operationId: 'listAccounts',
  tags,
  summary: 'The chart of accounts',
  access: 'read',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(z.object({ data: z.array(AccountSchema) }), 'Accounts') },
});
const createAccountRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/accounts',
  operationId: 'createAccount',
  tags,
  summary: 'Add an account to the chart (admin)',
  access: 'admin',
  request: {
    params: CompanyParams,
    ...jsonBody(z.object({ number: z.number().int().min(1000).max(9999), name: z.string().min(1).max(200) }).strict()),
  },
  responses: { 201: jsonResponse(AccountSchema, 'Added') },
});
const AccountGroupingSchema = z
  .object({
    number: z.number().int(),
    name: z.string(),
    groupingCategory: z.string().openapi({ description: 'SAF-T GroupingCategory (næringsspesifikasjon)' }),
    groupingCode: z.string().openapi({ description: 'SAF-T GroupingCode' }),
    custom: z.boolean().openapi({ description: 'false: the NS 4102 default mapping' }),
  })
  .openapi('AccountGrouping');
const listAccountGroupingsRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/account-groupings',
  operationId: 'listAccountGroupings',
  tags,
  summary: "Each account's SAF-T grouping (næringsspesifikasjon): the company's own or the NS 4102 default",
  access: 'read',
  request: { params: CompanyParams },
  responses: {
    200: jsonResponse(z.object({ data: z.array(AccountGroupingSchema) }), 'Accounts with their grouping'),
  },
});
const setAccountGroupingRoute = accountantRoute({
  method: 'put',
  path: '/companies/{companyId}/accounts/{number}/grouping',
  operationId: 'setAccountGrouping',
  tags,
  summary: "Set an account's SAF-T grouping; null goes back to the NS 4102 default (admin)",
  access: 'admin',
  request: {
    params: CompanyParams.extend({
      number: z.coerce
        .number()
        .int()
        .min(1000)
        .max(9999)
        .openapi({ param: { name: 'number', in: 'path' } }),
    }),
    ...jsonBody(
      z
        .object({
          grouping: z
            .object({ category: z.string().min(1).max(256), code: z.string().min(1).max(35) })
            .strict()
            .nullable(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse(AccountGroupingSchema, 'Set') },
});
const listGroupingCodesRoute = accountantRoute({
  method: 'get',
  path: '/grouping-codes',
  operationId: 'listGroupingCodes',
  tags,
  summary: 'The næringsspesifikasjon code list (SAF-T GroupingCategory / GroupingCode) an account can be mapped to',
  access: 'session',
  responses: {
    200: jsonResponse(
      z.object({
        data: z.array(z.object({ category: z.string(), code: z.string(), description: z.string() })),
      }),
      'Every code, in the published order',
    ),
  },
});
const groupingOut = (a: AccountWithGrouping) => ({
  number: a.number,
  name: a.name,
  groupingCategory: a.grouping.category,
  groupingCode: a.grouping.code,
  custom: a.custom,
});
const CompanyUserSchema = UserSchema.extend({ role: RoleSchema }).openapi('CompanyUser');
const listUsersRoute = accountantRoute({
  method: 'get',
  path: '/companies/{companyId}/users',
  operationId: 'listUsers',
  tags,
  summary: "The company's users and roles (admin)",
  access: 'admin',
  request: { params: CompanyParams },
  responses: { 200: jsonResponse(z.object({ data: z.array(CompanyUserSchema) }), 'Users') },
});
const addUserRoute = accountantRoute({
  method: 'post',
  path: '/companies/{companyId}/users',
  operationId: 'setUserRole',
  tags,
  summary: 'Give a user a role in the company, creating the user if the e-mail is new (admin)',
  access: 'admin',
  request: {
    params: CompanyParams,
    ...jsonBody(
      z
        .object({
          email: z.string().email().max(254),
          name: z.string().min(1).max(200),
          role: RoleSchema,
          password: z.string().min(10).max(1000).optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse(CompanyUserSchema, 'The user with its role') },
});

export function tenancyRoutes(app: OpenAPIHono<AppEnv>): void {
  const throttle = new LoginThrottle();
  app.openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const client = peerAddress(c);
    // The attempt takes its place in the shared counts first (see login-throttle.ts).
    const { wait, reservation } = await throttle.attempt(c.var.db, email, client);
    if (!reservation) {
      c.header('Retry-After', String(wait));
      throw new AppError('rate_limited', `too many failed sign-ins; try again in ${Math.ceil(wait / 60)} min`, {
        retryAfter: wait,
      });
    }
    const session = await inTransaction(c.var.db, async (trx) => {
      // A production start refuses the published demo password, even for a user who has it: the
      // same answer as a wrong password (and counted as one), so it tells nobody who has it.
      if (c.var.config.refusedPasswords?.includes(password))
        throw new AppError('invalid_credentials', 'the e-mail or the password is wrong');
      const signedIn = await login(trx, email, password);
      await recordSignIn(trx, 'auth.signed_in', email, signedIn.user);
      return signedIn;
    }).catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === 'invalid_credentials') {
        // The reservation stays: it is the failure. The failed attempt is its own change: the
        // sign-in's transaction has rolled back.
        await inTransaction(c.var.db, async (trx) =>
          recordSignIn(trx, 'auth.sign_in_failed', email, await findUserByEmail(trx, email)),
        );
      } else await throttle.release(c.var.db, reservation).catch(() => undefined);
      throw error;
    });
    await throttle.succeeded(c.var.db, reservation);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.var.config.secureCookies,
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.json(
      { user: session.user, companies: await membershipsOf(c.var.db, session.user.id), csrfToken: session.csrfToken },
      200,
    );
  });
  app.openapi(sessionRoute, async (c) =>
    c.json(
      { user: c.var.user, companies: await membershipsOf(c.var.db, c.var.user.id), csrfToken: c.var.csrfToken },
      200,
    ),
  );
  app.openapi(sessionStateRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = token ? await sessionUser(c.var.db, token) : null;
    if (!found) return c.json({ session: null }, 200);
    return c.json(
      {
        session: {
          user: found.user,
          companies: await membershipsOf(c.var.db, found.user.id),
          csrfToken: found.csrfToken,
        },
      },
      200,
    );
  });
  app.openapi(logoutRoute, async (c) => {
    await logout(c.var.db, c.var.sessionToken);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  app.openapi(listCompaniesRoute, async (c) => c.json({ data: await membershipsOf(c.var.db, c.var.user.id) }, 200));
  app.openapi(createCompanyRoute, async (c) => {
    const body = c.req.valid('json');
    const company = await idempotentWrite(c, `user:${c.var.user.id}`, body, async (trx) => {
      const created = await createCompany(trx, body, c.var.user.id);
      await recordAudit(trx, { companyId: created.id, kind: 'company.created', subjectIds: [created.id], after: body });
      return created;
    });
    return c.json(company, 201);
  });
  app.openapi(getCompanyRoute, async (c) => c.json(await getCompany(c.var.db, c.var.companyId), 200));
  app.openapi(updateCompanyRoute, async (c) => {
    const body = c.req.valid('json');
    const company = await inTransaction(c.var.db, async (trx) => {
      const before = await getCompany(trx, c.var.companyId);
      const after = await updateCompany(trx, c.var.companyId, body);
      await recordAudit(trx, {
        companyId: c.var.companyId,
        kind: 'company.settings_changed',
        subjectIds: [c.var.companyId],
        ...changedFields(before, after, Object.keys(body)),
      });
      return after;
    });
    return c.json(company, 200);
  });
  app.openapi(listAccountsRoute, async (c) => c.json({ data: await listAccounts(c.var.db, c.var.companyId) }, 200));
  app.openapi(createAccountRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await inTransaction(c.var.db, async (trx) => {
        const account = await createAccount(trx, c.var.companyId, body.number, body.name);
        await recordAudit(trx, {
          companyId: c.var.companyId,
          kind: 'company.account_added',
          subjectIds: [String(body.number)],
          after: body,
        });
        return account;
      }),
      201,
    );
  });
  app.openapi(listAccountGroupingsRoute, async (c) =>
    c.json({ data: (await chartOfAccounts(c.var.db, c.var.companyId)).map(groupingOut) }, 200),
  );
  app.openapi(listGroupingCodesRoute, (c) =>
    c.json({ data: GROUPING_CODES.map(([category, code, description]) => ({ category, code, description })) }, 200),
  );
  app.openapi(setAccountGroupingRoute, async (c) => {
    const { number } = c.req.valid('param');
    const { grouping } = c.req.valid('json');
    const account = await inTransaction(c.var.db, (trx) => setAccountGrouping(trx, c.var.companyId, number, grouping));
    return c.json(groupingOut(account), 200);
  });
  app.openapi(listUsersRoute, async (c) => c.json({ data: await companyUsers(c.var.db, c.var.companyId) }, 200));
  app.openapi(addUserRoute, async (c) => {
    const body = c.req.valid('json');
    const user = await inTransaction(c.var.db, async (trx) => {
      const existing = await findUserByEmail(trx, body.email);
      if (!existing && !body.password)
        throw new AppError('validation_failed', 'a new user needs a password (at least 10 characters)', {
          reason: 'password_required',
        });
      const u = existing ?? (await createUser(trx, { email: body.email, name: body.name, password: body.password! }));
      await setMembership(trx, c.var.companyId, u.id, body.role);
      await recordAudit(trx, {
        companyId: c.var.companyId,
        kind: 'company.user_role_set',
        subjectIds: [u.id],
        after: { email: u.email, role: body.role, created: !existing },
      });
      return u;
    });
    return c.json({ ...user, role: body.role }, 200);
  });
}
