import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByKey } from '../../../src/model/order';

const DAY = 86_400_000;
const reference = (keys: readonly number[]) => keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);

describe('orderByKey', () => {
  it('orders whole-day keys by key, then by index', () => {
    const keys = [3, 1, 2, 1, 0].map((d) => Date.UTC(2020, 0, 1) + d * DAY);
    expect([...orderByKey(keys)]).toEqual([4, 1, 3, 2, 0]);
  });

  it('falls back to comparing when a key is not a whole number of days', () => {
    expect([...orderByKey([5.5, 1, 3, 1])]).toEqual([1, 3, 2, 0]);
    expect([...orderByKey([Infinity, 0, -Infinity])]).toEqual([2, 1, 0]);
    expect([...orderByKey([0, -5e-324])]).toEqual([1, 0]);
  });

  it('handles empty and single inputs', () => {
    expect([...orderByKey([])]).toEqual([]);
    expect([...orderByKey([7])]).toEqual([0]);
  });

  it('agrees with a stable comparator sort on day-aligned and arbitrary keys', () => {
    const dayKeys = fc.array(fc.integer({ min: -20_000, max: 40_000 }).map((d) => d * DAY), { maxLength: 300 });
    const anyKeys = fc.array(fc.double({ noNaN: true }), { maxLength: 300 });
    fc.assert(
      fc.property(fc.oneof(dayKeys, anyKeys), (keys) => {
        expect([...orderByKey(keys)]).toEqual(reference(keys));
      }),
    );
  });
});
