/**
 * The working lists' search (issue 18): a company with 1 000 invoices against one with 100 000
 * (10 000 with --quick), customers a tenth of the invoices in each, searched on Fakturaer
 * (`listInvoices`), Innbetalinger's shape aside, Reskontro (`listOpenItems`) and the reminder list
 * by invoice number, KID, customer name and amount. Aim: the big company within 2× of the small.
 * Seeded by SQL (bench/support.ts), then ANALYZE as the server does after start-up.
 */
import { randomUUID } from 'node:crypto';
import { type Db, refreshStatistics } from '../src/db/database.js';
import { reminderList } from '../src/dunning/dunning.service.js';
import { listOpenItems } from '../src/ledger/open-item.service.js';
import { listInvoices } from '../src/sales/invoice.service.js';
import { parseListSearch } from '../src/shared/search.js';
import type { Company } from '../src/tenancy/company.js';
import { makeCompany } from '../test/support/fixtures.js';
import {
  type BenchOptions,
  type BenchResult,
  type BulkInvoices,
  fillNumberSeries,
  fmt,
  insertBulkCustomers,
  insertInvoicePostings,
  insertInvoiceRows,
  insertInvoiceVouchers,
  log,
  type Metric,
  median,
  now,
  openBenchDatabase,
  Progress,
  table,
} from './support.js';

const RUNS = 30;
const WARMUP = 5;
const TODAY = '2026-11-20';
const BATCH = 1_000;

interface Sized {
  company: Company;
  invoices: number;
}

async function seed(db: Db, name: string, invoices: number): Promise<Sized> {
  const company = await makeCompany(db, { name });
  const customerIds = await insertBulkCustomers(db, company.id, Math.max(10, invoices / 10), 'Bergen');
  const progress = new Progress(`seeding ${invoices} invoices`, invoices);
  for (let start = 1; start <= invoices; start += BATCH) {
    const inv: BulkInvoices = {
      id: [],
      voucherId: [],
      number: [],
      customerId: [],
      kid: [],
      issue: [],
      due: [],
      net: [],
      vat: [],
      year: [],
      voucherNumber: [],
    };
    for (let n = start; n < Math.min(invoices + 1, start + BATCH); n++) {
      const net = 10_000 + ((n * 7919) % 900_000);
      inv.id.push(randomUUID());
      inv.voucherId.push(randomUUID());
      inv.number.push(n);
      inv.customerId.push(customerIds[(n * 31) % customerIds.length]!);
      inv.kid.push(`9${String(n).padStart(9, '0')}`);
      inv.issue.push('2026-06-01');
      inv.due.push(n % 3 === 0 ? '2026-12-15' : '2026-06-15');
      inv.net.push(net);
      inv.vat.push(Math.round(net / 4));
      inv.year.push(2026);
      inv.voucherNumber.push(n);
    }
    await db.transaction().execute(async (trx) => {
      await insertInvoiceVouchers(trx, company.id, inv);
      const entries = await insertInvoicePostings(trx, company, inv);
      const entryOf = new Map(entries.map((r) => [r.invoice_id, r.id]));
      await insertInvoiceRows(
        trx,
        company.id,
        inv,
        inv.id.map((id) => entryOf.get(id)!),
      );
    });
    progress.update(Math.min(invoices, start + BATCH - 1));
  }
  await fillNumberSeries(db, company.id, invoices);
  return { company, invoices };
}

export async function searchBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const small = 1_000;
  const big = options.quick ? 10_000 : 100_000;
  log(`\n[search] companies with ${small} and ${big} invoices (customers a tenth); median of ${RUNS}`);
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const sizes = [await seed(db, 'Liten Søk AS', small), await seed(db, 'Stor Søk AS', big)];
    await refreshStatistics(db);

    // The same searches in both: an invoice number and a KID both have, a customer's name
    // («Kunde 7 AS»: one customer, matched by ILIKE over the company's customers), an amount.
    const net777 = 10_000 + ((777 * 7919) % 900_000);
    const total777 = net777 + Math.round(net777 / 4);
    const searches: Array<{ label: string; q: string }> = [
      { label: 'invoice number', q: '777' },
      { label: 'KID', q: `9${String(777).padStart(9, '0')}` },
      { label: 'customer name', q: 'kunde 7 as' },
      { label: 'amount (kr)', q: `${Math.floor(total777 / 100)},${String(total777 % 100).padStart(2, '0')}` },
    ];
    const lists: Array<{ label: string; run: (s: Sized, q: string) => Promise<unknown[]> }> = [
      {
        label: 'Fakturaer',
        run: (s, q) => listInvoices(db, s.company.id, { limit: 50, today: TODAY, search: parseListSearch(q) }),
      },
      {
        label: 'Reskontro',
        run: (s, q) => listOpenItems(db, s.company.id, { limit: 50, search: parseListSearch(q) }),
      },
      {
        label: 'Purreliste',
        run: async (s, q) =>
          (await reminderList(db, s.company.id, { today: TODAY, limit: 50, search: parseListSearch(q) })).items,
      },
    ];
    const rows: string[][] = [];
    const metrics: Metric[] = [];
    const details: Record<string, unknown> = {};
    for (const list of lists) {
      for (const search of searches) {
        const ms: number[] = [];
        const found: number[] = [];
        for (const s of sizes) {
          const found1 = (await list.run(s, search.q)).length;
          found.push(found1);
          for (let i = 0; i < WARMUP; i++) await list.run(s, search.q);
          const times: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const t0 = now();
            await list.run(s, search.q);
            times.push(now() - t0);
          }
          ms.push(median(times));
        }
        const ratio = ms[1]! / ms[0]!;
        rows.push([
          `${list.label} · ${search.label}`,
          `${found[0]} / ${found[1]}`,
          fmt(ms[0]!, 'ms'),
          fmt(ms[1]!, 'ms'),
          fmt(ratio, '×'),
        ]);
        metrics.push({
          name: `${list.label} by ${search.label}: ${big} vs ${small} invoices`,
          value: ratio,
          unit: '×',
          aim: '<= 2',
          met: ratio <= 2,
        });
        details[`${list.label}:${search.label}`] = { q: search.q, found, medianMs: ms };
      }
    }
    log(table(['list · search', 'rows (small / big)', `${small} ms`, `${big} ms`, 'ratio'], rows));
    return {
      name: 'search',
      title: `Search on the working lists: ${big} vs ${small} invoices`,
      seconds: (now() - started) / 1000,
      metrics,
      details,
    };
  } finally {
    await handle.close();
  }
}
