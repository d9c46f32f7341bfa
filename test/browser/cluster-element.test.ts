import { waitFor } from './helpers';
import { expect, fixture, html } from '@open-wc/testing';
import type { ClusterTimeline } from '../../src/embed/cluster-timeline';
import type { TlTimeline } from '../../src/ui/timeline/tl-timeline';
import '../../src/embed/cluster-timeline';

const DAY = 86_400_000;

function timelineOf(el: ClusterTimeline): TlTimeline | null {
  return el.shadowRoot!.querySelector('tl-timeline');
}

/** The lanes the element's chart draws, by cluster id. */
function lanes(el: ClusterTimeline): string[] {
  const timeline = timelineOf(el);
  return [...(timeline?.shadowRoot?.querySelectorAll('g.lane') ?? [])].map((lane) => lane.getAttribute('data-lane')!);
}

/** Waits until the chart inside the element has drawn its lanes. */
async function drawn(el: ClusterTimeline): Promise<TlTimeline> {
  await waitFor(() => lanes(el).length > 0);
  const timeline = timelineOf(el)!;
  await timeline.updateComplete;
  return timeline;
}

const text = (el: ClusterTimeline, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Replaces window.fetch for one test and records every request. */
function spyOnFetch(replacement?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const original = window.fetch;
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input instanceof Request ? input.url : input), init });
    return replacement ? replacement(input, init) : original.call(window, input, init);
  };
  return { calls, restore: () => (window.fetch = original) };
}

