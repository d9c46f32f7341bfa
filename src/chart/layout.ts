import { eventSpan } from '../model/intervals';
import { PERIOD_KINDS, type TimelineEvent } from '../model/types';
import { stackIntervals } from './stack';

export type MarkShape = 'period' | 'span' | 'point';

/** Where one event is drawn, in pixels, plus how its dates' precision shows. */
export interface MarkLayout {
  readonly event: TimelineEvent;
  readonly shape: MarkShape;
  readonly x0: number;
  readonly x1: number;
  /** Centre of the mark's sub-row, relative to the top of the lane. */
  readonly y: number;
  /** Where a point's glyph sits. */
  readonly cx: number;
  /** Fraction of the bar over which a coarse start fades in (0: a sharp start). */
  readonly fadeIn: number;
  /** Fraction of the bar from which a coarse end fades out (1: a sharp end). */
  readonly fadeOut: number;
  readonly open: boolean;
  /** A point whose date is a year, quarter or month: drawn as a bracket over that interval. */
  readonly coarse: boolean;
  /** In the overflow row: counted with its neighbours rather than drawn alone. */
  readonly overflow: boolean;
}

export interface LaneSpec {
  readonly id: string;
  readonly events: readonly TimelineEvent[];
}

export interface LaneLayout {
  readonly id: string;
  readonly top: number;
  readonly height: number;
  readonly marks: readonly MarkLayout[];
}

export const LANE_METRICS = {
  header: 22,
  row: 18,
  padding: 6,
  glyph: 12,
  gap: 4,
} as const;

/** Periods (operating, activity with an end) are bars; other kinds with an end are spans; the rest are points. */
export function markShape(event: TimelineEvent): MarkShape {
  if (event.end === null) return 'point';
  return PERIOD_KINDS.includes(event.kind) ? 'period' : 'span';
}

/** Points and spans are stacked into at most this many sub-rows; the rest are counted in an overflow row. */
export const MAX_POINT_ROWS = 8;

interface PreparedMark {
  readonly event: TimelineEvent;
  readonly shape: MarkShape;
  readonly from: number;
  readonly to: number;
  readonly open: boolean;
  readonly fadeIn: number;
  readonly fadeOut: number;
  readonly coarse: boolean;
}

interface PreparedLane {
  readonly id: string;
  readonly periods: readonly PreparedMark[];
  readonly periodRows: readonly number[];
  readonly periodRowCount: number;
  readonly others: readonly PreparedMark[];
  /** Indexes into periods (negative: -1 - i) and others (i), in time order: the keyboard's order. */
  readonly order: readonly number[];
}

function prepare(event: TimelineEvent, cutoff: number): PreparedMark {
  const span = eventSpan(event, cutoff);
  const shape = markShape(event);
  if (shape !== 'period') {
    return { event, shape, from: span.from, to: span.to, open: span.open, fadeIn: 0, fadeOut: 1, coarse: shape === 'point' && event.start.precision !== 'day' };
  }
  const length = span.to - span.from;
  const fadeIn = event.start.precision === 'day' ? 0 : (event.start.latest - span.from) / length;
  const end = event.end;
  const fadeOut = end === 'open' || end === null || end.precision === 'day' ? 1 : (end.earliest - span.from) / length;
  return { event, shape, from: span.from, to: span.to, open: span.open, fadeIn: clamp01(fadeIn), fadeOut: clamp01(Math.max(fadeOut, fadeIn)), coarse: false };
}

/**
 * Lane layout that does the expensive part once: what each event is, its time span, the bars'
 * stacking (zoom-independent) and the keyboard order are prepared per data load; points are
 * re-stacked only when the zoom level moves by half an octave; a frame then only maps times to
 * pixels.
 */
export class LaneLayoutCache {
  private readonly lanes: readonly PreparedLane[];
  private stackBucket: number | null = null;
  private pointStacks: { rows: number[]; rowCount: number }[] = [];

