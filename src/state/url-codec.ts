/**
 * All view state in the URL query string, so that any view can be linked to.
 * Decoding never throws: a malformed value is ignored and named in a notice; unknown parameters
 * (utm_ and the like, added by other tools) are ignored silently.
 */

import {
  parseSourceDate,
  sourceDateAt,
  toCsvDate,
  type DateReasonCode,
  type DateReasonParams,
  type Lang,
  type Precision,
  type SourceDate,
} from '../model/dates';
import { CONFIDENCE_FILTERS, type ConfidenceFilter, type FilterState } from '../model/filters';

/** The filters the URL records (`clusters`, `kinds`, `confidence`, `q`, `tools`, `techniques`): FilterState's own fields. */
export type UrlFilters = Pick<FilterState, 'clusters' | 'kinds' | 'confidence' | 'query' | 'tools' | 'techniques'>;

export interface UrlState extends UrlFilters {
  /** `inview=1`: "only rows in view". */
  readonly inView: boolean;
  /** `from`, `to`: the visible window in the CSV date syntax. */
  readonly from: SourceDate | null;
  readonly to: SourceDate | null;
  /** `panel`: the cluster whose detail panel is open. */
  readonly panel: string | null;
  /** `event`: the selected event id. */
  readonly event: string | null;
  /** `lang` */
  readonly lang: Lang | null;
  /** `src`: the events CSV URL, as given; its origin is checked elsewhere. */
  readonly src: string | null;
  /** `clusters-src` */
  readonly clustersSrc: string | null;
}

export const DEFAULT_URL_STATE: UrlState = {
  clusters: null,
  kinds: null,
  confidence: null,
  query: '',
  tools: [],
  techniques: [],
  inView: false,
  from: null,
  to: null,
  panel: null,
  event: null,
  lang: null,
  src: null,
  clustersSrc: null,
};

/** The list parameters: comma lists of ids or levels. */
export type ListParameter = 'clusters' | 'kinds' | 'confidence' | 'tools' | 'techniques';
/** The list parameters whose items are checked against a syntax. */
export type CheckedListParameter = 'confidence' | 'techniques';

/**
 * Why (part of) a parameter was ignored, as a code and the values its sentence needs.
 * `value` is the parameter's value as shown in the notice: cut to 40 characters with "…".
 */
export interface UrlNoticeParamsByCode {
  /** The list has only empty items. */
  listNamesNothing: { parameter: ListParameter; value: string };
  listEmptyItems: { parameter: ListParameter; value: string };
  /** No item of the list is valid. */
  listAllInvalid: { parameter: CheckedListParameter; value: string };
  /** `items`: the invalid items, as written; the valid ones are kept. */
  listSomeInvalid: { parameter: CheckedListParameter; value: string; items: readonly string[] };
  /** `q` was cut to `max` characters. */
  queryShortened: { max: number };
  inViewInvalid: { value: string };
  /** `from`/`to`: both values, each cut to 40 characters. */
  windowReversed: { from: string; to: string };
  langUnknown: { value: string };
}

/** `from` or `to` is not a date: the date's own reason, plus the parameter and its value. */
export type UrlDateNoticeParamsByCode = { [C in DateReasonCode]: DateReasonParams[C] & { parameter: 'from' | 'to'; value: string } };

export type UrlNoticeParams = UrlNoticeParamsByCode & UrlDateNoticeParamsByCode;

export type UrlNoticeCode = keyof UrlNoticeParams;

/** One ignored (part of a) parameter; `formatNotice(notice, lang)` says it in English or Italian. */
export type UrlNotice = { [C in UrlNoticeCode]: { readonly code: C; readonly params: Readonly<UrlNoticeParams[C]> } }[UrlNoticeCode];

export interface DecodeResult {
  readonly state: UrlState;
  /**
   * One notice per ignored (part of a) parameter, saying why, as a code and values; worded where it
   * is shown, in the UI's language, by `formatNotices` (src/i18n/url-notice-messages.ts), which
   * loads only then.
   */
  readonly noticeCodes: readonly UrlNotice[];
}

export const MAX_QUERY_LENGTH = 200;

const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const LANGS: readonly Lang[] = ['en', 'it'];

/** A parameter's value as notices show it: cut to 40 characters (by code point) so a notice stays short. */
function shown(value: string): string {
  const chars = Array.from(value);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value;
}

