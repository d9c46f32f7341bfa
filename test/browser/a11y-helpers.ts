import axe from 'axe-core';
import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from '../../src/data/bundled';
import { loadDataset } from '../../src/io/load';
import { formatNotices } from '../../src/i18n/problem-messages';
import { EMPTY_META, readMetadata } from '../../src/io/metadata';
import type { Dataset } from '../../src/model/types';
import { UrlSync } from '../../src/state/url-sync';
import type { AppHost, TlApp } from '../../src/ui/app/tl-app';
import '../../src/ui/app/tl-app';
import { shownPanel, waitFor } from './helpers';

export const shadow = (el: Element | null | undefined): ShadowRoot => el!.shadowRoot!;

let sync: UrlSync | null = null;
let pageStyle: HTMLStyleElement | null = null;

/**
 * Makes the test page what index.html is around the app: its title and its page.css (colour scheme,
 * body colours). The app sets <html lang> itself.
 */
async function dressPage(): Promise<void> {
  document.title = 'DeadRinger timeline';
  if (pageStyle?.isConnected) return;
  pageStyle = document.createElement('style');
  pageStyle.textContent = await (await fetch('/src/page.css')).text();
  document.head.append(pageStyle);
}

export interface MountOptions {
  readonly search?: string;
  readonly data?: Dataset;
  readonly sourceName?: string | null;
  /**
   * `<tl-app embed>`, as embed.test.ts mounts it. The page keeps page.css's opaque body (main.ts would
   * add html.embed and let the host page show through): axe takes a transparent page for white, while
   * a browser paints a frame whose colour scheme differs from its host's with an opaque canvas.
   */
  readonly embed?: boolean;
  /** Wrapper width in px (embeds are sized by their frame). */
  readonly width?: number;
}

/** Mounts the app the way main.ts does: bundled data (or the given data), URL sync and a host. */
export async function mountApp(options: MountOptions = {}): Promise<TlApp> {
  await dressPage();
  history.replaceState(null, '', `${location.pathname}${options.search ?? ''}`);
  const style = options.width ? `width:${options.width}px` : '';
  const wrapper = await fixture<HTMLDivElement>(html`<div style=${style}><tl-app ?embed=${options.embed ?? false}></tl-app></div>`);
  const el = wrapper.querySelector('tl-app')!;
  sync?.dispose();
  const urlSync = new UrlSync('en', (view) => el.applyView(view));
  sync = urlSync;
  const host: AppHost = {
    loadFiles: () => undefined,
    loadBundled: () => undefined,
    cancelLoad: () => undefined,
    saveView: () => undefined,
    viewChanged: (view, mode) => (mode === 'push' ? urlSync.push(view) : urlSync.replace(view)),
  };
  el.host = host;
  if (options.data) {
    el.meta = { ...EMPTY_META, title: options.sourceName ?? 'data.csv' };
    el.data = options.data;
    el.sourceName = options.sourceName ?? null;
  } else {
    el.meta = readMetadata(BUNDLED_METADATA_JSON);
    el.data = loadDataset(BUNDLED_INPUT);
  }
  // As main.ts does: what the link asked for that could not be used is shown as notices.
  const { view, notices } = urlSync.read();
  el.applyView(view);
  if (notices.length) el.notices = formatNotices(notices, el.lang);
  await el.updateComplete;
  await waitFor(() => (shadow(el).querySelector('tl-timeline')?.shadowRoot?.querySelectorAll('g.lane').length ?? 0) > 0);
  await settle(el);
  return el;
}

export function unmountApp(): void {
  fixtureCleanup();
  sync?.dispose();
  sync = null;
  history.replaceState(null, '', location.pathname);
}

/** Every nested Lit element has rendered, and a frame has passed for the chart's resize pass. */
export async function settle(el: TlApp): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const pending: Promise<unknown>[] = [el.updateComplete];
    const walk = (root: ParentNode) => {
      for (const child of root.querySelectorAll('*')) {
        if ('updateComplete' in child) pending.push((child as unknown as { updateComplete: Promise<unknown> }).updateComplete);
        if (child.shadowRoot) walk(child.shadowRoot);
      }
    };
    walk(shadow(el));
    await Promise.all(pending);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

export const timelineOf = (el: TlApp) => shadow(el).querySelector('tl-timeline')!;
/** The open detail panel once it is defined and rendered (its code loads the first time a panel opens), or null. */
export const panelOf = (el: TlApp) => shownPanel(el);

/** The element that has focus, looked up through every shadow root. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The WCAG 2.1 A and AA rules. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Finding {
  readonly rule: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: string[];
  readonly summary: string;
}

/** Runs axe over the whole document (it goes into open shadow roots) and returns its violations, short. */
export async function axeViolations(options: axe.RunOptions = {}): Promise<Finding[]> {
  const results = await axe.run(document, {
    runOnly: { type: 'tag', values: WCAG_21_AA },
    resultTypes: ['violations'],
    ...options,
  });
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => JSON.stringify(n.target)),
    summary: v.nodes.map((n) => n.failureSummary ?? '').join(' | '),
  }));
}

// ——— Colours and contrast (WCAG 2.x relative luminance) ———

/** [r, g, b, alpha] with r, g, b in 0–255 and alpha in 0–1. */
export type Rgba = readonly [number, number, number, number];

/** Parses a computed colour: rgb(…) or rgba(…). */
export function parseColor(value: string): Rgba {
  const match = /^rgba?\(([^)]+)\)$/.exec(value.trim());
  if (!match) throw new Error(`cannot read the colour "${value}"`);
  const [r, g, b, a = '1'] = match[1]!.split(/[\s,/]+/).filter(Boolean);
  return [Number(r), Number(g), Number(b), Number(a)];
}

/** A colour laid over another (the result is opaque when the lower one is). */
export function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3] + below[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of a (possibly translucent) colour over an opaque background. */
export function contrastRatio(foreground: Rgba, background: Rgba): number {
  const fg = over(foreground, background);
  const [light, dark] = [luminance(fg), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function composedParent(el: Element): Element | null {
  return el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
}

/** The opaque colour behind an element: its own and its ancestors' backgrounds (through shadow roots), over the page. */
export function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = composedParent(node)) {
    const colour = parseColor(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] >= 1) break;
  }
  // The page's body has an opaque background (page.css); white if nothing was painted at all.
  let result: Rgba = [255, 255, 255, 1];
  for (const layer of layers.reverse()) result = over(layer, result);
  return result;
}

export interface FocusIndicator {
  readonly color: Rgba;
  /** What the indicator is seen against. */
  readonly against: Rgba;
}

/**
 * The focus indicator an element shows now, or null. HTML controls draw an outline; a chart mark
 * draws a focus ring and a lane header strokes its label box (SVG has no outline); the visually
 * hidden file input shows its focus on its label.
 */
export function focusIndicator(el: Element): FocusIndicator | null {
  if (el instanceof SVGElement) {
    const ring = el.matches('g.mark') ? el.querySelector('.focus-ring') : el.matches('g.lane-header') ? el.querySelector('.lane-header-bg') : null;
    if (!ring) return null;
    const style = getComputedStyle(ring);
    if (style.stroke === 'none' || parseFloat(style.strokeWidth) < 2 || style.visibility === 'hidden') return null;
    return { color: parseColor(style.stroke), against: backgroundOf(el) };
  }
  const target = el.matches('input[type=file]') ? el.closest('label') : el;
  if (!target) return null;
  const style = getComputedStyle(target);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return null;
  // The outline is drawn outside the element, over what is behind it.
  return { color: parseColor(style.outlineColor), against: backgroundOf(composedParent(target) ?? target) };
}
