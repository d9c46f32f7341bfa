// Opens a page in headless Chromium and saves screenshots at desktop and phone sizes.
// Usage: node scripts/screenshot.mjs [url] [outDir]   (default: the dev server at http://localhost:5173/)
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChrome } from './find-chrome.mjs';

const url = process.argv[2] ?? 'http://localhost:5173/';
const outDir = process.argv[3] ?? 'screenshots/tmp';
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: findChrome() ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];
let failures = 0;
for (const scheme of ['light', 'dark']) {
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, colorScheme: scheme });
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('svg.plot g.mark', { state: 'attached' });
    await page.waitForTimeout(300);
    const file = `${outDir}/${size.name}-${scheme}.png`;
    await page.screenshot({ path: file, fullPage: process.argv.includes('--full') });
    console.log(`${file}${errors.length ? `  console errors: ${errors.join(' | ')}` : ''}`);
    failures += errors.length;
    await page.close();
  }
}
await browser.close();
process.exit(failures ? 1 : 0);
