import { eventSpan } from './intervals';
import type { Confidence, TimelineEvent } from './types';

/** A confidence level to show; 'unstated' stands for events whose source gives none. */
export type ConfidenceFilter = Confidence | 'unstated';

/** Every confidence level, in the order the controls list them. */
export const CONFIDENCE_FILTERS: readonly ConfidenceFilter[] = ['high', 'moderate', 'low', 'unstated'];

export interface FilterState {
  /** Visible lanes: cluster ids, 'context' being one of them. null = all. */
  readonly clusters: readonly string[] | null;
  /** Visible kinds. null = all. */
  readonly kinds: readonly string[] | null;
  /** Visible confidence levels. null = all; 'unstated' matches confidence === null. */
  readonly confidence: readonly ConfidenceFilter[] | null;
  /**
   * Free-text search over title, summary, summary_it, tools, techniques, CVEs and targets;
   * case- and accent-insensitive; every whitespace-separated term must match somewhere (AND).
   */
  readonly query: string;
  /**
   * Facet chips: an event must have ALL selected tools (case-insensitive) and ALL selected techniques.
   * A selected parent technique T1505 also matches sub-techniques T1505.003.
   */
  readonly tools: readonly string[];
  readonly techniques: readonly string[];
  /** When set ("only rows in view"), keep only events whose span overlaps [from, to). */
  readonly window: { readonly from: number; readonly to: number } | null;
}

export const NO_FILTERS: FilterState = {
  clusters: null,
  kinds: null,
  confidence: null,
  query: '',
  tools: [],
  techniques: [],
  window: null,
};

/** The values a list filter can choose from, needed to say which ones it hides. */
export interface AvailableValues {
  readonly clusters: readonly string[];
  readonly kinds: readonly string[];
}

/** One active constraint, as a removable chip. */
export type ActiveFilter = {
  kind: 'cluster' | 'kind' | 'confidence' | 'query' | 'tool' | 'technique' | 'window';
  value: string;
};

/** Lower-cased, with accents removed, so "Attivita" finds "Attività". */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function searchTerms(query: string): string[] {
  return normaliseForSearch(query)
    .split(/\s+/)
    .filter((term) => term !== '');
}

// Events are immutable, so each one's search text is worth building once.
const searchTextCache = new WeakMap<TimelineEvent, string>();

function searchText(event: TimelineEvent): string {
  let text = searchTextCache.get(event);
  if (text === undefined) {
    // Fields are joined by a newline, which no term contains, so a term never matches across two fields.
    text = normaliseForSearch(
      [
        event.title,
        event.summary,
        event.summaryIt,
        ...event.tools,
        ...event.techniques,
        ...event.cves,
        ...event.targets,
      ].join('\n'),
    );
    searchTextCache.set(event, text);
  }
  return text;
}

function hasTechnique(event: TimelineEvent, selected: string): boolean {
  const wanted = selected.toUpperCase();
  return event.techniques.some((t) => {
    const technique = t.toUpperCase();
    return technique === wanted || technique.startsWith(`${wanted}.`);
  });
}

/** The events that pass every filter, in their input order. */
export function applyFilters(events: readonly TimelineEvent[], filters: FilterState, cutoff: number): readonly TimelineEvent[] {
  // Nothing to test: the same events, so that what was gathered of them while they loaded still applies (see EventIndex).
  if (!isFiltering(filters)) return events;
  const clusters = filters.clusters && new Set(filters.clusters);
  const kinds = filters.kinds && new Set(filters.kinds);
  const confidence = filters.confidence && new Set(filters.confidence);
  const terms = searchTerms(filters.query);
  const tools = filters.tools.map((tool) => tool.toLowerCase());
  const { techniques, window } = filters;

  return events.filter((event) => {
    if (clusters && !clusters.has(event.cluster)) return false;
    if (kinds && !kinds.has(event.kind)) return false;
    if (confidence && !confidence.has(event.confidence ?? 'unstated')) return false;
    if (tools.length > 0) {
      const eventTools = new Set(event.tools.map((tool) => tool.toLowerCase()));
      if (!tools.every((tool) => eventTools.has(tool))) return false;
    }
    if (!techniques.every((technique) => hasTechnique(event, technique))) return false;
    if (terms.length > 0) {
      const text = searchText(event);
      if (!terms.every((term) => text.includes(term))) return false;
    }
    if (window) {
      const span = eventSpan(event, cutoff);
      if (span.from >= window.to || span.to <= window.from) return false;
    }
    return true;
  });
}

