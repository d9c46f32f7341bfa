// element-data must stay the first import: it guards the <tl-timeline> definition (see tolerateRedefinition),
// and ES modules are evaluated in import order.
import {
  describeUrlProblem,
  describeWindowIssue,
  embedMsg,
  endTimelineRedefinitionGuard,
  fileNameOf,
  initialWindow,
  isHttpUrl,
  parseClusterList,
  parseEmbedLang,
  parseWindowAttributes,
  problemSummary,
  resolveDataUrl,
  selectClusters,
  type UrlProblem,
  type WindowIssue,
} from './element-data';
import '../ui/timeline/tl-timeline';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { TimeRange } from '../chart/view';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from '../data/bundled';
import { ensureLanguage, languageReady } from '../i18n/language';
import { formatLoadError } from '../i18n/load-messages';
import { msg } from '../i18n/messages';
import { formatProblem } from '../i18n/problem-messages';
import { fetchCsvText } from '../io/fetch-csv';
import { loadDataset } from '../io/load';
import { EMPTY_META, readMetadata, type DatasetMeta } from '../io/metadata';
import type { Lang, SourceDate } from '../model/dates';
import { applyFilters, NO_FILTERS } from '../model/filters';
import { dataCutoff, dataCutoffDate, dataExtent } from '../model/intervals';
import type { Cluster, Dataset, TimelineEvent } from '../model/types';
import { tokens } from '../ui/theme/tokens.styles';

endTimelineRedefinitionGuard();

/** Where the shown data came from: the bundled DeadRinger files, or the CSVs named by src / clusters-src. */
interface DataOrigin {
  readonly events: { readonly url: string; readonly name: string } | null;
  readonly clusters: { readonly url: string; readonly name: string } | null;
}

type LoadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'refused'; readonly problem: UrlProblem }
  /** `error`: what the load threw; worded in render (`formatLoadError`), so a coded reason follows `lang`. */
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'ready'; readonly dataset: Dataset; readonly meta: DatasetMeta; readonly origin: DataOrigin };

/** Attribute values the element ignored; worded in render, so they follow `lang`. */
type Note =
  | { readonly kind: 'clusters-src-ignored' }
  | { readonly kind: 'unknown-clusters'; readonly ids: readonly string[] }
  | { readonly kind: 'window'; readonly issue: WindowIssue };

const langConverter = { fromAttribute: (value: string | null): Lang => parseEmbedLang(value) };

/**
 * `<cluster-timeline>`: the timeline as one element for wiki and CMS pages.
 *
 * Attributes (all optional, all reactive):
 * - `src`, `clusters-src`: events and clusters CSV, resolved against the page's base URL; http(s) only.
 *   Without `src`, the bundled DeadRinger data and its metadata are shown.
 * - `clusters`: comma-separated cluster ids to show (`context` is the background lane); absent = all.
 * - `from`, `to`: the window to open on, in the CSV date syntax (2018, 2020-Q4, 2021-03, 2021-03-02).
 * - `lang`: `en` (default) or `it`.
 *
 * The chart's own events (`tl-event-select`, `tl-view-change`, `tl-lane-select`) bubble out of it.
 */
