// `npm run bench`: builds the site, generates the synthetic datasets, serves dist/ + the data + the
// vis-timeline bench page from 127.0.0.1, and measures (a) this app and (b) vis-timeline in headless
// Chromium (playwright-core), interleaved, several repetitions. Prints a table of medians with the
// ratio of each of our figures to vis-timeline's, and writes bench/results/latest.{json,md}.
// What each figure measures is written out in bench/README.md (and repeated in latest.md).
//
// Options (all optional):
//   --sizes=100,1000,10000,100000   dataset sizes (events)
//   --reps=3                        repetitions for sizes ≤ 10,000 (and the bundled data)
//   --reps-large=3                  repetitions for sizes > 10,000 (a case that timed out is not retried)
//   --timeout=60                    seconds allowed for each phase of a case (load → first paint; zoom/pan sequence)
//   --settle=20                     seconds to wait at most for the main thread to settle after first paint
//   --no-build                      measure the dist/ that is there (default: `npm run build` first)
//   --no-bundled                    skip the app-only case with the bundled DeadRinger data
//   --out=bench/results             where latest.json / latest.md go
//   --seed=20210803                 generator seed
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { findChrome } from '../scripts/find-chrome.mjs';
import Papa from 'papaparse';
import { clustersFor, DEFAULT_SEED, ID_PREFIX, writeDataset } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, 'bench');
const wallStart = Date.now();

// ——— options ———
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const hit = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return fallback;
  const eq = hit.indexOf('=');
  return eq < 0 ? true : hit.slice(eq + 1);
};
const SIZES = String(opt('sizes', '100,1000,10000,100000')).split(',').map(Number).filter((n) => n > 0);
const REPS = Number(opt('reps', 3));
const REPS_LARGE = Number(opt('reps-large', 3));
const PHASE_TIMEOUT = Number(opt('timeout', 60)) * 1000;
const SETTLE_TIMEOUT = Number(opt('settle', 20)) * 1000;
const BUILD = !opt('no-build', false);
const BUNDLED = !opt('no-bundled', false);
const OUT = resolve(root, String(opt('out', 'bench/results')));
const SEED = Number(opt('seed', DEFAULT_SEED));
const repsFor = (size) => (size === 'bundled' || size <= 10_000 ? REPS : REPS_LARGE);

const log = (...args) => console.log(...args);
const elapsed = () => `${((Date.now() - wallStart) / 1000).toFixed(0)} s`;

