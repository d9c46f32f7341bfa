import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateReason } from '../../../src/i18n/date-reason-messages';
import { loadDataset } from '../../../src/io/load';
import { parseSourceDate, type SourceDate } from '../../../src/model/dates';
import { computeOverlaps, formatOverlapRange } from '../../../src/model/overlaps';
import { dateCell } from '../arbitraries';

const date = (text: string): SourceDate => {
  const parsed = parseSourceDate(text);
  if (!parsed.ok) throw new Error(formatDateReason(parsed, 'en'));
  return parsed.value;
};

function events(rows: string[]) {
  const text = ['id,cluster,kind,start,end,title', ...rows.map((r, i) => `e${i},${r},t${i}`)].join('\n');
  const dataset = loadDataset({ events: { name: 'e.csv', text } });
  expect(dataset.problems).toEqual([]);
  return dataset.events;
}

const ids = ['A', 'B', 'C'];
const cutoff = date('2021-08-03');

describe('computeOverlaps', () => {
  it('finds the DeadRinger pattern: A and C from 2018, all three from Q4 2020, to Q1 2021', () => {
    const overlaps = computeOverlaps(events(['A,activity,2018,2021-Q1', 'B,activity,2020-Q4,2021-Q1', 'C,activity,2017,2021-Q1']), ids, cutoff);
    expect(overlaps.map((o) => [o.clusters.join(''), formatOverlapRange(o, 'en')])).toEqual([
      ['AC', '2018 – Q3 2020'],
      ['ABC', 'Q4 2020 – Q1 2021'],
    ]);
    expect(formatOverlapRange(overlaps[1]!, 'it')).toBe('T4 2020 – T1 2021');
    expect(new Date(overlaps[1]!.from).toISOString().slice(0, 10)).toBe('2020-10-01');
    expect(new Date(overlaps[1]!.to).toISOString().slice(0, 10)).toBe('2021-04-01');
  });

  it('ignores operating periods and point events', () => {
    const overlaps = computeOverlaps(events(['A,operating,2010,..', 'B,operating,2012,..', 'A,intrusion,2019,', 'B,intrusion,2019,']), ids, cutoff);
    expect(overlaps).toEqual([]);
  });

  it('does not count periods that only touch', () => {
    expect(computeOverlaps(events(['A,activity,2018,2019', 'B,activity,2020,2021']), ids, cutoff)).toEqual([]);
  });

  it('runs open ends to the cut-off', () => {
    const overlaps = computeOverlaps(events(['A,activity,2020,..', 'B,activity,2021-03,..']), ids, cutoff);
    expect(overlaps).toHaveLength(1);
    expect(formatOverlapRange(overlaps[0]!, 'en')).toBe('Mar 2021 – 3 Aug 2021');
  });

  it('splits where a third cluster leaves and keeps the pair going', () => {
    const overlaps = computeOverlaps(events(['A,activity,2018,2021', 'B,activity,2018,2021', 'C,activity,2019-Q2,2019-Q3']), ids, cutoff);
    expect(overlaps.map((o) => [o.clusters.join(''), formatOverlapRange(o, 'en')])).toEqual([
      ['AB', '2018 – Q1 2019'],
      ['ABC', 'Q2 2019 – Q3 2019'],
      ['AB', 'Q4 2019 – 2021'],
    ]);
  });

  it('treats two periods of one cluster as one presence, and ignores clusters not listed', () => {
    const overlaps = computeOverlaps(events(['A,activity,2018,2019', 'A,activity,2019,2020', 'Z,activity,2018,2020']), ids, cutoff);
    expect(overlaps).toEqual([]);
  });

  it('reports nothing for no data', () => {
    expect(computeOverlaps([], ids, cutoff)).toEqual([]);
  });

  it('gives the stretches a plain check of every stretch between two boundaries gives', () => {
    const date = dateCell(2015, 2021);
    const row = fc.record({ cluster: fc.constantFrom('A', 'B', 'C', 'Z'), kind: fc.constantFrom('activity', 'activity', 'operating'), start: date, end: fc.oneof(fc.constant('..'), date) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const text = ['id,cluster,kind,start,end,title', ...rows.map((r, i) => `e${i},${r.cluster},${r.kind},${r.start},${r.end},t`)].join('\n');
        const list = loadDataset({ events: { name: 'e.csv', text } }).events;
        // Every activity period of a listed cluster as [from, to), then which clusters are active in each stretch between boundaries.
        const periods = list
          .filter((e) => e.kind === 'activity' && ids.includes(e.cluster))
          .map((e) => ({ cluster: e.cluster, from: e.start.earliest, to: (e.end === 'open' ? cutoff : (e.end ?? e.start)).latest }))
          .filter((p) => p.to > p.from);
        const bounds = [...new Set(periods.flatMap((p) => [p.from, p.to]))].sort((a, b) => a - b);
        const expected: { from: number; to: number; clusters: string[] }[] = [];
        for (let k = 0; k + 1 < bounds.length; k++) {
          const active = ids.filter((id) => periods.some((p) => p.cluster === id && p.from <= bounds[k]! && p.to > bounds[k]!));
          const last = expected[expected.length - 1];
          if (active.length < 2) continue;
          if (last && last.to === bounds[k] && last.clusters.join() === active.join()) last.to = bounds[k + 1]!;
          else expected.push({ from: bounds[k]!, to: bounds[k + 1]!, clusters: active });
        }
        expect(computeOverlaps(list, ids, cutoff).map(({ from, to, clusters }) => ({ from, to, clusters }))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
