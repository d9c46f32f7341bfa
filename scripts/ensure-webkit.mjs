// Makes sure WebKitGTK's WebDriver, MiniBrowser and a virtual display are there for the built
// site's WebKit check (see ensure-browser.mjs).
import { ensureBrowser } from './ensure-browser.mjs';
import { findWebKit } from './find-webkit.mjs';

const found = ensureBrowser({
  name: 'WebKitGTK (WebKitWebDriver, MiniBrowser and xvfb-run)',
  find: () => findWebKit()?.driver ?? null,
  aptPackage: 'webkit2gtk-driver xvfb xauth',
  envVar: 'WEBKIT_BROWSER_PATH',
  purpose: 'The WebKit check of the built site (scripts/smoke-webkit.mjs)',
});
process.exit(found ? 0 : 1);
