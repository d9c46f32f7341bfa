// The only module with Vite's worker import: `?worker&inline` embeds the worker as a blob: URL
// (with a data: fallback), so loading works in the single-file build opened from file:// too.
// Keep it out of modules under test in web-test-runner, whose esbuild does not know this import.
import ParseWorker from './parse.worker.ts?worker&inline';

export function createParseWorker(): Worker {
  return new ParseWorker();
}
