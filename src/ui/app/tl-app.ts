import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { TimeRange } from '../../chart/view';
import { toCsvDate, type Lang, type SourceDate } from '../../model/dates';
import { applyFilters, NO_FILTERS, sameFilters, type FilterState } from '../../model/filters';
import { dataCutoffDate } from '../../model/intervals';
import { CONTEXT_LANE, type Cluster, type Dataset, type TimelineEvent } from '../../model/types';
import { EMPTY_META, type DatasetMeta } from '../../io/dataset-meta';
import { msg } from '../../i18n/messages';
import { ensureLanguage, languageReady } from '../../i18n/language';
import { windowToDates } from '../../state/url-codec';
import type { ViewState } from '../../state/view-state';
import { tokens } from '../theme/tokens.styles';
import type { TlTimeline, ViewChangeDetail } from '../timeline/tl-timeline';
import type { PanelView, TlDetailPanel } from '../panel/tl-detail-panel';
import type { LoadState } from '../source/tl-data-source';
import { appPrintStyles, appStyles } from './tl-app.styles';
import '../timeline/tl-timeline';
import '../table/tl-event-table';
import '../problems/tl-problems';
import '../filters/tl-filters';
import { loadDetailPanel } from './lazy-detail-panel';
import '../source/tl-data-source';
import '../export/tl-export-menu';
import type { ExportFormat } from '../export/tl-export-menu';
import { runExport } from './lazy-exports';

const EMPTY_DATASET: Dataset = { clusters: [], events: [], problems: [] };

/** What the app asks of its host page: data loading and URL history live outside the element, so it stays testable. */
export interface AppHost {
  loadFiles(files: readonly File[]): void;
  loadBundled(): void;
  cancelLoad(): void;
  saveView(): void;
  /** A discrete change (push) or a continuous one such as zooming (replace). */
  viewChanged(view: ViewState, mode: 'push' | 'replace'): void;
}

/**
 * The application shell: header, filters, timeline, detail panel, the table of the same rows and
 * the load problems. It owns the view state; one filtering function feeds timeline, table and panels.
 */
@customElement('tl-app')
export class TlApp extends LitElement {
  static override styles = [tokens, appStyles, appPrintStyles];

  @property({ attribute: false }) data: Dataset = EMPTY_DATASET;
  @property({ attribute: false }) meta: DatasetMeta = EMPTY_META;
  @property() override lang: Lang = 'en';
  /** The user's file name, or null for the bundled data. */
  @property() sourceName: string | null = null;
  @property({ attribute: false }) loading: LoadState | null = null;
  /** Messages about the URL or a load, shown until dismissed. */
  @property({ attribute: false }) notices: readonly string[] = [];
  @property({ attribute: false }) host: AppHost | null = null;
  /** An unexpected error inside the app, shown until the user recovers; null while all is well. */
  @property({ attribute: false }) failure: string | null = null;
  /** Embed mode (`?embed=1`): only the timeline and its legend, with a link to the full view. */
  @property({ type: Boolean, reflect: true }) embed = false;

  @state() private filters: FilterState = NO_FILTERS;
  @state() private inView = false;
  /**
   * The window the user last moved to, for the link (URL). Not a reactive property: a wheel or drag
   * reports every frame, and nothing drawn depends on it (the window fields follow shownRange).
   */
  private window: TimeRange | null = null;
  @state() private panel: PanelView = null;
  @state() private selectedId: string | null = null;
  @state() private dragging = false;
  /**
   * What the chart shows, whoever moved it, once a wheel or drag gesture has paused: the window
   * fields and "only rows in view" follow it. Not a reactive property: the app re-renders only when
   * something it shows depends on the change (see handleViewChange).
   */
  private shownRange: TimeRange | null = null;

  @query('tl-timeline') private timeline!: TlTimeline;
  @query('tl-detail-panel') private panelElement!: TlDetailPanel | null;
  /** The detail panel's code, loading or loaded (true) or failed (false); fetched when a panel first opens. */
  private panelCode: Promise<boolean> | null = null;

  private src: string | null = null;
  private clustersSrc: string | null = null;
  private returnFocusTo: HTMLElement | null = null;

