import { createHash } from 'node:crypto';
import { setImmediate as nextTurn, setTimeout as afterTimers } from 'node:timers/promises';
import { type Insertable, type Selectable, sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.js';
import { postedSettlementsByReference } from '../collection/settlement.service.js';
import type { Db, Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { createManualVoucher } from '../ledger/manual-voucher.service.js';
import { reverseVoucher } from '../ledger/voucher.service.js';
import { listCustomers } from '../sales/customer.service.js';
import { listInvoices } from '../sales/invoice.service.js';
import { type Payment, registerPayment } from '../sales/payment.service.js';
import { osloToday } from '../shared/dates.js';
import { AppError, notFound } from '../shared/errors.js';
import { type Ore, ore } from '../shared/money.js';
import { getCompany } from '../tenancy/company.service.js';
import { type BankFileFormat, BankFileError, type BankTransaction, norwegianAccountNumber } from './bank-file.js';
import { readBankFile } from './bank-file-reader.js';
import type {
  BankEntriesTable,
  BankEntryState,
  BankImportsTable,
  MatchRule,
  ResolveAction,
  SkipReason,
} from './bank-import.table.js';
import { comparableName, invoiceNumbersInText, referencesInText } from './reconcile.js';
import type { ListSearch } from '../shared/search.js';
import { bankEntryMatches } from './bank-search.js';

/** Transactions written per statement while a file is read. */
const INSERT_BATCH = 500;
/** Entries booked per transaction: each commit puts its payments (and their events) out at once. */
const BOOK_BATCH = 100;

/*
 * Turns of the event loop. On embedded PGlite a query never waits for I/O, so without them an
 * import would run from its first statement to its last in one go, and sockets and timers would
 * wait for the whole file: the webhook worker woken by a chunk's commit (a 0 ms timer), its
 * deliveries (sockets), the server's other requests. The import gives a turn after every entry it
 * books (sockets go on: a delivery under way, a request answered) and, after each chunk's commit,
 * lets the timers due run first (the worker then reads the events just committed before the next
 * chunk takes the one connection). On a server with a pool these cost next to nothing.
 */
/** After an entry (or a batch read): I/O that is ready runs before the import goes on. */
const letIoRun = () => nextTurn();
/** After a commit: the timers that commit set off (the webhook worker's wake-up) run first. */
const letTimersRun = () => afterTimers(0);

export interface BankImportSummary {
  transactions: number;
  booked: Record<MatchRule, { count: number; amount: Ore }>;
  unmatched: { count: number; amount: Ore };
  resolved: { count: number; amount: Ore };
  /** Reversals of entries imported before: offered (waiting for the accountant), and accepted. */
  reversals: { offered: { count: number; amount: Ore }; reversed: { count: number; amount: Ore } };
  skipped: { count: number; byReason: Record<SkipReason, number> };
  duplicates: number;
  pending: number;
}

export interface BankImport {
  id: string;
  fileName: string;
  format: BankFileFormat;
  status: 'booking' | 'done';
  createdAt: string;
  finishedAt: string | null;
  summary: BankImportSummary;
}

export interface BankEntryDecision {
  action: ResolveAction;
  account: number | null;
  note: string;
  decidedAt: string;
}

export interface BankEntry {
  id: string;
  importId: string;
  line: number;
  state: BankEntryState;
  skipReason: SkipReason | null;
  rule: MatchRule | null;
  bookingDate: string | null;
  valueDate: string | null;
  amount: Ore;
  currency: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  account: string;
  bankReference: string | null;
  kid: string | null;
  text: string;
  debtorName: string | null;
  debtorAccount: string | null;
  paymentId: string | null;
  voucherId: string | null;
  invoiceId: string | null;
  invoiceNumber: number | null;
  customerId: string | null;
  customerName: string | null;
  matchedAmount: Ore | null;
  duplicateOf: string | null;
  /** A reversal: the entry it takes back. */
  reversesEntryId: string | null;
  /** Rule `settlement`: the agency's settlement whose voucher holds this bank line. */
  settlementId: string | null;
  decision: BankEntryDecision | null;
}

export interface ImportProgress {
  phase: 'reading' | 'booking';
  done: number;
  total: number | null;
}

export interface ImportOptions {
  fileName?: string | undefined;
  userId: string | null;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** The day it is (Europe/Oslo); entries booked by the bank after it wait (tests set it). */
  today?: string | undefined;
}

/** The file's bytes, as often as asked: once for its hash, once to read it. */
export type BankFileSource = () => AsyncIterable<Uint8Array>;

async function fileHash(source: BankFileSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source()) hash.update(chunk);
  return hash.digest('hex');
}

/** A bank file error as the API and the CLI say it: 422 naming the line and element. */
function refusal(e: BankFileError): AppError {
  return new AppError(
    'validation_failed',
    `the bank file cannot be read: ${e.message}`,
    { reason: 'bank_file_invalid', problem: e.reason, line: e.line, element: e.element, message: e.message },
    422,
  );
}

/**
 * Why a transaction is not booked, or null: a credit to the company's own account, booked by the
 * bank, not after today. A reversal (`RvslInd`) of a credit (it is a debit) in NOK goes on too: when
 * it takes back an entry imported before, it is offered as a reversal voucher (`bookEntry`).
 */
function skipReason(tx: BankTransaction, ownAccount: string, today: string): SkipReason | null {
  if (tx.accountNumber !== ownAccount) return 'other_account';
  if (!tx.booked) return 'not_booked';
  if (tx.reversal && (tx.direction !== 'debit' || tx.currency !== 'NOK' || tx.amount === 0)) return 'reversal';
  if (tx.reversal) return tx.bookingDate > today ? 'future_date' : null;
  if (tx.direction === 'debit') return 'debit';
  if (tx.amount === 0) return 'zero_amount';
  if (tx.bookingDate > today) return 'future_date';
  return null;
}

/**
 * Imports a bank file: reads it (one transaction: every movement it holds is recorded, or, when
 * the file cannot be read, nothing), then books its incoming payments a hundred at a time, each
 * matched by the first rule that finds its invoice (reconcile.ts) or left in the unmatched queue.
 *
 * Once only: a file already imported (same SHA-256) answers its import again — and, when that
 * import was interrupted while booking, goes on booking where it stopped. A movement already
 * recorded from another file (the bank's reference, `entry_key`) is recorded as a duplicate and not
 * booked again.
 */
export async function importBankFile(
  db: Db,
  companyId: string,
  source: BankFileSource,
  options: ImportOptions,
): Promise<BankImport & { alreadyImported: boolean }> {
  const hash = await fileHash(source);
  const started = await inTransaction(db, (trx) => recordBankFile(trx, companyId, hash, source, options));
  await bookPending(db, companyId, started.id, options);
  return { ...(await getBankImport(db, companyId, started.id)), alreadyImported: started.alreadyImported };
}

/**
 * The same import inside a transaction the caller holds (the demo seed: all or nothing). The whole
 * file is booked in that one transaction, so it is for small files.
 */
export async function importBankFileInTransaction(
  trx: Trx,
  companyId: string,
  source: BankFileSource,
  options: ImportOptions,
): Promise<BankImport & { alreadyImported: boolean }> {
  const hash = await fileHash(source);
  const started = await recordBankFile(trx, companyId, hash, source, options);
  while ((await bookBatch(trx, companyId, started.id, options.userId)) > 0);
  return { ...(await getBankImport(trx, companyId, started.id)), alreadyImported: started.alreadyImported };
}

/**
 * Step one: the file's transactions recorded as entries, each pending (to book), skipped (and why)
 * or a duplicate of an entry recorded before. A file that cannot be read throws, and the caller's
 * transaction leaves nothing. A file imported before answers its import.
 */
async function recordBankFile(
  trx: Trx,
  companyId: string,
  hash: string,
  source: BankFileSource,
  options: ImportOptions,
): Promise<{ id: string; alreadyImported: boolean }> {
  const today = options.today ?? osloToday();
  const company = await getCompany(trx, companyId);
  const existingImport = () =>
    trx
      .selectFrom('bank_imports')
      .select(['id', 'status'])
      .where('company_id', '=', companyId)
      .where('file_hash', '=', hash)
      .executeTakeFirst();
  const existing = await existingImport();
  if (existing) return { id: existing.id, alreadyImported: true };
  const items = readBankFile(source());
  let rows: Array<Insertable<BankEntriesTable>> = [];
  let importId: string | null = null;
  let seq = 0;
  const flush = async () => {
    if (rows.length === 0 || importId === null) return;
    await insertEntries(trx, rows);
    rows = [];
    options.onProgress?.({ phase: 'reading', done: seq, total: null });
    await letIoRun();
  };
  try {
    for await (const item of items) {
      if (item.kind === 'format') {
        // A concurrent import of the same file waits here on the unique key, then finds it exists.
        const inserted = await trx
          .insertInto('bank_imports')
          .values({
            company_id: companyId,
            file_hash: hash,
            file_name: (options.fileName ?? '').slice(0, 200),
            format: item.format,
            status: 'booking',
            created_by: options.userId,
          })
          .onConflict((oc) => oc.columns(['company_id', 'file_hash']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          const other = await existingImport();
          if (!other) throw new AppError('conflict', 'the same file is being imported meanwhile: try again');
          return { id: other.id, alreadyImported: true };
        }
        importId = inserted.id;
        continue;
      }
      const tx = item.tx;
      const skip = skipReason(tx, company.bankAccount, today);
      if (skip === null && tx.currency !== 'NOK')
        throw new BankFileError(
          'other_currency',
          tx.line,
          'Amt',
          `a payment in ${tx.currency || 'no currency'} to the company's account: only NOK is booked`,
        );
      seq++;
      rows.push({
        company_id: companyId,
        import_id: importId!,
        seq,
        line: tx.line,
        entry_key: tx.key,
        account: tx.account,
        booking_date: tx.bookingDate || null,
        value_date: tx.valueDate,
        amount: tx.amount,
        currency: tx.currency,
        direction: tx.direction,
        reversal: tx.reversal,
        bank_reference: tx.bankReference,
        kid: tx.kid,
        text: tx.text,
        debtor_name: tx.debtorName,
        // A Norwegian account as its 11 digits (an IBAN and a BBAN of one account compare equal).
        debtor_account: tx.debtorAccount ? (norwegianAccountNumber(tx.debtorAccount) ?? tx.debtorAccount) : null,
        state: skip === null ? 'pending' : 'skipped',
        skip_reason: skip,
      });
      if (rows.length >= INSERT_BATCH) await flush();
    }
  } catch (e) {
    if (e instanceof BankFileError) throw refusal(e);
    throw e;
  }
  await flush();
  await trx.updateTable('bank_imports').set({ transaction_count: seq }).where('id', '=', importId!).execute();
  return { id: importId!, alreadyImported: false };
}

/**
 * Writes a batch of entries. An entry whose bank reference was recorded before (in an earlier file,
 * or earlier in this one) is written again as a duplicate of it, without the reference, and is not
 * booked.
 */
async function insertEntries(trx: Trx, rows: Array<Insertable<BankEntriesTable>>): Promise<void> {
  const written = await trx
    .insertInto('bank_entries')
    .values(rows)
    .onConflict((oc) => oc.columns(['company_id', 'entry_key']).doNothing())
    .returning('seq')
    .execute();
  if (written.length === rows.length) return;
  const done = new Set(written.map((r) => r.seq));
  const dupes = rows.filter((r) => !done.has(r.seq));
  const originals = await trx
    .selectFrom('bank_entries')
    .select(['id', 'entry_key'])
    .where('company_id', '=', rows[0]!.company_id)
    .where(
      'entry_key',
      'in',
      dupes.map((r) => r.entry_key!),
    )
    .execute();
  const byKey = new Map(originals.map((o) => [o.entry_key, o.id]));
  await trx
    .insertInto('bank_entries')
    .values(
      dupes.map((r) => ({
        ...r,
        entry_key: null,
        duplicate_of: byKey.get(r.entry_key!) ?? null,
        state: 'duplicate' as const,
        skip_reason: null,
      })),
    )
    .execute();
}

/**
 * Books the import's pending entries, a batch per transaction, until none is left; then the import
 * is done. Between batches the event loop turns (see `letTimersRun`): a batch's payments go out to
 * the agencies' webhooks while the next is booked.
 */
export async function bookPending(db: Db, companyId: string, importId: string, options: ImportOptions): Promise<void> {
  const total = await db
    .selectFrom('bank_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('import_id', '=', importId)
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  const all = Number(total.n);
  let done = 0;
  for (;;) {
    const n = await inTransaction(db, (trx) => bookBatch(trx, companyId, importId, options.userId));
    if (n === 0) return;
    done += n;
    options.onProgress?.({ phase: 'booking', done, total: all });
    await letTimersRun();
  }
}

/** Step two, a batch of it: books up to a hundred pending entries; with none left, the import is done. */
async function bookBatch(trx: Trx, companyId: string, importId: string, userId: string | null): Promise<number> {
  const rows = await trx
    .selectFrom('bank_entries')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('import_id', '=', importId)
    .where('state', '=', 'pending')
    .orderBy('seq')
    .limit(BOOK_BATCH)
    .forUpdate()
    .execute();
  for (const row of rows) {
    await bookEntry(trx, companyId, row, userId);
    await letIoRun();
  }
  if (rows.length === 0)
    await trx
      .updateTable('bank_imports')
      .set({ status: 'done', finished_at: new Date() })
      .where('id', '=', importId)
      .where('status', '=', 'booking')
      .execute();
  return rows.length;
}

type Booking =
  | { rule: Exclude<MatchRule, 'settlement'>; payment: Payment }
  | { rule: 'settlement'; settlementId: string; voucherId: string };

async function tryPayment(
  trx: Trx,
  companyId: string,
  row: Selectable<BankEntriesTable>,
  target: { kid: string } | { invoiceId: string },
  userId: string | null,
): Promise<Payment | null> {
  try {
    return await registerPayment(
      trx,
      companyId,
      {
        amount: row.amount,
        paymentDate: row.booking_date!,
        ...target,
        reference: paymentReference(row),
      },
      userId,
    );
  } catch (e) {
    // Found by no query: nothing was written, the transaction goes on.
    if (e instanceof AppError && (e.code === 'unknown_kid' || e.code === 'invalid_kid')) return null;
    throw e;
  }
}

function paymentReference(row: Selectable<BankEntriesTable>): string {
  return `bank ${row.bank_reference ?? row.line}`.slice(0, 200);
}

/** The open invoice with this number, if there is one. */
async function openInvoiceByNumber(trx: Trx, companyId: string, invoiceNumber: number) {
  const [invoice] = await listInvoices(trx, companyId, {
    limit: 1,
    beforeNumber: invoiceNumber + 1,
    status: 'open',
    today: osloToday(),
  });
  return invoice?.invoiceNumber === invoiceNumber ? invoice : null;
}

/** The one open invoice of the customer with exactly this amount open, if there is exactly one. */
async function exactOpenInvoice(trx: Trx, companyId: string, customerId: string, amount: Ore): Promise<string | null> {
  const open = await listInvoices(trx, companyId, { limit: 200, customerId, status: 'open', today: osloToday() });
  const exact = open.filter((i) => i.openAmount === amount);
  return exact.length === 1 ? exact[0]!.id : null;
}

/**
 * The customer who paid from this account before: entries from it that were booked or resolved to
 * a customer, all to one customer (an account seen with two customers tells nothing).
 */
async function customerByPayerAccount(trx: Trx, companyId: string, account: string): Promise<string | null> {
  const rows = await trx
    .selectFrom('bank_entries')
    .select('customer_id')
    .distinct()
    .where('company_id', '=', companyId)
    .where('debtor_account', '=', account)
    .where('customer_id', 'is not', null)
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0]!.customer_id : null;
}

/**
 * The agency's payment journal: a credit whose text names the reference of a posted settlement of
 * the same bank amount, not matched to a bank entry before. The settlement's voucher has debited
 * the bank already, so the entry is linked to it and nothing is booked again.
 */
async function settlementOf(
  trx: Trx,
  companyId: string,
  row: Selectable<BankEntriesTable>,
): Promise<{ settlementId: string; voucherId: string } | null> {
  const refs = referencesInText(row.text);
  if (refs.length === 0) return null;
  const found = (await postedSettlementsByReference(trx, companyId, refs)).filter((s) => s.bankAmount === row.amount);
  if (found.length === 0) return null;
  const taken = await trx
    .selectFrom('bank_entries')
    .select('settlement_id')
    .where(
      'settlement_id',
      'in',
      found.map((s) => s.id),
    )
    .execute();
  const free = found.filter((s) => !taken.some((t) => t.settlement_id === s.id));
  return free.length === 1 ? { settlementId: free[0]!.id, voucherId: free[0]!.voucherId } : null;
}

/** The rules in order (reconcile.ts); the first that finds an invoice books the payment. */
async function reconcile(
  trx: Trx,
  companyId: string,
  row: Selectable<BankEntriesTable>,
  userId: string | null,
): Promise<Booking | null> {
  if (row.kid) {
    const payment = await tryPayment(trx, companyId, row, { kid: row.kid }, userId);
    if (payment) return { rule: 'kid', payment };
  }
  const settlement = await settlementOf(trx, companyId, row);
  if (settlement) return { rule: 'settlement', ...settlement };
  const numbers = invoiceNumbersInText(row.text).slice(0, 5);
  if (numbers.length > 0) {
    const found = [];
    for (const n of numbers) {
      const invoice = await openInvoiceByNumber(trx, companyId, n);
      if (invoice) found.push(invoice);
    }
    if (found.length === 1) {
      const payment = await tryPayment(trx, companyId, row, { invoiceId: found[0]!.id }, userId);
      if (payment) return { rule: 'invoice_number', payment };
    }
  }
  if (row.debtor_account) {
    const payer = await customerByPayerAccount(trx, companyId, row.debtor_account);
    const invoiceId = payer ? await exactOpenInvoice(trx, companyId, payer, row.amount) : null;
    if (invoiceId) {
      const payment = await tryPayment(trx, companyId, row, { invoiceId }, userId);
      if (payment) return { rule: 'amount_account', payment };
    }
  }
  if (row.debtor_name) {
    const name = comparableName(row.debtor_name);
    const customers = name
      ? (await listCustomers(trx, companyId, { limit: 50, search: row.debtor_name.trim().slice(0, 100) })).filter(
          (c) => comparableName(c.name) === name,
        )
      : [];
    const invoiceId =
      customers.length === 1 ? await exactOpenInvoice(trx, companyId, customers[0]!.id, row.amount) : null;
    if (invoiceId) {
      const payment = await tryPayment(trx, companyId, row, { invoiceId }, userId);
      if (payment) return { rule: 'amount_name', payment };
    }
  }
  return null;
}

async function bookEntry(
  trx: Trx,
  companyId: string,
  row: Selectable<BankEntriesTable>,
  userId: string | null,
): Promise<void> {
  const q = trx.updateTable('bank_entries').where('company_id', '=', companyId).where('id', '=', row.id);
  if (row.reversal) {
    const original = await reversedOriginal(trx, companyId, row);
    await q
      .set(
        original
          ? { state: 'reversal_offered', reverses_entry_id: original }
          : { state: 'skipped', skip_reason: 'reversal' },
      )
      .execute();
    return;
  }
  const booking = await reconcile(trx, companyId, row, userId);
  if (!booking) {
    await q.set({ state: 'unmatched' }).execute();
    return;
  }
  if (booking.rule === 'settlement') {
    await q
      .set({ state: 'booked', rule: 'settlement', settlement_id: booking.settlementId, voucher_id: booking.voucherId })
      .execute();
    return;
  }
  const p = booking.payment;
  await q
    .set({
      state: 'booked',
      rule: booking.rule,
      payment_id: p.id,
      voucher_id: p.voucherId,
      invoice_id: p.invoiceId,
      invoice_number: p.invoiceNumber,
      customer_id: p.customerId,
      customer_name: p.customerName,
      matched_amount: p.matchedAmount,
    })
    .execute();
}

/**
 * The entry a reversal takes back: an earlier credit to the same account of the same amount,
 * booked or resolved with a voucher (a payment or a posting to an account), not taken back by
 * another reversal, that is the same payment — the same KID, the same bank reference, or the same
 * payer and text. The latest such entry, if any.
 */
async function reversedOriginal(
  trx: Trx,
  companyId: string,
  row: Selectable<BankEntriesTable>,
): Promise<string | null> {
  const same = sql<boolean>`(
    (${row.kid}::text is not null and o.kid = ${row.kid}) or
    (${row.bank_reference}::text is not null and o.bank_reference = ${row.bank_reference}) or
    (${row.debtor_name}::text is not null and o.debtor_name = ${row.debtor_name} and o.text = ${row.text})
  )`;
  const found = await trx
    .selectFrom('bank_entries as o')
    .select('o.id')
    .where('o.company_id', '=', companyId)
    .where('o.amount', '=', row.amount)
    .where('o.direction', '=', 'credit')
    .where('o.reversal', '=', false)
    .where('o.state', 'in', ['booked', 'resolved'])
    .where('o.voucher_id', 'is not', null)
    .where('o.settlement_id', 'is', null)
    .where('o.account', '=', row.account)
    .where('o.booking_date', '<=', row.booking_date)
    .where(same)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('bank_entries as r').select('r.id').whereRef('r.reverses_entry_id', '=', 'o.id'))),
    )
    .orderBy('o.booking_date', 'desc')
    .orderBy('o.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return found?.id ?? null;
}

