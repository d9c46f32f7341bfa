/**
 * The timeline as a standalone picture: the chart as drawn (every lane, the axis, the overlap
 * bands), the legend, a title and a source line, in one SVG whose styles are inlined as
 * presentation attributes and whose fonts are generic, so it renders the same in a browser,
 * Inkscape or a slide. PNG is the same SVG drawn onto a canvas.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Computed properties copied onto each element, so no stylesheet is needed. */
const PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'opacity',
  'font-size',
  'font-weight',
  'stop-color',
  'stop-opacity',
  'visibility',
] as const;

/** Elements that are there for interaction only. */
const DROP = '.focus-ring, .hit, .zoom-surface, .lane-header-bg';

function inlineStyles(source: Element, target: Element): void {
  const style = getComputedStyle(source);
  for (const property of PROPERTIES) {
    const value = style.getPropertyValue(property);
    if (value && value !== 'none' && !(property === 'visibility' && value === 'visible')) target.setAttribute(property, value);
    else if (value === 'none' && (property === 'fill' || property === 'stroke')) target.setAttribute(property, 'none');
  }
  if (source instanceof SVGTextElement || source instanceof SVGTSpanElement) target.setAttribute('font-family', FONT);
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length; i++) inlineStyles(sourceChildren[i]!, targetChildren[i]!);
}

/** A copy of a live SVG with its look inlined and its interactive-only parts and ARIA removed. */
function portableCopy(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.querySelectorAll(DROP).forEach((node) => node.remove());
  for (const node of [copy, ...copy.querySelectorAll('*')]) {
    for (const name of ['role', 'tabindex', 'aria-label', 'aria-pressed', 'aria-hidden', 'class', 'data-id', 'data-lane']) node.removeAttribute(name);
  }
  return copy;
}

function text(doc: Document, x: number, y: number, content: string, size: number, weight: string, fill: string): SVGTextElement {
  const node = doc.createElementNS(SVG_NS, 'text');
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(y));
  node.setAttribute('font-family', FONT);
  node.setAttribute('font-size', String(size));
  node.setAttribute('font-weight', weight);
  node.setAttribute('fill', fill);
  node.textContent = content;
  return node;
}

export interface ImageOptions {
  readonly title: string;
  readonly sourceLine: string;
  readonly background: string;
  readonly textColor: string;
  readonly mutedColor: string;
  /** The dense-data layer at full height, when a canvas paints the marks: it goes into the picture as an image. */
  readonly denseImage?: DenseImage | null;
}

/** A picture of the canvas layer and where it sits in the chart. */
export interface DenseImage {
  readonly href: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The chart as a standalone SVG document's text, with its size. */
export function timelineImage(parts: { root: ShadowRoot } & Omit<ImageOptions, 'title' | 'sourceLine'>, title: string, sourceLine: string): { text: string; width: number; height: number } {
  const { root, ...options } = parts;
  const svg = buildTimelineSvg(root, { ...options, title, sourceLine });
  return { text: serializeSvg(svg), width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) };
}

/**
 * Builds the picture from the timeline's rendered shadow root. The chart's own SVG already holds
 * every lane of the current filters across the current window; the legend is redrawn from its
 * swatches and labels.
 */
export function buildTimelineSvg(root: ShadowRoot, options: ImageOptions): SVGSVGElement {
  const plot = root.querySelector<SVGSVGElement>('svg.plot');
  if (!plot) throw new Error('the timeline has not been drawn yet');
  const doc = plot.ownerDocument;
  const width = Number(plot.getAttribute('width'));
  const plotHeight = Number(plot.getAttribute('height'));
  const margin = 24;
  const titleHeight = 34;
  const charWidth = 6.9; // at the 12px labels' size; enough to keep columns and lines apart

  const out = doc.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  const chart = portableCopy(plot);
  chart.setAttribute('x', String(margin));
  chart.setAttribute('y', String(margin + titleHeight));
  // Tick labels at the right edge reach past the plot; the margin leaves room for them.
  chart.setAttribute('overflow', 'visible');
  if (options.denseImage) {
    const image = doc.createElementNS(SVG_NS, 'image');
    const { href, x, y, width: w, height: h } = options.denseImage;
    image.setAttribute('x', String(x));
    image.setAttribute('y', String(y));
    image.setAttribute('width', String(w));
    image.setAttribute('height', String(h));
    image.setAttribute('href', href);
    chart.appendChild(image);
  }

  // Legend: each item's swatch (already an SVG) and its label, in columns.
  const items = [...root.querySelectorAll('.legend li')];
  const labels = items.map((item) => item.textContent?.trim().replace(/\s+/g, ' ') ?? '');
  const longest = labels.reduce((max, label) => Math.max(max, label.length), 0);
  const columnWidth = Math.max(220, 42 + longest * charWidth + 16);
  const columns = Math.max(1, Math.floor(width / columnWidth));
  const legendTop = margin + titleHeight + plotHeight + 18;
  const legend = doc.createElementNS(SVG_NS, 'g');
  legend.appendChild(text(doc, margin, legendTop, root.querySelector('.legend h3')?.textContent ?? '', 13, '600', options.textColor));
  items.forEach((item, index) => {
    const x = margin + (index % columns) * columnWidth;
    const y = legendTop + 10 + Math.floor(index / columns) * 22;
    const swatch = item.querySelector<SVGSVGElement>('svg.legend-swatch');
    if (swatch) {
      const copy = portableCopy(swatch);
      copy.setAttribute('x', String(x));
      copy.setAttribute('y', String(y));
      legend.appendChild(copy);
    }
    legend.appendChild(text(doc, x + 42, y + 12, labels[index]!, 12, '400', options.textColor));
  });
  const legendHeight = 24 + Math.ceil(items.length / columns) * 22;
  const sourceTop = legendTop + legendHeight + 10;
  const sourceLines = wrap(options.sourceLine, Math.max(40, Math.floor(width / (charWidth * 0.96))));
  const height = sourceTop + (sourceLines.length - 1) * 16 + margin;

  out.setAttribute('width', String(width + 2 * margin));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width + 2 * margin} ${height}`);
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', options.background);
  out.append(
    background,
    text(doc, margin, margin + 18, options.title, 18, '700', options.textColor),
    chart,
    legend,
    ...sourceLines.map((line, i) => text(doc, margin, sourceTop + i * 16, line, 11.5, '400', options.mutedColor)),
  );
  return out;
}

/** Breaks a line at spaces (or inside a long URL) so that no line is longer than `max` characters. */
export function wrap(line: string, max: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    for (let piece = word; piece.length > 0; ) {
      const room = current ? max - current.length - 1 : max;
      if (piece.length <= room) {
        current = current ? `${current} ${piece}` : piece;
        piece = '';
      } else if (current) {
        lines.push(current);
        current = '';
      } else {
        lines.push(piece.slice(0, max));
        piece = piece.slice(max);
      }
    }
  }
  if (current) lines.push(current);
  return lines;
}

export function serializeSvg(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

/** Draws the SVG on a canvas at `scale` times its size and returns a PNG. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
