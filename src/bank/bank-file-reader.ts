import { BankFileError, type BankFileItem } from './bank-file.js';
import { readCamt } from './camt.js';
import { readOcrGiro } from './ocr-giro.js';

/** Text from bytes, chunk by chunk (UTF-8; a character split between chunks is kept whole). */
async function* decode(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for await (const chunk of source) {
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new BankFileError('not_utf8', line, null, 'the file is not UTF-8 text');
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    yield text;
  }
  const last = decoder.decode();
  if (last) yield last;
}

/**
 * Reads a bank file of any format Innfri knows, telling them apart by how they begin: XML (camt.053,
 * camt.054) or an OCR giro transmission (`NY000010`). Yields the format first, then the
 * transactions; throws {@link BankFileError} naming the line (and element) of the first thing wrong.
 */
export async function* readBankFile(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<BankFileItem> {
  const text = decode(source);
  const first = await text.next();
  if (first.done) throw new BankFileError('empty', 1, null, 'the file is empty');
  const head = first.value.replace(/^\uFEFF/, '');
  async function* again(): AsyncGenerator<string> {
    yield head;
    yield* text;
  }
  const start = head.trimStart();
  if (start.startsWith('<')) yield* readCamt(again());
  else if (start.startsWith('NY')) yield* readOcrGiro(again());
  else
    throw new BankFileError('unknown_format', 1, null, 'neither a camt.053/camt.054 XML document nor an OCR giro file');
}
