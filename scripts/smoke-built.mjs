// Smoke test of the BUILT site, used the way a reader would use it (run after `npm run build`):
//  (a) the hosted build (dist/) served under a sub-path, /some/repo/, by a tiny static server here;
//  (b) the standalone file dist/deadringer-timeline.html opened straight from disk (file://).
// Headless Chromium through playwright-core. One line per case; totals go to .test-results/smoke.json
// and a closing "smoke: N passed, N failed". Exit code 1 when any case failed.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findChrome } from './find-chrome.mjs';
import { assert, checks } from './checks.mjs';
import { startStaticServer, TYPES } from './static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const fixtures = join(root, 'test', 'fixtures');
const standalone = join(dist, 'deadringer-timeline.html');
const BASE = '/some/repo/';
/** A second route inside the served tree: CSV files copied in at run time, for `?src=`. */
const DATA_ROUTE = `${BASE}data-under-test/`;
const ACTION_TIMEOUT = 5_000;

// ——— Cases ———

const { check, finish } = checks('smoke');

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Waits for the app's first timeline lane. If none comes, the cases that use the app fail at once
 * (instead of each waiting out its time-out), and the request/console/CSP cases say why. */
async function appStarted(page) {
  return page
    .locator('tl-timeline g.lane')
    .first()
    .waitFor({ state: 'attached', timeout: ACTION_TIMEOUT })
    .then(() => true, () => false);
}

const NOT_STARTED = 'not run: the app showed no timeline lane (see the request, CSP and console cases below)';

/** Polls `read` until `ok(value)`; on time-out throws with the last value seen. */
async function until(read, ok, what, timeout = ACTION_TIMEOUT) {
  const end = Date.now() + timeout;
  let value;
  for (;;) {
    value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ——— What the page shows (Playwright's CSS and role locators pierce the open shadow roots) ———

const lanes = (page) => page.locator('tl-timeline g.lane').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-lane')));

const expectLanes = (page, expected) =>
  until(() => lanes(page), (seen) => same(seen, expected), `expected lanes ${JSON.stringify(expected)}`);

async function expectRegion(page, name) {
  await page.getByRole('region', { name, exact: true }).waitFor({ state: 'visible', timeout: ACTION_TIMEOUT });
}

const visibleWidth = (page) =>
  page.evaluate(() => {
    const range = document.querySelector('tl-app')?.shadowRoot?.querySelector('tl-timeline')?.visibleRange;
    return range ? range[1] - range[0] : null;
  });

const cspMeta = (page) => page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null);

// ——— What the page did: requests, console errors, CSP violations ———

/** Attached before any page script: every CSP (and Trusted Types) violation goes into window.__cspViolations. */
function recordViolations() {
  window.__cspViolations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : '';
      const sample = e.sample ? ` sample: ${JSON.stringify(e.sample)}` : '';
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}${where}${sample}`);
    },
    true,
  );
}

/** Watches a page: requests, failed requests, workers, console errors, page errors and CSP violations. */
function watch(page) {
  const log = { requests: [], failures: [], workers: [], errors: [], violations: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  // A request still in flight when the test moves the page elsewhere (e.g. the preloaded bundled data
  // on a ?src= page) is cancelled by the navigation: that is the test's doing, not a failed request.
  // A reload cancels them the same way (a ?panel= link's panel chunk, imported after "load").
  let navigating = false;
  for (const method of ['goto', 'reload']) {
    const navigate = page[method].bind(page);
    page[method] = async (...args) => {
      navigating = true;
      try {
        return await navigate(...args);
      } finally {
        navigating = false;
      }
    };
  }
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? 'failed';
    if (navigating && reason === 'net::ERR_ABORTED') return;
    log.failures.push(`${r.url()} (${reason})`);
  });
  page.on('response', (r) => r.status() >= 400 && log.failures.push(`${r.url()} (HTTP ${r.status()})`));
  page.on('worker', (w) => log.workers.push(w.url()));
  page.on('console', (m) => m.type() === 'error' && log.errors.push(`${m.text()}${m.location()?.url ? ` (${m.location().url.slice(0, 80)})` : ''}`));
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${e.message}`));
  /** Moves the page's violations into the log: call before every navigation and at the end. */
  log.collect = async () => {
    const seen = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    log.violations.push(...seen);
    await page.evaluate(() => (window.__cspViolations = [])).catch(() => {});
  };
  return log;
}