// ——— build ———
if (BUILD) {
  log('bench: npm run build …');
  const t = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error('bench: the build failed; nothing was measured.');
    process.exit(1);
  }
  log(`bench: built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('bench: dist/index.html is missing (run without --no-build).');
  process.exit(1);
}

// ——— data, and a private copy of the build (other builds may rewrite dist/ while the bench runs) ———
const dataDir = mkdtempSync(join(tmpdir(), 'tl-bench-'));
const appDir = join(dataDir, 'app');
cpSync(dist, appDir, { recursive: true });
const appBuild = readdirSync(join(appDir, 'assets')).filter((f) => /\.(js|css)$/.test(f)).sort();
const datasets = {};
for (const size of SIZES) {
  const t = Date.now();
  const stats = writeDataset(join(dataDir, 'data', String(size)), { n: size, clusters: clustersFor(size), seed: SEED });
  datasets[size] = stats;
  log(`bench: generated ${size.toLocaleString('en')} events, ${stats.clusters} clusters, ${(stats.bytes / 1e6).toFixed(1)} MB in ${Date.now() - t} ms`);
}

// ——— the machine's speed today ———
// The same shared machine runs a good deal faster on some days than on others. A fixed piece of
// JavaScript, timed here before the cases, lets runs from different days be compared: PapaParse in
// Node reading the 10,000-event file (made with the default seed, whatever sizes this run has),
// the median of 7 reads.
function speedReference() {
  const size = 10_000;
  const dir = join(dataDir, 'speed-reference');
  writeDataset(dir, { n: size, clusters: clustersFor(size), seed: DEFAULT_SEED });
  const text = readFileSync(join(dir, 'events.csv'), 'utf8');
  Papa.parse(text, { header: false });
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    Papa.parse(text, { header: false });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { events: size, megabytes: +(Buffer.byteLength(text) / 1e6).toFixed(1), medianMs: +times[3].toFixed(1) };
}
const speed = speedReference();
log(`bench: speed reference: PapaParse in Node reads the ${speed.events.toLocaleString('en')}-event file (${speed.megabytes} MB) in ${speed.medianMs} ms (median of 7)`);

// ——— server ———
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const VENDOR = {
  'vis-timeline-graph2d.min.js': join(root, 'node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js'),
  'vis-timeline-graph2d.min.css': join(root, 'node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css'),
  'papaparse.min.js': join(root, 'node_modules/papaparse/papaparse.min.js'),
};
for (const file of Object.values(VENDOR)) if (!existsSync(file)) throw new Error(`missing ${file}: run npm ci`);

/** The file a URL path is served from, or null. */
function fileFor(pathname) {
  const inside = (base, rest) => {
    const file = normalize(join(base, rest));
    return file === base || file.startsWith(base + sep) ? file : null;
  };
  let file = null;
  if (pathname.startsWith('/app/')) file = inside(appDir, decodeURIComponent(pathname.slice(5)) || 'index.html');
  else if (pathname.startsWith('/data/')) file = inside(join(dataDir, 'data'), decodeURIComponent(pathname.slice(6)));
  else if (pathname.startsWith('/vis/')) file = inside(join(benchDir, 'vis'), decodeURIComponent(pathname.slice(5)) || 'index.html');
  else if (pathname.startsWith('/vendor/')) file = VENDOR[pathname.slice(8)] ?? null;
  if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return file && existsSync(file) ? file : null;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const file = fileFor(url.pathname);
  if (!file || req.method !== 'GET') {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size, 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// ——— browser ———
const executablePath = findChrome();
if (!executablePath) {
  console.error('bench: no Chrome/Chromium found (set CHROME_PATH).');
  process.exit(1);
}
const LAUNCH = {
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // Nothing but the local server is reachable.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ],
};
const probeSource = readFileSync(join(benchDir, 'probe.js'), 'utf8');

const gzipCache = new Map();
function gzipSizeOf(file) {
  if (!gzipCache.has(file)) {
    const bytes = readFileSync(file);
    gzipCache.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return gzipCache.get(file);
}

/** Gzip -9 sizes of the same-origin .js and .css files a page requested (as served, from the private copies). */
function gzipOfRequests(urls) {
  const bytes = { js: 0, css: 0, files: [] };
  for (const u of urls) {
    const parsed = new URL(u);
    if (parsed.origin !== origin) continue;
    const ext = extname(parsed.pathname);
    if (ext !== '.js' && ext !== '.css') continue;
    const file = fileFor(parsed.pathname);
    if (!file) {
      bytes.files.push({ path: parsed.pathname, missing: true });
      continue;
    }
    const size = gzipSizeOf(file);
    bytes[ext.slice(1)] += size.gzip;
    bytes.files.push({ path: parsed.pathname, raw: size.raw, gzip: size.gzip });
  }
  return bytes;
}

const withTimeout = (promise, ms, what) => {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error(`${what}: timed out after ${ms / 1000} s`), { timeout: true })), ms)))]).finally(() => clearTimeout(timer));
};

/** One page load + measurements. Returns the raw record of the case. */
async function runCase({ contender, size, rep, skipSequence }) {
  const bundled = size === 'bundled';
  const url =
    contender === 'vis'
      ? `${origin}/vis/?src=/data/${size}/events.csv&clusters-src=/data/${size}/clusters.csv`
      : bundled
        ? `${origin}/app/`
        : `${origin}/app/?src=/data/${size}/events.csv&clusters-src=/data/${size}/clusters.csv`;
  const record = { contender, size, rep, url, timedOut: {}, errors: [], consoleErrors: [], requests: new Set() };
  const started = Date.now();
  const browser = await chromium.launch(LAUNCH);
  record.chromium = browser.version();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const config = { contender, bundled, idPrefix: ID_PREFIX, expectedEvents: bundled ? null : size };
    await context.addInitScript({ content: `window.__BENCH_CONFIG = ${JSON.stringify(config)};\n${probeSource}` });
    const page = await context.newPage();
    const events = [];
    const waiters = [];
    const requests = new Set();
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('\u0001BENCH')) {
        const event = JSON.parse(text.slice(6));
        events.push(event);
        for (const w of waiters.filter((w) => w.type === event.type)) w.resolve(event);
      } else if (message.type() === 'error') record.consoleErrors.push(text.slice(0, 500));
    });
    page.on('pageerror', (error) => record.consoleErrors.push(String(error).slice(0, 500)));
    page.on('request', (request) => requests.add(request.url()));
    record.requests = requests;
    const waitFor = (type, ms) => {
      const seen = events.find((e) => e.type === type);
      if (seen) return Promise.resolve(seen);
      return withTimeout(new Promise((resolve) => waiters.push({ type, resolve })), ms, type);
    };
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
    try {
      await waitFor('firstPaint', PHASE_TIMEOUT);
    } catch (error) {
      if (!error.timeout) throw error;
      record.timedOut.load = PHASE_TIMEOUT;
      record.events = events;
      return record;
    }
    try {
      await waitFor('settled', SETTLE_TIMEOUT);
    } catch (error) {
      if (!error.timeout) throw error;
      record.timedOut.settle = SETTLE_TIMEOUT;
    }
    record.load = await withTimeout(page.evaluate(() => window.__bench.collect()), PHASE_TIMEOUT, 'collect');
    record.dom = await withTimeout(page.evaluate(() => window.__bench.countDom()), PHASE_TIMEOUT, 'countDom');
    await withTimeout(cdp.send('HeapProfiler.collectGarbage'), PHASE_TIMEOUT, 'gc');
    const { metrics } = await withTimeout(cdp.send('Performance.getMetrics'), PHASE_TIMEOUT, 'metrics');
    record.metrics = Object.fromEntries(metrics.filter((m) => ['JSHeapUsedSize', 'JSHeapTotalSize', 'Nodes', 'LayoutObjects', 'Documents', 'JSEventListeners'].includes(m.name)).map((m) => [m.name, m.value]));

    if (skipSequence) record.sequenceSkipped = skipSequence;
    else {
      try {
        record.sequence = await withTimeout(
          page.evaluate((deadlineMs) => window.__bench.runSequence({ deadlineMs }), PHASE_TIMEOUT),
          PHASE_TIMEOUT + 5_000,
          'sequence',
        );
      } catch (error) {
        if (!error.timeout) throw error;
        // The page is stuck inside a step: keep the steps it reported before.
        record.timedOut.sequence = PHASE_TIMEOUT;
        record.sequence = { steps: events.filter((e) => e.type === 'step').map((e) => e.step), timedOut: true, stuck: true };
      }
    }
    record.events = events.filter((e) => e.type !== 'step');
    return record;
  } catch (error) {
    record.errors.push(String(error?.stack ?? error).slice(0, 2000));
    return record;
  } finally {
    record.requests ??= [];
    record.gzip = gzipOfRequests(record.requests);
    record.caseMs = Date.now() - started;
    await withTimeout(browser.close(), 15_000, 'close').catch(() => browser.close().catch(() => undefined));
  }
}

// ——— figures from one record ———
const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const percentile = (values, p) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.max(0, Math.ceil(p * v.length) - 1)] : null;
};

function figuresOf(record) {
  const f = { timedOut: record.timedOut, errors: record.errors.length + record.consoleErrors.length };
  // Streamed events: still there when the page hung before the runner could read it.
  const streamed = record.events ?? [];
  const readyEvent = streamed.find((e) => e.type === 'dataReady');
  const constructed = streamed.find((e) => e.type === 'visConstructed');
  const firstChanged = streamed.find((e) => e.type === 'visChanged');
  if (readyEvent) {
    f.dataInfo = readyEvent.info ?? null;
    if (constructed) f.visConstructFromReady = constructed.at - readyEvent.t;
    if (firstChanged) f.visFirstRedrawFromReady = firstChanged.at - readyEvent.t;
  }
  const load = record.load;
  if (load) {
    const marks = load.marks ?? [];
    const csv = (load.resources ?? []).find((r) => r.name.endsWith('/events.csv'));
    const since = csv ? csv.startTime : 0;
    const markReady = [...marks].reverse().find((m) => m.name === 'tl:data-ready' && m.startTime >= since);
    // Without the setter hook: the last worker message before the data showed.
    const workerReady = (() => {
      const msgs = (load.workers ?? []).flatMap((w) => w.messages).filter(([t]) => load.contentAt === null || t <= load.contentAt);
      return msgs.length ? msgs[msgs.length - 1][0] + msgs[msgs.length - 1][1] : null;
    })();
    const dataReady = markReady?.startTime ?? load.dataReadyAt ?? workerReady;
    f.dataReadySource = markReady ? 'mark tl:data-ready' : load.dataReadyAt !== null ? load.dataReadySource : workerReady !== null ? 'last worker message' : null;
    const markPaint = marks.find((m) => m.name === 'tl:first-paint' && dataReady !== null && m.startTime >= dataReady);
    const firstPaint = markPaint?.startTime ?? load.firstPaintAt;
    f.firstPaintSource = markPaint ? 'mark tl:first-paint' : `observed (end of the frame the data showed in; seen ${load.contentSeenBy ?? '?'})`;
    f.dataInfo = load.dataInfo;
    f.dataReadyAt = dataReady;
    f.firstPaintFromReady = dataReady !== null && firstPaint !== null ? firstPaint - dataReady : null;
    f.firstPaintObservedFromReady = dataReady !== null && load.firstPaintAt !== null ? load.firstPaintAt - dataReady : null;
    f.navToFirstPaint = firstPaint;
    f.settled = load.settledAt;
    if (csv) {
      f.csvBytes = csv.size;
      f.parseValidate = dataReady !== null ? dataReady - csv.responseEnd : null;
      f.loadValidate = dataReady !== null ? dataReady - csv.startTime : null;
      f.fetch = csv.responseEnd - csv.startTime;
      // Longest main-thread busy stretch inside [fetch start, data ready] (long tasks are ≥ 50 ms).
      let longest = 0;
      for (const [start, duration] of load.longtasks) {
        const overlap = Math.min(start + duration, dataReady) - Math.max(start, csv.startTime);
        longest = Math.max(longest, overlap);
      }
      f.longestLoadTask = longest;
      f.longestLoadTaskWhole = Math.max(0, ...load.longtasks.filter(([s, d]) => s + d > csv.startTime && s < dataReady).map(([, d]) => d));
    }
    f.longestTaskToPaint = Math.max(0, ...load.longtasks.filter(([s]) => s < (firstPaint ?? Infinity)).map(([, d]) => d));
    const worker = (load.workers ?? []).at(-1);
    if (worker && worker.messages.length) {
      const parsingStart = worker.messages.find(([, , , phase]) => phase === 'parsing');
      const last = worker.messages.at(-1);
      f.worker = {
        created: worker.created,
        firstParsingMessage: parsingStart ? parsingStart[0] : null,
        lastMessage: last[0],
        messages: worker.messages.length,
        deserialiseMs: worker.messages.reduce((sum, m) => sum + m[1], 0),
        longestDeserialiseMs: Math.max(...worker.messages.map((m) => m[1])),
      };
      if (csv && parsingStart && dataReady !== null) {
        // On one timeline, from the events.csv request: the app reads the file while it downloads,
        // so its parse starts before the download ends.
        f.workerSplit = {
          requestToWorker: worker.created - csv.startTime,
          requestToParsing: parsingStart[0] - csv.startTime,
          requestToDownloaded: csv.responseEnd - csv.startTime,
          requestToLastMessage: last[0] - csv.startTime,
          lastMessageDeserialise: last[1],
          requestToReady: dataReady - csv.startTime,
        };
      }
    }
  }
  if (record.metrics) {
    f.heapMB = record.metrics.JSHeapUsedSize / 1048576;
    f.cdpNodes = record.metrics.Nodes;
  }
  if (record.dom) {
    f.domElements = record.dom.elements;
    f.domNodes = record.dom.nodes;
  }
  const seq = record.sequence;
  if (seq && seq.steps) {
    const steps = seq.steps.filter((s) => s && s.cost !== null);
    const costs = steps.map((s) => s.cost);
    f.steps = costs.length;
    f.stepMedian = median(costs);
    f.stepP95 = percentile(costs, 0.95);
    f.stepMax = costs.length ? Math.max(...costs) : null;
    // Frame-to-frame time as the frames ran: from one frame's first rAF callback to the next one's.
    const intervals = steps.map((s, i) => {
      const next = steps[i + 1]?.t0 ?? seq.tail;
      return Math.max(s.startB - s.t0, typeof next === 'number' && s.startB !== null ? next - s.startB : 0);
    });
    f.intervalMedian = median(intervals);
    f.intervalP95 = percentile(intervals, 0.95);
    f.sequenceTimedOut = Boolean(seq.timedOut);
    f.sequenceWallMs = seq.wallMs ?? null;
    f.lateSteps = steps.filter((s) => s.late).length;
    if (seq.before && seq.after) f.zoomAchieved = (seq.before[1] - seq.before[0]) / (seq.after[1] - seq.after[0]);
    f.stepErrors = steps.filter((s) => s.error).map((s) => s.error).slice(0, 3);
  } else if (record.sequenceSkipped) f.sequenceSkipped = record.sequenceSkipped;
  f.gzip = record.gzip ?? null;
  f.caseMs = record.caseMs;
  return f;
}

// ——— the run ———
const CONTENDERS = ['app', 'vis'];
const sizes = [...(BUNDLED ? ['bundled'] : []), ...SIZES];
const rounds = Math.max(...sizes.map(repsFor));
const records = [];
const skip = new Map(); // `${contender}/${size}` → { load?: true, sequence?: true }
log(`bench: ${origin}, Chromium at ${executablePath}; sizes ${sizes.join(', ')}; ${REPS} reps (${REPS_LARGE} above 10,000); phase time-out ${PHASE_TIMEOUT / 1000} s`);
const loadBefore = loadavg();
for (let round = 0; round < rounds; round++) {
  for (const size of sizes) {
    if (round >= repsFor(size)) continue;
    const order = size === 'bundled' ? ['app'] : round % 2 === 0 ? CONTENDERS : [...CONTENDERS].reverse();
    for (const contender of order) {
      const key = `${contender}/${size}`;
      const skipped = skip.get(key) ?? {};
      if (skipped.load) {
        log(`  round ${round + 1} ${key}: skipped (timed out in an earlier round)`);
        records.push({ contender, size, rep: round + 1, skipped: 'load timed out in an earlier round', timedOut: { load: PHASE_TIMEOUT }, errors: [], consoleErrors: [] });
        continue;
      }
      const record = await runCase({ contender, size, rep: round + 1, skipSequence: skipped.sequence ? 'the sequence timed out in an earlier round' : null });
      records.push(record);
      if (record.timedOut.load) skip.set(key, { ...skipped, load: true });
      if (record.timedOut.sequence || record.sequence?.timedOut) skip.set(key, { ...skip.get(key), sequence: true });
      const f = figuresOf(record);
      const ms = (v) => (v === null || v === undefined ? '–' : `${Math.round(v)} ms`);
      log(
        `  round ${round + 1} ${key}: ${record.timedOut.load ? `first paint > ${PHASE_TIMEOUT / 1000} s` : `paint ${ms(f.firstPaintFromReady)} after data ready (nav ${ms(f.navToFirstPaint)})`}` +
          (f.steps !== undefined ? `, steps ${f.steps}${f.sequenceTimedOut ? ' (timed out)' : ''} median ${ms(f.stepMedian)} p95 ${ms(f.stepP95)}` : '') +
          (f.heapMB ? `, heap ${f.heapMB.toFixed(1)} MB` : '') +
          (f.errors ? `, ${f.errors} error(s): ${[...record.errors, ...record.consoleErrors][0]?.slice(0, 200)}` : '') +
          ` [${(record.caseMs / 1000).toFixed(1)} s, ${elapsed()}]`,
      );
    }
  }
}
const loadAfter = loadavg();
await new Promise((ok) => server.close(ok));
rmSync(dataDir, { recursive: true, force: true });

// ——— aggregate ———
const FIGURES = [
  { key: 'firstPaintFromReady', label: 'first paint, from data ready (ms)', unit: 'ms' },
  { key: 'navToFirstPaint', label: 'first paint, from navigation (ms)', unit: 'ms' },
  { key: 'stepMedian', label: 'zoom/pan step, median (ms)', unit: 'ms', seq: true },
  { key: 'stepP95', label: 'zoom/pan step, p95 (ms)', unit: 'ms', seq: true },
  { key: 'intervalP95', label: 'zoom/pan frame-to-frame time, p95 (ms)', unit: 'ms', seq: true },
  { key: 'heapMB', label: 'JS heap used after GC (MB)', unit: 'MB' },
  { key: 'cdpNodes', label: 'DOM nodes (CDP `Nodes`)', unit: 'n' },
  { key: 'domElements', label: 'DOM elements incl. shadow roots', unit: 'n' },
  { key: 'parseValidate', label: 'CSV parse + validate (ms)', unit: 'ms' },
  { key: 'loadValidate', label: 'CSV load + parse + validate (ms)', unit: 'ms' },
  { key: 'longestLoadTask', label: 'longest main-thread task while loading (ms)', unit: 'ms' },
  { key: 'settled', label: 'main thread settled, from navigation (ms)', unit: 'ms' },
];

const summary = {};
for (const size of sizes) {
  summary[size] = {};
  for (const contender of size === 'bundled' ? ['app'] : CONTENDERS) {
    const rs = records.filter((r) => r.size === size && r.contender === contender);
    const fs = rs.map((r) => (r.skipped ? { timedOut: r.timedOut } : figuresOf(r)));
    const s = { runs: rs.length, measured: fs.filter((f) => !f.timedOut?.load).length };
    for (const { key } of FIGURES) s[key] = median(fs.map((f) => f[key]));
    s.loadTimedOut = fs.some((f) => f.timedOut?.load);
    s.sequenceTimedOut = fs.some((f) => f.sequenceTimedOut || f.timedOut?.sequence);
    s.stepsDone = median(fs.map((f) => f.steps));
    s.zoomAchieved = median(fs.map((f) => f.zoomAchieved));
    s.lateSteps = fs.reduce((n, f) => n + (f.lateSteps ?? 0), 0);
    s.settleTimedOut = fs.some((f) => f.timedOut?.settle);
    const withGzip = fs.find((f) => f.gzip && f.gzip.files.length);
    s.gzip = withGzip ? withGzip.gzip : null;
    s.dataInfo = fs.find((f) => f.dataInfo)?.dataInfo ?? null;
    s.dataReadySource = fs.find((f) => f.dataReadySource)?.dataReadySource ?? null;
    s.firstPaintSource = fs.find((f) => f.firstPaintSource)?.firstPaintSource ?? null;
    s.worker = fs.find((f) => f.worker)?.worker ?? null;
    const splits = fs.map((f) => f.workerSplit).filter(Boolean);
    s.workerSplit = splits.length ? Object.fromEntries(Object.keys(splits[0]).map((k) => [k, median(splits.map((x) => x[k]))])) : null;
    s.visConstructFromReady = median(fs.map((f) => f.visConstructFromReady));
    s.visFirstRedrawFromReady = median(fs.map((f) => f.visFirstRedrawFromReady));
    s.longestLoadTaskWhole = median(fs.map((f) => f.longestLoadTaskWhole));
    s.longestTaskToPaint = median(fs.map((f) => f.longestTaskToPaint));
    s.errors = rs.flatMap((r) => [...(r.errors ?? []), ...(r.consoleErrors ?? [])]).slice(0, 5);
    summary[size][contender] = s;
  }
}

// ——— machine ———
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
};
const machine = {
  date: new Date().toISOString(),
  nproc: Number(sh('nproc', [])) || cpus().length,
  cpu: cpus()[0]?.model ?? null,
  memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  freeMemoryGiBAtEnd: +(freemem() / 2 ** 30).toFixed(1),
  loadAverageBefore: loadBefore.map((x) => +x.toFixed(2)),
  loadAverageAfter: loadAfter.map((x) => +x.toFixed(2)),
  os: sh('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']),
  kernel: sh('uname', ['-r']),
  node: process.version,
  chromium: records.find((r) => r.chromium)?.chromium ?? null,
  chromiumPath: executablePath,
  speedReference: speed,
  playwrightCore: pkgVersion('playwright-core'),
  visTimeline: pkgVersion('vis-timeline'),
  papaparse: pkgVersion('papaparse'),
  gitCommit: sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
  gitDirty: Boolean(sh('git', ['-C', root, 'status', '--porcelain', '--', 'src'])),
  appBuild,
};
const wallMs = Date.now() - wallStart;

// ——— tables ———
const fmt = (v, unit) => {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (unit === 'MB') return v.toFixed(1);
  if (unit === 'n') return Math.round(v).toLocaleString('en');
  if (v >= 100) return Math.round(v).toLocaleString('en');
  return v.toFixed(1);
};
const timeoutText = `> ${PHASE_TIMEOUT / 1000} s`;
function cell(s, fig) {
  if (!s) return '–';
  if (s.loadTimedOut && s.measured === 0) return fig.key === 'firstPaintFromReady' || fig.key === 'navToFirstPaint' ? `**${timeoutText}**` : '–';
  if (fig.seq && s.sequenceTimedOut) {
    const v = s[fig.key];
    return `**${timeoutText}** (${s.stepsDone ?? 0}/60 steps${v !== null ? `; ${fmt(v, fig.unit)} over those` : ''})`;
  }
  return fmt(s[fig.key], fig.unit);
}
function ratio(a, v, fig) {
  if (!a || !v) return '–';
  const x = a[fig.key];
  const y = v[fig.key];
  if (fig.seq && v.sequenceTimedOut && !a.sequenceTimedOut && x !== null) return `< ${(x / (y ?? PHASE_TIMEOUT)).toPrecision(2)}`;
  if (v.loadTimedOut && v.measured === 0 && (fig.key === 'firstPaintFromReady' || fig.key === 'navToFirstPaint') && x !== null) return `< ${(x / PHASE_TIMEOUT).toPrecision(2)}`;
  if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y) || y === 0) return '–';
  if ((fig.seq && (a.sequenceTimedOut || v.sequenceTimedOut)) || (a.loadTimedOut && a.measured === 0)) return '–';
  return `${(x / y).toPrecision(2)}`;
}
const kib = (b) => (b / 1024).toFixed(1);

const md = [];
md.push('# Benchmark: this app vs vis-timeline');
md.push('');
md.push(`\`npm run bench\` on ${machine.date.slice(0, 10)}, commit ${machine.gitCommit}${machine.gitDirty ? ' with uncommitted changes in src/' : ''}; the whole run (build, data, all cases) took **${(wallMs / 1000).toFixed(0)} s**.`);
md.push('');
md.push(`**Machine speed that day:** PapaParse in Node reads the ${speed.events.toLocaleString('en')}-event file (${speed.megabytes} MB) in **${speed.medianMs} ms** (median of 7, timed before the cases). Compare it across runs: the same machine is much slower on some days.`);
md.push('');
md.push(`**Machine:** nproc ${machine.nproc} (${machine.cpu}), ${machine.memoryGiB} GiB RAM, ${machine.os ?? ''}, kernel ${machine.kernel}; Node ${machine.node}; ${machine.chromium ? `Chromium ${machine.chromium}` : 'Chromium'} (${executablePath}), headless, \`--disable-gpu\`, viewport 1280×800 at DPR 1; playwright-core ${machine.playwrightCore}; vis-timeline ${machine.visTimeline}; load average ${machine.loadAverageBefore.join(' / ')} before, ${machine.loadAverageAfter.join(' / ')} after.`);
md.push('');
md.push(`Medians over repetitions (${REPS} for ≤ 10,000 events and the bundled data, ${REPS_LARGE} above), contenders interleaved with the order alternating each round, each case in a fresh browser. A phase that takes longer than ${PHASE_TIMEOUT / 1000} s is recorded as "${timeoutText}" and not retried in later rounds. The ratio is app ÷ vis-timeline: below 1 means the app is lower (faster, smaller).`);
md.push('');

