/**
 * Property-based tests of the loader (fast-check): random and mutated CSV text never makes
 * loadDataset throw, never loses a valid row, and every row it skips is reported.
 *
 * What "a row" is: a record as an RFC 4180 reader sees it. A quoted cell may hold line breaks, so
 * one record can span several lines, and a quote that is opened and never (properly) closed makes
 * the rest of the file part of that one cell: those lines are then one record, reported once as
 * an unclosed or stray quote, and no longer rows of their own. Hence two properties:
 *
 * 1. Survival — valid rows with garbage rows between them, where each garbage row is one record
 *    (it may be any text, with any number of cells, and quoted cells holding anything, but every
 *    cell that opens a quote closes it): every valid row is kept, with its id, its values and the
 *    row number of its record.
 * 2. Accounting — any text at all (random, or a valid file mutated: delimiters, quotes, line
 *    breaks, BOMs and other characters inserted, dropped or doubled, the text cut short): let the
 *    records be those of the text read by PapaParse as the loader reads it (BOM removed, CRLF and
 *    lone CR made LF, the delimiter the header line uses), each numbered by its position from 1;
 *    the header the first record that is not blank; and the data records the records after it that
 *    are not blank, or that PapaParse reports a quote error on (`,"` is a broken row even though its
 *    cells come out empty). Then:
 *    - when the header has every required column, each data record is either kept as an event with
 *      its number as `row`, or has at least one error problem with that row — never both; no event
 *      has any other row; an error's row is a data record, the header, or a broken record before
 *      the header; so kept + skipped = data records;
 *    - when it does not, nothing is kept and an error says which column is missing (or that the
 *      file is empty);
 *    - every problem's row is null (the whole file) or a line of the text (1 … number of lines,
 *      counting CRLF, LF and CR each as one line end), and has a reason in English and Italian;
 *      events come in file order, each row once.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/i18n/problem-messages';
import { loadDataset } from '../../../src/io/load';
import { detectDelimiter } from '../../../src/io/delimiter';
import { EVENTS_SPEC } from '../../../src/io/read-events';
import type { Dataset } from '../../../src/model/types';

const HEADER = ['id', 'cluster', 'kind', 'start', 'end', 'title', 'summary'];
const RUNS = { numRuns: 200 };
/** Room for a slow or busy machine; a run takes a few seconds. */
const TIMEOUT = 30_000;

/** Lines as a person counts them in an editor: CRLF, LF and a lone CR each end one. */
function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

// ——— Valid rows ———

