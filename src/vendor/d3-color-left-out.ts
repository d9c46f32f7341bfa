/**
 * Stands in for d3-color in the site's builds (see the alias in vite.config.ts). d3-interpolate
 * imports it for its colour interpolators, and its generic `interpolate` (which d3-scale uses for a
 * scale's range) asks `color()` whether a string is a colour. This app's scales map time to pixel
 * numbers only, and its colours come from CSS as they are, so no colour is ever parsed or mixed.
 * Leaving the library out takes about 4 KB gzipped off the page's first load.
 *
 * `color` says that no string is a colour (a string range would be interpolated as a string of
 * numbers) and no value is an instance of it. Making a colour throws, so any new use fails loudly
 * in the tests instead of mixing colours wrongly. To use colours, remove the alias.
 */
const LEFT_OUT = 'd3-color is left out of this build; see src/vendor/d3-color-left-out.ts';

function leftOut(): never {
  throw new Error(LEFT_OUT);
}

/** No string is read as a colour. A plain function, so `value instanceof color` is false for any value. */
export function color(_specifier: string): null {
  return null;
}

export const rgb = leftOut;
export const hsl = leftOut;
export const lab = leftOut;
export const hcl = leftOut;
export const cubehelix = leftOut;
