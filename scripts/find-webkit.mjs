import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

function onPath(name) {
  try {
    return execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** WebKitGTK's MiniBrowser: $WEBKIT_BROWSER_PATH, or where Debian's libwebkit2gtk puts it. */
function findMiniBrowser() {
  if (process.env.WEBKIT_BROWSER_PATH && existsSync(process.env.WEBKIT_BROWSER_PATH)) return process.env.WEBKIT_BROWSER_PATH;
  for (const top of ['/usr/lib', '/usr/libexec']) {
    const dirs = [top, ...(existsSync(top) ? readdirSync(top).map((name) => join(top, name)) : [])];
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      let names;
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names.filter((n) => n.startsWith('webkit2gtk-')).sort().reverse()) {
        const browser = join(dir, name, 'MiniBrowser');
        if (existsSync(browser)) return browser;
      }
    }
  }
  return null;
}

/**
 * What the WebKit check needs: WebKitGTK's WebDriver, its MiniBrowser and xvfb-run with the xauth it
 * calls (WebKitGTK draws through a display server, and a test machine has none); null when any is missing.
 */
export function findWebKit() {
  const driver = onPath('WebKitWebDriver');
  const browser = findMiniBrowser();
  const xvfbRun = onPath('xvfb-run');
  return driver && browser && xvfbRun && onPath('xauth') ? { driver, browser, xvfbRun } : null;
}
