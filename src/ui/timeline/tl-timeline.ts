import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { scaleUtc, type ScaleTime } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { brushX, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import { clusterColor } from '../../chart/glyphs';
import { LANE_METRICS, LaneLayoutCache, OVERFLOW_BIN, overflowBinAt, overflowBinCount, overflowLabelWidth, type LaneLayout, type MarkLayout } from '../../chart/layout';
import { printSlices } from '../../chart/print-slices';
import { stackIntervals } from '../../chart/stack';
import { chooseTicks, gridTimes } from '../../chart/ticks';
import { maxZoomFactor, padRange, transformForView, viewContaining, zoomExtent, type TimeRange } from '../../chart/view';
import { formatDateRange, formatSourceDate, sourceDateAt, type Lang, type SourceDate } from '../../model/dates';
import { dataCutoff, dataExtent, eventSpan } from '../../model/intervals';
import { eventIndex } from '../../model/event-index';
import { computeOverlaps, formatOverlapRange, type Overlap } from '../../model/overlaps';
import { CONTEXT_LANE, type Cluster, type TimelineEvent } from '../../model/types';
import { kindLabel, msg } from '../../i18n/messages';
import { LIGHT_CANVAS_THEME } from '../theme/canvas-colors';
import { tokens } from '../theme/tokens.styles';
import { drawMarks, hitTest, withAlpha, type CanvasTheme } from './canvas-layer';
import type { DenseImage } from './export-image';
import { printImage, printSlicesBox, type DenseCanvas } from './print';
import { legendKinds, renderLegend } from './legend';
import {
  overlapLabelWidth,
  overlapLabelX,
  renderAxis,
  renderLane,
  renderOverlapBands,
  renderOverlapLabels,
  type GroupView,
  type LaneView,
  type OverlapBand,
} from './marks.svg';
import { timelineStyles } from './tl-timeline.styles';
import { afterNextPaint } from '../after-paint';

export interface EventSelectDetail {
  readonly id: string | null;
}
export interface ViewChangeDetail {
  readonly from: number;
  readonly to: number;
  /** True when the user zoomed or panned; false when the chart re-fitted itself. */
  readonly user: boolean;
  /**
   * True while a wheel, drag or brush gesture is still moving the window; one more event with
   * `settling: false` follows once it has paused for SETTLE_MS. Text that describes the window can
   * wait for that one rather than change every frame.
   */
  readonly settling: boolean;
}

/** How long a wheel, drag or brush gesture must pause before the window counts as settled. */
export const SETTLE_MS = 250;

/** Wheel and drag steps come many a second; clicks, keys and double-clicks are one step each. */
function isContinuous(sourceEvent: unknown): boolean {
  const type = (sourceEvent as Event | null | undefined)?.type;
  return type === 'wheel' || type === 'mousemove' || type === 'touchmove';
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-timeline': TlTimeline;
  }
  interface HTMLElementEventMap {
    'tl-event-select': CustomEvent<EventSelectDetail>;
    'tl-view-change': CustomEvent<ViewChangeDetail>;
    'tl-lane-select': CustomEvent<{ readonly clusterId: string }>;
  }
}

const MARGIN = { left: 8, right: 16 } as const;
/** The media features the theme's colours follow (see tokens.styles.ts). */
const THEME_QUERIES = ['(prefers-color-scheme: dark)', '(forced-colors: active)', '(prefers-contrast: more)'];
/** The tallest a picture of the dense marks (for print or a PNG) is drawn at two pixels a unit (a 16,384-pixel canvas is safe in every browser). */
const FINE_PICTURE_MAX_HEIGHT = 16_384;
const AXIS_HEIGHT = 38;
const OVERVIEW_HEIGHT = 40;
const ZOOM_STEP = 1.6;
/**
 * Above this many marks in view, the canvas layer paints them: re-rendering SVG marks costs tens of
 * µs each a frame, painting them a few. At 150, zooming 100 or 1,000 events had a p95 of 28–31 ms a
 * step against 21–28 ms at 60 (interleaved runs); the DeadRinger data (45 events) stays all SVG.
 */
const SVG_MARK_LIMIT = 60;
/** Pixels of lanes the canvas paints above and below the screen, so that scrolling a little needs no repaint (more costs every zoom frame its area). */
const CANVAS_MARGIN = 100;

/**
 * The timeline: one lane per cluster plus a context lane, periods drawn by their dates'
 * precision, point events as glyphs, overlap bands, an adaptive UTC axis, zoom and pan
 * (pointer, touch, buttons, keyboard) and an overview strip with a brush.
 *
 * @fires tl-event-select - a mark was chosen (click or Enter) or the choice was cleared (Escape)
 * @fires tl-view-change - the visible window changed
 * @fires tl-lane-select - a lane header was chosen (click or Enter)
 */
@customElement('tl-timeline')
export class TlTimeline extends LitElement {
  static override styles = [tokens, timelineStyles];

  /** The clusters to draw a lane for, in order. */
  @property({ attribute: false }) clusters: readonly Cluster[] = [];
  /** Every cluster of the dataset, so a cluster keeps its palette colour when others are filtered out. */
  @property({ attribute: false }) allClusters: readonly Cluster[] | null = null;
  @property({ attribute: false }) events: readonly TimelineEvent[] = [];
  @property() override lang: Lang = 'en';
  /** The data's declared cut-off; open ends run to it. Without it, the latest date in the data. */
  @property({ attribute: false }) cutoff: SourceDate | null = null;
  /** The window to open on; without it, the whole extent. */
  @property({ attribute: false }) initialView: TimeRange | null = null;
  @property({ attribute: false }) selectedId: string | null = null;

  @state() private width = 0;
  @state() private view: TimeRange = [0, 1];
  @state() private activeId: string | null = null;
  /**
   * A counted group opened with Enter where zooming in cannot part its marks (bars stack the same at
   * every zoom; points at the closest zoom): the arrows then step through its members one by one.
   */
  @state() private openGroup: { lane: number; ids: ReadonlySet<string> } | null = null;
  /** The marks of a count a click opened where zooming cannot part them, listed to pick from (see renderGroupList). */
  @state() private groupList: { top: number; left: number; members: readonly MarkLayout[] } | null = null;
  @state() private chartFocused = false;
  @state() private tooltip: { mark: MarkLayout; laneTop: number; color: string } | null = null;

  @query('svg.plot') private plotSvg!: SVGSVGElement;
  @query('svg.overview') private overviewSvg!: SVGSVGElement;

  private zoomBehavior: ZoomBehavior<SVGSVGElement, unknown> | null = null;
  private brushBehavior: BrushBehavior<unknown> | null = null;
  private brushing = false;
  private resizeObserver: ResizeObserver | null = null;
  private viewInitialised = false;
  /** A window asked for before the chart could show it (e.g. from a link); it wins over the initial view. */
  private requestedView: TimeRange | null = null;
  /** True while a zoom comes from the user's own buttons or keys, which d3 cannot tell from code. */
  private userGesture = false;
  /** Set through the CSSOM after render: a strict CSP blocks style="" attributes. */
  private tooltipPosition = { top: 0, left: 0 };

  // Derived per data load (willUpdate), not per frame.
  private cutoffTime = 0;
  private extent: TimeRange = [0, 1];
  private laneOrder: { id: string; heading: string; attribution: string; color: string; events: TimelineEvent[] }[] = [];
  private overlaps: Overlap[] = [];
  private clusterLabels = new Map<string, string>();
  private legendKinds: string[] = [];

