// Module worker: reads the files, then parses and validates them with loadDataset, off the page's thread.
import { formatLoadFailure, LoadError, type LoadFailure } from '../i18n/load-messages';
import { loadDataset, type CsvSource } from './load';
import { EventPacker, transferablesOf } from './packed-events';
import type { LoadSource, ParseRequest, ParseResponse } from './worker-loader';

const scope = self as unknown as {
  postMessage(message: ParseResponse, transfer?: Transferable[]): void;
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
  // Events go to the page while the rest of the file is still being read, packed in batches: the
  // page rebuilds each batch in short tasks while the worker reads on, so little is left to hand
  // over at the end. A batch is sent with each progress report, so that the page's progress bar
  // shows only what it has received.
  const packer = new EventPacker();
  const sendEvents = () => {
    const batch = packer.flush();
    if (batch) scope.postMessage({ id, type: 'events', batch }, transferablesOf(batch));
  };
  const dataset = loadDataset(
    { events: texts[0]!, ...(texts[1] ? { clusters: texts[1] } : {}) },
    {
      keepEvents: false,
      onEvent: (event) => {
        packer.add(event);
        if (packer.size >= MAX_EVENTS_PER_BATCH) sendEvents();
      },
      onProgress: (fraction) => {
        sendEvents();
        progress('parsing', fraction);
      },
    },
  );
  sendEvents();
  scope.postMessage({ id, type: 'done', dataset });
}

/** Progress reports come every 2 % of the text; a batch is also sent when it reaches this size. */
const MAX_EVENTS_PER_BATCH = 5000;

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
