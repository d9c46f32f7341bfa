/**
 * How a tall chart is printed: in slices of whole lanes, each printed across the page with the time
 * axis under it, rather than as one picture shrunk until it fits one page (a chart of thousands of
 * events, eight lanes of eighteen rows, came out as a strip a few centimetres wide).
 *
 * The print styles set an A4 landscape page with 8 mm margins: 281 × 194 mm to print on. A slice is
 * printed as wide as the page, or narrower to fit a page's height, but never smaller than 85 % of its
 * size on screen (96 chart units to the inch), so slices take as many lanes as that allows.
 */

/** A slice: the stretch [y, y + height) of the chart above its axis, in chart units. */
export interface PrintSlice {
  readonly y: number;
  readonly height: number;
}

export interface PrintLimits {
  /** The width printed on (mm). */
  readonly pageWidthMm: number;
  /** The chart as one picture may be this tall (the print styles' limit, mm)… */
  readonly singleMm: number;
  /** …and is printed so only while that shrinks it to no less than 1 / shrink of the page's width. */
  readonly shrink: number;
  /** The first slice, with its axis, shares the first page with the title (mm). */
  readonly firstMm: number;
  /** Every later slice, with its axis, fits a page (mm). */
  readonly restMm: number;
  /** The smallest a slice is printed, in mm per chart unit. */
  readonly minMmPerUnit: number;
}

export const PRINT_LIMITS: PrintLimits = { pageWidthMm: 281, singleMm: 135, shrink: 1.6, firstMm: 150, restMm: 186, minMmPerUnit: (0.85 * 25.4) / 96 };

/**
 * How tall a slice may be (with its axis, in chart units) for a chart `width` units wide: the page
 * height it may take, at the smallest scale it may be printed at (that of the page's width, for a
 * chart so wide that it is printed smaller than the limit even as wide as the page).
 */
export function sliceLimit(width: number, first: boolean, limits: PrintLimits = PRINT_LIMITS): number {
  return (first ? limits.firstMm : limits.restMm) / Math.min(limits.minMmPerUnit, limits.pageWidthMm / width);
}

/**
 * The slices to print a chart in, or none when it prints well as one picture. `lanes` are the lanes'
 * tops and heights below `lanesTop` (the overlap labels' rows above the lanes, which go with the
 * first slice); `axisHeight` is printed under every slice. A slice holds as many whole lanes as fit
 * its limit (sliceLimit) with the axis; a lane taller than that is a slice of its own.
 */
export function printSlices(
  lanes: readonly { readonly top: number; readonly height: number }[],
  lanesTop: number,
  axisHeight: number,
  width: number,
  limits: PrintLimits = PRINT_LIMITS,
): PrintSlice[] {
  if (lanes.length === 0 || width <= 0) return [];
  const last = lanes[lanes.length - 1]!;
  if (lanesTop + last.top + last.height + axisHeight <= (limits.singleMm / limits.pageWidthMm) * limits.shrink * width) return [];
  const slices: PrintSlice[] = [];
  // The first slice starts at the top, with the overlap labels' rows.
  let from = 0;
  let to = 0;
  let lanesInSlice = 0;
  for (const lane of lanes) {
    const laneEnd = lanesTop + lane.top + lane.height;
    const limit = sliceLimit(width, slices.length === 0, limits);
    if (lanesInSlice > 0 && laneEnd - from + axisHeight > limit) {
      slices.push({ y: from, height: to - from });
      from = to;
      lanesInSlice = 0;
    }
    to = laneEnd;
    lanesInSlice++;
  }
  slices.push({ y: from, height: to - from });
  return slices;
}
