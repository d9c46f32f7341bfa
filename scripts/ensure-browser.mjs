// Makes sure a browser the tests need is there. On Debian/Ubuntu as root it installs Debian's
// package for it; anywhere else it stops at once with the command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * @param {{ name: string, find: () => string | null, aptPackage: string, envVar: string, purpose: string }} browser
 *   name: as people call it ("Chromium"); find: where it is, or null; aptPackage: Debian's package;
 *   envVar: the variable that points at a binary; purpose: which tests need it.
 * @returns {string | null} the binary, or null (the reason is printed).
 */
export function ensureBrowser({ name, find, aptPackage, envVar, purpose }) {
  const found = find();
  if (found) return found;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error(
      `\n${purpose} need ${name}, and none was found.\n` +
        (hasApt
          ? `Install it with:\n\n    sudo apt-get update && sudo apt-get install -y ${aptPackage}\n`
          : `Install ${name}, then run the tests with ${envVar}=/path/to/it npm test\n`) +
        `\n(or point ${envVar} at an existing ${name} binary)\n`,
    );
    return null;
  }

  console.log(`No ${name} found: installing Debian's ${aptPackage} package (apt-get, about a minute)…`);
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
    execSync(`apt-get -o DPkg::Lock::Timeout=600 install -y -qq ${aptPackage}`, { stdio: 'inherit', env });
  } catch {
    console.error(`\nInstalling ${aptPackage} failed. Run this yourself, then npm test again:\n\n    apt-get update && apt-get install -y ${aptPackage}\n`);
    return null;
  }
  const installed = find();
  if (!installed) console.error(`${aptPackage} was installed but no binary was found; set ${envVar} to it.`);
  return installed;
}