  /** Applies a whole view at once: from the URL on start, and on Back/Forward. */
  applyView(view: ViewState): void {
    this.filters = view.filters;
    this.inView = view.inView;
    this.lang = view.lang;
    this.src = view.src;
    this.clustersSrc = view.clustersSrc;
    this.selectedId = view.event;
    this.panel = view.panel ? { kind: 'cluster', clusterId: view.panel } : view.event ? { kind: 'event', eventId: view.event } : null;
    this.window = view.window;
    if (view.window) void this.updateComplete.then(() => this.timeline?.showRange(view.window!));
    else void this.updateComplete.then(() => this.initialView && this.timeline?.showRange(this.initialView));
  }

  get viewState(): ViewState {
    return {
      filters: this.filters,
      inView: this.inView,
      window: this.window,
      panel: this.panel?.kind === 'cluster' ? this.panel.clusterId : null,
      event: this.selectedId,
      lang: this.lang,
      src: this.src,
      clustersSrc: this.clustersSrc,
    };
  }

  /** Forget the view when new data arrives: filters, panel and window belonged to the old data. */
  resetView(source: { src: string | null; clustersSrc: string | null } = { src: null, clustersSrc: null }): void {
    this.filters = NO_FILTERS;
    this.inView = false;
    this.window = null;
    this.panel = null;
    this.selectedId = null;
    this.src = source.src;
    this.clustersSrc = source.clustersSrc;
  }


  private changed(mode: 'push' | 'replace' = 'push'): void {
    this.host?.viewChanged(this.viewState, mode);
  }


  // ——— Derived data (one filtering function for every view), recomputed only when its inputs change ———

  private cutoff = 0;
  /** The whole data's cut-off as a date, for the chart: open ends stop there however the events are filtered. */
  private cutoffDate: SourceDate | null = null;
  /** Kept as one array per dataset: the timeline resets its window when this identity changes. */
  private initialView: TimeRange | null = null;
  private chartEvents: readonly TimelineEvent[] = [];
  private timelineEvents: readonly TimelineEvent[] = [];
  private visibleClusters: readonly Cluster[] = [];
  private tableEvents: readonly TimelineEvent[] = [];

