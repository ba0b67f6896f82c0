import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import {
  createAgencyWithCredentials,
  revokeTokens,
  rotateSecret,
  sha256,
} from '../../src/agencies/credential.service.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { AgencyClient } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany } from '../support/fixtures.js';
import { createTestApp, type TestApp, useTestApp } from '../support/http.js';

/**
 * Revocation that bites (issue 12, finding 5): a token revoked, expired in the database, or issued
 * with a secret retired by `rotate-secret --overlap-hours 0` is refused on the very next request by
 * every server process. Two app instances share one database: on PostgreSQL through two connection
 * pools to the same schema (as two server processes would), on PGlite through the one handle.
 */
describe.each(BACKENDS)('token revocation across two instances on %s', (backend) => {
  const ctx = useTestApp(backend);
  let second: DatabaseHandle | null = null;
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    if (ctx.handle.target.kind === 'postgres') second = await openDatabase(ctx.handle.target);
    one = ctx.app;
    two = createTestApp(second?.db ?? ctx.db);
  });
  afterAll(async () => second?.close());

  /** An agency active for a company, signed in on instance one; `on(two)` is the same token on instance two. */
  async function signedInAgency() {
    const credentials = await inTransaction(ctx.db, (trx) =>
      createAgencyWithCredentials(trx, { name: `Tilbakekall Inkasso ${Math.random().toString(36).slice(2, 8)}` }),
    );
    const company = await makeCompany(ctx.db, { name: 'Klient AS', sendsOwnCollectionNotice: false });
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, company.id, credentials.agency.id, { active: true, isDefault: true }, null),
    );
    const client = new AgencyClient(one, credentials.agency.clientId, credentials.clientSecret);
    expect((await client.authenticate()).status).toBe(200);
    const on = (app: TestApp, token = client.token) => {
      const c = new AgencyClient(app, credentials.agency.clientId, credentials.clientSecret);
      c.token = token;
      return c;
    };
    const tokens = () =>
      ctx.db.selectFrom('agency_tokens').select('token_hash').where('agency_id', '=', credentials.agency.id).execute();
    return { credentials, company, client, on, tokens };
  }

  /** Both instances answer the request with `status` (each having answered it before, so nothing is cold). */
  async function expectBoth(clients: AgencyClient[], status: number, label: string) {
    for (const [i, c] of clients.entries()) {
      const res = await c.get('/clients');
      expect(res.status, `${label} on instance ${i + 1}: ${JSON.stringify(res.body)}`).toBe(status);
      if (status === 401) expect(res.body.code).toBe('unauthenticated');
    }
  }

  it('revokeTokens: every token of the agency is refused on the next request by both instances; its secret still signs in', async () => {
    const a = await signedInAgency();
    const first = a.client.token!;
    expect((await a.client.authenticate()).status).toBe(200);
    const later = a.client.token!;
    const users = [a.on(one, first), a.on(two, first), a.on(one, later), a.on(two, later)];
    await expectBoth(users, 200, 'before');
    expect(await a.tokens()).toHaveLength(2);

    const revoked = await inTransaction(ctx.db, (trx) => revokeTokens(trx, a.credentials.agency.clientId));
    expect(revoked).toEqual({ clientId: a.credentials.agency.clientId, tokensRevoked: 2 });
    expect(await a.tokens()).toEqual([]);
    await expectBoth(users, 401, 'after revocation');

    expect((await a.client.authenticate()).status).toBe(200);
    await expectBoth([a.on(one), a.on(two)], 200, 'a new token');
    expect(await a.tokens()).toEqual([{ token_hash: sha256(a.client.token!) }]);
  });

  it('a token that expired in the database is refused on the next request by both instances (no process trusts a copy)', async () => {
    const a = await signedInAgency();
    const users = [a.on(one), a.on(two)];
    await expectBoth(users, 200, 'before');
    await ctx.db
      .updateTable('agency_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', sha256(a.client.token!))
      .execute();
    await expectBoth(users, 401, 'expired');
  });

  it('rotate-secret --overlap-hours 0 revokes the tokens and the old secret at once; with an overlap both keep working', async () => {
    const a = await signedInAgency();
    const clientId = a.credentials.agency.clientId;
    await expectBoth([a.on(one), a.on(two)], 200, 'before');

    const overlapping = await inTransaction(ctx.db, (trx) => rotateSecret(trx, clientId, 24));
    expect(overlapping.tokensRevoked).toBe(0);
    await expectBoth([a.on(one), a.on(two)], 200, 'during an overlap');
    expect((await a.client.authenticate()).status).toBe(200);

    const old = a.client.token!;
    const retired = await inTransaction(ctx.db, (trx) => rotateSecret(trx, clientId, 0));
    expect(retired.tokensRevoked).toBe(2);
    expect(await a.tokens()).toEqual([]);
    await expectBoth([a.on(one, old), a.on(two, old)], 401, 'after retiring');
    // Neither the first secret nor the one of the overlap signs in any more; the new one does, on both.
    expect((await a.client.authenticate()).status).toBe(401);
    expect((await new AgencyClient(two, clientId, overlapping.clientSecret).authenticate()).status).toBe(401);
    const fresh = new AgencyClient(two, clientId, retired.clientSecret);
    expect((await fresh.authenticate()).status).toBe(200);
    await expectBoth([a.on(one, fresh.token), a.on(two, fresh.token)], 200, 'the new secret');
  });

  it('a company that deactivates the agency is gone for it on the next request by both instances; the token goes on for its other clients', async () => {
    const a = await signedInAgency();
    const other = await makeCompany(ctx.db, { name: 'Annen Klient AS', sendsOwnCollectionNotice: false });
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, other.id, a.credentials.agency.id, { active: true }, null),
    );
    for (const c of [a.on(one), a.on(two)]) {
      expect((await c.get(`/clients/${a.company.id}/cases`)).status).toBe(200);
      expect((await c.get(`/clients/${other.id}/cases`)).status).toBe(200);
    }
    await inTransaction(ctx.db, (trx) =>
      setAgencyActivation(trx, a.company.id, a.credentials.agency.id, { active: false }, null),
    );
    for (const [i, c] of [a.on(one), a.on(two)].entries()) {
      expect((await c.get(`/clients/${a.company.id}/cases`)).status, `instance ${i + 1}`).toBe(404);
      expect((await c.get(`/clients/${other.id}/cases`)).status, `instance ${i + 1}`).toBe(200);
      const listed = (await c.get('/clients')).body.data.map((x: { id: string }) => x.id);
      expect(listed).toEqual([other.id]);
    }
  });
});