const sizeTitle = (size) => {
  if (size === 'bundled') return 'Bundled DeadRinger data (app only; no vis-timeline counterpart)';
  const d = datasets[size];
  return `${size.toLocaleString('en')} events (${d.clusters} clusters, ${d.periods.toLocaleString('en')} periods, ${d.points.toLocaleString('en')} points; events.csv ${(d.bytes / 1e6).toFixed(1)} MB)`;
};
for (const size of sizes) {
  const a = summary[size].app;
  const v = summary[size].vis;
  md.push(`## ${sizeTitle(size)}`);
  md.push('');
  if (v) {
    md.push('| figure | app | vis-timeline | app ÷ vis |');
    md.push('|---|--:|--:|--:|');
    for (const fig of FIGURES) md.push(`| ${fig.label} | ${cell(a, fig)} | ${cell(v, fig)} | ${ratio(a, v, fig)} |`);
  } else {
    md.push('| figure | app |');
    md.push('|---|--:|');
    for (const fig of FIGURES.filter((x) => !['parseValidate', 'loadValidate', 'longestLoadTask'].includes(x.key))) md.push(`| ${fig.label} | ${cell(a, fig)} |`);
  }
  md.push('');
  const notes = [];
  for (const [name, s] of Object.entries(summary[size])) {
    if (!s) continue;
    if (s.dataInfo && size !== 'bundled' && s.dataInfo.events !== size) notes.push(`${name}: ${s.dataInfo.events} of ${size} rows accepted`);
    if (s.dataInfo?.problems) notes.push(`${name}: ${s.dataInfo.problems} problem(s) reported on load`);
    if (s.settleTimedOut) notes.push(`${name}: the main thread had not settled ${SETTLE_TIMEOUT / 1000} s after first paint; the zoom/pan sequence started anyway`);
    if (s.zoomAchieved && Math.abs(s.zoomAchieved - 48) > 3 && !s.sequenceTimedOut) notes.push(`${name}: the sequence zoomed ${s.zoomAchieved.toFixed(1)}× (48× planned)`);
    if (s.lateSteps) notes.push(`${name}: ${s.lateSteps} step(s) where the next frame began before the step's post-frame task ran (cost counted to the next frame's start)`);
    if (s.errors.length) notes.push(`${name}: errors: ${s.errors.map((e) => `\`${e.split('\n')[0].slice(0, 160)}\``).join('; ')}`);
  }
  if (v && (v.visConstructFromReady !== null || v.visFirstRedrawFromReady !== null)) {
    notes.push(
      `vis-timeline: \`new Timeline\` returned ${fmt(v.visConstructFromReady, 'ms')} ms after data ready and its first redraw (\`changed\`) came at ${fmt(v.visFirstRedrawFromReady, 'ms')} ms (perf-peers.md's "first visible redraw"); first paint is the end of the frame that first shows the items`,
    );
  }
  if (a?.workerSplit && size !== 'bundled') {
    const w = a.workerSplit;
    notes.push(
      `app CSV load, on a timeline from the events.csv request (medians, ms): worker started ${w.requestToWorker < 0 ? `${fmt(-w.requestToWorker, 'ms')} before the request (the app starts it as the page starts, for a \`?src=\` link)` : `${fmt(w.requestToWorker, 'ms')} after the request`} · first "parsing" message at ${fmt(w.requestToParsing, 'ms')} (the clusters file read; rows are read as the events file arrives) · download complete at ${fmt(w.requestToDownloaded, 'ms')} · the worker's last message at ${fmt(w.requestToLastMessage, 'ms')} (deserialising it on the main thread: ${fmt(w.lastMessageDeserialise, 'ms')}) · data ready at ${fmt(w.requestToReady, 'ms')}`,
    );
  }
  if (notes.length) md.push(...notes.map((n) => `- ${n}`), '');
}

