import type { Lang } from '../model/dates';
import { CONTEXT_LANE, type Cluster } from '../model/types';
import { msg } from './messages';

/** "Cluster B — Naikon APT", or the label alone when the cluster has no name. */
export function clusterHeading(cluster: Cluster): string {
  return cluster.name ? `${cluster.label} — ${cluster.name}` : cluster.label;
}

/** How an event's cluster is named: "Cluster B — Naikon APT", "Context", or the raw id when unknown. */
export function clusterDisplayName(id: string, clusters: readonly Cluster[], lang: Lang): string {
  if (id === CONTEXT_LANE) return msg(lang, 'contextLane');
  const cluster = clusters.find((c) => c.id === id);
  return cluster ? clusterHeading(cluster) : id;
}
