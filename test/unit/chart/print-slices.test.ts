import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRINT_LIMITS, printSlices } from '../../../src/chart/print-slices';

/** Lanes stacked from 0 with these heights. */
function stacked(heights: readonly number[]) {
  let top = 0;
  return heights.map((height) => {
    const lane = { top, height };
    top += height;
    return lane;
  });
}

const AXIS = 38;

describe('printSlices', () => {
  it("prints a chart that fits the page well as one picture: no slices (the bundled data's four lanes)", () => {
    expect(printSlices(stacked([120, 110, 60, 90]), 36, AXIS, 863)).toEqual([]);
    expect(printSlices([], 20, AXIS, 863)).toEqual([]);
  });

  it('cuts a tall chart between lanes, as many lanes to a slice as fit, the overlap labels with the first', () => {
    // At 863 wide a first slice may be 863 × 150/281 ≈ 460.7 tall with its axis, a later one ≈ 571.2.
    const lanes = stacked(Array(8).fill(352));
    expect(printSlices(lanes, 20, AXIS, 863)).toEqual([{ y: 0, height: 372 }, ...lanes.slice(1).map((lane) => ({ y: 20 + lane.top, height: 352 }))]);
    // Wider, two such lanes fit a page after the first.
    expect(printSlices(lanes, 20, AXIS, 1265)).toEqual([
      { y: 0, height: 372 },
      { y: 372, height: 704 },
      { y: 1076, height: 704 },
      { y: 1780, height: 704 },
      { y: 2484, height: 352 },
    ]);
    // Lanes of 100: four under the title, five to each later page.
    expect(printSlices(stacked(Array(12).fill(100)), 20, AXIS, 863)).toEqual([
      { y: 0, height: 420 },
      { y: 420, height: 500 },
      { y: 920, height: 300 },
    ]);
  });

  it('gives a lane taller than a slice may be a slice of its own, never an empty one', () => {
    expect(printSlices(stacked([900, 50, 50]), 20, AXIS, 500)).toEqual([
      { y: 0, height: 920 },
      { y: 920, height: 100 },
    ]);
  });

  it('covers the chart from its top to its last lane once, in order, each slice within its limit unless it is one lane (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 30, max: 400 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 200, max: 1600 }), (heights, lanesTop, width) => {
        const lanes = stacked(heights);
        const slices = printSlices(lanes, lanesTop, AXIS, width);
        const total = lanesTop + heights.reduce((a, b) => a + b, 0);
        if (slices.length === 0) {
          expect(total + AXIS).toBeLessThanOrEqual(PRINT_LIMITS.single * PRINT_LIMITS.shrink * width);
          return;
        }
        expect(total + AXIS).toBeGreaterThan(PRINT_LIMITS.single * PRINT_LIMITS.shrink * width);
        expect(slices[0]!.y).toBe(0);
        for (let i = 1; i < slices.length; i++) expect(slices[i]!.y).toBe(slices[i - 1]!.y + slices[i - 1]!.height);
        expect(slices.at(-1)!.y + slices.at(-1)!.height).toBe(total);
        const laneEnds = new Set([0, ...lanes.map((lane) => lanesTop + lane.top + lane.height)]);
        slices.forEach((slice, i) => {
          expect(laneEnds.has(slice.y) && laneEnds.has(slice.y + slice.height)).toBe(true);
          const lanesIn = lanes.filter((lane) => lanesTop + lane.top >= slice.y && lanesTop + lane.top < slice.y + slice.height).length;
          expect(lanesIn).toBeGreaterThan(0);
          const limit = (i === 0 ? PRINT_LIMITS.first : PRINT_LIMITS.rest) * width;
          if (lanesIn > 1) expect(slice.height + AXIS).toBeLessThanOrEqual(limit + 1e-9);
          // Greedy: the next slice's first lane would not have fitted this one.
          const next = slices[i + 1];
          if (next) {
            const nextLane = lanes.find((lane) => lanesTop + lane.top === next.y)!;
            expect(next.y + nextLane.height - slice.y + AXIS).toBeGreaterThan(limit);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
