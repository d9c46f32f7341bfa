import { describe, expect, it, vi } from 'vitest';
import { LANE_METRICS, LaneLayoutCache, layoutLanes, markShape, MAX_PERIOD_ROWS, MAX_POINT_ROWS, OVERFLOW_BIN, overflowBinAt, overflowLabelWidth } from '../../../src/chart/layout';
import { loadDataset } from '../../../src/io/load';
import type { TimelineEvent } from '../../../src/model/types';
import { eventSpan } from '../../../src/model/intervals';
import fc from 'fast-check';
import { dateCell } from '../arbitraries';

function events(rows: string[]): readonly TimelineEvent[] {
  const text = ['id,cluster,kind,start,end,title', ...rows].join('\n');
  const dataset = loadDataset({ events: { name: 'e.csv', text } });
  expect(dataset.problems).toEqual([]);
  return dataset.events;
}

// One pixel per day from 2018-01-01, 2,000 pixels wide.
const ORIGIN = Date.UTC(2018, 0, 1);
const DAY = 86_400_000;
const WIDTH = 2000;
const VIEW = [ORIGIN, ORIGIN + WIDTH * DAY] as const;
const x = (t: number) => (t - ORIGIN) / DAY;
const CUTOFF = Date.UTC(2021, 7, 4);

function single(row: string) {
  const [lane] = layoutLanes([{ id: 'A', events: events([row]) }], VIEW, WIDTH, CUTOFF);
  return lane!.marks[0]!;
}
describe('markShape', () => {
  it('draws periods as bars, other kinds with an end as spans, the rest as points', () => {
    const [op, act, span, point, openActivityPoint] = events([
      'a,A,operating,2012,..,t',
      'b,A,activity,2018,2021-Q1,t',
      'c,A,intrusion,2018,2021-Q1,t',
      'd,A,intrusion,2019,,t',
      'e,A,activity,2019,,t',
    ]);
    expect([op, act, span, point, openActivityPoint].map((e) => markShape(e!))).toEqual(['period', 'period', 'span', 'point', 'point']);
  });
});

describe('geometry of dates', () => {
  it('fades a year-precision start in across that year and a quarter end out across that quarter', () => {
    const mark = single('a,A,activity,2018,2021-Q1,t');
    expect(mark.x0).toBe(0);
    expect(mark.x1).toBeCloseTo(x(Date.UTC(2021, 3, 1)), 6);
    const length = mark.x1 - mark.x0;
    expect(mark.fadeIn * length).toBeCloseTo(365, 5);
    expect((1 - mark.fadeOut) * length).toBeCloseTo(90, 5);
    expect(mark.open).toBe(false);
  });

  it('gives a day-precision period sharp edges', () => {
    const mark = single('a,A,activity,2019-06-01,2019-09-30,t');
    expect([mark.fadeIn, mark.fadeOut]).toEqual([0, 1]);
    expect(mark.x1 - mark.x0).toBeCloseTo(122, 6);
  });

  it('runs an open end to the cut-off and marks it ongoing, without fading it', () => {
    const mark = single('a,A,operating,2012,..,t');
    expect(mark.x1).toBeCloseTo(x(CUTOFF), 6);
    expect(mark.open).toBe(true);
    expect(mark.fadeOut).toBe(1);
  });

  it('keeps approximate dates approximate for the dashed edge', () => {
    const mark = single('a,A,activity,~2019-03,2019-Q4,t');
    expect(mark.event.start.approximate).toBe(true);
    expect(mark.fadeIn).toBeGreaterThan(0);
  });

  it('centres a precise point on its day and flags nothing coarse', () => {
    const mark = single('a,A,publication,2018-01-11,,t');
    expect(mark.shape).toBe('point');
    expect(mark.coarse).toBe(false);
    expect(mark.cx).toBeCloseTo(10.5, 6);
  });

  it('spans a coarse point over its whole interval, for the bracket', () => {
    const mark = single('a,A,tooling,2018-Q2,,t');
    expect(mark.coarse).toBe(true);
    expect(mark.x0).toBeCloseTo(x(Date.UTC(2018, 3, 1)), 6);
    expect(mark.x1).toBeCloseTo(x(Date.UTC(2018, 6, 1)), 6);
    expect(mark.cx).toBeCloseTo((mark.x0 + mark.x1) / 2, 6);
  });
});

