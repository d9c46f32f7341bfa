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
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const delimiter = detectDelimiter(input);
  const result = onProgress ? parseRowsWithProgress(input, delimiter, onProgress) : parseRows(input, delimiter);
  const problems: Problem[] = [];
  const rows = result.data;
  // PapaParse numbers records from 0; its quote errors point at the record being read.
  const badRecords = new Set<number>();
  for (const error of result.errors) {
    const row = typeof error.row === 'number' ? error.row + 1 : null;
    if (typeof error.row === 'number') badRecords.add(error.row);
    problems.push(makeProblem({ file, row, column: null, severity: 'error' }, describePapaError(error)));
  }

  let headerIndex = rows.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) {
    problems.push(makeProblem({ file, row: null, column: null, severity: 'error' }, { code: 'fileEmpty', params: {} }));
    return { header: [], headerRow: 0, records: [], delimiter: result.meta.delimiter, problems };
  }
  const header = rows[headerIndex]!.map((name) => name.trim().toLowerCase());
  const records: CsvRecord[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (isBlank(cells) || badRecords.has(i)) continue;
    records.push({ row: i + 1, cells });
  }
  return { header, headerRow: headerIndex + 1, records, delimiter: result.meta.delimiter, problems };
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
  const firstLine = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
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
