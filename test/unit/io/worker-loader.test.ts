import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatLoadError, LoadError, type LoadFailure } from '../../../src/i18n/load-messages';
import { loadDataset } from '../../../src/io/load';
import { EventPacker, plainEvent } from '../../../src/io/packed-events';
import { loadInWorker, type LoadProgress, type ParseRequest, type ParseResponse } from '../../../src/io/worker-loader';
import { EventIndex, eventIndex } from '../../../src/model/event-index';
import type { TimelineEvent } from '../../../src/model/types';

/** A stand-in for the CSV worker: records what it is sent and lets the test answer. */
class FakeWorker extends EventTarget {
  readonly sent: ParseRequest[] = [];
  terminated = 0;
  postFails: unknown = null;

  postMessage(message: ParseRequest): void {
    if (this.postFails) throw this.postFails;
    this.sent.push(message);
  }

  terminate(): void {
    this.terminated++;
  }

  answer(message: Partial<ParseResponse> & { type: ParseResponse['type'] }): void {
    this.dispatchEvent(new MessageEvent('message', { data: { id: this.sent[0]?.id ?? -1, ...message } }));
  }
}

/** ErrorEvent as browsers have it (Node has none). */
class FakeErrorEvent extends Event {
  constructor(
    type: string,
    readonly message: string,
  ) {
    super(type, { cancelable: true });
  }
}

async function failWith(worker: FakeWorker | (() => never), act: (worker: FakeWorker) => void = () => undefined): Promise<unknown> {
  const createWorker = typeof worker === 'function' ? worker : () => worker as unknown as Worker;
  const load = loadInWorker({ events: { name: 'e.csv', text: 'id\n' } }, { createWorker });
  if (worker instanceof FakeWorker) act(worker);
  return load.then(
    () => null,
    (error: unknown) => error,
  );
}

/** The English the worker loader gave before its failures carried codes, and the code each has now. */
describe('loadInWorker failures: codes, with the English unchanged', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('readerNotStarted, with and without the browser’s reason', async () => {
    const error = await failWith(() => {
      throw new Error('Refused by the Content Security Policy');
    });
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).failure).toEqual({ code: 'readerNotStarted', params: { detail: 'Refused by the Content Security Policy' } });
    expect((error as Error).message).toBe('The CSV reader could not be started: Refused by the Content Security Policy.');
    expect(formatLoadError(error, 'it')).toBe('Non è stato possibile avviare il lettore CSV: Refused by the Content Security Policy.');
    const bare = await failWith(() => {
      throw 'no';
    });
    expect((bare as Error).message).toBe('The CSV reader could not be started.');
  });

  it('readerCrashed, with the browser’s message', async () => {
    vi.stubGlobal('ErrorEvent', FakeErrorEvent);
    const worker = new FakeWorker();
    const error = await failWith(worker, (w) => w.dispatchEvent(new FakeErrorEvent('error', 'Uncaught Error: boom')));
    expect((error as Error).message).toBe('The CSV reader stopped with an error: Uncaught Error: boom.');
    expect((error as LoadError).failure).toEqual({ code: 'readerCrashed', params: { detail: 'Uncaught Error: boom' } });
    expect(formatLoadError(error, 'it')).toBe('Il lettore CSV si è fermato per un errore: Uncaught Error: boom.');
    expect(worker.terminated).toBe(1);
  });

  it('readerCrashed, without a reason', async () => {
    vi.stubGlobal('ErrorEvent', FakeErrorEvent);
    const silent = await failWith(new FakeWorker(), (w) => w.dispatchEvent(new FakeErrorEvent('error', '')));
    expect((silent as Error).message).toBe('The CSV reader stopped with an error (the browser gave no reason).');
    const plain = await failWith(new FakeWorker(), (w) => w.dispatchEvent(new Event('error')));
    expect((plain as Error).message).toBe('The CSV reader stopped with an error (the browser gave no reason).');
    expect((plain as LoadError).failure).toEqual({ code: 'readerCrashed', params: { detail: '' } });
  });

  it('readerResultUnreadable', async () => {
    const error = await failWith(new FakeWorker(), (w) => w.dispatchEvent(new MessageEvent('messageerror')));
    expect((error as Error).message).toBe('The CSV reader sent back a result that could not be read.');
    expect((error as LoadError).failure.code).toBe('readerResultUnreadable');
    expect(formatLoadError(error, 'it')).toBe('Il lettore CSV ha restituito un risultato che non è stato possibile leggere.');
  });

  it('readerHandOff, with and without the browser’s reason', async () => {
    const worker = new FakeWorker();
    worker.postFails = new DOMException('A File could not be cloned', 'DataCloneError');
    const error = await failWith(worker);
    expect((error as Error).message).toBe('The files could not be handed to the CSV reader: A File could not be cloned.');
    expect((error as LoadError).failure).toEqual({ code: 'readerHandOff', params: { detail: 'A File could not be cloned' } });
    expect(worker.terminated).toBe(1);
    const bare = new FakeWorker();
    bare.postFails = 42;
    expect(((await failWith(bare)) as Error).message).toBe('The files could not be handed to the CSV reader.');
  });

  it('passes the worker’s coded failure on as a LoadError', async () => {
    const failure: LoadFailure = { code: 'fileNoContent', params: { file: 'nothing.csv' } };
    const message = 'The CSV files could not be loaded: "nothing.csv" has no content to read.';
    const error = await failWith(new FakeWorker(), (w) => w.answer({ type: 'error', message, failure }));
    expect(error).toBeInstanceOf(LoadError);
    expect((error as Error).message).toBe(message);
    expect((error as LoadError).failures).toEqual([failure]);
    expect(formatLoadError(error, 'it')).toBe('Non è stato possibile caricare i file CSV: "nothing.csv" non ha alcun contenuto da leggere.');
  });

  it('passes a worker message without a code on as it is', async () => {
    const error = await failWith(new FakeWorker(), (w) => w.answer({ type: 'error', message: 'Something odd.' }));
    expect(error).not.toBeInstanceOf(LoadError);
    expect((error as Error).message).toBe('Something odd.');
    expect(formatLoadError(error, 'it')).toBe('Something odd.');
  });
});