const year = fc.integer({ min: 1900, max: 2199 });
const two = (n: number) => String(n).padStart(2, '0');
const validDate = fc.oneof(
  year.map(String),
  fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${two(m)}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${two(m)}-${two(d)}`),
);
const anyText = fc.string({ unit: 'grapheme', maxLength: 30 });
/** A required text cell: anything that is not blank and does not start like an exported formula guard. */
const requiredText = anyText.filter((s) => s.trim() !== '' && !/^'[=+\-@\t\r]/.test(s.trim()));

interface ValidRow {
  readonly cluster: string;
  readonly kind: string;
  readonly start: string;
  readonly end: string;
  readonly title: string;
  readonly summary: string;
}

const validRow: fc.Arbitrary<ValidRow> = fc.record({
  cluster: fc.oneof(fc.constantFrom('A', 'B', 'context', 'Context', 'clusters', 'a,b', '#x'), requiredText),
  kind: fc.oneof(fc.constantFrom('intrusion', 'activity', 'tooling'), requiredText),
  start: fc.tuple(fc.boolean(), validDate).map(([approx, date]) => (approx ? `~${date}` : date)),
  end: fc.constantFrom('', '..'),
  // Free text full of another delimiter must not change the delimiter the header has.
  title: fc.oneof(requiredText, fc.constantFrom('a, b, c, d, e, f, g, h, i, j', 'a; b; c; d; e; f; g; h; i; j', 'a\tb\tc\td\te\tf\tg\th\ti\tj')),
  summary: fc.oneof(anyText, fc.constantFrom(',,,,,,,,,,,,,,,,', ';;;;;;;;;;;;;;;;', '\t\t\t\t\t\t\t\t\t\t\t\t')),
});

/** A cell as a careful writer puts it: quoted, with quotes doubled, when it holds the delimiter, a quote or a line break. */
function quoteIfNeeded(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

// ——— Garbage rows that are each one record ———

const interesting = fc.constantFrom(
  '',
  ' ',
  '\uFEFF',
  '\uFFFD',
  '\u0000',
  '~',
  '..',
  '2021-13-01',
  '2020-Q5',
  'Q4 2020',
  '31/12/2020',
  '03/04/2020',
  '2021-02-30',
  '2021-03-02T10:00Z',
  '1899',
  'context',
  'high',
  'sure',
  'true',
  'maybe',
  '=1+1',
  "'=guarded",
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  'data:text/html,x',
  'https://example.org/',
  'T1190;T99',
  'CVE-2021-1;x',
  'x'.repeat(500),
  'ab"c',
  'a""b',
);
/**
 * A cell of a garbage row. Unquoted: any text without the delimiter or a line break, and not
 * starting with a quote (a quote inside an unquoted cell is a character like any other). Quoted:
 * any text at all, quotes doubled.
 */
const garbageCell = (delimiter: string) =>
  fc.oneof(
    fc.oneof(anyText, fc.string({ unit: 'binary', maxLength: 30 }), interesting).map((s) => {
      const flat = s.replace(/[\r\n]/g, ' ').split(delimiter).join(' ');
      return flat.startsWith('"') ? `x${flat}` : flat;
    }),
    fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), interesting).map((s) => `"${s.replace(/"/g, '""')}"`),
  );
const garbageRow = (delimiter: string) => fc.array(garbageCell(delimiter), { maxLength: 9 }).map((cells) => cells.join(delimiter));

/**
 * How a file is written: its delimiter, its line ends (one kind, or several kinds taken in turn,
 * as when rows written on one system are added to a file from another), a BOM or not, and a line
 * end after the last row or not.
 */
const dialect = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  lineEnds: fc.oneof(
    fc.constantFrom('\n', '\r\n', '\r').map((end) => [end]),
    fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 2, maxLength: 4 }),
  ),
  bom: fc.boolean(),
  finalLineEnd: fc.boolean(),
});

/**
 * Joins lines with the dialect's line ends, taken in turn. A CR followed by an empty line that ends
 * in LF would be one CRLF, not two line ends: that empty line ends in CR as well.
 */
function joinLines(lines: readonly string[], d: { lineEnds: readonly string[]; bom: boolean; finalLineEnd: boolean }): string {
  let body = '';
  let previous = '';
  lines.forEach((line, i) => {
    let end = d.lineEnds[i % d.lineEnds.length]!;
    if (line === '' && previous === '\r' && end.startsWith('\n')) end = '\r';
    body += i < lines.length - 1 || d.finalLineEnd ? line + end : line;
    previous = end;
  });
  return `${d.bom ? '\uFEFF' : ''}${body}`;
}

/** A file of valid rows with garbage rows between them, and where each valid row's record is. */
const fileWithGarbage = dialect.chain((d) =>
  fc
    .tuple(
      fc.array(validRow, { minLength: 1, maxLength: 8 }),
      fc.array(fc.array(garbageRow(d.delimiter), { maxLength: 2 }), { minLength: 9, maxLength: 9 }),
    )
    .map(([valid, garbage]) => {
      const lines = [HEADER.join(d.delimiter)];
      const expected: { id: string; row: number; values: ValidRow }[] = [];
      valid.forEach((values, index) => {
        lines.push(...garbage[index]!);
        const id = `valid-${index}`;
        expected.push({ id, row: lines.length + 1, values });
        const cells = [id, values.cluster, values.kind, values.start, values.end, values.title, values.summary];
        lines.push(cells.map((cell) => quoteIfNeeded(cell, d.delimiter)).join(d.delimiter));
      });
      lines.push(...garbage[valid.length]!);
      return { text: joinLines(lines, d), expected, garbage: garbage.flat(), delimiter: d.delimiter };
    }),
);

