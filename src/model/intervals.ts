import { sourceDateAt, type SourceDate } from './dates';
import type { TimelineEvent } from './types';

/** The time an event covers, [from, to), with an open end running to the data's cut-off. */
export interface EventSpan {
  readonly from: number;
  readonly to: number;
  /** True when `to` is the cut-off standing in for an end that is still ongoing. */
  readonly open: boolean;
}

export function eventSpan(event: TimelineEvent, cutoff: number): EventSpan {
  const from = event.start.earliest;
  if (event.end === 'open') return { from, to: Math.max(cutoff, event.start.latest), open: true };
  if (event.end === null) return { from, to: event.start.latest, open: false };
  return { from, to: event.end.latest, open: false };
}

/**
 * The data's cut-off: where open ends stop. Given by the dataset's metadata, else the latest
 * instant any event names.
 */
export function dataCutoff(events: readonly TimelineEvent[], declared: SourceDate | null = null): number {
  if (declared) return declared.latest;
  let latest = -Infinity;
  // Indexed loops here and in dataExtent: they run once per load, so mostly before V8 has optimised
  // them, where a for…of's iterator calls cost about twice as much.
  for (let i = 0; i < events.length; i++) {
    const { start, end } = events[i]!;
    if (start.latest > latest) latest = start.latest;
    if (end && end !== 'open' && end.latest > latest) latest = end.latest;
  }
  return Number.isFinite(latest) ? latest : Date.UTC(new Date().getUTCFullYear() + 1, 0, 1);
}

/** The cut-off as a date: the declared one, else the day on which the latest date in the data ends. */
export function dataCutoffDate(events: readonly TimelineEvent[], declared: SourceDate | null = null): SourceDate {
  return declared ?? sourceDateAt(dataCutoff(events) - 1, 'day');
}

/** The whole time the data covers: [earliest start, latest end or cut-off). */
export function dataExtent(events: readonly TimelineEvent[], cutoff: number): [number, number] {
  if (events.length === 0) return [Date.UTC(2010, 0, 1), Date.UTC(2022, 0, 1)];
  // As eventSpan per event, without allocating a span for each.
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < events.length; i++) {
    const { start, end } = events[i]!;
    if (start.earliest < from) from = start.earliest;
    const eventTo = end === 'open' ? Math.max(cutoff, start.latest) : end === null ? start.latest : end.latest;
    if (eventTo > to) to = eventTo;
  }
  return [from, to];
}
