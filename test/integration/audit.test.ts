import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, recordAudit, withAuditContext } from '../../src/audit/audit.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { getDunningSettings, updateDunningSettings } from '../../src/dunning/dunning.service.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany } from '../support/fixtures.js';

/*
 * The audit trail (issue 17): one append-only row per change, written in the change's own
 * transaction by `recordAudit` — a change that fails leaves no row, and no row is ever changed.
 */

describe.each(BACKENDS)('the audit trail on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  const rows = async (companyId: string) => (await listAudit(db, companyId, { limit: 100 })).data;

  it('a write that fails after its audit call leaves neither the change nor the row', async () => {
    const company = await makeCompany(db);
    const before = await getDunningSettings(db, company.id);
    const failure = await inTransaction(db, async (trx) => {
      await updateDunningSettings(
        trx,
        company.id,
        { paymentDeadlineDays: before.paymentDeadlineDays + 7 },
        '2026-11-20',
      );
      throw new Error('forced failure after the audit call');
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toBe('forced failure after the audit call');
    expect(await rows(company.id)).toEqual([]);
    expect(await getDunningSettings(db, company.id)).toEqual(before);

    // The same change, committed: its row is there, with who and from where.
    await withAuditContext(
      {
        requestId: 'r-1',
        peerAddress: '203.0.113.7',
        actor: { type: 'user', id: '00000000-0000-4000-8000-000000000000', name: 'x' },
      },
      () =>
        inTransaction(db, (trx) =>
          recordAudit(trx, {
            companyId: company.id,
            kind: 'export.saf_t',
            subjectIds: ['2026-01-01..2026-12-31'],
            actor: { type: 'cli', name: 'innfri CLI (test)' },
            after: { from: '2026-01-01', to: '2026-12-31' },
          }),
        ),
    );
    expect(await rows(company.id)).toEqual([
      expect.objectContaining({
        kind: 'export.saf_t',
        actor: { type: 'cli', id: null, name: 'innfri CLI (test)' },
        requestId: 'r-1',
        peerAddress: '203.0.113.7',
        subjectIds: ['2026-01-01..2026-12-31'],
        before: null,
        after: { from: '2026-01-01', to: '2026-12-31' },
      }),
    ]);
  });

  it('refuses to write outside a transaction', async () => {
    const company = await makeCompany(db);
    const error = await recordAudit(db as never, { companyId: company.id, kind: 'export.list' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/transaction/);
    expect(await rows(company.id)).toEqual([]);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    const company = await makeCompany(db);
    await inTransaction(db, (trx) =>
      recordAudit(trx, { companyId: company.id, kind: 'export.list', after: { list: 'open-items' } }),
    );
    for (const statement of [
      sql`update audit_events set kind = 'export.saf_t' where company_id = ${company.id}`,
      sql`delete from audit_events where company_id = ${company.id}`,
      sql`truncate audit_events`,
    ]) {
      const error = await db
        .transaction()
        .execute((trx) => statement.execute(trx))
        .then(
          () => null,
          (e: unknown) => e as { code?: string; message?: string },
        );
      expect(error?.code).toBe('55000');
      expect(error?.message).toContain('audit_events');
    }
    expect((await rows(company.id)).map((r) => r.kind)).toEqual(['export.list']);
  });
});
