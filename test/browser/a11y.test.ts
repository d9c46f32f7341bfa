import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { loadDataset } from '../../src/io/load';
import type { TlApp } from '../../src/ui/app/tl-app';
import {
  axeViolations,
  backgroundOf,
  contrastRatio,
  mountApp,
  over,
  panelOf,
  parseColor,
  settle,
  shadow,
  timelineOf,
  unmountApp,
  type Finding,
  type Rgba,
} from './a11y-helpers';
import { waitFor } from './helpers';

/**
 * axe-core over every view of the app, in the light theme, the dark theme and forced-colors mode:
 * zero violations of the WCAG 2.1 A and AA rules. axe goes into the open shadow roots of every
 * component. It cannot judge text drawn in SVG (it treats an <svg> as an image), so the chart's text
 * and the theme's colour pairs are checked for contrast here as well.
 */

type Theme = 'light' | 'dark' | 'forced-colors';
const THEMES: readonly Theme[] = ['light', 'dark', 'forced-colors'];

async function useTheme(theme: Theme): Promise<void> {
  await emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
  // Puppeteer's emulateMedia has no forced-colors: a command in web-test-runner.config.mjs sets it through CDP.
  await executeServerCommand('emulate-media-features', { features: theme === 'forced-colors' ? [{ name: 'forced-colors', value: 'active' }] : [] });
  expect(matchMedia('(forced-colors: active)').matches).to.equal(theme === 'forced-colors');
  expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(theme === 'dark');
}

/** Fails with every violation spelled out: rule, elements and what axe says to fix. */
function expectNone(violations: Finding[], view: string): void {
  const text = violations.map((v) => `${v.rule} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}\n    ${v.summary}`).join('\n');
  expect(violations.length, `axe violations in ${view}:\n${text}`).to.equal(0);
}

async function audit(el: TlApp, view: string): Promise<void> {
  await settle(el);
  expectNone(await axeViolations(), view);
}

const BAD_CSV = [
  'id,cluster,kind,start,end,title,source_url',
  'good-1,X,intrusion,2020-Q1,,Good one,https://example.org/1',
  'bad,X,intrusion,2020-Q5,,Bad quarter,https://example.org/2',
  'good-2,Y,publication,2021-03-02,,Good two,javascript:alert(1)',
  'late,Y,activity,2021-05-01,2020-01-01,Ends before it starts,https://example.org/3',
].join('\n');

function longCsv(rows: number): string {
  const lines = ['id,cluster,kind,start,end,title'];
  for (let i = 0; i < rows; i++) lines.push(`e${i},${['X', 'Y', 'Z'][i % 3]},intrusion,${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01,,Event ${i}`);
  return lines.join('\n');
}

afterEach(async () => {
  unmountApp();
  await useTheme('light');
});

for (const theme of THEMES) {
  describe(`axe-core, WCAG 2.1 AA, ${theme}`, function () {
    // An axe run over the whole page takes one to two seconds.
    this.timeout(30000);

    beforeEach(async () => {
      await useTheme(theme);
    });

    it('main view', async () => {
      await audit(await mountApp(), 'the main view');
    });

    it('cluster panel (from a lane header)', async () => {
      const el = await mountApp();
      const header = shadow(timelineOf(el)).querySelector<SVGGElement>('g.lane-header[data-lane="B"]')!;
      header.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await waitFor(() => panelOf(el) !== null);
      await audit(el, 'the cluster panel');
    });

    it('a focused mark with its tooltip, then the event panel', async () => {
      const el = await mountApp();
      const chart = shadow(timelineOf(el));
      const mark = chart.querySelector<SVGGElement>('g.mark[tabindex="0"]')!;
      mark.focus();
      await waitFor(() => chart.querySelector('[role=tooltip]') !== null);
      await audit(el, 'the chart with a focused mark and its tooltip');
      mark.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await waitFor(() => panelOf(el) !== null);
      await audit(el, 'the event panel');
    });

    it('about panel', async () => {
      const el = await mountApp();
      shadow(el).querySelector<HTMLButtonElement>('.header-controls button')!.click();
      await waitFor(() => panelOf(el) !== null);
      await audit(el, 'the about panel');
    });

    it('export menu open, and filters unfolded with a facet pressed and a filter chip', async () => {
      const el = await mountApp();
      shadow(shadow(el).querySelector('tl-export-menu')).querySelector<HTMLButtonElement>('button.toggle')!.click();
      const filters = shadow(shadow(el).querySelector('tl-filters'));
      filters.querySelector('details')!.open = true;
      filters.querySelector<HTMLButtonElement>('button.facet')!.click();
      await waitFor(() => filters.querySelector('.chip') !== null);
      await audit(el, 'the export menu and the filters');
    });

    it('embed mode, alone and with a cluster panel', async () => {
      const el = await mountApp({ embed: true, width: 600, search: '?embed=1&clusters=A,B' });
      await audit(el, 'embed mode');
      shadow(timelineOf(el)).querySelector<SVGGElement>('g.lane-header[data-lane="A"]')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
      );
      await waitFor(() => panelOf(el) !== null);
      await audit(el, 'embed mode with a panel');
    });

    it('Italian, with a cluster panel', async () => {
      const el = await mountApp({ search: '?lang=it&panel=A' });
      expect(document.documentElement.lang).to.equal('it');
      await waitFor(() => panelOf(el) !== null);
      await audit(el, 'the Italian interface');
    });

    it('error states: a load with problems, URL notices, an unexpected error, a refused window', async () => {
      const el = await mountApp({ data: loadDataset({ events: { name: 'other-report.csv', text: BAD_CSV } }), sourceName: 'other-report.csv', search: '?from=2020-Q9&zoom=3' });
      const problems = shadow(shadow(el).querySelector('tl-problems'));
      expect(problems.querySelectorAll('tbody tr').length).to.be.greaterThan(1);
      expect(el.notices.length).to.be.greaterThan(0);
      el.failure = 'Cannot read properties of undefined';
      const filters = shadow(shadow(el).querySelector('tl-filters'));
      filters.querySelector('details')!.open = true;
      const form = filters.querySelector<HTMLFormElement>('form.window')!;
      form.querySelector<HTMLInputElement>('input[name=from]')!.value = '31/12/2020';
      form.requestSubmit();
      await waitFor(() => filters.querySelector('[role=alert]') !== null);
      await audit(el, 'the error states');
    });

    it('a long table with its pager, and a load in progress', async () => {
      const el = await mountApp({ data: loadDataset({ events: { name: 'long.csv', text: longCsv(450) } }), sourceName: 'long.csv' });
      el.loading = { name: 'next.csv', phase: 'parsing', fraction: 0.4 };
      await settle(el);
      expect(shadow(shadow(el).querySelector('tl-event-table')).querySelector('.pager')).to.not.equal(null);
      await audit(el, 'the paged table and the progress bar');
    });

    it('a load whose size is not known: the bar shows it is under way, not a made-up share', async () => {
      const el = await mountApp({ data: loadDataset({ events: { name: 'long.csv', text: longCsv(20) } }), sourceName: 'long.csv' });
      el.loading = { name: 'next.csv', phase: 'reading', fraction: 0.4 };
      await settle(el);
      const bar = () => shadow(shadow(el).querySelector('tl-data-source')).querySelector('progress')!;
      expect(bar().getAttribute('value')).to.equal('0.4');
      expect(bar().position).to.be.closeTo(0.4, 1e-9);
      el.loading = { name: 'next.csv', phase: 'parsing', fraction: null };
      await settle(el);
      // Without a value a <progress> is indeterminate (position -1): no aria-valuenow for a screen reader either.
      expect(bar().hasAttribute('value')).to.equal(false);
      expect(bar().position).to.equal(-1);
      expect(bar().getAttribute('aria-label')).to.equal('Loading next.csv…');
      await audit(el, 'an indeterminate progress bar');
    });
  });
}