md.push('## JS and CSS the page loads (gzip -9)');
md.push('');
md.push('| page | JS (KiB) | CSS (KiB) | JS + CSS (KiB) | files |');
md.push('|---|--:|--:|--:|---|');
// The app's start-up load is the bundled-data case; a CSV case also fetches the worker and the loading code.
const gzStart = summary.bundled?.app?.gzip ?? null;
const csvSize = SIZES.find((size) => summary[size]?.app?.gzip);
const gzCsv = csvSize ? summary[csvSize].app.gzip : null;
const gzVis = Object.values(summary).map((s) => s.vis?.gzip).find(Boolean);
const filesText = (g) => g.files.map((f) => `${f.path.split('/').pop()} ${kib(f.gzip)}`).join(', ');
const row = (name, g) => md.push(`| ${name} | ${kib(g.js)} | ${kib(g.css)} | **${kib(g.js + g.css)}** | ${filesText(g)} |`);
if (gzStart) row('app, start-up (dist/index.html with the bundled data)', gzStart);
if (gzCsv) row(`app, loading a CSV (${csvSize.toLocaleString('en')} events, \`?src=\`)`, gzCsv);
if (gzVis) row('vis-timeline bench page', gzVis);
const gzApp = gzStart ?? gzCsv;
if (gzApp && gzVis) md.push(`| ratio app ${gzStart ? 'start-up' : 'CSV load'} ÷ vis | | | ${((gzApp.js + gzApp.css) / (gzVis.js + gzVis.css)).toPrecision(2)} | |`);
md.push('');
const workerFile = gzCsv?.files.find((f) => /\/parse\.worker-[\w-]+\.js$/.test(f.path));
if (workerFile) {
  md.push(`The CSV worker is its own file, ${workerFile.path.split('/').pop()} (${kib(workerFile.raw)} KiB, ${kib(workerFile.gzip)} KiB gzipped), requested only when a CSV is loaded; it is in the CSV row above, not in the start-up row. The bundled data is a JSON file (not counted here: it is data, not code).`);
  md.push('');
}

