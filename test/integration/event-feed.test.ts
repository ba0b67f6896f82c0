import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.js';
import { beforeCommit, inTransaction } from '../../src/db/transaction.js';
import { setAgencyActivation } from '../../src/agencies/agency.service.js';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { agencyEvents } from '../../src/agencies/feed.read-model.js';
import { approveHandover, sendToCollection } from '../../src/collection/handover.service.js';
import { listInvoiceEvents } from '../../src/ledger/invoice-event.repository.js';
import { unmatch } from '../../src/ledger/match.service.js';
import { createCreditNote } from '../../src/sales/credit-note.service.js';
import { registerPayment } from '../../src/sales/payment.service.js';
import { writeOffInvoice } from '../../src/sales/write-off.service.js';
import { ore } from '../../src/shared/money.js';
import { BACKENDS, freshDatabase } from '../support/db.js';
import { makeCompany, makeCustomer, makeInvoice } from '../support/fixtures.js';
import { TEST_TODAY } from '../support/http.js';
import { budget } from '../support/progress.js';

const WRITERS = 8;
const ROUNDS = 12;
const COMPANIES = 8;
const COMPANY_ROUNDS = 6;
const system = { type: 'user' as const, id: null };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The feed guarantee: a reader paging with `after` sees every event exactly once, in order, while
 * many writers commit concurrently. Writers hold their transactions open for random times after
 * their events are written, so commit order differs from start order.
 */
