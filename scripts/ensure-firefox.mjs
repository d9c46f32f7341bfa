// Makes sure a Firefox is there for the built site's Firefox check (see ensure-browser.mjs).
import { ensureBrowser } from './ensure-browser.mjs';
import { findFirefox } from './find-firefox.mjs';

const found = ensureBrowser({ name: 'Firefox', find: findFirefox, aptPackage: 'firefox-esr', envVar: 'FIREFOX_PATH', purpose: 'The Firefox check of the built site (scripts/smoke-firefox.mjs)' });
process.exit(found ? 0 : 1);