interface ListResult<T> {
  /** null when the parameter is absent or names nothing usable. */
  readonly value: T[] | null;
  readonly notices: UrlNotice[];
}

/**
 * A comma list, empty items dropped and repeats removed. An empty value is a deliberate empty list
 * (e.g. every lane hidden); a value whose items are all empty or invalid is ignored.
 */
function readList<T extends string>(params: URLSearchParams, parameter: ListParameter): ListResult<T>;
function readList<T extends string>(
  params: URLSearchParams,
  parameter: CheckedListParameter,
  accept: (item: string) => T | null,
): ListResult<T>;
function readList<T extends string>(
  params: URLSearchParams,
  parameter: ListParameter,
  accept?: (item: string) => T | null,
): ListResult<T> {
  const raw = params.get(parameter);
  if (raw === null) return { value: null, notices: [] };
  if (raw === '') return { value: [], notices: [] };
  const value = shown(raw);
  const items = raw.split(',').map((item) => item.trim());
  const nonEmpty = items.filter((item) => item !== '');
  if (nonEmpty.length === 0) return { value: null, notices: [{ code: 'listNamesNothing', params: { parameter, value } }] };

  const notices: UrlNotice[] = [];
  if (nonEmpty.length < items.length) notices.push({ code: 'listEmptyItems', params: { parameter, value } });
  const accepted: T[] = [];
  const rejected: string[] = [];
  for (const item of nonEmpty) {
    const valid = accept ? accept(item) : (item as T);
    if (valid === null) rejected.push(item);
    else if (!accepted.includes(valid)) accepted.push(valid);
  }
  // Only the checked lists (confidence, techniques) have an `accept`, so only they can reject items.
  const checked = parameter as CheckedListParameter;
  if (accepted.length === 0) return { value: null, notices: [{ code: 'listAllInvalid', params: { parameter: checked, value } }] };
  if (rejected.length > 0) notices.push({ code: 'listSomeInvalid', params: { parameter: checked, value, items: rejected } });
  return { value: accepted, notices };
}

function acceptConfidence(item: string): ConfidenceFilter | null {
  const lower = item.toLowerCase();
  return CONFIDENCE_FILTERS.find((level) => level === lower) ?? null;
}

function acceptTechnique(item: string): string | null {
  const upper = item.toUpperCase();
  return TECHNIQUE.test(upper) ? upper : null;
}

/** A non-empty value, or null. */
function readText(params: URLSearchParams, name: string, trim: boolean): string | null {
  const raw = params.get(name);
  const value = raw !== null && trim ? raw.trim() : raw;
  return value === null || value === '' ? null : value;
}

function readQuery(params: URLSearchParams, notices: UrlNotice[]): string {
  const trimmed = (params.get('q') ?? '').trim();
  const chars = Array.from(trimmed); // by code point, so an emoji is never cut in half
  if (chars.length <= MAX_QUERY_LENGTH) return trimmed;
  notices.push({ code: 'queryShortened', params: { max: MAX_QUERY_LENGTH } });
  return chars.slice(0, MAX_QUERY_LENGTH).join('').trim();
}

function readInView(params: URLSearchParams, notices: UrlNotice[]): boolean {
  const raw = params.get('inview');
  if (raw === null) return false;
  const value = raw.trim().toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false' || value === '') return false;
  notices.push({ code: 'inViewInvalid', params: { value: shown(raw) } });
  return false;
}

function readDate(params: URLSearchParams, parameter: 'from' | 'to', notices: UrlNotice[]): SourceDate | null {
  const raw = params.get(parameter);
  if (raw === null || raw.trim() === '') return null;
  const parsed = parseSourceDate(raw);
  if (parsed.ok) return parsed.value;
  const place = { parameter, value: shown(raw) };
  // TypeScript cannot follow the code–params pairing through the spread; each code keeps its own parameters.
  notices.push({ code: parsed.code, params: { ...parsed.params, ...place } } as UrlNotice);
  return null;
}

function readLang(params: URLSearchParams, notices: UrlNotice[]): Lang | null {
  const raw = params.get('lang');
  if (raw === null || raw.trim() === '') return null;
  const lower = raw.trim().toLowerCase();
  const lang = LANGS.find((l) => l === lower);
  if (lang) return lang;
  notices.push({ code: 'langUnknown', params: { value: shown(raw) } });
  return null;
}

