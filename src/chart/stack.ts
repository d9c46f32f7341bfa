/**
 * Greedy interval packing: each item goes to the first sub-row whose last item ends, plus `gap`,
 * at or before the item's start. Items are taken in order of start, so the result is stable.
 * Returns the sub-row of each item, by input index, and how many sub-rows were used. With
 * `maxRows`, items that fit in none of the first `maxRows` rows share one overflow row (`maxRows`).
 */
export function stackIntervals(
  items: readonly { readonly from: number; readonly to: number }[],
  gap = 0,
  maxRows = Infinity,
): { rows: number[]; rowCount: number; overflow: boolean } {
  const order = items.map((_, index) => index).sort((a, b) => items[a]!.from - items[b]!.from || a - b);
  const rowEnds: number[] = [];
  const rows = new Array<number>(items.length);
  let overflow = false;
  for (const index of order) {
    const item = items[index]!;
    let row = rowEnds.findIndex((end) => end + gap <= item.from);
    if (row < 0 && rowEnds.length >= maxRows) {
      // No room left: the item goes to the overflow row, where items are counted, not drawn one by one.
      rows[index] = maxRows;
      overflow = true;
      continue;
    }
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(item.to);
    } else rowEnds[row] = item.to;
    rows[index] = row;
  }
  return { rows, rowCount: rowEnds.length + (overflow ? 1 : 0), overflow };
}
