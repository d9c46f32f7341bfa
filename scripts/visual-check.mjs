// Visual check of the BUILT site (run after `npm run build`): screenshots of the main views compared
// with the baselines committed in test/visual/baselines/, so that a layout break fails `npm test`.
//
//   views    main (bundled data, default view), panel-b (?panel=B, scrolled to the panel),
//            embed (?embed=1&clusters=A,B,C), italian (?lang=it)
//   sizes    1280x800 and 390x844 (viewport only, device scale 1)
//   schemes  light and dark (prefers-color-scheme)
//   → 16 PNGs named <view>-<size>-<scheme>.png
//
// Tolerance: a pixel differs when pixelmatch's perceptual colour distance is above THRESHOLD (0.1;
// anti-aliased pixels are not counted); a case fails when more than MAX_DIFF_RATIO (0.5 %) of its
// pixels differ: 5,120 px at 1280x800, 1,647 px at 390x844. A failed case writes
// .test-results/visual/<name>-actual.png and <name>-diff.png (differing pixels in red).
//
// A missing baseline fails in CI (CI=true); elsewhere it is written, and the case passes with
// "new baseline written, review it". `npm run visual:update` builds the site and rewrites every
// baseline (and environment.json: the Chromium version and the fonts the page was drawn with).
// Look at each PNG before committing it.
//
// Deterministic: fixed viewport and device scale, locale en-US, time zone UTC, a fixed clock,
// reduced motion, animations disabled, fonts loaded, and the screenshot retaken until two in a row
// are identical. The page uses the system font stack (system-ui…): on Debian that is DejaVu Sans from
// fonts-dejavu-core, which .ci/run makes sure is installed; the fonts in use are printed each run.
//
// Usage: node scripts/visual-check.mjs [--update] [--dist <dir>]   (default dist/)
// Totals go to .test-results/visual.json; closing line "visual: N passed, N failed"; exit 1 on failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { assert, checks } from './checks.mjs';
import { findChrome } from './find-chrome.mjs';
import { startStaticServer } from './static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const UPDATE = args.includes('--update');
const dist = resolve(root, args.includes('--dist') ? args[args.indexOf('--dist') + 1] : 'dist');
const baselines = join(root, 'test', 'visual', 'baselines');
const environmentFile = join(baselines, 'environment.json');
const outDir = join(root, '.test-results', 'visual');
const IN_CI = process.env.CI === 'true';
const BASE = '/visual/';
const ACTION_TIMEOUT = 10_000;

/** Pages open at once. */
const PARALLEL = 2;
const THRESHOLD = 0.1;
const MAX_DIFF_RATIO = 0.005;
/** Any fixed moment: the app shows no clock, but nothing on screen may depend on today's date. */
const FIXED_TIME = new Date('2026-01-15T12:00:00Z');

const VIEWS = [
  { name: 'main', query: '' },
  {
    name: 'panel-b',
    query: '?panel=B',
    // On wide screens the panel sits below the chart: scroll it to the top of the viewport. On phones
    // it is a sheet over the page and scrolling changes nothing.
    prepare: async (page) => {
      const panel = page.locator('tl-detail-panel section[role="region"]');
      await panel.waitFor({ state: 'visible', timeout: ACTION_TIMEOUT });
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
    },
  },
  { name: 'embed', query: '?embed=1&clusters=A,B,C' },
  { name: 'italian', query: '?lang=it' },
];
const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '390x844', width: 390, height: 844 },
];
const SCHEMES = ['light', 'dark'];

// ——— Cases ———

const { check, finish } = checks('visual');

const rel = (path) => relative(root, path);
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;

/** A pool: at most n of the functions given run at once. */
function limit(n) {
  let active = 0;
  const queue = [];
  const next = () => {
    if (active >= n || queue.length === 0) return;
    active++;
    const { fn, ok, fail } = queue.shift();
    fn()
      .then(ok, fail)
      .finally(() => {
        active--;
        next();
      });
  };
  return (fn) =>
    new Promise((ok, fail) => {
      queue.push({ fn, ok, fail });
      next();
    });
}

// ——— Screenshots ———

const SHOT = { type: 'png', animations: 'disabled', caret: 'hide', scale: 'css' };

