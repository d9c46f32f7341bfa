import { expect } from '@open-wc/testing';
import { isCanonicalHttpUrl } from '../../src/io/cells';
import { loadDataset } from '../../src/io/load';
import { loadInWorker, startWorkerEarly, type LoadProgress } from '../../src/io/worker-loader';
import { plainDataset } from './helpers';

const ROWS = 20_000;
const HEADER = 'id,cluster,kind,start,end,title,summary,confidence,techniques,source_url';

/** Spreadsheet rows (header = 1) that get a bad value, and the column the problem must name. */
const BAD_ROWS = new Map<number, { column: string | null; message: RegExp }>([
  [5, { column: 'start', message: /month 13 does not exist/ }],
  [777, { column: 'end', message: /is before start/ }],
  [5_001, { column: 'id', message: /already used on row 2/ }],
  [12_345, { column: 'title', message: /title is required/ }],
  [ROWS + 1, { column: 'start', message: /not a date/ }],
]);

/** A 20,000-row events file with quoted cells (commas, quotes, newlines) and a few bad rows. */
function buildEventsCsv(): string {
  const lines = [HEADER];
  for (let row = 2; row <= ROWS + 1; row++) {
    const i = row - 2;
    const cluster = ['A', 'B', 'C', 'context'][i % 4];
    let id = `e${i}`;
    let start = `${2010 + (i % 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    let end = i % 3 === 0 ? `${2023 + (i % 2)}` : '';
    let title = `"Event ${i}, ""quoted"""`;
    if (row === 5) start = '2021-13-01';
    if (row === 777) (start = '2021'), (end = '2019');
    if (row === 5_001) id = 'e0';
    if (row === 12_345) title = '';
    if (row === ROWS + 1) start = 'soon';
    const summary = i % 10 === 0 ? `"A summary\nover two lines"` : 'Short summary';
    // A multi-line cell is still one spreadsheet row, so row numbers must not drift.
    lines.push([id, cluster, 'intrusion', start, end, title, summary, 'high', 'T1190', `https://example.org/${i}`].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const EVENTS = buildEventsCsv();
const CLUSTERS = 'id,label\nA,Cluster A\nB,Cluster B\nC,Cluster C\n';

interface TrackedWorker {
  readonly worker: Worker;
  terminated: number;
  messagesAfterTerminate: number;
  /** The number of events in each 'events' batch the worker sent, in order. */
  batches: number[];
  /** 'restart' messages: a download found to mix line ends, read again whole. */
  restarts: number;
}

/** The worker under test, made directly from its source: WTR serves the TypeScript as a module. */
function trackedWorkerFactory(): { createWorker: () => Worker; made: TrackedWorker[] } {
  const made: TrackedWorker[] = [];
  const createWorker = () => {
    const worker = new Worker(new URL('../../src/io/parse.worker.ts', import.meta.url), { type: 'module' });
    const tracked: TrackedWorker = { worker, terminated: 0, messagesAfterTerminate: 0, batches: [], restarts: 0 };
    const terminate = worker.terminate.bind(worker);
    worker.terminate = () => {
      tracked.terminated++;
      terminate();
    };
    worker.addEventListener('message', (event: MessageEvent) => {
      if (tracked.terminated > 0) tracked.messagesAfterTerminate++;
      if (event.data?.type === 'events') tracked.batches.push(event.data.batch.count);
      if (event.data?.type === 'restart') tracked.restarts++;
    });
    made.push(tracked);
    return worker;
  };
  return { createWorker, made };
}

/** The longest gap between timer ticks on the page while `work` runs: a measure of jank. */
async function measureLongestGap<T>(work: () => Promise<T>): Promise<{ result: T; longestGap: number; ms: number }> {
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  try {
    const result = await work();
    return { result, longestGap, ms: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loadInWorker with parse.worker.ts', function () {
  this.timeout(30_000);

  it(`loads a ${ROWS.toLocaleString('en')}-row events file off the main thread, with progress to the end`, async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const progress: LoadProgress[] = [];
    let firstProgressAt = 0;
    let parseStartAt = 0;
    let parseEndAt = 0;
    const t0 = performance.now();
    const { result: dataset, longestGap, ms } = await measureLongestGap(() =>
      loadInWorker(
        { events: { name: 'events.csv', text: EVENTS }, clusters: { name: 'clusters.csv', text: CLUSTERS } },
        {
          createWorker,
          onProgress: (p) => {
            const now = performance.now() - t0;
            if (progress.length === 0) firstProgressAt = now;
            if (p.phase === 'parsing' && p.fraction === 0) parseStartAt = now;
            // Every report before the last comes while the worker reads (and the page unpacks what it sent).
            if (p.phase === 'parsing' && p.fraction !== null && p.fraction < 1) parseEndAt = now;
            progress.push(p);
          },
        },
      ),
    );

    // Text of a known length: every report says how far along the load is.
    expect(progress.map((p) => p.fraction)).not.to.include(null);
    const parsing = progress.filter((p) => p.phase === 'parsing').map((p) => p.fraction!);
    expect(progress[0]!.phase).to.equal('reading');
    expect(parsing.length).to.be.greaterThan(10);
    expect(parsing.at(-1)).to.equal(1);
    // The bar moves all the way: reports spread over the reading, then 1 once the dataset is in.
    expect(parsing.filter((f) => f > 0 && f < 0.5).length).to.be.greaterThan(5);
    expect(parsing.filter((f) => f >= 0.5 && f < 1).length).to.be.greaterThan(5);
    for (let i = 1; i < parsing.length; i++) expect(parsing[i]!).to.be.at.least(parsing[i - 1]!);
    // The events come while the worker reads, in many small packed batches (one per progress report, at most 5,000).
    const batches = made[0]!.batches;
    expect(batches.reduce((a, b) => a + b, 0)).to.equal(ROWS - BAD_ROWS.size);
    expect(batches.length).to.be.within(20, 60);
    for (const count of batches) expect(count).to.be.within(1, 5000);
    expect(progress.length).to.be.below(120);

    expect(dataset.events.length).to.equal(ROWS - BAD_ROWS.size);
    expect(dataset.clusters.map((c) => c.id)).to.deep.equal(['A', 'B', 'C']);
    const good = dataset.events.find((e) => e.id === 'e10')!;
    expect(good.row).to.equal(12);
    expect(good.title).to.equal('Event 10, "quoted"');
    expect(good.summary).to.equal('A summary\nover two lines');
    expect(dataset.events.at(-1)!.row).to.equal(ROWS);

    const errors = dataset.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.row)).to.deep.equal([...BAD_ROWS.keys()]);
    for (const [row, expected] of BAD_ROWS) {
      const problem = errors.find((p) => p.row === row)!;
      expect(problem.file).to.equal('events.csv');
      expect(problem.column).to.equal(expected.column);
      expect(problem.message).to.match(expected.message);
    }
    expect(dataset.problems.filter((p) => p.severity === 'warning')).to.deep.equal([]);

    // Same result as the main-thread loader (the dataset survived structured cloning intact).
    const mainStart = performance.now();
    const onMainThread = loadDataset({ events: { name: 'events.csv', text: EVENTS }, clusters: { name: 'clusters.csv', text: CLUSTERS } });
    const mainMs = performance.now() - mainStart;
    expect(plainDataset(dataset)).to.deep.equal(onMainThread);

    expect(made).to.have.length(1);
    expect(made[0]!.terminated).to.equal(1);
    console.log(
      `[worker-loader timing] ${ROWS} rows, ${(EVENTS.length / 1024 / 1024).toFixed(1)} MB: worker load ${ms.toFixed(0)} ms ` +
        `(worker start to first message ${firstProgressAt.toFixed(0)} ms, parse + validate + unpacking alongside ${(parseEndAt - parseStartAt).toFixed(0)} ms, ` +
        `the rest of the hand-over ${(ms - parseEndAt).toFixed(0)} ms, ${made[0]!.batches.length} event batches, ${progress.length} progress messages), ` +
        `longest main-thread timer gap ${longestGap.toFixed(0)} ms; same load on the main thread ${mainMs.toFixed(0)} ms`,
    );
    // The page kept running its timers while the worker parsed.
    expect(longestGap).to.be.below(Math.max(250, mainMs / 2));
  });

  it('takes a URL as it is only when Chromium’s URL parser would give it back unchanged', () => {
    const hosts = ['example.org', 'a.b', 'ex-ample.org', 'b9.c', 'xn--abc.com', '127.0.0.1', 'a.123'];
    const rests = ['/', '/r/1', '/a?b=c&d#e', "/a!$&()*+,;=:@~_.-/", '/a/../b', '/./c', "/a'b", '/a b', '/a%20b', '/é', '/a?q=`x`', '/{x}', '/a|b', '/a^b', ''];
    let taken = 0;
    for (const scheme of ['http://', 'https://']) {
      for (const host of hosts) {
        for (const rest of rests) {
          const value = `${scheme}${host}${rest}`;
          if (!isCanonicalHttpUrl(value)) continue;
          taken++;
          expect(new URL(value).href, value).to.equal(value);
        }
      }
    }
    expect(taken).to.be.greaterThan(20);
  });

  it('reads a File object in the worker', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const file = new File([EVENTS], 'events.csv', { type: 'text/csv' });
    const phases = new Set<string>();
    const start = performance.now();
    const dataset = await loadInWorker({ events: { name: file.name, file } }, { createWorker, onProgress: (p) => phases.add(p.phase) });
    console.log(`[worker-loader timing] ${ROWS} rows from a File: ${(performance.now() - start).toFixed(0)} ms`);
    expect([...phases]).to.deep.equal(['reading', 'parsing']);
    expect(dataset.events.length).to.equal(ROWS - BAD_ROWS.size);
    // Without a clusters file the clusters come from the events.
    expect(dataset.clusters.map((c) => [c.id, c.derived])).to.deep.equal([
      ['A', true],
      ['B', true],
      ['C', true],
    ]);
    expect(made[0]!.terminated).to.equal(1);
  });

  it('reads a download while it arrives: the rows come before the last chunk, and the result is the whole file’s', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const bytes = new TextEncoder().encode(EVENTS);
    let batchesBeforeLastChunk = -1;
    async function* arriving(): AsyncGenerator<Uint8Array> {
      const size = 64 * 1024;
      for (let at = 0; at < bytes.length; at += size) {
        if (at + size >= bytes.length) {
          // Hold the last chunk back, as a slow download would, until the worker has sent rows read
          // from the others (a busy machine may take a while), or 10 s have passed.
          const deadline = performance.now() + 10_000;
          while (made[0]!.batches.length <= 5 && performance.now() < deadline) await wait(20);
          batchesBeforeLastChunk = made[0]!.batches.length;
        }
        yield bytes.slice(at, at + size);
      }
    }
    const dataset = await loadInWorker(
      { events: { name: 'events.csv', chunks: arriving(), size: bytes.length }, clusters: { name: 'clusters.csv', text: CLUSTERS } },
      { createWorker },
    );
    expect(batchesBeforeLastChunk).to.be.greaterThan(5);
    expect(plainDataset(dataset)).to.deep.equal(loadDataset({ events: { name: 'events.csv', text: EVENTS }, clusters: { name: 'clusters.csv', text: CLUSTERS } }));
    expect(made[0]!.terminated).to.equal(1);
  });

  /** The bytes of `text` in chunks of `size`, each after `delayMs`, as a download would bring them. */
  async function* slowly(text: string, size: number, delayMs: number): AsyncGenerator<Uint8Array> {
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at < bytes.length; at += size) {
      await wait(delayMs);
      yield bytes.slice(at, at + size);
    }
  }

  it('shows a download of known size by its bytes until the rows are read, then by the rows, never going back', async () => {
    const { createWorker } = trackedWorkerFactory();
    const size = new TextEncoder().encode(EVENTS).length;
    expect(size).to.be.greaterThan(2 * 1024 * 1024);
    const progress: LoadProgress[] = [];
    await loadInWorker(
      { events: { name: 'events.csv', chunks: slowly(EVENTS, 64 * 1024, 5), size }, clusters: { name: 'clusters.csv', text: CLUSTERS } },
      { createWorker, onProgress: (p) => progress.push(p) },
    );
    const firstParsing = progress.findIndex((p) => p.phase === 'parsing');
    const reading = progress.slice(0, firstParsing);
    const parsing = progress.slice(firstParsing);
    expect(firstParsing).to.be.greaterThan(0);
    // Nothing goes back to "reading" once rows are read.
    expect(parsing.every((p) => p.phase === 'parsing')).to.equal(true);
    expect(progress.map((p) => p.fraction)).not.to.include(null);
    // While the first megabyte arrives (no row can be read before it: see stream-csv.ts), the bar moves with the bytes.
    const bytesShown = reading.map((p) => p.fraction!);
    expect(bytesShown.filter((f) => f > 0).length).to.be.greaterThan(3);
    for (let i = 1; i < bytesShown.length; i++) expect(bytesShown[i]!).to.be.at.least(bytesShown[i - 1]!);
    expect(bytesShown.at(-1)!).to.be.within((1024 * 1024) / size - 0.05, (1024 * 1024) / size + 0.1);
    const rowsShown = parsing.map((p) => p.fraction!);
    expect(rowsShown[0]!).to.be.at.least(bytesShown.at(-1)!);
    for (let i = 1; i < rowsShown.length; i++) expect(rowsShown[i]!).to.be.at.least(rowsShown[i - 1]!);
    expect(rowsShown.filter((f) => f > 0.5 && f < 1).length).to.be.greaterThan(3);
    expect(rowsShown.at(-1)).to.equal(1);
  });

  it('shows a download of unknown size (compressed, or without Content-Length) as under way, with no made-up fraction', async () => {
    const { createWorker } = trackedWorkerFactory();
    const progress: LoadProgress[] = [];
    const dataset = await loadInWorker(
      { events: { name: 'events.csv', chunks: slowly(EVENTS, 256 * 1024, 5), size: null }, clusters: { name: 'clusters.csv', text: CLUSTERS } },
      { createWorker, onProgress: (p) => progress.push(p) },
    );
    expect(dataset.events.length).to.equal(ROWS - BAD_ROWS.size);
    // Every report says only which step is under way, until the worker is done (its share of the
    // bar, then 1 with the dataset).
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.length).to.be.greaterThan(3);
    expect(fractions.slice(0, -2)).to.deep.equal(fractions.slice(0, -2).map(() => null));
    expect(fractions.at(-2)).to.be.within(0.9, 1);
    expect(progress.at(-1)).to.deep.equal({ phase: 'parsing', fraction: 1 });
    expect(progress.map((p) => p.phase)).to.include.members(['reading', 'parsing']);
    const phases = progress.map((p) => p.phase);
    expect(phases.indexOf('parsing')).to.be.greaterThan(phases.lastIndexOf('reading'));
  });

  it('reads a download that mixes line ends after its first megabyte again, whole, as one read would', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const lines = EVENTS.split('\n');
    const text = `${lines.slice(0, 15_000).join('\n')}\r\n${lines.slice(15_000).join('\r\n')}`;
    const bytes = new TextEncoder().encode(text);
    async function* arriving(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 100_000) yield bytes.slice(at, at + 100_000);
    }
    const dataset = await loadInWorker({ events: { name: 'events.csv', chunks: arriving(), size: bytes.length } }, { createWorker });
    expect(plainDataset(dataset)).to.deep.equal(loadDataset({ events: { name: 'events.csv', text } }));
    expect(dataset.events.length).to.equal(ROWS - BAD_ROWS.size);
    expect(made[0]!.restarts).to.equal(1);
  });

  it('cancels mid-way: rejects with AbortError and terminates the worker', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const controller = new AbortController();
    let abortedAt: number | null = null;
    const start = performance.now();
    const load = loadInWorker(
      { events: { name: 'events.csv', text: EVENTS } },
      {
        createWorker,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'parsing' && p.fraction !== null && p.fraction > 0.1 && abortedAt === null) {
            abortedAt = p.fraction;
            controller.abort();
          }
        },
      },
    );
    let error: unknown = null;
    try {
      await load;
    } catch (e) {
      error = e;
    }
    const cancelMs = performance.now() - start;
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(abortedAt).to.be.within(0.1, 0.9);
    expect(made).to.have.length(1);
    expect(made[0]!.terminated).to.equal(1);
    // A terminated worker sends nothing more: give it time to (not) finish the 20,000 rows.
    await wait(1500);
    expect(made[0]!.messagesAfterTerminate).to.equal(0);
    console.log(`[worker-loader timing] cancelled at ${((abortedAt ?? 0) * 100).toFixed(0)} % after ${cancelMs.toFixed(0)} ms`);
  });

  it('rejects at once, without a worker, when the signal is already aborted', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const controller = new AbortController();
    controller.abort();
    let error: unknown = null;
    await loadInWorker({ events: { name: 'e.csv', text: EVENTS } }, { createWorker, signal: controller.signal }).catch((e) => (error = e));
    expect((error as DOMException).name).to.equal('AbortError');
    expect(made).to.have.length(0);
  });

  it('rejects with a readable error when the worker dies while starting', async () => {
    const source = URL.createObjectURL(new Blob(['throw new Error("boom");'], { type: 'text/javascript' }));
    let terminated = 0;
    let error: unknown = null;
    try {
      await loadInWorker(
        { events: { name: 'e.csv', text: 'id\n' } },
        {
          createWorker: () => {
            const worker = new Worker(source, { type: 'module' });
            const terminate = worker.terminate.bind(worker);
            worker.terminate = () => (terminated++, terminate());
            return worker;
          },
        },
      );
    } catch (e) {
      error = e;
    } finally {
      URL.revokeObjectURL(source);
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/^The CSV reader stopped with an error: .*boom/);
    expect(terminated).to.equal(1);
  });

  it('reports a missing file as an error message from the worker, not a silent death', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    let error: unknown = null;
    await loadInWorker({ events: { name: 'nothing.csv' } }, { createWorker }).catch((e) => (error = e));
    expect((error as Error).message).to.equal('The CSV files could not be loaded: "nothing.csv" has no content to read.');
    expect(made[0]!.terminated).to.equal(1);
  });
});

