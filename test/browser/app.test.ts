import { waitFor } from './helpers';
import { expect, fixture, html } from '@open-wc/testing';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from '../../src/data/bundled';
import { loadDataset } from '../../src/io/load';
import { readMetadata } from '../../src/io/metadata';
import type { TlApp } from '../../src/ui/app/tl-app';
import '../../src/ui/app/tl-app';

async function mountApp(lang: 'en' | 'it' = 'en'): Promise<TlApp> {
  const el = await fixture<TlApp>(html`<tl-app lang=${lang} .meta=${readMetadata(BUNDLED_METADATA_JSON)} .data=${loadDataset(BUNDLED_INPUT)}></tl-app>`);
  await el.updateComplete;
  return el;
}


describe('<tl-app> with the bundled DeadRinger data', () => {
  it('lists every event in the table, with a source link per row', async () => {
    const el = await mountApp();
    const table = el.shadowRoot!.querySelector('tl-event-table')!;
    await table.updateComplete;
    const rows = table.shadowRoot!.querySelectorAll('tbody tr');
    const dataset = loadDataset(BUNDLED_INPUT);
    expect(rows.length).to.equal(dataset.events.length);
    expect(table.shadowRoot!.querySelectorAll('tbody a[href^="https://"], tbody a[href^="http://"]').length).to.equal(dataset.events.length);
  });

  it('reports no load problems', async () => {
    const el = await mountApp();
    const problems = el.shadowRoot!.querySelector('tl-problems')!;
    await problems.updateComplete;
    expect(problems.shadowRoot!.textContent).to.contain('The data loaded with no problems.');
  });

  it('draws the three clusters and the context lane', async () => {
    const el = await mountApp();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    await waitFor(() => timeline.shadowRoot!.querySelectorAll('g.lane').length > 0);
    const lanes = [...timeline.shadowRoot!.querySelectorAll('g.lane')].map((l) => l.getAttribute('aria-label'));
    expect(lanes).to.deep.equal([
      'Cluster A — Soft Cell',
      'Cluster B — Naikon APT',
      'Cluster C — OWA backdoor mini-cluster',
      'Context — background events',
    ]);
    const overlapLabels = [...timeline.shadowRoot!.querySelectorAll('.overlap-label')].map((t) => t.textContent);
    expect(overlapLabels).to.include('A, B, C active: Q4 2020 – Q1 2021');
  });

  it('speaks Italian when asked', async () => {
    const el = await mountApp('it');
    const table = el.shadowRoot!.querySelector('tl-event-table')!;
    await table.updateComplete;
    expect(table.shadowRoot!.querySelector('caption')!.textContent).to.contain('Tutti gli eventi');
    expect(table.shadowRoot!.textContent).to.contain('T4 2020');
  });

  it('renders the data as text, never as markup', async () => {
    const hostile = loadDataset({
      events: { name: 'e.csv', text: 'id,cluster,kind,start,title,source_url\nx,A,intrusion,2020,<img src=x onerror="window.__pwned=1">,javascript:alert(1)\n' },
    });
    const el = await fixture<TlApp>(html`<tl-app .data=${hostile}></tl-app>`);
    const table = el.shadowRoot!.querySelector('tl-event-table')!;
    await table.updateComplete;
    expect(table.shadowRoot!.querySelector('img')).to.equal(null);
    expect(table.shadowRoot!.textContent).to.contain('<img src=x');
    expect(table.shadowRoot!.querySelector('a')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<tl-app> cut-off', () => {
  it('ends an open bar at the whole data’s cut-off, whichever clusters are shown', async () => {
    const dataset = loadDataset({
      events: { name: 'e.csv', text: 'id,cluster,kind,start,end,title\na-op,A,operating,2012,..,A operating\nb-pt,B,intrusion,2020-06-15,,B intrusion\n' },
      clusters: { name: 'c.csv', text: 'id,label\nA,Cluster A\nB,Cluster B\n' },
    });
    const el = await fixture<TlApp>(html`<tl-app .data=${dataset}></tl-app>`);
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    const arrowX = () => {
      const d = timeline.shadowRoot!.querySelector('g.mark[data-id="a-op"] path.open-end')?.getAttribute('d') ?? '';
      return Number(/^M([-\d.]+),/.exec(d)?.[1]);
    };
    await waitFor(() => Number.isFinite(arrowX()));
    const before = arrowX();
    const lanes = () => [...timeline.shadowRoot!.querySelectorAll('g.lane')].map((lane) => lane.getAttribute('data-lane'));
    const filters = el.shadowRoot!.querySelector('tl-filters')!;
    [...filters.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((input) => input.closest('label')!.textContent!.includes('Cluster B'))!.click();
    await waitFor(() => !lanes().includes('B'));
    // The window stays where it was, so the arrow stays at mid-June 2020 rather than moving to the end of 2012.
    expect(arrowX()).to.be.closeTo(before, 0.5);
  });
});

describe('<tl-app> before any data', () => {
  it('does not claim to show the bundled data while a linked file is still loading', async () => {
    const el = await fixture<TlApp>(html`<tl-app></tl-app>`);
    el.loading = { name: 'big.csv', phase: 'reading', fraction: null };
    await el.updateComplete;
    const source = () => el.shadowRoot!.querySelector('tl-data-source')!;
    await source().updateComplete;
    expect(source().shadowRoot!.querySelector('.source')).to.equal(null);
    expect(source().shadowRoot!.textContent).to.contain('Loading big.csv…');
    el.data = loadDataset(BUNDLED_INPUT);
    el.loading = null;
    await el.updateComplete;
    await source().updateComplete;
    expect(source().shadowRoot!.querySelector('.source')!.textContent).to.equal('Showing the bundled DeadRinger data');
  });
});
