// Types for generate.mjs, for the unit tests that import it.
export const ID_PREFIX: string;
export const DEFAULT_SEED: number;
export function clustersFor(n: number): number;
export function mulberry32(seed: number): () => number;

export interface GenerateOptions {
  readonly n: number;
  readonly clusters?: number;
  readonly seed?: number;
  /** The share of the non-context rows that are periods, 0…1 (default 0.4). */
  readonly periods?: number;
  /** The first and last year the dates fall in (default [2010, 2021]). */
  readonly years?: readonly [number, number];
  /** The share of dates drawn from one week instead, 0…1 (default 0). */
  readonly crowdedWeek?: number;
}

export interface DatasetStats {
  readonly rows: number;
  readonly clusters: number;
  readonly periods: number;
  readonly points: number;
  readonly open: number;
  readonly approximate: number;
  readonly kinds: Readonly<Record<string, number>>;
  readonly precision: Readonly<Record<'year' | 'quarter' | 'month' | 'day', number>>;
  readonly bytes: number;
}

export function generateDataset(options: GenerateOptions): { eventsCsv: string; clustersCsv: string; stats: DatasetStats };
export function writeDataset(dir: string, options: GenerateOptions): DatasetStats;
