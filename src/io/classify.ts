import { shorten } from './cells';
import { detectDelimiter } from './parse-csv';

export type CsvKind = 'events' | 'clusters' | 'unknown';

const BOM = '\uFEFF';

/** The header row's column names: lower-cased, trimmed, surrounding quotes removed. */
function headerColumns(text: string): Set<string> {
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const firstLine = input.trimStart().split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(input);
  return new Set(
    firstLine.split(delimiter).map((cell) => {
      const trimmed = cell.trim();
      const unquoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
      return unquoted.trim().toLowerCase();
    }),
  );
}

/**
 * Which of the two files a CSV text is, from its header row alone: an events file has a `kind`
 * or `start` column; a clusters file has a `label` column and no `start`.
 */
export function classifyCsv(text: string): CsvKind {
  const columns = headerColumns(text);
  if (columns.has('kind') || columns.has('start')) return 'events';
  if (columns.has('label')) return 'clusters';
  return 'unknown';
}

export interface FilePairing<T> {
  readonly events: T | null;
  readonly clusters: T | null;
  /** Plain-English sentences, one per thing the person should know; empty when all is clear. */
  readonly problems: string[];
}

const quoted = (name: string) => `"${shorten(name)}"`;

/** '"a.csv" and "b.csv" both' or '"a.csv", "b.csv" and "c.csv" all'. */
function namesAll(names: readonly string[]): string {
  const q = names.map(quoted);
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]} ${q.length === 2 ? 'both' : 'all'}`;
}

/**
 * Decides which chosen file is the events file and which the clusters file. The header decides;
 * a file whose header says neither falls back on its name ("…cluster…", then "…event…"), so a
 * misspelt header is reported in detail by the loader instead of the file being dropped.
 */
export function pairFiles<T extends { name: string; text: string }>(files: readonly T[]): FilePairing<T> {
  const events: T[] = [];
  const clusters: T[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let kind = classifyCsv(file.text);
    if (kind === 'unknown') {
      const name = file.name.toLowerCase();
      if (name.includes('cluster')) kind = 'clusters';
      else if (name.includes('event')) kind = 'events';
    }
    if (kind === 'events') events.push(file);
    else if (kind === 'clusters') clusters.push(file);
    else {
      problems.push(
        `${quoted(file.name)} is neither an events file nor a clusters file: its first row has no "kind", "start" or "label" column, so it is ignored.`,
      );
    }
  }
  if (events.length === 0) {
    problems.unshift(
      files.length === 0
        ? 'No file was chosen. Choose an events CSV file (with "kind" and "start" columns), optionally together with a clusters CSV file.'
        : 'None of the chosen files is an events file (one with "kind" and "start" columns), so nothing can be shown. Choose an events CSV file, optionally together with a clusters CSV file.',
    );
  } else if (events.length > 1) {
    problems.push(
      `${namesAll(events.map((f) => f.name))} look like events files, but only one can be loaded at a time; ${quoted(events[0]!.name)} is used.`,
    );
  }
  if (clusters.length > 1) {
    problems.push(
      `${namesAll(clusters.map((f) => f.name))} look like clusters files, but only one can be loaded at a time; ${quoted(clusters[0]!.name)} is used.`,
    );
  }
  return { events: events[0] ?? null, clusters: clusters[0] ?? null, problems };
}
