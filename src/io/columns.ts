/**
 * The columns of the two CSV files (data/README.md), in the order the bundled files have them:
 * the one list the readers check a header against and the CSV export writes.
 */
export const EVENT_COLUMNS = [
  'id',
  'cluster',
  'kind',
  'start',
  'end',
  'title',
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
] as const;

export const EVENT_REQUIRED = ['id', 'cluster', 'kind', 'start', 'title'] as const satisfies readonly EventColumn[];

export const CLUSTER_COLUMNS = [
  'id',
  'label',
  'name',
  'attributed_to',
  'attribution_confidence',
  'aliases',
  'mitre_groups',
  'summary',
  'summary_it',
  'color',
  'source_url',
] as const;

export const CLUSTER_REQUIRED = ['id', 'label'] as const satisfies readonly ClusterColumn[];

export type EventColumn = (typeof EVENT_COLUMNS)[number];
export type ClusterColumn = (typeof CLUSTER_COLUMNS)[number];

/** The columns of `all` that are not required, in their order. */
export function optionalColumns<T extends string>(all: readonly T[], required: readonly T[]): T[] {
  return all.filter((column) => !required.includes(column));
}
