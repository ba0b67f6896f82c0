import type { Db } from '../db/database.js';
import type { Role } from '../shared/roles.js';

export type { Role };

/** The signed-in user as the session middleware (`tenancy/session.middleware.ts`) puts it on a request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface AppConfig {
  /** Cookies get `Secure` when the service is reached over https. */
  secureCookies: boolean;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Today's date, injectable so tests and demos can run on any day. */
  today: () => string;
  /** Requests a second each agency may make on average, and how many at once (token bucket). */
  agencyRatePerSecond: number;
  agencyRateBurst: number;
  /**
   * Failed sign-ins to the agency API (at POST /oauth/token and with a Bearer token) allowed per peer
   * address: this many at once, refilled at `authFailuresPerSecond` (defaults 60 and 1). Past it, 429.
   */
  authFailureBurst?: number;
  authFailuresPerSecond?: number;
  /** Webhook URLs on loopback or private networks are refused unless the operator allows them. */
  allowPrivateWebhooks: boolean;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (INNFRI_TRUSTED_PROXY, proxy-addr's syntax:
   * addresses, CIDR networks, `loopback`); none by default (`http/peer.ts`).
   */
  trustedProxies?: readonly string[];
  /** Passwords refused at sign-in whoever holds them: a production start refuses the published demo password. */
  refusedPasswords?: readonly string[];
}

/** What the middleware puts on a request's context. */
export interface AppEnv {
  Variables: {
    db: Db;
    config: AppConfig;
    user: SessionUser;
    sessionToken: string;
    csrfToken: string;
    companyId: string;
    role: Role;
    /**
     * The user's role in the path's company, read with the session in one statement by
     * `requireSession` (null: not a member); `requireCompany` uses it instead of asking again.
     */
    sessionMembership: { companyId: string; role: Role | null } | undefined;
    /** Set by the agency API's bearer-token middleware. */
    agencyId: string;
    /** The request's id (X-Request-Id), set first thing. */
    requestId: string;
  };
}
