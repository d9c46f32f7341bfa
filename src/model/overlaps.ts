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
  const boundaries: Boundary[] = [];
  for (const event of events) {
    if (event.kind !== 'activity' || !clusterIndex.has(event.cluster)) continue;
    const end = event.end === 'open' ? cutoff : (event.end ?? event.start);
    if (end.latest <= event.start.earliest) continue;
    boundaries.push({ time: event.start.earliest, cluster: event.cluster, delta: 1, date: event.start });
    boundaries.push({ time: end.latest, cluster: event.cluster, delta: -1, date: end });
  }
  // Ends before starts at the same instant: periods that only touch do not overlap.
  const keys = new Float64Array(boundaries.length);
  for (let i = 0; i < boundaries.length; i++) keys[i] = boundaries[i]!.time;
  // By time; at equal times ends before starts (a stable partition of each run of equal times).
  const byTime = orderByKey(keys);
  const order = new Int32Array(byTime.length);
  for (let run = 0, out = 0; run < byTime.length; ) {
    let next = run;
    while (next < byTime.length && keys[byTime[next]!] === keys[byTime[run]!]) next++;
    for (let k = run; k < next; k++) if (boundaries[byTime[k]!]!.delta < 0) order[out++] = byTime[k]!;
    for (let k = run; k < next; k++) if (boundaries[byTime[k]!]!.delta > 0) order[out++] = byTime[k]!;
    run = next;
  }

  const activeCount = new Int32Array(clusterOrder.length);
  const overlaps: Overlap[] = [];
  let open: { from: number; fromDate: SourceDate; clusters: string[]; key: string } | null = null;

  for (let i = 0; i < order.length; ) {
    const time = keys[order[i]!]!;
    const atThisTime: Boundary[] = [];
    while (i < order.length && keys[order[i]!] === time) atThisTime.push(boundaries[order[i++]!]!);
    // The set of active clusters changes only when a count crosses zero; most boundaries only move counts.
    let crossed = false;
    for (const b of atThisTime) {
      const c = clusterIndex.get(b.cluster)!;
      const before = activeCount[c]! > 0;
      activeCount[c]! += b.delta;
      if (before !== activeCount[c]! > 0) crossed = true;
    }
    if (!crossed) continue;
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
