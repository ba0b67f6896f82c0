/**
 * `npm run demo`'s creditor (scripts/demo-activity.ts): its new claims are ones the collection rules
 * let go (so the demo keeps handing over after the first backlog), and its direct payment, credit
 * note and «Avskriv» land on invoices in a case, dated today, each telling the agency in its feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDITOR_TURN, creditorStep } from '../../scripts/demo-activity.js';
import { createAgency, setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createCase } from '../../src/collection/case.service.js';
import { approveAllEligible } from '../../src/collection/handover.service.js';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { inTransaction } from '../../src/db/transaction.js';
import { listInvoiceEvents } from '../../src/ledger/invoice-event.repository.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer } from '../support/fixtures.js';

const TODAY = '2026-11-20';

describe.each(BACKENDS)('the demo creditor on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it('makes claims the rules hand over, then pays, credits and writes off invoices in a case', async () => {
    const company = await makeCompany(db);
    await makeCustomer(db, company.id, { name: 'Skyldner AS' });
    const agency = await inTransaction(db, async (trx) => {
      const a = await createAgency(trx, { name: 'Demo Byrå AS' });
      await setAgencyActivation(trx, company.id, a.id, { active: true, isDefault: true }, null);
      return a;
    });
    // Nothing in a case yet: the three steps during collection have nothing to act on.
    for (const n of [0, 2, 4]) expect(await creditorStep(db, company.id, agency.id, n, TODAY)).toBeNull();

    // Three new claims (steps 1, 3, 5 of the turn): each eligible today, so the rules hand it over.
    const lines = [];
    for (const n of [1, 3, 5]) lines.push(await creditorStep(db, company.id, agency.id, n, TODAY));
    expect(CREDITOR_TURN.filter((a) => a === 'new_claim')).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(/^Creditor: invoice \d+ \(Skyldner AS, kr [\d ]+,\d\d\) overdue since/);
    const approved = await approveAllEligible(db, company.id, agency.id, TODAY);
    expect(approved).toHaveLength(3);
    await inTransaction(db, (trx) =>
      createCase(trx, agency.id, company.id, { caseNumber: 'D-1', invoiceIds: approved.map((a) => a.id) }),
    );

    // The turn's payment, credit note and write-off: on invoices in the case, dated today.
    const done = [];
    for (const n of [6, 8, 10]) done.push(await creditorStep(db, company.id, agency.id, n, TODAY));
    expect(done[0]).toMatch(/^Creditor: direct payment of kr/);
    expect(done[1]).toMatch(/^Creditor: credit note of kr .* \+ 25 % VAT/);
    expect(done[2]).toMatch(/^Creditor: «Avskriv» of kr/);
    const vouchers = await db
      .selectFrom('vouchers')
      .select(['type', 'voucher_date'])
      .where('company_id', '=', company.id)
      .where('type', 'in', ['payment', 'credit_note', 'write_off'])
      .execute();
    expect(vouchers.map((v) => v.type).sort()).toEqual(['credit_note', 'payment', 'write_off']);
    for (const v of vouchers) expect(String(v.voucher_date).slice(0, 10)).toBe(TODAY);
    const events = (await listInvoiceEvents(db, company.id, { after: 0, limit: 100 })).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['invoice.payment', 'invoice.credit_note', 'invoice.write_off']));
  });
});
