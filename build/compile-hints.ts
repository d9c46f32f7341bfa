/**
 * Builds only: marks each entry chunk for V8's eager compilation with the magic comment
 * `//# allFunctionsCalledOnLoad` (explicit compile hints, Chromium 136 and later; other engines read
 * it as a comment). Almost every function in the entry chunk runs for the first chart, and V8
 * otherwise compiles each one on the main thread the first time it is called — that is, while the
 * first chart is being drawn. With the hint it compiles them on a background thread while the
 * script downloads. Lazily loaded chunks (panels, exports, the CSV worker) are left alone: most of
 * their code may never run. So are the single-file and element builds, whose one script holds all
 * of that too (see their configs).
 *
 * The comment only counts as the first line of the file, so it is added once the chunk's code is
 * final, after Vite's own additions at its top.
 */

import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The chunk's code with the hint as its first line (unchanged when it already has it). */
export function withCompileHint(code: string): string {
  return code.startsWith(COMPILE_HINT) ? code : `${COMPILE_HINT}\n${code}`;
}

export function compileHintsPlugin(): Plugin {
  return {
    name: 'compile-hints',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type === 'chunk' && file.isEntry) file.code = withCompileHint(file.code);
        }
      },
    },
  };
}
