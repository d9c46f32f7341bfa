import { select } from 'd3-selection';
import { describe, expect, it } from 'vitest';
import { active, interrupt, transition } from '../../../src/vendor/d3-transition-left-out';

describe('d3-transition, left out of the build (src/vendor/d3-transition-left-out.ts)', () => {
  it('keeps what d3-zoom and d3-brush call when no transition runs: interrupting does nothing', () => {
    const node = { __zoom: 1 };
    expect(interrupt(node as never)).toBeUndefined();
    const selection = select(node as never);
    expect((selection as unknown as { interrupt(): unknown }).interrupt()).toBe(selection);
    expect(active()).toBeNull();
  });

  it('throws when anything starts a transition, so a new use cannot silently lose its animation', () => {
    expect(() => transition()).toThrow(/d3-transition is left out of this build/);
    expect(() => (select({} as never) as unknown as { transition(): unknown }).transition()).toThrow(/left out/);
  });
});
