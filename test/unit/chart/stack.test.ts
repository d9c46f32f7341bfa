import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stackIntervals } from '../../../src/chart/stack';

describe('stackIntervals', () => {
  it('puts items that do not overlap on one row', () => {
    expect(stackIntervals([{ from: 0, to: 5 }, { from: 5, to: 9 }, { from: 10, to: 12 }])).toEqual({ rows: [0, 0, 0], rowCount: 1, overflow: false });
  });

  it('stacks overlapping items into sub-rows and reuses freed rows', () => {
    const result = stackIntervals([
      { from: 0, to: 10 },
      { from: 2, to: 4 },
      { from: 3, to: 6 },
      { from: 5, to: 8 },
    ]);
    expect(result).toEqual({ rows: [0, 1, 2, 1], rowCount: 3, overflow: false });
  });

  it('puts what does not fit in maxRows into one overflow row', () => {
    const items = Array.from({ length: 5 }, () => ({ from: 0, to: 10 }));
    expect(stackIntervals(items, 0, 3)).toEqual({ rows: [0, 1, 2, 3, 3], rowCount: 4, overflow: true });
    expect(stackIntervals(items.slice(0, 3), 0, 3)).toEqual({ rows: [0, 1, 2], rowCount: 3, overflow: false });
  });

  it('keeps a gap between neighbours on a row', () => {
    expect(stackIntervals([{ from: 0, to: 5 }, { from: 6, to: 9 }], 2).rows).toEqual([0, 1]);
    expect(stackIntervals([{ from: 0, to: 5 }, { from: 7, to: 9 }], 2).rows).toEqual([0, 0]);
  });

  it('answers by input index whatever the input order', () => {
    expect(stackIntervals([{ from: 5, to: 9 }, { from: 0, to: 6 }]).rows).toEqual([1, 0]);
  });

  it('never lets two items on one row overlap (property)', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 })).map(([from, length]) => ({ from, to: from + length }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 60 }), (items) => {
        const { rows, rowCount } = stackIntervals(items);
        expect(rows).toHaveLength(items.length);
        for (let i = 0; i < items.length; i++) {
          expect(rows[i]).toBeLessThan(rowCount);
          for (let j = i + 1; j < items.length; j++) {
            if (rows[i] !== rows[j]) continue;
            const a = items[i]!;
            const b = items[j]!;
            expect(a.to <= b.from || b.to <= a.from).toBe(true);
          }
        }
      }),
    );
  });
});
