import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { loadDataset } from '../../src/io/load';
import { EMPTY_META } from '../../src/io/metadata';
import type { TlApp } from '../../src/ui/app/tl-app';
import '../../src/ui/app/tl-app';
import '../../src/ui/timeline/tl-timeline';
import { waitFor } from './helpers';

/** 10,000 events in 5 clusters, every date precision, generated here (never committed). */
function bigCsv(count: number): string {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const kinds = ['intrusion', 'tooling', 'vulnerability', 'publication', 'attribution'];
  const rows = ['id,cluster,kind,start,end,title,confidence,source_url'];
  for (const c of 'ABCDE') rows.push(`${c}-op,${c},operating,2010,..,Group ${c},high,https://example.org/${c}`);
  for (let i = 0; i < count; i++) {
    const cluster = 'ABCDE'[Math.floor(random() * 5)];
    const year = 2010 + Math.floor(random() * 12);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const p = random();
    const start = p < 0.1 ? `${year}` : p < 0.2 ? `${year}-Q${Math.ceil(month / 3)}` : p < 0.4 ? `${year}-${String(month).padStart(2, '0')}` : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    rows.push(`e${i},${cluster},${kinds[Math.floor(random() * 5)]},${start},,Event ${i},high,https://example.org/${i}`);
  }
  return rows.join('\n');
}

/** A picture (a data URL) on a canvas, to read its pixels. */
async function pictureOf(href: string): Promise<CanvasRenderingContext2D> {
  const image = new Image();
  image.src = href;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image, 0, 0);
  return ctx;
}

/** How many opaque, light grey pixels a picture has: the dark theme's muted text, say. */
async function lightGreyPixels(href: string): Promise<number> {
  const ctx = await pictureOf(href);
  const data = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    if (a === 255 && Math.min(r, g, b) >= 150 && Math.max(r, g, b) - Math.min(r, g, b) <= 25) count++;
  }
  return count;
}

/** Whether a picture has anything drawn in a band of its rows. */
async function inkOf(href: string): Promise<(top: number, height: number) => boolean> {
  const ctx = await pictureOf(href);
  return (top, height) => ctx.getImageData(0, top, ctx.canvas.width, height).data.some((value, i) => i % 4 === 3 && value > 0);
}

