import { waitFor } from './helpers';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { loadDataset } from '../../src/io/load';
import { parseSourceDate } from '../../src/model/dates';
import { SETTLE_MS, type TlTimeline, type ViewChangeDetail } from '../../src/ui/timeline/tl-timeline';
import '../../src/ui/timeline/tl-timeline';

const CLUSTERS = `id,label,name,attributed_to
A,Cluster A,Alpha,Actor One
B,Cluster B,Bravo,Actor Two`;
const EVENTS = `id,cluster,kind,start,end,title,confidence
a-op,A,operating,2012,..,Alpha operating,high
a-act,A,activity,2018,2021-Q1,Alpha activity,moderate
a-pt,A,intrusion,2019-05-02,,Alpha intrusion,high
a-pt2,A,tooling,2020-Q2,,Alpha tool,low
b-act,B,activity,2020-Q4,2021-Q1,Bravo activity,moderate
b-pt,B,publication,2020-11-15,,Bravo report,high
ctx,context,publication,2021-03-02,,Context publication,high`;

function data() {
  return loadDataset({ events: { name: 'events.csv', text: EVENTS }, clusters: { name: 'clusters.csv', text: CLUSTERS } });
}

const cutoff = (() => {
  const parsed = parseSourceDate('2021-Q1');
  if (!parsed.ok) throw new Error('bad cutoff');
  return parsed.value;
})();

async function mount(width = 900): Promise<TlTimeline> {
  const dataset = data();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width:${width}px">
    <tl-timeline .clusters=${dataset.clusters} .events=${dataset.events} .cutoff=${cutoff}
      .initialView=${[Date.UTC(2012, 0, 1), Date.UTC(2021, 3, 1)]}></tl-timeline>
  </div>`);
  const el = wrapper.querySelector('tl-timeline')!;
  await waitFor(() => el.shadowRoot!.querySelectorAll('g.mark').length > 0);
  return el;
}


/** Twelve overlapping bars: eight rows of bars, the other four counted in the overflow row. */
async function mountTwelveBars(): Promise<TlTimeline> {
  const rows = ['id,cluster,kind,start,end,title,confidence'];
  for (let i = 0; i < 12; i++) rows.push(`bar${i},A,activity,2019-01-${String(10 + i).padStart(2, '0')},2020-06-30,Bar ${i},high`);
  const dataset = loadDataset({ events: { name: 'events.csv', text: rows.join('\n') }, clusters: { name: 'clusters.csv', text: CLUSTERS } });
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width:900px">
    <tl-timeline .clusters=${dataset.clusters} .events=${dataset.events} .initialView=${[Date.UTC(2018, 6, 1), Date.UTC(2021, 0, 1)]}></tl-timeline>
  </div>`);
  const el = wrapper.querySelector('tl-timeline')!;
  await waitFor(() => el.shadowRoot!.querySelectorAll('g.mark').length > 0);
  return el;
}

const $$ = (el: TlTimeline, selector: string) => [...el.shadowRoot!.querySelectorAll<SVGElement>(selector)];

