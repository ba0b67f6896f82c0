import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createAgencyWithCredentials } from '../../src/agencies/credential.service.js';
import { SETTLEMENT_MAX_BYTES } from '../../src/agency-api/agency-api.schemas.js';
import { inTransaction } from '../../src/db/transaction.js';
import { AgencyClient } from '../support/agency-client.js';
import { BACKENDS } from '../support/db.js';
import { makeCompany } from '../support/fixtures.js';
import { useTestApp } from '../support/http.js';
import { budget } from '../support/progress.js';
import { INVOICES_PER_CASE, seedSet, settlementInput } from '../support/settlement-seed.js';

/*
 * Settlements of any size over HTTP (issue 15): 20 000 principal lines in 200 cases (each case with
 * an interest, fee, cost and VAT line) posted through the agency API and booked as one voucher; a
 * body over the endpoint's limit (with and without a Content-Length) and a body with a bad line
 * deep inside are refused, and nothing is booked.
 */

const LINES = 20_000;

describe.each(BACKENDS)('a large settlement over HTTP on %s', (backend) => {
  const ctx = useTestApp(backend);

  async function world() {
    const db = ctx.db;
    const company = await makeCompany(db, { name: 'Stort Oppgjør AS' });
    const credentials = await inTransaction(db, (trx) => createAgencyWithCredentials(trx, { name: 'Stor Inkasso AS' }));
    const agencyId = credentials.agency.id;
    await sql`insert into agency_activations (company_id, agency_id, active, is_default) values (${company.id}, ${agencyId}, true, true)`.execute(
      db,
    );
    const set = await seedSet(db, company, agencyId, 'T', LINES, { invoice: 0, customer: 10_000 });
    const client = new AgencyClient(ctx.app, credentials.agency.clientId, credentials.clientSecret);
    expect((await client.authenticate()).status).toBe(200);
    const counts = async () =>
      (
        await sql<{ settlements: number; lines: number; vouchers: number; matches: number; open: number }>`
          select (select count(*) from settlements where company_id = ${company.id})::int as settlements,
                 (select count(*) from settlement_lines sl join settlements s on s.id = sl.settlement_id where s.company_id = ${company.id})::int as lines,
                 (select count(*) from vouchers where company_id = ${company.id} and type = 'settlement')::int as vouchers,
                 (select count(*) from matches where company_id = ${company.id})::int as matches,
                 (select count(*) from invoices i join open_items o on o.posting_id = i.posting_id
                   where i.company_id = ${company.id} and o.open_amount <> 0)::int as open`.execute(db)
      ).rows[0]!;
    return { db, company, agencyId, set, client, counts };
  }

  it(
    `posts ${LINES} lines as one voucher, each invoice matched and closed; a bad line deep inside and a body over the limit book nothing`,
    async () => {
      const w = await world();
      const input = settlementInput(w.set);
      const path = `/clients/${w.company.id}/settlements`;
      const nothingBooked = { settlements: 0, lines: 0, vouchers: 0, matches: 0, open: LINES };
      expect(await w.counts()).toEqual(nothingBooked);

      // A malformed line deep in the body: refused naming it, nothing stored.
      const bad = { ...input, lines: input.lines.map((l, i) => (i === 15_000 ? { ...l, amount: -5 } : l)) };
      const refused = await w.client.post(path, bad);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.detail).toMatch(/^body\.lines\.15000\.amount: /);
      expect(refused.body.errors[0].path).toBe('body.lines.15000.amount');
      // A line naming an invoice of another case, deep inside: checked against the ledger, refused naming it.
      const moved = {
        ...input,
        lines: input.lines.map((l, i) => (i === 15_001 ? { ...l, invoiceId: input.lines[0]!.invoiceId } : l)),
      };
      const wrongCase = await w.client.post(path, moved);
      expect(wrongCase.status, JSON.stringify(wrongCase.body)).toBe(400);
      expect(wrongCase.body.detail).toMatch(/^body\.lines\.15001: invoice \d+ is not in case /);
      expect(await w.counts()).toEqual(nothingBooked);

      // Over the endpoint's limit: 413 on the Content-Length, and counted as it streams without one.
      const big = JSON.stringify({ ...input, statement: [{ label: 'Merknad', text: 'x' }] }).replace(
        '"Merknad"',
        `"${'M'.repeat(SETTLEMENT_MAX_BYTES)}"`,
      );
      const tooLarge = await w.client.post(path, big);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(tooLarge.body.code).toBe('payload_too_large');
      const bytes = new TextEncoder().encode(big);
      const streamed = await ctx.app.request(`/agency/v1${path}`, {
        // Node's fetch needs `duplex` for a streamed body.
        method: 'POST',
        headers: { authorization: `Bearer ${w.client.token}`, 'content-type': 'application/json' },
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 1 << 20) controller.enqueue(bytes.subarray(i, i + (1 << 20)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(((await streamed.json()) as { code: string }).code).toBe('payload_too_large');
      expect(await w.counts()).toEqual(nothingBooked);

      // The whole settlement: one voucher, every invoice matched and closed.
      const posted = await w.client.post(path, input);
      expect(posted.status, JSON.stringify(posted.body)?.slice(0, 400)).toBe(201);
      const cases = LINES / INVOICES_PER_CASE;
      expect(posted.body).toMatchObject({ reference: input.reference, status: 'posted', bankAmount: input.bankAmount });
      expect(posted.body.lines).toHaveLength(input.lines.length);
      expect(posted.body.lines[15_000]).toEqual(input.lines[15_000]);
      const postings = posted.body.voucher.postings as Array<{
        account: number;
        amount: number;
        invoiceId: string | null;
      }>;
      expect(postings).toHaveLength(1 + LINES + 4 * cases);
      expect(postings.reduce((s, p) => s + p.amount, 0)).toBe(0);
      expect(postings[0]!.amount).toBe(input.bankAmount);
      // Dr bank, then Cr receivable per principal line in line order (matched to its invoice), then per case.
      const before = input.lines.slice(0, 15_000).filter((l) => l.type === 'principal').length;
      expect(input.lines[15_000]!.type).toBe('principal');
      expect(postings[1 + before]!).toMatchObject({
        invoiceId: input.lines[15_000]!.invoiceId,
        amount: -input.lines[15_000]!.amount,
      });
      expect(posted.body.voucher.number).toMatch(/^2026-\d+$/);
      expect(await w.counts()).toEqual({
        settlements: 1,
        lines: input.lines.length,
        vouchers: 1,
        matches: LINES,
        open: 0,
      });
      const events = await sql<{ n: number; remaining: number }>`
        select count(*)::int as n, coalesce(sum(remaining_amount), 0)::int as remaining from invoice_events
        where company_id = ${w.company.id} and type = 'invoice.settlement' and agency_id = ${w.agencyId}`.execute(w.db);
      expect(events.rows[0]).toEqual({ n: LINES, remaining: 0 });
      const audit = await sql<{ n: number }>`
        select count(*)::int as n from audit_events where company_id = ${w.company.id} and kind = 'settlement.received'`.execute(
        w.db,
      );
      expect(audit.rows[0]!.n).toBe(1);

      // The same body again: the same settlement (200), nothing more booked.
      const again = await w.client.post(path, input);
      expect(again.status).toBe(200);
      expect(again.body.voucherId).toBe(posted.body.voucherId);
      expect(await w.counts()).toEqual({
        settlements: 1,
        lines: input.lines.length,
        vouchers: 1,
        matches: LINES,
        open: 0,
      });
    },
    budget(600_000),
  );
});
