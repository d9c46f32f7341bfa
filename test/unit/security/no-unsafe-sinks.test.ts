import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// Ways a string becomes markup or code. The app renders every data value through Lit bindings as text.
const SINKS: [string, RegExp][] = [
  ['innerHTML', /\.innerHTML\b/],
  ['outerHTML assignment', /\.outerHTML\s*=/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['unsafeHTML', /unsafeHTML|unsafeSVG/],
  ['eval', /\beval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ['document.write', /document\.write/],
  ['string timers', /set(Timeout|Interval)\(\s*['"`]/],
];

describe('no unsafe sinks in src/', () => {
  const files = sourceFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const [name, pattern] of SINKS) {
    it(`uses no ${name}`, () => {
      const hits = files.filter((file) => pattern.test(readFileSync(file, 'utf8'))).map((file) => file.slice(SRC.length));
      expect(hits).toEqual([]);
    });
  }
});