describe('startWorkerEarly', function () {
  this.timeout(60_000);

  it('starts the worker at once and hands that same worker to the load, which loads with it', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const early = startWorkerEarly(createWorker);
    expect(made).to.have.length(1);
    const dataset = await loadInWorker({ events: { name: 'e.csv', text: EVENTS }, clusters: { name: 'c.csv', text: CLUSTERS } }, { createWorker: early.createWorker });
    expect(made).to.have.length(1);
    expect(dataset.events).to.have.length(ROWS - BAD_ROWS.size);
    expect(made[0]!.terminated).to.equal(1);
    // The load ended its worker; nothing is left for discard to end.
    early.discard();
    expect(made[0]!.terminated).to.equal(1);
  });

  it('ends a worker no load took; a later load gets a new one', async () => {
    const { createWorker, made } = trackedWorkerFactory();
    const early = startWorkerEarly(createWorker);
    early.discard();
    expect(made[0]!.terminated).to.equal(1);
    const dataset = await loadInWorker({ events: { name: 'e.csv', text: 'id,cluster,kind,start,title\nx,A,intrusion,2020,X\n' } }, { createWorker: early.createWorker });
    expect(made).to.have.length(2);
    expect(dataset.events.map((e) => e.id)).to.deep.equal(['x']);
  });

  it('keeps a failed start for the load, which reports that the reader could not start', async () => {
    let calls = 0;
    const early = startWorkerEarly(() => {
      calls++;
      throw new Error('workers are blocked');
    });
    let error: unknown = null;
    await loadInWorker({ events: { name: 'e.csv', text: 'id\n' } }, { createWorker: early.createWorker }).catch((e) => (error = e));
    expect(calls).to.equal(1);
    expect((error as Error).message).to.match(/workers are blocked/);
  });
});