/** The summary of an import: what was booked by which rule, what waits, what was left out, and why. */
async function summaryOf(db: Db | Trx, companyId: string, importId: string, count: number): Promise<BankImportSummary> {
  const rows = await db
    .selectFrom('bank_entries')
    .select((eb) => [
      'state',
      'rule',
      'skip_reason',
      eb.fn.countAll<string>().as('n'),
      eb.fn.coalesce(eb.fn.sum<Ore>('amount'), sql<Ore>`0`).as('amount'),
    ])
    .where('company_id', '=', companyId)
    .where('import_id', '=', importId)
    .groupBy(['state', 'rule', 'skip_reason'])
    .execute();
  const zero = () => ({ count: 0, amount: ore(0) });
  const s: BankImportSummary = {
    transactions: count,
    booked: { kid: zero(), invoice_number: zero(), amount_account: zero(), amount_name: zero(), settlement: zero() },
    unmatched: zero(),
    resolved: zero(),
    reversals: { offered: zero(), reversed: zero() },
    skipped: {
      count: 0,
      byReason: { debit: 0, reversal: 0, other_account: 0, not_booked: 0, future_date: 0, zero_amount: 0 },
    },
    duplicates: 0,
    pending: 0,
  };
  for (const r of rows) {
    const n = Number(r.n);
    const amount = ore(Number(r.amount));
    if (r.state === 'booked' && r.rule) s.booked[r.rule] = { count: n, amount };
    else if (r.state === 'unmatched') s.unmatched = { count: n, amount };
    else if (r.state === 'resolved') s.resolved = { count: n, amount };
    else if (r.state === 'reversal_offered') s.reversals.offered = { count: n, amount };
    else if (r.state === 'reversed') s.reversals.reversed = { count: n, amount };
    else if (r.state === 'skipped' && r.skip_reason) {
      s.skipped.count += n;
      s.skipped.byReason[r.skip_reason] = n;
    } else if (r.state === 'duplicate') s.duplicates = n;
    else if (r.state === 'pending') s.pending = n;
  }
  return s;
}

