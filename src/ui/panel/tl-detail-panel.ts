import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../model/dates';
import type { Cluster, TimelineEvent } from '../../model/types';
import { EMPTY_META, type DatasetMeta } from '../../io/dataset-meta';
import { panelMsg } from '../../i18n/panel-messages';
import { tokens } from '../theme/tokens.styles';
import type { EventSelectDetail } from '../timeline/tl-timeline';
import {
  aboutPanelContent,
  clusterPanelContent,
  eventPanelContent,
  type AboutPanelContent,
  type ClusterPanelContent,
  type EventPanelContent,
  type PanelLink,
} from './panel-content';
import { panelStyles } from './tl-detail-panel.styles';

/** What the panel shows: one cluster, one event, the dataset's description, or nothing. */
export type PanelView = { kind: 'cluster'; clusterId: string } | { kind: 'event'; eventId: string } | { kind: 'about' } | null;

declare global {
  interface HTMLElementTagNameMap {
    'tl-detail-panel': TlDetailPanel;
  }
  interface HTMLElementEventMap {
    'tl-panel-close': CustomEvent<void>;
  }
}

/**
 * The detail panel: a region named by its heading that shows a cluster (attribution, periods,
 * tools, techniques, overlaps, events, sources), one event, or "About this data". All text goes
 * through Lit bindings; links are http(s) only and open in a new tab.
 *
 * @fires tl-panel-close - the close button was pressed, or Escape inside the panel
 * @fires tl-event-select - one of the cluster's events was chosen in the list (detail: { id })
 */
@customElement('tl-detail-panel')
export class TlDetailPanel extends LitElement {
  static override styles = [tokens, panelStyles];

  @property({ attribute: false }) view: PanelView = null;
  @property({ attribute: false }) clusters: readonly Cluster[] = [];
  /** The rows the current filters show. */
  @property({ attribute: false }) events: readonly TimelineEvent[] = [];
  @property({ attribute: false }) meta: DatasetMeta = EMPTY_META;
  /** The name of a file the user loaded, e.g. 'my-report.csv'; null for the bundled data. */
  @property({ attribute: false }) sourceName: string | null = null;
  @property() override lang: Lang = 'en';

