import { decodeUrlState, encodeUrlState, type UrlNotice } from './url-codec';
import { fromUrlState, toUrlState, type ViewState } from './view-state';
import type { Lang } from '../model/dates';

const REPLACE_DELAY_MS = 250;

/**
 * Keeps the address bar in step with the view: discrete changes push a history entry, zooming
 * and panning replace the current one (throttled), and Back/Forward hand the decoded view back.
 */
export class UrlSync {
  private replaceTimer: ReturnType<typeof setTimeout> | undefined;
  private pending: ViewState | null = null;

  constructor(
    private readonly defaultLang: Lang,
    private readonly onPop: (view: ViewState, notices: readonly UrlNotice[]) => void,
  ) {
    window.addEventListener('popstate', this.handlePop);
  }

  dispose(): void {
    window.removeEventListener('popstate', this.handlePop);
    clearTimeout(this.replaceTimer);
  }

  /** The view a query string describes (by default the page's own), and what in it was ignored. */
  read(search: string = location.search): { view: ViewState; notices: readonly UrlNotice[] } {
    const { state, noticeCodes } = decodeUrlState(search);
    return { view: fromUrlState(state, this.defaultLang), notices: noticeCodes };
  }

  push(view: ViewState): void {
    this.flush();
    const search = this.searchFor(view);
    if (search !== location.search) history.pushState(null, '', this.urlWith(search));
  }

  replace(view: ViewState): void {
    this.pending = view;
    if (this.replaceTimer !== undefined) return;
    this.replaceTimer = setTimeout(() => this.flush(), REPLACE_DELAY_MS);
  }

  private flush(): void {
    clearTimeout(this.replaceTimer);
    this.replaceTimer = undefined;
    if (!this.pending) return;
    const search = this.searchFor(this.pending);
    this.pending = null;
    if (search !== location.search) history.replaceState(null, '', this.urlWith(search));
  }

  private searchFor(view: ViewState): string {
    return encodeUrlState(toUrlState(view, this.defaultLang));
  }

  private urlWith(search: string): string {
    return `${location.pathname}${search}${location.hash}`;
  }

  private readonly handlePop = (): void => {
    clearTimeout(this.replaceTimer);
    this.replaceTimer = undefined;
    this.pending = null;
    const { view, notices } = this.read();
    this.onPop(view, notices);
  };
}