/** The colour a custom property of the theme resolves to, read inside a component (system colours resolve too). */
function tokenColour(host: Element, name: string): Rgba {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  probe.style.forcedColorAdjust = 'none';
  host.shadowRoot!.append(probe);
  const colour = parseColor(getComputedStyle(probe).color);
  probe.remove();
  return colour;
}

function fillOf(el: Element): Rgba {
  const style = getComputedStyle(el);
  if (style.fill === 'none') return [0, 0, 0, 0];
  const [r, g, b, a] = parseColor(style.fill);
  return [r, g, b, a * Number(style.fillOpacity)];
}

const LEGIBLE = 4.5;
const NON_TEXT = 3;

for (const theme of THEMES) {
  describe(`contrast, ${theme}`, function () {
    this.timeout(20000);

    beforeEach(async () => {
      await useTheme(theme);
    });

    it('text drawn in the chart’s SVG, which axe cannot judge, is legible on every background the chart paints', async () => {
      const el = await mountApp({ search: '?panel=A' });
      const chart = shadow(timelineOf(el));
      const page = backgroundOf(timelineOf(el));
      // What lies under chart text: the page, the striped lanes, the overlap bands over them, and the lane labels' box.
      const stripe = over(fillOf(chart.querySelector('.lane:nth-child(even) .lane-bg')!), page);
      const band = over(fillOf(chart.querySelector('.overlap-band')!), stripe);
      const label = over(fillOf(chart.querySelector('.lane-header-bg')!), band);
      const grounds = { page, stripe, band, label };
      const texts = [...chart.querySelectorAll('svg text, svg tspan')].filter((t) => [...t.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
      expect(texts.length).to.be.greaterThan(20);
      const failures: string[] = [];
      for (const text of texts) {
        const colour = fillOf(text);
        for (const [ground, colourBelow] of Object.entries(grounds)) {
          const ratio = contrastRatio(colour, colourBelow);
          if (ratio < LEGIBLE) failures.push(`"${text.textContent!.trim().slice(0, 30)}" (.${text.getAttribute('class')}) on ${ground}: ${ratio.toFixed(2)}:1`);
        }
      }
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });

    it('the theme’s text colours are legible on every surface, and field edges and the focus colour reach 3:1', async () => {
      const el = await mountApp();
      const bg = tokenColour(el, '--tl-bg');
      const surfaces = { bg, surface: over(tokenColour(el, '--tl-surface'), bg), 'chip and selected row': over(tokenColour(el, '--tl-overlap'), bg) };
      const failures: string[] = [];
      const check = (names: string[], minimum: number) => {
        for (const name of names) {
          for (const [surface, colour] of Object.entries(surfaces)) {
            const ratio = contrastRatio(tokenColour(el, name), colour);
            if (ratio < minimum) failures.push(`${name} on ${surface}: ${ratio.toFixed(2)}:1 (needs ${minimum}:1)`);
          }
        }
      };
      check(['--tl-text', '--tl-muted', '--tl-accent', '--tl-error', '--tl-warning', '--tl-overlap-edge'], LEGIBLE);
      check(['--tl-focus', '--tl-field-border'], NON_TEXT);
      // A pressed facet turns the button's text and background around.
      const pressed = contrastRatio(bg, tokenColour(el, '--tl-accent'));
      if (pressed < LEGIBLE) failures.push(`pressed facet: ${pressed.toFixed(2)}:1`);
      expect(failures, failures.join('\n')).to.deep.equal([]);
    });
  });
}
