import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';

/**
 * Slows password guessing at POST /auth/login. Failed sign-ins are counted over a sliding window
 * under three keys: an e-mail address from one client address (tight: someone guessing one
 * account), an e-mail address from anywhere (loose: the same guessing spread over many addresses)
 * and one client address across e-mail addresses (someone trying many accounts). Past a limit the
 * endpoint answers 429 with Retry-After *before* checking the password, so a locked account gives
 * nothing away. The tight limit is per client so that a stranger's ten wrong guesses do not lock
 * the owner out from her own desk; only a flood from many places (`perEmail`) does that.
 * A success clears the e-mail's count from that client.
 *
 * The counts live in the database (`login_throttle`), so every server process on it shares them:
 * N processes do not allow N times the guesses. An attempt *reserves* its place under all three
 * keys before the password is checked (`attempt`: one transaction, the keys' rows locked in key
 * order), so guesses sent at once — to one process or to several — cannot all pass a check made
 * before any of them failed. A wrong password leaves the reservation as the failure; a right one
 * (`succeeded`) or a request that failed otherwise (`release`) takes it back. Keys are SHA-256
 * hashes: no e-mail or address is stored. A key holds at most its limit of times (a refused attempt
 * adds none), and rows whose newest failure has left the window are deleted (at most once a minute
 * per process), so strangers' made-up addresses cannot grow it without end.
 */
export interface LoginThrottleLimits {
  /** Failures allowed per e-mail address from one client address in the window (then wait). */
  perEmailClient: number;
  /** Failures allowed per e-mail address from all client addresses together. */
  perEmail: number;
  /** Failures allowed per client address across e-mail addresses: higher, an office shares one. */
  perClient: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  perEmailClient: 10,
  perEmail: 100,
  perClient: 50,
  windowMs: 15 * 60_000,
};

/** A sign-in attempt's place under its keys: give it to `succeeded` or `release`. */
export interface LoginReservation {
  /** The attempt's time, epoch seconds (the database's clock unless a test gave one). */
  at: number;
  keys: { emailClient: string; email: string; client: string };
}

const PRUNE_EVERY_MS = 60_000;

const hashed = (key: string) => createHash('sha256').update(key).digest('hex');

/** Rolls the reserving transaction back when a key refuses; carries the wait out. */
class Refused extends Error {
  constructor(readonly wait: number) {
    super('refused');
  }
}

export class LoginThrottle {
  #prunedAt = 0;

  constructor(readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS) {}

  static emailKey(email: string): string {
    return `email:${email.trim().toLowerCase()}`;
  }

  #keys(email: string, client: string): LoginReservation['keys'] {
    const emailKey = LoginThrottle.emailKey(email);
    return {
      emailClient: hashed(`${emailKey} client:${client}`),
      email: hashed(emailKey),
      client: hashed(`client:${client}`),
    };
  }

  /**
   * Reserves an attempt of `email` from `client`: the reservation, or the whole seconds to wait when
   * any key is at its limit (nothing reserved then). `nowMs` only for tests; else the database's clock.
   */
  async attempt(
    db: Db,
    email: string,
    client: string,
    nowMs?: number,
  ): Promise<{ wait: 0; reservation: LoginReservation } | { wait: number; reservation: null }> {
    await this.#prune(db);
    const keys = this.#keys(email, client);
    const limited: Array<[string, number]> = [
      [keys.emailClient, this.limits.perEmailClient],
      [keys.email, this.limits.perEmail],
      [keys.client, this.limits.perClient],
    ];
    // One order for every process, so two attempts never wait on each other's rows crosswise.
    limited.sort(([a], [b]) => (a < b ? -1 : 1));
    const window = this.limits.windowMs / 1000;
    try {
      const at = await inTransaction(db, async (trx) => {
        const now =
          nowMs === undefined
            ? ((await sql<{ now: number }>`select extract(epoch from clock_timestamp())::float8 as now`.execute(trx))
                .rows[0]?.now ?? Date.now() / 1000)
            : nowMs / 1000;
        let wait = 0;
        for (const [key, limit] of limited) {
          const reserved = await sql<{ key: string }>`
            insert into login_throttle as l (key, times, newest) values (${key}, array[${now}::float8], ${now}::float8)
            on conflict (key) do update
              set times = array(select t from unnest(l.times) t where t > ${now - window}::float8 order by t) || ${now}::float8,
                  newest = ${now}::float8
              where (select count(*) from unnest(l.times) t where t > ${now - window}::float8) < ${limit}
            returning key`.execute(trx);
          if (reserved.rows.length > 0) continue;
          // Full: the oldest failure that still counts leaves the window then.
          const { rows } = await sql<{ t: number }>`
            select t from (select unnest(times) as t from login_throttle where key = ${key}) x
            where t > ${now - window}::float8 order by t desc offset ${limit - 1} limit 1`.execute(trx);
          const leaves = rows[0]?.t;
          if (leaves !== undefined) wait = Math.max(wait, Math.max(1, Math.ceil(leaves + window - now)));
        }
        if (wait > 0) throw new Refused(wait);
        return now;
      });
      return { wait: 0, reservation: { at, keys } };
    } catch (error) {
      if (error instanceof Refused) return { wait: error.wait, reservation: null };
      throw error;
    }
  }

  /**
   * The password was right: the e-mail's count from that client is cleared, and the attempt leaves
   * the other two counts. (Only this client's count: the count from everywhere goes on, or an owner
   * who signs in now and then would reset the budget of someone guessing from many addresses.)
   */
  async succeeded(db: Db, reservation: LoginReservation): Promise<void> {
    await sql`delete from login_throttle where key = ${reservation.keys.emailClient}`.execute(db);
    await this.#unreserve(db, [reservation.keys.email, reservation.keys.client], reservation.at);
  }

  /** The attempt ended before the password said anything (an error): it counts under no key. */
  async release(db: Db, reservation: LoginReservation): Promise<void> {
    const { emailClient, email, client } = reservation.keys;
    await this.#unreserve(db, [emailClient, email, client], reservation.at);
  }

  async #unreserve(db: Db, keys: string[], at: number): Promise<void> {
    // One occurrence only: another attempt may have the same time.
    await sql`update login_throttle
      set times = times[:array_position(times, ${at}::float8) - 1] || times[array_position(times, ${at}::float8) + 1:]
      where key in (${sql.join(keys)}) and array_position(times, ${at}::float8) is not null`.execute(db);
  }

  async #prune(db: Db): Promise<void> {
    const now = Date.now();
    if (now - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = now;
    await sql`delete from login_throttle
      where newest < extract(epoch from clock_timestamp())::float8 - ${this.limits.windowMs / 1000}::float8`.execute(
      db,
    );
  }
}
