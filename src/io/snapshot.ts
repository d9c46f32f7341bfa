/**
 * "Save this view": the standalone page with the data and the view baked in, as a JSON block the
 * page reads on start. The block is data, never script: `type="application/json"` does not run,
 * and every `<` in it is escaped so no cell can close the element early.
 */

import { SNAPSHOT_ID } from './snapshot-id';

export { SNAPSHOT_ID };
const OPEN_TAG = `<script type="application/json" id="${SNAPSHOT_ID}">`;
const CLOSE_TAG = '</script>';

export interface SnapshotFile {
  readonly name: string;
  readonly text: string;
}

export interface Snapshot {
  readonly version: 1;
  readonly savedAt: string;
  /** The view, as the query string the app writes (`?clusters=B&from=2020-Q1…`). */
  readonly search: string;
  /** Absent: the bundled data. */
  readonly events?: SnapshotFile;
  readonly clusters?: SnapshotFile;
  /** The dataset's datapackage.json text, when it had one. */
  readonly metadataJson?: string;
}

/** Puts a snapshot into a page, replacing any snapshot already in it. */
export function embedSnapshot(html: string, snapshot: Snapshot): string {
  const json = JSON.stringify(snapshot).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const block = `${OPEN_TAG}${json}${CLOSE_TAG}`;
  const cleaned = removeSnapshot(html);
  const bodyEnd = cleaned.lastIndexOf('</body>');
  return bodyEnd < 0 ? `${cleaned}${block}` : `${cleaned.slice(0, bodyEnd)}${block}${cleaned.slice(bodyEnd)}`;
}

export function removeSnapshot(html: string): string {
  const start = html.indexOf(OPEN_TAG);
  if (start < 0) return html;
  const end = html.indexOf(CLOSE_TAG, start + OPEN_TAG.length);
  return end < 0 ? html.slice(0, start) : html.slice(0, start) + html.slice(end + CLOSE_TAG.length);
}

const isFile = (value: unknown): value is SnapshotFile =>
  typeof value === 'object' && value !== null && typeof (value as SnapshotFile).name === 'string' && typeof (value as SnapshotFile).text === 'string';

/** Reads a snapshot block's text; anything malformed gives null, so a damaged file still opens with the bundled data. */
export function readSnapshot(text: string | null | undefined): Snapshot | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  if (raw.version !== 1 || typeof raw.search !== 'string') return null;
  if (raw.events !== undefined && !isFile(raw.events)) return null;
  if (raw.clusters !== undefined && !isFile(raw.clusters)) return null;
  return {
    version: 1,
    savedAt: typeof raw.savedAt === 'string' ? raw.savedAt : '',
    search: raw.search.startsWith('?') || raw.search === '' ? raw.search : `?${raw.search}`,
    ...(raw.events ? { events: raw.events as SnapshotFile } : {}),
    ...(raw.clusters ? { clusters: raw.clusters as SnapshotFile } : {}),
    ...(typeof raw.metadataJson === 'string' ? { metadataJson: raw.metadataJson } : {}),
  };
}

/** A file name for the download: the data's name, made safe, plus the date. */
export function snapshotFileName(dataName: string | null, now: Date): string {
  const base = (dataName ?? 'deadringer').replace(/\.(csv|tsv|txt)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'timeline';
  return `${base}-timeline-${now.toISOString().slice(0, 10)}.html`;
}
