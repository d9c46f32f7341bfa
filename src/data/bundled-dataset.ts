/**
 * The bundled DeadRinger data for the page, already read and validated at build time
 * (build/bundled-dataset-plugin.ts): fetched once from the JSON file next to the script on the
 * hosted site, or taken from the script itself in the single-file build. The first call starts the
 * request (index.html preloads it); later calls share it, so "Back to the DeadRinger data" works
 * offline once the page has started.
 */
import source from 'virtual:bundled-dataset';
import { reviveBundledData, type BundledData } from './dataset-json';

let pending: Promise<BundledData> | null = null;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The DeadRinger data (${url}) could not be loaded: HTTP ${response.status}`);
  return response.text();
}

export function loadBundledData(): Promise<BundledData> {
  if (!pending) {
    const request = ('json' in source ? Promise.resolve(source.json) : fetchText(source.url)).then(reviveBundledData);
    pending = request;
    // A failed request is not kept: the next call tries again.
    request.catch(() => pending === request && (pending = null));
  }
  return pending;
}
