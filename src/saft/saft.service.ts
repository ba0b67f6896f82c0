/**
 * SAF-T Financial 1.30 (Norway) for a company and a period, written as a stream.
 *
 * The file is written with xmlbuilder2, which escapes every text and attribute: the header and the
 * master files element by element with its callback writer, the vouchers (nearly all of a file) a
 * hundred at a time as fragments built with its document builder and serialized into the Journal.
 * The ledger's lines come in keyset pages of `VOUCHER_PAGE` whole vouchers, and the writer waits for
 * the output to drain after every page, so memory stays the same whatever the number of postings. Everything is read in one read-only
 * REPEATABLE READ transaction: the header's totals, the balances and the lines are one snapshot.
 * After the last line the totals written are compared with the header's; a difference throws
 * (the output is then incomplete, and the caller reports the failure).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createCB, fragment as createFragment } from 'xmlbuilder2';
import type { Db } from '../db/database.js';
import {
  accountMovements,
  customerBalances,
  type LedgerLine,
  ledgerLinesPage,
  type Period,
  type VoucherKey,
  periodTotals,
  type VoucherType,
  vatRatesUsed,
} from '../ledger/ledger-export.read.js';
import { listCustomers } from '../sales/customer.service.js';
import { checkPeriod, osloToday } from '../shared/dates.js';
import { AppError } from '../shared/errors.js';
import { addOre, formatDecimal, negOre, type Ore, ore } from '../shared/money.js';
import { chartOfAccounts, getCompany } from '../tenancy/company.service.js';

export const SAFT_NAMESPACE = 'urn:StandardAuditFile-Taxation-Financial:NO';
/** Vouchers a page: each page is read whole, its vouchers written, then the output drained. */
const VOUCHER_PAGE = 1000;
/** sv-SE writes dates as YYYY-MM-DD; one formatter for the whole file. */
const OSLO_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });
const CUSTOMER_PAGE = 1000;
type XMLBuilder = ReturnType<typeof createFragment>;
/** Vouchers built as one fragment before it is serialized and let go. */
const FRAGMENT_VOUCHERS = 100;
/** AuditFile › GeneralLedgerEntries › Journal › Transaction: the indentation of a Transaction. */
const TRANSACTION_DEPTH = 3;

/** The company's tax codes: the standard codes themselves (Standard_Tax_Codes.csv). */
const OUTPUT_VAT: Record<0 | 12 | 15 | 25, { code: string; description: string }> = {
  25: { code: '3', description: 'Utgående merverdiavgift, alminnelig sats' },
  15: { code: '31', description: 'Utgående merverdiavgift, middels sats' },
  12: { code: '33', description: 'Utgående merverdiavgift, lav sats' },
  0: { code: '5', description: 'Innenlands omsetning fritatt for merverdiavgift' },
};
/** A company outside the VAT register sells outside the VAT act (standard code 6). */
const OUTSIDE_VAT = { code: '6', description: 'Omsetning utenfor merverdiavgiftsloven' };

const VOUCHER_TYPE_TEXT: Record<VoucherType, string> = {
  invoice: 'Faktura',
  credit_note: 'Kreditnota',
  payment: 'Innbetaling',
  manual: 'Manuelt bilag',
  write_off: 'Avskrivning av fordring',
  settlement: 'Oppgjør fra inkassobyrå',
  reminder_fee: 'Purregebyr',
};

export interface SaftContact {
  firstName: string;
  lastName: string;
  /** Without it, the company's telephone (`companies.phone`), else "-". */
  telephone?: string | undefined;
  email?: string | undefined;
}

export interface SaftOptions {
  /** The header's contact person (the schema requires one with a telephone). */
  contact: SaftContact;
  /** Who asked for the file (Header/UserID). */
  userId?: string | undefined;
  /** Called after the master files (0 lines) and after every page of lines. */
  onProgress?: (linesWritten: number, linesTotal: number) => void;
  today?: string;
}

export interface SaftSummary {
  vouchers: number;
  lines: number;
  totalDebit: Ore;
  totalCredit: Ore;
  accounts: number;
  customers: number;
  taxCodes: string[];
}

/** Refuses a period that is not two real dates in order (422 `validation_failed`, reason `invalid_period`). */
export function checkedPeriod(from: string, to: string): Period {
  checkPeriod(from, to);
  if (Number(from.slice(0, 4)) < 1970 || Number(to.slice(0, 4)) > 2100)
    throw new AppError(
      'validation_failed',
      `the period ${from} – ${to} is outside the years SAF-T takes (1970 to 2100)`,
      { reason: 'invalid_period', from, to },
      422,
    );
  return { from, to };
}

