/**
 * Builds only: takes the comments and the layout whitespace out of Lit's css`…` blocks in our own
 * source (src/), which the JS minifier leaves as written. Nothing else is changed: html`…`
 * templates (where whitespace can be text), quoted strings and url(…) inside the CSS (content: ' – ') and
 * `${…}` interpolations are kept exactly, and a block the scanner is not sure about (a backslash, a
 * backtick inside an interpolation, no end) is left as it is.
 */

import type { Plugin } from 'vite';

/** Where a css`…` literal starts: the tag, not part of a longer name (`unsafeCSS`, `mycss`). */
const CSS_TAG = /(?<![\w$.])css`/g;
/** Quoted strings and url(…) in CSS text, kept as written. */
const CSS_STRING = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\burl\([^)]*\))/;

/** The CSS between two interpolations, with comments dropped and whitespace cut to what CSS needs. */
export function minifyCssText(text: string): string {
  return text
    .split(CSS_STRING)
    .map((part, index) => {
      if (index % 2 === 1) return part; // a quoted string or url(…)
      return part
        .replace(/\/\*[\s\S]*?\*\//g, ' ')
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};,]) ?/g, '$1')
        // A space after a colon is never needed (in a selector one would be invalid), nor a last semicolon.
        .replace(/: /g, ':')
        .replace(/;}/g, '}');
    })
    .join('');
}

/** Finds the end of a `${…}` interpolation starting at `open` (the `{`); -1 if it holds a template or never closes. */
function interpolationEnd(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '`') return -1;
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The source with every css`…` block's static text minified; blocks it cannot read safely stay as they are. */
export function minifyCssLiterals(code: string): string {
  let out = '';
  let copied = 0;
  for (const match of code.matchAll(CSS_TAG)) {
    const start = match.index + match[0].length;
    if (start < copied) continue;
    const pieces: { from: number; to: number }[] = [];
    let pieceStart = start;
    let end = -1;
    for (let i = start; i < code.length; i++) {
      const c = code[i];
      if (c === '\\') break; // escapes: left alone
      if (c === '`') {
        pieces.push({ from: pieceStart, to: i });
        end = i;
        break;
      }
      if (c === '$' && code[i + 1] === '{') {
        const close = interpolationEnd(code, i + 1);
        if (close < 0) break;
        pieces.push({ from: pieceStart, to: i });
        i = close;
        pieceStart = close + 1;
      }
    }
    if (end < 0) continue;
    pieces.forEach(({ from, to }, index) => {
      let text = minifyCssText(code.slice(from, to));
      // The block's own ends can lose their space; one next to an interpolation may separate values.
      if (index === 0) text = text.trimStart();
      if (index === pieces.length - 1) text = text.trimEnd();
      out += code.slice(copied, from) + text;
      copied = to;
    });
  }
  return copied === 0 ? code : out + code.slice(copied);
}

/** The Vite plugin: production builds, TypeScript under src/ only. */
export function minifyCssLiteralsPlugin(): Plugin {
  return {
    name: 'minify-css-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id.replace(/\?.*$/, '')) || !code.includes('css`')) return null;
      const minified = minifyCssLiterals(code);
      return minified === code ? null : { code: minified, map: null };
    },
  };
}
