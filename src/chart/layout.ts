import { PERIOD_KINDS, type TimelineEvent } from '../model/types';
import { orderByKey } from '../model/order';
import { stackInOrder } from './stack';
import { keyboardStops, type KeyboardStops } from './keyboard-stops';

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
  /** In an overflow row: counted with its neighbours rather than drawn alone. */
  readonly overflow: boolean;
}

export interface LaneSpec {
  readonly id: string;
  readonly events: readonly TimelineEvent[];
}

/** A row where the marks that did not fit the lane's sub-rows are counted per bin instead of drawn. */
export interface OverflowRow {
  /** Centre of the row, relative to the top of the lane. */
  readonly y: number;
  /** `[x, count]`: a label's left edge and how many marks it stands for, one per bin that counts any. */
  readonly bins: readonly (readonly [number, number])[];
  /** True for the points' row, false for the bars'. */
  readonly points: boolean;
}

export interface LaneLayout {
  readonly id: string;
  readonly top: number;
  readonly height: number;
  /**
   * The marks drawn one by one this frame: those in or near the window, outside the overflow rows.
   * Empty for a lane outside the band the layout was asked for (see LaneLayoutCache.layout).
   */
  readonly marks: readonly MarkLayout[];
  /** How many marks are in or near the window outside the overflow rows, placed in `marks` or not. */
  readonly inView: number;
  readonly overflowRows: readonly OverflowRow[];
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
/** Bars likewise: a lane never grows taller than its two row budgets plus two overflow rows. */
export const MAX_PERIOD_ROWS = 8;
/** Width in pixels of the bins overflow marks are counted in. */
export const OVERFLOW_BIN = 36;
/** Lanes with at most this many points are re-stacked at once even off screen (it is cheap, and their height may change). */
const EAGER_RESTACK = 2000;
/**
 * A lane with more events than this, wholly below the stretch of lanes on screen, is prepared only
 * when it comes near the screen or in idle time (see LaneLayoutCache.layout): preparing every lane
 * of a big file held up its first paint, most of them for lanes nobody could see yet.
 */
const LAZY_LANE_EVENTS = 500;
/** The tallest a lane can be, both row budgets full and both overflow rows: what a big lane waiting to be prepared is taken to be (it nearly always is). */
const MAX_LANE_HEIGHT = LANE_METRICS.header + (MAX_PERIOD_ROWS + 1 + MAX_POINT_ROWS + 1) * LANE_METRICS.row + LANE_METRICS.padding;
/** Marks this far outside the window are still laid out: glyphs, arrows and focus rings reach past their dates. */
const CULL_MARGIN_PX = 24;

/** Flags of a prepared point or span. */
const OPEN = 1;
const SPAN = 2;
const COARSE = 4;

/**
 * A lane's marks as columns (typed arrays by mark index) rather than an object per mark: a load of
 * 100,000 events allocates a few arrays, not 100,000 objects, before the first paint.
 */
interface PreparedLane {
  readonly id: string;
  readonly periodEvents: readonly TimelineEvent[];
  readonly periodFrom: Float64Array;
  readonly periodTo: Float64Array;
  readonly periodOpen: Uint8Array;
  /** Fraction of the bar over which a coarse start fades in, and from which a coarse end fades out. */
  readonly periodFadeIn: Float64Array;
  readonly periodFadeOut: Float64Array;
  /** Each period's sub-row; MAX_PERIOD_ROWS is the overflow row. */
  readonly periodRows: Int32Array;
  /** Sub-rows used by bars, the overflow row included. */
  readonly periodRowCount: number;
  /** Per drawn sub-row, its bars' indexes by start: they do not overlap, so they are by end too. */
  readonly periodRowLists: readonly Int32Array[];
  readonly periodOverflow: Int32Array;
  /** The overflow row's bars' spans, for counting them per bin every frame without touching objects. */
  readonly overflowFrom: Float64Array;
  readonly overflowTo: Float64Array;
  readonly otherEvents: readonly TimelineEvent[];
  /** OPEN, SPAN (else a point) and COARSE (a point dated to a year, quarter or month). */
  readonly otherFlags: Uint8Array;
  readonly otherFrom: Float64Array;
  readonly otherTo: Float64Array;
  /** Where a point's glyph sits in time (its interval's middle; a span's start). */
  readonly otherAnchor: Float64Array;
  readonly othersByStart: Int32Array;
  /** Every mark's start: bars from the last to the first (their codes sort lower at equal starts), then the others. */
  readonly starts: Float64Array;
}

/** A lane's marks in time order: the keyboard's order. Made when the keyboard first needs the lane. */
interface KeyboardOrder {
  /** Indexes into periods (negative: -1 - i) and others (i). */
  readonly order: Int32Array;
  readonly orderStart: Float64Array;
}

interface PointStack {
  readonly rows: Int32Array;
  readonly rowCount: number;
  readonly rowLists: readonly Int32Array[];
  readonly overflow: Int32Array;
  /** Where the overflow row's glyphs sit in time. */
  readonly overflowAnchor: Float64Array;
  /** The glyph-padded interval each point occupies at this zoom, in ms. */
  readonly padFrom: Float64Array;
  readonly padTo: Float64Array;
}

/** Splits indexes taken in `order` into one list per row (rows below `rowLimit`) and an overflow list. */
function rowLists(order: Int32Array, rows: Int32Array, rowLimit: number): { lists: Int32Array[]; overflow: Int32Array } {
  const lists: number[][] = [];
  const overflow: number[] = [];
  for (const index of order) {
    const row = rows[index]!;
    if (row >= rowLimit) overflow.push(index);
    else (lists[row] ??= []).push(index);
  }
  return { lists: lists.map((list) => Int32Array.from(list)), overflow: Int32Array.from(overflow) };
}

/** The first position in `list` whose item starts after `time` (items on a row are sorted by start). */
function firstStartingAfter(list: Int32Array, starts: Float64Array, time: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[list[mid]!]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in `list` whose item ends at or after `time` (items on a row are sorted by end). */
function firstEndingFrom(list: Int32Array, ends: Float64Array, time: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[list[mid]!]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many OVERFLOW_BIN-wide bins a plot `width` wide has (the last one may be narrower). */
export function overflowBinCount(width: number): number {
  return Math.max(1, Math.ceil(width / OVERFLOW_BIN));
}

/** About how wide a "+n" count is drawn (10.5 px, semibold): a little more than it is, never less. */
export function overflowLabelWidth(count: number): number {
  return 7 * (1 + String(count).length);
}

/**
 * A label for each bin that counts any marks: each is its own counted group (the keyboard's stop,
 * and what a click lists), so two bins with equal counts still get a label each. The last bin is
 * often narrower than a label: its label moves left so that it ends inside the plot, which clips.
 */
function binLabels(counts: Int32Array, width: number): [number, number][] {
  const labels: [number, number][] = [];
  for (let bin = 0; bin < counts.length; bin++) {
    const count = counts[bin]!;
    if (count > 0) labels.push([Math.max(0, Math.min(bin * OVERFLOW_BIN + 2, width - overflowLabelWidth(count))), count]);
  }
  return labels;
}

/**
 * The bin a pointer at `x` (plot pixels) points at in an overflow row: the bin of the label under
 * it, if any (the last label may sit partly over the bin before its own), else the bin under it.
 */
export function overflowBinAt(row: OverflowRow, x: number): number {
  for (const [labelX, count] of row.bins) {
    const right = labelX + overflowLabelWidth(count);
    if (x >= labelX - 2 && x <= right) return Math.floor((right - 1) / OVERFLOW_BIN);
  }
  return Math.floor(x / OVERFLOW_BIN);
}

/**
 * One lane's per-load work: spans, the bars' stacking, the sort orders and the keyboard order.
 * Plain loops into typed arrays: TypedArray.from with a mapping function is several times slower,
 * and this runs for every event before the first paint.
 */
function prepareLane(lane: LaneSpec, cutoff: number): PreparedLane {
  const periodEvents: TimelineEvent[] = [];
  const otherEvents: TimelineEvent[] = [];
  for (const event of lane.events) (markShape(event) === 'period' ? periodEvents : otherEvents).push(event);
  const periodCount = periodEvents.length;
  const otherCount = otherEvents.length;
  // The spans are eventSpan's, computed inline: this loop runs for every event before the first paint.
  const periodFrom = new Float64Array(periodCount);
  const periodTo = new Float64Array(periodCount);
  const periodOpen = new Uint8Array(periodCount);
  const periodFadeIn = new Float64Array(periodCount);
  const periodFadeOut = new Float64Array(periodCount);
  // Keyboard order: periods first at equal starts (their codes sort lower), then by position.
  const starts = new Float64Array(periodCount + otherCount);
  for (let i = 0; i < periodCount; i++) {
    const { start, end } = periodEvents[i]!;
    const from = start.earliest;
    const open = end === 'open';
    const to = end === 'open' ? Math.max(cutoff, start.latest) : end === null ? start.latest : end.latest;
    const length = to - from;
    const fadeIn = start.precision === 'day' ? 0 : (start.latest - from) / length;
    const fadeOut = end === 'open' || end === null || end.precision === 'day' ? 1 : (end.earliest - from) / length;
    periodFrom[i] = from;
    periodTo[i] = to;
    periodOpen[i] = open ? 1 : 0;
    periodFadeIn[i] = clamp01(fadeIn);
    periodFadeOut[i] = clamp01(Math.max(fadeOut, fadeIn));
    starts[periodCount - 1 - i] = from;
  }
  const otherFrom = new Float64Array(otherCount);
  const otherTo = new Float64Array(otherCount);
  const otherAnchor = new Float64Array(otherCount);
  const otherFlags = new Uint8Array(otherCount);
  for (let i = 0; i < otherCount; i++) {
    const { start, end } = otherEvents[i]!;
    const from = start.earliest;
    let to: number;
    let flags: number;
    if (end === null) {
      to = start.latest;
      flags = start.precision === 'day' ? 0 : COARSE;
    } else if (end === 'open') {
      to = Math.max(cutoff, start.latest);
      flags = SPAN | OPEN;
    } else {
      to = end.latest;
      flags = SPAN;
    }
    otherFrom[i] = from;
    otherTo[i] = to;
    otherFlags[i] = flags;
    otherAnchor[i] = flags & SPAN ? from : (from + to) / 2;
    starts[periodCount + i] = from;
  }
  const periodsByStart = orderByKey(periodFrom);
  const stack = stackInOrder(periodFrom, periodTo, periodsByStart, 0, MAX_PERIOD_ROWS);
  const { lists, overflow } = rowLists(periodsByStart, stack.rows, MAX_PERIOD_ROWS);
  const overflowFrom = new Float64Array(overflow.length);
  const overflowTo = new Float64Array(overflow.length);
  for (let k = 0; k < overflow.length; k++) {
    overflowFrom[k] = periodFrom[overflow[k]!]!;
    overflowTo[k] = periodTo[overflow[k]!]!;
  }
  return {
    id: lane.id,
    periodEvents,
    periodFrom,
    periodTo,
    periodOpen,
    periodFadeIn,
    periodFadeOut,
    periodRows: stack.rows,
    periodRowCount: stack.rowCount,
    periodRowLists: lists,
    periodOverflow: overflow,
    overflowFrom,
    overflowTo,
    otherEvents,
    otherFlags,
    otherFrom,
    otherTo,
    otherAnchor,
    othersByStart: orderByKey(otherFrom),
    starts,
  };
}

function keyboardOrder(lane: PreparedLane): KeyboardOrder {
  const periodCount = lane.periodEvents.length;
  const byStart = orderByKey(lane.starts);
  const order = new Int32Array(byStart.length);
  const orderStart = new Float64Array(byStart.length);
  for (let k = 0; k < byStart.length; k++) {
    order[k] = byStart[k]! - periodCount;
    orderStart[k] = lane.starts[byStart[k]!]!;
  }
  return { order, orderStart };
}

/**
 * Lane layout that does the expensive part once per data load, for each lane when it is first
 * needed: what each event is, its time span, the bars' stacking (zoom-independent) and the sort
 * orders (a lane's keyboard order when the keyboard first needs it); points are re-stacked only when the zoom moves by half an octave (a
 * linear pass over a pre-sorted list).
 * A frame then visits only the marks in the window (a binary search per sub-row) and counts the
 * overflow rows per bin, so its cost follows what is on screen, not the size of the data.
 */
export class LaneLayoutCache {
  /** Each lane's per-load work, done on first need (see lane()). */
  private readonly prepared: (PreparedLane | undefined)[];
  private readonly positions = new Map<string, { lane: number; index: number }>();
  private pointStacks: (PointStack & { readonly bucket: number })[] = [];
  /** Lanes whose points are still stacked for another zoom level (see layout's `band`). */
  private staleLanes = new Set<number>();
  private laneSpans: { top: number; height: number }[] = [];
  /** The last frame's mapping: x = (time - origin) * pxPerMs. */
  private origin = 0;
  private pxPerMs = 1;
  private width = 1;

  constructor(
    private readonly specs: readonly LaneSpec[],
    private readonly cutoff: number,
  ) {
    this.prepared = new Array<PreparedLane | undefined>(specs.length);
  }

  /** Lane `index`, prepared now if it was not yet. */
  private lane(index: number): PreparedLane | undefined {
    const spec = this.specs[index];
    if (!spec) return undefined;
    return (this.prepared[index] ??= prepareLane(spec, this.cutoff));
  }

  /** True while lane `laneIndex` has not been prepared (a big lane below the screen that layout left for later). */
  private waiting(laneIndex: number): boolean {
    return this.prepared[laneIndex] === undefined;
  }

  /**
   * Prepares lanes the layout left for later, while `timeLeft()` (ms) allows; for idle time.
   * True when it prepared any: their heights are then known, and the lanes should be laid out again.
   */
  prepareWaiting(timeLeft: () => number): boolean {
    let any = false;
    for (let laneIndex = 0; laneIndex < this.specs.length; laneIndex++) {
      if (!this.waiting(laneIndex)) continue;
      if (timeLeft() < 2) break;
      this.lane(laneIndex);
      any = true;
    }
    return any;
  }

  /** Points are stacked at a zoom level rounded to half an octave, erring towards more room. */
  private static bucketOf(msPerPx: number): number {
    return Math.round(Math.log2(Math.max(msPerPx, 1e-9)) * 2);
  }

  /** Stacks made ahead of time for the zoom levels next to the current one (see prestack), per lane. */
  private readySoon: Map<number, PointStack & { readonly bucket: number }>[] = [];

  private stackLane(laneIndex: number, bucket: number): void {
    const ready = (this.readySoon[laneIndex] ??= new Map());
    const previous = this.pointStacks[laneIndex];
    this.pointStacks[laneIndex] = ready.get(bucket) ?? this.stackFor(laneIndex, bucket);
    ready.delete(bucket);
    // The level just left is a neighbour of the new one: zooming back needs no stacking either.
    if (previous) ready.set(previous.bucket, previous);
    this.staleLanes.delete(laneIndex);
  }

  /**
   * Stacks the points of the lanes that the frame in which a zoom crosses a level would re-stack,
   * for the zoom levels just above and below the current one, so that it need not: the lanes
   * meeting `band` first, then the small lanes off it (layout re-stacks those at once as well, to
   * keep their heights true). Meant for idle time: it stops when `timeLeft()` (ms) runs low, and
   * returns false when nothing is left to do.
   */
  prestack(band: readonly [number, number], timeLeft: () => number): boolean {
    for (const offBand of [false, true]) {
      for (let laneIndex = 0; laneIndex < this.specs.length; laneIndex++) {
        const span = this.laneSpans[laneIndex];
        const current = this.pointStacks[laneIndex];
        if (!span || !current) continue;
        const off = span.top + span.height < band[0] || span.top > band[1];
        if (off !== offBand || (off && this.prepared[laneIndex]!.otherEvents.length > EAGER_RESTACK)) continue;
        const ready = (this.readySoon[laneIndex] ??= new Map());
        for (const stale of ready.keys()) if (Math.abs(stale - current.bucket) > 1) ready.delete(stale);
        for (const bucket of [current.bucket - 1, current.bucket + 1]) {
          if (ready.has(bucket)) continue;
          if (timeLeft() < 2) return true;
          ready.set(bucket, this.stackFor(laneIndex, bucket));
        }
      }
    }
    return false;
  }

  private stackFor(laneIndex: number, bucket: number): PointStack & { readonly bucket: number } {
    const lane = this.lane(laneIndex)!;
    const ms = 2 ** ((bucket + 0.5) / 2);
    const half = (LANE_METRICS.glyph / 2) * ms;
    const gap = LANE_METRICS.gap * ms;
    const count = lane.otherEvents.length;
    const padFrom = new Float64Array(count);
    const padTo = new Float64Array(count);
    const { otherFrom, otherTo, otherAnchor } = lane;
    for (let i = 0; i < count; i++) {
      const anchor = otherAnchor[i]!;
      padFrom[i] = Math.min(otherFrom[i]!, anchor - half);
      padTo[i] = Math.max(otherTo[i]!, anchor + half);
    }
    const stack = stackInOrder(padFrom, padTo, lane.othersByStart, gap, MAX_POINT_ROWS);
    const { lists, overflow } = rowLists(lane.othersByStart, stack.rows, MAX_POINT_ROWS);
    const overflowAnchor = new Float64Array(overflow.length);
    for (let k = 0; k < overflow.length; k++) overflowAnchor[k] = otherAnchor[overflow[k]!]!;
    return { bucket, rows: stack.rows, rowCount: stack.rowCount, rowLists: lists, overflow, overflowAnchor, padFrom, padTo };
  }

  /**
   * True when a lane meeting `band` (lane coordinates) still has points stacked for another zoom
   * level, or is not prepared yet.
   */
  hasStaleLanesIn(band: readonly [number, number]): boolean {
    const meets = (lane: number) => {
      const span = this.laneSpans[lane];
      return span !== undefined && span.top < band[1] && span.top + span.height > band[0];
    };
    for (const lane of this.staleLanes) if (meets(lane)) return true;
    for (let lane = 0; lane < this.specs.length; lane++) if (this.waiting(lane) && meets(lane)) return true;
    return false;
  }

  private x(time: number): number {
    return (time - this.origin) * this.pxPerMs;
  }

  /**
   * Lays out one frame: the window `view` (UTC ms) drawn across `width` pixels. With `band` (the
   * stretch of the lanes area on screen, in lane coordinates):
   * - a big lane outside it keeps its points stacked for the previous zoom level until it comes
   *   into view (see hasStaleLanesIn): re-stacking 100,000 points when the zoom crosses a level is
   *   what made those frames slow;
   * - a lane outside it gets its height and a count of its marks in view, but no placed marks or
   *   overflow counts, unless all lanes together have at most `placeAllUpTo` marks in view (the
   *   SVG then draws every one, and must not lose those of a lane scrolled into view);
   * - a big lane wholly below it that was never prepared stays so (prepareWaiting does it later):
   *   it is given the most height a lane can have and all its events as its count in view.
   */
  layout(view: readonly [number, number], width: number, band?: readonly [number, number], placeAllUpTo = 0): LaneLayout[] {
    this.origin = view[0];
    this.width = width;
    this.pxPerMs = width / Math.max(view[1] - view[0], 1e-9);
    const bucket = LaneLayoutCache.bucketOf(1 / this.pxPerMs);
    const margin = CULL_MARGIN_PX / this.pxPerMs;
    const t0 = view[0] - margin;
    const t1 = view[1] + margin;
    const spans: { top: number; height: number; inView: number }[] = [];
    let top = 0;
    let total = 0;
    this.specs.forEach((spec, laneIndex) => {
      if (band && top > band[1] && this.waiting(laneIndex) && spec.events.length > LAZY_LANE_EVENTS) {
        spans.push({ top, height: MAX_LANE_HEIGHT, inView: spec.events.length });
        this.laneSpans[laneIndex] = { top, height: MAX_LANE_HEIGHT };
        top += MAX_LANE_HEIGHT;
        total += spec.events.length;
        return;
      }
      const lane = this.lane(laneIndex)!;
      const previous = this.pointStacks[laneIndex];
      if (previous?.bucket !== bucket) {
        const span = this.laneSpans[laneIndex];
        const offScreen = band && previous && span && (top + span.height < band[0] || top > band[1]);
        if (offScreen && lane.otherEvents.length > EAGER_RESTACK) this.staleLanes.add(laneIndex);
        else this.stackLane(laneIndex, bucket);
      }
      const stack = this.pointStacks[laneIndex]!;
      let inView = 0;
      for (const list of lane.periodRowLists) inView += Math.max(0, firstStartingAfter(list, lane.periodFrom, t1) - firstEndingFrom(list, lane.periodTo, t0));
      for (const list of stack.rowLists) inView += Math.max(0, firstStartingAfter(list, stack.padFrom, t1) - firstEndingFrom(list, stack.padTo, t0));
      const rows = Math.max(1, lane.periodRowCount + stack.rowCount);
      const height = LANE_METRICS.header + rows * LANE_METRICS.row + LANE_METRICS.padding;
      spans.push({ top, height, inView });
      this.laneSpans[laneIndex] = { top, height };
      top += height;
      total += inView;
    });
    const placeAll = !band || total <= placeAllUpTo;
    return this.specs.map((spec, laneIndex) => {
      const { top, height, inView } = spans[laneIndex]!;
      const lane = this.prepared[laneIndex];
      const placed = lane !== undefined && (placeAll || (top + height >= band[0] && top <= band[1]));
      return {
        id: spec.id,
        top,
        height,
        inView,
        marks: placed ? this.placeMarks(lane, laneIndex, t0, t1) : [],
        overflowRows: placed ? this.countOverflow(lane, laneIndex) : [],
      };
    });
  }

  /** A lane's marks in [t0, t1], outside its overflow rows: a binary search per sub-row, then only what is in the window. */
  private placeMarks(lane: PreparedLane, laneIndex: number, t0: number, t1: number): MarkLayout[] {
    const stack = this.pointStacks[laneIndex]!;
    const marks: MarkLayout[] = [];
    for (const list of lane.periodRowLists) {
      for (let k = firstEndingFrom(list, lane.periodTo, t0); k < list.length; k++) {
        const index = list[k]!;
        if (lane.periodFrom[index]! > t1) break;
        marks.push(this.placePeriod(lane, index));
      }
    }
    for (const list of stack.rowLists) {
      for (let k = firstEndingFrom(list, stack.padTo, t0); k < list.length; k++) {
        const index = list[k]!;
        if (stack.padFrom[index]! > t1) break;
        marks.push(this.placeOther(lane, laneIndex, index));
      }
    }
    return marks;
  }

  // ——— Counted groups: which bin of an overflow row a mark is counted in ———
  // The counts drawn (countOverflow), the marks a click on a count lists (countedAt) and the
  // keyboard's groups (groupBin) all go through these three, so that they always agree.

  /** How many bins the last frame's width has. */
  private get binCount(): number {
    return overflowBinCount(this.width);
  }

  /** The bin a time falls in at the last frame's zoom, clamped to the bins: a bar begun before the window counts in the first. */
  private binAt(time: number, bins: number): number {
    return Math.max(0, Math.min(bins - 1, Math.floor(this.x(time) / OVERFLOW_BIN)));
  }

  /** Whether a bar from `from` to `to` reaches into the last frame's window. */
  private barInView(from: number, to: number): boolean {
    return this.x(to) >= 0 && this.x(from) <= this.width;
  }

  /** Whether a point at `at` is in the last frame's window. */
  private pointInView(at: number): boolean {
    const px = this.x(at);
    return px >= 0 && px <= this.width;
  }

  /**
   * A lane's overflow rows, counted per bin from typed arrays: a bar in the bin where it starts
   * (the first bin when it began before the window), a point in the bin of its anchor.
   */
  private countOverflow(lane: PreparedLane, laneIndex: number): OverflowRow[] {
    const stack = this.pointStacks[laneIndex]!;
    const bins = this.binCount;
    const overflowRows: OverflowRow[] = [];
    if (lane.periodOverflow.length) {
      const counts = new Int32Array(bins);
      const { overflowFrom, overflowTo } = lane;
      for (let i = 0; i < overflowFrom.length; i++) {
        const from = overflowFrom[i]!;
        if (this.barInView(from, overflowTo[i]!)) counts[this.binAt(from, bins)]! += 1;
      }
      overflowRows.push({ y: rowY(MAX_PERIOD_ROWS), bins: binLabels(counts, this.width), points: false });
    }
    if (stack.overflow.length) {
      const counts = new Int32Array(bins);
      const anchors = stack.overflowAnchor;
      for (let i = 0; i < anchors.length; i++) {
        const anchor = anchors[i]!;
        if (this.pointInView(anchor)) counts[this.binAt(anchor, bins)]! += 1;
      }
      overflowRows.push({ y: rowY(lane.periodRowCount + MAX_POINT_ROWS), bins: binLabels(counts, this.width), points: true });
    }
    return overflowRows;
  }

  private placePeriod(lane: PreparedLane, index: number): MarkLayout {
    const x0 = this.x(lane.periodFrom[index]!);
    const row = lane.periodRows[index]!;
    return {
      event: lane.periodEvents[index]!,
      shape: 'period',
      x0,
      x1: this.x(lane.periodTo[index]!),
      y: rowY(row),
      cx: x0,
      fadeIn: lane.periodFadeIn[index]!,
      fadeOut: lane.periodFadeOut[index]!,
      open: lane.periodOpen[index] === 1,
      coarse: false,
      overflow: row === MAX_PERIOD_ROWS,
    };
  }

  private placeOther(lane: PreparedLane, laneIndex: number, index: number): MarkLayout {
    const row = this.pointStacks[laneIndex]!.rows[index]!;
    const flags = lane.otherFlags[index]!;
    return {
      event: lane.otherEvents[index]!,
      shape: flags & SPAN ? 'span' : 'point',
      x0: this.x(lane.otherFrom[index]!),
      x1: this.x(lane.otherTo[index]!),
      y: rowY(lane.periodRowCount + row),
      cx: this.x(lane.otherAnchor[index]!),
      fadeIn: 0,
      fadeOut: 1,
      open: (flags & OPEN) !== 0,
      coarse: (flags & COARSE) !== 0,
      overflow: row === MAX_POINT_ROWS,
    };
  }

  // ——— The keyboard's view: every mark of a lane, in time order, drawn or counted ———

  private keyboardOrders: (KeyboardOrder | undefined)[] = [];

  /** A lane's keyboard order, sorted on first use: a first paint usually needs only the first lane's. */
  private orderOf(lane: number): KeyboardOrder | null {
    const prepared = this.lane(lane);
    if (!prepared) return null;
    return (this.keyboardOrders[lane] ??= keyboardOrder(prepared));
  }

  /** How many marks lane `lane` has. */
  markCount(lane: number): number {
    return this.lane(lane)?.starts.length ?? 0;
  }

  /** The `index`-th mark of a lane in time order, placed as in the last frame laid out. */
  markAt(lane: number, index: number): MarkLayout | null {
    const prepared = this.lane(lane);
    const code = this.orderOf(lane)?.order[index];
    if (prepared === undefined || code === undefined) return null;
    return code < 0 ? this.placePeriod(prepared, -1 - code) : this.placeOther(prepared, lane, code);
  }

  private stopsCache: ({ key: readonly unknown[]; stops: KeyboardStops } | undefined)[] = [];

  /**
   * The bin of the counted group a mark of the lane is in at the last frame's zoom (its overflow row
   * is the bars' for a bar, the points' otherwise): the bin countOverflow counts it in; NaN for a
   * mark drawn on its own. A mark outside the window is in a group beyond the bins on screen (below
   * 0, or from `binCount` on), which the keyboard still reaches.
   */
  private groupBin(lane: PreparedLane, stack: PointStack, code: number): number {
    let time: number;
    let inView: boolean;
    if (code < 0) {
      const p = -1 - code;
      if (lane.periodRows[p] !== MAX_PERIOD_ROWS) return NaN;
      time = lane.periodFrom[p]!;
      inView = this.barInView(time, lane.periodTo[p]!);
    } else {
      if (stack.rows[code] !== MAX_POINT_ROWS) return NaN;
      time = lane.otherAnchor[code]!;
      inView = this.pointInView(time);
    }
    const bins = this.binCount;
    const px = this.x(time);
    // Off screen, bins go on from the window's edges, never into the bins on screen: the last bin on
    // screen may reach past the window, and a mark just right of the window must not join its group.
    return inView ? this.binAt(time, bins) : px < 0 ? Math.floor(px / OVERFLOW_BIN) : bins + Math.floor((px - this.width) / OVERFLOW_BIN);
  }

  private stackOf(laneIndex: number): PointStack {
    return this.pointStacks[laneIndex] ?? this.stackFor(laneIndex, LaneLayoutCache.bucketOf(1 / this.pxPerMs));
  }

  /**
   * A lane's keyboard stops in the last frame laid out: its marks drawn one by one, and its counted
   * groups (see keyboard-stops.ts). Made when the keyboard asks, again after the view changes.
   */
  stops(laneIndex: number): KeyboardStops | null {
    const lane = this.lane(laneIndex);
    const order = this.orderOf(laneIndex);
    if (!lane || !order) return null;
    const stack = this.stackOf(laneIndex);
    const key = [this.origin, this.pxPerMs, this.width, stack];
    const cached = this.stopsCache[laneIndex];
    if (cached && cached.key.every((part, i) => part === key[i])) return cached.stops;
    const n = order.order.length;
    const x = new Float64Array(n);
    const row = new Int8Array(n);
    const bin = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const code = order.order[k]!;
      x[k] = this.x(order.orderStart[k]!);
      const groupBin = this.groupBin(lane, stack, code);
      if (Number.isNaN(groupBin)) row[k] = -1;
      else {
        row[k] = code < 0 ? 0 : 1;
        bin[k] = groupBin;
      }
    }
    const stops = keyboardStops({ x, row, bin }, OVERFLOW_BIN);
    this.stopsCache[laneIndex] = { key, stops };
    return stops;
  }

  /**
   * The counted group the `index`-th mark of a lane is in at the last frame's zoom (null: it is
   * drawn on its own): how many marks it counts, its bin (beyond the bins on screen for a group
   * outside the window), and its earliest and latest by start. A pass over the lane's overflow row
   * only, cheap enough for every frame.
   */
  groupAt(laneIndex: number, index: number): { size: number; bin: number; earliest: TimelineEvent; latest: TimelineEvent } | null {
    const lane = this.lane(laneIndex);
    const code = this.orderOf(laneIndex)?.order[index];
    if (!lane || code === undefined) return null;
    const stack = this.stackOf(laneIndex);
    const bin = this.groupBin(lane, stack, code);
    if (Number.isNaN(bin)) return null;
    // A group's members are all bars or all points: the same overflow row.
    const bars = code < 0;
    const members = bars ? lane.periodOverflow : stack.overflow;
    const starts = bars ? lane.periodFrom : lane.otherFrom;
    const events = bars ? lane.periodEvents : lane.otherEvents;
    let size = 0;
    let earliest = -1;
    let latest = -1;
    for (let k = 0; k < members.length; k++) {
      const member = members[k]!;
      if (this.groupBin(lane, stack, bars ? -1 - member : member) !== bin) continue;
      size++;
      if (earliest < 0 || starts[member]! < starts[earliest]!) earliest = member;
      if (latest < 0 || starts[member]! >= starts[latest]!) latest = member;
    }
    return { size, bin, earliest: events[earliest]!, latest: events[latest]! };
  }

  /**
   * The marks counted in bin `bin` of a lane's bars' (`points` false) or points' overflow row at the
   * last frame's zoom, exactly as countOverflow counts them there (and as the keyboard groups
   * them), earliest first.
   */
  countedAt(laneIndex: number, points: boolean, bin: number): MarkLayout[] {
    const lane = this.lane(laneIndex);
    if (!lane) return [];
    const bins = this.binCount;
    const found: MarkLayout[] = [];
    if (points) {
      const stack = this.stackOf(laneIndex);
      for (const other of stack.overflow) {
        const anchor = lane.otherAnchor[other]!;
        if (this.pointInView(anchor) && this.binAt(anchor, bins) === bin) found.push(this.placeOther(lane, laneIndex, other));
      }
    } else {
      for (const period of lane.periodOverflow) {
        const from = lane.periodFrom[period]!;
        if (this.barInView(from, lane.periodTo[period]!) && this.binAt(from, bins) === bin) found.push(this.placePeriod(lane, period));
      }
    }
    return found.sort((a, b) => a.event.start.earliest - b.event.start.earliest);
  }

  /** Where an event is in the keyboard's order, or null when no lane has it. */
  find(id: string | null): { lane: number; index: number } | null {
    if (id === null) return null;
    // Built on first use, not per data load: hashing 100,000 ids would hold up the first paint.
    if (this.positions.size === 0) {
      for (let laneIndex = 0; laneIndex < this.specs.length; laneIndex++) {
        const lane = this.lane(laneIndex)!;
        this.orderOf(laneIndex)!.order.forEach((code, index) => {
          const event = code < 0 ? lane.periodEvents[-1 - code]! : lane.otherEvents[code]!;
          if (!this.positions.has(event.id)) this.positions.set(event.id, { lane: laneIndex, index });
        });
      }
    }
    return this.positions.get(id) ?? null;
  }

  /** The position in a lane's time order whose start is nearest to `time`. */
  nearestIndex(lane: number, time: number): number {
    const starts = this.orderOf(lane)?.orderStart;
    if (!starts || starts.length === 0) return -1;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    if (lo === starts.length) return lo - 1;
    return lo > 0 && time - starts[lo - 1]! <= starts[lo]! - time ? lo - 1 : lo;
  }
}

function rowY(row: number): number {
  return LANE_METRICS.header + row * LANE_METRICS.row + LANE_METRICS.row / 2;
}

/** Lays out lanes top to bottom for one window; see LaneLayoutCache. */
export function layoutLanes(lanes: readonly LaneSpec[], view: readonly [number, number], width: number, cutoff: number): LaneLayout[] {
  return new LaneLayoutCache(lanes, cutoff).layout(view, width);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
