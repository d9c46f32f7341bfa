// Makes sure a Chromium is there for the browser tests (see ensure-browser.mjs).
import { ensureBrowser } from './ensure-browser.mjs';
import { findChrome } from './find-chrome.mjs';

const found = ensureBrowser({ name: 'Chromium', find: findChrome, aptPackage: 'chromium', envVar: 'CHROME_PATH', purpose: 'The browser tests' });
process.exit(found ? 0 : 1);
