import { CONTEXT_LANE, type Cluster, type Dataset, type Problem, type TimelineEvent } from '../model/types';
import { shorten } from './cells';
import { makeProblem, parseCsv, streamCsv } from './parse-csv';
import { derivedCluster, readClusters } from './read-clusters';
import { EventsReader } from './read-events';

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

export interface LoadOptions {
  /**
   * Called with the fraction of the work done (0–1) while the files are parsed: the share of
   * all the text read so far, scaled to leave the last step for validation; 1 when all is done.
   */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Called with each event as soon as it is certain to be in the dataset, in the dataset's order
   * (before `onProgress` reports the text it came from), so that a caller can pass events on while
   * the rest of the file is still being read. The returned dataset has them all the same.
   */
  readonly onEvent?: (event: TimelineEvent) => void;
  /**
   * False: the events go only to `onEvent` and the returned dataset's `events` is empty, so that
   * a caller that passes them on need not hold them all.
   */
  readonly keepEvents?: boolean;
}

/** The share of the progress bar given to reading and checking the rows; the rest is the final steps (clusters, sorting). */
const PARSE_SHARE = 0.9;

/** CSV text → validated dataset. Never throws on bad input: every rejected row becomes a problem. */
export function loadDataset(input: LoadInput, options: LoadOptions = {}): Dataset {
  const { onProgress } = options;
  const total = input.events.text.length + (input.clusters?.text.length ?? 0) || 1;
  let done = 0;
  /** Progress for one file, mapped into the whole load's range; undefined without a callback. */
  const progressFor = (source: CsvSource) => {
    if (!onProgress) return undefined;
    const offset = done;
    done += source.text.length;
    return (fraction: number) => onProgress((PARSE_SHARE * (offset + fraction * source.text.length)) / total);
  };

  const problems: Problem[] = [];
  let clusters: Cluster[] = [];
  if (input.clusters) {
    const read = readClusters(parseCsv(input.clusters.text, input.clusters.name, progressFor(input.clusters)), input.clusters.name);
    clusters = read.clusters;
    for (const problem of read.problems) problems.push(problem);
  }
  // An event naming a cluster the clusters file does not have gets a derived cluster (and, when
  // there is a clusters file, a warning on the first row that names it).
  const known = new Set(clusters.map((c) => c.id));
  const unknownClusters: Problem[] = [];
  const noteCluster = (event: TimelineEvent) => {
    if (event.cluster === CONTEXT_LANE || known.has(event.cluster)) return;
    known.add(event.cluster);
    clusters.push(derivedCluster(event.cluster));
    if (input.clusters) {
      unknownClusters.push(
        makeProblem(
          { file: input.events.name, row: event.row, column: 'cluster', severity: 'warning' },
          { code: 'clusterUnknown', params: { cluster: shorten(event.cluster), clustersFile: input.clusters.name } },
        ),
      );
    }
  };
  // Each row is checked as soon as it is read, so its cells never pile up for the whole file.
  const eventsReader = new EventsReader(input.events.name, {
    clusterId: clusterIdFor(clusters),
    keepEvents: options.keepEvents !== false,
    onEvent: (event) => {
      noteCluster(event);
      options.onEvent?.(event);
    },
  });
  const eventsFile = streamCsv(input.events.text, input.events.name, eventsReader, progressFor(input.events));
  const eventsRead = eventsReader.finish(eventsFile);
  // The events file's own problems come before the cluster warnings found while reading it.
  for (const problem of eventsRead.problems) problems.push(problem);
  for (const problem of unknownClusters) problems.push(problem);
  const events = eventsRead.events;
  const dataset = { clusters, events, problems: sortProblems(problems) };
  onProgress?.(1);
  return dataset;
}

/**
 * `Context`, `CONTEXT` and a cluster id typed in another case all mean the same lane. An id the
 * clusters file has exactly as written stays as it is, even when the file also has it in another case.
 * Files name few clusters, each on many rows: each distinct value is worked out once.
 */
function clusterIdFor(clusters: readonly Cluster[]): (cluster: string) => string {
  const exact = new Set(clusters.map((c) => c.id));
  const byLowerCase = new Map<string, string>();
  for (const cluster of clusters) if (!byLowerCase.has(cluster.id.toLowerCase())) byLowerCase.set(cluster.id.toLowerCase(), cluster.id);
  const known = new Map<string, string>();
  return (cluster) => {
    let id = known.get(cluster);
    if (id === undefined) {
      const lower = cluster.toLowerCase();
      id = lower === CONTEXT_LANE ? CONTEXT_LANE : exact.has(cluster) ? cluster : (byLowerCase.get(lower) ?? cluster);
      known.set(cluster, id);
    }
    return id;
  };
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
