/**
 * Sample documents for tests and for looking at the layout. Amounts are worked out by hand
 * (øre) so a test failure points at the renderer, not at a shared computation.
 */
import type { CreditorInfo, CustomerParty } from './parties.js';
import type { InvoicePdfData, LetterPdfData } from './pdf.js';
import { ore } from '../shared/money.js';

export const creditor: CreditorInfo = {
  name: 'Fjordbakeriet Ærø & Søn AS',
  addressLine: 'Østre Ålgate 12',
  postalCode: '0150',
  city: 'Oslo',
  organizationNumber: '926051377',
  bankAccount: '15032746184',
  vatRegistered: true,
  email: 'regnskap@fjordbakeriet.no',
};

export const customer: CustomerParty = {
  name: 'Bjørnstad Kjøkken & Interiør AS',
  addressLine: 'Kråkeveien 5 B',
  postalCode: '5003',
  city: 'Bergen',
  organizationNumber: '923609016',
  customerNumber: 10042,
};

/**
 * Lines at 25, 15 and 0 %:
 *   7,5 × 1 200,00 = 9 000,00 (25 %)   12 × 64,50 = 774,00 (15 %)
 *   2 × 449,00 = 898,00 (0 %)          1 × 98,75 = 98,75 (25 %)
 * 25 %: base 9 098,75 → mva 2 274,6875 → 2 274,69; 15 %: 774,00 → 116,10; 0 %: 898,00 → 0.
 * Net 10 770,75 + mva 2 390,79 = 13 161,54.
 */
export function sampleInvoice(): InvoicePdfData {
  return {
    creditor,
    customer,
    invoiceNumber: 1017,
    issueDate: '2026-03-01',
    dueDate: '2026-03-15',
    kid: '01004200010172',
    description: 'Leveranse til kantina på Ålesund-kontoret – februar 2026',
    lines: [
      {
        description: 'Konsulenttimer – oppsett av kassesystem',
        quantity: 7.5,
        unitPrice: ore(120_000),
        vatRate: 25,
        netAmount: ore(900_000),
      },
      {
        description: 'Påskeegg, æøå ÆØÅ-utgave (12 stk. à 250 g)',
        quantity: 12,
        unitPrice: ore(6_450),
        vatRate: 15,
        netAmount: ore(77_400),
      },
      {
        description: 'Bok: «Norsk pengekravsrett», 3. utgave',
        quantity: 2,
        unitPrice: ore(44_900),
        vatRate: 0,
        netAmount: ore(89_800),
      },
      { description: 'Frakt', quantity: 1, unitPrice: ore(9_875), vatRate: 25, netAmount: ore(9_875) },
    ],
    vatBreakdown: [
      { rate: 25, netAmount: ore(909_875), vatAmount: ore(227_469) },
      { rate: 15, netAmount: ore(77_400), vatAmount: ore(11_610) },
      { rate: 0, netAmount: ore(89_800), vatAmount: ore(0) },
    ],
    netAmount: ore(1_077_075),
    vatAmount: ore(239_079),
    totalAmount: ore(1_316_154),
  };
}

const invoiceRef = {
  invoiceNumber: 1003,
  issueDate: '2026-03-01',
  dueDate: '2026-03-15',
  kid: '01004200010032',
  originalAmount: ore(150_000),
  openAmount: ore(119_700),
};

/** First reminder: open 1 197,00 + fee 37,50 = 1 234,50. */
export function sampleReminder(): LetterPdfData {
  return {
    type: 'reminder',
    sequence: 1,
    creditor,
    customer,
    sentDate: '2026-03-29',
    deadline: '2026-04-12',
    invoice: { ...invoiceRef },
    feeAmount: ore(3_750),
    earlierFeesOpen: ore(0),
    interestAmount: ore(512),
    interestRatePercent: '12.00',
    interestFrom: '2026-03-16',
    totalToPay: ore(123_450),
  };
}

/** Second reminder: open 1 197,00 + fee 37,50 + earlier fee 37,50 = 1 272,00. */
export function sampleSecondReminder(): LetterPdfData {
  return {
    ...sampleReminder(),
    sequence: 2,
    sentDate: '2026-04-20',
    deadline: '2026-05-04',
    earlierFeesOpen: ore(3_750),
    interestAmount: ore(1_416),
    totalToPay: ore(127_200),
  };
}

/** Collection notice after one reminder, with a 15-day deadline. */
export function sampleCollectionNotice(): LetterPdfData {
  return {
    ...sampleReminder(),
    type: 'collection_notice',
    sequence: 1,
    sentDate: '2026-04-20',
    deadline: '2026-05-05',
    earlierFeesOpen: ore(3_750),
    interestAmount: ore(1_416),
    totalToPay: ore(127_200),
  };
}