  /**
   * A language whose strings are not loaded yet (Italian, fetched on demand) holds the update until
   * they are, so the page never shows English and then changes; `updateComplete` waits too. If they
   * cannot be fetched the update goes ahead in English.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!languageReady(this.lang)) await ensureLanguage(this.lang).catch((error: unknown) => console.error(error));
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.panel) void this.loadPanelCode();
    const dataChanged = changed.has('data') || changed.has('meta');
    if (dataChanged) {
      this.cutoffDate = dataCutoffDate(this.data.events, this.meta.cutoff);
      this.cutoff = this.cutoffDate.latest;
      const view = this.meta.view;
      this.initialView = view ? [view.from.earliest, view.to.latest] : null;
    }
    // An equal copy of the filters (a link's view applied again after its data loads) keeps the derived arrays, so the chart is not laid out twice.
    const filtersChanged = changed.has('filters') && !sameFilters(changed.get('filters') as FilterState | undefined, this.filters);
    if (dataChanged || filtersChanged) {
      this.chartEvents = applyFilters(this.data.events, { ...this.filters, window: null }, this.cutoff);
      const shown = this.filters.clusters;
      this.visibleClusters = shown === null ? this.data.clusters : this.data.clusters.filter((c) => shown.includes(c.id));
      const showContext = shown === null || shown.includes(CONTEXT_LANE);
      this.timelineEvents = showContext ? this.chartEvents : this.chartEvents.filter((e) => e.cluster !== CONTEXT_LANE);
    }
    if (dataChanged || filtersChanged || changed.has('inView') || (this.inView && changed.has('shownRange'))) {
      const range = this.inView ? this.shownRange : null;
      this.tableEvents = range ? applyFilters(this.data.events, { ...this.filters, window: { from: range[0], to: range[1] } }, this.cutoff) : this.chartEvents;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('lang') && this.isConnected && this.ownerDocument === document) document.documentElement.lang = this.lang;
  }

  // ——— Handlers ———

  private handleFilters(filters: FilterState): void {
    this.filters = filters;
    if (this.panel?.kind === 'cluster' && filters.clusters && !filters.clusters.includes(this.panel.clusterId)) this.panel = null;
    this.changed();
  }

  private handleViewChange({ from, to, user, settling }: ViewChangeDetail): void {
    // During a wheel or drag gesture the window fields and the in-view table wait until it pauses.
    if (!settling) {
      const previous = this.shownRange;
      const before = this.windowText();
      this.shownRange = [from, to];
      const after = this.windowText();
      if (this.inView || before.from !== after.from || before.to !== after.to) this.requestUpdate('shownRange', previous);
    }
    if (!user) return;
    this.window = [from, to];
    // The address follows once the gesture pauses, not every frame: browsers limit how often a page
    // may rewrite it (Safari throws after 100 times in 30 seconds), and each rewrite costs a frame time.
    if (!settling) this.changed('replace');
  }

  private handleExport(format: ExportFormat): void {
    runExport({
      format,
      events: this.tableEvents,
      clusters: this.data.clusters,
      meta: this.meta,
      sourceName: this.sourceName,
      cutoff: this.cutoff,
      lang: this.lang,
      timeline: this.timeline,
    }).catch((error: unknown) => {
      this.notices = [msg(this.lang, 'exportFailed', { reason: error instanceof Error ? error.message : String(error) })];
      console.error(error);
    });
  }

  private showWindow(range: TimeRange): void {
    this.timeline?.showRange(range);
    this.window = this.timeline?.visibleRange ?? range;
    this.requestUpdate();
    this.changed();
  }

  private openPanel(view: PanelView): void {
    const active = this.deepActiveElement();
    if (!this.panel && active) this.returnFocusTo = active;
    this.panel = view;
    if (view?.kind === 'event') this.selectedId = view.eventId;
    this.changed();
    void this.panelShown().then((panel) => panel?.focusHeading());
  }

  /**
   * Loads <tl-detail-panel> the first time a panel opens. If that fails the panel closes with a
   * notice, and the next opening tries again.
   */
  private loadPanelCode(): Promise<boolean> {
    this.panelCode ??= loadDetailPanel().then(
      () => true,
      (error: unknown) => {
        this.panelCode = null;
        this.panel = null;
        this.notices = [msg(this.lang, 'panelFailed', { reason: error instanceof Error ? error.message : String(error) })];
        console.error(error);
        return false;
      },
    );
    return this.panelCode;
  }

  /**
   * The open panel once its code is loaded and the app has rendered; null if the code failed to load
   * or the panel was closed (or the app taken off the page, so the element was never upgraded) meanwhile.
   */
  private async panelShown(): Promise<TlDetailPanel | null> {
    if (!(await this.loadPanelCode())) return null;
    await this.updateComplete;
    const panel = this.panelElement;
    return panel && customElements.get('tl-detail-panel') === panel.constructor ? panel : null;
  }

  private closePanel(): void {
    this.panel = null;
    this.selectedId = null;
    this.changed();
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    void this.updateComplete.then(() => target?.focus());
  }

  private handleEventSelect(id: string | null): void {
    if (id === null) {
      if (this.panel?.kind === 'event') this.closePanel();
      else {
        this.selectedId = null;
        this.changed();
      }
      return;
    }
    this.selectedId = id;
    this.openPanel({ kind: 'event', eventId: id });
  }

  private handlePanelEventSelect(id: string | null): void {
    if (!id) return;
    this.selectedId = id;
    this.panel = { kind: 'event', eventId: id };
    this.changed();
    const event = this.data.events.find((e) => e.id === id);
    if (event && this.timeline) this.timeline.focusEvent(id);
  }

  private deepActiveElement(): HTMLElement | null {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active instanceof HTMLElement || active instanceof SVGElement ? (active as HTMLElement) : null;
  }

  /** A fragment link cannot reach into a shadow root, so the skip link moves focus to the table itself. */
  private skipToTable(event: Event): void {
    const table = this.renderRoot.querySelector<HTMLElement>('#events');
    if (!table) return;
    event.preventDefault();
    table.focus();
  }

