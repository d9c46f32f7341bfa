/**
 * How a tall chart is printed: in slices of whole lanes, each printed as wide as the page with the
 * time axis under it, rather than as one picture shrunk until it fits one page (a chart of
 * thousands of events, eight lanes of eighteen rows, came out as a strip a few centimetres wide).
 *
 * The print styles set an A4 landscape page with 8 mm margins: 281 × 194 mm to print on. Limits
 * here are a chart's height for its width (both in chart units), which printing keeps.
 */

/** A slice: the stretch [y, y + height) of the chart above its axis, in chart units. */
export interface PrintSlice {
  readonly y: number;
  readonly height: number;
}

export interface PrintLimits {
  /** The chart as one picture may be this tall for its width (the print styles' 135 mm of 281 mm)… */
  readonly single: number;
  /** …and is printed so only while that shrinks it to no less than 1 / shrink of the page's width. */
  readonly shrink: number;
  /** The first slice, with its axis, shares the first page with the title: at most 150 mm of 281. */
  readonly first: number;
  /** Every later slice, with its axis, fits a page: at most 186 mm of 281. */
  readonly rest: number;
}

export const PRINT_LIMITS: PrintLimits = { single: 135 / 281, shrink: 1.6, first: 150 / 281, rest: 186 / 281 };

/**
 * The slices to print a chart in, or none when it prints well as one picture. `lanes` are the lanes'
 * tops and heights below `lanesTop` (the overlap labels' rows above the lanes, which go with the
 * first slice); `axisHeight` is printed under every slice. A slice holds as many whole lanes as fit
 * its limit with the axis; a lane taller than that is a slice of its own.
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
  if (lanesTop + last.top + last.height + axisHeight <= limits.single * limits.shrink * width) return [];
  const slices: PrintSlice[] = [];
  // The first slice starts at the top, with the overlap labels' rows.
  let from = 0;
  let to = 0;
  let lanesInSlice = 0;
  for (const lane of lanes) {
    const laneEnd = lanesTop + lane.top + lane.height;
    const limit = (slices.length === 0 ? limits.first : limits.rest) * width;
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
