import { mkdirSync, writeFileSync } from 'node:fs';

/** Writes how many browser tests passed and failed to .test-results/browser.json, for scripts/test.mjs. */
export function countReporter(outFile = '.test-results/browser.json') {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load has no test results but must not count as green.
        if (!session.passed && (!session.testResults || session.errors?.length)) failed += session.errors?.length || 1;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(outFile, JSON.stringify({ passed, failed, skipped }));
    },
  };
}
