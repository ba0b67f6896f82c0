import { SaxesParser, type SaxesTagNS } from 'saxes';
import { isValidKid } from '../formats/kid.js';
import type { Ore } from '../shared/money.js';
import {
  amountToOre,
  type BankFileFormat,
  BankFileError,
  type BankTransaction,
  clip,
  norwegianAccountNumber,
} from './bank-file.js';

/**
 * ISO 20022 cash-management messages, read as a stream (saxes): the account statement
 * (camt.053, `BkToCstmrStmt/Stmt`) and the debit/credit notification (camt.054,
 * `BkToCstmrDbtCdtNtfctn/Ntfctn`), versions 001.02 and 001.08. Both carry the same `Ntry`
 * (entry) with optional `NtryDtls/TxDtls` (the transactions of a batch booking). The parser keeps
 * only the entry it is reading: memory does not grow with the file.
 *
 * Differences between the versions that matter here: in .02 `Sts` is a code as text and the
 * debtor is `RltdPties/Dbtr/Nm`; in .08 `Sts/Cd`, `RltdPties/Dbtr/Pty/Nm`, and `TxDtls/Amt` beside
 * `AmtDtls/TxAmt/Amt`.
 */
const NAMESPACES: Record<string, BankFileFormat> = {
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02': 'camt.053.001.02',
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08': 'camt.053.001.08',
  'urn:iso:std:iso:20022:tech:xsd:camt.054.001.02': 'camt.054.001.02',
  'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08': 'camt.054.001.08',
};

interface Tx {
  line: number;
  amount: Ore | null;
  currency: string | null;
  direction: 'credit' | 'debit' | null;
  acctSvcrRef: string | null;
  endToEndId: string | null;
  refs: Array<{ ref: string; code: string | null; line: number }>;
  code: string | null;
  texts: string[];
  debtorName: string | null;
  debtorAccount: string | null;
}

interface Entry {
  line: number;
  ntryRef: string | null;
  amount: Ore | null;
  currency: string | null;
  direction: 'credit' | 'debit' | null;
  reversal: boolean;
  status: string | null;
  bookingDate: string | null;
  valueDate: string | null;
  acctSvcrRef: string | null;
  info: string[];
  txs: Tx[];
}

