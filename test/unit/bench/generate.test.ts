import { describe, expect, it } from 'vitest';
import { generateDataset, type GenerateOptions } from '../../../bench/generate.mjs';
import { loadDataset } from '../../../src/io/load';
import { eventSpan } from '../../../src/model/intervals';

function load(options: GenerateOptions) {
  const { eventsCsv, clustersCsv, stats } = generateDataset(options);
  const dataset = loadDataset({ events: { name: 'events.csv', text: eventsCsv }, clusters: { name: 'clusters.csv', text: clustersCsv } });
  return { dataset, stats, eventsCsv };
}

describe('the benchmark data generator', () => {
  it('gives the benchmark\'s shape by default: about 38 % periods, every precision, dates in 2010–2021, no problems', () => {
    const { dataset, stats } = load({ n: 3000, clusters: 5 });
    expect(dataset.problems).toEqual([]);
    expect(dataset.events).toHaveLength(3000);
    expect(stats.periods / stats.rows).toBeGreaterThan(0.34);
    expect(stats.periods / stats.rows).toBeLessThan(0.42);
    for (const count of Object.values(stats.precision)) expect(count).toBeGreaterThan(0);
    for (const event of dataset.events) {
      expect(event.start.earliest).toBeGreaterThanOrEqual(Date.UTC(2010, 0, 1));
      expect(event.start.latest).toBeLessThanOrEqual(Date.UTC(2022, 0, 1));
    }
  });

  it('makes the same files from the same options, and other files from another seed', () => {
    const options = { n: 500, clusters: 4, periods: 0.2, years: [2000, 2005], crowdedWeek: 0.3 } as const;
    expect(generateDataset(options).eventsCsv).toBe(generateDataset(options).eventsCsv);
    expect(generateDataset({ ...options, seed: 1 }).eventsCsv).not.toBe(generateDataset(options).eventsCsv);
  });

  it('gives points only with periods 0, besides each cluster\'s operating period', () => {
    const { dataset, stats } = load({ n: 2000, clusters: 4, periods: 0 });
    expect(dataset.problems).toEqual([]);
    expect(stats.periods).toBe(4);
    expect(dataset.events.filter((e) => e.end !== null).map((e) => e.kind)).toEqual(['operating', 'operating', 'operating', 'operating']);
  });

  it('keeps every date, open ends aside, inside the years asked for, down to a single year', () => {
    for (const years of [[1995, 2026], [2020, 2020]] as const) {
      const { dataset } = load({ n: 2000, clusters: 8, years });
      expect(dataset.problems).toEqual([]);
      for (const event of dataset.events) {
        const span = eventSpan(event, Date.UTC(years[1] + 1, 0, 1));
        expect(span.from).toBeGreaterThanOrEqual(Date.UTC(years[0], 0, 1));
        if (event.end !== 'open') expect(span.to).toBeLessThanOrEqual(Date.UTC(years[1] + 1, 0, 1));
      }
    }
  });

  it('draws every date but the operating periods\' from one week with crowdedWeek 1', () => {
    const { dataset } = load({ n: 2000, clusters: 3, crowdedWeek: 1 });
    expect(dataset.problems).toEqual([]);
    const others = dataset.events.filter((e) => e.kind !== 'operating');
    // Every day-precise start is in the week; a coarser one (a month, a quarter, a year) holds it.
    const days = others.filter((e) => e.start.precision === 'day').map((e) => e.start.earliest);
    const weekFrom = Math.min(...days);
    expect(Math.max(...days) - weekFrom).toBeLessThan(7 * 86_400_000);
    for (const event of others) expect(event.start.earliest <= weekFrom + 7 * 86_400_000 && event.start.latest > weekFrom).toBe(true);
  });

  it('takes 1 to 26 clusters, and refuses options out of range', () => {
    expect(load({ n: 300, clusters: 1 }).dataset.problems).toEqual([]);
    expect(load({ n: 3000, clusters: 26 }).dataset.clusters).toHaveLength(26);
    expect(() => generateDataset({ n: 100, clusters: 27 })).toThrow(/clusters/);
    expect(() => generateDataset({ n: 100, periods: 1.5 })).toThrow(/periods/);
    expect(() => generateDataset({ n: 100, years: [2021, 2010] })).toThrow(/years/);
    expect(() => generateDataset({ n: 100, crowdedWeek: -0.1 })).toThrow(/crowdedWeek/);
  });
});
