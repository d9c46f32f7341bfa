import { sourceDateAt, type SourceDate } from './dates';
import { eventIndex } from './event-index';
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
  return declared ? declared.latest : eventIndex(events).cutoff();
}

/** The cut-off as a date: the declared one, else the day on which the latest date in the data ends. */
export function dataCutoffDate(events: readonly TimelineEvent[], declared: SourceDate | null = null): SourceDate {
  return declared ?? sourceDateAt(dataCutoff(events) - 1, 'day');
}

/** The whole time the data covers: [earliest start, latest end or cut-off). */
export function dataExtent(events: readonly TimelineEvent[], cutoff: number): [number, number] {
  return eventIndex(events).extent(cutoff);
}
