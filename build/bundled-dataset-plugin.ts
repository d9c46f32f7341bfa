/**
 * The bundled DeadRinger data, read at build time. The plugin runs the app's own loader
 * (loadDataset, readMetadata) in Node on data/events.csv, data/clusters.csv and data/datapackage.json
 * and serves the validated result through the virtual module `virtual:bundled-dataset`
 * (see src/data/bundled-dataset.ts):
 *
 * - 'asset' (the hosted site): the result is a JSON file, assets/deadringer-dataset-[hash].json,
 *   fetched at start-up by a relative URL (so any sub-path works) and preloaded from index.html so
 *   the request runs while the script downloads. The dev server serves the same JSON, made afresh
 *   on every request.
 * - 'inline' (the single file opened from file://): the JSON text is inside the script.
 *
 * Either way the page needs neither the CSV text nor the CSV reader to start.
 */
import { resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';

type Reader = typeof import('./read-bundled-dataset');

export const BUNDLED_DATASET_MODULE = 'virtual:bundled-dataset';
const RESOLVED_ID = `\0${BUNDLED_DATASET_MODULE}`;
/** The asset's name before hashing, and its path on the dev server. */
const ASSET_NAME = 'deadringer-dataset.json';
const DEV_PATH = `/@deadringer/${ASSET_NAME}`;
/** The reader, run by Vite's module runner: the config itself does not import the app's source. */
const READER = 'build/read-bundled-dataset.ts';

export function bundledDatasetPlugin(mode: 'asset' | 'inline'): Plugin {
  let root = process.cwd();
  let serving = false;
  return {
    name: `bundled-dataset-${mode}`,
    configResolved(config) {
      root = config.root;
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === BUNDLED_DATASET_MODULE ? RESOLVED_ID : undefined;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      if (mode === 'asset' && serving) return `export default { url: ${JSON.stringify(DEV_PATH)} };`;
      const { module: reader, dependencies } = await runnerImport<Reader>(resolve(root, READER), { configFile: false, root, logLevel: 'warn' });
      for (const path of [...dependencies, ...Object.values(reader.BUNDLED_FILES)]) this.addWatchFile(resolve(root, path));
      const json = reader.readBundledDataset(root);
      if (mode === 'inline') return `export default { json: ${JSON.stringify(json)} };`;
      const reference = this.emitFile({ type: 'asset', name: ASSET_NAME, source: json });
      return `export default { url: import.meta.ROLLUP_FILE_URL_${reference} };`;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (mode !== 'asset') return [];
        const asset = Object.values(context.bundle ?? {}).find((file) => file.type === 'asset' && file.names.includes(ASSET_NAME));
        // Fetched with the credentials mode fetch() uses by default, so the page's fetch reuses the preload.
        if (!serving && !asset) throw new Error(`bundled-dataset: ${ASSET_NAME} is not in the build`);
        const href = serving ? DEV_PATH : `./${asset!.fileName}`;
        return [{ tag: 'link', attrs: { rel: 'preload', href, as: 'fetch', crossorigin: 'anonymous' }, injectTo: 'head' }];
      },
    },
    configureServer(server) {
      if (mode !== 'asset') return;
      server.middlewares.use(DEV_PATH, (_request, response, next) => {
        // Read afresh on every request, so edits to data/ (or to the loader) show on reload.
        (server.ssrLoadModule(`/${READER}`) as Promise<Reader>)
          .then((reader) => {
            response.setHeader('Content-Type', 'application/json; charset=utf-8');
            response.setHeader('Cache-Control', 'no-cache');
            response.end(reader.readBundledDataset(root));
          })
          .catch(next);
      });
    },
  };
}
