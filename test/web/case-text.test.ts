/** The texts the server writes on a case (English, fixed forms) said in the UI's language. */
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fillMessage, type Params } from '../../web/src/i18n/message.js';
import { type MessageKey, nb } from '../../web/src/i18n/nb.js';
import { caseText } from '../../web/src/screens/collection/caseText.js';

const tOf = (catalogue: Record<MessageKey, string>) => (key: MessageKey, params?: Params) =>
  params ? fillMessage(catalogue[key], params) : catalogue[key];

describe('case texts', () => {
  it('says invoice counts and merges in bokmål and English, and leaves an agency’s own text alone', () => {
    const t = tOf(nb);
    expect(caseText(t, '1 invoice(s)')).toBe('1 faktura');
    expect(caseText(t, '3 invoice(s) added')).toBe('3 fakturaer lagt til');
    expect(caseText(t, 'merged into I-M')).toBe('Slått sammen med sak I-M');
    expect(caseText(t, 'merged I-1, I-2 into this case')).toBe('Sak I-1, I-2 slått sammen med denne');
    expect(caseText(tOf(en), 'merged into I-M')).toBe('Merged into case I-M');
    expect(caseText(t, 'Betalingsavtale inngått')).toBe('Betalingsavtale inngått');
  });
});
