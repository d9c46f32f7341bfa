// The built site in Firefox (run after `npm run build`): Debian's firefox-esr, driven over WebDriver
// BiDi by puppeteer-core (Playwright drives only its own patched Firefox, which cannot be
// downloaded here), through the cases of engine-checks.mjs. One line per case; totals go to
// .test-results/firefox.json and a closing "firefox: N passed, N failed". Exit code 1 when any failed.
import puppeteer from 'puppeteer-core';
import { assert, checks } from './checks.mjs';
import { checkEngine } from './engine-checks.mjs';
import { findFirefox } from './find-firefox.mjs';

const { check, finish } = checks('firefox');
const executablePath = findFirefox();

await checkEngine({
  engine: 'firefox',
  check,
  found: executablePath !== null,
  missing: 'no Firefox found (scripts/ensure-firefox.mjs installs one)',
  async start() {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true, protocolTimeout: 60_000 });
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message ?? error}`));
    return {
      version: `${await browser.version()} (${executablePath})`,
      driver: {
        goto: async (url) => void (await page.goto(url)),
        evaluate: (fn) => page.evaluate(fn),
        press: (key) => page.keyboard.press(key),
        async clickZoomIn() {
          // A real click; puppeteer's deep selector reaches into the shadow roots.
          const button = await page.$('tl-app >>> tl-timeline >>> .zoom-buttons button');
          assert(button, 'no zoom button');
          await button.click();
        },
        async chooseFiles(paths) {
          const input = await page.$('tl-app >>> tl-data-source >>> input[type=file]');
          assert(input, 'no file input');
          await input.uploadFile(...paths);
        },
        consoleErrors: () => errors,
      },
      close: () => browser.close(),
    };
  },
});

finish();
