/**
 * A loaded, validated dataset and its metadata as JSON, and back. The hosted build reads the bundled
 * DeadRinger CSVs at build time (build/bundled-dataset-plugin.ts) and ships the result as a JSON
 * file, so the page needs neither the CSV text nor the CSV reader to start.
 *
 * Every value in a Dataset and a DatasetMeta is JSON already: strings, finite numbers (dates are
 * UTC milliseconds plus their precision, see src/model/dates.ts), booleans, null, 'open', arrays
 * and plain objects. `serializeBundledData` refuses anything else (undefined, NaN, ±Infinity, -0,
 * class instances), so `reviveBundledData(serializeBundledData(x))` is always equal to `x`.
 */
import type { DatasetMeta } from '../io/metadata';
import type { Dataset } from '../model/types';

export interface BundledData {
  readonly dataset: Dataset;
  readonly meta: DatasetMeta;
}

/** What the file says it is, so that a stale or foreign file is refused rather than misread. */
const FORMAT = 'deadringer-timeline/dataset';
const VERSION = 1;

interface DatasetFile {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly dataset: Dataset;
  readonly meta: DatasetMeta;
}

/** Throws unless `value` is made only of what JSON keeps exactly; `path` names the first offender. */
function assertJsonExact(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new TypeError(`${path} is ${String(value)}, which JSON cannot keep`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJsonExact(item, `${path}[${index}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) throw new TypeError(`${path}.${key} is undefined, which JSON drops`);
      assertJsonExact(item, `${path}.${key}`);
    }
    return;
  }
  throw new TypeError(`${path} is a ${typeof value === 'object' ? 'non-plain object' : typeof value}, which JSON cannot keep`);
}

/** The dataset and its metadata as JSON text; throws if any value would not come back the same. */
export function serializeBundledData(data: BundledData): string {
  const file: DatasetFile = { format: FORMAT, version: VERSION, dataset: data.dataset, meta: data.meta };
  assertJsonExact(file, 'data');
  return JSON.stringify(file);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads what `serializeBundledData` wrote; throws on anything else. */
export function reviveBundledData(text: string): BundledData {
  const file: unknown = JSON.parse(text);
  if (!isRecord(file) || file.format !== FORMAT || file.version !== VERSION) {
    throw new TypeError(`not a ${FORMAT} file, version ${VERSION}`);
  }
  const { dataset, meta } = file;
  if (!isRecord(dataset) || !Array.isArray(dataset.clusters) || !Array.isArray(dataset.events) || !Array.isArray(dataset.problems)) {
    throw new TypeError('the dataset file has no clusters, events and problems lists');
  }
  if (!isRecord(meta) || !Array.isArray(meta.sources) || !Array.isArray(meta.hypotheses) || !Array.isArray(meta.licenses)) {
    throw new TypeError('the dataset file has no metadata');
  }
  return { dataset: dataset as unknown as Dataset, meta: meta as unknown as DatasetMeta };
}
