import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { clusterColor } from '../../chart/glyphs';
import { parseSourceDate, type DateReason, type Lang, type SourceDate } from '../../model/dates';
import {
  activeFilters,
  CONFIDENCE_FILTERS,
  facetCounts,
  NO_FILTERS,
  removeFilter,
  type ActiveFilter,
  type AvailableValues,
  type ConfidenceFilter,
  type FilterState,
} from '../../model/filters';
import { CONTEXT_LANE, type Cluster, type TimelineEvent } from '../../model/types';
import { kindLabel, msg } from '../../i18n/messages';
import { clusterDisplayName } from '../../i18n/names';
import { afterNextPaint, completeWithDeferred } from '../after-paint';
import { tokens } from '../theme/tokens.styles';
import { filtersStyles } from './tl-filters.styles';

export interface FiltersChangeDetail {
  readonly filters: FilterState;
}
export interface WindowRequestDetail {
  readonly from: SourceDate;
  readonly to: SourceDate;
}
export interface ClusterOpenDetail {
  readonly clusterId: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-filters': TlFilters;
  }
  interface HTMLElementEventMap {
    'tl-filters-change': CustomEvent<FiltersChangeDetail>;
    'tl-window-request': CustomEvent<WindowRequestDetail>;
    'tl-in-view-change': CustomEvent<{ readonly inView: boolean }>;
    'tl-cluster-open': CustomEvent<ClusterOpenDetail>;
  }
}

const FACETS_SHOWN = 10;

/**
 * The filter controls. It holds no filter state of its own: it shows `filters` and asks for
 * changes with events, so the app's one filtering function stays the single source of truth.
 *
 * @fires tl-filters-change - the user changed a filter
 * @fires tl-window-request - the user typed a window into the from/to fields
 * @fires tl-in-view-change - the "only rows in view" switch changed
 * @fires tl-cluster-open - the user asked for a cluster's detail panel
 */
@customElement('tl-filters')
export class TlFilters extends LitElement {
  static override styles = [tokens, filtersStyles];

  @property({ attribute: false }) clusters: readonly Cluster[] = [];
  /** Every loaded event: counts and facets are over all of them. */
  @property({ attribute: false }) events: readonly TimelineEvent[] = [];
  @property({ attribute: false }) filters: FilterState = NO_FILTERS;
  @property({ type: Number }) shown = 0;
  @property({ type: Boolean }) inView = false;
  /** The visible window in the CSV date syntax, kept in step with zooming. */
  @property() windowFrom = '';
  @property() windowTo = '';
  @property() override lang: Lang = 'en';

  @state() private showAllTools = false;
  @state() private showAllTechniques = false;
  @state() private windowError = '';
  /** Counts the window form's submissions, so a late date error never replaces a newer outcome. */
  private windowChecks = 0;
  /** On a narrow screen the controls start folded away so the chart comes first; counts, chips and Reset stay visible. */
  @state() private expanded = typeof matchMedia === 'function' ? matchMedia('(min-width: 1100px)').matches : true;

  // Derived from the data once per load, not on every render (the window fields re-render while zooming).
  private available: AvailableValues = { clusters: [], kinds: [] };
  private clusterCounts = new Map<string, number>();
  private facets: Record<'tools' | 'techniques', { value: string; count: number }[]> = { tools: [], techniques: [] };

  /** The events and clusters the card was last derived from. */
  private derivedFrom: { events: readonly TimelineEvent[]; clusters: readonly Cluster[] } | null = null;