const short = (list, n = 4) => list.slice(0, n).map((s) => (s.length > 200 ? `${s.slice(0, 200)}…` : s)).join(' | ') + (list.length > n ? ` (+${list.length - n} more)` : '');

// ——— The static server for the hosted build ———

function startServer() {
  const problems = readFileSync(join(fixtures, 'events-problems.csv'));
  const compressed = gzipSync(problems);
  const routes = new Map([
    [`${DATA_ROUTE}events-problems.csv`, problems],
    // The same file compressed on the way, as many hosts send CSV text: Content-Length is then the compressed size.
    [`${DATA_ROUTE}gzip/events-problems.csv`, { body: compressed, headers: { 'Content-Encoding': 'gzip', 'Content-Length': String(compressed.length) } }],
  ]);
  return startStaticServer({ root: dist, base: BASE, routes });
}

// ——— (a) the hosted build under a sub-path ———

async function hosted(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const log = watch(page);
  const deepLink = `${origin}${BASE}?clusters=B&panel=B&from=2020-Q1&to=2021-Q1`;

  try {
    await check('hosted: the page loads under /some/repo/ with its CSP (script-src \'self\', Trusted Types)', async () => {
      const response = await page.goto(deepLink, { waitUntil: 'load' });
      assert(response?.ok(), `HTTP ${response?.status()}`);
      const policy = await cspMeta(page);
      assert(policy?.includes("script-src 'self'"), `CSP meta: ${policy}`);
      assert(policy.includes("require-trusted-types-for 'script'") && policy.includes('trusted-types lit-html default'), `CSP meta: ${policy}`);
    });
    const running = await appStarted(page);
    /** A case that needs the running app. */
    const use = (name, fn) => check(name, running ? fn : () => assert(false, NOT_STARTED));
    await use('hosted: deep link ?clusters=B shows only lane B', () => expectLanes(page, ['B']));
    await use('hosted: deep link ?panel=B opens the region "Cluster B — Naikon APT"', () => expectRegion(page, 'Cluster B — Naikon APT'));
    await use('hosted: start-up fetches the bundled data as one JSON file (preloaded) and no CSV, worker or loader code', () => {
      const paths = log.requests.map((u) => new URL(u).pathname);
      const json = paths.filter((p) => /\/assets\/deadringer-dataset-[\w-]+\.json$/.test(p));
      assert(json.length === 1, `the dataset JSON was requested ${json.length} times: ${short(paths)}`);
      const late = paths.filter((p) => /\.csv$|parse\.worker|\/(user-data|load|exports|save-view|load-messages)-[\w-]+\.js$/.test(p));
      assert(late.length === 0, `requested at start-up: ${short(late)}`);
      assert(log.workers.length === 0, `a worker started: ${short(log.workers)}`);
    });

    // The detail panel and the load problems' wording are their own chunks, fetched when first needed.
    await log.collect();
    const lazyChunk = /\/assets\/(tl-detail-panel|problem-messages)-[\w-]+\.js$/;
    const lazyRequested = (from) => log.requests.slice(from).map((u) => new URL(u).pathname).filter((p) => lazyChunk.test(p));
    const plainStart = log.requests.length;
    await page.goto(`${origin}${BASE}`, { waitUntil: 'load' });
    await use('hosted: a start-up without a panel or problems requests neither the panel\'s code nor the problems\' wording', async () => {
      await expectLanes(page, ['A', 'B', 'C', 'context']);
      await page.getByText('The data loaded with no problems.').waitFor();
      const early = lazyRequested(plainStart);
      assert(early.length === 0, `requested at start-up: ${short(early)}`);
    });
    await use('hosted: "About this data" then fetches the panel\'s code (under the CSP) and opens its panel', async () => {
      await page.getByRole('button', { name: 'About this data', exact: true }).click();
      await expectRegion(page, 'About this data');
      const fetched = lazyRequested(plainStart);
      assert(fetched.length === 1 && fetched[0].includes('/tl-detail-panel-'), `requested: ${short(fetched)}`);
      const focused = await page.evaluate(() => document.querySelector('tl-app')?.shadowRoot?.querySelector('tl-detail-panel')?.shadowRoot?.activeElement?.id ?? null);
      assert(focused === 'panel-heading', `focus is on ${focused}, not the panel's heading`);
    });
    // The Italian strings, the wording of a link's ignored parameters and the saved-view reader are
    // their own chunks as well: an English start-up with a clean link fetches none of them.
    const languageChunk = /\/assets\/italian-[\w-]+\.js$/;
    const requestedSince = (from, pattern) => log.requests.slice(from).map((u) => new URL(u).pathname).filter((p) => pattern.test(p));
    await use('hosted: an English start-up requests no Italian strings, notice wording or saved-view reader', () => {
      const early = requestedSince(plainStart, /\/assets\/(italian|messages\.it|date-reason-messages\.it|url-notice-messages|snapshot)-[\w-]+\.js$/);
      assert(early.length === 0, `requested: ${short(early)}`);
    });
    await use('hosted: the language switcher fetches the Italian strings, then shows the page in Italian', async () => {
      const before = log.requests.length;
      // The select sits in its <label>, so its accessible name also holds the chosen option.
      await page.getByRole('combobox', { name: /^Language/ }).selectOption('it');
      await page.getByRole('button', { name: 'Informazioni sui dati', exact: true }).waitFor();
      const fetched = requestedSince(before, languageChunk);
      assert(fetched.length === 1, `Italian chunk requests: ${short(fetched)}`);
      assert((await page.evaluate(() => document.documentElement.lang)) === 'it', 'the document language is not "it"');
    });
    await log.collect();
    const italianStart = log.requests.length;
    await page.goto(`${origin}${BASE}?lang=it&from=2020-Q9`, { waitUntil: 'load' });
    await use('hosted: ?lang=it starts in Italian (strings fetched first) and words the link\'s notice in Italian', async () => {
      await page.getByRole('button', { name: 'Informazioni sui dati', exact: true }).waitFor();
      await page.getByText('Ignorato "from=2020-Q9": il trimestre Q9 non esiste', { exact: false }).waitFor();
      const english = await page.getByRole('button', { name: 'About this data', exact: true }).count();
      assert(english === 0, 'the English "About this data" button is shown');
      assert(requestedSince(italianStart, languageChunk).length >= 1, 'the Italian chunk was not requested');
    });

    await log.collect();
    await page.goto(deepLink, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    await use('hosted: after reload, still only lane B', () => expectLanes(page, ['B']));
    await use('hosted: after reload, the panel "Cluster B — Naikon APT" is still open', () => expectRegion(page, 'Cluster B — Naikon APT'));

    await use('hosted: filters — check "Cluster A", uncheck "Cluster B" → lanes A only, B panel closes', async () => {
      await page.getByRole('checkbox', { name: 'Cluster A — Soft Cell' }).check();
      await expectLanes(page, ['A', 'B']);
      await page.getByRole('checkbox', { name: 'Cluster B — Naikon APT' }).uncheck();
      await expectLanes(page, ['A']);
      await page.getByRole('region', { name: 'Cluster B — Naikon APT', exact: true }).waitFor({ state: 'detached' });
    });
    await use('hosted: "About this data" opens its panel', async () => {
      await page.getByRole('button', { name: 'About this data', exact: true }).click();
      await expectRegion(page, 'About this data');
    });
    await use('hosted: the "Zoom in" button narrows the visible window', async () => {
      const before = await visibleWidth(page);
      assert(before, 'no visible range on the timeline');
      await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
      await until(() => visibleWidth(page), (w) => w !== null && w < before * 0.9, `window width before ${before}`);
    });
    await use('hosted: wheel, drag and double-click zoom and pan the chart (d3-transition is left out of the build)', async () => {
      const plot = page.locator('tl-timeline svg.plot');
      const box = await plot.boundingBox();
      assert(box, 'no plot');
      const x = box.x + box.width / 2;
      const y = box.y + 30;
      const before = await visibleWidth(page);
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, -200);
      await until(() => visibleWidth(page), (w) => w !== null && w < before * 0.95, `wheel: window width before ${before}`);
      const afterWheel = await visibleWidth(page);
      await page.mouse.dblclick(x, y);
      await until(() => visibleWidth(page), (w) => w !== null && w < afterWheel * 0.75, `double-click: window width before ${afterWheel}`);
      const range = await page.locator('tl-timeline .range').textContent();
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x - 200, y, { steps: 4 });
      await page.mouse.up();
      await until(() => page.locator('tl-timeline .range').textContent(), (text) => text !== range, 'drag: the range text did not change');
    });

    /** Chooses a format in the Export menu and returns the downloaded file's name and bytes. */
    const exportAs = async (label) => {
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: label, exact: true }).click();
      const file = await download;
      return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
    };
    await use('hosted: export CSV has the events.csv header and only the rows shown (Cluster A)', async () => {
      const { name, bytes } = await exportAs('CSV of the rows shown (events.csv format)');
      const lines = bytes.toString('utf8').trim().split('\r\n');
      assert(name.endsWith('.csv') && lines[0].startsWith('"id","cluster","kind","start","end","title"'), `${name}: ${lines[0]}`);
      const clusters = new Set(lines.slice(1).map((line) => line.split('","')[1]));
      assert(lines.length > 2 && same([...clusters], ['A']), `clusters in the CSV: ${[...clusters]}`);
    });
    await use('hosted: export SVG is a standalone picture with the lane, axis, legend and source line', async () => {
      const { name, bytes } = await exportAs('SVG picture of the timeline');
      const svg = bytes.toString('utf8');
      assert(name.endsWith('.svg') && svg.includes('<svg') && svg.includes('xmlns="http://www.w3.org/2000/svg"'), name);
      for (const text of ['Cluster A — Soft Cell', 'Legend', 'Cybereason Nocturnus']) assert(svg.includes(text), `the SVG lacks “${text}”`);
      assert(!svg.includes('class="'), 'the SVG still depends on stylesheet classes');
    });
    await use('hosted: export PNG is a PNG at twice the on-screen size', async () => {
      const { name, bytes } = await exportAs('PNG picture of the timeline (2×)');
      assert(name.endsWith('.png') && bytes.subarray(1, 4).toString() === 'PNG', name);
      const width = bytes.readUInt32BE(16);
      const chartWidth = await page.locator('tl-timeline svg.plot').evaluate((svg) => svg.getBoundingClientRect().width);
      assert(width >= 2 * chartWidth, `PNG width ${width} for a ${chartWidth}px chart`);
      if (process.env.SMOKE_KEEP) writeFileSync(join(root, '.test-results', 'export.png'), bytes);
    });
    await use('hosted: export STIX 2.1 bundle has one intrusion-set, for Cluster A', async () => {
      const { name, bytes } = await exportAs('STIX 2.1 bundle (JSON) for OpenCTI, MISP…');
      const bundle = JSON.parse(bytes.toString('utf8'));
      const sets = bundle.objects.filter((o) => o.type === 'intrusion-set');
      assert(name.endsWith('.json') && bundle.type === 'bundle', name);
      assert(sets.length === 1 && sets[0].name.startsWith('Cluster A'), `intrusion sets: ${sets.map((o) => o.name)}`);
    });
    await use('hosted: export ATT&CK Navigator layer lists Cluster A\'s techniques', async () => {
      const { bytes } = await exportAs('ATT&CK Navigator layer (JSON)');
      const layer = JSON.parse(bytes.toString('utf8'));
      const ids = layer.techniques.map((t) => t.techniqueID);
      assert(layer.domain === 'enterprise-attack' && ids.includes('T1190'), `techniques: ${ids}`);
    });
    await use('hosted: "Save this view" downloads one HTML file that reopens the same view from disk', async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save this view', exact: true }).click();
      const file = await download;
      const saved = join(root, '.test-results', file.suggestedFilename());
      mkdirSync(join(root, '.test-results'), { recursive: true });
      await file.saveAs(saved);
      const html = readFileSync(saved, 'utf8');
      assert(!/<script[^>]+src=/.test(html) && html.includes('id="tl-snapshot"'), 'the saved file is not self-contained');
      const reopened = await context.newPage();
      await reopened.goto(pathToFileURL(saved).href);
      await until(() => lanes(reopened), (l) => same(l, ['A']), 'the saved view (lane A only)');
      await reopened.close();
    });

    await log.collect();
    await use('hosted: ?src= loads a same-origin CSV (via the worker) and lists its problems', async () => {
      await page.goto(`${origin}${BASE}?src=data-under-test/events-problems.csv`, { waitUntil: 'load' });
      await page.getByText('Showing your file events-problems.csv').waitFor();
      const summary = await page.locator('tl-problems p.summary').textContent();
      const [, errors] = /(\d+) rows skipped/.exec(summary ?? '') ?? [];
      assert(Number(errors) > 0, `problems summary: ${JSON.stringify(summary)}`);
      const rows = await page.locator('tl-problems tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
      assert(rows.some((r) => r[0] === 'events-problems.csv' && r[1] === '3' && r[2] === 'start'), `no problem for row 3, column start: ${JSON.stringify(rows.slice(0, 3))}`);
      // The hosted site's worker is its own file on the site (the single file's is a blob:), allowed by worker-src 'self'.
      const worker = log.workers.find((u) => u.startsWith(`${origin}${BASE}assets/parse.worker-`) && u.endsWith('.js'));
      assert(worker, `no worker from ${BASE}assets/parse.worker-*.js started; workers: ${JSON.stringify(log.workers)}`);
    });
    await use('hosted: "Save this view" after a ?src= load keeps the linked file, byte for byte', async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save this view', exact: true }).click();
      const saved = join(root, '.test-results', (await download).suggestedFilename());
      await (await download).saveAs(saved);
      const html = readFileSync(saved, 'utf8');
      const original = readFileSync(join(fixtures, 'events-problems.csv'), 'utf8');
      const block = JSON.parse(/<script[^>]*id="tl-snapshot"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null');
      assert(block?.events?.name === 'events-problems.csv' && block.events.text === original, `the saved file carries ${JSON.stringify(block?.events?.name)}, not the linked file as it was`);
    });
    await use('hosted: ?src= to a CSV the server compresses (Content-Encoding: gzip) reads the same rows', async () => {
      const problemRows = () => page.locator('tl-problems tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
      const plain = await problemRows();
      assert(plain.length > 0, 'the file sent as it is should have problems listed first');
      const tableRows = () => page.locator('tl-event-table tbody tr').count();
      const plainCount = await tableRows();
      const compressed = page.waitForResponse((r) => new URL(r.url()).pathname === `${BASE}data-under-test/gzip/events-problems.csv`);
      await page.goto(`${origin}${BASE}?src=data-under-test/gzip/events-problems.csv`, { waitUntil: 'load' });
      const headers = await (await compressed).allHeaders();
      assert(headers['content-encoding'] === 'gzip', `the route was not sent compressed: ${JSON.stringify(headers)}`);
      await page.getByText('Showing your file events-problems.csv').waitFor();
      await until(problemRows, (rows) => same(rows, plain), 'the same problems as the file sent as it is');
      assert((await tableRows()) === plainCount, `${await tableRows()} table rows, not ${plainCount}`);
    });
    await use('hosted: once loaded, it keeps working offline', async () => {
      await context.setOffline(true);
      try {
        await page.getByRole('button', { name: 'Back to the DeadRinger data', exact: true }).click();
        await expectLanes(page, ['A', 'B', 'C', 'context']);
        await page.getByRole('checkbox', { name: 'Cluster C — OWA backdoor mini-cluster' }).uncheck();
        await expectLanes(page, ['A', 'B', 'context']);
      } finally {
        await context.setOffline(false);
      }
    });
    await use('hosted: an unexpected error is shown in the page, and "Reload the DeadRinger data" recovers', async () => {
      await page.evaluate(() => setTimeout(() => {
        throw new Error('smoke-test failure');
      }));
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert((await alert.textContent()).includes('smoke-test failure'), await alert.textContent());
      await page.getByRole('button', { name: 'Reload the DeadRinger data', exact: true }).click();
      await alert.waitFor({ state: 'detached' });
      await expectLanes(page, ['A', 'B', 'C', 'context']);
      // The page error is the one this case threw on purpose: it is not counted as a console error.
      log.errors.splice(0, log.errors.length, ...log.errors.filter((e) => !e.includes('smoke-test failure')));
    });
    await log.collect();

    await check('hosted: every request went to the page\'s own origin (blob:/data: allowed) and succeeded', () => {
      const foreign = log.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
      assert(foreign.length === 0, `requests elsewhere: ${short(foreign)}`);
      assert(log.failures.length === 0, `failed requests: ${short(log.failures)}`);
      const outside = log.requests.filter((u) => u.startsWith(`${origin}/`) && !new URL(u).pathname.startsWith(BASE));
      assert(outside.length === 0, `requests outside ${BASE}: ${short(outside)}`);
    });
    await check('hosted: no CSP or Trusted Types violations', () => assert(log.violations.length === 0, `${log.violations.length}: ${short(log.violations)}`));
    await check('hosted: no console errors', () => assert(log.errors.length === 0, `${log.errors.length}: ${short(log.errors)}`));
  } finally {
    await context.close();
  }
}

