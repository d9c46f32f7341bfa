// Loaded by build/bundled-dataset-plugin.ts through Vite's module runner, so that the Vite config
// does not itself import the app's source.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serializeBundledData } from '../src/data/dataset-json';
import { loadDataset } from '../src/io/load';
import { readMetadata } from '../src/io/metadata';

/** The bundled files, relative to the project root. */
export const BUNDLED_FILES = { events: 'data/events.csv', clusters: 'data/clusters.csv', metadata: 'data/datapackage.json' } as const;

/** Reads and validates the bundled files as the page would, and returns the result as JSON text. */
export function readBundledDataset(root: string): string {
  const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
  const dataset = loadDataset({
    events: { name: 'events.csv', text: read(BUNDLED_FILES.events) },
    clusters: { name: 'clusters.csv', text: read(BUNDLED_FILES.clusters) },
  });
  return serializeBundledData({ dataset, meta: readMetadata(read(BUNDLED_FILES.metadata)) });
}
