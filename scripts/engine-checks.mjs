// The checks of the built site that are run in each other browser engine (smoke-firefox.mjs,
// smoke-webkit.mjs): what differs most between engines — shadow DOM and SVG marks, the keyboard,
// zooming, a large CSV read in the worker and painted on the canvas, files chosen with "Open CSV…",
// the standalone file from file://. Each engine's script gives a driver with the same few operations.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDataset } from '../bench/generate.mjs';
import { assert } from './checks.mjs';
import { startStaticServer } from './static-server.mjs';

const LARGE = 10_000;
/** Events in the files chosen with "Open CSV…". */
const CHOSEN = 1_000;
const TIMEOUT = 20_000;
const dist = resolve(import.meta.dirname, '..', 'dist');
const BASE = '/some/repo/';

/**
 * @typedef {object} EngineDriver
 * @property {(url: string) => Promise<void>} goto
 * @property {<T>(fn: () => T) => Promise<T>} evaluate runs `fn` in the page (it must not close over anything)
 * @property {(key: 'ArrowRight' | 'Enter') => Promise<void>} press a key, sent to what has the focus
 * @property {() => Promise<void>} clickZoomIn a real click on the chart's "+" button
 * @property {(paths: string[]) => Promise<void>} chooseFiles sets the files of the "Open CSV…" input, as the file dialog does
 * @property {(() => string[]) | null} consoleErrors the console errors so far, or null where the driver cannot see them
 */

/** Everything the checks read from the page, in one place: the app, its timeline and what the keyboard focuses. */
function pageState() {
  const app = document.querySelector('tl-app');
  const timeline = app?.shadowRoot?.querySelector('tl-timeline');
  let active = document.activeElement;
  const activePath = [active?.localName];
  while (active?.shadowRoot?.activeElement) {
    active = active.shadowRoot.activeElement;
    activePath.push(active.localName);
  }
  const canvas = timeline?.shadowRoot?.querySelector('canvas.dense');
  const range = timeline?.visibleRange;
  return {
    lanes: [...(timeline?.shadowRoot?.querySelectorAll('g.lane') ?? [])].map((g) => g.getAttribute('data-lane')),
    events: timeline?.events?.length ?? 0,
    pending: timeline ? timeline.isUpdatePending : true,
    marks: timeline?.shadowRoot?.querySelectorAll('.mark[data-id]').length ?? 0,
    tableRows: app?.shadowRoot?.querySelector('tl-event-table')?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0,
    canvasShown: Boolean(canvas && !canvas.hidden),
    activeId: active?.getAttribute?.('data-id') ?? null,
    activePath: activePath.join(' > '),
    selected: [...(timeline?.shadowRoot?.querySelectorAll('.mark[aria-pressed="true"]') ?? [])].map((mark) => mark.getAttribute('data-id')),
    rangeWidth: range ? range[1] - range[0] : null,
  };
}

/** The share of the dense canvas's pixels that are painted, after two more frames. */
async function paintedShare() {
  const timeline = document.querySelector('tl-app').shadowRoot.querySelector('tl-timeline');
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const canvas = timeline.shadowRoot.querySelector('canvas.dense');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return painted / (data.length / 4);
}

function focusFirstMark() {
  const root = document.querySelector('tl-app').shadowRoot.querySelector('tl-timeline').shadowRoot;
  root.querySelector('.mark[tabindex="0"]').focus();
}

async function until(driver, ok, what) {
  const end = Date.now() + TIMEOUT;
  let state;
  for (;;) {
    state = await driver.evaluate(pageState);
    if (ok(state)) return state;
    if (Date.now() > end) throw new Error(`${what}; last seen: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Serves the built site (dist/) under a sub-path, with a generated LARGE-event CSV beside it, and
 * runs the cases in one engine. `found`: the engine is there (otherwise one failed case says
 * `missing`); `start()` starts the browser and gives its `version`, its EngineDriver and a `close`.
 */
export async function checkEngine({ engine, check, found, missing, start }) {
  if (!found || !existsSync(join(dist, 'index.html'))) {
    await check(`${engine} set-up`, () => assert(false, found ? 'no dist/index.html: run npm run build first' : missing));
    return;
  }
  const { eventsCsv, clustersCsv } = generateDataset({ n: LARGE });
  const routes = new Map([
    [`${BASE}large/events.csv`, eventsCsv],
    [`${BASE}large/clusters.csv`, clustersCsv],
  ]);
  const server = await startStaticServer({ root: dist, base: BASE, routes });
  // Files on disk for "Open CSV…", read in the worker through the File API (not a download).
  const chosenDir = mkdtempSync(join(tmpdir(), `${engine}-csv-`));
  const chosen = generateDataset({ n: CHOSEN });
  const files = [join(chosenDir, 'events.csv'), join(chosenDir, 'clusters.csv')];
  writeFileSync(files[0], chosen.eventsCsv);
  writeFileSync(files[1], chosen.clustersCsv);
  let browser = null;
  try {
    browser = await start();
    console.log(browser.version);
    await runEngineChecks({
      engine,
      driver: browser.driver,
      check,
      site: `http://127.0.0.1:${server.address().port}${BASE}`,
      largeCsv: '?src=large/events.csv&clusters-src=large/clusters.csv',
      standalone: pathToFileURL(join(dist, 'deadringer-timeline.html')).href,
      files,
    });
  } catch (error) {
    await check(`${engine} set-up`, () => assert(false, error instanceof Error ? error.message : String(error)));
  } finally {
    await browser?.close().catch(() => {});
    server.close();
    rmSync(chosenDir, { recursive: true, force: true });
  }
}

