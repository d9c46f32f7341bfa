/**
 * The header checks, read both ways a file is read: whole (parseCsv, then prepareTable as the
 * clusters file is read, or readEvents) and record by record as PapaParse streams it (streamCsv into
 * an EventsReader, as loadDataset, and so the Web Worker, reads the events file). Both must report
 * the same problems.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/i18n/problem-messages';
import { loadDataset } from '../../../src/io/load';
import { parseCsv, streamCsv } from '../../../src/io/parse-csv';
import { readClusters } from '../../../src/io/read-clusters';
import { EVENTS_SPEC, EventsReader, readEvents } from '../../../src/io/read-events';
import { cellValue, columnIndexes, prepareTable } from '../../../src/io/table-reader';
import type { Problem } from '../../../src/model/types';

const FILE = 'e.csv';

/** The events file read as it streams, as loadDataset reads it. */
function streamed(text: string) {
  const reader = new EventsReader(FILE);
  return reader.finish(streamCsv(text, FILE, reader));
}

/** The events file read whole: its header's and whole-table problems (prepareTable leaves the rows' to its caller). */
function whole(text: string): Problem[] {
  return prepareTable(parseCsv(text, FILE), { ...EVENTS_SPEC, file: FILE }).problems;
}

const unnamed = (problems: readonly Problem[]) => problems.filter((p) => p.code === 'unnamedColumns');

const csv = (rows: readonly (readonly string[])[]) => rows.map((row) => row.join(',')).join('\n');

describe('cells under a column whose header name is blank', () => {
  // Column 3 has no name; rows 3 and 5 have a value there.
  const text = csv([
    ['id', 'cluster', '', 'kind', 'start', 'title'],
    ['a', 'X', '', 'intrusion', '2020', 'T'],
    ['b', 'X', 'lost', 'intrusion', '2020', 'T'],
    ['c', 'X', ' ', 'intrusion', '2020', 'T'],
    ['d', 'X', 'also lost', 'intrusion', '2020', 'T'],
  ]);
  const expected: Problem = {
    file: FILE,
    row: 1,
    column: null,
    severity: 'warning',
    code: 'unnamedColumns',
    params: { columns: [3], more: 0, rows: 2, firstRow: 3 },
    message:
      'column 3 has no name in the header, so its cells are not read: 2 rows have a value in it, the first on row 3. ' +
      'Give the column a name, or delete it if its cells are not needed',
  };

  it('are reported once, at the header, when the file is read as it streams; the rows are kept', () => {
    const result = streamed(text);
    expect(result.problems).toEqual([expected]);
    expect(result.events.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(loadDataset({ events: { name: FILE, text } }).problems).toEqual([expected]);
  });

  it('are reported the same way when the file is read whole', () => {
    expect(whole(text)).toEqual([expected]);
    expect(readEvents(parseCsv(text, FILE), FILE).problems).toEqual([expected]);
    const clusters = readClusters(parseCsv('id,,label\nA,lost,Cluster A\nB,,Cluster B\n', 'c.csv'), 'c.csv');
    expect(clusters.clusters.map((c) => c.id)).toEqual(['A', 'B']);
    expect(clusters.problems.map((p) => [p.file, p.row, p.column, p.code, p.params])).toEqual([
      ['c.csv', 1, null, 'unnamedColumns', { columns: [2], more: 0, rows: 1, firstRow: 2 }],
    ]);
    expect(clusters.problems[0]!.message).toBe(
      'column 2 has no name in the header, so its cells are not read: 1 row has a value in it (row 2). Give the column a name, or delete it if its cells are not needed',
    );
  });

  it('are reported once for a file of many rows, counting the rows', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`e-${i}`, 'X', i % 2 ? 'lost' : '', 'intrusion', '2020', 'T']);
    const big = csv([['id', 'cluster', '', 'kind', 'start', 'title'], ...rows]);
    const problems = streamed(big).problems;
    expect(problems.map((p) => [p.row, p.code, p.params])).toEqual([[1, 'unnamedColumns', { columns: [3], more: 0, rows: 10_000, firstRow: 3 }]]);
    expect(whole(big)).toEqual(problems);
  });

  it('name the first ten such columns and say how many more there are, leaving out blank-named columns with nothing under them', () => {
    // Columns 6–30 have no name: 6, 8, 10 … 24 are empty on every row; 7, 9 … 25 and 26–30 have values.
    const blanks = Array.from({ length: 25 }, () => '');
    const header = ['id', 'cluster', 'kind', 'start', 'title', ...blanks];
    const filled = (row: number) => [`e-${row}`, 'X', 'intrusion', '2020', 'T', ...blanks.map((_, i) => (i % 2 === 1 || i >= 20 ? `v${row}` : ''))];
    const text = csv([header, filled(2), filled(3)]);
    const [problem, ...others] = streamed(text).problems;
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ row: 1, column: null, severity: 'warning', code: 'unnamedColumns' });
    expect(problem!.params).toEqual({ columns: [7, 9, 11, 13, 15, 17, 19, 21, 23, 25], more: 5, rows: 2, firstRow: 2 });
    expect(problem!.message).toBe(
      'columns 7, 9, 11, 13, 15, 17, 19, 21, 23, 25 and 5 more have no name in the header, so their cells are not read: ' +
        '2 rows have a value in them, the first on row 2. Give the columns names, or delete them if their cells are not needed',
    );
    expect(formatProblem(problem!, 'it')).toBe(
      'le colonne 7, 9, 11, 13, 15, 17, 19, 21, 23, 25 e altre 5 non hanno un nome nell’intestazione, quindi le loro celle non vengono lette: ' +
        '2 righe hanno un valore in queste colonne, la prima è la riga 2. Dai un nome alle colonne, oppure eliminale se le loro celle non servono',
    );
    expect(whole(text)).toEqual([problem]);
  });

  it('say nothing when every cell under them is blank, as after a spreadsheet export\'s trailing delimiters', () => {
    for (const text of [
      'id,cluster,kind,start,title,,,\na,X,intrusion,2020,T,,,\nb,X,intrusion,2020,T, ,,\n',
      'id,,cluster,kind,start,title\na,,X,intrusion,2020,T\n',
    ]) {
      expect(streamed(text).problems, text).toEqual([]);
      expect(whole(text), text).toEqual([]);
    }
  });

  it('say nothing more when a required column is missing, as no row is read at all', () => {
    const text = 'id,cluster,,kind,title\na,X,lost,intrusion,T\n';
    expect(streamed(text).problems.map((p) => p.code)).toEqual(['missingColumn']);
    expect(whole(text).map((p) => p.code)).toEqual(['missingColumn']);
  });
});

