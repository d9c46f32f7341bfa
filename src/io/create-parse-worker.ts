// The hosted site's CSV worker: a separate file (assets/parse.worker-*.js), requested only when a
// CSV is loaded, so the first load of the page does not carry it. It is on the page's own origin,
// which the CSP's worker-src 'self' and the Trusted Types policy (src/security/trusted-types.ts) allow.
// The single-file build swaps this module for create-parse-worker-inline.ts (vite.standalone.config.ts).
// Keep it out of modules under test in web-test-runner, whose esbuild does not know this import.
import ParseWorker from './parse.worker.ts?worker';

export function createParseWorker(): Worker {
  return new ParseWorker();
}
