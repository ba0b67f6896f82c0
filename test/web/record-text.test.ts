/** Who decided, a case's history lines, statement labels and invoice events, said in bokmål and English. */
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fillMessage, type Params } from '../../web/src/i18n/message.js';
import { isMessageKey, type MessageKey, nb } from '../../web/src/i18n/nb.js';
import { decisionText, eventLabel, historyText, statementLabel } from '../../web/src/screens/collection/recordText.js';
import { INVOICE_EVENT_TYPES } from '../../src/ledger/invoice-event.table.js';

const tOf = (catalogue: Record<MessageKey, string>) => (key: MessageKey, params?: Params) =>
  params ? fillMessage(catalogue[key], params) : catalogue[key];
const nbT = tOf(nb);
const enT = tOf(en);

const agency = (agencyName: string | null) => ({
  kind: 'agency' as const,
  agencyId: 'a1',
  agencyName,
});

describe('decisionText', () => {
  it('says an agency’s rejection as the agency’s, by name, with its own words', () => {
    const d = {
      reason: 'Skyldner er under gjeldsordning',
      cause: 'agency_rejected_invoice',
      caseNumber: null,
      decidedBy: agency('Referanse Inkasso AS'),
      actorType: 'agency' as const,
    };
    expect(decisionText(nbT, isMessageKey, d)).toBe('Avvist av Referanse Inkasso AS: Skyldner er under gjeldsordning');
    expect(decisionText(enT, isMessageKey, d)).toBe(
      'Rejected by Referanse Inkasso AS: Skyldner er under gjeldsordning',
    );
    expect(decisionText(nbT, isMessageKey, { ...d, cause: 'agency_rejected_case', caseNumber: 'K-7' })).toBe(
      'Avvist av Referanse Inkasso AS (sak K-7): Skyldner er under gjeldsordning',
    );
  });

  it('a withdrawn or closed case, a user’s rejection, a plain choice, an unknown agency name, no reason', () => {
    const base = { reason: '', caseNumber: 'W-1', decidedBy: agency('Kredinor'), actorType: 'agency' as const };
    expect(decisionText(nbT, isMessageKey, { ...base, cause: 'case_withdrawn' })).toBe('Sak W-1 trukket av Kredinor');
    expect(decisionText(enT, isMessageKey, { ...base, cause: 'case_closed' })).toBe(
      'Case W-1 closed by Kredinor without full payment',
    );
    expect(
      decisionText(nbT, isMessageKey, { ...base, decidedBy: agency(null), cause: 'agency_rejected_invoice' }),
    ).toBe('Avvist av byrået');
    const user = { kind: 'user' as const, userId: 'u1' };
    expect(
      decisionText(nbT, isMessageKey, {
        reason: 'Feil kunde',
        cause: 'handover_rejected',
        caseNumber: null,
        decidedBy: user,
        actorType: 'user',
      }),
    ).toBe('Avvist fra utkastlisten av bruker: Feil kunde');
    expect(
      decisionText(nbT, isMessageKey, {
        reason: '',
        cause: null,
        caseNumber: null,
        decidedBy: user,
        actorType: 'user',
      }),
    ).toBe('Valgt av bruker');
    // An older decision without decidedBy still says who, from actorType.
    expect(decisionText(enT, isMessageKey, { reason: 'x', actorType: 'system' })).toBe('Set by the system: x');
  });
});

describe('historyText', () => {
  it('says each kind from its figures, in both languages', () => {
    expect(historyText(nbT, { kind: 'created', detail: '2 invoice(s)', figures: { invoiceCount: 2 } })).toBe(
      '2 fakturaer',
    );
    expect(historyText(nbT, { kind: 'rejected', detail: '', figures: { invoiceCount: 1 } })).toBe(
      '1 faktura tilbake til purrelisten',
    );
    expect(historyText(enT, { kind: 'rejected', detail: '', figures: { invoiceCount: 1 } })).toBe(
      '1 invoice back to the reminder list',
    );
    expect(historyText(nbT, { kind: 'rejected', detail: '', figures: { invoiceCount: 0 } })).toBe(
      'Ingen fakturaer igjen i saken',
    );
    expect(historyText(nbT, { kind: 'invoices_added', detail: '', figures: { invoiceCount: 3 } })).toBe(
      '3 fakturaer lagt til',
    );
    expect(
      historyText(nbT, { kind: 'invoice_removed', detail: 'invoice rejected: x', figures: { invoiceNumber: 10012 } }),
    ).toBe('Faktura 10012 gitt tilbake');
    expect(historyText(nbT, { kind: 'merged', detail: '', figures: { into: 'K-2' } })).toBe('Slått sammen med sak K-2');
    expect(historyText(enT, { kind: 'merged', detail: '', figures: { caseNumbers: ['K-1', 'K-3'] } })).toBe(
      'Case K-1, K-3 merged into this one',
    );
    // An older line without figures falls back to its fixed English text.
    expect(historyText(nbT, { kind: 'created', detail: '1 invoice(s)', figures: null })).toBe('1 faktura');
    // No English sentence of the server reaches the screen.
    for (const figures of [{ invoiceCount: 1 }, { invoiceCount: 0 }])
      expect(
        historyText(nbT, { kind: 'rejected', detail: '1 invoice(s) back to the reminder list', figures }),
      ).not.toMatch(/invoice/);
  });
});

describe('statementLabel and eventLabel', () => {
  it('keeps an agency’s label, names the older keys', () => {
    expect(statementLabel(nbT, isMessageKey, 'Innbetalt fra skyldner')).toBe('Innbetalt fra skyldner');
    expect(statementLabel(nbT, isMessageKey, 'salaer')).toBe('Salær');
    expect(statementLabel(enT, isMessageKey, 'principalHeld')).toBe('Principal held back');
  });

  it('every event kind has a label of its own; a handover is not «Fakturert»', () => {
    for (const t of [nbT, enT]) {
      const labels = INVOICE_EVENT_TYPES.map((type) => eventLabel(t, isMessageKey, type, null));
      expect(new Set(labels).size).toBe(INVOICE_EVENT_TYPES.length);
      for (const [i, label] of labels.entries()) expect(label, INVOICE_EVENT_TYPES[i]).not.toBe(INVOICE_EVENT_TYPES[i]);
    }
    expect(eventLabel(nbT, isMessageKey, 'invoice.available', null)).toBe('Overlevert til inkasso');
    expect(eventLabel(nbT, isMessageKey, 'invoice.available', 'Referanse Inkasso AS')).toBe(
      'Overlevert til Referanse Inkasso AS',
    );
    expect(eventLabel(enT, isMessageKey, 'invoice.recalled', 'Kredinor')).toBe('Recalled from Kredinor');
    expect(eventLabel(nbT, isMessageKey, 'invoice.payment', 'Kredinor')).toBe('Innbetaling');
  });
});
