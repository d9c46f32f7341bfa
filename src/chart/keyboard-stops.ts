import { orderByKey } from '../model/order';

/**
 * The keyboard's stops through one lane at one zoom: each mark drawn on its own, and each counted
 * group ("+37": the marks of one overflow row that fall in one bin), in left-to-right order. A
 * group stands for its members until Enter zooms in on them, so a dense lane takes a few presses
 * to cross rather than thousands.
 */
export interface KeyboardStops {
  /** For each mark, in the lane's time order (its keyboard index): the stop it belongs to. */
  readonly stopOf: Int32Array;
  /** For each stop, left to right: the keyboard index of its earliest member. */
  readonly first: Int32Array;
  /** For each stop: the keyboard index of its latest member. */
  readonly last: Int32Array;
  /** For each stop: how many marks it stands for (1 for a mark drawn on its own). */
  readonly size: Int32Array;
  /** For each stop: 1 when it is a counted group. */
  readonly grouped: Uint8Array;
  /** For each stop: where it sits, in pixels from the window's left (a mark's start; a group's bin, at its right end). */
  readonly x: Float64Array;
}

/** What the stops are made from, one entry per mark in the lane's time order. */
export interface StopMarks {
  /** Where the mark starts, in pixels from the left of the window. */
  readonly x: Float64Array;
  /** -1 for a mark drawn on its own; else which overflow row counts it (0: bars, 1: points). */
  readonly row: Int8Array;
  /** For a counted mark: the bin it is counted in (bins are `binWidth` pixels from the window's left). */
  readonly bin: Float64Array;
}

/**
 * Orders marks and groups by where they sit: a mark at its start, a group at the right end of its
 * bin (after the marks drawn one by one that start in the same bin), bars' group before points'.
 */
export function keyboardStops({ x, row, bin }: StopMarks, binWidth: number): KeyboardStops {
  const n = x.length;
  const stopOf = new Int32Array(n);
  const keys: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  const sizes: number[] = [];
  const groupedList: number[] = [];
  const groups = new Map<number, number>();
  for (let j = 0; j < n; j++) {
    const r = row[j]!;
    if (r < 0) {
      stopOf[j] = keys.length;
      keys.push(x[j]!);
      firsts.push(j);
      lasts.push(j);
      sizes.push(1);
      groupedList.push(0);
      continue;
    }
    const b = bin[j]!;
    const id = b * 2 + r;
    let stop = groups.get(id);
    if (stop === undefined) {
      stop = keys.length;
      groups.set(id, stop);
      // Just inside the bin's right edge, so a mark drawn at the next bin's left edge comes after.
      keys.push((b + 1) * binWidth - 1e-3 + r * 1e-4);
      firsts.push(j);
      lasts.push(j);
      sizes.push(0);
      groupedList.push(1);
    }
    stopOf[j] = stop;
    lasts[stop] = j;
    sizes[stop]! += 1;
  }
  const order = orderByKey(keys);
  const rank = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
  for (let j = 0; j < n; j++) stopOf[j] = rank[stopOf[j]!]!;
  const first = new Int32Array(order.length);
  const last = new Int32Array(order.length);
  const size = new Int32Array(order.length);
  const grouped = new Uint8Array(order.length);
  const at = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const s = order[k]!;
    first[k] = firsts[s]!;
    last[k] = lasts[s]!;
    size[k] = sizes[s]!;
    grouped[k] = groupedList[s]!;
    at[k] = keys[s]!;
  }
  return { stopOf, first, last, size, grouped, x: at };
}