/** parse.worker.ts run against a stand-in for the worker's global scope. */
describe('parse.worker.ts failures', () => {
  type Listener = (event: MessageEvent<unknown>) => void;
  const listeners = new Map<string, Listener>();
  const posted: ParseResponse[] = [];

  async function startWorker(): Promise<void> {
    if (listeners.size > 0) return;
    vi.stubGlobal('self', {
      postMessage: (message: ParseResponse) => posted.push(message),
      addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    });
    await import('../../../src/io/parse.worker');
    vi.unstubAllGlobals();
  }

  async function errorFor(request: unknown): Promise<Extract<ParseResponse, { type: 'error' }>> {
    await startWorker();
    posted.length = 0;
    listeners.get('message')!(new MessageEvent('message', { data: request }));
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'error')).toBe(true));
    return posted.find((m) => m.type === 'error') as Extract<ParseResponse, { type: 'error' }>;
  }

  it('fileNoContent', async () => {
    const error = await errorFor({ id: 7, events: { name: 'nothing.csv' } });
    expect(error).toEqual({
      id: 7,
      type: 'error',
      message: 'The CSV files could not be loaded: "nothing.csv" has no content to read.',
      failure: { code: 'fileNoContent', params: { file: 'nothing.csv' } },
    });
  });

  /** A stand-in File whose reads give `read`'s answers. */
  const fileReading = (read: () => Promise<unknown>) => ({ size: 10, stream: () => ({ getReader: () => ({ read, cancel: () => Promise.resolve() }) }) });

  it('fileUnreadable', async () => {
    const file = fileReading(() => Promise.reject(new DOMException('gone', 'NotReadableError')));
    const error = await errorFor({ id: 8, events: { name: 'moved.csv', file } });
    expect(error.message).toBe(
      'The CSV files could not be loaded: "moved.csv" could not be read; it may have been moved or changed since it was chosen. Choose it again.',
    );
    expect(error.failure).toEqual({ code: 'fileUnreadable', params: { file: 'moved.csv' } });
  });

  it('readerFailed: anything else keeps its own message, after the same words as before', async () => {
    const file = fileReading(() => Promise.resolve({ done: false, value: 42 }));
    const error = await errorFor({ id: 9, events: { name: 'odd.csv', file } });
    expect(error.failure?.code).toBe('readerFailed');
    const detail = (error.failure as Extract<LoadFailure, { code: 'readerFailed' }>).params.detail;
    expect(detail).not.toBe('');
    expect(error.message).toBe(`The CSV files could not be loaded: ${detail}`);
  });

  it('reads a download’s chunks as they come, a character cut between two chunks included', async () => {
    await startWorker();
    posted.length = 0;
    const text = 'id,cluster,kind,start,title\n1,A,activity,2015,Caf\u00e9 \u2014 \u{1F600}\n';
    const bytes = new TextEncoder().encode(text);
    const send = (data: unknown) => listeners.get('message')!(new MessageEvent('message', { data }));
    send({ id: 11, events: { name: 'down.csv', streamed: true, size: bytes.length } });
    for (let at = 0; at < bytes.length; at += 3) send({ id: 11, type: 'chunk', bytes: bytes.slice(at, at + 3) });
    send({ id: 11, type: 'end' });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'done')).toBe(true));
    const done = posted.find((m) => m.type === 'done') as Extract<ParseResponse, { type: 'done' }>;
    expect(done.dataset.problems).toEqual([]);
    const batches = posted.filter((m) => m.type === 'events') as Extract<ParseResponse, { type: 'events' }>[];
    expect(batches.map((b) => b.batch.text).join('')).toContain('Caf\u00e9 \u2014 \u{1F600}');
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('readerRequestUnreadable', async () => {
    await startWorker();
    posted.length = 0;
    listeners.get('messageerror')!(new MessageEvent('messageerror'));
    expect(posted).toEqual([
      {
        id: -1,
        type: 'error',
        message: 'The CSV reader could not read the files it was given.',
        failure: { code: 'readerRequestUnreadable', params: {} },
      },
    ]);
  });
});

