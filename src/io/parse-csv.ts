import Papa from 'papaparse';
import { formatProblemDetail } from '../i18n/problem-messages';
import type { Problem, ProblemDetail, ProblemSeverity } from '../model/types';
import { detectDelimiter } from './delimiter';

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

/** Takes a file's rows one at a time as they are read: first its header, then each data record. */
export interface CsvRowSink {
  /** The first row that is not blank, its names lower-cased and trimmed; called once, before any record. */
  header(header: readonly string[], headerRow: number): void;
  /** A data record the CSV reader could read and that is not blank. */
  record(record: CsvRecord): void;
}

/** What is known of a file once all of it has been read: a CsvTable without its records, and their number. */
export interface CsvOutline extends Omit<CsvTable, 'records'> {
  readonly recordCount: number;
}

/**
 * Reads CSV text into records. Parsing without PapaParse's header mode keeps one record per
 * spreadsheet row, blank rows included, so every problem can name the row a person sees.
 *
 * `onProgress`, when given, receives the fraction of the text read so far (0–1): at most about
 * every 2 % of the input, and 1 once parsing is done. The result is the same with or without it.
 */
export function parseCsv(text: string, file: string, onProgress?: (fraction: number) => void): CsvTable {
  const records: CsvRecord[] = [];
  const outline = streamCsv(text, file, { header: () => undefined, record: (record) => records.push(record) }, onProgress);
  const { header, headerRow, unreadableRecords, delimiter, problems } = outline;
  return { header, headerRow, records, unreadableRecords, delimiter, problems };
}

/**
 * The same reading as parseCsv, handing each record to `sink` as soon as it is read instead of
 * keeping them all, so that a caller can check a row while its cells are still fresh.
 */
export function streamCsv(text: string, file: string, sink: CsvRowSink, onProgress?: (fraction: number) => void): CsvOutline {
  const input = normaliseLineEnds(withoutBom(text));
  const rows = new CsvRows(file, sink, hasEncodingMarks(input));
  const usedDelimiter = readRows(input, detectDelimiter(input), onProgress, (cells, errors) => rows.take(cells, errors));
  return rows.outline(usedDelimiter);
}

/** The text without a leading byte-order mark. */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** True when the text has characters a file that is not UTF-8 leaves when read as UTF-8 (see EncodingCheck). */
export function hasEncodingMarks(text: string): boolean {
  return text.includes(REPLACEMENT) || text.includes(NUL);
}

/**
 * Makes the rows PapaParse reads, one at a time, into a header, records and problems: the first
 * row that is not blank is the header; the records are the rows after it that are not blank.
 */
export class CsvRows {
  private readonly problems: Problem[] = [];
  // One record can hold several bad quotes of the same kind: it is reported once per kind.
  private readonly reported = new Set<string>();
  private encoding: EncodingCheck | null;
  private index = 0;
  private headerIndex = -1;
  private header: string[] = [];
  private recordCount = 0;
  private unreadable = 0;

  constructor(
    private readonly file: string,
    private readonly sink: CsvRowSink,
    checkEncoding: boolean,
  ) {
    this.encoding = checkEncoding ? new EncodingCheck() : null;
  }

  /** Checks the rows from now on for characters a file that is not UTF-8 leaves (see EncodingCheck). */
  checkEncoding(): void {
    this.encoding ??= new EncodingCheck();
  }

  /**
   * One row as PapaParse read it. In step mode Papa numbers an error's row from the row being
   * delivered (always 0), so the row's own index is added back to give a whole-text parse's numbers.
   */
  take(cells: string[], errors: readonly Papa.ParseError[]): void {
    const index = this.index;
    // PapaParse numbers records from 0; its quote errors point at the record being read.
    let bad = false;
    for (const error of errors) {
      const row = typeof error.row === 'number' ? error.row + index + 1 : null;
      if (typeof error.row === 'number') bad = true;
      const detail = describePapaError(error);
      const key = `${row} ${JSON.stringify(detail)}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.problems.push(makeProblem({ file: this.file, row, column: null, severity: 'error' }, detail));
    }
    if (this.headerIndex < 0) {
      if (!isBlank(cells)) {
        this.headerIndex = index;
        this.header = cells.map((name) => name.trim().toLowerCase());
        this.sink.header(this.header, index + 1);
        this.encoding?.check(cells, index, null);
      }
    } else {
      this.encoding?.check(cells, index, this.header);
      // A record the CSV reader could not read is reported even when its cells came out empty (`,"`).
      if (bad) this.unreadable++;
      else if (!isBlank(cells)) {
        this.recordCount++;
        this.sink.record({ row: index + 1, cells });
      }
    }
    this.index = index + 1;
  }

