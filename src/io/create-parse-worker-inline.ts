// The single-file build's CSV worker: `?worker&inline` embeds the worker as a blob: URL (with a
// data: fallback), so loading works in dist/deadringer-timeline.html opened from file:// too.
// vite.standalone.config.ts puts this module in place of create-parse-worker.ts.
// Keep it out of modules under test in web-test-runner, whose esbuild does not know this import.
import ParseWorker from './parse.worker.ts?worker&inline';

export function createParseWorker(): Worker {
  return new ParseWorker();
}
