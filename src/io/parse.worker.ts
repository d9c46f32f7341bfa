// Module worker: reads the files, then parses and validates them with loadDataset, off the page's thread.
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
  if (!source.file) throw new Error(`"${source.name}" has no content to read.`);
  try {
    return { name: source.name, text: await source.file.text() };
  } catch {
    throw new Error(`"${source.name}" could not be read; it may have been moved or changed since it was chosen. Choose it again.`);
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
  scope.postMessage({ id, type: 'done', dataset });
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  const id = typeof request?.id === 'number' ? request.id : -1;
  handle(request).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    try {
      scope.postMessage({ id, type: 'error', message: `The CSV files could not be loaded: ${message}` });
    } catch {
      // Posting a plain string cannot fail; this is only a last line of defence.
    }
  });
});

scope.addEventListener('messageerror', () => {
  scope.postMessage({ id: -1, type: 'error', message: 'The CSV reader could not read the files it was given.' });
});
