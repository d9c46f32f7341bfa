import type { Lang } from '../model/dates';

/** Every UI string in English. The Italian table (./messages.it.ts) is loaded only when needed: see ./language.ts. */
const en = {
  appTitle: 'Threat-actor activity timeline',
  datasetLabel: 'Dataset',
  skipToTable: 'Skip to the table of events',
  tableHeading: 'Events',
  tableCaption: 'All events, one row per event, in time order',
  tableRange: 'Rows {from}–{to} of {total}',
  tablePages: 'Table pages',
  tablePagesBottom: 'Table pages, below the table',
  tablePrevious: 'Previous rows',
  tableNext: 'Next rows',
  colCluster: 'Cluster',
  colKind: 'Kind',
  colDate: 'Date',
  colTitle: 'Title',
  colConfidence: 'Confidence',
  colSource: 'Source',
  contested: 'contested',
  noSource: 'no source',
  unstated: 'unstated',
  contextLane: 'Context',
  contextLaneName: 'background events',
  problemsHeading: 'Load problems',
  problemsNone: 'The data loaded with no problems.',
  problemsSummary: '{errors} rows skipped, {warnings} warnings',
  problemFile: 'File',
  problemRow: 'Row',
  problemColumn: 'Column',
  problemReason: 'Problem',
  problemSeverity: 'Effect',
  severityError: 'row skipped',
  severityWarning: 'row kept',
  wholeFile: 'whole file',
  eventsCount: '{count} events in {clusters} clusters',
  confidence_high: 'high',
  confidence_moderate: 'moderate',
  confidence_low: 'low',
  timelineLabel: 'Timeline of cluster activity',
  timelineHeading: 'Timeline',
  attributedTo: 'attributed to {actor}',
  zoomControls: 'Zoom',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fitAll: 'Fit all',
  resetView: 'Reset view',
  legendHeading: 'Legend',
  legendOperating: 'Group operating (faint)',
  legendActivity: 'Activity observed (solid)',
  legendYearStart: 'Start known to the year or quarter: fades in',
  legendApproximate: 'Approximate date (~): dashed edge',
  legendOngoing: 'Ongoing at the data cut-off: arrow',
  legendCoarse: 'Point known only to a year, quarter or month: bracket',
  legendSpan: 'Happened at an unknown time within a range: line with end ticks',
  legendOverlap: 'Two or more clusters active at once',
  legendContested: 'Contested claim: hatched, marked “?”',
  kind_intrusion: 'intrusion',
  kind_tooling: 'tooling',
  kind_vulnerability: 'vulnerability',
  kind_publication: 'publication',
  kind_attribution: 'attribution',
  kind_operating: 'group operating',
  kind_activity: 'activity',
  kind_other: 'other',
  overlapLabel: '{clusters} active: {range}',
  overviewLabel: 'Overview of the whole time span; drag the window to move the view',
  keyboardHelp: 'Arrow keys move between events and counted groups (+N), up and down between lanes; Page Up and Page Down by a screen’s width of time; + and − zoom; Enter selects an event or opens a group; Escape clears.',
  countedGroup: '+{count}: {count} events not drawn one by one, starting {range}. Enter shows them one by one.',
  countedGroupOne: '+1: one event not drawn on its own, starting {range}. Enter shows it.',
  countedHere: '{count} events counted here',
  countedHereOne: 'One event counted here',
  selected: 'Selected',
  tooltipCluster: 'Cluster',
  tooltipConfidence: 'Confidence',
  tooltipSource: 'Source',
  ongoing: 'ongoing',
  viewRange: 'Showing {range}',
  filtersHeading: 'Filters',
  filtersClusters: 'Clusters',
  filtersKinds: 'Kinds',
  filtersConfidence: 'Confidence',
  filtersWindow: 'Visible window',
  filtersFrom: 'From',
  filtersTo: 'To',
  filtersDateHint: 'YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD',
  filtersApplyWindow: 'Show window',
  filtersInView: 'Only rows in view',
  filtersSearch: 'Search',
  filtersSearchHint: 'Title, summary, tools, techniques, CVEs, targets',
  filtersTools: 'Tools and malware',
  filtersTechniques: 'ATT&CK techniques',
  filtersShowMore: 'Show all {count}',
  filtersShowFewer: 'Show fewer',
  filtersReset: 'Reset filters',
  filtersShown: '{shown} of {total} events shown',
  filtersActive: 'Active filters',
  filtersNone: 'No filters: every event is shown.',
  filtersRemove: 'Remove filter: {filter}',
  filtersHidden: 'hidden: {value}',
  filtersSearchChip: 'search “{value}”',
  filtersWindowChip: 'only rows in view',
  filtersCount: '{count} events',
  filtersOpenPanel: 'Details of {cluster}',
  filtersShowFilters: 'Show filters',
  confidence_unstated: 'unstated',
  windowInvalid: '{field}: {reason}',
  windowOrder: 'The end of the window must come after its start.',
  openCsv: 'Open CSV…',
  openCsvHint: 'An events.csv, optionally with a clusters.csv. Nothing is uploaded: the files are read in this browser.',
  dropHere: 'Drop events.csv (and clusters.csv) to load them',
  loadingFile: 'Loading {name}…',
  loadingPhase_reading: 'reading',
  loadingPhase_parsing: 'checking rows',
  cancel: 'Cancel',
  loadCancelled: 'Loading was cancelled; the previous data is still shown.',
  loadFailed: 'Could not load {name}: {reason}',
  backToBundled: 'Back to the DeadRinger data',
  showingFile: 'Showing your file {name}',
  showingBundled: 'Showing the bundled DeadRinger data',
  urlNotices: 'Parts of the link were ignored',
  dismiss: 'Dismiss',
  about: 'About this data',
  language: 'Language',
  laneDetails: '{cluster}: details',
  saveView: 'Save this view',
  failureTitle: 'Something went wrong.',
  failureText: 'The page hit an error it did not expect ({message}). What you see may be incomplete.',
  failureRecover: 'Reload the DeadRinger data',
  exportMenu: 'Export',
  export_csv: 'CSV of the rows shown (events.csv format)',
  export_svg: 'SVG picture of the timeline',
  export_png: 'PNG picture of the timeline (2×)',
  export_stix: 'STIX 2.1 bundle (JSON) for OpenCTI, MISP…',
  export_navigator: 'ATT&CK Navigator layer (JSON)',
  exportFailed: 'Could not export: {reason}',
  panelFailed: 'Could not open the panel: {reason}',
  imageSource: 'Data: {source}. Made with the DeadRinger timeline on {date}.',
  printSources: 'Sources',
  saveViewTitle: 'Download one HTML file with this data and this view, to attach to a wiki page or mail',
  saveFailed: 'Could not save this view: {reason}',
  openFullView: 'Open the full view',
  embedSource: 'Data: {source}',
} as const;

