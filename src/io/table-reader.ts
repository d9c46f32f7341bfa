import type { Problem } from '../model/types';
import { shorten } from './cells';
import type { CsvRecord, CsvTable } from './parse-csv';

/** Columns a file must have, and columns it may have. */
export interface TableSpec {
  readonly file: string;
  readonly required: readonly string[];
  readonly optional: readonly string[];
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
    return index === undefined ? '' : (this.record.cells[index] ?? '').trim();
  }

  error(column: string | null, message: string): void {
    this.errors.push({ file: this.spec.file, row: this.row, column, message, severity: 'error' });
  }

  warn(column: string | null, message: string): void {
    this.warnings.push({ file: this.spec.file, row: this.row, column, message, severity: 'warning' });
  }

  /** Reads a required cell; records an error when it is empty. */
  required(column: string): string {
    const value = this.cell(column);
    if (value === '') this.error(column, `${column} is required but empty; the row is skipped`);
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
      problems.push({
        file: spec.file,
        row: table.headerRow,
        column: name,
        message: `the column "${shorten(name)}" appears twice; only the first one is read`,
        severity: 'warning',
      });
      return;
    }
    columns.set(name, index);
  });
  if (table.header.length === 0) return { rows: [], problems, usable: false, columns };

  const missing = spec.required.filter((name) => !columns.has(name));
  for (const name of missing) {
    problems.push({
      file: spec.file,
      row: table.headerRow,
      column: name,
      message: `the required column "${name}" is missing from the header, so no row can be read (columns found: ${[...columns.keys()].map((c) => shorten(c, 30)).join(', ') || 'none'})`,
      severity: 'error',
    });
  }
  const known = new Set([...spec.required, ...spec.optional]);
  const unknown = [...columns.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    problems.push({
      file: spec.file,
      row: table.headerRow,
      column: null,
      message: `${unknown.length === 1 ? 'this column is' : 'these columns are'} not part of the schema and ignored: ${unknown.slice(0, 10).map((c) => `"${shorten(c, 30)}"`).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`,
      severity: 'warning',
    });
  }
  if (missing.length > 0) return { rows: [], problems, usable: false, columns };

  if (table.records.length === 0) {
    problems.push({ file: spec.file, row: null, column: null, message: 'the file has a header but no data rows', severity: 'warning' });
  }

  const width = table.header.length;
  const rows: RowReader[] = [];
  for (const record of table.records) {
    const reader = new RowReader(spec, columns, record);
    if (record.cells.length > width) {
      const extra = record.cells.slice(width);
      if (extra.some((cell) => cell.trim() !== '')) {
        reader.error(
          null,
          `the row has ${record.cells.length} cells but the header has ${width}, so its cells may be shifted (an unquoted comma or delimiter?); the row is skipped`,
        );
      }
    } else if (record.cells.length < width) {
      reader.warn(null, `the row has ${record.cells.length} cells but the header has ${width}; the missing cells are read as empty`);
    }
    rows.push(reader);
  }
  return { rows, problems, usable: true, columns };
}