describe('a missing required column in a header of thousands of columns', () => {
  const extra = Array.from({ length: 3000 }, (_, i) => `extra_column_with_a_long_name_${i}`);
  const text = `${['id', 'cluster', 'kind', ...extra].join(',')}\na,X,intrusion\n`;

  it('lists the first ten columns found and how many more there are, once per missing column', () => {
    const problems = streamed(text).problems.filter((p) => p.code === 'missingColumn');
    expect(problems.map((p) => p.column)).toEqual(['start', 'title']);
    for (const problem of problems) {
      expect(problem.params).toMatchObject({ more: 3003 - 10 });
      expect((problem.params as { found: readonly string[] }).found).toHaveLength(10);
      expect(problem.message.length).toBeLessThan(600);
      expect(problem.message).toMatch(/\(columns found: id, cluster, kind, extra_column_with_a_long_name_…, .* and 2993 more\)$/);
      expect(formatProblem(problem, 'it')).toMatch(/ e altre 2993\)$/);
      expect(formatProblem(problem, 'it').length).toBeLessThan(700);
    }
    expect(whole(text).filter((p) => p.code === 'missingColumn')).toEqual(problems);
  });
});

describe('both ways of reading a file', () => {
  it('give the same header and whole-table problems', () => {
    const texts = [
      'id,cluster,kind,start,title\n',
      'id,cluster,kind,start,title,,notes,\na,X,intrusion,2020,T,x,,y\n',
      ',id,cluster,kind,start,title\n0,a,X,intrusion,2020,T\n1,b,X,intrusion,2021,T\n',
      'id,cluster,kind,start,title,title,,colour\na,X,intrusion,2020,T,U,lost,red\n',
    ];
    for (const text of texts) {
      const headerCodes = new Set(['headerOnly', 'duplicateColumn', 'missingColumn', 'unknownColumns', 'unnamedColumns']);
      const fromStream = streamed(text).problems.filter((p) => headerCodes.has(p.code!));
      expect(whole(text), text).toEqual(fromStream);
    }
    expect(unnamed(streamed(texts[2]!).problems).map((p) => p.params)).toEqual([{ columns: [1], more: 0, rows: 2, firstRow: 2 }]);
  });
});

describe('reading a cell', () => {
  it('trims it, and drops the guard a spreadsheet-safe export puts before a formula-like value', () => {
    expect(cellValue(undefined)).toBe('');
    expect(cellValue('  x \t')).toBe('x');
    expect(cellValue(" '=1+1 ")).toBe('=1+1');
    expect(cellValue("'+44 20")).toBe('+44 20');
    expect(cellValue("'x")).toBe("'x");
    expect(cellValue("''=x")).toBe("''=x");
  });

  it('finds each column once per file, -1 for one the file does not have', () => {
    const columns = new Map([
      ['id', 0],
      ['title', 2],
    ]);
    expect(columnIndexes(columns, ['id', 'title', 'summary'])).toEqual({ id: 0, title: 2, summary: -1 });
  });
});