describe('10,000 events', () => {
  const data = loadDataset({ events: { name: 'big.csv', text: bigCsv(10_000) } });

  async function mount(): Promise<TlApp> {
    const el = await fixture<TlApp>(html`<tl-app .meta=${{ ...EMPTY_META, title: 'big.csv' }} .data=${data}></tl-app>`);
    await waitFor(() => (el.shadowRoot!.querySelector('tl-timeline')?.shadowRoot?.querySelectorAll('g.lane').length ?? 0) === 5);
    return el;
  }

  /** The mounted chart with the keyboard's focus on its roving mark, and a key press that waits for the chart to follow. */
  async function focusedChart() {
    const el = await mount();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    const root = timeline.shadowRoot!;
    root.querySelector<SVGGElement>('g.mark[tabindex="0"]')!.focus();
    const press = async (key: string) => {
      (root.activeElement as SVGGElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      await timeline.updateComplete;
      await timeline.updateComplete;
      return root.activeElement as SVGGElement;
    };
    return { timeline, root, press };
  }

  it('loads every row and paints the marks on the canvas, keeping the DOM small', async () => {
    expect(data.problems).to.deep.equal([]);
    expect(data.events.length).to.equal(10_005);
    const el = await mount();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    await waitFor(() => !timeline.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.dense')!.hidden);
    expect(timeline.shadowRoot!.querySelectorAll('g.mark').length).to.be.below(10);
    // Counts of what does not fit a lane's rows are painted with the marks, not as SVG text.
    expect(timeline.shadowRoot!.querySelectorAll('.overflow-count').length).to.equal(0);
    const canvas = timeline.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.dense')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    expect(pixels.some((value, i) => i % 4 === 3 && value > 0)).to.equal(true);
    // Each lane keeps to its row budget (bars, their overflow row, points, their overflow row), however many events it has.
    const lanes = [...timeline.shadowRoot!.querySelectorAll<SVGRectElement>('rect.lane-bg')].map((r) => Number(r.getAttribute('height')));
    expect(lanes).to.have.length(5);
    for (const height of lanes) expect(height).to.be.at.most(22 + 18 * 18 + 6);
  });

  it('paints the canvas once for new data: the overview picture that follows re-renders only the strip', async () => {
    const clears: HTMLCanvasElement[] = [];
    const clearRect = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (this: CanvasRenderingContext2D, ...args: [number, number, number, number]) {
      if (this.canvas instanceof HTMLCanvasElement && this.canvas.classList.contains('dense')) clears.push(this.canvas);
      return clearRect.apply(this, args);
    };
    try {
      const el = await mount();
      const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
      await waitFor(() => timeline.shadowRoot!.querySelector('svg.overview image') !== null);
      await timeline.updateComplete;
      expect(clears.length).to.equal(1);
    } finally {
      CanvasRenderingContext2D.prototype.clearRect = clearRect;
    }
  });

  it('paints every lane into the exported picture, also those below the screen that the live canvas leaves out', async () => {
    const el = await mount();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    await waitFor(() => !timeline.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.dense')!.hidden);
    const heights = [...timeline.shadowRoot!.querySelectorAll<SVGRectElement>('rect.lane-bg')].map((r) => Number(r.getAttribute('height')));
    const live = timeline.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.dense')!;
    const dense = timeline.imageParts().denseImage!;
    // The live canvas covers a band around the screen; the picture is as tall as all the lanes.
    expect(live.height).to.be.below(dense.height);
    const inked = await inkOf(dense.href);
    // Lanes stack from the picture's top; the last one is far below the screen.
    const lastTop = heights.slice(0, -1).reduce((sum, height) => sum + height, 0);
    expect(lastTop).to.be.above(innerHeight);
    expect(inked(lastTop, heights[heights.length - 1]!)).to.equal(true);
    // For a PNG (drawn at twice the size) the picture has two pixels a unit; placed the same.
    const fine = timeline.imageParts(2).denseImage!;
    expect([fine.x, fine.y, fine.width, fine.height]).to.deep.equal([dense.x, dense.y, dense.width, dense.height]);
    const finePicture = (await pictureOf(fine.href)).canvas;
    expect([finePicture.width, finePicture.height]).to.deep.equal([2 * dense.width, 2 * dense.height]);
  });

  it('lays out new data only in the lanes its canvas paints, with the lanes placed below the new data\'s overlap labels', async () => {
    // Two overlapping activity periods give the chart a row of overlap labels above its lanes; before
    // the data, it has none. Which lanes are on screen must be worked out below the new row.
    const overlapping = loadDataset({
      events: { name: 'o.csv', text: `${bigCsv(10_000)}\nA-act,A,activity,2015,2017,Activity A,high,\nB-act,B,activity,2016,2018,Activity B,high,` },
    });
    type Chart = HTMLElement & {
      events: unknown;
      clusters: unknown;
      updateComplete: Promise<boolean>;
      lanes: { top: number; height: number; marks: unknown[] }[];
      paintedBand: [number, number];
      lanesTop: number;
      plotTopOnScreen: number | null;
    };
    const nextFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // Where the lanes fall, from a chart drawn once.
    const reference = (await fixture<HTMLDivElement>(html`<div style="width:1200px"><tl-timeline .clusters=${overlapping.clusters} .events=${overlapping.events}></tl-timeline></div>`)).querySelector('tl-timeline') as unknown as Chart;
    await waitFor(() => reference.lanes.length === 5);
    const { lanesTop, lanes } = reference;
    expect(lanesTop).to.be.above(4);
    reference.parentElement!.remove();
    /** A chart without data under a spacer; it measures where its plot is on screen in the frame after its first render. */
    const emptyChart = async (spacer: number) => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width:1200px"><div style="height:${spacer}px"></div><tl-timeline></tl-timeline></div>`);
      scrollTo(0, 0);
      const chart = wrapper.querySelector('tl-timeline') as unknown as Chart;
      await chart.updateComplete;
      await nextFrames();
      expect(chart.plotTopOnScreen).to.be.a('number');
      return chart;
    };
    const unspaced = await emptyChart(0);
    const plotTop = unspaced.plotTopOnScreen!;
    unspaced.parentElement!.remove();
    // A spacer that puts the second lane's top 8 pixels below the bottom of the band the canvas paints
    // (the screen and 100 pixels more): inside it if the band were worked out without the label row.
    const second = lanes[1]!.top;
    const spacer = innerHeight + 100 - (second - 8) - plotTop - lanesTop;
    expect(spacer).to.be.above(0);
    const chart = await emptyChart(spacer);
    expect(chart.plotTopOnScreen).to.be.closeTo(plotTop + spacer, 0.5);
    chart.clusters = overlapping.clusters;
    chart.events = overlapping.events;
    await chart.updateComplete;
    expect(chart.lanesTop).to.equal(lanesTop);
    expect(chart.paintedBand[1]).to.be.closeTo(second - 8, 0.5);
    expect(chart.lanes[0]!.marks.length).to.be.above(0);
    expect(chart.lanes.slice(1).map((lane) => lane.marks.length)).to.deep.equal([0, 0, 0, 0]);
  });

  it('prints a dense chart short enough for one page as one picture: every lane\'s marks drawn whole into the chart, scaling with it', async () => {
    // One cluster's 2,000 events: one lane, painted on the canvas, that fits a page as it is.
    const oneLane = loadDataset({ events: { name: 'a.csv', text: bigCsv(10_000).split('\n').filter((line, i) => i === 0 || line.split(',')[1] === 'A').join('\n') } });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width:1200px"><tl-timeline .clusters=${oneLane.clusters} .events=${oneLane.events}></tl-timeline></div>`);
    const timeline = wrapper.querySelector('tl-timeline')!;
    const root = timeline.shadowRoot!;
    await waitFor(() => root.querySelector<HTMLCanvasElement>('canvas.dense')?.hidden === false);
    const chart = timeline as unknown as { lanes: { top: number; height: number }[] };
    expect(chart.lanes).to.have.length(1);
    // On a dark screen the canvas draws the counts light grey; on paper the picture is in the light theme's colours.
    const liveCanvas = root.querySelector<HTMLCanvasElement>('canvas.dense')!;
    expect(await lightGreyPixels(liveCanvas.toDataURL())).to.equal(0);
    let darkScreenPrint = '';
    try {
      await emulateMedia({ colorScheme: 'dark' });
      let greyOnScreen = 0;
      for (let frame = 0; frame < 120 && greyOnScreen === 0; frame++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        greyOnScreen = await lightGreyPixels(liveCanvas.toDataURL());
      }
      expect(greyOnScreen).to.be.above(0);
      // The exported picture keeps the screen's theme (its background is the theme's too).
      expect(await lightGreyPixels(timeline.imageParts().denseImage!.href)).to.be.above(0);
      window.dispatchEvent(new Event('beforeprint'));
      darkScreenPrint = root.querySelector<SVGImageElement>('svg.plot #plot-body image.print-dense')!.getAttribute('href')!;
      window.dispatchEvent(new Event('afterprint'));
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
    expect(await lightGreyPixels(darkScreenPrint)).to.equal(0);
    window.dispatchEvent(new Event('beforeprint'));
    try {
      expect(root.querySelector('.print-slices')).to.equal(null);
      const image = root.querySelector<SVGImageElement>('svg.plot #plot-body image.print-dense')!;
      expect(image.getAttribute('href')).to.match(/^data:image\/png;base64,/);
      expect(Number(image.getAttribute('height'))).to.equal(chart.lanes[0]!.height);
      // On screen it stays hidden (the canvas shows the marks); only print shows it, instead of the canvas.
      expect(getComputedStyle(image).display).to.equal('none');
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle(image).display).to.equal('inline');
      expect(getComputedStyle(root.querySelector('canvas.dense')!).display).to.equal('none');
      expect((await inkOf(image.getAttribute('href')!))(0, chart.lanes[0]!.height)).to.equal(true);
    } finally {
      await emulateMedia({ media: 'screen' });
      window.dispatchEvent(new Event('afterprint'));
    }
    expect(root.querySelector('image.print-dense')).to.equal(null);
  });

  it('prints a tall chart in slices of whole lanes, each as wide as the page with its axis and its stretch of the dense marks', async () => {
    const el = await mount();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    const root = timeline.shadowRoot!;
    await waitFor(() => !root.querySelector<HTMLCanvasElement>('canvas.dense')!.hidden);
    const chart = timeline as unknown as { lanes: { top: number; height: number }[]; bandLabelRows: number; width: number };
    const lanesTop = chart.bandLabelRows * 16 + 4;
    const lanesEnd = lanesTop + chart.lanes.at(-1)!.top + chart.lanes.at(-1)!.height;
    const laneEdges = new Set([0, ...chart.lanes.map((lane) => lanesTop + lane.top + lane.height)]);
    window.dispatchEvent(new Event('beforeprint'));
    try {
      const slices = [...root.querySelectorAll<SVGSVGElement>('.print-slices svg.print-slice')];
      expect(slices.length).to.be.above(1);
      let covered = 0;
      for (const slice of slices) {
        const [lanesView, axisView] = [...slice.querySelectorAll<SVGSVGElement>(':scope > svg')];
        // A window on whole lanes of a copy of the chart, and the axis under it.
        const [, from, , height] = lanesView!.getAttribute('viewBox')!.split(' ').map(Number);
        expect(from).to.equal(covered);
        expect(laneEdges.has(from!) && laneEdges.has(from! + height!)).to.equal(true);
        covered = from! + height!;
        expect(lanesView!.querySelectorAll('g.lane').length).to.equal(chart.lanes.length);
        expect(Number(axisView!.getAttribute('viewBox')!.split(' ')[1])).to.equal(lanesEnd);
        expect(axisView!.querySelectorAll('.tick-label').length).to.be.above(3);
        // The dense marks of its stretch only, and they are there.
        const image = lanesView!.querySelector<SVGImageElement>('image.print-dense')!;
        const [top, bottom] = [Math.max(from!, lanesTop), from! + height!];
        expect([Number(image.getAttribute('y')), Number(image.getAttribute('height'))]).to.deep.equal([top, bottom - top]);
        expect((await inkOf(image.getAttribute('href')!))(0, bottom - top)).to.equal(true);
        // Finer than the screen: two pixels a unit, for paper.
        const picture = (await pictureOf(image.getAttribute('href')!)).canvas;
        expect([picture.width, picture.height]).to.deep.equal([2 * Number(image.getAttribute('width')), 2 * (bottom - top)]);
      }
      expect(covered).to.equal(lanesEnd);
      // The copies are pictures: nothing in them takes the focus or speaks, and no id is repeated.
      const box = root.querySelector('.print-slices')!;
      expect(box.querySelectorAll('[tabindex], [role], [aria-label]').length).to.equal(0);
      expect(root.querySelectorAll('#plot-body').length).to.equal(1);
      // On screen nothing changes; printed, the slices replace the chart and fill the page's width.
      expect(getComputedStyle(box).display).to.equal('none');
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle(root.querySelector('svg.plot')!).display).to.equal('none');
      expect(getComputedStyle(box).display).to.equal('block');
      const figure = root.querySelector('figure')!.getBoundingClientRect();
      expect(slices[0]!.getBoundingClientRect().width).to.be.closeTo(figure.width, 1);
      expect(slices[0]!.getBoundingClientRect().height).to.be.above(0);
    } finally {
      await emulateMedia({ media: 'screen' });
      window.dispatchEvent(new Event('afterprint'));
    }
    expect(root.querySelector('.print-slices')).to.equal(null);
    expect(root.querySelector('image.print-dense')).to.equal(null);
    expect(root.querySelector('figure')!.classList.contains('print-sliced')).to.equal(false);
  });

  it('a click on a mark the canvas painted selects that event', async () => {
    const el = await mount();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    const canvas = timeline.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.dense')!;
    await waitFor(() => !canvas.hidden);
    // The chart's own layout says where it painted each mark (lane coordinates; the canvas starts at paintedBand[0]).
    type Placed = { top: number; marks: { cx: number; y: number; shape: string; event: { id: string } }[] };
    const chart = timeline as unknown as { lanes: Placed[]; paintedBand: [number, number] };
    const lane = chart.lanes[0]!;
    const mark = lane.marks.find((m) => m.shape === 'point' && m.cx > 40 && m.cx < canvas.clientWidth - 40)!;
    const box = canvas.getBoundingClientRect();
    const x = box.left + mark.cx;
    const y = box.top + lane.top + mark.y - chart.paintedBand[0];
    const selected = new Promise<string | null>((resolve) => timeline.addEventListener('tl-event-select', (e) => resolve(e.detail.id), { once: true }));
    timeline.shadowRoot!.querySelector('svg.plot')!.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true, composed: true }));
    const id = await selected;
    // The nearest mark under the pointer: this one, or one drawn on the same spot.
    const hit = lane.marks.find((m) => m.event.id === id)!;
    expect(Math.abs(hit.cx - mark.cx)).to.be.at.most(8);
    expect(hit.y).to.equal(mark.y);
  });

  it('a click on a count of points ("+N") zooms in on them', async () => {
    const el = await mount();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    const canvas = timeline.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.dense')!;
    await waitFor(() => !canvas.hidden);
    type Row = { y: number; points: boolean; bins: [number, number][] };
    const chart = timeline as unknown as { lanes: { top: number; overflowRows: Row[] }[]; paintedBand: [number, number] };
    const lane = chart.lanes[0]!;
    const row = lane.overflowRows.find((r) => r.points)!;
    const [labelX] = row.bins.find(([x, count]) => count > 1 && x > 40 && x < canvas.clientWidth - 40)!;
    const box = canvas.getBoundingClientRect();
    const [from, to] = timeline.visibleRange;
    const clickedTime = from + ((labelX + 4) / canvas.clientWidth) * (to - from);
    const at = { clientX: box.left + labelX + 4, clientY: box.top + lane.top + row.y - chart.paintedBand[0], bubbles: true, composed: true };
    const svg = timeline.shadowRoot!.querySelector('svg.plot')!;
    svg.dispatchEvent(new PointerEvent('pointermove', at));
    await waitFor(() => svg.classList.contains('over-count'));
    svg.dispatchEvent(new MouseEvent('click', at));
    await timeline.updateComplete;
    const [zoomedFrom, zoomedTo] = timeline.visibleRange;
    expect(zoomedTo - zoomedFrom).to.be.below((to - from) / 4 + 1);
    // Around the clicked bin (36 pixels wide at the old zoom).
    expect(zoomedFrom).to.be.below(clickedTime + (36 / canvas.clientWidth) * (to - from));
    expect(zoomedTo).to.be.above(clickedTime - (36 / canvas.clientWidth) * (to - from));
  });

  it('reaches marks with the keyboard, and each counted group ("+N") as one stop', async () => {
    const { timeline, root, press } = await focusedChart();
    const first = root.activeElement;
    await press('End');
    expect(root.activeElement).not.to.equal(first);
    // Step back through many stops: each one becomes the focused, named element in turn, a mark
    // (named by its event) or a group (named by its count, and said to open with Enter).
    const seen = new Set<string>();
    let groups = 0;
    for (let i = 0; i < 40; i++) {
      const active = root.activeElement as SVGGElement;
      const name = active.getAttribute('aria-label')!;
      if (active.classList.contains('group')) {
        groups++;
        expect(name).to.match(/^\+(\d+): (\d+|one) events? not drawn/);
        expect(active.getAttribute('role')).to.equal('button');
      } else expect(name).to.match(/, /);
      seen.add(active.dataset.id ?? `${name}@${timeline.visibleRange.join()}`);
      await press('ArrowLeft');
    }
    expect(seen.size).to.equal(40);
    expect(groups).to.be.above(0);
    expect(root.querySelectorAll('g.mark[tabindex="0"]').length).to.equal(1);
  });

  it('Enter on a group of points zooms in on them, keeping the focus on the earliest', async () => {
    const { timeline, press } = await focusedChart();
    // The last stop of the first lane, at the fit-all zoom, is its right-most points' group.
    let active = await press('End');
    expect(active.classList.contains('group')).to.equal(true);
    const count = Number(/^\+(\d+)/.exec(active.getAttribute('aria-label')!)![1]);
    expect(count).to.be.above(1);
    const [from, to] = timeline.visibleRange;
    active = await press('Enter');
    const [zoomedFrom, zoomedTo] = timeline.visibleRange;
    expect(zoomedTo - zoomedFrom).to.be.below((to - from) / 4 + 1);
    // The focus is on the group's earliest point: now drawn on its own, or in a smaller group.
    if (active.classList.contains('group')) expect(Number(/^\+(\d+)/.exec(active.getAttribute('aria-label')!)![1])).to.be.below(count);
    else expect(active.dataset.id).to.match(/^e\d+$/);
  });

  it('moves a screen\'s width of time at once with Page Down and Page Up', async () => {
    const { timeline, press: pressKey } = await focusedChart();
    // The focused event: a mark's own, or the one a counted group was reached through.
    const press = async (key: string) => {
      await pressKey(key);
      return (timeline as unknown as { activeId: string }).activeId;
    };
    // Zoom in until a screen is a small part of the twelve years.
    for (let i = 0; i < 12; i++) await press('+');
    const [from, to] = timeline.visibleRange;
    const screen = to - from;
    expect(screen).to.be.below(365 * 86_400_000);
    // Where the focused stop sits, in time: a mark's start, a counted group's bin.
    type Stops = { stopOf: Int32Array; x: Float64Array };
    const chart = timeline as unknown as { rovingPosition: { lane: number; index: number }; layoutCache: { stops(lane: number): Stops }; plotWidth: number };
    const focusTime = () => {
      const at = chart.rovingPosition;
      const stops = chart.layoutCache.stops(at.lane);
      const [viewFrom, viewTo] = timeline.visibleRange;
      return viewFrom + (stops.x[stops.stopOf[at.index]!]! / chart.plotWidth) * (viewTo - viewFrom);
    };
    let id = await press('Home');
    const laneIds = new Set(data.events.filter((e) => e.cluster === data.events.find((x) => x.id === id)!.cluster).map((e) => e.id));
    // Each Page Down goes about a screen later in the same lane, and the focused stop is on screen.
    let time = focusTime();
    const homeTime = time;
    for (let i = 0; i < 5; i++) {
      const next = await press('PageDown');
      expect(laneIds.has(next)).to.equal(true);
      const nextTime = focusTime();
      expect(nextTime - time).to.be.within(screen * 0.5, screen * 1.5);
      const [viewFrom, viewTo] = timeline.visibleRange;
      expect(nextTime).to.be.within(viewFrom, viewTo);
      [id, time] = [next, nextTime];
    }
    // Page Up comes back the same way (the nearest stop a screen earlier each time).
    for (let i = 0; i < 5; i++) {
      await press('PageUp');
      const back = focusTime();
      expect(time - back).to.be.within(screen * 0.5, screen * 1.5);
      time = back;
    }
    expect(Math.abs(time - homeTime)).to.be.below(screen * 0.5);
  });

  it('filters a cluster out of the chart and the table, and pages the table', async () => {
    const el = await mount();
    const table = el.shadowRoot!.querySelector('tl-event-table')!;
    await table.updateComplete;
    expect(table.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(200);
    expect(table.shadowRoot!.querySelector('.pager [role=status]')!.textContent).to.equal('Rows 1–200 of 10005');
    // The pagers above and below the table are two landmarks, each with its own name.
    expect([...table.shadowRoot!.querySelectorAll('nav.pager')].map((nav) => nav.getAttribute('aria-label'))).to.deep.equal(['Table pages', 'Table pages, below the table']);
    [...table.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Next rows')!.click();
    await table.updateComplete;
    expect(table.shadowRoot!.querySelector('.pager [role=status]')!.textContent).to.equal('Rows 201–400 of 10005');

    const filters = el.shadowRoot!.querySelector('tl-filters')!;
    const checkbox = [...filters.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((input) => input.closest('label')!.textContent!.trim().startsWith('B'))!;
    checkbox.click();
    const timeline = el.shadowRoot!.querySelector('tl-timeline')!;
    await waitFor(() => timeline.shadowRoot!.querySelectorAll('g.lane').length === 4);
    await table.updateComplete;
    const remaining = data.events.filter((e) => e.cluster !== 'B').length;
    expect(table.shadowRoot!.querySelector('.pager [role=status]')!.textContent).to.equal(`Rows 1–200 of ${remaining}`);
  });
});
