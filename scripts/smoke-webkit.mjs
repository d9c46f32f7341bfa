// The built site in WebKit (run after `npm run build`): Debian's WebKitGTK MiniBrowser, driven by its
// WebKitWebDriver over W3C WebDriver on a virtual display (xvfb-run), through the cases of
// engine-checks.mjs. WebKitGTK is not Safari, but it is the same engine (WebCore, JavaScriptCore),
// and like Safari it has no requestIdleCallback. WebDriver is spoken directly: five of its commands
// are all the check needs. One line per case; totals go to .test-results/webkit.json and a closing
// "webkit: N passed, N failed". Exit code 1 when any failed.
import { spawn } from 'node:child_process';
import { assert, checks } from './checks.mjs';
import { checkEngine } from './engine-checks.mjs';
import { findWebKit } from './find-webkit.mjs';

/** W3C WebDriver's key for an element reference, and the code points of the keys used. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const KEYS = { ArrowRight: '\uE014', Enter: '\uE007' };

const { check, finish } = checks('webkit');

/** A WebDriver session with WebKitWebDriver at `origin`. */
async function webDriverSession(origin, browser) {
  const command = async (method, path, body) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error ?? response.status} ${value?.message ?? ''}`);
    return value;
  };
  const { sessionId, capabilities } = await command('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] } } },
  });
  const at = `/session/${sessionId}`;
  await command('POST', `${at}/window/rect`, { width: 1280, height: 800 });
  // The function's source, called in the page; a promise it returns is waited for.
  const execute = (fn) => command('POST', `${at}/execute/sync`, { script: `return (${fn.toString()})();`, args: [] });
  return {
    version: `${capabilities.browserName} ${capabilities.browserVersion}`,
    driver: {
      goto: async (url) => void (await command('POST', `${at}/url`, { url })),
      evaluate: execute,
      press: (key) =>
        command('POST', `${at}/actions`, {
          actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: KEYS[key] }, { type: 'keyUp', value: KEYS[key] }] }],
        }),
      async clickZoomIn() {
        const button = await execute(() => document.querySelector('tl-app').shadowRoot.querySelector('tl-timeline').shadowRoot.querySelector('.zoom-buttons button'));
        assert(button?.[ELEMENT], 'no zoom button');
        await command('POST', `${at}/element/${button[ELEMENT]}/click`, {});
      },
      async chooseFiles(paths) {
        const input = await execute(() => document.querySelector('tl-app').shadowRoot.querySelector('tl-data-source').shadowRoot.querySelector('input[type=file]'));
        assert(input?.[ELEMENT], 'no file input');
        // WebDriver sets a file input's files from their paths, one per line.
        await command('POST', `${at}/element/${input[ELEMENT]}/value`, { text: paths.join('\n') });
      },
      // WebDriver classic has no console for WebKitGTK.
      consoleErrors: null,
    },
    close: () => command('DELETE', at),
  };
}

async function waitForDriver(origin, deadline = Date.now() + 20_000) {
  for (;;) {
    try {
      const response = await fetch(`${origin}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer at ${origin}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const webkit = findWebKit();

await checkEngine({
  engine: 'webkit',
  check,
  found: webkit !== null,
  missing: 'no WebKitGTK found (scripts/ensure-webkit.mjs installs one)',
  async start() {
    const port = 4400 + Math.floor(Math.random() * 1000);
    // Its own process group, so that the display server, the driver and the browser all stop together.
    const display = spawn(webkit.xvfbRun, ['-a', '-s', '-screen 0 1280x1024x24', webkit.driver, `--port=${port}`], { stdio: 'ignore', detached: true });
    const stop = async () => {
      const exited = new Promise((resolve) => display.once('exit', resolve));
      try {
        process.kill(-display.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    };
    try {
      const origin = `http://127.0.0.1:${port}`;
      await waitForDriver(origin);
      const session = await webDriverSession(origin, webkit.browser);
      return {
        version: `${session.version} (${webkit.browser})`,
        driver: session.driver,
        close: async () => {
          await session.close().catch(() => {});
          await stop();
        },
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
});

finish();