/** Screenshots until two in a row are byte-identical (the chart sizes itself in an animation frame). */
async function stableScreenshot(page) {
  let last = await page.screenshot(SHOT);
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(100);
    const next = await page.screenshot(SHOT);
    if (next.equals(last)) return { png: next, stable: true };
    last = next;
  }
  return { png: last, stable: false };
}

/** Opens one view at one size and scheme in a fresh context; returns the screenshot and what went wrong on the page. */
async function capture(browser, origin, view, size, scheme) {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: 1,
    colorScheme: scheme,
    reducedMotion: 'reduce',
    forcedColors: 'none',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  try {
    await context.clock.setFixedTime(FIXED_TIME);
    const page = await context.newPage();
    page.setDefaultTimeout(ACTION_TIMEOUT);
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    const response = await page.goto(`${origin}${BASE}${view.query}`, { waitUntil: 'load' });
    assert(response?.ok(), `HTTP ${response?.status()} for ${view.query || '/'}`);
    await page.locator('tl-timeline g.lane').first().waitFor({ state: 'attached' });
    await view.prepare?.(page);
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    const shot = await stableScreenshot(page);
    return { ...shot, errors };
  } finally {
    await context.close();
  }
}

// ——— The machine: Chromium version and the fonts the page is drawn with ———

/** PostScript names of the fonts Chromium used for the text of the page, via DevTools (pierces shadow roots). */
async function fontsInUse(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC' });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}${BASE}?panel=B`, { waitUntil: 'load' });
    await page.locator('tl-timeline g.lane').first().waitFor({ state: 'attached', timeout: ACTION_TIMEOUT });
    await page.evaluate(() => document.fonts.ready);
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const elements = [];
    const walk = (node) => {
      if (node.nodeType === 1) elements.push(node.nodeId);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
    };
    walk(doc);
    const answers = await Promise.all(elements.map((nodeId) => cdp.send('CSS.getPlatformFontsForNode', { nodeId }).catch(() => ({ fonts: [] }))));
    const fonts = new Set(answers.flatMap((a) => a.fonts.filter((f) => f.glyphCount > 0).map((f) => f.postScriptName || f.familyName)));
    return [...fonts].sort();
  } finally {
    await context.close();
  }
}

