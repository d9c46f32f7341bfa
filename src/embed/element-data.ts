/**
 * Helpers for <cluster-timeline>: reading its attributes (data URLs, the clusters list, the
 * from/to window) and wording what it tells the reader. Pure functions, except
 * `tolerateRedefinition`, whose one call below must run before the timeline module is evaluated.
 */
import type { TimeRange } from '../chart/view';
import { formatDateReason } from '../i18n/date-reason-messages';
import { parseSourceDate, type DateReason, type Lang, type SourceDate } from '../model/dates';
import { CONTEXT_LANE, type Cluster, type Problem } from '../model/types';

// ——— Element registration ———

/**
 * Lets a module that defines `name` with a bare `customElements.define` (as Lit's @customElement
 * does) be evaluated when another script on the page already defined that name: the next
 * define(name) is skipped instead of throwing, and the existing definition is used. Nothing is
 * changed when the name is still free. Returns a function that removes the guard if it is still
 * installed (once the module has run, or was never going to).
 */
export function tolerateRedefinition(registry: CustomElementRegistry | undefined, name: string): () => void {
  if (!registry || !registry.get(name)) return () => undefined;
  const hadOwn = Object.prototype.hasOwnProperty.call(registry, 'define');
  const original = registry.define;
  const restore = () => {
    if (registry.define !== guarded) return;
    if (hadOwn) registry.define = original;
    else delete (registry as { define?: unknown }).define;
  };
  const guarded = function (this: CustomElementRegistry, tag: string, ctor: CustomElementConstructor, options?: ElementDefinitionOptions): void {
    if (tag === name && registry.get(name)) {
      restore();
      return;
    }
    original.call(registry, tag, ctor, options);
  };
  registry.define = guarded;
  return restore;
}

/**
 * cluster-timeline.ts imports this module before the <tl-timeline> module, so this runs first:
 * if a page already has a <tl-timeline> (the full app, or a second copy of this script), the
 * timeline module's own define() is skipped rather than throwing and taking the embed down with it.
 */
export const endTimelineRedefinitionGuard: () => void = tolerateRedefinition(
  (globalThis as { customElements?: CustomElementRegistry }).customElements,
  'tl-timeline',
);

// ——— Messages ———

const en = {
  loading: 'Loading…',
  loadFailed: 'The timeline data could not be loaded. {reason}',
  refused: 'This timeline was not loaded: {reason}',
  urlEmpty: 'the {attribute} attribute is empty',
  urlInvalid: '{attribute}="{value}" is not an address that can be read',
  urlScheme: '{attribute}="{value}" is a {scheme} link; only http(s) links are loaded',
  urlCredentials: '{attribute}="{value}" has a user name or password in it; such links are not loaded',
  windowInvalid: 'Ignored {attribute}="{value}": {reason}.',
  windowOrder: 'Ignored from="{from}" and to="{to}": the end of the window must come after its start.',
  unknownClusters: 'Not in this data, ignored: {ids}.',
  clustersSrcIgnored: 'clusters-src is ignored without src.',
  rowsSkippedOne: '1 row could not be read',
  rowsSkippedMany: '{count} rows could not be read',
  warningsOne: '1 warning',
  warningsMany: '{count} warnings',
  problemFile: 'File',
  problemRow: 'Row',
  problemColumn: 'Column',
  problemMessage: 'Problem',
  wholeFile: 'whole file',
  source: 'Source',
  data: 'Data',
} as const;

export type EmbedMessageKey = keyof typeof en;

