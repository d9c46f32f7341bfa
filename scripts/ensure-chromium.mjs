// Makes sure a Chromium is there for the browser tests. On Debian/Ubuntu as root it installs
// Debian's `chromium`; anywhere else it stops at once with the command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChrome } from './find-chrome.mjs';

const found = findChrome();
if (found) {
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(
    '\nThe browser tests need Chrome or Chromium, and none was found.\n' +
      (hasApt
        ? 'Install it with:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n'
        : 'Install Chromium or Chrome, then run the tests with CHROME_PATH=/path/to/chrome npm test\n') +
      '\n(or point CHROME_PATH at an existing Chrome/Chromium binary)\n',
  );
  process.exit(1);
}

console.log('No Chromium found: installing Debian\'s chromium package (apt-get, about a minute)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
let updated = false;
// `apt-get update` does not wait for the dpkg lock, so retry it while another apt runs.
for (let attempt = 1; attempt <= 10 && !updated; attempt++) {
  try {
    execSync('apt-get update -qq', { stdio: 'inherit', env });
    updated = true;
  } catch {
    if (attempt === 10) break;
    console.log(`apt-get update failed (attempt ${attempt}); retrying in 15 s…`);
    execSync('sleep 15');
  }
}
try {
  execSync('apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium', { stdio: 'inherit', env });
} catch {
  console.error('\nInstalling chromium failed. Run this yourself, then npm test again:\n\n    apt-get update && apt-get install -y chromium\n');
  process.exit(1);
}
if (!findChrome()) {
  console.error('chromium was installed but no binary was found; set CHROME_PATH to it.');
  process.exit(1);
}
