import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clustersToCsv, eventsToCsv, neutraliseFormula } from '../../../src/export/csv';
import { EVENT_COLUMNS } from '../../../src/io/columns';
import { loadDataset } from '../../../src/io/load';
import { parseCsv } from '../../../src/io/parse-csv';

const read = (name: string) => readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8');
const bundled = loadDataset({ events: { name: 'events.csv', text: read('events.csv') }, clusters: { name: 'clusters.csv', text: read('clusters.csv') } });
/** Rows without their spreadsheet row number, which depends on where a row sits in its file. */
const rows = (events: readonly { row: number }[]) => events.map(({ row: _row, ...rest }) => rest);

describe('neutraliseFormula', () => {
  it('puts an apostrophe before every cell a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://evil")']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves ordinary cells alone', () => {
    for (const cell of ['', 'Soft Cell', '2021-Q1', '~2020', 'a=b', "it's", 'T1190;T1505.003']) expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('eventsToCsv', () => {
  it('writes the events.csv schema, every column in the bundled order', () => {
    const header = parseCsv(eventsToCsv(bundled.events), 'x.csv').header;
    expect(header).toEqual([...EVENT_COLUMNS]);
    expect(header).toEqual(parseCsv(read('events.csv'), 'events.csv').header);
  });

  it('loads back into the app unchanged (bundled data)', () => {
    const again = loadDataset({ events: { name: 'export.csv', text: eventsToCsv(bundled.events) }, clusters: { name: 'clusters.csv', text: clustersToCsv(bundled.clusters) } });
    expect(again.problems).toEqual([]);
    expect(rows(again.events)).toEqual(rows(bundled.events));
    expect(again.clusters).toEqual(bundled.clusters);
  });

  it('loads back unchanged even when cells look like formulas, and a spreadsheet sees only text', () => {
    const text = [
      'id,cluster,kind,start,end,title,summary,tools,source_url',
      'f1,A,intrusion,2020,,=HYPERLINK("http://evil.example"),"+1 more, then -2",@tool;-x,https://example.org/',
      'f2,context,publication,2021-03-02,,"-leading dash","\ttabbed",,https://example.org/2',
    ].join('\n');
    const original = loadDataset({ events: { name: 'e.csv', text } });
    expect(original.problems).toEqual([]);
    const exported = eventsToCsv(original.events);
    for (const record of parseCsv(exported, 'x.csv').records) {
      for (const cell of record.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const again = loadDataset({ events: { name: 'export.csv', text: exported } });
    expect(again.problems).toEqual([]);
    expect(rows(again.events)).toEqual(rows(original.events));
  });

  it('exports only the rows it is given', () => {
    const onlyB = bundled.events.filter((e) => e.cluster === 'B');
    expect(parseCsv(eventsToCsv(onlyB), 'x.csv').records).toHaveLength(onlyB.length);
  });
});