describe('layoutLanes', () => {
  const rowOf = (y: number) => (y - LANE_METRICS.header - LANE_METRICS.row / 2) / LANE_METRICS.row;

  it('caps a crowded lane at MAX_POINT_ROWS sub-rows and counts the rest in an overflow row', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `p${i},A,intrusion,2019-01-01,,t`);
    const [lane] = layoutLanes([{ id: 'A', events: events(rows) }], VIEW, WIDTH, CUTOFF);
    expect(lane!.marks).toHaveLength(MAX_POINT_ROWS);
    expect(lane!.marks.every((m) => !m.overflow)).toBe(true);
    const day = x(Date.UTC(2019, 0, 1)) + 0.5;
    expect(lane!.overflowRows).toEqual([{ y: LANE_METRICS.header + MAX_POINT_ROWS * LANE_METRICS.row + LANE_METRICS.row / 2, bins: [[Math.floor(day / OVERFLOW_BIN) * OVERFLOW_BIN + 2, 40 - MAX_POINT_ROWS]], points: true }]);
    expect(lane!.height).toBe(LANE_METRICS.header + (MAX_POINT_ROWS + 1) * LANE_METRICS.row + LANE_METRICS.padding);
  });

  it('moves the count of the last, narrow bin left so that it ends inside the plot, and a pointer on it finds that bin', () => {
    // 2,000 px make 56 bins, the last only 20 px wide: a "+28" label there would run past the edge.
    const lastDay = new Date(ORIGIN + (WIDTH - 6) * DAY).toISOString().slice(0, 10);
    const rows = Array.from({ length: 40 }, (_, i) => `p${i},A,intrusion,${lastDay},,t`);
    const [lane] = layoutLanes([{ id: 'A', events: events(rows) }], VIEW, WIDTH, CUTOFF);
    const row = lane!.overflowRows[0]!;
    const count = 40 - MAX_POINT_ROWS;
    const lastBin = Math.ceil(WIDTH / OVERFLOW_BIN) - 1;
    expect(row.bins).toEqual([[WIDTH - overflowLabelWidth(count), count]]);
    expect(WIDTH - overflowLabelWidth(count)).toBeLessThan(lastBin * OVERFLOW_BIN);
    // On the label, also its part over the bin before: the last bin. Off the label: the bin under the pointer.
    expect(overflowBinAt(row, WIDTH - overflowLabelWidth(count) + 1)).toBe(lastBin);
    expect(overflowBinAt(row, WIDTH - 1)).toBe(lastBin);
    expect(overflowBinAt(row, 100)).toBe(Math.floor(100 / OVERFLOW_BIN));
  });

  it('keeps every count at the left of its own bin unless it would run past the edge, and a pointer on it finds that bin', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1990 }), fc.integer({ min: 9, max: 60 }), (px, n) => {
        const day = new Date(ORIGIN + px * DAY).toISOString().slice(0, 10);
        const rows = Array.from({ length: n }, (_, i) => `p${i},A,intrusion,${day},,t`);
        const [lane] = layoutLanes([{ id: 'A', events: events(rows) }], VIEW, WIDTH, CUTOFF);
        const row = lane!.overflowRows[0];
        if (!row) return n <= MAX_POINT_ROWS;
        return row.bins.every(([labelX, count]) => {
          const bin = Math.floor((px + 0.5) / OVERFLOW_BIN);
          const width = overflowLabelWidth(count);
          const fits = bin * OVERFLOW_BIN + 2 + width <= WIDTH;
          return labelX === (fits ? bin * OVERFLOW_BIN + 2 : WIDTH - width) && overflowBinAt(row, labelX + 1) === bin;
        });
      }),
      { numRuns: 60 },
    );
  });

  it('caps bars at MAX_PERIOD_ROWS sub-rows and counts the rest per bin, one label per run of equal counts', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `b${i},A,activity,2019-01-01,2019-01-${String(10 + i).padStart(2, '0')},t`);
    const [lane] = layoutLanes([{ id: 'A', events: events(rows) }], VIEW, WIDTH, CUTOFF);
    expect(lane!.marks).toHaveLength(MAX_PERIOD_ROWS);
    expect(new Set(lane!.marks.map((m) => rowOf(m.y)))).toEqual(new Set(Array.from({ length: MAX_PERIOD_ROWS }, (_, i) => i)));
    const [overflow] = lane!.overflowRows;
    expect(rowOf(overflow!.y)).toBe(MAX_PERIOD_ROWS);
    // 12 bars start in the same bin; they all run into the next one, and end one after another after that.
    const total = overflow!.bins.reduce((max, [, n]) => Math.max(max, n), 0);
    expect(total).toBe(20 - MAX_PERIOD_ROWS);
    expect(lane!.height).toBe(LANE_METRICS.header + (MAX_PERIOD_ROWS + 1) * LANE_METRICS.row + LANE_METRICS.padding);
  });

  it('keeps a lane of any size within its row budget', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `p${i},A,intrusion,2019-01-${String(1 + (i % 28)).padStart(2, '0')},,t` : `b${i},A,activity,2019-01-01,2020-Q${1 + (i % 4)},t`));
    const [lane] = layoutLanes([{ id: 'A', events: events(rows) }], VIEW, WIDTH, CUTOFF);
    expect(lane!.height).toBe(LANE_METRICS.header + (MAX_PERIOD_ROWS + 1 + MAX_POINT_ROWS + 1) * LANE_METRICS.row + LANE_METRICS.padding);
    expect(lane!.marks.length).toBeLessThanOrEqual(MAX_PERIOD_ROWS + MAX_POINT_ROWS * 28);
  });

  it('lays out only what is in or near the window, while the keyboard still reaches every mark', () => {
    const specs = [{ id: 'A', events: events(['a,A,intrusion,2016-01-01,,t', 'b,A,intrusion,2019-01-01,,t', 'c,A,activity,2014,2015,t', 'd,A,activity,2017,2019,t']) }];
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const [lane] = cache.layout(VIEW, WIDTH);
    expect(lane!.marks.map((m) => m.event.id).sort()).toEqual(['b', 'd']);
    expect(cache.markCount(0)).toBe(4);
    expect([0, 1, 2, 3].map((i) => cache.markAt(0, i)!.event.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(cache.find('a')).toEqual({ lane: 0, index: 1 });
    expect(cache.markAt(0, 1)!.cx).toBeLessThan(0);
    expect(cache.find('nope')).toBeNull();
    expect(cache.nearestIndex(0, Date.UTC(2016, 2, 1))).toBe(1);
    expect(cache.nearestIndex(0, Date.UTC(2030, 0, 1))).toBe(3);
    expect(cache.nearestIndex(0, 0)).toBe(0);
  });

  it('re-stacks points only when the zoom moves by half an octave, and gives the same layout as a fresh one', () => {
    const specs = [{ id: 'A', events: events(['p1,A,intrusion,2019-01-01,,t', 'p2,A,intrusion,2019-02-20,,t']) }];
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const far = [ORIGIN, ORIGIN + WIDTH * 10 * DAY] as const; // 10 days per pixel: points 50 days apart collide
    const ys = (lanes: { marks: readonly { y: number; event: { id: string } }[] }[]) => lanes[0]!.marks.map((m) => `${m.event.id}@${m.y}`).sort();
    expect(ys(cache.layout(far, WIDTH))).toEqual(ys(layoutLanes(specs, far, WIDTH, CUTOFF)));
    expect(new Set(cache.layout(far, WIDTH)[0]!.marks.map((m) => m.y)).size).toBe(2);
    expect(new Set(cache.layout(VIEW, WIDTH)[0]!.marks.map((m) => m.y)).size).toBe(1);
  });

  it('stacks bars above points, and overlapping points into sub-rows', () => {
    const [lane] = layoutLanes(
      [
        {
          id: 'A',
          events: events(['op,A,operating,2012,..,t', 'act,A,activity,2018,2021-Q1,t', 'p1,A,intrusion,2019-01-01,,t', 'p2,A,intrusion,2019-01-03,,t', 'p3,A,intrusion,2019-06-01,,t']),
        },
      ],
      VIEW,
      WIDTH,
      CUTOFF,
    );
    const y = new Map(lane!.marks.map((m) => [m.event.id, m.y]));
    const row = (id: string) => rowOf(y.get(id)!);
    expect([row('op'), row('act')]).toEqual([0, 1]);
    expect(row('p1')).toBe(2);
    expect(row('p2')).toBe(3); // two days apart is closer than a glyph
    expect(row('p3')).toBe(2);
    expect(lane!.height).toBe(LANE_METRICS.header + 4 * LANE_METRICS.row + LANE_METRICS.padding);
    expect(lane!.overflowRows).toEqual([]);
  });

  it('puts lanes one under another and orders marks by time for the keyboard', () => {
    const specs = [
      { id: 'A', events: events(['b,A,intrusion,2020,,t', 'a,A,intrusion,2019,,t']) },
      { id: 'B', events: [] },
    ];
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const lanes = cache.layout(VIEW, WIDTH);
    expect(lanes[1]!.top).toBe(lanes[0]!.height);
    expect([cache.markAt(0, 0)!.event.id, cache.markAt(0, 1)!.event.id]).toEqual(['a', 'b']);
    expect(cache.markCount(1)).toBe(0);
    expect(cache.markAt(1, 0)).toBeNull();
    expect(lanes[1]!.height).toBeGreaterThan(0);
  });

  it('leaves a big lane off screen stacked for the previous zoom level until it comes into view', () => {
    const many = (lane: string) => Array.from({ length: 2100 }, (_, i) => `${lane}${i},${lane},intrusion,2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},,t`);
    const specs = [
      { id: 'A', events: events(many('A')) },
      { id: 'B', events: events(many('B')) },
    ];
    const cache = new LaneLayoutCache(specs, CUTOFF);
    // Both lanes on screen at first (a big lane below it would not be prepared yet: see the next tests).
    const first = cache.layout(VIEW, WIDTH, [0, 10_000]);
    const laneB: [number, number] = [first[1]!.top, first[1]!.top + first[1]!.height];
    expect(cache.hasStaleLanesIn(laneB)).toBe(false);
    const far = [ORIGIN, ORIGIN + WIDTH * 10 * DAY] as const;
    const fresh = new LaneLayoutCache(specs, CUTOFF).layout(far, WIDTH);
    const zoomed = cache.layout(far, WIDTH, [0, 100]);
    expect(cache.hasStaleLanesIn(laneB)).toBe(true);
    expect(cache.hasStaleLanesIn([0, 100])).toBe(false);
    const ys = (lane: { marks: readonly { y: number; event: { id: string } }[] }) => lane.marks.map((m) => `${m.event.id}@${m.y}`).sort();
    expect(ys(zoomed[0]!)).toEqual(ys(fresh[0]!));
    const scrolled = cache.layout(far, WIDTH, laneB);
    expect(cache.hasStaleLanesIn(laneB)).toBe(false);
    expect(ys(scrolled[1]!)).toEqual(ys(fresh[1]!));
  });

  it('leaves a big lane wholly below the screen unprepared until it comes near, or idle time prepares it, with the same result', () => {
    const many = (lane: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${lane}${i},${lane},${i % 4 ? 'intrusion' : 'activity'},2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${i % 4 ? '' : '2020-Q2'},t`);
    const specs = [
      { id: 'A', events: events(many('A', 600)) },
      { id: 'B', events: events(many('B', 600)) },
      { id: 'C', events: events(many('C', 40)) },
      { id: 'D', events: events(many('D', 600)) },
    ];
    const fresh = new LaneLayoutCache(specs, CUTOFF);
    const full = fresh.layout(VIEW, WIDTH);
    const ys = (lane: { marks: readonly { y: number; event: { id: string } }[] }) => lane.marks.map((m) => `${m.event.id}@${m.y}`).sort();

    const cache = new LaneLayoutCache(specs, CUTOFF);
    const band: [number, number] = [0, 100];
    const first = cache.layout(VIEW, WIDTH, band);
    // Lane A meets the band: laid out as a full layout lays it out.
    expect([first[0]!.top, first[0]!.height, first[0]!.inView]).toEqual([full[0]!.top, full[0]!.height, full[0]!.inView]);
    expect(ys(first[0]!)).toEqual(ys(full[0]!));
    // B and D are big and wholly below it: the most height a lane can have, every event counted as in view, nothing placed.
    const tallest = LANE_METRICS.header + (MAX_PERIOD_ROWS + MAX_POINT_ROWS + 2) * LANE_METRICS.row + LANE_METRICS.padding;
    for (const i of [1, 3]) expect([first[i]!.height, first[i]!.inView, first[i]!.marks.length, first[i]!.overflowRows.length]).toEqual([tallest, 600, 0, 0]);
    // C is small: prepared at once, whatever its place.
    expect(first[2]!.height).toBe(full[2]!.height);
    expect(cache.hasStaleLanesIn([first[1]!.top, first[1]!.top + 1])).toBe(true);
    expect(cache.hasStaleLanesIn(band)).toBe(false);
    // The keyboard reaches a waiting lane's marks all the same (it is prepared on the spot).
    expect(cache.markCount(3)).toBe(fresh.markCount(3));
    expect(cache.markAt(3, 17)!.event.id).toBe(fresh.markAt(3, 17)!.event.id);
    // Idle time prepares the rest, a lane at a time while there is time.
    expect(cache.prepareWaiting(() => 0)).toBe(false);
    expect(cache.prepareWaiting(() => 100)).toBe(true);
    expect(cache.prepareWaiting(() => 100)).toBe(false);
    expect(cache.hasStaleLanesIn([-Infinity, Infinity])).toBe(false);
    const after = cache.layout(VIEW, WIDTH, band);
    expect(after.map((l) => [l.top, l.height, l.inView])).toEqual(full.map((l) => [l.top, l.height, l.inView]));
    // Scrolled to, a lane is laid out as a full layout lays it out.
    const scrolled = cache.layout(VIEW, WIDTH, [full[1]!.top, full[1]!.top + 50]);
    expect(ys(scrolled[1]!)).toEqual(ys(full[1]!));
  });

  it('prepares a waiting lane as soon as the band reaches it', () => {
    const many = (lane: string) => Array.from({ length: 700 }, (_, i) => `${lane}${i},${lane},intrusion,2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},,t`);
    const specs = [
      { id: 'A', events: events(many('A')) },
      { id: 'B', events: events(many('B')) },
    ];
    const full = new LaneLayoutCache(specs, CUTOFF).layout(VIEW, WIDTH);
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const first = cache.layout(VIEW, WIDTH, [0, 50]);
    expect(first[1]!.marks).toEqual([]);
    expect(cache.hasStaleLanesIn([-Infinity, Infinity])).toBe(true);
    const reached = cache.layout(VIEW, WIDTH, [0, first[1]!.top + 10]);
    expect(cache.hasStaleLanesIn([-Infinity, Infinity])).toBe(false);
    expect(reached.map((l) => [l.top, l.height, l.marks.length])).toEqual(full.map((l) => [l.top, l.height, l.marks.length]));
  });

  it('stacks the neighbouring zoom levels ahead of time, within the time it is given, with the same result', () => {
    const many = (lane: string) => Array.from({ length: 600 }, (_, i) => `${lane}${i},${lane},intrusion,2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},,t`);
    const specs = [{ id: 'A', events: events(many('A')) }];
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const band: [number, number] = [0, 10_000];
    cache.layout(VIEW, WIDTH, band);
    // No time: nothing done, work left.
    expect(cache.prestack(band, () => 0)).toBe(true);
    // Enough time: both neighbours stacked, nothing left.
    expect(cache.prestack(band, () => 100)).toBe(false);
    expect(cache.prestack(band, () => 100)).toBe(false);
    // Zooming out by half an octave (the next level) gives what a fresh layout gives.
    const wider = [ORIGIN, ORIGIN + WIDTH * DAY * Math.SQRT2] as const;
    const ys = (lanes: readonly { marks: readonly { y: number; event: { id: string } }[] }[]) => lanes[0]!.marks.map((m) => `${m.event.id}@${m.y}`).sort();
    expect(ys(cache.layout(wider, WIDTH, band))).toEqual(ys(new LaneLayoutCache(specs, CUTOFF).layout(wider, WIDTH, band)));
    // The level it came from is kept as a neighbour: time for one stack is enough for the other side.
    let slices = 0;
    expect(cache.prestack(band, () => (slices++ === 0 ? 100 : 0))).toBe(false);
    const back = cache.layout(VIEW, WIDTH, band);
    expect(ys(back)).toEqual(ys(new LaneLayoutCache(specs, CUTOFF).layout(VIEW, WIDTH, band)));
  });

  it('stacks ahead of time the small lanes off the band too, after those on it, and leaves big ones off it for later', () => {
    const points = (lane: string, n: number) => Array.from({ length: n }, (_, i) => `${lane}${i},${lane},tooling,2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},,t`);
    // A and B small; C with more points than a frame re-stacks at once off the band.
    const specs = [
      { id: 'A', events: events(points('A', 300)) },
      { id: 'B', events: events(points('B', 300)) },
      { id: 'C', events: events(points('C', 2100)) },
    ];
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const band: [number, number] = [0, 50];
    const first = cache.layout(VIEW, WIDTH, band);
    expect(first[1]!.top).toBeGreaterThan(band[1]);
    const stackFor = vi.spyOn(cache as unknown as { stackFor(lane: number, bucket: number): unknown }, 'stackFor');
    // Time for two stacks: the lane on the band gets both of its neighbours first.
    let slices = 0;
    expect(cache.prestack(band, () => (slices++ < 2 ? 100 : 0))).toBe(true);
    expect(stackFor.mock.calls.map(([lane]) => lane)).toEqual([0, 0]);
    expect(cache.prestack(band, () => 100)).toBe(false);
    expect(stackFor.mock.calls.map(([lane]) => lane)).toEqual([0, 0, 1, 1]);
    // Zooming out by half an octave stacks nothing in its frame, and lays out as a fresh layout does.
    stackFor.mockClear();
    const wider = [ORIGIN, ORIGIN + WIDTH * DAY * Math.SQRT2] as const;
    const shape = (lanes: readonly { top: number; height: number; marks: readonly { y: number; event: { id: string } }[] }[]) =>
      lanes.map((lane) => [lane.top, lane.height, lane.marks.map((m) => `${m.event.id}@${m.y}`).sort()]);
    const zoomed = cache.layout(wider, WIDTH, band);
    expect(stackFor).not.toHaveBeenCalled();
    expect(shape(zoomed).slice(0, 2)).toEqual(shape(new LaneLayoutCache(specs, CUTOFF).layout(wider, WIDTH, band)).slice(0, 2));
    // The big lane off the band keeps its old stacking until it comes into view, as before.
    expect(cache.hasStaleLanesIn([-Infinity, Infinity])).toBe(true);
  });

  it('places marks only in the lanes that meet the band, and still counts every lane\'s marks in view', () => {
    const some = (lane: string, n: number) => Array.from({ length: n }, (_, i) => `${lane}${i},${lane},${i % 3 ? 'tooling' : 'activity'},2019-${String(1 + (i % 12)).padStart(2, '0')},${i % 3 ? '' : '2020-Q2'},t`);
    const specs = ['A', 'B', 'C'].map((id) => ({ id, events: events(some(id, 120)) }));
    const full = new LaneLayoutCache(specs, CUTOFF).layout(VIEW, WIDTH);
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const banded = cache.layout(VIEW, WIDTH, [0, full[0]!.height - 1]);
    expect(banded.map((l) => [l.top, l.height, l.inView])).toEqual(full.map((l) => [l.top, l.height, l.marks.length]));
    expect(banded[0]!.marks.length).toBe(full[0]!.marks.length);
    expect(banded[0]!.overflowRows).toEqual(full[0]!.overflowRows);
    expect(banded.slice(1).map((l) => [l.marks.length, l.overflowRows.length])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // Few enough marks in view for the SVG to draw them all: every lane is placed, band or not.
    const total = full.reduce((n, l) => n + l.marks.length, 0);
    const all = cache.layout(VIEW, WIDTH, [0, full[0]!.height - 1], total);
    expect(all.map((l) => l.marks.length)).toEqual(full.map((l) => l.marks.length));
  });
});

describe('prepared spans', () => {
  const date = dateCell(2012, 2021);
  const row = fc.record({
    kind: fc.constantFrom('operating', 'activity', 'intrusion', 'tooling'),
    start: date,
    end: fc.oneof(fc.constant(''), fc.constant('..'), date),
    approximate: fc.boolean(),
  });

  it('are the events\' spans (eventSpan), with open ends running to the cut-off', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const text = ['id,cluster,kind,start,end,title', ...rows.map((r, i) => `e${i},A,${r.kind},${r.approximate ? '~' : ''}${r.start},${r.end},t`)].join('\n');
        // Rows whose end comes before their start are rejected by the loader; the rest are laid out.
        const list = loadDataset({ events: { name: 'e.csv', text } }).events;
        if (list.length === 0) return;
        const cache = new LaneLayoutCache([{ id: 'A', events: list }], CUTOFF);
        cache.layout(VIEW, WIDTH);
        const byId = new Map(list.map((e) => [e.id, e]));
        for (let i = 0; i < cache.markCount(0); i++) {
          const mark = cache.markAt(0, i)!;
          const span = eventSpan(byId.get(mark.event.id)!, CUTOFF);
          expect(mark.shape).toBe(markShape(mark.event));
          expect(mark.x0).toBeCloseTo(x(span.from), 6);
          expect(mark.x1).toBeCloseTo(x(span.to), 6);
          expect(mark.open).toBe(span.open);
          expect(mark.coarse).toBe(mark.shape === 'point' && mark.event.start.precision !== 'day');
        }
      }),
      { numRuns: 60 },
    );
  });
});
