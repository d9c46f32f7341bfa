// Module worker: reads the files, then parses and validates them with loadDataset, off the page's thread.
import { formatLoadFailure, LoadError, type LoadFailure } from '../i18n/load-messages';
import { loadDataset, type CsvSource } from './load';
import type { LoadSource, ParseRequest, ParseResponse } from './worker-loader';

const scope = self as unknown as {
  postMessage(message: ParseResponse): void;
  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent<ParseRequest>) => void): void;
};

/** Progress messages are sent only when the fraction has moved this much (and at 0 and 1). */
const STEP = 0.02;

async function read(source: LoadSource): Promise<CsvSource> {
  if (typeof source.text === 'string') return { name: source.name, text: source.text };
  if (!source.file) throw new LoadError({ code: 'fileNoContent', params: { file: source.name } });
  try {
    return { name: source.name, text: await source.file.text() };
  } catch {
    throw new LoadError({ code: 'fileUnreadable', params: { file: source.name } });
  }
}

async function handle(request: ParseRequest): Promise<void> {
  const id = request.id;
  let last = -1;
  let lastPhase = '';
  const progress = (phase: 'reading' | 'parsing', fraction: number) => {
    if (phase === lastPhase && fraction - last < STEP && fraction < 1) return;
    last = fraction;
    lastPhase = phase;
    scope.postMessage({ id, type: 'progress', phase, fraction });
  };

  const sources = [request.events, ...(request.clusters ? [request.clusters] : [])];
  const bytes = sources.map((s) => (typeof s.text === 'string' ? 0 : (s.file?.size ?? 0)));
  const totalBytes = bytes.reduce((a, b) => a + b, 0);
  progress('reading', 0);
  let readBytes = 0;
  const texts: CsvSource[] = [];
  for (const [index, source] of sources.entries()) {
    texts.push(await read(source));
    readBytes += bytes[index]!;
    progress('reading', totalBytes ? readBytes / totalBytes : 1);
  }

  progress('parsing', 0);
  const dataset = loadDataset(
    { events: texts[0]!, ...(texts[1] ? { clusters: texts[1] } : {}) },
    { onProgress: (fraction) => progress('parsing', fraction) },
  );
  // Events go back in slices: one message of 100,000 events takes the page a second or more to
  // unpack in a single task; slices unpack in many short tasks and the page stays responsive.
  const total = dataset.events.length;
  for (let start = 0; start < total; start += EVENTS_PER_MESSAGE) {
    scope.postMessage({ id, type: 'events', events: dataset.events.slice(start, start + EVENTS_PER_MESSAGE), total });
  }
  scope.postMessage({ id, type: 'done', dataset: { ...dataset, events: [] } });
}

const EVENTS_PER_MESSAGE = 2000;

scope.addEventListener('message', (event) => {
  const request = event.data;
  const id = typeof request?.id === 'number' ? request.id : -1;
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
