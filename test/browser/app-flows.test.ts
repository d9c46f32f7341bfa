import { waitFor, waitForPanel } from './helpers';
import { expect, fixture, html } from '@open-wc/testing';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from '../../src/data/bundled';
import { loadDataset } from '../../src/io/load';
import { EMPTY_META, readMetadata } from '../../src/io/metadata';
import { loadInWorker } from '../../src/io/worker-loader';
import { UrlSync } from '../../src/state/url-sync';
import type { AppHost, TlApp } from '../../src/ui/app/tl-app';
import { SETTLE_MS } from '../../src/ui/timeline/tl-timeline';
import '../../src/ui/app/tl-app';


const shadow = (el: Element | null | undefined) => el!.shadowRoot!;

let sync: UrlSync | null = null;

/** Mounts the app the way main.ts does, with URL sync and worker loading. */
async function mountApp(search = ''): Promise<TlApp> {
  history.replaceState(null, '', `${location.pathname}${search}`);
  const el = await fixture<TlApp>(html`<tl-app></tl-app>`);
  const bundledMeta = readMetadata(BUNDLED_METADATA_JSON);
  sync?.dispose();
  sync = new UrlSync('en', (view) => el.applyView(view));
  const host: AppHost = {
    loadFiles: async (files) => {
      const dataset = await loadInWorker(
        { events: { name: files[0]!.name, file: files[0]! } },
        { createWorker: () => new Worker(new URL('../../src/io/parse.worker.ts', import.meta.url), { type: 'module' }) },
      );
      el.meta = { ...EMPTY_META, title: files[0]!.name };
      el.data = dataset;
      el.sourceName = files[0]!.name;
      el.resetView();
    },
    loadBundled: () => undefined,
    cancelLoad: () => undefined,
    saveView: () => undefined,
    viewChanged: (view, mode) => (mode === 'push' ? sync!.push(view) : sync!.replace(view)),
  };
  el.host = host;
  el.meta = bundledMeta;
  el.data = loadDataset(BUNDLED_INPUT);
  el.applyView(sync.read().view);
  await el.updateComplete;
  await waitFor(() => (shadow(el).querySelector('tl-timeline')?.shadowRoot?.querySelectorAll('g.lane').length ?? 0) > 0);
  return el;
}

const timelineOf = (el: TlApp) => shadow(el).querySelector('tl-timeline')!;
const lanes = (el: TlApp) => [...shadow(timelineOf(el)).querySelectorAll('g.lane')].map((l) => l.getAttribute('data-lane'));
const tableRows = (el: TlApp) => shadow(shadow(el).querySelector('tl-event-table')).querySelectorAll('tbody tr');
/** The table draws new rows after the chart is painted; its updateComplete waits for them. */
const tableReady = (el: TlApp) => shadow(el).querySelector('tl-event-table')!.updateComplete;
const filtersOf = (el: TlApp) => shadow(el).querySelector('tl-filters')!;

afterEach(() => {
  sync?.dispose();
  sync = null;
  history.replaceState(null, '', location.pathname);
});

