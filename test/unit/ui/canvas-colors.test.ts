import { describe, expect, it } from 'vitest';
import { LIGHT_CANVAS_THEME } from '../../../src/ui/theme/canvas-colors';
import { tokens } from '../../../src/ui/theme/tokens.styles';

/** The value of a custom property in the first rule for :host (the light defaults), as written. */
function lightToken(name: string): string | undefined {
  const defaults = /:host\s*\{([^}]*)\}/.exec(tokens.cssText)?.[1] ?? '';
  return new RegExp(`${name}:\\s*([^;]+);`).exec(defaults)?.[1]?.trim();
}

describe('the canvas colours printed on paper', () => {
  it('are the light theme tokens', () => {
    expect({
      background: lightToken('--tl-bg'),
      text: lightToken('--tl-text'),
      muted: lightToken('--tl-muted'),
      outline: lightToken('--tl-mark-outline'),
      context: lightToken('--tl-context'),
    }).toEqual(LIGHT_CANVAS_THEME);
  });

  it('the dark tokens are for screens only, so paper is printed light', () => {
    expect(tokens.cssText).toMatch(/@media screen and \(prefers-color-scheme: dark\)/);
    expect(tokens.cssText).not.toMatch(/@media \(prefers-color-scheme: dark\)/);
  });
});