/**
 * The cases. `site`: the hosted build's address (ending in "/"); `largeCsv`: the query that links
 * the generated LARGE-event files; `standalone`: the single file's file: URL; `files`: an
 * events.csv and a clusters.csv on disk.
 */
async function runEngineChecks({ engine, driver, check, site, largeCsv, standalone, files }) {
  await check(`${engine}: the hosted site shows the bundled DeadRinger data (lanes, SVG marks, the table)`, async () => {
    await driver.goto(site);
    const state = await until(driver, (s) => s.events === 45 && !s.pending && s.marks > 0 && s.tableRows > 0, 'the bundled data did not show');
    assert(JSON.stringify(state.lanes) === JSON.stringify(['A', 'B', 'C', 'context']), `lanes ${JSON.stringify(state.lanes)}`);
    assert(state.marks >= 40 && !state.canvasShown, `${state.marks} SVG marks, canvas shown: ${state.canvasShown}`);
  });

  await check(`${engine}: the arrow keys move the focus from mark to mark; Enter selects the mark and opens its panel`, async () => {
    await driver.evaluate(focusFirstMark);
    const first = await until(driver, (s) => s.activeId !== null, 'no mark took the focus');
    await driver.press('ArrowRight');
    const second = await until(driver, (s) => s.activeId !== null && s.activeId !== first.activeId, `ArrowRight left the focus on ${first.activeId}`);
    await driver.press('Enter');
    // As in Chromium: the mark is selected and the focus moves to the heading of the event's panel.
    await until(
      driver,
      (s) => s.selected.length === 1 && s.selected[0] === second.activeId && s.activePath.includes('tl-detail-panel'),
      `Enter did not select ${second.activeId} and open its panel`,
    );
  });

  await check(`${engine}: the + button zooms in`, async () => {
    const before = (await driver.evaluate(pageState)).rangeWidth;
    await driver.clickZoomIn();
    await until(driver, (s) => s.rangeWidth !== null && s.rangeWidth < before * 0.9, `the window stayed ${before} ms wide`);
  });

  await check(`${engine}: a ${LARGE.toLocaleString('en')}-event CSV linked with ?src= is read in the worker and painted on the canvas`, async () => {
    await driver.goto(`${site}${largeCsv}`);
    await until(driver, (s) => s.events === LARGE && !s.pending && s.canvasShown, `the ${LARGE} events did not show on the canvas`);
    const share = await driver.evaluate(paintedShare);
    assert(share > 0.02, `only ${(share * 100).toFixed(2)} % of the canvas's pixels are painted`);
  });

  await check(`${engine}: an events.csv and a clusters.csv chosen with "Open CSV…" are read (File API, worker) and shown`, async () => {
    await driver.goto(site);
    await until(driver, (s) => s.events === 45 && !s.pending, 'the bundled data did not show');
    await driver.chooseFiles(files);
    await until(driver, (s) => s.events === CHOSEN && !s.pending && s.canvasShown, `the ${CHOSEN} chosen events did not show`);
  });

  await check(`${engine}: the standalone file opened from file:// shows the bundled data`, async () => {
    await driver.goto(standalone);
    await until(driver, (s) => s.events === 45 && !s.pending && s.marks >= 40, 'the standalone file showed no timeline');
  });

  if (driver.consoleErrors) {
    const errors = driver.consoleErrors();
    await check(`${engine}: no console errors (hosted site and standalone file)`, () => assert(errors.length === 0, errors.slice(0, 3).join(' | ')));
  }
}