// ——— the issue's targets ———
const get = (size, c, key) => summary[size]?.[c]?.[key] ?? null;
const targets = [];
const target = (figure, goal, value, ok) => targets.push({ figure, goal, value, ok });
if (gzStart) target('initial JS + CSS, gzipped (start-up with the bundled data)', '≤ 65 KB', `${kib(gzStart.js + gzStart.css)} KiB (${((gzStart.js + gzStart.css) / 1000).toFixed(1)} kB)`, gzStart.js + gzStart.css <= 65 * 1024);
else target('initial JS + CSS, gzipped (start-up with the bundled data)', '≤ 65 KB', 'not measured (--no-bundled)', false);
if (summary.bundled) target('first paint, bundled DeadRinger data, from data ready', '≤ 50 ms', `${fmt(get('bundled', 'app', 'firstPaintFromReady'), 'ms')} ms`, get('bundled', 'app', 'firstPaintFromReady') !== null && get('bundled', 'app', 'firstPaintFromReady') <= 50);
if (summary[10000]) {
  const a = get(10000, 'app', 'firstPaintFromReady');
  const v = get(10000, 'vis', 'firstPaintFromReady');
  target('first paint, 10,000 events', '≤ 150 ms and ≥ 20× faster than vis-timeline', `${fmt(a, 'ms')} ms; vis ${fmt(v, 'ms')} ms (${a && v ? (v / a).toFixed(1) : '–'}× faster)`, a !== null && a <= 150 && v !== null && v / a >= 20);
  const p = get(10000, 'app', 'stepP95');
  target('zoom/pan frames, 10,000 events', 'p95 ≤ 20 ms', summary[10000].app?.sequenceTimedOut ? `> ${PHASE_TIMEOUT / 1000} s for the sequence` : `${fmt(p, 'ms')} ms`, !summary[10000].app?.sequenceTimedOut && p !== null && p <= 20);
}
if (summary[100000]) {
  const a = summary[100000].app;
  target('first paint, 100,000 events', '≤ 1 s', a.loadTimedOut && !a.measured ? timeoutText : `${fmt(a.firstPaintFromReady, 'ms')} ms`, a.firstPaintFromReady !== null && a.firstPaintFromReady <= 1000);
  target('zoom/pan frames, 100,000 events', 'p95 ≤ 50 ms', a.sequenceTimedOut ? `${timeoutText} for the sequence (${a.stepsDone ?? 0}/60 steps)` : `${fmt(a.stepP95, 'ms')} ms`, !a.sequenceTimedOut && a.stepP95 !== null && a.stepP95 <= 50);
  target(
    'load + validate a 100,000-row CSV',
    '≤ 1.5 s, no main-thread task over 50 ms',
    `${fmt(a.loadValidate, 'ms')} ms (${datasets[100000] ? (datasets[100000].bytes / 1e6).toFixed(1) : '?'} MB); longest task while loading ${fmt(a.longestLoadTask, 'ms')} ms`,
    a.loadValidate !== null && a.loadValidate <= 1500 && a.longestLoadTask !== null && a.longestLoadTask <= 50,
  );
}
md.push("## The issue's targets");
md.push('');
md.push('| figure | target | measured | met |');
md.push('|---|---|---|---|');
for (const t of targets) md.push(`| ${t.figure} | ${t.goal} | ${t.value} | ${t.ok ? 'yes' : '**no**'} |`);
md.push('');
md.push(readFileSync(join(benchDir, 'METHOD.md'), 'utf8').trim());
md.push('');

