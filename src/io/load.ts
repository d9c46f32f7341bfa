import { CONTEXT_LANE, type Cluster, type Dataset, type Problem, type TimelineEvent } from '../model/types';
import { shorten } from './cells';
import { makeProblem, parseCsv } from './parse-csv';
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

export interface LoadOptions {
  /**
   * Called with the fraction of the work done (0–1) while the files are parsed: the share of
   * all the text read so far, scaled to leave the last step for validation; 1 when all is done.
   */
  readonly onProgress?: (fraction: number) => void;
}

/** The share of the progress bar given to parsing; the rest is row validation. */
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
    problems.push(...read.problems);
  }
  const eventsRead = readEvents(parseCsv(input.events.text, input.events.name, progressFor(input.events)), input.events.name);
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
      problems.push(
        makeProblem(
          { file: input.events.name, row: event.row, column: 'cluster', severity: 'warning' },
          { code: 'clusterUnknown', params: { cluster: shorten(event.cluster), clustersFile: input.clusters.name } },
        ),
      );
    }
  }
  const dataset = { clusters, events, problems: sortProblems(problems) };
  onProgress?.(1);
  return dataset;
}

/**
 * `Context`, `CONTEXT` and a cluster id typed in another case all mean the same lane. An id the
 * clusters file has exactly as written stays as it is, even when the file also has it in another case.
 */
function normaliseClusterIds(events: readonly TimelineEvent[], clusters: readonly Cluster[]): TimelineEvent[] {
  const exact = new Set(clusters.map((c) => c.id));
  const byLowerCase = new Map<string, string>();
  for (const cluster of clusters) if (!byLowerCase.has(cluster.id.toLowerCase())) byLowerCase.set(cluster.id.toLowerCase(), cluster.id);
  return events.map((event) => {
    const lower = event.cluster.toLowerCase();
    const id = lower === CONTEXT_LANE ? CONTEXT_LANE : exact.has(event.cluster) ? event.cluster : (byLowerCase.get(lower) ?? event.cluster);
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
