import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRINT_LIMITS, printSlices, sliceLimit } from '../../../src/chart/print-slices';

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
const singleLimit = (width: number) => (PRINT_LIMITS.singleMm / PRINT_LIMITS.pageWidthMm) * PRINT_LIMITS.shrink * width;

describe('sliceLimit', () => {
  it('lets a slice be as tall as a page holds at 85 % of its size on screen, or at the page\'s width for a very wide chart', () => {
    // 863 units across 281 mm is 1.23× the screen's size: a slice may shrink to 0.85×.
    expect(sliceLimit(863, false)).toBeCloseTo(186 / ((0.85 * 25.4) / 96), 6);
    expect(sliceLimit(863, true)).toBeCloseTo(150 / ((0.85 * 25.4) / 96), 6);
    // 1,400 units across 281 mm is already smaller than that: the page's width decides.
    expect(sliceLimit(1400, false)).toBeCloseTo((186 * 1400) / 281, 6);
    // Printed at that limit, a slice fills the page's height (or its width) and is never smaller than 0.85× the screen.
    for (const width of [300, 863, 1265, 2000]) {
      const mmPerUnit = Math.min(281 / width, 186 / sliceLimit(width, false));
      expect(mmPerUnit).toBeGreaterThanOrEqual(Math.min(PRINT_LIMITS.minMmPerUnit, 281 / width) - 1e-12);
    }
  });
});

describe('printSlices', () => {
  it("prints a chart that fits the page well as one picture: no slices (the bundled data's four lanes)", () => {
    expect(printSlices(stacked([120, 110, 60, 90]), 36, AXIS, 863)).toEqual([]);
    expect(printSlices([], 20, AXIS, 863)).toEqual([]);
  });

  it('cuts a tall chart between lanes, as many lanes to a slice as fit, the overlap labels with the first', () => {
    // At 863 wide a first slice may be about 667 units tall with its axis, a later one about 827:
    // lanes of a dense chart (352 units), one under the title, then two to a page.
    const lanes = stacked(Array(8).fill(352));
    expect(printSlices(lanes, 20, AXIS, 863)).toEqual([
      { y: 0, height: 372 },
      { y: 372, height: 704 },
      { y: 1076, height: 704 },
      { y: 1780, height: 704 },
      { y: 2484, height: 352 },
    ]);
    // Lanes of 100: six under the title, the other six on the next page.
    expect(printSlices(stacked(Array(12).fill(100)), 20, AXIS, 863)).toEqual([
      { y: 0, height: 620 },
      { y: 620, height: 600 },
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
          expect(total + AXIS).toBeLessThanOrEqual(singleLimit(width));
          return;
        }
        expect(total + AXIS).toBeGreaterThan(singleLimit(width));
        expect(slices[0]!.y).toBe(0);
        for (let i = 1; i < slices.length; i++) expect(slices[i]!.y).toBe(slices[i - 1]!.y + slices[i - 1]!.height);
        expect(slices.at(-1)!.y + slices.at(-1)!.height).toBe(total);
        const laneEnds = new Set([0, ...lanes.map((lane) => lanesTop + lane.top + lane.height)]);
        slices.forEach((slice, i) => {
          expect(laneEnds.has(slice.y) && laneEnds.has(slice.y + slice.height)).toBe(true);
          const lanesIn = lanes.filter((lane) => lanesTop + lane.top >= slice.y && lanesTop + lane.top < slice.y + slice.height).length;
          expect(lanesIn).toBeGreaterThan(0);
          const limit = sliceLimit(width, i === 0);
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