// ——— (b) the standalone file from file:// ———

async function fromDisk(browser) {
  const fileUrl = pathToFileURL(standalone).href;

  await check('standalone: dist/deadringer-timeline.html is self-contained with a hash-based CSP', () => {
    assert(existsSync(standalone), `${standalone} is missing; run npm run build`);
    const html = readFileSync(standalone, 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert(policy, 'no CSP <meta>');
    assert(/script-src 'sha256-[A-Za-z0-9+/=]+'/.test(policy) && /style-src 'sha256-/.test(policy), `policy: ${policy}`);
    assert(!policy.includes('unsafe-inline') && policy.includes("require-trusted-types-for 'script'"), `policy: ${policy}`);
    assert(!/<script\b[^>]*\ssrc=/i.test(html) && !/<link\b[^>]*rel="(stylesheet|modulepreload)"/i.test(html), 'it still refers to other files');
    const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const directive = (name) => new RegExp(`(?:^|;)\\s*${name} ([^;]*)`).exec(policy)?.[1].trim().split(/\s+/) ?? [];
    for (const [tag, name] of [['script', 'script-src'], ['style', 'style-src']]) {
      const texts = [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) => m[1]);
      const missing = texts.map(hash).filter((h) => !directive(name).includes(h));
      assert(missing.length === 0, `${name} lacks the hash of an inline <${tag}>: ${missing.join(' ')}`);
    }
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  const log = watch(page);
  try {
    await page.goto(`${fileUrl}?clusters=B&panel=B`, { waitUntil: 'load' });
    const running = await appStarted(page);
    /** A case that needs the running app. */
    const use = (name, fn) => check(name, running ? fn : () => assert(false, NOT_STARTED));
    await use('standalone: deep link ?clusters=B shows only lane B', () => expectLanes(page, ['B']));
    await use('standalone: deep link ?panel=B opens the region "Cluster B — Naikon APT"', () => expectRegion(page, 'Cluster B — Naikon APT'));

    await log.collect();
    await page.goto(fileUrl, { waitUntil: 'load' });
    await use('standalone: without a query, four lanes A, B, C, context', () => expectLanes(page, ['A', 'B', 'C', 'context']));
    await use('standalone: unchecking "Cluster C" removes its lane', async () => {
      await page.getByRole('checkbox', { name: 'Cluster C — OWA backdoor mini-cluster' }).uncheck();
      await expectLanes(page, ['A', 'B', 'context']);
    });
    await use('standalone: the lane header "Cluster A — Soft Cell …: details" opens its panel', async () => {
      await page.getByRole('button', { name: /^Cluster A — Soft Cell.*: details$/ }).click();
      await expectRegion(page, 'Cluster A — Soft Cell');
    });
    await use('standalone: "Open CSV…" with events-valid.csv shows lanes X and Y (inline Web Worker)', async () => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Open CSV…', { exact: true }).click()]);
      await chooser.setFiles(join(fixtures, 'events-valid.csv'));
      await page.getByText('Showing your file events-valid.csv').waitFor();
      const seen = await until(() => lanes(page), (l) => l.includes('X') && l.includes('Y'), 'expected lanes X and Y');
      assert(!seen.includes('A'), `the bundled lanes are still there: ${JSON.stringify(seen)}`);
      assert(log.workers.some((u) => u.startsWith('blob:') || u.startsWith('data:')), `no blob:/data: worker started; workers: ${JSON.stringify(log.workers)}`);
    });
    await log.collect();
    await page.goto(`${fileUrl}?lang=it`, { waitUntil: 'load' });
    await use('standalone: ?lang=it shows the page in Italian (the Italian strings are inside the file)', async () => {
      await page.getByRole('button', { name: 'Informazioni sui dati', exact: true }).waitFor();
      await expectLanes(page, ['A', 'B', 'C', 'context']);
    });
    await log.collect();

    await check('standalone: no requests other than file:, data: and blob:', () => {
      const other = log.requests.filter((u) => !/^(file|data|blob):/.test(u));
      assert(other.length === 0, `requests: ${short(other)}`);
      assert(log.failures.length === 0, `failed requests: ${short(log.failures)}`);
    });
    await check('standalone: no CSP or Trusted Types violations', () => assert(log.violations.length === 0, `${log.violations.length}: ${short(log.violations)}`));
    await check('standalone: no console errors', () => assert(log.errors.length === 0, `${log.errors.length}: ${short(log.errors)}`));
  } finally {
    await context.close();
  }
}

// ——— (c) embedding in a page on another origin, with the README's own snippets ———

const README_SITE = 'https://example.github.io/deadringer/';

/** A snippet from README.md, between its marker comments, with the example site replaced by the one under test. */
function readmeSnippet(name, siteUrl) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- ${name} -->\\s*\`\`\`html\\n([\\s\\S]*?)\`\`\`\\s*<!-- /${name} -->`).exec(readme);
  assert(match, `README.md has no ${name} block`);
  return match[1].replaceAll(README_SITE, siteUrl).replaceAll(new URL(README_SITE).origin, new URL(siteUrl).origin);
}

