import { formatLoadFailure, type LoadFailure } from '../i18n/load-messages';
import { shorten } from './cells';
import { detectDelimiter } from './delimiter';

export type CsvKind = 'events' | 'clusters' | 'unknown';

const BOM = '\uFEFF';

/**
 * The header row's column names: lower-cased, trimmed, surrounding quotes removed. NUL and U+FFFD
 * are left out, so that a UTF-16 file (read as UTF-8: a NUL after every letter) is still recognised,
 * and the loader can then say that it is not UTF-8.
 */
function headerColumns(text: string): Set<string> {
  const input = (text.startsWith(BOM) ? text.slice(BOM.length) : text).replace(/[\u0000\uFFFD]/g, '');
  const firstLine = input.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
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

/** The same pairing with each thing to know as a code and its values, for wording it in the UI's language. */
export interface FilePairingDetail<T> {
  readonly events: T | null;
  readonly clusters: T | null;
  /** When `events` is null, the first says why (`noFileChosen` or `noEventsFile`); empty when all is clear. */
  readonly failures: LoadFailure[];
}

/**
 * Decides which chosen file is the events file and which the clusters file. The header decides;
 * a file whose header says neither falls back on its name ("…cluster…", then "…event…"), so a
 * misspelt header is reported in detail by the loader instead of the file being dropped.
 */
export function pairFilesDetailed<T extends { name: string; text: string }>(files: readonly T[]): FilePairingDetail<T> {
  const events: T[] = [];
  const clusters: T[] = [];
  const failures: LoadFailure[] = [];
  for (const file of files) {
    let kind = classifyCsv(file.text);
    if (kind === 'unknown') {
      const name = file.name.toLowerCase();
      if (name.includes('cluster')) kind = 'clusters';
      else if (name.includes('event')) kind = 'events';
    }
    if (kind === 'events') events.push(file);
    else if (kind === 'clusters') clusters.push(file);
    else failures.push({ code: 'fileKindUnknown', params: { file: shorten(file.name) } });
  }
  if (events.length === 0) {
    failures.unshift(files.length === 0 ? { code: 'noFileChosen', params: {} } : { code: 'noEventsFile', params: {} });
  } else if (events.length > 1) {
    failures.push({ code: 'severalEventsFiles', params: { files: events.map((f) => shorten(f.name)) } });
  }
  if (clusters.length > 1) {
    failures.push({ code: 'severalClustersFiles', params: { files: clusters.map((f) => shorten(f.name)) } });
  }
  return { events: events[0] ?? null, clusters: clusters[0] ?? null, failures };
}

/** `pairFilesDetailed`, with the things to know as English sentences. */
export function pairFiles<T extends { name: string; text: string }>(files: readonly T[]): FilePairing<T> {
  const { events, clusters, failures } = pairFilesDetailed(files);
  return { events, clusters, problems: failures.map((failure) => formatLoadFailure(failure, 'en')) };
}
