import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { formatBankAccount, formatDate, formatQuantity, formatRatePercent, toWinAnsi } from './pdf-format.js';
import { type InvoicePdfData, type LetterPdfData, letterTitle, renderInvoicePdf, renderLetterPdf } from './pdf.js';
import { sampleCollectionNotice, sampleInvoice, sampleReminder, sampleSecondReminder } from './pdf.fixtures.js';
import { ore } from '../shared/money.js';

/** The PDF's text as a real parser (pdf.js) reads it, whitespace runs collapsed to one space. */
async function pdfText(pdf: Buffer): Promise<{ text: string; raw: string; pages: number }> {
  const { text, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: true });
  // \s also matches the no-break spaces that hold amounts together in running text.
  return { text: text.replace(/\s+/g, ' '), raw: text, pages: totalPages };
}

function expectPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
}

describe('renderInvoicePdf', () => {
  it('renders an invoice with 25, 15 and 0 % lines that a PDF parser reads back', async () => {
    const pdf = await renderInvoicePdf(sampleInvoice());
    expectPdf(pdf);
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBe(1);

    expect(text).toContain('Faktura');
    expect(text).toContain('Fakturanummer 1017');
    expect(text).toContain('Fakturadato 01.03.2026');
    expect(text).toContain('Forfallsdato 15.03.2026');
    expect(text).toContain('Kundenummer 10042');
    // Seller: name, address and the «Org.nr. … MVA» line Norwegian invoices need.
    expect(text).toContain('Fjordbakeriet Ærø & Søn AS');
    expect(text).toContain('Østre Ålgate 12');
    expect(text).toContain('Org.nr. 926 051 377 MVA');
    expect(text).toContain('Foretaksregisteret');
    // Buyer.
    expect(text).toContain('Bjørnstad Kjøkken & Interiør AS');
    expect(text).toContain('Kråkeveien 5 B');
    expect(text).toContain('5003 Bergen');
    // Lines: description, quantity with a decimal comma, price, rate, amount.
    expect(text).toContain('Konsulenttimer – oppsett av kassesystem 7,5 kr 1 200,00 25 % kr 9 000,00');
    expect(text).toContain('Påskeegg, æøå ÆØÅ-utgave (12 stk. à 250 g) 12 kr 64,50 15 % kr 774,00');
    expect(text).toContain('Bok: «Norsk pengekravsrett», 3. utgave 2 kr 449,00 0 % kr 898,00');
    // VAT per rate, then the totals.
    expect(text).toContain('25 % kr 9 098,75 kr 2 274,69');
    expect(text).toContain('15 % kr 774,00 kr 116,10');
    expect(text).toContain('0 % kr 898,00 kr 0,00');
    expect(text).toContain('Sum eks. mva kr 10 770,75');
    expect(text).toContain('Merverdiavgift kr 2 390,79');
    expect(text).toContain('Å betale kr 13 161,54');
    // Payment block.
    expect(text).toContain('Betales til konto 1503.27.46184');
    expect(text).toContain('KID 01004200010172');
    expect(text).toContain('Forfallsdato 15.03.2026');
    expect(text).toContain('Gjelder: Leveranse til kantina på Ålesund-kontoret – februar 2026');
  });

  it('keeps æ ø å Æ Ø Å and the en dash intact', async () => {
    const data = sampleInvoice();
    data.lines[0] = { ...data.lines[0]!, description: 'æ ø å Æ Ø Å – «sitat» € 1/2' };
    const { text } = await pdfText(await renderInvoicePdf(data));
    expect(text).toContain('æ ø å Æ Ø Å – «sitat» € 1/2');
    expect(text).not.toMatch(/[\uFFFD]/);
  });

  it('is byte-for-byte deterministic and dates the file by the issue date', async () => {
    const a = await renderInvoicePdf(sampleInvoice());
    const b = await renderInvoicePdf(sampleInvoice());
    expect(a.equals(b)).toBe(true);
    const meta = await getMeta(new Uint8Array(a));
    const info = meta.info as Record<string, unknown>;
    expect(info.Title).toBe('Faktura 1017');
    expect(String(info.CreationDate)).toMatch(/^D:20260301/);
  });

  it('continues a long invoice over several pages with the payment block on the last', async () => {
    const data = sampleInvoice();
    data.lines = Array.from({ length: 60 }, (_, i) => ({
      description: `Vare ${i + 1}${i % 7 === 0 ? ' med en lang beskrivelse som må brytes over flere linjer i tabellen' : ''}`,
      quantity: 1,
      unitPrice: ore(10_000),
      vatRate: 25,
      netAmount: ore(10_000),
    }));
    data.vatBreakdown = [{ rate: 25, netAmount: ore(600_000), vatAmount: ore(150_000) }];
    Object.assign(data, { netAmount: ore(600_000), vatAmount: ore(150_000), totalAmount: ore(750_000) });
    const pdf = await renderInvoicePdf(data);
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    expect(doc.numPages).toBeGreaterThan(1);
    const perPage = (await extractText(doc, { mergePages: false })).text.map((t) => t.replace(/\s+/g, ' '));
    const last = perPage[perPage.length - 1]!;
    expect(last).toContain('Betales til konto 1503.27.46184');
    expect(last).toContain('Å betale kr 7 500,00');
    expect(last).toContain(`Faktura 1017 · side ${doc.numPages} av ${doc.numPages}`);
    expect(perPage.join(' ')).toContain('Vare 60');
  });

  it('leaves out VAT for a seller that is not VAT-registered', async () => {
    const data: InvoicePdfData = {
      ...sampleInvoice(),
      creditor: { ...sampleInvoice().creditor, vatRegistered: false },
      lines: [{ description: 'Rådgivning', quantity: 2, unitPrice: ore(50_000), vatRate: 0, netAmount: ore(100_000) }],
      vatBreakdown: [{ rate: 0, netAmount: ore(100_000), vatAmount: ore(0) }],
      netAmount: ore(100_000),
      vatAmount: ore(0),
      totalAmount: ore(100_000),
    };
    const { text } = await pdfText(await renderInvoicePdf(data));
    expect(text).toContain('Org.nr. 926 051 377 ');
    expect(text).not.toContain('926 051 377 MVA');
    expect(text).not.toContain('Merverdiavgift kr');
    expect(text).toContain('Å betale kr 1 000,00');
  });

  it('refuses figures that do not add up', async () => {
    await expect(renderInvoicePdf({ ...sampleInvoice(), totalAmount: ore(1_316_155) })).rejects.toThrow(RangeError);
    await expect(renderInvoicePdf({ ...sampleInvoice(), netAmount: ore(1) })).rejects.toThrow(/Lines sum/);
    await expect(renderInvoicePdf({ ...sampleInvoice(), kid: '12a4' })).rejects.toThrow(/KID/);
    await expect(renderInvoicePdf({ ...sampleInvoice(), dueDate: '2026-02-30' })).rejects.toThrow(RangeError);
    const badAccount = { ...sampleInvoice().creditor, bankAccount: '15032746185' };
    await expect(renderInvoicePdf({ ...sampleInvoice(), creditor: badAccount })).rejects.toThrow(/bank account/);
  });
});

