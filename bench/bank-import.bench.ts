/**
 * The bank import: a camt.054 of N KID payments imported through the service (read, record, match,
 * book) against a raw-SQL baseline that writes the same rows — a bank entry, a payment voucher with
 * its two postings, the payment, its match and its invoice event — a hundred payments to a
 * transaction, as the import commits. And the reader's memory: the peak heap while reading a file of
 * 10 000 and of 100 000 entries (the reader keeps only the entry it reads, so the ratio should be
 * near 1).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { camtChunks, type FixtureEntry } from '../src/bank/bank-file.fixtures.js';
import { readBankFile } from '../src/bank/bank-file-reader.js';
import { importBankFile } from '../src/bank/bank-import.service.js';
import type { Db } from '../src/db/database.js';
import { inTransaction } from '../src/db/transaction.js';
import { createInvoice, type InvoiceSummary } from '../src/sales/invoice.service.js';
import { ore } from '../src/shared/money.js';
import { makeCompany, makeCustomer } from '../test/support/fixtures.js';
import type { Company } from '../src/tenancy/company.js';
import { type BenchOptions, type BenchResult, log, now, openBenchDatabase } from './support.js';

const DATE = '2026-03-20';
const INVOICES = 200;
const PAY = 100; // øre a payment: the invoices never run out of open amount

function entries(invoices: InvoiceSummary[], n: number, prefix: string): Generator<FixtureEntry> {
  return (function* () {
    for (let i = 0; i < n; i++)
      yield { ref: `${prefix}${i}`, bookingDate: DATE, amount: PAY, kid: invoices[i % invoices.length]!.kid };
  })();
}

async function* bytes(chunks: Iterable<string>): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  let buffer = '';
  for (const c of chunks) {
    buffer += c;
    if (buffer.length >= 64 * 1024) {
      yield enc.encode(buffer);
      buffer = '';
    }
  }
  if (buffer) yield enc.encode(buffer);
}

/** Peak heap (MB above the start) while reading a generated camt.054 of `n` entries, and the file's size. */
async function readingPeak(account: string, invoices: InvoiceSummary[], n: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let count = 0;
  let size = 0;
  const source = async function* () {
    for await (const b of bytes(camtChunks({ message: '054', version: '08', account }, entries(invoices, n, 'M')))) {
      size += b.length;
      yield b;
    }
  };
  // With --expose-gc (NODE_OPTIONS=--expose-gc npm run bench -- bank-import) the heap is sampled
  // after a collection: what the reader keeps. Without it the samples include garbage not yet
  // collected, which grows with the time between collections rather than with what is kept.
  const gc = (globalThis as { gc?: () => void }).gc;
  for await (const item of readBankFile(source())) {
    if (item.kind === 'transaction' && ++count % 2000 === 0) {
      gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  }
  return { peakMb: peak / 2 ** 20, sizeMb: size / 2 ** 20, count };
}

/** The same rows as an imported KID payment, by hand, a hundred to a transaction. */
async function rawImport(db: Db, company: Company, invoices: InvoiceSummary[], n: number): Promise<void> {
  const { bank, receivable } = company.accounts;
  const year = Number(DATE.slice(0, 4));
  const importId = randomUUID();
  await sql`insert into bank_imports (company_id, id, file_hash, format, status)
    values (${company.id}, ${importId}, ${randomUUID()}, 'camt.054.001.08', 'booking')`.execute(db);
  for (let start = 0; start < n; start += 100) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(n, start + 100); i++) {
        const invoice = invoices[i % invoices.length]!;
        const voucherId = randomUUID();
        const label = `Innbetaling faktura ${invoice.invoiceNumber}`;
        await sql`
          with n as (
            update number_series set last_value = last_value + 1
            where company_id = ${company.id} and series = 'voucher' and year = ${year} returning last_value)
          insert into vouchers (company_id, id, fiscal_year, number, type, voucher_date, description)
          select ${company.id}, ${voucherId}, ${year}, n.last_value, 'payment', ${DATE}, ${label} from n`.execute(trx);
        const credit = await sql<{ id: number }>`
          insert into postings (company_id, voucher_id, line_no, account, amount, customer_id, description)
          values (${company.id}, ${voucherId}, 1, ${bank}, ${PAY}, null, ${label}),
                 (${company.id}, ${voucherId}, 2, ${receivable}, ${-PAY}, ${invoice.customerId}, ${label})
          returning id`.execute(trx);
        const creditId = credit.rows.at(-1)!.id;
        await sql`
          with pay as (
            insert into payments (company_id, customer_id, invoice_id, kid, amount, payment_date, voucher_id, posting_id)
            values (${company.id}, ${invoice.customerId}, ${invoice.id}, ${invoice.kid}, ${PAY}, ${DATE}, ${voucherId}, ${creditId})
            returning id),
          entry as (
            insert into bank_entries (company_id, import_id, seq, line, entry_key, account, booking_date, amount, currency,
              direction, reversal, kid, state, rule, payment_id, voucher_id, invoice_id, matched_amount)
            select ${company.id}, ${importId}, ${i + 1}, 0, ${`R${i}`}, ${company.bankAccount}, ${DATE}, ${PAY}, 'NOK',
              'credit', false, ${invoice.kid}, 'booked', 'kid', pay.id, ${voucherId}, ${invoice.id}, ${PAY} from pay),
          m as (
            insert into matches (company_id, debit_posting_id, credit_posting_id, amount)
            values (${company.id}, ${invoice.receivableEntryId}, ${creditId}, ${PAY}) returning id),
          e as (
            insert into company_event_counters as k (company_id, last_position) values (${company.id}, 1)
            on conflict (company_id) do update set last_position = k.last_position + 1 returning last_position)
          insert into invoice_events (company_position, company_id, invoice_id, type, voucher_id, voucher_type, match_id, amount, remaining_amount)
          select e.last_position, ${company.id}, ${invoice.id}, 'invoice.payment', ${voucherId}, 'payment', m.id, ${PAY}, 0 from m, e`.execute(
          trx,
        );
      }
    });
  }
}