  /**
   * New data reaches the card after the chart has been painted with it: the card keeps showing the
   * data it had (all of it, counts and window included) until then, and a big load's chart comes a
   * pass over every event sooner. The first data, before the card has ever rendered, is not held.
   */
  protected override async scheduleUpdate(): Promise<void> {
    const from = this.derivedFrom;
    if (this.hasUpdated && from && (from.events !== this.events || from.clusters !== this.clusters)) await afterNextPaint();
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!changed.has('events') && !changed.has('clusters')) return;
    this.derivedFrom = { events: this.events, clusters: this.clusters };
    const kinds = new Set<string>();
    this.clusterCounts = new Map();
    for (const event of this.events) {
      kinds.add(event.kind);
      this.clusterCounts.set(event.cluster, (this.clusterCounts.get(event.cluster) ?? 0) + 1);
    }
    const clusters = this.clusters.map((c) => c.id);
    if (this.clusterCounts.has(CONTEXT_LANE)) clusters.push(CONTEXT_LANE);
    this.available = { clusters, kinds: [...kinds] };
    // Counting every event's tools and techniques is a noticeable part of a big load: the facets
    // follow once the chart has been painted (until then the card shows no facet lists).
    if (!this.hasUpdated) this.countFacets();
    else {
      this.facets = { tools: [], techniques: [] };
      const counted: Promise<void> = afterNextPaint().then(() => {
        if (this.facetsCounted !== counted) return;
        this.facetsCounted = null;
        this.countFacets();
        this.requestUpdate();
      });
      this.facetsCounted = counted;
    }
  }

  private facetsCounted: Promise<void> | null = null;

  private countFacets(): void {
    this.facets = { tools: facetCounts(this.events, 'tools'), techniques: facetCounts(this.events, 'techniques') };
  }

  protected override getUpdateComplete(): Promise<boolean> {
    return completeWithDeferred(() => super.getUpdateComplete(), () => this.facetsCounted);
  }

  private emit(filters: FilterState): void {
    this.dispatchEvent(new CustomEvent('tl-filters-change', { detail: { filters }, bubbles: true, composed: true }));
  }

  private toggleIn(list: readonly string[] | null, all: readonly string[], value: string, on: boolean): string[] | null {
    const current = list ?? all;
    const next = on ? [...new Set([...current, value])] : current.filter((v) => v !== value);
    // Everything shown again is the same as no filter, which keeps URLs short.
    return all.every((v) => next.includes(v)) ? null : all.filter((v) => next.includes(v));
  }

  private handleCluster(id: string, on: boolean): void {
    this.emit({ ...this.filters, clusters: this.toggleIn(this.filters.clusters, this.available.clusters, id, on) });
  }

  private handleKind(kind: string, on: boolean): void {
    this.emit({ ...this.filters, kinds: this.toggleIn(this.filters.kinds, this.available.kinds, kind, on) });
  }

  private handleConfidence(level: ConfidenceFilter, on: boolean): void {
    const next = this.toggleIn(this.filters.confidence, CONFIDENCE_FILTERS, level, on);
    this.emit({ ...this.filters, confidence: next as ConfidenceFilter[] | null });
  }

  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  private handleSearch(value: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.emit({ ...this.filters, query: value }), 200);
  }

  private toggleFacet(field: 'tools' | 'techniques', value: string): void {
    const list = this.filters[field];
    const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
    this.emit({ ...this.filters, [field]: next });
  }

  private handleWindowSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fromText = (form.elements.namedItem('from') as HTMLInputElement).value;
    const toText = (form.elements.namedItem('to') as HTMLInputElement).value;
    const from = parseSourceDate(fromText);
    const to = parseSourceDate(toText);
    this.windowChecks++;
    if (!from.ok) return this.showDateError('filtersFrom', from);
    if (!to.ok) return this.showDateError('filtersTo', to);
    if (to.value.latest <= from.value.earliest) return void (this.windowError = msg(this.lang, 'windowOrder'));
    this.windowError = '';
    this.dispatchEvent(new CustomEvent('tl-window-request', { detail: { from: from.value, to: to.value }, bubbles: true, composed: true }));
  }

  /** Why a window field is not a date; the wording (src/i18n/date-reason-messages.ts) loads with the first such error. */
  private showDateError(field: 'filtersFrom' | 'filtersTo', reason: DateReason): void {
    const check = this.windowChecks;
    void import('../../i18n/date-reason-messages').then(({ formatDateReason }) => {
      if (check !== this.windowChecks) return; // the fields were submitted again meanwhile
      this.windowError = msg(this.lang, 'windowInvalid', { field: msg(this.lang, field), reason: formatDateReason(reason, this.lang) });
    });
  }

  private chipText(filter: ActiveFilter): string {
    switch (filter.kind) {
      case 'cluster':
        return msg(this.lang, 'filtersHidden', { value: this.clusterName(filter.value) });
      case 'kind':
        return msg(this.lang, 'filtersHidden', { value: kindLabel(this.lang, filter.value) });
      case 'confidence':
        return msg(this.lang, 'filtersHidden', { value: `${msg(this.lang, 'colConfidence').toLowerCase()} ${msg(this.lang, `confidence_${filter.value as ConfidenceFilter}`)}` });
      case 'query':
        return msg(this.lang, 'filtersSearchChip', { value: filter.value });
      case 'window':
        return msg(this.lang, 'filtersWindowChip');
      default:
        return filter.value;
    }
  }

  private clusterName(id: string): string {
    return clusterDisplayName(id, this.clusters, this.lang);
  }

  private removeChip(filter: ActiveFilter): void {
    if (filter.kind === 'window') {
      this.dispatchEvent(new CustomEvent('tl-in-view-change', { detail: { inView: false }, bubbles: true, composed: true }));
      return;
    }
    this.emit(removeFilter(this.filters, filter, this.available));
  }

  private reset(): void {
    this.emit(NO_FILTERS);
    if (this.inView) this.dispatchEvent(new CustomEvent('tl-in-view-change', { detail: { inView: false }, bubbles: true, composed: true }));
  }

  override render() {
    const lang = this.lang;
    const available = this.available;
    const active = activeFilters({ ...this.filters, window: this.inView ? { from: 0, to: 1 } : null }, available);
    const counts = this.clusterCounts;
    return html`
      <section class="filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">${msg(lang, 'filtersHeading')}</h2>
        <div class="status-row">
          <p class="shown" role="status">${msg(lang, 'filtersShown', { shown: this.shown, total: this.events.length })}</p>
          <button type="button" class="reset" @click=${this.reset} ?disabled=${active.length === 0}>${msg(lang, 'filtersReset')}</button>
        </div>
        ${active.length
          ? html`<ul class="chips" aria-label=${msg(lang, 'filtersActive')}>
              ${active.map(
                (filter) => html`<li>
                  <button type="button" class="chip" aria-label=${msg(lang, 'filtersRemove', { filter: this.chipText(filter) })} @click=${() => this.removeChip(filter)}>
                    ${this.chipText(filter)} <span aria-hidden="true">×</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : html`<p class="none">${msg(lang, 'filtersNone')}</p>`}

        <details ?open=${this.expanded} @toggle=${(e: Event) => (this.expanded = (e.target as HTMLDetailsElement).open)}>
        <summary>${msg(lang, 'filtersShowFilters')}</summary>
        <fieldset>
          <legend>${msg(lang, 'filtersClusters')}</legend>
          ${available.clusters.map((id) => {
            const index = this.clusters.findIndex((c) => c.id === id);
            const color = id === CONTEXT_LANE ? 'var(--tl-context)' : clusterColor(index, this.clusters[index]?.color ?? null);
            const checked = this.filters.clusters === null || this.filters.clusters.includes(id);
            const name = this.clusterName(id);
            return html`<div class="cluster-row">
              <label>
                <input type="checkbox" .checked=${checked} @change=${(e: Event) => this.handleCluster(id, (e.target as HTMLInputElement).checked)} />
                <svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill=${color}></rect></svg>
                <span>${name}</span>
                <span class="count">${msg(lang, 'filtersCount', { count: counts.get(id) ?? 0 })}</span>
              </label>
              ${id !== CONTEXT_LANE
                ? html`<button type="button" class="info" aria-label=${msg(lang, 'filtersOpenPanel', { cluster: name })} title=${msg(lang, 'filtersOpenPanel', { cluster: name })}
                    @click=${() => this.dispatchEvent(new CustomEvent('tl-cluster-open', { detail: { clusterId: id }, bubbles: true, composed: true }))}>
                    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5"></circle><rect x="7.1" y="7" width="1.8" height="5" fill="currentColor"></rect><circle cx="8" cy="4.6" r="1.1" fill="currentColor"></circle></svg>
                  </button>`
                : nothing}
            </div>`;
          })}
        </fieldset>

        <fieldset>
          <legend>${msg(lang, 'filtersKinds')}</legend>
          <div class="grid">
            ${available.kinds.map(
              (kind) => html`<label>
                <input type="checkbox" .checked=${this.filters.kinds === null || this.filters.kinds.includes(kind)} @change=${(e: Event) => this.handleKind(kind, (e.target as HTMLInputElement).checked)} />
                ${kindLabel(lang, kind)}
              </label>`,
            )}
          </div>
        </fieldset>

        <fieldset>
          <legend>${msg(lang, 'filtersConfidence')}</legend>
          <div class="grid">
            ${CONFIDENCE_FILTERS.map(
              (level) => html`<label>
                <input type="checkbox" .checked=${this.filters.confidence === null || this.filters.confidence.includes(level)} @change=${(e: Event) => this.handleConfidence(level, (e.target as HTMLInputElement).checked)} />
                ${msg(lang, `confidence_${level}`)}
              </label>`,
            )}
          </div>
        </fieldset>

        <fieldset>
          <legend>${msg(lang, 'filtersWindow')}</legend>
          <form class="window" @submit=${this.handleWindowSubmit} novalidate>
            <label>${msg(lang, 'filtersFrom')} <input name="from" .value=${this.windowFrom} autocomplete="off" spellcheck="false" aria-describedby="date-hint" /></label>
            <label>${msg(lang, 'filtersTo')} <input name="to" .value=${this.windowTo} autocomplete="off" spellcheck="false" aria-describedby="date-hint" /></label>
            <button type="submit">${msg(lang, 'filtersApplyWindow')}</button>
          </form>
          <p id="date-hint" class="hint">${msg(lang, 'filtersDateHint')}</p>
          ${this.windowError ? html`<p class="error" role="alert">${this.windowError}</p>` : nothing}
          <label class="switch">
            <input type="checkbox" role="switch" .checked=${this.inView}
              @change=${(e: Event) => this.dispatchEvent(new CustomEvent('tl-in-view-change', { detail: { inView: (e.target as HTMLInputElement).checked }, bubbles: true, composed: true }))} />
            ${msg(lang, 'filtersInView')}
          </label>
        </fieldset>

        <fieldset>
          <legend><label for="search">${msg(lang, 'filtersSearch')}</label></legend>
          <input id="search" type="search" .value=${this.filters.query} placeholder=${msg(lang, 'filtersSearchHint')} aria-describedby="search-hint"
            @input=${(e: Event) => this.handleSearch((e.target as HTMLInputElement).value)} />
          <p id="search-hint" class="hint">${msg(lang, 'filtersSearchHint')}</p>
        </fieldset>

        ${this.renderFacet('tools', msg(lang, 'filtersTools'), this.showAllTools, () => (this.showAllTools = !this.showAllTools))}
        ${this.renderFacet('techniques', msg(lang, 'filtersTechniques'), this.showAllTechniques, () => (this.showAllTechniques = !this.showAllTechniques))}
        </details>
      </section>
    `;
  }

  private renderFacet(field: 'tools' | 'techniques', title: string, showAll: boolean, toggle: () => void) {
    const values = this.facets[field];
    if (values.length === 0) return nothing;
    const selected = this.filters[field];
    const visible = showAll ? values : values.filter((v, i) => i < FACETS_SHOWN || selected.includes(v.value));
    return html`<fieldset>
      <legend>${title}</legend>
      <ul class="facets">
        ${visible.map(
          (v) => html`<li>
            <button type="button" class="facet" aria-pressed=${selected.includes(v.value) ? 'true' : 'false'} @click=${() => this.toggleFacet(field, v.value)}>
              ${v.value} <span class="count">${v.count}</span>
            </button>
          </li>`,
        )}
      </ul>
      ${values.length > FACETS_SHOWN
        ? html`<button type="button" class="more" aria-expanded=${showAll ? 'true' : 'false'} @click=${toggle}>
            ${showAll ? msg(this.lang, 'filtersShowFewer') : msg(this.lang, 'filtersShowMore', { count: values.length })}
          </button>`
        : nothing}
    </fieldset>`;
  }
}
