import { LoadError } from '../../i18n/load-messages';
import { pairFilesDetailed } from '../../io/classify';
import { createParseWorker } from '../../io/create-parse-worker';
import { fetchCsvFile, fileSizeFailure, openCsvDownload, resolveSameOrigin } from '../../io/fetch-csv';
import { loadInWorker, startWorkerEarly, type EarlyWorker, type LoadProgress } from '../../io/worker-loader';
import type { Dataset } from '../../model/types';

/** Where loaded data came from, kept so that "Save this view" can put the same files into the saved page. */
export interface LoadedSource {
  readonly events: { readonly name: string; readonly file?: File; readonly text?: string };
  readonly clusters?: { readonly name: string; readonly file?: File; readonly text?: string };
}

export interface UserDataResult {
  readonly dataset: Dataset;
  /** The events file's name, shown as the data's source. */
  readonly name: string;
  readonly source: LoadedSource;
}

const HEADER_BYTES = 64 * 1024;

/**
 * A load the app declined on purpose (another site's URL, a file too large, no events file): said
 * to the user, not logged as a fault. Its `message` is English; `failure`/`failures` carry the
 * reason as codes, which `formatLoadError(error, lang)` words in the UI's language.
 */
export class LoadRefused extends LoadError {
  override name = 'LoadRefused';
}

/** Loads files the user chose or dropped: which is events and which clusters is read from their headers. */
export async function loadUserFiles(
  files: readonly File[],
  onProgress: (progress: LoadProgress, name: string) => void,
  signal: AbortSignal,
): Promise<UserDataResult> {
  for (const file of files) {
    const refusal = fileSizeFailure(file);
    if (refusal) throw new LoadRefused(refusal);
  }
  const worker = startWorkerEarly(createParseWorker);
  try {
    return await loadPairedFiles(files, onProgress, signal, worker.createWorker);
  } finally {
    worker.discard();
  }
}

async function loadPairedFiles(
  files: readonly File[],
  onProgress: (progress: LoadProgress, name: string) => void,
  signal: AbortSignal,
  createWorker: () => Worker,
): Promise<UserDataResult> {
  const heads = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.slice(0, HEADER_BYTES).text(), file })));
  const pairing = pairFilesDetailed(heads);
  if (!pairing.events) {
    const [first = { code: 'noEventsFile', params: {} }, ...rest] = pairing.failures;
    throw new LoadRefused([first, ...rest]);
  }
  const name = pairing.events.name;
  const source: LoadedSource = {
    events: { name, file: pairing.events.file },
    clusters: pairing.clusters ? { name: pairing.clusters.name, file: pairing.clusters.file } : undefined,
  };
  const dataset = await loadInWorker(source, { createWorker, onProgress: (p) => onProgress(p, name), signal });
  return { dataset, name, source };
}

/**
 * Loads `?src=` (and `?clusters-src=`) from this site only; any other origin is refused before any
 * request. `worker`: one started for it already (the page starts one as it starts); it is ended if the load does not take it.
 */
export async function loadFromLinks(
  src: string,
  clustersSrc: string | null,
  onProgress: (progress: LoadProgress, name: string) => void,
  signal: AbortSignal,
  worker?: EarlyWorker,
): Promise<UserDataResult> {
  // Without one started already, the worker starts once the links are accepted, with the download.
  const startWorker = () => (worker ??= startWorkerEarly(createParseWorker));
  try {
    return await loadLinkedFiles(src, clustersSrc, onProgress, signal, startWorker);
  } finally {
    worker?.discard();
  }
}

async function loadLinkedFiles(
  src: string,
  clustersSrc: string | null,
  onProgress: (progress: LoadProgress, name: string) => void,
  signal: AbortSignal,
  startWorker: () => EarlyWorker,
): Promise<UserDataResult> {
  const events = resolveSameOrigin(src, location.href);
  if (!events.ok) throw new LoadRefused(events.failure);
  const clusters = clustersSrc ? resolveSameOrigin(clustersSrc, location.href) : null;
  if (clusters && !clusters.ok) throw new LoadRefused(clusters.failure);
  const name = decodeURIComponent(new URL(events.url).pathname.split('/').pop() || events.url);
  onProgress({ phase: 'reading', fraction: 0 }, name);
  const clustersName = clusters?.ok ? decodeURIComponent(new URL(clusters.url).pathname.split('/').pop() || 'clusters.csv') : null;
  const { createWorker } = startWorker();
  // The events file is read while it arrives (its chunks passed on to the worker as they come),
  // and kept whole for "Save this view".
  const opening = openCsvDownload(events.url, name, signal);
  try {
    const [eventsDownload, clustersFile] = await Promise.all([
      opening,
      clusters?.ok && clustersName ? fetchCsvFile(clusters.url, clustersName, signal) : Promise.resolve(null),
    ]);
    const dataset = await loadInWorker(
      {
        events: { name, chunks: eventsDownload.chunks, size: eventsDownload.size },
        ...(clustersFile && clustersName ? { clusters: { name: clustersName, file: clustersFile } } : {}),
      },
      { createWorker, onProgress: (p) => onProgress(p, name), signal },
    );
    const source: LoadedSource = {
      // Made only if "Save this view" asks for it, not on the way to showing the data.
      events: {
        name,
        get file() {
          return eventsDownload.file();
        },
      },
      clusters: clustersFile && clustersName ? { name: clustersName, file: clustersFile } : undefined,
    };
    return { dataset, name, source };
  } finally {
    // A download nothing read (the clusters file failed, say) is stopped.
    void opening.then((download) => download.cancel()).catch(() => undefined);
  }
}
