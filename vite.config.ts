/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { bundledDatasetPlugin } from './build/bundled-dataset-plugin.ts';
import { compileHintsPlugin } from './build/compile-hints.ts';
import { minifyCssLiteralsPlugin } from './build/minify-css-literals.ts';

// Unit tests run in a time zone far from UTC so that any local-time date maths fails loudly.
process.env.TZ = 'America/Los_Angeles';

/**
 * The page's Content-Security-Policy: only its own origin, no plugins, no <base> tricks, and
 * Trusted Types so no string can become script. `lit-html` is Lit's own policy; `default` is ours
 * (src/security/trusted-types.ts), which lets the CSV worker start from its own file on the site (or from a
 * blob: URL in the single-file build).
 * `script-src` is filled in per build: 'self' for the hosted site, hashes for the standalone file.
 */
export function contentSecurityPolicy(scriptSources: string, styleSources = "'self'"): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}`,
    `style-src ${styleSources}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html default',
  ].join('; ');
}

/** Puts the policy into index.html as a <meta> tag, in builds only: Vite's dev server injects inline styles. */
export function cspMetaPlugin(policy: () => string): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy() }, injectTo: 'head-prepend' }],
    },
  };
}

export default defineConfig({
  // Relative base: the build works under any sub-path (GitHub Pages project sites, wikis, file shares).
  base: './',
  // The bundled data as a JSON file the page fetches (build/bundled-dataset-plugin.ts); the single-file
  // build swaps this plugin for its 'inline' form.
  // Lit's css`…` blocks lose their comments and layout whitespace (build/minify-css-literals.ts).
  // The entry chunk is compiled eagerly, off the main thread (build/compile-hints.ts).
  plugins: [cspMetaPlugin(() => contentSecurityPolicy("'self'")), bundledDatasetPlugin('asset'), minifyCssLiteralsPlugin(), compileHintsPlugin()],
  resolve: {
    // Library code the app never runs: d3-scale's tickFormat needs d3-time-format, d3-zoom and
    // d3-brush import d3-transition only to animate, and d3-interpolate imports d3-color to mix
    // colours. See each module's comment.
    alias: {
      'd3-color': fileURLToPath(new URL('./src/vendor/d3-color-left-out.ts', import.meta.url)),
      'd3-time-format': fileURLToPath(new URL('./src/vendor/d3-time-format-left-out.ts', import.meta.url)),
      'd3-transition': fileURLToPath(new URL('./src/vendor/d3-transition-left-out.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Every browser the site supports has <link rel="modulepreload">: no polyfill in the first load.
    modulePreload: { polyfill: false },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // d3's modules go through Vite, so that the aliases above apply to the imports between them
    // as they do in the build: the unit tests run the scales and zoom maths the site runs.
    server: { deps: { inline: [/\/node_modules\/d3-/] } },
  },
});
