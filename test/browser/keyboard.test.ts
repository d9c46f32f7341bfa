import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { loadDataset } from '../../src/io/load';
import type { TlApp } from '../../src/ui/app/tl-app';
import { contrastRatio, deepActiveElement, focusIndicator, mountApp, panelOf, settle, shadow, timelineOf, unmountApp } from './a11y-helpers';
import { waitFor } from './helpers';

/**
 * The whole app driven with the keyboard alone: real key presses (sendKeys), no clicks, and focus
 * set by script only to start at the top of the page. Every element that takes focus must show a
 * focus indicator with 3:1 contrast against what is behind it.
 */

/** Where focus is, as a short description for failure messages. */
function where(el: Element | null = deepActiveElement()): string {
  if (!el) return 'nothing';
  const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'document';
  const name = el.getAttribute('aria-label') ?? el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 50) ?? '';
  return `${host} > ${el.localName}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${name}"`;
}

/** Presses a key and waits for the app to re-render. */
async function press(el: TlApp, key: string): Promise<Element | null> {
  if (key.startsWith('Shift+')) {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: key.slice('Shift+'.length) });
    await sendKeys({ up: 'Shift' });
  } else await sendKeys({ press: key });
  await settle(el);
  return deepActiveElement();
}

/**
 * Presses a key that opens a detail panel and returns what has focus once the panel is on screen:
 * the panel's code loads the first time one opens, and the app then moves focus to its heading.
 */
async function openPanelWith(el: TlApp, key: string): Promise<Element | null> {
  await press(el, key);
  await waitFor(() => panelOf(el) !== null && deepActiveElement()?.id === 'panel-heading');
  await settle(el);
  return deepActiveElement();
}

/** Asserts that the focused element shows a focus indicator (outline or focus ring) with 3:1 contrast. */
function expectVisibleFocus(active: Element | null = deepActiveElement()): void {
  expect(active, 'something has focus').to.not.equal(null);
  const indicator = focusIndicator(active!);
  expect(indicator, `a focus indicator on ${where(active)}`).to.not.equal(null);
  expect(contrastRatio(indicator!.color, indicator!.against), `focus indicator contrast on ${where(active)}`).to.be.at.least(3);
}

/** Tabs (or Shift+Tabs) until the focused element matches, checking the focus indicator at every stop on the way. */
async function tabTo(el: TlApp, matches: (active: Element) => boolean, options: { back?: boolean; max?: number } = {}): Promise<Element> {
  const stops: string[] = [];
  for (let i = 0; i < (options.max ?? 120); i++) {
    const active = await press(el, options.back ? 'Shift+Tab' : 'Tab');
    expectVisibleFocus(active);
    stops.push(where(active));
    if (active && matches(active)) return active;
  }
  throw new Error(`never reached the element; focus went through:\n${stops.join('\n')}`);
}

const isIn = (host: string, selector: string) => (active: Element) =>
  (active.getRootNode() as ShadowRoot).host?.localName === host && active.matches(selector);

function insideApp(el: TlApp, node: Element): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) if (n === el) return true;
  return false;
}

/**
 * Starts from the top of the page, as a reader arriving on it would: focus goes to a marker before
 * the app (the one place focus is set by script), so the first Tab lands on the app's first control.
 * Focus never leaves the page: blur() would let Tab start from the last focused element, and Tab
 * past the last control moves focus into the browser's own UI, after which the page gets no focus
 * events at all, which this and other test files rely on.
 */
function startAtTop(): void {
  let marker = document.getElementById('keyboard-start');
  if (!marker) {
    marker = document.createElement('div');
    marker.id = 'keyboard-start';
    marker.tabIndex = -1;
    document.body.prepend(marker);
  }
  marker.focus();
}

afterEach(() => {
  document.getElementById('keyboard-start')?.remove();
  unmountApp();
});

