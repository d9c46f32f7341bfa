import { CONTEXT_LANE, type Cluster, type Dataset, type Problem, type TimelineEvent } from '../model/types';
import { shorten } from './cells';
import { makeProblem, parseCsv, streamCsv, type CsvOutline } from './parse-csv';
import { derivedCluster, readClusters } from './read-clusters';
import { EventsReader } from './read-events';
import { streamCsvPieces } from './stream-csv';

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
   * Called with the fraction of the work done (0–1) while the events file is read: the share of
   * all the text read so far, scaled to leave the last step for validation; 1 when all is done.
   * null: rows are being read, but how far along is not known (the file's size is not).
   * The clusters file, small and read first, reports nothing: its share counts as done when the
   * events file's first report comes.
   */
  readonly onProgress?: (fraction: number | null) => void;
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
  const load = new DatasetLoad(input.events.name, input.events.text.length, input.clusters, options);
  return load.finish(streamCsv(input.events.text, input.events.name, load.events, load.eventsProgress()));
}

/** An events file whose text arrives in pieces (decoded, in order): a download, or a file read a slice at a time. */
export interface PiecesSource {
  readonly name: string;
  readonly pieces: AsyncIterable<string>;
  /** About how many characters it has (its size in bytes, say), for progress; null when unknown. */
  readonly expectedLength: number | null;
}

export interface PiecesLoadOptions extends LoadOptions {
  /**
   * Called when the file turns out to mix line ends part way through: it is then read again,
   * whole, and the events `onEvent` was given so far are to be forgotten.
   */
  readonly onRestart?: () => void;
}

/**
 * The same as loadDataset, reading the events file's rows while the rest of it still arrives
 * (stream-csv.ts). The result is what loadDataset gives for the whole text.
 */
export async function loadDatasetFromPieces(events: PiecesSource, clusters: CsvSource | undefined, options: PiecesLoadOptions = {}): Promise<Dataset> {
  const load = new DatasetLoad(events.name, events.expectedLength, clusters, options);
  const progress = load.eventsProgress();
  const expected = events.expectedLength;
  // Progress every 2 % of the file, as loadDataset reports it (of unknown size: every 256 KiB read).
  const read = await streamCsvPieces(
    events.pieces,
    events.name,
    load.events,
    progress && ((chars) => progress(expected ? Math.min(1, chars / expected) : null)),
    expected ? Math.max(16 * 1024, expected * 0.02) : undefined,
  );
  if ('outline' in read) return load.finish(read.outline);
  if (read.restart) options.onRestart?.();
  return loadDataset({ events: { name: events.name, text: read.text }, ...(clusters ? { clusters } : {}) }, options);
}

/**
 * One load's state: the clusters file, read first; the events file's reader (`events`), which
 * derives a cluster for each new cluster value it meets; then the dataset (finish).
 */
class DatasetLoad {
  private readonly problems: Problem[] = [];
  private readonly clusters: Cluster[] = [];
  private readonly known: Set<string>;
  private readonly unknownClusters: Problem[] = [];
  readonly events: EventsReader;

  /** `eventsLength`: about how many characters the events file has; null when not known. */
  constructor(
    private readonly eventsName: string,
    private readonly eventsLength: number | null,
    private readonly clustersFile: CsvSource | undefined,
    private readonly options: LoadOptions,
  ) {
    if (clustersFile) {
      const read = readClusters(parseCsv(clustersFile.text, clustersFile.name), clustersFile.name);
      for (const cluster of read.clusters) this.clusters.push(cluster);
      for (const problem of read.problems) this.problems.push(problem);
    }
    // An event naming a cluster the clusters file does not have gets a derived cluster (and, when
    // there is a clusters file, a warning on the first row that names it).
    this.known = new Set(this.clusters.map((c) => c.id));
    // Each row is checked as soon as it is read, so its cells never pile up for the whole file.
    this.events = new EventsReader(eventsName, {
      clusterId: clusterIdFor(this.clusters),
      keepEvents: options.keepEvents !== false,
      onEvent: (event) => {
        this.noteCluster(event);
        options.onEvent?.(event);
      },
    });
  }

  /**
   * Progress over the events file (0–1, or null when its size is not known), mapped into the whole
   * load's range; undefined without a callback.
   */
  eventsProgress(): ((fraction: number | null) => void) | undefined {
    const onProgress = this.options.onProgress;
    if (!onProgress) return undefined;
    const length = this.eventsLength;
    if (length === null) return () => onProgress(null);
    const offset = this.clustersFile?.text.length ?? 0;
    const total = offset + length || 1;
    return (fraction) => onProgress(fraction === null ? null : (PARSE_SHARE * (offset + fraction * length)) / total);
  }

  private noteCluster(event: TimelineEvent): void {
    if (event.cluster === CONTEXT_LANE || this.known.has(event.cluster)) return;
    this.known.add(event.cluster);
    this.clusters.push(derivedCluster(event.cluster));
    if (this.clustersFile) {
      this.unknownClusters.push(
        makeProblem(
          { file: this.eventsName, row: event.row, column: 'cluster', severity: 'warning' },
          { code: 'clusterUnknown', params: { cluster: shorten(event.cluster), clustersFile: this.clustersFile.name } },
        ),
      );
    }
  }

  finish(eventsFile: CsvOutline): Dataset {
    const eventsRead = this.events.finish(eventsFile);
    const problems = [...this.problems];
    // The events file's own problems come before the cluster warnings found while reading it.
    for (const problem of eventsRead.problems) problems.push(problem);
    for (const problem of this.unknownClusters) problems.push(problem);
    const dataset = { clusters: this.clusters, events: eventsRead.events, problems: sortProblems(problems) };
    this.options.onProgress?.(1);
    return dataset;
  }
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
