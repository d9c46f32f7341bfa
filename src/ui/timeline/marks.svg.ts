import { nothing, svg, type SVGTemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { glyphForKind, glyphPath } from '../../chart/glyphs';
import type { LaneLayout, MarkLayout } from '../../chart/layout';
import type { Tick } from '../../chart/ticks';

/** What the lane and mark templates need to know about the current frame. */
export interface FrameContext {
  readonly width: number;
  readonly activeId: string | null;
  readonly selectedId: string | null;
  readonly showFocus: boolean;
  readonly markLabel: (mark: MarkLayout) => string;
}

/** A counted group that holds the keyboard's focus: a box over its bin in the overflow row. */
export interface GroupView {
  readonly lane: number;
  readonly x: number;
  readonly width: number;
  /** Centre of the overflow row, relative to the top of the lane. */
  readonly y: number;
  readonly label: string;
}

export interface LaneView {
  /** The marks drawn as SVG (all visible ones, or only the focused and selected when a canvas draws the rest). */
  readonly svgMarks: readonly MarkLayout[];
  /** False when the canvas draws the overflow counts with the marks. */
  readonly overflowInSvg: boolean;
  readonly id: string;
  readonly heading: string;
  /** True for cluster lanes: the header opens the cluster's detail panel. */
  readonly interactive: boolean;
  readonly headerLabel: string;
  readonly attribution: string;
  readonly color: string;
  readonly layout: LaneLayout;
  /** The counted group holding the keyboard's focus, when it is in this lane. */
  readonly group: GroupView | null;
}

const BAR_HEIGHT = { operating: 8, activity: 14 } as const;
const FADED_OPACITY = 0.06;

/** Keeps huge zoomed-in coordinates inside what SVG renders reliably. */
function clampX(x: number, width: number): number {
  return Math.max(-50, Math.min(width + 50, x));
}

/** Below this chart width the lane header shows the cluster's name only; the attribution is in its panel. */
const ATTRIBUTION_MIN_WIDTH = 560;

export function renderLane(lane: LaneView, frame: FrameContext): SVGTemplateResult {
  const { layout } = lane;
  const attribution = frame.width >= ATTRIBUTION_MIN_WIDTH ? lane.attribution : '';
  return svg`<g class="lane" role="group" aria-label=${lane.heading} data-lane=${lane.id} transform="translate(0 ${layout.top})">
    <rect class="lane-bg" x="0" y="0" width=${frame.width} height=${layout.height}></rect>
    <line class="lane-rule" x1="0" x2=${frame.width} y1=${layout.height} y2=${layout.height}></line>
    <g clip-path="url(#plot-clip)">${repeat(
      lane.svgMarks,
      (mark) => mark.event.id,
      (mark) => renderMark(mark, lane.color, frame),
    )}${(lane.overflowInSvg ? layout.overflowRows : []).map((row) =>
      row.bins.map(([x, count]) => svg`<text class="overflow-count" aria-hidden="true" x=${x} y=${row.y + 4}>+${count}</text>`),
    )}${lane.group ? renderGroup(lane.group, frame) : nothing}</g>
    <g class="lane-header" clip-path="url(#plot-clip)" data-lane=${lane.id}
      role=${lane.interactive ? 'button' : nothing} tabindex=${lane.interactive ? 0 : nothing}
      aria-label=${lane.interactive ? lane.headerLabel : nothing} aria-hidden=${lane.interactive ? nothing : 'true'}>
      <rect class="lane-header-bg" x="0" y="1" width=${Math.min(frame.width, 26 + 6.9 * (lane.heading.length + (attribution ? attribution.length + 3 : 0)))} height="19"></rect>
      <rect class="lane-swatch" x="6" y="5" width="10" height="10" rx="2" fill=${lane.color}></rect>
      <text x="22" y="15"><tspan class="lane-title">${lane.heading}</tspan>${attribution ? svg`<tspan class="lane-attribution"> · ${attribution}</tspan>` : nothing}</text>
    </g>
  </g>`;
}

function renderMark(mark: MarkLayout, color: string, frame: FrameContext): SVGTemplateResult {
  const { event } = mark;
  const active = frame.activeId === event.id;
  const selected = frame.selectedId === event.id;
  const classes = `mark ${mark.shape} kind-${cssToken(event.kind)}${selected ? ' selected' : ''}${event.contested ? ' contested' : ''}`;
  return svg`<g class=${classes} data-id=${event.id} role="button" tabindex=${active ? 0 : -1}
      aria-label=${frame.markLabel(mark)} aria-pressed=${selected ? 'true' : 'false'}
      transform="translate(0 ${mark.y})">
    ${mark.shape === 'period' ? renderPeriod(mark, color, frame.width) : mark.shape === 'span' ? renderSpan(mark, color, frame.width) : renderPoint(mark, color, frame.width)}
    ${selected || (active && frame.showFocus) ? renderRing(mark, frame.width, active && frame.showFocus ? 'focus-ring' : 'selection-ring') : nothing}
    ${selected && active && frame.showFocus ? renderRing(mark, frame.width, 'selection-ring') : nothing}
  </g>`;
}

function renderPeriod(mark: MarkLayout, color: string, width: number): SVGTemplateResult {
  const { event } = mark;
  const height = event.kind === 'operating' ? BAR_HEIGHT.operating : BAR_HEIGHT.activity;
  const opacity = event.kind === 'operating' ? 0.38 : 0.92;
  const x0 = clampX(mark.x0, width);
  const x1 = clampX(mark.x1, width);
  const gradientId = `fade-${cssToken(event.id)}`;
  const startFaded = mark.fadeIn > 0;
  const endFaded = mark.fadeOut < 1;
  const end = event.end;
  const endApproximate = end !== null && end !== 'open' && end.approximate;
  return svg`
    <linearGradient id=${gradientId} gradientUnits="userSpaceOnUse" x1=${mark.x0} x2=${mark.x1} y1="0" y2="0">
      <stop offset="0" stop-color=${color} stop-opacity=${startFaded ? FADED_OPACITY : opacity}></stop>
      <stop offset=${mark.fadeIn} stop-color=${color} stop-opacity=${opacity}></stop>
      <stop offset=${mark.fadeOut} stop-color=${color} stop-opacity=${opacity}></stop>
      <stop offset="1" stop-color=${color} stop-opacity=${endFaded ? FADED_OPACITY : opacity}></stop>
    </linearGradient>
    <rect class="bar" x=${x0} y=${-height / 2} width=${Math.max(1, x1 - x0)} height=${height} fill="url(#${gradientId})"></rect>
    ${event.contested ? svg`<rect class="hatch" x=${x0} y=${-height / 2} width=${Math.max(1, x1 - x0)} height=${height}></rect>` : nothing}
    ${event.start.approximate ? svg`<line class="approx-edge" x1=${mark.x0} x2=${mark.x0} y1=${-height / 2 - 3} y2=${height / 2 + 3}></line>` : nothing}
    ${endApproximate ? svg`<line class="approx-edge" x1=${mark.x1} x2=${mark.x1} y1=${-height / 2 - 3} y2=${height / 2 + 3}></line>` : nothing}
    ${mark.open ? svg`<path class="open-end" fill=${color} d="M${x1},${-height / 2 - 3}L${x1 + 8},0L${x1},${height / 2 + 3}Z"></path>` : nothing}
    <rect class="hit" x=${x0} y="-8" width=${Math.max(8, x1 - x0)} height="16"></rect>`;
}

function renderSpan(mark: MarkLayout, color: string, width: number): SVGTemplateResult {
  const x0 = clampX(mark.x0, width);
  const x1 = clampX(mark.x1, width);
  return svg`
    <path class="span-range" stroke=${color} d="M${x0},-4V4M${x0},0H${x1}M${x1},-4V4"></path>
    ${renderGlyph(mark, color, mark.x0)}
    <rect class="hit" x=${x0 - 7} y="-8" width=${Math.max(14, x1 - x0 + 7)} height="16"></rect>`;
}

function renderPoint(mark: MarkLayout, color: string, width: number): SVGTemplateResult {
  const showBracket = mark.coarse && mark.x1 - mark.x0 >= 4;
  const x0 = clampX(mark.x0, width);
  const x1 = clampX(mark.x1, width);
  return svg`
    ${showBracket ? svg`<path class="bracket" d="M${x0},3V7H${x1}V3"></path>` : nothing}
    ${renderGlyph(mark, color, mark.cx)}
    <rect class="hit" x=${Math.min(x0, mark.cx - 7)} y="-8" width=${Math.max(14, x1 - x0)} height="16"></rect>`;
}

function renderGlyph(mark: MarkLayout, color: string, cx: number): SVGTemplateResult {
  const { event } = mark;
  return svg`<path class="glyph" fill=${color} transform="translate(${cx} 0)" d=${glyphPath(glyphForKind(event.kind), 12)}></path>
    ${event.contested ? svg`<text class="contested-mark" x=${cx + 7} y="-2">?</text>` : nothing}`;
}

/** The keyboard's stop on a counted group: Enter shows its members (see TlTimeline.expandGroup). */
function renderGroup(group: GroupView, frame: FrameContext): SVGTemplateResult {
  return svg`<g class="mark group" role="button" tabindex="0" aria-label=${group.label} transform="translate(0 ${group.y})">
    <rect class="group-box" x=${group.x} y="-8" width=${group.width} height="16" rx="3"></rect>
    ${frame.showFocus ? svg`<rect class="focus-ring" x=${Math.max(0, group.x - 2)} y="-10" width=${Math.min(group.width + 4, frame.width - Math.max(0, group.x - 2))} height="20" rx="4"></rect>` : nothing}
  </g>`;
}

function renderRing(mark: MarkLayout, width: number, className: string): SVGTemplateResult {
  if (mark.shape === 'point') return svg`<circle class=${className} cx=${mark.cx} cy="0" r="10"></circle>`;
  const x0 = clampX(mark.x0, width) - 4;
  const x1 = clampX(mark.x1, width) + (mark.open ? 10 : 4);
  return svg`<rect class=${className} x=${x0} y="-10" width=${Math.max(12, x1 - x0)} height="20" rx="4"></rect>`;
}

export interface OverlapBand {
  readonly x0: number;
  readonly x1: number;
  readonly label: string;
  readonly labelRow: number;
}

export function renderOverlapBands(bands: readonly OverlapBand[], top: number, height: number, width: number): SVGTemplateResult {
  return svg`<g class="overlaps" aria-hidden="true">
    ${bands.map((band) => {
      // Kept inside the plot: a band reaching past its edges would paint over the page beside the chart.
      if (band.x1 < 0 || band.x0 > width) return nothing;
      const x0 = Math.max(0, band.x0);
      const x1 = Math.min(width, band.x1);
      return svg`<rect class="overlap-band" x=${x0} y=${top} width=${Math.max(1, x1 - x0)} height=${height}></rect>
        ${band.x0 >= 0 ? svg`<line class="overlap-edge" x1=${x0} x2=${x0} y1=${top} y2=${top + height}></line>` : nothing}
        ${band.x1 <= width ? svg`<line class="overlap-edge" x1=${x1} x2=${x1} y1=${top} y2=${top + height}></line>` : nothing}`;
    })}
  </g>`;
}

/** Rough width of a label at the overlap labels' font size; enough to keep labels apart and on screen. */
export function overlapLabelWidth(label: string): number {
  return label.length * 6.6 + 8;
}

/** Where an overlap's label starts: at the band's left edge, pulled left when it would run off the chart. */
export function overlapLabelX(band: { x0: number; x1: number; label: string }, width: number): number {
  const start = Math.max(4, band.x0 + 4);
  const overflow = start + overlapLabelWidth(band.label) - width;
  return overflow > 0 ? Math.max(4, start - overflow) : start;
}

export function renderOverlapLabels(bands: readonly OverlapBand[], width: number): SVGTemplateResult {
  return svg`<g class="overlap-labels">
    ${bands.map((band) => {
      if (band.x1 < 0 || band.x0 > width) return nothing;
      return svg`<text class="overlap-label" x=${overlapLabelX(band, width)} y=${band.labelRow * 16 + 13}>${band.label}</text>`;
    })}
  </g>`;
}

export function renderAxis(
  ticks: readonly Tick[],
  grid: readonly number[],
  x: (time: number) => number,
  gridTop: number,
  axisTop: number,
  width: number,
): SVGTemplateResult {
  return svg`
    <g class="grid" aria-hidden="true">
      ${grid.map((time) => {
        const px = x(time);
        return px < 0 || px > width ? nothing : svg`<line class=${isYearStart(time) ? 'major' : ''} x1=${px} x2=${px} y1=${gridTop} y2=${axisTop}></line>`;
      })}
    </g>
    <g class="axis" aria-hidden="true" transform="translate(0 ${axisTop})">
      <line class="axis-line" x1="0" x2=${width} y1="0" y2="0"></line>
      ${ticks.map((tick) => {
        const px = x(tick.time);
        if (px < -1 || px > width + 1) return nothing;
        return svg`<g transform="translate(${px} 0)">
          <line y2="5"></line>
          <text class="tick-label" x="3" y="17">${tick.label}</text>
          ${tick.yearLabel ? svg`<text class="tick-year" x="3" y="31">${tick.yearLabel}</text>` : nothing}
        </g>`;
      })}
    </g>`;
}

function isYearStart(time: number): boolean {
  const d = new Date(time);
  return d.getUTCMonth() === 0 && d.getUTCDate() === 1;
}

/** Ids and kinds come from the data: escape every character that is not safe in a class or an id (one-to-one). */
export function cssToken(value: string): string {
  return value.replace(/[^a-zA-Z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`);
}