/** A download handed on to the worker chunk by chunk (loadInWorker with a `chunks` source). */
describe('loadInWorker with a download', () => {
  const text = 'id,cluster,kind,start,title\n1,A,activity,2015,One\n2,A,activity,2016,Two\n';
  const dataset = loadDataset({ events: { name: 'e.csv', text } });
  const batchOf = (events: readonly TimelineEvent[]) => {
    const packer = new EventPacker();
    for (const event of events) packer.add(event);
    return packer.flush()!;
  };

  async function* chunksOf(...parts: (Uint8Array | Error)[]): AsyncGenerator<Uint8Array> {
    for (const part of parts) {
      await Promise.resolve();
      if (part instanceof Error) throw part;
      yield part;
    }
  }

  it('passes each chunk on as it comes, then the end, and tells the worker the size', async () => {
    const worker = new FakeWorker();
    const sent: unknown[] = [];
    worker.postMessage = (message: ParseRequest) => void sent.push(message);
    const [a, b] = [new Uint8Array([1, 2]), new Uint8Array([3])];
    const load = loadInWorker({ events: { name: 'e.csv', chunks: chunksOf(a, b), size: 3 } }, { createWorker: () => worker as unknown as Worker });
    await vi.waitFor(() => expect(sent).toHaveLength(4));
    const id = (sent[0] as ParseRequest).id;
    expect(sent).toEqual([
      { id, events: { name: 'e.csv', streamed: true, size: 3 } },
      { id, type: 'chunk', bytes: a },
      { id, type: 'chunk', bytes: b },
      { id, type: 'end' },
    ]);
    worker.dispatchEvent(new MessageEvent('message', { data: { id, type: 'events', batch: batchOf(dataset.events) } }));
    worker.dispatchEvent(new MessageEvent('message', { data: { id, type: 'done', dataset: { ...dataset, events: [] } } }));
    const loaded = await load;
    expect({ ...loaded, events: loaded.events.map(plainEvent) }).toEqual(dataset);
  });

  it('reports progress that never goes back, and passes "not known" on as it is', async () => {
    const worker = new FakeWorker();
    const reports: LoadProgress[] = [];
    const load = loadInWorker(
      { events: { name: 'e.csv', chunks: chunksOf(new Uint8Array([1])), size: 4_000_000 } },
      { createWorker: () => worker as unknown as Worker, onProgress: (p) => reports.push(p) },
    );
    // The first megabyte of a 4 MB download, then rows checked from a little behind it; then a re-read from the start.
    for (const fraction of [0, 0.1, 0.25]) worker.answer({ type: 'progress', phase: 'reading', fraction });
    for (const fraction of [0.2, 0.5, 0.3, 0.9]) worker.answer({ type: 'progress', phase: 'parsing', fraction });
    worker.answer({ type: 'progress', phase: 'parsing', fraction: null });
    worker.answer({ type: 'done', dataset });
    await load;
    expect(reports).toEqual([
      { phase: 'reading', fraction: 0 },
      { phase: 'reading', fraction: 0.1 },
      { phase: 'reading', fraction: 0.25 },
      // Parsing's own share is scaled to leave the page's last steps (0.95 of it).
      { phase: 'parsing', fraction: 0.25 },
      { phase: 'parsing', fraction: 0.5 * 0.95 },
      { phase: 'parsing', fraction: 0.5 * 0.95 },
      { phase: 'parsing', fraction: 0.9 * 0.95 },
      { phase: 'parsing', fraction: null },
      { phase: 'parsing', fraction: 1 },
    ]);
  });

  it('forgets the events sent before the worker starts again', async () => {
    const worker = new FakeWorker();
    const load = loadInWorker({ events: { name: 'e.csv', chunks: chunksOf(new Uint8Array([1])) } }, { createWorker: () => worker as unknown as Worker });
    worker.answer({ type: 'events', batch: batchOf(dataset.events.slice(0, 1)) });
    worker.answer({ type: 'restart' });
    worker.answer({ type: 'events', batch: batchOf(dataset.events) });
    worker.answer({ type: 'done', dataset: { ...dataset, events: [] } });
    expect((await load).events.map(plainEvent)).toEqual(dataset.events);
  });

  it('gathers the events\' index as it rebuilds them, the restart and the events the last message carries included', async () => {
    const worker = new FakeWorker();
    const load = loadInWorker({ events: { name: 'e.csv', chunks: chunksOf(new Uint8Array([1])) } }, { createWorker: () => worker as unknown as Worker });
    worker.answer({ type: 'events', batch: batchOf(dataset.events) });
    worker.answer({ type: 'restart' });
    worker.answer({ type: 'events', batch: batchOf(dataset.events.slice(0, 1)) });
    worker.answer({ type: 'done', dataset: { ...dataset, events: dataset.events.slice(1) } });
    const loaded = await load;
    // Gathered during the load: asking for it adds no event to any index.
    const add = vi.spyOn(EventIndex.prototype, 'add');
    const gathered = eventIndex(loaded.events);
    expect(add).not.toHaveBeenCalled();
    add.mockRestore();
    const fresh = new EventIndex();
    for (const event of loaded.events) fresh.add(event);
    expect(gathered).toEqual(fresh);
    expect(gathered.byCluster.get('A')!.map((e) => e.id)).toEqual(['1', '2']);
  });

  it('stops reading the download when the load is cancelled', async () => {
    const worker = new FakeWorker();
    const controller = new AbortController();
    let stopped = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          yield new Uint8Array(8);
        }
      } finally {
        stopped = true;
      }
    }
    const load = loadInWorker({ events: { name: 'e.csv', chunks: endless() } }, { createWorker: () => worker as unknown as Worker, signal: controller.signal });
    await vi.waitFor(() => expect(worker.sent.length).toBeGreaterThan(3));
    controller.abort();
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(stopped).toBe(true));
    expect(worker.terminated).toBe(1);
  });

  it('fails the load with the download’s own failure, and ends the worker', async () => {
    const worker = new FakeWorker();
    const failure = new LoadError({ code: 'fetchBrokeOff', params: { url: '/e.csv' } });
    const load = loadInWorker({ events: { name: 'e.csv', chunks: chunksOf(new Uint8Array([1]), failure) } }, { createWorker: () => worker as unknown as Worker });
    await expect(load).rejects.toBe(failure);
    expect(worker.terminated).toBe(1);
  });
});