/** How many voucher lines (`<Line>`) the period's file holds (for a progress bar; read outside the export's snapshot). */
export async function saftLineCount(db: Db, companyId: string, period: Period): Promise<number> {
  return (await periodTotals(db, companyId, checkedPeriod(period.from, period.to))).lines;
}

/** The file name Skatteetaten suggests: `SAF-T Financial_<orgnr>_<timestamp>_1_1.xml`. */
export function saftFileName(organizationNumber: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `SAF-T Financial_${organizationNumber}_${stamp}_1_1.xml`;
}

/** Text as the schema takes it: characters XML 1.0 cannot carry become spaces; cut to the type's length. */
function text(value: string | null | undefined, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids
  const clean = (value ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ' ');
  const chars = [...clean];
  return chars.length <= max ? clean : chars.slice(0, max).join('');
}

const money = (o: Ore) => formatDecimal(o, '.');
const abs = (o: Ore) => (o < 0 ? negOre(o) : o);

/** Waits until `out` can take more, or fails if it closes first (a download cancelled half-way). */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('the output was closed before the file was complete');
  const closed = once(out, 'close').then(() => {
    throw new Error('the output was closed before the file was complete');
  });
  await Promise.race([once(out, 'drain'), closed]);
}

export async function writeSaft(
  db: Db,
  companyId: string,
  period: Period,
  out: Writable,
  options: SaftOptions,
): Promise<SaftSummary> {
  checkedPeriod(period.from, period.to);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => writeSnapshot(trx, companyId, period, out, options));
}

