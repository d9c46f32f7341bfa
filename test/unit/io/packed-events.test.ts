import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalHttpUrl } from '../../../src/io/cells';
import { loadDataset } from '../../../src/io/load';
import { EventPacker, PackedBatchReader, plainEvent, transferablesOf, type PackedEvents } from '../../../src/io/packed-events';
import type { TimelineEvent } from '../../../src/model/types';

const fixture = (name: string) => ({ name, text: readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8') });

function unpackAll(batches: readonly PackedEvents[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const batch of batches) {
    const reader = new PackedBatchReader(batch);
    while (!reader.done) events.push(reader.next());
  }
  return events;
}

function packAll(events: readonly TimelineEvent[], batchSize: number): PackedEvents[] {
  const packer = new EventPacker();
  const batches: PackedEvents[] = [];
  for (const event of events) {
    packer.add(event);
    if (packer.size >= batchSize) batches.push(packer.flush()!);
  }
  const last = packer.flush();
  if (last) batches.push(last);
  return batches;
}

describe('packed events (the worker’s hand-over)', () => {
  const datasets = [
    loadDataset({ events: fixture('events-valid.csv'), clusters: fixture('clusters.csv') }),
    loadDataset({ events: fixture('events-problems.csv') }),
    loadDataset({ events: fixture('events-bom-semicolon.csv') }),
  ];

  it('rebuilds the same events, with the same keys, in batches of any size', () => {
    for (const dataset of datasets) {
      expect(dataset.events.length).toBeGreaterThan(0);
      for (const size of [1, 3, 1000]) expect(unpackAll(packAll(dataset.events, size)).map(plainEvent)).toStrictEqual(dataset.events);
    }
  });

  it('keeps every date form, open and missing ends, nulls, flags and lists', () => {
    const csv = [
      'id,cluster,kind,start,end,title,confidence,contested,targets,tools,techniques,cves,source_url,summary',
      'a,A,activity,2018,..,T1,high,true,x;y,,T1190,,https://example.org/a,"Ünïcødé, ""quoted"""',
      'b,B,intrusion,~2020-Q4,2021-03,T2,,false,,z,,CVE-2021-1234,,',
      'c,context,publication,2021-03-02,,T3,low,,,,,,,',
      'd,A,tooling,~2019-07,~2019-08-15,T4,moderate,,a;b;c,d;e,T1059.001;T1105,,http://example.org,',
    ].join('\n');
    const { events } = loadDataset({ events: { name: 'e.csv', text: csv } });
    expect(events).toHaveLength(4);
    expect(unpackAll(packAll(events, 2)).map(plainEvent)).toStrictEqual(events);
  });

  it('shares equal dates and empty lists between the events it rebuilds, across batches', () => {
    const csv = [
      'id,cluster,kind,start,end,title,targets',
      'a,A,intrusion,2020-03-02,,T1,x',
      'b,A,intrusion,2020-03-02,~2020-Q4,T2,',
      'c,B,tooling,~2020-Q4,2021,T3,',
      'd,B,tooling,2020-03-02,~2020-Q4,T4,',
    ].join('\n');
    const { events } = loadDataset({ events: { name: 'e.csv', text: csv } });
    const rebuilt = unpackAll(packAll(events, 2));
    expect(rebuilt.map(plainEvent)).toStrictEqual(events);
    const [a, b, c, d] = rebuilt as [TimelineEvent, TimelineEvent, TimelineEvent, TimelineEvent];
    // One object per distinct date, in one batch and the next; an approximate date is another date.
    expect(b.start).toBe(a.start);
    expect(d.start).toBe(a.start);
    expect(d.end).toBe(b.end);
    expect(c.start).toBe(b.end);
    expect(c.start).not.toBe(a.start);
    // One empty list for all of them; a list with items is its own.
    expect(b.targets).toBe(c.tools);
    expect(b.targets).toHaveLength(0);
    expect(a.targets).toEqual(['x']);
  });

  it('keeps every string of big batches, whose strings are joined a thousand at a time', () => {
    const rows = Array.from({ length: 700 }, (_, i) =>
      [`e-${i}`, 'A', 'intrusion', '2020-03-02', i % 3 ? '' : '..', `Title ${i}`, i % 2 ? '' : `"Ünïcødé, ""${i}"""`, '', i % 5 ? 'x;y' : '', 'T1190;T1105', 'CVE-2021-1234', `https://example.org/${i}`].join(','),
    );
    const csv = ['id,cluster,kind,start,end,title,summary,summary_it,targets,techniques,cves,source_url', ...rows].join('\n');
    const { events } = loadDataset({ events: { name: 'e.csv', text: csv } });
    expect(events).toHaveLength(700);
    for (const size of [1, 99, 700]) expect(unpackAll(packAll(events, size)).map(plainEvent)).toStrictEqual(events);
  });

  it('cuts an event\'s texts and lists when first read, in any order, and gives the same ones after', () => {
    const { events } = loadDataset({ events: fixture('events-valid.csv'), clusters: fixture('clusters.csv') });
    const rebuilt = unpackAll(packAll(events, 4));
    // Read backwards, from the last list to the title, then again.
    for (const [i, event] of [...rebuilt.entries()].reverse()) {
      const original = events[i]!;
      const fields = ['cves', 'techniques', 'tools', 'targets', 'sourceUrl', 'sourceTitle', 'summaryIt', 'summary', 'title'] as const;
      for (const field of fields) expect(event[field]).toStrictEqual(original[field]);
      for (const field of fields) expect(event[field]).toBe(event[field]);
    }
  });

  it('writes the same JSON as the event it was packed from, and has only the chart\'s fields of its own', () => {
    const { events } = loadDataset({ events: fixture('events-valid.csv'), clusters: fixture('clusters.csv') });
    const rebuilt = unpackAll(packAll(events, 3));
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(events));
    // Nothing of the batch (its whole text) shows as a property of an event.
    expect(Object.keys(rebuilt[0]!).sort()).toEqual(['cluster', 'confidence', 'contested', 'end', 'id', 'kind', 'row', 'start']);
  });

  it('hands its numbers over in buffers that can be transferred', () => {
    const [batch] = packAll(datasets[0]!.events, 1000);
    expect(transferablesOf(batch!)).toHaveLength(3);
    expect(transferablesOf(batch!).every((buffer) => buffer instanceof ArrayBuffer)).toBe(true);
  });
});

describe('isCanonicalHttpUrl (the URL check’s fast path)', () => {
  it('says yes only to URLs the URL parser gives back unchanged', () => {
    const chars = 'aZ09-._~!$&()*+,;=:@/?#%\'"` <>\\^{}|[]xX.é\t';
    const part = fc.string({ unit: fc.constantFrom(...chars.split('')), maxLength: 12 });
    const host = fc.constantFrom('example.org', 'a.b', 'xn--abc.com', '127.0.0.1', 'a.123', 'ex-ample.org', 'a..b', 'EXAMPLE.org', 'a.0x1', 'b9.c');
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://'), host, fc.oneof(part, part.map((p) => `/${p}`)), (scheme, name, rest) => {
        const value = `${scheme}${name}${rest}`;
        if (isCanonicalHttpUrl(value)) expect(new URL(value).href).toBe(value);
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the common forms', () => {
    for (const url of ['https://example.org/r/1', 'http://a.b/c?d=e&f=g#h', 'https://attack.mitre.org/techniques/T1190/']) {
      expect(isCanonicalHttpUrl(url)).toBe(true);
    }
    for (const url of ['https://example.org', 'HTTPS://example.org/', 'https://example.org/a/../b', 'https://example.org:443/', 'https://127.0.0.1/']) {
      expect(isCanonicalHttpUrl(url)).toBe(false);
    }
  });
});
