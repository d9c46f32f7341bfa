import { formatSourceDate, sourceDateAt, type Lang, type SourceDate } from './dates';
import { orderByKey } from './order';
import type { TimelineEvent } from './types';

/** A stretch of time in which the same two or more clusters were all active. */
export interface Overlap {
  readonly from: number;
  readonly to: number;
  /** Cluster ids, in the order the clusters are listed. */
  readonly clusters: readonly string[];
  /** The first unit of the stretch, at the precision of the date that opens it. */
  readonly fromDate: SourceDate;
  /** The last unit of the stretch, at the precision of the date that closes it. */
  readonly toDate: SourceDate;
}

interface Boundary {
  readonly time: number;
  readonly cluster: string;
  readonly delta: 1 | -1;
  readonly date: SourceDate;
}

/**
 * Where two or more clusters' `activity` periods overlap. Each stretch is bounded by the dates
 * that open and close it, so its label keeps the sources' precision ("Q4 2020 – Q1 2021").
 */
export function computeOverlaps(
  events: readonly TimelineEvent[],
  clusterOrder: readonly string[],
  cutoff: SourceDate,
): Overlap[] {
  const clusterIndex = new Map(clusterOrder.map((id, index) => [id, index]));
  // Boundaries as columns: time, cluster index, +1 (a start) or -1 (an end), and the date behind it.
  // Indexed loops into typed arrays: this runs once per load, before V8 has optimised it.
  const times = new Float64Array(events.length * 2);
  const clusters = new Int32Array(events.length * 2);
  const deltas = new Int8Array(events.length * 2);
  const dates: SourceDate[] = [];
  let count = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind !== 'activity') continue;
    const cluster = clusterIndex.get(event.cluster);
    if (cluster === undefined) continue;
    const end = event.end === 'open' ? cutoff : (event.end ?? event.start);
    if (end.latest <= event.start.earliest) continue;
    times[count] = event.start.earliest;
    times[count + 1] = end.latest;
    clusters[count] = clusters[count + 1] = cluster;
    deltas[count] = 1;
    deltas[count + 1] = -1;
    dates[count] = event.start;
    dates[count + 1] = end;
    count += 2;
  }
  const keys = times.subarray(0, count);
  // By time (ties by index). The boundaries of one time are taken together below, so their order
  // among themselves does not change which clusters are active after them: periods that only touch
  // do not overlap.
  const order = orderByKey(keys);
  const boundaryAt = (index: number): Boundary => ({ time: times[index]!, cluster: clusterOrder[clusters[index]!]!, delta: deltas[index]! as 1 | -1, date: dates[index]! });

  const activeCount = new Int32Array(clusterOrder.length);
  const overlaps: Overlap[] = [];
  let open: { from: number; fromDate: SourceDate; clusters: string[]; key: string } | null = null;

  for (let i = 0; i < order.length; ) {
    const first = i;
    const time = keys[order[i]!]!;
    // The set of active clusters changes only when a count crosses zero; most boundaries only move counts.
    let crossed = false;
    for (; i < order.length && keys[order[i]!] === time; i++) {
      const c = clusters[order[i]!]!;
      const before = activeCount[c]! > 0;
      activeCount[c]! += deltas[order[i]!]!;
      if (before !== activeCount[c]! > 0) crossed = true;
    }
    if (!crossed) continue;
    const atThisTime: Boundary[] = [];
    for (let k = first; k < i; k++) atThisTime.push(boundaryAt(order[k]!));
    let key = '';
    for (let c = 0; c < activeCount.length; c++) if (activeCount[c]! > 0) key += `${c},`;
    if (open !== null && open.key === key) continue;

    if (open) {
      overlaps.push({ from: open.from, to: time, clusters: open.clusters, fromDate: open.fromDate, toDate: closingDate(time, atThisTime) });
      open = null;
    }
    const active = clusterOrder.filter((_, c) => activeCount[c]! > 0);
    if (active.length >= 2) open = { from: time, fromDate: openingDate(time, atThisTime), clusters: active, key };
  }
  return overlaps;
}

/** The unit that begins at `time`, as precise as the boundary that put it there. */
function openingDate(time: number, boundaries: readonly Boundary[]): SourceDate {
  const starting = boundaries.find((b) => b.delta === 1);
  if (starting) return starting.date;
  return sourceDateAt(time, finest(boundaries));
}

/** The unit that ends at `time` (exclusive). */
function closingDate(time: number, boundaries: readonly Boundary[]): SourceDate {
  const ending = boundaries.find((b) => b.delta === -1);
  if (ending) return ending.date;
  return sourceDateAt(time - 1, finest(boundaries));
}

const ORDER = ['year', 'quarter', 'month', 'day'] as const;

function finest(boundaries: readonly Boundary[]): SourceDate['precision'] {
  return boundaries.reduce<SourceDate['precision']>(
    (best, b) => (ORDER.indexOf(b.date.precision) > ORDER.indexOf(best) ? b.date.precision : best),
    'year',
  );
}

/** "Q4 2020 – Q1 2021", or one date when the stretch is a single unit. */
export function formatOverlapRange(overlap: Overlap, lang: Lang): string {
  const from = formatSourceDate({ ...overlap.fromDate, approximate: false }, lang);
  const to = formatSourceDate({ ...overlap.toDate, approximate: false }, lang);
  return from === to ? from : `${from} – ${to}`;
}