describe('<cluster-timeline>', () => {
  it('shows the bundled DeadRinger data when it has no src', async () => {
    const el = await fixture<ClusterTimeline>(html`<cluster-timeline></cluster-timeline>`);
    const timeline = await drawn(el);
    expect(lanes(el)).to.deep.equal(['A', 'B', 'C', 'context']);
    expect(text(el, '.caption')).to.contain('DeadRinger');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('.caption a')!;
    expect(link.href).to.equal('https://www.cybereason.com/blog/deadringer-exposing-chinese-threat-actors-targeting-major-telcos');
    expect(link.rel).to.equal('noopener noreferrer');
    // The datapackage's initial view: 2012 through Q1 2021.
    const [from, to] = timeline.visibleRange;
    expect(Math.abs(from - Date.UTC(2012, 0, 1))).to.be.lessThan(60 * DAY);
    expect(Math.abs(to - Date.UTC(2021, 3, 1))).to.be.lessThan(60 * DAY);
    expect(el.shadowRoot!.querySelector('details.problems')).to.equal(null);
  });

  it('shows only the listed clusters, opening on the from/to window (the README snippet)', async () => {
    const el = await fixture<ClusterTimeline>(
      html`<cluster-timeline clusters="A,B" from="2018" to="2021-Q1" lang="en"></cluster-timeline>`,
    );
    const timeline = await drawn(el);
    expect(lanes(el)).to.deep.equal(['A', 'B']);
    const [from, to] = timeline.visibleRange;
    expect(Math.abs(from - Date.UTC(2018, 0, 1))).to.be.lessThan(31 * DAY);
    expect(Math.abs(to - Date.UTC(2021, 3, 1))).to.be.lessThan(31 * DAY);
    expect(el.shadowRoot!.querySelector('.notes')).to.equal(null);
  });

  it('keeps two elements on one page apart, each with its own data and attributes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <cluster-timeline id="bundled"></cluster-timeline>
      <cluster-timeline id="own" src="/test/fixtures/events-valid.csv" clusters-src="/test/fixtures/clusters.csv"></cluster-timeline>
    </div>`);
    const first = wrapper.querySelector<ClusterTimeline>('#bundled')!;
    const second = wrapper.querySelector<ClusterTimeline>('#own')!;
    const firstTimeline = await drawn(first);
    await drawn(second);
    expect(lanes(first)).to.deep.equal(['A', 'B', 'C', 'context']);
    expect(lanes(second)).to.deep.equal(['X', 'Y', 'context']);
    expect(text(second, '.caption')).to.contain('events-valid.csv');
    expect([...second.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.caption a')].map((a) => a.href)).to.deep.equal([
      new URL('/test/fixtures/events-valid.csv', document.baseURI).href,
      new URL('/test/fixtures/clusters.csv', document.baseURI).href,
    ]);

    const firstRange = firstTimeline.visibleRange;
    second.setAttribute('clusters', 'X');
    await waitFor(() => lanes(second).join() === 'X');
    await second.updateComplete;
    expect(lanes(second)).to.deep.equal(['X']);
    expect(lanes(first)).to.deep.equal(['A', 'B', 'C', 'context']);
    expect(timelineOf(first)).to.equal(firstTimeline);
    expect(firstTimeline.visibleRange).to.deep.equal(firstRange);

    // Cluster ids match without regard to case; unknown ones are named in a note.
    second.setAttribute('clusters', 'y, nope');
    await waitFor(() => lanes(second).join() === 'Y');
    expect(text(second, '.notes')).to.contain('nope');
    expect(first.shadowRoot!.querySelector('.notes')).to.equal(null);
  });

  it('counts the rows a src could not read and lists them as text', async () => {
    const el = await fixture<ClusterTimeline>(
      html`<cluster-timeline src="/test/fixtures/events-problems.csv" clusters-src="/test/fixtures/clusters.csv"></cluster-timeline>`,
    );
    await drawn(el);
    const details = el.shadowRoot!.querySelector<HTMLDetailsElement>('details.problems')!;
    expect(details.open).to.equal(false);
    expect(text(el, 'details.problems summary')).to.equal('10 rows could not be read, 5 warnings');
    const rows = [...details.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows.length).to.equal(15);
    expect(rows[0]).to.deep.equal(['events-problems.csv', '3', 'start', 'start month 13 does not exist: months are 01 to 12; the row is skipped']);
    expect(details.querySelectorAll('a, img, script').length).to.equal(0);

    el.setAttribute('lang', 'it');
    await el.updateComplete;
    expect(text(el, 'details.problems summary')).to.equal('10 righe non sono state lette, 5 avvisi');
    const italian = details.querySelector('tbody tr td.message')!.textContent!;
    expect(italian).to.not.equal(rows[0]![3]);
    expect(italian).to.contain('13');
  });

  it('refuses a javascript: src with a visible message and makes no request', async () => {
    const fetchSpy = spyOnFetch();
    try {
      const el = await fixture<ClusterTimeline>(html`<cluster-timeline src="javascript:alert(1)"></cluster-timeline>`);
      await el.updateComplete;
      const message = el.shadowRoot!.querySelector('.error')!;
      expect(message.getAttribute('role')).to.equal('alert');
      expect(message.textContent).to.contain('javascript:');
      expect(message.textContent).to.contain('only http(s) links are loaded');
      expect(timelineOf(el)).to.equal(null);
      el.setAttribute('clusters-src', 'data:text/csv,id');
      el.setAttribute('src', '/test/fixtures/events-valid.csv');
      await el.updateComplete;
      expect(text(el, '.error')).to.contain('clusters-src="data:text/csv,id"');
      expect(fetchSpy.calls).to.deep.equal([]);
    } finally {
      fetchSpy.restore();
    }
  });

  it('is not hidden or recoloured by the host page’s styles', async () => {
    const style = document.createElement('style');
    style.textContent = '* { color: red !important; font: 40px serif } svg { display: none !important }';
    document.head.append(style);
    try {
      const el = await fixture<ClusterTimeline>(html`<cluster-timeline></cluster-timeline>`);
      const timeline = await drawn(el);
      const box = timeline.shadowRoot!.querySelector('svg.plot')!.getBoundingClientRect();
      expect(box.width).to.be.greaterThan(0);
      expect(box.height).to.be.greaterThan(0);
      const caption = el.shadowRoot!.querySelector('.caption')!;
      expect(getComputedStyle(caption).color).to.not.equal('rgb(255, 0, 0)');
      expect(getComputedStyle(caption).fontSize).to.equal('13px');
    } finally {
      style.remove();
    }
  });

  it('shows a readable message when the file cannot be fetched', async () => {
    const el = await fixture<ClusterTimeline>(html`<cluster-timeline src="/test/fixtures/no-such-file.csv"></cluster-timeline>`);
    await waitFor(() => el.shadowRoot!.querySelector('.error') !== null);
    expect(text(el, '.error')).to.match(/could not be loaded.*404/);
  });

  it('says why the file could not be fetched in its language, and follows a change of lang', async () => {
    const el = await fixture<ClusterTimeline>(html`<cluster-timeline lang="it" src="/test/fixtures/no-such-file.csv"></cluster-timeline>`);
    await waitFor(() => el.shadowRoot!.querySelector('.error') !== null);
    const url = new URL('/test/fixtures/no-such-file.csv', location.href).href;
    expect(text(el, '.error')).to.equal(
      `Non è stato possibile caricare i dati della cronologia. Non è stato possibile caricare ${url}: il server ha risposto 404 Not Found.`,
    );
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(text(el, '.error')).to.equal(`The timeline data could not be loaded. ${url} could not be loaded: the server answered 404 Not Found.`);
  });

  it('words an oversized file in its language', async () => {
    const fetchSpy = spyOnFetch(async () => new Response('id\n', { headers: { 'Content-Length': String(300 * 1024 * 1024) } }));
    try {
      const el = await fixture<ClusterTimeline>(html`<cluster-timeline lang="it" src="/big/e.csv"></cluster-timeline>`);
      await waitFor(() => el.shadowRoot!.querySelector('.error') !== null);
      const url = new URL('/big/e.csv', location.href).href;
      expect(text(el, '.error')).to.equal(
        `Non è stato possibile caricare i dati della cronologia. ${url} pesa 300.0 MB; non si possono caricare file di oltre 200 MB.`,
      );
      el.setAttribute('lang', 'en');
      await el.updateComplete;
      expect(text(el, '.error')).to.equal(`The timeline data could not be loaded. ${url} is 300.0 MB; files over 200 MB cannot be loaded.`);
    } finally {
      fetchSpy.restore();
    }
  });

  it('says it is loading, and cancels the request when src changes or it is removed', async () => {
    const pending: AbortSignal[] = [];
    const fetchSpy = spyOnFetch(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          pending.push(init!.signal!);
          init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    try {
      const el = await fixture<ClusterTimeline>(html`<cluster-timeline src="/slow/a.csv"></cluster-timeline>`);
      expect(text(el, '.status')).to.equal('Loading…');
      expect(fetchSpy.calls.map((c) => [new URL(c.url).pathname, c.init?.credentials])).to.deep.equal([['/slow/a.csv', 'same-origin']]);
      el.src = '/slow/b.csv';
      await el.updateComplete;
      expect(pending.map((s) => s.aborted)).to.deep.equal([true, false]);
      el.remove();
      expect(pending.map((s) => s.aborted)).to.deep.equal([true, true]);
      expect(el.shadowRoot!.querySelector('.error')).to.equal(null);
    } finally {
      fetchSpy.restore();
    }
  });

  it('loads again when put back after a cancelled load', async () => {
    const el = await fixture<ClusterTimeline>(html`<cluster-timeline src="/test/fixtures/events-valid.csv"></cluster-timeline>`);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await drawn(el);
    expect(lanes(el)).to.deep.equal(['X', 'Y', 'context']);
  });

  it('loads the new src when it changed while the element was away', async () => {
    const el = await fixture<ClusterTimeline>(html`<cluster-timeline></cluster-timeline>`);
    await drawn(el);
    const parent = el.parentElement!;
    el.remove();
    el.setAttribute('src', '/test/fixtures/events-valid.csv');
    await el.updateComplete;
    parent.append(el);
    await waitFor(() => lanes(el).join() === 'X,Y,context');
  });

  it('notes from/to values it cannot use and opens on the data’s own view', async () => {
    const el = await fixture<ClusterTimeline>(html`<cluster-timeline from="2018-13" to="soon"></cluster-timeline>`);
    const timeline = await drawn(el);
    const notes = [...el.shadowRoot!.querySelectorAll('.notes li')].map((li) => li.textContent);
    expect(notes).to.have.length(2);
    expect(notes[0]).to.contain('from="2018-13"');
    expect(notes[1]).to.contain('to="soon"');
    expect(Math.abs(timeline.visibleRange[0] - Date.UTC(2012, 0, 1))).to.be.lessThan(60 * DAY);

    el.setAttribute('to', '2010');
    el.setAttribute('from', '2015');
    await el.updateComplete;
    expect(text(el, '.notes')).to.contain('must come after its start');

    el.removeAttribute('from');
    el.removeAttribute('to');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.notes')).to.equal(null);
  });

  it('follows a change of from/to and of lang', async () => {
    const el = await fixture<ClusterTimeline>(html`<cluster-timeline from="2018" to="2021-Q1"></cluster-timeline>`);
    const timeline = await drawn(el);
    el.setAttribute('from', '2020-Q4');
    el.setAttribute('to', '2021-03');
    await el.updateComplete;
    await waitFor(() => Math.abs(timeline.visibleRange[0] - Date.UTC(2020, 9, 1)) < 10 * DAY);
    expect(Math.abs(timeline.visibleRange[1] - Date.UTC(2021, 3, 1))).to.be.lessThan(10 * DAY);

    el.setAttribute('lang', 'it');
    await el.updateComplete;
    await timeline.updateComplete;
    expect(timeline.lang).to.equal('it');
    expect(timeline.shadowRoot!.querySelector('#timeline-title')!.textContent).to.not.equal('Timeline of cluster activity');
    expect(text(el, '.caption')).to.contain('Fonte');
  });
});
