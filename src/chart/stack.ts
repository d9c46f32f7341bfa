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
  const froms = items.map((item) => item.from);
  const tos = items.map((item) => item.to);
  const { rows, rowCount, overflow } = stackInOrder(froms, tos, order, gap, maxRows);
  return { rows: [...rows], rowCount, overflow };
}

/**
 * The packing itself, over intervals given as two arrays and the order to take them in (by start
 * for the tightest packing; any order still never overlaps two items on a row). Lets a caller sort
 * once per data load and re-pack cheaply, e.g. at every zoom level.
 */
export function stackInOrder(
  froms: ArrayLike<number>,
  tos: ArrayLike<number>,
  order: ArrayLike<number>,
  gap = 0,
  maxRows = Infinity,
): { rows: Int32Array; rowCount: number; overflow: boolean } {
  const rowEnds: number[] = [];
  const rows = new Int32Array(froms.length);
  let overflow = false;
  for (let k = 0; k < order.length; k++) {
    const index = order[k]!;
    const from = froms[index]!;
    let row = -1;
    for (let r = 0; r < rowEnds.length; r++) {
      if (rowEnds[r]! + gap <= from) {
        row = r;
        break;
      }
    }
    if (row < 0 && rowEnds.length >= maxRows) {
      // No room left: the item goes to the overflow row, where items are counted, not drawn one by one.
      rows[index] = maxRows;
      overflow = true;
      continue;
    }
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(tos[index]!);
    } else rowEnds[row] = tos[index]!;
    rows[index] = row;
  }
  return { rows, rowCount: rowEnds.length + (overflow ? 1 : 0), overflow };
}
