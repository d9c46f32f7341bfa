import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { findChrome } from './scripts/find-chrome.mjs';
import { countReporter } from './scripts/wtr-count-reporter.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Serves Vite's `?raw` imports (the bundled CSVs) as string modules, as Vite does in the app. */
const rawImports = {
  name: 'raw-imports',
  async serve(context) {
    if (!context.URL.searchParams.has('raw')) return undefined;
    const text = await readFile(`${root}${decodeURIComponent(context.path)}`, 'utf8');
    return { body: `export default ${JSON.stringify(text)};`, type: 'js' };
  },
};

/**
 * PapaParse ships as UMD only. Vite converts it for the app; here a wrapper gives the browser
 * the same default export.
 */
const papaparseAsModule = {
  name: 'papaparse-esm',
  transform(context) {
    if (!context.path.endsWith('/papaparse/papaparse.js')) return undefined;
    return {
      body: `const module = { exports: {} }; const exports = module.exports;\n${context.body}\nexport default module.exports;`,
    };
  },
};

/** axe-core ships as UMD only; the same wrapper gives the accessibility tests its default export. */
const axeAsModule = {
  name: 'axe-core-esm',
  transform(context) {
    if (!context.path.endsWith('/axe-core/axe.js')) return undefined;
    return {
      body: `const module = { exports: {} }; const exports = module.exports;\n${context.body}\nexport default module.exports;`,
    };
  },
};

/**
 * `executeServerCommand('emulate-media-features', { features: [{ name: 'forced-colors', value: 'active' }] })`.
 * The built-in emulateMedia drops `forcedColors` under the Chrome (puppeteer) launcher, and puppeteer's own
 * emulateMediaFeatures refuses `forced-colors`; the DevTools protocol has it. The CDP session is kept per page:
 * its overrides last as long as it stays attached.
 */
const mediaFeatureSessions = new WeakMap();
const emulateMediaFeatures = {
  name: 'emulate-media-features-command',
  async executeCommand({ command, payload, session }) {
    if (command !== 'emulate-media-features') return undefined;
    if (session.browser.type !== 'puppeteer') throw new Error(`emulate-media-features needs the Chrome launcher, not ${session.browser.type}`);
    const page = session.browser.getPage(session.id);
    let client = mediaFeatureSessions.get(page);
    if (!client) {
      client = await page.createCDPSession();
      mediaFeatureSessions.set(page, client);
    }
    await client.send('Emulation.setEmulatedMedia', { features: payload?.features ?? [] });
    return true;
  },
};

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  reporters: [defaultReporter(), countReporter()],
  rootDir: root,
  testFramework: { config: { timeout: 10000 } },
  plugins: [rawImports, papaparseAsModule, axeAsModule, emulateMediaFeatures, esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChrome() ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
