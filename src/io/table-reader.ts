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

/** A cell as the validators read it: trimmed, and without the guard a spreadsheet-safe export puts before a formula-like value. */
export function cellValue(cell: string | undefined): string {
  if (cell === undefined) return '';
  const value = cell.trim();
  return hasFormulaGuard(value) ? value.slice(1) : value;
}

/** A row being read: cell access by column name or position, and a place to put its problems. */
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
    return this.cellAt(this.columns.get(column) ?? -1);
  }

  /**
   * The cell at a position from `columnIndexes` (-1: a column the file does not have), read as
   * `cell` reads it; for files of many rows, which need not look each column up on each row.
   */
  cellAt(index: number): string {
    return index < 0 ? '' : cellValue(this.record.cells[index]);
  }

  /** Records a problem that skips the row. */
  error(column: string | null, detail: ProblemDetail): void {
    this.errors.push(makeProblem({ file: this.spec.file, row: this.row, column, severity: 'error' }, detail));
  }

  /** Records a problem the row is kept with. */
  warn(column: string | null, detail: ProblemDetail): void {
    this.warnings.push(makeProblem({ file: this.spec.file, row: this.row, column, severity: 'warning' }, detail));
  }

  /** Reads a required cell; records an error when it is empty. `index`: its position, when known. */
  required(column: string, index = this.columns.get(column) ?? -1): string {
    const value = this.cellAt(index);
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
  readonly headerRow: number;
  readonly columns: ReadonlyMap<string, number>;
  /** The number of names in the header (blank ones included). */
  readonly width: number;
  /** Where the header's blank names are (counted from 0): the cells under them are never read. */
  readonly unnamed: readonly number[];
  /** False when the file has no header or a required column is missing: then no row can be read. */
  readonly usable: boolean;
  /** The header's problems: duplicate, missing and unknown columns. */
  readonly problems: Problem[];
}

/** The position of each of `names` in a file's rows, by name; -1 for a column the file does not have. */
export function columnIndexes<Name extends string>(columns: ReadonlyMap<string, number>, names: readonly Name[]): Record<Name, number> {
  const indexes = {} as Record<Name, number>;
  for (const name of names) indexes[name] = columns.get(name) ?? -1;
  return indexes;
}

/** How many column names a header problem lists before it says how many more there are. */
const LISTED = 10;

/** Checks a header against the spec. */
export function readHeader(header: readonly string[], headerRow: number, spec: TableSpec): TableColumns {
  const problems: Problem[] = [];
  const columns = new Map<string, number>();
  const unnamed: number[] = [];
  header.forEach((name, index) => {
    if (name === '') {
      unnamed.push(index);
      return;
    }
    if (columns.has(name)) {
      problems.push(
        makeProblem({ file: spec.file, row: headerRow, column: name, severity: 'warning' }, { code: 'duplicateColumn', params: { column: shorten(name) } }),
      );
      return;
    }
    columns.set(name, index);
  });
  const width = header.length;
  const table = { spec, headerRow, columns, width, unnamed, problems };
  if (width === 0) return { ...table, usable: false };

  const missing = spec.required.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    const found = [...columns.keys()];
    const shown = found.slice(0, LISTED).map((c) => shorten(c, 30));
    for (const name of missing) {
      problems.push(
        makeProblem(
          { file: spec.file, row: headerRow, column: name, severity: 'error' },
          { code: 'missingColumn', params: { column: name, found: shown, more: found.length - shown.length } },
        ),
      );
    }
  }
  const known = new Set([...spec.required, ...spec.optional]);
  const unknown = [...columns.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, LISTED).map((c) => shorten(c, 30));
    problems.push(
      makeProblem(
        { file: spec.file, row: headerRow, column: null, severity: 'warning' },
        { code: 'unknownColumns', params: { columns: shown, more: unknown.length - shown.length } },
      ),
    );
  }
  return { ...table, usable: missing.length === 0 };
}

/**
 * Reads the records of a usable table one at a time, and says at the end what only the whole
 * file shows. Both ways of reading a file (all of it at once, or record by record as it streams)
 * go through it, so they report the same problems.
 */
export class TableRecords {
  private readonly unnamedCells: UnnamedCells;

  constructor(readonly table: TableColumns) {
    this.unnamedCells = new UnnamedCells(table);
  }

  /** Wraps a record in a RowReader, with the problems of its length already noted. */
  read(record: CsvRecord): RowReader {
    this.unnamedCells.note(record);
    const reader = new RowReader(this.table.spec, this.table.columns, record);
    const { width } = this.table;
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

  /** The problems known once every record is read: no data row at all, or values under unnamed columns. */
  endProblems(recordCount: number, unreadableRecords: number): Problem[] {
    const problems: Problem[] = [];
    const headerOnly = headerOnlyProblem(this.table, recordCount, unreadableRecords);
    if (headerOnly) problems.push(headerOnly);
    const unnamed = this.unnamedCells.problem();
    if (unnamed) problems.push(unnamed);
    return problems;
  }
}

/** A usable table without a row: a warning, unless rows the CSV reader could not read are already reported. */
function headerOnlyProblem(table: TableColumns, recordCount: number, unreadableRecords: number): Problem | null {
  if (!table.usable || recordCount > 0 || unreadableRecords > 0) return null;
  return makeProblem({ file: table.spec.file, row: null, column: null, severity: 'warning' }, { code: 'headerOnly', params: {} });
}

/**
 * Cells under a column whose header name is blank are never read. Blank cells there are harmless
 * (a spreadsheet's export often ends each line with empty cells under blank names); a value is
 * reported once for the whole file, however many rows have one, as a file may have 100,000 rows.
 */
class UnnamedCells {
  /** The blank-named columns that have a value on some row, counted from 0. */
  private readonly filled = new Set<number>();
  private rows = 0;
  private firstRow = 0;

  constructor(private readonly table: TableColumns) {}

  note(record: CsvRecord): void {
    let hasValue = false;
    for (const index of this.table.unnamed) {
      if ((record.cells[index] ?? '').trim() === '') continue;
      this.filled.add(index);
      hasValue = true;
    }
    if (!hasValue) return;
    if (this.rows === 0) this.firstRow = record.row;
    this.rows++;
  }

  problem(): Problem | null {
    if (this.rows === 0) return null;
    // Positions as a spreadsheet user counts columns: the first is 1.
    const positions = [...this.filled].sort((a, b) => a - b).map((index) => index + 1);
    const columns = positions.slice(0, LISTED);
    const { spec, headerRow } = this.table;
    return makeProblem(
      { file: spec.file, row: headerRow, column: null, severity: 'warning' },
      { code: 'unnamedColumns', params: { columns, more: positions.length - columns.length, rows: this.rows, firstRow: this.firstRow } },
    );
  }
}

/** Checks the header against the spec and wraps each record in a RowReader. */
export function prepareTable(table: CsvTable, spec: TableSpec): PreparedTable {
  const header = readHeader(table.header, table.headerRow, spec);
  const problems: Problem[] = [...table.problems, ...header.problems];
  if (!header.usable) return { rows: [], problems, usable: false, columns: header.columns };
  const records = new TableRecords(header);
  const rows = table.records.map((record) => records.read(record));
  problems.push(...records.endProblems(table.records.length, table.unreadableRecords));
  return { rows, problems, usable: true, columns: header.columns };
}
