import { LoadError, type LoadFailure } from '../i18n/load-messages';
import type { Dataset, TimelineEvent } from '../model/types';

/** One file to load: its text, or a File the worker reads itself. `name` is shown in problems. */
export interface LoadSource {
  readonly name: string;
  readonly text?: string;
  readonly file?: File;
}

export interface WorkerLoadInput {
  readonly events: LoadSource;
  readonly clusters?: LoadSource;
}

export interface LoadProgress {
  readonly phase: 'reading' | 'parsing';
  /** 0–1 within the phase. */
  readonly fraction: number;
}

export interface WorkerLoadOptions {
  /** Makes the worker for this load, e.g. createParseWorker from create-parse-worker.ts. */
  readonly createWorker: () => Worker;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Aborting terminates the worker and rejects with a DOMException named 'AbortError'. */
  readonly signal?: AbortSignal;
}

/** Message to parse.worker.ts. */
export interface ParseRequest extends WorkerLoadInput {
  readonly id: number;
}

/**
 * Messages from parse.worker.ts. An `id` of -1 marks an error the worker could not tie to a request.
 * An error's `message` is in English; `failure`, when present, is the same reason as a code.
 */
export type ParseResponse =
  | { readonly id: number; readonly type: 'progress'; readonly phase: LoadProgress['phase']; readonly fraction: number }
  | { readonly id: number; readonly type: 'events'; readonly events: readonly TimelineEvent[]; readonly total: number }
  /** The dataset; its `events` come first in 'events' slices (and any left in `dataset.events` follow them). */
  | { readonly id: number; readonly type: 'done'; readonly dataset: Dataset }
  | { readonly id: number; readonly type: 'error'; readonly message: string; readonly failure?: LoadFailure };

let nextId = 1;

/**
 * The share of the parsing phase's progress given to the worker's own parse and validation. The
 * rest is handing the dataset back: structured cloning 100,000 events takes about as long as
 * validating them (measured in Chromium), so the bar must not sit at 100 % meanwhile. The last
 * report, fraction 1, comes when the dataset has arrived.
 */
const WORKER_SHARE = 0.6;

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

    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      outcome();
    };

    const received: TimelineEvent[] = [];

    function onMessage(event: MessageEvent<ParseResponse>): void {
      const message = event.data;
      if (!message || typeof message !== 'object') return;
      if (message.id !== id && !(message.type === 'error' && message.id === -1)) return;
      switch (message.type) {
        case 'progress':
          onProgress?.({
            phase: message.phase,
            fraction: message.phase === 'parsing' ? message.fraction * WORKER_SHARE : message.fraction,
          });
          break;
        case 'events':
          for (const event of message.events) received.push(event);
          onProgress?.({ phase: 'parsing', fraction: WORKER_SHARE + (1 - WORKER_SHARE) * Math.min(1, received.length / Math.max(1, message.total)) * 0.99 });
          break;
        case 'done':
          settle(() => {
            const events = received.length ? [...received, ...message.dataset.events] : message.dataset.events;
            resolve({ ...message.dataset, events });
            onProgress?.({ phase: 'parsing', fraction: 1 });
          });
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
      events: input.events,
      ...(input.clusters ? { clusters: input.clusters } : {}),
    };
    try {
      worker.postMessage(request);
    } catch (error) {
      settle(() => reject(new LoadError({ code: 'readerHandOff', params: { detail: detailOf(error) } })));
    }
  });
}
