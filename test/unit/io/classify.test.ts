import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCsv, pairFiles } from '../../../src/io/classify';
import { loadDataset } from '../../../src/io/load';
import { parseCsv } from '../../../src/io/parse-csv';

const fixturesDir = new URL('../../fixtures/', import.meta.url);
const fixture = (name: string) => ({ name, text: readFileSync(new URL(name, fixturesDir), 'utf8') });

describe('classifyCsv', () => {
  it('recognises the fixture files', () => {
    expect(classifyCsv(fixture('events-valid.csv').text)).toBe('events');
    expect(classifyCsv(fixture('events-problems.csv').text)).toBe('events');
    expect(classifyCsv(fixture('clusters.csv').text)).toBe('clusters');
  });

  it('strips a BOM, detects ";" and reads the header case-insensitively', () => {
    expect(classifyCsv(fixture('events-bom-semicolon.csv').text)).toBe('events');
    expect(classifyCsv('\uFEFFID; Label ;Name\r\nX;Cluster X;n\r\n')).toBe('clusters');
    expect(classifyCsv('id\tKIND\ta\n')).toBe('events');
  });

  it('takes "kind" or "start" alone as an events file, even with a missing column', () => {
    expect(classifyCsv('id,cluster,kind,end,title\n')).toBe('events');
    expect(classifyCsv('id,start\n')).toBe('events');
  });

  it('is an events file when it has both "label" and "start"', () => {
    expect(classifyCsv('id,label,start\n')).toBe('events');
  });

  it('reads quoted header cells', () => {
    expect(classifyCsv('"id","label"\n')).toBe('clusters');
  });

  it('looks only at the header row', () => {
    expect(classifyCsv('id,name\nkind,start\n')).toBe('unknown');
    expect(classifyCsv('\n\nid,label\n')).toBe('clusters');
  });

  it('says unknown for anything else', () => {
    expect(classifyCsv('')).toBe('unknown');
    expect(classifyCsv('a,b,c\n1,2,3\n')).toBe('unknown');
    expect(classifyCsv('starting,kindness,labels\n')).toBe('unknown');
  });
});

describe('pairFiles', () => {
  const events = { name: 'my-events.csv', text: 'id,cluster,kind,start,title\n' };
  const clusters = { name: 'groups.csv', text: 'id,label\n' };

  it('pairs an events and a clusters file in any order', () => {
    expect(pairFiles([clusters, events])).toEqual({ events, clusters, problems: [] });
    expect(pairFiles([events, clusters])).toEqual({ events, clusters, problems: [] });
  });

  it('accepts an events file alone', () => {
    expect(pairFiles([events])).toEqual({ events, clusters: null, problems: [] });
  });

  it('keeps the caller’s own objects (e.g. with a size)', () => {
    const withSize = { ...events, size: 42 };
    expect(pairFiles([withSize]).events).toBe(withSize);
  });

  it('falls back on the name for a file whose header says neither', () => {
    const oddClusters = { name: 'Clusters (2).csv', text: 'ident,title\n' };
    expect(pairFiles([events, oddClusters])).toEqual({ events, clusters: oddClusters, problems: [] });
    const oddEvents = { name: 'events.csv', text: 'ident,when\n' };
    expect(pairFiles([oddEvents]).events).toBe(oddEvents);
  });

  it('says when there is no events file', () => {
    const result = pairFiles([clusters]);
    expect(result.events).toBeNull();
    expect(result.clusters).toBe(clusters);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/None of the chosen files is an events file/);
    expect(pairFiles([]).problems[0]).toMatch(/No file was chosen/);
  });

  it('says when there is more than one events file, and uses the first', () => {
    const second = { name: 'more.csv', text: 'id,cluster,kind,start,title\n' };
    const result = pairFiles([events, second, clusters]);
    expect(result.events).toBe(events);
    expect(result.clusters).toBe(clusters);
    expect(result.problems).toEqual([
      '"my-events.csv" and "more.csv" both look like events files, but only one can be loaded at a time; "my-events.csv" is used.',
    ]);
  });

  it('says when there is more than one clusters file', () => {
    const second = { name: 'c2.csv', text: 'id,label\n' };
    const third = { name: 'c3.csv', text: 'id,label\n' };
    expect(pairFiles([events, clusters, second, third]).problems).toEqual([
      '"groups.csv", "c2.csv" and "c3.csv" all look like clusters files, but only one can be loaded at a time; "groups.csv" is used.',
    ]);
  });

  it('names a file that is neither', () => {
    const notes = { name: 'notes.csv', text: 'a,b\n1,2\n' };
    const result = pairFiles([events, notes]);
    expect(result.events).toBe(events);
    expect(result.clusters).toBeNull();
    expect(result.problems).toEqual([
      '"notes.csv" is neither an events file nor a clusters file: its first row has no "kind", "start" or "label" column, so it is ignored.',
    ]);
  });
});

