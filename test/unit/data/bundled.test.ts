import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/io/load';
import { readMetadata } from '../../../src/io/metadata';
import { parseCsv } from '../../../src/io/parse-csv';
import { formatDateRange, toCsvDate } from '../../../src/model/dates';
import { computeOverlaps, formatOverlapRange } from '../../../src/model/overlaps';

const read = (name: string) => readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8');
const dataset = loadDataset({ events: { name: 'events.csv', text: read('events.csv') }, clusters: { name: 'clusters.csv', text: read('clusters.csv') } });
const meta = readMetadata(read('datapackage.json'));
const byId = new Map(dataset.events.map((e) => [e.id, e]));
const descriptor = JSON.parse(read('datapackage.json')) as {
  resources: { name: string; path: string; schema: { fields: { name: string; constraints?: { required?: boolean } }[] } }[];
};

describe('the bundled DeadRinger data', () => {
  it('loads with zero problems', () => {
    expect(dataset.problems).toEqual([]);
    expect(dataset.events.length).toBeGreaterThanOrEqual(30);
  });

  it('has the three clusters, in order, with attribution, aliases and ATT&CK group IDs', () => {
    expect(dataset.clusters.map((c) => [c.id, c.label, c.mitreGroups])).toEqual([
      ['A', 'Cluster A', ['G0093']],
      ['B', 'Cluster B', ['G0019']],
      ['C', 'Cluster C', ['G0027']],
    ]);
    for (const cluster of dataset.clusters) {
      expect(cluster.attributedTo).not.toBe('');
      expect(cluster.aliases.length).toBeGreaterThan(0);
      expect(cluster.summary).not.toBe('');
      expect(cluster.summaryIt).not.toBe('');
      expect(cluster.sourceUrl).toMatch(/^https?:\/\//);
    }
    expect(dataset.clusters.find((c) => c.id === 'A')!.name).toBe('Soft Cell');
    expect(dataset.clusters.find((c) => c.id === 'B')!.name).toMatch(/Naikon/);
    expect(dataset.clusters.find((c) => c.id === 'C')!.aliases).toEqual(expect.arrayContaining(['APT27', 'Iron Tiger']));
  });

  it('cites an http(s) source and gives an Italian summary on every row', () => {
    for (const event of dataset.events) {
      expect(event.sourceUrl, event.id).toMatch(/^https?:\/\//);
      expect(event.summary, event.id).not.toBe('');
      expect(event.summaryIt, event.id).not.toBe('');
    }
  });

  it('dates each cluster as the sources do', () => {
    const period = (cluster: string, kind: string) => {
      const rows = dataset.events.filter((e) => e.cluster === cluster && e.kind === kind);
      expect(rows, `${cluster} ${kind}`).toHaveLength(1);
      const row = rows[0]!;
      return [toCsvDate(row.start), row.end === 'open' ? '..' : row.end ? toCsvDate(row.end) : ''];
    };
    expect(period('A', 'activity')).toEqual(['2018', '2021-Q1']);
    expect(period('B', 'activity')).toEqual(['2020-Q4', '2021-Q1']);
    expect(period('C', 'activity')).toEqual(['2017', '2021-Q1']);
    expect(period('A', 'operating')).toEqual(['2012', '..']);
    expect(period('B', 'operating')).toEqual(['2010', '..']);
    expect(period('C', 'operating')).toEqual(['2010', '..']);
  });

  it('has the background events the report sits among', () => {
    const on = (date: string) => dataset.events.filter((e) => e.end === null && toCsvDate(e.start) === date);
    expect(on('2021-08-03').some((e) => e.kind === 'publication' && /DeadRinger/i.test(e.title))).toBe(true);
    expect([...new Set(on('2021-03-02').flatMap((e) => e.cves))].sort()).toEqual(['CVE-2021-26855', 'CVE-2021-26857', 'CVE-2021-26858', 'CVE-2021-27065']);
    expect(on('2021-07-19').some((e) => e.kind === 'attribution')).toBe(true);
    expect(on('2019-06-25').some((e) => /Soft Cell/.test(e.title))).toBe(true);
    expect(dataset.events.some((e) => e.cluster === 'B' && e.kind === 'publication' && e.start.year === 2015)).toBe(true);
    expect(dataset.events.some((e) => e.cluster === 'C' && /Iron Tiger/.test(e.title))).toBe(true);
  });

  it('marks contested claims as contested with low confidence, and never the other way round', () => {
    const contested = dataset.events.filter((e) => e.contested);
    expect(contested.length).toBeGreaterThan(0);
    for (const event of contested) expect(event.confidence, event.id).toBe('low');
    const zeroDay = dataset.events.find((e) => /zero-day/i.test(e.title) && e.start.year === 2017);
    expect(zeroDay?.contested).toBe(true);
  });

  it('does not assign the ProxyLogon CVEs to a cluster', () => {
    for (const event of dataset.events.filter((e) => e.cluster !== 'context')) expect(event.cves, event.id).toEqual([]);
  });

  it('yields the report’s overlap: all three clusters active in Q4 2020 – Q1 2021', () => {
    const overlaps = computeOverlaps(dataset.events, ['A', 'B', 'C'], meta.cutoff!);
    const all = overlaps.find((o) => o.clusters.length === 3)!;
    expect(formatOverlapRange(all, 'en')).toBe('Q4 2020 – Q1 2021');
    expect(formatDateRange(byId.get('a-activity')!.start, byId.get('a-activity')!.end)).toBe('2018 – Q1 2021');
  });

  it('describes itself: report, cut-off, initial view, key finding and two hypotheses in both languages', () => {
    expect(meta.report).toMatchObject({ publisher: 'Cybereason Nocturnus', date: '2021-08-03' });
    expect(meta.report!.url).toMatch(/^https:\/\/www\.cybereason\.com\//);
    expect(toCsvDate(meta.cutoff!)).toBe('2021-08-03');
    expect([toCsvDate(meta.view!.from), toCsvDate(meta.view!.to)]).toEqual(['2012', '2021-Q1']);
    expect(meta.keyFinding!.en).toMatch(/endpoint/);
    expect(meta.keyFinding!.it).not.toBe(meta.keyFinding!.en);
    expect(meta.hypotheses).toHaveLength(2);
    expect(meta.licenses.length).toBeGreaterThan(0);
  });

  it('matches its Table Schema: every column described, required columns present', () => {
    for (const resource of descriptor.resources) {
      const header = parseCsv(read(resource.path), resource.path).header;
      const fields = resource.schema.fields.map((f) => f.name);
      expect(header, resource.name).toEqual(fields);
      for (const field of resource.schema.fields.filter((f) => f.constraints?.required)) {
        expect(header, resource.name).toContain(field.name);
      }
    }
  });
});
