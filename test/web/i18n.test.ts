import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/shared/errors.js';
import { en } from '../../web/src/i18n/en.js';
import { fillMessage, type Params } from '../../web/src/i18n/message.js';
import { type MessageKey, nb } from '../../web/src/i18n/nb.js';

const translate = (lang: 'nb' | 'en', key: MessageKey, params: Params) =>
  fillMessage((lang === 'nb' ? nb : en)[key], params);

describe('the UI catalogues', () => {
  it('fill {name} placeholders and pick {count|one|other} forms by the count', () => {
    expect(translate('nb', 'reminders.showing', { count: 1 })).toBe('Viser 1 faktura');
    expect(translate('nb', 'reminders.showing', { count: 0 })).toBe('Viser 0 fakturaer');
    expect(translate('nb', 'reminders.showing', { count: 12 })).toBe('Viser 12 fakturaer');
    expect(translate('nb', 'overview.funnel.cases', { count: 1 })).toBe('1 sak');
    expect(
      translate('nb', 'error.reason.not_eligible.too_early', { invoiceNumber: 7, eligibleFrom: '24.11.2026' }),
    ).toBe('Faktura 7 kan sendes til inkasso fra 24.11.2026 (14 dager etter forfall og etter fristen i siste brev).');
    // A parameter not given stays visible rather than vanishing.
    expect(translate('nb', 'reminders.showing', {})).toBe('Viser {count} {count|faktura|fakturaer}');
  });

  it('English has every key of bokmål and uses the same placeholders', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)[}|]/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nb) as Array<keyof typeof nb>) {
      expect(en[key], key).toBeTypeOf('string');
      expect(names(en[key]), key).toEqual(names(nb[key]));
    }
  });

  it('has a title for every problem code the server can answer with', () => {
    for (const code of Object.keys(ERROR_STATUS))
      expect(nb[`error.code.${code}` as MessageKey], code).toBeTypeOf('string');
  });
});