const it: Record<EmbedMessageKey, string> = {
  loading: 'Caricamento…',
  loadFailed: 'Non è stato possibile caricare i dati della cronologia. {reason}',
  refused: 'Questa cronologia non è stata caricata: {reason}',
  urlEmpty: "l'attributo {attribute} è vuoto",
  urlInvalid: '{attribute}="{value}" non è un indirizzo leggibile',
  urlScheme: '{attribute}="{value}" è un link {scheme}; si caricano solo link http(s)',
  urlCredentials: '{attribute}="{value}" contiene un nome utente o una password; questi link non vengono caricati',
  windowInvalid: 'Ignorato {attribute}="{value}": {reason}.',
  windowOrder: 'Ignorati from="{from}" e to="{to}": la fine della finestra deve venire dopo l\'inizio.',
  unknownClusters: 'Non presenti in questi dati, ignorati: {ids}.',
  clustersSrcIgnored: 'clusters-src viene ignorato senza src.',
  rowsSkippedOne: '1 riga non è stata letta',
  rowsSkippedMany: '{count} righe non sono state lette',
  warningsOne: '1 avviso',
  warningsMany: '{count} avvisi',
  problemFile: 'File',
  problemRow: 'Riga',
  problemColumn: 'Colonna',
  problemMessage: 'Problema',
  wholeFile: 'intero file',
  source: 'Fonte',
  data: 'Dati',
};

const MESSAGES: Record<Lang, Record<EmbedMessageKey, string>> = { en, it };

/** One of the element's own strings, with {placeholders} filled; unknown placeholders stay visible. */
export function embedMsg(lang: Lang, key: EmbedMessageKey, values: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The `lang` attribute: "it" (or "it-IT") is Italian, anything else English. */
export function parseEmbedLang(value: string | null | undefined): Lang {
  return value?.trim().toLowerCase().slice(0, 2) === 'it' ? 'it' : 'en';
}

function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// ——— Data URLs (src, clusters-src) ———

export interface UrlProblem {
  readonly code: 'empty' | 'invalid' | 'scheme' | 'credentials';
  /** The attribute the value came from, as the page author wrote it. */
  readonly attribute: string;
  readonly value: string;
  /** For code 'scheme': the refused scheme, e.g. "javascript:". */
  readonly scheme?: string;
}

export type UrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: UrlProblem };

/**
 * Resolves a CSV address against the host page's base URL (document.baseURI) and accepts only
 * http(s) URLs without credentials. Other sites are allowed (the server must send CORS headers);
 * javascript:, data:, blob:, file: and the like are refused. Nothing is fetched.
 */
export function resolveDataUrl(raw: string, base: string, attribute = 'src'): UrlCheck {
  const value = raw.trim();
  const refuse = (code: UrlProblem['code'], scheme?: string): UrlCheck => ({
    ok: false,
    problem: scheme === undefined ? { code, attribute, value } : { code, attribute, value, scheme },
  });
  if (value === '') return refuse('empty');
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return refuse('invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('scheme', url.protocol);
  if (url.username !== '' || url.password !== '') return refuse('credentials');
  return { ok: true, url: url.href };
}

/** Says in words why an address was refused. */
export function describeUrlProblem(problem: UrlProblem, lang: Lang): string {
  const values = { attribute: problem.attribute, value: shorten(problem.value), scheme: problem.scheme ?? '' };
  switch (problem.code) {
    case 'empty':
      return embedMsg(lang, 'urlEmpty', values);
    case 'invalid':
      return embedMsg(lang, 'urlInvalid', values);
    case 'scheme':
      return embedMsg(lang, 'urlScheme', values);
    case 'credentials':
      return embedMsg(lang, 'urlCredentials', values);
  }
}

/** The file name at the end of a URL's path, for captions and the problems list ("events.csv"). */
export function fileNameOf(url: string): string {
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.split('/').filter((part) => part !== '').pop();
    if (!last) return parsed.host;
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  } catch {
    return url;
  }
}

/** True for an http(s) URL: the only kind the element renders as a link. */
export function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

// ——— The clusters attribute ———

