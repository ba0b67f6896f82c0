import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BankFileError, type BankFileFormat, type BankTransaction } from './bank-file.js';
import { readBankFile } from './bank-file-reader.js';
import { camtDocument, ocrGiroFile } from './bank-file.fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/bank/${name}`, import.meta.url));

/** The file in chunks of `size` bytes, as a stream would give it (splitting characters and tags). */
async function* chunked(bytes: Uint8Array | string, size = 97): AsyncGenerator<Uint8Array> {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function read(bytes: Uint8Array | string, size?: number) {
  let format: BankFileFormat | null = null;
  const txs: BankTransaction[] = [];
  for await (const item of readBankFile(chunked(bytes, size))) {
    if (item.kind === 'format') format = item.format;
    else txs.push(item.tx);
  }
  return { format, txs };
}

async function refusal(bytes: Uint8Array | string): Promise<BankFileError> {
  try {
    await read(bytes);
  } catch (e) {
    if (e instanceof BankFileError) return e;
    throw e;
  }
  throw new Error('the file was read');
}

describe('camt.054.001.02 (credit notification)', () => {
  it('reads every entry and transaction with its figures', async () => {
    const { format, txs } = await read(fixture('camt054-001-02.xml'));
    expect(format).toBe('camt.054.001.02');
    expect(txs).toHaveLength(6);
    // the batch: three KID payments, each its own transaction with the bank's reference
    expect(txs.slice(0, 3).map((t) => [t.amount, t.kid, t.key, t.debtorName, t.batch])).toEqual([
      [125000, '00000100100015', '86011117947|*26112700011', 'Ola Nordmann', true],
      [200000, '00000200100030', '86011117947|*26112700012', 'Kari Nordmann', true],
      [50050, '0000030010004-', '86011117947|*26112700013', 'Per Hansen', true],
    ]);
    expect(txs[0]).toMatchObject({
      line: 35,
      account: 'NO9386011117947',
      accountNumber: '86011117947',
      currency: 'NOK',
      direction: 'credit',
      reversal: false,
      booked: true,
      bookingDate: '2026-11-27',
      valueDate: '2026-11-27',
      bankReference: '*26112700011',
      debtorAccount: '12345678903',
      text: '',
    });
    // one transaction without its own amount or reference: the entry's
    expect(txs[3]).toMatchObject({
      amount: 98000,
      direction: 'credit',
      kid: null,
      key: '86011117947|2611270002',
      text: 'Betaling faktura 10012, takk Giro innbetaling',
      debtorName: 'Bakeriet Sentrum AS',
      batch: false,
    });
    expect(txs[4]).toMatchObject({ amount: 14900, direction: 'debit', reversal: false, text: 'Gebyr' });
    expect(txs[5]).toMatchObject({
      amount: 200000,
      direction: 'debit',
      reversal: true,
      kid: '00000200100030',
      key: '86011117947|*26112800041|reversal',
      bookingDate: '2026-11-28',
    });
  });

  it('gives the same result whatever the chunk size', async () => {
    const whole = await read(fixture('camt054-001-02.xml'), 1 << 20);
    for (const size of [1, 7, 64]) expect(await read(fixture('camt054-001-02.xml'), size)).toEqual(whole);
  });
});

describe('camt.053.001.08 (statement)', () => {
  it('reads both statements, the pending entry and the other currency as they are', async () => {
    const { format, txs } = await read(fixture('camt053-001-08.xml'));
    expect(format).toBe('camt.053.001.08');
    expect(txs.map((t) => [t.accountNumber, t.amount, t.currency, t.booked, t.key])).toEqual([
      ['86011117947', 300000, 'NOK', true, '86011117947|9911300001-1'],
      ['86011117947', 120000, 'NOK', true, '86011117947|9911300001-2'],
      ['86011117947', 65000, 'NOK', false, '86011117947|9911300002'],
      ['86011117947', 12000, 'EUR', true, '86011117947|9911300003'],
      ['15030000005', 7700, 'NOK', true, '15030000005|5511300001'],
    ]);
    expect(txs[0]).toMatchObject({
      kid: '00000100100023',
      debtorName: 'Fjellheim Regnskap AS',
      debtorAccount: 'NO8330001234567',
      bookingDate: '2026-11-30',
      batch: true,
    });
    expect(txs[1]).toMatchObject({
      kid: null,
      text: 'Fakt.nr 10020 og 10021 delbetaling Nettbank overføring',
      debtorName: 'Hansen Rør',
    });
    expect(txs[2]).toMatchObject({ bookingDate: '2026-12-01', valueDate: '2026-12-01' });
  });
});

describe('generated camt in all four versions', () => {
  for (const message of ['053', '054'] as const)
    for (const version of ['02', '08'] as const)
      it(`camt.${message}.001.${version}: batch booking, structured and unstructured remittance, reversal`, async () => {
        const xml = camtDocument({
          message,
          version,
          account: '86011117947',
          entries: [
            {
              ref: 'A1',
              bookingDate: '2026-11-02',
              txs: [
                { amount: 10000, kid: '00000100100015', ref: 'A1-1', debtorName: 'Ola' },
                { amount: 25050, text: 'faktura 10002', ref: 'A1-2' },
              ],
            },
            { ref: 'A2', bookingDate: '2026-11-03', amount: 999, direction: 'debit', reversal: true },
          ],
        });
        const { format, txs } = await read(xml, 50);
        expect(format).toBe(`camt.${message}.001.${version}`);
        expect(txs.map((t) => [t.amount, t.direction, t.reversal, t.kid, t.text, t.key, t.debtorName])).toEqual([
          [10000, 'credit', false, '00000100100015', '', '86011117947|A1-1', 'Ola'],
          [25050, 'credit', false, null, 'faktura 10002', '86011117947|A1-2', null],
          [999, 'debit', true, null, '', '86011117947|A2|reversal', null],
        ]);
      });
});

describe('OCR giro', () => {
  it('reads amount items 1, 2 and 3 of several assignments', async () => {
    const { format, txs } = await read(fixture('ocr-giro.txt'), 33);
    expect(format).toBe('ocr-giro');
    expect(txs.map((t) => [t.line, t.accountNumber, t.amount, t.direction, t.reversal, t.kid, t.bookingDate])).toEqual([
      [3, '86011117947', 125000, 'credit', false, '00000100100015', '2026-11-27'],
      [5, '86011117947', 200000, 'credit', false, '00000200100030', '2026-11-27'],
      [7, '86011117947', 49900, 'credit', false, null, '2026-11-27'],
      [10, '86011117947', 9900, 'credit', true, '00000300100047', '2026-11-27'],
      [14, '15030000005', 7700, 'credit', false, '00000100100023', '2026-11-27'],
    ]);
    expect(txs[0]).toMatchObject({
      currency: 'NOK',
      booked: true,
      debtorAccount: '12345678903',
      bankReference: '020000000',
      key: '86011117947|ocr|2026-11-26|0226100345|020000000|0000001',
    });
    expect(txs[1]).toMatchObject({ bankReference: '530004107', debtorAccount: null });
    expect(txs[2]).toMatchObject({ text: 'Faktura 10012 kiosk' });
  });

  it('generated files of any size keep their counts and totals', async () => {
    const ocr = ocrGiroFile({
      account: '86011117947',
      netsDate: '2026-11-26',
      transactions: Array.from({ length: 25 }, (_, i) => ({
        amount: 1000 + i,
        kid: i % 2 === 0 ? '00000100100015' : null,
      })),
    });
    const { txs } = await read(ocr);
    expect(txs).toHaveLength(25);
    expect(txs.reduce((s, t) => s + t.amount, 0)).toBe(25 * 1000 + 300);
    expect(new Set(txs.map((t) => t.key)).size).toBe(25);
  });
});

describe('refused files name the line and element', () => {
  const camt = camtDocument({
    message: '054',
    version: '02',
    account: '86011117947',
    entries: [{ ref: 'X', bookingDate: '2026-11-02', amount: 100 }],
  });

  it('truncated XML', async () => {
    const e = await refusal(camt.slice(0, camt.indexOf('</Ntry>') + 3));
    expect(e.message).toMatch(/^line \d+/);
    expect(e.reason).toMatch(/not_xml|truncated/);
  });
  it('wrong namespace', async () => {
    const e = await refusal(camt.replace('camt.054.001.02', 'camt.052.001.02'));
    expect(e.reason).toBe('wrong_namespace');
    expect(e.message).toContain('line 2');
    expect(e.message).toContain('camt.052.001.02');
  });
  it('amount with letters', async () => {
    const e = await refusal(camt.replace('>1.00</Amt>', '>1O.00</Amt>'));
    expect(e.reason).toBe('bad_amount');
    expect(e.element).toBe('Ntry/Amt');
    expect(e.message).toMatch(/^line \d+, <Ntry\/Amt>: amount "1O.00"/);
  });
  it('KID with a wrong check digit', async () => {
    const bad = camtDocument({
      message: '054',
      version: '08',
      account: '86011117947',
      entries: [{ ref: 'X', bookingDate: '2026-11-02', amount: 100, kid: '00000100100016' }],
    });
    const e = await refusal(bad);
    expect(e.reason).toBe('bad_kid');
    expect(e.message).toContain('KID 00000100100016 has a wrong check digit');
    expect(e.element).toBe('RmtInf/Strd/CdtrRefInf/Ref');
  });
  it('batch whose transactions do not add up', async () => {
    const bad = fixture('camt054-001-02.xml')
      .toString()
      .replace('<Amt Ccy="NOK">3750.50</Amt>', '<Amt Ccy="NOK">3750.00</Amt>');
    const e = await refusal(bad);
    expect(e.reason).toBe('batch_sum');
    expect(e.message).toContain('line 21');
  });
  it('not a bank file at all', async () => {
    expect((await refusal('hello')).reason).toBe('unknown_format');
  });

  const ocr = fixture('ocr-giro.txt').toString();
  const lines = ocr.split('\r\n');
  const withLine = (n: number, f: (l: string) => string) => lines.map((l, i) => (i === n - 1 ? f(l) : l)).join('\r\n');
  it('OCR: bad record type', async () => {
    const e = await refusal(withLine(5, (l) => `${l.slice(0, 6)}40${l.slice(8)}`));
    expect(e.message).toBe('line 5: record type "40" is not an OCR giro record type');
  });
  it('OCR: amount with letters', async () => {
    const e = await refusal(withLine(3, (l) => `${l.slice(0, 40)}12A45${l.slice(45)}`));
    expect(e.reason).toBe('bad_amount');
    expect(e.message).toMatch(/^line 3: amount/);
  });
  it('OCR: KID with a wrong check digit', async () => {
    const e = await refusal(withLine(5, (l) => l.replace('00000200100030', '00000200100031')));
    expect(e.message).toBe('line 5: KID 00000200100031 has a wrong check digit (neither MOD10 nor MOD11)');
  });
  it('OCR: a short record, a missing end record, totals that do not add up', async () => {
    expect((await refusal(withLine(4, (l) => l.slice(0, 79)))).message).toBe(
      'line 4: the record is 79 characters; an OCR giro record is 80',
    );
    expect((await refusal(lines.slice(0, 16).join('\r\n'))).reason).toBe('truncated');
    const e = await refusal(withLine(12, (l) => `${l.slice(0, 40)}1${l.slice(41)}`));
    expect(e.reason).toBe('bad_totals');
    expect(e.line).toBe(12);
  });
});
