import Papa from 'papaparse';
import { OPEN_END, toCsvDate } from '../model/dates';
import type { Cluster, TimelineEvent } from '../model/types';
import { CLUSTER_COLUMNS, EVENT_COLUMNS } from '../io/columns';

/** Characters that make a spreadsheet read a cell as a formula (or smuggle one in). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell a spreadsheet would run as a formula by putting an apostrophe in front,
 * which spreadsheets show as text. The loader removes exactly this apostrophe again, so an
 * export loads back unchanged.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function list(values: readonly string[]): string {
  return values.join(';');
}

export function eventToRow(event: TimelineEvent): string[] {
  const end = event.end === null ? '' : event.end === 'open' ? OPEN_END : toCsvDate(event.end);
  const cells: Record<(typeof EVENT_COLUMNS)[number], string> = {
    id: event.id,
    cluster: event.cluster,
    kind: event.kind,
    start: toCsvDate(event.start),
    end,
    title: event.title,
    summary: event.summary,
    summary_it: event.summaryIt,
    confidence: event.confidence ?? '',
    contested: event.contested ? 'true' : '',
    targets: list(event.targets),
    tools: list(event.tools),
    techniques: list(event.techniques),
    cves: list(event.cves),
    source_title: event.sourceTitle,
    source_url: event.sourceUrl ?? '',
  };
  return EVENT_COLUMNS.map((column) => neutraliseFormula(cells[column]));
}

export function clusterToRow(cluster: Cluster): string[] {
  const cells: Record<(typeof CLUSTER_COLUMNS)[number], string> = {
    id: cluster.id,
    label: cluster.label,
    name: cluster.name,
    attributed_to: cluster.attributedTo,
    attribution_confidence: cluster.attributionConfidence ?? '',
    aliases: list(cluster.aliases),
    mitre_groups: list(cluster.mitreGroups),
    summary: cluster.summary,
    summary_it: cluster.summaryIt,
    color: cluster.color ?? '',
    source_url: cluster.sourceUrl ?? '',
  };
  return CLUSTER_COLUMNS.map((column) => neutraliseFormula(cells[column]));
}

const UNPARSE = { newline: '\r\n', quotes: true } as const;

/** The visible rows as an events.csv in the same schema as data/events.csv (RFC 4180, CRLF, every cell quoted). */
export function eventsToCsv(events: readonly TimelineEvent[]): string {
  return `${Papa.unparse({ fields: [...EVENT_COLUMNS], data: events.map(eventToRow) }, UNPARSE)}\r\n`;
}

export function clustersToCsv(clusters: readonly Cluster[]): string {
  return `${Papa.unparse({ fields: [...CLUSTER_COLUMNS], data: clusters.filter((c) => !c.derived).map(clusterToRow) }, UNPARSE)}\r\n`;
}
