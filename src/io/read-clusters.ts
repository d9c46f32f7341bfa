import { CONTEXT_LANE, type Cluster, type Problem } from '../model/types';
import { CLUSTER_COLUMNS, CLUSTER_REQUIRED, optionalColumns } from './columns';
import { GROUP_ID, readColor, readConfidence, readHttpUrl, readPatternList, shorten, splitList } from './cells';
import type { CsvTable } from './parse-csv';
import { prepareTable, type TableSpec } from './table-reader';

export const CLUSTERS_SPEC: TableSpec = { file: 'clusters.csv', required: CLUSTER_REQUIRED, optional: optionalColumns(CLUSTER_COLUMNS, CLUSTER_REQUIRED) };

export interface ClustersResult {
  readonly clusters: Cluster[];
  readonly problems: Problem[];
}

export function readClusters(table: CsvTable, file = CLUSTERS_SPEC.file): ClustersResult {
  const spec = { ...CLUSTERS_SPEC, file };
  const prepared = prepareTable(table, spec);
  const problems = prepared.problems;
  const clusters: Cluster[] = [];
  const firstRowOfId = new Map<string, number>();

  for (const reader of prepared.rows) {
    const id = reader.required('id');
    const label = reader.required('label');
    if (id.toLowerCase() === CONTEXT_LANE) {
      reader.error('id', { code: 'clusterReserved', params: { id: CONTEXT_LANE } });
    }
    const earlier = firstRowOfId.get(id);
    if (id !== '' && earlier !== undefined) {
      reader.error('id', { code: 'duplicateClusterId', params: { id: shorten(id), firstRow: earlier } });
    }
    const confidence = readConfidence(reader.cell('attribution_confidence'));
    if (!confidence.ok) reader.warn('attribution_confidence', confidence.problem);
    const color = readColor(reader.cell('color'));
    if (!color.ok) reader.warn('color', color.problem);
    const sourceUrl = readHttpUrl(reader.cell('source_url'));
    if (!sourceUrl.ok) reader.warn('source_url', sourceUrl.problem);
    const groups = readPatternList(reader.cell('mitre_groups'), GROUP_ID, 'groupInvalid');
    if (groups.problem) reader.warn('mitre_groups', groups.problem);

    if (reader.errors.length > 0) {
      problems.push(...reader.errors);
      continue;
    }
    problems.push(...reader.warnings);
    firstRowOfId.set(id, reader.row);
    clusters.push({
      id,
      label,
      name: reader.cell('name'),
      attributedTo: reader.cell('attributed_to'),
      attributionConfidence: confidence.ok ? confidence.value : null,
      aliases: splitList(reader.cell('aliases')),
      mitreGroups: groups.value,
      summary: reader.cell('summary'),
      summaryIt: reader.cell('summary_it'),
      color: color.ok ? color.value : null,
      sourceUrl: sourceUrl.ok ? sourceUrl.value : null,
      derived: false,
    });
  }
  return { clusters, problems };
}

/** A cluster known only from the events that name it. */
export function derivedCluster(id: string): Cluster {
  return {
    id,
    label: id,
    name: '',
    attributedTo: '',
    attributionConfidence: null,
    aliases: [],
    mitreGroups: [],
    summary: '',
    summaryIt: '',
    color: null,
    sourceUrl: null,
    derived: true,
  };
}