  /** Moves focus to the panel's heading (after any pending render), so the app can move focus in when the panel opens. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#panel-heading')?.focus();
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent<void>('tl-panel-close', { bubbles: true, composed: true }));
  }

  private selectEvent(id: string): void {
    this.dispatchEvent(new CustomEvent<EventSelectDetail>('tl-event-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private readonly handleKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    this.close();
  };

  override render() {
    const view = this.view;
    if (view === null) return nothing;
    let heading: string;
    let body: TemplateResult;
    if (view.kind === 'cluster') {
      const cluster = this.clusters.find((c) => c.id === view.clusterId);
      if (cluster) {
        const content = clusterPanelContent(cluster, this.clusters, this.events, this.meta, this.lang);
        heading = content.heading;
        body = this.renderCluster(content);
      } else {
        heading = panelMsg(this.lang, 'clusterMissingHeading');
        body = html`<p class="muted">${panelMsg(this.lang, 'clusterMissing')}</p>`;
      }
    } else if (view.kind === 'event') {
      const event = this.events.find((e) => e.id === view.eventId);
      if (event) {
        const content = eventPanelContent(event, this.clusters, this.lang);
        heading = content.heading;
        body = this.renderEvent(content);
      } else {
        heading = panelMsg(this.lang, 'eventMissingHeading');
        body = html`<p class="muted">${panelMsg(this.lang, 'eventMissing')}</p>`;
      }
    } else {
      heading = panelMsg(this.lang, 'aboutHeading');
      body = this.renderAbout(aboutPanelContent(this.meta, this.sourceName, this.lang));
    }
    return html`<section role="region" aria-labelledby="panel-heading" class="panel ${view.kind}" @keydown=${this.handleKeyDown}>
      <header>
        <h2 id="panel-heading" tabindex="-1">${heading}</h2>
        <button type="button" class="close" aria-label=${panelMsg(this.lang, 'close')} title=${panelMsg(this.lang, 'close')} @click=${this.close}>
          <span class="close-mark" aria-hidden="true">×</span>
        </button>
      </header>
      <div class="inner">${body}</div>
    </section>`;
  }

  private renderCluster(c: ClusterPanelContent): TemplateResult {
    const t = (key: Parameters<typeof panelMsg>[1]) => panelMsg(this.lang, key);
    return html`
      ${c.attributedTo
        ? html`<dl class="facts attribution">
            <dt>${t('attributedTo')}</dt>
            <dd class="actor">${c.attributedTo}</dd>
          </dl>`
        : nothing}
      <p class="confidence ${c.attributionContested ? 'contested' : ''}">${c.attributionConfidence}</p>
      ${section(t('aliases'), 'aliases', c.aliases.length ? inlineList(c.aliases) : null)}
      ${section(t('attackGroups'), 'groups', c.groups.length ? inlineList(c.groups) : null)}
      ${section(t('summary'), 'summary', c.summary ? html`<p>${c.summary}</p>` : null)}
      ${section(t('periodsHeading'), 'periods', c.periods.length ? plainList(c.periods) : null)}
      ${section(t('targets'), 'targets', c.targets.length ? inlineList(c.targets) : null)}
      ${section(t('tools'), 'tools', c.tools.length ? inlineList(c.tools) : null)}
      ${section(t('techniques'), 'techniques', c.techniques.length ? inlineList(c.techniques) : null)}
      ${section(t('cves'), 'cves', c.cves.length ? inlineList(c.cves) : null)}
      ${section(
        t('overlapsHeading'),
        'overlaps',
        c.overlaps.length ? plainList(c.overlaps) : html`<p class="muted">${t('noOverlaps')}</p>`,
      )}
      ${section(
        t('eventsHeading'),
        'events',
        c.events.length
          ? html`<ul class="events">
              ${c.events.map(
                (e) => html`<li>
                  <button type="button" data-id=${e.id} @click=${() => this.selectEvent(e.id)}>
                    <span class="event-date">${e.date}</span>
                    <span class="event-title">${e.title}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('noEvents')}</p>`,
      )}
      ${section(t('sourcesHeading'), 'sources', c.sources.length ? plainList(c.sources) : null)}
    `;
  }

  private renderEvent(c: EventPanelContent): TemplateResult {
    const t = (key: Parameters<typeof panelMsg>[1]) => panelMsg(this.lang, key);
    return html`
      <dl class="facts">
        <dt>${t('date')}</dt>
        <dd class="date">${c.date}</dd>
        <dt>${t('kind')}</dt>
        <dd class="kind">${c.kind}</dd>
        <dt>${t('cluster')}</dt>
        <dd class="cluster">${c.cluster}</dd>
        <dt>${t('confidence')}</dt>
        <dd class="confidence">${c.confidence}</dd>
      </dl>
      ${c.contested ? html`<p class="contested">${t('contestedNote')}</p>` : nothing}
      ${c.summary ? html`<p class="summary">${c.summary}</p>` : nothing}
      ${section(t('targets'), 'targets', c.targets.length ? inlineList(c.targets) : null)}
      ${section(t('tools'), 'tools', c.tools.length ? inlineList(c.tools) : null)}
      ${section(t('techniques'), 'techniques', c.techniques.length ? inlineList(c.techniques) : null)}
      ${section(t('cves'), 'cves', c.cves.length ? inlineList(c.cves) : null)}
      ${section(t('source'), 'source', c.source ? html`<p>${link(c.source)}</p>` : html`<p class="muted">${t('noSource')}</p>`)}
    `;
  }

  private renderAbout(c: AboutPanelContent): TemplateResult {
    const t = (key: Parameters<typeof panelMsg>[1]) => panelMsg(this.lang, key);
    return html`
      ${c.title ? html`<p class="dataset-title"><strong>${c.title}</strong></p>` : nothing}
      ${c.description ? html`<p class="description">${c.description}</p>` : nothing}
      ${c.note ? html`<p class="note muted">${c.note}</p>` : nothing}
      ${section(
        t('report'),
        'report',
        c.report ? html`<p>${link({ text: c.report.title, href: c.report.href })}${c.report.byline ? html`<br /><span class="muted">${c.report.byline}</span>` : nothing}</p>` : null,
      )}
      ${c.cutoff ? html`<p class="cutoff">${c.cutoff}</p>` : nothing}
      ${section(t('keyFinding'), 'key-finding', c.keyFinding ? html`<blockquote>${c.keyFinding}</blockquote>` : null)}
      ${section(
        c.hypothesesHeading,
        'hypotheses',
        c.hypotheses.length ? html`<ol>${c.hypotheses.map((h) => html`<li>${h}</li>`)}</ol>` : null,
      )}
      ${section(t('sourcesHeading'), 'sources', c.sources.length ? plainList(c.sources) : null)}
      ${section(t('licenses'), 'licenses', c.licenses.length ? plainList(c.licenses) : null)}
    `;
  }
}

/** A titled block, left out entirely when it has nothing to show. */
function section(title: string, name: string, content: TemplateResult | null): TemplateResult | typeof nothing {
  if (content === null) return nothing;
  return html`<div class="block ${name}"><h3>${title}</h3>${content}</div>`;
}

function link(item: PanelLink | string): TemplateResult | string {
  if (typeof item === 'string' || item.href === null) return typeof item === 'string' ? item : item.text;
  return html`<a href=${item.href} target="_blank" rel="noopener noreferrer">${item.text}</a>`;
}

function inlineList(items: readonly (PanelLink | string)[]): TemplateResult {
  return html`<ul class="inline">${items.map((item) => html`<li>${link(item)}</li>`)}</ul>`;
}

function plainList(items: readonly (PanelLink | string)[]): TemplateResult {
  return html`<ul>${items.map((item) => html`<li>${link(item)}</li>`)}</ul>`;
}
