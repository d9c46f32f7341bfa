import { scaleUtc } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { maxZoomFactor, MIN_VIEW_SPAN, transformForView, viewContaining, zoomExtent } from '../../../src/chart/view';

const utc = (y: number, m = 0) => Date.UTC(y, m, 1);

describe('view maths', () => {
  it('clamps zoom to the data and the initial view, with a margin', () => {
    const [from, to] = zoomExtent([utc(2010), utc(2021, 7)], [utc(2012), utc(2021, 3)]);
    expect(from).toBeLessThan(utc(2010));
    expect(to).toBeGreaterThan(utc(2021, 7));
    expect(to - from).toBeLessThan((utc(2021, 7) - utc(2010)) * 1.1);
  });

  it('stops zooming at about a month across the view', () => {
    const extent = [utc(2010), utc(2022)] as const;
    expect((extent[1] - extent[0]) / maxZoomFactor(extent)).toBe(MIN_VIEW_SPAN);
  });

  it('computes the transform that shows a given window', () => {
    const base = scaleUtc().domain([utc(2010), utc(2022)]).range([0, 1200]);
    const t = transformForView(base, [utc(2012), utc(2021, 3)]);
    const shown = t.rescaleX(base).domain().map((d) => d.getTime());
    expect(shown[0]).toBeCloseTo(utc(2012), -3);
    expect(shown[1]).toBeCloseTo(utc(2021, 3), -3);
  });

  it('moves a window as little as needed to bring a time into it', () => {
    const view = [utc(2015), utc(2016)] as const;
    expect(viewContaining(view, utc(2015, 6), 0)).toEqual(view);
    const moved = viewContaining(view, utc(2017), 0);
    expect(moved[1]).toBe(utc(2017));
    expect(moved[1] - moved[0]).toBe(view[1] - view[0]);
  });
});