describe('the app, driven as a user would', () => {
  it('unchecking a cluster removes its lane and its rows, and updates the count and the URL', async () => {
    const el = await mountApp();
    expect(lanes(el)).to.deep.equal(['A', 'B', 'C', 'context']);
    await tableReady(el);
    const total = tableRows(el).length;
    const filters = filtersOf(el);
    const checkbox = [...shadow(filters).querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((input) =>
      input.closest('label')!.textContent!.includes('Cluster B'),
    )!;
    checkbox.click();
    await waitFor(() => !lanes(el).includes('B'));
    expect(lanes(el)).to.deep.equal(['A', 'C', 'context']);
    const bRows = loadDataset(BUNDLED_INPUT).events.filter((e) => e.cluster === 'B').length;
    await tableReady(el);
    expect(tableRows(el).length).to.equal(total - bRows);
    await filters.updateComplete;
    expect(shadow(filters).querySelector('.shown')!.textContent).to.contain(`${total - bRows} of ${total} events shown`);
    expect(new URLSearchParams(location.search).get('clusters')).to.equal('A,C,context');
    // Reset brings everything back.
    shadow(filters).querySelector<HTMLButtonElement>('button.reset')!.click();
    await waitFor(() => lanes(el).includes('B'));
    await tableReady(el);
    expect(tableRows(el).length).to.equal(total);
  });

  it('opens a cluster panel from the lane header, and Escape closes it and returns focus', async () => {
    const el = await mountApp();
    const header = shadow(timelineOf(el)).querySelector<SVGGElement>('g.lane-header[data-lane="B"]')!;
    header.focus();
    header.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const panel = await waitForPanel(el);
    const region = shadow(panel).querySelector('section[role=region]')!;
    const name = shadow(panel).getElementById(region.getAttribute('aria-labelledby')!)!.textContent!.trim();
    expect(name).to.equal('Cluster B — Naikon APT');
    expect(shadow(panel).textContent).to.contain('Naikon APT');
    expect(shadow(panel).querySelector('a[href="https://attack.mitre.org/groups/G0019/"]')).to.not.equal(null);
    expect(shadow(panel).querySelectorAll('a[href^="https://"]').length).to.be.greaterThan(3);
    expect(new URLSearchParams(location.search).get('panel')).to.equal('B');
    region.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitFor(() => shadow(el).querySelector('tl-detail-panel') === null);
    await waitFor(() => shadow(timelineOf(el)).activeElement === header);
  });

  it('writes the window into the address once a wheel gesture pauses, not at every step', async () => {
    const el = await mountApp();
    const replace = history.replaceState.bind(history);
    let writes = 0;
    history.replaceState = (...args: Parameters<History['replaceState']>) => {
      writes++;
      replace(...args);
    };
    try {
      const svg = shadow(timelineOf(el)).querySelector('svg.plot')!;
      const box = svg.getBoundingClientRect();
      for (let i = 0; i < 12; i++) {
        svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -120, clientX: box.left + box.width / 2, clientY: box.top + 40, bubbles: true, cancelable: true }));
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      expect(writes).to.equal(0);
      expect(location.search).not.to.contain('from=');
      // The pause, then UrlSync's own short delay for replacements.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 400));
      expect(writes).to.equal(1);
      expect(location.search).to.match(/from=.+&to=/);
    } finally {
      history.replaceState = replace;
    }
  });

  it('opens exactly the view a link names: clusters=B&panel=B&from=2020-Q1&to=2021-Q1', async () => {
    const el = await mountApp('?clusters=B&panel=B&from=2020-Q1&to=2021-Q1');
    await waitFor(() => lanes(el).length === 1);
    expect(lanes(el)).to.deep.equal(['B']);
    await waitForPanel(el);
    const [from, to] = timelineOf(el).visibleRange;
    expect(from).to.be.closeTo(Date.UTC(2020, 0, 1), 86_400_000);
    expect(to).to.be.closeTo(Date.UTC(2021, 3, 1), 86_400_000);
    await tableReady(el);
    const rows = [...tableRows(el)];
    expect(rows.length).to.be.greaterThan(0);
  });

  it('Back restores the previous view', async () => {
    const el = await mountApp();
    const filters = filtersOf(el);
    await filters.updateComplete;
    const checkbox = [...shadow(filters).querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((input) =>
      input.closest('label')!.textContent!.includes('Cluster A'),
    )!;
    checkbox.click();
    await waitFor(() => !lanes(el).includes('A'));
    history.back();
    await waitFor(() => lanes(el).includes('A'));
    expect(location.search).to.equal('');
  });

  it('loads a CSV with problems: the problems are listed and the good rows shown', async () => {
    const el = await mountApp();
    const csv = 'id,cluster,kind,start,end,title,source_url\ngood-1,X,intrusion,2020-Q1,,Good one,https://example.org/1\nbad,X,intrusion,2020-Q5,,Bad quarter,https://example.org/2\ngood-2,Y,publication,2021-03-02,,Good two,javascript:alert(1)\n';
    await el.host!.loadFiles([new File([csv], 'other-report.csv', { type: 'text/csv' })]);
    await waitFor(() => tableRows(el).length === 2);
    const problems = shadow(shadow(el).querySelector('tl-problems'));
    await waitFor(() => problems.querySelectorAll('tbody tr').length === 2);
    const text = problems.textContent!;
    expect(text).to.contain('Q5');
    expect(text).to.contain('javascript:');
    expect(lanes(el)).to.deep.equal(['X', 'Y']);
  });

  it('new data: the chart is drawn first, then the table sorts its rows and the filters take the new data and count tools and techniques', async () => {
    const el = await mountApp();
    await tableReady(el);
    const filters = filtersOf(el);
    await filters.updateComplete;
    const facetTexts = () => [...shadow(filters).querySelectorAll('button.facet')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    const shownText = () => shadow(filters).querySelector('.shown')!.textContent!.trim();
    const before = { facets: facetTexts(), shown: shownText() };
    expect(before.facets.length).to.be.greaterThan(0);
    const text = `id,cluster,kind,start,end,title,tools,techniques
x-1,X,activity,2018,2021-Q1,First,China Chopper;PcShare,T1190
x-2,X,tooling,2019-03,,Second,china chopper,T1190;T1505.003
y-1,Y,intrusion,2017-05-02,,Third,Nebulae,
`;
    el.data = loadDataset({ events: { name: 'next.csv', text } });
    await el.updateComplete;
    await timelineOf(el).updateComplete;
    // Before the next frame: the new lanes are there; the rows are not yet, and the filters card
    // still shows the data it had, whole (its counts and facets), until the chart has been painted.
    expect(lanes(el)).to.deep.equal(['X', 'Y']);
    expect(tableRows(el).length).to.equal(0);
    expect({ facets: facetTexts(), shown: shownText() }).to.deep.equal(before);
    await tableReady(el);
    await filters.updateComplete;
    expect(shownText()).to.contain('3 of 3');
    expect([...tableRows(el)].map((row) => row.getAttribute('data-id'))).to.deep.equal(['y-1', 'x-1', 'x-2']);
    expect(facetTexts()).to.include.members(['China Chopper 2', 'PcShare 1', 'Nebulae 1', 'T1190 2', 'T1505.003 1']);
  });

  it('the window fields follow a wheel gesture once it pauses', async () => {
    const el = await mountApp();
    const filters = filtersOf(el);
    await filters.updateComplete;
    const fields = () => [...shadow(filters).querySelectorAll<HTMLInputElement>('input[name=from], input[name=to]')].map((input) => input.value);
    const before = fields();
    const svg = shadow(timelineOf(el)).querySelector('svg.plot')!;
    const box = svg.getBoundingClientRect();
    for (let i = 0; i < 2; i++) {
      svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, clientX: box.left + box.width / 2, clientY: box.top + 40, bubbles: true, cancelable: true }));
      await el.updateComplete;
      await filters.updateComplete;
    }
    expect(fields()).to.deep.equal(before);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
    await el.updateComplete;
    await filters.updateComplete;
    expect(fields()).not.to.deep.equal(before);
    const range = timelineOf(el).visibleRange;
    expect(fields()[0]).to.match(/^\d{4}/);
    expect(range[1] - range[0]).to.be.below(Date.UTC(2021, 3, 1) - Date.UTC(2012, 0, 1));
  });
});
