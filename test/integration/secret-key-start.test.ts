import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/agencies/agency.service.js';
import { subscribeWebhook } from '../../src/agencies/webhook.service.js';
import { inTransaction } from '../../src/db/transaction.js';
import { startServer } from '../../src/server.js';
import { putMailSettings } from '../../src/mail/mail.service.js';
import { makeCompany } from '../support/fixtures.js';

/** The server will not start in a state where it could not sign: a malformed key, or sealed secrets and no key. */
describe('INNFRI_SECRET_KEY at start-up', () => {
  const dirs: string[] = [];
  const before = process.env.INNFRI_SECRET_KEY;
  afterEach(() => {
    if (before === undefined) delete process.env.INNFRI_SECRET_KEY;
    else process.env.INNFRI_SECRET_KEY = before;
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('refuses a malformed key, and refuses to start without the key once secrets are sealed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'innfri-secret-key-'));
    dirs.push(dataDir);
    const start = () => startServer({ target: { kind: 'pglite', dataDir }, port: 0, webhooks: false });

    process.env.INNFRI_SECRET_KEY = 'too-short';
    await expect(start()).rejects.toThrow(/32 random bytes in base64/);

    process.env.INNFRI_SECRET_KEY = randomBytes(32).toString('base64');
    const server = await start();
    const agency = await inTransaction(server.database.db, (trx) => createAgency(trx, { name: 'Nøkkel Inkasso AS' }));
    await inTransaction(server.database.db, (trx) =>
      subscribeWebhook(
        trx,
        agency.id,
        { url: 'https://hooks.example.invalid/x', secret: `whsec_${randomBytes(24).toString('base64')}` },
        { allowPrivate: true },
      ),
    );
    await server.close();

    delete process.env.INNFRI_SECRET_KEY;
    await expect(start()).rejects.toThrow(/sealed: start with the INNFRI_SECRET_KEY/);
  });

  it('refuses to start without the key once an SMTP password is sealed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'innfri-secret-key-mail-'));
    dirs.push(dataDir);
    const start = () => startServer({ target: { kind: 'pglite', dataDir }, port: 0, webhooks: false, mail: false });
    process.env.INNFRI_SECRET_KEY = randomBytes(32).toString('base64');
    const server = await start();
    const company = await makeCompany(server.database.db);
    await inTransaction(server.database.db, (trx) =>
      putMailSettings(
        trx,
        company.id,
        {
          host: 'smtp.example.no',
          port: 587,
          tlsMode: 'starttls',
          username: 'innfri',
          password: 'hemmelig-passord',
          fromAddress: 'purring@example.no',
        },
        null,
      ),
    );
    await server.close();
    delete process.env.INNFRI_SECRET_KEY;
    await expect(start()).rejects.toThrow(/sealed: start with the INNFRI_SECRET_KEY/);
  });
});
