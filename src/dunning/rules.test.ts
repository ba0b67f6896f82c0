import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../shared/dates.js';
import type { LetterType, NextAction } from './dunning.table.js';
import { type LegalRate, RateTable } from './legal-rate.js';
import {
  type CollectionFacts,
  type CollectionStep,
  collectionNoticeBy,
  collectionRefusal,
  DEFAULT_SETTINGS,
  type Decision,
  type DunningSettings,
  type SentLetter,
  collectionEligibleFrom,
  feeCap,
  letterFee,
  letterRefusal,
  nextAction,
} from './rules.js';
import { ore } from '../shared/money.js';

/** The rows seeded by migration 0002_dunning_and_handover (inkassosats in øre, interest in bp). */
const SEEDED: LegalRate[] = [
  { kind: 'inkassosats', validFrom: '2025-01-01', value: 70000, source: 'Inkassoforskriften § 2-1, 2025' },
  { kind: 'inkassosats', validFrom: '2026-01-01', value: 75000, source: 'Inkassoforskriften § 2-1, 2026' },
  { kind: 'late_payment_interest', validFrom: '2025-01-01', value: 1250, source: 'Forsinkelsesrenten 1. halvår 2025' },
  { kind: 'late_payment_interest', validFrom: '2025-07-01', value: 1225, source: 'Forsinkelsesrenten 2. halvår 2025' },
  { kind: 'late_payment_interest', validFrom: '2026-01-01', value: 1200, source: 'Forsinkelsesrenten 1. halvår 2026' },
];
const rates = new RateTable(SEEDED);

const settings = (over: Partial<DunningSettings> = {}): DunningSettings => ({ ...DEFAULT_SETTINGS, ...over });

/** A letter sent on `sentDate` with the statutory 14 days to pay. */
const letter = (type: LetterType, sentDate: string, feeAmount = 0, days = 14): SentLetter => ({
  type,
  sentDate,
  dueDate: addDays(sentDate, days),
  feeAmount: ore(feeAmount),
});

const decision = (over: Partial<Decision> = {}): Decision => ({
  nextAction: null,
  waitUntil: null,
  disputed: false,
  reason: '',
  ...over,
});

