// The built site in Firefox (run after `npm run build`): Debian's firefox-esr, driven over WebDriver
// BiDi by puppeteer-core (Playwright drives only its own patched Firefox, which cannot be
// downloaded here), through the cases of engine-checks.mjs. One line per case; totals go to
// .test-results/firefox.json and a closing "firefox: N passed, N failed". Exit code 1 when any failed.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { generateDataset } from '../bench/generate.mjs';
import { assert, checks } from './checks.mjs';
import { LARGE, runEngineChecks } from './engine-checks.mjs';
import { findFirefox } from './find-firefox.mjs';
import { startStaticServer } from './static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const BASE = '/some/repo/';

const { check, finish } = checks('firefox');

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
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, protocolTimeout: 60_000 });
  console.log(`${await browser.version()} (${executablePath})`);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message ?? error}`));
    const driver = {
      goto: async (url) => void (await page.goto(url)),
      evaluate: (fn) => page.evaluate(fn),
      press: (key) => page.keyboard.press(key),
      async clickZoomIn() {
        // A real click; puppeteer's deep selector reaches into the shadow roots.
        const button = await page.$('tl-app >>> tl-timeline >>> .zoom-buttons button');
        assert(button, 'no zoom button');
        await button.click();
      },
      consoleErrors: () => errors,
    };
    await runEngineChecks({
      engine: 'firefox',
      driver,
      check,
      site: `http://127.0.0.1:${server.address().port}${BASE}`,
      largeCsv: '?src=large/events.csv&clusters-src=large/clusters.csv',
      standalone: pathToFileURL(join(dist, 'deadringer-timeline.html')).href,
    });
  } finally {
    await browser.close();
    server.close();
  }
}

finish();