mkdirSync(OUT, { recursive: true });
const json = {
  machine,
  wallMs,
  options: { sizes: SIZES, reps: REPS, repsLarge: REPS_LARGE, phaseTimeoutMs: PHASE_TIMEOUT, settleTimeoutMs: SETTLE_TIMEOUT, seed: SEED, bundled: BUNDLED },
  datasets,
  summary,
  targets,
  runs: records.map((r) => ({
    contender: r.contender,
    size: r.size,
    rep: r.rep,
    skipped: r.skipped ?? null,
    figures: r.skipped ? null : figuresOf(r),
    raw: r.skipped
      ? null
      : {
          timedOut: r.timedOut,
          load: r.load ? { ...r.load, workers: (r.load.workers ?? []).map((w) => ({ created: w.created, messages: w.messages.length, first: w.messages[0] ?? null, last: w.messages.at(-1) ?? null })) } : null,
          dom: r.dom ?? null,
          metrics: r.metrics ?? null,
          steps: (r.sequence?.steps ?? []).map((x) => x && { kind: x.kind, cost: x.cost, costA: x.costA, costB: x.costB, sync: x.sync, late: x.late, t0: x.t0, startB: x.startB, rafA: x.frameA, rafB: x.frameB }),
          errors: [...(r.errors ?? []), ...(r.consoleErrors ?? [])],
        },
  })),
};
writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(join(OUT, 'latest.md'), `${md.join('\n')}\n`);

// ——— console ———
const methodStart = md.findIndex((line) => line.startsWith('## How the figures are measured'));
log('');
log(md.slice(0, methodStart < 0 ? md.length : methodStart).join('\n'));
log(`bench: wrote ${join(OUT, 'latest.json')} and latest.md; wall time ${(wallMs / 1000).toFixed(0)} s`);
