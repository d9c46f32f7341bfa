import Papa from 'papaparse';
import type { Problem } from '../model/types';

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

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Reads CSV text into records. Parsing without PapaParse's header mode keeps one record per
 * spreadsheet row, blank rows included, so every problem can name the row a person sees.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const result = Papa.parse<string[]>(input, {
    header: false,
    skipEmptyLines: false,
    delimiter: detectDelimiter(input),
  });
  const problems: Problem[] = [];
  const rows = result.data;
  // PapaParse numbers records from 0; its quote errors point at the record being read.
  const badRecords = new Set<number>();
  for (const error of result.errors) {
    const row = typeof error.row === 'number' ? error.row + 1 : null;
    if (typeof error.row === 'number') badRecords.add(error.row);
    problems.push({
      file,
      row,
      column: null,
      message: describePapaError(error),
      severity: 'error',
    });
  }

  let headerIndex = rows.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) {
    problems.push({ file, row: null, column: null, message: 'the file is empty: it has no header row and no data', severity: 'error' });
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

function describePapaError(error: Papa.ParseError): string {
  switch (error.code) {
    case 'MissingQuotes':
      return 'a quoted cell is never closed: check for a missing " (the rest of the file may have been read as one cell)';
    case 'InvalidQuotes':
      return 'a cell has a stray " : quotes inside a cell must be doubled ("")';
    default:
      return `the row could not be read (${error.message})`;
  }
}