function newTx(line: number): Tx {
  return {
    line,
    amount: null,
    currency: null,
    direction: null,
    acctSvcrRef: null,
    endToEndId: null,
    refs: [],
    code: null,
    texts: [],
    debtorName: null,
    debtorAccount: null,
  };
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/**
 * Reads a camt.053 or camt.054 document from a stream of text and yields its transactions, the
 * format first. Throws {@link BankFileError} naming the line and element for anything it cannot
 * take: not XML, a truncated document, another namespace, an amount that is not a number, a
 * structured reference of digits whose check digit is wrong, an entry without its amount, sign or
 * booking date.
 */
export async function* readCamt(chunks: AsyncIterable<string>): AsyncGenerator<
  | { kind: 'format'; format: BankFileFormat }
  | {
      kind: 'transaction';
      tx: BankTransaction;
    }
> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: BankTransaction[] = [];
  const stack: string[] = [];
  let format: BankFileFormat | null = null;
  let formatSent = false;
  let text = '';
  let account = '';
  let accountCurrency: string | null = null;
  let entry: Entry | null = null;
  let tx: Tx | null = null;
  let amountCurrency: string | null = null;
  let refCode: string | null = null;
  let failure: BankFileError | null = null;

  const fail = (reason: string, element: string | null, message: string, line = parser.line): never => {
    throw new BankFileError(reason, line, element, message);
  };
  /** The path below the current entry (or the whole path), e.g. `NtryDtls/TxDtls/Refs/AcctSvcrRef`. */
  const below = (from: string): string => {
    const i = stack.lastIndexOf(from);
    return i < 0 ? '' : stack.slice(i + 1).join('/');
  };
  const date = (element: string): string => {
    const m = DATE.exec(text.trim());
    if (
      !m ||
      Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)) ||
      new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]
    )
      fail('bad_date', element, `"${clip(text)}" is not a date (YYYY-MM-DD)`);
    return m![1]!;
  };
  const amount = (element: string): Ore => {
    const v = amountToOre(text);
    if (v === null)
      fail('bad_amount', element, `amount "${clip(text)}" is not a number of kroner with at most two decimals`);
    return v!;
  };
  const sign = (element: string): 'credit' | 'debit' => {
    const t = text.trim();
    if (t === 'CRDT') return 'credit';
    if (t === 'DBIT') return 'debit';
    return fail('bad_sign', element, `"${clip(text)}" is neither CRDT nor DBIT`);
  };

  parser.on('opentag', (node: SaxesTagNS) => {
    if (stack.length === 0) {
      const f = NAMESPACES[node.uri];
      if (node.local !== 'Document' || !f)
        fail(
          'wrong_namespace',
          node.name,
          `not a camt.053/camt.054 document (root <${node.local}> in namespace "${node.uri}"; expected <Document> in urn:iso:std:iso:20022:tech:xsd:camt.053.001.02/.08 or camt.054.001.02/.08)`,
        );
      format = f!;
    }
    stack.push(node.local);
    text = '';
    const local = node.local;
    if (local === 'Stmt' || local === 'Ntfctn') {
      account = '';
      accountCurrency = null;
    } else if (local === 'Ntry') {
      entry = {
        line: parser.line,
        ntryRef: null,
        amount: null,
        currency: null,
        direction: null,
        reversal: false,
        status: null,
        bookingDate: null,
        valueDate: null,
        acctSvcrRef: null,
        info: [],
        txs: [],
      };
    } else if (local === 'TxDtls' && entry) {
      tx = newTx(parser.line);
    } else if (local === 'Amt') {
      amountCurrency = node.attributes.Ccy?.value ?? null;
    } else if (local === 'CdtrRefInf') {
      refCode = null;
    }
  });

  parser.on('text', (t) => {
    // Only leaf text is kept, and only until the element closes: memory stays flat.
    if (text.length < 4 * 1024) text += t;
  });
  parser.on('cdata', (t) => {
    if (text.length < 4 * 1024) text += t;
  });

  parser.on('closetag', (node: SaxesTagNS) => {
    const local = node.local;
    if (entry && tx) {
      const p = below('TxDtls');
      switch (p) {
        case 'Refs/AcctSvcrRef':
          tx.acctSvcrRef = clip(text);
          break;
        case 'Refs/EndToEndId':
          tx.endToEndId = clip(text);
          break;
        case 'Amt':
        case 'AmtDtls/TxAmt/Amt':
          if (tx.amount === null || p === 'Amt') {
            tx.amount = amount(`TxDtls/${p}`);
            tx.currency = amountCurrency;
          }
          break;
        case 'AmtDtls/InstdAmt/Amt':
          break;
        case 'CdtDbtInd':
          tx.direction = sign('TxDtls/CdtDbtInd');
          break;
        case 'RltdPties/Dbtr/Nm':
        case 'RltdPties/Dbtr/Pty/Nm':
          tx.debtorName = clip(text);
          break;
        case 'RltdPties/DbtrAcct/Id/IBAN':
        case 'RltdPties/DbtrAcct/Id/Othr/Id':
          tx.debtorAccount = clip(text);
          break;
        case 'RmtInf/Ustrd':
        case 'AddtlTxInf':
          if (text.trim()) tx.texts.push(clip(text));
          break;
        case 'RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd':
          refCode = text.trim();
          break;
        case 'RmtInf/Strd/CdtrRefInf/Ref':
          tx.refs.push({ ref: text.trim(), code: refCode, line: parser.line });
          break;
        case 'RmtInf/Strd/AddtlRmtInf':
          if (text.trim()) tx.texts.push(clip(text));
          break;
        case '':
          if (local === 'TxDtls') {
            entry.txs.push(tx);
            tx = null;
          }
          break;
      }
    } else if (entry) {
      const p = below('Ntry');
      switch (p) {
        case 'NtryRef':
          entry.ntryRef = clip(text);
          break;
        case 'Amt':
          entry.amount = amount('Ntry/Amt');
          entry.currency = amountCurrency;
          break;
        case 'CdtDbtInd':
          entry.direction = sign('Ntry/CdtDbtInd');
          break;
        case 'RvslInd':
          entry.reversal = text.trim() === 'true' || text.trim() === '1';
          break;
        case 'Sts':
        case 'Sts/Cd':
          if (text.trim()) entry.status = text.trim();
          break;
        case 'BookgDt/Dt':
        case 'BookgDt/DtTm':
          entry.bookingDate = date(`Ntry/${p}`);
          break;
        case 'ValDt/Dt':
        case 'ValDt/DtTm':
          entry.valueDate = date(`Ntry/${p}`);
          break;
        case 'AcctSvcrRef':
          entry.acctSvcrRef = clip(text);
          break;
        case 'AddtlNtryInf':
          if (text.trim()) entry.info.push(clip(text));
          break;
        case '':
          if (local === 'Ntry') {
            out.push(...transactions(entry));
            entry = null;
          }
          break;
      }
    } else {
      const owner = stack.includes('Stmt') ? 'Stmt' : stack.includes('Ntfctn') ? 'Ntfctn' : null;
      if (owner) {
        const p = below(owner);
        if (p === 'Acct/Id/IBAN' || p === 'Acct/Id/Othr/Id') account = text.trim();
        else if (p === 'Acct/Ccy') accountCurrency = text.trim();
      }
    }
    stack.pop();
    text = '';
  });

  function transactions(e: Entry): BankTransaction[] {
    const where = (x: string) => `Ntry/${x}`;
    if (e.amount === null) fail('missing', where('Amt'), 'the entry has no amount', e.line);
    if (e.direction === null) fail('missing', where('CdtDbtInd'), 'the entry has no CdtDbtInd', e.line);
    const booked = e.status === null || e.status === 'BOOK';
    if (e.bookingDate === null && booked)
      fail('missing', where('BookgDt'), 'a booked entry has no booking date', e.line);
    if (!account) fail('missing', 'Acct/Id', 'the statement names no account', e.line);
    const accountNumber = norwegianAccountNumber(account);
    const currency = e.currency ?? accountCurrency ?? '';
    const entryRef = e.acctSvcrRef ?? e.ntryRef;
    const txs = e.txs.length > 0 ? e.txs : [newTx(e.line)];
    const batch = txs.length > 1;
    if (batch && txs.some((t) => t.amount === null))
      fail(
        'missing',
        'TxDtls/Amt',
        'an entry with several transactions must give each its amount (AmtDtls/TxAmt/Amt or Amt)',
        e.line,
      );
    if (batch && txs.every((t) => (t.direction ?? e.direction) === e.direction)) {
      const sum = txs.reduce((s, t) => s + (t.amount ?? 0), 0);
      if (sum !== e.amount)
        fail(
          'batch_sum',
          'Ntry/Amt',
          `the entry's amount ${e.amount} øre is not the sum of its transactions (${sum} øre)`,
          e.line,
        );
    }
    return txs.map((t, i): BankTransaction => {
      let kid: string | null = null;
      for (const r of t.refs) {
        if (!/^\d+-?$/.test(r.ref)) continue; // an RF creditor reference or other text: not a KID
        if (!isValidKid(r.ref))
          fail(
            'bad_kid',
            'RmtInf/Strd/CdtrRefInf/Ref',
            `KID ${r.ref} has a wrong check digit (neither MOD10 nor MOD11)`,
            r.line,
          );
        kid ??= r.ref;
      }
      const ref = t.acctSvcrRef ?? (entryRef ? (batch ? `${entryRef}#${i + 1}` : entryRef) : null);
      return {
        line: t.line,
        account,
        accountNumber,
        currency: t.currency ?? currency,
        amount: t.amount ?? e.amount!,
        direction: t.direction ?? e.direction!,
        reversal: e.reversal,
        booked,
        bookingDate: e.bookingDate ?? e.valueDate ?? '',
        valueDate: e.valueDate,
        // A reversal keeps a key of its own: a bank may give it the reference of the entry it takes back.
        key: ref ? `${accountNumber ?? account}|${ref}${e.reversal ? '|reversal' : ''}` : null,
        bankReference: t.acctSvcrRef ?? e.acctSvcrRef ?? e.ntryRef ?? t.endToEndId,
        kid,
        text: clip([...t.texts, ...e.info, ...t.refs.filter((r) => r.ref !== kid).map((r) => r.ref)].join(' ')),
        debtorName: t.debtorName,
        debtorAccount: t.debtorAccount,
        batch,
      };
    });
  }

  parser.on('error', (err) => {
    failure ??= new BankFileError(
      'not_xml',
      parser.line,
      stack.at(-1) ?? null,
      `not well-formed XML: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`,
    );
    throw failure;
  });

  const run = (step: () => void): void => {
    try {
      step();
    } catch (e) {
      if (e instanceof BankFileError) throw e;
      throw new BankFileError(
        'not_xml',
        parser.line,
        stack.at(-1) ?? null,
        `not well-formed XML: ${(e as Error).message}`,
      );
    }
  };

  for await (const chunk of chunks) {
    run(() => parser.write(chunk));
    if (format && !formatSent) {
      formatSent = true;
      yield { kind: 'format', format };
    }
    while (out.length > 0) yield { kind: 'transaction', tx: out.shift()! };
  }
  run(() => parser.close());
  if (!format) throw new BankFileError('empty', 1, null, 'the file is empty');
  if (stack.length > 0)
    throw new BankFileError('truncated', parser.line, stack.at(-1) ?? null, 'the document ends before it is closed');
  if (!formatSent) yield { kind: 'format', format };
  while (out.length > 0) yield { kind: 'transaction', tx: out.shift()! };
}
