import { scaleUtc } from 'd3-scale';
import { interpolate } from 'd3-interpolate';
import { describe, expect, it } from 'vitest';
import { color, rgb } from '../../../src/vendor/d3-color-left-out';

describe('d3-color, left out of the build (src/vendor/d3-color-left-out.ts)', () => {
  it('keeps the time scales working: time to pixels and back, through d3-interpolate', () => {
    // The tests resolve d3-color to the stand-in as the build does (vite.config.ts).
    const x = scaleUtc().domain([Date.UTC(2012, 0, 1), Date.UTC(2022, 0, 1)]).range([0, 1000]);
    expect(x(new Date(Date.UTC(2017, 0, 1)))).toBeCloseTo((1827 / 3653) * 1000, 6);
    expect(x.invert(0).getTime()).toBe(Date.UTC(2012, 0, 1));
    expect(interpolate(0, 10)(0.25)).toBe(2.5);
  });

  it('reads no string as a colour, and throws when anything makes one', () => {
    expect(color('steelblue')).toBeNull();
    expect(interpolate('10px', '20px')(0.5)).toBe('15px');
    // With d3-color, this would mix the two colours to 'rgb(128, 0, 128)'.
    expect(interpolate('red', 'blue')(0.5)).toBe('blue');
    expect(() => rgb()).toThrow(/d3-color is left out of this build/);
  });
});
