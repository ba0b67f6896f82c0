import { describe, expect, it } from 'vitest';
import { besideTheirInvoice } from '../../web/src/screens/ledger/besideTheirInvoice.js';
import {
  isBlankLine,
  parseVoucherLine,
  type VoucherLineDraft,
  voucherBalance,
} from '../../web/src/screens/vouchers/lines.js';

const line = (change: Partial<VoucherLineDraft>): VoucherLineDraft => ({
  key: 1,
  account: '',
  debit: '',
  credit: '',
  customer: null,
  description: '',
  ...change,
});
const customer = { id: '00000000-0000-4000-8000-000000000001', customerNumber: 10001, name: 'Kari' };

describe('a manual voucher line in the form', () => {
  it('parses the account, the side and the amount in øre (no float)', () => {
    expect(parseVoucherLine(line({ account: '1920', debit: '1 234,50' }), 1500)).toEqual({
      account: 1920,
      side: 'debit',
      amount: 123450,
      problem: null,
    });
    expect(parseVoucherLine(line({ account: '3000', credit: '0,10' }), 1500)).toMatchObject({
      side: 'credit',
      amount: 10,
      problem: null,
    });
  });

  it('says what is wrong, one reason at a time', () => {
    expect(parseVoucherLine(line({ account: '19', debit: '1' }), 1500).problem).toBe('account');
    expect(parseVoucherLine(line({ account: '1920', debit: '1', credit: '1' }), 1500).problem).toBe('bothSides');
    expect(parseVoucherLine(line({ account: '1920' }), 1500).problem).toBe('noAmount');
    expect(parseVoucherLine(line({ account: '1920', debit: '0' }), 1500).problem).toBe('amount');
    expect(parseVoucherLine(line({ account: '1920', debit: '-5' }), 1500).problem).toBe('amount');
    expect(parseVoucherLine(line({ account: '1920', debit: '1,234' }), 1500).problem).toBe('amount');
    expect(parseVoucherLine(line({ account: '1500', credit: '100' }), 1500).problem).toBe('customerRequired');
    expect(parseVoucherLine(line({ account: '1500', credit: '100', customer }), 1500).problem).toBeNull();
    expect(parseVoucherLine(line({ account: '1920', debit: '100', customer }), 1500).problem).toBe(
      'customerNotAllowed',
    );
  });

  it('sums debit and credit live and gives the difference', () => {
    const lines = [
      line({ account: '1920', debit: '1 000' }),
      line({ account: '1500', credit: '600', customer }),
      line({ account: '3000', credit: '300,5' }),
      line({ account: '3000', credit: 'abc' }),
    ];
    expect(voucherBalance(lines)).toEqual({ debit: 100000, credit: 90050, difference: 9950 });
    expect(voucherBalance([...lines, line({ credit: '99,50' })]).difference).toBe(0);
    expect(voucherBalance([]).difference).toBe(0);
  });

  it('leaves out lines with nothing typed', () => {
    expect(isBlankLine(line({}))).toBe(true);
    expect(isBlankLine(line({ account: ' ' }))).toBe(true);
    expect(isBlankLine(line({ description: 'x' }))).toBe(false);
  });
});

describe('Reskontro: fee items beside their invoice', () => {
  const item = (entryId: number, voucherType: string, invoiceId: string | null, claimInvoiceId: string | null) => ({
    entryId,
    voucherType,
    invoiceId,
    claimInvoiceId,
  });

  it('moves each fee right after its invoice, keeps the rest in order, and leaves a fee whose invoice is not listed', () => {
    const items = [
      item(1, 'invoice', 'A', null),
      item(2, 'invoice', 'B', null),
      item(3, 'payment', null, null),
      item(4, 'reminder_fee', null, 'A'),
      item(5, 'reminder_fee', null, 'B'),
      item(6, 'reminder_fee', null, 'A'),
      item(7, 'reminder_fee', null, 'C'),
    ];
    expect(besideTheirInvoice(items).map((i) => i.entryId)).toEqual([1, 4, 6, 2, 5, 3, 7]);
  });
});