describe.each(BACKENDS)('invoice event feed on %s', (backend) => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await freshDatabase(backend, WRITERS + 4);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it(
    `${WRITERS} concurrent writers, one paging reader: every event seen exactly once, in order`,
    async () => {
      const company = await makeCompany(db);
      const invoicesPerWriter = await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const customer = await makeCustomer(db, company.id, { name: `Kunde ${w}` });
          const list = [];
          for (let i = 0; i < ROUNDS; i++) list.push(await makeInvoice(db, company.id, customer.id, 100_000));
          return list;
        }),
      );

      let writing = true;
      const seen: number[] = [];
      const reader = (async () => {
        let after = 0;
        for (;;) {
          const done = !writing; // decided before reading, so the last page is read after every commit
          const page = await listInvoiceEvents(db, company.id, { after, limit: 7 });
          for (const e of page) {
            expect(e.position).toBeGreaterThan(after);
            seen.push(e.position);
            after = e.position;
          }
          if (done && page.length === 0) return;
          if (page.length === 0) await sleep(1);
        }
      })();

      const writers = invoicesPerWriter.map(async (invoices, w) => {
        for (const [i, invoice] of invoices.entries()) {
          await inTransaction(db, async (trx) => {
            // Each writer does something different: payments, credit notes, write-offs, unmatching.
            if ((i + w) % 4 === 0) {
              await writeOffInvoice(
                trx,
                company.id,
                invoice.id,
                { date: '2026-04-01', amount: ore(1_000), reason: 'test' },
                null,
              );
            } else if ((i + w) % 4 === 1) {
              await createCreditNote(
                trx,
                company.id,
                invoice.id,
                {
                  issueDate: '2026-04-01',
                  lines: [{ description: 'x', quantity: 1, unitPrice: ore(800), vatRate: 25 }],
                },
                null,
              );
            } else {
              const p = await registerPayment(
                trx,
                company.id,
                { kid: invoice.kid, amount: ore(2_000 + w), paymentDate: '2026-04-01' },
                null,
              );
              await registerPayment(
                trx,
                company.id,
                { invoiceId: invoice.id, amount: ore(500), paymentDate: '2026-04-01' },
                null,
              );
              if (i % 3 === 0) {
                const match = await trx
                  .selectFrom('matches')
                  .select('id')
                  .where('credit_posting_id', '=', p.entryId)
                  .executeTakeFirstOrThrow();
                await unmatch(trx, company.id, match.id, null);
              }
            }
            // Hold the transaction open after the events are written: commit order ≠ start order.
            beforeCommit(trx, 'hold', () => sleep(Math.floor(Math.random() * 4)), 'end');
          });
        }
      });
      await Promise.all(writers);
      writing = false;
      await reader;

      const stored = await db
        .selectFrom('invoice_events')
        .select('company_position')
        .where('company_id', '=', company.id)
        .orderBy('company_position')
        .execute();
      const positions = stored.map((s) => s.company_position!);
      expect(stored.length).toBeGreaterThan(WRITERS * ROUNDS);
      expect(seen).toEqual(positions); // each once, none missed, in order
      // Positions are handed out under the company's counter row, so they are also contiguous.
      expect(positions).toEqual(positions.map((_, i) => 1 + i));
    },
    budget(120_000),
  );

  it(
    `${COMPANIES} companies writing at once, all handed to one agency: each company's list and the agency's feed each see every event exactly once, in order`,
    async () => {
      const agency = (await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Felles Inkasso AS' })))
        .agency;
      const companies = await Promise.all(
        Array.from({ length: COMPANIES }, async (_, c) => {
          const company = await makeCompany(db, { name: `Samtidig ${c} AS`, sendsOwnCollectionNotice: false });
          await inTransaction(db, (trx) =>
            setAgencyActivation(trx, company.id, agency.id, { active: true, isDefault: true }, null),
          );
          const customer = await makeCustomer(db, company.id, { name: `Skyldner ${c}` });
          const invoices = [];
          for (let i = 0; i < COMPANY_ROUNDS; i++) {
            const invoice = await makeInvoice(db, company.id, customer.id, 100_000, {
              issueDate: '2026-09-01',
              dueDate: '2026-09-15',
            });
            // Every other invoice goes to the agency: its events are in the agency's feed too.
            if (i % 2 === 0)
              await inTransaction(db, async (trx) => {
                const draft = await sendToCollection(
                  trx,
                  company.id,
                  invoice.id,
                  { agencyId: agency.id, today: TEST_TODAY },
                  system,
                );
                await approveHandover(trx, company.id, draft.id, system);
              });
            invoices.push(invoice);
          }
          return { company, invoices };
        }),
      );

      let writing = true;
      const readCompany = async (companyId: string) => {
        const seen: number[] = [];
        let after = 0;
        for (;;) {
          const done = !writing;
          const page = await listInvoiceEvents(db, companyId, { after, limit: 5 });
          for (const e of page) {
            expect(e.position).toBeGreaterThan(after);
            seen.push(e.position);
            after = e.position;
          }
          if (done && page.length === 0) return seen;
          if (page.length === 0) await sleep(1);
        }
      };
      const readAgency = async () => {
        const seen: { id: number; invoiceId: string; remaining: number }[] = [];
        let after = 0;
        for (;;) {
          const done = !writing;
          const page = await agencyEvents(db, agency.id, { after, limit: 6 });
          for (const e of page) {
            expect(Number(e.id)).toBeGreaterThan(after);
            seen.push({ id: Number(e.id), invoiceId: e.invoiceId, remaining: e.remainingAmount });
            after = Number(e.id);
          }
          if (done && page.length === 0) return seen;
          if (page.length === 0) await sleep(1);
        }
      };
      const readers = Promise.all([Promise.all(companies.map((c) => readCompany(c.company.id))), readAgency()]);

      await Promise.all(
        companies.map(async ({ company, invoices }) => {
          for (const invoice of invoices)
            for (let k = 0; k < 2; k++)
              await inTransaction(db, async (trx) => {
                await registerPayment(
                  trx,
                  company.id,
                  { kid: invoice.kid, amount: ore(1_000 + k), paymentDate: '2026-10-01' },
                  null,
                );
                beforeCommit(trx, 'hold', () => sleep(Math.floor(Math.random() * 4)), 'end');
              });
        }),
      );
      writing = false;
      const [companySeen, agencySeen] = await readers;

      for (const [c, { company, invoices }] of companies.entries()) {
        const stored = await db
          .selectFrom('invoice_events')
          .select('company_position')
          .where('company_id', '=', company.id)
          .where('reissue_of', 'is', null)
          .orderBy('company_position')
          .execute();
        const positions = stored.map((s) => s.company_position!);
        expect(positions.length).toBe(invoices.length * 2 + invoices.length / 2); // 2 payments each, and the handovers' "available"
        expect(companySeen[c]).toEqual(positions); // each once, none missed, in order
        expect(positions).toEqual(positions.map((_, i) => 1 + i)); // per company, contiguous
      }
      const feed = await db
        .selectFrom('invoice_events')
        .select(['feed_position', 'invoice_id', 'remaining_amount'])
        .where('agency_id', '=', agency.id)
        .orderBy('feed_position')
        .execute();
      expect(feed.length).toBe(COMPANIES * (COMPANY_ROUNDS / 2) * 3);
      expect(agencySeen.map((e) => e.id)).toEqual(feed.map((f) => f.feed_position)); // each once, in order
      expect(feed.map((f) => f.feed_position)).toEqual(feed.map((_, i) => 1 + i)); // per agency, contiguous
      // In commit order per invoice: each payment leaves less open than the event before it.
      const last = new Map<string, number>();
      for (const e of agencySeen) {
        const before = last.get(e.invoiceId);
        if (before !== undefined) expect(e.remaining).toBeLessThan(before);
        last.set(e.invoiceId, e.remaining);
      }
    },
    budget(180_000),
  );

  it.runIf(backend === 'postgres')(
    'control: positions taken from a sequence outside the lock can be skipped by a reader',
    async () => {
      // Shows what the counter rows' locks prevent: with a plain sequence, a transaction that took a
      // smaller number but commits later is skipped by a reader that already moved past it.
      await sql`create table naive_events (position bigserial primary key)`.execute(db);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let firstInserted!: () => void;
      const inserted = new Promise<void>((r) => (firstInserted = r));
      const slow = db.transaction().execute(async (trx) => {
        await sql`insert into naive_events default values`.execute(trx); // takes position 1
        firstInserted();
        await held; // commits last
      });
      await inserted;
      await sql`insert into naive_events default values`.execute(db); // position 2, committed at once
      const firstRead = await sql<{
        position: number;
      }>`select position from naive_events where position > 0 order by position`.execute(db);
      release();
      await slow;
      const secondRead = await sql<{
        position: number;
      }>`select position from naive_events where position > ${firstRead.rows.at(-1)!.position} order by position`.execute(
        db,
      );
      const seen = [...firstRead.rows, ...secondRead.rows].map((r) => r.position);
      expect(seen).toEqual([2]); // position 1 was never seen
      await sql`drop table naive_events`.execute(db);
    },
  );
});
