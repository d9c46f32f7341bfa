/**
 * Stands in for d3-time-format in the site's builds (see the alias in vite.config.ts). d3-scale's
 * scaleUtc imports it only for `scale.tickFormat()`, which this app never calls: the axis labels
 * come from src/chart/ticks.ts and dates are written by src/model/dates.ts. Leaving the library
 * out takes its locale tables (about 3.5 KB gzipped) off the page's first load.
 *
 * scaleUtc still makes its formatters when a scale is created, so these factories must work; a
 * formatter that is actually called throws, so any new use fails loudly in the tests instead of
 * printing wrong dates. To use d3's formats, remove the alias.
 */
type Formatter = (date: Date) => string;

function leftOut(specifier: string): Formatter {
  return () => {
    throw new Error(`d3-time-format is left out of this build (format "${specifier}"); see src/vendor/d3-time-format-left-out.ts`);
  };
}

export const timeFormat = leftOut;
export const utcFormat = leftOut;
