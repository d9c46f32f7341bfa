import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyboardStops } from '../../../src/chart/keyboard-stops';
import { LaneLayoutCache, MAX_POINT_ROWS, OVERFLOW_BIN, overflowBinAt } from '../../../src/chart/layout';
import { loadDataset } from '../../../src/io/load';

describe('keyboardStops', () => {
  it('puts a group after the marks drawn in its bin and before the next bin, bars before points', () => {
    // Keyboard order (by start): a drawn mark at 5 px, a point counted in bin 0, a bar counted in
    // bin 0, a drawn mark at 30 px, a drawn mark at 36 px (bin 1), a point counted in bin 1.
    const stops = keyboardStops(
      {
        x: Float64Array.from([5, 6, 7, 30, 36, 40]),
        row: Int8Array.from([-1, 1, 0, -1, -1, 1]),
        bin: Float64Array.from([0, 0, 0, 0, 1, 1]),
      },
      OVERFLOW_BIN,
    );
    // Stops: mark 0, mark 3, bars' group {2}, points' group {1}, mark 4, points' group {5}.
    expect([...stops.first]).toEqual([0, 3, 2, 1, 4, 5]);
    expect([...stops.grouped]).toEqual([0, 0, 1, 1, 0, 1]);
    expect([...stops.stopOf]).toEqual([0, 3, 2, 1, 4, 5]);
    expect([...stops.size]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('gathers every member of a group however they interleave with drawn marks', () => {
    const stops = keyboardStops(
      {
        x: Float64Array.from([0, 1, 2, 3, 4, 50]),
        row: Int8Array.from([1, -1, 1, -1, 1, -1]),
        bin: Float64Array.from([0, 0, 0, 0, 0, 0]),
      },
      OVERFLOW_BIN,
    );
    expect(stops.first.length).toBe(4);
    const group = stops.stopOf[0]!;
    expect([stops.stopOf[2], stops.stopOf[4]]).toEqual([group, group]);
    expect([stops.first[group], stops.last[group], stops.size[group], stops.grouped[group]]).toEqual([0, 4, 3, 1]);
    // The two drawn marks in the bin come first, then the group, then the mark in a later bin.
    expect([...stops.first]).toEqual([1, 3, 0, 5]);
  });
});

describe('LaneLayoutCache keyboard stops', () => {
  const ORIGIN = Date.UTC(2018, 0, 1);
  const DAY = 86_400_000;
  const CUTOFF = Date.UTC(2021, 7, 4);

  /** A lane with `perDay` points on each of `days` days from 2018-01-01, and a few bars. */
  function denseLane(days: number, perDay: number, bars: number) {
    const rows = ['id,cluster,kind,start,end,title'];
    for (let d = 0; d < days; d++) {
      const date = new Date(ORIGIN + d * 7 * DAY).toISOString().slice(0, 10);
      for (let k = 0; k < perDay; k++) rows.push(`p${d}-${k},A,intrusion,${date},,t`);
    }
    for (let b = 0; b < bars; b++) rows.push(`b${b},A,activity,2018-0${1 + (b % 9)},2019,t`);
    const dataset = loadDataset({ events: { name: 'e.csv', text: rows.join('\n') } });
    expect(dataset.problems).toEqual([]);
    return dataset.events;
  }

  it('turns a day with more points than rows into one stop, and a lane of thousands into few', () => {
    const events = denseLane(40, 30, 12);
    const cache = new LaneLayoutCache([{ id: 'A', events }], CUTOFF);
    const [layout] = cache.layout([ORIGIN - 30 * DAY, ORIGIN + 400 * DAY], 1200);
    const stops = cache.stops(0)!;
    expect(cache.markCount(0)).toBe(40 * 30 + 12);
    // Each points' group is the "+N" the chart shows in its bin: same bin, same count.
    const pointLabels = layout!.overflowRows[layout!.overflowRows.length - 1]!.bins;
    const pointGroups = new Map<number, number>();
    for (let stop = 0; stop < stops.first.length; stop++) {
      const mark = cache.markAt(0, stops.first[stop]!)!;
      if (stops.grouped[stop] === 1 && mark.shape === 'point') pointGroups.set(Math.floor(mark.cx / OVERFLOW_BIN), stops.size[stop]!);
    }
    expect(pointLabels.length).toBeGreaterThan(3);
    // Bars too: the four that do not fit eight rows are one group, wherever it is asked from.
    let barGroups = 0;
    for (let stop = 0; stop < stops.first.length; stop++) {
      if (stops.grouped[stop] !== 1) continue;
      expect(cache.groupAt(0, stops.last[stop]!)!.size).toBe(stops.size[stop]);
      if (cache.markAt(0, stops.first[stop]!)!.shape === 'period') barGroups += stops.size[stop]!;
    }
    expect(barGroups).toBe(4);
    for (const [x, count] of pointLabels) expect(pointGroups.get((x - 2) / OVERFLOW_BIN)).toBe(count);
    const grouped = [...stops.grouped].filter((g) => g === 1).length;
    expect(grouped).toBeGreaterThan(0);
    // Far fewer stops than marks: each crowded week's extra points are one stop.
    expect(stops.first.length).toBeLessThan(cache.markCount(0) / 2);
    // A drawn point's row is below the budget; a group's members are all in an overflow row.
    for (let k = 0; k < cache.markCount(0); k++) {
      const mark = cache.markAt(0, k)!;
      expect(stops.grouped[stops.stopOf[k]!]).toBe(mark.overflow ? 1 : 0);
    }
    expect(MAX_POINT_ROWS).toBeLessThan(30);
  });

  const date = fc.tuple(fc.integer({ min: 2017, max: 2021 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 3 })).map(
    ([y, m, d, precision]) => [`${y}`, `${y}-Q${Math.ceil(m / 3)}`, `${y}-${String(m).padStart(2, '0')}`, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`][precision]!,
  );
  const row = fc.record({ kind: fc.constantFrom('activity', 'intrusion', 'tooling'), start: date, end: fc.oneof(fc.constant(''), fc.constant(''), fc.constant('..'), date) });

  it('every mark is in exactly one stop, stops run left to right, and groupAt agrees with the stops (property)', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 160 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 20, max: 2000 }),
        fc.integer({ min: 200, max: 1400 }),
        (rows, fromDay, lengthDays, width) => {
          const text = ['id,cluster,kind,start,end,title', ...rows.map((r, i) => `e${i},A,${r.kind},${r.start},${r.end},t`)].join('\n');
          const events = loadDataset({ events: { name: 'e.csv', text } }).events;
          if (events.length === 0) return;
          const cache = new LaneLayoutCache([{ id: 'A', events }], CUTOFF);
          const view = [Date.UTC(2017, 0, 1) + fromDay * DAY, Date.UTC(2017, 0, 1) + (fromDay + lengthDays) * DAY] as const;
          cache.layout(view, width);
          const stops = cache.stops(0)!;
          const n = cache.markCount(0);
          const members = new Map<number, number[]>();
          for (let k = 0; k < n; k++) {
            const stop = stops.stopOf[k]!;
            expect(stop).toBeGreaterThanOrEqual(0);
            expect(stop).toBeLessThan(stops.first.length);
            members.set(stop, [...(members.get(stop) ?? []), k]);
          }
          // Every stop has its members, and its earliest and latest are right.
          expect(members.size).toBe(stops.first.length);
          for (const [stop, list] of members) {
            expect(stops.size[stop]).toBe(list.length);
            expect(stops.first[stop]).toBe(list[0]);
            expect(stops.last[stop]).toBe(list[list.length - 1]);
            if (stops.grouped[stop] === 0) expect(list.length).toBe(1);
            // The per-frame pass over the overflow row (groupAt) finds the same group from any member.
            const group = cache.groupAt(0, list[list.length - 1]!);
            if (stops.grouped[stop] === 1) {
              expect(group!.size).toBe(list.length);
              expect(group!.earliest.start.earliest).toBe(cache.markAt(0, list[0]!)!.event.start.earliest);
              expect(group!.latest.start.earliest).toBe(cache.markAt(0, list[list.length - 1]!)!.event.start.earliest);
            } else expect(group).toBeNull();
          }
          // Left to right: drawn marks by where they start, each group within its bin.
          const scale = width / (view[1] - view[0]);
          const place = (stop: number) => {
            const mark = cache.markAt(0, stops.first[stop]!)!;
            if (stops.grouped[stop] === 0) return (mark.event.start.earliest - view[0]) * scale;
            return null;
          };
          let previous = -Infinity;
          for (let stop = 0; stop < stops.first.length; stop++) {
            const at = place(stop);
            if (at === null) continue;
            expect(at).toBeGreaterThanOrEqual(previous - 1e-6);
            previous = at;
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a count, what a click on it lists and the keyboard\'s group in its bin are the same marks (property)', () => {
    let labelsSeen = 0;
    let barLabelsSeen = 0;
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 20, maxLength: 220 }),
        // Long bars that overlap, more than a lane's eight bar rows hold: the bars' overflow row.
        fc.array(fc.record({ kind: fc.constant('activity'), start: date.filter((d) => d < '2019'), end: date.filter((d) => d >= '2019') }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 20, max: 2000 }),
        fc.integer({ min: 200, max: 1400 }),
        (scattered, bars, fromDay, lengthDays, width) => {
          const rows = [...scattered, ...bars];
          const text = ['id,cluster,kind,start,end,title', ...rows.map((r, i) => `e${i},A,${r.kind},${r.start},${r.end},t`)].join('\n');
          const events = loadDataset({ events: { name: 'e.csv', text } }).events;
          if (events.length === 0) return;
          const cache = new LaneLayoutCache([{ id: 'A', events }], CUTOFF);
          const view = [Date.UTC(2017, 0, 1) + fromDay * DAY, Date.UTC(2017, 0, 1) + (fromDay + lengthDays) * DAY] as const;
          const [lane] = cache.layout(view, width);
          const stops = cache.stops(0)!;
          const bins = Math.ceil(width / OVERFLOW_BIN);
          // The keyboard's groups on screen, by row and bin: their members' ids.
          const groups = new Map<string, string[]>();
          for (let k = 0; k < cache.markCount(0); k++) {
            if (stops.grouped[stops.stopOf[k]!] !== 1) continue;
            const group = cache.groupAt(0, k)!;
            if (group.bin < 0 || group.bin >= bins) continue;
            const key = `${cache.markAt(0, k)!.shape === 'period' ? 'bars' : 'points'}:${group.bin}`;
            groups.set(key, [...(groups.get(key) ?? []), cache.markAt(0, k)!.event.id]);
          }
          const labelled = new Set<string>();
          for (const overflowRow of lane!.overflowRows) {
            for (const [x, count] of overflowRow.bins) {
              labelsSeen++;
              if (!overflowRow.points) barLabelsSeen++;
              // A click on the label's text: the bin it counts, and the marks listed there.
              const bin = overflowBinAt(overflowRow, x + 3);
              const listed = cache.countedAt(0, overflowRow.points, bin).map((m) => m.event.id);
              expect(listed.length).toBe(count);
              const key = `${overflowRow.points ? 'points' : 'bars'}:${bin}`;
              expect([...listed].sort()).toEqual([...(groups.get(key) ?? [])].sort());
              labelled.add(key);
            }
          }
          // Every group on screen has its label: none hides behind a neighbour's.
          expect([...groups.keys()].filter((key) => !labelled.has(key))).toEqual([]);
        },
      ),
      { numRuns: 120 },
    );
    // The runs did make counts, of bars and of points: the property was not true for want of any.
    expect(barLabelsSeen).toBeGreaterThan(0);
    expect(labelsSeen).toBeGreaterThan(barLabelsSeen);
  });

  it('is made again when the view changes, and kept while it does not', () => {
    const events = denseLane(10, 20, 0);
    const cache = new LaneLayoutCache([{ id: 'A', events }], CUTOFF);
    cache.layout([ORIGIN - 30 * DAY, ORIGIN + 400 * DAY], 1200);
    const wide = cache.stops(0);
    expect(cache.stops(0)).toBe(wide);
    // Zoomed in to one week, each day's points still overflow but sit in a bin of their own.
    cache.layout([ORIGIN - DAY, ORIGIN + 6 * DAY], 1200);
    const close = cache.stops(0)!;
    expect(close).not.toBe(wide);
    expect(close.first.length).toBeGreaterThan(0);
  });
});
