/** Splits a list into consecutive slices of at most `size` (for statements with bounded parameter lists). */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`chunk size must be a positive integer: ${size}`);
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
