import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { SettlementInput } from '../../src/collection/settlement.service.js';
import type { SettlementLine } from '../../src/collection/settlement.table.js';
import type { Db } from '../../src/db/database.js';
import { kidForInvoice } from '../../src/formats/kid.js';
import { ore } from '../../src/shared/money.js';
import type { Company } from '../../src/tenancy/company.js';

/*
 * Settlements of many lines, for the settlement benchmark and the large-settlement tests: invoices
 * seeded in bulk by SQL in cases of an agency (each case one customer's, every invoice in_case),
 * and the settlement that pays them all.
 */

export const INVOICES_PER_CASE = 100;
/** Invoices per seeding transaction, at most (whole cases). */
const SEED_BATCH = 5_000;
const ISSUE_DATE = '2025-10-01';
const DUE_DATE = '2025-10-15';
export const SETTLEMENT_DATE = '2026-03-02';

/** One settlement's invoices, in their cases: seeded in a fresh database, posted once. */
export interface SettlementSet {
  tag: string;
  cases: Array<{
    id: string;
    number: string;
    customerId: string;
    customerNumber: number;
    invoices: Array<{ id: string; voucherId: string; number: number; total: number }>;
  }>;
  lines: number;
}

/** Every invoice of the set paid in full, and per case interest, a fee, the agency's cost and its VAT. */
export function settlementInput(set: SettlementSet): SettlementInput {
  const lines: SettlementLine[] = [];
  for (const [k, c] of set.cases.entries()) {
    for (const inv of c.invoices)
      lines.push({ caseNumber: c.number, invoiceId: inv.id, type: 'principal', amount: ore(inv.total) });
    lines.push(
      { caseNumber: c.number, type: 'interest', amount: ore(1_500 + k) },
      { caseNumber: c.number, type: 'fee', amount: ore(3_500) },
      { caseNumber: c.number, type: 'cost', amount: ore(10_000) },
      { caseNumber: c.number, type: 'vat', amount: ore(2_500) },
    );
  }
  const sign: Record<SettlementLine['type'], number> = { principal: 1, interest: 1, fee: 1, cost: -1, vat: -1 };
  const bankAmount = lines.reduce((total, l) => total + sign[l.type] * l.amount, 0);
  return {
    reference: `S-${set.tag}`,
    settlementDate: SETTLEMENT_DATE,
    bankAmount: ore(bankAmount),
    lines,
    statement: { bench: true, cases: set.cases.length, lines: lines.length },
  };
}

/**
 * A settlement's invoices (totals 100–5 100 kr), in cases of INVOICES_PER_CASE, each case one
 * customer's; seeded whole cases at a time, up to SEED_BATCH invoices to a transaction.
 */
export async function seedSet(
  db: Db,
  company: Company,
  agencyId: string,
  tag: string,
  lines: number,
  numbers: { invoice: number; customer: number },
  /** Told how many invoices are seeded so far (a benchmark's progress line). */
  progress?: ((done: number) => void) | null,
): Promise<SettlementSet> {
  const set: SettlementSet = { tag, cases: [], lines };
  for (let k = 0; k * INVOICES_PER_CASE < lines; k++) {
    const size = Math.min(INVOICES_PER_CASE, lines - k * INVOICES_PER_CASE);
    numbers.customer += 1;
    set.cases.push({
      id: randomUUID(),
      number: `${tag}-K${k + 1}`,
      customerId: randomUUID(),
      customerNumber: numbers.customer,
      invoices: Array.from({ length: size }, () => {
        numbers.invoice += 1;
        const number = numbers.invoice;
        return { id: randomUUID(), voucherId: randomUUID(), number, total: 10_000 + ((number * 7919) % 500_000) };
      }),
    });
  }
  let done = 0;
  for (let i = 0; i < set.cases.length; ) {
    const batch: SettlementSet['cases'] = [];
    let count = 0;
    while (i < set.cases.length && (batch.length === 0 || count + set.cases[i]!.invoices.length <= SEED_BATCH)) {
      count += set.cases[i]!.invoices.length;
      batch.push(set.cases[i++]!);
    }
    await seedBatch(db, company, agencyId, batch);
    done += count;
    progress?.(done);
  }
  await sql`
    insert into number_series (company_id, series, year, last_value)
    values (${company.id}, 'voucher', 2025, ${numbers.invoice}), (${company.id}, 'invoice', 0, ${numbers.invoice}), (${company.id}, 'customer', 0, ${numbers.customer})
    on conflict (company_id, series, year) do update set last_value = excluded.last_value`.execute(db);
  return set;
}

