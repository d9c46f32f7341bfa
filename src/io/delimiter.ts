// Kept apart from the CSV reader: the page sorts dropped files by their header (classify.ts) without loading PapaParse.

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter is the one the header row uses most: a header has no free text in it, so
 * this is steadier than guessing from data rows whose cells may hold commas or semicolons.
 */
export function detectDelimiter(text: string): string {
  const firstLine = text.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