describe('the keyboard alone', () => {
  it('reaches every control in order, each with a visible focus indicator, and the skip link jumps to the table', async function () {
    this.timeout(30000);
    const el = await mountApp();
    startAtTop();
    // The last control is the table's last link (tabbing past it would leave the page, see startAtTop).
    const links = shadow(shadow(el).querySelector('tl-event-table')).querySelectorAll('a');
    const last = links[links.length - 1]!;
    const stops: string[] = [];
    for (let i = 0; i < 100; i++) {
      const active = await press(el, 'Tab');
      expect(active && insideApp(el, active), `focus stays in the app (after ${stops.at(-1)})`).to.equal(true);
      expectVisibleFocus(active);
      stops.push(where(active));
      if (active === last) break;
    }
    expect(stops.at(-1)).to.equal(where(last));
    const order = [
      /tl-app > a\.skip/,
      /tl-app > button "About this data"/,
      /tl-export-menu > button\.toggle/,
      /tl-app > select/,
      /tl-data-source > input/,
      /tl-data-source > button "Save this view"/,
      /tl-filters > summary/,
      /tl-timeline > button "Zoom in"/,
      /tl-timeline > g\.mark/,
      /tl-timeline > g\.lane-header "Cluster A/,
      /tl-timeline > g\.lane-header "Cluster C/,
      /tl-event-table > a/,
    ];
    let from = 0;
    for (const step of order) {
      const index = stops.findIndex((stop, i) => i >= from && step.test(stop));
      expect(index, `${step} after stop ${from} in:\n${stops.join('\n')}`).to.be.at.least(from);
      from = index + 1;
    }
    // Exactly one mark is a tab stop (roving tabindex); the chart's SVG box itself is not one.
    expect(stops.filter((stop) => stop.includes('g.mark')).length).to.equal(1);
    expect(stops.some((stop) => stop.includes('> svg'))).to.equal(false);

    // The skip link, used with Enter, moves focus to the table: the next Tab lands in it.
    startAtTop();
    const skip = await press(el, 'Tab');
    expect(where(skip)).to.match(/a\.skip/);
    const landed = await press(el, 'Enter');
    expect(landed!.id).to.equal('events');
    expectVisibleFocus(landed);
    const next = await press(el, 'Tab');
    expect(where(next)).to.match(/tl-event-table > a/);
  });

  it('filters: opens the folded filters, toggles a cluster, opens its panel and comes back, searches', async function () {
    this.timeout(30000);
    const el = await mountApp();
    const filters = shadow(el).querySelector('tl-filters')!;
    const lanes = () => [...shadow(timelineOf(el)).querySelectorAll('g.lane')].map((l) => l.getAttribute('data-lane'));
    startAtTop();
    // At this width the filters start folded away behind "Show filters".
    await tabTo(el, isIn('tl-filters', 'summary'));
    expect(shadow(filters).querySelector('details')!.open).to.equal(false);
    await press(el, 'Enter');
    expect(shadow(filters).querySelector('details')!.open).to.equal(true);

    const checkbox = await tabTo(el, isIn('tl-filters', 'input[type=checkbox]'));
    expect(checkbox.closest('label')!.textContent).to.contain('Cluster A');
    await press(el, ' ');
    await waitFor(() => !lanes().includes('A'));
    expect(shadow(filters).querySelector('.shown')!.textContent).to.match(/^\d+ of \d+ events shown/);
    await press(el, ' ');
    await waitFor(() => lanes().includes('A'));

    // The (i) button next to the cluster opens its panel; Escape closes it and focus comes back.
    const info = await press(el, 'Tab');
    expect(where(info)).to.match(/button\.info "Details of Cluster A/);
    expectVisibleFocus(info);
    const heading = await openPanelWith(el, 'Enter');
    expect(heading!.id).to.equal('panel-heading');
    expect(heading!.textContent).to.contain('Cluster A');
    expectVisibleFocus(heading);
    const back = await press(el, 'Escape');
    expect(panelOf(el)).to.equal(null);
    expect(back).to.equal(info);
    expectVisibleFocus(back);

    // Search: type into the field; the table follows.
    await tabTo(el, isIn('tl-filters', 'input[type=search]'));
    await sendKeys({ type: 'Naikon' });
    const rows = () => shadow(shadow(el).querySelector('tl-event-table')).querySelectorAll('tbody tr');
    const all = rows().length;
    await waitFor(() => rows().length < all && rows().length > 0);
    expect([...rows()].every((row) => /naikon/i.test(row.textContent!) || row.querySelector('a'))).to.equal(true);
  });

  it('timeline marks: arrows move between marks, Enter opens the event, Escape closes it and focus returns to the mark', async function () {
    this.timeout(30000);
    const el = await mountApp();
    const chart = shadow(timelineOf(el));
    startAtTop();
    const first = await tabTo(el, isIn('tl-timeline', 'g.mark'));
    expect(chart.querySelector('[role=tooltip]')).to.not.equal(null);
    const right = await press(el, 'ArrowRight');
    expect(right).to.not.equal(first);
    expect(right!.matches('g.mark')).to.equal(true);
    expectVisibleFocus(right);
    const lane = right!.closest('g.lane')!.getAttribute('data-lane');
    const down = await press(el, 'ArrowDown');
    expect(down!.closest('g.lane')!.getAttribute('data-lane')).to.not.equal(lane);
    expectVisibleFocus(down);
    // Only the focused mark is a tab stop.
    expect([...chart.querySelectorAll('g.mark[tabindex="0"]')]).to.deep.equal([down]);
    const id = (down as SVGGElement).dataset.id!;

    const heading = await openPanelWith(el, 'Enter');
    expect(heading!.id).to.equal('panel-heading');
    expectVisibleFocus(heading);
    expect(new URLSearchParams(location.search).get('event')).to.equal(id);
    const back = await press(el, 'Escape');
    expect(panelOf(el)).to.equal(null);
    expect((back as SVGGElement).dataset.id).to.equal(id);
    expectVisibleFocus(back);
    // + and − zoom from the keyboard.
    const before = timelineOf(el).visibleRange;
    await press(el, '+');
    const after = timelineOf(el).visibleRange;
    expect(after[1] - after[0]).to.be.below(before[1] - before[0]);
  });

  it('lane header → cluster panel; its close button returns focus to the header', async function () {
    this.timeout(30000);
    const el = await mountApp();
    startAtTop();
    const header = await tabTo(el, isIn('tl-timeline', 'g.lane-header[data-lane="B"]'));
    const heading = await openPanelWith(el, 'Enter');
    expect(heading!.textContent).to.equal('Cluster B — Naikon APT');
    expectVisibleFocus(heading);
    const close = await press(el, 'Tab');
    expect(where(close)).to.match(/tl-detail-panel > button\.close/);
    expectVisibleFocus(close);
    const back = await press(el, 'Enter');
    expect(panelOf(el)).to.equal(null);
    expect(back).to.equal(header);
    expectVisibleFocus(back);
  });

  it('export menu: opens, moves with the arrows, closes with Escape, and a choice downloads and closes it', async function () {
    this.timeout(30000);
    const el = await mountApp();
    const menu = shadow(shadow(el).querySelector('tl-export-menu'));
    // Downloads are caught before they leave the page.
    const downloads: string[] = [];
    const catchDownload = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      if (link instanceof HTMLAnchorElement && link.download) {
        event.preventDefault();
        downloads.push(link.download);
      }
    };
    document.addEventListener('click', catchDownload, true);
    try {
      startAtTop();
      const toggle = await tabTo(el, isIn('tl-export-menu', 'button.toggle'));
      const item = await press(el, 'Enter');
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(where(item)).to.match(/button "CSV/);
      expectVisibleFocus(item);
      const second = await press(el, 'ArrowDown');
      expect((second as HTMLElement).dataset.format).to.equal('svg');
      expectVisibleFocus(second);
      const wrapped = await press(el, 'ArrowUp');
      expect((wrapped as HTMLElement).dataset.format).to.equal('csv');
      const afterEscape = await press(el, 'Escape');
      expect(afterEscape).to.equal(toggle);
      expect(menu.querySelector('ul')!.hidden).to.equal(true);
      expectVisibleFocus(afterEscape);

      await press(el, 'Enter');
      const afterChoice = await press(el, 'Enter');
      await waitFor(() => downloads.length === 1);
      expect(downloads[0]).to.match(/\.csv$/);
      expect(afterChoice).to.equal(toggle);
      expect(menu.querySelector('ul')!.hidden).to.equal(true);
      expectVisibleFocus(afterChoice);
    } finally {
      document.removeEventListener('click', catchDownload, true);
    }
  });

  it('table pager: Next and Previous page through a long table, and focus never drops off a disabled button', async function () {
    this.timeout(30000);
    const rows = ['id,cluster,kind,start,end,title'];
    for (let i = 0; i < 450; i++) rows.push(`e${i},${['X', 'Y', 'Z'][i % 3]},intrusion,${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01,,Event ${i}`);
    const el = await mountApp({ data: loadDataset({ events: { name: 'long.csv', text: rows.join('\n') } }), sourceName: 'long.csv' });
    const table = shadow(shadow(el).querySelector('tl-event-table'));
    const status = () => table.querySelector('.pager [role=status]')!.textContent!.trim();
    expect(status()).to.match(/1\D+200 of 450/);
    startAtTop();
    const next = await tabTo(el, (active) => isIn('tl-event-table', 'button')(active) && /Next/.test(active.textContent!));
    let active = await press(el, 'Enter');
    expect(status()).to.match(/201\D+400 of 450/);
    expect(active).to.equal(next);
    expectVisibleFocus(active);
    active = await press(el, 'Enter');
    expect(status()).to.match(/401\D+450 of 450/);
    // The last page disables Next: focus must not fall back to the top of the page.
    expect(active, where(active)).to.not.equal(document.body);
    expect(where(active)).to.match(/tl-event-table > button "Previous rows"/);
    expectVisibleFocus(active);
    await press(el, 'Enter');
    expect(status()).to.match(/201\D+400 of 450/);
  });

  for (const theme of ['dark', 'forced-colors'] as const) {
    it(`keeps a visible focus indicator in ${theme === 'dark' ? 'the dark theme' : 'forced-colors mode'}`, async function () {
      this.timeout(30000);
      if (theme === 'dark') await emulateMedia({ colorScheme: 'dark' });
      else await executeServerCommand('emulate-media-features', { features: [{ name: 'forced-colors', value: 'active' }] });
      try {
        const el = await mountApp();
        startAtTop();
        // Tab through to the lane headers, checking every stop; then a mark's ring, a panel heading and the export menu.
        await tabTo(el, isIn('tl-timeline', 'g.lane-header[data-lane="C"]'));
        await tabTo(el, isIn('tl-timeline', 'g.mark'), { back: true });
        expectVisibleFocus(await press(el, 'Enter'));
        expectVisibleFocus(await press(el, 'Tab'));
        expectVisibleFocus(await press(el, 'Escape'));
        await tabTo(el, isIn('tl-export-menu', 'button.toggle'), { back: true });
        expectVisibleFocus(await press(el, 'Enter'));
        expectVisibleFocus(await press(el, 'Escape'));
      } finally {
        await emulateMedia({ colorScheme: 'light' });
        await executeServerCommand('emulate-media-features', { features: [] });
      }
    });
  }
});
