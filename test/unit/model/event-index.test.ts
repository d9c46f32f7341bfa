import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markShape } from '../../../src/chart/layout';
import { loadDataset } from '../../../src/io/load';
import { EventIndex, eventIndex, registerEventIndex } from '../../../src/model/event-index';
import { dataCutoff, eventSpan } from '../../../src/model/intervals';
import { PERIOD_KINDS, type TimelineEvent } from '../../../src/model/types';
import { dateCell } from '../arbitraries';

const date = dateCell(2010, 2021);
const row = fc.record({
  cluster: fc.constantFrom('A', 'B', 'C', 'context'),
  kind: fc.constantFrom(...PERIOD_KINDS, 'intrusion', 'tooling', 'custom-kind'),
  start: date,
  end: fc.oneof(fc.constant(''), fc.constant('..'), date),
  approximate: fc.boolean(),
});

function load(rows: readonly { cluster: string; kind: string; start: string; end: string; approximate: boolean }[]): readonly TimelineEvent[] {
  const text = ['id,cluster,kind,start,end,title', ...rows.map((r, i) => `e${i},${r.cluster},${r.kind},${r.approximate ? '~' : ''}${r.start},${r.end},t`)].join('\n');
  // Rows whose end comes before their start are rejected by the loader; the rest are indexed.
  return loadDataset({ events: { name: 'e.csv', text } }).events;
}

/** The same figures, each from its own plain pass over the events. */
function naive(events: readonly TimelineEvent[], cutoff: number) {
  const byCluster = new Map<string, string[]>();
  for (const event of events) byCluster.set(event.cluster, [...(byCluster.get(event.cluster) ?? []), event.id]);
  const spans = events.map((event) => eventSpan(event, cutoff));
  const named = events.flatMap((event) => [event.start.latest, ...(event.end && event.end !== 'open' ? [event.end.latest] : [])]);
  return {
    byCluster,
    activity: events.filter((event) => event.kind === 'activity').map((event) => event.id),
    pointKinds: new Set(events.filter((event) => markShape(event) !== 'period').map((event) => event.kind)),
    latestNamed: Math.max(...named),
    extent: [Math.min(...spans.map((s) => s.from)), Math.max(...spans.map((s) => s.to))],
  };
}

describe('EventIndex', () => {
  it('gives what plain passes over the events give: lanes, activity, point kinds, cut-off and extent', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2024, 0, 1) }), (rows, cutoff) => {
        const events = load(rows);
        if (events.length === 0) return;
        const index = new EventIndex();
        for (const event of events) index.add(event);
        const expected = naive(events, cutoff);
        expect(new Map([...index.byCluster].map(([id, list]) => [id, list.map((e) => e.id)]))).toEqual(expected.byCluster);
        expect(index.activity.map((e) => e.id)).toEqual(expected.activity);
        expect(index.pointKinds).toEqual(expected.pointKinds);
        expect(index.cutoff()).toBe(expected.latestNamed);
        expect(index.extent(cutoff)).toEqual(expected.extent);
      }),
      { numRuns: 200 },
    );
  });

  it('has the defaults of no data: the cut-off at the start of next year, an extent of 2010–2021', () => {
    const index = new EventIndex();
    expect(index.cutoff()).toBe(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1));
    expect(index.extent(Date.UTC(2021, 0, 1))).toEqual([Date.UTC(2010, 0, 1), Date.UTC(2022, 0, 1)]);
    expect(dataCutoff([], null)).toBe(index.cutoff());
  });

  it('an open end counts up to the cut-off, or to its start if that is later', () => {
    const events = load([
      { cluster: 'A', kind: 'activity', start: '2015', end: '2016', approximate: false },
      { cluster: 'A', kind: 'operating', start: '2019-06', end: '..', approximate: false },
    ]);
    const index = eventIndex(events);
    expect(index.extent(Date.UTC(2021, 0, 1))).toEqual([Date.UTC(2015, 0, 1), Date.UTC(2021, 0, 1)]);
    expect(index.extent(Date.UTC(2018, 0, 1))).toEqual([Date.UTC(2015, 0, 1), Date.UTC(2019, 6, 1)]);
  });
});

describe('eventIndex', () => {
  it('keeps the index it made for an array, and gives a registered one for exactly that array', () => {
    const events = load([{ cluster: 'A', kind: 'intrusion', start: '2019', end: '', approximate: false }]);
    expect(eventIndex(events)).toBe(eventIndex(events));
    const copy = [...events];
    const registered = new EventIndex();
    for (const event of copy) registered.add(event);
    registerEventIndex(copy, registered);
    expect(eventIndex(copy)).toBe(registered);
    expect(eventIndex(copy)).not.toBe(eventIndex(events));
  });
});