describe('feeCap (1/20 of the inkassosats on the send date)', () => {
  it('35,00 kr (3500 øre) for a letter sent 2025-12-31 (inkassosats 700 kr)', () => {
    expect(feeCap(rates, '2025-12-31')).toBe(3500);
  });

  it('37,50 kr (3750 øre) for a letter sent 2026-01-01 (inkassosats 750 kr)', () => {
    expect(feeCap(rates, '2026-01-01')).toBe(3750);
  });

  it('35,00 kr from the first day of 2025', () => {
    expect(feeCap(rates, '2025-01-01')).toBe(3500);
  });

  it('throws validation_failed for a send date before any inkassosats is registered', () => {
    expect(() => feeCap(rates, '2024-12-31')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe('letterFee', () => {
  const due = '2026-01-31';

  it('no fee on due + 13 (2026-02-13), the fee from due + 14 (2026-02-14)', () => {
    const base = { rates, settings: settings(), invoiceDueDate: due, earlier: [] };
    expect(letterFee({ ...base, sendDate: '2026-02-13' }).fee).toBe(0);
    expect(letterFee({ ...base, sendDate: '2026-02-14' }).fee).toBe(3750);
  });

  it('uses the rate on the SEND date, not the invoice date: invoice due 2025-12-01, sent 2025-12-31 → 35,00 kr; sent 2026-01-01 → 37,50 kr', () => {
    const base = { rates, settings: settings(), invoiceDueDate: '2025-12-01', earlier: [] };
    expect(letterFee({ ...base, sendDate: '2025-12-31' }).fee).toBe(3500);
    expect(letterFee({ ...base, sendDate: '2026-01-01' }).fee).toBe(3750);
  });

  it('invoice due in 2025 (2025-12-15), letter sent 2026-01-15 → the 2026 cap 37,50 kr applies to a fixed fee of 37,00 kr (not capped at 35,00)', () => {
    const r = letterFee({
      rates,
      settings: settings({ reminderFeeAmount: ore(3700) }),
      sendDate: '2026-01-15',
      invoiceDueDate: '2025-12-15',
      earlier: [],
    });
    expect(r.fee).toBe(3700);
  });

  it('the company’s fixed fee below the cap (25,00 kr < 37,50 kr) is used', () => {
    const r = letterFee({
      rates,
      settings: settings({ reminderFeeAmount: ore(2500) }),
      sendDate: '2026-02-14',
      invoiceDueDate: due,
      earlier: [],
    });
    expect(r.fee).toBe(2500);
  });

  it('a fixed fee equal to the cap (37,50 kr) is used as is', () => {
    expect(
      letterFee({
        rates,
        settings: settings({ reminderFeeAmount: ore(3750) }),
        sendDate: '2026-02-14',
        invoiceDueDate: due,
        earlier: [],
      }).fee,
    ).toBe(3750);
  });

  it('a fixed fee above the cap (70,00 kr) is capped: 37,50 kr in 2026, 35,00 kr in 2025', () => {
    const s = settings({ reminderFeeAmount: ore(7000) });
    expect(letterFee({ rates, settings: s, sendDate: '2026-02-14', invoiceDueDate: due, earlier: [] }).fee).toBe(3750);
    expect(
      letterFee({ rates, settings: s, sendDate: '2025-06-20', invoiceDueDate: '2025-06-01', earlier: [] }).fee,
    ).toBe(3500);
  });

  it('reminderFeeAmount: null → the cap (37,50 kr in 2026)', () => {
    expect(
      letterFee({
        rates,
        settings: settings({ reminderFeeAmount: null }),
        sendDate: '2026-02-14',
        invoiceDueDate: due,
        earlier: [],
      }).fee,
    ).toBe(3750);
  });

  it('a fixed fee of 0 → no fee', () => {
    expect(
      letterFee({
        rates,
        settings: settings({ reminderFeeAmount: ore(0) }),
        sendDate: '2026-02-14',
        invoiceDueDate: due,
        earlier: [],
      }).fee,
    ).toBe(0);
  });

  it('fees disabled → 0, even with a fixed amount and well after the due date', () => {
    const r = letterFee({
      rates,
      settings: settings({ reminderFeeEnabled: false, reminderFeeAmount: ore(2500) }),
      sendDate: '2026-06-01',
      invoiceDueDate: due,
      earlier: [],
    });
    expect(r.fee).toBe(0);
  });

  it('no third fee: a third letter after two letters with fees (37,50 + 37,50) → 0', () => {
    const earlier = [letter('reminder', '2026-02-14', 3750), letter('collection_notice', '2026-03-01', 3750)];
    expect(letterFee({ rates, settings: settings(), sendDate: '2026-03-20', invoiceDueDate: due, earlier }).fee).toBe(
      0,
    );
  });

  it('no third fee also when the two fees were below the cap (10,00 + 10,00)', () => {
    const earlier = [letter('reminder', '2026-02-14', 1000), letter('reminder', '2026-03-01', 1000)];
    expect(
      letterFee({
        rates,
        settings: settings({ reminderFeeAmount: ore(1000) }),
        sendDate: '2026-03-20',
        invoiceDueDate: due,
        earlier,
      }).fee,
    ).toBe(0);
  });

  it('a third letter after one fee-less letter and one with a fee still gets a fee (37,50 kr)', () => {
    const earlier = [letter('reminder', '2026-02-05', 0), letter('reminder', '2026-02-20', 3750)];
    expect(letterFee({ rates, settings: settings(), sendDate: '2026-03-10', invoiceDueDate: due, earlier }).fee).toBe(
      3750,
    );
  });

  it('a second letter after one fee gets a fee', () => {
    const earlier = [letter('reminder', '2026-02-14', 3750)];
    expect(letterFee({ rates, settings: settings(), sendDate: '2026-03-01', invoiceDueDate: due, earlier }).fee).toBe(
      3750,
    );
  });

  it('gives a reason for every outcome', () => {
    const base = { rates, invoiceDueDate: due, earlier: [] };
    for (const r of [
      letterFee({ ...base, settings: settings(), sendDate: '2026-02-13' }),
      letterFee({ ...base, settings: settings(), sendDate: '2026-02-14' }),
      letterFee({ ...base, settings: settings({ reminderFeeAmount: ore(9999) }), sendDate: '2026-02-14' }),
      letterFee({ ...base, settings: settings({ reminderFeeEnabled: false }), sendDate: '2026-02-14' }),
    ]) {
      expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('property: never above the cap on the send date, never before due + 14, never a third fee', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 700 }),
        fc.integer({ min: -10, max: 120 }),
        fc.option(fc.integer({ min: 0, max: 20_000 })),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 4 }),
        (dueOffset, sendAfterDue, fixed, earlierFees) => {
          const invoiceDueDate = addDays('2025-01-01', dueOffset);
          const sendDate = addDays(invoiceDueDate, sendAfterDue);
          const earlier = earlierFees.map((f, i) => letter('reminder', addDays(invoiceDueDate, i), f));
          const { fee } = letterFee({
            rates,
            settings: settings({ reminderFeeAmount: fixed === null ? null : ore(fixed) }),
            sendDate,
            invoiceDueDate,
            earlier,
          });
          expect(fee).toBeGreaterThanOrEqual(0);
          expect(fee).toBeLessThanOrEqual(feeCap(rates, sendDate));
          if (sendAfterDue < 14) expect(fee).toBe(0);
          if (earlierFees.filter((f) => f > 0).length >= 2) expect(fee).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('collectionEligibleFrom', () => {
  it('due + 14 without letters (due 2026-01-31 → 2026-02-14)', () => {
    expect(collectionEligibleFrom('2026-01-31', [])).toBe('2026-02-14');
  });

  it('the day after the last letter’s deadline when later (notice sent 2026-03-01, deadline 2026-03-15 → 2026-03-16)', () => {
    expect(
      collectionEligibleFrom('2026-01-31', [
        letter('reminder', '2026-02-14'),
        letter('collection_notice', '2026-03-01'),
      ]),
    ).toBe('2026-03-16');
  });

  it('the latest deadline whatever the order of the letters', () => {
    expect(
      collectionEligibleFrom('2026-01-31', [
        letter('collection_notice', '2026-03-01'),
        letter('reminder', '2026-02-14'),
      ]),
    ).toBe('2026-03-16');
  });

  it('due + 14 when the letter’s deadline is earlier (letter sent before the due date, deadline 2026-02-10 < 2026-02-14)', () => {
    expect(
      collectionEligibleFrom('2026-01-31', [
        { type: 'reminder', sentDate: '2026-01-27', dueDate: '2026-02-10', feeAmount: ore(0) },
      ]),
    ).toBe('2026-02-14');
  });

  it('across a month and year end: due 2025-12-20 → 2026-01-03', () => {
    expect(collectionEligibleFrom('2025-12-20', [])).toBe('2026-01-03');
  });
});

describe('nextAction', () => {
  const due = '2026-01-31';
  const reminder1 = letter('reminder', '2026-02-14', 3750); // deadline 2026-02-28
  const reminder2 = letter('reminder', '2026-03-01', 3750); // deadline 2026-03-15
  const notice = letter('collection_notice', '2026-03-01', 3750); // deadline 2026-03-15

  const run = (over: Partial<Parameters<typeof nextAction>[0]> & { today: string }) =>
    nextAction({ dueDate: due, letters: [], settings: settings(), notToCollection: false, decision: null, ...over });

  const pick = (r: ReturnType<typeof nextAction>) => ({
    nextAction: r.nextAction,
    code: r.code,
    waitUntil: r.waitUntil,
  });

  describe('computed', () => {
    it('before the first reminder: due + 13 → wait until due + firstReminderAfterDays (2026-02-14)', () => {
      const r = run({ today: '2026-02-13' });
      expect(pick(r)).toEqual({ nextAction: 'wait', code: 'before_first_reminder', waitUntil: '2026-02-14' });
      expect(r.overridden).toBe(false);
      expect(r.eligibleForCollectionFrom).toBe('2026-02-14');
    });

    it('before the first reminder with firstReminderAfterDays 7: wait until 2026-02-07', () => {
      expect(pick(run({ today: '2026-02-01', settings: settings({ firstReminderAfterDays: 7 }) }))).toEqual({
        nextAction: 'wait',
        code: 'before_first_reminder',
        waitUntil: '2026-02-07',
      });
    });

    it('reminder due on due + firstReminderAfterDays (2026-02-14)', () => {
      expect(pick(run({ today: '2026-02-14' }))).toEqual({
        nextAction: 'reminder',
        code: 'reminder_due',
        waitUntil: null,
      });
      expect(pick(run({ today: '2026-05-01' }))).toEqual({
        nextAction: 'reminder',
        code: 'reminder_due',
        waitUntil: null,
      });
    });

    it('a letter’s deadline running (reminder deadline 2026-02-28): wait until deadline + 1 (2026-03-01), on the deadline day too', () => {
      for (const today of ['2026-02-14', '2026-02-20', '2026-02-28']) {
        expect(pick(run({ today, letters: [reminder1] }))).toEqual({
          nextAction: 'wait',
          code: 'letter_deadline_running',
          waitUntil: '2026-03-01',
        });
      }
    });

    it('collection notice due after the reminder’s deadline when the company sends its own (2026-03-01)', () => {
      const r = run({ today: '2026-03-01', letters: [reminder1] });
      expect(pick(r)).toEqual({ nextAction: 'collection_notice', code: 'collection_notice_due', waitUntil: null });
      expect(r.eligibleForCollectionFrom).toBe('2026-03-01');
    });

    it('the notice’s deadline running (2026-03-15): wait until 2026-03-16', () => {
      expect(pick(run({ today: '2026-03-15', letters: [reminder1, notice] }))).toEqual({
        nextAction: 'wait',
        code: 'letter_deadline_running',
        waitUntil: '2026-03-16',
      });
    });

    it('collection due after the notice’s deadline (2026-03-16)', () => {
      const r = run({ today: '2026-03-16', letters: [reminder1, notice] });
      expect(pick(r)).toEqual({ nextAction: 'collection', code: 'collection_due', waitUntil: null });
      expect(r.eligibleForCollectionFrom).toBe('2026-03-16');
      expect(r.overridden).toBe(false);
    });

    it('letters given in any order: the latest sent decides', () => {
      expect(pick(run({ today: '2026-03-10', letters: [notice, reminder1] }))).toEqual({
        nextAction: 'wait',
        code: 'letter_deadline_running',
        waitUntil: '2026-03-16',
      });
    });

    it('straight to collection after the reminder when the company sends no notice of its own (2026-03-01)', () => {
      const s = settings({ sendsOwnCollectionNotice: false });
      expect(pick(run({ today: '2026-03-01', letters: [reminder1], settings: s }))).toEqual({
        nextAction: 'collection',
        code: 'collection_due',
        waitUntil: null,
      });
    });

    it('remindersBeforeCollection 0, own notice: the notice is the first letter (2026-02-14)', () => {
      const s = settings({ remindersBeforeCollection: 0 });
      expect(pick(run({ today: '2026-02-13', settings: s }))).toEqual({
        nextAction: 'wait',
        code: 'before_first_reminder',
        waitUntil: '2026-02-14',
      });
      expect(pick(run({ today: '2026-02-14', settings: s }))).toEqual({
        nextAction: 'collection_notice',
        code: 'collection_notice_due',
        waitUntil: null,
      });
    });

    it('remindersBeforeCollection 0, no own notice: collection from due + 14 (2026-02-14)', () => {
      const s = settings({ remindersBeforeCollection: 0, sendsOwnCollectionNotice: false });
      expect(pick(run({ today: '2026-02-14', settings: s }))).toEqual({
        nextAction: 'collection',
        code: 'collection_due',
        waitUntil: null,
      });
    });

    it('remindersBeforeCollection 2: a second reminder after the first, then the notice', () => {
      const s = settings({ remindersBeforeCollection: 2 });
      expect(pick(run({ today: '2026-02-14', settings: s }))).toEqual({
        nextAction: 'reminder',
        code: 'reminder_due',
        waitUntil: null,
      });
      expect(pick(run({ today: '2026-03-01', letters: [reminder1], settings: s }))).toEqual({
        nextAction: 'reminder',
        code: 'reminder_due',
        waitUntil: null,
      });
      expect(pick(run({ today: '2026-03-10', letters: [reminder1, reminder2], settings: s }))).toEqual({
        nextAction: 'wait',
        code: 'letter_deadline_running',
        waitUntil: '2026-03-16',
      });
      expect(pick(run({ today: '2026-03-16', letters: [reminder1, reminder2], settings: s }))).toEqual({
        nextAction: 'collection_notice',
        code: 'collection_notice_due',
        waitUntil: null,
      });
    });

    it('remindersBeforeCollection 2 but a notice already sent (e.g. by hand): no more reminders, collection after its deadline', () => {
      const s = settings({ remindersBeforeCollection: 2 });
      expect(pick(run({ today: '2026-03-16', letters: [reminder1, notice], settings: s }))).toEqual({
        nextAction: 'collection',
        code: 'collection_due',
        waitUntil: null,
      });
    });

    it('not yet eligible: firstReminderAfterDays 7, no reminders, no own notice → on 2026-02-07 wait until due + 14 (2026-02-14), then collection', () => {
      const s = settings({ firstReminderAfterDays: 7, remindersBeforeCollection: 0, sendsOwnCollectionNotice: false });
      const r = run({ today: '2026-02-07', settings: s });
      expect(pick(r)).toEqual({ nextAction: 'wait', code: 'not_yet_eligible', waitUntil: '2026-02-14' });
      expect(r.eligibleForCollectionFrom).toBe('2026-02-14');
      expect(pick(run({ today: '2026-02-13', settings: s }))).toEqual({
        nextAction: 'wait',
        code: 'not_yet_eligible',
        waitUntil: '2026-02-14',
      });
      expect(pick(run({ today: '2026-02-14', settings: s }))).toEqual({
        nextAction: 'collection',
        code: 'collection_due',
        waitUntil: null,
      });
    });
  });

  describe('customer «not to collection»', () => {
    it('still gets reminders', () => {
      expect(pick(run({ today: '2026-02-14', notToCollection: true }))).toEqual({
        nextAction: 'reminder',
        code: 'reminder_due',
        waitUntil: null,
      });
    });

    it('waits (not_to_collection) instead of collection after the notice’s deadline', () => {
      expect(pick(run({ today: '2026-03-16', letters: [reminder1, notice], notToCollection: true }))).toEqual({
        nextAction: 'wait',
        code: 'not_to_collection',
        waitUntil: null,
      });
    });

    it('waits (not_to_collection) instead of going straight to collection when the company sends no notice', () => {
      const s = settings({ sendsOwnCollectionNotice: false });
      expect(pick(run({ today: '2026-03-01', letters: [reminder1], settings: s, notToCollection: true }))).toEqual({
        nextAction: 'wait',
        code: 'not_to_collection',
        waitUntil: null,
      });
    });

    it('an override to collection gives wait with code not_to_collection', () => {
      const r = run({
        today: '2026-03-16',
        letters: [reminder1, notice],
        notToCollection: true,
        decision: decision({ nextAction: 'collection' }),
      });
      expect(pick(r)).toEqual({ nextAction: 'wait', code: 'not_to_collection', waitUntil: null });
    });
  });

  describe('disputed (innsigelse)', () => {
    it('waits instead of collection', () => {
      const r = run({ today: '2026-03-16', letters: [reminder1, notice], decision: decision({ disputed: true }) });
      expect(pick(r)).toEqual({ nextAction: 'wait', code: 'disputed', waitUntil: null });
    });

    it('waits instead of a computed reminder too', () => {
      expect(pick(run({ today: '2026-02-14', decision: decision({ disputed: true }) }))).toEqual({
        nextAction: 'wait',
        code: 'disputed',
        waitUntil: null,
      });
    });

    it('an override to collection gives wait with code disputed', () => {
      const r = run({
        today: '2026-03-16',
        letters: [reminder1, notice],
        decision: decision({ disputed: true, nextAction: 'collection' }),
      });
      expect(pick(r)).toEqual({ nextAction: 'wait', code: 'disputed', waitUntil: null });
    });

    it('disputed and «not to collection» with an override to collection: wait, code disputed', () => {
      const r = run({
        today: '2026-03-16',
        notToCollection: true,
        decision: decision({ disputed: true, nextAction: 'collection' }),
      });
      expect(pick(r)).toEqual({ nextAction: 'wait', code: 'disputed', waitUntil: null });
    });

    it('an override to a reminder or a collection notice waits too: no letters while disputed', () => {
      for (const nextAction of ['reminder', 'collection_notice'] as const) {
        const r = run({
          today: '2026-03-16',
          letters: [reminder1],
          decision: decision({ disputed: true, nextAction }),
        });
        expect(pick(r)).toEqual({ nextAction: 'wait', code: 'disputed', waitUntil: null });
      }
    });

    it('still disputed after a wait override has ended', () => {
      const r = run({
        today: '2026-03-20',
        letters: [reminder1, notice],
        decision: decision({ disputed: true, nextAction: 'wait', waitUntil: '2026-03-20' }),
      });
      expect(pick(r)).toEqual({ nextAction: 'wait', code: 'disputed', waitUntil: null });
    });
  });

  describe('overrides', () => {
    it('an override to collection before the eligible date waits until that date (due + 14 = 2026-02-14)', () => {
      const own = settings({ sendsOwnCollectionNotice: false });
      const early = run({ today: '2026-02-05', settings: own, decision: decision({ nextAction: 'collection' }) });
      expect(pick(early)).toEqual({ nextAction: 'wait', code: 'not_yet_eligible', waitUntil: '2026-02-14' });
      expect(
        pick(run({ today: '2026-02-14', settings: own, decision: decision({ nextAction: 'collection' }) })),
      ).toEqual({
        nextAction: 'collection',
        code: 'override',
        waitUntil: null,
      });
    });

    it('an override to collection asks for the company’s own collection notice first (the collection rule)', () => {
      const r = run({ today: '2026-03-01', letters: [reminder1], decision: decision({ nextAction: 'collection' }) });
      expect(pick(r)).toEqual({ nextAction: 'collection_notice', code: 'collection_notice_due', waitUntil: null });
      expect(r.overridden).toBe(true);
    });

    it('an override to reminder wins over a running deadline', () => {
      const r = run({ today: '2026-02-20', letters: [reminder1], decision: decision({ nextAction: 'reminder' }) });
      expect(pick(r)).toEqual({ nextAction: 'reminder', code: 'override', waitUntil: null });
      expect(r.overridden).toBe(true);
    });

    it('an override to reminder wins over collection_due', () => {
      const r = run({
        today: '2026-03-16',
        letters: [reminder1, notice],
        decision: decision({ nextAction: 'reminder' }),
      });
      expect(pick(r)).toEqual({ nextAction: 'reminder', code: 'override', waitUntil: null });
      expect(r.overridden).toBe(true);
    });

    it('an override to collection stands for an ordinary customer', () => {
      const r = run({
        today: '2026-03-01',
        letters: [reminder1],
        settings: settings({ sendsOwnCollectionNotice: false }),
        decision: decision({ nextAction: 'collection' }),
      });
      expect(pick(r)).toEqual({ nextAction: 'collection', code: 'override', waitUntil: null });
      expect(r.overridden).toBe(true);
    });

    it('a wait override until 2026-03-20 stands until that date (2026-03-16 and 2026-03-19)', () => {
      for (const today of ['2026-03-16', '2026-03-19']) {
        const r = run({
          today,
          letters: [reminder1, notice],
          decision: decision({ nextAction: 'wait', waitUntil: '2026-03-20' }),
        });
        expect(pick(r)).toEqual({ nextAction: 'wait', code: 'waiting_until', waitUntil: '2026-03-20' });
        expect(r.overridden).toBe(true);
      }
    });

    it('a wait override until 2026-03-20 ends ON that date: today 2026-03-20 → computed again (collection)', () => {
      const d = decision({ nextAction: 'wait', waitUntil: '2026-03-20' });
      for (const today of ['2026-03-20', '2026-03-21']) {
        const r = run({ today, letters: [reminder1, notice], decision: d });
        expect(pick(r)).toEqual({ nextAction: 'collection', code: 'collection_due', waitUntil: null });
        expect(r.overridden).toBe(false);
      }
    });

    it('a wait override with no date stands forever (still on 2030-01-01)', () => {
      for (const today of ['2026-03-16', '2030-01-01']) {
        const r = run({
          today,
          letters: [reminder1, notice],
          decision: decision({ nextAction: 'wait', waitUntil: null }),
        });
        expect(pick(r)).toEqual({ nextAction: 'wait', code: 'override', waitUntil: null });
        expect(r.overridden).toBe(true);
      }
    });

    it('a decision without a next action (nextAction null, not disputed) leaves the computed action', () => {
      expect(pick(run({ today: '2026-03-16', letters: [reminder1, notice], decision: decision() }))).toEqual({
        nextAction: 'collection',
        code: 'collection_due',
        waitUntil: null,
      });
    });

    it('eligibleForCollectionFrom is reported also under an override', () => {
      expect(
        run({ today: '2026-02-20', letters: [reminder1], decision: decision({ nextAction: 'wait' }) })
          .eligibleForCollectionFrom,
      ).toBe('2026-03-01');
    });
  });

  it('property: a customer «not to collection» or a disputed invoice never gets collection, whatever the letters, settings or override', () => {
    const actions: (NextAction | null)[] = ['reminder', 'collection_notice', 'collection', 'wait', null];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.array(
          fc.record({
            type: fc.constantFrom<LetterType>('reminder', 'collection_notice'),
            offset: fc.integer({ min: 0, max: 150 }),
            fee: fc.integer({ min: 0, max: 3750 }),
          }),
          { maxLength: 4 },
        ),
        fc.record({
          firstReminderAfterDays: fc.integer({ min: 0, max: 60 }),
          remindersBeforeCollection: fc.integer({ min: 0, max: 3 }),
          sendsOwnCollectionNotice: fc.boolean(),
        }),
        fc.constantFrom(...actions),
        fc.option(fc.integer({ min: 0, max: 200 })),
        fc.constantFrom<'notToCollection' | 'disputed' | 'both'>('notToCollection', 'disputed', 'both'),
        (todayOffset, ls, s, overrideAction, waitOffset, blocked) => {
          const r = nextAction({
            today: addDays(due, todayOffset),
            dueDate: due,
            letters: ls.map((l) => letter(l.type, addDays(due, l.offset), l.fee)),
            settings: settings(s),
            notToCollection: blocked !== 'disputed',
            decision: decision({
              nextAction: overrideAction,
              waitUntil: overrideAction === 'wait' && waitOffset !== null ? addDays(due, waitOffset) : null,
              disputed: blocked !== 'notToCollection',
            }),
          });
          expect(r.nextAction).not.toBe('collection');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('collectionRefusal: the one rule on going to an agency', () => {
  const notice = letter('collection_notice', '2026-03-01'); // deadline 2026-03-15
  const facts = (over: Partial<CollectionFacts> = {}): CollectionFacts => ({
    invoiceNumber: 7,
    dueDate: '2026-01-31',
    openAmount: ore(100_000),
    customerName: 'Kunde AS',
    notToCollection: false,
    letters: [notice],
    decision: null,
    sendsOwnCollectionNotice: true,
    activeHandover: null,
    ...over,
  });
  const wait = (waitUntil: string | null) => ({ nextAction: 'wait' as const, waitUntil, disputed: false, reason: '' });
  const reason = (f: CollectionFacts, today: string, step: CollectionStep = 'handover') =>
    collectionRefusal(f, today, step)?.reason ?? null;

  it('lets an invoice go the day after its notice’s deadline, not on it', () => {
    expect(collectionRefusal(facts(), '2026-03-15', 'handover')).toMatchObject({
      code: 'not_eligible',
      reason: 'notice_deadline',
      figures: { invoiceNumber: 7, deadline: '2026-03-15', eligibleFrom: '2026-03-16' },
    });
    expect(reason(facts(), '2026-03-16')).toBeNull();
  });

  it('needs the company’s own notice where it sends them, not where the agency does', () => {
    expect(reason(facts({ letters: [] }), '2026-04-01')).toBe('no_notice');
    expect(reason(facts({ letters: [], sendsOwnCollectionNotice: false }), '2026-04-01')).toBeNull();
    expect(collectionNoticeBy([])).toBe('agency');
    expect(collectionNoticeBy([notice])).toBe('creditor');
  });

  it('a «Vent» until a later date stops every step; ended on its date; an undated one stops all but a person’s handover', () => {
    for (const step of ['handover', 'eligible', 'approve'] as const)
      expect(reason(facts({ decision: wait('2026-04-10') }), '2026-04-01', step)).toBe('waiting_until');
    expect(reason(facts({ decision: wait('2026-04-01') }), '2026-04-01', 'eligible')).toBeNull();
    expect(reason(facts({ decision: wait(null) }), '2026-04-01', 'handover')).toBeNull();
    expect(reason(facts({ decision: wait(null) }), '2026-04-01', 'eligible')).toBe('waiting');
    expect(reason(facts({ decision: wait(null) }), '2026-04-01', 'approve')).toBe('waiting');
  });

  it('never: paid, excluded, disputed, or (for a new handover) already in collection', () => {
    expect(reason(facts({ openAmount: ore(0) }), '2026-04-01')).toBe('nothing_open');
    expect(reason(facts({ notToCollection: true }), '2026-04-01')).toBe('not_to_collection');
    expect(
      reason(facts({ decision: { nextAction: null, waitUntil: null, disputed: true, reason: '' } }), '2026-04-01'),
    ).toBe('disputed');
    expect(collectionRefusal(facts({ activeHandover: 'in_case' }), '2026-04-01', 'handover')?.code).toBe(
      'already_in_collection',
    );
    expect(reason(facts({ activeHandover: 'draft' }), '2026-04-01', 'approve')).toBeNull();
  });

  it('property: whatever it allows, the list’s next action would not contradict (no notice, «Vent», dispute or exclusion)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.constantFrom('2026-03-20', '2026-04-10'), { nil: undefined }),
        fc.constantFrom('handover' as const, 'eligible' as const, 'approve' as const),
        fc.integer({ min: 0, max: 90 }),
        (own, withNotice, disputed, waitUntil, step, day) => {
          const today = addDays('2026-02-01', day);
          const f = facts({
            sendsOwnCollectionNotice: own,
            letters: withNotice ? [notice] : [],
            decision:
              waitUntil !== undefined || disputed
                ? { nextAction: waitUntil ? 'wait' : null, waitUntil: waitUntil ?? null, disputed, reason: '' }
                : null,
          });
          if (collectionRefusal(f, today, step) !== null) return;
          expect(disputed).toBe(false);
          if (own) expect(withNotice && today > notice.dueDate).toBe(true);
          if (waitUntil) expect(waitUntil <= today).toBe(true);
          expect(today >= '2026-02-14').toBe(true);
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('letterRefusal and «Vent»', () => {
  const facts = (decision: CollectionFacts['decision']): CollectionFacts => ({
    invoiceNumber: 9,
    dueDate: '2026-02-01',
    openAmount: ore(50_000),
    customerName: 'Kunde AS',
    notToCollection: false,
    letters: [],
    decision,
    sendsOwnCollectionNotice: true,
    activeHandover: null,
  });
  const wait = (waitUntil: string | null) => ({ nextAction: 'wait' as const, waitUntil, disputed: false, reason: '' });
  const refusal = (f: CollectionFacts, sendDate: string) =>
    letterRefusal(f, { type: 'reminder', sendDate })?.reason ?? null;

  it('refuses a letter while a dated «Vent» is in force on its date, as the handover does', () => {
    expect(letterRefusal(facts(wait('2026-03-10')), { type: 'reminder', sendDate: '2026-03-01' })).toEqual({
      code: 'letter_not_allowed',
      reason: 'waiting_until',
      detail: 'invoice 9 is set to «Vent» until 2026-03-10: change the next action before sending a letter',
      figures: { invoiceNumber: 9, waitUntil: '2026-03-10' },
    });
    expect(refusal(facts(wait('2026-03-10')), '2026-03-09')).toBe('waiting_until');
    expect(
      letterRefusal(facts(wait('2026-03-10')), { type: 'collection_notice', sendDate: '2026-03-09' })?.reason,
    ).toBe('waiting_until');
  });

  it('lets it go on the day the «Vent» ends, and under an undated «Vent» (the user decides by sending it)', () => {
    expect(refusal(facts(wait('2026-03-10')), '2026-03-10')).toBeNull();
    expect(refusal(facts(wait(null)), '2026-03-01')).toBeNull();
    expect(refusal(facts(null), '2026-03-01')).toBeNull();
  });
});