describe('parseCsv progress', () => {
  const csvFixtures = readdirSync(fixturesDir).filter((name) => name.endsWith('.csv'));
  // Larger and trickier inputs than the fixtures: quoted newlines, a stray quote, an unclosed quote.
  const big = {
    name: 'big.csv',
    text: [
      'id,cluster,kind,start,title,summary',
      ...Array.from({ length: 3000 }, (_, i) =>
        i % 500 === 7
          ? `r${i},X,intrusion,2020,"Bad "quote" here",x`
          : `r${i},X,intrusion,2020-0${(i % 9) + 1},"Title ${i}","line one\nline two, with ""quotes"""`,
      ),
      'last,X,intrusion,2020,"never closed',
      'after,X,intrusion,2020,t,s',
    ].join('\r\n'),
  };
  const noQuotes = {
    name: 'plain.csv',
    text: ['id,cluster,kind,start,title', ...Array.from({ length: 2000 }, (_, i) => `p${i},X,intrusion,2021,T${i}`), ''].join('\n'),
  };
  const inputs = [...csvFixtures.map(fixture), big, noQuotes, { name: 'empty.csv', text: '' }, { name: 'bom.csv', text: '\uFEFF' }];

  const byName = new Map(inputs.map((input) => [input.name, input]));

  it.each(inputs.map((input) => input.name))('%s: same table with and without a progress callback', (name) => {
    const input = byName.get(name)!;
    const fractions: number[] = [];
    const withProgress = parseCsv(input.text, input.name, (f) => fractions.push(f));
    expect(withProgress).toEqual(parseCsv(input.text, input.name));
    expect(fractions.length).toBeGreaterThan(0);
  });

  it.each([big.name, noQuotes.name])('%s: progress is monotonic, steps of about 2 %%, and ends at 1', (name) => {
      const input = byName.get(name)!;
      const fractions: number[] = [];
      parseCsv(input.text, input.name, (f) => fractions.push(f));
      expect(fractions[0]).toBe(0);
      expect(fractions.at(-1)).toBeGreaterThanOrEqual(0.98);
      expect(fractions.at(-1)).toBe(1);
      for (let i = 1; i < fractions.length; i++) {
        expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);
        expect(fractions[i]!).toBeLessThanOrEqual(1);
      }
      // At most about one report per 2 % of the input, plus the first and the last.
      expect(fractions.length).toBeLessThanOrEqual(52);
      expect(fractions.length).toBeGreaterThan(20);
  });

  it('gives the same table with and without progress for any text made of CSV-significant characters', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', ',', ';', '\t', '\n', '\r', '\r\n', '"', '""', ' ', '\uFEFF'), { maxLength: 80 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (input) => {
        expect(parseCsv(input, 'f.csv', () => {})).toEqual(parseCsv(input, 'f.csv'));
      }),
      { numRuns: 2000 },
    );
  });

  it('reports the same problems, with the same rows, for the bad quotes', () => {
    const table = parseCsv(big.text, big.name, () => {});
    expect(table.problems.map((p) => p.row)).toEqual(parseCsv(big.text, big.name).problems.map((p) => p.row));
    expect(table.problems.some((p) => /never closed/.test(p.message))).toBe(true);
    expect(table.problems.some((p) => /stray "/.test(p.message))).toBe(true);
  });

  it('loadDataset reports overall progress up to 1 across both files, and the same dataset', () => {
    const input = { events: fixture('events-problems.csv'), clusters: fixture('clusters.csv') };
    const fractions: (number | null)[] = [];
    const dataset = loadDataset(input, { onProgress: (f) => fractions.push(f) });
    expect(dataset).toEqual(loadDataset(input));
    // Text has a known length: every report says how far along the load is.
    expect(fractions).not.toContain(null);
    // The clusters file is read first and counted as done: the events file's first report starts past its share.
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
  });
});