describe('<tl-timeline>', () => {
  it('is printed in the light theme when the screen is dark', async () => {
    const el = await mount();
    const text = () => getComputedStyle(el).getPropertyValue('--tl-text').trim();
    try {
      await emulateMedia({ colorScheme: 'dark' });
      expect(text()).to.equal('#e8eaed');
      await emulateMedia({ colorScheme: 'dark', media: 'print' });
      expect(text()).to.equal('#1b1f24');
    } finally {
      await emulateMedia({ colorScheme: 'light', media: 'screen' });
    }
  });

  it('prints a chart of a few lanes as one picture: no slices, nothing added', async () => {
    const el = await mount();
    window.dispatchEvent(new Event('beforeprint'));
    try {
      expect(el.shadowRoot!.querySelector('.print-slices')).to.equal(null);
      expect(el.shadowRoot!.querySelector('figure')!.classList.contains('print-sliced')).to.equal(false);
      // SVG marks print as they are: no picture of a canvas either.
      expect(el.shadowRoot!.querySelector('image.print-dense')).to.equal(null);
    } finally {
      window.dispatchEvent(new Event('afterprint'));
    }
  });

  it('draws one named group per cluster plus the context lane, in clusters order', async () => {
    const el = await mount();
    const lanes = $$(el, 'g.lane');
    expect(lanes.map((l) => l.getAttribute('aria-label'))).to.deep.equal([
      'Cluster A — Alpha',
      'Cluster B — Bravo',
      'Context — background events',
    ]);
    expect(lanes[0]!.querySelectorAll('g.mark').length).to.equal(4);
    expect(el.shadowRoot!.querySelector('figure')!.getAttribute('aria-labelledby')).to.equal('timeline-title');
    expect(el.shadowRoot!.querySelector('#timeline-title')!.textContent).to.equal('Timeline of cluster activity');
  });

  it('names each mark with its title and the date as the source gives it', async () => {
    const el = await mount();
    const labels = $$(el, 'g.mark').map((m) => m.getAttribute('aria-label'));
    expect(labels).to.include('Alpha activity, 2018 – Q1 2021 (activity)');
    expect(labels).to.include('Alpha tool, Q2 2020 (tooling)');
    expect(labels).to.include('Alpha operating, 2012 – ongoing (group operating)');
  });

  it('opens on the initial view and shows the overlap band with its label', async () => {
    const el = await mount();
    const [from, to] = el.visibleRange;
    // 2012 through Q1 2021, padded by a few weeks on each side.
    expect(from).to.be.within(Date.UTC(2011, 10, 1), Date.UTC(2012, 0, 1));
    expect(to).to.be.within(Date.UTC(2021, 3, 1), Date.UTC(2021, 5, 1));
    const labels = $$(el, '.overlap-label').map((t) => t.textContent);
    expect(labels).to.deep.equal(['A, B active: Q4 2020 – Q1 2021']);
  });

  it('draws a coarse point as a bracket over its interval and an open end as an arrow', async () => {
    const el = await mount();
    const tool = el.shadowRoot!.querySelector('g.mark[data-id="a-pt2"]')!;
    expect(tool.querySelector('path.bracket')).to.not.equal(null);
    const precise = el.shadowRoot!.querySelector('g.mark[data-id="a-pt"]')!;
    expect(precise.querySelector('path.bracket')).to.equal(null);
    expect(el.shadowRoot!.querySelector('g.mark[data-id="a-op"] path.open-end')).to.not.equal(null);
  });

  it('zooms in and out with the buttons, and fit all shows the whole extent', async () => {
    const el = await mount();
    const before = el.visibleRange[1] - el.visibleRange[0];
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')!.click();
    await el.updateComplete;
    const zoomed = el.visibleRange[1] - el.visibleRange[0];
    expect(zoomed).to.be.lessThan(before * 0.8);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Zoom out"]')!.click();
    await el.updateComplete;
    expect(el.visibleRange[1] - el.visibleRange[0]).to.be.greaterThan(zoomed * 1.2);
    const fit = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Fit all')!;
    fit.click();
    await el.updateComplete;
    expect(el.visibleRange[0]).to.be.lessThan(Date.UTC(2012, 0, 1));
    expect(el.visibleRange[1]).to.be.greaterThan(Date.UTC(2021, 3, 1));
  });

  it('zooms with the mouse wheel', async () => {
    const el = await mount();
    const before = el.visibleRange[1] - el.visibleRange[0];
    const svg = el.shadowRoot!.querySelector('svg.plot')!;
    const box = svg.getBoundingClientRect();
    svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, clientX: box.left + box.width / 2, clientY: box.top + 40, bubbles: true, cancelable: true }));
    await el.updateComplete;
    expect(el.visibleRange[1] - el.visibleRange[0]).to.be.lessThan(before);
  });

  it('announces the window a wheel gesture ends on once it pauses, not every step; a button announces at once', async () => {
    const el = await mount();
    const visible = () => el.shadowRoot!.querySelector('.range')!.textContent!.trim();
    const announced = () => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim();
    expect(el.shadowRoot!.querySelector('.range')!.getAttribute('aria-hidden')).to.equal('true');
    const events: ViewChangeDetail[] = [];
    el.addEventListener('tl-view-change', (e) => events.push(e.detail));
    const start = announced();
    expect(visible()).to.equal(start);
    const svg = el.shadowRoot!.querySelector('svg.plot')!;
    const box = svg.getBoundingClientRect();
    for (let i = 0; i < 3; i++) {
      svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, clientX: box.left + box.width / 2, clientY: box.top + 40, bubbles: true, cancelable: true }));
      await el.updateComplete;
    }
    // The chart and its visible range text have moved; the live region still names the window the gesture started from.
    expect(events.length).to.equal(3);
    expect(events.every((e) => e.user && e.settling)).to.equal(true);
    expect(visible()).not.to.equal(start);
    expect(announced()).to.equal(start);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
    await el.updateComplete;
    expect(events.length).to.equal(4);
    expect(events[3]).to.deep.include({ user: true, settling: false, from: events[2]!.from, to: events[2]!.to });
    const settled = announced();
    expect(settled).to.equal(visible());
    expect(settled).not.to.equal(start);
    el.zoomBy(2);
    await el.updateComplete;
    expect(events[4]).to.deep.include({ settling: false });
    expect(announced()).not.to.equal(settled);
    expect(announced()).to.equal(visible());
  });

  it('never zooms closer than about a month', async () => {
    const el = await mount();
    for (let i = 0; i < 40; i++) el.zoomBy(2);
    await el.updateComplete;
    const days = (el.visibleRange[1] - el.visibleRange[0]) / 86_400_000;
    expect(days).to.be.within(25, 35);
  });

  it('keeps the overview brush on the visible window', async () => {
    const el = await mount();
    el.showRange([Date.UTC(2019, 0, 1), Date.UTC(2020, 0, 1)]);
    await el.updateComplete;
    const selection = el.shadowRoot!.querySelector<SVGRectElement>('svg.overview .brush rect.selection')!;
    const x0 = Number(selection.getAttribute('x'));
    const width = Number(selection.getAttribute('width'));
    expect(width).to.be.greaterThan(10);
    // Moving the brush moves the chart: shift it right by its own width.
    const box = selection.getBoundingClientRect();
    const y = box.top + box.height / 2;
    selection.dispatchEvent(new MouseEvent('mousedown', { clientX: box.left + box.width / 2, clientY: y, bubbles: true, view: window }));
    window.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + box.width / 2 + width, clientY: y, bubbles: true, view: window }));
    window.dispatchEvent(new MouseEvent('mouseup', { clientX: box.left + box.width / 2 + width, clientY: y, bubbles: true, view: window }));
    await el.updateComplete;
    // One brush width to the right is one year later, give or take a pixel's worth of days.
    expect(el.visibleRange[0]).to.be.closeTo(Date.UTC(2020, 0, 1), 10 * 86_400_000);
    expect(Number(selection.getAttribute('x'))).to.be.closeTo(x0 + width, 2);
  });

  it('moves focus between marks with the arrow keys and selects with Enter', async () => {
    const el = await mount();
    const first = el.shadowRoot!.querySelector<SVGGElement>('g.mark[tabindex="0"]')!;
    expect($$(el, 'g.mark[tabindex="0"]').length).to.equal(1);
    expect(first.dataset.id).to.equal('a-op');
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    await el.updateComplete;
    const second = el.shadowRoot!.activeElement as SVGGElement;
    expect(second.dataset.id).to.equal('a-act');
    second.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await el.updateComplete;
    await el.updateComplete;
    expect((el.shadowRoot!.activeElement as SVGGElement).dataset.id).to.equal('a-pt2');
    (el.shadowRoot!.activeElement as SVGGElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await el.updateComplete;
    await el.updateComplete;
    const inB = el.shadowRoot!.activeElement as SVGGElement;
    expect(inB.closest('g.lane')!.getAttribute('data-lane')).to.equal('B');
    const selected = oneEvent(el, 'tl-event-select');
    inB.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const event = (await selected) as CustomEvent<{ id: string | null }>;
    expect(event.detail.id).to.equal(inB.dataset.id);
    const cleared = oneEvent(el, 'tl-event-select');
    inB.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(((await cleared) as CustomEvent<{ id: string | null }>).detail.id).to.equal(null);
  });

  it('a group of bars too many for the lane\'s rows is one stop; Enter opens it, the arrows go through it, Escape closes it', async () => {
    const el = await mountTwelveBars();
    const press = async (key: string) => {
      (el.shadowRoot!.activeElement as SVGGElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      await el.updateComplete;
      await el.updateComplete;
      return el.shadowRoot!.activeElement as SVGGElement;
    };
    el.shadowRoot!.querySelector<SVGGElement>('g.mark[tabindex="0"]')!.focus();
    // Eight bars, then the group of the other four: nine stops.
    const names: string[] = [];
    let active = el.shadowRoot!.activeElement as SVGGElement;
    for (let i = 0; i < 10; i++) {
      names.push(active.getAttribute('aria-label')!);
      active = await press('ArrowRight');
    }
    expect(names.slice(0, 8).every((name) => /^Bar \d+, /.test(name))).to.equal(true);
    expect(names[8]).to.equal('+4: 4 events not drawn one by one, starting 18 Jan 2019 – 21 Jan 2019. Enter shows them one by one.');
    expect(names[9]).to.equal(names[8]);
    expect(active.classList.contains('group')).to.equal(true);
    expect(el.shadowRoot!.querySelector('.overflow-count')!.textContent).to.equal('+4');
    // Zooming would not part them (bars stack the same at every zoom): Enter opens the group instead.
    const view = el.visibleRange;
    active = await press('Enter');
    expect(el.visibleRange).to.deep.equal(view);
    expect(active.dataset.id).to.equal('bar8');
    active = await press('ArrowRight');
    expect(active.dataset.id).to.equal('bar9');
    expect(active.getAttribute('aria-label')).to.match(/^Bar 9, /);
    // Escape leaves the members for the group.
    active = await press('Escape');
    expect(active.classList.contains('group')).to.equal(true);
    expect($$(el, 'g.mark[tabindex="0"]').length).to.equal(1);
    // Enter on an event itself still selects it.
    active = await press('Home');
    const selected = oneEvent(el, 'tl-event-select');
    await press('Enter');
    expect(((await selected) as CustomEvent<{ id: string | null }>).detail.id).to.equal('bar0');
  });

  it('a click on a count of bars lists them to pick from: zooming cannot part bars', async () => {
    const el = await mountTwelveBars();
    const count = el.shadowRoot!.querySelector<SVGTextElement>('.overflow-count')!;
    expect(count.textContent).to.equal('+4');
    const box = count.getBoundingClientRect();
    const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, composed: true };
    const svg = el.shadowRoot!.querySelector('svg.plot')!;
    const view = el.visibleRange;
    svg.dispatchEvent(new MouseEvent('click', at));
    await el.updateComplete;
    const list = el.shadowRoot!.querySelector<HTMLElement>('.group-list')!;
    expect(list.getAttribute('role')).to.equal('dialog');
    expect(list.getAttribute('aria-label')).to.equal('4 events counted here');
    const items = [...list.querySelectorAll<HTMLButtonElement>('li button')];
    expect(items.map((b) => b.textContent!.split(',')[0])).to.deep.equal(['Bar 8', 'Bar 9', 'Bar 10', 'Bar 11']);
    expect(el.visibleRange).to.deep.equal(view);
    await waitFor(() => el.shadowRoot!.activeElement === items[0]);
    // Escape closes it and gives the focus back to the chart.
    items[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.group-list')).to.equal(null);
    await waitFor(() => (el.shadowRoot!.activeElement as Element | null)?.matches('g.mark[tabindex="0"]') ?? false);
    // Picking one selects its event.
    svg.dispatchEvent(new MouseEvent('click', at));
    await el.updateComplete;
    const selected = oneEvent(el, 'tl-event-select');
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.group-list li button')[2]!.click();
    expect(((await selected) as CustomEvent<{ id: string | null }>).detail.id).to.equal('bar10');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.group-list')).to.equal(null);
  });

  it('shows a tooltip with title, date, cluster, confidence on focus', async () => {
    const el = await mount();
    const mark = el.shadowRoot!.querySelector<SVGGElement>('g.mark[data-id="a-pt"]')!;
    mark.focus();
    await el.updateComplete;
    const tip = el.shadowRoot!.querySelector('.tooltip')!;
    expect(tip.textContent).to.contain('Alpha intrusion');
    expect(tip.textContent).to.contain('2 May 2019');
    expect(tip.textContent).to.contain('Cluster A — Alpha');
    expect(tip.textContent).to.contain('high');
  });

  it('selects a mark on click', async () => {
    const el = await mount();
    const mark = el.shadowRoot!.querySelector<SVGGElement>('g.mark[data-id="b-pt"]')!;
    const selected = oneEvent(el, 'tl-event-select');
    mark.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(((await selected) as CustomEvent<{ id: string }>).detail.id).to.equal('b-pt');
  });

  it('re-lays out when its container is resized, keeping the same dates in view', async () => {
    const el = await mount(900);
    const svg = () => el.shadowRoot!.querySelector('svg.plot')!;
    expect(Number(svg().getAttribute('width'))).to.equal(900);
    const range = el.visibleRange;
    (el.parentElement as HTMLElement).style.width = '400px';
    await waitFor(() => Number(svg().getAttribute('width')) === 400);
    expect(el.visibleRange[0]).to.be.closeTo(range[0], 86_400_000);
    expect(el.visibleRange[1]).to.be.closeTo(range[1], 86_400_000);
  });
});
