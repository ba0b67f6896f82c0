/**
 * Refusals from the API said in the UI's language: the reason code and figures a problem carries
 * beside its English `detail`, rendered from the catalogues as `ProblemMessage` (via describeError)
 * and the bulk results show them, dates as dd.mm.yyyy and amounts as money.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../web/src/format/format.js';
import { en } from '../../web/src/i18n/en.js';
import { fillMessage } from '../../web/src/i18n/message.js';
import { nb } from '../../web/src/i18n/nb.js';
import { type ProblemI18n, problemDetail, reasonParams } from '../../web/src/i18n/problem.js';

/** The UI's language as describeError sees it: the catalogue's messages, its money and date formats. */
function i18nOf(lang: 'nb' | 'en'): ProblemI18n {
  const catalogue = lang === 'nb' ? nb : en;
  return {
    t: (key, params) => (params ? fillMessage(catalogue[key], params) : catalogue[key]),
    money: (amountOre) => formatMoney(amountOre, lang),
    date: formatDate,
  };
}

/** A problem+json body as the API answers it: the English detail, and the reason with its figures. */
function problem(code: string, detail: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, type: `urn:innfri:problem:${code}`, title: 'English title', status: 422, detail, code };
}

describe('refusals from the API, said in the UI’s language', () => {
  it('says a write-off above the open amount in bokmål, amounts in kroner (and in English as NOK)', () => {
    const body = problem('amount_exceeds_open', '50000 øre is more than the 30000 øre open on invoice 10012', {
      reason: 'more_than_open',
      invoiceNumber: 10012,
      amount: 50_000,
      openAmount: 30_000,
    });
    expect(problemDetail('amount_exceeds_open', body, i18nOf('nb'))).toBe(
      'kr 500,00 er mer enn de kr 300,00 som står åpent på faktura 10012.',
    );
    expect(problemDetail('amount_exceeds_open', body, i18nOf('en'))).toBe(
      'NOK 500.00 is more than the NOK 300.00 open on invoice 10012.',
    );
  });

  it('groups thousands and keeps the øre: the reminder fee above the legal cap', () => {
    const body = problem('validation_failed', 'the reminder fee 123450 øre is above the legal cap of 3500 øre', {
      reason: 'fee_above_cap',
      cap: 3_500,
      feeAmount: 123_450,
      capAmount: 3_500,
    });
    expect(problemDetail('validation_failed', body, i18nOf('nb'))).toBe(
      'Purregebyret kr 1 234,50 er over lovens maksimum på kr 35,00 (1/20 av inkassosatsen). La feltet stå tomt for alltid å kreve maksimalt gebyr.',
    );
    expect(problemDetail('validation_failed', body, i18nOf('en'))).toContain(
      'The reminder fee NOK 1,234.50 is above the legal maximum of NOK 35.00',
    );
  });

  it('shows dates as dd.mm.yyyy: a due date before the issue date, a credit note before its invoice, «Vent til» today', () => {
    const nbI18n = i18nOf('nb');
    const due = problem('validation_failed', 'the due date 2026-10-01 is before the issue date 2026-10-15', {
      reason: 'due_before_issue',
      dueDate: '2026-10-01',
      issueDate: '2026-10-15',
    });
    expect(problemDetail('validation_failed', due, nbI18n)).toBe(
      'Forfallsdatoen 01.10.2026 er før fakturadatoen 15.10.2026.',
    );
    const credit = problem(
      'validation_failed',
      "the credit note's date 2026-09-30 is before the invoice's 2026-10-01",
      {
        reason: 'before_invoice_date',
        invoiceNumber: 7,
        issueDate: '2026-09-30',
        invoiceIssueDate: '2026-10-01',
      },
    );
    expect(problemDetail('validation_failed', credit, nbI18n)).toBe(
      'Kreditnotadatoen 30.09.2026 er før datoen på faktura 7 (01.10.2026).',
    );
    const wait = problem('validation_failed', 'body.waitUntil: 2026-11-20 is not after today (2026-11-20)', {
      reason: 'wait_until_not_after_today',
      waitUntil: '2026-11-20',
      today: '2026-11-20',
    });
    expect(problemDetail('validation_failed', wait, nbI18n)).toBe(
      '«Vent til» må være etter i dag (20.11.2026); 20.11.2026 er ikke det.',
    );
  });

  it('says settlement states and the agency rules in words, under the translated title', () => {
    const posted = problem('invalid_transition', 'the settlement is posted already', {
      reason: 'settlement_posted',
      settlementStatus: 'posted',
    });
    expect([nb['error.code.invalid_transition'], problemDetail('invalid_transition', posted, i18nOf('nb'))]).toEqual([
      'Ikke mulig i nåværende tilstand',
      'Oppgjøret er allerede bokført.',
    ]);
    const inactiveDefault = problem('validation_failed', 'an inactive agency cannot be the default', {
      reason: 'inactive_default',
    });
    expect(problemDetail('validation_failed', inactiveDefault, i18nOf('nb'))).toBe(
      'Et inkassobyrå som ikke er aktivt, kan ikke være standardbyrå.',
    );
  });

  it('says what stops a settlement in its preview: a problem as approving would give it', () => {
    // The shape of SettlementPreview.problems: code, reason, figures and the English detail.
    const found = {
      code: 'overpaid',
      reason: 'more_than_remaining',
      detail: 'principal 40000 øre on invoice 10042 is more than its remaining 30000 øre',
      invoiceNumber: 10042,
      invoiceId: 'x',
      principalAmount: 40_000,
      remainingAmount: 30_000,
      recoverableAmount: 0,
    };
    expect(problemDetail(found.code, found, i18nOf('nb'))).toBe(
      'Hovedstolen kr 400,00 på faktura 10042 er mer enn de kr 300,00 som står igjen.',
    );
  });

  it('falls back to the English detail for a reason the catalogue does not know, and for a code without one', () => {
    expect(
      problemDetail(
        'amount_exceeds_open',
        problem('amount_exceeds_open', 'something new', { reason: 'not_yet_translated' }),
        i18nOf('nb'),
      ),
    ).toBe('something new');
    expect(problemDetail('conflict', problem('conflict', 'a plain conflict'), i18nOf('nb'))).toBe('a plain conflict');
    // A code whose figures say it all, without a reason.
    expect(
      problemDetail(
        'unknown_kid',
        problem('unknown_kid', 'no invoice has KID 0001234', { kid: '0001234' }),
        i18nOf('nb'),
      ),
    ).toBe('Ingen faktura har KID 0001234. Sjekk nummeret, eller registrer innbetalingen mot en faktura.');
  });

  it('formats as money only figures named amount or …Amount, and dates only in ISO form', () => {
    expect(
      reasonParams(
        {
          amount: 100,
          openAmount: -2_550,
          cap: 3_500,
          invoiceNumber: 10012,
          rate: 25,
          dueDate: '2026-11-29',
          kid: '0001234',
          reason: 'x',
        },
        i18nOf('nb'),
      ),
    ).toEqual({
      amount: 'kr 1,00',
      openAmount: '-kr 25,50',
      cap: 3_500,
      invoiceNumber: 10012,
      rate: 25,
      dueDate: '29.11.2026',
      kid: '0001234',
      reason: 'x',
    });
  });

  it('says a failed line of a bulk action from its reason and figures too', () => {
    const line = {
      invoiceId: 'x',
      ok: false,
      action: 'reminder',
      code: 'letter_not_allowed',
      detail: "the previous letter's deadline (2026-11-29) has not passed",
      reason: 'previous_deadline',
      dueDate: '2026-11-29',
    };
    expect(problemDetail(line.code, line, i18nOf('nb'))).toBe('Fristen i forrige brev (29.11.2026) er ikke ute ennå.');
    expect(problemDetail('letter_not_allowed', { detail: 'no reason given' }, i18nOf('nb'))).toBe('no reason given');
  });
});
