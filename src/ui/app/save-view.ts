import { embedSnapshot, snapshotFileName, type Snapshot, type SnapshotFile } from '../../io/snapshot';
import { downloadBlob } from '../download';
import type { LoadedSource } from './user-data';

/** The standalone build, which the saved page is made from. */
const STANDALONE_FILE = './deadringer-timeline.html';

async function textOf(file: { name: string; file?: File; text?: string }): Promise<SnapshotFile> {
  return { name: file.name, text: file.text ?? (file.file ? await file.file.text() : '') };
}

/**
 * The standalone page to save into: this page itself when it is the standalone file (its HTML as
 * loaded, before the app touched it), else the standalone file published next to the site.
 */
async function standaloneTemplate(pristineHtml: string): Promise<string> {
  const isStandalone = !/<script[^>]+type="module"[^>]+src=/.test(pristineHtml);
  if (isStandalone) return pristineHtml;
  const response = await fetch(new URL(STANDALONE_FILE, location.href), { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the standalone page (${STANDALONE_FILE}) could not be fetched: ${response.status}`);
  return response.text();
}

/** Builds and downloads one HTML file holding the loaded data (the user's own files included) and the current view. */
export async function saveView(options: {
  pristineHtml: string;
  source: LoadedSource | null;
  metadataJson: string | null;
  search: string;
  dataName: string | null;
}): Promise<void> {
  const template = await standaloneTemplate(options.pristineHtml);
  const snapshot: Snapshot = {
    version: 1,
    savedAt: new Date().toISOString(),
    search: options.search,
    ...(options.source ? { events: await textOf(options.source.events) } : {}),
    ...(options.source?.clusters ? { clusters: await textOf(options.source.clusters) } : {}),
    ...(options.metadataJson ? { metadataJson: options.metadataJson } : {}),
  };
  const html = embedSnapshot(template, snapshot);
  downloadBlob(new Blob([html], { type: 'text/html' }), snapshotFileName(options.dataName, new Date()));
}