function startHostServer(siteUrl) {
  const page = (body) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title>
    <style>* { color: red !important; font: 30px serif; } svg { display: none; }</style></head><body><h1>A wiki page</h1>${body}</body></html>`;
  const routes = new Map([
    ['/iframe.html', ['text/html; charset=utf-8', page(readmeSnippet('embed-iframe-snippet', siteUrl))]],
    ['/element.html', ['text/html; charset=utf-8', page(readmeSnippet('embed-element-snippet', siteUrl))]],
    ['/reports/other-events.csv', [TYPES['.csv'], readFileSync(join(fixtures, 'events-valid.csv'))]],
    ['/reports/other-clusters.csv', [TYPES['.csv'], readFileSync(join(fixtures, 'clusters.csv'))]],
  ]);
  const server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(route ? 200 : 404, { 'Content-Type': route ? route[0] : 'text/plain' });
    res.end(route ? route[1] : 'not found');
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

async function embedding(browser, siteOrigin) {
  // "localhost" and "127.0.0.1" are different origins: the host page is on another site.
  const siteUrl = `${siteOrigin.replace('127.0.0.1', 'localhost')}${BASE}`;
  const hostServer = await startHostServer(siteUrl);
  const hostOrigin = `http://127.0.0.1:${hostServer.address().port}`;
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT);
    const log = watch(page);
    await check('embed: the README iframe shows the timeline and the host page receives its height', async () => {
      await page.goto(`${hostOrigin}/iframe.html`);
      const frame = page.frameLocator('#deadringer-timeline');
      await frame.locator('tl-timeline g.lane').first().waitFor({ state: 'attached' });
      const frameLanes = await frame.locator('tl-timeline g.lane').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-lane')));
      assert(same(frameLanes, ['A', 'B', 'C']), `lanes in the iframe: ${frameLanes}`);
      assert((await frame.locator('header').count()) === 0, 'the embed shows a page header');
      await until(
        () => page.evaluate(() => document.getElementById('deadringer-timeline').style.height),
        (height) => /^\d+px$/.test(height) && parseInt(height, 10) > 150,
        'the iframe to be sized by the height message',
      );
      const link = await frame.getByRole('link', { name: 'Open the full view' }).getAttribute('href');
      assert(link && !link.includes('embed=') && link.includes('clusters=A'), `full-view link: ${link}`);
    });
    await check('embed: two <cluster-timeline> elements from the README snippet, each with its own data, unharmed by host styles', async () => {
      await page.goto(`${hostOrigin}/element.html`);
      await until(
        () => page.locator('cluster-timeline').evaluateAll((elements) => elements.map((el) => el.shadowRoot?.querySelector('tl-timeline')?.shadowRoot?.querySelectorAll('g.lane').length ?? 0)),
        (counts) => counts.length === 2 && counts.every((n) => n > 0),
        'both elements to draw lanes',
      );
      const perElement = await page.locator('cluster-timeline').evaluateAll((elements) =>
        elements.map((el) => [...el.shadowRoot.querySelector('tl-timeline').shadowRoot.querySelectorAll('g.lane')].map((l) => l.getAttribute('data-lane'))),
      );
      assert(same(perElement, [['A', 'B'], ['X', 'Y', 'context']]), `lanes per element: ${JSON.stringify(perElement)}`);
      const width = await page.locator('cluster-timeline').first().evaluate((el) => el.shadowRoot.querySelector('tl-timeline').shadowRoot.querySelector('svg.plot').getBoundingClientRect().width);
      assert(width > 300, `the chart is ${width}px wide under the host page's styles`);
    });
    await check('embed: no console errors on the host pages', () => assert(log.errors.length === 0, `${log.errors.length}: ${short(log.errors)}`));
  } finally {
    await context.close();
    hostServer.closeAllConnections();
    await new Promise((r) => hostServer.close(() => r()));
  }
}

