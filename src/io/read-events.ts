import { parseEndDate, parseSourceDate, type DateReason, type SourceDate } from '../model/dates';
import type { Problem, ProblemDetail, TimelineEvent } from '../model/types';
import { EVENT_COLUMNS, EVENT_REQUIRED, optionalColumns, type EventColumn } from './columns';
import { CVE_ID, readBoolean, readConfidence, readHttpUrl, readPatternList, shorten, splitList, TECHNIQUE_ID } from './cells';
import type { CsvOutline, CsvRecord, CsvRowSink, CsvTable } from './parse-csv';
import { columnIndexes, readHeader, TableRecords, type RowReader, type TableSpec } from './table-reader';

export const EVENTS_SPEC: TableSpec = { file: 'events.csv', required: EVENT_REQUIRED, optional: optionalColumns(EVENT_COLUMNS, EVENT_REQUIRED) };

/** Where each column is in an events file's rows (-1: the file does not have it). */
type EventColumns = Record<EventColumn, number>;

export interface EventsResult {
  readonly events: TimelineEvent[];
  readonly problems: Problem[];
}

export interface EventsReaderOptions {
  /** The lane id to store for a `cluster` cell as written (e.g. a case variant of a known id); the cell itself when absent. */
  readonly clusterId?: (cluster: string) => string;
  /** Called with each event as soon as it is known to be kept, in file order. */
  readonly onEvent?: (event: TimelineEvent) => void;
  /** False: the events only go to `onEvent`, and the result's `events` is empty. */
  readonly keepEvents?: boolean;
}

/** Validates event records; bad rows are reported and skipped, good rows kept in file order. */
export function readEvents(table: CsvTable, file = EVENTS_SPEC.file): EventsResult {
  const reader = new EventsReader(file);
  reader.header(table.header, table.headerRow);
  for (const record of table.records) reader.record(record);
  return reader.finish({ problems: table.problems, recordCount: table.records.length, unreadableRecords: table.unreadableRecords });
}

/**
 * The same validation as readEvents, one record at a time as the CSV reader delivers them
 * (a CsvRowSink for streamCsv); `finish` gives the result once the whole file is read.
 */
export class EventsReader implements CsvRowSink {
  private readonly spec: TableSpec;
  private records: TableRecords | null = null;
  private columns: EventColumns | null = null;
  private readonly events: TimelineEvent[] = [];
  private readonly rowProblems: Problem[] = [];
  private readonly firstRowOfId = new Map<string, number>();

  constructor(
    file = EVENTS_SPEC.file,
    private readonly options: EventsReaderOptions = {},
  ) {
    this.spec = { ...EVENTS_SPEC, file };
  }

  header(header: readonly string[], headerRow: number): void {
    const table = readHeader(header, headerRow, this.spec);
    this.records = new TableRecords(table);
    this.columns = columnIndexes(table.columns, EVENT_COLUMNS);
  }

  record(record: CsvRecord): void {
    if (!this.records?.table.usable || !this.columns) return;
    const reader = this.records.read(record);
    const event = readEvent(reader, this.columns, this.options.clusterId);
    if (event && reader.errors.length === 0) {
      const earlier = this.firstRowOfId.get(event.id);
      if (earlier !== undefined) {
        reader.error('id', { code: 'duplicateEventId', params: { id: shorten(event.id), firstRow: earlier } });
      } else {
        this.firstRowOfId.set(event.id, reader.row);
        if (this.options.keepEvents !== false) this.events.push(event);
        this.options.onEvent?.(event);
      }
    }
    // A row with errors is skipped, so its warnings would only be noise.
    for (const problem of reader.errors.length ? reader.errors : reader.warnings) this.rowProblems.push(problem);
  }

  /** The events and every problem: the file's, then the header's and the whole table's, then the rows' in file order. */
  finish(file: Pick<CsvOutline, 'problems' | 'recordCount' | 'unreadableRecords'>): EventsResult {
    const problems = [...file.problems];
    const records = this.records;
    if (records) {
      problems.push(...records.table.problems);
      problems.push(...records.endProblems(file.recordCount, file.unreadableRecords));
    }
    for (const problem of this.rowProblems) problems.push(problem);
    return { events: this.events, problems };
  }
}

function readEvent(reader: RowReader, at: EventColumns, clusterId?: (cluster: string) => string): TimelineEvent | null {
  const id = reader.required('id', at.id);
  const cluster = reader.required('cluster', at.cluster);
  const kind = reader.required('kind', at.kind).toLowerCase();
  const title = reader.required('title', at.title);

  let start: SourceDate | null = null;
  const startCell = reader.cellAt(at.start);
  if (startCell === '') reader.error('start', { code: 'requiredEmpty', params: { column: 'start' } });
  else {
    const parsed = parseSourceDate(startCell);
    if (parsed.ok) start = parsed.value;
    else reader.error('start', dateProblem('start', parsed));
  }

  let end: SourceDate | 'open' | null = null;
  const endCell = reader.cellAt(at.end);
  const endParsed = parseEndDate(endCell);
  if (endParsed.ok) end = endParsed.value;
  else reader.error('end', dateProblem('end', endParsed));

  if (start && end && end !== 'open' && end.latest <= start.earliest) {
    reader.error('end', { code: 'endBeforeStart', params: { start: shorten(startCell), end: shorten(endCell) } });
  }

  const confidence = readConfidence(reader.cellAt(at.confidence));
  if (!confidence.ok) reader.warn('confidence', confidence.problem);
  const contestedCell = reader.cellAt(at.contested);
  const contested = readBoolean(contestedCell);
  if (contested === null) reader.warn('contested', { code: 'contestedInvalid', params: { value: shorten(contestedCell) } });
  const sourceUrl = readHttpUrl(reader.cellAt(at.source_url));
  if (!sourceUrl.ok) reader.warn('source_url', sourceUrl.problem);
  const techniques = readPatternList(reader.cellAt(at.techniques), TECHNIQUE_ID, 'techniqueInvalid');
  if (techniques.problem) reader.warn('techniques', techniques.problem);
  const cves = readPatternList(reader.cellAt(at.cves), CVE_ID, 'cveInvalid');
  if (cves.problem) reader.warn('cves', cves.problem);

  if (!start || reader.errors.length > 0) return null;
  return {
    id,
    cluster: clusterId ? clusterId(cluster) : cluster,
    kind,
    start,
    end,
    title,
    summary: reader.cellAt(at.summary),
    summaryIt: reader.cellAt(at.summary_it),
    confidence: confidence.ok ? confidence.value : null,
    contested: contested ?? false,
    targets: splitList(reader.cellAt(at.targets)),
    tools: splitList(reader.cellAt(at.tools)),
    techniques: techniques.value,
    cves: cves.value,
    sourceTitle: reader.cellAt(at.source_title),
    sourceUrl: sourceUrl.ok ? sourceUrl.value : null,
    row: reader.row,
  };
}

/** A start or end cell that is not a date: the date's reason, said of that cell. */
function dateProblem(field: 'start' | 'end', reason: DateReason): ProblemDetail {
  // TypeScript cannot follow the code–params pairing through the spread; each code keeps its own parameters.
  return { code: reason.code, params: { ...reason.params, field } } as ProblemDetail;
}