describe('renderLetterPdf', () => {
  it('renders a first reminder', async () => {
    const pdf = await renderLetterPdf(sampleReminder());
    expectPdf(pdf);
    const { text, raw, pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    expect(text).toContain('Purring');
    expect(text).not.toContain('1. purring');
    expect(text).not.toContain('Inkassovarsel');
    expect(text).toContain('Dato 29.03.2026');
    expect(text).toContain('Betalingsfrist 12.04.2026');
    expect(text).toContain('Purring – faktura 1003 med forfall 15.03.2026');
    // Claim table: invoice, due date, original and open amount, this fee, total.
    expect(text).toContain('Faktura 1003 av 01.03.2026 15.03.2026 kr 1 500,00 kr 1 197,00');
    expect(text).toContain('Purregebyr kr 37,50');
    expect(text).not.toContain('tidligere purringer');
    expect(text).toContain('Å betale kr 1 234,50');
    expect(text).toContain('Vi ber deg vennligst betale kr 1 234,50 innen 12.04.2026.');
    expect(text).toContain('Har du allerede betalt, kan du se bort fra denne purringen.');
    // An amount in running text never breaks over two lines.
    expect(raw).toMatch(/kr[ \u00a0]1[ \u00a0]234,50 innen/);
    expect(raw).not.toMatch(/kr\n/);
    expect(text).toContain(
      'Forsinkelsesrente påløper etter forsinkelsesrenteloven med 12,00 % p.a. fra 16.03.2026; påløpt per 29.03.2026: kr 5,12.',
    );
    // Payment block.
    expect(text).toContain('Betales til konto 1503.27.46184');
    expect(text).toContain('KID 01004200010032');
    expect(text).toContain('Betalingsfrist 12.04.2026 Å betale kr 1 234,50');
    expect(text).toContain('regnskap@fjordbakeriet.no');
  });

  it('renders a second reminder with the earlier fee', async () => {
    const { text } = await pdfText(await renderLetterPdf(sampleSecondReminder()));
    expect(text).toContain('2. purring');
    expect(text).toContain('2. purring – faktura 1003 med forfall 15.03.2026');
    expect(text).toContain('Vi har tidligere sendt deg purring på faktura 1003');
    expect(text).toContain('Purregebyr kr 37,50');
    expect(text).toContain('Ubetalte gebyrer fra tidligere purringer kr 37,50');
    expect(text).toContain('Å betale kr 1 272,00');
    expect(text).toContain('Betalingsfrist 04.05.2026');
    expect(text).toContain('Har du allerede betalt, kan du se bort fra denne purringen.');
  });

  it('renders a collection notice with the text inkassoloven § 9 requires', async () => {
    const pdf = await renderLetterPdf(sampleCollectionNotice());
    expectPdf(pdf);
    const { text } = await pdfText(pdf);
    expect(text).toContain('Inkassovarsel');
    expect(text).not.toContain('purringen');
    expect(text).toContain('Varsel om inkasso – faktura 1003');
    expect(text).toContain('Gebyr for inkassovarsel kr 37,50');
    expect(text).toContain('Ubetalte gebyrer fra tidligere purringer kr 37,50');
    expect(text).toContain('Å betale kr 1 272,00');
    // § 9: handed to collection unless paid within the deadline (≥ 14 days after sending, date
    // named), which will cost the debtor more.
    expect(text).toContain(
      'Dersom kravet ikke er betalt innen 15 dager etter at dette varselet ble sendt 20.04.2026, det vil si senest 05.05.2026, vil det bli sendt til inkasso.',
    );
    expect(text).toContain('Inkasso vil påføre deg ytterligere kostnader.');
    // The right to object, and where to.
    expect(text).toContain('kan du komme med innsigelser mot kravet');
    expect(text).toContain(
      'på e-post til regnskap@fjordbakeriet.no eller skriftlig til Fjordbakeriet Ærø & Søn AS, Østre Ålgate 12, 0150 Oslo.',
    );
    expect(text).toContain('Betales til konto 1503.27.46184');
    expect(text).toContain('KID 01004200010032');
    expect(text).toContain('Betalingsfrist 05.05.2026');
    expect(text).toContain('påløpt per 20.04.2026: kr 14,16');
  });

  it('says «14 dager» for a deadline of exactly 14 days, and names the postal address when there is no e-mail', async () => {
    const data: LetterPdfData = {
      ...sampleCollectionNotice(),
      deadline: '2026-05-04',
      creditor: { ...sampleCollectionNotice().creditor, email: null },
    };
    const { text } = await pdfText(await renderLetterPdf(data));
    expect(text).toContain('innen 14 dager etter at dette varselet ble sendt 20.04.2026, det vil si senest 04.05.2026');
    expect(text).toContain('skriftlig til Fjordbakeriet Ærø & Søn AS, Østre Ålgate 12, 0150 Oslo.');
    expect(text).not.toContain('e-post');
  });

  it('is deterministic and dated by the send date', async () => {
    const a = await renderLetterPdf(sampleCollectionNotice());
    const b = await renderLetterPdf(sampleCollectionNotice());
    expect(a.equals(b)).toBe(true);
    const other = await renderLetterPdf({ ...sampleCollectionNotice(), interestAmount: ore(1_417) });
    expect(a.equals(other)).toBe(false);
    const info = (await getMeta(new Uint8Array(a))).info as Record<string, unknown>;
    expect(String(info.CreationDate)).toMatch(/^D:20260420/);
  });

  it('refuses a deadline under 14 days, a notice before the due date, and a wrong total', async () => {
    await expect(renderLetterPdf({ ...sampleReminder(), deadline: '2026-04-11' })).rejects.toThrow(/14/);
    await expect(
      renderLetterPdf({ ...sampleCollectionNotice(), sentDate: '2026-03-14', deadline: '2026-03-28' }),
    ).rejects.toThrow(/before the due date/);
    await expect(renderLetterPdf({ ...sampleReminder(), totalToPay: ore(123_451) })).rejects.toThrow(/totalToPay/);
    await expect(renderLetterPdf({ ...sampleReminder(), interestRatePercent: 'tolv' })).rejects.toThrow(RangeError);
  });
});

describe('formatting helpers', () => {
  it('formats dates, accounts, quantities and rates the Norwegian way', () => {
    expect(formatDate('2026-03-05')).toBe('05.03.2026');
    expect(() => formatDate('5.3.2026')).toThrow(RangeError);
    expect(formatBankAccount('1503 27 46184')).toBe('1503.27.46184');
    expect(formatQuantity(7.5)).toBe('7,5');
    expect(formatQuantity(1250)).toBe('1 250');
    expect(formatQuantity(0.125)).toBe('0,125');
    expect(formatRatePercent('12.00')).toBe('12,00');
    expect(formatRatePercent('12,25 %')).toBe('12,25');
    expect(letterTitle('reminder', 1)).toBe('Purring');
    expect(letterTitle('reminder', 2)).toBe('2. purring');
    expect(letterTitle('collection_notice', 1)).toBe('Inkassovarsel');
  });

  it('maps text Helvetica cannot draw onto look-alikes instead of garbage', async () => {
    expect(toWinAnsi('Blåbærsyltetøy ÆØÅ – «x» € š ž')).toBe('Blåbærsyltetøy ÆØÅ – «x» € š ž');
    expect(toWinAnsi('Áile Đuoddar Čuoŋmá Ŧ')).toBe('Áile Duoddar Cuonmá T');
    expect(toWinAnsi('a\u030Ar')).toBe('år');
    expect(toWinAnsi('Łódź 😀')).toBe('Lódz ?');
    const data = sampleReminder();
    data.customer = { ...data.customer, name: 'Áile Đuoddar Čuoŋmá' };
    const { text } = await pdfText(await renderLetterPdf(data));
    expect(text).toContain('Áile Duoddar Cuonmá');
  });
});
