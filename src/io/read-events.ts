import { parseEndDate, parseSourceDate, type DateReason, type SourceDate } from '../model/dates';
import type { Problem, ProblemDetail, TimelineEvent } from '../model/types';
import { CVE_ID, readBoolean, readConfidence, readHttpUrl, readPatternList, shorten, splitList, TECHNIQUE_ID } from './cells';
import type { CsvTable } from './parse-csv';
import { prepareTable, type RowReader, type TableSpec } from './table-reader';

export const EVENTS_SPEC: TableSpec = {
  file: 'events.csv',
  required: ['id', 'cluster', 'kind', 'start', 'title'],
  optional: [
    'end',
    'summary',
    'summary_it',
    'confidence',
    'contested',
    'targets',
    'tools',
    'techniques',
    'cves',
    'source_title',
    'source_url',
  ],
};

export interface EventsResult {
  readonly events: TimelineEvent[];
  readonly problems: Problem[];
}

/** Validates event records; bad rows are reported and skipped, good rows kept in file order. */
export function readEvents(table: CsvTable, file = EVENTS_SPEC.file): EventsResult {
  const spec = { ...EVENTS_SPEC, file };
  const prepared = prepareTable(table, spec);
  const problems = prepared.problems;
  const events: TimelineEvent[] = [];
  const firstRowOfId = new Map<string, number>();

  for (const reader of prepared.rows) {
    const event = readEvent(reader);
    if (event && reader.errors.length === 0) {
      const earlier = firstRowOfId.get(event.id);
      if (earlier !== undefined) {
        reader.error('id', { code: 'duplicateEventId', params: { id: shorten(event.id), firstRow: earlier } });
      } else {
        firstRowOfId.set(event.id, reader.row);
        events.push(event);
      }
    }
    problems.push(...reader.errors, ...(reader.errors.length ? [] : reader.warnings));
  }
  return { events, problems };
}

function readEvent(reader: RowReader): TimelineEvent | null {
  const id = reader.required('id');
  const cluster = reader.required('cluster');
  const kind = reader.required('kind').toLowerCase();
  const title = reader.required('title');

  let start: SourceDate | null = null;
  const startCell = reader.cell('start');
  if (startCell === '') reader.error('start', { code: 'requiredEmpty', params: { column: 'start' } });
  else {
    const parsed = parseSourceDate(startCell);
    if (parsed.ok) start = parsed.value;
    else reader.error('start', dateProblem('start', parsed));
  }

  let end: SourceDate | 'open' | null = null;
  const endParsed = parseEndDate(reader.cell('end'));
  if (endParsed.ok) end = endParsed.value;
  else reader.error('end', dateProblem('end', endParsed));

  if (start && end && end !== 'open' && end.latest <= start.earliest) {
    reader.error('end', { code: 'endBeforeStart', params: { start: shorten(reader.cell('start')), end: shorten(reader.cell('end')) } });
  }

  const confidence = readConfidence(reader.cell('confidence'));
  if (!confidence.ok) reader.warn('confidence', confidence.problem);
  const contested = readBoolean(reader.cell('contested'));
  if (contested === null) reader.warn('contested', { code: 'contestedInvalid', params: { value: shorten(reader.cell('contested')) } });
  const sourceUrl = readHttpUrl(reader.cell('source_url'));
  if (!sourceUrl.ok) reader.warn('source_url', sourceUrl.problem);
  const techniques = readPatternList(reader.cell('techniques'), TECHNIQUE_ID, 'techniqueInvalid');
  if (techniques.problem) reader.warn('techniques', techniques.problem);
  const cves = readPatternList(reader.cell('cves'), CVE_ID, 'cveInvalid');
  if (cves.problem) reader.warn('cves', cves.problem);

  if (!start || reader.errors.length > 0) return null;
  return {
    id,
    cluster,
    kind,
    start,
    end,
    title,
    summary: reader.cell('summary'),
    summaryIt: reader.cell('summary_it'),
    confidence: confidence.ok ? confidence.value : null,
    contested: contested ?? false,
    targets: splitList(reader.cell('targets')),
    tools: splitList(reader.cell('tools')),
    techniques: techniques.value,
    cves: cves.value,
    sourceTitle: reader.cell('source_title'),
    sourceUrl: sourceUrl.ok ? sourceUrl.value : null,
    row: reader.row,
  };
}

/** A start or end cell that is not a date: the date's reason, said of that cell. */
function dateProblem(field: 'start' | 'end', reason: DateReason): ProblemDetail {
  // TypeScript cannot follow the code–params pairing through the spread; each code keeps its own parameters.
  return { code: reason.code, params: { ...reason.params, field } } as ProblemDetail;
}
