import type { ExportContext } from './exports';

/**
 * `runExport` from exports.ts, loaded when the user first exports: the exporters (and the CSV
 * writer, PapaParse) stay out of the page's first load.
 */
export async function runExport(context: ExportContext): Promise<void> {
  const { runExport: run } = await import('./exports');
  return run(context);
}