/** `clusters="A, B,,C"` → ['A', 'B', 'C']; absent, empty or only commas → null (every lane). Duplicates are dropped. */
export function parseClusterList(value: string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  const ids = [...new Set(value.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
  return ids.length > 0 ? ids : null;
}

export interface ClusterSelection {
  /** The dataset's own ids for the listed lanes (context included when listed); null = every lane. */
  readonly ids: readonly string[] | null;
  /** Listed ids that match no cluster of the dataset, as written. */
  readonly unknown: readonly string[];
}

/** Matches the listed ids to the dataset's clusters (and the context lane) without regard to case, as the loader does. */
export function selectClusters(list: readonly string[] | null, clusters: readonly Cluster[]): ClusterSelection {
  if (list === null) return { ids: null, unknown: [] };
  const byLowerCase = new Map<string, string>(clusters.map((c) => [c.id.toLowerCase(), c.id]));
  byLowerCase.set(CONTEXT_LANE, CONTEXT_LANE);
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const id of list) {
    const known = byLowerCase.get(id.toLowerCase());
    if (known === undefined) unknown.push(id);
    else if (!ids.includes(known)) ids.push(known);
  }
  return { ids, unknown };
}

// ——— The from/to window ———

export type WindowIssue =
  | {
      readonly kind: 'invalid';
      readonly attribute: 'from' | 'to';
      readonly value: string;
      /** Why it is not a date, as a code (worded per language) and in English. */
      readonly why: DateReason;
      readonly reason: string;
    }
  | { readonly kind: 'order'; readonly from: string; readonly to: string };

export interface WindowAttributes {
  readonly from: SourceDate | null;
  readonly to: SourceDate | null;
  /** Values that were ignored, and why. */
  readonly issues: readonly WindowIssue[];
}

/**
 * Reads `from` and `to` in the CSV date syntax (2018, 2020-Q4, 2021-03, 2021-03-02, ~2019).
 * An absent or blank value is no value; an unreadable one is dropped with an issue; a `to`
 * that does not end after `from` starts drops both. Never throws.
 */
export function parseWindowAttributes(from: string | null | undefined, to: string | null | undefined): WindowAttributes {
  const issues: WindowIssue[] = [];
  const read = (attribute: 'from' | 'to', value: string | null | undefined): SourceDate | null => {
    if (value === null || value === undefined || value.trim() === '') return null;
    const parsed = parseSourceDate(value);
    if (parsed.ok) return parsed.value;
    const why = { code: parsed.code, params: parsed.params } as DateReason;
    issues.push({ kind: 'invalid', attribute, value: value.trim(), why, reason: formatDateReason(why, 'en') });
    return null;
  };
  const start = read('from', from);
  const end = read('to', to);
  if (start && end && end.latest <= start.earliest) {
    issues.push({ kind: 'order', from: from!.trim(), to: to!.trim() });
    return { from: null, to: null, issues };
  }
  return { from: start, to: end, issues };
}

/** Says in words why a from/to value was ignored. */
export function describeWindowIssue(issue: WindowIssue, lang: Lang): string {
  if (issue.kind === 'order') return embedMsg(lang, 'windowOrder', { from: shorten(issue.from, 40), to: shorten(issue.to, 40) });
  return embedMsg(lang, 'windowInvalid', { attribute: issue.attribute, value: shorten(issue.value, 40), reason: formatDateReason(issue.why, lang) });
}

/**
 * The window the chart opens on. `from` starts at the beginning of its unit and `to` runs to the
 * end of its unit (to="2021-Q1" ends on 1 April 2021). A missing side comes from the dataset's
 * own initial view, else from the data's extent; null (no attribute, no declared view) lets the
 * chart show the whole extent.
 */
export function initialWindow(window: WindowAttributes, declaredView: TimeRange | null, extent: TimeRange): TimeRange | null {
  const { from, to } = window;
  if (!from && !to) return declaredView;
  if (from && to) return [from.earliest, to.latest];
  if (from) {
    const end = [declaredView?.[1], extent[1]].find((t): t is number => t !== undefined && t > from.earliest) ?? from.latest;
    return [from.earliest, end];
  }
  const end = to!.latest;
  const start = [declaredView?.[0], extent[0]].find((t): t is number => t !== undefined && t < end) ?? to!.earliest;
  return [start, end];
}

// ——— Load problems ———

/** "2 rows could not be read", "1 warning", or both; '' when there is nothing to say. */
export function problemSummary(problems: readonly Problem[], lang: Lang): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(errors === 1 ? embedMsg(lang, 'rowsSkippedOne') : embedMsg(lang, 'rowsSkippedMany', { count: errors }));
  if (warnings > 0) parts.push(warnings === 1 ? embedMsg(lang, 'warningsOne') : embedMsg(lang, 'warningsMany', { count: warnings }));
  return parts.join(', ');
}