async function seedBatch(db: Db, company: Company, agencyId: string, cases: SettlementSet['cases']): Promise<void> {
  const companyId = company.id;
  const { receivable, salesVat0 } = company.accounts;
  const invoices = cases.flatMap((c) => c.invoices.map((inv) => ({ ...inv, c })));
  const inv = {
    id: invoices.map((x) => x.id),
    voucherId: invoices.map((x) => x.voucherId),
    number: invoices.map((x) => x.number),
    total: invoices.map((x) => x.total),
    customerId: invoices.map((x) => x.c.customerId),
    caseId: invoices.map((x) => x.c.id),
    kid: invoices.map((x) => kidForInvoice(x.c.customerNumber, x.number, company.kidAlgorithm)),
  };
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into customers (company_id, id, customer_number, type, name, city)
      select ${companyId}::uuid, u.id, u.number, 'company', 'Skyldner ' || u.number || ' AS', 'Bergen'
      from unnest(${cases.map((c) => c.customerId)}::uuid[], ${cases.map((c) => c.customerNumber)}::int[]) as u(id, number)`.execute(
      trx,
    );
    await sql`
      insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
      select ${companyId}::uuid, u.id, 2025, u.number, 'invoice', ${ISSUE_DATE}::date, 'Faktura ' || u.number
      from unnest(${inv.voucherId}::uuid[], ${inv.number}::int[]) as u(id, number)`.execute(trx);
    await sql`
      insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, invoice_id, due_date, description)
      select ${companyId}::uuid, u.voucher_id, l.line_no, l.account, l.amount, l.customer_id, l.invoice_id, l.due_date, l.description
      from unnest(${inv.voucherId}::uuid[], ${inv.id}::uuid[], ${inv.customerId}::uuid[], ${inv.total}::bigint[], ${inv.number}::int[])
        as u(voucher_id, invoice_id, customer_id, total, number)
      cross join lateral (values
        (1, ${receivable}::int, u.total, u.customer_id, u.invoice_id, ${DUE_DATE}::date, 'Faktura ' || u.number),
        (2, ${salesVat0}::int, -u.total, null::uuid, null::uuid, null::date, 'Salg uten mva')
      ) as l(line_no, account, amount, customer_id, invoice_id, due_date, description)`.execute(trx);
    await sql`
      insert into invoices (company_id, id, invoice_number, customer_id, issue_date, due_date, kid, net_amount, vat_amount, total_amount, vat_breakdown, description, voucher_id, posting_id)
      select ${companyId}::uuid, u.id, u.number, u.customer_id, ${ISSUE_DATE}::date, ${DUE_DATE}::date, u.kid, u.total, 0, u.total,
             jsonb_build_array(jsonb_build_object('rate', 0, 'netAmount', u.total, 'vatAmount', 0)), 'Arbeid', u.voucher_id, p.id
      from unnest(${inv.id}::uuid[], ${inv.number}::int[], ${inv.customerId}::uuid[], ${inv.kid}::text[], ${inv.total}::bigint[], ${inv.voucherId}::uuid[])
        as u(id, number, customer_id, kid, total, voucher_id)
      join postings p on p.voucher_id = u.voucher_id and p.line_no = 1`.execute(trx);
    await sql`
      insert into cases (company_id, id, agency_id, case_number, customer_id, status, state)
      select ${companyId}::uuid, u.id, ${agencyId}::uuid, u.number, u.customer_id, 'registered', 'open'
      from unnest(${cases.map((c) => c.id)}::uuid[], ${cases.map((c) => c.number)}::text[], ${cases.map((c) => c.customerId)}::uuid[]) as u(id, number, customer_id)`.execute(
      trx,
    );
    await sql`
      insert into handovers (company_id, invoice_id, agency_id, state, approved_at, approval, case_id)
      select ${companyId}::uuid, u.invoice_id, ${agencyId}::uuid, 'in_case', now(), 'operator', u.case_id
      from unnest(${inv.id}::uuid[], ${inv.caseId}::uuid[]) as u(invoice_id, case_id)`.execute(trx);
  });
}