export class ClusterTimeline extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        /* A fixed base: the chart sizes its text in em, so a host page's root font size cannot shrink or blow it up. */
        font-size: 16px;
        line-height: 1.4;
      }
      :host([hidden]) {
        display: none;
      }
      /* Nothing inherited from the host page (colour, font, spacing…) reaches the inside. */
      .frame {
        all: initial;
        display: block;
        box-sizing: border-box;
        color: var(--tl-text);
        background: var(--tl-bg);
        font-family: var(--tl-font);
        font-size: 14px;
        line-height: 1.45;
        text-align: start;
        border: 1px solid var(--tl-border);
        border-radius: 8px;
        padding: 12px;
      }
      p {
        margin: 0;
      }
      .status {
        color: var(--tl-muted);
        padding: 24px 0;
      }
      .error {
        color: var(--tl-error);
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .notes {
        color: var(--tl-warning);
        font-size: 13px;
        margin: 0 0 8px;
        padding: 0;
        list-style: none;
        overflow-wrap: anywhere;
      }
      .caption {
        margin-top: 8px;
        color: var(--tl-muted);
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .caption .title {
        color: var(--tl-text);
        font-weight: 600;
      }
      .problems {
        margin-top: 6px;
        font-size: 13px;
      }
      .problems summary {
        cursor: pointer;
        color: var(--tl-warning);
      }
      .problems .scroller {
        max-height: 240px;
        overflow: auto;
        margin-top: 6px;
        border: 1px solid var(--tl-border);
        border-radius: 6px;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 12px;
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: 3px 6px;
        border-bottom: 1px solid var(--tl-grid);
      }
      th {
        background: var(--tl-surface);
        font-weight: 600;
      }
      td.message {
        overflow-wrap: anywhere;
      }
      tl-timeline {
        display: block;
      }
    `,
  ];

  /** Events CSV. */
  @property() src: string | null = null;
  /** Clusters CSV; used only with `src`. */
  @property({ attribute: 'clusters-src' }) clustersSrc: string | null = null;
  /** Comma-separated cluster ids to show. */
  @property() clusters: string | null = null;
  @property() from: string | null = null;
  @property() to: string | null = null;
  @property({ converter: langConverter }) override lang: Lang = 'en';

  @state() private load: LoadState = { kind: 'loading' };
  @state() private selectedId: string | null = null;

  /** The src / clusters-src pair the current (or in-flight) load is for; null forces a new load. */
  private loadKey: string | null = null;
  private controller: AbortController | null = null;

  // Derived in willUpdate, so the chart gets the same arrays until their inputs change.
  private shownClusters: readonly Cluster[] = [];
  private shownEvents: readonly TimelineEvent[] = [];
  private cutoff: SourceDate | null = null;
  private initialView: TimeRange | null = null;
  private notes: Note[] = [];
  private windowNotes: Note[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    // A load cut short by an earlier disconnect, or a src changed while away, starts now.
    if (this.hasUpdated && this.loadKey !== this.wantedKey) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.controller) {
      this.controller.abort();
      this.controller = null;
      this.loadKey = null;
    }
  }

  /**
   * With `lang="it"` the update waits for the Italian strings (in this single-file build they are
   * inside the file; elsewhere a chunk fetched once), so no English shows first; `updateComplete`
   * waits too. If they cannot be had the element renders in English.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!languageReady(this.lang)) await ensureLanguage(this.lang).catch((error: unknown) => console.error(error));
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // syncData may set `load`, which Lit records in this same `changed` map.
    if (this.isConnected) this.syncData();
    const loadChanged = changed.has('load');
    if (loadChanged) this.deriveCutoff();
    if (loadChanged || changed.has('from') || changed.has('to')) this.deriveWindow();
    if (loadChanged || changed.has('clusters') || changed.has('src') || changed.has('clustersSrc')) this.deriveLanes();
  }

  /** The load the attributes ask for; clusters-src counts only with src. */
  private get wantedKey(): string {
    return JSON.stringify([this.src, this.src === null ? null : this.clustersSrc]);
  }

  /** Starts loading when src or clusters-src changed since the last load. */
  private syncData(): void {
    const key = this.wantedKey;
    if (key === this.loadKey) return;
    this.loadKey = key;
    this.controller?.abort();
    this.controller = null;
    this.selectedId = null;

    if (this.src === null) {
      // Parsed per element: the bundled files are small, and no parsed state is shared between instances.
      this.load = {
        kind: 'ready',
        dataset: loadDataset(BUNDLED_INPUT),
        meta: readMetadata(BUNDLED_METADATA_JSON),
        origin: { events: null, clusters: null },
      };
      return;
    }
    const base = document.baseURI;
    const events = resolveDataUrl(this.src, base, 'src');
    if (!events.ok) return void (this.load = { kind: 'refused', problem: events.problem });
    const clusters = this.clustersSrc === null ? null : resolveDataUrl(this.clustersSrc, base, 'clusters-src');
    if (clusters && !clusters.ok) return void (this.load = { kind: 'refused', problem: clusters.problem });
    const origin: DataOrigin = {
      events: { url: events.url, name: fileNameOf(events.url) },
      clusters: clusters ? { url: clusters.url, name: fileNameOf(clusters.url) } : null,
    };
    const controller = new AbortController();
    this.controller = controller;
    this.load = { kind: 'loading' };
    void this.fetchData(origin, controller);
  }

  private async fetchData(origin: DataOrigin, controller: AbortController): Promise<void> {
    const { signal } = controller;
    try {
      // fetchCsvText: cookies only to the page's own origin, size-limited, failures with codes (LoadError).
      const [eventsText, clustersText] = await Promise.all([
        fetchCsvText(origin.events!.url, signal),
        origin.clusters ? fetchCsvText(origin.clusters.url, signal) : Promise.resolve(null),
      ]);
      if (signal.aborted) return;
      // Parsed on the main thread: embeds show small files, and a worker would need its own
      // script URL, which a host page's CSP may not allow.
      const dataset = loadDataset({
        events: { name: origin.events!.name, text: eventsText },
        ...(origin.clusters && clustersText !== null ? { clusters: { name: origin.clusters.name, text: clustersText } } : {}),
      });
      this.load = { kind: 'ready', dataset, meta: EMPTY_META, origin };
    } catch (error) {
      if (signal.aborted) return;
      this.load = { kind: 'failed', error };
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  /** The whole data's cut-off, not that of the clusters shown: open ends stop at the same place in every view. */
  private deriveCutoff(): void {
    const load = this.load;
    this.cutoff = load.kind === 'ready' ? dataCutoffDate(load.dataset.events, load.meta.cutoff) : null;
  }

  private deriveWindow(): void {
    this.windowNotes = [];
    const load = this.load;
    if (load.kind !== 'ready') {
      this.initialView = null;
      return;
    }
    const window = parseWindowAttributes(this.from, this.to);
    this.windowNotes = window.issues.map((issue) => ({ kind: 'window', issue }));
    const declared = load.meta.view;
    const extent = dataExtent(load.dataset.events, this.cutoff?.latest ?? dataCutoff(load.dataset.events));
    // A new array only when the window really changed: the chart re-opens on every new initial view.
    this.initialView = initialWindow(window, declared ? [declared.from.earliest, declared.to.latest] : null, extent);
  }

  private deriveLanes(): void {
    const notes: Note[] = [];
    if (this.src === null && this.clustersSrc !== null) notes.push({ kind: 'clusters-src-ignored' });
    const load = this.load;
    if (load.kind !== 'ready') {
      this.notes = notes;
      this.shownClusters = [];
      this.shownEvents = [];
      return;
    }
    const { dataset } = load;
    const selection = selectClusters(parseClusterList(this.clusters), dataset.clusters);
    if (selection.unknown.length > 0) notes.push({ kind: 'unknown-clusters', ids: selection.unknown });
    const ids = selection.ids;
    this.shownClusters = ids === null ? dataset.clusters : dataset.clusters.filter((c) => ids.includes(c.id));
    this.shownEvents = applyFilters(dataset.events, { ...NO_FILTERS, clusters: ids }, this.cutoff?.latest ?? dataCutoff(dataset.events));
    this.notes = notes;
  }

  private noteText(note: Note): string {
    switch (note.kind) {
      case 'clusters-src-ignored':
        return embedMsg(this.lang, 'clustersSrcIgnored');
      case 'unknown-clusters':
        return embedMsg(this.lang, 'unknownClusters', { ids: note.ids.join(', ') });
      case 'window':
        return describeWindowIssue(note.issue, this.lang);
    }
  }

  override render() {
    const lang = this.lang;
    const notes = [...this.notes, ...this.windowNotes];
    return html`<div class="frame">
      ${notes.length ? html`<ul class="notes" role="note">${notes.map((n) => html`<li>${this.noteText(n)}</li>`)}</ul>` : nothing}
      ${this.renderBody(lang)}
    </div>`;
  }

  private renderBody(lang: Lang) {
    const load = this.load;
    switch (load.kind) {
      case 'loading':
        return html`<p class="status" role="status">${embedMsg(lang, 'loading')}</p>`;
      case 'refused':
        return html`<p class="error" role="alert">${embedMsg(lang, 'refused', { reason: describeUrlProblem(load.problem, lang) })}</p>`;
      case 'failed':
        return html`<p class="error" role="alert">${embedMsg(lang, 'loadFailed', { reason: formatLoadError(load.error, lang) })}</p>`;
      case 'ready':
        return html`
          <tl-timeline
            .clusters=${this.shownClusters}
            .allClusters=${load.dataset.clusters}
            .events=${this.shownEvents}
            .cutoff=${this.cutoff}
            .initialView=${this.initialView}
            .selectedId=${this.selectedId}
            lang=${lang}
            @tl-event-select=${(e: CustomEvent<{ id: string | null }>) => (this.selectedId = e.detail.id)}
          ></tl-timeline>
          ${this.renderCaption(load.meta, load.origin, lang)} ${this.renderProblems(load.dataset, lang)}
        `;
    }
  }

  private renderCaption(meta: DatasetMeta, origin: DataOrigin, lang: Lang) {
    const link = (url: string, text: string) =>
      isHttpUrl(url) ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${text}</a>` : text;
    if (origin.events) {
      const files = [origin.events, origin.clusters].filter((f): f is { url: string; name: string } => f !== null);
      return html`<p class="caption">
        <span class="title">${msg(lang, 'appTitle')}</span> · ${embedMsg(lang, 'data')}:
        ${files.map((f, i) => html`${i > 0 ? ', ' : ''}${link(f.url, f.name)}`)}
      </p>`;
    }
    const report = meta.report;
    const details = report ? [report.publisher, report.date].filter((part) => part !== '').join(', ') : '';
    return html`<p class="caption">
      <span class="title">${meta.title ?? msg(lang, 'appTitle')}</span>${report
        ? html` · ${embedMsg(lang, 'source')}: ${report.url ? link(report.url, report.title) : report.title}${details ? ` (${details})` : ''}`
        : nothing}
    </p>`;
  }

  private renderProblems(dataset: Dataset, lang: Lang) {
    const problems = dataset.problems;
    if (problems.length === 0) return nothing;
    return html`<details class="problems">
      <summary>${problemSummary(problems, lang)}</summary>
      <div class="scroller">
        <table>
          <thead>
            <tr>
              <th scope="col">${embedMsg(lang, 'problemFile')}</th>
              <th scope="col">${embedMsg(lang, 'problemRow')}</th>
              <th scope="col">${embedMsg(lang, 'problemColumn')}</th>
              <th scope="col">${embedMsg(lang, 'problemMessage')}</th>
            </tr>
          </thead>
          <tbody>
            ${problems.map(
              (p) => html`<tr>
                <td>${p.file}</td>
                <td>${p.row ?? embedMsg(lang, 'wholeFile')}</td>
                <td>${p.column ?? '—'}</td>
                <td class="message">${formatProblem(p, lang)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }
}

// Loading the script twice (or two copies of it) must not throw.
if (!customElements.get('cluster-timeline')) customElements.define('cluster-timeline', ClusterTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'cluster-timeline': ClusterTimeline;
  }
}
