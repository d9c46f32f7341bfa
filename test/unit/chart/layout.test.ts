import { describe, expect, it } from 'vitest';
import { LANE_METRICS, LaneLayoutCache, layoutLanes, markShape, MAX_POINT_ROWS, msPerPixel } from '../../../src/chart/layout';
import { loadDataset } from '../../../src/io/load';
import type { TimelineEvent } from '../../../src/model/types';

function events(rows: string[]): readonly TimelineEvent[] {
  const text = ['id,cluster,kind,start,end,title', ...rows].join('\n');
  const dataset = loadDataset({ events: { name: 'e.csv', text } });
  expect(dataset.problems).toEqual([]);
  return dataset.events;
}

// One pixel per day from 2018-01-01.
const ORIGIN = Date.UTC(2018, 0, 1);
const x = (t: number) => (t - ORIGIN) / 86_400_000;
const CUTOFF = Date.UTC(2021, 7, 4);

function single(row: string) {
  const [lane] = layoutLanes([{ id: 'A', events: events([row]) }], x, CUTOFF);
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
    expect(mark.x1).toBe(x(Date.UTC(2021, 3, 1)));
    const length = mark.x1 - mark.x0;
    expect(mark.fadeIn * length).toBeCloseTo(365, 5);
    expect((1 - mark.fadeOut) * length).toBeCloseTo(90, 5);
    expect(mark.open).toBe(false);
  });

  it('gives a day-precision period sharp edges', () => {
    const mark = single('a,A,activity,2019-06-01,2019-09-30,t');
    expect([mark.fadeIn, mark.fadeOut]).toEqual([0, 1]);
    expect(mark.x1 - mark.x0).toBe(122);
  });

  it('runs an open end to the cut-off and marks it ongoing, without fading it', () => {
    const mark = single('a,A,operating,2012,..,t');
    expect(mark.x1).toBe(x(CUTOFF));
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
    expect(mark.cx).toBe(10.5);
  });

  it('spans a coarse point over its whole interval, for the bracket', () => {
    const mark = single('a,A,tooling,2018-Q2,,t');
    expect(mark.coarse).toBe(true);
    expect([mark.x0, mark.x1]).toEqual([x(Date.UTC(2018, 3, 1)), x(Date.UTC(2018, 6, 1))]);
    expect(mark.cx).toBe((mark.x0 + mark.x1) / 2);
  });
});

describe('layoutLanes', () => {
  it('caps a crowded lane at MAX_POINT_ROWS sub-rows and marks the rest as overflow', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `p${i},A,intrusion,2019-01-01,,t`);
    const [lane] = layoutLanes([{ id: 'A', events: events(rows) }], x, CUTOFF);
    const overflow = lane!.marks.filter((m) => m.overflow);
    expect(overflow).toHaveLength(40 - MAX_POINT_ROWS);
    expect(new Set(lane!.marks.map((m) => m.y)).size).toBe(MAX_POINT_ROWS + 1);
    expect(lane!.height).toBe(LANE_METRICS.header + (MAX_POINT_ROWS + 1) * LANE_METRICS.row + LANE_METRICS.padding);
  });

  it('re-stacks points only when the zoom moves by half an octave, and gives the same layout as a fresh one', () => {
    const specs = [{ id: 'A', events: events(['p1,A,intrusion,2019-01-01,,t', 'p2,A,intrusion,2019-02-20,,t']) }];
    const cache = new LaneLayoutCache(specs, CUTOFF);
    const far = (t: number) => x(t) / 10; // 10 days per pixel: points 50 days apart collide
    expect(cache.layout(far, msPerPixel(far))[0]!.marks.map((m) => m.y)).toEqual(layoutLanes(specs, far, CUTOFF)[0]!.marks.map((m) => m.y));
    expect(new Set(cache.layout(far, msPerPixel(far))[0]!.marks.map((m) => m.y)).size).toBe(2);
    expect(new Set(cache.layout(x, msPerPixel(x))[0]!.marks.map((m) => m.y)).size).toBe(1);
  });

  it('stacks bars above points, and overlapping points into sub-rows', () => {
    const [lane] = layoutLanes(
      [
        {
          id: 'A',
          events: events(['op,A,operating,2012,..,t', 'act,A,activity,2018,2021-Q1,t', 'p1,A,intrusion,2019-01-01,,t', 'p2,A,intrusion,2019-01-03,,t', 'p3,A,intrusion,2019-06-01,,t']),
        },
      ],
      x,
      CUTOFF,
    );
    const y = new Map(lane!.marks.map((m) => [m.event.id, m.y]));
    const row = (id: string) => (y.get(id)! - LANE_METRICS.header - LANE_METRICS.row / 2) / LANE_METRICS.row;
    expect([row('op'), row('act')]).toEqual([0, 1]);
    expect(row('p1')).toBe(2);
    expect(row('p2')).toBe(3); // two days apart is closer than a glyph
    expect(row('p3')).toBe(2);
    expect(lane!.height).toBe(LANE_METRICS.header + 4 * LANE_METRICS.row + LANE_METRICS.padding);
  });

  it('puts lanes one under another and orders marks by time for the keyboard', () => {
    const lanes = layoutLanes(
      [
        { id: 'A', events: events(['b,A,intrusion,2020,,t', 'a,A,intrusion,2019,,t']) },
        { id: 'B', events: [] },
      ],
      x,
      CUTOFF,
    );
    expect(lanes[1]!.top).toBe(lanes[0]!.height);
    expect(lanes[0]!.marks.map((m) => m.event.id)).toEqual(['a', 'b']);
    expect(lanes[1]!.height).toBeGreaterThan(0);
  });
});
