// The standalone build: the whole app, its styles and the bundled DeadRinger data in ONE file,
// dist/deadringer-timeline.html, that works when opened straight from disk (file://).
//
//   vite build -c vite.standalone.config.ts      (run after the hosted `vite build`; see package.json)
//
// It reuses the hosted build's settings from ./vite.config, inlines everything with
// vite-plugin-singlefile into a scratch directory, then writes the one HTML file next to the hosted
// site. dist/index.html and dist/assets are never touched.
//
// CSP: a file:// page has origin null and its script is inline, so the hosted policy's
// script-src 'self' cannot work. The file gets the same policy (contentSecurityPolicy from
// ./vite.config) in a <meta> first in <head>, with script-src and style-src set to the sha256 hashes
// of its inline <script> and <style> elements, computed from the final HTML. Trusted Types
// (require-trusted-types-for 'script') and every other directive stay as in the hosted build. If the
// hashing fails the build fails, and no standalone file is written.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, mergeConfig, type Plugin, type PluginOption, type UserConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { bundledDatasetPlugin } from './build/bundled-dataset-plugin.ts';
import hosted, { contentSecurityPolicy } from './vite.config.ts';

/** Where the single file ends up, relative to the project root, and its scratch build directory. */
const STANDALONE_FILE = 'dist/deadringer-timeline.html';
const SCRATCH_DIR = 'node_modules/.cache/standalone';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The CSP source list for the hashes of some inline elements' text, or 'none' when there are none. */
function hashSources(texts: readonly string[]): string {
  const hashes = [...new Set(texts.map(sha256))];
  return hashes.length ? hashes.join(' ') : "'none'";
}

/**
 * The single file's policy, from its final HTML: the hosted policy with script-src and style-src
 * set to the hashes of every inline <script> and <style> element (hashed over their exact text, which
 * is what the browser hashes: raw-text elements are not entity-decoded).
 */
export function standalonePolicy(html: string): string {
  if (html.includes('\r')) throw new Error('standalone: the HTML has CR characters; the browser would hash different text');
  const scripts: string[] = [];
  for (const [, attrs, text] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(attrs!)) throw new Error(`standalone: an external script is left in the single file: <script${attrs}>`);
    scripts.push(text!);
  }
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map((m) => m[1]!);
  const external = html.match(/<link\b[^>]*\brel\s*=\s*["']?(stylesheet|modulepreload|preload)\b[^>]*>/i);
  if (external) throw new Error(`standalone: the single file still links to another file: ${external[0]}`);
  if (/\sstyle\s*=\s*["']/i.test(html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, ''))) {
    throw new Error('standalone: the HTML has an inline style="" attribute, which the hash-based style-src blocks');
  }
  if (scripts.length === 0) throw new Error('standalone: no inline <script> found; was the app inlined?');
  return contentSecurityPolicy(hashSources(scripts), hashSources(styles));
}

/** Puts the policy first in <head>, where the hosted build has its own policy's <meta>. */
function withPolicy(html: string, policy: string): string {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) throw new Error('standalone: the HTML already has a CSP <meta>');
  if (policy.includes('"') || policy.includes('&')) throw new Error('standalone: the policy cannot go into an attribute as it is');
  const head = /<head\b[^>]*>/i;
  if (!head.test(html)) throw new Error('standalone: no <head> in the HTML');
  return html.replace(head, (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

/** After the build: hash the inline code, set the policy, move the file into dist/, drop the scratch directory. */
function standaloneFile(): Plugin {
  let root = process.cwd();
  let outDir = resolve(root, SCRATCH_DIR);
  return {
    name: 'standalone-file',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      outDir = resolve(root, config.build.outDir);
    },
    closeBundle() {
      const built = resolve(outDir, 'index.html');
      if (!existsSync(built)) return; // the build failed; Vite reports why
      const html = readFileSync(built, 'utf8');
      const target = resolve(root, STANDALONE_FILE);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, withPolicy(html, standalonePolicy(html)));
      rmSync(outDir, { recursive: true, force: true });
      const size = Buffer.byteLength(readFileSync(target));
      this.info?.(`standalone file: ${STANDALONE_FILE} (${(size / 1024).toFixed(1)} kB)`);
    },
  };
}

/**
 * The hosted build's plugins, less its CSP meta (script-src 'self'): this build sets its own policy
 * once the inline code is final (and vite-plugin-singlefile would warn about the hosted one); less
 * the bundled data as a separate JSON file: here the data is inside the script; and less the
 * compile hint: this one script also holds the code the site loads only when needed (exports, the
 * panels, CSV loading), which it would have V8 compile at start-up too, and it was measured only
 * on the site.
 */
const REPLACED_PLUGINS = ['csp-meta', 'bundled-dataset-asset', 'compile-hints'];
const hostedPlugins = ((hosted.plugins ?? []) as PluginOption[])
  .flat(Infinity as 1)
  .filter((p) => !(p && typeof p === 'object' && 'name' in p && REPLACED_PLUGINS.includes(p.name)));

export default defineConfig(
  mergeConfig({ ...hosted, plugins: hostedPlugins } as UserConfig, {
    // Nothing to copy from public/ into a file that must stand alone.
    publicDir: false,
    plugins: [
      bundledDatasetPlugin('inline'),
      viteSingleFile(),
      standaloneFile(),
    ],
    resolve: {
      // The CSV worker inside the file as a blob: URL, not as a file next to it.
      alias: [{ find: /^.*\/io\/create-parse-worker$/, replacement: resolve(import.meta.dirname, 'src/io/create-parse-worker-inline.ts') }],
    },
    build: {
      outDir: SCRATCH_DIR,
      emptyOutDir: true,
      // The hosted build already reports sizes; one file here.
      reportCompressedSize: false,
    },
  } satisfies UserConfig),
);
