import { describe, expect, it } from 'vitest';
import { MoneyRangeError, ore, sumOre } from '../shared/money.js';
import { toAppError } from './problem.js';

describe('toAppError and RangeError', () => {
  it('answers money out of range as 400, from the money guards', () => {
    const thrown = (() => {
      try {
        sumOre([ore(Number.MAX_SAFE_INTEGER), ore(1)]);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(MoneyRangeError);
    expect(thrown).toBeInstanceOf(RangeError);
    const answer = toAppError(thrown);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('validation_failed');
    expect(answer.detail).toMatch(/^an amount is out of range/);
  });

  it('answers any other RangeError as 500 (our fault, logged), and a stack overflow from input as 400', () => {
    expect(toAppError(new RangeError('Invalid time value'))).toMatchObject({ status: 500, code: 'internal' });
    expect(toAppError(new RangeError('KID body must be one or more digits'))).toMatchObject({ status: 500 });
    expect(toAppError(new RangeError('Maximum call stack size exceeded'))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
  });
});
