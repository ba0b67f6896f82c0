/**
 * A member's role in a company: viewer (reads) < accountant (writes) < admin (settings, users).
 * Tenancy keeps the memberships; the request context carries the role (`http/env.ts`).
 */
export type Role = 'admin' | 'accountant' | 'viewer';
