import { isValidKid } from '../formats/kid.js';
import { MAX_AMOUNT, type Ore, ore } from '../shared/money.js';
import { BankFileError, type BankTransaction, clip } from './bank-file.js';

/**
 * Nets OCR giro (the system manual in shared/reference/bank): fixed-width records of 80
 * characters. A transmission (10 … 89) holds assignments (20 … 88), each for one account, holding
 * transactions of amount item 1 (30: type, Nets date, settlement serial, sign, amount in øre, KID),
 * amount item 2 (31: form number, archive reference, bank date, debit account) and, for terminal
 * transactions with free text (types 20 and 21), amount item 3 (32: the text). The end records
 * carry counts and totals, checked here. Read line by line: memory does not grow with the file.
 */

const REVERSAL_TYPES = new Set(['18', '20']);
const TRANSACTION_TYPES = new Set(['10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21']);

/** Splits a stream of text into lines, holding only the unfinished last line between chunks. */
async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks) {
    rest += chunk;
    let i = rest.indexOf('\n');
    while (i >= 0) {
      yield rest.slice(0, i).replace(/\r$/, '');
      rest = rest.slice(i + 1);
      i = rest.indexOf('\n');
    }
  }
  if (rest.length > 0) yield rest.replace(/\r$/, '');
}

/** DDMMYY → YYYY-MM-DD (Nets writes two-digit years; this century). */
function ddmmyy(s: string, line: number, field: string): string {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(s);
  const iso = m ? `20${m[3]}-${m[2]}-${m[1]}` : '';
  const ok =
    m && !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) && new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);
  if (!ok) throw new BankFileError('bad_date', line, null, `${field} "${s}" is not a date (DDMMYY)`);
  return iso;
}

function digits(s: string, line: number, field: string): string {
  if (!/^\d+$/.test(s)) throw new BankFileError('bad_number', line, null, `${field} "${s.trim()}" is not a number`);
  return s;
}

interface Pending {
  line: number;
  type: string;
  transactionNo: string;
  netsDate: string;
  settlement: string;
  negative: boolean;
  amount: Ore;
  kid: string | null;
  archiveRef?: string;
  bankDate?: string;
  debitAccount?: string | null;
  text?: string;
}

/**
 * Reads an OCR giro transmission and yields its transactions (the format first). Throws
 * {@link BankFileError} naming the line for a record that is not 80 characters, a wrong format
 * code or record type, records out of order, an amount or count with letters, a KID with a wrong
 * check digit, or end-record counts and totals that do not add up.
 */
