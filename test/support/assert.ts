import { expect } from 'vitest';
import { AppError } from '../../src/shared/errors.js';

/** Expects the promise to be refused with an AppError of this code, and returns the error. */
export async function refused(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
