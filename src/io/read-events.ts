import { parseEndDate, parseSourceDate, type SourceDate } from '../model/dates';
import type { Problem, TimelineEvent } from '../model/types';
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
        reader.error('id', `the id "${shorten(event.id)}" is already used on row ${earlier}; ids must be unique, so this row is skipped`);
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
  if (startCell === '') reader.error('start', 'start is required but empty; the row is skipped');
  else {
    const parsed = parseSourceDate(startCell);
    if (parsed.ok) start = parsed.value;
    else reader.error('start', `start ${parsed.reason}; the row is skipped`);
  }

  let end: SourceDate | 'open' | null = null;
  const endParsed = parseEndDate(reader.cell('end'));
  if (endParsed.ok) end = endParsed.value;
  else reader.error('end', `end ${endParsed.reason}; the row is skipped`);

  if (start && end && end !== 'open' && end.latest <= start.earliest) {
    reader.error('end', `end (${reader.cell('end')}) is before start (${reader.cell('start')}); the row is skipped`);
  }

  const confidence = readConfidence(reader.cell('confidence'));
  if (!confidence.ok) reader.warn('confidence', `${confidence.reason}; it is shown as unstated`);
  const contested = readBoolean(reader.cell('contested'));
  if (!contested.ok) reader.warn('contested', `contested ${contested.reason}; it is read as not contested`);
  const sourceUrl = readHttpUrl(reader.cell('source_url'));
  if (!sourceUrl.ok) reader.warn('source_url', sourceUrl.reason);
  const techniques = readPatternList(reader.cell('techniques'), TECHNIQUE_ID, 'an ATT&CK technique ID like T1190 or T1505.003');
  if (techniques.reason) reader.warn('techniques', techniques.reason);
  const cves = readPatternList(reader.cell('cves'), CVE_ID, 'a CVE ID like CVE-2021-26855');
  if (cves.reason) reader.warn('cves', cves.reason);

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
    contested: contested.ok ? contested.value : false,
    targets: splitList(reader.cell('targets')),
    tools: splitList(reader.cell('tools')),
    techniques: techniques.value,
    cves: cves.value,
    sourceTitle: reader.cell('source_title'),
    sourceUrl: sourceUrl.ok ? sourceUrl.value : null,
    row: reader.row,
  };
}