  // Derived per frame.
  private baseScale: ScaleTime<number, number> = scaleUtc();
  private lanes: LaneLayout[] = [];
  /** Rebuilt per data load (deriveData); lays out a frame cheaply. */
  private layoutCache: LaneLayoutCache | null = null;
  /** True while the marks in view are too many for SVG and are painted on the canvas. */
  private canvasMode = false;
  private bands: OverlapBand[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      // Re-rendering changes the host's height; doing it in the next frame keeps the observer out of a loop.
      if (width > 0 && width !== this.width) requestAnimationFrame(() => (this.width = width));
    });
    this.resizeObserver.observe(this);
    window.addEventListener('scroll', this.handleScroll, { passive: true, capture: true });
    window.addEventListener('resize', this.handleScroll, { passive: true });
    window.addEventListener('beforeprint', this.handleBeforePrint);
    window.addEventListener('afterprint', this.handleAfterPrint);
    for (const query of THEME_QUERIES) {
      const media = window.matchMedia(query);
      media.addEventListener('change', this.handleThemeChange);
      this.themeMedia.push(media);
    }
  }

  private themeMedia: MediaQueryList[] = [];

  private handleThemeChange = (): void => {
    this.canvasTheme = null;
    this.overviewCache = null;
    this.requestUpdate();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.overviewCache = null;
    clearTimeout(this.settleTimer);
    this.settling = false;
    this.cancelPrestack?.();
    this.cancelPrestack = null;
    window.removeEventListener('scroll', this.handleScroll, { capture: true });
    window.removeEventListener('resize', this.handleScroll);
    window.removeEventListener('beforeprint', this.handleBeforePrint);
    window.removeEventListener('afterprint', this.handleAfterPrint);
    this.handleAfterPrint();
    for (const media of this.themeMedia) media.removeEventListener('change', this.handleThemeChange);
    this.themeMedia = [];
  }

  /** The window shown now, as UTC milliseconds. */
  get visibleRange(): TimeRange {
    return this.view;
  }

  /** Shows a window; it is clamped to the data's extent and the zoom limits. */
  showRange(range: TimeRange): void {
    this.applyView(range);
  }

  zoomBy(factor: number): void {
    if (!this.zoomBehavior) return;
    this.asUser(() => this.zoomBehavior!.scaleBy(select(this.plotSvg), factor));
  }

  private asUser(action: () => void): void {
    this.userGesture = true;
    try {
      action();
    } finally {
      this.userGesture = false;
    }
  }

  /** Moves the roving focus to an event's mark, bringing it into view. */
  focusEvent(id: string): void {
    const at = this.locate(id);
    const mark = at && this.markAt(at.lane, at.index);
    if (mark) this.moveFocus(mark);
  }

  /**
   * What the exported picture is made from (export-image.ts, loaded with the exporters): the
   * rendered chart, its theme colours, and the dense layer painted at full height, at
   * `pixelsPerUnit` pixels a chart unit (two for a PNG, which is drawn at twice the size).
   */
  imageParts(pixelsPerUnit = 1): { root: ShadowRoot; background: string; textColor: string; mutedColor: string; denseImage: DenseImage | null } {
    this.canvasTheme = null;
    const theme = this.themeColors();
    return { root: this.renderRoot as ShadowRoot, background: theme.background, textColor: theme.text, mutedColor: theme.muted, denseImage: this.denseImage(this.finePictureRatio(pixelsPerUnit)) };
  }

  /** Pixels a chart unit for a picture of the dense marks: as asked, or one when that would make too tall a canvas. */
  private finePictureRatio(wanted: number): number {
    return this.lanesHeight * wanted <= FINE_PICTURE_MAX_HEIGHT ? wanted : 1;
  }

  fitAll(): void {
    if (!this.zoomBehavior) return;
    this.asUser(() => this.zoomBehavior!.transform(select(this.plotSvg), zoomIdentity));
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('events') || changed.has('clusters') || changed.has('allClusters') || changed.has('cutoff') || changed.has('lang')) this.deriveData();
    // A new dataset opens on its initial view; filtering the same data keeps the window where it is.
    const newData = this.allClusters ? changed.has('allClusters') : changed.has('events');
    if (newData || changed.has('initialView')) this.viewInitialised = false;
    if (this.width > 0 && !TlTimeline.onlyOverview(changed)) this.deriveFrame();
  }

  private deriveData(): void {
    this.layoutCache = null;
    this.openGroup = null;
    this.cutoffTime = dataCutoff(this.events, this.cutoff);
    this.extent = dataExtent(this.events, this.cutoffTime);
    // Gathered while a file loaded, or now (see EventIndex); the cut-off and extent come from it too.
    const indexed = eventIndex(this.events);
    const byLane = indexed.byCluster;
    this.clusterLabels = new Map(this.clusters.map((c) => [c.id, c.label]));
    const palette = this.allClusters ?? this.clusters;
    this.laneOrder = this.clusters.map((cluster, index) => ({
      id: cluster.id,
      heading: cluster.name ? `${cluster.label} — ${cluster.name}` : cluster.label,
      attribution: cluster.attributedTo ? msg(this.lang, 'attributedTo', { actor: cluster.attributedTo }) : '',
      color: clusterColor(palette.some((c) => c.id === cluster.id) ? palette.findIndex((c) => c.id === cluster.id) : index, cluster.color),
      events: byLane.get(cluster.id) ?? [],
    }));
    const context = byLane.get(CONTEXT_LANE);
    if (context?.length) {
      this.laneOrder.push({
        id: CONTEXT_LANE,
        heading: `${msg(this.lang, 'contextLane')} — ${msg(this.lang, 'contextLaneName')}`,
        attribution: '',
        color: 'var(--tl-context)',
        events: context,
      });
    }
    this.overlaps = computeOverlaps(
      indexed.activity,
      this.clusters.map((c) => c.id),
      // As dataCutoffDate, without a second pass over the events.
      this.cutoff ?? sourceDateAt(this.cutoffTime - 1, 'day'),
    );
    this.legendKinds = legendKinds(indexed.pointKinds);
  }

  private get plotWidth(): number {
    return Math.max(120, this.width - MARGIN.left - MARGIN.right);
  }

  private get zoomLimits(): TimeRange {
    return zoomExtent(this.extent, this.initialView);
  }

  private deriveFrame(): void {
    this.baseScale = scaleUtc().domain(this.zoomLimits).range([0, this.plotWidth]);
    if (!this.viewInitialised) {
      // The initial window is padded a little so that marks on its edges are not cut in half.
      this.view = this.requestedView ?? (this.initialView ? padRange(this.initialView, 0.012) : this.zoomLimits);
      this.requestedView = null;
      this.viewInitialised = true;
    }
    this.layoutCache ??= new LaneLayoutCache(this.laneOrder, this.cutoffTime);
    // The overlap labels first: their rows decide where the lanes start, so which lanes are on screen.
    this.bands = this.layoutOverlapBands();
    const [top, bottom] = this.visibleBand();
    // Lanes off the screen (and its margin) get no placed marks when the canvas paints: it paints only the band.
    this.lanes = this.layoutCache.layout(this.view, this.plotWidth, [top - CANVAS_MARGIN, bottom + CANVAS_MARGIN], SVG_MARK_LIMIT);
  }

  protected override firstUpdated(): void {
    // Measure now rather than wait a frame for the ResizeObserver: the first paint comes one frame sooner.
    const width = Math.floor(this.getBoundingClientRect().width);
    if (width > 0 && this.width === 0) this.width = width;
    this.setUpZoom();
  }

  /** Theme colours the canvas needs, read once (getComputedStyle per frame forces a style pass) and again when the theme changes. */
  private canvasTheme: (CanvasTheme & { readonly context: string }) | null = null;

  private themeColors(): CanvasTheme & { readonly context: string } {
    if (!this.canvasTheme) {
      const style = getComputedStyle(this);
      const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
      this.canvasTheme = {
        background: read('--tl-bg', LIGHT_CANVAS_THEME.background),
        text: read('--tl-text', LIGHT_CANVAS_THEME.text),
        muted: read('--tl-muted', LIGHT_CANVAS_THEME.muted),
        outline: read('--tl-mark-outline', LIGHT_CANVAS_THEME.outline),
        context: read('--tl-context', LIGHT_CANVAS_THEME.context),
      };
    }
    return this.canvasTheme;
  }

  /** Draws the lanes that meet the band [from, to) of the lanes area (lane coordinates) onto `ctx`, whose origin is at `from`. */
  private drawDenseLayer(ctx: CanvasRenderingContext2D, from: number, to: number, lanes: readonly LaneLayout[] = this.lanes, theme = this.themeColors()): void {
    ctx.translate(0, -from);
    drawMarks(
      ctx,
      lanes.flatMap((lane, i) => {
        if (lane.top + lane.height < from || lane.top > to) return [];
        const color = this.laneOrder[i]!.color;
        return [{ top: lane.top, color: color.startsWith('var(') ? theme.context : color, marks: lane.marks, overflowRows: lane.overflowRows }];
      }),
      this.plotWidth,
      theme,
    );
  }

  /** The band of the lanes area the canvas covers now: what is on screen, plus a margin for scrolling. */
  private paintedBand: [number, number] = [0, 0];

  /**
   * Where the top of the plot was on screen when last measured. Measuring it right after a render
   * would force a layout in the middle of the frame; it is measured at the start of the next
   * frame instead (see checkPaintedBand), and until the first measurement the plot is assumed to
   * start at the top of the screen.
   */
  private plotTopOnScreen: number | null = null;

  /**
   * The viewport's height when last read. Reading window.innerHeight forces a layout when the page
   * has changes not yet laid out, as it does in the middle of an update: it is read with the plot's
   * top, and when the window is resized.
   */
  private viewportHeight: number | null = null;

  /** The part of the lanes area inside the browser's viewport, in lane coordinates. */
  private visibleBand(measure = false): [number, number] {
    if (measure) {
      this.plotTopOnScreen = this.plotSvg.getBoundingClientRect().top;
      this.viewportHeight = window.innerHeight;
    }
    this.viewportHeight ??= window.innerHeight;
    const top = (this.plotTopOnScreen ?? 0) + this.lanesTop;
    return [-top, this.viewportHeight - top];
  }

  /**
   * Paints the canvas layer for this frame. The canvas covers only the lanes on screen (plus
   * CANVAS_MARGIN above and below): a canvas as tall as thousands of lanes' pixels costs more to
   * clear and hand to the compositor than the marks cost to draw. Sizes are set through the
   * CSSOM: a strict CSP blocks style="".
   */
  private paintCanvas(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.dense');
    if (!canvas || !this.canvasMode || !this.plotSvg) return;
    const [visibleTop, visibleBottom] = this.visibleBand();
    const from = Math.max(0, Math.min(this.lanesHeight, visibleTop - CANVAS_MARGIN));
    const to = Math.max(from, Math.min(this.lanesHeight, visibleBottom + CANVAS_MARGIN));
    this.paintedBand = [from, to];
    const width = this.plotWidth;
    const height = Math.max(1, to - from);
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    canvas.style.left = `${MARGIN.left}px`;
    canvas.style.top = `${this.lanesTop + from}px`;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (to > from) this.drawDenseLayer(ctx, from, to);
    // Zooming and panning do not move the plot on screen; new data, a new size or another row of overlap labels may.
    const placement = `${this.events.length}:${this.width}:${this.bandLabelRows}:${this.clusters.length}`;
    if (placement !== this.checkedPlacement) {
      this.checkedPlacement = placement;
      this.checkPaintedBand();
    }
  }

  private checkedPlacement = '';

  private bandCheckFrame = 0;

  private cancelPrestack: (() => void) | null = null;

  /**
   * In idle time, prepares the big lanes below the screen that the layout left for later
   * (LaneLayoutCache.prepareWaiting), then stacks the points of the lanes on screen for the zoom
   * levels next to this one, so that the zoom frame that crosses a level does not have to
   * (LaneLayoutCache.prestack).
   */
  private schedulePrestack(): void {
    this.cancelPrestack?.();
    this.cancelPrestack = null;
    const cache = this.layoutCache;
    if (!cache) return;
    const [top, bottom] = this.visibleBand();
    const band: [number, number] = [top - CANVAS_MARGIN, bottom + CANVAS_MARGIN];
    const run = (timeLeft: () => number) => {
      this.cancelPrestack = null;
      if (this.layoutCache !== cache) return;
      // Big lanes below the screen that the first layout left unprepared come first: once they are,
      // their true heights need a layout (and that update schedules the next round).
      if (cache.prepareWaiting(timeLeft)) this.requestUpdate();
      else if (cache.prestack(band, timeLeft)) this.schedulePrestack();
    };
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback((deadline) => run(() => deadline.timeRemaining()));
      this.cancelPrestack = () => cancelIdleCallback(handle);
    } else {
      // Without idle callbacks (older Safari): a short slice a little later.
      const handle = setTimeout(() => {
        const end = performance.now() + 8;
        run(() => end - performance.now());
      }, 100);
      this.cancelPrestack = () => clearTimeout(handle);
    }
  }

  private topMeasureFrame = 0;

  /** At the start of the next frame, when the layout is clean and measuring is cheap: repaints if the screen shows lanes the canvas does not cover. */
  private checkPaintedBand(): void {
    if (this.bandCheckFrame) return;
    this.bandCheckFrame = requestAnimationFrame(() => {
      this.bandCheckFrame = 0;
      if (!this.canvasMode || !this.plotSvg) return;
      const [top, bottom] = this.visibleBand(true);
      const [from, to] = this.paintedBand;
      // Lanes scrolled into view have no placed marks yet, or points stacked for an earlier zoom level: lay them out again.
      const uncovered = (top < from && from > 0) || (bottom > to && to < this.lanesHeight);
      if (uncovered || this.layoutCache?.hasStaleLanesIn([top - CANVAS_MARGIN, bottom + CANVAS_MARGIN])) this.requestUpdate();
    });
  }

  /** On scroll or resize, repaints the canvas once the screen reaches past the band it covers. */
  private handleScroll = (event: Event): void => {
    if (event.type === 'resize') this.viewportHeight = window.innerHeight;
    if (this.canvasMode && this.plotSvg) this.checkPaintedBand();
  };

  private printImage: SVGImageElement | null = null;
  private printSliceBox: HTMLDivElement | null = null;

  /**
   * A printed page lays the chart out anew and scales it (see the print styles), which the canvas,
   * painted for the lanes on screen in screen pixels, cannot follow. For printing, every lane's
   * dense marks go into the chart's SVG as one picture, which scales with it; the canvas is hidden.
   * A chart too tall to print well as one picture prints in slices of whole lanes instead, each as
   * wide as the page with the axis under it (chart/print-slices.ts chooses them, ./print.ts builds them).
   * Built here, not rendered by Lit: the page is laid out for print as soon as this event returns.
   */
  private readonly handleBeforePrint = (): void => {
    this.handleAfterPrint();
    const body = this.renderRoot.querySelector<SVGGElement>('#plot-body');
    const chart = this.renderRoot.querySelector('.chart');
    if (!body || !chart || this.width === 0) return;
    // Paper is printed light whatever the screen's theme (the tokens' dark values are for screens only),
    // and finer than a screen: the picture has two pixels a unit where that stays a modest canvas.
    const dense = this.denseCanvas(LIGHT_CANVAS_THEME, this.finePictureRatio(2));
    const lanesTop = this.lanesTop;
    const slices = printSlices(this.lanes, lanesTop, AXIS_HEIGHT, this.width);
    if (slices.length === 0) {
      const image = dense && printImage(dense, dense.y, dense.y + dense.height);
      if (image) body.append(image);
      this.printImage = image;
      return;
    }
    const axis = this.renderRoot.querySelector<SVGGElement>('svg.plot g.axis');
    const box = printSlicesBox({ slices, body, axis, dense, width: this.width, axisTop: lanesTop + this.lanesHeight, axisHeight: AXIS_HEIGHT, axisShift: MARGIN.left });
    chart.after(box);
    chart.parentElement?.classList.add('print-sliced');
    this.printSliceBox = box;
  };

  private readonly handleAfterPrint = (): void => {
    this.printImage?.remove();
    this.printImage = null;
    this.printSliceBox?.parentElement?.classList.remove('print-sliced');
    this.printSliceBox?.remove();
    this.printSliceBox = null;
  };

  /** The whole dense layer at full height, for the exported picture: in the screen's theme, as the rest of the picture. */
  private denseImage(ratio = 1): DenseImage | null {
    const dense = this.denseCanvas(this.themeColors(), ratio);
    return dense && { href: dense.canvas.toDataURL('image/png'), x: dense.x, y: dense.y, width: dense.width, height: dense.height };
  }

  /** Every lane's dense marks on one canvas (`ratio` pixels a unit), and where it goes in the chart; null when the marks are SVG. */
  private denseCanvas(theme = this.themeColors(), ratio = 1): DenseCanvas | null {
    if (!this.canvasMode) return null;
    const width = this.plotWidth;
    const height = this.lanesHeight;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx || !this.layoutCache) return null;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    // Every lane placed, not only those on screen.
    this.drawDenseLayer(ctx, 0, height, this.layoutCache.layout(this.view, width), theme);
    return { canvas, ratio, x: MARGIN.left, y: this.lanesTop, width, height };
  }

  /** The mark under the pointer when the canvas paints the marks (SVG marks find themselves). */
  private canvasHit(event: MouseEvent): MarkLayout | null {
    if (!this.canvasMode) return null;
    const box = this.plotSvg.getBoundingClientRect();
    const x = event.clientX - box.left - MARGIN.left;
    const y = event.clientY - box.top - this.lanesTop;
    const laneIndex = this.lanes.findIndex((lane) => y >= lane.top && y < lane.top + lane.height);
    if (laneIndex < 0) return null;
    return hitTest(this.lanes[laneIndex]!.marks, x, y - this.lanes[laneIndex]!.top);
  }

  /** The count ("+N") under the pointer, if it counts any marks: the marks, and where the pointer is in the lanes. */
  private countHit(event: MouseEvent): { members: MarkLayout[]; x: number; y: number } | null {
    if (!this.plotSvg || !this.layoutCache) return null;
    const box = this.plotSvg.getBoundingClientRect();
    const x = event.clientX - box.left - MARGIN.left;
    const y = event.clientY - box.top - this.lanesTop;
    const laneIndex = this.lanes.findIndex((lane) => y >= lane.top && y < lane.top + lane.height);
    const lane = this.lanes[laneIndex];
    if (!lane || x < 0 || x > this.plotWidth) return null;
    const row = lane.overflowRows.find((r) => Math.abs(y - lane.top - r.y) <= LANE_METRICS.row / 2);
    if (!row) return null;
    const members = this.layoutCache.countedAt(laneIndex, row.points, overflowBinAt(row, x));
    return members.length ? { members, x, y } : null;
  }

  protected override updated(changed: PropertyValues): void {
    if (!TlTimeline.onlyOverview(changed)) {
      this.paintCanvas();
      this.schedulePrestack();
    }
    // Where the plot sits on screen, measured early (while a file is still loading, say), so the first
    // dense paint covers the lanes on screen rather than guessing that the plot starts at the top.
    if (this.plotTopOnScreen === null && this.plotSvg && !this.topMeasureFrame) {
      this.topMeasureFrame = requestAnimationFrame(() => {
        this.topMeasureFrame = 0;
        if (this.plotTopOnScreen === null && this.plotSvg?.isConnected) this.visibleBand(true);
      });
    }
    const tip = this.renderRoot.querySelector<HTMLElement>('.tooltip');
    if (tip) {
      tip.style.top = `${this.tooltipPosition.top}px`;
      tip.style.left = `${this.tooltipPosition.left}px`;
    }
    const list = this.renderRoot.querySelector<HTMLElement>('.group-list');
    if (list && this.groupList) {
      list.style.top = `${this.groupList.top}px`;
      list.style.left = `${this.groupList.left}px`;
    }
    if (!this.zoomBehavior && this.plotSvg) this.setUpZoom();
    if (changed.has('width') || changed.has('events') || changed.has('initialView') || changed.has('cutoff')) this.syncBehaviours();
  }

  private setUpZoom(): void {
    if (!this.plotSvg || !this.overviewSvg) return;
    this.zoomBehavior = zoom<SVGSVGElement, unknown>()
      // A double-click zooms at once, like the buttons and keys: no animation to sit through (or
      // to be made sick by), and the build leaves d3-transition out (src/vendor/d3-transition-left-out.ts).
      .duration(0)
      .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => this.handleZoom(event));
    select(this.plotSvg).call(this.zoomBehavior);
    this.brushBehavior = brushX().on('brush end', (event: D3BrushEvent<unknown>) => this.handleBrush(event));
    this.syncBehaviours();
  }

  /** Re-sizes zoom and brush to the current width and re-applies the view, which is kept as dates. */
  private syncBehaviours(): void {
    if (!this.zoomBehavior || !this.brushBehavior || this.width === 0) return;
    const w = this.plotWidth;
    const h = this.plotHeight;
    this.zoomBehavior
      .extent([
        [0, 0],
        [w, h],
      ])
      .scaleExtent([1, maxZoomFactor(this.zoomLimits)])
      .translateExtent([
        [0, 0],
        [w, h],
      ]);
    this.brushBehavior.extent([
      [0, 0],
      [w, OVERVIEW_HEIGHT],
    ]);
    select(this.overviewSvg).select<SVGGElement>('g.brush').call(this.brushBehavior);
    this.applyView(this.view);
  }

  private applyView(range: TimeRange): void {
    if (!this.zoomBehavior || !this.plotSvg || !this.viewInitialised) {
      this.requestedView = range;
      this.view = range;
      return;
    }
    this.baseScale = scaleUtc().domain(this.zoomLimits).range([0, this.plotWidth]);
    this.zoomBehavior.transform(select(this.plotSvg), transformForView(this.baseScale, range));
  }

  private handleZoom(event: D3ZoomEvent<SVGSVGElement, unknown>): void {
    const before = this.view;
    const domain = event.transform.rescaleX(this.baseScale).domain();
    const from = domain[0]!.getTime();
    const to = domain[1]!.getTime();
    // Re-applying the window after new data or a resize gives it back to within rounding: keeping
    // the same value spares a second layout and paint of the whole chart.
    if (Math.abs(from - this.view[0]) >= 1 || Math.abs(to - this.view[1]) >= 1) {
      this.view = [from, to];
      // A list of a count's marks belongs to where the count was.
      this.groupList = null;
      this.tooltip = null;
    }
    if (!this.brushing && this.brushBehavior) {
      const g = select(this.overviewSvg).select<SVGGElement>('g.brush');
      this.brushBehavior.move(g, [this.baseScale(this.view[0]), this.baseScale(this.view[1])]);
    }
    // `user` tells the user's own zooming apart from re-fitting after a resize, new data or a link.
    const user = Boolean(event.sourceEvent) || this.userGesture || this.brushing;
    const settling = isContinuous(event.sourceEvent) || this.brushing;
    clearTimeout(this.settleTimer);
    if (settling) {
      if (!this.settling) this.announcedView = before;
      this.settling = true;
      this.settleTimer = setTimeout(() => this.settle(), SETTLE_MS);
    } else this.settling = false;
    this.dispatchViewChange(user, settling);
  }

  private dispatchViewChange(user: boolean, settling: boolean): void {
    const detail: ViewChangeDetail = { from: this.view[0], to: this.view[1], user, settling };
    this.dispatchEvent(new CustomEvent('tl-view-change', { detail, bubbles: true, composed: true }));
  }

  /**
   * While a gesture moves the window, the toolbar's live region keeps the window it started from
   * and catches up when the gesture pauses: a screen reader hears where the zoom ended, not every
   * frame of it. The visible range text follows every frame.
   */
  @state() private settling = false;

  private announcedView: TimeRange = [0, 1];

  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  private settle(): void {
    this.settling = false;
    this.dispatchViewChange(true, false);
  }

  private handleBrush(event: D3BrushEvent<unknown>): void {
    // Only gestures on the brush move the view; programmatic moves come from the zoom itself.
    if (!event.sourceEvent || !event.selection || !this.zoomBehavior) return;
    const [x0, x1] = event.selection as [number, number];
    if (x1 - x0 < 2) return;
    this.brushing = true;
    this.applyView([this.baseScale.invert(x0).getTime(), this.baseScale.invert(x1).getTime()]);
    this.brushing = false;
  }

  // ——— Keyboard and pointer ———

  // Every mark of a lane in time order, drawn or only counted: the keyboard's path through the chart.
  private markCount(lane: number): number {
    return this.layoutCache?.markCount(lane) ?? 0;
  }

  private markAt(lane: number, index: number): MarkLayout | null {
    return this.layoutCache?.markAt(lane, index) ?? null;
  }

  private locate(id: string | null): { lane: number; index: number } | null {
    return this.layoutCache?.find(id) ?? null;
  }

  /** The mark that holds the chart's single tab stop: the last one focused, else the first of the first lane with marks. */
  private get rovingPosition(): { lane: number; index: number } | null {
    const active = this.activeId ? this.locate(this.activeId) : null;
    if (active) return active;
    for (let lane = 0; lane < this.laneOrder.length; lane++) {
      if (this.markCount(lane) > 0) return { lane, index: 0 };
    }
    return null;
  }


  private laneIdFrom(event: Event): string | null {
    const header = event.composedPath().find((node) => node instanceof SVGGElement && node.classList.contains('lane-header')) as SVGGElement | undefined;
    return header?.dataset.lane ?? null;
  }

  private selectLane(clusterId: string): void {
    this.dispatchEvent(new CustomEvent('tl-lane-select', { detail: { clusterId }, bubbles: true, composed: true }));
  }

  private handleKeyDown(event: KeyboardEvent): void {
    const lane = this.laneIdFrom(event);
    if (lane) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.selectLane(lane);
      }
      return;
    }
    const current = this.rovingPosition;
    const key = event.key;
    let handled = true;
    if (key === '+' || key === '=') this.zoomAround(ZOOM_STEP, current);
    else if (key === '-' || key === '_') this.zoomAround(1 / ZOOM_STEP, current);
    else if (event.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight')) this.panBy(key === 'ArrowLeft' ? -0.2 : 0.2);
    else if (!current && (key === 'ArrowLeft' || key === 'ArrowRight')) this.panBy(key === 'ArrowLeft' ? -0.2 : 0.2);
    else if (!current) handled = false;
    else if (key === 'ArrowRight' || key === 'ArrowLeft') {
      const step = key === 'ArrowRight' ? 1 : -1;
      if (this.inOpenGroup(current)) {
        // Inside an opened group: every mark in time order, until a step leaves the group.
        this.moveFocus(this.markAt(current.lane, Math.max(0, Math.min(this.markCount(current.lane) - 1, current.index + step)))!);
      } else this.moveToStop(current.lane, this.stopOf(current) + step);
    } else if (key === 'ArrowDown' || key === 'ArrowUp') {
      const step = key === 'ArrowDown' ? 1 : -1;
      const time = this.markAt(current.lane, current.index)!.event.start.earliest;
      for (let lane = current.lane + step; lane >= 0 && lane < this.laneOrder.length; lane += step) {
        if (this.markCount(lane) === 0) continue;
        this.moveFocus(this.markAt(lane, this.layoutCache!.nearestIndex(lane, time))!);
        break;
      }
    } else if (key === 'PageDown' || key === 'PageUp') {
      // A screen's width at once, through a lane of thousands of events: the stop nearest to one
      // screen later (earlier), and at least the next (previous) one.
      this.moveToStop(current.lane, this.stopAScreenAway(current, key === 'PageDown' ? 1 : -1));
    } else if (key === 'Home' || key === 'End') {
      this.moveToStop(current.lane, key === 'Home' ? 0 : Infinity);
    } else if (key === 'Enter' || key === ' ') {
      if (this.focusesGroup(current)) this.expandGroup(current);
      else this.select(this.markAt(current.lane, current.index)!.event.id);
    } else if (key === 'Escape') {
      if (this.openGroup) {
        this.openGroup = null;
        this.refocus();
      } else this.select(null);
    }
    else handled = false;
    if (handled) event.preventDefault();
    if (handled && current && (key === '+' || key === '=' || key === '-' || key === '_' || event.shiftKey)) this.refocus();
  }

  /**
   * Keeps the keyboard's focus in the chart when the stop it is on changes form: a zoom can turn a
   * counted group into a mark drawn on its own (or back), and each is its own element.
   */
  private refocus(): void {
    void this.updateComplete.then(() => {
      const node = this.renderRoot.querySelector<SVGGElement>('g.mark[tabindex="0"]');
      if (node && (this.renderRoot as ShadowRoot).activeElement !== node) node.focus();
    });
  }

  /** The stop (see keyboard-stops.ts) a mark belongs to at the current zoom. */
  private stopOf(at: { lane: number; index: number }): number {
    return this.layoutCache?.stops(at.lane)?.stopOf[at.index] ?? at.index;
  }

  /** Focuses a lane's `stop`-th stop (clamped to the lane's stops): a mark, or a group through its earliest member. */
  private moveToStop(lane: number, stop: number): void {
    const stops = this.layoutCache?.stops(lane);
    if (!stops || stops.first.length === 0) return;
    const index = stops.first[Math.max(0, Math.min(stops.first.length - 1, stop))]!;
    this.moveFocus(this.markAt(lane, index)!);
  }

  private stopAScreenAway(at: { lane: number; index: number }, step: 1 | -1): number {
    const stops = this.layoutCache!.stops(at.lane)!;
    const from = stops.stopOf[at.index]!;
    const target = stops.x[from]! + step * this.plotWidth;
    let lo = 0;
    let hi = stops.x.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (stops.x[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const nearest = lo > 0 && (lo === stops.x.length || target - stops.x[lo - 1]! <= stops.x[lo]! - target) ? lo - 1 : lo;
    return step * (nearest - from) > 0 ? nearest : from + step;
  }

  private inOpenGroup(at: { lane: number; index: number }): boolean {
    const group = this.openGroup;
    return group !== null && group.lane === at.lane && group.ids.has(this.markAt(at.lane, at.index)!.event.id);
  }

  /** True when the keyboard's focus on this mark is on the counted group it belongs to. */
  private focusesGroup(at: { lane: number; index: number }): boolean {
    return this.markAt(at.lane, at.index)?.overflow === true && !this.inOpenGroup(at);
  }

  /** A counted group's members' marks, earliest first. */
  private groupMembers(at: { lane: number; index: number }): MarkLayout[] {
    const stops = this.layoutCache!.stops(at.lane)!;
    const stop = stops.stopOf[at.index]!;
    const members: MarkLayout[] = [];
    for (let k = stops.first[stop]!; k <= stops.last[stop]!; k++) if (stops.stopOf[k] === stop) members.push(this.markAt(at.lane, k)!);
    return members;
  }

  /**
   * Enter on a counted group: zooms in on its points so that they get rows of their own (the
   * focus stays on the earliest, drawn or in a smaller group). Where zooming cannot part them, the
   * group opens instead and the arrows step through its members.
   */
  private expandGroup(at: { lane: number; index: number }): void {
    const members = this.groupMembers(at);
    if (this.canPart(members)) this.zoomInOn(members);
    else this.openGroup = { lane: at.lane, ids: new Set(members.map((m) => m.event.id)) };
    this.moveFocus(members[0]!);
  }

  /** Whether zooming in can give counted marks rows of their own: points, until the closest zoom; never bars. */
  private canPart(members: readonly MarkLayout[]): boolean {
    const [limitFrom, limitTo] = this.zoomLimits;
    const closest = (limitTo - limitFrom) / maxZoomFactor(this.zoomLimits);
    return members.length > 0 && members[0]!.shape !== 'period' && this.view[1] - this.view[0] > closest * 1.05;
  }

  /** Zooms in on points (at least 4× closer), centred on where their glyphs are. */
  private zoomInOn(members: readonly MarkLayout[]): void {
    const [limitFrom, limitTo] = this.zoomLimits;
    const closest = (limitTo - limitFrom) / maxZoomFactor(this.zoomLimits);
    let from = Infinity;
    let to = -Infinity;
    for (const { event, shape } of members) {
      const at = shape === 'span' ? event.start.earliest : (event.start.earliest + eventSpan(event, this.cutoffTime).to) / 2;
      from = Math.min(from, at);
      to = Math.max(to, at);
    }
    const target = Math.max(closest, Math.min((this.view[1] - this.view[0]) / 4, (to - from) * 1.5));
    const middle = (from + to) / 2;
    this.asUser(() => this.applyView([middle - target / 2, middle + target / 2]));
  }

  /** A click on a count: zooms in on its points, or lists marks that zooming cannot part, to pick from. */
  private openCount({ members, x, y }: { members: MarkLayout[]; x: number; y: number }): void {
    if (this.canPart(members)) return this.zoomInOn(members);
    this.groupList = {
      top: this.lanesTop + y + 12,
      left: Math.max(0, Math.min(this.width - 320, MARGIN.left + x - 20)),
      members,
    };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.group-list li button')?.focus());
  }

  private closeGroupList(returnFocus: boolean): void {
    this.groupList = null;
    if (returnFocus) this.refocus();
  }

  private handleGroupListKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.closeGroupList(true);
  }

  private zoomAround(factor: number, at: { lane: number; index: number } | null): void {
    if (!this.zoomBehavior) return;
    const mark = at ? this.markAt(at.lane, at.index) : null;
    const x = scaleUtc().domain(this.view).range([0, this.plotWidth]);
    const visible = mark && mark.cx >= 0 && mark.cx <= this.plotWidth;
    const point: [number, number] = [visible ? x(mark.event.start.earliest) : this.plotWidth / 2, 0];
    this.asUser(() => this.zoomBehavior!.scaleBy(select(this.plotSvg), factor, point));
  }

  private panBy(fraction: number): void {
    const length = this.view[1] - this.view[0];
    this.asUser(() => this.applyView([this.view[0] + length * fraction, this.view[1] + length * fraction]));
  }

  private moveFocus(mark: MarkLayout): void {
    if (this.openGroup && !this.openGroup.ids.has(mark.event.id)) this.openGroup = null;
    this.activeId = mark.event.id;
    const span = eventSpan(mark.event, this.cutoffTime);
    const length = this.view[1] - this.view[0];
    // A bar reaching into the window is on screen already (and a group of bars counts it at the
    // window's edge); a point is where its glyph is, the middle of a coarse date's interval.
    const [viewFrom, viewTo] = this.view;
    const at = mark.shape === 'point' ? (span.from + span.to) / 2 : span.from;
    const offScreen = mark.shape === 'period' ? span.to < viewFrom || span.from > viewTo : at < viewFrom || at > viewTo;
    const anchor = offScreen ? at : null;
    if (anchor !== null) this.asUser(() => this.applyView(viewContaining(this.view, anchor, length * 0.1)));
    void this.updateComplete.then(() => {
      const node = this.renderRoot.querySelector<SVGGElement>(`g.mark[tabindex="0"]`);
      node?.focus();
      // A counted group has its name and no tooltip: the tooltip describes one event.
      if (node?.classList.contains('group')) this.tooltip = null;
      else this.showTooltipFor(mark.event.id);
    });
  }

  private select(id: string | null): void {
    if (id !== null) this.activeId = id;
    this.dispatchEvent(new CustomEvent('tl-event-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private markIdFrom(event: Event): string | null {
    const target = event.composedPath().find((node) => node instanceof SVGGElement && node.classList.contains('mark') && !node.classList.contains('group')) as SVGGElement | undefined;
    return target?.dataset.id ?? null;
  }

  private handleClick(event: MouseEvent): void {
    const lane = this.laneIdFrom(event);
    if (lane) return this.selectLane(lane);
    const onGroup = event.composedPath().some((node) => node instanceof SVGGElement && node.classList.contains('group'));
    const roving = this.rovingPosition;
    if (onGroup && roving) return this.expandGroup(roving);
    if (this.groupList) return this.closeGroupList(false);
    const count = this.markIdFrom(event) ? null : this.countHit(event);
    if (count) return this.openCount(count);
    const id = this.markIdFrom(event) ?? this.canvasHit(event)?.event.id ?? null;
    if (id) {
      this.activeId = id;
      this.select(id);
    }
  }

  private handlePointerOver(event: PointerEvent): void {
    const id = this.markIdFrom(event);
    if (id) this.showTooltipFor(id);
  }

  private hoverFrame = 0;

  /** On the canvas, hover is found by hit-testing, at most once per frame. */
  private handlePointerMove(event: PointerEvent): void {
    if (this.hoverFrame) return;
    this.hoverFrame = requestAnimationFrame(() => {
      this.hoverFrame = 0;
      // A count that a click zooms in on shows a pointer, as a mark does (not while dragging: finding
      // the count's group takes a pass over its lane, at a view that changes every frame).
      this.plotSvg?.classList.toggle('over-count', event.buttons === 0 && !this.markIdFrom(event) && this.countHit(event) !== null);
      if (!this.canvasMode) return;
      const hit = this.canvasHit(event);
      if (hit) this.showTooltipFor(hit.event.id);
      else if (this.tooltip && !this.chartFocused) this.tooltip = null;
    });
  }

  private handlePointerOut(event: PointerEvent): void {
    if (this.markIdFrom(event) && !this.chartFocused) this.tooltip = null;
  }

  private handleFocusIn(event: FocusEvent): void {
    this.chartFocused = true;
    const id = this.markIdFrom(event);
    if (id) {
      this.activeId = id;
      this.showTooltipFor(id);
    }
  }

  private handleFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && this.plotSvg?.contains(next)) return;
    this.chartFocused = false;
    this.tooltip = null;
  }

  private showTooltipFor(id: string): void {
    const at = this.locate(id);
    const mark = at && this.markAt(at.lane, at.index);
    if (!at || !mark) return;
    this.tooltip = { mark, laneTop: this.lanes[at.lane]!.top, color: this.laneOrder[at.lane]!.color };
  }

  // ——— Rendering ———

  private get bandLabelRows(): number {
    return this.bands.reduce((rows, band) => Math.max(rows, band.labelRow + 1), 0);
  }

  /** Where the lanes start in the chart: below the overlap labels' rows. */
  private get lanesTop(): number {
    return this.bandLabelRows * 16 + 4;
  }

  private layoutOverlapBands(): OverlapBand[] {
    const x = scaleUtc().domain(this.view).range([0, this.plotWidth]);
    const labels = this.overlaps.map((overlap) => {
      const names = overlap.clusters.map((id) => this.clusterLabels.get(id)?.replace(/^Cluster\s+/i, '') ?? id).join(', ');
      return msg(this.lang, 'overlapLabel', { clusters: names, range: formatOverlapRange(overlap, this.lang) });
    });
    const w = this.plotWidth;
    const boxes = this.overlaps.map((overlap, i) => {
      const start = overlapLabelX({ x0: x(overlap.from), x1: x(overlap.to), label: labels[i]! }, w);
      return { from: start, to: start + overlapLabelWidth(labels[i]!) };
    });
    const { rows } = stackIntervals(boxes, 6);
    return this.overlaps.map((overlap, i) => ({ x0: x(overlap.from), x1: x(overlap.to), label: labels[i]!, labelRow: rows[i]! }));
  }

  private get lanesHeight(): number {
    const last = this.lanes[this.lanes.length - 1];
    return last ? last.top + last.height : 60;
  }

  private get plotHeight(): number {
    return this.lanesTop + this.lanesHeight + AXIS_HEIGHT;
  }

  /**
   * What each lane draws this frame. The layout has already culled what is outside the window and
   * counted the overflow rows; when more marks are in view than SVG_MARK_LIMIT the canvas paints
   * them and the SVG keeps only the focused and the selected mark, so the keyboard still has a
   * focusable element.
   */
  private visibleLaneViews(roving: { lane: number; index: number } | null, group: GroupView | null): LaneView[] {
    const count = this.lanes.reduce((n, lane) => n + lane.inView, 0);
    this.canvasMode = count > SVG_MARK_LIMIT;
    const kept = [roving, this.selectedId ? this.locate(this.selectedId) : null].flatMap((at) => {
      const mark = at && this.markAt(at.lane, at.index);
      return mark ? [{ lane: at.lane, mark }] : [];
    });
    return this.lanes.map((layout, i) => {
      const lane = this.laneOrder[i]!;
      const drawn = this.canvasMode ? [] : layout.marks;
      const extra = kept.filter((k, index) => k.lane === i && kept.findIndex((o) => o.mark.event.id === k.mark.event.id) === index);
      const svgMarks = [...drawn, ...extra.map((k) => k.mark).filter((m) => !drawn.some((d) => d.event.id === m.event.id))];
      return {
        ...lane,
        layout,
        svgMarks,
        overflowInSvg: !this.canvasMode,
        group: group?.lane === i ? group : null,
        interactive: lane.id !== CONTEXT_LANE,
        // The name starts with all the header's visible text, so speech input can say what it sees (WCAG 2.5.3).
        headerLabel: msg(this.lang, 'laneDetails', { cluster: lane.attribution ? `${lane.heading} · ${lane.attribution}` : lane.heading }),
      };
    });
  }

  /** The focusable box over a counted group that holds the keyboard's focus, and its name. */
  private groupView(at: { lane: number; index: number }): GroupView | null {
    const group = this.layoutCache?.groupAt(at.lane, at.index);
    const mark = this.markAt(at.lane, at.index);
    if (!group || !mark) return null;
    const bins = overflowBinCount(this.plotWidth);
    const bin = Math.max(0, Math.min(bins - 1, group.bin));
    const from = formatSourceDate(group.earliest.start, this.lang);
    const to = formatSourceDate(group.latest.start, this.lang);
    const range = from === to ? from : `${from} – ${to}`;
    // The last bin's count may sit partly over the bin before it (see binLabels): the box covers it too.
    const x = bin === bins - 1 ? Math.max(0, Math.min(bin * OVERFLOW_BIN, this.plotWidth - overflowLabelWidth(group.size))) : bin * OVERFLOW_BIN;
    return {
      lane: at.lane,
      x,
      width: bin === bins - 1 ? this.plotWidth - x : OVERFLOW_BIN,
      y: mark.y,
      label: group.size === 1 ? msg(this.lang, 'countedGroupOne', { range }) : msg(this.lang, 'countedGroup', { count: String(group.size), range }),
    };
  }

  private markLabel = (mark: MarkLayout): string => {
    const event = mark.event;
    const date = formatDateRange(event.start, event.end, this.lang);
    const kind = kindLabel(this.lang, event.kind);
    return `${event.title}, ${date} (${kind}${event.contested ? `, ${msg(this.lang, 'contested')}` : ''})`;
  };

  override render() {
    if (this.width === 0) return html`<div class="sizer"></div>`;
    const w = this.plotWidth;
    const x = scaleUtc().domain(this.view).range([0, w]);
    const bands = this.bands;
    const lanesTop = this.lanesTop;
    const axisTop = lanesTop + this.lanesHeight;
    const ticks = chooseTicks(this.view, w, this.lang);
    const roving = this.rovingPosition;
    const rovingGroup = roving && this.focusesGroup(roving) ? this.groupView(roving) : null;
    const rovingId = roving && !rovingGroup ? this.markAt(roving.lane, roving.index)!.event.id : null;
    const frame = {
      width: w,
      activeId: rovingId,
      selectedId: this.selectedId,
      showFocus: this.chartFocused,
      markLabel: this.markLabel,
    };
    const laneViews: LaneView[] = this.visibleLaneViews(rovingGroup ? null : roving, rovingGroup);
    const rangeOf = (view: TimeRange) => `${formatSourceDate(sourceDateAt(view[0], 'month'), this.lang)} – ${formatSourceDate(sourceDateAt(view[1] - 1, 'month'), this.lang)}`;
    const rangeText = rangeOf(this.view);
    const announcedText = rangeOf(this.settling ? this.announcedView : this.view);

    return html`
      <figure class="timeline" aria-labelledby="timeline-title">
        <div class="toolbar">
          <figcaption id="timeline-title">${msg(this.lang, 'timelineLabel')}</figcaption>
          <span class="range" aria-hidden="true">${msg(this.lang, 'viewRange', { range: rangeText })}</span>
          <span class="visually-hidden" aria-live="polite">${msg(this.lang, 'viewRange', { range: announcedText })}</span>
          <div class="zoom-buttons" role="group" aria-label=${msg(this.lang, 'zoomControls')}>
            <button type="button" @click=${() => this.zoomBy(ZOOM_STEP)} aria-label=${msg(this.lang, 'zoomIn')} title=${msg(this.lang, 'zoomIn')}>+</button>
            <button type="button" @click=${() => this.zoomBy(1 / ZOOM_STEP)} aria-label=${msg(this.lang, 'zoomOut')} title=${msg(this.lang, 'zoomOut')}>−</button>
            <button type="button" @click=${() => this.fitAll()}>${msg(this.lang, 'fitAll')}</button>
            ${this.initialView
              ? html`<button type="button" @click=${() => this.asUser(() => this.applyView(padRange(this.initialView!, 0.012)))}>${msg(this.lang, 'resetView')}</button>`
              : nothing}
          </div>
        </div>
        <div class="chart">
          <!-- Focus listeners make an SVG focusable in Chromium: tabindex -1 keeps this unnamed box out of the tab order (marks and lane headers are the stops). -->
          <svg
            class="plot"
            tabindex="-1"
            width=${this.width}
            height=${axisTop + AXIS_HEIGHT}
            viewBox="0 0 ${this.width} ${axisTop + AXIS_HEIGHT}"
            @click=${this.handleClick}
            @keydown=${this.handleKeyDown}
            @pointerover=${this.handlePointerOver}
            @pointermove=${this.handlePointerMove}
            @pointerout=${this.handlePointerOut}
            @focusin=${this.handleFocusIn}
            @focusout=${this.handleFocusOut}
          >
            <defs>
              <clipPath id="plot-clip" clipPathUnits="userSpaceOnUse">
                <rect x="0" y="-100000" width=${w} height="200000"></rect>
              </clipPath>
              <pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <line class="hatch-line" x1="0" y1="0" x2="0" y2="6"></line>
              </pattern>
            </defs>
            <g id="plot-body"><g transform="translate(${MARGIN.left} 0)">
              <rect class="zoom-surface" x="0" y="0" width=${w} height=${axisTop + AXIS_HEIGHT}></rect>
              ${renderOverlapBands(bands, lanesTop, this.lanesHeight, w)}
              ${renderAxis(ticks.ticks, gridTimes(ticks, this.view), (t) => x(t), lanesTop, axisTop, w)}
              ${renderOverlapLabels(bands, w)}
              <g class="lanes" transform="translate(0 ${lanesTop})">${laneViews.map((lane) => renderLane(lane, frame))}</g>
              ${roving === null ? svg`<text class="empty" x="8" y=${lanesTop + 36}></text>` : nothing}
            </g></g>
          </svg>
          <canvas class="dense" aria-hidden="true" ?hidden=${!this.canvasMode}></canvas>
          ${this.renderTooltip(lanesTop)}${this.renderGroupList()}
        </div>
        ${this.renderOverview()}
        <p class="help">${msg(this.lang, 'keyboardHelp')}</p>
        ${renderLegend(this.lang, this.legendKinds)}
      </figure>
    `;
  }

  /** The marks of a count that zooming cannot part, each a button that selects its event. */
  private renderGroupList() {
    const list = this.groupList;
    if (!list) return nothing;
    const count = list.members.length;
    const heading = count === 1 ? msg(this.lang, 'countedHereOne') : msg(this.lang, 'countedHere', { count });
    return html`<div class="group-list" role="dialog" aria-label=${heading} @keydown=${this.handleGroupListKey}
      @focusout=${(e: FocusEvent) => !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null) && this.closeGroupList(false)}>
      <div class="group-list-head">
        <strong>${heading}</strong>
        <button type="button" @click=${() => this.closeGroupList(true)}>${msg(this.lang, 'dismiss')}</button>
      </div>
      <ul>
        ${list.members.map(
          (mark) => html`<li><button type="button" @click=${() => (this.closeGroupList(false), this.select(mark.event.id))}>${this.markLabel(mark)}</button></li>`,
        )}
      </ul>
    </div>`;
  }

  private renderTooltip(lanesTop: number) {
    const tip = this.tooltip;
    if (!tip) return nothing;
    const { event } = tip.mark;
    const top = lanesTop + tip.laneTop + tip.mark.y + 14;
    const left = Math.max(0, Math.min(this.width - 280, MARGIN.left + Math.max(0, tip.mark.cx) - 20));
    const cluster = this.laneOrder.find((l) => l.id === event.cluster)?.heading ?? event.cluster;
    const confidence = event.confidence ? msg(this.lang, `confidence_${event.confidence}`) : msg(this.lang, 'unstated');
    this.tooltipPosition = { top, left };
    return html`<div class="tooltip" role="tooltip">
      <strong>${event.title}</strong>
      <div>${formatDateRange(event.start, event.end, this.lang)} · ${kindLabel(this.lang, event.kind)}${event.contested ? html` · <em>${msg(this.lang, 'contested')}</em>` : nothing}</div>
      <div>${msg(this.lang, 'tooltipCluster')}: ${cluster}</div>
      <div>${msg(this.lang, 'tooltipConfidence')}: ${confidence}</div>
      ${event.sourceTitle || event.sourceUrl ? html`<div>${msg(this.lang, 'tooltipSource')}: ${event.sourceTitle || new URL(event.sourceUrl!).hostname}</div>` : nothing}
    </div>`;
  }

  private overviewCache: { key: unknown[]; url: string } | null = null;

  /** Bumped when the overview's picture is ready: an update for that alone re-renders the strip, with no new layout or canvas paint. */
  @state() private overviewVersion = 0;

  private static onlyOverview(changed: PropertyValues): boolean {
    return changed.size === 1 && changed.has('overviewVersion');
  }

  /**
   * The overview's miniature of every event, painted once per data and width into an image:
   * it never changes while zooming, so redrawing thousands of lines per frame would be waste.
   */
  private overviewImage(width: number, rowHeight: number): string {
    const key = [this.laneOrder, width, this.baseScale.domain()[0]!.getTime(), this.baseScale.domain()[1]!.getTime()];
    if (this.overviewCache && this.overviewCache.key.every((part, i) => part === key[i])) return this.overviewCache.url;
    // Drawn and encoded once the chart has been painted, not in this render: until then the strip
    // keeps its previous picture, or shows none.
    const entry: { key: unknown[]; url: string } = { key, url: this.overviewCache?.url ?? '' };
    this.overviewCache = entry;
    void afterNextPaint().then(() => {
      if (this.overviewCache !== entry) return;
      entry.url = this.paintOverview(width, rowHeight);
      this.overviewVersion++;
    });
    return entry.url;
  }

  /** The overview's miniature as a PNG data URL. */
  private paintOverview(width: number, rowHeight: number): string {
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.round(OVERVIEW_HEIGHT * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return '';
    ctx.scale(ratio, ratio);
    const context = this.themeColors().context;
    const x = this.baseScale;
    const [domainFrom, domainTo] = x.domain().map((d) => d.getTime()) as [number, number];
    const pxPerMs = width / Math.max(1, domainTo - domainFrom);
    // Each lane's events as covered pixel columns (+1 where a span starts, -1 past its end): one
    // pass over the data and one rectangle per run of covered columns, whatever the data's size.
    const columns = Math.ceil(width) + 2;
    this.laneOrder.forEach((lane, laneIndex) => {
      const color = lane.color.startsWith('var(') ? context : lane.color;
      const y = 3 + laneIndex * rowHeight + rowHeight / 2;
      const operating = new Int32Array(columns);
      const other = new Int32Array(columns);
      for (const event of lane.events) {
        const from = event.start.earliest;
        const to = event.end === 'open' ? Math.max(this.cutoffTime, event.start.latest) : event.end === null ? event.start.latest : event.end.latest;
        const x0 = (from - domainFrom) * pxPerMs;
        const x1 = Math.max(x0 + 1.5, (to - domainFrom) * pxPerMs);
        const first = Math.max(0, Math.min(columns - 1, Math.floor(x0)));
        const last = Math.max(first + 1, Math.min(columns - 1, Math.ceil(x1)));
        const change = event.kind === 'operating' ? operating : other;
        change[first]! += 1;
        change[last]! -= 1;
      }
      for (const [change, alpha] of [
        [operating, 0.35],
        [other, 1],
      ] as const) {
        ctx.fillStyle = withAlpha(color, alpha);
        let covered = 0;
        let runStart = -1;
        for (let column = 0; column < columns; column++) {
          covered += change[column]!;
          if (covered > 0 && runStart < 0) runStart = column;
          else if (covered <= 0 && runStart >= 0) {
            ctx.fillRect(runStart, y - 1.5, column - runStart, 3);
            runStart = -1;
          }
        }
      }
    });
    return canvas.toDataURL('image/png');
  }

  private renderOverview() {
    const w = this.plotWidth;
    const x = this.baseScale;
    const laneCount = Math.max(1, this.laneOrder.length);
    const rowHeight = (OVERVIEW_HEIGHT - 6) / laneCount;
    const ticks = chooseTicks(x.domain().map((d) => d.getTime()) as [number, number], w, this.lang);
    return html`<svg class="overview" width=${this.width} height=${OVERVIEW_HEIGHT + 16} role="img" aria-label=${msg(this.lang, 'overviewLabel')}>
      <g transform="translate(${MARGIN.left} 0)">
        <rect class="overview-bg" width=${w} height=${OVERVIEW_HEIGHT}></rect>
        ${(() => {
          const href = this.overviewImage(w, rowHeight);
          return href ? svg`<image href=${href} x="0" y="0" width=${w} height=${OVERVIEW_HEIGHT}></image>` : nothing;
        })()}
        ${ticks.ticks.map((tick) =>
          svg`<text class="overview-tick" x=${x(tick.time) + 2} y=${OVERVIEW_HEIGHT + 12}>${tick.yearLabel ?? tick.label}</text>`,
        )}
        <g class="brush"></g>
      </g>
    </svg>`;
  }
}
