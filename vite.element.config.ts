import { defineConfig } from 'vite';
import { minifyCssLiteralsPlugin } from './build/minify-css-literals.ts';

/**
 * The embeddable element as one ES module, dist/cluster-timeline.js, for wiki and CMS pages:
 *   <script type="module" src=".../cluster-timeline.js"></script>
 *   <cluster-timeline clusters="A,B" from="2018" to="2021-Q1"></cluster-timeline>
 * Everything (Lit, d3, PapaParse, the bundled DeadRinger data) is inside the one file; Lit's styles
 * live in the JS, so there is no CSS file. It runs after the site build, into the same dist/:
 *   npx vite build && npx vite build -c vite.element.config.ts
 * No HTML here, so no CSP meta plugin; the host page's own policy applies.
 */
export default defineConfig({
  base: './',
  // As in the site build, Lit's css`…` blocks minified. No compile hint (build/compile-hints.ts): this
  // one file also holds CSV loading and the exports, which most pages that embed it never run.
  plugins: [minifyCssLiteralsPlugin()],
  // The site build already copied public/; this build adds one file and must not empty dist/.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    copyPublicDir: false,
    cssCodeSplit: false,
    lib: {
      entry: 'src/embed/cluster-timeline.ts',
      formats: ['es'],
      fileName: () => 'cluster-timeline.js',
    },
    rolldownOptions: {
      output: {
        // One file: no chunks for dynamic imports.
        codeSplitting: false,
        // Vite keeps whitespace and /*#__PURE__*/ notes in ES libraries for downstream bundlers;
        // this file goes straight into pages, so it is minified in full.
        minify: true,
        comments: { annotation: false },
      },
    },
  },
  define: {
    // Library mode leaves process.env alone; a browser script has none.
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
});
