import Papa from 'papaparse';
import { formatProblemDetail } from '../i18n/problem-messages';
import type { Problem, ProblemDetail, ProblemSeverity } from '../model/types';

/** One CSV record with its row number as a spreadsheet shows it (the first line is row 1). */
export interface CsvRecord {
  readonly row: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  /** Lower-cased, trimmed header names; empty when the file has no header. */
  readonly header: readonly string[];
  readonly headerRow: number;
  readonly records: readonly CsvRecord[];
  /** Data records skipped because the CSV reader could not read them (an unclosed or stray quote). */
  readonly unreadableRecords: number;
  readonly delimiter: string;
  readonly problems: readonly Problem[];
}

const BOM = '\uFEFF';

/** Where a problem is: file, spreadsheet row (null: the whole file), column, and what it does to the row. */
export interface ProblemPlace {
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly severity: ProblemSeverity;
}

/** A problem at a place; its English `message` is made from its code and parameters. */
export function makeProblem(place: ProblemPlace, detail: ProblemDetail): Problem {
  return { ...place, ...detail, message: formatProblemDetail(detail, 'en') };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** How much of the input must be read between two progress reports (2 %). */
const PROGRESS_STEP = 0.02;

/**
 * Reads CSV text into records. Parsing without PapaParse's header mode keeps one record per
 * spreadsheet row, blank rows included, so every problem can name the row a person sees.
 *
 * `onProgress`, when given, receives the fraction of the text read so far (0–1): at most about
 * every 2 % of the input, and 1 once parsing is done. The result is the same with or without it.
 */
export function parseCsv(text: string, file: string, onProgress?: (fraction: number) => void): CsvTable {
  const input = normaliseLineEnds(text.startsWith(BOM) ? text.slice(BOM.length) : text);
  const delimiter = detectDelimiter(input);
  const result = onProgress ? parseRowsWithProgress(input, delimiter, onProgress) : parseRows(input, delimiter);
  const problems: Problem[] = [];
  const rows = result.data;
  // PapaParse numbers records from 0; its quote errors point at the record being read.
  // One record can hold several bad quotes of the same kind: it is reported once per kind.
  const badRecords = new Set<number>();
  const reported = new Set<string>();
  for (const error of result.errors) {
    const row = typeof error.row === 'number' ? error.row + 1 : null;
    if (typeof error.row === 'number') badRecords.add(error.row);
    const detail = describePapaError(error);
    const key = `${row} ${JSON.stringify(detail)}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(makeProblem({ file, row, column: null, severity: 'error' }, detail));
  }

  let headerIndex = rows.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) {
    problems.push(makeProblem({ file, row: null, column: null, severity: 'error' }, { code: 'fileEmpty', params: {} }));
    return { header: [], headerRow: 0, records: [], unreadableRecords: 0, delimiter: result.meta.delimiter, problems };
  }
  const header = rows[headerIndex]!.map((name) => name.trim().toLowerCase());
  const records: CsvRecord[] = [];
  let unreadable = 0;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    // A record the CSV reader could not read is reported even when its cells came out empty (`,"`).
    if (badRecords.has(i)) unreadable++;
    else if (!isBlank(cells)) records.push({ row: i + 1, cells });
  }
  const encoding = input.includes(REPLACEMENT) || input.includes(NUL) ? encodingProblem(rows, headerIndex, header, file) : null;
  if (encoding) problems.push(encoding);
  return { header, headerRow: headerIndex + 1, records, unreadableRecords: unreadable, delimiter: result.meta.delimiter, problems };
}

/**
 * Spreadsheets treat CRLF, LF and a lone CR alike as the end of a row, but PapaParse reads one
 * kind of line end per file, guessed from the first one it meets: a CRLF header over LF rows
 * would read the whole file as one row. A file that mixes them has every line end made LF first.
 * A file with one kind throughout is left as it is.
 */
function normaliseLineEnds(text: string): string {
  const crlf = text.includes('\r\n');
  const loneCr = /\r(?!\n)/.test(text);
  const loneLf = /(?:^|[^\r])\n/.test(text);
  return Number(crlf) + Number(loneCr) + Number(loneLf) > 1 ? text.replace(/\r\n?/g, '\n') : text;
}

/** What a browser puts for bytes that are not UTF-8 (e.g. "à" saved as Windows-1252). */
const REPLACEMENT = '\uFFFD';
/** Never in UTF-8 text; every other character in a UTF-16 file read as UTF-8. */
const NUL = '\u0000';

/**
 * A file that is not UTF-8 (Windows-1252, UTF-16, a binary file) is read with U+FFFD in place of
 * the bytes that cannot be decoded. The rows are kept as read, and one warning names the first
 * such cell, how many other rows have them, and how to fix the file.
 */
function encodingProblem(rows: readonly string[][], headerIndex: number, header: readonly string[], file: string): Problem | null {
  let first: { row: number; column: string | null; cell: string } | null = null;
  let count = 0;
  for (let i = headerIndex; i < rows.length; i++) {
    const cells = rows[i]!;
    const index = cells.findIndex((cell) => cell.includes(REPLACEMENT) || cell.includes(NUL));
    if (index < 0) continue;
    count++;
    if (!first) {
      const name = i === headerIndex ? '' : (header[index] ?? '');
      first = { row: i + 1, column: name === '' ? null : name, cell: excerpt(cells[index]!) };
    }
  }
  if (!first) return null;
  return makeProblem(
    { file, row: first.row, column: first.column, severity: 'warning' },
    { code: 'notUtf8', params: { cell: first.cell, more: count - 1 } },
  );
}

/** Up to 40 characters of a cell around its first unreadable character. */
function excerpt(cell: string): string {
  const text = cell.trim();
  const found = [text.indexOf(REPLACEMENT), text.indexOf(NUL)].filter((index) => index >= 0);
  const at = found.length > 0 ? Math.min(...found) : 0;
  const start = Math.max(0, Math.min(at - 15, text.length - 40));
  const end = Math.min(text.length, start + 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

interface ParsedRows {
  readonly data: string[][];
  readonly errors: Papa.ParseError[];
  readonly meta: { readonly delimiter: string };
}

function parseRows(input: string, delimiter: string): ParsedRows {
  return Papa.parse<string[]>(input, { header: false, skipEmptyLines: false, delimiter });
}

/**
 * The same parse, one row at a time through PapaParse's `step` callback so that progress can be
 * reported. In step mode Papa numbers an error's row from the row being delivered (always 0),
 * so the running row count is added back to give the same numbers as a whole-text parse.
 */
function parseRowsWithProgress(input: string, delimiter: string, onProgress: (fraction: number) => void): ParsedRows {
  const data: string[][] = [];
  const errors: Papa.ParseError[] = [];
  let usedDelimiter = delimiter;
  let reported = 0;
  const length = input.length || 1;
  onProgress(0);
  Papa.parse<string[]>(input, {
    header: false,
    skipEmptyLines: false,
    delimiter,
    step: (results) => {
      const index = data.length;
      for (const error of results.errors) {
        errors.push(typeof error.row === 'number' ? { ...error, row: error.row + index } : error);
      }
      data.push(results.data);
      usedDelimiter = results.meta.delimiter;
      const fraction = Math.min(1, results.meta.cursor / length);
      if (fraction - reported >= PROGRESS_STEP) {
        reported = fraction;
        onProgress(fraction);
      }
    },
  });
  if (reported < 1) onProgress(1);
  return { data, errors, meta: { delimiter: usedDelimiter } };
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter is the one the header row uses most: a header has no free text in it, so
 * this is steadier than guessing from data rows whose cells may hold commas or semicolons.
 */
export function detectDelimiter(text: string): string {
  const firstLine = text.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

function describePapaError(error: Papa.ParseError): ProblemDetail {
  switch (error.code) {
    case 'MissingQuotes':
      return { code: 'csvUnclosedQuote', params: {} };
    case 'InvalidQuotes':
      return { code: 'csvStrayQuote', params: {} };
    default:
      return { code: 'csvUnreadableRow', params: { detail: error.message } };
  }
}
