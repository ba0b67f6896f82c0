import { type Kysely, sql } from 'kysely';

/**
 * Limits shared by every server process on one database (issue 16), instead of a map per process:
 * - `rate_limits` (http): one row per limited key (an agency, an agency's token requests, a peer
 *   address's failed sign-ins to the agency API), holding the bucket's "theoretical arrival time"
 *   (GCRA) in epoch seconds; updated by one atomic upsert per request (`http/rate-limit.ts`).
 * - `login_throttle` (tenancy): failed accountant sign-ins per key (an e-mail from one address, an
 *   e-mail, an address), the key a SHA-256 so no e-mail or address is stored, the failure times in
 *   epoch seconds, newest last, at most the key's limit within the window (`tenancy/login-throttle.ts`).
 * Both are unlogged: a count lost in a database crash only gives the keys their burst back.
 * Rows whose time has passed are pruned by the processes that use them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create unlogged table rate_limits (
  key text primary key,
  tat double precision not null
);
create index rate_limits_tat on rate_limits (tat);

create unlogged table login_throttle (
  key text primary key,
  times double precision[] not null,
  newest double precision not null
);
create index login_throttle_newest on login_throttle (newest);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_throttle; drop table rate_limits;`.execute(db);
}