/** True when any constraint is set. A list filter that happens to name every value still counts. */
export function isFiltering(filters: FilterState): boolean {
  return (
    filters.clusters !== null ||
    filters.kinds !== null ||
    filters.confidence !== null ||
    filters.query.trim() !== '' ||
    filters.tools.length > 0 ||
    filters.techniques.length > 0 ||
    filters.window !== null
  );
}

function hidden<T extends string>(shown: readonly T[] | null, all: readonly T[]): T[] {
  if (shown === null) return [];
  const visible = new Set(shown);
  return all.filter((value) => !visible.has(value));
}

/**
 * One entry per active constraint: each hidden cluster, kind and confidence level, the query,
 * each tool and technique, and the window (value '').
 */
export function activeFilters(filters: FilterState, all: AvailableValues): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  for (const value of hidden(filters.clusters, all.clusters)) active.push({ kind: 'cluster', value });
  for (const value of hidden(filters.kinds, all.kinds)) active.push({ kind: 'kind', value });
  for (const value of hidden(filters.confidence, CONFIDENCE_FILTERS)) active.push({ kind: 'confidence', value });
  const query = filters.query.trim();
  if (query !== '') active.push({ kind: 'query', value: query });
  for (const value of filters.tools) active.push({ kind: 'tool', value });
  for (const value of filters.techniques) active.push({ kind: 'technique', value });
  if (filters.window) active.push({ kind: 'window', value: '' });
  return active;
}

/** Shows one more value of a list filter; once every value is shown again the filter is off (null). */
function reshow<T extends string>(shown: readonly T[] | null, value: T, all: readonly T[]): readonly T[] | null {
  if (shown === null || shown.includes(value)) return shown;
  const next = [...shown, value];
  return all.every((v) => next.includes(v)) ? null : next;
}

/** Undoes exactly one constraint listed by activeFilters. */
export function removeFilter(filters: FilterState, filter: ActiveFilter, all: AvailableValues): FilterState {
  switch (filter.kind) {
    case 'cluster':
      return { ...filters, clusters: reshow(filters.clusters, filter.value, all.clusters) };
    case 'kind':
      return { ...filters, kinds: reshow(filters.kinds, filter.value, all.kinds) };
    case 'confidence':
      return {
        ...filters,
        confidence: reshow(filters.confidence, filter.value as ConfidenceFilter, CONFIDENCE_FILTERS),
      };
    case 'query':
      return { ...filters, query: '' };
    case 'tool':
      return { ...filters, tools: filters.tools.filter((tool) => tool !== filter.value) };
    case 'technique':
      return { ...filters, techniques: filters.techniques.filter((technique) => technique !== filter.value) };
    case 'window':
      return { ...filters, window: null };
  }
}

/**
 * Facet values with the number of events that carry them, most frequent first, then alphabetical.
 * Tools differing only in case are one value (as the tools filter treats them), shown as first spelt.
 */
export function facetCounts(
  events: readonly TimelineEvent[],
  field: 'tools' | 'techniques',
): { value: string; count: number }[] {
  // Counted by exact value first (most values repeat exactly, and a Map of strings is cheap), then
  // folded by case; the first spelling seen is the one shown. An event counts once per value,
  // whatever the case of its repeats.
  const exact = new Map<string, number>();
  for (const event of events) {
    const values = event[field];
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      if (i > 0) {
        const key = value.toLowerCase();
        let repeat = false;
        for (let j = 0; j < i && !repeat; j++) repeat = values[j]!.toLowerCase() === key;
        if (repeat) continue;
      }
      exact.set(value, (exact.get(value) ?? 0) + 1);
    }
  }
  const counts = new Map<string, { value: string; count: number }>();
  for (const [value, count] of exact) {
    const key = value.toLowerCase();
    const entry = counts.get(key);
    if (entry) entry.count += count;
    else counts.set(key, { value, count });
  }
  return [...counts.values()].sort(
    (a, b) => b.count - a.count || byName(a.value, b.value),
  );
}

/**
 * Case-insensitive order of names, then exact. Not localeCompare: its first use loads the ICU
 * collation data, tens of milliseconds on the first render, for lists of tool and technique names.
 */
function byName(a: string, b: string): number {
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** True when two filter states select the same events (a link's view re-applied after a load gives an equal copy). */
export function sameFilters(a: FilterState | undefined, b: FilterState | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
