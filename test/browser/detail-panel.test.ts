import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from '../../src/data/bundled';
import { loadDataset } from '../../src/io/load';
import { EMPTY_META, readMetadata } from '../../src/io/metadata';
import type { Lang } from '../../src/model/dates';
import type { PanelView, TlDetailPanel } from '../../src/ui/panel/tl-detail-panel';
import '../../src/ui/panel/tl-detail-panel';

const dataset = loadDataset(BUNDLED_INPUT);
const meta = readMetadata(BUNDLED_METADATA_JSON);

async function mount(view: PanelView, lang: Lang = 'en', options: { meta?: typeof meta; sourceName?: string | null } = {}): Promise<TlDetailPanel> {
  const el = await fixture<TlDetailPanel>(html`<tl-detail-panel
    lang=${lang}
    .view=${view}
    .clusters=${dataset.clusters}
    .events=${dataset.events}
    .meta=${options.meta ?? meta}
    .sourceName=${options.sourceName ?? null}
  ></tl-detail-panel>`);
  await el.updateComplete;
  return el;
}

const root = (el: TlDetailPanel) => el.shadowRoot!;

/** The region's accessible name, read through its aria-labelledby. */
function regionName(el: TlDetailPanel): string {
  const region = root(el).querySelector('section[role="region"]')!;
  const id = region.getAttribute('aria-labelledby')!;
  return root(el).getElementById(id)!.textContent!.trim();
}

