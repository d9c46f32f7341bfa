import type { ScaleTime } from 'd3-scale';
import { zoomIdentity, type ZoomTransform } from 'd3-zoom';

export type TimeRange = readonly [number, number];

const DAY = 86_400_000;
/** The closest zoom shows about a month across the view. */
export const MIN_VIEW_SPAN = 30 * DAY;

/** Widens a range by a fraction of its length on each side (at least `minPad` ms). */
export function padRange([from, to]: TimeRange, fraction: number, minPad = 0): TimeRange {
  const pad = Math.max((to - from) * fraction, minPad);
  return [from - pad, to + pad];
}

/** The span zoom and pan are clamped to: the data's extent, and the initial view, with a margin. */
export function zoomExtent(dataExtent: TimeRange, initialView: TimeRange | null): TimeRange {
  const from = Math.min(dataExtent[0], initialView?.[0] ?? Infinity);
  const to = Math.max(dataExtent[1], initialView?.[1] ?? -Infinity);
  return padRange([from, to], 0.03, 60 * DAY);
}

/** The largest zoom factor relative to the whole extent. */
export function maxZoomFactor(extent: TimeRange): number {
  return Math.max(1, (extent[1] - extent[0]) / MIN_VIEW_SPAN);
}

/** The d3-zoom transform that shows `view` on a base scale that spans the whole extent. */
export function transformForView(base: ScaleTime<number, number>, view: TimeRange): ZoomTransform {
  const x0 = base(view[0]);
  const x1 = base(view[1]);
  const [r0, r1] = base.range() as [number, number];
  const k = (r1 - r0) / Math.max(x1 - x0, 1e-9);
  return zoomIdentity.translate(r0, 0).scale(k).translate(-x0, 0);
}

/** A view of the same length that contains `time`, moved as little as possible. */
export function viewContaining(view: TimeRange, time: number, margin: number): TimeRange {
  const [from, to] = view;
  if (time >= from + margin && time <= to - margin) return view;
  const length = to - from;
  const start = time < from + margin ? time - margin : time + margin - length;
  return [start, start + length];
}