export async function* readOcrGiro(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ kind: 'format'; format: 'ocr-giro' } | { kind: 'transaction'; tx: BankTransaction }> {
  yield { kind: 'format', format: 'ocr-giro' };
  let n = 0;
  let state: 'start' | 'transmission' | 'assignment' | 'end' = 'start';
  let account = '';
  let tx: Pending | null = null;
  // Totals in bigint: the end records carry 17 digits, beyond what a JavaScript number holds exactly.
  let assignment = { transactions: 0, records: 0, total: 0n };
  let transmission = { transactions: 0, records: 0, total: 0n };

  const finish = (p: Pending): BankTransaction => {
    if (p.bankDate === undefined)
      throw new BankFileError(
        'missing_record',
        p.line,
        null,
        `transaction ${p.transactionNo} has no amount item 2 (record type 31)`,
      );
    assignment.transactions++;
    transmission.transactions++;
    assignment.total += BigInt(p.amount);
    transmission.total += BigInt(p.amount);
    return {
      line: p.line,
      account,
      accountNumber: account,
      currency: 'NOK',
      amount: p.amount,
      direction: p.negative ? 'debit' : 'credit',
      reversal: REVERSAL_TYPES.has(p.type),
      booked: true,
      bookingDate: p.bankDate,
      valueDate: null,
      key: `${account}|ocr|${p.netsDate}|${p.settlement}|${p.archiveRef}|${p.transactionNo}`,
      bankReference: p.archiveRef && !/^0+$/.test(p.archiveRef) ? p.archiveRef : null,
      kid: p.kid,
      text: clip(p.text ?? ''),
      debtorName: null,
      debtorAccount: p.debitAccount ?? null,
      batch: false,
    };
  };

  for await (const raw of lines(chunks)) {
    n++;
    if (raw.trim() === '') continue;
    const r = raw;
    if (r.length !== 80)
      throw new BankFileError('bad_record', n, null, `the record is ${r.length} characters; an OCR giro record is 80`);
    if (r.slice(0, 2) !== 'NY')
      throw new BankFileError('bad_record', n, null, `format code "${r.slice(0, 2)}" is not NY`);
    const recordType = r.slice(6, 8);
    const order = (ok: boolean) => {
      if (!ok)
        throw new BankFileError('bad_order', n, null, `record type ${recordType} is out of place (after ${state})`);
    };
    if (state !== 'start' && state !== 'end') transmission.records++;
    if (state === 'assignment') assignment.records++;
    if (tx && recordType !== '31' && recordType !== '32') {
      yield { kind: 'transaction', tx: finish(tx) };
      tx = null;
    }
    switch (recordType) {
      case '10':
        order(state === 'start');
        state = 'transmission';
        transmission = { transactions: 0, records: 1, total: 0n };
        break;
      case '20': {
        order(state === 'transmission');
        if (r.slice(2, 4) !== '09')
          throw new BankFileError('bad_record', n, null, `service code ${r.slice(2, 4)} is not OCR giro (09)`);
        account = digits(r.slice(24, 35), n, 'assignment account');
        assignment = { transactions: 0, records: 1, total: 0n };
        state = 'assignment';
        break;
      }
      case '30': {
        order(state === 'assignment');
        const type = r.slice(4, 6);
        if (!TRANSACTION_TYPES.has(type))
          throw new BankFileError(
            'bad_record',
            n,
            null,
            `transaction type ${type} is not an OCR giro transaction type`,
          );
        const amountText = r.slice(32, 49);
        if (!/^\d{17}$/.test(amountText))
          throw new BankFileError(
            'bad_amount',
            n,
            null,
            `amount "${amountText.trim()}" (positions 33-49) is not a number of øre`,
          );
        if (BigInt(amountText) > BigInt(MAX_AMOUNT))
          throw new BankFileError(
            'bad_amount',
            n,
            null,
            `amount ${BigInt(amountText)} øre (positions 33-49) is beyond the largest amount Innfri books (${MAX_AMOUNT} øre)`,
          );
        const kidField = r.slice(49, 74).trim();
        if (kidField !== '' && !isValidKid(kidField))
          throw new BankFileError(
            'bad_kid',
            n,
            null,
            /^\d+-?$/.test(kidField)
              ? `KID ${kidField} has a wrong check digit (neither MOD10 nor MOD11)`
              : `KID "${kidField}" may hold only digits`,
          );
        tx = {
          line: n,
          type,
          transactionNo: digits(r.slice(8, 15), n, 'transaction number'),
          netsDate: ddmmyy(r.slice(15, 21), n, 'Nets date'),
          settlement: digits(r.slice(21, 31), n, 'centre, day code, partial settlement and serial number'),
          negative: r[31] === '-',
          amount: ore(Number(amountText)),
          kid: kidField === '' ? null : kidField,
        };
        break;
      }
      case '31': {
        if (!tx || tx.bankDate !== undefined)
          throw new BankFileError('bad_order', n, null, 'amount item 2 (31) without its amount item 1 (30)');
        if (r.slice(8, 15) !== tx.transactionNo)
          throw new BankFileError(
            'bad_order',
            n,
            null,
            `amount item 2 is for transaction ${r.slice(8, 15)}, not ${tx.transactionNo}`,
          );
        tx.archiveRef = digits(r.slice(25, 34), n, 'archive reference');
        tx.bankDate = ddmmyy(r.slice(41, 47), n, 'bank date');
        const debit = digits(r.slice(47, 58), n, 'debit account');
        tx.debitAccount = /^0+$/.test(debit) ? null : debit;
        break;
      }
      case '32':
        if (!tx || tx.bankDate === undefined)
          throw new BankFileError('bad_order', n, null, 'amount item 3 (32) without amount items 1 and 2');
        tx.text = r.slice(15, 55);
        break;
      case '88': {
        order(state === 'assignment');
        const count = Number(digits(r.slice(8, 16), n, 'number of transactions'));
        const records = Number(digits(r.slice(16, 24), n, 'number of records'));
        const total = BigInt(digits(r.slice(24, 41), n, 'total amount'));
        if (count !== assignment.transactions || records !== assignment.records || total !== assignment.total)
          throw new BankFileError(
            'bad_totals',
            n,
            null,
            `the assignment's end record says ${count} transactions, ${records} records, ${total} øre; the assignment has ${assignment.transactions}, ${assignment.records}, ${assignment.total}`,
          );
        state = 'transmission';
        break;
      }
      case '89': {
        order(state === 'transmission');
        const count = Number(digits(r.slice(8, 16), n, 'number of transactions'));
        const records = Number(digits(r.slice(16, 24), n, 'number of records'));
        const total = BigInt(digits(r.slice(24, 41), n, 'total amount'));
        if (count !== transmission.transactions || records !== transmission.records || total !== transmission.total)
          throw new BankFileError(
            'bad_totals',
            n,
            null,
            `the transmission's end record says ${count} transactions, ${records} records, ${total} øre; the transmission has ${transmission.transactions}, ${transmission.records}, ${transmission.total}`,
          );
        state = 'end';
        break;
      }
      default:
        throw new BankFileError('bad_record', n, null, `record type "${recordType}" is not an OCR giro record type`);
    }
  }
  if (state !== 'end')
    throw new BankFileError('truncated', n, null, 'the transmission ends without its end record (record type 89)');
}