export async function bankImportBench(options: BenchOptions): Promise<BenchResult> {
  const started = now();
  const n = options.quick ? 2_000 : 100_000;
  log(`\n[bank-import] a camt.054 of ${n} KID payments: the import against raw SQL of the same rows`);
  const handle = await openBenchDatabase(options);
  try {
    const { db } = handle;
    const company = await makeCompany(db, { name: 'Bench Bank AS' });
    const customer = await makeCustomer(db, company.id, { name: 'Innbetaler AS' });
    const invoices = await inTransaction(db, async (trx) => {
      const out: InvoiceSummary[] = [];
      for (let i = 0; i < INVOICES; i++)
        out.push(
          await createInvoice(
            trx,
            company.id,
            {
              customerId: customer.id,
              issueDate: '2026-03-01',
              dueDate: '2026-03-15',
              lines: [{ description: 'Arbeid', quantity: 1, unitPrice: ore(100_000_000), vatRate: 25 }],
            },
            null,
          ),
        );
      return out;
    });

    // memory first, on a quiet heap
    const small = await readingPeak(company.bankAccount, invoices, 10_000);
    const large = await readingPeak(company.bankAccount, invoices, 100_000);
    const memoryRatio = large.peakMb / Math.max(small.peakMb, 0.001);
    const collected = typeof (globalThis as { gc?: unknown }).gc === 'function';
    log(
      `  reading (heap ${collected ? 'after each collection' : 'sampled without --expose-gc: includes uncollected garbage'}) 10k entries (${small.sizeMb.toFixed(1)} MB): peak heap +${small.peakMb.toFixed(1)} MB; 100k (${large.sizeMb.toFixed(1)} MB): +${large.peakMb.toFixed(1)} MB; ratio ${memoryRatio.toFixed(2)}`,
    );

    const t0 = now();
    const result = await importBankFile(
      db,
      company.id,
      () =>
        bytes(camtChunks({ message: '054', version: '08', account: company.bankAccount }, entries(invoices, n, 'S'))),
      { userId: null, today: '2026-11-20', fileName: 'bench.xml' },
    );
    const serviceMs = now() - t0;
    if (result.summary.booked.kid.count !== n)
      throw new Error(`the import booked ${result.summary.booked.kid.count} of ${n}`);
    const t1 = now();
    await rawImport(db, company, invoices, n);
    const rawMs = now() - t1;
    const serviceRate = (n / serviceMs) * 1000;
    const rawRate = (n / rawMs) * 1000;
    const ratio = serviceRate / rawRate;
    log(`  import ${serviceRate.toFixed(0)} payments/s, raw SQL ${rawRate.toFixed(0)}/s, ratio ${ratio.toFixed(2)}`);
    return {
      name: 'bank-import',
      title: 'Bank import (camt.054)',
      seconds: (now() - started) / 1000,
      metrics: [
        { name: 'import payments/s', value: serviceRate, unit: '/s' },
        { name: 'raw SQL payments/s', value: rawRate, unit: '/s' },
        { name: 'import / raw', value: ratio, unit: '×', aim: '>= 0.5', met: ratio >= 0.5 },
        { name: 'reading peak heap 10k', value: small.peakMb, unit: 'MB' },
        { name: 'reading peak heap 100k', value: large.peakMb, unit: 'MB' },
        { name: 'peak heap 100k / 10k', value: memoryRatio, unit: '×', aim: '<= 1.5', met: memoryRatio <= 1.5 },
      ],
      details: {
        entries: n,
        serviceMs,
        rawMs,
        heapAfterGc: collected,
        fileMb: { small: small.sizeMb, large: large.sizeMb },
      },
    };
  } finally {
    await handle.close();
  }
}
