import { describe, expect, it } from 'vitest';
import { minifyCssLiterals, minifyCssText } from '../../../build/minify-css-literals';

describe('minifyCssText', () => {
  it('drops comments and layout whitespace, keeping what CSS needs', () => {
    const css = `
      /* a comment */
      :host { display: block; }
      a > b ,  c:hover::after { margin: 0 auto; }
      @media (forced-colors: active) { .x { fill: CanvasText; } }
    `;
    expect(minifyCssText(css)).toBe(' :host{display:block}a > b,c:hover::after{margin:0 auto}@media (forced-colors:active){.x{fill:CanvasText}}');
  });

  it('keeps quoted strings and url(…) exactly', () => {
    expect(minifyCssText(`a::after { content: ' ( a ;  b ) '; background: url(data:x; y , z); }`)).toBe(
      `a::after{content:' ( a ;  b ) ';background:url(data:x; y , z)}`,
    );
    expect(minifyCssText(`q { quotes: "«  " "  »"; }`)).toBe(`q{quotes:"«  " "  »"}`);
  });
});

describe('minifyCssLiterals', () => {
  it('minifies css`…` around interpolations and leaves the interpolations alone', () => {
    const code = 'const s = css`\n  .a { color: ${x}; margin: ${a} ${b}; }\n  ${tokens}\n`;';
    expect(minifyCssLiterals(code)).toBe('const s = css`.a{color:${x};margin:${a} ${b}}${tokens}`;');
  });

  it('leaves html`…`, other tags, escapes and unreadable blocks as they are', () => {
    for (const code of [
      'const t = html`<p> a  b </p>`;',
      'const u = unsafeCSS(`a  { b: c }`);',
      'const v = mycss`a  { b: c }`;',
      'const w = css`a::before { content: "\\2014"  }`;',
      'const x = css`a { b: ${`c`} }`;',
      'const y = css`a  { b: c }',
    ]) {
      expect(minifyCssLiterals(code)).toBe(code);
    }
  });

  it('handles several blocks in one file', () => {
    expect(minifyCssLiterals('a = css` x { y: z; } `; b = html` k  `; c = css` p  q { r: s; } `;')).toBe(
      'a = css`x{y:z}`; b = html` k  `; c = css`p q{r:s}`;',
    );
  });
});
