import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpDailyRuns, runDaily } from '../../src/collection/daily-run.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { type Actor, decisionHistory, recordDecision } from '../../src/dunning/dunning.service.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';

const user: Actor = { type: 'user', id: null };

describe.each(BACKENDS)('the daily run reads the standing waits only, on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  const decide = (companyId: string, invoiceId: string, nextAction: 'wait' | 'reminder' | null, waitUntil?: string) =>
    inTransaction(db, (trx) =>
      recordDecision(
        trx,
        companyId,
        invoiceId,
        { nextAction, ...(waitUntil ? { waitUntil } : {}), reason: 'test' },
        user,
      ),
    );

  /** The newest decision of every invoice of the company, from the whole log (what the run read before). */
  async function standingFromLog(companyId: string) {
    const rows = await sql<{ invoice_id: string; id: number; wait_until: string | null }>`
      select distinct on (invoice_id) invoice_id, id, case when next_action = 'wait' then wait_until end as wait_until
      from dunning_decisions where company_id = ${companyId} order by invoice_id, id desc`.execute(db);
    return rows.rows
      .map((r) => ({ invoiceId: r.invoice_id, decisionId: Number(r.id), waitUntil: r.wait_until }))
      .sort((a, b) => a.invoiceId.localeCompare(b.invoiceId));
  }
  async function standingKept(companyId: string) {
    const rows = await db
      .selectFrom('dunning_latest_decisions')
      .select(['invoice_id', 'decision_id', 'wait_until'])
      .where('company_id', '=', companyId)
      .execute();
    return rows
      .map((r) => ({ invoiceId: r.invoice_id, decisionId: Number(r.decision_id), waitUntil: r.wait_until }))
      .sort((a, b) => a.invoiceId.localeCompare(b.invoiceId));
  }

  it('ends exactly the waits that stand and are due: superseded, undated and later waits stay; a wait dated before the last run, recorded after it, ends at the next', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const inv = [];
    for (let i = 0; i < 6; i++) inv.push(await makeInvoice(db, company.id, customer.id, 10_000 + i));
    const [due, superseded, undated, later, changedTwice, none] = inv as [
      (typeof inv)[0],
      (typeof inv)[0],
      (typeof inv)[0],
      (typeof inv)[0],
      (typeof inv)[0],
      (typeof inv)[0],
    ];
    await decide(company.id, due.id, 'wait', '2026-04-02');
    await decide(company.id, superseded.id, 'wait', '2026-04-02');
    await decide(company.id, superseded.id, 'reminder'); // the wait no longer stands
    await decide(company.id, undated.id, 'wait');
    await decide(company.id, later.id, 'wait', '2026-04-20');
    await decide(company.id, changedTwice.id, 'wait', '2026-05-01');
    await decide(company.id, changedTwice.id, 'wait', '2026-04-03'); // moved earlier
    void none;
    expect(await standingKept(company.id)).toEqual(await standingFromLog(company.id));

    const first = await runDaily(db, company.id, '2026-04-02');
    expect(first).toMatchObject({ ran: true, expiredWaits: 1 });
    expect((await decisionHistory(db, company.id, due.id))[0]).toMatchObject({ nextAction: null, waitUntil: null });
    expect((await decisionHistory(db, company.id, superseded.id))[0]).toMatchObject({ nextAction: 'reminder' });

    // Recorded after the run of the 2nd, dated the 1st: the run of the 3rd ends it (with the moved one).
    await decide(company.id, none.id, 'wait', '2026-04-01');
    const caught = await catchUpDailyRuns(db, company.id, '2026-04-03');
    expect(caught.map((r) => [r.runDate, r.expiredWaits])).toEqual([['2026-04-03', 2]]);
    for (const i of [none, changedTwice])
      expect((await decisionHistory(db, company.id, i.id))[0]).toMatchObject({
        nextAction: null,
        actorType: 'system',
      });
    expect((await decisionHistory(db, company.id, undated.id))[0]).toMatchObject({
      nextAction: 'wait',
      waitUntil: null,
    });
    expect((await decisionHistory(db, company.id, later.id))[0]).toMatchObject({
      nextAction: 'wait',
      waitUntil: '2026-04-20',
    });
    expect((await runDaily(db, company.id, '2026-04-19')).expiredWaits).toBe(0);
    expect((await runDaily(db, company.id, '2026-04-20')).expiredWaits).toBe(1);
    expect(await standingKept(company.id)).toEqual(await standingFromLog(company.id));
  });

  it('the kept newest decision is the newest id whatever order concurrent writers commit in', async () => {
    const company = await makeCompany(db);
    const customer = await makeCustomer(db, company.id);
    const invoice = await makeInvoice(db, company.id, customer.id, 10_000);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        decide(company.id, invoice.id, i % 2 ? 'reminder' : 'wait', `2026-04-0${i + 1}`),
      ),
    );
    expect(await standingKept(company.id)).toEqual(await standingFromLog(company.id));
  });
});