export type MessageKey = keyof typeof en;

/** The tables of the languages loaded so far: English always, Italian once ./italian.ts has run. */
const tables: Partial<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en };

/** English, always present: the table every other language is checked against. */
export const MESSAGES_EN: Readonly<Record<MessageKey, string>> = en;

/** Adds a language's table (./italian.ts calls this for Italian). */
export function registerMessages(lang: Lang, table: Readonly<Record<MessageKey, string>>): void {
  tables[lang] = table;
}

/** True once `msg(lang, …)` answers in that language rather than in English. */
export function hasMessages(lang: Lang): boolean {
  return tables[lang] !== undefined;
}

/** Fills {placeholders} in a message; unknown ones stay visible rather than vanish. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Looks up a message and fills its {placeholders}; in English while `lang`'s table is not loaded (see ./language.ts). */
export function msg(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return fill((tables[lang] ?? en)[key], values);
}

/** The translated name of a kind, or the kind itself when it is one the data brought. */
export function kindLabel(lang: Lang, kind: string): string {
  const key = `kind_${kind}` as MessageKey;
  return key in en ? msg(lang, key) : kind;
}

export function parseLang(value: string | null | undefined): Lang | null {
  const lower = value?.trim().toLowerCase().slice(0, 2);
  return lower === 'en' || lower === 'it' ? lower : null;
}