/** How the loader reads line ends (see the header comment): every CRLF and lone CR made LF. */
const normalised = (text: string) => text.replace(/\r\n?/g, '\n');
const sameLines = (text: string) => normalised(text).trim();

describe('valid rows survive garbage rows between them', () => {
  it('keeps every valid row, with its values and the row number of its record', () => {
    fc.assert(
      fc.property(fileWithGarbage, ({ text, expected, garbage, delimiter }) => {
        // A garbage row whose first cell is a valid row's id would make that row a duplicate.
        fc.pre(!garbage.some((row) => /^"?valid-\d+/.test(row.split(delimiter)[0]!.trim())));
        const dataset = loadDataset({ events: { name: 'e.csv', text } });
        const events = new Map(dataset.events.map((e) => [e.id, e]));
        for (const { id, row, values } of expected) {
          const event = events.get(id);
          expect(event, `${id} lost: ${JSON.stringify(dataset.problems.filter((p) => p.row === row))}`).toBeDefined();
          expect(event!.row).toBe(row);
          expect(sameLines(event!.title)).toBe(sameLines(values.title));
          expect(sameLines(event!.summary)).toBe(sameLines(values.summary.replace(/^'(?=[=+\-@\t\r])/, '')));
          expect(event!.end === null ? '' : event!.end === 'open' ? '..' : 'date').toBe(values.end);
          expect(event!.start.approximate).toBe(values.start.startsWith('~'));
        }
        checkAccounting(text, dataset);
      }),
      RUNS,
    );
  }, TIMEOUT);
});

// ——— Accounting: every data record is kept or reported ———

const REQUIRED = EVENTS_SPEC.required;

/** The records as the loader reads them, by an independent PapaParse run (see the header comment). */
function recordsOf(text: string): { header: string[] | null; headerRow: number; data: { row: number; cells: string[] }[]; unreadableRows: Set<number> } {
  const input = normalised(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const parsed = Papa.parse<string[]>(input, { header: false, skipEmptyLines: false, delimiter: detectDelimiter(input), newline: '\n' });
  const rows = parsed.data;
  // A record PapaParse could not read (a bad quote) counts even when its cells came out empty.
  const unreadable = new Set(parsed.errors.flatMap((error) => (typeof error.row === 'number' ? [error.row] : [])));
  const blank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
  const headerIndex = rows.findIndex((cells) => !blank(cells));
  const unreadableRows = new Set([...unreadable].map((index) => index + 1));
  if (headerIndex < 0) return { header: null, headerRow: 0, data: [], unreadableRows };
  const data = rows.flatMap((cells, index) => (index > headerIndex && (!blank(cells) || unreadable.has(index)) ? [{ row: index + 1, cells }] : []));
  return { header: rows[headerIndex]!.map((name) => name.trim().toLowerCase()), headerRow: headerIndex + 1, data, unreadableRows };
}

function checkAccounting(text: string, dataset: Dataset): void {
  const lines = lineCount(text);
  for (const problem of dataset.problems) {
    if (problem.row !== null) {
      expect(problem.row).toBeGreaterThanOrEqual(1);
      expect(problem.row).toBeLessThanOrEqual(lines);
    }
    expect(problem.message.trim()).not.toBe('');
    expect(formatProblem(problem, 'it').trim()).not.toBe('');
    expect(['error', 'warning']).toContain(problem.severity);
  }
  const { header, headerRow, data, unreadableRows } = recordsOf(text);
  const errorRows = new Set(dataset.problems.filter((p) => p.severity === 'error').map((p) => p.row));
  const keptRows = dataset.events.map((e) => e.row);
  // Rows are kept in file order, each once.
  expect(keptRows).toEqual([...new Set(keptRows)].sort((a, b) => a - b));

  if (header === null) {
    expect(dataset.events).toEqual([]);
    expect(dataset.problems.map((p) => p.code)).toContain('fileEmpty');
    return;
  }
  if (!REQUIRED.every((name) => header.includes(name))) {
    expect(dataset.events).toEqual([]);
    expect(dataset.problems.some((p) => p.code === 'missingColumn' && p.row === headerRow && p.severity === 'error')).toBe(true);
    return;
  }
  const dataRows = new Set(data.map((record) => record.row));
  const kept = new Set(keptRows);
  for (const { row } of data) {
    // Exactly one of: kept, or skipped with an error that says so.
    expect(kept.has(row) !== errorRows.has(row), `row ${row}: kept ${kept.has(row)}, error ${errorRows.has(row)}`).toBe(true);
  }
  for (const row of kept) expect(dataRows.has(row), `kept row ${row} is not a data record`).toBe(true);
  for (const row of errorRows) {
    // An error is on a data record, on the header, or on a record before the header that could not be read.
    if (row !== null && row !== headerRow && !unreadableRows.has(row)) expect(dataRows.has(row), `error on row ${row}, which is not a data record`).toBe(true);
  }
  // So the data records are exactly the kept rows plus the rows skipped with an error.
  const skipped = data.filter((record) => errorRows.has(record.row)).length;
  expect(dataset.events.length + skipped).toBe(data.length);
}

/** A valid file to start mutating from. */
const validFile = dialect.chain((d) =>
  fc.array(validRow, { minLength: 1, maxLength: 8 }).map((rows) => {
    const lines = [HEADER.join(d.delimiter), ...rows.map((r, i) => [`v${i}`, r.cluster, r.kind, r.start, r.end, r.title, r.summary].map((c) => quoteIfNeeded(c, d.delimiter)).join(d.delimiter))];
    return joinLines(lines, d);
  }),
);

/** One edit of the text; positions are fractions of its length so that they stay inside it. */
type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const insertion = fc.oneof(
  fc.constantFrom(',', ';', '\t', '"', '""', '\n', '\r', '\r\n', '\uFEFF', '\uFFFD', '\u0000', ',,,', '"\n', '\n"', '\\'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: insertion }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    switch (m.kind) {
      case 'insert':
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case 'duplicate':
        out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

describe('every row the loader skips is reported', () => {
  it('for a valid file mutated by inserted, dropped and doubled delimiters, quotes, line breaks, BOMs and characters, and cut short', () => {
    fc.assert(
      fc.property(validFile, fc.array(mutation, { minLength: 1, maxLength: 6 }), (file, mutations) => {
        const text = mutate(file, mutations);
        let dataset!: Dataset;
        expect(() => (dataset = loadDataset({ events: { name: 'm.csv', text } }))).not.toThrow();
        checkAccounting(text, dataset);
      }),
      RUNS,
    );
  }, TIMEOUT);

  it('for random text made of CSV-significant characters under a valid header', () => {
    const piece = fc.constantFrom('a', '2020', 'x,y', ',', ';', '\t', '\n', '\r', '\r\n', '"', '""', ' ', '\uFEFF', '\uFFFD', '~', '..', 'Q4');
    const body = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.constantFrom(',', ';'), body, (delimiter, rest) => {
        const text = `${['id', 'cluster', 'kind', 'start', 'title'].join(delimiter)}\n${rest}`;
        let dataset!: Dataset;
        expect(() => (dataset = loadDataset({ events: { name: 'r.csv', text } }))).not.toThrow();
        checkAccounting(text, dataset);
      }),
      RUNS,
    );
  }, TIMEOUT);

  it('for any text at all, as the events file or as the clusters file', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }));
    fc.assert(
      fc.property(text, (any) => {
        let dataset!: Dataset;
        expect(() => (dataset = loadDataset({ events: { name: 'any.csv', text: any } }))).not.toThrow();
        checkAccounting(any, dataset);
        const withClusters = loadDataset({ events: { name: 'e.csv', text: 'id,cluster,kind,start,title\na,A,intrusion,2020,T\n' }, clusters: { name: 'c.csv', text: any } });
        // Whatever the clusters file holds, the valid event is kept in its lane.
        expect(withClusters.events.map((e) => [e.id, e.cluster])).toEqual([['a', 'A']]);
        expect(withClusters.clusters.map((c) => c.id)).toContain('A');
      }),
      RUNS,
    );
  }, TIMEOUT);
});
