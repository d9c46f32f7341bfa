import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBundledDataset } from '../../../build/read-bundled-dataset';
import { reviveBundledData, serializeBundledData, type BundledData } from '../../../src/data/dataset-json';
import { loadDataset } from '../../../src/io/load';
import { timeFormat, utcFormat } from '../../../src/vendor/d3-time-format-left-out';
import { readMetadata } from '../../../src/io/metadata';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const fixture = (name: string) => read(`test/fixtures/${name}`);

/** The bundled data as the page used to make it at start-up, from the CSV text. */
const fromCsv = (): BundledData => ({
  dataset: loadDataset({ events: { name: 'events.csv', text: read('data/events.csv') }, clusters: { name: 'clusters.csv', text: read('data/clusters.csv') } }),
  meta: readMetadata(read('data/datapackage.json')),
});

describe('the bundled dataset as JSON', () => {
  it('comes back exactly as loadDataset and readMetadata made it', () => {
    const original = fromCsv();
    expect(reviveBundledData(serializeBundledData(original))).toStrictEqual(original);
  });

  it('is what the build writes (build/read-bundled-dataset.ts)', () => {
    expect(reviveBundledData(readBundledDataset(new URL('.', root).pathname))).toStrictEqual(fromCsv());
  });

  it('keeps problems, open ends, points and derived clusters of other data too', () => {
    for (const events of ['events-problems.csv', 'events-valid.csv', 'events-bom-semicolon.csv']) {
      const dataset = loadDataset({ events: { name: events, text: fixture(events) }, clusters: { name: 'clusters.csv', text: fixture('clusters.csv') } });
      const data = { dataset, meta: readMetadata('{}') };
      expect(reviveBundledData(serializeBundledData(data))).toStrictEqual(data);
    }
  });

  it('refuses values JSON would change', () => {
    const { dataset, meta } = fromCsv();
    const event = dataset.events[0]!;
    const withUndefined = { ...event, start: { ...event.start, quarter: undefined } };
    expect(() => serializeBundledData({ meta, dataset: { ...dataset, events: [withUndefined] } })).toThrow(/events\[0\]\.start\.quarter is undefined/);
    expect(() => serializeBundledData({ meta, dataset: { ...dataset, events: [{ ...event, row: Number.NaN }] } })).toThrow(/row is NaN/);
    expect(() => serializeBundledData({ meta, dataset: { ...dataset, events: [{ ...event, row: -0 }] } })).toThrow(/row is 0/);
    expect(() => serializeBundledData({ meta, dataset: { ...dataset, events: [{ ...event, title: new Date(0) as unknown as string }] } })).toThrow(/non-plain object/);
  });

  it('refuses a file that is not one', () => {
    expect(() => reviveBundledData('{"format":"something-else","version":1}')).toThrow(/not a deadringer-timeline\/dataset file/);
    expect(() => reviveBundledData('{"format":"deadringer-timeline/dataset","version":2}')).toThrow(/version 1/);
    expect(() => reviveBundledData('{"format":"deadringer-timeline/dataset","version":1,"dataset":{},"meta":{}}')).toThrow(/no clusters/);
    expect(() => reviveBundledData('not json')).toThrow(SyntaxError);
  });
});

describe('d3-time-format, left out of the build (src/vendor/d3-time-format-left-out.ts)', () => {
  // Vitest runs d3-scale as it is, so only the stand-in itself is checked here; the smoke test runs the built site.
  it('makes formatters, as scaleUtc does when a scale is created, which throw if ever called', () => {
    for (const make of [timeFormat, utcFormat]) {
      const format = make('%B');
      expect(() => format(new Date(0))).toThrow(/d3-time-format is left out of this build \(format "%B"\)/);
    }
  });
});
