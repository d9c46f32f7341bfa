import { LoadError, type LoadFailure } from '../i18n/load-messages';
import { EventIndex, registerEventIndex } from '../model/event-index';
import type { Dataset, TimelineEvent } from '../model/types';
import { nextTask } from './next-task';
import { PackedBatchReader, type PackedEvents } from './packed-events';

/**
 * One file to load: its text, a File the worker reads itself, or the chunks of a download, which
 * the page passes on to the worker as they arrive (`size`: the bytes expected, if known).
 * `name` is shown in problems.
 */
export interface LoadSource {
  readonly name: string;
  readonly text?: string;
  readonly file?: File;
  readonly chunks?: AsyncIterable<Uint8Array>;
  readonly size?: number | null;
}

/** A LoadSource as the worker gets it: a download's chunks follow in 'chunk' messages. */
export interface WorkerSource {
  readonly name: string;
  readonly text?: string;
  readonly file?: File;
  readonly streamed?: true;
  readonly size?: number | null;
}

export interface WorkerLoadInput {
  readonly events: LoadSource;
  readonly clusters?: LoadSource;
}

export interface LoadProgress {
  readonly phase: 'reading' | 'parsing';
  /** 0–1 within the phase; null when how far along is not known (a download of unknown size). */
  readonly fraction: number | null;
}

export interface WorkerLoadOptions {
  /** Makes the worker for this load, e.g. createParseWorker from create-parse-worker.ts. */
  readonly createWorker: () => Worker;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Aborting terminates the worker and rejects with a DOMException named 'AbortError'. */
  readonly signal?: AbortSignal;
}

/** Message to parse.worker.ts: a load. */
export interface ParseRequest {
  readonly id: number;
  readonly type?: undefined;
  readonly events: WorkerSource;
  readonly clusters?: WorkerSource;
}

/** Every message to parse.worker.ts: a load, or a chunk of its download, or the download's end. */
export type WorkerRequest =
  | ParseRequest
  | { readonly id: number; readonly type: 'chunk'; readonly bytes: Uint8Array }
  | { readonly id: number; readonly type: 'end' };

/**
 * Messages from parse.worker.ts. An `id` of -1 marks an error the worker could not tie to a request.
 * An error's `message` is in English; `failure`, when present, is the same reason as a code.
 */
export type ParseResponse =
  | { readonly id: number; readonly type: 'progress'; readonly phase: LoadProgress['phase']; readonly fraction: number | null }
  /** Events read so far, packed; sent while the worker reads on. */
  | { readonly id: number; readonly type: 'events'; readonly batch: PackedEvents }
  /** The file mixes line ends and is read again, whole: the events sent so far are to be forgotten. */
  | { readonly id: number; readonly type: 'restart' }
  /** The dataset; its `events` come first in 'events' batches (and any left in `dataset.events` follow them). */
  | { readonly id: number; readonly type: 'done'; readonly dataset: Dataset }
  | { readonly id: number; readonly type: 'error'; readonly message: string; readonly failure?: LoadFailure };

let nextId = 1;

export { startWorkerEarly, type EarlyWorker } from './early-worker';

/**
 * The share of the parsing phase's progress given to the worker's own reading and checking of the
 * rows. The worker sends the events it has read with each progress report, and a report reaches
 * the bar only once the page has rebuilt the events sent before it, so the bar shows what the page
 * has. The rest is the worker's last steps and the last batch; fraction 1 comes with the dataset.
 */
const WORKER_SHARE = 0.95;

/** The longest the page spends rebuilding events in one task before it lets other work run (ms). */
const UNPACK_BUDGET_MS = 8;
/** Events rebuilt between two looks at the clock. */
const UNPACK_STRIDE = 64;

/** A source as posted to the worker: a download's chunks are not cloned but passed on one by one. */
function forWorker(source: LoadSource): WorkerSource {
  if (!source.chunks) return source.text !== undefined ? { name: source.name, text: source.text } : { name: source.name, ...(source.file ? { file: source.file } : {}) };
  return { name: source.name, streamed: true, size: source.size ?? null };
}

function abortError(): DOMException {
  return new DOMException('Loading the CSV files was cancelled.', 'AbortError');
}

/** The browser's own message of a thrown value, or '' when it has none. */
function detailOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : '';
}

/**
 * Reads, parses and validates the files in a worker of their own, so the page stays responsive.
 * The worker is terminated when the load ends: with a dataset, an error, or an abort.
 * Failures are LoadErrors (an English message, and codes for the UI's language), except an error
 * message from a worker that sent no code, which is passed on as a plain Error.
 */
