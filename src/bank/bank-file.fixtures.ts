/**
 * Bank files written from the specifications, for tests, the benchmark and the demo: camt.053 /
 * camt.054 in versions 001.02 and 001.08, and Nets OCR giro transmissions. Generators, so a file of
 * 100 000 entries is written as a stream without being held whole.
 */

export interface FixtureTx {
  amount: number;
  direction?: 'credit' | 'debit';
  kid?: string | null;
  text?: string;
  ref?: string;
  debtorName?: string;
  /** The payer's account (`RltdPties/DbtrAcct`, as IBAN when it starts with two letters). */
  debtorAccount?: string;
}

export interface FixtureEntry {
  ref: string;
  bookingDate: string;
  /** Without `txs`: one entry with its own remittance (`kid`, `text`, `debtorName`). */
  amount?: number;
  direction?: 'credit' | 'debit';
  reversal?: boolean;
  status?: 'BOOK' | 'PDNG';
  currency?: string;
  kid?: string | null;
  text?: string;
  debtorName?: string;
  debtorAccount?: string;
  txs?: FixtureTx[];
}

export interface CamtOptions {
  message: '053' | '054';
  version: '02' | '08';
  account: string;
  messageId?: string;
}

const kr = (ore: number) => `${Math.trunc(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function txXml(o: CamtOptions, t: FixtureTx, withAmount: boolean): string {
  const v08 = o.version === '08';
  const amount = withAmount
    ? v08
      ? `<Amt Ccy="NOK">${kr(t.amount)}</Amt><CdtDbtInd>${t.direction === 'debit' ? 'DBIT' : 'CRDT'}</CdtDbtInd>`
      : `<AmtDtls><TxAmt><Amt Ccy="NOK">${kr(t.amount)}</Amt></TxAmt></AmtDtls>`
    : '';
  const dbtr = t.debtorName
    ? v08
      ? `<Dbtr><Pty><Nm>${esc(t.debtorName)}</Nm></Pty></Dbtr>`
      : `<Dbtr><Nm>${esc(t.debtorName)}</Nm></Dbtr>`
    : '';
  const dbtrAcct = t.debtorAccount
    ? /^[A-Z]{2}/.test(t.debtorAccount)
      ? `<DbtrAcct><Id><IBAN>${t.debtorAccount}</IBAN></Id></DbtrAcct>`
      : `<DbtrAcct><Id><Othr><Id>${t.debtorAccount}</Id></Othr></Id></DbtrAcct>`
    : '';
  const debtor = dbtr || dbtrAcct ? `<RltdPties>${dbtr}${dbtrAcct}</RltdPties>` : '';
  const rmt =
    t.kid || t.text
      ? `<RmtInf>${t.text ? `<Ustrd>${esc(t.text)}</Ustrd>` : ''}${
          t.kid
            ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${t.kid}</Ref></CdtrRefInf></Strd>`
            : ''
        }</RmtInf>`
      : '';
  const refs = t.ref ? `<Refs><AcctSvcrRef>${esc(t.ref)}</AcctSvcrRef></Refs>` : '';
  return `<TxDtls>${refs}${amount}${debtor}${rmt}</TxDtls>`;
}

function entryXml(o: CamtOptions, e: FixtureEntry): string {
  const txs = e.txs ?? [];
  const amount = e.amount ?? txs.reduce((s, t) => s + t.amount, 0);
  const status = o.version === '08' ? `<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>` : `<Sts>${e.status ?? 'BOOK'}</Sts>`;
  const details =
    txs.length > 0
      ? `<NtryDtls><Btch><NbOfTxs>${txs.length}</NbOfTxs></Btch>${txs.map((t) => txXml(o, t, true)).join('')}</NtryDtls>`
      : e.kid || e.text || e.debtorName || e.debtorAccount
        ? `<NtryDtls>${txXml(o, { amount, kid: e.kid ?? null, text: e.text ?? '', debtorName: e.debtorName ?? '', ...(e.debtorAccount ? { debtorAccount: e.debtorAccount } : {}) }, false)}</NtryDtls>`
        : '';
  return `
      <Ntry>
        <Amt Ccy="${e.currency ?? 'NOK'}">${kr(amount)}</Amt>
        <CdtDbtInd>${e.direction === 'debit' ? 'DBIT' : 'CRDT'}</CdtDbtInd>${e.reversal ? '\n        <RvslInd>true</RvslInd>' : ''}
        ${status}
        <BookgDt><Dt>${e.bookingDate}</Dt></BookgDt>
        <ValDt><Dt>${e.bookingDate}</Dt></ValDt>
        <AcctSvcrRef>${esc(e.ref)}</AcctSvcrRef>
        ${details}
      </Ntry>`;
}

