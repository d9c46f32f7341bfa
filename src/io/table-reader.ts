import type { Problem, ProblemDetail } from '../model/types';
import { shorten } from './cells';
import { makeProblem, type CsvRecord, type CsvTable } from './parse-csv';

/** Columns a file must have, and columns it may have. */
export interface TableSpec {
  readonly file: string;
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const FORMULA_GUARD = /^'[=+\-@\t\r]/;

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
    return FORMULA_GUARD.test(value) ? value.slice(1) : value;
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

/** Checks the header against the spec and wraps each record in a RowReader. */
export function prepareTable(table: CsvTable, spec: TableSpec): PreparedTable {
  const problems: Problem[] = [...table.problems];
  const columns = new Map<string, number>();
  table.header.forEach((name, index) => {
    if (name === '') return;
    if (columns.has(name)) {
      problems.push(
        makeProblem({ file: spec.file, row: table.headerRow, column: name, severity: 'warning' }, { code: 'duplicateColumn', params: { column: shorten(name) } }),
      );
      return;
    }
    columns.set(name, index);
  });
  if (table.header.length === 0) return { rows: [], problems, usable: false, columns };

  const missing = spec.required.filter((name) => !columns.has(name));
  for (const name of missing) {
    const found = [...columns.keys()].map((c) => shorten(c, 30));
    problems.push(
      makeProblem({ file: spec.file, row: table.headerRow, column: name, severity: 'error' }, { code: 'missingColumn', params: { column: name, found } }),
    );
  }
  const known = new Set([...spec.required, ...spec.optional]);
  const unknown = [...columns.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 10).map((c) => shorten(c, 30));
    problems.push(
      makeProblem(
        { file: spec.file, row: table.headerRow, column: null, severity: 'warning' },
        { code: 'unknownColumns', params: { columns: shown, more: unknown.length - shown.length } },
      ),
    );
  }
  if (missing.length > 0) return { rows: [], problems, usable: false, columns };

  // Rows the CSV reader could not read are already reported; the file is not "header only".
  if (table.records.length === 0 && table.unreadableRecords === 0) {
    problems.push(makeProblem({ file: spec.file, row: null, column: null, severity: 'warning' }, { code: 'headerOnly', params: {} }));
  }

  const width = table.header.length;
  const rows: RowReader[] = [];
  for (const record of table.records) {
    const reader = new RowReader(spec, columns, record);
    if (record.cells.length > width) {
      const extra = record.cells.slice(width);
      if (extra.some((cell) => cell.trim() !== '')) {
        reader.error(null, { code: 'rowTooLong', params: { cells: record.cells.length, width } });
      }
    } else if (record.cells.length < width) {
      reader.warn(null, { code: 'rowTooShort', params: { cells: record.cells.length, width } });
    }
    rows.push(reader);
  }
  return { rows, problems, usable: true, columns };
}