  constructor(lanes: readonly LaneSpec[], cutoff: number) {
    this.lanes = lanes.map((lane) => {
      const periods: PreparedMark[] = [];
      const others: PreparedMark[] = [];
      for (const event of lane.events) {
        const mark = prepare(event, cutoff);
        (mark.shape === 'period' ? periods : others).push(mark);
      }
      const periodStack = stackIntervals(periods);
      const order = [...periods.map((_, i) => -1 - i), ...others.map((_, i) => i)];
      const startOf = (index: number) => (index < 0 ? periods[-1 - index]! : others[index]!).event.start.earliest;
      order.sort((a, b) => startOf(a) - startOf(b) || a - b);
      return { id: lane.id, periods, periodRows: periodStack.rows, periodRowCount: periodStack.rowCount, others, order };
    });
  }

  /** Points are stacked at a zoom level rounded to half an octave, erring towards more room. */
  private stackPoints(msPerPx: number): void {
    const bucket = Math.round(Math.log2(Math.max(msPerPx, 1e-9)) * 2);
    if (bucket === this.stackBucket) return;
    this.stackBucket = bucket;
    const ms = 2 ** ((bucket + 0.5) / 2);
    const half = (LANE_METRICS.glyph / 2) * ms;
    const gap = LANE_METRICS.gap * ms;
    this.pointStacks = this.lanes.map((lane) =>
      stackIntervals(
        lane.others.map((mark) => {
          if (mark.shape === 'span') return { from: mark.from - half, to: Math.max(mark.to, mark.from + half) };
          const centre = (mark.from + mark.to) / 2;
          return { from: Math.min(mark.from, centre - half), to: Math.max(mark.to, centre + half) };
        }),
        gap,
        MAX_POINT_ROWS,
      ),
    );
  }

  /** Lays out every lane for one frame. `msPerPx` is the zoom: milliseconds per pixel. */
  layout(x: (time: number) => number, msPerPx: number): LaneLayout[] {
    this.stackPoints(msPerPx);
    const result: LaneLayout[] = [];
    const rowY = (row: number) => LANE_METRICS.header + row * LANE_METRICS.row + LANE_METRICS.row / 2;
    let top = 0;
    this.lanes.forEach((lane, laneIndex) => {
      const stack = this.pointStacks[laneIndex]!;
      const place = (index: number): MarkLayout => {
        if (index < 0) {
          const mark = lane.periods[-1 - index]!;
          const x0 = x(mark.from);
          return { ...mark, x0, x1: x(mark.to), y: rowY(lane.periodRows[-1 - index]!), cx: x0, overflow: false };
        }
        const mark = lane.others[index]!;
        const x0 = x(mark.from);
        const x1 = x(mark.to);
        const row = stack.rows[index]!;
        return { ...mark, x0, x1, y: rowY(lane.periodRowCount + row), cx: mark.shape === 'span' ? x0 : (x0 + x1) / 2, overflow: row === MAX_POINT_ROWS };
      };
      const marks = lane.order.map(place);
      const rows = Math.max(1, lane.periodRowCount + stack.rowCount);
      const height = LANE_METRICS.header + rows * LANE_METRICS.row + LANE_METRICS.padding;
      result.push({ id: lane.id, top, height, marks });
      top += height;
    });
    return result;
  }
}

/** Milliseconds per pixel of a time scale. */
export function msPerPixel(x: (time: number) => number): number {
  const span = 1e12;
  return span / Math.max(Math.abs(x(span) - x(0)), 1e-9);
}

/**
 * Lays out lanes top to bottom. Bars stack by time (zoom-independent) above the points and
 * spans, which stack by their drawn width so that glyphs never cover each other.
 */
export function layoutLanes(lanes: readonly LaneSpec[], x: (time: number) => number, cutoff: number): LaneLayout[] {
  return new LaneLayoutCache(lanes, cutoff).layout(x, msPerPixel(x));
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
