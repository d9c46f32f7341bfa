// `npm test`: type check, unit tests (Vitest), browser tests (@web/test-runner in Chromium), then the
// built site (npm run build + scripts/smoke-built.mjs: sub-path hosting and the standalone file;
// then scripts/visual-check.mjs: screenshots compared with test/visual/baselines/), then the built
// site in Firefox and in WebKit (scripts/smoke-firefox.mjs, scripts/smoke-webkit.mjs).
// Runs every stage even when one fails, then prints one closing line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const results = '.test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(title, command, args) {
  console.log(`\n── ${title} ──`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', shell: false });
  return status === 0;
}

const bin = (name) => `node_modules/.bin/${name}`;
const stages = [];

const chromeOk = run('Chromium', 'node', ['scripts/ensure-chromium.mjs']);
const typesOk = run('Type check (tsc)', bin('tsc'), ['--noEmit']);
stages.push({ name: 'typecheck', passed: typesOk ? 1 : 0, failed: typesOk ? 0 : 1 });

const unitOk = run('Unit tests (Vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}/unit.json`,
]);
if (existsSync(`${results}/unit.json`)) {
  const unit = JSON.parse(readFileSync(`${results}/unit.json`, 'utf8'));
  stages.push({ name: 'unit', passed: unit.numPassedTests, failed: unit.numFailedTests + (unitOk || unit.numFailedTests ? 0 : 1) });
} else stages.push({ name: 'unit', passed: 0, failed: 1 });

if (chromeOk) {
  const browserOk = run('Browser tests (@web/test-runner, Chromium)', bin('web-test-runner'), []);
  if (existsSync(`${results}/browser.json`)) {
    const browser = JSON.parse(readFileSync(`${results}/browser.json`, 'utf8'));
    stages.push({ name: 'browser', passed: browser.passed, failed: browser.failed + (browserOk || browser.failed ? 0 : 1) });
  } else stages.push({ name: 'browser', passed: 0, failed: 1 });
} else stages.push({ name: 'browser', passed: 0, failed: 1 });

// The built site as a reader gets it: `npm run build`, then scripts/smoke-built.mjs drives the hosted
// build under a sub-path and the standalone file from file://. dist/ is removed first so that the
// smoke test never passes on an older build; a failed build counts as one failure.
if (chromeOk) {
  rmSync('dist', { recursive: true, force: true });
  const buildOk = run('Built site (standalone file, sub-path hosting): npm run build', 'npm', ['run', 'build']);
  const smokeOk = run('Built site (standalone file, sub-path hosting): smoke test', 'node', ['scripts/smoke-built.mjs']);
  const built = { name: 'built site', passed: 0, failed: buildOk ? 0 : 1 };
  if (existsSync(`${results}/smoke.json`)) {
    const smoke = JSON.parse(readFileSync(`${results}/smoke.json`, 'utf8'));
    built.passed += smoke.passed;
    built.failed += smoke.failed + (smokeOk || smoke.failed ? 0 : 1);
  } else built.failed += 1;
  // Then scripts/visual-check.mjs: screenshots of the main views against test/visual/baselines/.
  const visualOk = run('Built site: visual check (screenshots against test/visual/baselines)', 'node', ['scripts/visual-check.mjs']);
  if (existsSync(`${results}/visual.json`)) {
    const visual = JSON.parse(readFileSync(`${results}/visual.json`, 'utf8'));
    built.passed += visual.passed;
    built.failed += visual.failed + (visualOk || visual.failed ? 0 : 1);
  } else built.failed += 1;
  stages.push(built);
} else stages.push({ name: 'built site', passed: 0, failed: 1 });

// The same build in the other engines: Firefox (Debian's firefox-esr) and WebKit (WebKitGTK), each
// installed like Chromium when missing.
for (const engine of [
  { name: 'firefox', title: 'Firefox', ensure: 'scripts/ensure-firefox.mjs', smoke: 'scripts/smoke-firefox.mjs' },
  { name: 'webkit', title: 'WebKit (WebKitGTK)', ensure: 'scripts/ensure-webkit.mjs', smoke: 'scripts/smoke-webkit.mjs' },
]) {
  const ready = existsSync('dist/index.html') && run(engine.title, 'node', [engine.ensure]);
  if (!ready) {
    stages.push({ name: engine.name, passed: 0, failed: 1 });
    continue;
  }
  const smokeOk = run(`Built site in ${engine.title}: smoke test`, 'node', [engine.smoke]);
  if (existsSync(`${results}/${engine.name}.json`)) {
    const totals = JSON.parse(readFileSync(`${results}/${engine.name}.json`, 'utf8'));
    stages.push({ name: engine.name, passed: totals.passed, failed: totals.failed + (smokeOk || totals.failed ? 0 : 1) });
  } else stages.push({ name: engine.name, passed: 0, failed: 1 });
}

const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
console.log(`\n${stages.map((s) => `${s.name}: ${s.passed} passed, ${s.failed} failed`).join('\n')}`);
const line = `${passed} passed, ${failed} failed`;
writeFileSync(`${results}/summary.txt`, `${line}\n`);
console.log(line);
process.exit(failed === 0 ? 0 : 1);
