import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/io/load';
import { parseCsv } from '../../../src/io/parse-csv';
import type { Dataset, Problem } from '../../../src/model/types';

const fixture = (name: string) => ({ name, text: readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8') });

function problemAt(dataset: Dataset, row: number, column?: string): Problem {
  const found = dataset.problems.find((p) => p.row === row && (column === undefined || p.column === column));
  if (!found) throw new Error(`no problem at row ${row} ${column ?? ''}: ${JSON.stringify(dataset.problems, null, 1)}`);
  return found;
}

describe('loadDataset with valid files', () => {
  const dataset = loadDataset({ events: fixture('events-valid.csv'), clusters: fixture('clusters.csv') });

  it('reads every row with no problems', () => {
    expect(dataset.problems).toEqual([]);
    expect(dataset.events.map((e) => e.id)).toEqual(['x-op', 'x-act', 'y-tool', 'ctx-cve']);
    expect(dataset.clusters.map((c) => c.id)).toEqual(['X', 'Y']);
  });

  it('keeps quoted commas, quotes and newlines inside cells', () => {
    const byId = new Map(dataset.events.map((e) => [e.id, e]));
    expect(byId.get('x-act')!.summary).toBe('Intrusions, with commas, and "quotes".');
    expect(byId.get('y-tool')!.title).toBe('Backdoor\nseen');
  });

  it('types every column', () => {
    const [op, act, tool, cve] = dataset.events;
    expect(op!.end).toBe('open');
    expect(op!.start.precision).toBe('year');
    expect(act!.tools).toEqual(['China Chopper', 'PcShare']);
    expect(act!.targets).toEqual(['telecoms', 'governments']);
    expect(act!.techniques).toEqual(['T1190', 'T1505.003']);
    expect(act!.confidence).toBe('moderate');
    expect(tool!.start.approximate).toBe(true);
    expect(tool!.contested).toBe(true);
    expect(tool!.techniques).toEqual(['T1543.003']);
    expect(tool!.sourceUrl).toBe('http://example.org/y');
    expect(cve!.cluster).toBe('context');
    expect(cve!.cves).toEqual(['CVE-2021-26855', 'CVE-2021-26857']);
    expect(cve!.end).toBeNull();
  });

  it('numbers rows the way a spreadsheet does, counting a multi-line cell as one row', () => {
    expect(dataset.events.map((e) => e.row)).toEqual([2, 3, 4, 5]);
  });

  it('reads the clusters file', () => {
    const [x, y] = dataset.clusters;
    expect(x).toMatchObject({
      label: 'Cluster X',
      name: 'Example Panda',
      attributionConfidence: 'moderate',
      aliases: ['Example Panda', 'EP'],
      mitreGroups: ['G0001'],
      color: '#0072b2',
      derived: false,
    });
    expect(y!.attributionConfidence).toBeNull();
  });
});

describe('loadDataset with an events file alone', () => {
  it('derives the clusters from the distinct cluster values, without warnings', () => {
    const dataset = loadDataset({ events: fixture('events-valid.csv') });
    expect(dataset.clusters.map((c) => [c.id, c.derived])).toEqual([
      ['X', true],
      ['Y', true],
    ]);
    expect(dataset.problems).toEqual([]);
  });
});

describe('CSV dialects', () => {
  it('removes a UTF-8 BOM, detects ";" and CRLF, skips blank lines and keeps row numbers', () => {
    const dataset = loadDataset({ events: fixture('events-bom-semicolon.csv') });
    expect(dataset.problems).toEqual([]);
    expect(dataset.events.map((e) => [e.id, e.row, e.title])).toEqual([
      ['b1', 2, 'Semicolon row'],
      ['b2', 4, 'Title; with semicolon'],
    ]);
  });

  it('detects a tab delimiter', () => {
    const table = parseCsv('id\tcluster\nx\tA\n', 't.tsv');
    expect(table.delimiter).toBe('\t');
    expect(table.records[0]!.cells).toEqual(['x', 'A']);
  });
});

describe('problems', () => {
  const dataset = loadDataset({ events: fixture('events-problems.csv'), clusters: fixture('clusters.csv') });
  const ids = dataset.events.map((e) => e.id);

  it('keeps the good rows', () => {
    expect(ids).toEqual(['ok-1', 'stranger', 'script-link', 'data-link', 'ok-2']);
  });

  it('names file, row, column and reason for each bad date', () => {
    expect(problemAt(dataset, 3, 'start')).toMatchObject({ file: 'events-problems.csv', severity: 'error' });
    expect(problemAt(dataset, 3, 'start').message).toMatch(/month 13 does not exist.*skipped/);
    expect(problemAt(dataset, 4, 'start').message).toMatch(/Q5/);
    expect(problemAt(dataset, 5, 'start').message).toMatch(/2020-Q4/);
    expect(problemAt(dataset, 6, 'start').message).toMatch(/not a date/);
    expect(problemAt(dataset, 7, 'start').message).toMatch(/2020-12-31/);
    expect(problemAt(dataset, 8, 'start').message).toMatch(/day 30/);
  });

  it('reports an end before the start', () => {
    expect(problemAt(dataset, 9, 'end').message).toMatch(/end \(2019\) is before start \(2021\)/);
  });

  it('reports a duplicate id and names the first row that used it', () => {
    expect(problemAt(dataset, 10, 'id').message).toMatch(/already used on row 2/);
  });

  it('reports an empty required cell', () => {
    expect(problemAt(dataset, 11, 'id').message).toMatch(/id is required/);
  });

  it('keeps an unknown cluster in a lane of its own and says so', () => {
    expect(problemAt(dataset, 12, 'cluster')).toMatchObject({ severity: 'warning' });
    expect(problemAt(dataset, 12, 'cluster').message).toMatch(/"Z" is not in clusters.csv/);
    expect(dataset.clusters.map((c) => c.id)).toEqual(['X', 'Y', 'Z']);
    expect(dataset.clusters[2]!.derived).toBe(true);
  });

  it('drops non-http(s) links, bad confidence and malformed technique IDs, but keeps the row', () => {
    const script = dataset.events.find((e) => e.id === 'script-link')!;
    expect(script.sourceUrl).toBeNull();
    expect(script.confidence).toBeNull();
    expect(script.techniques).toEqual(['T1078']);
    expect(problemAt(dataset, 13, 'source_url').message).toMatch(/only http\(s\) links.*javascript:/);
    expect(problemAt(dataset, 13, 'confidence').message).toMatch(/"sure" is not a confidence/);
    expect(problemAt(dataset, 13, 'techniques').message).toMatch(/"T99" is not an ATT&CK technique ID/);
    expect(dataset.events.find((e) => e.id === 'data-link')!.sourceUrl).toBeNull();
    expect(problemAt(dataset, 14, 'source_url').message).toMatch(/data:/);
  });

  it('skips a row with more cells than the header', () => {
    expect(problemAt(dataset, 15).message).toMatch(/11 cells but the header has 9/);
  });

  it('lists problems in row order, each with the file name', () => {
    const rows = dataset.problems.map((p) => p.row ?? 0);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(dataset.problems.every((p) => p.file === 'events-problems.csv')).toBe(true);
  });
});

describe('whole-file problems', () => {
  it('reports a missing required column once, naming it', () => {
    const dataset = loadDataset({ events: fixture('events-missing-column.csv') });
    expect(dataset.events).toEqual([]);
    expect(dataset.problems).toHaveLength(1);
    expect(dataset.problems[0]).toMatchObject({ row: 1, column: 'start', severity: 'error' });
    expect(dataset.problems[0]!.message).toMatch(/required column "start" is missing/);
  });

  it('reports an empty file', () => {
    const dataset = loadDataset({ events: { name: 'empty.csv', text: '' } });
    expect(dataset.events).toEqual([]);
    expect(dataset.problems[0]!.message).toMatch(/empty/);
  });

  it('reports a header with no rows', () => {
    const dataset = loadDataset({ events: { name: 'h.csv', text: 'id,cluster,kind,start,title\n' } });
    expect(dataset.problems[0]!.message).toMatch(/no data rows/);
  });

  it('reports an unclosed quote and keeps the rows before it', () => {
    const dataset = loadDataset({
      events: { name: 'q.csv', text: 'id,cluster,kind,start,title\na,X,intrusion,2020,Fine\nb,X,intrusion,2020,"Never closed\n' },
    });
    expect(dataset.events.map((e) => e.id)).toEqual(['a']);
    expect(dataset.problems.some((p) => p.row === 3 && /never closed/.test(p.message))).toBe(true);
  });

  it('warns about columns outside the schema and reads headers case-insensitively', () => {
    const dataset = loadDataset({ events: { name: 'c.csv', text: 'ID,Cluster,KIND,Start,Title,Colour\na,X,intrusion,2020,T,red\n' } });
    expect(dataset.events).toHaveLength(1);
    expect(dataset.problems).toHaveLength(1);
    expect(dataset.problems[0]!.message).toMatch(/"colour"/);
  });

  it('reads "Context" as the context lane and refuses a cluster called context', () => {
    const dataset = loadDataset({
      events: { name: 'e.csv', text: 'id,cluster,kind,start,title\na,Context,publication,2020,T\n' },
      clusters: { name: 'c.csv', text: 'id,label\ncontext,Nope\n' },
    });
    expect(dataset.events[0]!.cluster).toBe('context');
    expect(dataset.clusters).toEqual([]);
    expect(dataset.problems[0]!.message).toMatch(/reserved/);
  });
});

describe('problem codes', () => {
  const dataset = loadDataset({ events: fixture('events-problems.csv'), clusters: fixture('clusters.csv') });
  const codes = dataset.problems.map((p) => [p.row, p.column, p.code, p.params]);

  it('gives every problem a code and the values its sentence needs', () => {
    expect(codes).toEqual([
      [3, 'start', 'dateMonthOutOfRange', { field: 'start', month: '13' }],
      [4, 'start', 'dateQuarterOutOfRange', { field: 'start', quarter: 5 }],
      [5, 'start', 'dateQuarterFirst', { field: 'start', suggestion: '2020-Q4' }],
      [6, 'start', 'dateUnreadable', { field: 'start', text: 'yesterday' }],
      [7, 'start', 'dateWrongOrder', { field: 'start', day: 31, month: 12, year: '2020', suggestion: '2020-12-31' }],
      [8, 'start', 'dateDayOutOfRange', { field: 'start', day: '30', year: 2021, month: '02' }],
      [9, 'end', 'endBeforeStart', { start: '2021', end: '2019' }],
      [10, 'id', 'duplicateEventId', { id: 'ok-1', firstRow: 2 }],
      [11, 'id', 'requiredEmpty', { column: 'id' }],
      [12, 'cluster', 'clusterUnknown', { cluster: 'Z', clustersFile: 'clusters.csv' }],
      [13, 'confidence', 'confidenceInvalid', { value: 'sure' }],
      [13, 'source_url', 'urlScheme', { scheme: 'javascript:' }],
      [13, 'techniques', 'techniqueInvalid', { items: ['T99'] }],
      [14, 'source_url', 'urlScheme', { scheme: 'data:' }],
      [15, null, 'rowTooLong', { cells: 11, width: 9 }],
    ]);
  });

  it('keeps the English messages word for word', () => {
    expect(dataset.problems.map((p) => p.message)).toEqual([
      'start month 13 does not exist: months are 01 to 12; the row is skipped',
      'start quarter Q5 does not exist: quarters are Q1 to Q4; the row is skipped',
      'start quarters are written year first: 2020-Q4; the row is skipped',
      'start "yesterday" is not a date: use YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally with a leading ~; the row is skipped',
      'start is not in year-month-day order; if you mean 31 Dec 2020, write 2020-12-31; the row is skipped',
      'start day 30 does not exist in 2021-02; the row is skipped',
      'end (2019) is before start (2021); the row is skipped',
      'the id "ok-1" is already used on row 2; ids must be unique, so this row is skipped',
      'id is required but empty; the row is skipped',
      'the cluster "Z" is not in clusters.csv; its events are shown in a lane of their own',
      '"sure" is not a confidence: use high, moderate or low (or leave it empty); it is shown as unstated',
      'only http(s) links are shown; the javascript: link was dropped',
      '"T99" is not an ATT&CK technique ID like T1190 or T1505.003; ignored',
      'only http(s) links are shown; the data: link was dropped',
      'the row has 11 cells but the header has 9, so its cells may be shifted (an unquoted comma or delimiter?); the row is skipped',
    ]);
  });

  it('names whole-file and header problems', () => {
    const codesOf = (text: string) => loadDataset({ events: { name: 'e.csv', text } }).problems.map((p) => [p.code, p.params]);
    expect(codesOf('')).toEqual([['fileEmpty', {}]]);
    expect(codesOf('id,cluster,kind,start,title\n')).toEqual([['headerOnly', {}]]);
    expect(codesOf('id,cluster,kind,title\n')).toEqual([['missingColumn', { column: 'start', found: ['id', 'cluster', 'kind', 'title'], more: 0 }]]);
    expect(codesOf(`id,cluster,kind,start,title,${Array.from({ length: 12 }, (_, i) => `x${i}`).join(',')},id\na,X,intrusion,2020,T\n`)).toEqual([
      ['duplicateColumn', { column: 'id' }],
      ['unknownColumns', { columns: Array.from({ length: 10 }, (_, i) => `x${i}`), more: 2 }],
      ['rowTooShort', { cells: 5, width: 18 }],
    ]);
    expect(codesOf('id,cluster,kind,start,title,summary\na,X,intrusion,2020,T\nb,X,intrusion,2020,"open\n')).toEqual([
      ['rowTooShort', { cells: 5, width: 6 }],
      ['csvUnclosedQuote', {}],
    ]);
  });

  it('names the clusters file\'s problems', () => {
    const dataset = loadDataset({
      events: { name: 'e.csv', text: 'id,cluster,kind,start,title\na,X,intrusion,2020,T\n' },
      clusters: { name: 'c.csv', text: 'id,label,color,mitre_groups,source_url\nX,x,,,\nX,y,,,\ncontext,c,,,\nY,y,red,G1;g2,example.org\n' },
    });
    expect(dataset.problems.map((p) => [p.row, p.code, p.params])).toEqual([
      [3, 'duplicateClusterId', { id: 'X', firstRow: 2 }],
      [4, 'clusterReserved', { id: 'context' }],
      [5, 'colorInvalid', { value: 'red' }],
      [5, 'urlNotFull', { value: 'example.org' }],
      [5, 'groupInvalid', { items: ['G1', 'g2'] }],
    ]);
    expect(dataset.problems[4]!.message).toBe('"G1", "g2" are not ATT&CK group IDs like G0093; ignored');
  });
});

