import type { SourceDate } from './dates';

/** The lane id for background events that belong to no cluster. */
export const CONTEXT_LANE = 'context';

export type Confidence = 'high' | 'moderate' | 'low';

/** The kinds the product knows how to draw; other kinds are accepted and shown as their own category. */
export const KNOWN_KINDS = [
  'operating',
  'activity',
  'intrusion',
  'tooling',
  'vulnerability',
  'publication',
  'attribution',
] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];

/** Kinds drawn as periods (bars) when they have an end; every other kind is a point event. */
export const PERIOD_KINDS: readonly string[] = ['operating', 'activity'];

export interface Cluster {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly attributedTo: string;
  readonly attributionConfidence: Confidence | null;
  readonly aliases: readonly string[];
  readonly mitreGroups: readonly string[];
  readonly summary: string;
  readonly summaryIt: string;
  /** A validated CSS hex colour, or null to use the palette. */
  readonly color: string | null;
  readonly sourceUrl: string | null;
  /** True when the cluster was not described in a clusters file but inferred from the events. */
  readonly derived: boolean;
}

export interface TimelineEvent {
  readonly id: string;
  readonly cluster: string;
  readonly kind: string;
  readonly start: SourceDate;
  /** null: a point in time; 'open': still ongoing at the data's cut-off. */
  readonly end: SourceDate | 'open' | null;
  readonly title: string;
  readonly summary: string;
  readonly summaryIt: string;
  readonly confidence: Confidence | null;
  readonly contested: boolean;
  readonly targets: readonly string[];
  readonly tools: readonly string[];
  readonly techniques: readonly string[];
  readonly cves: readonly string[];
  readonly sourceTitle: string;
  /** Only ever an http: or https: URL. */
  readonly sourceUrl: string | null;
  /** The row in the source file, as a spreadsheet numbers it. */
  readonly row: number;
}

export type ProblemSeverity = 'error' | 'warning';

/** One thing the loader could not take as it was. Errors skip the row; warnings keep it. */
export interface Problem {
  readonly file: string;
  /** Spreadsheet row number (the header is row 1); null for problems with the whole file. */
  readonly row: number | null;
  readonly column: string | null;
  readonly message: string;
  readonly severity: ProblemSeverity;
}

export interface Dataset {
  readonly clusters: readonly Cluster[];
  readonly events: readonly TimelineEvent[];
  readonly problems: readonly Problem[];
}
