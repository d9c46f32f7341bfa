import type { DateReasonCode, DateReasonParams, NoParams, SourceDate } from './dates';

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

/**
 * What a problem says, as a code and the values its sentence needs; `formatProblem` in
 * src/i18n/problem-messages.ts turns it into English or Italian. Values from the data (cell text,
 * column and file names) are kept as they are shown: long ones already cut with "…".
 */
export interface ProblemParamsByCode {
  /** A quoted cell runs on to the end of the file. */
  csvUnclosedQuote: NoParams;
  /** A `"` inside an unquoted cell or after a closing quote. */
  csvStrayQuote: NoParams;
  /** Any other CSV reading error; `detail` is the CSV reader's own (English) message. */
  csvUnreadableRow: { detail: string };
  /**
   * The file has characters that could not be read as UTF-8 (shown as U+FFFD) or NUL characters:
   * it was saved in another encoding (Windows-1252, UTF-16) or is not text. `cell`: up to 40
   * characters around the first one; `more`: how many other rows have them. The rows are kept.
   */
  notUtf8: { cell: string; more: number };
  fileEmpty: NoParams;
  /** The file has a header row and nothing else. */
  headerOnly: NoParams;
  duplicateColumn: { column: string };
  /** `found`: the first ten columns the header does have (each cut to 30 characters); `more`: how many more it has. */
  missingColumn: { column: string; found: readonly string[]; more: number };
  /** The first ten columns outside the schema (each cut to 30 characters), and how many more there are. */
  unknownColumns: { columns: readonly string[]; more: number };
  /**
   * Columns whose header name is blank but that hold a value on some row: their cells are never read.
   * `columns`: the first ten of them, as positions counted from 1; `more`: how many more there are;
   * `rows`: how many rows have a value under one of them; `firstRow`: the first of those rows.
   */
  unnamedColumns: { columns: readonly number[]; more: number; rows: number; firstRow: number };
  /** More cells than the header has names, and the extra ones are not empty: the row is skipped. */
  rowTooLong: { cells: number; width: number };
  /** Fewer cells than the header has names: the row is kept. */
  rowTooShort: { cells: number; width: number };
  requiredEmpty: { column: string };
  duplicateEventId: { id: string; firstRow: number };
  duplicateClusterId: { id: string; firstRow: number };
  /** `start`/`end`: the two cells as written. */
  endBeforeStart: { start: string; end: string };
  confidenceInvalid: { value: string };
  contestedInvalid: { value: string };
  urlNotFull: { value: string };
  /** `scheme`: the link's scheme with its colon, e.g. `javascript:`. */
  urlScheme: { scheme: string };
  colorInvalid: { value: string };
  /** `items`: the list items that were dropped, as written. */
  techniqueInvalid: { items: readonly string[] };
  cveInvalid: { items: readonly string[] };
  groupInvalid: { items: readonly string[] };
  /** `id`: the reserved id, `context`. */
  clusterReserved: { id: string };
  /** An event names a cluster the clusters file does not have. */
  clusterUnknown: { cluster: string; clustersFile: string };
}

/** A start or end cell that is not a date: the date's own reason, plus which of the two cells it was. */
export type DateProblemParamsByCode = { [C in DateReasonCode]: DateReasonParams[C] & { field: 'start' | 'end' } };

/** Every problem code with its parameters. */
export type ProblemParams = ProblemParamsByCode & DateProblemParamsByCode;

export type ProblemCode = keyof ProblemParams;

/** A problem's code and parameters, without where it happened. */
export type ProblemDetail = { [C in ProblemCode]: { readonly code: C; readonly params: Readonly<ProblemParams[C]> } }[ProblemCode];

export type ProblemSeverity = 'error' | 'warning';

interface ProblemFields {
  readonly file: string;
  /** Spreadsheet row number (the header is row 1); null for problems with the whole file. */
  readonly row: number | null;
  readonly column: string | null;
  /** In English; `formatProblem(problem, lang)` gives it in the UI's language. */
  readonly message: string;
  readonly severity: ProblemSeverity;
}

/**
 * One thing the loader could not take as it was. Errors skip the row; warnings keep it.
 * The loader always sets `code` and `params`; a problem made by hand without them is shown as its `message`.
 */
export type Problem = ProblemFields & (ProblemDetail | { readonly code?: undefined; readonly params?: undefined });

export interface Dataset {
  readonly clusters: readonly Cluster[];
  readonly events: readonly TimelineEvent[];
  readonly problems: readonly Problem[];
}
