import { css } from 'lit';

export const timelineStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
  }
  figure {
    margin: 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    margin-bottom: 0.4em;
  }
  figcaption {
    font-weight: 600;
    font-size: 1.05em;
  }
  .range {
    color: var(--tl-muted);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .zoom-buttons {
    display: flex;
    gap: 0.3em;
    margin-left: auto;
  }
  .zoom-buttons button {
    min-width: 2.2em;
  }
  .chart {
    position: relative;
  }
  svg {
    display: block;
    overflow: visible;
    font-family: var(--tl-font);
  }
  svg.plot {
    /* Vertical swipes still scroll the page; horizontal drags and pinches go to d3-zoom. */
    touch-action: pan-y;
    cursor: grab;
    user-select: none;
    -webkit-user-select: none;
  }
  svg.plot:active {
    cursor: grabbing;
  }
  .print-dense {
    display: none;
  }
  .print-slices {
    display: none;
  }
  /* Each slice shows only its stretch of the chart: the chart's own SVG lets ticks overflow, a slice must not.
     Its axis may, as the chart's does, so that the last year's label is not cut. */
  svg.print-slice-view {
    overflow: hidden;
  }
  svg.print-slice-axis {
    overflow: visible;
  }
  @media print {
    .print-dense {
      display: inline;
    }
    /* A tall chart prints in slices of whole lanes (see handleBeforePrint), each as wide as the page. */
    .print-sliced svg.plot {
      display: none !important;
    }
    .print-slices {
      display: block;
    }
    svg.print-slice {
      display: block;
      width: 100%;
      height: auto;
      max-height: 186mm;
      break-inside: avoid;
      margin-bottom: 2mm;
    }
    /* The first slice shares the first page with the title (see PRINT_LIMITS): a lane too tall for
       that, from a narrow screen, is printed smaller rather than leaving the page empty. */
    svg.print-slice:first-child {
      max-height: 150mm;
    }
  }
  canvas.dense {
    position: absolute;
    pointer-events: none;
  }
  .overflow-count {
    font-size: 10.5px;
    font-weight: 600;
    fill: var(--tl-muted);
  }
  .zoom-surface {
    fill: transparent;
  }
  .lane-bg {
    fill: transparent;
  }
  .lane:nth-child(even) .lane-bg {
    fill: var(--tl-surface);
    fill-opacity: 0.6;
  }
  .lane-rule {
    stroke: var(--tl-border);
    stroke-width: 1;
  }
  .lane-header-bg {
    fill: var(--tl-bg);
    fill-opacity: 0.85;
  }
  .lane-header[role='button'] {
    cursor: pointer;
    outline: none;
  }
  .lane-header[role='button']:hover .lane-title,
  .lane-header[role='button']:focus-visible .lane-title {
    text-decoration: underline;
  }
  .lane-header[role='button']:focus-visible .lane-header-bg {
    stroke: var(--tl-focus);
    stroke-width: 3;
  }
  .lane-header text {
    font-size: 13px;
    fill: var(--tl-text);
  }
  .lane-title {
    font-weight: 600;
  }
  .lane-attribution {
    fill: var(--tl-muted);
  }
  .mark,
  svg.over-count {
    cursor: pointer;
  }
  .mark {
    outline: none;
  }
  .mark .hit {
    fill: transparent;
  }
  /* Over a "+N" count, unseen: the count shows through, and the focus ring marks it when focused. */
  .group-box {
    fill: transparent;
  }
  .glyph {
    stroke: var(--tl-mark-outline);
    stroke-width: 1.2;
  }
  .bracket {
    fill: none;
    stroke: var(--tl-text);
    stroke-width: 1.2;
  }
  .span-range {
    fill: none;
    stroke-width: 2.5;
    stroke-opacity: 0.85;
  }
  .approx-edge {
    stroke: var(--tl-text);
    stroke-width: 1.5;
    stroke-dasharray: 2 2;
  }
  .open-end {
    stroke: var(--tl-bg);
    stroke-width: 1;
  }
  .hatch {
    fill: url(#hatch);
  }
  .hatch-line {
    stroke: var(--tl-text);
    stroke-width: 1.5;
    stroke-opacity: 0.55;
  }
  .contested-mark {
    font-size: 11px;
    font-weight: 700;
    fill: var(--tl-text);
  }
  .focus-ring,
  .selection-ring {
    fill: none;
    pointer-events: none;
  }
  .focus-ring {
    stroke: var(--tl-focus);
    stroke-width: 3;
  }
  .selection-ring {
    stroke: var(--tl-text);
    stroke-width: 2;
    stroke-dasharray: 4 2;
  }
  .mark.selected .glyph {
    stroke: var(--tl-text);
    stroke-width: 2;
  }
  .overlap-band {
    fill: var(--tl-overlap);
  }
  .overlap-edge {
    stroke: var(--tl-overlap-edge);
    stroke-width: 1;
    stroke-dasharray: 3 3;
  }
  .overlap-label {
    font-size: 11.5px;
    font-weight: 600;
    fill: var(--tl-overlap-edge);
  }
  .grid line {
    stroke: var(--tl-grid);
    stroke-width: 1;
  }
  .grid line.major {
    stroke: var(--tl-grid-major);
  }
  .axis line {
    stroke: var(--tl-muted);
  }
  .axis-line {
    stroke: var(--tl-border);
  }
  .tick-label,
  .tick-year {
    font-size: 11.5px;
    fill: var(--tl-muted);
    font-variant-numeric: tabular-nums;
  }
  .tick-year {
    font-weight: 600;
    fill: var(--tl-text);
  }
  /* The list of a count's events, a card like the tooltip (below), but one that takes clicks. */
  .group-list {
    z-index: 3;
    width: min(320px, 100%);
    max-height: 260px;
    overflow: auto;
    padding: 0.4em 0.5em;
  }
  .group-list-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  .group-list ul {
    list-style: none;
    margin: 0.3em 0 0;
    padding: 0;
  }
  .group-list li button {
    display: block;
    width: 100%;
    text-align: left;
    border: none;
    border-radius: 4px;
    background: transparent;
    padding: 0.25em 0.35em;
    min-height: 0;
  }
  .group-list li button:hover {
    background: var(--tl-surface);
  }
  .tooltip,
  .group-list {
    position: absolute;
    background: var(--tl-bg);
    color: var(--tl-text);
    border: 1px solid var(--tl-border);
    border-radius: 6px;
    box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18);
    font-size: 0.82em;
  }
  .tooltip {
    z-index: 2;
    max-width: 280px;
    padding: 0.45em 0.6em;
    line-height: 1.35;
    pointer-events: none;
  }
  .tooltip strong {
    display: block;
    margin-bottom: 0.15em;
  }
  svg.overview {
    margin-top: 0.5em;
  }
  .overview-bg {
    fill: var(--tl-surface);
    stroke: var(--tl-border);
  }
  .overview-tick {
    font-size: 10.5px;
    fill: var(--tl-muted);
  }
  .brush .selection {
    fill: var(--tl-accent);
    fill-opacity: 0.15;
    stroke: var(--tl-accent);
    stroke-width: 1.5;
  }
  .brush .handle {
    fill: var(--tl-accent);
    fill-opacity: 0.5;
  }
  .help {
    margin: 0.4em 0 0;
    font-size: 0.8em;
    color: var(--tl-muted);
  }
  .legend {
    margin-top: 0.6em;
    font-size: 0.82em;
  }
  .legend h3 {
    font-size: 0.9em;
    margin: 0 0 0.3em;
  }
  .legend ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
    gap: 0.25em 1em;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.45em;
  }
  .legend-swatch {
    flex: none;
  }
  .legend-operating {
    fill: var(--tl-text);
    fill-opacity: 0.3;
  }
  .legend-activity {
    fill: var(--tl-text);
    fill-opacity: 0.75;
  }
  .legend-stop {
    stop-color: var(--tl-text);
  }
  .legend-span {
    fill: none;
    stroke: var(--tl-text);
    stroke-width: 2;
  }
  .legend-arrow,
  .legend-glyph {
    fill: var(--tl-text);
  }
  @media (forced-colors: active) {
    .bar,
    .legend-activity,
    .legend-operating {
      fill: CanvasText;
    }
    .glyph,
    .open-end,
    .legend-glyph,
    .legend-arrow {
      fill: CanvasText;
      stroke: Canvas;
    }
    .focus-ring {
      stroke: Highlight;
    }
  }
  @media print {
    .zoom-buttons,
    svg.overview,
    .help,
    .tooltip,
    canvas.dense {
      display: none !important;
    }
    /* The chart scales through its viewBox: as wide as the page, but never taller than most of it,
       so the title, the chart and the start of the legend share the first page. */
    svg.plot {
      width: auto;
      height: auto;
      max-width: 100%;
      max-height: 135mm;
      break-inside: avoid;
    }
    .toolbar {
      break-after: avoid;
    }
    .lane:nth-child(even) .lane-bg {
      fill: #f2f2f2;
    }
    .legend ul {
      grid-template-columns: repeat(3, 1fr);
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .tooltip {
      animation: fade-in 120ms ease-out;
    }
    @keyframes fade-in {
      from {
        opacity: 0;
      }
    }
  }
`;
