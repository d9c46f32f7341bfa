import type { Problem, ProblemDetail } from '../model/types';
import { shorten } from './cells';
import { makeProblem, type CsvRecord, type CsvTable } from './parse-csv';

/** Columns a file must have, and columns it may have. */
export interface TableSpec {
  readonly file: string;
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const APOSTROPHE = 39;

/** `'` followed by `=`, `+`, `-`, `@`, a tab or a carriage return: a spreadsheet-safe export's guard. */
function hasFormulaGuard(value: string): boolean {
  if (value.charCodeAt(0) !== APOSTROPHE) return false;
  const next = value.charCodeAt(1);
  return next === 61 /* = */ || next === 43 /* + */ || next === 45 /* - */ || next === 64 /* @ */ || next === 9 /* tab */ || next === 13; /* CR */
}

/** A row being read: cell access by column name, and a place to put its problems. */
export class RowReader {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];

  constructor(
    private readonly spec: TableSpec,
    private readonly columns: ReadonlyMap<string, number>,
    readonly record: CsvRecord,
  ) {}

  get row(): number {
    return this.record.row;
  }

  cell(column: string): string {
    const index = this.columns.get(column);
    const value = index === undefined ? '' : (this.record.cells[index] ?? '').trim();
    // A spreadsheet-safe export writes '=… for a cell that starts like a formula; read it back as it was.
    return hasFormulaGuard(value) ? value.slice(1) : value;
  }

  /** Records a problem that skips the row. */
  error(column: string | null, detail: ProblemDetail): void {
    this.errors.push(makeProblem({ file: this.spec.file, row: this.row, column, severity: 'error' }, detail));
  }

  /** Records a problem the row is kept with. */
  warn(column: string | null, detail: ProblemDetail): void {
    this.warnings.push(makeProblem({ file: this.spec.file, row: this.row, column, severity: 'warning' }, detail));
  }

  /** Reads a required cell; records an error when it is empty. */
  required(column: string): string {
    const value = this.cell(column);
    if (value === '') this.error(column, { code: 'requiredEmpty', params: { column } });
    return value;
  }
}

export interface PreparedTable {
  readonly rows: readonly RowReader[];
  readonly problems: Problem[];
  /** False when a required column is missing: then no row can be read. */
  readonly usable: boolean;
  readonly columns: ReadonlyMap<string, number>;
}

/** What a file's header says about how to read its rows. */
export interface TableColumns {
  readonly spec: TableSpec;
  readonly columns: ReadonlyMap<string, number>;
  /** The number of names in the header (blank ones included). */
  readonly width: number;
  /** False when the file has no header or a required column is missing: then no row can be read. */
  readonly usable: boolean;
  /** The header's problems: duplicate, missing and unknown columns. */
  readonly problems: Problem[];
}

/** Checks a header against the spec. */
export function readHeader(header: readonly string[], headerRow: number, spec: TableSpec): TableColumns {
  const problems: Problem[] = [];
  const columns = new Map<string, number>();
  header.forEach((name, index) => {
    if (name === '') return;
    if (columns.has(name)) {
      problems.push(
        makeProblem({ file: spec.file, row: headerRow, column: name, severity: 'warning' }, { code: 'duplicateColumn', params: { column: shorten(name) } }),
      );
      return;
    }
    columns.set(name, index);
  });
  const width = header.length;
  if (width === 0) return { spec, columns, width, usable: false, problems };

  const missing = spec.required.filter((name) => !columns.has(name));
  for (const name of missing) {
    const found = [...columns.keys()].map((c) => shorten(c, 30));
    problems.push(
      makeProblem({ file: spec.file, row: headerRow, column: name, severity: 'error' }, { code: 'missingColumn', params: { column: name, found } }),
    );
  }
  const known = new Set([...spec.required, ...spec.optional]);
  const unknown = [...columns.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 10).map((c) => shorten(c, 30));
    problems.push(
      makeProblem(
        { file: spec.file, row: headerRow, column: null, severity: 'warning' },
        { code: 'unknownColumns', params: { columns: shown, more: unknown.length - shown.length } },
      ),
    );
  }
  return { spec, columns, width, usable: missing.length === 0, problems };
}

/** Wraps a record of a usable table in a RowReader, with the problems of its length already noted. */
export function readRecord(table: TableColumns, record: CsvRecord): RowReader {
  const reader = new RowReader(table.spec, table.columns, record);
  const { width } = table;
  if (record.cells.length > width) {
    const extra = record.cells.slice(width);
    if (extra.some((cell) => cell.trim() !== '')) {
      reader.error(null, { code: 'rowTooLong', params: { cells: record.cells.length, width } });
    }
  } else if (record.cells.length < width) {
    reader.warn(null, { code: 'rowTooShort', params: { cells: record.cells.length, width } });
  }
  return reader;
}

/** A usable table without a row: a warning, unless rows the CSV reader could not read are already reported. */
export function headerOnlyProblem(table: TableColumns, recordCount: number, unreadableRecords: number): Problem | null {
  if (!table.usable || recordCount > 0 || unreadableRecords > 0) return null;
  return makeProblem({ file: table.spec.file, row: null, column: null, severity: 'warning' }, { code: 'headerOnly', params: {} });
}

/** Checks the header against the spec and wraps each record in a RowReader. */
export function prepareTable(table: CsvTable, spec: TableSpec): PreparedTable {
  const header = readHeader(table.header, table.headerRow, spec);
  const problems: Problem[] = [...table.problems, ...header.problems];
  if (!header.usable) return { rows: [], problems, usable: false, columns: header.columns };
  const headerOnly = headerOnlyProblem(header, table.records.length, table.unreadableRecords);
  if (headerOnly) problems.push(headerOnly);
  return { rows: table.records.map((record) => readRecord(header, record)), problems, usable: true, columns: header.columns };
}
