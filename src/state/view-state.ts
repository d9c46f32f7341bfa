import type { TimeRange } from '../chart/view';
import type { Lang } from '../model/dates';
import { NO_FILTERS, type FilterState } from '../model/filters';
import { DEFAULT_URL_STATE, windowToDates, type UrlFilters, type UrlState } from './url-codec';

/** What the app shows, in the terms the URL records: filters, window, open panel, selection, language, data source. */
export interface ViewState {
  readonly filters: FilterState;
  readonly inView: boolean;
  /** The visible window; null while it is the dataset's initial view. */
  readonly window: TimeRange | null;
  readonly panel: string | null;
  readonly event: string | null;
  readonly lang: Lang;
  readonly src: string | null;
  readonly clustersSrc: string | null;
}

function urlFilters({ clusters, kinds, confidence, query, tools, techniques }: UrlFilters): UrlFilters {
  return { clusters, kinds, confidence, query, tools, techniques };
}

export function toUrlState(view: ViewState, defaultLang: Lang): UrlState {
  const dates = view.window ? windowToDates(view.window[0], view.window[1]) : null;
  return {
    ...DEFAULT_URL_STATE,
    ...urlFilters(view.filters),
    inView: view.inView,
    from: dates?.from ?? null,
    to: dates?.to ?? null,
    panel: view.panel,
    event: view.event,
    lang: view.lang === defaultLang ? null : view.lang,
    src: view.src,
    clustersSrc: view.clustersSrc,
  };
}

export function fromUrlState(url: UrlState, defaultLang: Lang): ViewState {
  return {
    filters: { ...NO_FILTERS, ...urlFilters(url) },
    inView: url.inView,
    window: url.from && url.to ? [url.from.earliest, url.to.latest] : null,
    panel: url.panel,
    event: url.event,
    lang: url.lang ?? defaultLang,
    src: url.src,
    clustersSrc: url.clustersSrc,
  };
}