/** "DejaVuSans (fonts-dejavu-core)": the Debian package of each font file, where fontconfig and dpkg can tell. */
function withPackages(fonts) {
  return fonts
    .map((name) => {
      try {
        const file = execFileSync('fc-list', [`:postscriptname=${name}`, 'file'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0]?.replace(/:\s*$/, '');
        const pkg = file ? execFileSync('dpkg', ['-S', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0] : '';
        return pkg ? `${name} (${pkg})` : name;
      } catch {
        return name;
      }
    })
    .join(', ');
}

function readEnvironment() {
  try {
    return JSON.parse(readFileSync(environmentFile, 'utf8'));
  } catch {
    return null;
  }
}

// ——— Comparison ———

/** Compares a screenshot with its baseline; returns a note, throws on failure after writing actual + diff. */
function compare(name, png, baselineFile, environmentNote) {
  const expected = PNG.sync.read(readFileSync(baselineFile));
  const actual = PNG.sync.read(png);
  const { width, height } = expected;
  const writeActual = () => {
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${name}-actual.png`);
    writeFileSync(file, png);
    return file;
  };
  if (actual.width !== width || actual.height !== height) {
    const file = writeActual();
    throw new Error(`size ${actual.width}x${actual.height}, baseline ${width}x${height}; see ${rel(file)}${environmentNote}`);
  }
  const diff = new PNG({ width, height });
  const count = pixelmatch(expected.data, actual.data, diff.data, width, height, { threshold: THRESHOLD });
  const ratio = count / (width * height);
  const share = `${count} px differ (${(ratio * 100).toFixed(3)} %)`;
  if (ratio > MAX_DIFF_RATIO) {
    const actualFile = writeActual();
    const diffFile = join(outDir, `${name}-diff.png`);
    writeFileSync(diffFile, PNG.sync.write(diff));
    throw new Error(`${share}, more than ${MAX_DIFF_RATIO * 100} %\nsee ${rel(actualFile)} and ${rel(diffFile)} (baseline ${rel(baselineFile)})${environmentNote}`);
  }
  return share;
}

// ——— Main ———

let server = null;
let browser = null;
try {
  assert(existsSync(join(dist, 'index.html')), `${rel(dist)}/index.html is missing: run \`npm run build\` first`);
  const executablePath = findChrome();
  assert(executablePath, 'no Chrome or Chromium found (set CHROME_PATH)');
  server = await startStaticServer({ root: dist, base: BASE });
  const origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(baselines, { recursive: true });

  // Screenshots are taken PARALLEL at a time, each in its own context; the cases are reported in order.
  const cases = VIEWS.flatMap((view) => SIZES.flatMap((size) => SCHEMES.map((scheme) => ({ view, size, scheme, name: `${view.name}-${size.name}-${scheme}` }))));
  const pool = limit(PARALLEL);
  const shots = cases.map((c) => pool(() => capture(browser, origin, c.view, c.size, c.scheme)).then((value) => ({ value }), (error) => ({ error })));
  // Meanwhile: what the page is drawn with, printed first and recorded with the baselines.
  // Only a diagnostic: if the probe fails, the comparisons still decide.
  const fonts = await fontsInUse(browser, origin).catch((error) => [`(unknown: ${error.message.split('\n')[0]})`]);
  const environment = { chromium: browser.version(), fonts };
  console.log(`Chromium ${environment.chromium}; fonts: ${withPackages(environment.fonts)}`);
  const recorded = readEnvironment();
  let environmentNote = '';
  if (recorded && (recorded.chromium !== environment.chromium || recorded.fonts.join() !== environment.fonts.join())) {
    // Compared all the same: Chromium 150 and 156 drew these pages pixel for pixel alike. A failure
    // says which browser made the baselines, so that a change in the browser's drawing is told apart.
    const made = `note: the baselines were made with Chromium ${recorded.chromium} and fonts ${recorded.fonts.join(', ')}`;
    console.log(made);
    environmentNote = `\n${made}; if only the browser changed, look at the diffs, then \`npm run visual:update\` and commit the PNGs`;
  }
  if (UPDATE || (!recorded && !IN_CI)) writeFileSync(environmentFile, `${JSON.stringify(environment, null, 2)}\n`);
  const expectedFiles = new Set(cases.map((c) => `${c.name}.png`));
  for (const [i, { view, size, scheme, name }] of cases.entries()) {
    const baselineFile = join(baselines, `${name}.png`);
    await check(`${view.name} ${size.name} ${scheme}${view.query ? ` (${view.query})` : ''}`, async () => {
      const shot = await shots[i];
      if (shot.error) throw shot.error;
      const { png, stable, errors } = shot.value;
      const notes = [];
      if (!stable) notes.push('the page was still changing after 10 screenshots');
      if (errors.length) notes.push(`console errors: ${errors.slice(0, 3).join(' | ')}`);
      if (UPDATE) {
        writeFileSync(baselineFile, png);
        return [`baseline written: ${rel(baselineFile)} (${kb(png.length)})`, ...notes].join('; ');
      }
      if (!existsSync(baselineFile)) {
        assert(!IN_CI, `no baseline ${rel(baselineFile)}: run \`npm run visual:update\` locally, look at the PNGs and commit them`);
        writeFileSync(baselineFile, png);
        return [`new baseline written, review it: ${rel(baselineFile)}`, ...notes].join('; ');
      }
      return [compare(name, png, baselineFile, environmentNote), ...notes].join('; ');
    });
  }

  const files = readdirSync(baselines).filter((f) => f.endsWith('.png'));
  const stale = files.filter((f) => !expectedFiles.has(f));
  if (stale.length) console.log(`note: baselines no view uses (delete them): ${stale.join(', ')}`);
  const present = files.filter((f) => expectedFiles.has(f));
  const total = present.reduce((n, f) => n + statSync(join(baselines, f)).size, 0);
  console.log(`baselines: ${rel(baselines)}/, ${present.length} of ${expectedFiles.size} PNGs, ${(total / 1024 / 1024).toFixed(2)} MB`);
} catch (error) {
  await check('visual set-up', () => {
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