  /** What is known once every row is read; `delimiter` is the one PapaParse used. */
  outline(delimiter: string): CsvOutline {
    const problems = this.problems;
    if (this.headerIndex < 0) {
      problems.push(makeProblem({ file: this.file, row: null, column: null, severity: 'error' }, { code: 'fileEmpty', params: {} }));
      return { header: [], headerRow: 0, recordCount: 0, unreadableRecords: 0, delimiter, problems };
    }
    const notUtf8 = this.encoding?.problem(this.file);
    if (notUtf8) problems.push(notUtf8);
    return { header: this.header, headerRow: this.headerIndex + 1, recordCount: this.recordCount, unreadableRecords: this.unreadable, delimiter, problems };
  }
}

/**
 * Spreadsheets treat CRLF, LF and a lone CR alike as the end of a row, but PapaParse reads one
 * kind of line end per file, guessed from the first one it meets: a CRLF header over LF rows
 * would read the whole file as one row. A file that mixes them has every line end made LF first.
 * A file with one kind throughout is left as it is.
 */
function normaliseLineEnds(text: string): string {
  // Without a CR there is only one kind (LF), and no need to look at every line end.
  if (!text.includes('\r')) return text;
  const crlf = text.includes('\r\n');
  const loneCr = hasLoneCr(text);
  const loneLf = hasLoneLf(text);
  return Number(crlf) + Number(loneCr) + Number(loneLf) > 1 ? text.replace(/\r\n?/g, '\n') : text;
}

/** A CR not followed by LF (as /\r(?!\n)/ finds, stepping from one CR to the next). */
function hasLoneCr(text: string): boolean {
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) return true;
  }
  return false;
}

/** An LF not preceded by CR (as /(?:^|[^\r])\n/ finds, stepping from one LF to the next). */
function hasLoneLf(text: string): boolean {
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (at === 0 || text.charCodeAt(at - 1) !== 13) return true;
  }
  return false;
}

/** What a browser puts for bytes that are not UTF-8 (e.g. "à" saved as Windows-1252). */
const REPLACEMENT = '\uFFFD';
/** Never in UTF-8 text; every other character in a UTF-16 file read as UTF-8. */
const NUL = '\u0000';

/**
 * A file that is not UTF-8 (Windows-1252, UTF-16, a binary file) is read with U+FFFD in place of
 * the bytes that cannot be decoded. The rows are kept as read, and one warning names the first
 * such cell, how many other rows have them, and how to fix the file. Rows are checked from the
 * header on, one at a time.
 */
class EncodingCheck {
  private first: { row: number; column: string | null; cell: string } | null = null;
  private count = 0;

  /** `header`: the header's names, or null when the row is the header itself. */
  check(cells: readonly string[], index: number, header: readonly string[] | null): void {
    const at = cells.findIndex((cell) => cell.includes(REPLACEMENT) || cell.includes(NUL));
    if (at < 0) return;
    this.count++;
    if (!this.first) {
      const name = header === null ? '' : (header[at] ?? '');
      this.first = { row: index + 1, column: name === '' ? null : name, cell: excerpt(cells[at]!) };
    }
  }

  problem(file: string): Problem | null {
    const first = this.first;
    if (!first) return null;
    return makeProblem(
      { file, row: first.row, column: first.column, severity: 'warning' },
      { code: 'notUtf8', params: { cell: first.cell, more: this.count - 1 } },
    );
  }
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

/**
 * Reads the rows one at a time through PapaParse's `step` callback, which also lets progress be
 * reported. Returns the delimiter PapaParse used.
 */
function readRows(
  input: string,
  delimiter: string,
  onProgress: ((fraction: number) => void) | undefined,
  onRow: (cells: string[], errors: readonly Papa.ParseError[]) => void,
): string {
  let usedDelimiter = delimiter;
  let reported = 0;
  const length = input.length || 1;
  onProgress?.(0);
  Papa.parse<string[]>(input, {
    header: false,
    skipEmptyLines: false,
    delimiter,
    step: (results) => {
      usedDelimiter = results.meta.delimiter;
      onRow(results.data, results.errors);
      if (!onProgress) return;
      const fraction = Math.min(1, results.meta.cursor / length);
      if (fraction - reported >= PROGRESS_STEP) {
        reported = fraction;
        onProgress(fraction);
      }
    },
  });
  if (onProgress && reported < 1) onProgress(1);
  return usedDelimiter;
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
