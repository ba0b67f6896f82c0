import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';

export const SAFT_XSD = fileURLToPath(
  new URL('../../../shared/reference/saf-t/Norwegian_SAF-T_Financial_Schema_v_1.30.xsd', import.meta.url),
);

/** Whether xmllint is here. In CI (CI=1) its absence is a failure, never a skip. */
export function xmllintAvailable(): boolean {
  const found = spawnSync('xmllint', ['--version']).error === undefined;
  if (!found && process.env.CI)
    throw new Error('xmllint is missing: CI must install libxml2-utils (.ci/run) to validate the SAF-T file');
  return found;
}

/** `xmllint --noout --schema` on the file: its exit status and what it said. */
export function validateSaft(file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', SAFT_XSD, file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.slice(0, 4000) };
}

/** A decimal from the file in øre, exactly (no float on the way). */
export function oreOf(decimal: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!m) throw new Error(`not an amount: ${decimal}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0')));
}

export interface ParsedBalance {
  opening: number;
  closing: number;
}
export interface ParsedLine {
  account: string;
  customerId: string | null;
  /** Signed øre: debit positive. */
  amount: number;
  tax: Array<{ code: string; base: number; amount: number }>;
}
export interface ParsedTransaction {
  id: string;
  voucherType: string;
  customerId: string | null;
  lines: ParsedLine[];
}
export interface ParsedSaft {
  header: Record<string, string>;
  selection: { from: string; to: string };
  accounts: Map<string, ParsedBalance & { category: string; code: string }>;
  customers: Map<string, Map<string, ParsedBalance>>;
  taxCodes: Map<string, { standard: string; percentage: string }>;
  entries: { count: number; debit: number; credit: number };
  transactions: ParsedTransaction[];
}

/** Reads a SAF-T file back with a streaming parser (saxes), keeping what the tests check. */
export async function parseSaft(file: string): Promise<ParsedSaft> {
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  let textBuf = '';
  const r: ParsedSaft = {
    header: {},
    selection: { from: '', to: '' },
    accounts: new Map(),
    customers: new Map(),
    taxCodes: new Map(),
    entries: { count: 0, debit: 0, credit: 0 },
    transactions: [],
  };
  let fields: Record<string, string> = {};
  let balance: Record<string, string> = {};
  let customerBalances = new Map<string, ParsedBalance>();
  let transaction: ParsedTransaction | null = null;
  let line: ParsedLine | null = null;
  let tax: Record<string, string> = {};
  const signedBalance = (b: Record<string, string>, kind: 'Opening' | 'Closing') =>
    b[`${kind}DebitBalance`] !== undefined ? oreOf(b[`${kind}DebitBalance`]!) : -oreOf(b[`${kind}CreditBalance`]!);

  parser.on('opentag', (tag) => {
    if (tag.uri !== 'urn:StandardAuditFile-Taxation-Financial:NO')
      throw new Error(`element ${tag.name} outside the SAF-T namespace`);
    stack.push(tag.local);
    textBuf = '';
    const path = stack.join('/');
    if (path.endsWith('GeneralLedgerAccounts/Account') || path.endsWith('Customers/Customer')) fields = {};
    if (path.endsWith('Customers/Customer')) customerBalances = new Map();
    if (path.endsWith('Customer/BalanceAccount')) balance = {};
    if (path.endsWith('TaxCodeDetails')) fields = {};
    if (tag.local === 'Transaction') {
      transaction = { id: '', voucherType: '', customerId: null, lines: [] };
      fields = {};
    }
    if (tag.local === 'Line' && transaction) {
      line = { account: '', customerId: null, amount: 0, tax: [] };
      fields = {};
    }
    if (tag.local === 'TaxInformation') tax = {};
  });
  parser.on('text', (t) => {
    textBuf += t;
  });
  parser.on('closetag', (tag) => {
    const path = stack.join('/');
    const value = textBuf.trim();
    textBuf = '';
    const parent = stack[stack.length - 2];
    if (path.startsWith('AuditFile/Header/') && stack.length === 3) r.header[tag.local] = value;
    // The company's contact, as `Contact/Telephone`, `Contact/Email`, `Contact/FirstName`.
    if (path.startsWith('AuditFile/Header/Company/Contact/') && tag.local !== 'ContactPerson')
      r.header[`Contact/${tag.local}`] = value;
    if (path === 'AuditFile/Header/SelectionCriteria/SelectionStartDate') r.selection.from = value;
    if (path === 'AuditFile/Header/SelectionCriteria/SelectionEndDate') r.selection.to = value;
    if (parent === 'Account' || parent === 'TaxCodeDetails') fields[tag.local] = value;
    if (parent === 'Customer') fields[tag.local] = value;
    if (parent === 'BalanceAccount') balance[tag.local] = value;
    if (tag.local === 'BalanceAccount')
      customerBalances.set(balance.AccountID!, {
        opening: signedBalance(balance, 'Opening'),
        closing: signedBalance(balance, 'Closing'),
      });
    if (path.endsWith('GeneralLedgerAccounts/Account'))
      r.accounts.set(fields.AccountID!, {
        opening: signedBalance(fields, 'Opening'),
        closing: signedBalance(fields, 'Closing'),
        category: fields.GroupingCategory!,
        code: fields.GroupingCode!,
      });
    if (path.endsWith('Customers/Customer')) r.customers.set(fields.CustomerID!, customerBalances);
    if (tag.local === 'TaxCodeDetails')
      r.taxCodes.set(fields.TaxCode!, { standard: fields.StandardTaxCode!, percentage: fields.TaxPercentage! });
    if (path === 'AuditFile/GeneralLedgerEntries/NumberOfEntries') r.entries.count = Number(value);
    if (path === 'AuditFile/GeneralLedgerEntries/TotalDebit') r.entries.debit = oreOf(value);
    if (path === 'AuditFile/GeneralLedgerEntries/TotalCredit') r.entries.credit = oreOf(value);
    if (transaction && parent === 'Transaction') {
      if (tag.local === 'TransactionID') transaction.id = value;
      if (tag.local === 'VoucherType') transaction.voucherType = value;
      if (tag.local === 'CustomerID') transaction.customerId = value;
    }
    if (line && parent === 'Line') {
      if (tag.local === 'AccountID') line.account = value;
      if (tag.local === 'CustomerID') line.customerId = value;
    }
    if (line && path.endsWith('Line/DebitAmount/Amount')) line.amount = oreOf(value);
    if (line && path.endsWith('Line/CreditAmount/Amount')) line.amount = -oreOf(value);
    if (parent === 'TaxInformation') tax[tag.local] = value;
    if (path.endsWith('TaxInformation/DebitTaxAmount/Amount')) tax.amount = value;
    if (path.endsWith('TaxInformation/CreditTaxAmount/Amount')) tax.amount = `-${value}`;
    if (tag.local === 'TaxInformation' && line)
      line.tax.push({ code: tax.TaxCode!, base: oreOf(tax.TaxBase!), amount: oreOf(tax.amount!) });
    if (tag.local === 'Line' && line && transaction) {
      transaction.lines.push(line);
      line = null;
    }
    if (tag.local === 'Transaction' && transaction) {
      r.transactions.push(transaction);
      transaction = null;
    }
    stack.pop();
  });
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) parser.write(chunk as string);
  parser.close();
  return r;
}