  private handleDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) this.host?.loadFiles(files);
  }

  private handleDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging = true;
  }

  private windowText(): { from: string; to: string } {
    const range = this.shownRange ?? this.window ?? this.initialView;
    if (!range) return { from: '', to: '' };
    const dates = windowToDates(range[0], range[1]);
    return { from: toCsvDate(dates.from), to: toCsvDate(dates.to) };
  }

  private renderTimeline() {
    return html`<tl-timeline
      .clusters=${this.visibleClusters}
      .events=${this.timelineEvents}
      .allClusters=${this.data.clusters}
      .cutoff=${this.cutoffDate}
      .initialView=${this.initialView}
      .selectedId=${this.selectedId}
      lang=${this.lang}
      @tl-event-select=${(e: CustomEvent<{ id: string | null }>) => this.handleEventSelect(e.detail.id)}
      @tl-view-change=${(e: CustomEvent<ViewChangeDetail>) => this.handleViewChange(e.detail)}
      @tl-lane-select=${(e: CustomEvent<{ clusterId: string }>) => this.openPanel({ kind: 'cluster', clusterId: e.detail.clusterId })}
    ></tl-timeline>`;
  }

  /** The same view without `embed`, for the "open the full view" link. */
  private fullViewHref(): string {
    const url = new URL(location.href);
    url.searchParams.delete('embed');
    return url.href;
  }

  private renderEmbed() {
    const source = this.sourceName ?? this.meta.report?.title ?? this.meta.title ?? '';
    return html`<div class="embed">
      ${this.renderTimeline()}
      ${this.panel && this.panel.kind !== 'about'
        ? html`<tl-detail-panel .view=${this.panel} .clusters=${this.data.clusters} .events=${this.data.events} .meta=${this.meta}
            .sourceName=${this.sourceName} lang=${this.lang} @tl-panel-close=${() => this.closePanel()}
            @tl-event-select=${(e: CustomEvent<{ id: string | null }>) => (e.stopPropagation(), this.handlePanelEventSelect(e.detail.id))}></tl-detail-panel>`
        : nothing}
      <p class="embed-footer">
        ${source ? html`<span>${msg(this.lang, 'embedSource', { source })}</span>` : nothing}
        <a href=${this.fullViewHref()} target="_blank" rel="noopener">${msg(this.lang, 'openFullView')}</a>
      </p>
    </div>`;
  }

  private renderFailure() {
    if (!this.failure) return nothing;
    return html`<div class="failure" role="alert">
      <p><strong>${msg(this.lang, 'failureTitle')}</strong> ${msg(this.lang, 'failureText', { message: this.failure })}</p>
      <button type="button" @click=${() => ((this.failure = null), this.host?.loadBundled())}>${msg(this.lang, 'failureRecover')}</button>
    </div>`;
  }

  override render() {
    if (this.embed) return html`${this.renderFailure()}${this.renderEmbed()}`;
    const { data, meta, lang } = this;
    const report = meta.report;
    const tableEvents = this.tableEvents;
    const panelEvents = this.panel?.kind === 'event' ? data.events : this.chartEvents;
    const windowText = this.windowText();
    return html`
      <div
        class="page ${this.dragging ? 'dragging' : ''}"
        @dragover=${this.handleDragOver}
        @dragleave=${(e: DragEvent) => e.target === e.currentTarget && (this.dragging = false)}
        @drop=${this.handleDrop}
      >
        <a class="skip" href="#events" @click=${this.skipToTable}>${msg(lang, 'skipToTable')}</a>
        ${this.renderFailure()}
        <header>
          <div class="title-row">
            <h1>${this.sourceName ? this.sourceName : (meta.title ?? msg(lang, 'appTitle'))}</h1>
            <div class="header-controls">
              <button type="button" @click=${() => this.openPanel({ kind: 'about' })}>${msg(lang, 'about')}</button>
              <tl-export-menu lang=${lang} @tl-export=${(e: CustomEvent<{ format: ExportFormat }>) => this.handleExport(e.detail.format)}></tl-export-menu>
              <label class="lang">
                <span>${msg(lang, 'language')}</span>
                <select @change=${(e: Event) => ((this.lang = (e.target as HTMLSelectElement).value as Lang), this.changed())}>
                  <option value="en" ?selected=${lang === 'en'}>English</option>
                  <option value="it" ?selected=${lang === 'it'}>Italiano</option>
                </select>
              </label>
            </div>
          </div>
          ${report && !this.sourceName
            ? html`<p class="report">
                ${report.url ? html`<a href=${report.url} target="_blank" rel="noopener noreferrer">${report.title}</a>` : report.title}
                — ${report.publisher}${report.date ? `, ${report.date}` : ''}
              </p>`
            : nothing}
          <tl-data-source
            .sourceName=${this.sourceName}
            ?empty=${data === EMPTY_DATASET}
            .loading=${this.loading}
            lang=${lang}
            @tl-files-selected=${(e: CustomEvent<{ files: readonly File[] }>) => this.host?.loadFiles(e.detail.files)}
            @tl-load-cancel=${() => this.host?.cancelLoad()}
            @tl-load-bundled=${() => this.host?.loadBundled()}
            @tl-save-view=${() => this.host?.saveView()}
          ></tl-data-source>
          ${this.notices.length
            ? html`<div class="notices" role="status">
                <ul>${this.notices.map((n) => html`<li>${n}</li>`)}</ul>
                <button type="button" @click=${() => (this.notices = [])}>${msg(lang, 'dismiss')}</button>
              </div>`
            : nothing}
        </header>
        <div class="layout">
          <aside class="card filters-card">
            <tl-filters
              .clusters=${data.clusters}
              .events=${data.events}
              .filters=${this.filters}
              .shown=${tableEvents.length}
              .inView=${this.inView}
              .windowFrom=${windowText.from}
              .windowTo=${windowText.to}
              lang=${lang}
              @tl-filters-change=${(e: CustomEvent<{ filters: FilterState }>) => this.handleFilters(e.detail.filters)}
              @tl-in-view-change=${(e: CustomEvent<{ inView: boolean }>) => ((this.inView = e.detail.inView), this.changed())}
              @tl-window-request=${(e: CustomEvent<{ from: { earliest: number }; to: { latest: number } }>) =>
                this.showWindow([e.detail.from.earliest, e.detail.to.latest])}
              @tl-cluster-open=${(e: CustomEvent<{ clusterId: string }>) => this.openPanel({ kind: 'cluster', clusterId: e.detail.clusterId })}
            ></tl-filters>
          </aside>
          <main>
            <section class="card chart-card" aria-labelledby="timeline-heading">
              <h2 id="timeline-heading" class="visually-hidden">${msg(lang, 'timelineHeading')}</h2>
              ${this.renderTimeline()}
            </section>
            ${this.panel
              ? html`<tl-detail-panel
                  .view=${this.panel}
                  .clusters=${data.clusters}
                  .events=${panelEvents}
                  .meta=${meta}
                  .sourceName=${this.sourceName}
                  lang=${lang}
                  @tl-panel-close=${() => this.closePanel()}
                  @tl-event-select=${(e: CustomEvent<{ id: string | null }>) => (e.stopPropagation(), this.handlePanelEventSelect(e.detail.id))}
                ></tl-detail-panel>`
              : nothing}
            <section class="card" id="events" tabindex="-1" aria-labelledby="events-heading">
              <h2 id="events-heading">${msg(lang, 'tableHeading')}</h2>
              <tl-event-table .events=${tableEvents} .clusters=${data.clusters} .selectedId=${this.selectedId} lang=${lang}></tl-event-table>
            </section>
            <section class="card" aria-labelledby="problems-heading">
              <h2 id="problems-heading">${msg(lang, 'problemsHeading')}</h2>
              <tl-problems .problems=${data.problems} lang=${lang}></tl-problems>
            </section>
          </main>
        </div>
        ${this.dragging ? html`<div class="drop-overlay" aria-hidden="true">${msg(lang, 'dropHere')}</div>` : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-app': TlApp;
  }
}
