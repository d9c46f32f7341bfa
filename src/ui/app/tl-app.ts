import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TimeRange } from '../../chart/view';
import type { Lang } from '../../model/dates';
import type { Dataset } from '../../model/types';
import type { DatasetMeta } from '../../io/metadata';
import { EMPTY_META } from '../../io/metadata';
import { msg } from '../../i18n/messages';
import { tokens } from '../shared/tokens.styles';
import { appStyles } from './tl-app.styles';
import '../timeline/tl-timeline';
import '../table/tl-event-table';
import '../problems/tl-problems';

const EMPTY_DATASET: Dataset = { clusters: [], events: [], problems: [] };

/**
 * The application shell: header, timeline, the table view of the same rows and the load problems.
 * It owns the loaded data and the selection; the pieces below only display and report.
 */
@customElement('tl-app')
export class TlApp extends LitElement {
  static override styles = [tokens, appStyles];

  @property({ attribute: false }) data: Dataset = EMPTY_DATASET;
  @property({ attribute: false }) meta: DatasetMeta = EMPTY_META;
  @property() override lang: Lang = 'en';
  @state() private selectedId: string | null = null;

  private get initialView(): TimeRange | null {
    const view = this.meta.view;
    return view ? [view.from.earliest, view.to.latest] : null;
  }

  override render() {
    const { data: dataset, meta, lang } = this;
    const report = meta.report;
    const clusterCount = dataset.clusters.length;
    return html`
      <a class="skip" href="#events">${msg(lang, 'skipToTable')}</a>
      <header>
        <h1>${meta.title ?? msg(lang, 'appTitle')}</h1>
        ${report
          ? html`<p class="report">
              ${report.url
                ? html`<a href=${report.url} target="_blank" rel="noopener noreferrer">${report.title}</a>`
                : report.title}
              — ${report.publisher}${report.date ? `, ${report.date}` : ''}
            </p>`
          : nothing}
        <p class="counts">${msg(lang, 'eventsCount', { count: dataset.events.length, clusters: clusterCount })}</p>
      </header>
      <main>
        <section class="card" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" class="visually-hidden">${msg(lang, 'timelineHeading')}</h2>
          <tl-timeline
            .clusters=${dataset.clusters}
            .events=${dataset.events}
            .cutoff=${meta.cutoff}
            .initialView=${this.initialView}
            .selectedId=${this.selectedId}
            lang=${lang}
            @tl-event-select=${(e: CustomEvent<{ id: string | null }>) => (this.selectedId = e.detail.id)}
          ></tl-timeline>
        </section>
        <section class="card" id="events" aria-labelledby="events-heading">
          <h2 id="events-heading">${msg(lang, 'tableHeading')}</h2>
          <tl-event-table .events=${dataset.events} .clusters=${dataset.clusters} .selectedId=${this.selectedId} lang=${lang}></tl-event-table>
        </section>
        <section class="card" aria-labelledby="problems-heading">
          <h2 id="problems-heading">${msg(lang, 'problemsHeading')}</h2>
          <tl-problems .problems=${dataset.problems} lang=${lang}></tl-problems>
        </section>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-app': TlApp;
  }
}
