import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateRange, type Lang } from '../../model/dates';
import { orderByKey } from '../../model/order';
import type { Cluster, TimelineEvent } from '../../model/types';
import { kindLabel, msg } from '../../i18n/messages';
import { clusterDisplayName } from '../../i18n/names';
import { tableStyles } from '../theme/table.styles';
import { tokens } from '../theme/tokens.styles';
import { afterNextPaint, completeWithDeferred } from '../after-paint';

/** Rows per page: enough to read on, few enough that a 100,000-row file does not flood the page. */
const PAGE_SIZE = 200;

/**
 * The table view: every event the chart holds, one row each, in time order. It is the
 * chart's text equivalent, so zooming never hides a row from it.
 */
@customElement('tl-event-table')
export class TlEventTable extends LitElement {
  static override styles = [
    tokens,
    tableStyles,
    css`
      /* A page of rows below the chart is laid out and painted only when it nears the screen: it
         does not hold up the chart's first paint. The size is a placeholder until then. */
      .scroller {
        content-visibility: auto;
        contain-intrinsic-size: auto 60rem;
      }
      caption {
        text-align: left;
        color: var(--tl-muted);
        padding-bottom: 0.4rem;
      }
      td.date {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      tr.selected {
        background: var(--tl-overlap);
      }
      .tag {
        display: inline-block;
        margin-left: 0.35rem;
        padding: 0 0.35rem;
        border: 1px solid currentColor;
        border-radius: 4px;
        font-size: 0.75rem;
        color: var(--tl-warning);
      }
      .muted {
        color: var(--tl-muted);
      }
      .title {
        white-space: pre-line;
      }
      .pager {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        margin: 0.4rem 0;
        font-variant-numeric: tabular-nums;
      }
      button:disabled {
        opacity: 0.5;
        cursor: default;
      }
    `,
  ];

  @property({ attribute: false }) events: readonly TimelineEvent[] = [];
  @property({ attribute: false }) clusters: readonly Cluster[] = [];
  @property() override lang: Lang = 'en';
  @property({ attribute: false }) selectedId: string | null = null;

  /** The first row shown, a multiple of PAGE_SIZE: long tables are paged, never rendered whole. */
  @state() private offset = 0;
  private sorted: readonly TimelineEvent[] = [];
  /**
   * New data's rows wait until the frame after next has begun: the chart above them is painted
   * first, and the page of rows (hundreds of cells, below the fold) follows. updateComplete waits
   * for them too.
   */
  @state() private rowsWaiting = false;
  private rowsReady: Promise<void> | null = null;

  protected override getUpdateComplete(): Promise<boolean> {
    return completeWithDeferred(() => super.getUpdateComplete(), () => this.rowsReady);
  }

  /** Sorting waits as well: for 10,000 rows it is a noticeable part of the work before the chart's first paint. */
  private showRowsAfterPaint(): void {
    this.rowsWaiting = true;
    const ready: Promise<void> = afterNextPaint().then(() => {
      if (this.rowsReady !== ready) return;
      this.rowsReady = null;
      this.sortRows();
      this.rowsWaiting = false;
    });
    this.rowsReady = ready;
  }

  private sortRows(): void {
    this.sorted = byStart(this.events);
    this.pageToSelection();
  }

  /** A selection elsewhere brings its row's page into view. */
  private pageToSelection(): void {
    if (!this.selectedId) return;
    const index = this.sorted.findIndex((e) => e.id === this.selectedId);
    if (index >= 0) this.offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
  }

  private clusterName(id: string): string {
    return clusterDisplayName(id, this.clusters, this.lang);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('events')) {
      this.offset = 0;
      if (this.hasUpdated) this.showRowsAfterPaint();
      else this.sortRows();
    } else if (changed.has('selectedId') && !this.rowsWaiting) this.pageToSelection();
  }

  private turnPage(event: Event, offset: number): void {
    const button = event.currentTarget as HTMLButtonElement;
    const hadFocus = (this.renderRoot as ShadowRoot).activeElement === button;
    this.offset = offset;
    // On the first or last page the pressed button is disabled, which would drop focus to the top of the page.
    if (hadFocus) void this.updateComplete.then(() => button.disabled && button.parentElement?.querySelector<HTMLButtonElement>('button:enabled')?.focus());
  }

  private renderPager(position: 'top' | 'bottom') {
    const total = this.events.length;
    if (total <= PAGE_SIZE) return nothing;
    const last = Math.min(total, this.offset + PAGE_SIZE);
    const range = msg(this.lang, 'tableRange', { from: this.offset + 1, to: last, total });
    // Two landmarks of one name would be one place twice to someone moving by landmarks.
    return html`<nav class="pager" aria-label=${msg(this.lang, position === 'top' ? 'tablePages' : 'tablePagesBottom')}>
      <button type="button" ?disabled=${this.offset === 0} @click=${(e: Event) => this.turnPage(e, Math.max(0, this.offset - PAGE_SIZE))}>${msg(this.lang, 'tablePrevious')}</button>
      <span role=${position === 'top' ? 'status' : nothing}>${range}</span>
      <button type="button" ?disabled=${last >= total} @click=${(e: Event) => this.turnPage(e, this.offset + PAGE_SIZE)}>${msg(this.lang, 'tableNext')}</button>
    </nav>`;
  }

  override render() {
    const rows = this.rowsWaiting ? [] : this.sorted.slice(this.offset, this.offset + PAGE_SIZE);
    return html`${this.renderPager('top')}<div class="scroller">
      <table>
        <caption>${msg(this.lang, 'tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg(this.lang, 'colCluster')}</th>
            <th scope="col">${msg(this.lang, 'colKind')}</th>
            <th scope="col">${msg(this.lang, 'colDate')}</th>
            <th scope="col">${msg(this.lang, 'colTitle')}</th>
            <th scope="col">${msg(this.lang, 'colConfidence')}</th>
            <th scope="col">${msg(this.lang, 'colSource')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (event) => html`<tr class=${event.id === this.selectedId ? 'selected' : ''} data-id=${event.id}>
              <td>${this.clusterName(event.cluster)}</td>
              <td>${kindLabel(this.lang, event.kind)}</td>
              <td class="date">${formatDateRange(event.start, event.end, this.lang)}</td>
              <th scope="row" class="title">${event.title}${event.contested ? html`<span class="tag">${msg(this.lang, 'contested')}</span>` : nothing}</th>
              <td>${event.confidence ? msg(this.lang, `confidence_${event.confidence}`) : html`<span class="muted">${msg(this.lang, 'unstated')}</span>`}</td>
              <td>${event.sourceUrl
                ? html`<a href=${event.sourceUrl} target="_blank" rel="noopener noreferrer">${event.sourceTitle || new URL(event.sourceUrl).hostname}</a>`
                : event.sourceTitle || html`<span class="muted">${msg(this.lang, 'noSource')}</span>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>${this.renderPager('bottom')}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-event-table': TlEventTable;
  }
}

/** Events by start, then by row (the keys are read once, not in every comparison). */
function byStart(events: readonly TimelineEvent[]): TimelineEvent[] {
  const inRowOrder = events.every((e, i) => i === 0 || events[i - 1]!.row <= e.row);
  const rows = inRowOrder ? events : [...events].sort((a, b) => a.row - b.row);
  return Array.from(orderByKey(Float64Array.from(rows, (e) => e.start.earliest)), (i) => rows[i]!);
}