describe('<tl-detail-panel>', () => {
  it('renders nothing when there is no view', async () => {
    const el = await mount(null);
    expect(root(el).querySelector('section')).to.equal(null);
  });

  it('names the cluster B region by its heading and shows attribution, ATT&CK group and sources', async () => {
    const el = await mount({ kind: 'cluster', clusterId: 'B' });
    expect(regionName(el)).to.equal('Cluster B — Naikon APT');
    const group = root(el).querySelector<HTMLAnchorElement>('.groups a')!;
    expect(group.getAttribute('href')).to.equal('https://attack.mitre.org/groups/G0019/');
    expect(group.textContent).to.equal('G0019');
    expect(root(el).querySelector('.actor')!.textContent).to.equal('Naikon APT');
    expect(root(el).querySelector('.confidence')!.textContent).to.equal('Attribution confidence: not stated by the sources');
    const sources = [...root(el).querySelectorAll<HTMLAnchorElement>('.sources a')];
    expect(sources.map((a) => a.getAttribute('href'))).to.include('https://www.zdnet.com/article/deadringer-chinese-apts-strike-major-telecommunications-companies/');
    expect(sources.map((a) => a.textContent)).to.include('ZDNet, 3 Aug 2021');
    expect(new Set(sources.map((a) => a.href)).size).to.equal(sources.length);
    expect(root(el).textContent).to.contain('Overlaps Cluster A: Q4 2020 – Q1 2021');
    expect(root(el).textContent).to.contain('Cluster active: Q4 2020 – Q1 2021');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('opens every link in a new tab, without opener, and only to http(s)', async () => {
    const el = await mount({ kind: 'cluster', clusterId: 'A' });
    const links = [...root(el).querySelectorAll<HTMLAnchorElement>('a')];
    expect(links.length).to.be.greaterThan(10);
    for (const a of links) {
      expect(a.getAttribute('href')).to.match(/^https?:\/\//);
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.equal('noopener noreferrer');
    }
    expect(root(el).querySelector('[style]')).to.equal(null);
  });

  it('fires tl-panel-close on Escape anywhere inside the panel', async () => {
    const el = await mount({ kind: 'cluster', clusterId: 'B' });
    const inner = root(el).querySelector<HTMLButtonElement>('ul.events button')!;
    setTimeout(() => inner.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true })));
    const event = await oneEvent(el, 'tl-panel-close');
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
  });

  it('fires tl-panel-close from the close button, named "Close"', async () => {
    const el = await mount({ kind: 'about' });
    const close = root(el).querySelector<HTMLButtonElement>('button.close')!;
    expect(close.getAttribute('aria-label')).to.equal('Close');
    setTimeout(() => close.click());
    await oneEvent(el, 'tl-panel-close');
  });

  it('fires tl-event-select with the id of the event chosen in the list', async () => {
    const el = await mount({ kind: 'cluster', clusterId: 'B' });
    const button = root(el).querySelector<HTMLButtonElement>('ul.events button[data-id="b-activity"]')!;
    expect(button.textContent).to.contain('Q4 2020 – Q1 2021');
    expect(button.textContent).to.contain('Cluster B activity (Naikon-linked)');
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'tl-event-select');
    expect(event.detail).to.deep.equal({ id: 'b-activity' });
    expect(event.composed).to.equal(true);
  });

  it('moves focus to the heading on request', async () => {
    const el = await mount({ kind: 'cluster', clusterId: 'C' });
    await el.focusHeading();
    expect(root(el).activeElement?.id).to.equal('panel-heading');
    expect(root(el).activeElement?.getAttribute('tabindex')).to.equal('-1');
  });

  it('shows an event: heading, date as the source gives it, kind, cluster, confidence and source', async () => {
    const el = await mount({ kind: 'event', eventId: 'b-activity' });
    expect(regionName(el)).to.equal('Cluster B activity (Naikon-linked)');
    expect(root(el).querySelector('.date')!.textContent).to.equal('Q4 2020 – Q1 2021');
    expect(root(el).querySelector('.kind')!.textContent).to.equal('activity');
    expect(root(el).querySelector('.cluster')!.textContent).to.equal('Cluster B — Naikon APT');
    expect(root(el).querySelector('.confidence')!.textContent).to.equal('moderate');
    expect(root(el).querySelector('.source a')!.textContent).to.equal('ZDNet, 3 Aug 2021');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('marks a contested event and links its techniques', async () => {
    const contested = await mount({ kind: 'event', eventId: 'c-attribution' });
    expect(root(contested).querySelector('p.contested')!.textContent).to.contain('Contested');
    const tooling = await mount({ kind: 'event', eventId: 'a-exchange-chopper-pcshare' });
    const hrefs = [...root(tooling).querySelectorAll<HTMLAnchorElement>('.techniques a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.include('https://attack.mitre.org/techniques/T1505/003/');
  });

  it('says when the event is not among the rows the filters show', async () => {
    const el = await mount({ kind: 'event', eventId: 'no-such-event' });
    expect(root(el).textContent).to.contain('This event is not shown with the current filters');
  });

  it('shows the key finding and both hypotheses in the about view', async () => {
    const el = await mount({ kind: 'about' });
    expect(regionName(el)).to.equal('About this data');
    const text = root(el).textContent!;
    expect(text).to.contain('Key finding');
    expect(text).to.contain(meta.keyFinding!.en);
    expect(text).to.contain('Open question: two hypotheses');
    expect(root(el).querySelectorAll('.hypotheses li').length).to.equal(2);
    for (const h of meta.hypotheses) expect(text).to.contain(h.en);
    expect(root(el).querySelector<HTMLAnchorElement>('.report a')!.getAttribute('href')).to.equal(meta.report!.url);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('says where a user’s file came from when it has no description', async () => {
    const el = await mount({ kind: 'about' }, 'en', { meta: EMPTY_META, sourceName: 'my-report.csv' });
    expect(root(el).textContent).to.contain('Loaded from my-report.csv; the file carries no description of itself.');
  });

  it('speaks Italian: Italian summary and labels', async () => {
    const el = await mount({ kind: 'cluster', clusterId: 'B' }, 'it');
    const b = dataset.clusters.find((c) => c.id === 'B')!;
    expect(root(el).querySelector('.summary p')!.textContent).to.equal(b.summaryIt);
    expect(root(el).querySelector('button.close')!.getAttribute('aria-label')).to.equal('Chiudi');
    const text = root(el).textContent!;
    expect(text).to.contain('Affidabilità dell’attribuzione: non indicata dalle fonti');
    expect(text).to.contain('Si sovrappone a Cluster A: T4 2020 – T1 2021');
    expect(text).to.contain('Cluster attivo: T4 2020 – T1 2021');
    expect(text).to.contain('Fonti');
    const about = await mount({ kind: 'about' }, 'it');
    expect(regionName(about)).to.equal('Informazioni sui dati');
    expect(root(about).textContent).to.contain(meta.keyFinding!.it);
    expect(root(about).textContent).to.contain('Questione aperta: due ipotesi');
  });
});
