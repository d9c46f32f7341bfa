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

/**
 * Lays out lanes top to bottom. Bars stack by time (zoom-independent) above the points and
 * spans, which stack by their drawn width so that glyphs never cover each other.
 */
export function layoutLanes(lanes: readonly LaneSpec[], x: (time: number) => number, cutoff: number): LaneLayout[] {
  const result: LaneLayout[] = [];
  let top = 0;
  for (const lane of lanes) {
    const periods: TimelineEvent[] = [];
    const others: TimelineEvent[] = [];
    for (const event of lane.events) (markShape(event) === 'period' ? periods : others).push(event);

    const periodSpans = periods.map((event) => eventSpan(event, cutoff));
    const periodStack = stackIntervals(periodSpans);
    const otherBoxes = others.map((event) => pointBox(event, x, cutoff));
    const otherStack = stackIntervals(otherBoxes, LANE_METRICS.gap);
    const rowY = (row: number) => LANE_METRICS.header + row * LANE_METRICS.row + LANE_METRICS.row / 2;

    const marks: MarkLayout[] = [];
    periods.forEach((event, index) => {
      const span = periodSpans[index]!;
      const length = span.to - span.from;
      const fadeIn = event.start.precision === 'day' ? 0 : (event.start.latest - span.from) / length;
      const end = event.end;
      const fadeOut = end === 'open' || end === null || end.precision === 'day' ? 1 : (end.earliest - span.from) / length;
      marks.push({
        event,
        shape: 'period',
        x0: x(span.from),
        x1: x(span.to),
        y: rowY(periodStack.rows[index]!),
        cx: x(span.from),
        fadeIn: clamp01(fadeIn),
        fadeOut: clamp01(Math.max(fadeOut, fadeIn)),
        open: span.open,
        coarse: false,
      });
    });
    others.forEach((event, index) => {
      const span = eventSpan(event, cutoff);
      const shape = markShape(event);
      const coarse = shape === 'point' && event.start.precision !== 'day';
      const x0 = x(span.from);
      const x1 = x(span.to);
      marks.push({
        event,
        shape,
        x0,
        x1,
        y: rowY(periodStack.rowCount + otherStack.rows[index]!),
        cx: shape === 'span' ? x0 : (x0 + x1) / 2,
        fadeIn: 0,
        fadeOut: 1,
        open: span.open,
        coarse,
      });
    });
    marks.sort((a, b) => a.event.start.earliest - b.event.start.earliest || a.y - b.y);

    const rows = Math.max(1, periodStack.rowCount + otherStack.rowCount);
    const height = LANE_METRICS.header + rows * LANE_METRICS.row + LANE_METRICS.padding;
    result.push({ id: lane.id, top, height, marks });
    top += height;
  }
  return result;
}

/** The pixels a point or span takes, glyph included. */
function pointBox(event: TimelineEvent, x: (time: number) => number, cutoff: number): { from: number; to: number } {
  const span = eventSpan(event, cutoff);
  const x0 = x(span.from);
  const x1 = x(span.to);
  const half = LANE_METRICS.glyph / 2;
  if (markShape(event) === 'span') return { from: x0 - half, to: Math.max(x1, x0 + half) };
  const centre = (x0 + x1) / 2;
  return { from: Math.min(x0, centre - half), to: Math.max(x1, centre + half) };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