/** A camt.053 or camt.054 document, piece by piece. */
export function* camtChunks(o: CamtOptions, entries: Iterable<FixtureEntry>): Generator<string> {
  const root = o.message === '053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn';
  const part = o.message === '053' ? 'Stmt' : 'Ntfctn';
  yield `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${o.message}.001.${o.version}">
  <${root}>
    <GrpHdr><MsgId>${esc(o.messageId ?? 'MSG-1')}</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm></GrpHdr>
    <${part}>
      <Id>${esc(o.messageId ?? 'MSG-1')}-1</Id>
      <CreDtTm>2026-11-30T06:00:00</CreDtTm>
      <Acct><Id><Othr><Id>${o.account}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id><Ccy>NOK</Ccy></Acct>`;
  for (const e of entries) yield entryXml(o, e);
  yield `
    </${part}>
  </${root}>
</Document>
`;
}

export function camtDocument(o: CamtOptions & { entries: FixtureEntry[] }): string {
  return [...camtChunks(o, o.entries)].join('');
}

export interface FixtureOcrTx {
  amount: number;
  kid?: string | null;
  /** 18 and 20 are reversals; 20 and 21 carry `text` in amount item 3. */
  type?: string;
  archiveRef?: string;
  text?: string;
}

const ddmmyy = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
const num = (n: number, width: number) => String(n).padStart(width, '0');

function record(...parts: string[]): string {
  const r = parts.join('');
  if (r.length !== 80) throw new Error(`OCR fixture record of ${r.length} characters: ${r}`);
  return r;
}

/** An OCR giro transmission with one assignment per account given, line by line. */
export function* ocrGiroLines(
  o: { account: string; netsDate: string; bankDate?: string },
  transactions: Iterable<FixtureOcrTx>,
): Generator<string> {
  const nets = ddmmyy(o.netsDate);
  const bank = ddmmyy(o.bankDate ?? o.netsDate);
  yield record('NY000010', '00008080', '0170604', '00010200', '0'.repeat(49));
  yield record('NY090020', '001004162', '0000001', o.account, '0'.repeat(45));
  let n = 0;
  let records = 1;
  let total = 0;
  for (const t of transactions) {
    n++;
    const type = t.type ?? '10';
    const no = num(n, 7);
    yield record(
      'NY09',
      type,
      '30',
      no,
      nets,
      '02',
      nets.slice(0, 2),
      '1',
      num(n % 100000, 5),
      '0',
      num(t.amount, 17),
      (t.kid ?? '').padStart(25, ' '),
      '000000',
    );
    yield record(
      'NY09',
      type,
      '31',
      no,
      '0'.repeat(10),
      t.archiveRef ?? num(n, 9),
      '0'.repeat(7),
      bank,
      '0'.repeat(11),
      '0'.repeat(22),
    );
    records += 2;
    if (type === '20' || type === '21') {
      yield record('NY09', type, '32', no, (t.text ?? '').slice(0, 40).padEnd(40, ' '), '0'.repeat(25));
      records++;
    }
    total += t.amount;
  }
  records++;
  yield record('NY090088', num(n, 8), num(records, 8), num(total, 17), nets, nets, nets, '0'.repeat(21));
  yield record('NY000089', num(n, 8), num(records + 2, 8), num(total, 17), nets, '0'.repeat(33));
}

export function ocrGiroFile(o: {
  account: string;
  netsDate: string;
  bankDate?: string;
  transactions: FixtureOcrTx[];
}): string {
  return `${[...ocrGiroLines(o, o.transactions)].join('\r\n')}\r\n`;
}