async function writeSnapshot(
  db: Db,
  companyId: string,
  period: Period,
  out: Writable,
  options: SaftOptions,
): Promise<SaftSummary> {
  let pending: string[] = [];
  const xml = createCB({ prettyPrint: true, data: (chunk: string) => pending.push(chunk) });
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!out.write(chunk, 'utf8')) await drained(out);
  };
  const el = (name: string, value: string) => xml.ele(name).txt(value).up();

  const company = await getCompany(db, companyId);
  const accounts = await chartOfAccounts(db, companyId);
  const movements = new Map((await accountMovements(db, companyId, period)).map((m) => [m.account, m]));
  const totals = await periodTotals(db, companyId, period);
  const rates = await vatRatesUsed(db, companyId, period);
  const taxCode = (rate: 0 | 12 | 15 | 25) => (company.vatRegistered || rate !== 0 ? OUTPUT_VAT[rate] : OUTSIDE_VAT);
  const today = options.today ?? osloToday();

  xml.dec({ version: '1.0', encoding: 'UTF-8' }).ele('AuditFile', { xmlns: SAFT_NAMESPACE });

  // Header
  xml.ele('Header');
  el('AuditFileVersion', '1.30');
  el('AuditFileCountry', 'NO');
  el('AuditFileDateCreated', today);
  el('SoftwareCompanyName', 'Innfri');
  el('SoftwareID', 'Innfri');
  el('SoftwareVersion', '0.1.0');
  xml.ele('Company');
  el('RegistrationNumber', company.organizationNumber);
  el('Name', text(company.name, 256));
  if (company.address.line || company.address.city || company.address.postalCode) {
    xml.ele('Address');
    if (company.address.line) el('StreetName', text(company.address.line, 256));
    if (company.address.city) el('City', text(company.address.city, 256));
    if (company.address.postalCode) el('PostalCode', text(company.address.postalCode, 70));
    el('Country', 'NO');
    xml.up();
  }
  xml.ele('Contact').ele('ContactPerson');
  el('FirstName', text(options.contact.firstName, 35) || '-');
  el('LastName', text(options.contact.lastName, 70) || '-');
  xml.up();
  // The person's own number and address, else the company's (the schema requires a telephone).
  el('Telephone', text(options.contact.telephone || company.phone, 18) || '-');
  const email = options.contact.email || company.email;
  if (email) el('Email', text(email, 70));
  xml.up();
  if (company.vatRegistered) {
    xml.ele('TaxRegistration');
    el('TaxRegistrationNumber', `${company.organizationNumber}MVA`);
    if (rates.length > 0) el('TaxType', 'MVA');
    el('TaxAuthority', 'Skatteetaten');
    xml.up();
  }
  xml.ele('BankAccount');
  el('BankAccountNumber', text(company.bankAccount, 35));
  xml.up();
  xml.up(); // Company
  el('DefaultCurrencyCode', 'NOK');
  xml.ele('SelectionCriteria');
  el('SelectionStartDate', period.from);
  el('SelectionEndDate', period.to);
  xml.up();
  el('HeaderComment', text(`SAF-T Financial for ${company.name}, ${period.from} – ${period.to}`, 256));
  el('TaxAccountingBasis', 'A');
  if (options.userId) el('UserID', text(options.userId, 256));
  xml.up(); // Header

  // MasterFiles
  xml.ele('MasterFiles');
  xml.ele('GeneralLedgerAccounts');
  for (const account of accounts) {
    const m = movements.get(account.number);
    const opening = m?.opening ?? ore(0);
    const closing = m ? addOre(m.opening, m.debit, m.credit) : ore(0);
    xml.ele('Account');
    el('AccountID', String(account.number));
    el('AccountDescription', text(account.name, 256));
    el('GroupingCategory', account.grouping.category);
    el('GroupingCode', account.grouping.code);
    el('AccountType', 'GL');
    el(opening < 0 ? 'OpeningCreditBalance' : 'OpeningDebitBalance', money(abs(opening)));
    el(closing < 0 ? 'ClosingCreditBalance' : 'ClosingDebitBalance', money(abs(closing)));
    xml.up();
  }
  xml.up();
  await flush();

  const customerNumbers = new Map<string, number>();
  let afterNumber: number | undefined;
  let wroteCustomers = false;
  for (;;) {
    const customers = await listCustomers(db, companyId, { limit: CUSTOMER_PAGE, afterNumber });
    if (customers.length === 0) break;
    if (!wroteCustomers) xml.ele('Customers');
    wroteCustomers = true;
    const balances = await customerBalances(
      db,
      companyId,
      customers.map((c) => c.id),
      period,
    );
    for (const c of customers) {
      customerNumbers.set(c.id, c.customerNumber);
      xml.ele('Customer');
      if (c.organizationNumber) el('RegistrationNumber', c.organizationNumber);
      el('Name', text(c.name, 256));
      if (c.address.line || c.address.city || c.address.postalCode) {
        xml.ele('Address');
        if (c.address.line) el('StreetName', text(c.address.line, 256));
        if (c.address.city) el('City', text(c.address.city, 256));
        if (c.address.postalCode) el('PostalCode', text(c.address.postalCode, 70));
        if (/^[A-Z]{2}$/.test(c.address.country)) el('Country', c.address.country);
        xml.up();
      }
      el('CustomerID', String(c.customerNumber));
      const own = balances.filter((b) => b.customerId === c.id);
      const rows = own.length > 0 ? own : [{ account: company.accounts.receivable, opening: ore(0), closing: ore(0) }];
      for (const b of rows) {
        xml.ele('BalanceAccount');
        el('AccountID', String(b.account));
        el(b.opening < 0 ? 'OpeningCreditBalance' : 'OpeningDebitBalance', money(abs(b.opening)));
        el(b.closing < 0 ? 'ClosingCreditBalance' : 'ClosingDebitBalance', money(abs(b.closing)));
        xml.up();
      }
      xml.ele('PartyInfo');
      el('Type', c.type === 'company' ? 'Company' : 'Private');
      xml.up();
      xml.up();
    }
    afterNumber = customers.at(-1)!.customerNumber;
    await flush();
  }
  if (wroteCustomers) xml.up();

  const taxCodes: string[] = [];
  if (rates.length > 0) {
    xml.ele('TaxTable').ele('TaxTableEntry');
    el('TaxType', 'MVA');
    el('Description', 'Merverdiavgift');
    for (const rate of rates) {
      const t = taxCode(rate);
      taxCodes.push(t.code);
      xml.ele('TaxCodeDetails');
      el('TaxCode', t.code);
      el('Description', t.description);
      el('TaxPercentage', String(rate));
      el('Country', 'NO');
      el('StandardTaxCode', t.code);
      el('BaseRate', '100');
      xml.up();
    }
    xml.up().up();
  }
  xml.up(); // MasterFiles

  // GeneralLedgerEntries
  xml.ele('GeneralLedgerEntries');
  el('NumberOfEntries', String(totals.vouchers));
  el('TotalDebit', money(totals.debit));
  el('TotalCredit', money(abs(totals.credit)));
  const written = { vouchers: 0, lines: 0, debit: ore(0), credit: ore(0) };
  if (totals.vouchers > 0) {
    xml.ele('Journal');
    el('JournalID', 'GL');
    el('Description', 'Alle bilag i perioden, i bilagsnummerorden');
    el('Type', 'GL');
  }
  options.onProgress?.(0, totals.lines);
  await flush();

  // The vouchers, a fragment of FRAGMENT_VOUCHERS at a time: built as a small tree by xmlbuilder2's
  // document builder (which escapes every text), serialized at the Journal's depth, and put out
  // between the Journal's children the callback writer wrote before and its end tag after. The
  // callback writer makes a document per element and text it writes, several times the cost of
  // the whole line; a fragment of vouchers is built and dropped page by page (memory flat).
  let fragment: XMLBuilder | null = null;
  let inFragment = 0;
  const endFragment = () => {
    if (!fragment) return;
    pending.push('\n', fragment.end({ prettyPrint: true, offset: TRANSACTION_DEPTH }));
    fragment = null;
    inFragment = 0;
  };
  const writeVoucher = (lines: LedgerLine[]) => {
    const v = lines[0]!;
    const customers = new Set(lines.filter((l) => l.customerId).map((l) => l.customerId!));
    fragment ??= createFragment();
    const t = fragment.ele('Transaction');
    const leaf = (parent: XMLBuilder, name: string, value: string) => parent.ele(name).txt(value);
    leaf(t, 'TransactionID', `${v.fiscalYear}-${v.number}`);
    leaf(t, 'Period', String(Number(v.date.slice(5, 7))));
    leaf(t, 'PeriodYear', v.date.slice(0, 4));
    leaf(t, 'TransactionDate', v.date);
    leaf(t, 'VoucherType', VOUCHER_TYPE_TEXT[v.type]);
    leaf(t, 'VoucherDescription', text(v.voucherDescription || VOUCHER_TYPE_TEXT[v.type], 70));
    leaf(t, 'Description', text(v.voucherDescription || VOUCHER_TYPE_TEXT[v.type], 256));
    leaf(t, 'SystemEntryDate', OSLO_DAY.format(v.createdAt));
    leaf(t, 'GLPostingDate', v.date);
    if (customers.size === 1) leaf(t, 'CustomerID', String(customerNumbers.get([...customers][0]!)));
    for (const l of lines) {
      const line = t.ele('Line');
      leaf(line, 'RecordID', String(l.lineNo));
      leaf(line, 'AccountID', String(l.account));
      if (l.customerId) leaf(line, 'CustomerID', String(customerNumbers.get(l.customerId)));
      leaf(line, 'Description', text(l.description || v.voucherDescription, 256));
      leaf(line.ele(l.amount > 0 ? 'DebitAmount' : 'CreditAmount'), 'Amount', money(abs(l.amount)));
      if (l.vatRate !== null && l.account !== company.accounts.outputVat) {
        // The tax of a sales line is the output-VAT line of its rate in the same voucher.
        const rate = l.vatRate;
        const vat = lines.find((x) => x.vatRate === rate && x.account === company.accounts.outputVat);
        const tax = vat ? abs(vat.amount) : ore(0);
        const info = line.ele('TaxInformation');
        leaf(info, 'TaxType', 'MVA');
        leaf(info, 'TaxCode', taxCode(rate).code);
        leaf(info, 'TaxPercentage', String(rate));
        leaf(info, 'TaxBase', money(abs(l.amount)));
        leaf(info.ele(l.amount > 0 ? 'DebitTaxAmount' : 'CreditTaxAmount'), 'Amount', money(tax));
      }
      if (l.dueDate) leaf(line, 'DueDate', l.dueDate);
      if (l.amount > 0) written.debit = addOre(written.debit, l.amount);
      else written.credit = addOre(written.credit, l.amount);
    }
    written.vouchers += 1;
    written.lines += lines.length;
    if (++inFragment >= FRAGMENT_VOUCHERS) endFragment();
  };

  let after: VoucherKey | null = null;
  for (;;) {
    const page = await ledgerLinesPage(db, companyId, period, after, VOUCHER_PAGE);
    let voucher: LedgerLine[] = [];
    let vouchersInPage = 0;
    for (const line of page) {
      if (voucher.length > 0 && voucher[0]!.voucherId !== line.voucherId) {
        writeVoucher(voucher);
        vouchersInPage += 1;
        voucher = [];
      }
      voucher.push(line);
    }
    if (voucher.length > 0) {
      writeVoucher(voucher);
      vouchersInPage += 1;
    }
    endFragment();
    await flush();
    options.onProgress?.(written.lines, totals.lines);
    const last = page.at(-1);
    if (!last || vouchersInPage < VOUCHER_PAGE) break;
    after = { fiscalYear: last.fiscalYear, number: last.number };
  }
  if (totals.vouchers > 0) xml.up(); // Journal
  xml.up(); // GeneralLedgerEntries
  xml.up().end();

  if (
    written.vouchers !== totals.vouchers ||
    written.lines !== totals.lines ||
    written.debit !== totals.debit ||
    written.credit !== totals.credit
  )
    throw new Error(
      `SAF-T: the lines written (${written.vouchers} vouchers, ${written.lines} lines) do not agree with the header (${totals.vouchers}, ${totals.lines})`,
    );
  await flush();
  options.onProgress?.(written.lines, totals.lines);
  return {
    vouchers: written.vouchers,
    lines: written.lines,
    totalDebit: written.debit,
    totalCredit: abs(written.credit),
    accounts: accounts.length,
    customers: customerNumbers.size,
    taxCodes,
  };
}