// ——— (d) what the three builds hand to the browser ———

/** The site's entry script opens with V8's compile hint (build/compile-hints.ts); no other script does. */
async function compileHints() {
  const HINT = '//# allFunctionsCalledOnLoad\n';
  await check('builds: the site\'s entry script opens with the compile hint; no lazily loaded chunk, single file or element does', () => {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    const entry = /<script type="module"[^>]*\ssrc="\.\/(assets\/index-[^"]+\.js)"/.exec(index)?.[1];
    assert(entry, 'no entry <script> in dist/index.html');
    assert(readFileSync(join(dist, entry), 'utf8').startsWith(HINT), `no hint at the top of ${entry}`);
    const others = {
      'deadringer-timeline.html': readFileSync(standalone, 'utf8'),
      'cluster-timeline.js': readFileSync(join(dist, 'cluster-timeline.js'), 'utf8'),
      ...Object.fromEntries(readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && `assets/${f}` !== entry).map((f) => [f, readFileSync(join(dist, 'assets', f), 'utf8')])),
    };
    const hinted = Object.entries(others).filter(([, code]) => code.includes('allFunctionsCalledOnLoad')).map(([name]) => name);
    assert(hinted.length === 0, `hinted, though not the site's entry: ${hinted.join(', ')}`);
  });
}

// ——— Main ———

let server = null;
let browser = null;
try {
  assert(existsSync(join(dist, 'index.html')), 'dist/index.html is missing: run `npm run build` first');
  await compileHints();
  const executablePath = findChrome();
  assert(executablePath, 'no Chrome or Chromium found (set CHROME_PATH)');
  server = await startServer();
  const origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await hosted(browser, origin);
  await fromDisk(browser);
  await embedding(browser, origin);
} catch (error) {
  await check('smoke set-up', () => {
    throw error;
  });
} finally {
  await browser?.close().catch(() => {});
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server.close(() => r()));
  }
}

finish();
