import { describe, expect, it } from 'vitest';
import { jsonKeyOrder } from './json-key-order.js';

describe('jsonKeyOrder', () => {
  it('reads the keys of a member object in the order written, index-like keys included', () => {
    const text = `{"reference":"S-1","lines":[{"a":1},{"b":[1,2,{"c":"}"}]}],
      "statement": { "salaer": 50000, "10": "ti", "debtorPaid": 1.5, "2": null, "note": "a \\"quoted\\" , text", "x": {"y": [true, false]} } }`;
    expect(Object.keys(JSON.parse(text).statement)).toEqual(['2', '10', 'salaer', 'debtorPaid', 'note', 'x']);
    expect(jsonKeyOrder(text, ['statement'])).toEqual(['salaer', '10', 'debtorPaid', '2', 'note', 'x']);
    expect(jsonKeyOrder(text, [])).toEqual(['reference', 'lines', 'statement']);
  });

  it('null when the member is missing or not an object', () => {
    expect(jsonKeyOrder('{"statement":[1,2]}', ['statement'])).toBeNull();
    expect(jsonKeyOrder('{"other":{}}', ['statement'])).toBeNull();
    expect(jsonKeyOrder('{"statement":{}}', ['statement'])).toEqual([]);
    expect(jsonKeyOrder('[1]', ['statement'])).toBeNull();
  });
});
