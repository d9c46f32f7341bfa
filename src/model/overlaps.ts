import { formatSourceDate, sourceDateAt, type Lang, type SourceDate } from './dates';
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
  const boundaries: Boundary[] = [];
  for (const event of events) {
    if (event.kind !== 'activity' || !clusterOrder.includes(event.cluster)) continue;
    const end = event.end === 'open' ? cutoff : (event.end ?? event.start);
    if (end.latest <= event.start.earliest) continue;
    boundaries.push({ time: event.start.earliest, cluster: event.cluster, delta: 1, date: event.start });
    boundaries.push({ time: end.latest, cluster: event.cluster, delta: -1, date: end });
  }
  // Ends before starts at the same instant: periods that only touch do not overlap.
  boundaries.sort((a, b) => a.time - b.time || a.delta - b.delta);

  const activeCount = new Map<string, number>();
  const overlaps: Overlap[] = [];
  let open: { from: number; fromDate: SourceDate; clusters: string[] } | null = null;

  for (let i = 0; i < boundaries.length; ) {
    const time = boundaries[i]!.time;
    const atThisTime: Boundary[] = [];
    while (i < boundaries.length && boundaries[i]!.time === time) atThisTime.push(boundaries[i++]!);
    for (const b of atThisTime) activeCount.set(b.cluster, (activeCount.get(b.cluster) ?? 0) + b.delta);
    const active = clusterOrder.filter((id) => (activeCount.get(id) ?? 0) > 0);
    const same = open !== null && open.clusters.length === active.length && open.clusters.every((id, k) => id === active[k]);
    if (same) continue;

    if (open) {
      overlaps.push({ from: open.from, to: time, clusters: open.clusters, fromDate: open.fromDate, toDate: closingDate(time, atThisTime) });
      open = null;
    }
    if (active.length >= 2) open = { from: time, fromDate: openingDate(time, atThisTime), clusters: active };
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
