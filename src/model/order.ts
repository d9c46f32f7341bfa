const DAY = 86_400_000;

/**
 * The indexes 0…n-1 ordered by `keys`, ties by index (a stable sort). Sorting with a comparator
 * costs a JS call per comparison (≈ 2 million for 100,000 keys); when every key is a whole number
 * of days from the smallest — as every date in this app is, at most day-precise, midnight UTC —
 * the day and the index are packed into one number that the engine sorts natively, several
 * times faster. Other keys take the comparator.
 */
export function orderByKey(keys: ArrayLike<number>): Int32Array {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let wholeDays = true;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key < min) min = key;
    if (key > max) max = key;
  }
  const slots = 2 ** Math.ceil(Math.log2(Math.max(2, n)));
  if (!(Number.isFinite(min) && Number.isFinite(max)) || ((max - min) / DAY + 1) * slots > Number.MAX_SAFE_INTEGER) wholeDays = false;
  const packed = new Float64Array(n);
  for (let i = 0; wholeDays && i < n; i++) {
    const days = (keys[i]! - min) / DAY;
    // The round trip rules out keys that only look whole after rounding (e.g. tiny fractions).
    if (!Number.isInteger(days) || min + days * DAY !== keys[i]) wholeDays = false;
    else packed[i] = days * slots + i;
  }
  if (!wholeDays) return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  packed.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % slots;
  return order;
}