export function loadInWorker(input: WorkerLoadInput, options: WorkerLoadOptions): Promise<Dataset> {
  const { createWorker, onProgress, signal } = options;
  return new Promise<Dataset>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    let worker: Worker;
    try {
      worker = createWorker();
    } catch (error) {
      reject(new LoadError({ code: 'readerNotStarted', params: { detail: detailOf(error) } }));
      return;
    }
    const id = nextId++;
    let settled = false;
    let workerStopped = false;

    const stopWorker = (): void => {
      if (workerStopped) return;
      workerStopped = true;
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      worker.terminate();
    };

    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stopWorker();
      outcome();
    };

    // What the worker sent, taken in order: a progress report reaches the bar, and the dataset is
    // resolved, only after the events sent before it have been rebuilt.
    type Step =
      | { readonly type: 'progress'; readonly progress: LoadProgress }
      | { readonly type: 'restart' }
      | { readonly type: 'events'; readonly reader: PackedBatchReader }
      | { readonly type: 'done'; readonly dataset: Dataset };
    const steps: Step[] = [];
    const received: TimelineEvent[] = [];
    // Gathered here, in a loop long optimised by the end of the load, rather than by the chart at first paint.
    let index = new EventIndex();
    let draining = false;
    // The bar never goes back: "reading" a download ends at the share of the file its first
    // megabyte is, while "checking rows" starts from the rows read, a little behind. A re-read
    // whole (a file found to mix line ends) holds the bar until it passes where it was.
    let shown = 0;
    const report = (progress: LoadProgress): void => {
      if (progress.fraction !== null) {
        shown = Math.max(shown, progress.fraction);
        progress = { phase: progress.phase, fraction: shown };
      }
      onProgress?.(progress);
    };

    const enqueue = (step: Step): void => {
      steps.push(step);
      if (!draining) void drain();
    };

    /** Works through the steps in tasks of about UNPACK_BUDGET_MS, so the page stays responsive. */
    async function drain(): Promise<void> {
      draining = true;
      let taskStart = performance.now();
      while (steps.length > 0 && !settled) {
        const step = steps[0]!;
        if (step.type === 'events') {
          const { reader } = step;
          while (!reader.done && performance.now() - taskStart < UNPACK_BUDGET_MS) {
            for (let i = 0; i < UNPACK_STRIDE && !reader.done; i++) {
              const event = reader.next();
              received.push(event);
              index.add(event);
            }
          }
          if (!reader.done) {
            await nextTask();
            taskStart = performance.now();
            continue;
          }
        } else if (step.type === 'progress') {
          report(step.progress);
        } else if (step.type === 'restart') {
          received.length = 0;
          index = new EventIndex();
        } else {
          const { dataset } = step;
          settle(() => {
            for (const event of dataset.events) index.add(event);
            const events = dataset.events.length ? [...received, ...dataset.events] : received;
            registerEventIndex(events, index);
            resolve({ ...dataset, events });
            report({ phase: 'parsing', fraction: 1 });
          });
        }
        steps.shift();
      }
      draining = false;
    }

    function onMessage(event: MessageEvent<ParseResponse>): void {
      const message = event.data;
      if (!message || typeof message !== 'object') return;
      if (message.id !== id && !(message.type === 'error' && message.id === -1)) return;
      switch (message.type) {
        case 'progress':
          enqueue({
            type: 'progress',
            progress: { phase: message.phase, fraction: message.phase === 'parsing' && message.fraction !== null ? message.fraction * WORKER_SHARE : message.fraction },
          });
          break;
        case 'events':
          enqueue({ type: 'events', reader: new PackedBatchReader(message.batch) });
          break;
        case 'restart':
          enqueue({ type: 'restart' });
          break;
        case 'done':
          // The worker has nothing more to send; what it sent is still being rebuilt.
          stopWorker();
          enqueue({ type: 'done', dataset: message.dataset });
          break;
        case 'error':
          settle(() => reject(message.failure ? new LoadError(message.failure) : new Error(message.message)));
          break;
      }
    }

    function onError(event: Event): void {
      event.preventDefault();
      const detail = typeof ErrorEvent !== 'undefined' && event instanceof ErrorEvent ? event.message || '' : '';
      settle(() => reject(new LoadError({ code: 'readerCrashed', params: { detail } })));
    }

    function onMessageError(): void {
      settle(() => reject(new LoadError({ code: 'readerResultUnreadable', params: {} })));
    }

    function onAbort(): void {
      settle(() => reject(abortError()));
    }

    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    signal?.addEventListener('abort', onAbort, { once: true });

    const request: ParseRequest = {
      id,
      events: forWorker(input.events),
      ...(input.clusters ? { clusters: forWorker(input.clusters) } : {}),
    };
    try {
      worker.postMessage(request);
    } catch (error) {
      settle(() => reject(new LoadError({ code: 'readerHandOff', params: { detail: detailOf(error) } })));
      return;
    }
    const chunks = input.events.chunks;
    if (chunks) void passOn(chunks);

    /**
     * Hands a download's chunks to the worker as they arrive; a failed download fails the load.
     * Each chunk is copied into its message: when many have arrived at once, the page lets other
     * work run between every few milliseconds of copying.
     */
    async function passOn(chunks: AsyncIterable<Uint8Array>): Promise<void> {
      try {
        let taskStart = performance.now();
        for await (const bytes of chunks) {
          if (settled) return;
          worker.postMessage({ id, type: 'chunk', bytes } satisfies WorkerRequest);
          if (performance.now() - taskStart > UNPACK_BUDGET_MS) {
            await nextTask();
            taskStart = performance.now();
          }
        }
        if (!settled) worker.postMessage({ id, type: 'end' } satisfies WorkerRequest);
      } catch (error) {
        settle(() => reject(error));
      }
    }
  });
}
