// The built site in Firefox (run after `npm run build`): Debian's firefox-esr, driven over WebDriver
// BiDi by puppeteer-core (Playwright drives only its own patched Firefox, which cannot be
// downloaded here). It checks what differs most between engines: shadow DOM and SVG marks, the
// keyboard, zooming, a large CSV read in the worker and painted on the canvas, and the standalone
// file from file://. One line per case; totals go to .test-results/firefox.json and a closing
// "firefox: N passed, N failed". Exit code 1 when any case failed.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { generateDataset } from '../bench/generate.mjs';
import { assert, checks } from './checks.mjs';
import { findFirefox } from './find-firefox.mjs';
import { startStaticServer } from './static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const BASE = '/some/repo/';
const LARGE = 10_000;
const TIMEOUT = 20_000;

const { check, finish } = checks('firefox');

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

async function until(page, ok, what) {
  const end = Date.now() + TIMEOUT;
  let state;
  for (;;) {
    state = await page.evaluate(pageState);
    if (ok(state)) return state;
    if (Date.now() > end) throw new Error(`${what}; last seen: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Console errors and uncaught exceptions of a page. */
function watch(page) {
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message ?? error}`));
  return errors;
}

const executablePath = findFirefox();
if (!executablePath || !existsSync(join(dist, 'index.html'))) {
  await check('firefox set-up', () => assert(false, executablePath ? 'no dist/index.html: run npm run build first' : 'no Firefox found (scripts/ensure-firefox.mjs installs one)'));
} else {
  const { eventsCsv, clustersCsv } = generateDataset({ n: LARGE });
  const routes = new Map([
    [`${BASE}large/events.csv`, eventsCsv],
    [`${BASE}large/clusters.csv`, clustersCsv],
  ]);
  const server = await startStaticServer({ root: dist, base: BASE, routes });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, protocolTimeout: 60_000 });
  console.log(`${await browser.version()} (${executablePath})`);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const errors = watch(page);

    await check('firefox: the hosted site shows the bundled DeadRinger data (lanes, SVG marks, the table)', async () => {
      await page.goto(`${origin}${BASE}`);
      const state = await until(page, (s) => s.events === 45 && !s.pending && s.marks > 0 && s.tableRows > 0, 'the bundled data did not show');
      assert(JSON.stringify(state.lanes) === JSON.stringify(['A', 'B', 'C', 'context']), `lanes ${JSON.stringify(state.lanes)}`);
      assert(state.marks >= 40 && !state.canvasShown, `${state.marks} SVG marks, canvas shown: ${state.canvasShown}`);
    });

    await check('firefox: the arrow keys move the focus from mark to mark; Enter selects the mark and opens its panel', async () => {
      await page.evaluate(() => {
        const root = document.querySelector('tl-app').shadowRoot.querySelector('tl-timeline').shadowRoot;
        root.querySelector('.mark[tabindex="0"]').focus();
      });
      const first = await until(page, (s) => s.activeId !== null, 'no mark took the focus');
      await page.keyboard.press('ArrowRight');
      const second = await until(page, (s) => s.activeId !== null && s.activeId !== first.activeId, `ArrowRight left the focus on ${first.activeId}`);
      await page.keyboard.press('Enter');
      // As in Chromium: the mark is selected and the focus moves to the heading of the event's panel.
      await until(
        page,
        (s) => s.selected.length === 1 && s.selected[0] === second.activeId && s.activePath.includes('tl-detail-panel'),
        `Enter did not select ${second.activeId} and open its panel`,
      );
    });

    await check('firefox: the + button zooms in', async () => {
      const before = (await page.evaluate(pageState)).rangeWidth;
      // A real click (puppeteer's deep selector reaches into the shadow roots).
      const zoomIn = await page.$('tl-app >>> tl-timeline >>> .zoom-buttons button');
      assert(zoomIn, 'no zoom button');
      await zoomIn.click();
      await until(page, (s) => s.rangeWidth !== null && s.rangeWidth < before * 0.9, `the window stayed ${before} ms wide`);
    });

    await check(`firefox: a ${LARGE.toLocaleString('en')}-event CSV linked with ?src= is read in the worker and painted on the canvas`, async () => {
      await page.goto(`${origin}${BASE}?src=large/events.csv&clusters-src=large/clusters.csv`);
      await until(page, (s) => s.events === LARGE && !s.pending && s.canvasShown, `the ${LARGE} events did not show on the canvas`);
      const painted = await page.evaluate(async () => {
        const timeline = document.querySelector('tl-app').shadowRoot.querySelector('tl-timeline');
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const canvas = timeline.shadowRoot.querySelector('canvas.dense');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let opaque = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) opaque++;
        return { opaque, total: data.length / 4 };
      });
      assert(painted.opaque > painted.total * 0.02, `only ${painted.opaque} of ${painted.total} canvas pixels painted`);
    });

    await check('firefox: no console errors on the hosted site', () => assert(errors.length === 0, errors.slice(0, 3).join(' | ')));

    const standalone = join(dist, 'deadringer-timeline.html');
    await check('firefox: the standalone file opened from file:// shows the bundled data', async () => {
      const filePage = await browser.newPage();
      const fileErrors = watch(filePage);
      try {
        await filePage.goto(pathToFileURL(standalone).href);
        await until(filePage, (s) => s.events === 45 && !s.pending && s.marks >= 40, 'the standalone file showed no timeline');
        assert(fileErrors.length === 0, `console: ${fileErrors.slice(0, 3).join(' | ')}`);
      } finally {
        await filePage.close();
      }
    });
  } finally {
    await browser.close();
    server.close();
  }
}

finish();
