// Named cases for the scripts that check the built site (smoke-built, visual-check, smoke-firefox):
// one line per case, then the totals in .test-results/<name>.json for scripts/test.mjs and a
// closing "<name>: N passed, N failed".
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** A run of cases named `name`: `check` runs one, `finish` writes the totals and exits (1 when any failed). */
export function checks(name) {
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  return {
    /** Runs one case: ✓ (with its note, if it returns a string) when it returns, ✗ with the reason when it throws. */
    async check(title, fn) {
      try {
        const note = await fn();
        passed++;
        console.log(`✓ ${title}${typeof note === 'string' && note ? ` — ${note}` : ''}`);
      } catch (error) {
        failed++;
        const reason = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join('\n    ');
        console.log(`✗ ${title}\n    ${reason}`);
      }
    },
    finish() {
      mkdirSync(join(root, '.test-results'), { recursive: true });
      writeFileSync(join(root, '.test-results', `${name}.json`), `${JSON.stringify({ passed, failed })}\n`);
      console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
      console.log(`${name}: ${passed} passed, ${failed} failed`);
      process.exit(failed === 0 ? 0 : 1);
    },
  };
}
