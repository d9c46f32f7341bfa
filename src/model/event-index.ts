import type { TimelineEvent } from './types';

/**
 * What the chart needs of a set of events before it can lay out a lane, gathered in one pass: each
 * cluster's events, the activity periods (the overlaps are made of them), the kinds drawn as points
 * or spans (for the legend), and what the data's cut-off and extent are worked out from.
 *
 * A loaded file's index is gathered while the page rebuilds the events the CSV worker sends
 * (`registerEventIndex`), in a loop that has long been optimised by then; made on the spot, the
 * same pass over 10,000 events runs as code seen for the first time, several times slower, in the
 * time between the data and its first paint.
 */
export class EventIndex {
  readonly byCluster = new Map<string, TimelineEvent[]>();
  readonly activity: TimelineEvent[] = [];
  readonly pointKinds = new Set<string>();
  /** The earliest start. */
  private from = Infinity;
  /** The latest instant any event names: a start's latest, or a closed end's. */
  private latestNamed = -Infinity;
  /** Where the events without an open end stop: a closed end's latest, or a point's. */
  private closedTo = -Infinity;
  /** The latest start of an event with an open end (it runs to the cut-off, or to this if later). */
  private openStart = -Infinity;

  add(event: TimelineEvent): void {
    const { start, end, kind } = event;
    let list = this.byCluster.get(event.cluster);
    if (!list) this.byCluster.set(event.cluster, (list = []));
    list.push(event);
    if (kind === 'activity') this.activity.push(event);
    // PERIOD_KINDS (./types) spelled out: importing it here made the bundler give types.ts a chunk of
    // its own, one more request at start-up. The unit test holds the two to the same answer.
    if (end === null || (kind !== 'operating' && kind !== 'activity')) this.pointKinds.add(kind);
    if (start.earliest < this.from) this.from = start.earliest;
    if (start.latest > this.latestNamed) this.latestNamed = start.latest;
    if (end === 'open') {
      if (start.latest > this.openStart) this.openStart = start.latest;
    } else {
      const to = end === null ? start.latest : end.latest;
      if (to > this.closedTo) this.closedTo = to;
      if (to > this.latestNamed) this.latestNamed = to;
    }
  }

  /** The data's cut-off, where open ends stop, when none is declared: the latest instant any event names. */
  cutoff(): number {
    return Number.isFinite(this.latestNamed) ? this.latestNamed : Date.UTC(new Date().getUTCFullYear() + 1, 0, 1);
  }

  /** The whole time the events cover: [earliest start, latest end), open ends running to `cutoff`. */
  extent(cutoff: number): [number, number] {
    if (this.from === Infinity) return [Date.UTC(2010, 0, 1), Date.UTC(2022, 0, 1)];
    return [this.from, Math.max(this.closedTo, this.openStart === -Infinity ? -Infinity : Math.max(cutoff, this.openStart))];
  }
}

const indexes = new WeakMap<readonly TimelineEvent[], EventIndex>();

/**
 * The index of exactly these events: the one gathered while they loaded, or one made now (and kept
 * for the next call). The events of an array must not change once it has an index.
 */
export function eventIndex(events: readonly TimelineEvent[]): EventIndex {
  let index = indexes.get(events);
  if (!index) {
    index = new EventIndex();
    for (let i = 0; i < events.length; i++) index.add(events[i]!);
    indexes.set(events, index);
  }
  return index;
}

/** Records `index` as the index of `events`, which it was gathered from, event by event, in order. */
export function registerEventIndex(events: readonly TimelineEvent[], index: EventIndex): void {
  indexes.set(events, index);
}
