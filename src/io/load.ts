import { CONTEXT_LANE, type Cluster, type Dataset, type Problem, type TimelineEvent } from '../model/types';
import { parseCsv } from './parse-csv';
import { derivedCluster, readClusters } from './read-clusters';
import { readEvents } from './read-events';

export interface CsvSource {
  readonly text: string;
  /** The name shown in problems, e.g. the file's name. */
  readonly name: string;
}

export interface LoadInput {
  readonly events: CsvSource;
  /** Optional: without it, clusters are derived from the events' distinct cluster values. */
  readonly clusters?: CsvSource;
}

/** CSV text → validated dataset. Never throws on bad input: every rejected row becomes a problem. */
export function loadDataset(input: LoadInput): Dataset {
  const problems: Problem[] = [];
  let clusters: Cluster[] = [];
  if (input.clusters) {
    const read = readClusters(parseCsv(input.clusters.text, input.clusters.name), input.clusters.name);
    clusters = read.clusters;
    problems.push(...read.problems);
  }
  const eventsRead = readEvents(parseCsv(input.events.text, input.events.name), input.events.name);
  problems.push(...eventsRead.problems);
  const events = normaliseClusterIds(eventsRead.events, clusters);

  const known = new Set(clusters.map((c) => c.id));
  const reported = new Set<string>();
  for (const event of events) {
    if (event.cluster === CONTEXT_LANE || known.has(event.cluster)) continue;
    known.add(event.cluster);
    clusters.push(derivedCluster(event.cluster));
    if (input.clusters && !reported.has(event.cluster)) {
      reported.add(event.cluster);
      problems.push({
        file: input.events.name,
        row: event.row,
        column: 'cluster',
        message: `the cluster "${event.cluster}" is not in ${input.clusters.name}; its events are shown in a lane of their own`,
        severity: 'warning',
      });
    }
  }
  return { clusters, events, problems: sortProblems(problems) };
}

/** `Context`, `CONTEXT` and a cluster id typed in another case all mean the same lane. */
function normaliseClusterIds(events: readonly TimelineEvent[], clusters: readonly Cluster[]): TimelineEvent[] {
  const byLowerCase = new Map(clusters.map((c) => [c.id.toLowerCase(), c.id]));
  return events.map((event) => {
    const lower = event.cluster.toLowerCase();
    const id = lower === CONTEXT_LANE ? CONTEXT_LANE : (byLowerCase.get(lower) ?? event.cluster);
    return id === event.cluster ? event : { ...event, cluster: id };
  });
}

/** Problems in file order, then by row, so the list reads like the files. */
function sortProblems(problems: Problem[]): Problem[] {
  const fileOrder = new Map<string, number>();
  for (const problem of problems) if (!fileOrder.has(problem.file)) fileOrder.set(problem.file, fileOrder.size);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        fileOrder.get(a.problem.file)! - fileOrder.get(b.problem.file)! ||
        (a.problem.row ?? 0) - (b.problem.row ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}