/** True when a window [from, to] ends before it starts. */
function endsBeforeStart(from: SourceDate, to: SourceDate): boolean {
  return to.latest <= from.earliest;
}

/** Reads view state from a query string ('?a=b' or 'a=b'). Never throws. */
export function decodeUrlState(search: string): DecodeResult {
  // URLSearchParams drops one leading '?' and decodes malformed escapes to U+FFFD rather than throwing.
  const params = new URLSearchParams(search);
  const notices: UrlNotice[] = [];
  const list = <T extends string>(result: ListResult<T>): T[] | null => {
    notices.push(...result.notices);
    return result.value;
  };

  const clusters = list(readList(params, 'clusters'));
  const kinds = list(readList(params, 'kinds'));
  const confidence = list(readList(params, 'confidence', acceptConfidence));
  const query = readQuery(params, notices);
  const tools = list(readList(params, 'tools')) ?? [];
  const techniques = list(readList(params, 'techniques', acceptTechnique)) ?? [];
  const inView = readInView(params, notices);
  let from = readDate(params, 'from', notices);
  let to = readDate(params, 'to', notices);
  if (from && to && endsBeforeStart(from, to)) {
    notices.push({ code: 'windowReversed', params: { from: shown(params.get('from')!), to: shown(params.get('to')!) } });
    from = null;
    to = null;
  }

  const state: UrlState = {
    clusters,
    kinds,
    confidence,
    query,
    tools,
    techniques,
    inView,
    from,
    to,
    panel: readText(params, 'panel', true),
    event: readText(params, 'event', true),
    lang: readLang(params, notices),
    src: readText(params, 'src', false),
    clustersSrc: readText(params, 'clusters-src', false),
  };
  return { state, noticeCodes: notices };
}

/** List items that decode back to themselves: trimmed, non-empty, without commas, each once. */
function listItems(items: readonly string[]): string[] {
  const kept: string[] = [];
  for (const item of items) {
    const trimmed = item.trim();
    if (trimmed !== '' && !trimmed.includes(',') && !kept.includes(trimmed)) kept.push(trimmed);
  }
  return kept;
}

/** Writes view state as '' or '?…', leaving out defaults, in a stable parameter order. */
export function encodeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  const setList = (name: string, items: readonly string[] | null) => {
    if (items !== null) params.set(name, listItems(items).join(','));
  };
  const setText = (name: string, value: string | null) => {
    if (value !== null && value !== '') params.set(name, value);
  };

  setList('clusters', state.clusters);
  setList('kinds', state.kinds);
  setList('confidence', state.confidence);
  setText('q', state.query.trim());
  if (state.tools.length > 0) setList('tools', state.tools);
  const techniques = state.techniques.map((t) => t.toUpperCase()).filter((t) => TECHNIQUE.test(t));
  if (techniques.length > 0) setList('techniques', techniques);
  if (state.inView) params.set('inview', '1');
  // A window that ends before it starts would be dropped on decode, so it is not written.
  const validWindow = !(state.from && state.to && endsBeforeStart(state.from, state.to));
  if (state.from && validWindow) params.set('from', toCsvDate(state.from));
  if (state.to && validWindow) params.set('to', toCsvDate(state.to));
  setText('panel', state.panel?.trim() ?? null);
  setText('event', state.event?.trim() ?? null);
  setText('lang', state.lang);
  setText('src', state.src);
  setText('clusters-src', state.clustersSrc);

  const text = params.toString().replace(/%2C/gi, ',');
  return text === '' ? '' : `?${text}`;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;
// sourceDateAt can only name instants in the years the CSV syntax accepts.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1) - 1;

function precisionForLength(length: number): Precision {
  if (length > 3 * YEAR_MS) return 'year';
  if (length > 9 * MONTH_MS) return 'quarter';
  if (length > 2 * MONTH_MS) return 'month';
  return 'day';
}

/**
 * A window in ms as the coarsest CSV dates that name it well enough for a link: the precision comes
 * from the window's length; `from` is the unit containing `from`, `to` the unit containing `to - 1`.
 */
export function windowToDates(from: number, to: number): { from: SourceDate; to: SourceDate } {
  const precision = precisionForLength(to - from);
  const start = Math.min(Math.max(from, EARLIEST), LATEST);
  const lastInstant = Math.min(Math.max(to - 1, start), LATEST);
  return { from: sourceDateAt(start, precision), to: sourceDateAt(lastInstant, precision) };
}