function importFromRow(r: Selectable<BankImportsTable>, summary: BankImportSummary): BankImport {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    summary,
  };
}

export async function getBankImport(db: Db | Trx, companyId: string, importId: string): Promise<BankImport> {
  const r = await db
    .selectFrom('bank_imports')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!r) throw notFound('the bank import');
  return importFromRow(r, await summaryOf(db, companyId, importId, r.transaction_count));
}

/** Imports newest first, `limit` at a time, before the given one (keyset on creation time and id). */
export async function listBankImports(
  db: Db,
  companyId: string,
  options: { limit: number; before?: { createdAt: string; id: string } | undefined },
): Promise<BankImport[]> {
  let q = db
    .selectFrom('bank_imports')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  const b = options.before;
  if (b) q = q.where(sql<boolean>`(created_at, id) < (${b.createdAt}::timestamptz, ${b.id}::uuid)`);
  const rows = await q.execute();
  return Promise.all(
    rows.map(async (r) => importFromRow(r, await summaryOf(db, companyId, r.id, r.transaction_count))),
  );
}

function entryQuery(db: Db | Trx, companyId: string) {
  return db
    .selectFrom('bank_entries as e')
    .leftJoin('bank_entry_decisions as d', 'd.entry_id', 'e.id')
    .selectAll('e')
    .select(['d.action', 'd.account as decision_account', 'd.note', 'd.decided_at'])
    .where('e.company_id', '=', companyId);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>;

function entryFromRow(r: EntryRow): BankEntry {
  return {
    id: r.id,
    importId: r.import_id,
    line: r.line,
    state: r.state,
    skipReason: r.skip_reason,
    rule: r.rule,
    bookingDate: r.booking_date,
    valueDate: r.value_date,
    amount: r.amount,
    currency: r.currency,
    direction: r.direction,
    reversal: r.reversal,
    account: r.account,
    bankReference: r.bank_reference,
    kid: r.kid,
    text: r.text,
    debtorName: r.debtor_name,
    debtorAccount: r.debtor_account,
    paymentId: r.payment_id,
    voucherId: r.voucher_id,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    customerId: r.customer_id,
    customerName: r.customer_name,
    matchedAmount: r.matched_amount,
    duplicateOf: r.duplicate_of,
    reversesEntryId: r.reverses_entry_id,
    settlementId: r.settlement_id,
    decision:
      r.action && r.decided_at
        ? { action: r.action, account: r.decision_account, note: r.note ?? '', decidedAt: r.decided_at.toISOString() }
        : null,
  };
}

/**
 * Entries of one import in file order, or the company's entries in a state (the unmatched queue:
 * `state: 'unmatched'`, oldest booking date first). Keyset-paged on the order's key.
 */
export async function listBankEntries(
  db: Db,
  companyId: string,
  options: {
    limit: number;
    importId?: string | undefined;
    state?: BankEntryState | undefined;
    after?: string | undefined;
    search?: ListSearch | null | undefined;
  },
): Promise<BankEntry[]> {
  let q = entryQuery(db, companyId).limit(options.limit);
  if (options.state) q = q.where('e.state', '=', options.state);
  if (options.search) q = q.where(bankEntryMatches(options.search));
  if (options.importId) {
    q = q.where('e.import_id', '=', options.importId).orderBy('e.seq');
    if (options.after) {
      const after = options.after;
      q = q.where('e.seq', '>', (eb) => eb.selectFrom('bank_entries').select('seq').where('id', '=', after));
    }
  } else {
    q = q.orderBy('e.booking_date').orderBy('e.id');
    if (options.after) {
      const after = options.after;
      q = q.where(
        sql<boolean>`(e.booking_date, e.id) > (select booking_date, id from bank_entries where id = ${after}::uuid)`,
      );
    }
  }
  return (await q.execute()).map(entryFromRow);
}

export async function getBankEntry(db: Db | Trx, companyId: string, entryId: string): Promise<BankEntry> {
  const r = await entryQuery(db, companyId).where('e.id', '=', entryId).executeTakeFirst();
  if (!r) throw notFound('the bank entry');
  return entryFromRow(r);
}

export type Resolution =
  | { action: 'invoice'; invoiceId: string; note?: string | undefined }
  | { action: 'customer'; customerId: string; note?: string | undefined }
  | { action: 'not_customer_payment'; note: string }
  | { action: 'account'; account: number; note?: string | undefined };

/**
 * The accountant's decision on an unmatched entry, once: paid on an invoice or on a customer (a
 * payment, as if registered by hand, dated the bank's booking date), not a customer payment (a
 * recorded decision, no voucher), or posted to an account (a voucher: Dr bank / Cr the account).
 * The entry stays, with its decision; a second decision on it is refused.
 */
export async function resolveBankEntry(
  trx: Trx,
  companyId: string,
  entryId: string,
  resolution: Resolution,
  userId: string | null,
): Promise<BankEntry> {
  const row = await trx
    .selectFrom('bank_entries')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', entryId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('the bank entry');
  if (row.state !== 'unmatched')
    throw new AppError('invalid_transition', `the bank entry is ${row.state}, not waiting in the unmatched queue`, {
      reason: `bank_entry_${row.state}`,
      state: row.state,
    });
  let payment: Payment | null = null;
  let voucherId: string | null = null;
  if (resolution.action === 'invoice' || resolution.action === 'customer') {
    payment = await registerPayment(
      trx,
      companyId,
      {
        amount: row.amount,
        paymentDate: row.booking_date!,
        ...(resolution.action === 'invoice'
          ? { invoiceId: resolution.invoiceId }
          : { customerId: resolution.customerId }),
        reference: paymentReference(row),
      },
      userId,
    );
    voucherId = payment.voucherId;
  } else if (resolution.action === 'account') {
    const company = await getCompany(trx, companyId);
    if (resolution.account === company.accounts.receivable)
      throw new AppError(
        'invalid_account',
        'the receivable account takes a customer: assign the entry to an invoice or a customer instead',
        { reason: 'receivable_account', account: resolution.account },
      );
    const description = `Innbetaling bank ${row.bank_reference ?? ''}`.trim();
    const voucher = await createManualVoucher(
      trx,
      companyId,
      {
        date: row.booking_date!,
        description: resolution.note ? `${description}: ${resolution.note}`.slice(0, 200) : description,
        lines: [
          { account: company.accounts.bank, side: 'debit', amount: row.amount, description },
          { account: resolution.account, side: 'credit', amount: row.amount, description },
        ],
      },
      userId,
    );
    voucherId = voucher.id;
  }
  await trx
    .insertInto('bank_entry_decisions')
    .values({
      company_id: companyId,
      entry_id: row.id,
      action: resolution.action,
      invoice_id: payment?.invoiceId ?? null,
      customer_id: payment?.customerId ?? null,
      account: resolution.action === 'account' ? resolution.account : null,
      note: resolution.note ?? '',
      payment_id: payment?.id ?? null,
      voucher_id: voucherId,
      decided_by: userId,
    })
    .execute();
  await trx
    .updateTable('bank_entries')
    .set({
      state: 'resolved',
      payment_id: payment?.id ?? null,
      voucher_id: voucherId,
      invoice_id: payment?.invoiceId ?? null,
      invoice_number: payment?.invoiceNumber ?? null,
      customer_id: payment?.customerId ?? null,
      customer_name: payment?.customerName ?? null,
      matched_amount: payment?.matchedAmount ?? null,
    })
    .where('company_id', '=', companyId)
    .where('id', '=', row.id)
    .execute();
  return getBankEntry(trx, companyId, entryId);
}

/** Bank files imported and their entries by state, over every company (metrics). */
export async function bankImportCounts(db: Db): Promise<{ imports: number; entries: Record<string, number> }> {
  const imports = await db
    .selectFrom('bank_imports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const entries = await db
    .selectFrom('bank_entries')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return {
    imports: Number(imports?.n ?? 0),
    entries: Object.fromEntries(entries.map((e) => [e.state, Number(e.n)])),
  };
}

/**
 * The accountant accepts an offered reversal, once: the voucher of the entry it takes back is
 * reversed on the reversal's bank date (a payment's match undone first, so its invoice is open again
 * and the agency's feed says so), and the decision is recorded. A second accept is refused.
 */
export async function acceptBankReversal(
  trx: Trx,
  companyId: string,
  entryId: string,
  userId: string | null,
): Promise<BankEntry> {
  const row = await trx
    .selectFrom('bank_entries')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', entryId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('the bank entry');
  if (row.state !== 'reversal_offered')
    throw new AppError('invalid_transition', `the bank entry is ${row.state}, not a reversal waiting to be accepted`, {
      reason: `bank_entry_${row.state}`,
      state: row.state,
    });
  const original = await trx
    .selectFrom('bank_entries')
    .select(['id', 'voucher_id'])
    .where('company_id', '=', companyId)
    .where('id', '=', row.reverses_entry_id!)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const reversal = await reverseVoucher(trx, companyId, original.voucher_id!, row.booking_date!, userId);
  await trx
    .insertInto('bank_entry_decisions')
    .values({
      company_id: companyId,
      entry_id: row.id,
      action: 'reversal',
      note: '',
      voucher_id: reversal.id,
      decided_by: userId,
    })
    .execute();
  await trx
    .updateTable('bank_entries')
    .set({ state: 'reversed', voucher_id: reversal.id })
    .where('company_id', '=', companyId)
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, {
    companyId,
    kind: 'voucher.reversed',
    subjectIds: [original.voucher_id!, reversal.id, row.id],
    ...(userId ? { actor: { type: 'user' as const, id: userId } } : {}),
    after: { bankEntryId: row.id, reversesEntryId: original.id, reversalVoucherId: reversal.id },
  });
  return getBankEntry(trx, companyId, entryId);
}
