// Module worker: reads the files (the events file while it still arrives), then parses and validates them, off the page's thread.
import { formatLoadFailure, LoadError, type LoadFailure } from '../i18n/load-messages';
import type { TimelineEvent } from '../model/types';
import { loadDataset, loadDatasetFromPieces, type CsvSource } from './load';
import { EventPacker, transferablesOf } from './packed-events';
import type { ParseRequest, ParseResponse, WorkerRequest, WorkerSource } from './worker-loader';

const scope = self as unknown as {
  postMessage(message: ParseResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

/** Progress messages are sent only when the fraction has moved this much (and at 0 and 1). */
const STEP = 0.02;

async function read(source: WorkerSource, id: number): Promise<CsvSource> {
  if (typeof source.text === 'string') return { name: source.name, text: source.text };
  const pieces: string[] = [];
  for await (const piece of decoded(source, id)) pieces.push(piece);
  return { name: source.name, text: pieces.join('') };
}

/** The size of a source's bytes, when known: a file's, or the one its download declared. */
function sizeOf(source: WorkerSource): number | null {
  return source.size ?? source.file?.size ?? null;
}

/**
 * A source's text in pieces as its bytes arrive: a file read a slice at a time, or the chunks of
 * a download the page passes on ('chunk' messages). Decoded as UTF-8 as File.text() decodes it
 * (a byte-order mark dropped, bytes that are not UTF-8 read as U+FFFD), a multi-byte character cut
 * between two chunks included. `onBytes` is told how many bytes have arrived so far.
 */
async function* decoded(source: WorkerSource, id: number, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let bytes: AsyncIterable<Uint8Array>;
  if (source.streamed) bytes = downloadChunks(id);
  else if (source.file) bytes = fileChunks(source.file, source.name);
  else throw new LoadError({ code: 'fileNoContent', params: { file: source.name } });
  let received = 0;
  for await (const chunk of bytes) {
    received += chunk.byteLength;
    onBytes?.(received);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const last = decoder.decode();
  if (last) yield last;
}

async function* fileChunks(file: Blob, name: string): AsyncGenerator<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = file.stream().getReader();
  } catch {
    throw new LoadError({ code: 'fileUnreadable', params: { file: name } });
  }
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new LoadError({ code: 'fileUnreadable', params: { file: name } });
    }
    if (next.done) return;
    yield next.value;
  }
}

/** The chunks of the download the page passes on for load `id`, until its 'end' message. */
const downloads = new Map<number, { chunks: Uint8Array[]; ended: boolean; wake: (() => void) | null }>();

function download(id: number) {
  let entry = downloads.get(id);
  if (!entry) downloads.set(id, (entry = { chunks: [], ended: false, wake: null }));
  return entry;
}

async function* downloadChunks(id: number): AsyncGenerator<Uint8Array> {
  const entry = download(id);
  try {
    for (;;) {
      const chunk = entry.chunks.shift();
      if (chunk) yield chunk;
      else if (entry.ended) return;
      else await new Promise<void>((resolve) => (entry.wake = resolve));
    }
  } finally {
    downloads.delete(id);
  }
}

async function handle(request: ParseRequest): Promise<void> {
  const id = request.id;
  let last: number | null = -1;
  let lastPhase = '';
  const progress = (phase: 'reading' | 'parsing', fraction: number | null) => {
    if (phase === lastPhase && (fraction === null || last === null ? fraction === last : fraction - last < STEP && fraction < 1)) return;
    last = fraction;
    lastPhase = phase;
    scope.postMessage({ id, type: 'progress', phase, fraction });
  };

  // The clusters file is small and read first; the events file is read while it arrives. Until
  // its first rows are read (its first megabyte must be there: see stream-csv.ts) the bar shows
  // "reading", by the bytes that have arrived; then "checking rows", by the rows read. Without a
  // known size it shows that each is under way, not how far.
  const events = request.events;
  const size = sizeOf(events);
  // A source given as text has no bytes to wait for: its rows start at once.
  const text = typeof events.text === 'string' ? events.text : null;
  let rowsStarted = text !== null;
  progress('reading', rowsStarted || size ? 0 : null);
  const clusters = request.clusters ? await read(request.clusters, id) : undefined;
  if (rowsStarted) progress('parsing', 0);
  // Events go to the page while the rest of the file is still being read, packed in batches: the
  // page rebuilds each batch in short tasks while the worker reads on, so little is left to hand
  // over at the end. A batch is sent with each progress report, so that the page's progress bar
  // shows only what it has received.
  const packer = new EventPacker();
  const sendEvents = () => {
    const batch = packer.flush();
    if (batch) scope.postMessage({ id, type: 'events', batch }, transferablesOf(batch));
  };
  const options = {
    keepEvents: false,
    onEvent: (event: TimelineEvent) => {
      packer.add(event);
      if (packer.size >= MAX_EVENTS_PER_BATCH) sendEvents();
    },
    onProgress: (fraction: number | null) => {
      rowsStarted = true;
      sendEvents();
      progress('parsing', fraction);
    },
  };
  const onBytes = (bytes: number) => {
    if (!rowsStarted) progress('reading', size ? Math.min(1, bytes / size) : null);
  };
  const dataset =
    text !== null
      ? loadDataset({ events: { name: events.name, text }, ...(clusters ? { clusters } : {}) }, options)
      : await loadDatasetFromPieces({ name: events.name, pieces: decoded(events, id, onBytes), expectedLength: size }, clusters, {
          ...options,
          onRestart: () => {
            packer.flush();
            scope.postMessage({ id, type: 'restart' });
          },
        });
  sendEvents();
  scope.postMessage({ id, type: 'done', dataset });
}

/** Progress reports come every 2 % of the text; a batch is also sent when it reaches this size. */
const MAX_EVENTS_PER_BATCH = 5000;

scope.addEventListener('message', (event) => {
  const request = event.data;
  const id = typeof request?.id === 'number' ? request.id : -1;
  if (request?.type === 'chunk' || request?.type === 'end') {
    const entry = download(id);
    if (request.type === 'chunk') entry.chunks.push(request.bytes);
    else entry.ended = true;
    entry.wake?.();
    entry.wake = null;
    return;
  }
  handle(request).catch((error: unknown) => {
    // A reason with a code goes back as that code; anything else as its own message, wrapped in one.
    const failure: LoadFailure =
      error instanceof LoadError
        ? error.failure
        : { code: 'readerFailed', params: { detail: error instanceof Error ? error.message : String(error) } };
    try {
      scope.postMessage({ id, type: 'error', message: formatLoadFailure(failure, 'en'), failure });
    } catch {
      // Posting strings and plain objects cannot fail; this is only a last line of defence.
    }
  });
});

scope.addEventListener('messageerror', () => {
  const failure: LoadFailure = { code: 'readerRequestUnreadable', params: {} };
  scope.postMessage({ id: -1, type: 'error', message: formatLoadFailure(failure, 'en'), failure });
});
