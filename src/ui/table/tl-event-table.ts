import { html, LitElement, nothing, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateRange, type Lang } from '../../model/dates';
import type { Cluster, TimelineEvent } from '../../model/types';
import { kindLabel, msg } from '../../i18n/messages';
import { clusterDisplayName } from '../../i18n/names';
import { tableStyles } from '../theme/table.styles';
import { tokens } from '../theme/tokens.styles';

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
    `,
  ];

  @property({ attribute: false }) events: readonly TimelineEvent[] = [];
  @property({ attribute: false }) clusters: readonly Cluster[] = [];
  @property() override lang: Lang = 'en';
  @property({ attribute: false }) selectedId: string | null = null;

  private clusterName(id: string): string {
    return clusterDisplayName(id, this.clusters, this.lang);
  }

  override render() {
    const rows = [...this.events].sort((a, b) => a.start.earliest - b.start.earliest || a.row - b.row);
    return html`<div class="scroller">
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
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-event-table': TlEventTable;
  }
}
